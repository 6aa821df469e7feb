// Every decoder of the MQTT wire protocol (docs/PROTOCOL.md) against what an attacker or a broken gateway can put on
// a topic: malformed and truncated JSON, wrong types, out-of-range numbers, oversized payloads and other versions.
// Each row names the refusal the decoder must give (or "ok"); no broker, no threads, milliseconds.
#include "link/fleetwire.h"
#include "link/wireprotocol.h"
#include "storetesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

enum class Decoder { Report, FieldEvent, Presence, Command, Result, Refresh, Ops };
constexpr int kOk = -1;

const CityModel &city() { return *fixtureCity(); }

DeviceIndex firstOf(DeviceKind kind)
{
    for (DeviceIndex d = 0; d < city().devices.size(); ++d)
        if (city().devices[d].kind == kind)
            return d;
    return kNoDevice;
}

QJsonObject object(const QByteArray &payload) { return QJsonDocument::fromJson(payload).object(); }
QByteArray bytes(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
/// `payload` with one field set (or removed when `value` is undefined).
QByteArray with(const QByteArray &payload, const QString &key, const QJsonValue &value)
{
    QJsonObject o = object(payload);
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return bytes(o);
}
/// `payload` with a nested field of its "data" object set.
QByteArray withData(const QByteArray &payload, const QString &key, const QJsonValue &value)
{
    QJsonObject o = object(payload);
    QJsonObject data = o.value(QLatin1String("data")).toObject();
    data.insert(key, value);
    o.insert(QStringLiteral("data"), data);
    return bytes(o);
}
/// `payload` padded with a filler field to `size` bytes.
QByteArray padded(const QByteArray &payload, int size)
{
    return with(payload, QStringLiteral("filler"), QString(size, QLatin1Char('x')));
}

const std::int64_t kNow = 1'790'000'000'000;

QByteArray validReport()
{
    wire::DeviceReport r{1, 5, Event{0, kNow, firstOf(DeviceKind::SignalController), SignalPayload{1, 2, SignalMode::Normal, kNow + 4000, false}}};
    return wire::encodeDeviceReport(r, city());
}
QByteArray validFieldEvent()
{
    IncidentRaisedPayload raised;
    raised.id = 42;
    raised.kind = IncidentKind::Collision;
    raised.severity = IncidentSeverity::Major;
    raised.position = city().devices[0].position;
    raised.district = 0;
    raised.road = 0;
    return wire::encodeFieldEvent({3, 9, Event{0, kNow, kNoDevice, raised}}, city());
}
QByteArray validPresence() { return wire::encodePresence({true, 7, 120, 30}); }
QByteArray validCommand()
{
    wire::SignedCommand c;
    c.device = city().devices[firstOf(DeviceKind::Streetlight)].id;
    c.order = 77;
    c.step = 3;
    c.attempt = 1;
    c.action = CommandAction::LightDim;
    c.value = 40;
    c.issuedMs = kNow;
    c.expiresMs = kNow + 60'000;
    c.nonce = QByteArray(16, '\x5a');
    c.keyId = QStringLiteral("abcd");
    c.signature = QByteArray(64, '\x01');
    return wire::encodeCommand(c);
}
QByteArray validResult() { return wire::encodeResult({QStringLiteral("sig/J1"), 77, 3, 1, false, false, QStringLiteral("device busy")}); }
QByteArray validRefresh() { return wire::encodeRefresh({QStringLiteral("desk-1"), {QStringLiteral("sig/J1"), QStringLiteral("lamp/7")}}); }
QByteArray validOps()
{
    IncidentUpdatePayload step;
    step.id = 42;
    step.change = IncidentChange::Transition;
    step.state = IncidentState::Acknowledged;
    step.user = QStringLiteral("rita");
    return wire::encodeOps({QStringLiteral("desk-1"), {Event{0, kNow, kNoDevice, step}}}, city());
}

template <typename T>
std::pair<int, QString> outcomeOf(const wire::Parsed<T> &parsed)
{
    if (const auto *r = std::get_if<wire::Refused>(&parsed))
        return {static_cast<int>(r->reason), r->detail};
    return {kOk, QString()};
}

std::pair<int, QString> decode(Decoder decoder, const QByteArray &payload, const QString &topicDevice = {},
                               wire::TopicRef::Kind channel = wire::TopicRef::DeviceState)
{
    switch (decoder) {
    case Decoder::Report:
        return outcomeOf(wire::decodeDeviceReport(payload, topicDevice.isEmpty() ? city().devices[firstOf(DeviceKind::SignalController)].id
                                                                                  : topicDevice, channel, city()));
    case Decoder::FieldEvent: return outcomeOf(wire::decodeFieldEvent(payload, city()));
    case Decoder::Presence: return outcomeOf(wire::decodePresence(payload));
    case Decoder::Command: return outcomeOf(wire::decodeCommand(payload));
    case Decoder::Result: return outcomeOf(wire::decodeResult(payload));
    case Decoder::Refresh: return outcomeOf(wire::decodeRefresh(payload));
    case Decoder::Ops: return outcomeOf(wire::decodeOps(payload, city()));
    }
    return {kOk, {}};
}

QByteArray valid(Decoder d)
{
    switch (d) {
    case Decoder::Report: return validReport();
    case Decoder::FieldEvent: return validFieldEvent();
    case Decoder::Presence: return validPresence();
    case Decoder::Command: return validCommand();
    case Decoder::Result: return validResult();
    case Decoder::Refresh: return validRefresh();
    case Decoder::Ops: return validOps();
    }
    return {};
}

const char *nameOf(Decoder d)
{
    static const char *names[] = {"report", "field-event", "presence", "command", "result", "refresh", "ops"};
    return names[static_cast<int>(d)];
}

constexpr int M = static_cast<int>(wire::Refusal::Malformed);
constexpr int O = static_cast<int>(wire::Refusal::Oversized);
constexpr int V = static_cast<int>(wire::Refusal::UnknownVersion);
constexpr int U = static_cast<int>(wire::Refusal::UnknownDevice);
constexpr int W = static_cast<int>(wire::Refusal::WrongKind);

} // namespace

