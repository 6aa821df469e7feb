#pragma once

#include "city/mbtiles.h"

#include "map/maprenderer.h"
#include "citymirror.h"
#include "map/mapviewport.h"

#include <QTimer>
#include <QWidget>

namespace cityops {

/// The interactive map widget (the input tier): pan by dragging or arrow keys, zoom with the wheel (about the
/// pointer), +/- or PageUp/PageDown, Home fits the whole city, click selects, Esc clears the selection.
class MapView : public QWidget {
    Q_OBJECT
public:
    /// Whether the view shows the whole city (at start or after Home) and has not been moved since.
    bool showsWholeCity() const { return m_showingCity || m_fitPending; }
    explicit MapView(CityMirror &scene, QWidget *parent = nullptr);

    MapRenderer &renderer() { return m_renderer; }
    const MapViewport &viewport() const { return m_viewport; }
    void setLayerVisible(const QString &id, bool visible);

    void fitCity();
    void centerOn(const GeoPoint &p, double zoom = -1);
    void zoomBy(double steps, const QPointF &anchor);
    void select(const MapSelection &selection);
    /// The devices drawn inside a screen polygon (hidden layers excluded), in index order.
    std::vector<DeviceIndex> devicesIn(const QPolygonF &screen) const;
    /// Picks many devices at once (what rubber band and lasso do); an empty list clears the pick.
    void pick(const std::vector<DeviceIndex> &devices);
    /// Replay is drawn unmistakably: a blue frame, a light wash over the map and a REPLAY watermark.
    void setReplayMode(bool replay);
    bool isReplayMode() const { return m_replay; }
    /// The live map is not live: a magenta (no data) frame and this sentence across its top, until it is cleared
    /// with an empty one. Not drawn in replay, whose frame says what the map shows.
    void setNotice(const QString &notice);
    QString notice() const { return m_notice; }
    /// The legend explains every colour on the map (bottom left); on by default.
    void setLegendVisible(bool visible);
    /// Draws an offline raster background (MBTiles) under the city; its attribution joins the map's.
    void setRasterBasemap(std::shared_ptr<const MbTiles> tiles);
    bool isLegendVisible() const { return m_legend; }
    /// What the pointer is over, as the tooltip says it; empty over nothing.
    QString describe(const MapSelection &selection) const;
    /// Keeps the selected vehicle in the middle of the map as it drives. Ends when the selection changes or the
    /// operator moves the map by hand; only a selected vehicle can be followed.
    void setFollowing(bool follow);
    bool isFollowing() const { return m_following; }

public Q_SLOTS:
    /// The scene's live data changed: repaint (the basemap cache makes this cheap).
    void sceneChanged();

Q_SIGNALS:
    void selectionChanged(const cityops::MapSelection &selection);
    void pointerMoved(const cityops::GeoPoint &position);
    /// Devices were picked with the rubber band or the lasso (or the pick was cleared).
    void pickedChanged(int count);
    void followingChanged(bool following);
    /// Right click (or the menu key): what is under the pointer, for a context menu at `globalPos`.
    void contextRequested(const cityops::GeoPoint &at, const cityops::MapSelection &under, const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void drawScaleBar(QPainter &painter) const;
    void drawNotice(QPainter &painter) const;
    bool m_following = false;
    void drawAttribution(QPainter &painter) const;
    void drawLegend(QPainter &painter) const;
    void panBy(const QPointF &deltaPx);
    QPolygonF gesturePolygon() const;

    CityMirror &m_scene;
    MapRenderer m_renderer;
    QTimer m_settle;   ///< one more, filtered and cached frame once the view stops moving
    MapViewport m_viewport;
    bool m_fitPending = true;
    bool m_showingCity = false;   ///< the view is the whole city (fitCity) and nobody has moved it since
    bool m_replay = false;
    QString m_notice;
    bool m_legend = true;
    QString m_rasterAttribution;
    bool m_dragging = false;
    enum class Gesture { None, Rubber, Lasso };
    Gesture m_gesture = Gesture::None;
    QPolygonF m_gesturePath;
    QPointF m_pressPos;
    QPointF m_lastPos;
};

} // namespace cityops
