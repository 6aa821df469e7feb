#include "link/wireprotocol.h"

#include "link/wirejson.h"

#include "base/hexdigits.h"

#include "codec/eventjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUtf8StringView>

#include <algorithm>
#include <optional>

namespace cityops::wire {
namespace {

constexpr int kMaxOpsPayloadBytes = 256 * 1024;

/// Parses a payload into a JSON object of this protocol version, or says why not.
Parsed<QJsonObject> open(const QByteArray &payload, int limit = kMaxPayloadBytes)
{
    if (payload.size() > limit)
        return Refused{Refusal::Oversized, QStringLiteral("%1 bytes (limit %2)").arg(payload.size()).arg(limit)};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Refused{Refusal::Malformed, error.error != QJsonParseError::NoError ? error.errorString() : QStringLiteral("not a JSON object")};
    const QJsonObject o = doc.object();
    const QJsonValue v = o.value(QLatin1String("v"));
    if (!v.isDouble())
        return Refused{Refusal::Malformed, QStringLiteral("no protocol version")};
    if (v.toDouble() == 1)
        return Refused{Refusal::UnknownVersion, QStringLiteral("version 1, from before signed operations and approval signatures: "
                                                               "the sender must be updated to version %1").arg(kVersion)};
    if (v.toDouble() != kVersion)
        return Refused{Refusal::UnknownVersion, QStringLiteral("version %1").arg(v.toDouble())};
    return o;
}

/// Absent, or a whole number in [0, max].
bool isOptionalCount(const QJsonValue &v, double max) { return v.isUndefined() || isCount(v, max); }

/// The shared part of device reports and field events: boot, seq and an exported event.
template <typename T>
Parsed<T> decodeSequenced(const QByteArray &payload, const CityModel &city, const QString &deviceId, int limit = kMaxPayloadBytes)
{
    auto opened = open(payload, limit);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    QJsonObject o = std::get<QJsonObject>(opened);
    if (!isCount(o.value(QLatin1String("b"))) || !isCount(o.value(QLatin1String("seq"))) || !isCount(o.value(QLatin1String("time_ms"))))
        return malformed(QStringLiteral("b, seq and time_ms must be whole numbers"));
    if (!o.value(QLatin1String("data")).isObject())
        return malformed(QStringLiteral("no data object"));
    DeviceIndex device = kNoDevice;
    if (!deviceId.isEmpty()) {
        // The device is named by the topic. A payload that names another one is not ours to guess about.
        device = city.deviceIndex(deviceId);
        if (device == kNoDevice)
            return Refused{Refusal::UnknownDevice, deviceId};
        const QJsonValue named = o.value(QLatin1String("device"));
        if (!named.isUndefined() && !named.isNull() && named != QJsonValue(deviceId))
            return malformed(QStringLiteral("the payload names another device than its topic (%1)").arg(deviceId));
        o.remove(QLatin1String("device"));
    } else if (o.contains(QLatin1String("device")) && !o.value(QLatin1String("device")).isString()
               && !o.value(QLatin1String("device")).isNull()) {
        return malformed(QStringLiteral("device must be a string"));
    } else if (o.value(QLatin1String("device")).isString() && city.deviceIndex(o.value(QLatin1String("device")).toString()) == kNoDevice) {
        return Refused{Refusal::UnknownDevice, o.value(QLatin1String("device")).toString()};
    }
    auto event = eventjson::eventFromJson(o, city);
    if (!event)
        return malformed(event.error());
    T out;
    out.boot = static_cast<std::uint64_t>(o.value(QLatin1String("b")).toDouble());
    out.seq = static_cast<std::uint64_t>(o.value(QLatin1String("seq")).toDouble());
    out.event = std::move(event).value();
    out.event.seq = 0;
    if (device != kNoDevice)
        out.event.device = device;
    return out;
}

QJsonObject sequenced(std::uint64_t boot, std::uint64_t seq, const Event &event, const CityModel &city)
{
    QJsonObject o = eventjson::eventToJson(event, city);
    o.remove(QLatin1String("seq"));
    o.remove(QLatin1String("time"));
    o.insert(QLatin1String("v"), kVersion);
    o.insert(QLatin1String("b"), static_cast<double>(boot));
    o.insert(QLatin1String("seq"), static_cast<double>(seq));
    return o;
}

QList<QByteArray> levels(const QByteArray &topic) { return topic.split('/'); }

/// Device ids come from the city (SUMO edge ids such as "8025704#1"); '#' and '+' are wildcards in MQTT and may
/// not appear in a topic name, so they travel percent-encoded (and '%' itself).
QByteArray topicId(const QString &id)
{
    QByteArray out = id.toUtf8();
    if (out.contains('%') || out.contains('#') || out.contains('+'))
        out = out.replace("%", "%25").replace("#", "%23").replace("+", "%2B");
    return out;
}

/// The id a topic level names, when the level is that id's own spelling (topicId): one device, one topic — another
/// spelling of the same id ("%50" for "P", a raw '#') is not read (found by tests/fuzz).
std::optional<QString> idFromTopic(const QByteArray &level)
{
    const QString id = QString::fromUtf8(level.contains('%') ? QByteArray::fromPercentEncoding(level) : level);
    if (topicId(id) != level)
        return std::nullopt;
    return id;
}

} // namespace

Parsed<QJsonObject> openPayload(const QByteArray &payload, int limit) { return open(payload, limit); }

QByteArray root() { return QByteArrayLiteral("cityops/v1"); }
QByteArray deviceTopic(const QString &gateway, const QString &device, const char *channel)
{
    return root() + "/gw/" + gateway.toUtf8() + "/dev/" + topicId(device) + '/' + channel;
}
QByteArray gatewayStatusTopic(const QString &gateway) { return root() + "/gw/" + gateway.toUtf8() + "/status"; }
QByteArray gatewayEventTopic(const QString &gateway) { return root() + "/gw/" + gateway.toUtf8() + "/event"; }
QByteArray commandTopic(const QString &gateway, const QString &device) { return root() + "/cmd/" + gateway.toUtf8() + '/' + topicId(device); }
QByteArray refreshTopic() { return root() + "/ctl/refresh"; }
QByteArray resultTopic(const QString &console) { return root() + "/console/" + console.toUtf8() + "/result"; }
QByteArray opsTopic() { return root() + "/ops"; }
QByteArray consoleStatusTopic(const QString &console) { return root() + "/console/" + console.toUtf8() + "/status"; }
QByteArray handoverTopic(const QString &console) { return root() + "/console/" + console.toUtf8() + "/handover"; }

TopicRef parseTopic(const QByteArray &topic)
{
    TopicRef ref;
    const QByteArray prefix = root() + '/';
    if (!topic.startsWith(prefix))
        return ref;
    // MQTT allows neither, and a broker should refuse them; a name taken from the topic (a gateway's, a device's) is
    // shown and logged, so one that a broker let through is not read either (found by tests/fuzz).
    if (!QUtf8StringView(topic).isValidUtf8()
        || std::any_of(topic.begin(), topic.end(), [](char c) { return std::uint8_t(c) < 0x20 || c == 0x7f; }))
        return ref;
    const QList<QByteArray> l = levels(topic.mid(prefix.size()));
    if (l.isEmpty())
        return ref;
    if (l[0] == "gw" && l.size() == 3) {
        ref.gateway = QString::fromUtf8(l[1]);
        ref.kind = l[2] == "status" ? TopicRef::GatewayStatus : l[2] == "event" ? TopicRef::GatewayEvent : TopicRef::Unknown;
    } else if (l[0] == "gw" && l.size() >= 5 && l[2] == "dev") {
        // Device ids may contain '/', e.g. "sig/J12": everything between "dev" and the channel.
        ref.gateway = QString::fromUtf8(l[1]);
        const auto id = idFromTopic(l.mid(3, l.size() - 4).join('/'));
        if (!id)
            return TopicRef{};
        ref.device = *id;
        ref.kind = l.last() == "state" ? TopicRef::DeviceState : l.last() == "presence" ? TopicRef::DevicePresence : TopicRef::Unknown;
    } else if (l[0] == "cmd" && l.size() >= 3) {
        ref.gateway = QString::fromUtf8(l[1]);
        const auto id = idFromTopic(l.mid(2).join('/'));
        if (!id)
            return TopicRef{};
        ref.device = *id;
        ref.kind = TopicRef::Command;
    } else if (l.size() == 2 && l[0] == "ctl" && l[1] == "refresh") {
        ref.kind = TopicRef::Refresh;
    } else if (l.size() == 3 && l[0] == "console") {
        ref.console = QString::fromUtf8(l[1]);
        ref.kind = l[2] == "result" ? TopicRef::Result : l[2] == "status" ? TopicRef::ConsoleStatus
                 : l[2] == "handover" ? TopicRef::Handover : TopicRef::Unknown;
    } else if (l.size() == 1 && l[0] == "ops") {
        ref.kind = TopicRef::Ops;
    } else if (l.size() == 3 && l[0] == "fleet") {
        ref.gateway = QString::fromUtf8(l[1]);
        ref.kind = l[2] == "plan" ? TopicRef::FleetPlan : l[2] == "send" ? TopicRef::FleetSend : TopicRef::Unknown;
    }
    return ref;
}

QString refusalName(Refusal refusal)
{
    switch (refusal) {
    case Refusal::Oversized: return QStringLiteral("oversized");
    case Refusal::Malformed: return QStringLiteral("malformed");
    case Refusal::UnknownVersion: return QStringLiteral("unknown-version");
    case Refusal::UnknownDevice: return QStringLiteral("unknown-device");
    case Refusal::WrongKind: return QStringLiteral("wrong-kind");
    case Refusal::Untrusted: return QStringLiteral("untrusted");
    case Refusal::Replayed: return QStringLiteral("replayed");
    }
    return {};
}

QByteArray encodeDeviceReport(const DeviceReport &report, const CityModel &city)
{
    QJsonObject o = sequenced(report.boot, report.seq, report.event, city);
    o.remove(QLatin1String("device"));   // in the topic
    return compact(o);
}

Parsed<DeviceReport> decodeDeviceReport(const QByteArray &payload, const QString &deviceId, TopicRef::Kind channel,
                                        const CityModel &city)
{
    auto parsed = decodeSequenced<DeviceReport>(payload, city, deviceId);
    auto *report = std::get_if<DeviceReport>(&parsed);
    if (!report)
        return parsed;
    // A report must fit its channel and its device: a "light" report for a signal would corrupt the signal's state.
    const EventPayload &p = report->event.payload;
    const DeviceKind kind = city.devices[report->event.device].kind;
    bool fits = false;
    if (channel == TopicRef::DevicePresence)
        fits = std::holds_alternative<PresencePayload>(p);
    else if (channel == TopicRef::DeviceState)
        fits = (kind == DeviceKind::SignalController && (std::holds_alternative<SignalPayload>(p) || std::holds_alternative<TrafficPayload>(p)))
            || (kind == DeviceKind::Streetlight && std::holds_alternative<LightPayload>(p))
            || (kind == DeviceKind::Feeder && std::holds_alternative<FeederPayload>(p));
    if (!fits)
        return Refused{Refusal::WrongKind, QStringLiteral("%1 cannot report that on this topic").arg(deviceId)};
    return parsed;
}

QByteArray encodeFieldEvent(const FieldEvent &e, const CityModel &city) { return compact(sequenced(e.boot, e.seq, e.event, city)); }

Parsed<FieldEvent> decodeFieldEvent(const QByteArray &payload, const CityModel &city)
{
    auto parsed = decodeSequenced<FieldEvent>(payload, city, QString(), kMaxFieldEventBytes);
    auto *e = std::get_if<FieldEvent>(&parsed);
    if (!e)
        return parsed;
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e->event.payload)) {
        if (raised->id == 0 || raised->id >= kConsoleIncidentBase)
            return malformed(QStringLiteral("field incident ids lie between 1 and %1").arg(kConsoleIncidentBase - 1));
        if (raised->district >= static_cast<int>(city.districts.size()) || raised->road >= static_cast<int>(city.roads.size()))
            return malformed(QStringLiteral("district or road out of range"));
    } else if (!std::holds_alternative<IncidentClearedPayload>(e->event.payload) && !std::holds_alternative<VehiclePayload>(e->event.payload)
               && !std::holds_alternative<RoadTrafficPayload>(e->event.payload)) {
        return Refused{Refusal::WrongKind, QStringLiteral("only incident-raised, incident-cleared, vehicle and roads travel as field events")};
    }
    return parsed;
}

