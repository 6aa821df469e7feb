#include "link/fleetwire.h"

#include "codec/eventjson.h"
#include "link/wirejson.h"

#include <QJsonArray>

namespace cityops::wire {
namespace {

/// A road of the traffic simulation's network: SUMO edge ids are short and printable.
bool validEdge(const QString &edge)
{
    if (edge.isEmpty() || edge.size() > 128)
        return false;
    return std::none_of(edge.begin(), edge.end(), [](QChar c) { return c.unicode() < 0x20 || c.isSpace(); });
}

Parsed<QStringList> edgesFrom(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty() || array.size() > kMaxRouteEdges)
        return malformed(QStringLiteral("a route is 1 to %1 roads").arg(kMaxRouteEdges));
    QStringList edges;
    for (const QJsonValue &e : array) {
        if (!e.isString() || !validEdge(e.toString()))
            return malformed(QStringLiteral("a road is 1 to 128 printable characters without spaces"));
        edges << e.toString();
    }
    return edges;
}

Parsed<QString> vehicleFrom(const QJsonObject &o)
{
    const QString vehicle = o.value(QLatin1String("vehicle")).toString();
    if (!validVehicleId(vehicle))
        return malformed(QStringLiteral("a vehicle's call sign is 1 to %1 letters, digits, '-', '_' or '.'").arg(kMaxVehicleIdLength));
    return vehicle;
}

} // namespace

QByteArray fleetPlanTopic(const QString &gateway) { return root() + "/fleet/" + gateway.toUtf8() + "/plan"; }
QByteArray fleetSendTopic(const QString &gateway) { return root() + "/fleet/" + gateway.toUtf8() + "/send"; }

QByteArray encodePlanRequest(const RoutePlanRequest &r)
{
    return compact({{"v", kVersion}, {"vehicle", r.vehicle}, {"lon", r.destination.lon}, {"lat", r.destination.lat}});
}

