#pragma once

#include "city/citymodel.h"
#include "base/result.h"
#include "model/event.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace cityops::wire {

// The MQTT protocol between consoles and device gateways, version 2 (docs/PROTOCOL.md is the reference; keep the
// two in step). Payloads are UTF-8 JSON objects with "v": 2; device data objects are the same as the export's
// "data" (docs/STORE.md), so one schema serves the wire, the files and the tests.

/// 2: operations signed in an envelope, high-risk commands with the approver's signature (cityops-command-v3), command
/// topics per gateway. Version 1 payloads are refused with a sentence that says so.
constexpr int kVersion = 2;
/// Largest payload either side accepts; anything bigger is refused unread (and counted).
constexpr int kMaxPayloadBytes = 4096;
/// Field events may be larger: a vehicle's report carries the rest of its route (up to 256 points at SUMO's full
/// precision and 32 signals ahead: about 12 KB).
constexpr int kMaxFieldEventBytes = 16 * 1024;
/// A command must expire no later than this after it was issued (bounds the device's replay memory).
constexpr std::int64_t kMaxCommandLifetimeMs = 10 * 60'000;
/// How far a command's issue time may lie in the device's future before it is refused (clock skew tolerance).
constexpr std::int64_t kMaxIssueSkewMs = 30'000;
/// A report whose time lies further than this from the console's clock is dated on its arrival instead
/// (MqttLinkOptions::skewToleranceMs by default): its gateway's clock is off enough to be worth naming.
constexpr std::int64_t kReportSkewToleranceMs = 5'000;

QByteArray root();                                                     ///< "cityops/v1"
QByteArray deviceTopic(const QString &gateway, const QString &device, const char *channel);   ///< .../gw/G/dev/D/state
QByteArray gatewayStatusTopic(const QString &gateway);                 ///< retained presence of a gateway (and its Will)
QByteArray gatewayEventTopic(const QString &gateway);                  ///< incidents the field raises and clears
/// cityops/v1/cmd/<gateway>/<device id>: each gateway reads only its own devices' commands (broker roles).
QByteArray commandTopic(const QString &gateway, const QString &device);
QByteArray refreshTopic();                                             ///< consoles ask gateways for fresh state
QByteArray resultTopic(const QString &console);                        ///< a console's response topic
QByteArray opsTopic();                                                 ///< shared operations log of the consoles
QByteArray consoleStatusTopic(const QString &console);
QByteArray handoverTopic(const QString &console);                     ///< what the others tell a console that joins

/// What a topic under root() names.
struct TopicRef {
    enum Kind { Unknown, DeviceState, DevicePresence, GatewayStatus, GatewayEvent, Command, Refresh, Result, Ops, ConsoleStatus, Handover,
                FleetPlan, FleetSend };
    Kind kind = Unknown;
    QString gateway;
    QString device;
    QString console;
};
TopicRef parseTopic(const QByteArray &topic);

/// Why a message was refused (counted per reason by both sides).
enum class Refusal : std::uint8_t {
    Oversized, Malformed, UnknownVersion, UnknownDevice, WrongKind,
    Untrusted,   ///< not signed by a key this side trusts (unknown sender, bad signature, speaking for another)
    Replayed,    ///< signed, but seen before or outside the freshness window
};
constexpr int kRefusalCount = 7;
QString refusalName(Refusal refusal);

struct Refused {
    Refusal reason;
    QString detail;
};
template <typename T>
using Parsed = std::variant<T, Refused>;

/// A payload as a JSON object of this protocol version ("v": 2), or why not (oversized, malformed, another version).
Parsed<QJsonObject> openPayload(const QByteArray &payload, int limit);

/// A device report (state or presence) with the device's own sequence number: `boot` changes when the gateway
/// restarts (numbering starts again), `seq` counts this device's reports within a boot without gaps.
struct DeviceReport {
    std::uint64_t boot = 0;
    std::uint64_t seq = 0;
    Event event;   ///< device, device-reported time, payload (signal/light/feeder/presence)
};
QByteArray encodeDeviceReport(const DeviceReport &report, const CityModel &city);
Parsed<DeviceReport> decodeDeviceReport(const QByteArray &payload, const QString &deviceId, TopicRef::Kind channel,
                                        const CityModel &city);

