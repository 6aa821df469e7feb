#pragma once

#include "citymirror.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <QWidget>

class QFontMetrics;
class QTableView;
class QCheckBox;
class QLabel;
class QPushButton;

namespace cityops {

class OpsClient;

/// Incidents as table rows, most urgent first: escalated, then severity, then the nearest SLA deadline.
class IncidentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Kind, State, Sla, Since, Where, ColumnCount };

    explicit IncidentTableModel(const CityMirror &scene, QObject *parent = nullptr);

    void setShowResolved(bool show);
    /// Only incidents of these districts (a responder's queue); empty = all.
    void setDistricts(const QList<int> &districts);
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
    QString whereOf(const Incident &i) const;

    const CityMirror &m_scene;
    QTimeZone m_zone;
    bool m_showResolved = false;
    QList<int> m_districts;
    std::vector<Incident> m_rows;
    mutable QHash<IncidentId, QString> m_where;   ///< street and district, found once per incident
};

/// The incident list and the lifecycle actions on the selected incident: open incidents (optionally the recently
/// resolved), a responder's district queue, one key per step (A acknowledge, D dispatch, O on scene, R resolve,
/// C close, N note). Buttons mirror what the signed-in person may do; the backend decides.
class IncidentPanel : public QWidget {
    Q_OBJECT
public:
    /// The place column is never narrower than this: a street name a line (18 average characters).
    static int leastPlaceWidth(const QFontMetrics &metrics);
    explicit IncidentPanel(const CityMirror &scene, QWidget *parent = nullptr);

    IncidentTableModel *model() { return m_model; }
    QTableView *view() { return m_view; }
    void reload();
    void tick();
    /// Highlights the row of an incident selected elsewhere (the map).
    void showSelection(const MapSelection &selection);
    /// Enables the lifecycle actions, made as the client's actor.
    void setOps(OpsClient *ops);
    IncidentId currentIncident() const;
    /// Requests a lifecycle step for the selected incident.
    void requestStep(IncidentState to);
    void addNote();

Q_SIGNALS:
    /// The operator picked an incident (click, or Enter on a row).
    void incidentActivated(cityops::IncidentId id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateSummary();
    /// The place takes the room the other columns leave, at least leastPlaceWidth().
    void fitPlaceColumn();
    void updateActions();

    const CityMirror &m_scene;
    IncidentTableModel *m_model;
    QTableView *m_view;
    QCheckBox *m_showResolved;
    QCheckBox *m_myQueue;
    QLabel *m_summary;
    OpsClient *m_ops = nullptr;
    std::vector<std::pair<IncidentState, QPushButton *>> m_stepButtons;
    QPushButton *m_noteButton = nullptr;
    bool m_syncing = false;
};

} // namespace cityops