QByteArray encodePresence(const Presence &s)
{
    QJsonObject o{{"v", kVersion}, {"online", s.online}, {"b", static_cast<double>(s.boot)}, {"devices", s.devices}, {"keepalive", s.keepAliveS}};
    if (!s.consoleKeys.isEmpty())
        o.insert(QStringLiteral("ck"), s.consoleKeys);
    if (!s.approverKeys.isEmpty())
        o.insert(QStringLiteral("ak"), s.approverKeys);
    return compact(o);
}

Parsed<Presence> decodePresence(const QByteArray &payload)
{
    auto opened = open(payload);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    if (!o.value(QLatin1String("online")).isBool())
        return malformed(QStringLiteral("online must be true or false"));
    // A Will may carry only "online"; what is there must be a count.
    if (!isOptionalCount(o.value(QLatin1String("b")), 9007199254740991.0) || !isOptionalCount(o.value(QLatin1String("devices")), 10'000'000)
        || !isOptionalCount(o.value(QLatin1String("keepalive")), 1e9))
        return malformed(QStringLiteral("b, devices and keepalive must be whole numbers"));
    // Which keys it believes: 16 hex digits, or not said.
    for (const char *keys : {"ck", "ak"})
        if (const QJsonValue v = o.value(QLatin1String(keys)); !v.isUndefined() && !hexdigits::isSixteen(v.toString()))
            return malformed(QStringLiteral("ck and ak must be 16 hex digits"));
    return Presence{o.value(QLatin1String("online")).toBool(), static_cast<std::uint64_t>(o.value(QLatin1String("b")).toDouble()),
                    o.value(QLatin1String("devices")).toInt(), std::clamp(o.value(QLatin1String("keepalive")).toInt(), 0, 3600),
                    o.value(QLatin1String("ck")).toString(), o.value(QLatin1String("ak")).toString()};
}

