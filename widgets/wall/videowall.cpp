#include "wall/videowall.h"

#include "citymirror.h"
#include "labels.h"
#include "livecity.h"
#include "wall/wallboards.h"
#include "wall/wallfeed.h"
#include "wall/wallmaptile.h"

#include "base/logging.h"

#include <QGuiApplication>
#include <QPainter>
#include <QScreen>

#include <climits>

namespace cityops {

WallBanner::WallBanner(const WallLook &look, QWidget *parent) : QWidget(parent), m_look(look)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    hide();
}

void WallBanner::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setVisible(!text.isEmpty());
    raise();
    update();
}

void WallBanner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), WallLook::replay());
    painter.setFont(m_look.large);
    painter.setPen(WallLook::background());
    painter.drawText(rect(), Qt::AlignCenter, m_text);
}

VideoWall::VideoWall(Engine &engine, WallLayout layout, QObject *parent)
    : QObject(parent), m_engine(engine), m_layout(std::move(layout)), m_look(std::make_unique<WallLook>(wallsizing::minCharHeightPx(m_layout)))
{
    m_scene = std::make_unique<CityMirror>(engine.cityPtr());
    m_live = new LiveCity(engine, *m_scene, this);
    m_feed = new WallFeed(*m_live, m_layout.staleAfterSeconds, this);
    // The incidents open when the recording stopped, or some of what became of them, may be missing: a wall cannot
    // show a message a person dismisses, so its incident board says so for as long as it runs.
    const Engine::CarryOverOutcome &carried = engine.carryOverOutcome();
    const QTimeZone zone = Labels::zone(engine.city());
    if (carried.failed())
        m_feed->setStartGap(tr("OPEN BEFORE %1 NOT SHOWN").arg(Labels::clock(m_live->nowMs(), zone, false)));
    else if (carried.passedOver.stateLostBeforeMs > 0)   // the oldest kept event's time: what was open before is unknown
        m_feed->setStartGap(tr("OPEN BEFORE %1 NOT SHOWN").arg(Labels::clockOrDate(carried.passedOver.stateLostBeforeMs, m_live->nowMs(), zone)));
    else if (carried.passedOver.count > 0)
        m_feed->setStartGap(tr("%n RECORDED EVENT(S) UNREADABLE", nullptr, int(std::min<std::uint64_t>(carried.passedOver.count, INT_MAX))));
    build();
    connect(m_feed, &WallFeed::tick, this, &VideoWall::updateBanner);
    // "Show on wall" from a desk on the broker: a signed operations message, re-authorised against this wall's own
    // directory by the engine before it arrives here. What cannot be shown is said in the log (never a dialog).
    connect(&m_engine, &Engine::wallRequested, this, [this](const QString &user, const QString &line) {
        auto request = WallRequest::decode(line.toUtf8());
        auto shown = request ? apply(request.value()) : Result<QString>(Error{request.error()});
        if (shown)
            qCInfo(lcCore).noquote() << "wall: for" << user << "-" << shown.value();
        else
            qCWarning(lcCore).noquote() << "wall: not shown for" << user << "-" << shown.error();
    });
    m_live->start();
}

VideoWall::~VideoWall() = default;

