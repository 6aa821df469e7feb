#include "state/alarmbook.h"

#include <algorithm>

namespace cityops {
namespace {
constexpr std::int64_t kRecentWindowMs = 3600'000;
} // namespace

void AlarmBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    for (const Event &event : events) {
        // A new session (a restart) carries the alarms over with their acknowledgement, shelf and service state;
        // the devices' next reports return those whose condition has gone (AlarmDesk), and a condition still
        // there is not raised a second time.
        if (const auto *p = std::get_if<AlarmPayload>(&event.payload)) {
            applyOne(event, *p);
        }
    }
}

void AlarmBook::applyOne(const Event &event, const AlarmPayload &p)
{
    m_lastId = std::max(m_lastId, p.alarm);
    if (p.change == AlarmChange::Raised) {
        if (const auto it = m_byId.constFind(p.alarm); it != m_byId.constEnd()) {
            // The condition came back before the alarm left the list: the same alarm is active (and unacknowledged) again.
            Alarm &again = m_alarms[it.value()];
            again.active = true;
            again.acknowledged = false;
            if (p.parent != 0) {   // raised again, this time as a consequence (its feeder tripped, its gateway went)
                again.suppressed = true;
                again.parent = p.parent;
            }
            if (!p.text.isEmpty())   // what it is this time (a hold renewed by another order names that order)
                again.text = p.text;
            again.changedMs = event.timeMs;
            again.version = ++m_version;
            if (again.annunciated())
                m_recent.emplace_back(event.timeMs, again.district);
            return;
        }
        Alarm a;
        a.id = p.alarm;
        a.device = event.device;
        a.cause = p.cause;
        a.priority = p.priority;
        a.district = event.device < m_city->devices.size() ? m_city->devices[event.device].district : -1;
        a.raisedMs = a.changedMs = event.timeMs;
        a.text = p.text;
        a.suppressed = p.parent != 0;   // born as a consequence of another alarm
        a.parent = p.parent;
        a.version = ++m_version;
        m_byId.insert(a.id, m_alarms.size());
        m_byKey.insert(key(a.device, a.cause), a.id);
        m_alarms.push_back(a);
        if (a.suppressed)
            return;
        m_recent.emplace_back(event.timeMs, a.district);
        while (!m_recent.empty() && m_recent.front().first < event.timeMs - kRecentWindowMs)
            m_recent.pop_front();
        return;
    }
    const auto it = m_byId.constFind(p.alarm);
    if (it == m_byId.constEnd())
        return;
    Alarm &a = m_alarms[it.value()];
    switch (p.change) {
    case AlarmChange::Raised: break;
    case AlarmChange::Returned: a.active = false; break;
    case AlarmChange::Acknowledged:
        a.acknowledged = true;
        a.acknowledgedBy = p.user;
        break;
    case AlarmChange::Shelved:
        a.shelved = true;
        a.shelvedUntilMs = p.untilMs;
        break;
    case AlarmChange::Unshelved:
        a.shelved = false;
        a.shelvedUntilMs = 0;
        break;
    case AlarmChange::OutOfService: a.outOfService = true; break;
    case AlarmChange::InService: a.outOfService = false; break;
    case AlarmChange::Suppressed:
        a.suppressed = true;
        a.parent = p.parent;
        break;
    case AlarmChange::Unsuppressed:
        a.suppressed = false;
        a.parent = 0;
        break;
    }
    a.changedMs = event.timeMs;
    a.version = ++m_version;
    // Back to normal and acknowledged: nothing left for anyone to do.
    if (!a.active && (a.acknowledged || a.suppressed) && !a.outOfService)
        remove(a.id);
}

void AlarmBook::remove(std::uint32_t id)
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.constEnd())
        return;
    m_alarms.erase(m_alarms.begin() + static_cast<std::ptrdiff_t>(it.value()));
    reindex();
}

void AlarmBook::reindex()
{
    m_byId.clear();
    m_byKey.clear();
    for (size_t i = 0; i < m_alarms.size(); ++i) {
        m_byId.insert(m_alarms[i].id, i);
        m_byKey.insert(key(m_alarms[i].device, m_alarms[i].cause), m_alarms[i].id);
    }
    ++m_version;
}

std::uint64_t AlarmBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

std::uint64_t AlarmBook::snapshot(std::vector<Alarm> &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_alarms;
    return m_version;
}

std::optional<Alarm> AlarmBook::find(std::uint32_t id) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.constFind(id);
    return it == m_byId.constEnd() ? std::nullopt : std::optional(m_alarms[it.value()]);
}

std::optional<Alarm> AlarmBook::forDevice(DeviceIndex device, AlarmCause cause) const
{
    std::lock_guard lock(m_mutex);
    const auto k = m_byKey.constFind(key(device, cause));
    if (k == m_byKey.constEnd())
        return std::nullopt;
    return m_alarms[m_byId.value(k.value())];
}

std::uint32_t AlarmBook::lastId() const
{
    std::lock_guard lock(m_mutex);
    return m_lastId;
}

int AlarmBook::annunciatedSince(std::int64_t nowMs, std::int64_t windowMs, const QList<int> &districts) const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(std::count_if(m_recent.begin(), m_recent.end(), [&](const auto &r) {
        return r.first > nowMs - windowMs && r.first <= nowMs && (districts.isEmpty() || districts.contains(r.second));
    }));
}

AlarmBook::State AlarmBook::exportState() const
{
    std::lock_guard lock(m_mutex);
    return {m_alarms, {m_recent.begin(), m_recent.end()}, m_lastId};
}

void AlarmBook::restore(const State &state)
{
    std::lock_guard lock(m_mutex);
    m_alarms = state.alarms;
    m_recent.assign(state.recent.begin(), state.recent.end());
    m_lastId = state.lastId;
    reindex();
}

} // namespace cityops
