#pragma once

#include "city/citymodel.h"
#include "base/consoleclock.h"
#include "base/logging.h"
#include "link/reportsequence.h"
#include "link/fieldincidentowners.h"
#include "link/fieldlink.h"
#include "link/fleetdispatch.h"
#include "link/gatewayclocks.h"
#include "link/keyringturnrecord.h"
#include "link/roadpicturemerge.h"
#include "link/mqttclient.h"
#include "link/consoleroll.h"
#include "link/offlinegrace.h"
#include "link/opsexchange.h"
#include "link/wireprotocol.h"
#include "security/commandsigner.h"
#include "security/keyringwatch.h"

#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace cityops {

struct MqttLinkOptions {
    MqttOptions mqtt;                      ///< clientId is the console's id on the broker
    std::int64_t skewToleranceMs = wire::kReportSkewToleranceMs;  ///< reports further than this from our clock are stamped on arrival
    int refreshIntervalMs = 250;           ///< fresh-state requests are batched this often
    /// The gateways this console takes reports, incidents and status from (`--gateways`); empty: any, up to
    /// maxGateways. A name off the list is refused and counted before anything is kept about it.
    QStringList knownGateways;
    int maxGateways = 256;                 ///< distinct gateway names kept track of; more are refused (memory stays bounded)
    /// The districts (indexes) a gateway serves (`--gateways NAME=D1+D2`): its reports of other districts' devices and
    /// its incidents in other districts are refused. A gateway not named here serves the whole city.
    QHash<QString, std::vector<int>> gatewayDistricts;
    /// The consoles whose signed operations this console takes (`--consoles`, default the data folder's
    /// consoles.json); null or empty: none — this console's own operations are still shared, signed with its key.
    std::shared_ptr<const ConsoleKeyring> consoles;
    /// The file `consoles` was read from: read again whenever it changes (KeyringWatch); empty: never. A missing file
    /// lists nobody when `consolesMissingIsEmpty` (the default keyring before an admin writes one).
    QString consolesPath;
    bool consolesMissingIsEmpty = false;
    /// The approver keyring the gateways should hold (the data folder's approvers.json), read again when it changes;
    /// only to tell a gateway whose status says it holds another (GatewaySummary). Empty, or no such file: not told.
    QString approversPath;
    /// Where this console keeps the floor of the numbers it puts on the wire (WireNumbers), so a restart after its
    /// clock was set back is not refused as a replay; empty: none (numbers from the clock alone).
    QString numbersPath;
    /// The wall clock the numbers and the freshness of signed operations are read from (default: the system's); the
    /// console's clock follows it too (timeBase).
    OpsExchange::WallClock wallClock;
    /// What the record already says of the gateways' and the other desks' keyrings: its labels of the lines
    /// recordKeyringTurns wrote (keyringturnrecord), newest first. Called once, on a worker thread, when the link
    /// starts; until it answers no turn is recorded, so that a gateway or desk the last run recorded as holding other
    /// keys gets its "the same again" when it is in step at this run's start, and one still differing is not recorded
    /// twice. Unset: nothing recorded
    /// before (a console that does not record). An error: said in the log, and taken as nothing recorded.
    std::function<Result<QStringList>()> recordedKeyringTurns;
    /// How this console's own recording stands now, and the store's words when it records nothing
    /// (Engine::ownRecording): said in its signed status for the room's other desks and walls, and said again when it
    /// turns. Asked on the link's thread at every refresh interval (it only copies the store's figures). Unset: not
    /// said (a console that does not record).
    std::function<std::pair<wire::ConsoleStatus::Recording, QString>()> ownRecording;
};

/// The field through a real MQTT 5 broker (docs/PROTOCOL.md): device gateways (cityops-sim) publish state,
/// presence and incidents; this console sends signed commands and gets their results on its own response topic;
/// consoles share their operations on one log topic, in the broker's order.
///
/// Incoming messages are validated and turned into events on MqttClient's own network thread and pushed into the
/// engine's bounded queue (never blocking the socket: overflow is dropped and counted by the queue). Per-device
/// sequence numbers reveal lost and repeated reports; lost ones are answered with a request for fresh state.
class MqttLink : public FieldLink {
    Q_OBJECT
public:
    /// Without a signer the console can watch but every command is refused before it leaves.
    MqttLink(std::shared_ptr<const CityModel> city, const ConsoleClock *clock, MqttLinkOptions options,
             std::optional<CommandSigner> signer);
    ~MqttLink() override;

