#pragma once

#include "model/vehicle.h"

#include <cstdint>

namespace cityops {

/// How a tracked vehicle's trip went, from its own reports: when it set off and arrived, and how often it came to a
/// stand on the way — what a supervisor asks after a green wave ("did it get through?"). Pure: fed fixes in order.
///
/// Fed only some of the reports (the console's picture may skip one under load), it still times the trip from the
/// vehicle's setting off to its parking, exactly, from each fix's `spellSinceMs`: a vehicle seen parked (at its
/// station) before its first fix on the way set off when that spell on the way began; a vehicle first seen already
/// on its way is timed from that first fix (the time it was sent, for a vehicle diverted on its way). Its stops are
/// counted from the fed fixes (StandCounter) and, once it has arrived, taken from the fixes' own count over all the
/// reports (`standsSoFar`) where they carry one: a stand whose reports were all skipped is still one.
class TripTally {
public:
    void add(const VehicleFix &fix);

    bool started() const { return m_startedMs >= 0; }
    bool arrived() const { return m_arrivedMs >= 0; }
    /// From setting off (or its first report, when first seen on its way) to parking; 0 until it arrives.
    std::int64_t tripMs() const { return arrived() ? m_arrivedMs - m_startedMs : 0; }
    /// Times it came to a stand after moving, before it arrived (standing at the start is not a stop).
    int stops() const { return m_stops; }

private:
    std::int64_t m_startedMs = -1;
    std::int64_t m_arrivedMs = -1;
    std::int64_t m_standingAtStartMs = -1;   ///< its last report parked before it set off (its station)
    std::int64_t m_lastMs = -1;              ///< the last fix taken
    StandCounter m_stands;
    int m_stops = 0;
    std::int64_t m_standsAtStart = -1;       ///< the book's count of its stands when it set off (-1: not known)
};

} // namespace cityops
