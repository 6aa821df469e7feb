#include "link/devicegateway.h"

#include "link/fleetwire.h"

#include "base/logging.h"

namespace cityops {

void DeviceGateway::answerFleet(const MqttClient::Message &m, const wire::FleetAnswer &answer)
{
    if (answer.kind == wire::FleetAnswer::Kind::Refused) {
        ++m_stats.refused;
        qCInfo(lcSim).noquote() << "fleet request for" << answer.vehicle << "refused:" << answer.reason;
    }
    if (!m.responseTopic.isEmpty())
        m_client->publish(m.responseTopic, wire::encodeFleetAnswer(answer, *m_city), 1, false, {}, m.correlation);
}

void DeviceGateway::onFleet(const MqttClient::Message &m, bool send)
{
    ++m_stats.fleetRequests;
    if (!send) {
        // A plan only reads the traffic simulation: anyone the broker lets publish here may ask.
        auto parsed = wire::decodePlanRequest(m.payload);
        if (auto *refused = std::get_if<wire::Refused>(&parsed)) {
            ++m_stats.refused;   // without a call sign there is no one to answer about
            qCInfo(lcSim) << "fleet plan request refused:" << wire::refusalName(refused->reason) << refused->detail;
            return;
        }
        const wire::RoutePlanRequest &r = std::get<wire::RoutePlanRequest>(parsed);
        auto planned = m_sim->planRoute(r.vehicle, r.destination);
        if (!planned)
            return answerFleet(m, {wire::FleetAnswer::Kind::Refused, r.vehicle, planned.error(), {}});
        return answerFleet(m, {wire::FleetAnswer::Kind::Planned, r.vehicle, {}, std::move(planned).value()});
    }
    // A send moves an ambulance: signed by the console's command key and checked as commands are.
    auto parsed = wire::decodeRouteSend(m.payload, id());
    if (auto *refused = std::get_if<wire::Refused>(&parsed)) {
        ++m_stats.refused;
        qCInfo(lcSim) << "fleet send refused:" << wire::refusalName(refused->reason) << refused->detail;
        return;
    }
    const wire::RouteSend &s = std::get<wire::RouteSend>(parsed);
    auto refuse = [&](const QString &why) { answerFleet(m, {wire::FleetAnswer::Kind::Refused, s.vehicle, why, {}}); };
    const auto signer = m_trust.signer(s.keyId, QStringLiteral("gateway"));
    if (!signer)
        return refuse(signer.error());
    if (!signer.value()->verify(s.canonical(), s.signature))
        return refuse(QStringLiteral("the signature does not verify: forged or altered"));
    bool replay = false;
    if (const QString why = staleOrReplayed(s.issuedMs, s.expiresMs, s.nonce, followClock(), &replay); !why.isEmpty())
        return refuse(why);
    if (auto remembered = rememberNonce(s.nonce, s.expiresMs); !remembered)
        return refuse(QStringLiteral("not acting: %1").arg(remembered.error()));
    PlannedRoute route;
    route.vehicle = s.vehicle;
    route.edges = s.edges;
    route.parkAtM = s.parkDm >= 0 ? s.parkDm / 10.0 : -1;
    if (auto sent = m_sim->sendRoute(route); !sent)
        return refuse(sent.error());
    answerFleet(m, {wire::FleetAnswer::Kind::Sent, s.vehicle, {}, {}});
}

} // namespace cityops
