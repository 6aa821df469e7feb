#pragma once

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
    explicit MapRenderer(const MapScene &scene);

    void addLayer(std::unique_ptr<MapLayer> layer);
    QStringList layerIds() const;
    const MapLayer *layer(const QString &id) const;
    void setLayerVisible(const QString &id, bool visible);
    bool isLayerVisible(const QString &id) const;

    void render(QPainter &painter, const MapViewport &viewport);
    /// Topmost visible object under `pos` within `radiusPx`.
    std::optional<MapSelection> hitTest(const MapViewport &viewport, const QPointF &pos, double radiusPx) const;
    void invalidateBasemap() { m_basemapValid = false; }

private:
    struct Entry {
        std::unique_ptr<MapLayer> layer;
        bool visible = true;
    };
    void renderBasemap(const MapViewport &viewport);

    std::vector<Entry> m_layers;   ///< sorted by zValue
    QImage m_basemap;
    MapViewport m_basemapViewport;
    bool m_basemapValid = false;
};

} // namespace cityops