Q_DECLARE_METATYPE(Decoder)

class TestWireProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    /// What every decoder must refuse the same way: the envelope.
    void envelope_data()
    {
        QTest::addColumn<Decoder>("decoder");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("expected");
        for (Decoder d : {Decoder::Report, Decoder::FieldEvent, Decoder::Presence, Decoder::Command, Decoder::Result,
                          Decoder::Refresh, Decoder::Ops}) {
            const QByteArray ok = valid(d);
            const int limit = d == Decoder::Ops ? 256 * 1024 : d == Decoder::FieldEvent ? wire::kMaxFieldEventBytes : wire::kMaxPayloadBytes;
            auto row = [&](const char *what) -> QTestData & { return QTest::addRow("%s: %s", nameOf(d), what); };
            row("valid") << d << ok << kOk;
            row("empty") << d << QByteArray() << M;
            row("not JSON") << d << QByteArray("online=true") << M;
            row("truncated") << d << ok.left(ok.size() / 2) << M;
            row("last byte cut") << d << ok.chopped(1) << M;
            row("an array") << d << QByteArray("[1,2,3]") << M;
            row("a string") << d << QByteArray("\"v\"") << M;
            row("no version") << d << with(ok, QStringLiteral("v"), QJsonValue::Undefined) << M;
            row("version as text") << d << with(ok, QStringLiteral("v"), QStringLiteral("2")) << M;
            row("version 1") << d << with(ok, QStringLiteral("v"), 1) << V;
            row("version 3") << d << with(ok, QStringLiteral("v"), 3) << V;
            row("version 0") << d << with(ok, QStringLiteral("v"), 0) << V;
            row("one byte over the limit") << d << padded(ok, limit - ok.size() + 1) << O;
            row("far over the limit") << d << QByteArray(limit * 4, '{') << O;
            row("binary garbage") << d << QByteArray("\x00\xff\xfe{\"v\":1}", 10) << M;
        }
    }
    void envelope()
    {
        QFETCH(Decoder, decoder);
        QFETCH(QByteArray, payload);
        QFETCH(int, expected);
        const auto [got, detail] = decode(decoder, payload);
        QVERIFY2(got == expected, qPrintable(QStringLiteral("got %1 (%2), expected %3").arg(got).arg(detail).arg(expected)));
        if (expected != kOk)
            QVERIFY2(!detail.isEmpty(), "a refusal says why");
    }

    /// Each decoder's own fields: wrong types, out of range, missing, and what does not fit the topic or the city.
    void fields_data()
    {
        QTest::addColumn<Decoder>("decoder");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("topicDevice");
        QTest::addColumn<int>("channel");
        QTest::addColumn<int>("expected");
        const int state = wire::TopicRef::DeviceState;
        const int presence = wire::TopicRef::DevicePresence;
        const QString signal = city().devices[firstOf(DeviceKind::SignalController)].id;
        const QString lamp = city().devices[firstOf(DeviceKind::Streetlight)].id;

        const QByteArray report = validReport();
        QTest::newRow("report: boot negative") << Decoder::Report << with(report, "b", -1) << signal << state << M;
        QTest::newRow("report: seq as text") << Decoder::Report << with(report, "seq", "5") << signal << state << M;
        QTest::newRow("report: seq fractional") << Decoder::Report << with(report, "seq", 5.5) << signal << state << M;
        QTest::newRow("report: no time") << Decoder::Report << with(report, "time_ms", QJsonValue::Undefined) << signal << state << M;
        QTest::newRow("report: data not an object") << Decoder::Report << with(report, "data", "green") << signal << state << M;
        QTest::newRow("report: unknown kind") << Decoder::Report << with(report, "kind", "teleport") << signal << state << M;
        QTest::newRow("report: signal mode unknown") << Decoder::Report << withData(report, "mode", "disco") << signal << state << M;
        // Figures beyond what their field holds (found by tests/fuzz: casting them was undefined behaviour).
        QTest::newRow("report: phase beyond 16 bits") << Decoder::Report << withData(report, "phase", 70000) << signal << state << M;
        QTest::newRow("report: program fractional") << Decoder::Report << withData(report, "program", 1.5) << signal << state << M;
        QTest::newRow("report: next switch beyond any time") << Decoder::Report << withData(report, "next_switch_ms", 1.8e116) << signal << state << M;
        QTest::newRow("report: phase as text") << Decoder::Report << withData(report, "phase", "2") << signal << state << M;
        QTest::newRow("report: time beyond any time") << Decoder::Report << with(report, "time_ms", 1.8e21) << signal << state << M;
        QTest::newRow("report: unknown device in topic") << Decoder::Report << report << QStringLiteral("sig/nowhere") << state << U;
        QTest::newRow("report: signal data for a lamp") << Decoder::Report << report << lamp << state << W;
        QTest::newRow("report: state on the presence topic") << Decoder::Report << report << signal << presence << W;
        // A signal's traffic travels on its state topic; a lamp has no approaches.
        const QByteArray traffic = wire::encodeDeviceReport(
            {1, 6, Event{0, kNow, firstOf(DeviceKind::SignalController), TrafficPayload{{{0, 4, 6, 20, 30}}}}}, city());
        QTest::newRow("report: a signal's traffic") << Decoder::Report << traffic << signal << state << kOk;
        QTest::newRow("report: traffic for a lamp") << Decoder::Report << traffic << lamp << state << W;
        QTest::newRow("report: traffic occupancy over 100 %") << Decoder::Report
            << withData(traffic, "approaches", QJsonArray{QJsonObject{{"approach", 0}, {"queue", 1}, {"vehicles", 1}, {"occupancy_pct", 130}, {"queue_m", 7}}})
            << signal << state << M;
        QTest::newRow("report: payload names another device") << Decoder::Report << with(report, "device", lamp) << signal << state << M;
        QTest::newRow("report: payload names its own device") << Decoder::Report << with(report, "device", signal) << signal << state << kOk;
        QTest::newRow("field: no device (null)") << Decoder::FieldEvent << with(validFieldEvent(), "device", QJsonValue::Null) << QString() << 0 << kOk;

        const QByteArray field = validFieldEvent();
        QTest::newRow("field: incident id 0") << Decoder::FieldEvent << withData(field, "id", 0) << QString() << 0 << M;
        QTest::newRow("field: console's id range") << Decoder::FieldEvent << withData(field, "id", double(kConsoleIncidentBase)) << QString() << 0 << M;
        QTest::newRow("field: district out of range") << Decoder::FieldEvent << withData(field, "district", 9999) << QString() << 0 << M;
        QTest::newRow("field: road out of range") << Decoder::FieldEvent << withData(field, "road", 999999) << QString() << 0 << M;
        QTest::newRow("field: longitude 500") << Decoder::FieldEvent << withData(field, "lon", 500) << QString() << 0 << M;
        QTest::newRow("field: since beyond any time") << Decoder::FieldEvent << withData(field, "since_ms", -1e300) << QString() << 0 << M;
        QTest::newRow("field: unknown device") << Decoder::FieldEvent << with(field, "device", "sig/nowhere") << QString() << 0 << U;
        QTest::newRow("field: device as number") << Decoder::FieldEvent << with(field, "device", 12) << QString() << 0 << M;
        // The record's word that a snapshot is sealed is the core's alone: taken from a gateway, a device's topic or
        // another console, it would have a seal required where the console made none (tst_snapshotseal).
        const QByteArray sealWord = wire::encodeFieldEvent(
            {3, 11, Event{0, kNow, kNoDevice, SnapshotSealPayload{7, QStringLiteral("0123456789abcdef")}}}, city());
        QTest::newRow("field: a snapshot's seal") << Decoder::FieldEvent << sealWord << QString() << 0 << W;
        QTest::newRow("report: a snapshot's seal on a signal's topic") << Decoder::Report << sealWord << signal << state << W;
        QTest::newRow("ops: a snapshot's seal")
            << Decoder::Ops << with(validOps(), "events", QJsonArray{object(sealWord)}) << QString() << 0 << W;
        // The emergency fleet's location feed travels as field events: a vehicle is not a device, every figure checked.
        VehiclePayload vehicle{QStringLiteral("ambulance-1"), city().devices[0].position, 12.5f, 90.0f, false, 2,
                               {city().devices[0].position, city().devices[1].position}, {{0, 0, 120.0}}};
        const QByteArray moving = wire::encodeFieldEvent({3, 10, Event{0, kNow, kNoDevice, vehicle}}, city());
        QTest::newRow("field: a vehicle") << Decoder::FieldEvent << moving << QString() << 0 << kOk;
        QTest::newRow("field: a vehicle named as a device") << Decoder::FieldEvent << with(moving, "device", signal) << QString() << 0 << M;
        QTest::newRow("report: a vehicle on a signal's state topic") << Decoder::Report << moving << signal << state << W;
        QTest::newRow("field: vehicle call sign with a slash") << Decoder::FieldEvent << withData(moving, "id", "amb/1") << QString() << 0 << M;
        QTest::newRow("field: vehicle call sign too long") << Decoder::FieldEvent << withData(moving, "id", QString(33, QLatin1Char('a'))) << QString() << 0 << M;
        QTest::newRow("field: vehicle at latitude 95") << Decoder::FieldEvent << withData(moving, "lat", 95) << QString() << 0 << M;
        QTest::newRow("field: vehicle speed negative") << Decoder::FieldEvent << withData(moving, "speed_mps", -3) << QString() << 0 << M;
        QTest::newRow("field: vehicle heading as text") << Decoder::FieldEvent << withData(moving, "heading_deg", "east") << QString() << 0 << M;
        QTest::newRow("field: vehicle route point not a pair") << Decoder::FieldEvent << withData(moving, "route", QJsonArray{QJsonArray{13.5}}) << QString() << 0 << M;
        QJsonArray longRoute;
        for (int i = 0; i <= kMaxRoutePoints; ++i)
            longRoute.append(QJsonArray{13.5, 52.4});
        QTest::newRow("field: vehicle route of 257 points") << Decoder::FieldEvent << withData(moving, "route", longRoute) << QString() << 0 << M;
        // The largest report a vehicle may send, with coordinates as SUMO gives them (full double precision), fits.
        VehiclePayload farthest = vehicle;
        farthest.route.clear();
        for (int i = 0; i < kMaxRoutePoints; ++i)
            farthest.route.push_back({13.541234567891234 + i * 1.234567e-5, 52.431234567891234 + i * 7.654321e-6});
        farthest.ahead.assign(kMaxSignalsAhead, SignalAhead{0, 0, 1234.56789});
        QTest::newRow("field: a vehicle's largest report") << Decoder::FieldEvent
            << wire::encodeFieldEvent({3, 11, Event{0, kNow, kNoDevice, farthest}}, city()) << QString() << 0 << kOk;
        QTest::newRow("field: vehicle's signal ahead is a lamp") << Decoder::FieldEvent
            << withData(moving, "ahead", QJsonArray{QJsonObject{{"signal", lamp}, {"link", 0}, {"distance_m", 50}}}) << QString() << 0 << M;
        QTest::newRow("field: vehicle's signal ahead unknown") << Decoder::FieldEvent
            << withData(moving, "ahead", QJsonArray{QJsonObject{{"signal", "sig/nowhere"}, {"link", 0}, {"distance_m", 50}}}) << QString() << 0 << M;
        // The roads' traffic travels as a field event too: the whole city's picture at once, every figure checked.
        const QByteArray roads = wire::encodeFieldEvent({3, 12, Event{0, kNow, kNoDevice, RoadTrafficPayload{{{0, 12, 4, 35}, {1, 3, 0, 90}}, {}, {}}}}, city());
        QTest::newRow("field: the roads") << Decoder::FieldEvent << roads << QString() << 0 << kOk;
        // Who is gone is told by the consoles' own status topics, never by a gateway (it would free another's devices).
        const QByteArray consoleGone = wire::encodeFieldEvent({3, 13, Event{0, kNow, kNoDevice, ConsolePayload{QStringLiteral("console-a"), ConsoleStanding::Gone}}}, city());
        QTest::newRow("field: a console said gone") << Decoder::FieldEvent << consoleGone << QString() << 0 << W;
        QTest::newRow("field: the roads named as a device") << Decoder::FieldEvent << with(roads, "device", signal) << QString() << 0 << M;
        QTest::newRow("report: the roads on a signal's state topic") << Decoder::Report << roads << signal << state << W;
        const auto road = [&](const QJsonValue &a, const QJsonValue &b, const QJsonValue &c, const QJsonValue &d) {
            return withData(roads, "roads", QJsonArray{QJsonArray{a, b, c, d}});
        };
        QTest::newRow("field: a road not of this city") << Decoder::FieldEvent << road(double(city().roads.size()), 1, 0, 50) << QString() << 0 << M;
        QTest::newRow("field: more standing on a road than on it") << Decoder::FieldEvent << road(0, 2, 3, 10) << QString() << 0 << M;
        QTest::newRow("field: a road at 101 % of its limit") << Decoder::FieldEvent << road(0, 2, 0, 101) << QString() << 0 << M;
        QTest::newRow("field: a road's vehicles as text") << Decoder::FieldEvent << road(0, "2", 0, 10) << QString() << 0 << M;
        QTest::newRow("field: a road's index fractional") << Decoder::FieldEvent << road(0.5, 2, 0, 10) << QString() << 0 << M;
        QTest::newRow("field: a road of three figures") << Decoder::FieldEvent << withData(roads, "roads", QJsonArray{QJsonArray{0, 2, 0}}) << QString() << 0 << M;
        QTest::newRow("field: a road's line at an end it does not have") << Decoder::FieldEvent
            << withData(roads, "roads", QJsonArray{QJsonArray{0, 2, 2, 0, 3}}) << QString() << 0 << M;
        QTest::newRow("field: a road of six figures") << Decoder::FieldEvent
            << withData(roads, "roads", QJsonArray{QJsonArray{0, 2, 2, 0, 1, 0}}) << QString() << 0 << M;
        QJsonArray tooMany;
        for (int i = 0; i <= kMaxRoadsReported; ++i)
            tooMany.append(QJsonArray{0, 1, 0, 50});
        QTest::newRow("field: one road more than a report may carry") << Decoder::FieldEvent << withData(roads, "roads", tooMany) << QString() << 0 << M;
        // The largest picture a gateway may send, every figure at its widest, fits a field event.
        RoadTrafficPayload busiest;
        for (int i = 0; i < kMaxRoadsReported; ++i)
            busiest.roads.push_back({static_cast<std::uint32_t>(city().roads.size() - 1), 65535, 65535, 100, RoadEnd::First});
        QTest::newRow("field: the largest road picture") << Decoder::FieldEvent
            << wire::encodeFieldEvent({3, 13, Event{0, kNow, kNoDevice, busiest}}, city()) << QString() << 0 << kOk;
        QTest::newRow("field: a signal report is not a field event") << Decoder::FieldEvent << with(report, "device", signal) << QString() << 0 << W;

        const QByteArray p = validPresence();
        QTest::newRow("presence: online as text") << Decoder::Presence << with(p, "online", "yes") << QString() << 0 << M;
        QTest::newRow("presence: online missing") << Decoder::Presence << with(p, "online", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("presence: boot negative") << Decoder::Presence << with(p, "b", -5) << QString() << 0 << M;
        QTest::newRow("presence: boot as text") << Decoder::Presence << with(p, "b", "7") << QString() << 0 << M;
        QTest::newRow("presence: devices as text") << Decoder::Presence << with(p, "devices", "many") << QString() << 0 << M;
        QTest::newRow("presence: devices negative") << Decoder::Presence << with(p, "devices", -3) << QString() << 0 << M;
        QTest::newRow("presence: keep-alive as text") << Decoder::Presence << with(p, "keepalive", "30") << QString() << 0 << M;
        QTest::newRow("presence: Will without counts") << Decoder::Presence << QByteArray(R"({"v":2,"online":false})") << QString() << 0 << kOk;

        const QByteArray c = validCommand();
        QTest::newRow("command: nonce 15 bytes") << Decoder::Command << with(c, "nonce", QString(30, QLatin1Char('a'))) << QString() << 0 << M;
        QTest::newRow("command: nonce not hex") << Decoder::Command << with(c, "nonce", QString(32, QLatin1Char('z'))) << QString() << 0 << M;
        QTest::newRow("command: unknown action") << Decoder::Command << with(c, "action", "self-destruct") << QString() << 0 << M;
        QTest::newRow("command: no device") << Decoder::Command << with(c, "device", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("command: order negative") << Decoder::Command << with(c, "order", -1) << QString() << 0 << M;
        QTest::newRow("command: order over 32 bits") << Decoder::Command << with(c, "order", 4294967296.0) << QString() << 0 << M;
        QTest::newRow("command: step over 16 bits") << Decoder::Command << with(c, "step", 70000) << QString() << 0 << M;
        QTest::newRow("command: attempt 256") << Decoder::Command << with(c, "attempt", 256) << QString() << 0 << M;
        QTest::newRow("command: value as text") << Decoder::Command << with(c, "value", "40") << QString() << 0 << M;
        QTest::newRow("command: value fractional") << Decoder::Command << with(c, "value", 40.5) << QString() << 0 << M;
        QTest::newRow("command: issued fractional") << Decoder::Command << with(c, "issued_ms", 1.5) << QString() << 0 << M;
        QTest::newRow("command: expiry missing") << Decoder::Command << with(c, "expires_ms", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("command: signature not text") << Decoder::Command << with(c, "sig", 5) << QString() << 0 << M;

        const QByteArray r = validResult();
        QTest::newRow("result: neither accepted nor rejected") << Decoder::Result << with(r, "result", "maybe") << QString() << 0 << M;
        QTest::newRow("result: no device") << Decoder::Result << with(r, "device", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("result: order as text") << Decoder::Result << with(r, "order", "77") << QString() << 0 << M;
        QTest::newRow("result: order missing") << Decoder::Result << with(r, "order", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("result: attempt 300") << Decoder::Result << with(r, "attempt", 300) << QString() << 0 << M;
        QTest::newRow("result: step negative") << Decoder::Result << with(r, "step", -2) << QString() << 0 << M;
        QTest::newRow("result: replay as text") << Decoder::Result << with(r, "replay", "true") << QString() << 0 << M;

        const QByteArray f = validRefresh();
        QTest::newRow("refresh: devices not a list") << Decoder::Refresh << with(f, "devices", "all") << QString() << 0 << M;
        QTest::newRow("refresh: device id a number") << Decoder::Refresh << with(f, "devices", QJsonArray{1, 2}) << QString() << 0 << M;
        QTest::newRow("refresh: everything (no list)") << Decoder::Refresh << with(f, "devices", QJsonValue::Undefined) << QString() << 0 << kOk;

        const QByteArray o = validOps();
        QTest::newRow("ops: no console") << Decoder::Ops << with(o, "console", QJsonValue::Undefined) << QString() << 0 << M;
        QTest::newRow("ops: events not a list") << Decoder::Ops << with(o, "events", "x") << QString() << 0 << M;
        QTest::newRow("ops: an event that is not an object") << Decoder::Ops << with(o, "events", QJsonArray{7}) << QString() << 0 << M;
        QTest::newRow("ops: a step of an incident id beyond 32 bits")
            << Decoder::Ops << with(o, "events", QJsonArray{[&] {
                   QJsonObject e = object(o).value(QLatin1String("events")).toArray().first().toObject();
                   QJsonObject d = e.value(QLatin1String("data")).toObject();
                   d.insert(QStringLiteral("id"), 1e10);
                   e.insert(QStringLiteral("data"), d);
                   return e;
               }()}) << QString() << 0 << M;
        QTest::newRow("ops: telemetry is not an operation")
            << Decoder::Ops << with(o, "events", QJsonArray{object(with(report, "device", signal))}) << QString() << 0 << W;
    }
    void fields()
    {
        QFETCH(Decoder, decoder);
        QFETCH(QByteArray, payload);
        QFETCH(QString, topicDevice);
        QFETCH(int, channel);
        QFETCH(int, expected);
        const auto [got, detail] = decode(decoder, payload, topicDevice, static_cast<wire::TopicRef::Kind>(channel ? channel : wire::TopicRef::DeviceState));
        QVERIFY2(got == expected, qPrintable(QStringLiteral("got %1 (%2), expected %3 for %4").arg(got).arg(detail).arg(expected)
                                                 .arg(QString::fromUtf8(payload.left(300)))));
    }

    /// What goes out comes back unchanged.
    void roundTrips()
    {
        const auto report = wire::decodeDeviceReport(validReport(), city().devices[firstOf(DeviceKind::SignalController)].id,
                                                     wire::TopicRef::DeviceState, city());
        QVERIFY(std::holds_alternative<wire::DeviceReport>(report));
        const auto &r = std::get<wire::DeviceReport>(report);
        QCOMPARE(r.boot, 1u);
        QCOMPARE(r.seq, 5u);
        QCOMPARE(std::get<SignalPayload>(r.event.payload).phase, 2);

        const auto command = wire::decodeCommand(validCommand());
        QVERIFY(std::holds_alternative<wire::SignedCommand>(command));
        const auto &c = std::get<wire::SignedCommand>(command);
        QCOMPARE(c.order, 77u);
        QCOMPARE(c.value, 40);
        QCOMPARE(c.nonce, QByteArray(16, '\x5a'));
        QCOMPARE(c.signature, QByteArray(64, '\x01'));

        const auto result = wire::decodeResult(validResult());
        QVERIFY(std::holds_alternative<wire::CommandResult>(result));
        QCOMPARE(std::get<wire::CommandResult>(result).reason, QStringLiteral("device busy"));

        const auto presence = wire::decodePresence(validPresence());
        QVERIFY(std::holds_alternative<wire::Presence>(presence));
        QCOMPARE(std::get<wire::Presence>(presence).devices, 120);
        QCOMPARE(std::get<wire::Presence>(presence).keepAliveS, 30);

        const auto ops = wire::decodeOps(validOps(), city());
        QVERIFY(std::holds_alternative<wire::OpsMessage>(ops));
        QCOMPARE(std::get<IncidentUpdatePayload>(std::get<wire::OpsMessage>(ops).events.at(0).payload).user, QStringLiteral("rita"));
    }

    /// Version 2 (signed operations, approval signatures): a version 1 peer is told what is wrong, not just "unknown".
    void versionOnePeersAreToldToUpdate()
    {
        QJsonObject old = QJsonDocument::fromJson(validCommand()).object();
        old.insert(QStringLiteral("v"), 1);
        const auto refused = wire::decodeCommand(QJsonDocument(old).toJson(QJsonDocument::Compact));
        QVERIFY(std::holds_alternative<wire::Refused>(refused));
        QCOMPARE(std::get<wire::Refused>(refused).reason, wire::Refusal::UnknownVersion);
        QVERIFY2(std::get<wire::Refused>(refused).detail.contains(QLatin1String("before signed operations")),
                 qPrintable(std::get<wire::Refused>(refused).detail));
        QCOMPARE(QJsonDocument::fromJson(validCommand()).object().value(QStringLiteral("v")).toInt(), 2);
    }

    /// The signed bytes are unambiguous: ids holding "%2" or a newline can no longer make two different commands sign
    /// the same string (version 1 built it with chained QString::arg, which substituted inside the inserted id).
    void canonicalBytesDoNotCollide()
    {
        wire::SignedCommand a = std::get<wire::SignedCommand>(wire::decodeCommand(validCommand()));
        wire::SignedCommand b = a;
        a.device = QStringLiteral("x%2");   // v1: "%2" became the order, so this read as device "x77", order 77
        b.device = QStringLiteral("x77");
        QVERIFY(a.canonical() != b.canonical());
        QVERIFY(a.canonical().contains("3:x%2\n"));
        wire::SignedCommand c = a, d = a;
        c.device = QStringLiteral("sig/1\n77");   // a newline in an id must not shift the fields
        d.device = QStringLiteral("sig/1");
        QVERIFY(c.canonical() != d.canonical());
        // Every field takes part: change any one and the bytes change.
        const QByteArray base = b.canonical();
        auto differs = [&](auto change) {
            wire::SignedCommand x = b;
            change(x);
            return x.canonical() != base;
        };
        QVERIFY(differs([](wire::SignedCommand &x) { x.order++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.step++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.attempt++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.action = CommandAction::LightOff; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.value++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.issuedMs++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.expiresMs++; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.nonce[0] = 'q'; }));
        QVERIFY(differs([](wire::SignedCommand &x) { x.keyId += QLatin1Char('0'); }));
        QVERIFY(!differs([](wire::SignedCommand &x) { x.signature = QByteArray(64, '\x02'); }));   // not signed over itself
    }

    /// Fleet dispatch: each message round-trips, and what is wrong in one is refused with a reason.
    void fleetMessages()
    {
        const auto refused = [](const auto &parsed) { return std::holds_alternative<wire::Refused>(parsed); };
        // Plans.
        const QByteArray plan = wire::encodePlanRequest({QStringLiteral("ambulance-1"), city().devices[0].position});
        QVERIFY(!refused(wire::decodePlanRequest(plan)));
        QVERIFY(refused(wire::decodePlanRequest(with(plan, "vehicle", "amb/1"))));
        QVERIFY(refused(wire::decodePlanRequest(with(plan, "lat", 95))));
        QVERIFY(refused(wire::decodePlanRequest(with(plan, "lon", "east"))));
        QVERIFY(refused(wire::decodePlanRequest(with(plan, "v", 1))));
        // Sends: the bytes signed name the gateway, and every field takes part.
        wire::RouteSend send{QStringLiteral("gw1"), QStringLiteral("ambulance-1"), {QStringLiteral("-4711#2"), QStringLiteral("815")},
                             kNow, kNow + 60'000, QByteArray(16, '\x07'), QStringLiteral("a1b2c3d4e5f60718"), QByteArray(64, '\x01')};
        const QByteArray sent = wire::encodeRouteSend(send);
        auto back = wire::decodeRouteSend(sent, QStringLiteral("gw1"));
        QVERIFY(!refused(back));
        QCOMPARE(std::get<wire::RouteSend>(back).canonical(), send.canonical());
        QVERIFY(std::get<wire::RouteSend>(wire::decodeRouteSend(sent, QStringLiteral("gw2"))).canonical() != send.canonical());
        auto differs = [&](auto change) {
            wire::RouteSend x = send;
            change(x);
            return x.canonical() != send.canonical();
        };
        QVERIFY(differs([](wire::RouteSend &x) { x.vehicle = QStringLiteral("ambulance-2"); }));
        QVERIFY(differs([](wire::RouteSend &x) { x.edges.removeLast(); }));
        QVERIFY(differs([](wire::RouteSend &x) { x.edges = {QStringLiteral("-4711#2815")}; }));   // joined roads are not the same
        QVERIFY(differs([](wire::RouteSend &x) { x.expiresMs++; }));
        QVERIFY(differs([](wire::RouteSend &x) { x.nonce[0] = 'q'; }));
        // Where it parks: said, it is signed (v2, one field more); not said, the bytes are v1's as before, so a send
        // from an older console still verifies.
        QVERIFY(send.canonical().startsWith("cityops-fleet-route-v1\n"));
        QVERIFY(differs([](wire::RouteSend &x) { x.parkDm = 0; }));
        wire::RouteSend parking = send;
        parking.parkDm = 1234;
        QVERIFY(parking.canonical().startsWith("cityops-fleet-route-v2\n") && parking.canonical().endsWith("4:1234\n"));
        const QByteArray parks = wire::encodeRouteSend(parking);
        auto parksBack = wire::decodeRouteSend(parks, QStringLiteral("gw1"));
        QVERIFY(!refused(parksBack));
        QCOMPARE(std::get<wire::RouteSend>(parksBack).parkDm, 1234);
        QCOMPARE(std::get<wire::RouteSend>(parksBack).canonical(), parking.canonical());
        QVERIFY(std::get<wire::RouteSend>(wire::decodeRouteSend(with(parks, "park_dm", 1235), QStringLiteral("gw1"))).canonical()
                != parking.canonical());
        for (const QJsonValue &bad : {QJsonValue(-1), QJsonValue(12.5), QJsonValue(QStringLiteral("12")), QJsonValue(2e6)})
            QVERIFY(refused(wire::decodeRouteSend(with(parks, "park_dm", bad), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "edges", QJsonArray{}), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "edges", QJsonArray{"a road"}), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "edges", QJsonArray{12}), QStringLiteral("gw1"))));
        QJsonArray many;
        for (int i = 0; i <= wire::kMaxRouteEdges; ++i)
            many.append(QStringLiteral("e%1").arg(i));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "edges", many), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "nonce", "00ff"), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "issued_ms", -5), QStringLiteral("gw1"))));
        QVERIFY(refused(wire::decodeRouteSend(with(sent, "sig", 7), QStringLiteral("gw1"))));
        // Answers: a plan with its signals (each a signal of the city with a link it has), a send, a refusal with a reason.
        const std::uint32_t signal = 0;
        wire::FleetAnswer planned{wire::FleetAnswer::Kind::Planned, QStringLiteral("ambulance-1"), {}, {}};
        planned.route.vehicle = planned.vehicle;
        planned.route.edges = send.edges;
        planned.route.line = {city().devices[0].position, city().devices[1].position};
        planned.route.signals = {{signal, 0, 120.5}};
        planned.route.lengthM = 812;
        planned.route.travelS = 96;
        planned.route.destination = city().devices[1].position;
        const QByteArray answer = wire::encodeFleetAnswer(planned, city());
        auto decoded = wire::decodeFleetAnswer(answer, city());
        QVERIFY(!refused(decoded));
        const PlannedRoute &r = std::get<wire::FleetAnswer>(decoded).route;
        QCOMPARE(r.edges, send.edges);
        QCOMPARE(r.signals.size(), size_t(1));
        QCOMPARE(r.signals[0].signal, signal);
        QCOMPARE(r.lengthM, 812.0);
        QCOMPARE(r.parkAtM, -1.0);   // not said: the gateway's own rule
        planned.route.parkAtM = 61.4;
        const QByteArray parksAt = wire::encodeFleetAnswer(planned, city());
        auto parksAtBack = wire::decodeFleetAnswer(parksAt, city());
        QVERIFY(!refused(parksAtBack));
        QCOMPARE(std::get<wire::FleetAnswer>(parksAtBack).route.parkAtM, 61.4);
        for (const QJsonValue &bad : {QJsonValue(-3), QJsonValue(QStringLiteral("61")), QJsonValue(1e6)})
            QVERIFY(refused(wire::decodeFleetAnswer(with(parksAt, "park_m", bad), city())));
        QVERIFY(refused(wire::decodeFleetAnswer(with(answer, "signals", QJsonArray{QJsonObject{{"signal", "sig/nowhere"}, {"link", 0}, {"distance_m", 5}}}), city())));
        QVERIFY(refused(wire::decodeFleetAnswer(with(answer, "signals", QJsonArray{QJsonObject{{"signal", city().devices[city().signals[0].device].id},
                                                                                            {"link", 999}, {"distance_m", 5}}}), city())));
        QVERIFY(refused(wire::decodeFleetAnswer(with(answer, "length_m", -1), city())));
        QVERIFY(refused(wire::decodeFleetAnswer(with(answer, "fleet", "teleported"), city())));
        QVERIFY(refused(wire::decodeFleetAnswer(with(answer, "fleet", "refused"), city())));   // a refusal without a reason
        const QByteArray no = wire::encodeFleetAnswer({wire::FleetAnswer::Kind::Refused, QStringLiteral("ambulance-1"), QStringLiteral("expired 5 ms ago"), {}}, city());
        QCOMPARE(std::get<wire::FleetAnswer>(wire::decodeFleetAnswer(no, city())).reason, QStringLiteral("expired 5 ms ago"));
        QVERIFY(refused(wire::decodeFleetAnswer(QByteArray(wire::kMaxFleetPayloadBytes + 1, ' '), city())));
    }

    /// Topics: device ids with MQTT wildcards and slashes survive; anything outside the tree is Unknown.
    void topics_data()
    {
        QTest::addColumn<QByteArray>("topic");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("device");
        QTest::newRow("state with # in id") << wire::deviceTopic("g1", "8025704#1", "state") << int(wire::TopicRef::DeviceState) << "8025704#1";
        QTest::newRow("presence with / in id") << wire::deviceTopic("g1", "sig/J12", "presence") << int(wire::TopicRef::DevicePresence) << "sig/J12";
        QTest::newRow("command with + and %") << wire::commandTopic("gw1", "a+b%c") << int(wire::TopicRef::Command) << "a+b%c";
        QTest::newRow("command without its gateway") << QByteArray("cityops/v1/cmd/sig") << int(wire::TopicRef::Unknown) << "";
        QTest::newRow("other root") << QByteArray("cityops/v2/ops") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("unknown channel") << QByteArray("cityops/v1/gw/g1/dev/x/colour") << int(wire::TopicRef::Unknown) << "x";
        QTest::newRow("gateway without channel") << QByteArray("cityops/v1/gw/g1") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("console unknown channel") << QByteArray("cityops/v1/console/c/x") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("ops") << wire::opsTopic() << int(wire::TopicRef::Ops) << QString();
        QTest::newRow("ops with a tail") << QByteArray("cityops/v1/ops/extra") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("empty") << QByteArray() << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("fleet plan") << wire::fleetPlanTopic("gw1") << int(wire::TopicRef::FleetPlan) << QString();
        QTest::newRow("fleet send") << wire::fleetSendTopic("gw1") << int(wire::TopicRef::FleetSend) << QString();
        QTest::newRow("fleet, another channel") << QByteArray("cityops/v1/fleet/gw1/steal") << int(wire::TopicRef::Unknown) << QString();
        // What MQTT forbids in a topic, should a broker let it through (found by tests/fuzz): the names would be shown.
        QTest::newRow("NUL in the gateway's name") << QByteArray("cityops/v1/gw/gw-1\0\0/status", 28) << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("control character in a device id") << QByteArray("cityops/v1/gw/g1/dev/sig/J\r12/state") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("not UTF-8 in a device id") << QByteArray("cityops/v1/gw/g1/dev/sig/J\xb5" "12/state") << int(wire::TopicRef::Unknown) << QString();
        QTest::newRow("UTF-8 in a device id") << wire::deviceTopic("g1", "sig/Kreuzung-Süd", "state") << int(wire::TopicRef::DeviceState) << "sig/Kreuzung-Süd";
    }
    void topics()
    {
        QFETCH(QByteArray, topic);
        QFETCH(int, kind);
        QFETCH(QString, device);
        const wire::TopicRef ref = wire::parseTopic(topic);
        QCOMPARE(int(ref.kind), kind);
        if (kind != int(wire::TopicRef::Unknown))
            QCOMPARE(ref.device, device);
    }
};

QTEST_GUILESS_MAIN(TestWireProtocol)
#include "tst_wireprotocol.moc"
