#pragma once

#include "city/citymodel.h"
#include "base/random.h"
#include "link/commandtrust.h"
#include "link/mqttclient.h"
#include "link/picturerequests.h"
#include "link/replaymemory.h"
#include "link/fleetwire.h"
#include "link/wireprotocol.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "sim/citysimulator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <functional>
#include <memory>
#include <optional>

namespace cityops {

/// Faults a gateway can inject into what it publishes, to prove the console copes (cityops-sim flags).
struct FaultInjection {
    double dropPercent = 0;           ///< reports not published (their sequence numbers are used: consoles see gaps)
    std::int64_t delayMs = 0;         ///< every report held back this long
    double duplicatePercent = 0;      ///< reports published twice
    double malformedPercent = 0;      ///< garbage published instead of a report
    int offlineDevices = 0;           ///< this many devices at a time fall silent (presence offline, commands unanswered) ...
    std::int64_t offlineForMs = 60'000;   ///< ... for this long, then others do
    std::int64_t clockSkewMs = 0;     ///< added to the gateway's clock (its reports and its expiry checks)
};

struct GatewayOptions {
    MqttOptions mqtt;                  ///< clientId names the gateway on the broker
    std::uint64_t seed = 1;
    double warmUpHours = 1.0;          ///< simulated before going live, so lamps, loads and incidents are realistic
    SimParameters parameters;
    FaultInjection faults;
    int tickMs = 50;
    /// Who runs the signals instead of the simulator's timetable (a traffic simulation); empty for the timetable.
    std::function<std::unique_ptr<SignalPlant>()> signalPlant;
    /// The consoles whose commands the devices take (console keyring: each console's own key), besides the one key
    /// given to the constructor. Null: that key only.
    std::shared_ptr<const ConsoleKeyring> consoles;
    /// The supervisors whose approval signatures the devices take (approver keyring); high-risk commands approved by
    /// anyone else, or by nobody, are refused. Null: no approvers, so no high-risk command acts.
    std::shared_ptr<const ConsoleKeyring> approvers;
    /// Where the gateway remembers the commands it acted on across restarts (ReplayMemory); empty: in memory only,
    /// with "issued before this gateway started" as the guard across restarts.
    QString replayMemoryPath;
    /// Milliseconds since the Unix epoch (fault injection's skew is added to it); empty: the wall clock. Tests pass
    /// their own to move time by hand.
    std::function<std::int64_t()> clock;
    /// The districts this gateway serves (indexes into the city's): it reports their devices and incidents only, and
    /// refuses commands for any other device. Empty: the whole city.
    std::vector<int> districts;
};

/// What a gateway holds of the commands it took, each kept only as long as it can matter (tidied on every tick).
struct GatewayMemory {
    int nonces = 0;           ///< until each command expires: a copy arriving before then is a replay
    int steps = 0;            ///< (device, order, step) until every older attempt of it has expired
    int pendingAnswers = 0;   ///< where to answer a device's result, until a minute after the command expired
    std::int64_t tidiedAtMs = 0;   ///< the gateway's time when it last let go of what had lapsed
};

struct GatewayStats {
    std::uint64_t published = 0;
    std::uint64_t dropped = 0;         ///< by fault injection
    std::uint64_t commands = 0;        ///< command messages received
    std::uint64_t executed = 0;        ///< distinct (device, order, step) handed to a device
    std::uint64_t repeats = 0;         ///< retries of an (order, step) the device already carried out. The device
                                       ///< acts again: only idempotent set-points are retried, so a second
                                       ///< application is harmless and produces the answer the console waits for.
    std::uint64_t refused = 0;         ///< refused before reaching a device (forged, expired, replayed, malformed ...)
    std::uint64_t refreshes = 0;        ///< fresh pictures asked for (ctl/refresh)
    std::uint64_t pictures = 0;         ///< fresh pictures sent: once a second at most, however many were asked for
    std::uint64_t fleetRequests = 0;   ///< route plans and sends for the vehicles it drives
};

/// The devices' side of docs/PROTOCOL.md: the city simulator behind one MQTT connection, as a gateway in a real
/// field would be. Publishes every device's state and presence with per-device sequence numbers, the incidents the
/// field raises, a retained status with a Last Will; answers fresh-state requests; verifies, checks and executes
/// signed commands, and answers each on its response topic. Lives on one thread (libmosquitto's callbacks are
/// handed over to it), so the simulator is never touched concurrently.
class DeviceGateway : public QObject {
    Q_OBJECT
public:
    DeviceGateway(std::shared_ptr<const CityModel> city, GatewayOptions options, std::optional<CommandVerifier> verifier);
    ~DeviceGateway() override;

