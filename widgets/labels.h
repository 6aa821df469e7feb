#pragma once

#include "city/citymodel.h"
#include "link/deskclock.h"
#include "link/fieldlink.h"
#include "model/device.h"
#include "model/incident.h"
#include "model/ops.h"
#include "state/orderbook.h"
#include "security/actor.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <functional>

namespace cityops {

/// Translated, operator-facing words for backend values. The backend keeps stable English keys; translation
/// happens only here, at the UI edge.
class Labels {
    Q_DECLARE_TR_FUNCTIONS(cityops::Labels)
public:
    static QString deviceKind(DeviceKind kind);
    static QString signalMode(SignalMode mode);
    /// Who holds a signal when no command of this console's record does (`holdingCommand` is empty).
    static QString unrecordedHolder();
    /// Who requested an order, and where when it was another console ("kai at console-b"): it is worked there.
    static QString requester(const Order &order);
    /// Where another console stands by `roll` (OrderBook::consoles()): "desk-2 is gone", "desk-2 is out of the console
    /// keyring" — why it cannot end its orders — or "desk-2 is on the broker".
    static QString consoleAway(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console);
    static QString incidentKind(IncidentKind kind);
    static QString severity(IncidentSeverity severity);
    static QString incidentState(IncidentState state);
    static QString linkState(LinkState state);
    /// The state as this link is in it: a network link degraded has lost its broker and is reconnecting.
    static QString linkState(const LinkStatus &status);
    /// The link's own description in the console's language ("simulator ×30"; a broker's address as it is).
    static QString linkDescription(const LinkStatus &status);
    static QString alarmCause(AlarmCause cause);
    static QString alarmPriority(AlarmPriority priority);
    static QString alarmChange(AlarmChange change);
    static QString commandAction(CommandAction action);
    /// An action with its value as a person reads it: "Hold phase 4", "Dim to 40 %". Phases are numbered from 1
    /// wherever a person sees them (the wire and SUMO count from 0).
    static QString commandWithValue(CommandAction action, int value);
    /// Whether an action's value is a phase (shown from 1, sent from 0).
    static bool takesPhase(CommandAction action);
    static QString commandStage(CommandStage stage);
    static QString role(Role role);
    static QString workflow(WorkflowKind kind);
    /// "12 min", "1 h 05 min", "45 s"
    static QString duration(std::int64_t ms);
    /// Events missing from the record where the console could not record them (store/recordgap.h), for the log and
    /// the replay's timeline.
    static QString recordGap(std::uint64_t count, std::int64_t spanMs);
    /// A size on disk as read at a glance: "300 MiB", "1.5 GiB" (a decimal only under ten of its unit).
    static QString dataSize(std::int64_t bytes);
    /// Whether running gateway `g`'s clock is so far off this desk's that its devices refuse what this desk signs:
    /// behind by more than wire::kMaxIssueSkewMs, they take a command as issued in their future; ahead, one valid for
    /// less than the difference as expired.
    static bool clockRefusesCommands(const GatewaySummary &g);
    /// A field gateway's clock against this desk's (GatewaySummary::clockAheadMs), for its line in the link's tooltip:
    /// "clock 8 s behind (its reports dated on arrival)"; when `inTheWay`, what its devices refuse and what to do.
    static QString gatewayClock(std::int64_t aheadMs, bool inTheWay);
    /// The same, short, for the link's figure (the tooltip says the rest): "gw-east clock 42 s behind".
    static QString gatewayClockInTheWay(const QString &gateway, std::int64_t aheadMs);
    /// Which keyrings a running gateway holds that this console does not ("another console keyring than this
    /// console"); empty when none (or it is not running).
    static QString gatewayKeyrings(const GatewaySummary &g);
    /// "another console keyring than this console" (approver, or both); empty when neither differs.
    static QString otherKeyrings(bool consoleKeysDiffer, bool approverKeysDiffer);
    /// The link figure's news of a gateway or a console holding other keys: "gw-west console keyring differs".
    static QString keyringsDiffer(const QString &name, bool consoleKeysDiffer, bool approverKeysDiffer);
    /// Another console whose operations are refused for its clock (PeerClock): "desk-2 clock 45 s ahead:
    /// its operations refused".
    static QString consoleClockOff(const QString &console, std::int64_t aheadMs);
    /// This desk's own clock, found to be the one off (DeskClockOff), for the link's figure: "this desk's clock 42 s
    /// behind".
    static QString deskClock(std::int64_t aheadMs);
    /// The same for a tooltip: likely this desk's, the clocks that agree against it, what is refused, what to do.
    static QString deskClockDetail(const DeskClockOff &off);
    /// To the second, for trips: "3 min 05 s", "45 s".
    static QString minutesAndSeconds(std::int64_t ms);
    /// Where an incident is, in its two parts (either may be empty): the street — the junction of the signal it comes
    /// from, else its road's name, else the nearest named street — and the district's name.
    struct Whereabouts {
        QString street, district;
    };
    static Whereabouts whereabouts(const CityModel &city, const Incident &incident);
    /// Where an incident is, for lists: "street · district", either alone, else the coordinates.
    static QString where(const CityModel &city, const Incident &incident);
    static QString where(const Whereabouts &parts, const GeoPoint &position);
    /// A street in its district, as `where` joins them (the order and the mark between are the language's).
    static QString streetInDistrict(const QString &street, const QString &district);
    /// Where a device is, in words, without its district: a signal by the streets that meet there ("Rudower Chaussee
    /// / Wegedornstraße"), a streetlight by its street, else the nearest named street ("near …"); empty when no named
    /// street is within 250 m. Searches the roads: cache it (CityMirror::place) where it is asked for often.
    static QString place(const CityModel &city, DeviceIndex device);
    /// A device as a person names it in a list: its place with its id ("Rudower Chaussee / Wegedornstraße
    /// (sig/J1)"), or the id alone when it has no place (CityMirror::deviceName, with the place cached).
    static QString deviceWithPlace(const QString &id, const QString &place);
    /// The first three of `count` things, named by `name(i)`, and how many more ("a; b; c and 4 more"): a sentence
    /// names what a person can look up, not all of a long list.
    static QString firstFew(size_t count, const std::function<QString(size_t)> &name);
    /// A district's name: the package's own, or — for the districts the importer made by compass — in the console's
    /// language ("North-West" → 北西).
    static QString district(const CityModel &city, int district);
    /// The districts whose road traffic nobody counts, for the map's legend: "Traffic not counted in East", the first
    /// few of a long list ("…; Nord and 4 more"), or "in any district" when it is all of a city's several districts.
    static QString trafficNotCounted(const CityModel &city, const std::vector<std::uint16_t> &districts);
    /// The districts whose gateway has just started and whose first count is awaited: "Traffic not yet counted in
    /// East", shortened as trafficNotCounted is.
    static QString trafficAwaited(const CityModel &city, const std::vector<std::uint16_t> &districts);
    /// The city's response rules as a table for Help: deadlines by severity, the hold limits, and whose they are.
    static QString responseRules(const ResponseRules &rules);
    static QString operatorAction(OperatorAction action);
    /// What a restart could not carry over from the recording (Engine::CarryOverOutcome: `error` when it carried
    /// nothing over), for the desk's messages; empty when it carried everything over.
    static QString carryOver(const QString &error, const StoreReader::PassedOver &passedOver, const QTimeZone &zone);
    /// A replay going on without recorded rows it cannot read (ReplaySession::passedOver).
    static QString replayPassedOver(std::uint64_t count, const QString &firstReason);
    /// A line of the recorded activity ("sign-in olga: operator", "incident #7 acknowledged by rita: seen", "order 5
    /// finished") in the console's language: its fixed words translated, names and people's own words as written.
    static QString activity(const QString &recorded);
    /// The city's time zone (UTC when the package names none the system knows).
    static QTimeZone zone(const CityModel &city);
    /// Local clock time in the city's zone.
    static QString clock(std::int64_t utcMs, const QTimeZone &zone, bool withSeconds = true);
    /// The clock time when `utcMs` is on the same day as `nowMs` in the city's zone, else the date and time
    /// ("2026-11-22 17:00"): for a moment that may lie days back.
    static QString clockOrDate(std::int64_t utcMs, std::int64_t nowMs, const QTimeZone &zone);

private:
    /// A road's own name, else the nearest named street within 250 m ("near …"; many service roads and junction links
    /// have none), else nothing: where an incident is (without a junction) and where a device is.
    static QString street(const CityModel &city, int road, const GeoPoint &p);
};

} // namespace cityops
