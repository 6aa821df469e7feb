#include "codec/eventjson.h"

#include "codec/eventcodec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>
#include <cmath>
#include <functional>

namespace cityops::eventjson {
namespace {


QJsonObject payloadToJson(const EventPayload &payload, const CityModel &city)
{
    return std::visit(
        [&city](const auto &p) -> QJsonObject {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SignalPayload>)
                return {{"program", p.program}, {"phase", p.phase}, {"mode", signalModeName(p.mode)},
                        {"next_switch_ms", static_cast<double>(p.nextSwitchMs)}, {"fault", p.fault}};
            else if constexpr (std::is_same_v<T, LightPayload>)
                return {{"level", p.level}, {"lamp_fault", p.lampFault}, {"power_w", static_cast<double>(p.powerW)}};
            else if constexpr (std::is_same_v<T, VehiclePayload>) {
                QJsonObject o{{"id", p.id}, {"lon", p.position.lon}, {"lat", p.position.lat}, {"speed_mps", static_cast<double>(p.speedMps)},
                              {"heading_deg", static_cast<double>(p.headingDeg)}, {"parked", p.parked}, {"queue_ahead", p.queueAhead},
                              {"route", lineToJson(p.route)}, {"ahead", signalsToJson(p.ahead, city)}};
                if (p.sinceMs >= 0)
                    o.insert(QLatin1String("since_ms"), static_cast<double>(p.sinceMs));
                return o;
            } else if constexpr (std::is_same_v<T, TrafficPayload>) {
                QJsonArray approaches;
                for (const ApproachTraffic &a : p.approaches)
                    approaches.append(QJsonObject{{"approach", a.approach}, {"queue", a.queue}, {"vehicles", a.vehicles},
                                                  {"occupancy_pct", a.occupancyPct}, {"queue_m", a.queueM}});
                return {{"approaches", approaches}};
            } else if constexpr (std::is_same_v<T, RoadTrafficPayload>) {
                // [road, vehicles, halting, speed_pct(, stands_at)] each: a peak's few hundred roads fit one field
                // event. stands_at (1: before the road's last point, 2: before its first) only where it is known.
                QJsonArray roads;
                for (const RoadTraffic &r : p.roads) {
                    QJsonArray road{static_cast<double>(r.road), r.vehicles, r.halting, r.speedPct};
                    if (r.standsAt != RoadEnd::Unknown)
                        road.append(static_cast<int>(r.standsAt));
                    roads.append(road);
                }
                QJsonObject data{{"roads", roads}};
                const auto list = [](const std::vector<std::uint16_t> &districts) {
                    QJsonArray out;
                    for (const std::uint16_t d : districts)
                        out.append(d);
                    return out;
                };
                if (!p.uncounted.empty())
                    data.insert(QLatin1String("uncounted"), list(p.uncounted));
                if (!p.awaited.empty())
                    data.insert(QLatin1String("awaited"), list(p.awaited));
                return data;
            } else if constexpr (std::is_same_v<T, SnapshotSealPayload>)
                return {{"snapshot_seq", static_cast<double>(p.snapshotSeq)}, {"key_id", p.keyId}};
            else if constexpr (std::is_same_v<T, ConsolePayload>)
                return {{"console", p.console}, {"online", p.standing == ConsoleStanding::Online}, {"standing", consoleStandingName(p.standing)}};
            else if constexpr (std::is_same_v<T, FeederPayload>)
                return {{"load_kw", static_cast<double>(p.loadKw)}, {"breaker_closed", p.breakerClosed}};
            else if constexpr (std::is_same_v<T, PresencePayload>)
                return p.cause.isEmpty() ? QJsonObject{{"online", p.online}} : QJsonObject{{"online", p.online}, {"cause", p.cause}};
            else if constexpr (std::is_same_v<T, IncidentRaisedPayload>) {
                QJsonObject o{{"id", static_cast<double>(p.id)}, {"since_ms", static_cast<double>(p.sinceMs)}, {"kind", incidentKindName(p.kind)},
                              {"severity", incidentSeverityName(p.severity)}, {"lon", p.position.lon}, {"lat", p.position.lat},
                              {"district", p.district}, {"road", p.road}};
                // The deadlines the console gave it, in exports; read from no one (the console's rules decide them).
                if (p.ackWithinMs >= 0) {
                    o.insert(QLatin1String("ack_within_ms"), static_cast<double>(p.ackWithinMs));
                    o.insert(QLatin1String("on_scene_within_ms"), static_cast<double>(p.onSceneWithinMs));
                }
                return o;
            }
            else if constexpr (std::is_same_v<T, IncidentClearedPayload>)
                return {{"id", static_cast<double>(p.id)}};
            else if constexpr (std::is_same_v<T, SessionPayload>) {
                QJsonObject o{{"session", static_cast<double>(p.session)}};
                if (p.snapshotVersion != 0)
                    o.insert(QLatin1String("snapshot_version"), double(p.snapshotVersion));
                return o;
            }
            else if constexpr (std::is_same_v<T, OperatorActionPayload>)
                return {{"action", operatorActionName(p.action)}, {"user", p.user}, {"detail", p.detail}};
            else if constexpr (std::is_same_v<T, IncidentUpdatePayload>)
                return {{"id", static_cast<double>(p.id)}, {"change", incidentChangeName(p.change)}, {"state", incidentStateName(p.state)},
                        {"merged_into", static_cast<double>(p.mergedInto)}, {"user", p.user}, {"text", p.text}};
            else if constexpr (std::is_same_v<T, AlarmPayload>)
                return {{"alarm", static_cast<double>(p.alarm)}, {"change", alarmChangeName(p.change)}, {"cause", alarmCauseName(p.cause)},
                        {"priority", alarmPriorityName(p.priority)}, {"parent", static_cast<double>(p.parent)},
                        {"until_ms", static_cast<double>(p.untilMs)}, {"user", p.user}, {"text", p.text}};
            else {
                QJsonObject o{{"order", static_cast<double>(p.order)}, {"stage", commandStageName(p.stage)}, {"action", commandActionName(p.action)},
                              {"value", p.value}, {"step", p.step}, {"attempt", p.attempt}, {"time_ms", static_cast<double>(p.timeMs)},
                              {"user", p.user}, {"text", p.text}};
                // Which other console a step came from, in exports; on the broker the link sets it from who signed.
                if (!p.console.isEmpty())
                    o.insert(QLatin1String("console"), p.console);
                return o;
            }
        },
        payload);
}

template <typename E>
bool enumFromName(const QString &name, QString (*namer)(E), int count, E *out)
{
    for (int i = 0; i < count; ++i)
        if (namer(static_cast<E>(i)) == name) {
            *out = static_cast<E>(i);
            return true;
        }
    return false;
}


constexpr double kLatestSinceMs = 4102444800000.0;   // 2100-01-01
constexpr double kMaxId = 4294967295.0;   // ids and counters of 32 bits
/// Measurements (watts, kilowatts) beyond any street's or feeder's: a float holds them, none is real.
constexpr double kMaxMeasure = 1e9;

/// Reads the figures of an event that came from outside (the wire, a file). Each must be a number within what its
/// field holds, whole where the field is: casting anything else is undefined behaviour, and a district or road
/// outside the city an index out of range further on (found by tests/fuzz). A key left out reads as 0, as files
/// from before a field was written do; the first figure that is not right is named in `bad`.
class Figures {
public:
    explicit Figures(const QJsonObject &object) : m_object(object) {}
    double whole(const char *key, double min, double max) { return read(key, min, max, true); }
    double real(const char *key, double min, double max) { return read(key, min, max, false); }
    double time(const char *key) { return read(key, -kMaxWhole, kMaxWhole, true); }
    double id(const char *key) { return read(key, 0, kMaxId, true); }
    const QString &bad() const { return m_bad; }

private:
    double read(const char *key, double min, double max, bool integral)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return std::clamp(0.0, min, max);   // 0, or -1 for a district of a city without districts
        const double x = v.toDouble();
        if (integral ? !wholeIn(v, min, max) : !(v.isDouble() && x >= min && x <= max)) {
            if (m_bad.isEmpty())
                m_bad = QStringLiteral("%1 must be a %2 from %3 to %4")
                            .arg(QLatin1String(key), integral ? QStringLiteral("whole number") : QStringLiteral("number"))
                            .arg(min, 0, 'g', 16)
                            .arg(max, 0, 'g', 16);
            return 0;
        }
        return x;
    }
    const QJsonObject &m_object;
    QString m_bad;
};