    Status start();
    void stop();
    /// The console keyring and the approver keyring as read again while the gateway runs (KeyringWatch): from the
    /// next command on, only who is in them is believed — nobody while one `unusable`.
    /// Its status says which keys it believes now (wire::Presence), published again at once.
    void setConsoles(const cityops::KeyringState &consoles);
    void setApprovers(const cityops::KeyringState &approvers);
    /// The `--command-pubkey` key as its file was read again (PublicKeyWatch): from the next command on.
    void setCommandKey(const cityops::PublicKeyState &key);
    GatewayStats stats() const { return m_stats; }
    GatewayMemory memory() const;
    QString id() const { return m_options.mqtt.clientId; }
    /// The devices it serves: the city's, or those of its districts.
    int servedDevices() const { return m_servedDevices; }
    /// The first field incident id of gateway `gateway` booted at `bootMs`: 1,000 ids for each second since 1970 (so a
    /// restarted gateway goes on above its earlier run), shifted by a number drawn from its name (so two gateways
    /// started in the same second do not share a range), wrapping after 10.4 days below the console's range. A clock
    /// before 2020 was never set — a box without a real-time clock starts at 1970, at the same second of every boot —
    /// so its second says nothing: `draw` (a random number) takes its place.
    static IncidentId firstIncidentId(const QString &gateway, std::uint64_t bootMs, std::uint64_t draw);
    /// The number of a boot (`b` in its reports and status): the clock's milliseconds, so a boot later in time is
    /// higher — unless the clock was never set (before 2020): a box without a real-time clock starts its gateway at the
    /// same millisecond of 1970 on many boots, and the consoles took a new boot of the same number for the old one
    /// (its reports for copies until its numbering passed the old run's). Then `draw` (random) names it, below 2020.
    static std::uint64_t bootNumber(std::uint64_t clockMs, std::uint64_t draw);

Q_SIGNALS:
    void connectionChanged(bool connected, const QString &why);

private:
    struct PendingAnswer {
        QByteArray responseTopic;
        QByteArray correlation;
        std::int64_t expiresMs = 0;
    };
    struct Delayed {
        std::int64_t dueMs;
        QByteArray topic;
        QByteArray payload;
    };

    std::int64_t nowMs() const;
    /// nowMs(), noticing when the clock was set back since last read (NTP correcting a clock that ran ahead): the
    /// gateway's start moves back with it, so commands issued after the start are not refused as issued before it.
    std::int64_t followClock();
    /// The simulated devices' time for the gateway's `now`: past every step back of its clock (m_setBackMs).
    std::int64_t deviceTime(std::int64_t now) const { return now + m_setBackMs; }
    void tick();
    void publishEvents(std::vector<Event> &events, bool faults);
    void publishReport(const QByteArray &topic, const QByteArray &payload, bool faults);
    /// Sends the picture consoles asked for, if one is due (PictureRequests: once a second at most).
    void servePictures(std::int64_t now);
    /// The current state of `devices` (sorted; empty: every device and every open incident), timed now.
    void publishPicture(const std::vector<DeviceIndex> &devices);
    void onConnected();
    /// The retained online status, repeated every half keep-alive so consoles can tell a silent gateway quickly.
    void heartbeat();
    /// What its status says of the consoles' keys it believes (`ck`): the keyring and the `--command-pubkey` key, once
    /// either was given; empty before.
    QString consoleKeysSaid() const;
    /// Why a high-risk command's approval is not good enough (missing, unknown approver, forged, expired); empty if it is.
    QString refusedApproval(const wire::SignedCommand &c, std::int64_t nowMs) const;
    /// Why a signed message cannot act by its times or nonce (expired, valid too long, issued in the future,
    /// replayed — then `replay` is set); empty when it is fresh. Commands and fleet sends alike.
    QString staleOrReplayed(std::int64_t issuedMs, std::int64_t expiresMs, const QByteArray &nonce, std::int64_t now, bool *replay) const;
    /// Keeps the nonce until the message expires (on disk too, with a replay memory file), before anything acts.
    Status rememberNonce(const QByteArray &nonce, std::int64_t expiresMs);
    void onCommand(const MqttClient::Message &m, const QString &topicDevice);
    /// Route plans and sends for the vehicles this gateway drives (devicegatewayfleet.cpp).
    void onFleet(const MqttClient::Message &m, bool send);
    void answerFleet(const MqttClient::Message &m, const wire::FleetAnswer &answer);
    void refuse(const MqttClient::Message &m, const wire::SignedCommand *c, const QString &reason, bool replay = false);
    void answer(const Event &e);
    void rotateOfflineDevices(std::vector<Event> &out);
    bool serves(DeviceIndex device) const { return m_serves.empty() || (device < m_serves.size() && m_serves[device]); }
    bool servesDistrict(int district) const
    {
        return m_options.districts.empty() || std::find(m_options.districts.begin(), m_options.districts.end(), district) != m_options.districts.end();
    }
    /// Whether a field event is this gateway's to report: an incident of its districts (and its clear), a vehicle
    /// while it is in one of them, a roads picture always — cut to its districts' roads (the console puts the
    /// districts' pictures together: RoadPictureMerge).
    bool reports(Event &e);

