#include "fuzztargets.h"

#include "city/citypackage.h"
#include "city/gpkggeometry.h"
#include "city/sumoimport.h"
#include "city/trafficfiles.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "link/fleetwire.h"
#include "link/wireprotocol.h"
#include "model/responserules.h"
#include "engine/corepipeline.h"
#include "security/commandsigner.h"
#include "sim/citysimulator.h"
#include "store/chainexport.h"
#include "store/eventstore.h"
#include "store/snapshot.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>

namespace cityops::fuzz {

namespace {

std::shared_ptr<const CityModel> loadCity()
{
    auto city = citypackage::read(QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"));
    if (!city) {
        std::fprintf(stderr, "fuzz: the default city cannot be read: %s\n", qPrintable(city.error()));
        std::abort();
    }
    return std::move(city).value();
}

std::shared_ptr<const CityModel> sharedCity()
{
    static const std::shared_ptr<const CityModel> c = loadCity();
    return c;
}

/// An hour of the default city from a winter evening, as its simulator reports it: the events every seed list draws on.
const std::vector<Event> &simulatedHour()
{
    static const std::vector<Event> events = [] {
        const std::int64_t start = QDateTime(QDate(2026, 12, 1), QTime(16, 30), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        SimParameters params;
        params.collisionsPerHour = 20;   // enough incidents raised and cleared in an hour to seed from
        params.lampMtbfHours = 50;
        params.signalMtbfHours = 20;
        CitySimulator sim(sharedCity(), 7, start, params);
        std::vector<Event> out;
        sim.initialState(out);
        sim.advanceTo(start + 3600'000, out);
        return out;
    }();
    return events;
}

DeviceIndex firstSignal()
{
    const CityModel &c = *sharedCity();
    for (DeviceIndex d = 0; d < c.devices.size(); ++d)
        if (c.devices[d].kind == DeviceKind::SignalController)
            return d;
    return kNoDevice;
}

/// The kinds the embedded simulator does not report (people's steps, alarms, orders, SUMO's traffic and vehicles),
/// as the console records and shares them.
const std::vector<Event> &madeByHand()
{
    static const std::vector<Event> events = [] {
        const CityModel &c = *sharedCity();
        const std::int64_t now = simulatedHour().back().timeMs;
        IncidentUpdatePayload step;
        step.id = 42;
        step.change = IncidentChange::Transition;
        step.state = IncidentState::Acknowledged;
        step.user = QStringLiteral("rita");
        step.text = QStringLiteral("on my way — 5 min");
        AlarmPayload alarm;
        alarm.alarm = 9;
        alarm.change = AlarmChange::Shelved;
        alarm.cause = AlarmCause::HoldOverrun;
        alarm.priority = AlarmPriority::High;
        alarm.untilMs = now + 3600'000;
        alarm.user = QStringLiteral("olga");
        alarm.text = QStringLiteral("road works until 18:00");
        CommandPayload order;
        order.order = 77;
        order.action = CommandAction::SignalHoldPhase;
        order.value = 2;
        order.step = 1;
        order.attempt = 1;
        order.timeMs = now + 600'000;
        order.user = QStringLiteral("olga");
        order.text = QStringLiteral("police at the junction");
        TrafficPayload traffic{{ApproachTraffic{0, 4, 9, 31, 30}, ApproachTraffic{1, 17, 21, 88, 128}}};
        RoadTrafficPayload roads{{RoadTraffic{3, 12, 5, 40, RoadEnd::Last}, RoadTraffic{17, 2, 0, 96, RoadEnd::Unknown}}};
        VehiclePayload vehicle;
        vehicle.id = QStringLiteral("ambulance-1");
        vehicle.position = c.devices[3].position;
        vehicle.speedMps = 12.5f;
        vehicle.headingDeg = 271.5f;
        vehicle.queueAhead = 3;
        vehicle.route = {c.devices[3].position, c.devices[4].position, c.devices[5].position};
        vehicle.ahead = {SignalAhead{2, 1, 80.5}};
        vehicle.sinceMs = now - 60'000;
        return std::vector<Event>{Event{0, now, kNoDevice, step},    Event{0, now, kNoDevice, alarm},
                                  Event{0, now, firstSignal(), order}, Event{0, now, firstSignal(), traffic},
                                  Event{0, now, kNoDevice, roads},   Event{0, now, kNoDevice, vehicle}};
    }();
    return events;
}

/// The hour and the events made by hand.
std::vector<Event> allEvents()
{
    std::vector<Event> all = simulatedHour();
    all.insert(all.end(), madeByHand().begin(), madeByHand().end());
    return all;
}

/// Up to `count` events of the hour, spread over all of it, that `keep` accepts.
template <typename Keep>
std::vector<Event> sample(size_t count, Keep keep)
{
    std::vector<Event> kept;
    for (const Event &e : allEvents())
        if (keep(e))
            kept.push_back(e);
    if (kept.size() <= count)
        return kept;
    std::vector<Event> out;
    for (size_t i = 0; i < count; ++i)
        out.push_back(kept[i * kept.size() / count]);
    return out;
}

/// What a gateway reports on its events topic rather than a device's.
bool isFieldEvent(const Event &e)
{
    return std::holds_alternative<IncidentRaisedPayload>(e.payload) || std::holds_alternative<IncidentClearedPayload>(e.payload)
        || std::holds_alternative<VehiclePayload>(e.payload) || std::holds_alternative<RoadTrafficPayload>(e.payload);
}

QByteArray prefixed(std::uint8_t selector, std::uint16_t pick, const QByteArray &payload)
{
    QByteArray input;
    input.append(char(selector));
    input.append(char(pick >> 8));
    input.append(char(pick & 0xff));
    return input + payload;
}

Outcome broken(const char *what, const QString &detail = {})
{
    return {true, detail.isEmpty() ? QString::fromLatin1(what) : QString::fromLatin1(what) + QStringLiteral(": ") + detail};
}
const Outcome kRefused{false, {}};
const Outcome kKept{true, {}};

// --- the wire ----------------------------------------------------------------------------------------------------

template <typename T>
const T *accepted(const wire::Parsed<T> &parsed)
{
    return std::get_if<T>(&parsed);
}
template <typename T>
QString refusalOf(const wire::Parsed<T> &parsed)
{
    const auto *r = std::get_if<wire::Refused>(&parsed);
    return r ? wire::refusalName(r->reason) + QStringLiteral(" — ") + r->detail : QString();
}

/// decode → encode → decode → encode: the second encoding must be accepted and equal the first. A re-encoding that is
/// only refused for its size is not a broken promise (escaping can lengthen what was accepted near the limit).
template <typename T, typename Decode, typename Encode>
Outcome roundTrip(const QByteArray &payload, Decode decode, Encode encode)
{
    const wire::Parsed<T> first = decode(payload);
    const T *value = accepted(first);
    if (!value)
        return kRefused;
    const QByteArray once = encode(*value);
    const wire::Parsed<T> second = decode(once);
    const T *again = accepted(second);
    if (!again) {
        const auto *r = std::get_if<wire::Refused>(&second);
        if (r->reason == wire::Refusal::Oversized)
            return kKept;
        return broken("accepted, but its own encoding is refused", refusalOf(second) + QStringLiteral(" — ") + QString::fromUtf8(once.left(300)));
    }
    const QByteArray twice = encode(*again);
    if (twice != once)
        return broken("accepted, but encoding is not stable", QString::fromUtf8(once.left(300)) + QStringLiteral(" ≠ ") + QString::fromUtf8(twice.left(300)));
    return kKept;
}

enum WireDecoder : std::uint8_t { State, Presence_, FieldEvent_, Gateway, Command_, Result_, Refresh_, Ops_, SignedOps_, PlanRequest_,
                                  RouteSend_, FleetAnswer_, Topic, kWireDecoders };

Outcome checkWire(const QByteArray &input)
{
    if (input.size() < 3)
        return kRefused;
    const CityModel &c = city();
    const auto decoder = WireDecoder(std::uint8_t(input[0]) % kWireDecoders);
    const std::uint16_t pick = std::uint16_t(std::uint8_t(input[1]) << 8 | std::uint8_t(input[2]));
    const QByteArray payload = input.mid(3);
    switch (decoder) {
    case State:
    case Presence_: {
        const QString device = c.devices[pick % c.devices.size()].id;
        const auto channel = decoder == State ? wire::TopicRef::DeviceState : wire::TopicRef::DevicePresence;
        return roundTrip<wire::DeviceReport>(payload, [&](const QByteArray &p) { return wire::decodeDeviceReport(p, device, channel, c); },
                                             [&](const wire::DeviceReport &r) { return wire::encodeDeviceReport(r, c); });
    }
    case FieldEvent_:
        return roundTrip<wire::FieldEvent>(payload, [&](const QByteArray &p) { return wire::decodeFieldEvent(p, c); },
                                           [&](const wire::FieldEvent &e) { return wire::encodeFieldEvent(e, c); });
    case Gateway:
        return roundTrip<wire::Presence>(payload, &wire::decodePresence, &wire::encodePresence);
    case Command_:
        return roundTrip<wire::SignedCommand>(payload, &wire::decodeCommand, &wire::encodeCommand);
    case Result_:
        return roundTrip<wire::CommandResult>(payload, &wire::decodeResult, &wire::encodeResult);
    case Refresh_:
        return roundTrip<wire::RefreshRequest>(payload, &wire::decodeRefresh, &wire::encodeRefresh);
    case Ops_:
        return roundTrip<wire::OpsMessage>(payload, [&](const QByteArray &p) { return wire::decodeOps(p, c); },
                                           [&](const wire::OpsMessage &m) { return wire::encodeOps(m, c); });
    case SignedOps_:
        return roundTrip<wire::SignedOps>(payload, &wire::decodeSignedOps, &wire::encodeSignedOps);
    case PlanRequest_:
        return roundTrip<wire::RoutePlanRequest>(payload, &wire::decodePlanRequest, &wire::encodePlanRequest);
    case RouteSend_: {
        const QString gateway = QStringLiteral("gw-%1").arg(pick % 3);
        return roundTrip<wire::RouteSend>(payload, [&](const QByteArray &p) { return wire::decodeRouteSend(p, gateway); }, &wire::encodeRouteSend);
    }
    case FleetAnswer_:
        return roundTrip<wire::FleetAnswer>(payload, [&](const QByteArray &p) { return wire::decodeFleetAnswer(p, c); },
                                            [&](const wire::FleetAnswer &a) { return wire::encodeFleetAnswer(a, c); });
    case Topic: {
        const wire::TopicRef ref = wire::parseTopic(payload);
        // What a topic names must be what the same names build (a device topic read back names that device).
        if (ref.kind == wire::TopicRef::DeviceState && wire::deviceTopic(ref.gateway, ref.device, "state") != payload)
            return broken("a device state topic that its own names do not build", QString::fromUtf8(payload.left(300)));
        return ref.kind == wire::TopicRef::Unknown ? kRefused : kKept;
    }
    case kWireDecoders:
        break;
    }
    return kRefused;
}

std::vector<QByteArray> wireSeeds()
{
    const CityModel &c = city();
    std::vector<QByteArray> seeds;
    std::uint64_t seq = 1;
    for (const Event &e : sample(60, [](const Event &e) { return e.device != kNoDevice && !std::holds_alternative<CommandPayload>(e.payload); })) {
        const bool presence = std::holds_alternative<PresencePayload>(e.payload);
        seeds.push_back(prefixed(presence ? Presence_ : State, std::uint16_t(e.device), wire::encodeDeviceReport({3, seq++, e}, c)));
    }
    for (const Event &e : sample(20, isFieldEvent))
        seeds.push_back(prefixed(FieldEvent_, 0, wire::encodeFieldEvent({3, seq++, e}, c)));
    const std::int64_t now = simulatedHour().back().timeMs;
    seeds.push_back(prefixed(Gateway, 0, wire::encodePresence({true, 7, 1200, 30})));
    seeds.push_back(prefixed(Gateway, 0, wire::encodePresence({false, 7, 0, 0})));
    wire::SignedCommand command;
    command.device = c.devices[0].id;
    command.order = 77;
    command.step = 3;
    command.action = CommandAction::SignalPreempt;
    command.value = 2;
    command.issuedMs = now;
    command.expiresMs = now + 60'000;
    command.nonce = QByteArray(16, '\x5a');
    command.keyId = QStringLiteral("abcd");
    command.approver = QStringLiteral("vera");
    command.approvedUntilMs = now + 300'000;
    command.approval = QByteArray(64, '\x02');
    command.signature = QByteArray(64, '\x01');
    seeds.push_back(prefixed(Command_, 0, wire::encodeCommand(command)));
    seeds.push_back(prefixed(Result_, 0, wire::encodeResult({c.devices[0].id, 77, 3, 1, false, false, QStringLiteral("device busy")})));
    seeds.push_back(prefixed(Refresh_, 0, wire::encodeRefresh({QStringLiteral("desk-1"), {c.devices[0].id, c.devices[1].id}})));
    std::vector<Event> shared;
    for (const Event &e : madeByHand())
        if (wire::isShared(e))
            shared.push_back(e);
    const QByteArray ops = wire::encodeOps({QStringLiteral("desk-1"), shared}, c);
    seeds.push_back(prefixed(Ops_, 0, ops));
    seeds.push_back(prefixed(SignedOps_, 0, wire::encodeSignedOps({QStringLiteral("desk-1"), 12, now, ops, QByteArray(64, '\x03')})));
    seeds.push_back(prefixed(PlanRequest_, 0, wire::encodePlanRequest({QStringLiteral("ambulance-1"), c.devices[5].position})));
    wire::RouteSend send;
    send.gateway = QStringLiteral("gw-1");
    send.vehicle = QStringLiteral("ambulance-1");
    send.edges = {c.roads[0].sumoId, c.roads[1].sumoId};
    send.issuedMs = now;
    send.expiresMs = now + 60'000;
    send.nonce = QByteArray(16, '\x44');
    send.keyId = QStringLiteral("abcd");
    send.signature = QByteArray(64, '\x05');
    send.parkDm = 415;
    seeds.push_back(prefixed(RouteSend_, 1, wire::encodeRouteSend(send)));
    PlannedRoute route;
    route.vehicle = QStringLiteral("ambulance-1");
    route.edges = send.edges;
    route.line = {c.devices[0].position, c.devices[1].position, c.devices[2].position};
    route.signals = {SignalAhead{0, 1, 120.5}, SignalAhead{1, 0, 400}};
    route.lengthM = 812.5;
    route.travelS = 71;
    route.destination = c.devices[2].position;
    route.parkAtM = 41.5;
    seeds.push_back(prefixed(FleetAnswer_, 0, wire::encodeFleetAnswer({wire::FleetAnswer::Kind::Planned, route.vehicle, {}, route}, c)));
    seeds.push_back(prefixed(FleetAnswer_, 0, wire::encodeFleetAnswer({wire::FleetAnswer::Kind::Refused, route.vehicle, QStringLiteral("no road there"), {}}, c)));
    seeds.push_back(prefixed(Topic, 0, wire::deviceTopic(QStringLiteral("gw-1"), c.devices[0].id, "state")));
    seeds.push_back(prefixed(Topic, 0, wire::commandTopic(QStringLiteral("gw-1"), c.devices[0].id)));
    return seeds;
}

// --- the store's rows and snapshots ------------------------------------------------------------------------------

constexpr std::uint8_t kSnapshotSelector = 0;

Outcome checkStoreRow(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const std::uint8_t selector = std::uint8_t(input[0]) % 15;
    const QByteArray blob = input.mid(1);
    if (selector == kSnapshotSelector) {
        const CityModel &c = city();
        auto first = snapshotcodec::decode(blob, c.devices.size(), c.feeders.size());
        if (!first)
            return kRefused;
        const QByteArray once = snapshotcodec::encode(first.value());
        auto second = snapshotcodec::decode(once, c.devices.size(), c.feeders.size());
        if (!second)
            return broken("a snapshot accepted, but its own encoding is refused", second.error());
        if (snapshotcodec::encode(second.value()) != once)
            return broken("a snapshot accepted, but encoding is not stable");
        return kKept;
    }
    const auto kind = eventcodec::Kind(selector);
    auto first = eventcodec::decode(kind, blob);
    if (!first)
        return kRefused;
    if (eventcodec::kindOf(first.value()) != kind)
        return broken("a row of one kind read as a payload of another", eventcodec::kindName(kind));
    const QByteArray once = eventcodec::encode(first.value());
    auto second = eventcodec::decode(kind, once);
    if (!second)
        return broken("a row accepted, but its own encoding is refused", eventcodec::kindName(kind) + QStringLiteral(": ") + second.error());
    if (eventcodec::encode(second.value()) != once)
        return broken("a row accepted, but encoding is not stable", eventcodec::kindName(kind));
    return kKept;
}

std::vector<QByteArray> storeRowSeeds()
{
    std::vector<QByteArray> seeds;
    // Every kind the hour has, a few of each.
    int perKind[16] = {};
    for (const Event &e : allEvents()) {
        const auto kind = eventcodec::kindOf(e.payload);
        if (perKind[int(kind)]++ >= 4)
            continue;
        seeds.push_back(char(kind) + eventcodec::encode(e.payload));
    }
    OperatorActionPayload action;
    action.action = OperatorAction::SignIn;
    action.user = QStringLiteral("olga");
    action.detail = QStringLiteral("operator");
    seeds.push_back(char(eventcodec::Kind::Operator) + eventcodec::encode(action));
    seeds.push_back(char(eventcodec::Kind::Session) + eventcodec::encode(SessionPayload{3}));
    // A snapshot of the city after the hour, as the store keeps one.
    CityBooks books(sharedCity());
    std::vector<Event> sequenced = simulatedHour();
    for (size_t i = 0; i < sequenced.size(); ++i)
        sequenced[i].seq = i + 1;
    books.apply(sequenced);
    Snapshot snapshot;
    static_cast<CityBooks::State &>(snapshot) = books.exportState();
    snapshot.seq = simulatedHour().size();
    snapshot.timeMs = simulatedHour().back().timeMs;
    seeds.push_back(char(kSnapshotSelector) + snapshotcodec::encode(snapshot));
    return seeds;
}

// --- an export's lines and a city's rules --------------------------------------------------------------------------

Outcome checkJson(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const QByteArray text = input.mid(1);
    if (std::uint8_t(input[0]) % 2 == 1) {
        auto first = ResponseRules::fromJson(text);
        if (!first)
            return kRefused;
        const QByteArray once = first.value().toJson();
        auto second = ResponseRules::fromJson(once);
        if (!second)
            return broken("rules accepted, but their own file is refused", second.error());
        if (!(second.value() == first.value()))
            return broken("rules accepted, but their file reads back as other rules", QString::fromUtf8(once));
        return kKept;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return kRefused;
    const CityModel &c = city();
    auto first = eventjson::eventFromJson(doc.object(), c);
    if (!first)
        return kRefused;
    const QJsonObject once = eventjson::eventToJson(first.value(), c);
    auto second = eventjson::eventFromJson(once, c);
    if (!second)
        return broken("an exported line accepted, but its own line is refused",
                      second.error() + QStringLiteral(" — ") + QString::fromUtf8(QJsonDocument(once).toJson(QJsonDocument::Compact).left(300)));
    if (eventjson::eventToJson(second.value(), c) != once)
        return broken("an exported line accepted, but writing it is not stable", QString::fromUtf8(QJsonDocument(once).toJson(QJsonDocument::Compact).left(300)));
    return kKept;
}

std::vector<QByteArray> jsonSeeds()
{
    std::vector<QByteArray> seeds;
    int perKind[16] = {};
    for (const Event &e : allEvents()) {
        if (perKind[int(eventcodec::kindOf(e.payload))]++ >= 4)
            continue;
        seeds.push_back('\0' + QJsonDocument(eventjson::eventToJson(e, city())).toJson(QJsonDocument::Compact));
    }
    seeds.push_back('\1' + ResponseRules::defaults().toJson());
    seeds.push_back(QByteArray("\1{\"acknowledge_within_min\":{\"critical\":3},\"on_scene_within_min\":{\"critical\":12,\"info\":0},\"hold_limit_min\":20}"));
    return seeds;
}

// --- a package's geometry blobs -------------------------------------------------------------------------------------

Outcome checkGeometry(const QByteArray &blob)
{
    auto first = gpkg::decode(blob);
    if (!first)
        return kRefused;
    const gpkg::Geometry &g = first.value();
    QByteArray once;
    switch (g.type) {
    case gpkg::GeometryType::Point:
        if (g.points.size() != 1)
            return broken("a point read as other than one point");
        once = gpkg::encodePoint(g.points.front());
        break;
    case gpkg::GeometryType::LineString: once = gpkg::encodeLineString(g.points); break;
    case gpkg::GeometryType::Polygon: once = gpkg::encodePolygon(g.points); break;
    }
    auto second = gpkg::decode(once);
    if (!second)
        return broken("a geometry accepted, but its own blob is refused", second.error());
    if (second.value().type != g.type || second.value().points != g.points)
        return broken("a geometry accepted, but its blob reads back as another");
    return kKept;
}

std::vector<QByteArray> geometrySeeds()
{
    const CityModel &c = city();
    return {gpkg::encodePoint(c.devices[0].position), gpkg::encodeLineString(c.roads[0].line), gpkg::encodePolygon(c.districts[0].ring)};
}


// --- a SUMO network and a demand from someone else (cityops-import) ------------------------------------------------

QByteArray tinyGrid()
{
    static const QByteArray net = [] {
        QFile file(QStringLiteral(CITYOPS_SOURCE_DIR "/tests/data/tiny-grid.net.xml"));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "fuzz: cannot read %s\n", qPrintable(file.fileName()));
            std::abort();
        }
        return file.readAll();
    }();
    return net;
}

/// The importer reads a network from a file: each input is written to one in a folder of this process's own.
QString asFile(const QByteArray &content)
{
    static QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("input.net.xml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

Outcome checkSumoNet(const QByteArray &input)
{
    ImportOptions options;
    options.timezone = QStringLiteral("Europe/Berlin");
    options.lightSpacingM = 60;
    auto imported = importSumoNet(asFile(input), options);
    if (!imported)
        return kRefused;
    // A city the console can use: everything on the globe, every signal's movements within its state, every signal
    // device pointing at a signal.
    const CityModel &c = imported.value();
    for (const DeviceInfo &d : c.devices)
        if (!eventjson::validPosition(d.position.lon, d.position.lat))
            return broken("a device placed off the globe", d.id);
    for (const Road &r : c.roads)
        for (const GeoPoint &p : r.line)
            if (!eventjson::validPosition(p.lon, p.lat))
                return broken("a road off the globe", r.sumoId);
    for (const SignalInfo &signal : c.signals) {
        if (signal.device >= c.devices.size())
            return broken("a signal without its device", signal.sumoTlsId);
        for (const SignalProgram &program : signal.programs)
            for (const SignalPhase &phase : program.phases)
                if (phase.state.size() != movementsOf(signal) && !signal.links.empty())
                    return broken("a phase whose state does not cover the signal's links", signal.sumoTlsId + QStringLiteral(" ") + phase.state);
    }
    return kKept;
}

std::vector<QByteArray> sumoNetSeeds() { return {tinyGrid()}; }

Outcome checkDemand(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const QByteArray demand = input.mid(1);
    switch (std::uint8_t(input[0]) % 3) {
    case 0:
        return trafficfiles::checkDemand(demand) ? kKept : kRefused;
    case 1:
        return trafficfiles::checkDemand(demand) && trafficfiles::checkDemandFitsNetwork(demand, tinyGrid()) ? kKept : kRefused;
    default: {
        auto shaped = trafficfiles::shapeToDailyProfile(demand, 7);
        if (!shaped)
            return kRefused;
        // What the import stores must itself be a demand the package accepts.
        if (auto checked = trafficfiles::checkDemand(shaped.value()); !checked)
            return broken("a demand shaped to the day that is not a demand", checked.error());
        return kKept;
    }
    }
}

std::vector<QByteArray> demandSeeds()
{
    const QByteArray routes = R"(<routes>
    <vType id="car" accel="2.6" decel="4.5" length="5" maxSpeed="14"/>
    <route id="r1" edges="A0A1 A1B1 B1C1"/>
    <vehicle id="v1" type="car" route="r1" depart="10"/>
    <vehicle id="v2" depart="20.5"><route edges="C2B2 B2A2"/><stop lane="B2A2_0" duration="30"/></vehicle>
    <trip id="t1" depart="30" from="A0B0" to="C1C2" via="B0B1"/>
    <flow id="f1" begin="0" end="3600" vehsPerHour="120" from="A1A2" to="C2C1"/>
    <flow id="f2" begin="100" end="900" number="20" route="r1"/>
    <person id="p1" depart="40"><walk edges="A0A1 A1A2"/></person>
</routes>
)";
    const QByteArray trips = R"(<routes>
    <trip id="0" depart="0.00" from="A0A1" to="B1C1"/>
    <trip id="1" depart="1.00" from="C2B2" to="B1B0"/>
    <trip id="2" depart="2.00" from="A2A1" to="C0C1"/>
</routes>
)";
    return {'\0' + routes, '\1' + routes, '\2' + trips};
}

// --- a verifiable export, as a third party checks it (cityops-export verify --export) -------------------------------

/// The record's key of the fuzz targets' own (a test key, made for them with openssl genpkey -algorithm ed25519): the
/// same in every run, so inputs kept from one run check against the key of the next.
const QByteArray kRecordKeyPem = "-----BEGIN PRIVATE KEY-----\n"
                                 "MC4CAQAwBQYDK2VwBCIEIMhLV71GSZ/Ur3/psOUaBd7hbUR3WyvVBJo+bAMO+wOg\n"
                                 "-----END PRIVATE KEY-----\n";

QTemporaryDir &scratch()
{
    static QTemporaryDir folder;
    return folder;
}

const CommandSigner &recordKey()
{
    static const CommandSigner key = [] {
        const QString path = scratch().filePath(QStringLiteral("record.key"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(kRecordKeyPem) != kRecordKeyPem.size()
            || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
            std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
            std::abort();
        }
        file.close();
        auto signer = CommandSigner::fromPrivateKeyFile(path);
        if (!signer) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(signer.error()));
            std::abort();
        }
        return std::move(signer).value();
    }();
    return key;
}

Outcome checkChainExport(const QByteArray &input)
{
    static const auto verifier = CommandVerifier::fromPublicKeyPem(recordKey().publicKeyPem());
    QByteArray bytes = input;
    QBuffer in(&bytes);
    in.open(QIODevice::ReadOnly);
    auto verdict = chainexport::verify(in, city(), verifier.value());
    if (!verdict)
        return kRefused;
    if (verdict.value().intact && verdict.value().events == 0)
        return broken("an export of no events found intact");
    return verdict.value().intact ? kKept : kRefused;
}

std::vector<QByteArray> chainExportSeeds()
{
    // The first minutes of the hour recorded as the console records (its pipeline, a checkpoint every 40 rows), then a
    // few seconds of it exported with the chain: small enough for a fuzzer to mutate.
    const QString path = scratch().filePath(QStringLiteral("seed.store"));
    QFile::remove(path);
    EventStoreOptions options;
    options.path = path;
    options.checkpointKey = std::shared_ptr<const CommandSigner>(&recordKey(), [](const CommandSigner *) {});
    options.checkpointEvents = 40;
    const std::int64_t start = simulatedHour().front().timeMs;
    {
        auto store = EventStore::open(options, city());
        if (!store) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(store.error()));
            std::abort();
        }
        CorePipeline pipeline(sharedCity());
        pipeline.attachStore(store.value().get());
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1}}};
        for (const Event &e : simulatedHour())
            if (e.timeMs <= start + 600'000)
                batch.push_back(e);
        pipeline.process(batch);
        store.value()->flush();
    }
    std::vector<QByteArray> seeds;
    for (const std::int64_t from : {start + 300'000, start + 420'000}) {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        auto written = chainexport::write(path, city(), from, from + 4000, buffer);
        if (!written) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(written.error()));
            std::abort();
        }
        seeds.push_back(out);
    }
    return seeds;
}

} // namespace

const CityModel &city() { return *sharedCity(); }

const std::vector<Target> &targets()
{
    static const std::vector<Target> all{
        {"wire", &checkWire, &wireSeeds},
        {"storerow", &checkStoreRow, &storeRowSeeds},
        {"json", &checkJson, &jsonSeeds},
        {"geometry", &checkGeometry, &geometrySeeds},
        {"sumonet", &checkSumoNet, &sumoNetSeeds},
        {"demand", &checkDemand, &demandSeeds},
        {"chainexport", &checkChainExport, &chainExportSeeds},
    };
    return all;
}

const Target *target(const QByteArray &name)
{
    for (const Target &t : targets())
        if (name == t.name)
            return &t;
    return nullptr;
}

} // namespace cityops::fuzz