    LinkCounters counters() const override;
    std::vector<GatewaySummary> gateways() const override;
    std::optional<QString> gatewayOf(DeviceIndex device) const override;
    /// A real field: the console's clock is the system's, read as this link reads it (MqttLinkOptions::wallClock).
    TimeBase timeBase() const override { return {0, 1.0, false, m_options.wallClock}; }
    bool shares(const Event &event) const override { return wire::isShared(event); }
    QString consoleId() const { return m_options.mqtt.clientId; }
    /// The fleet's routes through the gateway that drives the vehicle (docs/PROTOCOL.md, "Fleet dispatch").
    void planRoute(const QString &vehicle, GeoPoint destination, const RouteCallback &done) override;
    void sendRoute(const PlannedRoute &route, const SentCallback &done) override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void send(const std::vector<cityops::DeviceCommand> &commands) override;
    void share(const std::vector<cityops::Event> &events) override;

private:
    /// Which keys `keyring` holds (keyringjournal::digest), to be compared with a gateway's; empty: not told.
    static QString heldKeys(const KeyringState &keyring);
    struct Outstanding {
        DeviceCommand command;
        std::int64_t expiresMs = 0;
    };

    /// The status while the broker cannot be reached: `why` in the client's words, without the address shown beside it.
    LinkStatus trouble(const QString &why, bool retrying) const;
    void onConnection(bool connected, const QString &why);
    void onMessage(const MqttClient::Message &m);
    void onDeviceReport(const wire::TopicRef &ref, const MqttClient::Message &m);
    void onFieldEvent(const wire::TopicRef &ref, const QByteArray &payload);
    void onGatewayStatus(const wire::TopicRef &ref, const QByteArray &payload);
    void onResult(const MqttClient::Message &m);
    void onOps(const QByteArray &payload, bool handover);
    void onConsoleStatus(const wire::TopicRef &ref, const MqttClient::Message &m);
    struct GatewayLife;
    void takeStatus(GatewayLife &life, int number, const wire::Presence &status);   ///< under m_mutex
    /// Records each gateway, and each other desk of the keyring, whose keyrings came to differ from this console's, or
    /// to be the same again (either thread).
    void recordKeyringTurns();
    /// Says this console's status again, with the keys it now believes and its recording's word (wire::ConsoleStatus),
    /// when connected.
    void restateOwnStatus();
    /// The consoles whose keyrings differ from this console's (LinkCounters::consolesOtherKeys).
    std::vector<LinkCounters::OtherKeys> consolesWithOtherKeys() const;
    /// The consoles whose recording is in trouble, as their statuses said (LinkCounters::consolesRecordingTrouble).
    std::vector<LinkCounters::DeskRecording> consolesRecordingTrouble() const;
    /// Asks MqttLinkOptions::ownRecording, and says this console's status again when its recording turned.
    void checkOwnRecording();
    void readRecordedKeyringTurns();   ///< starts the worker that reads what earlier runs recorded
    void takeRecordedKeyringTurns(const Result<QStringList> &labels);   ///< link thread
    /// This console's status for `connection`, signed with its key (unsigned without one).
    QByteArray statusPayload(bool online, std::uint64_t connection) const;
    /// The Will of the connection about to be attempted: a new connection number, and its offline status.
    QByteArray willForNextConnection();
    /// Publishes `payload` as this console's status, remembered as the one it stands by.
    void publishOwnStatus(const QByteArray &payload);
    /// Something on our own status topic that we did not publish now (a status copied off the broker and replayed,
    /// a forgery): ours goes back, so a console that joins later does not read it.
    void defendOwnStatus(const MqttClient::Message &m);
    void onTimer();
    void refuse(const wire::Refused &refused, const QByteArray &topic);
    /// Checks a report's (boot, seq) against its source and counts duplicates and gaps.
    ReportSequence::Verdict checkSequence(ReportSequence &known, int gateway, std::uint64_t boot, std::uint64_t seq);
    /// Events from the network thread reach the engine's queue in small batches (at most 2 ms old), so the
    /// core thread is not woken once per message.
    void push(Event event);
    void flushBatch();
    void answer(const DeviceCommand &command, CommandStage stage, const QString &reason);
    void requestRefresh(const std::vector<QString> &devices);
    /// Signs and publishes one command; false when the broker cannot take it now.
    bool publishCommand(const DeviceCommand &c);
    void flushUnsent();
    int gatewayNumber(const QString &gateway);
    /// A device reports through one gateway: another gateway's report of it is refused while that one runs (a
    /// gateway publishes only under its own name, but it names the device). Otherwise a gateway's account could
    /// take over another's devices — their commands would go to it, and their results come from it. Another
    /// gateway may take a device over once its gateway is gone (failover), or has restarted and not reported it
    /// since (the device moved). Returns the gateway that keeps it, if any.
    std::optional<QString> deviceHeldByAnother(DeviceIndex device, int gateway);
    /// Whether gateway `number` serves `district` (`MqttLinkOptions::gatewayDistricts`): a gateway bound to districts
    /// speaks for nothing else, whoever else runs — no race at a console's start for which gateway hears a device first.
    bool servesDistrict(int gateway, int district) const;
    /// What of a field event lies outside the districts gateway `number` serves — an incident, or a vehicle where it
    /// is — in words; empty when nothing does (or it serves the whole city).
    QString outsideItsDistricts(int gateway, const Event &event);
    QString districtOrNone(int district) const;
    /// A vehicle reports through one gateway too: while its reports through one running gateway are current, another
    /// gateway's report of the same call sign is refused — else any gateway account could move an ambulance on every
    /// screen, and its route requests would go to that gateway. Two gateways bound to districts hand a vehicle over
    /// as it crosses (their districts decide, outsideItsDistricts). Returns the gateway that keeps it, if any.
    std::optional<QString> vehicleHeldByAnother(const QString &vehicle, int gateway);
    /// Counts (notTheirs) and logs a gateway's report of what is not its own.
    void refuseNotTheirs(const QString &detail, const QByteArray &topic);
    /// Refuses a field incident's raise or clear that FieldIncidentOwners did not take, saying why.
    void refuseIncident(const QString &gateway, const Event &event, const FieldIncidentOwners::Claim &claim);
    /// Whether messages from `gateway` are taken: on the known list (when there is one), and either already known
    /// or within maxGateways. Refusals are counted.
    bool admitGateway(const QString &gateway);
    /// Every device that reports through gateway `number` goes offline (its Will, or its heartbeat stopped).
    void gatewayGone(int number, const QString &gateway, const char *why);
    /// An online status from gateway `number`: when it was not running before (or runs a new boot), its first road
    /// picture is awaited (RoadPictureMerge::expect), and the city's picture says so.
    void expectRoadPicture(const QString &gateway, int number, bool newBoot);

