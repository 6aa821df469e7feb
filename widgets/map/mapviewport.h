#pragma once

#include "model/geo.h"

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QTransform>

#include <cmath>

namespace cityops {

/// Web Mercator view: a centre in normalised world coordinates ([0,1]² with y down, as map tiles), a continuous
/// zoom (the world is 256·2^zoom pixels wide) and a pixel size. A value type: renderers and tests make their own.
class MapViewport {
public:
    static constexpr double kTileSize = 256.0;
    static constexpr double kMinZoom = 2.0;
    static constexpr double kMaxZoom = 20.0;

    /// The screen direction (north up, y down) opposite a compass bearing: where traffic that arrives driving on
    /// `arrivalBearingDeg` comes from (a queue behind a stop line, a signal head facing that approach).
    static QPointF backFrom(double arrivalBearingDeg)
    {
        const double back = (arrivalBearingDeg + 180.0) * M_PI / 180.0;
        return {std::sin(back), -std::cos(back)};
    }
    static QPointF project(const GeoPoint &p)
    {
        const double lat = std::clamp(p.lat, -85.05112878, 85.05112878) * M_PI / 180.0;
        return {(p.lon + 180.0) / 360.0, (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / M_PI) / 2.0};
    }
    static GeoPoint unproject(const QPointF &w)
    {
        const double n = M_PI - 2.0 * M_PI * w.y();
        return {w.x() * 360.0 - 180.0, 180.0 / M_PI * std::atan(0.5 * (std::exp(n) - std::exp(-n)))};
    }

    QPointF center() const { return m_center; }
    double zoom() const { return m_zoom; }
    QSize size() const { return m_size; }
    void setCenter(const QPointF &world) { m_center = world; }
    void setCenterGeo(const GeoPoint &p) { m_center = project(p); }
    void setZoom(double zoom) { m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom); }
    void setSize(const QSize &size) { m_size = size; }

    double worldSize() const { return kTileSize * std::exp2(m_zoom); }
    QPointF worldToScreen(const QPointF &w) const
    {
        const double s = worldSize();
        return {(w.x() - m_center.x()) * s + m_size.width() / 2.0, (w.y() - m_center.y()) * s + m_size.height() / 2.0};
    }
    QPointF screenToWorld(const QPointF &p) const
    {
        const double s = worldSize();
        return {(p.x() - m_size.width() / 2.0) / s + m_center.x(), (p.y() - m_size.height() / 2.0) / s + m_center.y()};
    }
    QPointF toScreen(const GeoPoint &p) const { return worldToScreen(project(p)); }
    GeoPoint toGeo(const QPointF &screen) const { return unproject(screenToWorld(screen)); }
    /// Transform mapping normalised world coordinates to screen pixels (for painting pre-projected paths).
    QTransform worldTransform() const
    {
        const double s = worldSize();
        return QTransform(s, 0, 0, s, m_size.width() / 2.0 - m_center.x() * s, m_size.height() / 2.0 - m_center.y() * s);
    }
    /// Visible area in world coordinates, grown by `marginPx` on each side.
    QRectF visibleWorld(double marginPx = 0) const
    {
        return QRectF(screenToWorld(QPointF(-marginPx, -marginPx)),
                      screenToWorld(QPointF(m_size.width() + marginPx, m_size.height() + marginPx)));
    }
    /// Metres per pixel at the centre latitude.
    double metresPerPixel() const
    {
        const double lat = unproject(m_center).lat * M_PI / 180.0;
        return 40075016.686 * std::cos(lat) / worldSize();
    }
    /// Centres and zooms so that `box` fills the view with `paddingPx` spare on each side.
    void fit(const GeoBox &box, double paddingPx = 24)
    {
        const QPointF a = project({box.minLon, box.maxLat});
        const QPointF b = project({box.maxLon, box.minLat});
        m_center = (a + b) / 2.0;
        const double w = std::max(1e-12, b.x() - a.x()), h = std::max(1e-12, b.y() - a.y());
        const double sx = (m_size.width() - 2 * paddingPx) / (w * kTileSize);
        const double sy = (m_size.height() - 2 * paddingPx) / (h * kTileSize);
        setZoom(std::log2(std::max(1e-9, std::min(sx, sy))));
    }
    bool operator==(const MapViewport &o) const { return m_center == o.m_center && m_zoom == o.m_zoom && m_size == o.m_size; }

private:
    QPointF m_center{0.5, 0.5};
    double m_zoom = 14.0;
    QSize m_size{800, 600};
};

} // namespace cityops
