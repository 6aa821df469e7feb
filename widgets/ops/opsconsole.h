#pragma once

#include "engine/engine.h"
#include "citymirror.h"

#include <QObject>

class QDockWidget;
class QLabel;
class QListWidget;
class QMainWindow;
class QMenu;

namespace cityops {

class AccessControl;
class AlarmPanel;
class CommandDialog;
class GreenWaveRun;
class IncidentPanel;
class JournalPanel;
class LiveCity;
class MapView;
class OpsClient;
class OrderPanel;

/// The dispatch part of the console: the alarm, command and event-log docks, the Operations menu (commands and
/// the named workflows), the map's context menu, and who is acting (from AccessControl, shown in the status bar).
/// Answers to requests appear in the status bar.
class OpsConsole : public QObject {
    Q_OBJECT
public:
    OpsConsole(QMainWindow &window, Engine &engine, LiveCity &live, MapView &map, IncidentPanel &incidents);

    OpsClient &client() { return *m_client; }
    AlarmPanel *alarmPanel() const { return m_alarms; }
    OrderPanel *orderPanel() const { return m_orders; }
    JournalPanel *journalPanel() const { return m_journal; }
    /// Who is acting at this console, in the status bar.
    QLabel *personLabel() const { return m_personLabel; }
    /// What the console answered and what went wrong, newest first, kept (the status bar only shows it a while).
    QListWidget *messages() const { return m_messages; }
    /// Adds a line to the messages; `problem` marks refusals and errors.
    void post(bool problem, const QString &text);
    /// After a person's saved arrangement of the docks is restored: the messages tab in front with nothing in it
    /// (it was raised by a refusal in an earlier session; messages are not kept) gives way to the event log.
    void frontMessagesOnlyIfAny();
    /// Replay is read-only.
    void setReplaying(bool replaying);

    void commandSelection();
    void flashAndDispatch();
    void dimDistrict();
    void shedFeeders();
    void greenWave();
    /// Sends a tracked emergency vehicle to what is selected, with a green wave that follows it (GreenWaveDialog).
    void sendVehicle();
    /// Who may vouch for a wave in advance is checked through the console's access control (set once it exists).
    void setAccess(AccessControl *access) { m_access = access; }
    /// Green waves under way (each follows its vehicle until it parks and every signal is released).
    const std::vector<GreenWaveRun *> &waves() const { return m_waves; }
    /// Earlier waves a new one for the same vehicle took over, still asking for the releases they asked before
    /// (not under way: nothing to show or stop; gone once those releases are through).
    const std::vector<GreenWaveRun *> &handedOverWaves() const { return m_handedOver; }
    void startWave(const QString &vehicle, const Actor &approver, const PlannedRoute &route, std::shared_ptr<const CommandSigner> approvalKey,
                   const VehicleBook::Vehicle &asSent = {});
    /// Operations ▸ Stop a green wave: asks which (when one or more are under way), then stopWave.
    void chooseWaveToStop();
    /// Ends the vehicle's wave in the name of the person acting here: its held signals are released.
    void stopWave(const QString &vehicle);
    /// The waves under way and the signals each holds, in the status bar (hidden when there are none).
    QLabel *waveLabel() const { return m_waveLabel; }
    void reportIncident(const GeoPoint &at);
    /// Opens an order as it will run, for the operator to check and send (nothing goes out before they do).
    void openPlan(const OrderSpec &plan);

private:
    void buildMenus();
    void showContextMenu(const GeoPoint &at, const MapSelection &under, const QPoint &globalPos);
    std::vector<DeviceIndex> selectedDevices() const;
    void showAnswer(bool ok, const QString &message, const QString &context);
    void showWaves();
    /// The dialog's holds follow whether this console hears the broker (a release made here stands on it).
    void hearTheLink(CommandDialog &dialog);

    QMainWindow &m_window;
    Engine &m_engine;
    LiveCity &m_live;
    MapView &m_map;
    IncidentPanel &m_incidents;
    OpsClient *m_client;
    AlarmPanel *m_alarms;
    OrderPanel *m_orders;
    JournalPanel *m_journal;
    QLabel *m_personLabel;
    QLabel *m_waveLabel;
    QListWidget *m_messages;
    QDockWidget *m_messageDock;
    QDockWidget *m_journalDock;
    static constexpr int kMaxMessages = 200;
    AccessControl *m_access = nullptr;
    std::vector<GreenWaveRun *> m_waves;
    std::vector<GreenWaveRun *> m_handedOver;
};

} // namespace cityops