QByteArray SignedCommand::canonical() const
{
    // Fixed field order, each field as <byte length>:<bytes>\n, integers in decimal: the same bytes on every platform
    // and JSON library, and no two commands can share them. (Version 1 chained QString::arg, which substituted
    // "%2" inside a device id already inserted, and let a newline in an id shift the fields: two different commands
    // could sign the same string.)
    QByteArray out = QByteArrayLiteral("cityops-command-v3\n");
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(device.toUtf8());
    field(QByteArray::number(order));
    field(QByteArray::number(step));
    field(QByteArray::number(attempt));
    field(commandActionName(action).toUtf8());
    field(QByteArray::number(value));
    field(QByteArray::number(issuedMs));
    field(QByteArray::number(expiresMs));
    field(nonce.toHex());
    field(keyId.toUtf8());
    field(approver.toUtf8());
    field(QByteArray::number(approvedUntilMs));
    field(approval.toHex());
    return out;
}

QByteArray encodeCommand(const SignedCommand &c)
{
    QJsonObject o{{"v", kVersion}, {"device", c.device}, {"order", static_cast<double>(c.order)}, {"step", c.step},
                  {"attempt", c.attempt}, {"action", commandActionName(c.action)}, {"value", c.value},
                  {"issued_ms", static_cast<double>(c.issuedMs)}, {"expires_ms", static_cast<double>(c.expiresMs)},
                  {"nonce", QString::fromLatin1(c.nonce.toHex())}, {"key", c.keyId},
                  {"sig", QString::fromLatin1(c.signature.toBase64())}};
    if (!c.approval.isEmpty()) {
        o.insert(QLatin1String("approver"), c.approver);
        o.insert(QLatin1String("approved_until_ms"), static_cast<double>(c.approvedUntilMs));
        o.insert(QLatin1String("approval"), QString::fromLatin1(c.approval.toBase64()));
    }
    return compact(o);
}

