#include "link/fleetdispatch.h"

#include "state/vehiclebook.h"

#include <QRandomGenerator>

#include <cmath>

namespace cityops {
namespace {

QByteArray freshNonce()
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    return nonce;
}

} // namespace

FleetDispatch::FleetDispatch(std::shared_ptr<const CityModel> city) : m_city(std::move(city)) {}

void FleetDispatch::vehicleReported(const QString &vehicle, const QString &gateway, std::int64_t nowMs)
{
    std::lock_guard lock(m_mutex);
    // Bounded by the gateways' admission and the call-sign rules; a fleet of thousands is still a small table.
    if (m_gatewayOfVehicle.size() < 10'000 || m_gatewayOfVehicle.contains(vehicle))
        m_gatewayOfVehicle.insert(vehicle, Reporter{gateway, nowMs});
}

std::optional<QString> FleetDispatch::reportingGateway(const QString &vehicle, std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_gatewayOfVehicle.constFind(vehicle);
    if (it == m_gatewayOfVehicle.cend() || nowMs - it->lastMs > VehicleBook::kSilentMs)
        return std::nullopt;
    return it->gateway;
}

Result<QString> FleetDispatch::gatewayOf(const QString &vehicle) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_gatewayOfVehicle.constFind(vehicle);
    if (it == m_gatewayOfVehicle.cend())
        return makeError(QStringLiteral("%1 has not reported through any gateway: there is nowhere to ask").arg(vehicle));
    return it->gateway;
}

Result<FleetDispatch::Outgoing> FleetDispatch::plan(const QString &vehicle, GeoPoint destination, std::int64_t nowMs,
                                                    FieldLink::RouteCallback done)
{
    auto gateway = gatewayOf(vehicle);
    if (!gateway)
        return makeError(gateway.error());
    Outgoing out{wire::fleetPlanTopic(gateway.value()), wire::encodePlanRequest({vehicle, destination}), freshNonce()};
    std::lock_guard lock(m_mutex);
    m_waiting.insert(out.correlation, Waiting{gateway.value(), vehicle, nowMs + kTimeoutMs, std::move(done), {}});
    return out;
}

Result<FleetDispatch::Outgoing> FleetDispatch::send(const PlannedRoute &route, const CommandSigner *signer, std::int64_t nowMs,
                                                    FieldLink::SentCallback done)
{
    if (!signer)
        return makeError(QStringLiteral("this console has no command signing key (--command-key): vehicles cannot be sent"));
    auto gateway = gatewayOf(route.vehicle);
    if (!gateway)
        return makeError(gateway.error());
    if (route.edges.isEmpty() || route.edges.size() > wire::kMaxRouteEdges)
        return makeError(QStringLiteral("a route is 1 to %1 roads").arg(wire::kMaxRouteEdges));
    wire::RouteSend s;
    s.gateway = gateway.value();
    s.vehicle = route.vehicle;
    s.edges = route.edges;
    // Not said (negative) leaves it to the gateway; a place no road reaches is a mistake to say, not to drop (the
    // gateway would park it elsewhere than the plan the operator saw).
    if (std::isnan(route.parkAtM) || route.parkAtM > wire::kMaxParkM)
        return makeError(QStringLiteral("where the vehicle parks (%1 m along its last road) lies beyond any road: not sent")
                             .arg(route.parkAtM, 0, 'f', 0));
    if (route.parkAtM >= 0)
        s.parkDm = static_cast<std::int32_t>(std::lround(route.parkAtM * 10));
    s.issuedMs = nowMs;
    s.expiresMs = nowMs + 60'000;   // a route is for now: sent later, the vehicle has moved on
    s.nonce = freshNonce();
    s.keyId = signer->keyId();
    s.signature = signer->sign(s.canonical());
    Outgoing out{wire::fleetSendTopic(s.gateway), wire::encodeRouteSend(s), s.nonce};
    std::lock_guard lock(m_mutex);
    m_waiting.insert(out.correlation, Waiting{s.gateway, route.vehicle, nowMs + kTimeoutMs, {}, std::move(done)});
    return out;
}

void FleetDispatch::forget(const QByteArray &correlation)
{
    std::lock_guard lock(m_mutex);
    m_waiting.remove(correlation);
}

bool FleetDispatch::waitingFor(const QByteArray &correlation) const
{
    std::lock_guard lock(m_mutex);
    return m_waiting.contains(correlation);
}

std::function<void()> FleetDispatch::answer(const QByteArray &correlation, const QByteArray &payload, wire::Refused *refusal)
{
    auto parsed = wire::decodeFleetAnswer(payload, *m_city);
    if (auto *refused = std::get_if<wire::Refused>(&parsed)) {
        *refusal = *refused;
        return {};
    }
    wire::FleetAnswer &a = std::get<wire::FleetAnswer>(parsed);
    Waiting waiting;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_waiting.find(correlation);
        // An answer about another vehicle than the one asked about is not the answer (a confused or hostile gateway).
        if (it == m_waiting.end() || it->vehicle != a.vehicle) {
            *refusal = {wire::Refusal::WrongKind, QStringLiteral("a fleet answer nobody is waiting for")};
            return {};
        }
        waiting = it.value();
        m_waiting.erase(it);
    }
    const QString from = waiting.gateway;
    if (waiting.planned) {
        if (a.kind == wire::FleetAnswer::Kind::Planned)
            return [done = waiting.planned, route = std::move(a.route)] { done(route); };
        const QString why = a.kind == wire::FleetAnswer::Kind::Refused ? a.reason : QStringLiteral("gateway %1 answered a plan with a send").arg(from);
        return [done = waiting.planned, why] { done(makeError(why)); };
    }
    if (a.kind == wire::FleetAnswer::Kind::Sent)
        return [done = waiting.sent] { done(Ok{}); };
    const QString why = a.kind == wire::FleetAnswer::Kind::Refused ? a.reason : QStringLiteral("gateway %1 answered a send with a plan").arg(from);
    return [done = waiting.sent, why] { done(makeError(why)); };
}

std::vector<std::function<void()>> FleetDispatch::expire(std::int64_t nowMs)
{
    std::vector<std::function<void()>> out;
    std::lock_guard lock(m_mutex);
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (it->deadlineMs > nowMs) {
            ++it;
            continue;
        }
        const QString why = QStringLiteral("gateway %1 did not answer within %2 s").arg(it->gateway).arg(kTimeoutMs / 1000);
        if (it->planned)
            out.push_back([done = it->planned, why] { done(makeError(why)); });
        else
            out.push_back([done = it->sent, why] { done(makeError(why)); });
        it = m_waiting.erase(it);
    }
    return out;
}

} // namespace cityops
