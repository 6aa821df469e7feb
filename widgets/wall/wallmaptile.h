#pragma once

#include "map/maprenderer.h"
#include "map/mapviewport.h"
#include "wall/walltile.h"

#include <QTimer>

namespace cityops {

/// The city (or one district) on the wall: the console's own map engine over the shared mirror (no copy of the
/// city), drawn at a symbol scale that makes a desk-sized symbol readable from the wall's viewing distance; no
/// labels, legend or scale bar (nothing below the wall's minimum text size is drawn). A district map may go on to
/// the next district every N seconds.
class WallMapTile : public WallTile {
    Q_OBJECT
public:
    /// `district` < 0: the whole city.
    WallMapTile(WallFeed &feed, const WallLook &look, int district, int rotateSeconds, QWidget *parent = nullptr);
    QString title() const override;
    int district() const { return m_district; }
    /// Shows a place (about 600 m around it) for a while — what a desk pushed — then returns to the layout's view.
    void showPlace(const GeoPoint &at, const QString &what, int seconds);
    /// The same for an area (a district).
    void showArea(const GeoBox &area, const QString &what, int seconds);
    /// The symbol scale for the wall's minimum text height: a desk symbol (~16 px) becomes at least that tall.
    static double symbolScaleFor(int minCapPx);
    /// Devices changed since this map last painted them (the wall repaints its maps in turn, see VideoWall).
    bool stale() const { return m_devicesChanged; }
    void markDevicesChanged() { m_devicesChanged = true; }
    /// Repaints now for the changes marked.
    void repaintDevices()
    {
        m_devicesChanged = false;
        update();
    }

protected:
    void paintBody(QPainter &painter, const QRect &body) override;

private:
    void nextDistrict();
    GeoBox boxToShow() const;

    MapRenderer m_basemap;   ///< districts and roads, drawn at the tile's full resolution (crisp lines)
    MapRenderer m_devices;   ///< the live layers, drawn at 1/scale and scaled up (symbols grow)
    MapViewport m_viewport;  ///< the devices' (logical) view
    QImage m_liveImage;      ///< the live layers at the logical size, scaled up onto the tile
    int m_district;
    int m_rotateSeconds;
    QTimer m_rotate;
    QTimer m_pushEnds;
    std::optional<GeoBox> m_pushed;
    bool m_devicesChanged = false;
};

} // namespace cityops
