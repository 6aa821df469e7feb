#include "state/statestore.h"

#include "base/logging.h"

namespace cityops {

StateStore::StateStore(size_t deviceCount) : m_states(deviceCount) {}

size_t StateStore::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    size_t changed = 0;
    for (const Event &event : events)
        changed += applyOne(event) ? 1 : 0;
    return changed;
}

bool StateStore::applyOne(const Event &event)
{
    if (std::holds_alternative<SessionPayload>(event.payload)) {
        for (DeviceState &s : m_states) {
            if (!s.reported)
                continue;
            s = DeviceState{};
            s.version = ++m_version;   // readers must see the reset as a change
        }
        return false;
    }
    // Only telemetry and presence describe a device; incident, alarm, command and operator events may name a
    // device without changing it.
    const bool telemetry = std::holds_alternative<SignalPayload>(event.payload) || std::holds_alternative<LightPayload>(event.payload)
                           || std::holds_alternative<FeederPayload>(event.payload) || std::holds_alternative<PresencePayload>(event.payload);
    if (event.device == kNoDevice || !telemetry)
        return false;
    if (event.device >= m_states.size()) {
        qCWarning(lcCore) << "event for unknown device index" << event.device << "dropped";
        return false;
    }
    DeviceState &s = m_states[event.device];
    std::visit(
        [&s, &event](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SignalPayload>) {
                // Who holds a signal depends on when its hold began (holdingCommand): a report is the first one
                // seen in its mode only if an earlier report showed another.
                if (s.modeSinceMs < 0)
                    s.modeSinceMs = 0;
                else if (s.mode != static_cast<std::uint8_t>(p.mode))
                    s.modeSinceMs = event.timeMs;
                s.program = p.program;
                s.phase = p.phase;
                s.mode = static_cast<std::uint8_t>(p.mode);
                s.untilMs = p.nextSwitchMs;
                s.fault = p.fault;
                s.online = true;
            } else if constexpr (std::is_same_v<T, LightPayload>) {
                s.level = p.level;
                s.fault = p.lampFault;
                s.value = p.powerW;
                s.online = true;
            } else if constexpr (std::is_same_v<T, FeederPayload>) {
                s.value = p.loadKw;
                s.breakerClosed = p.breakerClosed;
                s.online = true;
            } else if constexpr (std::is_same_v<T, PresencePayload>) {
                s.online = p.online;
            }
            // Session and operator events carry no device state (filtered above).
        },
        event.payload);
    s.reported = true;
    s.version = ++m_version;
    return true;
}

std::uint64_t StateStore::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

DeviceState StateStore::state(DeviceIndex index) const
{
    std::lock_guard lock(m_mutex);
    return index < m_states.size() ? m_states[index] : DeviceState{};
}

std::uint64_t StateStore::changedSince(std::uint64_t since, std::vector<Change> &out) const
{
    std::lock_guard lock(m_mutex);
    if (since >= m_version)
        return m_version;
    for (DeviceIndex i = 0; i < m_states.size(); ++i) {
        if (m_states[i].version > since)
            out.push_back({i, m_states[i]});
    }
    return m_version;
}

std::vector<DeviceState> StateStore::exportStates() const
{
    std::lock_guard lock(m_mutex);
    return m_states;
}

void StateStore::restore(const std::vector<DeviceState> &states)
{
    std::lock_guard lock(m_mutex);
    for (size_t i = 0; i < m_states.size() && i < states.size(); ++i) {
        m_states[i] = states[i];
        m_states[i].version = ++m_version;
    }
}

} // namespace cityops