Parsed<SignedCommand> decodeCommand(const QByteArray &payload)
{
    auto opened = open(payload);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    SignedCommand c;
    c.device = o.value(QLatin1String("device")).toString();
    const QString action = o.value(QLatin1String("action")).toString();
    bool actionKnown = false;
    for (int i = 0; i < kCommandActionCount; ++i)
        if (commandActionName(static_cast<CommandAction>(i)) == action) {
            c.action = static_cast<CommandAction>(i);
            actionKnown = true;
        }
    if (c.device.isEmpty() || !actionKnown)
        return malformed(QStringLiteral("device and a known action are required"));
    if (!isCount(o.value(QLatin1String("order")), 4294967295.0) || !isCount(o.value(QLatin1String("step")), 65535)
        || !isCount(o.value(QLatin1String("attempt")), 255) || !eventjson::wholeIn(o.value(QLatin1String("value")), -2147483648.0, 2147483647.0)
        || !isCount(o.value(QLatin1String("issued_ms"))) || !isCount(o.value(QLatin1String("expires_ms"))))
        return malformed(QStringLiteral("order, step, attempt, value, issued_ms and expires_ms must be whole numbers in range"));
    c.order = static_cast<std::uint32_t>(o.value(QLatin1String("order")).toDouble());
    c.step = static_cast<std::uint16_t>(o.value(QLatin1String("step")).toInt());
    c.attempt = static_cast<std::uint8_t>(o.value(QLatin1String("attempt")).toInt());
    c.value = o.value(QLatin1String("value")).toInt();
    c.issuedMs = static_cast<std::int64_t>(o.value(QLatin1String("issued_ms")).toDouble());
    c.expiresMs = static_cast<std::int64_t>(o.value(QLatin1String("expires_ms")).toDouble());
    c.nonce = QByteArray::fromHex(o.value(QLatin1String("nonce")).toString().toLatin1());
    c.keyId = o.value(QLatin1String("key")).toString();
    if (!o.value(QLatin1String("sig")).isString() || !o.value(QLatin1String("nonce")).isString())
        return malformed(QStringLiteral("nonce and sig must be text"));
    c.signature = QByteArray::fromBase64(o.value(QLatin1String("sig")).toString().toLatin1());
    if (c.nonce.size() != 16)
        return malformed(QStringLiteral("nonce must be 16 bytes in hex"));
    const QJsonValue approver = o.value(QLatin1String("approver")), approval = o.value(QLatin1String("approval"));
    if (!approver.isUndefined() || !approval.isUndefined()) {
        if (!approver.isString() || !approval.isString() || approver.toString().isEmpty() || approver.toString().size() > 64
            || !isCount(o.value(QLatin1String("approved_until_ms"))))
            return malformed(QStringLiteral("an approval needs approver (1 to 64 characters), approved_until_ms and approval"));
        c.approver = approver.toString();
        c.approvedUntilMs = static_cast<std::int64_t>(o.value(QLatin1String("approved_until_ms")).toDouble());
        c.approval = QByteArray::fromBase64(approval.toString().toLatin1());
        if (c.approval.size() != 64)
            return malformed(QStringLiteral("approval must be a 64-byte signature in base64"));
    }
    return c;
}

