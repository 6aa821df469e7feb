#pragma once

#include "model/vehicle.h"
#include "security/actor.h"
#include "security/commandsigner.h"
#include "state/vehiclebook.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace cityops {

class AccessControl;
class Engine;
class LiveCity;
class MapView;
class OpsClient;

/// Sends an emergency vehicle of the tracked fleet to a place with a green wave ahead of it. The operator picks
/// the vehicle (the destination is what is selected on the map: an incident, a device); the route comes from the
/// router of whoever drives the fleet (co-simulation: SUMO's) and is drawn on the map with the signals it crosses
/// before anything is sent. A supervisor, present, pre-approves every pre-emption of the wave with their password;
/// then the vehicle is sent and the wave starts (GreenWaveRun, owned by the caller via `waveApproved`).
class GreenWaveDialog : public QDialog {
    Q_OBJECT
public:
    GreenWaveDialog(Engine &engine, LiveCity &live, MapView &map, OpsClient &client, AccessControl &access, GeoPoint destination,
                    const QString &destinationText, QWidget *parent = nullptr);
    ~GreenWaveDialog() override;

    QComboBox *vehicles() const { return m_vehicles; }
    QPushButton *planButton() const { return m_plan; }
    QPushButton *sendButton() const { return m_send; }
    QLineEdit *supervisorName() const { return m_supervisor; }
    QLineEdit *supervisorPassword() const { return m_password; }
    /// What the dialog says now (the route, or why not).
    QLabel *statusLabel() const { return m_status; }
    QListWidget *signalList() const { return m_signals; }
    /// Plans the route for the chosen vehicle (as the button does); the answer arrives later.
    void plan();
    /// Checks the supervisor, sends the vehicle, and reports the wave (as the button does).
    void send();

Q_SIGNALS:
    /// The vehicle is on its way with `approver`'s pre-approval: the caller starts the wave.
    /// `approvalKey`: the supervisor's approval key, opened with the password they typed, for the wave's orders (null
    /// where the devices do not check approvals). `asSent`: the vehicle's last report before it was sent, from
    /// which the wave times its trip.
    void waveApproved(const QString &vehicle, const cityops::Actor &approver, const cityops::PlannedRoute &route,
                      std::shared_ptr<const cityops::CommandSigner> approvalKey, const cityops::VehicleBook::Vehicle &asSent);

private:
    void fillVehicles();
    void showPlan(const PlannedRoute &plan);
    /// The supervisor is checked (and their key opened): the vehicle goes, then the wave starts.
    void sendVehicle(const PlannedRoute &plan, const Actor &who, std::shared_ptr<const CommandSigner> approvalKey);
    void say(const QString &text, bool problem);
    void clearPreview();

    Engine &m_engine;
    LiveCity &m_live;
    MapView &m_map;
    OpsClient &m_client;
    AccessControl &m_access;
    GeoPoint m_destination;
    QString m_destinationText;
    std::optional<PlannedRoute> m_planned;
    QComboBox *m_vehicles;
    QPushButton *m_plan;
    QPushButton *m_send;
    QLineEdit *m_supervisor;
    QLineEdit *m_password;
    QLabel *m_status;
    QListWidget *m_signals;
};

} // namespace cityops
