#pragma once

#include "city/citymodel.h"

#include <cstdint>

namespace cityops {

/// Adds `count` generated devices to a city for wall demonstrations and measurement at city scale (a real city runs
/// hundreds of thousands of streetlights): 99.5 % streetlights placed along drivable roads, 0.5 % signal controllers
/// running the programs of the city's own signals, all fed, districted and flagged generated, with ids "syn/...".
/// Deterministic for `seed`. The city's bounds do not change.
void addSyntheticDevices(CityModel &city, size_t count, std::uint64_t seed);

} // namespace cityops