QByteArray encodeResult(const CommandResult &r)
{
    QJsonObject o{{"v", kVersion}, {"device", r.device}, {"order", static_cast<double>(r.order)}, {"step", r.step},
                  {"attempt", r.attempt}, {"result", r.accepted ? "accepted" : "rejected"}};
    if (!r.reason.isEmpty())
        o.insert(QLatin1String("reason"), r.reason);
    if (r.replay)
        o.insert(QLatin1String("replay"), true);
    return compact(o);
}

Parsed<CommandResult> decodeResult(const QByteArray &payload)
{
    auto opened = open(payload);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    const QString result = o.value(QLatin1String("result")).toString();
    if (result != QLatin1String("accepted") && result != QLatin1String("rejected"))
        return malformed(QStringLiteral("result must be accepted or rejected"));
    if (!o.value(QLatin1String("device")).isString() || o.value(QLatin1String("device")).toString().isEmpty()
        || !isCount(o.value(QLatin1String("order")), 4294967295.0) || !isCount(o.value(QLatin1String("step")), 65535)
        || !isCount(o.value(QLatin1String("attempt")), 255))
        return malformed(QStringLiteral("device, order, step and attempt are required, as text and whole numbers in range"));
    const QJsonValue replay = o.value(QLatin1String("replay"));
    if (!replay.isUndefined() && !replay.isBool())
        return malformed(QStringLiteral("replay must be true or false"));
    if (const QJsonValue reason = o.value(QLatin1String("reason")); !reason.isUndefined() && !reason.isString())
        return malformed(QStringLiteral("reason must be text"));
    CommandResult r;
    r.device = o.value(QLatin1String("device")).toString();
    r.order = static_cast<std::uint32_t>(o.value(QLatin1String("order")).toDouble());
    r.step = static_cast<std::uint16_t>(o.value(QLatin1String("step")).toInt());
    r.attempt = static_cast<std::uint8_t>(o.value(QLatin1String("attempt")).toInt());
    r.accepted = result == QLatin1String("accepted");
    r.replay = o.value(QLatin1String("replay")).toBool();
    r.reason = o.value(QLatin1String("reason")).toString().left(200);
    return r;
}

