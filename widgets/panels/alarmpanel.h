#pragma once

#include "citymirror.h"
#include "state/alarmsummary.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace cityops {

class LiveCity;
class OpsClient;

/// Alarm lines as table rows (see summarizeAlarms): one per alarm, or one per cause and district in a flood.
class AlarmTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Priority, Alarm, State, District, Latest, ColumnCount };
    explicit AlarmTableModel(const CityMirror &scene, QObject *parent = nullptr);

    void setRows(std::vector<AlarmRow> rows);
    const AlarmRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const CityMirror &m_scene;
    QTimeZone m_zone;
    std::vector<AlarmRow> m_rows;
};

/// The operator's alarm list (ISA-18.2): unacknowledged first, the alarm rate against EEMUA 191's manageable rate,
/// a flood banner with grouping by cause, and the actions acknowledge (A), shelve (S) and out of service.
class AlarmPanel : public QWidget {
    Q_OBJECT
public:
    AlarmPanel(LiveCity &live, OpsClient &ops, QWidget *parent = nullptr);

    void reload();
    AlarmTableModel *model() { return m_model; }
    QTableView *view() { return m_view; }
    const AlarmSummary &summary() const { return m_summary; }
    void acknowledgeSelected();
    void shelveSelected(std::int64_t durationMs);
    void setSelectedInService(bool inService);
    /// Opens an incident for the selected alarm's device.
    void raiseIncident();

Q_SIGNALS:
    void deviceActivated(cityops::DeviceIndex device);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::vector<std::uint32_t> selectedAlarms() const;
    void updateActions();
    bool currentOutOfService() const;

    LiveCity &m_live;
    OpsClient &m_ops;
    AlarmTableModel *m_model;
    QTableView *m_view;
    QLabel *m_flood;
    QLabel *m_rate;
    QLabel *m_hidden;
    QCheckBox *m_showHidden;
    QPushButton *m_ack;
    QPushButton *m_shelve;
    QPushButton *m_service;
    QPushButton *m_incident;
    AlarmSummary m_summary;
};

} // namespace cityops
