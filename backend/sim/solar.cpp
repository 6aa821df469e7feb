#include "sim/solar.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace cityops::solar {
namespace {
constexpr double kDeg = M_PI / 180.0;

double normalizeDeg(double a)
{
    a = std::fmod(a, 360.0);
    return a < 0 ? a + 360.0 : a;
}

std::optional<std::int64_t> crossing(double lat, double lon, std::int64_t a, std::int64_t b, bool rising)
{
    auto f = [&](std::int64_t t) { return elevationDeg(lat, lon, t) - kSunriseAltitudeDeg; };
    double fa = f(a), fb = f(b);
    if ((fa < 0) == (fb < 0) || (rising && fa > 0) || (!rising && fa < 0))
        return std::nullopt;
    while (b - a > 500) {
        const std::int64_t m = a + (b - a) / 2;
        const double fm = f(m);
        if ((fm < 0) == (fa < 0)) {
            a = m;
            fa = fm;
        } else {
            b = m;
        }
    }
    return a + (b - a) / 2;
}
} // namespace

double elevationDeg(double latDeg, double lonDeg, std::int64_t utcMs)
{
    const double n = static_cast<double>(utcMs) / 86400000.0 + 2440587.5 - 2451545.0; // days since J2000.0
    const double meanLon = normalizeDeg(280.460 + 0.9856474 * n);
    const double meanAnomaly = normalizeDeg(357.528 + 0.9856003 * n) * kDeg;
    const double eclipticLon = (meanLon + 1.915 * std::sin(meanAnomaly) + 0.020 * std::sin(2 * meanAnomaly)) * kDeg;
    const double obliquity = (23.439 - 0.0000004 * n) * kDeg;
    const double rightAscension = std::atan2(std::cos(obliquity) * std::sin(eclipticLon), std::cos(eclipticLon));
    const double declination = std::asin(std::sin(obliquity) * std::sin(eclipticLon));
    const double gmstHours = std::fmod(18.697374558 + 24.06570982441908 * n, 24.0);
    const double hourAngle = (gmstHours * 15.0 + lonDeg) * kDeg - rightAscension;
    const double lat = latDeg * kDeg;
    return std::asin(std::sin(lat) * std::sin(declination) + std::cos(lat) * std::cos(declination) * std::cos(hourAngle))
           / kDeg;
}

SunTimes sunTimes(const QDate &utcDate, double latDeg, double lonDeg)
{
    // Search the day in hourly steps for sign changes, then bisect; local solar noon is near 12:00 - lon/15 UTC.
    const std::int64_t start = QDateTime(utcDate, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    SunTimes result;
    for (int h = 0; h < 24; ++h) {
        const std::int64_t a = start + h * 3600'000LL, b = a + 3600'000LL;
        if (!result.sunriseUtcMs)
            result.sunriseUtcMs = crossing(latDeg, lonDeg, a, b, true);
        if (!result.sunsetUtcMs)
            result.sunsetUtcMs = crossing(latDeg, lonDeg, a, b, false);
    }
    return result;
}

} // namespace cityops::solar
