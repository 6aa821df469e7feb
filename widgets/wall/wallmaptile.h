#pragma once

#include "map/maprenderer.h"
#include "map/mapviewport.h"
#include "wall/walltile.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>

namespace cityops {

/// The city (or one district) on the wall: the console's own map engine over the shared mirror (no copy of the
/// city), drawn at a symbol scale that makes a desk-sized symbol readable from the wall's viewing distance; no
/// labels, legend or scale bar (nothing below the wall's minimum text size is drawn). A district map may go on to
/// the next district every N seconds.
///
/// The map itself (roads, devices scaled up) is drawn off the GUI thread: each change copies the live part of the
/// mirror (states, incidents) into the tile's own render mirror and renders one frame on the wall's map thread; the
/// tile then paints the finished frame (one blit). A changed view (district, pushed place, size) or renderNow()
/// renders at once on the GUI thread, so nothing shows the wrong place or a state older than the last refresh asked.
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
    /// Renders the changes marked, on the map thread (the tile repaints when the frame is ready).
    void repaintDevices();
    /// Renders what the mirror holds now, on this thread (screenshots, tests: the next paint shows it).
    void renderNow();
    /// Frames rendered on the map thread so far, and the time they took (the bench reports them).
    int backgroundRenders() const { return m_backgroundRenders; }
    double backgroundRenderMs() const { return m_backgroundRenderMs; }
    ~WallMapTile() override;

protected:
    void paintBody(QPainter &painter, const QRect &body) override;

private:
    void nextDistrict();
    GeoBox boxToShow() const;
    /// The live part of the shown mirror, copied into the render mirror (only while no frame is being rendered).
    void copyLiveState();
    /// What a frame shows: the body's size and the area; a frame for another view is never painted.
    struct FrameView {
        QSize size;
        GeoBox box;
        bool operator==(const FrameView &o) const
        {
            return size == o.size && box.minLon == o.box.minLon && box.minLat == o.box.minLat && box.maxLon == o.box.maxLon
                && box.maxLat == o.box.maxLat;
        }
    };
    struct Frame {
        QImage image;
        FrameView view;
        std::uint64_t generation = 0;   ///< of the live state it shows
        double ms = 0;
    };
    /// Roads and the scaled-up live layers for `view` (no GUI state: runs on the map thread).
    Frame render(const FrameView &view);
    void startRender();
    void renderFinished();

    std::unique_ptr<CityMirror> m_renderScene;   ///< the layers draw from this copy (the map thread may be reading it)
    MapRenderer m_basemap;   ///< districts and roads, drawn at the tile's full resolution (crisp lines)
    MapRenderer m_devices;   ///< the live layers, drawn at 1/scale and scaled up (symbols grow)
    MapViewport m_viewport;  ///< the devices' (logical) view of the last frame (district names are placed with it)
    QImage m_liveImage;      ///< the live layers at the logical size, scaled up onto the frame
    Frame m_frame;           ///< the last finished frame
    QFutureWatcher<Frame> m_job;
    static constexpr qint64 kMinFrameIntervalMs = 100;
    QElapsedTimer m_sinceRender;
    QTimer m_renderLater;
    std::uint64_t m_generation = 0;   ///< copies of the live state made so far
    bool m_renderAgain = false;   ///< changes arrived while a frame was being rendered
    int m_backgroundRenders = 0;
    double m_backgroundRenderMs = 0;
    int m_district;
    int m_rotateSeconds;
    QTimer m_rotate;
    QTimer m_pushEnds;
    std::optional<GeoBox> m_pushed;
    bool m_devicesChanged = false;
};

} // namespace cityops
