#include "link/roadpicturemerge.h"

#include "link/districtspokenfor.h"

#include <algorithm>

namespace cityops {

RoadPictureMerge::RoadPictureMerge(std::shared_ptr<const CityModel> city) : m_city(std::move(city)), m_roadDistrict(roadDistricts(*m_city)) {}

bool RoadPictureMerge::covers(const Part &part, int district) const
{
    return part.served.empty() || (district >= 0 && size_t(district) < part.served.size() && part.served[size_t(district)]);
}

RoadTrafficPayload RoadPictureMerge::take(int gateway, const std::vector<bool> &served, std::vector<RoadTraffic> roads, std::int64_t nowMs)
{
    dropStale(nowMs);
    Part &mine = m_parts[gateway];
    mine.served = served;
    mine.roads = std::move(roads);
    mine.receivedMs = nowMs;
    std::erase_if(mine.roads, [&](const RoadTraffic &r) { return r.road >= m_roadDistrict.size() || !covers(mine, m_roadDistrict[r.road]); });
    if (m_parts.size() == 1 && mine.served.empty())
        return {mine.roads, {}};
    return picture();
}

std::optional<RoadTrafficPayload> RoadPictureMerge::forget(int gateway, std::int64_t nowMs)
{
    if (m_parts.erase(gateway) == 0)
        return std::nullopt;
    dropStale(nowMs);
    return picture();
}

void RoadPictureMerge::dropStale(std::int64_t nowMs)
{
    std::erase_if(m_parts, [nowMs](const auto &part) { return nowMs - part.second.receivedMs > kRoadTrafficStaleMs; });
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
    for (size_t d = 0; d < districts && out.uncounted.size() < size_t(kMaxDistrictsUncounted); ++d)
        if (speaker[d] < 0)
            out.uncounted.push_back(static_cast<std::uint16_t>(d));
    return out;
}

} // namespace cityops