    std::shared_ptr<const CityModel> m_city;
    GatewayOptions m_options;
    /// Whose keys it believes of the consoles': the console keyring (null while it cannot be believed) and the
    /// `--command-pubkey` key's id (empty while none is believed), said in its status when either was given.
    std::shared_ptr<const ConsoleKeyring> m_consoleKeyring;
    QString m_commandKeyId;
    bool m_saysConsoleKeys = false;
    CommandTrust m_trust;
    QString m_consoleKeys, m_approverKeys;   ///< which keys its keyrings hold, as its status says (keyringjournal::digest)
    std::unique_ptr<CitySimulator> m_sim;
    std::unique_ptr<MqttClient> m_client;
    QTimer m_timer;
    Random m_faultRng;
    std::uint64_t m_boot = 0;
    std::vector<std::uint64_t> m_seq;                 ///< per device
    std::vector<bool> m_serves;                       ///< by device: in its districts (empty: it serves every device)
    std::vector<bool> m_servesRoad;                   ///< by road: in its districts (empty: it serves every road)
    int m_servedDevices = 0;                          ///< how many it serves (its status says so)
    QSet<IncidentId> m_othersIncidents;               ///< open incidents the simulator raised outside its districts
    std::uint64_t m_eventSeq = 0;                     ///< field events
    QHash<QByteArray, std::int64_t> m_seenNonces;     ///< nonce -> expiry (replay memory)
    std::optional<ReplayMemory> m_durableNonces;      ///< the same on disk, when the gateway has a replay memory file
    std::map<std::tuple<DeviceIndex, std::uint32_t, std::uint16_t, std::uint8_t>, PendingAnswer> m_pending;
    struct ExecutedStep {
        std::uint8_t attempt = 0;       ///< the newest attempt that arrived
        std::int64_t issuedMs = 0;      ///< when the console issued it
    };
    /// (device, order, step) handed to a device -> its newest attempt; kept while an older attempt could still be
    /// fresh enough to act (kMaxCommandLifetimeMs after the newest was issued), so the map does not grow with a
    /// gateway that runs for months.
    std::map<std::tuple<DeviceIndex, std::uint32_t, std::uint16_t>, ExecutedStep> m_executedSteps;
    std::int64_t m_tidiedAtMs = 0;
    std::int64_t m_startedMs = 0;   ///< this gateway's start on its clock as it now stands: commands issued earlier are refused
    std::int64_t m_lastSeenMs = 0;  ///< its clock when last read by followClock()
    /// How far its clock was set back while it ran, in all: the simulated devices run on past it (their time cannot go
    /// back), so their own times are that much ahead of the clock as it stands.
    std::int64_t m_setBackMs = 0;
    std::deque<Delayed> m_delayed;
    QSet<DeviceIndex> m_offline;
    std::int64_t m_offlineUntilMs = 0;
    GatewayStats m_stats;
    PictureRequests m_pictures;
    QElapsedTimer m_lastHeartbeat;
};

} // namespace cityops
