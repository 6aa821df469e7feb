#include "model/event.h"

#include <algorithm>

namespace cityops {

namespace {
// SUMO's default car is 5 m long and stands 2.5 m behind the one in front.
constexpr double kMetresPerVehicle = 7.5;
} // namespace

void keepBusiestRoads(std::vector<RoadTraffic> &roads)
{
    if (roads.size() <= size_t(kMaxRoadsReported))
        return;
    std::stable_sort(roads.begin(), roads.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.vehicles > b.vehicles; });
    roads.resize(kMaxRoadsReported);
    std::sort(roads.begin(), roads.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.road < b.road; });
}

double roadStandingM(const RoadTraffic &traffic, int lanes) { return traffic.halting * kMetresPerVehicle / std::max(1, lanes); }

RoadLevel roadLevel(const RoadTraffic &traffic, double lengthM, int lanes, bool oneway)
{
    constexpr double kBusyFill = 0.25;
    constexpr int kBusyVehicles = 4;   // below that a short segment is "full" of a car or two: not worth a shade
    lanes = std::max(1, lanes);
    const double standingPerLaneM = roadStandingM(traffic, lanes);
    if (standingPerLaneM > kSpillbackQueueM)
        return RoadLevel::Spillback;
    if (standingPerLaneM > kLongQueueM)
        return RoadLevel::Long;
    const double laneMetres = std::max(1.0, lengthM) * lanes * (oneway ? 1 : 2);
    if (traffic.vehicles >= kBusyVehicles && traffic.vehicles * kMetresPerVehicle >= kBusyFill * laneMetres)
        return RoadLevel::Busy;
    return RoadLevel::Free;
}

} // namespace cityops
