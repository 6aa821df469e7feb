#pragma once

#include "base/result.h"
#include "link/peerclock.h"
#include "model/vehicle.h"
#include "state/eventqueue.h"
#include "model/ops.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

enum class LinkState { Starting, Connected, Degraded, Disconnected };

/// What a link says of itself, in parts: the desk puts them into words in its own language (Labels::linkDescription); logs
/// and tests read them in English (description()). `problem` is somebody else's words — the broker's, TLS's, SUMO's —
/// and is shown as written.
struct LinkStatus {
    LinkState state = LinkState::Starting;
    QString endpoint;            ///< what a network link talks to ("mqtts://host:8883"); empty for the embedded simulator
    double speed = 0;            ///< the embedded simulator's --speed; 0 for a network link
    double paceKept = 0;         ///< below `speed`: what the simulation keeps (the city's time follows it); 0 while it keeps up
    bool signalsBySumo = false;  ///< the embedded simulator's signals and vehicles come from SUMO
    QString problem;             ///< why the link is not (wholly) live, in its source's words; empty when nothing is wrong
    bool retrying = false;       ///< a network link trying again after `problem`

    /// A link to a field elsewhere (a broker; a bench's or test's stand-in, by name).
    static LinkStatus network(LinkState state, QString endpoint, QString problem = {}, bool retrying = false)
    {
        LinkStatus s;
        s.state = state;
        s.endpoint = std::move(endpoint);
        s.problem = std::move(problem);
        s.retrying = retrying;
        return s;
    }
    /// The embedded simulator at `speed`; `problem` is what stopped SUMO, when it did.
    static LinkStatus simulator(LinkState state, double speed, double paceKept = 0, bool signalsBySumo = false, QString problem = {})
    {
        LinkStatus s;
        s.state = state;
        s.speed = speed;
        s.paceKept = paceKept;
        s.signalsBySumo = signalsBySumo;
        s.problem = std::move(problem);
        return s;
    }
    bool simulated() const { return speed > 0; }
    /// A network link that lost its broker and is trying again (a simulator degraded is one without SUMO).
    bool reconnecting() const { return state == LinkState::Degraded && !simulated(); }
    /// Nothing from the field reaches the console: a link stopped or unable to connect, or reconnecting (not yet
    /// while a link is still starting). Not the embedded simulator without SUMO (Degraded): its lamps, feeders and
    /// incidents still report, and the signals SUMO ran say themselves that they do not.
    bool fieldSilent() const { return state == LinkState::Disconnected || reconnecting(); }
    /// The words put around the parts: English in logs and tools (description()), the desk's language on screen.
    /// Each keeps its %-numbering: %1 the address, %2 the problem; the simulator's %1 its speed or the problem.
    struct Words {
        QString retrying = QStringLiteral("%1 — retrying: %2");
        QString failed = QStringLiteral("%1 — %2");
        QString simulator = QStringLiteral("simulator ×%1");
        QString paceKept = QStringLiteral(" (keeps ×%1: the city's time follows it)");
        QString bySumo = QStringLiteral(" · signals by SUMO");
        QString sumoStopped = QStringLiteral(" — %1; signals not reporting until it runs again");
    };
    /// The status in `words`; what went wrong stays in the words of what said it (broker, SUMO).
    QString describe(const Words &words) const;
    QString description() const { return describe(Words{}); }
};

