#include "model/event.h"

#include <algorithm>

namespace cityops {

RoadLevel roadLevel(const RoadTraffic &traffic, double lengthM, int lanes, bool oneway)
{
    // SUMO's default car is 5 m long and stands 2.5 m behind the one in front.
    constexpr double kMetresPerVehicle = 7.5;
    constexpr double kBusyFill = 0.25;
    constexpr int kBusyVehicles = 4;   // below that a short segment is "full" of a car or two: not worth a shade
    lanes = std::max(1, lanes);
    const double standingPerLaneM = traffic.halting * kMetresPerVehicle / lanes;
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