/// Incidents raised and cleared in the field (by a gateway, not tied to one device's state).
struct FieldEvent {
    std::uint64_t boot = 0;
    std::uint64_t seq = 0;
    Event event;   ///< incident-raised or incident-cleared
};
QByteArray encodeFieldEvent(const FieldEvent &e, const CityModel &city);
Parsed<FieldEvent> decodeFieldEvent(const QByteArray &payload, const CityModel &city);

/// Presence of a gateway or a console: retained, and the Last Will (offline). A gateway repeats it every half
/// keep-alive as a heartbeat (consoles send no heartbeat: keepAliveS 0).
struct Presence {
    bool online = false;
    std::uint64_t boot = 0;
    int devices = 0;
    int keepAliveS = 0;   ///< consoles declare the gateway's devices offline after 1.5 x this without a heartbeat
    /// A gateway's: which keys it believes — keyringjournal::digest of its console keyring's and its approver
    /// keyring's names and key ids ("ck", "ak"; its `--command-pubkey` key in "ck" when the keyring does not list it:
    /// keyringjournal::digestOf), so that a console can tell one that was not given the keyring it uses. Empty: not
    /// said (a Will, an older gateway, or no such keyring given to it).
    QString consoleKeys{}, approverKeys{};
};
QByteArray encodePresence(const Presence &status);
Parsed<Presence> decodePresence(const QByteArray &payload);

/// A signed command (console -> device). The signature covers canonical() — every field but the signature.
struct SignedCommand {
    QString device;
    std::uint32_t order = 0;
    std::uint16_t step = 0;
    std::uint8_t attempt = 1;
    CommandAction action = CommandAction::SignalRestore;
    std::int32_t value = 0;
    std::int64_t issuedMs = 0;
    std::int64_t expiresMs = 0;
    QByteArray nonce;       ///< 16 random bytes, new for every message (a retry is a new message)
    QString keyId;
    QString approver;       ///< high risk: the supervisor who approved it (empty otherwise)
    std::int64_t approvedUntilMs = 0;   ///< high risk: the order's expiry, which the approval covers
    QByteArray approval;    ///< high risk: their Ed25519 signature over approval::statement() (64 bytes)
    QByteArray signature;   ///< Ed25519, 64 bytes

    QByteArray canonical() const;
};
QByteArray encodeCommand(const SignedCommand &command);
Parsed<SignedCommand> decodeCommand(const QByteArray &payload);

/// A device's answer, published to the command's response topic with its correlation data (the nonce).
struct CommandResult {
    QString device;
    std::uint32_t order = 0;
    std::uint16_t step = 0;
    std::uint8_t attempt = 1;
    bool accepted = false;
    bool replay = false;    ///< refused because this exact message was seen before (says nothing about the original)
    QString reason;
};
QByteArray encodeResult(const CommandResult &result);
Parsed<CommandResult> decodeResult(const QByteArray &payload);

/// A console asks for fresh state: of the listed devices, or of everything when the list is empty.
struct RefreshRequest {
    QString console;
    std::vector<QString> devices;
};
QByteArray encodeRefresh(const RefreshRequest &request);
Parsed<RefreshRequest> decodeRefresh(const QByteArray &payload);

/// Operations a console shares with the others (incident steps, console-reported incidents, orders and their
/// reservations), in the export's event JSON.
struct OpsMessage {
    QString console;   ///< whose operations these are (in a hand-over, the console they came from, not the one relaying)
    std::vector<Event> events;
};
/// Whether an event is one a console shares on the operations log.
bool isShared(const Event &event);
QByteArray encodeOps(const OpsMessage &message, const CityModel &city);
Parsed<OpsMessage> decodeOps(const QByteArray &payload, const CityModel &city);

/// An operations message as it travels (docs/PROTOCOL.md, "Signed operations"): the body (encodeOps bytes) signed by
/// the sending console's Ed25519 key, with a counter that only grows and the sender's wall time.
struct SignedOps {
    QString console;             ///< who signed: the sender (for a hand-over, the console handing over)
    std::uint64_t counter = 0;   ///< grows with every message the console sends, across its restarts
    std::int64_t sentMs = 0;     ///< the sender's wall time, ms since the epoch
    QByteArray body;
    QByteArray signature;        ///< Ed25519 over canonical(topic)

    /// The signed bytes: length-prefixed fields, including the topic (a hand-over meant for one console cannot be
    /// replayed to another or onto the shared log).
    QByteArray canonical(const QByteArray &topic) const;
};
QByteArray encodeSignedOps(const SignedOps &message);
Parsed<SignedOps> decodeSignedOps(const QByteArray &payload);

} // namespace cityops::wire