/// What a network link has seen and refused since it started (zero for the embedded simulator). Shown in the
/// status bar when anything was refused or lost, never silent.
struct LinkCounters {
    std::uint64_t accepted = 0;       ///< device reports and field events taken in
    std::uint64_t refused = 0;        ///< malformed, oversized, unknown version, unknown device, wrong kind, unknown gateway, not theirs, untrusted, replayed (sum)
    std::uint64_t malformed = 0;
    std::uint64_t oversized = 0;
    std::uint64_t unknownVersion = 0;
    std::uint64_t unknownDevice = 0;
    std::uint64_t wrongKind = 0;
    std::uint64_t unknownGateway = 0; ///< a gateway not on the known list, or one more than the link keeps track of
    /// A gateway's reports of what is not its own: a device another running gateway reports, another gateway's open
    /// incident, anything outside the districts it serves (docs/PROTOCOL.md, "Device reports").
    std::uint64_t notTheirs = 0;
    std::uint64_t duplicates = 0;     ///< reports not newer than one already seen (dropped)
    std::uint64_t gaps = 0;           ///< reports missing in a device's sequence (fresh state requested)
    std::uint64_t refreshes = 0;      ///< fresh-state requests sent
    std::uint64_t skewed = 0;         ///< reports whose clock was off by more than the tolerance (stamped on arrival)
    std::uint64_t commandsSent = 0;
    std::uint64_t results = 0;        ///< answers matched to a command this console sent
    std::uint64_t unsolicited = 0;    ///< answers to nothing we sent, or to a copy the device saw twice
    std::uint64_t sendFailures = 0;
    std::uint64_t waiting = 0;        ///< commands held until the broker is reachable again (now)
    std::uint64_t reconnects = 0;
    std::uint64_t opsShared = 0;      ///< operations this console published for the others
    std::uint64_t opsReceived = 0;    ///< operations of other consoles taken in
    std::uint64_t untrusted = 0;      ///< operations and statuses not signed by a console in the keyring (unknown, altered, speaking for another)
    std::uint64_t replayed = 0;       ///< signed operations seen before or outside the freshness window; statuses of an older connection
    /// Why the console keyring cannot be believed now (no other console's operations are taken until it is mended);
    /// empty while it can.
    QString keyringProblem;
    /// The consoles whose last operations came from a clock outside the freshness window (none: every console's
    /// operations are taken or refused for other reasons), by name. Cleared by the next operations taken from it.
    std::vector<PeerClock> consolesOffClock;
    /// The consoles whose last operations were taken, with their clocks as those said (within the window): witnesses
    /// that this desk's clock is in step with theirs (deskClockOff). By name.
    std::vector<PeerClock> consolesInStep;
    /// The consoles of the keyring whose signed status says they believe other keys than this console (another console
    /// keyring: each refuses some of the other's operations, or takes a desk's that was taken out; another approver
    /// keyring: they judge the gateways' differently), by name. Not said when either side does not say.
    struct OtherKeys {
        QString console;
        bool consoleKeysDiffer = false, approverKeysDiffer = false;
        bool operator==(const OtherKeys &) const = default;
    };
    std::vector<OtherKeys> consolesOtherKeys;
    /// The consoles of the keyring, online now, whose signed status says their recording is at risk or stopped (the
    /// room's audit trail has a hole there): those that record nothing first, by name within each. Not said by a
    /// console that does not record.
    struct DeskRecording {
        QString console;
        bool notRecording = false;   ///< records nothing (else at risk: its disk is low, or it lost events)
        QString why;                 ///< the store's words when it records nothing, as the desk said them
        bool operator==(const DeskRecording &) const = default;
    };
    std::vector<DeskRecording> consolesRecordingTrouble;
};

/// One field gateway as a console on a broker knows it: what the operator is told of it (the link's tooltip).
struct GatewaySummary {
    QString name;
    bool heard = false;            ///< its status has been heard (a gateway on --gateways may never have spoken)
    bool running = false;          ///< heard online, and not declared gone since
    std::int64_t lastHeardMs = 0;  ///< its last status or heartbeat, on the console's clock (0: never)
    int devices = 0;               ///< devices reporting through it now
    QStringList districts;         ///< the districts it is held to (--gateways NAME=…); empty: the whole city
    /// How far its clock runs ahead of this console's (behind: negative), from the times on its freshest recent
    /// reports (GatewayClocks); none before its first. Past wire::kMaxIssueSkewMs behind, its devices refuse every
    /// command this console signs (issued in their future); ahead, those valid for less than the difference (expired).
    std::optional<std::int64_t> clockAheadMs;
    /// Its status says it believes other keys than this console does: another console keyring (it may refuse this
    /// desk's commands, or take a desk's that was taken out) or another approver keyring (approvals this console's
    /// supervisors give refused, or a removed supervisor's taken). Not said when either side does not say.
    bool consoleKeysDiffer = false;
    bool approverKeysDiffer = false;
    bool operator==(const GatewaySummary &) const = default;
};

