#pragma once

#include "wall/walllayout.h"
#include "wall/walllook.h"
#include "wall/wallremote.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

namespace cityops {

class CityMirror;
class Engine;
class LiveCity;
class WallFeed;
class WallTile;

/// The strip across the top of every panel that says the wall is NOT LIVE (replay) — over everything, never a dialog.
class WallBanner : public QWidget {
    Q_OBJECT
public:
    WallBanner(const WallLook &look, QWidget *parent);
    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const WallLook &m_look;
    QString m_text;
};

/// The video wall (docs/WALL.md): one process drives every panel. It builds the tiles of a layout over one shared
/// live view of the city, places them on one window per screen or on one window spanning the desktop, keeps the
/// NOT LIVE banner and the stale overlays honest, and writes screenshots of each panel and of the whole wall.
/// Nobody touches a wall: no menus, no dialogs; errors become banners.
class VideoWall : public QObject {
    Q_OBJECT
public:
    VideoWall(Engine &engine, WallLayout layout, QObject *parent = nullptr);
    ~VideoWall() override;

    /// Opens the windows: full screen on the screens (or the one spanned desktop), or — `offscreenSize` — as plain
    /// windows of the wall's size (screenshots, tests).
    void show(bool fullScreen);
    const WallLayout &layout() const { return m_layout; }
    const WallLook &look() const { return *m_look; }
    LiveCity &live() { return *m_live; }
    WallFeed &feed() { return *m_feed; }
    const std::vector<WallTile *> &tiles() const { return m_tiles; }
    /// The tile whose area covers panel (row, column), or null.
    WallTile *tileAt(int row, int column) const;
    /// Pulls everything now (screenshots, tests).
    void refreshNow();
    /// One image per panel, in row order; and the whole wall as it is laid out (bezels dark).
    std::vector<QImage> grabPanels();
    QImage grabWall();
    /// Writes PREFIX-r<row>c<column>.png per panel and PREFIX-wall.png; false and a sentence when one cannot be written.
    Result<QStringList> saveScreenshots(const QString &prefix);
    /// What the NOT LIVE banner says now (empty while live).
    QString bannerText() const;
    /// Shows what a desk asked for on a map tile (the named panel's, or the first); says what it showed, or why not.
    Result<QString> apply(const WallRequest &request);
    /// Takes "Show on wall" requests from desks on this machine (WallRemote).
    Status listenForDesks(const QString &name = WallRemote::defaultName());

private:
    void build();
    void updateBanner();
    /// Device or incident changes: one map is served at each refresh, in turn (its frame is rendered on the wall's map
    /// thread, at most 10 a second, see WallMapTile); when changes stop, the maps still waiting are served every
    /// 100 ms. Boards repaint when what they show changed.
    void serveMaps();

    Engine &m_engine;
    WallLayout m_layout;
    std::unique_ptr<WallLook> m_look;
    std::unique_ptr<CityMirror> m_scene;
    LiveCity *m_live = nullptr;
    WallFeed *m_feed = nullptr;
    std::vector<std::unique_ptr<QWidget>> m_windows;   ///< one per screen, or one for the spanned wall
    std::vector<QPoint> m_windowOrigins;              ///< each window's top left on the wall
    std::vector<WallTile *> m_tiles;
    std::vector<WallTileSpec> m_specs;                ///< parallel to m_tiles
    std::vector<WallBanner *> m_banners;
    std::vector<class WallMapTile *> m_maps;
    size_t m_nextMap = 0;
    bool m_serveQueued = false;
    QTimer m_mapTurn;
    WallRemote *m_remote = nullptr;
};

} // namespace cityops
