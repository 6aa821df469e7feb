#pragma once

#include "base/result.h"
#include "model/geo.h"

#include <QString>

namespace cityops {

/// A UTM zone on the WGS84 ellipsoid.
struct UtmZone {
    int zone = 0;        ///< 1..60
    bool south = false;
};

/// Parses a PROJ string as SUMO writes it ("+proj=utm +zone=33 +ellps=WGS84 +datum=WGS84 +units=m +no_defs").
/// Anything else (including SUMO's "!" for "no projection") is refused with a reason.
Result<UtmZone> parseUtmProjection(const QString &proj);

/// Inverse transverse Mercator (Krüger series to n^4, sub-millimetre inside a zone): easting/northing in metres
/// to WGS84 degrees.
GeoPoint utmToWgs84(const UtmZone &zone, double easting, double northing);

/// Forward transform, the inverse of utmToWgs84; used to round-trip in tests and to measure in metres.
void wgs84ToUtm(const UtmZone &zone, const GeoPoint &p, double *easting, double *northing);

} // namespace cityops
