#include "city/gpkggeometry.h"

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace cityops::gpkg {
namespace {

void putU32(QByteArray &out, quint32 v)
{
    char buf[4];
    qToLittleEndian(v, buf);
    out.append(buf, 4);
}

void putF64(QByteArray &out, double v)
{
    quint64 bits;
    std::memcpy(&bits, &v, 8);
    char buf[8];
    qToLittleEndian(bits, buf);
    out.append(buf, 8);
}

QByteArray header(const GeoBox *envelope)
{
    QByteArray out;
    out.append('G');
    out.append('P');
    out.append(char(0));                                  // version 1 of the binary format
    out.append(char(envelope ? 0x03 : 0x01));             // little-endian; envelope [minx,maxx,miny,maxy] or none
    putU32(out, static_cast<quint32>(kWgs84SrsId));
    if (envelope) {
        putF64(out, envelope->minLon);
        putF64(out, envelope->maxLon);
        putF64(out, envelope->minLat);
        putF64(out, envelope->maxLat);
    }
    return out;
}

void putWkbHeader(QByteArray &out, GeometryType type)
{
    out.append(char(1)); // little endian
    putU32(out, static_cast<quint32>(type));
}

// Bounds-checked reader over a blob.
class Reader {
public:
    Reader(const QByteArray &data, int offset) : m_data(data), m_pos(offset) {}
    bool u8(quint8 *v)
    {
        if (m_pos + 1 > m_data.size())
            return false;
        *v = static_cast<quint8>(m_data[m_pos++]);
        return true;
    }
    bool u32(quint32 *v, bool little)
    {
        if (m_pos + 4 > m_data.size())
            return false;
        const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + m_pos);
        *v = little ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
        m_pos += 4;
        return true;
    }
    bool f64(double *v, bool little)
    {
        if (m_pos + 8 > m_data.size())
            return false;
        const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + m_pos);
        const quint64 bits = little ? qFromLittleEndian<quint64>(p) : qFromBigEndian<quint64>(p);
        std::memcpy(v, &bits, 8);
        m_pos += 8;
        return true;
    }
    qsizetype remaining() const { return m_data.size() - m_pos; }

private:
    const QByteArray &m_data;
    qsizetype m_pos;
};

bool readPoints(Reader &r, bool little, quint32 count, GeoLine *out)
{
    if (static_cast<qsizetype>(count) * 16 > r.remaining())
        return false;
    out->reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        GeoPoint p;
        if (!r.f64(&p.lon, little) || !r.f64(&p.lat, little))
            return false;
        out->push_back(p);
    }
    return true;
}

} // namespace

QByteArray encodePoint(const GeoPoint &p)
{
    QByteArray out = header(nullptr);
    putWkbHeader(out, GeometryType::Point);
    putF64(out, p.lon);
    putF64(out, p.lat);
    return out;
}

QByteArray encodeLineString(const GeoLine &line)
{
    GeoBox box;
    for (const GeoPoint &p : line)
        box.extend(p);
    QByteArray out = header(&box);
    putWkbHeader(out, GeometryType::LineString);
    putU32(out, static_cast<quint32>(line.size()));
    for (const GeoPoint &p : line) {
        putF64(out, p.lon);
        putF64(out, p.lat);
    }
    return out;
}

QByteArray encodePolygon(const std::vector<GeoPoint> &ring)
{
    GeoBox box;
    for (const GeoPoint &p : ring)
        box.extend(p);
    QByteArray out = header(&box);
    putWkbHeader(out, GeometryType::Polygon);
    putU32(out, 1);
    putU32(out, static_cast<quint32>(ring.size() + 1));
    for (const GeoPoint &p : ring) {
        putF64(out, p.lon);
        putF64(out, p.lat);
    }
    putF64(out, ring.front().lon); // WKB rings are closed
    putF64(out, ring.front().lat);
    return out;
}

Result<Geometry> decode(const QByteArray &blob)
{
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        return makeError(QStringLiteral("not a GeoPackage geometry (missing GP magic)"));
    const auto flags = static_cast<quint8>(blob[3]);
    if (flags & 0x20)
        return makeError(QStringLiteral("extended GeoPackage geometry types are not supported"));
    static const int envelopeDoubles[] = {0, 4, 6, 6, 8};
    const int envelopeCode = (flags >> 1) & 0x07;
    if (envelopeCode > 4)
        return makeError(QStringLiteral("invalid GeoPackage envelope code %1").arg(envelopeCode));
    const int wkbOffset = 8 + envelopeDoubles[envelopeCode] * 8;
    if (blob.size() < wkbOffset + 5)
        return makeError(QStringLiteral("truncated GeoPackage geometry"));

    Reader r(blob, wkbOffset);
    quint8 order = 0;
    r.u8(&order);
    if (order > 1)
        return makeError(QStringLiteral("invalid WKB byte order %1").arg(order));
    const bool little = order == 1;
    quint32 type = 0;
    r.u32(&type, little);
    Geometry g;
    switch (type) {
    case 1: {
        g.type = GeometryType::Point;
        if (!readPoints(r, little, 1, &g.points))
            return makeError(QStringLiteral("truncated WKB point"));
        break;
    }
    case 2: {
        g.type = GeometryType::LineString;
        quint32 count = 0;
        if (!r.u32(&count, little) || !readPoints(r, little, count, &g.points))
            return makeError(QStringLiteral("truncated WKB linestring"));
        break;
    }
    case 3: {
        g.type = GeometryType::Polygon;
        quint32 rings = 0;
        quint32 count = 0;
        if (!r.u32(&rings, little) || rings < 1 || !r.u32(&count, little) || !readPoints(r, little, count, &g.points))
            return makeError(QStringLiteral("truncated WKB polygon"));
        if (g.points.size() > 1 && g.points.front() == g.points.back())
            g.points.pop_back();
        break; // inner rings (holes) are ignored: district outlines have none
    }
    default:
        return makeError(QStringLiteral("unsupported WKB geometry type %1").arg(type));
    }
    // City packages are in WGS 84 degrees; a NaN, an infinity or a point off the globe would be projected onto the
    // map and into distances as garbage, a line of one point or a ring of two is no street or district (found by
    // tests/fuzz).
    for (const GeoPoint &p : g.points)
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 || p.lat < -90 || p.lat > 90)
            return makeError(QStringLiteral("a point outside WGS 84's degrees (%1, %2)").arg(p.lon).arg(p.lat));
    if (g.type == GeometryType::LineString && g.points.size() < 2)
        return makeError(QStringLiteral("a WKB linestring of fewer than two points"));
    if (g.type == GeometryType::Polygon && g.points.size() < 3)
        return makeError(QStringLiteral("a WKB polygon ring of fewer than three points"));
    return g;
}

} // namespace cityops::gpkg
