#pragma once

#include "base/result.h"
#include "model/geo.h"

#include <QByteArray>

#include <vector>

namespace cityops {

/// GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): "GP" header, SRS id, optional envelope, then ISO WKB.
/// Only what city packages use: 2D Point, LineString and single-ring Polygon, little-endian on write, both byte
/// orders on read.
namespace gpkg {

/// A GeoPackage's SQLite application_id: "GPKG".
constexpr qint64 kApplicationId = 0x47504B47;

constexpr int kWgs84SrsId = 4326;

QByteArray encodePoint(const GeoPoint &p);
QByteArray encodeLineString(const GeoLine &line);
QByteArray encodePolygon(const std::vector<GeoPoint> &ring);   ///< ring without the closing point

enum class GeometryType { Point = 1, LineString = 2, Polygon = 3 };

struct Geometry {
    GeometryType type = GeometryType::Point;
    GeoLine points;   ///< one point, the line, or the outer ring (closing point removed)
};

/// Decodes a blob; malformed or unsupported blobs are refused with a reason, never read out of bounds.
Result<Geometry> decode(const QByteArray &blob);

} // namespace gpkg
} // namespace cityops