/// The time a link's field runs on: wall time for real devices, a chosen origin and speed for the simulator
/// (--speed X). The Engine starts its clock from it; links only read that clock.
struct TimeBase {
    std::int64_t originMs = 0;   ///< 0 = now
    double speed = 1.0;
    /// The clock stands at its origin until the link is first live (a simulation's warm-up takes no simulated time).
    bool startsWhenLive = false;
    /// A real field's clock (origin now, 1x): milliseconds since the epoch as the link reads the system's clock, so
    /// the console and its link read one clock (tests pass their own, to move time by hand); empty: the system's.
    std::function<std::int64_t()> system;
};

/// One interface for every way devices reach the console (simulator, MQTT, SUMO). A link lives on its own thread
/// (the Engine moves it there) and delivers telemetry as Events into the engine's bounded queue; commands go the
/// other way through send(), and every answer comes back as an event.
class FieldLink : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~FieldLink() override = default;

    void setSink(EventQueue *sink) { m_sink = sink; }
    LinkStatus status() const;
    /// Whether the link has been connected at least once (the ops clock runs from then on, through outages).
    bool hasBeenLive() const { return m_live.load(); }
    virtual LinkCounters counters() const { return {}; }
    /// The field gateways this link hears (none for a link without gateways), by name. Any thread.
    virtual std::vector<GatewaySummary> gateways() const { return {}; }
    /// The gateway `device` reports through now (by name; none before its first report, or on a link without
    /// gateways). Any thread.
    virtual std::optional<QString> gatewayOf(DeviceIndex device) const { Q_UNUSED(device); return std::nullopt; }
    /// The time base the console's clock starts from when this link starts (a real field: now, at 1×).
    virtual TimeBase timeBase() const { return {}; }
    /// Which of this console's operations go to share() (none when the link has no other consoles).
    virtual bool shares(const Event &event) const { Q_UNUSED(event); return false; }

    /// Routes for tracked vehicles (the emergency fleet): planned by whoever drives them (in co-simulation SUMO's
    /// router), shown to the operator, then sent. Called on the link thread; `done` runs there too. A link that
    /// carries no fleet dispatch says so.
    using RouteCallback = std::function<void(const Result<PlannedRoute> &)>;
    using SentCallback = std::function<void(const Status &)>;
    virtual void planRoute(const QString &vehicle, GeoPoint destination, const RouteCallback &done)
    {
        Q_UNUSED(vehicle);
        Q_UNUSED(destination);
        done(makeError(QStringLiteral("this link plans no routes: vehicles are sent from the console with --traffic sumo")));
    }
    virtual void sendRoute(const PlannedRoute &route, const SentCallback &done)
    {
        Q_UNUSED(route);
        done(makeError(QStringLiteral("this link sends no vehicles: vehicles are sent from the console with --traffic sumo")));
    }

public Q_SLOTS:
    /// Called on the link thread once the link is moved there.
    virtual void start() = 0;
    /// Called on the link thread before it quits; must release timers and connections.
    virtual void stop() = 0;
    /// Called on the link thread with commands for devices. Answers arrive later as events.
    virtual void send(const std::vector<cityops::DeviceCommand> &commands) = 0;
    /// Called on the link thread with operations this console did (incident steps, orders) for links that share
    /// them with other consoles. The embedded simulator has no one to share with.
    virtual void share(const std::vector<cityops::Event> &events) { Q_UNUSED(events); }

Q_SIGNALS:
    void statusChanged(cityops::LinkStatus status);
    /// A simulated city has been simulated up to this instant (after each step of a link that runs on a
    /// `startsWhenLive` time base; emitted on the link's thread). The Engine keeps the console's clock from running
    /// further ahead of it than a moment (ConsoleClock::setLimit).
    void simulatedUpTo(std::int64_t reachedMs);

protected:
    void setStatus(LinkStatus status);
    EventQueue *sink() const { return m_sink; }

private:
    EventQueue *m_sink = nullptr;
    std::atomic<bool> m_live{false};
    mutable std::mutex m_statusMutex;
    LinkStatus m_status;
};

} // namespace cityops

Q_DECLARE_METATYPE(cityops::LinkStatus)