void VideoWall::build()
{
    // Screens: one window per panel, in row order, each on its own screen (when the system has that many; otherwise
    // the panels are laid out side by side on one window, as a spanned wall, and the log says so).
    const QList<QScreen *> screens = QGuiApplication::screens();
    const bool perScreen = m_layout.wiring == WallLayout::Wiring::Screens;
    if (perScreen && screens.size() < m_layout.rows * m_layout.columns)
        qCWarning(lcCore) << "wall: the layout wants" << m_layout.rows * m_layout.columns << "screens, the system has" << screens.size()
                          << "- laying the panels out on one window";
    const bool useScreens = perScreen && screens.size() >= m_layout.rows * m_layout.columns;
    auto makeWindow = [this](const QRect &onWall) {
        auto window = std::make_unique<QWidget>();
        window->setWindowTitle(tr("CityOps wall"));
        window->setWindowFlag(Qt::FramelessWindowHint);
        window->setAutoFillBackground(true);
        QPalette p = window->palette();
        p.setColor(QPalette::Window, WallLook::background());
        window->setPalette(p);
        window->setCursor(Qt::BlankCursor);
        window->resize(onWall.size());
        m_windowOrigins.push_back(onWall.topLeft());
        m_windows.push_back(std::move(window));
    };
    if (useScreens) {
        for (int r = 0; r < m_layout.rows; ++r)
            for (int c = 0; c < m_layout.columns; ++c) {
                makeWindow(m_layout.panelRect(r, c));
                QWidget *w = m_windows.back().get();
                QScreen *screen = screens[r * m_layout.columns + c];
                w->setScreen(screen);
                w->setGeometry(screen->geometry());
            }
    } else {
        makeWindow(QRect(QPoint(0, 0), m_layout.wallSize()));
    }
    auto windowFor = [&](const QRect &onWall) -> int {
        for (size_t i = 0; i < m_windows.size(); ++i)
            if (QRect(m_windowOrigins[i], m_windows[i]->size()).contains(onWall.topLeft()))
                return int(i);
        return 0;
    };
    for (const WallTileSpec &spec : m_layout.tiles) {
        const QRect onWall = m_layout.tileRect(spec);
        const int w = windowFor(onWall);
        QWidget *parent = m_windows[size_t(w)].get();
        WallTile *tile = nullptr;
        switch (spec.kind) {
        case WallTileKind::CityMap: tile = new WallMapTile(*m_feed, *m_look, -1, 0, parent); break;
        case WallTileKind::DistrictMap: tile = new WallMapTile(*m_feed, *m_look, spec.district, spec.rotateSeconds, parent); break;
        case WallTileKind::Incidents: tile = new IncidentBoard(*m_feed, *m_look, parent); break;
        case WallTileKind::Alarms: tile = new AlarmBoard(*m_feed, *m_look, parent); break;
        case WallTileKind::Energy: tile = new EnergyBoard(*m_feed, *m_look, parent); break;
        case WallTileKind::KeyFigures: tile = new KeyFiguresBoard(*m_feed, *m_look, parent); break;
        case WallTileKind::Clock: tile = new ClockTile(*m_feed, *m_look, parent); break;
        }
        // A thin gap between tiles; a span keeps its rows of text off the horizontal bezels it crosses.
        const int gap = std::max(2, m_look->margin / 4);
        const QRect placed = QRect(onWall.topLeft() - m_windowOrigins[size_t(w)], onWall.size()).adjusted(gap, gap, -gap, -gap);
        tile->setGeometry(placed);
        tile->setBezels(m_layout.bezelsWithin(spec, placed.topLeft() + m_windowOrigins[size_t(w)]));
        m_tiles.push_back(tile);
        m_specs.push_back(spec);
        if (auto *map = dynamic_cast<WallMapTile *>(tile))
            m_maps.push_back(map);
    }
    m_mapTurn.setSingleShot(true);
    m_mapTurn.setInterval(100);   // when changes stop coming, the maps still waiting get theirs
    connect(&m_mapTurn, &QTimer::timeout, this, &VideoWall::serveMaps);
    auto mapsChanged = [this] {
        for (WallMapTile *map : m_maps)
            map->markDevicesChanged();
        // One map per refresh (the GUI pulls changes 30 times a second; devices and incidents may both change in
        // one pull): served once the refresh is done.
        if (!m_serveQueued) {
            m_serveQueued = true;
            QMetaObject::invokeMethod(this, [this] {
                m_serveQueued = false;
                serveMaps();
            }, Qt::QueuedConnection);
        }
    };
    connect(m_live, &LiveCity::devicesChanged, this, mapsChanged);
    connect(m_live, &LiveCity::incidentsChanged, this, mapsChanged);
    connect(m_live, &LiveCity::trafficChanged, this, mapsChanged);
    connect(m_live, &LiveCity::vehiclesChanged, this, mapsChanged);
    // The NOT LIVE banner across the top of every panel.
    for (int r = 0; r < m_layout.rows; ++r)
        for (int c = 0; c < m_layout.columns; ++c) {
            const QRect panel = m_layout.panelRect(r, c);
            const int w = windowFor(panel);
            auto *banner = new WallBanner(*m_look, m_windows[size_t(w)].get());
            banner->setGeometry(QRect(panel.topLeft() - m_windowOrigins[size_t(w)], QSize(panel.width(), QFontMetrics(m_look->large).height() * 3 / 2)));
            m_banners.push_back(banner);
        }
    updateBanner();
}

QString VideoWall::bannerText() const
{
    if (m_live->isLive())
        return {};
    return tr("NOT LIVE — REPLAY %1").arg(Labels::clock(m_live->nowMs(), Labels::zone(m_live->scene().city()), false));
}

void VideoWall::updateBanner()
{
    const QString text = bannerText();
    for (WallBanner *b : m_banners)
        b->setText(text);
    for (WallTile *t : m_tiles)
        t->checkStale();
}

void VideoWall::show(bool fullScreen)
{
    for (auto &w : m_windows) {
        if (fullScreen)
            w->showFullScreen();
        else
            w->show();
    }
}

WallTile *VideoWall::tileAt(int row, int column) const
{
    for (size_t i = 0; i < m_specs.size(); ++i) {
        const WallTileSpec &s = m_specs[i];
        if (row >= s.row && row < s.row + s.rowSpan && column >= s.column && column < s.column + s.columnSpan)
            return m_tiles[i];
    }
    return nullptr;
}

