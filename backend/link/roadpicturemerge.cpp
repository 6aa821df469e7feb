#include "link/roadpicturemerge.h"

#include "link/districtspokenfor.h"

#include <algorithm>

namespace cityops {

RoadPictureMerge::RoadPictureMerge(std::shared_ptr<const CityModel> city) : m_city(std::move(city)), m_roadDistrict(roadDistricts(*m_city)) {}

template<typename Entry>
bool RoadPictureMerge::covers(const Entry &entry, int district) const
{
    return entry.served.empty() || (district >= 0 && size_t(district) < entry.served.size() && entry.served[size_t(district)]);
}

RoadTrafficPayload RoadPictureMerge::take(int gateway, const std::vector<bool> &served, std::vector<RoadTraffic> roads, std::int64_t nowMs)
{
    dropStale(nowMs);
    // Its wait, if any, stays until it ends: a district it speaks for has a speaker, and the wait ends before its
    // picture stops speaking.
    static_assert(kRoadPictureAwaitedMs < kRoadTrafficStaleMs);
    Part &mine = m_parts[gateway];
    mine.served = served;
    mine.roads = std::move(roads);
    mine.receivedMs = nowMs;
    std::erase_if(mine.roads, [&](const RoadTraffic &r) { return r.road >= m_roadDistrict.size() || !covers(mine, m_roadDistrict[r.road]); });
    if (m_parts.size() == 1 && mine.served.empty())
        return {mine.roads, {}, {}};
    return picture();
}

std::optional<RoadTrafficPayload> RoadPictureMerge::forget(int gateway, std::int64_t nowMs)
{
    const bool hadPicture = m_parts.erase(gateway) > 0;
    const bool wasAwaited = m_awaited.erase(gateway) > 0;
    // Awaited and gone: the districts it was to count turn from awaited to not counted, if a picture stands.
    if (!hadPicture && !(wasAwaited && !m_parts.empty()))
        return std::nullopt;
    dropStale(nowMs);
    return picture();
}

std::optional<RoadTrafficPayload> RoadPictureMerge::expect(int gateway, const std::vector<bool> &served, std::int64_t nowMs)
{
    dropStale(nowMs);
    if (m_parts.contains(gateway))
        return std::nullopt;   // its picture stands: nothing to wait for
    // The districts it leaves to this gateway may turn from not counted to awaited.
    const std::vector<std::uint16_t> before = awaitedNow();
    m_awaited.try_emplace(gateway, Awaited{served, nowMs});   // once: a status said again does not lengthen the wait
    return pictureIfAwaitedChanged(before);
}

std::optional<RoadTrafficPayload> RoadPictureMerge::expire(std::int64_t nowMs)
{
    const bool waitEnded = std::any_of(m_awaited.begin(), m_awaited.end(),
                                       [nowMs](const auto &wait) { return nowMs - wait.second.sinceMs > kRoadPictureAwaitedMs; });
    if (!waitEnded)
        return std::nullopt;
    // A district was awaited and is not counted now — or nothing changes: a gateway whose first picture came, or
    // one whose districts others count.
    const std::vector<std::uint16_t> before = awaitedNow();
    dropStale(nowMs);
    return pictureIfAwaitedChanged(before);
}

std::vector<std::uint16_t> RoadPictureMerge::awaitedNow() const
{
    return m_parts.empty() ? std::vector<std::uint16_t>{} : picture().awaited;
}

std::optional<RoadTrafficPayload> RoadPictureMerge::pictureIfAwaitedChanged(const std::vector<std::uint16_t> &awaitedBefore) const
{
    if (m_parts.empty())
        return std::nullopt;   // no picture stands: none to change
    // Sent again only when what it says of a district changed: a picture sent again looks measured now.
    RoadTrafficPayload now = picture();
    if (now.awaited == awaitedBefore)
        return std::nullopt;
    return now;
}

void RoadPictureMerge::dropStale(std::int64_t nowMs)
{
    std::erase_if(m_parts, [nowMs](const auto &part) { return nowMs - part.second.receivedMs > kRoadTrafficStaleMs; });
    std::erase_if(m_awaited, [nowMs](const auto &wait) { return nowMs - wait.second.sinceMs > kRoadPictureAwaitedMs; });
}

RoadTrafficPayload RoadPictureMerge::picture() const
{
    // Who speaks for each district now: the last picture of a gateway bound to it, else the last of one serving the
    // whole city (-1: nobody; the district is uncounted).
    const size_t districts = m_city->districts.size();
    std::vector<int> speaker(districts + 1, -1);   // the last slot: roads of no district
    std::vector<std::int64_t> spokeMs(districts + 1, -1);
    std::vector<bool> bound(districts + 1, false);
    for (const auto &[number, part] : m_parts) {
        const bool isBound = !part.served.empty();
        for (size_t d = 0; d <= districts; ++d) {
            const int district = d < districts ? int(d) : -1;
            if (!covers(part, district))
                continue;
            const bool better = (isBound && !bound[d]) || (isBound == bound[d] && part.receivedMs > spokeMs[d]);
            if (better) {
                speaker[d] = number;
                spokeMs[d] = part.receivedMs;
                bound[d] = isBound;
            }
        }
    }
    RoadTrafficPayload out;
    for (const auto &[number, part] : m_parts)
        for (const RoadTraffic &r : part.roads) {
            const int district = m_roadDistrict[r.road];
            if (speaker[district >= 0 && size_t(district) < districts ? size_t(district) : districts] == number)
                out.roads.push_back(r);
        }
    std::sort(out.roads.begin(), out.roads.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.road < b.road; });
    // As one picture carries (and the store records): else the replay would show fewer roads than the live console.
    keepBusiestRoads(out.roads);
    // (While a whole-city picture speaks, every district has a speaker: nothing is uncounted.)
    for (size_t d = 0; d < districts && out.uncounted.size() < size_t(kMaxDistrictsUncounted); ++d) {
        if (speaker[d] >= 0)
            continue;
        out.uncounted.push_back(static_cast<std::uint16_t>(d));
        if (std::any_of(m_awaited.begin(), m_awaited.end(), [&](const auto &wait) { return covers(wait.second, int(d)); }))
            out.awaited.push_back(static_cast<std::uint16_t>(d));
    }
    return out;
}

} // namespace cityops
