#pragma once

#include "model/device.h"
#include "model/incident.h"
#include "model/ops.h"
#include "model/vehicle.h"

#include <QString>

#include <cstdint>
#include <variant>
#include <vector>

namespace cityops {

// Payloads are plain values (copyable, no pointers into other objects) so events can cross threads in bulk. Most
// are a few numbers; the operator, incident and order payloads carry short QStrings (who, a note, a reason), which
// the store encodes with a length prefix (codec/eventcodec).
struct SignalPayload {
    std::uint8_t program = 0;
    std::uint16_t phase = 0;
    SignalMode mode = SignalMode::Normal;
    std::int64_t nextSwitchMs = 0;
    bool fault = false;
};
struct LightPayload {
    std::uint8_t level = 0;   ///< dim level %, 0 = off
    bool lampFault = false;
    float powerW = 0.0f;
};
/// Traffic on one approach of a signal (the incoming lanes of its links that share a street and direction, see
/// signalApproaches), as the traffic simulation or the junction's detectors count it.
struct ApproachTraffic {
    std::uint8_t approach = 0;       ///< index into signalApproaches(signal)
    std::uint16_t queue = 0;         ///< vehicles standing (SUMO: halting, below 0.1 m/s) on its lanes
    std::uint16_t vehicles = 0;      ///< vehicles on its lanes
    std::uint8_t occupancyPct = 0;   ///< share of the lanes' length covered by vehicles, mean over its lanes
    std::uint16_t queueM = 0;        ///< the longest lane's queue back from the stop line, metres (7.5 m a vehicle)
    bool operator==(const ApproachTraffic &) const = default;
};
constexpr int kMaxApproaches = 32;

/// How abnormal a queue is (ISA-101: a few vehicles waiting at red are what a signal does, and stay grey). Longer
/// than kLongQueueM (about 15 cars in one lane) is congestion; longer than kSpillbackQueueM reaches back toward
/// the junction before (city blocks here are 150–300 m).
constexpr int kLongQueueM = 110;
constexpr int kSpillbackQueueM = 220;
enum class QueueLevel { Normal, Long, Spillback };
inline QueueLevel queueLevel(const ApproachTraffic &a)
{
    return a.queueM > kSpillbackQueueM ? QueueLevel::Spillback : a.queueM > kLongQueueM ? QueueLevel::Long : QueueLevel::Normal;
}

/// A signal's approaches, every few seconds while traffic is measured (co-simulation with SUMO).
struct TrafficPayload {
    std::vector<ApproachTraffic> approaches;
};

/// The end of a road, as the city package draws it (its first or last point), that a standing line reaches back
/// from: where the traffic that stands is held — the junction its direction drives toward.
enum class RoadEnd : std::uint8_t {
    Unknown = 0,   ///< not said (nothing stands, or a picture from before the end was reported)
    Last = 1,      ///< the line stands before the road's last point: traffic along the drawn direction
    First = 2,     ///< before its first point: traffic against the drawn direction
};
/// Traffic on one street segment (a road of the city; both directions of a two-way street together), as the
/// traffic simulation counts it.
struct RoadTraffic {
    std::uint32_t road = 0;          ///< index into CityModel::roads
    std::uint16_t vehicles = 0;      ///< vehicles on it
    std::uint16_t halting = 0;       ///< of them standing (SUMO: below 0.1 m/s); on a two-way street the direction
                                     ///< where the longer line stands, as many as would stand that long on `lanes`
    std::uint8_t speedPct = 100;     ///< their mean speed as a share of the road's limit, 0-100
    RoadEnd standsAt = RoadEnd::Unknown;   ///< the end the `halting` line reaches back from
    bool operator==(const RoadTraffic &) const = default;
};
constexpr int kMaxRoadsReported = 600;   ///< the busiest first, should more roads carry vehicles
/// Every street segment with vehicles on it, every few seconds while traffic is measured (co-simulation): the whole
/// picture each time, so a road not named is empty — but for the roads of `uncounted` districts, which are unknown.
/// Not a device's: `Event::device` is kNoDevice.
struct RoadTrafficPayload {
    std::vector<RoadTraffic> roads;
    /// The districts (by index, ascending) whose roads nobody counts now: set by the console when it puts together
    /// the pictures of gateways bound to districts (RoadPictureMerge) and a district's gateway is gone, or counts no
    /// traffic. Empty for a whole-city picture.
    std::vector<std::uint16_t> uncounted;
    /// Of those, the districts (ascending) whose gateway runs and has not sent its first picture yet (it started, or
    /// the console did, moments ago: kRoadPictureAwaitedMs): unknown for a moment, not abnormal.
    std::vector<std::uint16_t> awaited;
};
constexpr int kMaxDistrictsUncounted = 1024;   ///< more than any city's districts: a longer list is malformed
/// How long after a gateway is known to run its first road picture is awaited before its districts count as not
/// counted: it sends its picture every 10 s while traffic moves and at least every 30 s while it stands, and a SUMO
/// gateway starts its simulation first.
constexpr std::int64_t kRoadPictureAwaitedMs = 45'000;
/// A road's figures are old after this long without a report (the traffic simulation stopped): not shown as current.
constexpr std::int64_t kRoadTrafficStaleMs = 90'000;
/// How abnormal a road's traffic is. What stands on it, per lane, against the same lengths as an approach's queue
/// (kLongQueueM, kSpillbackQueueM): a few cars at a red are what a signal does; standing traffic a block long is not.
/// Busy (grey) is a road at least a quarter full. `lanes` is a direction's lanes (what `halting` counts against: one
/// direction's line), the fill of a two-way street against both directions' lanes.
enum class RoadLevel { Free, Busy, Long, Spillback };
RoadLevel roadLevel(const RoadTraffic &traffic, double lengthM, int lanes, bool oneway);
/// How far back from `traffic.standsAt` its standing line reaches, in metres a lane (`lanes`: a direction's, as for
/// roadLevel): SUMO's car and the gap before it, 7.5 m, for each vehicle standing.
double roadStandingM(const RoadTraffic &traffic, int lanes);
/// Cuts a roads picture (by road index) to what one picture can carry, kMaxRoadsReported roads: the busiest, still
/// by road index. A picture of one traffic simulation, or the pictures of a district's gateways put together.
void keepBusiestRoads(std::vector<RoadTraffic> &roads);

/// Where a tracked vehicle is (an emergency vehicle's location feed, AVL): every second while it moves, every few
/// seconds while it stands. Not a device: `Event::device` is kNoDevice and the vehicle is named by its call sign.
struct VehiclePayload {
    QString id;                       ///< call sign (validVehicleId)
    GeoPoint position;
    float speedMps = 0;
    float headingDeg = 0;             ///< compass degrees, 0 = north, clockwise
    bool parked = false;              ///< standing at a stop (its station, a scene): not on its way anywhere
    std::uint16_t queueAhead = 0;     ///< vehicles standing between it and the next signal
    GeoLine route;                    ///< the rest of its route while on its way, from where it is (≤ kMaxRoutePoints)
    std::vector<SignalAhead> ahead;   ///< the signals on that route, in the order it meets them (≤ kMaxSignalsAhead)
    /// When its present spell (parked, or on its way) began, as the source saw it (an AVL unit's status time; the
    /// SUMO plant's step): a console that starts or joins mid-spell still knows since when. -1: not said.
    std::int64_t sinceMs = -1;
    bool operator==(const VehiclePayload &) const = default;
};
constexpr int kMaxRoutePoints = 256;
constexpr int kMaxSignalsAhead = 32;
constexpr int kMaxVehicleIdLength = 32;
/// A call sign: 1 to 32 letters, digits, '-', '_' or '.' (it is shown on the map and named in orders).
bool validVehicleId(const QString &id);
/// What the green wave needs of a report: speed, the signals ahead, and whether the trip is over (parked).
VehicleFix fixOf(const VehiclePayload &vehicle, std::int64_t timeMs);

struct FeederPayload {
    float loadKw = 0.0f;
    bool breakerClosed = true;
};
struct PresencePayload {
    bool online = true;
    /// Offline because of something besides the device itself, named by whoever knows it ("gateway gw-3 went
    /// silent", "traffic simulation stopped: …"): the devices that share it are one problem (one parent alarm), not
    /// many. Empty when the device itself is silent, and always when online.
    QString cause{};   // (braces: aggregates that name only `online` need not name it)
};
struct IncidentRaisedPayload {
    IncidentId id = 0;
    std::int64_t sinceMs = 0;     ///< when it arose, if earlier than the event (reported on reconnect); 0 = event time
    IncidentKind kind = IncidentKind::Collision;
    IncidentSeverity severity = IncidentSeverity::Minor;
    GeoPoint position;
    int district = -1;
    int road = -1;
    /// The response times in force when the console took the incident in (the city's rules, stamped by the live
    /// loop whatever the wire said), so a replay shows the deadlines the people then had. -1: not stated (recorded
    /// before a city could set its own: the defaults, `slaFor`).
    std::int64_t ackWithinMs = -1;
    std::int64_t onSceneWithinMs = -1;
};
struct IncidentClearedPayload {
    IncidentId id = 0;
};

/// A console session begins (a start or restart). Device states restart empty — a new process knows nothing until
/// its link reports — so replay clears them here too; incidents, alarms and orders carry over (a restart restores
/// them from the recording, and the new process's dispatcher finishes or takes up the orders that were open).
struct SessionPayload {
    std::uint32_t session = 0;
    /// The snapshot codec version this run of the console writes (snapshotcodec::kCheckableVersion), so that the
    /// record — chained and signed — says which snapshots a rebuild can check (store/snapshotcheck.h); 0: not said,
    /// a release from before it. Written after the session only when said.
    std::uint8_t snapshotVersion = 0;
};

enum class OperatorAction : std::uint8_t {
    SignIn, SignOut, StartReplay, StopReplay, Export, Select, Acknowledge, Approve,
    SignInRefused,      ///< a failed sign-in: the name tried and why (never the password)
    Lock,               ///< the console locked (idle, or by hand)
    Unlock,             ///< unlocked by the same person or taken over by a supervisor
    HandOver,           ///< the outgoing person's hand-over note
    TakeOver,           ///< the incoming person accepted the hand-over checklist
    InterlockOverride,  ///< a supervisor ordered held devices anyway: the order, the holds and the reason
    ShowOnWall,         ///< put something on the video wall for a while; detail: the request (docs/WALL.md), shared
    SendVehicle,        ///< sent a tracked vehicle on a planned route (detail: where, how far, the wave and who pre-approved it)
    StopWave,           ///< stopped a vehicle's green wave before it arrived (detail: the vehicle, the signals it asks to release: each
                        ///< release is an order of its own, with its outcome)
    WaveOver,           ///< a green wave's vehicle parked (arrived, or stopped on the way), every signal released; in
                        ///< the name of who started the wave (detail: the vehicle, its trip — where it parked, time,
                        ///< planned time, stops — and the signals pre-empted)
    RulesChanged,       ///< the city's response rules changed in its package while the console ran; user "(city)"
                        ///< (no person), detail: what changed (ResponseRules::changesFrom)
    CloseConsole,       ///< the console was closed (asked first); user: who was signed in, or empty; detail: what its
                        ///< closing left undone (orders under way, waves, events not yet recorded), or nothing
    AccountChanged,     ///< an administrator changed who may sign in (cityops-admin user …), found in the file's journal
                        ///< (security/adminjournal.h) — also while no console ran; user: "(" + the account that did it
                        ///< + ")" (no sign-in name has parentheses), detail: adminjournal::recordedDetail. Never shared
    KeyringChanged,     ///< an administrator changed whose keys are believed (cityops-admin console / approver …), found in
                        ///< the keyring's journal (security/keyringjournal.h); user and detail as AccountChanged. Never shared
};
constexpr int kOperatorActionCount = 22;

/// Something a person did. Rare compared with telemetry, so it may carry text.
struct OperatorActionPayload {
    OperatorAction action = OperatorAction::SignIn;
    QString user;
    QString detail;
};

/// Where another console stands here. Numbered as stored (never renumber).
enum class ConsoleStanding : std::uint8_t {
    Gone = 0,          ///< its status says offline: it said goodbye, or the broker published its Will (its connection died)
    Online = 1,        ///< on the broker, in the console keyring
    OutOfKeyring = 2,  ///< taken out of the console keyring: its operations are refused here, whatever its status says
};
constexpr int kConsoleStandingMax = 2;
/// Its stable English key: "gone", "online", "out-of-keyring" (the store's label, the export's field).
inline QString consoleStandingName(ConsoleStanding standing)
{
    switch (standing) {
    case ConsoleStanding::Gone: return QStringLiteral("gone");
    case ConsoleStanding::Online: return QStringLiteral("online");
    case ConsoleStanding::OutOfKeyring: return QStringLiteral("out-of-keyring");
    }
    return QString();
}

/// Another console came or went: as its retained status says (online when it connects, offline when it says goodbye
/// or when the broker publishes its Will), or as the console keyring says (taken out, put back). Only consoles that
/// are or were in the keyring — those whose orders this console takes — and only changes. Recorded, so a replay shows
/// when a console was gone; the order book reads it to tell an order whose console cannot end it (gone, or out of the
/// keyring: CommandStage::Released). Never shared.
struct ConsolePayload {
    QString console;
    ConsoleStanding standing = ConsoleStanding::Online;
};

/// The record's word that the snapshot taken right after event `snapshotSeq` — always the event before this one —
/// is sealed with the key `keyId` (store/snapshotcheck.h). A seal is a row beside the snapshot, and a row can be
/// deleted without a trace; this event is chained and signed with the others, so a seal deleted is a finding. Written
/// by the core after each snapshot when the store seals them; never shared, never read from the wire.
struct SnapshotSealPayload {
    std::uint64_t snapshotSeq = 0;
    QString keyId;
};

using EventPayload = std::variant<SignalPayload, LightPayload, FeederPayload, PresencePayload,
                                  IncidentRaisedPayload, IncidentClearedPayload, SessionPayload, OperatorActionPayload,
                                  IncidentUpdatePayload, AlarmPayload, CommandPayload, TrafficPayload, VehiclePayload,
                                  RoadTrafficPayload, ConsolePayload, SnapshotSealPayload>;

QString operatorActionName(OperatorAction action);   ///< stable English key

/// The one thing that crosses from links into the core (ARCHITECTURE §3). `seq` and the final `timeMs` are
/// stamped by the Sequencer; a link fills in the device-reported time.
struct Event {
    std::uint64_t seq = 0;
    std::int64_t timeMs = 0;
    DeviceIndex device = kNoDevice;
    EventPayload payload;
    /// Which console an operation came from: 0 for this console and the field, otherwise a tag the link gives each
    /// console the first time it takes its operations (OpsExchange::originOf). Set by the link for operations received from other consoles, so that
    /// the core re-authorises them before they reach the books (ops/peergate.h); not stored.
    std::uint16_t origin = 0;
    /// Received in another console's hand-over (its history of what is open, re-told to a console that came online),
    /// not live: what the books already hold of it is passed over (ops/bookedsteps.h). Set by the link; not stored.
    bool handedOver = false;
};

} // namespace cityops
