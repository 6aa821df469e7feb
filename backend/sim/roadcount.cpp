#include "sim/roadcount.h"

#include <algorithm>
#include <cmath>

namespace cityops {

namespace {
constexpr double kHaltingMps = 0.1;   // SUMO's own threshold for a halting vehicle
}

void RoadCounter::add(std::uint32_t road, bool reverse, int edgeLanes, double speedMps)
{
    if (road >= m_city.roads.size())
        return;
    const double speed = std::isfinite(speedMps) ? std::max(0.0, speedMps) : 0.0;
    Sum &sum = m_roads[road];
    Direction &way = sum.way[reverse ? 1 : 0];
    way.lanes = std::max(1, edgeLanes);
    ++way.vehicles;
    way.halting += speed < kHaltingMps ? 1 : 0;
    sum.speedSum += speed;
}

std::vector<RoadTraffic> RoadCounter::picture() const
{
    std::vector<RoadTraffic> out;
    out.reserve(m_roads.size());
    for (const auto &[road, sum] : m_roads) {
        const Road &r = m_city.roads[road];
        const int vehicles = sum.way[0].vehicles + sum.way[1].vehicles;
        // Each direction's standing line per lane, in vehicles; the longer one, on the road's lanes.
        // It stands before the end its direction drives toward.
        double longestPerLane = 0;
        RoadEnd standsAt = RoadEnd::Unknown;
        for (int w = 0; w < 2; ++w)
            if (const double perLane = double(sum.way[w].halting) / sum.way[w].lanes; perLane > longestPerLane) {
                longestPerLane = perLane;
                standsAt = w == 0 ? RoadEnd::Last : RoadEnd::First;
            }
        const long halting = std::min<long>(vehicles, std::lround(std::ceil(longestPerLane * std::max(1, r.lanes) - 1e-9)));
        const double limitMps = std::max(1.0, r.speedKmh / 3.6);
        const double pct = 100.0 * (sum.speedSum / vehicles) / limitMps;
        out.push_back({road, static_cast<std::uint16_t>(std::min(vehicles, 65535)), static_cast<std::uint16_t>(std::min(halting, 65535L)),
                       static_cast<std::uint8_t>(std::clamp(std::lround(pct), 0L, 100L)), standsAt});
    }
    keepBusiestRoads(out);   // what a report can carry
    return out;
}

} // namespace cityops
