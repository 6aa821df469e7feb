// MqttLink's commands: signed and published to the gateway that reports each device, held while the broker is away,
// and their results matched back to them by correlation data (a fleet request's answer goes to FleetDispatch).
#include "link/mqttlink.h"

#include "link/mqttlinkcounters.h"

#include <QRandomGenerator>

#include <algorithm>

namespace cityops {

void MqttLink::onResult(const MqttClient::Message &m)
{
    if (m_fleet.waitingFor(m.correlation)) {
        wire::Refused refusal{wire::Refusal::Malformed, {}};
        std::function<void()> tell = m_fleet.answer(m.correlation, m.payload, &refusal);
        if (!tell)
            return refuse(refusal, m.topic);
        ++m_counts->results;
        QMetaObject::invokeMethod(this, std::move(tell), Qt::QueuedConnection);   // callers hear on the link thread
        return;
    }
    auto parsed = wire::decodeResult(m.payload);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(*refused, m.topic);
    const wire::CommandResult &r = std::get<wire::CommandResult>(parsed);
    Outstanding outstanding;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_outstanding.find(m.correlation);
        // A replay refusal says a copy of the message reached the device twice (a broker re-delivery, or someone
        // re-publishing it); the original's answer stands on its own.
        if (it == m_outstanding.end() || r.replay) {
            ++m_counts->unsolicited;
            return;
        }
        outstanding = it.value();
        m_outstanding.erase(it);
    }
    ++m_counts->results;
    answer(outstanding.command, r.accepted ? CommandStage::InProgress : CommandStage::Rejected, r.reason);
}

void MqttLink::answer(const DeviceCommand &command, CommandStage stage, const QString &reason)
{
    push(Event{0, m_clock->nowMs(), command.device, commandAnswer(command, stage, reason)});
}

void MqttLink::send(const std::vector<DeviceCommand> &commands)
{
    for (const DeviceCommand &c : commands) {
        if (c.device >= m_city->devices.size())
            continue;
        if (!m_signer) {
            ++m_counts->sendFailures;
            answer(c, CommandStage::Rejected, QStringLiteral("this console has no command signing key (--command-key); commands cannot be sent"));
            continue;
        }
        // While the broker is away, commands wait here (bounded) and go out on reconnection; the dispatcher's
        // timeouts and the command's expiry still apply.
        if (!m_unsent.empty() || !publishCommand(c)) {
            if (m_unsent.size() >= kMaxUnsent) {
                ++m_counts->sendFailures;
                answer(c, CommandStage::Rejected, QStringLiteral("not sent: the broker is unreachable and %1 commands already wait").arg(kMaxUnsent));
                continue;
            }
            m_unsent.push_back(c);
        }
    }
    m_unsentCount = m_unsent.size();
}

bool MqttLink::publishCommand(const DeviceCommand &c)
{
    if (!m_client || !m_client->connected())
        return false;
    // A command goes to the gateway the device reports through (each gateway reads only its own command topics).
    QString gateway;
    {
        const int number = m_gatewayOfDevice[c.device].load(std::memory_order_relaxed);
        std::lock_guard lock(m_mutex);
        if (number >= 0 && number < int(m_gatewayNames.size()))
            gateway = m_gatewayNames[size_t(number)];
    }
    if (gateway.isEmpty()) {
        ++m_counts->sendFailures;
        answer(c, CommandStage::Rejected, QStringLiteral("the device has not reported through any gateway: there is nowhere to send it"));
        return true;   // answered; not something to wait for the broker with
    }
    const std::int64_t now = m_clock->nowMs();
    wire::SignedCommand s;
    s.device = m_city->devices[c.device].id;
    s.order = c.order;
    s.step = c.step;
    s.attempt = c.attempt;
    s.action = c.action;
    s.value = c.value;
    s.issuedMs = now;
    s.expiresMs = std::min(c.expiresMs > 0 ? c.expiresMs : now + wire::kMaxCommandLifetimeMs, now + wire::kMaxCommandLifetimeMs);
    s.nonce.resize(16);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(s.nonce.data()), 4);
    s.keyId = m_signer->keyId();
    if (!c.approval.isEmpty()) {
        s.approver = c.approver;
        s.approvedUntilMs = c.expiresMs;
        s.approval = c.approval;
    }
    s.signature = m_signer->sign(s.canonical());
    {
        std::lock_guard lock(m_mutex);
        m_outstanding.insert(s.nonce, Outstanding{c, s.expiresMs});
    }
    if (!m_client->publish(wire::commandTopic(gateway, s.device), wire::encodeCommand(s), 1, false, wire::resultTopic(consoleId()), s.nonce)) {
        std::lock_guard lock(m_mutex);
        m_outstanding.remove(s.nonce);
        return false;
    }
    ++m_counts->commandsSent;
    return true;
}

void MqttLink::flushUnsent()
{
    const std::int64_t now = m_clock->nowMs();
    while (!m_unsent.empty()) {
        const DeviceCommand &c = m_unsent.front();
        if (c.expiresMs > 0 && c.expiresMs <= now) {
            answer(c, CommandStage::Rejected, QStringLiteral("not sent: it expired while the broker was unreachable"));
        } else if (!publishCommand(c)) {
            return;
        }
        m_unsent.pop_front();
        m_unsentCount = m_unsent.size();
    }
}

} // namespace cityops