/// A vehicle report as JSON, every figure range-checked: it comes from outside (a fleet's location system, a file).
Result<VehiclePayload> vehicleFromJson(const QJsonObject &d, const CityModel &city)
{
    VehiclePayload p;
    p.id = d.value(QLatin1String("id")).toString();
    if (!validVehicleId(p.id))
        return makeError(QStringLiteral("a vehicle's id is 1 to %1 letters, digits, '-', '_' or '.'").arg(kMaxVehicleIdLength));
    p.position = {d.value(QLatin1String("lon")).toDouble(1000), d.value(QLatin1String("lat")).toDouble(1000)};
    if (!validPosition(p.position.lon, p.position.lat))
        return makeError(QStringLiteral("vehicle %1: lon and lat must be degrees").arg(p.id));
    const double speed = d.value(QLatin1String("speed_mps")).toDouble(-1), heading = d.value(QLatin1String("heading_deg")).toDouble(-1),
                 queue = d.value(QLatin1String("queue_ahead")).toDouble(0);
    if (!(speed >= 0 && speed <= 100) || !(heading >= 0 && heading <= 360) || !(queue >= 0 && queue <= 1000))
        return makeError(QStringLiteral("vehicle %1: speed_mps 0-100, heading_deg 0-360 and queue_ahead 0-1000").arg(p.id));
    p.speedMps = static_cast<float>(speed);
    p.headingDeg = static_cast<float>(heading);
    p.queueAhead = static_cast<std::uint16_t>(queue);
    p.parked = d.value(QLatin1String("parked")).toBool();
    auto route = lineFromJson(d.value(QLatin1String("route")), kMaxRoutePoints);
    if (!route)
        return makeError(QStringLiteral("vehicle %1: %2").arg(p.id, route.error()));
    auto ahead = signalsFromJson(d.value(QLatin1String("ahead")), city, kMaxSignalsAhead);
    if (!ahead)
        return makeError(QStringLiteral("vehicle %1: %2").arg(p.id, ahead.error()));
    p.route = std::move(route).value();
    p.ahead = std::move(ahead).value();
    // Since when it has been parked or on its way: optional, whole milliseconds since 1970 up to the year 2100.
    // (Whether it lies before the report is the vehicle book's to judge: it knows the report's time.)
    if (const QJsonValue since = d.value(QLatin1String("since_ms")); !since.isUndefined()) {
        const auto ms = wholeIn(since, 0, kLatestSinceMs);
        if (!ms)
            return makeError(QStringLiteral("vehicle %1: since_ms is a time in whole milliseconds since 1970").arg(p.id));
        p.sinceMs = static_cast<std::int64_t>(*ms);
    }
    return p;
}

} // namespace

