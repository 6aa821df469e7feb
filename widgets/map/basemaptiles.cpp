#include "map/basemaptiles.h"

#include "map/mapstyle.h"

#include <cmath>

namespace cityops {
namespace {
constexpr int kMaxTiles = 160; // ~40 MB of 256-px ARGB tiles
} // namespace

BasemapTiles::BasemapTiles()
{
    // One worker: the other core belongs to the GUI, the link and the sequencer.
    m_pool.setMaxThreadCount(1);
}

BasemapTiles::~BasemapTiles()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone(); // tasks read the layers and the scene: they must finish before those go
}

void BasemapTiles::invalidate(std::vector<const MapLayer *> staticLayers)
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();
    std::lock_guard lock(m_mutex);
    m_layers = std::move(staticLayers);
    m_tiles.clear();
    m_pending.clear();
    ++m_version;
}

size_t BasemapTiles::cachedTiles() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<size_t>(m_tiles.size());
}

QImage BasemapTiles::renderTile(int z, int x, int y, const std::vector<const MapLayer *> &layers) const
{
    QImage image(kTileSize, kTileSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(mapstyle::background());
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    MapViewport v;
    v.setSize(QSize(kTileSize, kTileSize));
    v.setZoom(z);
    const double n = std::exp2(z);
    v.setCenter(QPointF((x + 0.5) / n, (y + 0.5) / n));
    for (const MapLayer *layer : layers)
        layer->render(painter, v);
    return image;
}

QImage BasemapTiles::tile(int z, int x, int y, bool request)
{
    const quint64 k = key(z, x, y);
    std::vector<const MapLayer *> layers;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_tiles.constFind(k); it != m_tiles.constEnd())
            return it.value();
        if (!request || m_pending.contains(k))
            return {};
        layers = m_layers;
        if (m_async)
            m_pending.insert(k);
    }
    if (!m_async) {
        QImage image = renderTile(z, x, y, layers);
        std::lock_guard lock(m_mutex);
        m_tiles.insert(k, image);
        ++m_version;
        return image;
    }
    const int generation = m_generation.load();
    m_pool.start([this, z, x, y, k, layers, generation] {
        if (generation != m_generation.load())
            return;
        QImage image = renderTile(z, x, y, layers);
        {
            std::lock_guard lock(m_mutex);
            m_pending.remove(k);
            if (generation != m_generation.load())
                return;
            m_tiles.insert(k, image);
            ++m_version;
        }
        if (m_tileReady)
            m_tileReady();
    });
    return {};
}

void BasemapTiles::evictOutside(int z, int x0, int y0, int x1, int y1)
{
    std::lock_guard lock(m_mutex);
    if (m_tiles.size() <= kMaxTiles)
        return;
    for (auto it = m_tiles.begin(); it != m_tiles.end() && m_tiles.size() > kMaxTiles / 2;) {
        const int tz = static_cast<int>(it.key() >> 48), tx = static_cast<int>((it.key() >> 24) & 0xffffff),
                  ty = static_cast<int>(it.key() & 0xffffff);
        if (tz == z && tx >= x0 && tx <= x1 && ty >= y0 && ty <= y1) {
            ++it;
        } else {
            it = m_tiles.erase(it);
            ++m_version;
        }
    }
}

void BasemapTiles::compose(QPainter &painter, const MapViewport &viewport, bool moving)
{
    painter.fillRect(QRect(QPoint(0, 0), viewport.size()), mapstyle::background());
    const int z = std::clamp(static_cast<int>(std::lround(viewport.zoom())), 0, 22);
    const double n = std::exp2(z);
    const QRectF world = viewport.visibleWorld();
    const int maxIndex = static_cast<int>(n) - 1;
    const int x0 = std::clamp(static_cast<int>(std::floor(world.left() * n)), 0, maxIndex);
    const int x1 = std::clamp(static_cast<int>(std::floor(world.right() * n)), 0, maxIndex);
    const int y0 = std::clamp(static_cast<int>(std::floor(world.top() * n)), 0, maxIndex);
    const int y1 = std::clamp(static_cast<int>(std::floor(world.bottom() * n)), 0, maxIndex);
    const bool exact = std::abs(viewport.zoom() - z) < 1e-9;
    m_lastMissing = 0;
    m_lastNeeded = (x1 - x0 + 1) * (y1 - y0 + 1);
    painter.save();
    // Between zoom levels tiles are scaled: filtered when the view holds still, nearest-neighbour while it moves
    // (a third of the frame's cost, and no one reads a basemap in motion).
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !exact && !moving);
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const QPointF a = viewport.worldToScreen(QPointF(x / n, y / n));
            const QPointF b = viewport.worldToScreen(QPointF((x + 1) / n, (y + 1) / n));
            const QRectF target(a, b);
            QImage image = tile(z, x, y, true);
            if (!image.isNull()) {
                painter.drawImage(target, image);
                continue;
            }
            ++m_lastMissing;
            // Placeholder while it renders: the parent tile's quarter, if we have it.
            if (z > 0) {
                QImage parent = tile(z - 1, x / 2, y / 2, false);
                if (!parent.isNull())
                    painter.drawImage(target, parent, QRectF((x % 2) * kTileSize / 2.0, (y % 2) * kTileSize / 2.0,
                                                             kTileSize / 2.0, kTileSize / 2.0));
            }
        }
    }
    painter.restore();
    evictOutside(z, x0, y0, x1, y1);
}

} // namespace cityops
