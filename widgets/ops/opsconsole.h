#pragma once

#include "engine/engine.h"
#include "citymirror.h"

#include <QObject>

class QLabel;
class QMainWindow;
class QMenu;

namespace cityops {

class AlarmPanel;
class IncidentPanel;
class JournalPanel;
class LiveCity;
class MapView;
class OpsClient;
class OrderPanel;

/// The dispatch part of the console: the alarm, command and event-log docks, the Operations menu (commands and
/// the named workflows), the map's context menu, and the clearly marked DEMO menu that switches the person at
/// the console until real sign-in exists. Answers to requests appear in the status bar.
class OpsConsole : public QObject {
    Q_OBJECT
public:
    OpsConsole(QMainWindow &window, Engine &engine, LiveCity &live, MapView &map, IncidentPanel &incidents, const QString &user);

    OpsClient &client() { return *m_client; }
    AlarmPanel *alarmPanel() const { return m_alarms; }
    OrderPanel *orderPanel() const { return m_orders; }
    JournalPanel *journalPanel() const { return m_journal; }
    QLabel *demoLabel() const { return m_demoLabel; }

    /// The demo people, by name: operator, supervisors, responders per district, a wall-display viewer.
    static std::vector<Actor> demoActors(const CityModel &city, const QString &user);
    /// Signs in as one of them (recorded as a sign-in).
    void signInAs(const Actor &actor);
    /// Replay is read-only.
    void setReplaying(bool replaying);

    void commandSelection();
    void flashAndDispatch();
    void dimDistrict();
    void shedFeeders();
    void greenWave();
    void reportIncident(const GeoPoint &at);

private:
    void buildMenus();
    void showContextMenu(const GeoPoint &at, const MapSelection &under, const QPoint &globalPos);
    std::vector<DeviceIndex> selectedDevices() const;
    void openPlan(const OrderSpec &plan);
    void showAnswer(bool ok, const QString &message, const QString &context);

    QMainWindow &m_window;
    Engine &m_engine;
    LiveCity &m_live;
    MapView &m_map;
    IncidentPanel &m_incidents;
    OpsClient *m_client;
    AlarmPanel *m_alarms;
    OrderPanel *m_orders;
    JournalPanel *m_journal;
    QLabel *m_demoLabel;
    std::vector<Actor> m_demoActors;
};

} // namespace cityops
