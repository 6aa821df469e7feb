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
        m_standsAtStart = fix.standsSoFar;  // (a parked vehicle comes to no stand until it has set off)
        return;
    }
    if (!started()) {
        m_startedMs = m_standingAtStartMs >= 0 ? spellBegan(m_standingAtStartMs) : fix.timeMs;
        if (m_standingAtStartMs < 0)
            m_standsAtStart = fix.standsSoFar;
    }
    if (fix.arrived) {
        m_arrivedMs = spellBegan(m_lastMs);
        // Parking at the destination is the end of the trip, not a stop on it. The count over every report, where
        // the fixes carry one that goes on from the start's (a book cleared in between does not).
        if (m_standsAtStart >= 0 && fix.standsSoFar >= m_standsAtStart)
            m_stops = static_cast<int>(fix.standsSoFar - m_standsAtStart);
        return;
    }
    m_lastMs = fix.timeMs;
    if (m_stands.add(fix.speedMps, false))
        ++m_stops;
}

} // namespace cityops
