#pragma once

#include "city/citymodel.h"
#include "base/random.h"
#include "model/event.h"

#include <vector>

namespace cityops::bench {

/// A realistic mix of field events over a city's devices, for measuring the data path at rates the simulator of a
/// small city never reaches: signal phase changes (55 %), streetlight reports (20 %), feeder samples (18 %),
/// presence (5 %), incidents raised and cleared (2 %). Deterministic for a seed.
class SyntheticLoad {
public:
    SyntheticLoad(const CityModel &city, std::uint64_t seed);
    /// `count` events evenly spaced from `startMs` at `ratePerS`.
    void generate(size_t count, std::int64_t startMs, double ratePerS, std::vector<Event> &out);

private:
    const CityModel &m_city;
    Random m_rng;
    std::uint32_t m_nextIncident = 1;
    std::vector<IncidentId> m_open;
};

} // namespace cityops::bench