QByteArray encodeRefresh(const RefreshRequest &request)
{
    QJsonArray devices;
    for (const QString &d : request.devices)
        devices.append(d);
    return compact({{"v", kVersion}, {"console", request.console}, {"devices", devices}});
}

Parsed<RefreshRequest> decodeRefresh(const QByteArray &payload)
{
    auto opened = open(payload);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    RefreshRequest r;
    r.console = o.value(QLatin1String("console")).toString();
    const QJsonValue devices = o.value(QLatin1String("devices"));
    if (!devices.isUndefined() && !devices.isArray())
        return malformed(QStringLiteral("devices must be a list"));
    for (const QJsonValue &d : devices.toArray()) {
        if (!d.isString())
            return malformed(QStringLiteral("device ids are strings"));
        r.devices.push_back(d.toString());
    }
    return r;
}

bool isShared(const Event &event)
{
    // Orders, but not a release of another console's order here: that is this console's own decision about what it
    // holds, made while that console was gone (the others decide for themselves; PeerGate refuses one from a peer).
    if (const auto *command = std::get_if<CommandPayload>(&event.payload))
        return command->stage != CommandStage::Released;
    // What people did to incidents; escalations are the system's, and every console makes its own.
    // Entries without a person (the console's own findings, e.g. signals dark behind an open feeder) are made by
    // every console from the same field, so they stay home too.
    if (const auto *update = std::get_if<IncidentUpdatePayload>(&event.payload))
        return !update->user.isEmpty()
            && (update->change == IncidentChange::Transition || update->change == IncidentChange::Note
                || update->change == IncidentChange::LinkDevice);
    // A person putting something on the video wall: the walls on the broker show it (and record who did).
    if (const auto *action = std::get_if<OperatorActionPayload>(&event.payload))
        return action->action == OperatorAction::ShowOnWall && !action->user.isEmpty();
    const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload);
    return raised && raised->id >= kConsoleIncidentBase && raised->kind != IncidentKind::SignalsDark;
}

