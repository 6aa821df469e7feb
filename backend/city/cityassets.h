#pragma once

#include "city/citymodel.h"
#include "base/result.h"

#include <cstdint>

namespace cityops {

/// Generates the assets a road network does not carry, deterministically from `seed`, all flagged generated:
/// - districts: the built-up area's convex hull cut into a grid of cells about 1 km across (at most 3 x 3);
/// - substations: about one per 3 km², at k-means centres of the junctions, named after the nearest street;
/// - feeders: 4-8 per substation at k-means centres of its junctions, capacity 4-8 MW, peak load from the
///   junction density they serve;
/// - streetlights: along lit road classes every `spacingM` metres (closer on main roads), fed by the nearest feeder.
Status generateAssets(CityModel &city, std::uint64_t seed, double spacingM);

} // namespace cityops
