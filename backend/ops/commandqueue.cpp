#include "ops/commandqueue.h"

#include "base/counted.h"
#include "ops/opsrules.h"

#include <algorithm>

namespace cityops {

DeviceCommand CommandQueue::send(Key key, DeviceCommand command, bool idempotent, const DeviceState &before, std::int64_t nowMs)
{
    command.attempt = 1;
    InFlight f;
    f.command = command;
    f.idempotent = idempotent;
    f.sentMs = nowMs;
    f.before = before;
    if (m_inFlight.insert_or_assign(key, f).second)
        m_byDevice.insert(command.device, key);
    return command;
}

bool CommandQueue::accept(Key key, std::int64_t atMs)
{
    const auto it = m_inFlight.find(key);
    if (it == m_inFlight.end() || it->second.accepted)
        return false;
    it->second.accepted = true;
    it->second.acceptedMs = atMs;
    return true;
}

std::vector<CommandQueue::Key> CommandQueue::confirmedBy(DeviceIndex device, const DeviceState &now) const
{
    std::vector<Key> confirmed;
    for (auto it = m_byDevice.constFind(device); it != m_byDevice.constEnd() && it.key() == device; ++it) {
        const InFlight &f = m_inFlight.at(it.value());
        // Automatic control has no set-point to compare: the report must follow the device's acceptance.
        if (f.command.action == CommandAction::LightAuto && !f.accepted)
            continue;
        if (stateConfirms(f.command.action, f.command.value, f.before, now))
            confirmed.push_back(it.value());
    }
    std::sort(confirmed.begin(), confirmed.end());   // in order and target order, whatever the hash's order
    return confirmed;
}

void CommandQueue::tick(std::int64_t nowMs, std::vector<std::pair<Key, DeviceCommand>> &resend, std::vector<Verdict> &timedOut)
{
    for (auto &[key, f] : m_inFlight) {
        if (f.accepted) {
            if (nowMs - f.acceptedMs >= m_config.confirmTimeoutMs)
                timedOut.push_back({key, QStringLiteral("accepted, but the device's state never showed it")});
        } else if (nowMs - f.sentMs >= m_config.answerTimeoutMs) {
            if (f.idempotent && f.command.attempt < m_config.maxAttempts) {
                ++f.command.attempt;
                f.sentMs = nowMs;
                resend.emplace_back(key, f.command);
            } else {
                timedOut.push_back({key, QStringLiteral("no answer from the device after %1").arg(counted(f.command.attempt, "attempt"))});
            }
        }
    }
}

void CommandQueue::finish(Key key)
{
    const auto it = m_inFlight.find(key);
    if (it == m_inFlight.end())
        return;
    m_byDevice.remove(it->second.command.device, key);
    m_inFlight.erase(it);
}

const CommandQueue::InFlight *CommandQueue::find(Key key) const
{
    const auto it = m_inFlight.find(key);
    return it == m_inFlight.end() ? nullptr : &it->second;
}

} // namespace cityops
