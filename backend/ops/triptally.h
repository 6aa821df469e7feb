#pragma once

#include "model/vehicle.h"

#include <cstdint>

namespace cityops {

/// How a tracked vehicle's trip went, from its own reports: when it set off and arrived, and how often it came to a
/// stand on the way — what a supervisor asks after a green wave ("did it get through?"). Pure: fed fixes in order.
class TripTally {
public:
    /// Below this a vehicle stands (SUMO counts a vehicle as waiting below 0.1 m/s); it has moved off again once
    /// above `kMovingMps`, so creeping forward in a queue is one stop, not many.
    static constexpr double kStandingMps = 0.1;
    static constexpr double kMovingMps = 2.0;

    void add(const VehicleFix &fix);

    bool started() const { return m_startedMs >= 0; }
    bool arrived() const { return m_arrivedMs >= 0; }
    /// From its first report on the way to the report that it had parked; 0 until it arrives.
    std::int64_t tripMs() const { return arrived() ? m_arrivedMs - m_startedMs : 0; }
    /// Times it came to a stand after moving, before it arrived (standing at the start is not a stop).
    int stops() const { return m_stops; }

private:
    std::int64_t m_startedMs = -1;
    std::int64_t m_arrivedMs = -1;
    bool m_moving = false;
    int m_stops = 0;
};

} // namespace cityops
