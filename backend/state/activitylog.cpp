#include "state/activitylog.h"

#include "codec/eventcodec.h"

#include <algorithm>

namespace cityops {

void ActivityLog::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    for (const Event &e : events) {
        std::int64_t ref = 0;
        QString label;
        if (!eventcodec::markerFor(e, &ref, &label) || label.isEmpty())
            continue;
        m_entries.push_back({e.seq, e.timeMs, label});
        if (m_entries.size() > kCapacity)
            m_entries.pop_front();
        ++m_version;
    }
}

void ActivityLog::reset(std::vector<Entry> entries)
{
    std::lock_guard lock(m_mutex);
    if (entries.size() > kCapacity)
        entries.erase(entries.begin(), entries.end() - kCapacity);
    m_entries.assign(entries.begin(), entries.end());
    ++m_version;
}

void ActivityLog::add(Entry entry)
{
    std::lock_guard lock(m_mutex);
    const auto at = std::upper_bound(m_entries.begin(), m_entries.end(), entry.seq, [](std::uint64_t seq, const Entry &e) { return seq < e.seq; });
    m_entries.insert(at, std::move(entry));
    if (m_entries.size() > kCapacity)
        m_entries.pop_front();
    ++m_version;
}

std::uint64_t ActivityLog::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

std::uint64_t ActivityLog::snapshot(std::vector<Entry> &out) const
{
    std::lock_guard lock(m_mutex);
    out.assign(m_entries.begin(), m_entries.end());
    return m_version;
}

} // namespace cityops