QByteArray encodeOps(const OpsMessage &message, const CityModel &city)
{
    QJsonArray events;
    for (const Event &e : message.events) {
        QJsonObject o = eventjson::eventToJson(e, city);
        o.remove(QLatin1String("seq"));
        o.remove(QLatin1String("time"));
        o.insert(QLatin1String("seq"), 0);
        events.append(o);
    }
    return compact({{"v", kVersion}, {"console", message.console}, {"events", events}});
}

Parsed<OpsMessage> decodeOps(const QByteArray &payload, const CityModel &city)
{
    auto opened = open(payload, kMaxOpsPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    OpsMessage m;
    m.console = o.value(QLatin1String("console")).toString();
    if (m.console.isEmpty() || !o.value(QLatin1String("events")).isArray())
        return malformed(QStringLiteral("console and events are required"));
    for (const QJsonValue &v : o.value(QLatin1String("events")).toArray()) {
        auto event = eventjson::eventFromJson(v.toObject(), city);
        if (!event)
            return malformed(event.error());
        if (!isShared(event.value()))
            return Refused{Refusal::WrongKind, QStringLiteral("only incident steps, console incidents, orders and wall requests are shared")};
        m.events.push_back(std::move(event).value());
    }
    return m;
}

} // namespace cityops::wire

namespace cityops::wire {

QByteArray SignedOps::canonical(const QByteArray &topic) const
{
    // As the command's canonical bytes: fixed order, <byte length>:<bytes>\n per field, so no two messages share them.
    QByteArray out = QByteArrayLiteral("cityops-ops-v1\n");
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(topic);
    field(console.toUtf8());
    field(QByteArray::number(counter));
    field(QByteArray::number(sentMs));
    field(body);
    return out;
}

QByteArray encodeSignedOps(const SignedOps &m)
{
    return compact({{"v", kVersion}, {"console", m.console}, {"counter", static_cast<double>(m.counter)},
                    {"sent_ms", static_cast<double>(m.sentMs)}, {"body", QString::fromUtf8(m.body)},
                    {"sig", QString::fromLatin1(m.signature.toBase64())}});
}

Parsed<SignedOps> decodeSignedOps(const QByteArray &payload)
{
    auto opened = open(payload, kMaxOpsPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    if (!o.value(QLatin1String("sig")).isString())
        return Refused{Refusal::Untrusted, QStringLiteral("operations must be signed by the sending console (no sig)")};
    SignedOps m;
    m.console = o.value(QLatin1String("console")).toString();
    if (m.console.isEmpty() || m.console.size() > 64)
        return malformed(QStringLiteral("console must name the sender (1 to 64 characters)"));
    if (!isCount(o.value(QLatin1String("counter"))) || !isCount(o.value(QLatin1String("sent_ms"))))
        return malformed(QStringLiteral("counter and sent_ms must be whole numbers"));
    if (!o.value(QLatin1String("body")).isString() || !o.value(QLatin1String("sig")).isString())
        return malformed(QStringLiteral("an operations message needs a body and a signature (sig)"));
    m.counter = static_cast<std::uint64_t>(o.value(QLatin1String("counter")).toDouble());
    m.sentMs = static_cast<std::int64_t>(o.value(QLatin1String("sent_ms")).toDouble());
    m.body = o.value(QLatin1String("body")).toString().toUtf8();
    const auto sig = QByteArray::fromBase64Encoding(o.value(QLatin1String("sig")).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!sig || sig.decoded.size() != 64)
        return malformed(QStringLiteral("sig must be a base64 Ed25519 signature (64 bytes)"));
    m.signature = sig.decoded;
    return m;
}

} // namespace cityops::wire
