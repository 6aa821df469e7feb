#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace cityops {

/// WGS84 position in degrees. A plain value (not QGeoCoordinate) because cities hold hundreds of thousands of
/// them in flat arrays; QGeoCoordinate is used at API edges where validity and distances matter.
struct GeoPoint {
    double lon = 0.0;
    double lat = 0.0;
    friend bool operator==(const GeoPoint &, const GeoPoint &) = default;
};

using GeoLine = std::vector<GeoPoint>;

/// Axis-aligned box in degrees.
struct GeoBox {
    double minLon = 180.0, minLat = 90.0, maxLon = -180.0, maxLat = -90.0;
    bool isValid() const { return minLon <= maxLon && minLat <= maxLat; }
    void extend(const GeoPoint &p)
    {
        minLon = std::min(minLon, p.lon);
        maxLon = std::max(maxLon, p.lon);
        minLat = std::min(minLat, p.lat);
        maxLat = std::max(maxLat, p.lat);
    }
    bool contains(const GeoPoint &p) const { return p.lon >= minLon && p.lon <= maxLon && p.lat >= minLat && p.lat <= maxLat; }
    GeoPoint center() const { return {(minLon + maxLon) / 2, (minLat + maxLat) / 2}; }
};

/// Great-circle distance in metres (haversine, mean Earth radius); good to ~0.5 % which is plenty for placing
/// assets and picking the nearest road.
inline double distanceMetres(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double kEarthRadius = 6371008.8;
    constexpr double kDeg = M_PI / 180.0;
    const double dLat = (b.lat - a.lat) * kDeg;
    const double dLon = (b.lon - a.lon) * kDeg;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
                     + std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

/// The part of `line` from its first point to `fraction` (0-1) of its length, by distanceMetres.
inline GeoLine lineUpTo(const GeoLine &line, double fraction)
{
    double total = 0;
    for (size_t i = 1; i < line.size(); ++i)
        total += distanceMetres(line[i - 1], line[i]);
    GeoLine out;
    double left = std::clamp(fraction, 0.0, 1.0) * total;
    for (size_t i = 0; i < line.size(); ++i) {
        if (i > 0) {
            const double step = distanceMetres(line[i - 1], line[i]);
            if (step >= left) {
                const double f = step > 0 ? left / step : 0;
                out.push_back({line[i - 1].lon + f * (line[i].lon - line[i - 1].lon), line[i - 1].lat + f * (line[i].lat - line[i - 1].lat)});
                break;
            }
            left -= step;
        }
        out.push_back(line[i]);
    }
    return out;
}

} // namespace cityops