    std::shared_ptr<const CityModel> m_city;
    const ConsoleClock *m_clock;
    MqttLinkOptions m_options;
    std::optional<CommandSigner> m_signer;
    std::unique_ptr<MqttClient> m_client;
    QTimer *m_timer = nullptr;
    QTimer *m_flushTimer = nullptr;
    std::mutex m_batchMutex;
    std::vector<Event> m_batch;
    QElapsedTimer m_batchAge;
    QString m_endpoint;
    QString m_shownError;   ///< link thread: the connection failure last shown

    // Network thread only.
    std::vector<ReportSequence> m_deviceSeq;
    std::vector<std::uint64_t> m_runningBoot;               ///< by gateway number: the boot its last online status named (0: none)
    std::uint64_t runningBoot(int gateway) const { return size_t(gateway) < m_runningBoot.size() ? m_runningBoot[size_t(gateway)] : 0; }
    QHash<QString, int> m_gatewayNumbers;
    std::vector<std::vector<bool>> m_servedDistricts;     ///< by gateway number: by district, whether it serves it (empty: all)
    QHash<QString, ReportSequence> m_gatewaySeq;           ///< field events per gateway
    FieldIncidentOwners m_incidentOwners;                  ///< which gateway raised each open field incident

    /// Which gateway a device last reported through (-1: none): written by the network thread, read by the timer.
    std::unique_ptr<std::atomic<std::int16_t>[]> m_gatewayOfDevice;
    /// Whether the record last said a gateway or desk holds other keys than this console, per keyring.
    struct RecordedTurns {
        bool consoleDiffers = false, approverDiffers = false;
        bool takenUp = false;   ///< the two above taken from what earlier runs recorded (m_recordedBefore)
    };
    struct GatewayLife {
        int number = -1;
        std::int64_t lastHeardMs = 0;
        std::int64_t keepAliveMs = 0;
        bool silent = false;   ///< its devices were declared offline
        bool online = false;   ///< its last status said online (not a goodbye or its Will)
        OfflineGrace offline;   ///< an offline it said (goodbye or Will), declared after the grace second
        QString consoleKeys, approverKeys;   ///< which keys it believes, as its last status said (wire::Presence)
        RecordedTurns recorded;
    };
    mutable std::mutex m_mutex;                       ///< guards what both threads touch
    QHash<QString, GatewayLife> m_gateways;
    std::vector<QString> m_gatewayNames;              ///< by gateway number: where commands for its devices go
    QSet<DeviceIndex> m_refreshWanted;
    bool m_fullRefreshWanted = false;
    QHash<QByteArray, Outstanding> m_outstanding;     ///< commands sent, by nonce (the correlation data)
    std::deque<DeviceCommand> m_unsent;               ///< link thread: waiting for the broker to come back
    std::atomic<size_t> m_unsentCount{0};
    static constexpr size_t kMaxUnsent = 20'000;