std::optional<double> wholeIn(const QJsonValue &value, double min, double max)
{
    const double x = value.toDouble();
    if (!value.isDouble() || !(x >= min && x <= max) || x != std::floor(x))
        return std::nullopt;
    return x;
}

bool validPosition(double lon, double lat) { return std::isfinite(lon) && std::isfinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90; }

QString isoTime(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

QJsonArray lineToJson(const GeoLine &line)
{
    QJsonArray out;
    for (const GeoPoint &g : line)
        out.append(QJsonArray{g.lon, g.lat});
    return out;
}

Result<GeoLine> lineFromJson(const QJsonValue &value, int maxPoints)
{
    if (!value.isUndefined() && !value.isArray())
        return makeError(QStringLiteral("a line is an array of [lon, lat]"));
    const QJsonArray points = value.toArray();
    if (points.size() > maxPoints)
        return makeError(QStringLiteral("at most %1 points on a line").arg(maxPoints));
    GeoLine line;
    for (const QJsonValue &v : points) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2 || !validPosition(pair[0].toDouble(1000), pair[1].toDouble(1000)))
            return makeError(QStringLiteral("a point is [lon, lat] in degrees"));
        line.push_back({pair[0].toDouble(), pair[1].toDouble()});
    }
    return line;
}

QJsonArray signalsToJson(const std::vector<SignalAhead> &signals, const CityModel &city)
{
    QJsonArray out;
    for (const SignalAhead &a : signals)
        out.append(QJsonObject{{"signal", a.signal < city.signals.size() ? QJsonValue(city.devices[city.signals[a.signal].device].id) : QJsonValue()},
                               {"link", a.linkIndex}, {"distance_m", a.distanceM}});
    return out;
}

