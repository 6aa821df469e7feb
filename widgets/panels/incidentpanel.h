#pragma once

#include "map/mapscene.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <QWidget>

class QTableView;
class QCheckBox;
class QLabel;

namespace cityops {

/// Incidents as table rows, most urgent first (severity, then oldest).
class IncidentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Kind, Where, District, Since, ColumnCount };

    explicit IncidentTableModel(const MapScene &scene, QObject *parent = nullptr);

    void setShowResolved(bool show);
    /// Re-reads the scene's incidents (called when the IncidentBook version moves).
    void reload();
    /// Refreshes the "since" column only (called each second).
    void tick();
    IncidentId incidentAt(int row) const;
    int rowOf(IncidentId id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const MapScene &m_scene;
    QTimeZone m_zone;
    bool m_showResolved = false;
    std::vector<Incident> m_rows;
};

/// The incident list: open incidents, optionally the recently resolved, with a count per severity.
class IncidentPanel : public QWidget {
    Q_OBJECT
public:
    explicit IncidentPanel(const MapScene &scene, QWidget *parent = nullptr);

    IncidentTableModel *model() { return m_model; }
    QTableView *view() { return m_view; }
    void reload();
    void tick();
    /// Highlights the row of an incident selected elsewhere (the map).
    void showSelection(const MapSelection &selection);

Q_SIGNALS:
    /// The operator picked an incident (click, or Enter on a row).
    void incidentActivated(cityops::IncidentId id);

private:
    void updateSummary();

    const MapScene &m_scene;
    IncidentTableModel *m_model;
    QTableView *m_view;
    QCheckBox *m_showResolved;
    QLabel *m_summary;
    bool m_syncing = false;
};

} // namespace cityops