    LogThrottle m_trustWarnings;
    struct AtomicCounters;
    std::unique_ptr<AtomicCounters> m_counts;
    std::shared_ptr<WireNumbers> m_numbers;   ///< our signed operations' counters and our connection numbers
    OpsExchange m_ops;
    ConsoleRoll m_consoleRoll;   ///< the other consoles of the keyring: on the broker or gone
    std::atomic<std::uint64_t> m_connection{0};   ///< this console's connection number (wire::ConsoleStatus), set on the network thread
    QByteArray m_ownStatus;                       ///< the status we stand by (under m_mutex)
    QByteArray m_ownWill;                         ///< the Will of our connection (under m_mutex)
    std::unique_ptr<KeyringWatch> m_keyringWatch;   ///< the console keyring, read again when it changes (on the link's thread)
    std::unique_ptr<KeyringWatch> m_approverWatch;  ///< the approver keyring the gateways should hold (on the link's thread)
    QString m_ownConsoleKeys, m_ownApproverKeys;    ///< which keys this console's keyrings hold (under m_mutex); empty: not told
    /// How this console's recording stood when its status last said it (under m_mutex; MqttLinkOptions::ownRecording).
    wire::ConsoleStatus::Recording m_ownRecording = wire::ConsoleStatus::Recording::NotSaid;
    QString m_ownRecordingWhy;
    std::uint64_t m_ownRecordingTurn = 0;   ///< its turns since the link started (under m_mutex)
    /// What each other console of the keyring said of itself in its last signed online status (under m_mutex), by
    /// name: which keys it believes (digests empty when not said) and how its recording stands.
    struct PeerSaid {
        std::uint64_t connection = 0;   ///< the connection of the status that said it
        QString consoleKeys, approverKeys;
        wire::ConsoleStatus::Recording recording = wire::ConsoleStatus::Recording::NotSaid;
        QString recordingWhy;
        std::uint64_t recordingTurn = 0;
        bool said() const { return !consoleKeys.isEmpty() || !approverKeys.isEmpty(); }
    };
    std::map<QString, PeerSaid> m_consoleKeyrings;
    /// What the record says of each other desk's keyrings (under m_mutex): kept while it is gone, as the record is.
    std::map<QString, RecordedTurns> m_deskTurns;
    /// What earlier runs recorded of each gateway's and desk's keyrings (under m_mutex); nothing until read
    /// (recordedKeyringTurns).
    std::optional<keyringturnrecord::Recorded> m_recordedBefore;
    QThreadPool m_recordReader;   ///< reads it, once, off the link's thread
    FleetDispatch m_fleet;
    RoadPictureMerge m_roadPictures;   ///< network thread
    GatewayClocks m_gatewayClocks;     ///< how far each gateway's clock runs from ours (any thread)
};

} // namespace cityops
