#pragma once

#include "city/mbtiles.h"
#include "map/maplayer.h"

#include <QHash>
#include <QImage>

#include <memory>
#include <mutex>

namespace cityops {

/// An offline raster background from an MBTiles file, under the vector layers. Static: it is drawn into the basemap
/// tiles by the tile worker, so the file is read off the GUI thread. Dimmed so the ISA-101 colours on top stay the
/// ones that stand out; zooms past the file's deepest level scale its tiles up.
class RasterLayer : public MapLayer {
public:
    RasterLayer(const CityMirror &scene, std::shared_ptr<const MbTiles> tiles);

    QString id() const override { return QStringLiteral("raster"); }
    QString title() const override;
    int zValue() const override { return -10; }
    bool isStatic() const override { return true; }
    void render(QPainter &painter, const MapViewport &viewport) const override;

    /// The zoom level whose tiles draw a view at `zoom`.
    int sourceZoom(double zoom) const;

private:
    QImage image(int z, int x, int y) const;

    std::shared_ptr<const MbTiles> m_tiles;
    mutable std::mutex m_mutex;
    mutable QHash<quint64, QImage> m_cache;   ///< decoded tiles (a null image: absent)
};

} // namespace cityops