Parsed<RoutePlanRequest> decodePlanRequest(const QByteArray &payload)
{
    auto opened = openPayload(payload, kMaxPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    auto vehicle = vehicleFrom(o);
    if (auto *r = std::get_if<Refused>(&vehicle))
        return *r;
    RoutePlanRequest request{std::get<QString>(vehicle), {o.value(QLatin1String("lon")).toDouble(1000), o.value(QLatin1String("lat")).toDouble(1000)}};
    if (!eventjson::validPosition(request.destination.lon, request.destination.lat))
        return malformed(QStringLiteral("the destination's lon and lat must be degrees"));
    return request;
}

QByteArray RouteSend::canonical() const
{
    // As commands (cityops-command-v3): fixed order, each field <byte length>:<bytes>\n, so no two sends share bytes.
    // A send that says where to park is v2, one field more at the end; without it, the bytes of v1 as before.
    QByteArray out = parkDm >= 0 ? QByteArrayLiteral("cityops-fleet-route-v2\n") : QByteArrayLiteral("cityops-fleet-route-v1\n");
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(gateway.toUtf8());
    field(vehicle.toUtf8());
    field(QByteArray::number(edges.size()));
    for (const QString &e : edges)
        field(e.toUtf8());
    field(QByteArray::number(issuedMs));
    field(QByteArray::number(expiresMs));
    field(nonce.toHex());
    field(keyId.toUtf8());
    if (parkDm >= 0)
        field(QByteArray::number(parkDm));
    return out;
}

QByteArray encodeRouteSend(const RouteSend &s)
{
    QJsonObject o{{"v", kVersion}, {"vehicle", s.vehicle}, {"edges", QJsonArray::fromStringList(s.edges)},
                  {"issued_ms", static_cast<double>(s.issuedMs)}, {"expires_ms", static_cast<double>(s.expiresMs)},
                  {"nonce", QString::fromLatin1(s.nonce.toHex())}, {"key", s.keyId}, {"sig", QString::fromLatin1(s.signature.toBase64())}};
    if (s.parkDm >= 0)
        o.insert(QLatin1String("park_dm"), s.parkDm);
    return compact(o);
}

Parsed<RouteSend> decodeRouteSend(const QByteArray &payload, const QString &gateway)
{
    auto opened = openPayload(payload, kMaxFleetPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    RouteSend s;
    s.gateway = gateway;
    auto vehicle = vehicleFrom(o);
    if (auto *r = std::get_if<Refused>(&vehicle))
        return *r;
    s.vehicle = std::get<QString>(vehicle);
    auto edges = edgesFrom(o.value(QLatin1String("edges")));
    if (auto *r = std::get_if<Refused>(&edges))
        return *r;
    s.edges = std::get<QStringList>(edges);
    if (!isCount(o.value(QLatin1String("issued_ms"))) || !isCount(o.value(QLatin1String("expires_ms"))))
        return malformed(QStringLiteral("issued_ms and expires_ms must be whole numbers"));
    s.issuedMs = static_cast<std::int64_t>(o.value(QLatin1String("issued_ms")).toDouble());
    s.expiresMs = static_cast<std::int64_t>(o.value(QLatin1String("expires_ms")).toDouble());
    if (const QJsonValue park = o.value(QLatin1String("park_dm")); !park.isUndefined()) {
        if (!isCount(park) || park.toDouble() > kMaxParkM * 10)
            return malformed(QStringLiteral("park_dm must be a whole number of decimetres, 0 to 1,000,000"));
        s.parkDm = static_cast<std::int32_t>(park.toDouble());
    }
    if (!o.value(QLatin1String("sig")).isString() || !o.value(QLatin1String("nonce")).isString() || !o.value(QLatin1String("key")).isString())
        return malformed(QStringLiteral("nonce, key and sig must be text"));
    s.nonce = QByteArray::fromHex(o.value(QLatin1String("nonce")).toString().toLatin1());
    s.keyId = o.value(QLatin1String("key")).toString();
    s.signature = QByteArray::fromBase64(o.value(QLatin1String("sig")).toString().toLatin1());
    if (s.nonce.size() != 16)
        return malformed(QStringLiteral("nonce must be 16 bytes in hex"));
    return s;
}

QByteArray encodeFleetAnswer(const FleetAnswer &a, const CityModel &city)
{
    QJsonObject o{{"v", kVersion}, {"vehicle", a.vehicle}};
    switch (a.kind) {
    case FleetAnswer::Kind::Refused:
        o.insert(QLatin1String("fleet"), QStringLiteral("refused"));
        o.insert(QLatin1String("reason"), a.reason);
        break;
    case FleetAnswer::Kind::Sent:
        o.insert(QLatin1String("fleet"), QStringLiteral("sent"));
        break;
    case FleetAnswer::Kind::Planned: {
        const PlannedRoute &r = a.route;
        o.insert(QLatin1String("fleet"), QStringLiteral("planned"));
        o.insert(QLatin1String("edges"), QJsonArray::fromStringList(r.edges));
        o.insert(QLatin1String("line"), eventjson::lineToJson(r.line));
        o.insert(QLatin1String("signals"), eventjson::signalsToJson(r.signals, city));
        o.insert(QLatin1String("length_m"), r.lengthM);
        o.insert(QLatin1String("travel_s"), r.travelS);
        o.insert(QLatin1String("dest"), QJsonArray{r.destination.lon, r.destination.lat});
        if (r.parkAtM >= 0)
            o.insert(QLatin1String("park_m"), r.parkAtM);
        break;
    }
    }
    return compact(o);
}

Parsed<FleetAnswer> decodeFleetAnswer(const QByteArray &payload, const CityModel &city)
{
    auto opened = openPayload(payload, kMaxFleetPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    FleetAnswer a;
    auto vehicle = vehicleFrom(o);
    if (auto *r = std::get_if<Refused>(&vehicle))
        return *r;
    a.vehicle = std::get<QString>(vehicle);
    const QString kind = o.value(QLatin1String("fleet")).toString();
    if (kind == QLatin1String("refused")) {
        a.kind = FleetAnswer::Kind::Refused;
        a.reason = o.value(QLatin1String("reason")).toString().left(500);
        if (a.reason.isEmpty())
            return malformed(QStringLiteral("a refusal says why"));
        return a;
    }
    if (kind == QLatin1String("sent")) {
        a.kind = FleetAnswer::Kind::Sent;
        return a;
    }
    if (kind != QLatin1String("planned"))
        return malformed(QStringLiteral("fleet is planned, sent or refused"));
    a.kind = FleetAnswer::Kind::Planned;
    PlannedRoute &r = a.route;
    r.vehicle = a.vehicle;
    auto edges = edgesFrom(o.value(QLatin1String("edges")));
    if (auto *refused = std::get_if<Refused>(&edges))
        return *refused;
    r.edges = std::get<QStringList>(edges);
    auto line = eventjson::lineFromJson(o.value(QLatin1String("line")), kMaxRoutePoints);
    if (!line)
        return malformed(QStringLiteral("line: %1").arg(line.error()));
    r.line = std::move(line).value();
    auto signals = eventjson::signalsFromJson(o.value(QLatin1String("signals")), city, kMaxSignalsAhead);
    if (!signals)
        return malformed(QStringLiteral("signals: %1").arg(signals.error()));
    r.signals = std::move(signals).value();
    r.lengthM = o.value(QLatin1String("length_m")).toDouble(-1);
    r.travelS = o.value(QLatin1String("travel_s")).toDouble(-1);
    const QJsonArray dest = o.value(QLatin1String("dest")).toArray();
    if (!(r.lengthM >= 0 && r.lengthM <= 1e6) || !(r.travelS >= 0 && r.travelS <= 1e6) || dest.size() != 2
        || !eventjson::validPosition(dest[0].toDouble(1000), dest[1].toDouble(1000)))
        return malformed(QStringLiteral("length_m and travel_s must be 0 to 1,000,000 and dest [lon, lat] in degrees"));
    r.destination = {dest[0].toDouble(), dest[1].toDouble()};
    if (const QJsonValue park = o.value(QLatin1String("park_m")); !park.isUndefined()) {
        r.parkAtM = park.toDouble(-1);
        if (!park.isDouble() || !(r.parkAtM >= 0 && r.parkAtM <= kMaxParkM))
            return malformed(QStringLiteral("park_m must be 0 to 100,000 metres"));
    }
    return a;
}

} // namespace cityops::wire
