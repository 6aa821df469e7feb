#include "ops/triptally.h"

namespace cityops {

void TripTally::add(const VehicleFix &fix)
{
    if (arrived())
        return;
    if (!started())
        m_startedMs = fix.timeMs;
    if (fix.arrived) {
        m_arrivedMs = fix.timeMs;
        return;   // parking at the destination is the end of the trip, not a stop on it
    }
    if (m_moving && fix.speedMps < kStandingMps) {
        ++m_stops;
        m_moving = false;
    } else if (fix.speedMps >= kMovingMps) {
        m_moving = true;
    }
}

} // namespace cityops
