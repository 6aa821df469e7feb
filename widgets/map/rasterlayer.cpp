#include "map/rasterlayer.h"

#include <QCoreApplication>
#include <QPainter>

#include <cmath>

namespace cityops {
namespace {
constexpr int kMaxCached = 256;
constexpr int kMaxTilesPerView = 256;
constexpr double kOpacity = 0.45;
} // namespace

RasterLayer::RasterLayer(const CityMirror &scene, std::shared_ptr<const MbTiles> tiles) : MapLayer(scene), m_tiles(std::move(tiles)) {}

QString RasterLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Background map"); }

int RasterLayer::sourceZoom(double zoom) const
{
    return std::clamp(static_cast<int>(std::lround(zoom)), m_tiles->minZoom(), m_tiles->maxZoom());
}

QImage RasterLayer::image(int z, int x, int y) const
{
    const quint64 key = (quint64(z) << 48) | (quint64(x) << 24) | quint64(y);
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
            return it.value();
    }
    QImage decoded;
    const QByteArray data = m_tiles->tile(z, x, y);
    if (!data.isEmpty() && !decoded.loadFromData(data))
        decoded = QImage();   // a damaged tile is left out, the rest still draws
    std::lock_guard lock(m_mutex);
    if (m_cache.size() >= kMaxCached)
        m_cache.clear();
    m_cache.insert(key, decoded);
    return decoded;
}

void RasterLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const int z = sourceZoom(viewport.zoom());
    const double n = std::exp2(z);
    const QRectF world = viewport.visibleWorld(0);
    const int x0 = std::max(0, static_cast<int>(std::floor(world.left() * n)));
    const int x1 = std::min(static_cast<int>(n) - 1, static_cast<int>(std::floor(world.right() * n)));
    const int y0 = std::max(0, static_cast<int>(std::floor(world.top() * n)));
    const int y1 = std::min(static_cast<int>(n) - 1, static_cast<int>(std::floor(world.bottom() * n)));
    if (x1 < x0 || y1 < y0 || (x1 - x0 + 1) * (y1 - y0 + 1) > kMaxTilesPerView)
        return;   // far below the file's shallowest zoom: too many tiles to be worth drawing
    painter.save();
    painter.setOpacity(kOpacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const QImage tile = image(z, x, y);
            if (tile.isNull())
                continue;
            const QRectF target(viewport.worldToScreen(QPointF(x / n, y / n)), viewport.worldToScreen(QPointF((x + 1) / n, (y + 1) / n)));
            painter.drawImage(target, tile);
        }
    painter.restore();
}

} // namespace cityops
