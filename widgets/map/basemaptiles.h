#pragma once

#include "map/maplayer.h"

#include <QHash>
#include <QImage>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace cityops {

/// The static basemap (districts, roads, their labels) as 256-px Web Mercator tiles at integer zooms, rendered by the
/// same layers into QImages — on a worker thread when asynchronous, so panning never waits for road drawing — and
/// composed for any fractional zoom. A missing tile shows its parent, scaled, until it is ready.
class BasemapTiles {
public:
    static constexpr int kTileSize = 256;

    BasemapTiles();
    ~BasemapTiles();

    /// Asynchronous (the interactive view) or rendering missing tiles at once (screenshots, tests, benches).
    void setAsync(bool async) { m_async = async; }
    /// Called from a worker thread when a tile has been rendered.
    void setTileReadyCallback(std::function<void()> callback) { m_tileReady = std::move(callback); }
    /// Forget every tile (the static layers or their visibility changed).
    void invalidate(std::vector<const MapLayer *> staticLayers);

    void compose(QPainter &painter, const MapViewport &viewport, bool moving = false);
    size_t cachedTiles() const;
    /// Moves whenever a tile arrives, is evicted or the cache is cleared (a count can stay the same across both).
    quint64 tilesVersion() const { return m_version.load(); }
    /// Of the tiles the last compose() needed, how many were not ready (drawn from a placeholder or blank).
    int lastMissing() const { return m_lastMissing; }
    int lastNeeded() const { return m_lastNeeded; }
    /// Blocks until queued tile renders are done (benches and tests).
    void waitForTiles() { m_pool.waitForDone(); }

private:
    static quint64 key(int z, int x, int y) { return (quint64(z) << 48) | (quint64(x) << 24) | quint64(y); }
    QImage renderTile(int z, int x, int y, const std::vector<const MapLayer *> &layers) const;
    QImage tile(int z, int x, int y, bool request);
    void evictOutside(int z, int x0, int y0, int x1, int y1);

    std::vector<const MapLayer *> m_layers;
    QThreadPool m_pool;
    bool m_async = false;
    std::function<void()> m_tileReady;
    mutable std::mutex m_mutex;
    QHash<quint64, QImage> m_tiles;
    QSet<quint64> m_pending;
    std::atomic<int> m_generation{0};
    std::atomic<quint64> m_version{0};
    int m_lastMissing = 0;
    int m_lastNeeded = 0;
};

} // namespace cityops