void VideoWall::serveMaps()
{
    for (size_t k = 0; k < m_maps.size(); ++k) {
        const size_t i = (m_nextMap + k) % m_maps.size();
        if (!m_maps[i]->stale())
            continue;
        m_maps[i]->repaintDevices();
        m_nextMap = (i + 1) % m_maps.size();
        break;
    }
    if (std::any_of(m_maps.begin(), m_maps.end(), [](const WallMapTile *m) { return m->stale(); }) && !m_mapTurn.isActive())
        m_mapTurn.start();
}

void VideoWall::refreshNow()
{
    m_live->refreshAll();
    for (WallMapTile *map : m_maps)
        map->renderNow();
    updateBanner();
}

Result<QString> VideoWall::apply(const WallRequest &r)
{
    WallMapTile *map = nullptr;
    if (r.row >= 0) {
        map = dynamic_cast<WallMapTile *>(tileAt(r.row, r.column));
        if (!map)
            return makeError(tr("panel %1,%2 does not show a map").arg(r.row).arg(r.column));
    } else {
        for (WallTile *t : m_tiles)
            if ((map = dynamic_cast<WallMapTile *>(t)))
                break;
        if (!map)
            return makeError(tr("this wall has no map tile"));
    }
    const CityModel &city = m_scene->city();
    QString what;
    switch (r.kind) {
    case WallRequest::Kind::Incident: {
        m_live->refreshAll();
        const Incident *incident = m_scene->incident(r.incident);
        if (!incident || !incident->isOpen())
            return makeError(tr("there is no open incident #%1").arg(r.incident));
        what = tr("INCIDENT #%1 · %2").arg(r.incident).arg(Labels::incidentKind(incident->kind).toUpper());
        map->showPlace(incident->position, what, r.seconds);
        break;
    }
    case WallRequest::Kind::Device: {
        const DeviceIndex d = city.deviceIndex(r.device);
        if (d == kNoDevice)
            return makeError(tr("there is no device %1").arg(r.device));
        what = r.device.toUpper();
        map->showPlace(city.devices[d].position, what, r.seconds);
        break;
    }
    case WallRequest::Kind::District: {
        for (size_t i = 0; i < city.districts.size(); ++i) {
            if (Labels::district(city, int(i)).compare(r.district, Qt::CaseInsensitive) != 0
                && city.districts[i].name.compare(r.district, Qt::CaseInsensitive) != 0)
                continue;
            GeoBox box;
            for (const GeoPoint &p : city.districts[i].ring)
                box.extend(p);
            what = Labels::district(city, int(i)).toUpper();
            map->showArea(box, what, r.seconds);
            break;
        }
        if (what.isEmpty())
            return makeError(tr("there is no district %1").arg(r.district));
        break;
    }
    }
    qCInfo(lcCore) << "wall: showing" << what << "for" << r.seconds << "s";
    return tr("%1 on the wall for %2 s").arg(what).arg(r.seconds);
}

Status VideoWall::listenForDesks(const QString &name)
{
    if (!m_remote)
        m_remote = new WallRemote([this](const WallRequest &r) { return apply(r); }, this);
    return m_remote->listen(name);
}

QImage VideoWall::grabWall()
{
    QImage wall(m_layout.wallSize(), QImage::Format_RGB32);
    wall.fill(Qt::black);   // the bezels
    QPainter painter(&wall);
    for (size_t i = 0; i < m_windows.size(); ++i)
        painter.drawImage(m_windowOrigins[i], m_windows[i]->grab().toImage());
    return wall;
}

std::vector<QImage> VideoWall::grabPanels()
{
    const QImage wall = grabWall();
    std::vector<QImage> panels;
    for (int r = 0; r < m_layout.rows; ++r)
        for (int c = 0; c < m_layout.columns; ++c)
            panels.push_back(wall.copy(m_layout.panelRect(r, c)));
    return panels;
}

Result<QStringList> VideoWall::saveScreenshots(const QString &prefix)
{
    refreshNow();
    QStringList written;
    const std::vector<QImage> panels = grabPanels();
    for (int r = 0; r < m_layout.rows; ++r)
        for (int c = 0; c < m_layout.columns; ++c) {
            const QString path = QStringLiteral("%1-r%2c%3.png").arg(prefix).arg(r).arg(c);
            if (!panels[size_t(r * m_layout.columns + c)].save(path, "PNG"))
                return makeError(QStringLiteral("cannot write %1").arg(path));
            written << path;
        }
    const QString whole = prefix + QStringLiteral("-wall.png");
    if (!grabWall().save(whole, "PNG"))
        return makeError(QStringLiteral("cannot write %1").arg(whole));
    written << whole;
    return written;
}

} // namespace cityops
