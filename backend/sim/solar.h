#pragma once

#include <QDate>

#include <cstdint>
#include <optional>

namespace cityops::solar {

/// Apparent-horizon altitude of the sun's upper limb at sunrise/sunset (refraction + semi-diameter), degrees.
constexpr double kSunriseAltitudeDeg = -0.833;

/// Solar elevation above the horizon in degrees at a place and instant (NOAA/Meeus low-precision formulas,
/// ~0.01° for 1950-2050; ample for switching streetlights).
double elevationDeg(double latDeg, double lonDeg, std::int64_t utcMs);

struct SunTimes {
    std::optional<std::int64_t> sunriseUtcMs;   ///< empty during polar night/day
    std::optional<std::int64_t> sunsetUtcMs;
};

/// Sunrise and sunset on the given UTC date at a place, found by bisection on elevationDeg.
SunTimes sunTimes(const QDate &utcDate, double latDeg, double lonDeg);

} // namespace cityops::solar
