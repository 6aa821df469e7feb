#pragma once

#include "state/citybooks.h"

#include <cstdint>

namespace cityops {

/// Where the GUI reads the city from: the live engine or a replay at time T. Both expose the same CityBooks, so
/// every panel works unchanged in replay.
class CityStateSource {
public:
    virtual ~CityStateSource() = default;
    virtual const CityBooks &books() const = 0;
    /// The instant the state belongs to (the live clock, or the replay position).
    virtual std::int64_t nowMs() const = 0;

    const StateStore &states() const { return books().states(); }
    const IncidentBook &incidents() const { return books().incidents(); }
    const LoadHistory &loads() const { return books().loads(); }
    const AlarmBook &alarms() const { return books().alarms(); }
    const OrderBook &orders() const { return books().orders(); }
    const ActivityLog &activity() const { return books().activity(); }
    const TrafficBook &traffic() const { return books().traffic(); }
    const VehicleBook &vehicles() const { return books().vehicles(); }
};

} // namespace cityops