Result<std::vector<SignalAhead>> signalsFromJson(const QJsonValue &value, const CityModel &city, int maxSignals)
{
    if (!value.isUndefined() && !value.isArray())
        return makeError(QStringLiteral("signals are an array"));
    const QJsonArray signals = value.toArray();
    if (signals.size() > maxSignals)
        return makeError(QStringLiteral("at most %1 signals").arg(maxSignals));
    std::vector<SignalAhead> out;
    for (const QJsonValue &v : signals) {
        const QJsonObject a = v.toObject();
        const QString device = a.value(QLatin1String("signal")).toString();
        const DeviceIndex index = city.deviceIndex(device);
        if (index == kNoDevice || city.devices[index].kind != DeviceKind::SignalController || city.devices[index].detail < 0)
            return makeError(QStringLiteral("\"%1\" is not a signal of this city").arg(device));
        const auto signal = static_cast<std::uint32_t>(city.devices[index].detail);
        const auto link = wholeIn(a.value(QLatin1String("link")), 0, movementsOf(city.signals[signal]) - 1);
        const double distance = a.value(QLatin1String("distance_m")).toDouble(-1);
        if (!link || !(distance >= 0 && distance <= 100'000))
            return makeError(QStringLiteral("signal %1 has no link %2, or distance_m is not 0-100000").arg(device).arg(a.value(QLatin1String("link")).toDouble(-1)));
        out.push_back({signal, static_cast<int>(*link), distance});
    }
    return out;
}

QJsonObject eventToJson(const Event &event, const CityModel &city)
{
    QJsonObject o{{"seq", static_cast<double>(event.seq)}, {"time_ms", static_cast<double>(event.timeMs)},
                  {"time", isoTime(event.timeMs)}, {"kind", eventcodec::kindName(eventcodec::kindOf(event.payload))},
                  {"data", payloadToJson(event.payload, city)}};
    o.insert(QStringLiteral("device"), event.device < city.devices.size() ? QJsonValue(city.devices[event.device].id) : QJsonValue());
    return o;
}

Result<Event> eventFromJson(const QJsonObject &o, const CityModel &city)
{
    const auto bad = [](const QString &why) { return makeError(QStringLiteral("invalid event: %1").arg(why)); };
    if (!o.value(QLatin1String("seq")).isDouble() || !o.value(QLatin1String("time_ms")).isDouble())
        return bad(QStringLiteral("seq and time_ms must be numbers"));
    Figures top(o);
    Event e;
    e.seq = static_cast<std::uint64_t>(top.whole("seq", 0, kMaxWhole));
    e.timeMs = static_cast<std::int64_t>(top.time("time_ms"));
    if (!top.bad().isEmpty())
        return bad(top.bad());
    const QJsonValue device = o.value(QLatin1String("device"));
    if (device.isString()) {
        e.device = city.deviceIndex(device.toString());
        if (e.device == kNoDevice)
            return bad(QStringLiteral("unknown device \"%1\"").arg(device.toString()));
    }
    const QString kind = o.value(QLatin1String("kind")).toString();
    const QJsonObject d = o.value(QLatin1String("data")).toObject();
    Figures f(d);
    if (kind == QLatin1String("signal")) {
        SignalPayload p;
        p.program = static_cast<std::uint8_t>(f.whole("program", 0, 255));
        p.phase = static_cast<std::uint16_t>(f.whole("phase", 0, 65535));
        if (!enumFromName(d.value(QLatin1String("mode")).toString(), signalModeName, 5, &p.mode))
            return bad(QStringLiteral("unknown signal mode"));
        p.nextSwitchMs = static_cast<std::int64_t>(f.time("next_switch_ms"));
        p.fault = d.value(QLatin1String("fault")).toBool();
        e.payload = p;
    } else if (kind == QLatin1String("light")) {
        const double level = f.whole("level", 0, 100);
        e.payload = LightPayload{static_cast<std::uint8_t>(level), d.value(QLatin1String("lamp_fault")).toBool(),
                                 static_cast<float>(f.real("power_w", 0, kMaxMeasure))};
    } else if (kind == QLatin1String("feeder")) {
        e.payload = FeederPayload{static_cast<float>(f.real("load_kw", -kMaxMeasure, kMaxMeasure)), d.value(QLatin1String("breaker_closed")).toBool()};
    } else if (kind == QLatin1String("vehicle")) {
        auto vehicle = vehicleFromJson(d, city);
        if (!vehicle)
            return bad(vehicle.error());
        if (e.device != kNoDevice)
            return bad(QStringLiteral("a vehicle is not a device"));
        e.payload = vehicle.value();
    } else if (kind == QLatin1String("roads")) {
        if (e.device != kNoDevice)
            return bad(QStringLiteral("road traffic is not a device's"));
        const QJsonArray roads = d.value(QLatin1String("roads")).toArray();
        if (roads.size() > kMaxRoadsReported)
            return bad(QStringLiteral("more than %1 roads").arg(kMaxRoadsReported));
        RoadTrafficPayload p;
        const auto whole = [](const QJsonValue &v, double max) { return wholeIn(v, 0, max).value_or(-1.0); };
        for (const QJsonValue &v : roads) {
            const QJsonArray r = v.toArray();
            const bool sized = r.size() == 4 || r.size() == 5;   // stands_at may be left out (a gateway from before it)
            const double road = sized ? whole(r[0], double(city.roads.size()) - 1) : -1, vehicles = sized ? whole(r[1], 65535) : -1,
                         halting = sized ? whole(r[2], 65535) : -1, speed = sized ? whole(r[3], 100) : -1,
                         standsAt = r.size() == 5 ? whole(r[4], static_cast<double>(RoadEnd::First)) : 0;
            if (road < 0 || vehicles < 0 || halting < 0 || halting > vehicles || speed < 0 || standsAt < 0)
                return bad(QStringLiteral("a road is [road (0-%1), vehicles, halting (no more than vehicles), speed_pct (0-100), "
                                          "stands_at (1 before its last point, 2 before its first; 0 or left out: not said)]")
                               .arg(qsizetype(city.roads.size()) - 1));
            p.roads.push_back({static_cast<std::uint32_t>(road), static_cast<std::uint16_t>(vehicles), static_cast<std::uint16_t>(halting),
                               static_cast<std::uint8_t>(speed), static_cast<RoadEnd>(standsAt)});
        }
        // The districts nobody counts (a console's picture put together; a gateway's own picture has none), and of
        // them those awaited.
        const auto readDistricts = [&](const char *key, std::vector<std::uint16_t> &out, const std::vector<std::uint16_t> *within) -> QString {
            const QJsonValue value = d.value(QLatin1String(key));
            if (!value.isUndefined() && !value.isArray())
                return QStringLiteral("%1 is a list of the city's districts").arg(QLatin1String(key));
            const QJsonArray list = value.toArray();
            for (const auto &v : list) {
                const double district = whole(v, double(city.districts.size()) - 1);
                if (district < 0 || (!out.empty() && district <= out.back()))
                    return QStringLiteral("%1 is the indexes of the city's districts (0-%2), ascending")
                        .arg(QLatin1String(key))
                        .arg(qsizetype(city.districts.size()) - 1);
                if (within && !std::binary_search(within->begin(), within->end(), static_cast<std::uint16_t>(district)))
                    return QStringLiteral("awaited names only districts that are uncounted");
                out.push_back(static_cast<std::uint16_t>(district));
            }
            return {};
        };
        if (const QString why = readDistricts("uncounted", p.uncounted, nullptr); !why.isEmpty())
            return bad(why);
        if (const QString why = readDistricts("awaited", p.awaited, &p.uncounted); !why.isEmpty())
            return bad(why);
        e.payload = p;
    } else if (kind == QLatin1String("traffic")) {
        const QJsonArray approaches = d.value(QLatin1String("approaches")).toArray();
        if (approaches.size() > kMaxApproaches)
            return bad(QStringLiteral("more than %1 approaches").arg(kMaxApproaches));
        TrafficPayload p;
        for (const QJsonValue &v : approaches) {
            const QJsonObject a = v.toObject();
            const double approach = a.value(QLatin1String("approach")).toDouble(-1), queue = a.value(QLatin1String("queue")).toDouble(-1),
                         vehicles = a.value(QLatin1String("vehicles")).toDouble(-1), occupancy = a.value(QLatin1String("occupancy_pct")).toDouble(-1),
                         queueM = a.value(QLatin1String("queue_m")).toDouble(-1);
            if (approach < 0 || approach >= kMaxApproaches || queue < 0 || queue > 65535 || vehicles < 0 || vehicles > 65535 || occupancy < 0
                || occupancy > 100 || queueM < 0 || queueM > 65535)
                return bad(QStringLiteral("an approach needs approach (0-%1), queue, vehicles and queue_m (0-65535) and occupancy_pct (0-100)")
                               .arg(kMaxApproaches - 1));
            p.approaches.push_back({static_cast<std::uint8_t>(approach), static_cast<std::uint16_t>(queue), static_cast<std::uint16_t>(vehicles),
                                    static_cast<std::uint8_t>(occupancy), static_cast<std::uint16_t>(queueM)});
        }
        e.payload = p;
    } else if (kind == QLatin1String("presence")) {
        const QJsonValue cause = d.value(QLatin1String("cause"));
        if (!cause.isUndefined() && (!cause.isString() || cause.toString().size() > 200))
            return bad(QStringLiteral("a presence's cause is text of at most 200 characters"));
        e.payload = PresencePayload{d.value(QLatin1String("online")).toBool(), cause.toString()};
    } else if (kind == QLatin1String("console")) {
        const QString console = d.value(QLatin1String("console")).toString();
        if (console.isEmpty() || console.size() > 200 || !d.value(QLatin1String("online")).isBool())
            return bad(QStringLiteral("a console's presence needs its name (at most 200 characters) and online (true or false)"));
        ConsolePayload p{console, d.value(QLatin1String("online")).toBool() ? ConsoleStanding::Online : ConsoleStanding::Gone};
        // "standing" says more than online (out of the keyring); an export from before it has only online.
        if (const QJsonValue standing = d.value(QLatin1String("standing")); !standing.isUndefined()
            && !enumFromName(standing.toString(), consoleStandingName, kConsoleStandingMax + 1, &p.standing))
            return bad(QStringLiteral("a console's standing is gone, online or out-of-keyring"));
        if ((p.standing == ConsoleStanding::Online) != d.value(QLatin1String("online")).toBool())
            return bad(QStringLiteral("a console's standing and online disagree"));
        e.payload = p;
    } else if (kind == QLatin1String("incident-raised")) {
        IncidentRaisedPayload p;
        p.id = static_cast<IncidentId>(f.id("id"));
        p.sinceMs = static_cast<std::int64_t>(f.time("since_ms"));
        if (!enumFromName(d.value(QLatin1String("kind")).toString(), incidentKindName, kIncidentKindMax + 1, &p.kind)
            || !enumFromName(d.value(QLatin1String("severity")).toString(), incidentSeverityName, 4, &p.severity))
            return bad(QStringLiteral("unknown incident kind or severity"));
        p.position = {f.real("lon", -180, 180), f.real("lat", -90, 90)};
        p.district = static_cast<int>(f.whole("district", -1, double(city.districts.size()) - 1));
        p.road = static_cast<int>(f.whole("road", -1, double(city.roads.size()) - 1));
        e.payload = p;
    } else if (kind == QLatin1String("incident-cleared")) {
        e.payload = IncidentClearedPayload{static_cast<IncidentId>(f.id("id"))};
    } else if (kind == QLatin1String("snapshot-seal")) {
        const QString keyId = d.value(QLatin1String("key_id")).toString();
        if (!eventcodec::isKeyId(keyId))
            return bad(QStringLiteral("a snapshot seal names its key by its id (16 lowercase hex digits)"));
        e.payload = SnapshotSealPayload{static_cast<std::uint64_t>(f.whole("snapshot_seq", 1, kMaxWhole)), keyId};
    } else if (kind == QLatin1String("session")) {
        SessionPayload p{static_cast<std::uint32_t>(f.id("session"))};
        if (d.contains(QLatin1String("snapshot_version")))
            p.snapshotVersion = static_cast<std::uint8_t>(f.whole("snapshot_version", 1, 255));
        e.payload = p;
    } else if (kind == QLatin1String("operator")) {
        OperatorActionPayload p;
        if (!enumFromName(d.value(QLatin1String("action")).toString(), operatorActionName, kOperatorActionCount, &p.action))
            return bad(QStringLiteral("unknown operator action"));
        p.user = d.value(QLatin1String("user")).toString();
        p.detail = d.value(QLatin1String("detail")).toString();
        e.payload = p;
    } else if (kind == QLatin1String("incident-update")) {
        IncidentUpdatePayload p;
        p.id = static_cast<IncidentId>(f.id("id"));
        if (!enumFromName(d.value(QLatin1String("change")).toString(), incidentChangeName, static_cast<int>(IncidentChange::OnSceneOverdue) + 1, &p.change)
            || !enumFromName(d.value(QLatin1String("state")).toString(), incidentStateName, static_cast<int>(IncidentState::Merged) + 1, &p.state))
            return bad(QStringLiteral("unknown incident change or state"));
        p.mergedInto = static_cast<IncidentId>(f.id("merged_into"));
        p.user = d.value(QLatin1String("user")).toString();
        p.text = d.value(QLatin1String("text")).toString();
        e.payload = p;
    } else if (kind == QLatin1String("alarm")) {
        AlarmPayload p;
        p.alarm = static_cast<std::uint32_t>(f.id("alarm"));
        if (!enumFromName(d.value(QLatin1String("change")).toString(), alarmChangeName, static_cast<int>(AlarmChange::Unsuppressed) + 1, &p.change)
            || !enumFromName(d.value(QLatin1String("cause")).toString(), alarmCauseName, kAlarmCauseCount, &p.cause)
            || !enumFromName(d.value(QLatin1String("priority")).toString(), alarmPriorityName, 3, &p.priority))
            return bad(QStringLiteral("unknown alarm change, cause or priority"));
        p.parent = static_cast<std::uint32_t>(f.id("parent"));
        p.untilMs = static_cast<std::int64_t>(f.time("until_ms"));
        p.user = d.value(QLatin1String("user")).toString();
        p.text = d.value(QLatin1String("text")).toString();
        e.payload = p;
    } else if (kind == QLatin1String("command")) {
        CommandPayload p;
        p.order = static_cast<std::uint32_t>(f.id("order"));
        if (!enumFromName(d.value(QLatin1String("stage")).toString(), commandStageName, static_cast<int>(CommandStage::Released) + 1, &p.stage)
            || !enumFromName(d.value(QLatin1String("action")).toString(), commandActionName, kCommandActionCount, &p.action))
            return bad(QStringLiteral("unknown command stage or action"));
        p.value = static_cast<std::int32_t>(f.whole("value", -2147483648.0, 2147483647.0));
        p.step = static_cast<std::uint16_t>(f.whole("step", 0, 65535));
        p.attempt = static_cast<std::uint8_t>(f.whole("attempt", 0, 255));
        p.timeMs = static_cast<std::int64_t>(f.time("time_ms"));
        p.user = d.value(QLatin1String("user")).toString();
        p.text = d.value(QLatin1String("text")).toString();
        p.console = d.value(QLatin1String("console")).toString();
        e.payload = p;
    } else {
        return bad(QStringLiteral("unknown kind \"%1\"").arg(kind));
    }
    if (!f.bad().isEmpty())
        return bad(QStringLiteral("%1 %2").arg(kind, f.bad()));
    return e;
}

} // namespace cityops::eventjson
