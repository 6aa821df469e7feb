#include "store/standins.h"

#include <algorithm>

namespace cityops {
namespace {
/// About what the kept states may take: a city of 100,000 devices keeps a dozen or so, the default city hundreds.
constexpr size_t kBudgetBytes = 64u << 20;
constexpr size_t kMostKept = 256;
} // namespace

StandIns::StandIns(size_t deviceCount)
    : m_cap(std::clamp<size_t>(kBudgetBytes / std::max<size_t>(1, deviceCount * sizeof(DeviceState)), 4, kMostKept))
{
}

void StandIns::apply(CityBooks &books, const std::vector<Event> &events, std::uint64_t appliedSeq, const std::set<std::uint64_t> &unreadable)
{
    if (events.empty())
        return;
    auto point = unreadable.upper_bound(appliedSeq);
    if (point == unreadable.end() || *point > events.back().seq) {
        books.apply(events);
        return;
    }
    // Split at each such snapshot: the events up to it, then what the books hold there.
    auto from = events.begin();
    for (; point != unreadable.end() && *point <= events.back().seq; ++point) {
        const std::uint64_t at = *point;
        const auto to = std::upper_bound(from, events.end(), at, [](std::uint64_t seq, const Event &e) { return seq < e.seq; });
        if (to != from)
            books.apply(std::vector<Event>(from, to));
        from = to;
        // The snapshot's time is its last event's; one passed over (unreadable itself) leaves the one before it.
        if (from != events.begin())
            keep(books, at, std::prev(from)->timeMs);
    }
    if (from != events.end())
        books.apply(std::vector<Event>(from, events.end()));
}

void StandIns::keep(const CityBooks &books, std::uint64_t seq, std::int64_t timeMs)
{
    if (m_kept.contains(seq))
        return;
    Snapshot s;
    s.seq = seq;
    s.timeMs = timeMs;
    static_cast<CityBooks::State &>(s) = books.exportState();
    s.approaches = books.traffic().approachReports();
    m_kept.emplace(seq, std::move(s));
    if (m_kept.size() <= m_cap)
        return;
    bool drop = false;
    for (auto it = m_kept.begin(); it != m_kept.end();) {
        it = drop ? m_kept.erase(it) : std::next(it);
        drop = !drop;
    }
}

const Snapshot *StandIns::latest(std::int64_t timeMs, std::uint64_t afterSeq) const
{
    for (auto it = m_kept.rbegin(); it != m_kept.rend() && it->first > afterSeq; ++it)
        if (it->second.timeMs <= timeMs)
            return &it->second;
    return nullptr;
}

} // namespace cityops
