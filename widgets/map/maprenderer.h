#pragma once

#include "map/basemaptiles.h"
#include "map/maplayer.h"

#include <QImage>
#include <QStringList>

#include <memory>
#include <vector>

namespace cityops {

/// Paints the map onto any QPainter for a viewport (the middle tier, as MarbleMap): owns the layers in z order,
/// their visibility, and a cache of the static basemap that is redrawn only when the view or visibility changes.
class MapRenderer {
public:
    /// Creates the standard layers over `scene`.
    explicit MapRenderer(const CityMirror &scene);

    void addLayer(std::unique_ptr<MapLayer> layer);
    QStringList layerIds() const;
    const MapLayer *layer(const QString &id) const;
    MapLayer *layer(const QString &id);
    void setLayerVisible(const QString &id, bool visible);
    bool isLayerVisible(const QString &id) const;

    void render(QPainter &painter, const MapViewport &viewport);
    /// Draws only the live (non-static) visible layers over what the painter already holds — no basemap, no
    /// background: for a view that draws its basemap at another scale (the wall's maps).
    void renderLiveLayers(QPainter &painter, const MapViewport &viewport) const;
    /// Whether the last frame was drawn for a moving view (quicker, unfiltered basemap): the view should draw one
    /// more frame once it holds still.
    bool lastFrameWasMoving() const { return m_lastFrameMoving; }
    /// Topmost visible object under `pos` within `radiusPx`.
    std::optional<MapSelection> hitTest(const MapViewport &viewport, const QPointF &pos, double radiusPx) const;
    void invalidateBasemap();
    /// The interactive view renders basemap tiles in the background and repaints when they arrive; screenshots,
    /// tests and benches render synchronously (the default) so every frame is complete.
    void setAsyncBasemap(bool async, std::function<void()> tileReady = {});
    const BasemapTiles &basemap() const { return m_basemap; }

private:
    struct Entry {
        std::unique_ptr<MapLayer> layer;
        bool visible = true;
    };
    std::vector<Entry> m_layers;   ///< sorted by zValue
    BasemapTiles m_basemap;
    bool m_basemapValid = false;
    QImage m_composed;             ///< the basemap as composed for m_composedViewport: reused while the view is still
    MapViewport m_composedViewport;
    MapViewport m_lastViewport;    ///< the previous frame's view: a different one means the view is moving
    bool m_lastFrameMoving = false;
    quint64 m_composedTiles = ~quint64(0);   ///< the tile cache's version when it was composed
    std::vector<std::pair<const MapLayer *, quint64>> m_composedBackdrops;   ///< visible layers' backdrop versions in it
};

} // namespace cityops
