#include "sim/parking.h"

#include <algorithm>

namespace cityops {

double parkingPositionM(const ParkingRoad &road)
{
    const double length = road.laneLengthM;
    if (road.roads <= 1) {
        const double end = length - kParkBeforeEndM;
        return std::max(1.0, road.wantedM >= road.fromM + kParkAheadM ? std::min(road.wantedM, end) : end);
    }
    const double clearAhead = road.endsAtSignal ? kClearOfSignalAheadM : kClearOfJunctionM;
    if (road.wantedM < 0)
        return std::max(1.0, length / 2);
    // Too short to keep both: into a signal, as far from it as the junction behind allows (every metre is time for
    // the signal to turn when the vehicle is sent on); else halfway.
    if (length < kClearOfJunctionM + clearAhead)
        return std::max(1.0, road.endsAtSignal ? std::min(kClearOfJunctionM, length / 2) : length / 2);
    return std::clamp(road.wantedM, kClearOfJunctionM, length - clearAhead);
}

} // namespace cityops
