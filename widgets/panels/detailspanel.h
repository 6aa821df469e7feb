#pragma once

#include "citymirror.h"
#include "link/deskclock.h"
#include "link/fieldlink.h"
#include "ops/opsrequest.h"
#include "state/loadhistory.h"

#include <QLabel>
#include <QTimeZone>
#include <QWidget>

#include <functional>
#include <optional>

class QFormLayout;
class QPushButton;

namespace cityops {

/// What the operator clicked, in plain words: a signal's program, phase, aspect and time to the next switch; a
/// feeder's load against capacity and its trend; an incident's what, where and since when.
class DetailsPanel : public QWidget {
    Q_OBJECT
public:
    DetailsPanel(const CityMirror &scene, const LoadHistory::Series &loads, QWidget *parent = nullptr);

    /// Rebuilds the text for the scene's current selection (cheap; called on selection and each second).
    void refresh();
    /// The rows currently shown as "label: value" lines, for tests and accessibility.
    QStringList rows() const;
    /// The suggested next step for the selection ("Restore feeder …" for signals dark behind it, "Restore … to its
    /// program" for a signal held past its limit), or null when there is none (tests).
    QPushButton *suggestion() const;
    /// "Follow on the map", shown for a selected vehicle; checked while the map follows it.
    QPushButton *followButton() const { return m_follow; }
    void setFollowing(bool following);
    /// Which gateway a device reports through (a link through a broker), asked at each refresh: a device's Details
    /// then name it, and say when it is gone. Unset: no such row (the embedded simulator has no gateways).
    using GatewayLookup = std::function<std::optional<GatewaySummary>(DeviceIndex)>;
    void setGatewayLookup(GatewayLookup lookup) { m_gatewayOf = std::move(lookup); }
    /// This desk's own clock, when every clock the link judges agrees it is the one off (deskClockOff): a gateway
    /// that refuses this desk's commands for it is then not told to set its clock. Unset: never.
    using DeskClockLookup = std::function<std::optional<DeskClockOff>()>;
    void setDeskClockLookup(DeskClockLookup lookup) { m_deskClock = std::move(lookup); }

Q_SIGNALS:
    /// The operator took the suggestion: the console opens this order for them to check and send.
    void planSuggested(const cityops::OrderSpec &plan);
    /// The operator asked the map to follow the selected vehicle (or to stop).
    void followRequested(bool follow);

private:
    void clearRows();
    void addRow(const QString &label, const QString &value, const QString &emphasis = QString(), const QString &toolTip = QString());
    /// The current phase as movements, one row per approach ("From the west: Rudower Chaussee: straight green ·
    /// left red"); the raw state string on hover.
    void addMovements(const SignalInfo &info, const QString &state);
    /// "Held by": the order whose hold or pre-emption the signal shows (`holdingCommand`), who asked and approved it,
    /// for how long.
    void addHolder(const std::optional<HoldingCommand> &holding);
    /// Suggests restoring a signal held or pre-empted past the time such a hold should last (HoldWatch's limit), or
    /// one held by a command this console does not know — nobody here will release it.
    void suggestRestore(DeviceIndex device, SignalMode mode, const std::optional<HoldingCommand> &holding);
    void suggest(const QString &text, const QString &toolTip, OrderSpec plan);
    /// The queue and occupancy of each approach, when the signal's traffic is measured (co-simulation).
    void addTraffic(int signal);
    /// The compass point (0..7, north first) traffic arriving on this bearing comes from.
    static int compassPoint(int arrivalBearingDeg);
    /// "From the west" for a compass point (0..7, north first).
    static QString fromCompass(int point);
    void showSignal(DeviceIndex device);
    void showStreetlight(DeviceIndex device);
    void showFeeder(DeviceIndex device);
    void showSubstation(DeviceIndex device);
    void showIncident(const Incident &incident);
    void showVehicle(const VehicleBook::Vehicle &vehicle);
    void showCommon(DeviceIndex device);

    const CityMirror &m_scene;
    const LoadHistory::Series &m_loads;
    QTimeZone m_zone;
    QLabel *m_title;
    QLabel *m_subtitle;
    QFormLayout *m_form;
    QPushButton *m_suggestion;
    QPushButton *m_follow;
    OrderSpec m_suggested;
    QStringList m_rows;
    GatewayLookup m_gatewayOf;
    DeskClockLookup m_deskClock;
};

} // namespace cityops
