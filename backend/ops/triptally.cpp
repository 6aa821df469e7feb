#include "ops/triptally.h"

namespace cityops {

void TripTally::add(const VehicleFix &fix)
{
    if (arrived())
        return;
    // When the spell a fix belongs to began, if the fix says so and it lies between the fix before and this one
    // (anything else is not this trip's: a book that was cleared, a feed out of order).
    const auto spellBegan = [&fix](std::int64_t after) {
        return fix.spellSinceMs > after && fix.spellSinceMs <= fix.timeMs ? fix.spellSinceMs : fix.timeMs;
    };
    if (!started() && fix.arrived) {
        m_standingAtStartMs = fix.timeMs;   // parked before setting off: at its station, not arrived
        return;
    }
    if (!started())
        m_startedMs = m_standingAtStartMs >= 0 ? spellBegan(m_standingAtStartMs) : fix.timeMs;
    if (fix.arrived) {
        m_arrivedMs = spellBegan(m_lastMs);
        return;   // parking at the destination is the end of the trip, not a stop on it
    }
    m_lastMs = fix.timeMs;
    if (m_moving && fix.speedMps < kStandingMps) {
        ++m_stops;
        m_moving = false;
    } else if (fix.speedMps >= kMovingMps) {
        m_moving = true;
    }
}

} // namespace cityops
