#include "wall/wallmaptile.h"

#include "citymirror.h"
#include "labels.h"
#include "map/basemaplayers.h"
#include "map/devicelayers.h"
#include "map/mapstyle.h"
#include "wall/wallfeed.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace cityops {

namespace {

/// The wall's map thread: one for every map tile, so two frames are never rendered at once (the layers' caches are
/// per tile, but one thread keeps a 2-core machine's second core for the engine).
QThreadPool &mapThread()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        return p;
    }();
    return *pool;
}

} // namespace

double WallMapTile::symbolScaleFor(int minCapPx) { return std::clamp(std::round(minCapPx / 16.0), 1.0, 4.0); }

WallMapTile::WallMapTile(WallFeed &feed, const WallLook &look, int district, int rotateSeconds, QWidget *parent)
    : WallTile(feed, look, parent), m_renderScene(std::make_unique<CityMirror>(feed.scene())), m_basemap(*m_renderScene),
      m_devices(*m_renderScene), m_district(district), m_rotateSeconds(rotateSeconds)
{
    connect(&m_job, &QFutureWatcher<Frame>::finished, this, &WallMapTile::renderFinished);
    m_renderLater.setSingleShot(true);
    connect(&m_renderLater, &QTimer::timeout, this, [this] {
        if (m_job.isRunning())
            m_renderAgain = true;
        else
            startRender();
    });
    // Place names, the legend and the scale bar are desk-sized; the wall's tiles say what they show in their title.
    for (const QString &id : m_basemap.layerIds()) {
        const bool basemap = m_basemap.layer(id)->isStatic();
        m_basemap.setLayerVisible(id, basemap && id != QLatin1String("labels"));
        m_devices.setLayerVisible(id, !basemap && id != QLatin1String("selection"));
    }
    // Streetlights line the roads by the hundred: their coverage at the tile's full resolution reads as lit streets;
    // scaled up with the symbols it was a field of blocks. The lamps that need someone (faulted, silent) stay with
    // the symbols, sized for the distance.
    const QString lights = QStringLiteral("streetlights");
    if (auto *coverage = dynamic_cast<StreetlightLayer *>(m_basemap.layer(lights))) {
        coverage->setPart(StreetlightLayer::Part::Coverage);
        m_basemap.setLayerVisible(lights, true);
    }
    if (auto *abnormal = dynamic_cast<StreetlightLayer *>(m_devices.layer(lights)))
        abnormal->setPart(StreetlightLayer::Part::Abnormal);
    if (auto *districts = dynamic_cast<DistrictLayer *>(m_basemap.layer(QStringLiteral("districts"))))
        districts->setNamesVisible(false);   // drawn below at the wall's size
    // Device and incident changes reach the maps through VideoWall::serveMaps (in turn, one map a frame).
    if (m_district >= 0 && m_rotateSeconds > 0) {
        connect(&m_rotate, &QTimer::timeout, this, &WallMapTile::nextDistrict);
        m_rotate.start(m_rotateSeconds * 1000);
    }
    m_pushEnds.setSingleShot(true);
    connect(&m_pushEnds, &QTimer::timeout, this, [this] {
        m_pushed.reset();
        setPushedTitle({});
        if (m_rotateSeconds > 0)
            m_rotate.start(m_rotateSeconds * 1000);
    });
}

QString WallMapTile::title() const
{
    const CityModel &city = m_feed.scene().city();
    // The roads' licence travels with the map (the map's own attribution line is desk-sized).
    const QString place = m_district >= 0 ? Labels::district(city, m_district).toUpper() : city.meta.name.toUpper();
    return tr("%1 · roads © OpenStreetMap").arg(place);
}

void WallMapTile::nextDistrict()
{
    const int n = int(m_feed.scene().city().districts.size());
    if (n > 0 && !m_pushed) {
        m_district = (m_district + 1) % n;
        update();
    }
}

void WallMapTile::showPlace(const GeoPoint &at, const QString &what, int seconds)
{
    GeoBox box;
    box.extend({at.lon - 0.004, at.lat - 0.0027});
    box.extend({at.lon + 0.004, at.lat + 0.0027});
    showArea(box, what, seconds);
}

void WallMapTile::showArea(const GeoBox &area, const QString &what, int seconds)
{
    m_pushed = area;
    m_rotate.stop();
    setPushedTitle(what);
    m_pushEnds.start(std::max(1, seconds) * 1000);
}

GeoBox WallMapTile::boxToShow() const
{
    const CityModel &city = m_feed.scene().city();
    if (m_pushed)
        return *m_pushed;
    if (m_district >= 0 && m_district < int(city.districts.size())) {
        GeoBox box;
        for (const GeoPoint &p : city.districts[size_t(m_district)].ring)
            box.extend(p);
        if (box.isValid())
            return box;
    }
    return city.operationalBounds();
}

WallMapTile::~WallMapTile()
{
    m_job.waitForFinished();   // the frame being rendered reads this tile's layers
}

void WallMapTile::copyLiveState()
{
    const CityMirror &live = m_feed.scene();
    m_renderScene->states = live.states;
    m_renderScene->incidents = live.incidents;
    m_renderScene->reservations = live.reservations;
    m_renderScene->picked = live.picked;
    m_renderScene->selection = live.selection;
    m_renderScene->traffic = live.traffic;
    m_renderScene->roads = live.roads;
    m_renderScene->vehicles = live.vehicles;
    m_renderScene->nowMs = live.nowMs;
    ++m_generation;
}

void WallMapTile::repaintDevices()
{
    m_devicesChanged = false;
    if (m_job.isRunning())
        m_renderAgain = true;
    else
        startRender();
}

void WallMapTile::startRender()
{
    if (bodyRect().isEmpty())
        return;   // not laid out yet: the first paint renders
    // At most one frame a tile every 100 ms: from the back of the room 10 frames a second lose nothing, and the map
    // thread leaves the engine its share of a 2-core machine.
    if (m_sinceRender.isValid() && m_sinceRender.elapsed() < kMinFrameIntervalMs) {
        if (!m_renderLater.isActive())
            m_renderLater.start(int(kMinFrameIntervalMs - m_sinceRender.elapsed()));
        return;
    }
    m_sinceRender.start();
    m_renderAgain = false;
    copyLiveState();
    const FrameView view{bodyRect().size(), boxToShow()};
    m_job.setFuture(QtConcurrent::run(&mapThread(), [this, view] { return render(view); }));
}

void WallMapTile::renderFinished()
{
    Frame done = m_job.result();
    ++m_backgroundRenders;
    m_backgroundRenderMs += done.ms;
    if (done.generation > m_frame.generation) {   // not older than what a render on this thread drew meanwhile
        m_frame = std::move(done);
        update();
    }
    if (m_renderAgain)
        startRender();
}

void WallMapTile::renderNow()
{
    m_job.waitForFinished();
    m_renderAgain = false;
    m_devicesChanged = false;
    if (bodyRect().isEmpty())
        return;   // not laid out yet: the first paint renders
    copyLiveState();
    m_frame = render({bodyRect().size(), boxToShow()});
    update();
}

WallMapTile::Frame WallMapTile::render(const FrameView &view)
{
    QElapsedTimer timer;
    timer.start();
    Frame frame;
    frame.view = view;
    frame.generation = m_generation;
    frame.image = QImage(view.size, QImage::Format_RGB32);
    frame.image.fill(WallLook::tile());
    QPainter painter(&frame.image);
    // Drawn at 1/scale of the tile's pixels and scaled up: every symbol and line grows by the same factor.
    const double scale = symbolScaleFor(m_look.minCapPx);
    const QSize logical(std::max(1, int(view.size.width() / scale)), std::max(1, int(view.size.height() / scale)));
    MapViewport viewport;
    viewport.setSize(logical);
    viewport.fit(view.box, 4);
    // The same view at full resolution for the basemap: the same centre, `scale` times the pixels.
    MapViewport full = viewport;
    full.setSize(view.size);
    full.setZoom(viewport.zoom() + std::log2(scale));
    m_basemap.render(painter, full);
    // The live layers go onto a transparent image at the logical size, which is then scaled up once: one smooth
    // blit instead of every symbol drawn scaled (at 100,000 devices that is most of a frame).
    if (m_liveImage.size() != logical)
        m_liveImage = QImage(logical, QImage::Format_ARGB32_Premultiplied);
    m_liveImage.fill(Qt::transparent);
    {
        QPainter live(&m_liveImage);
        m_devices.renderLiveLayers(live, viewport);
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRectF(QPointF(0, 0), QSizeF(logical) * scale), m_liveImage);
    frame.ms = timer.nsecsElapsed() / 1e6;
    return frame;
}

void WallMapTile::paintBody(QPainter &painter, const QRect &body)
{
    const FrameView view{body.size(), boxToShow()};
    // A frame of another view (a district rotated in, a place pushed, a new size) is never shown: render this one now.
    if (m_frame.image.isNull() || !(m_frame.view == view)) {
        m_job.waitForFinished();
        copyLiveState();
        m_frame = render(view);
    }
    painter.drawImage(body.topLeft(), m_frame.image);
    const double scale = symbolScaleFor(m_look.minCapPx);
    m_viewport.setSize(QSize(std::max(1, int(body.width() / scale)), std::max(1, int(body.height() / scale))));
    m_viewport.fit(view.box, 4);
    // A district whose roads nobody counts (its gateway is gone): bare roads there are unknown, not free-flowing.
    const TrafficBook::Roads &roads = m_feed.scene().roads;
    // One whose gateway has just started waits for its first count: said in grey, it is not abnormal.
    const auto countLine = [&](int district, QRect where) {
        if (!roads.current(m_feed.scene().nowMs))
            return;
        const TrafficBook::Roads::Count count = roads.count(district);
        if (count == TrafficBook::Roads::Count::Awaited)
            drawText(painter, where, Qt::AlignCenter, tr("TRAFFIC NOT YET COUNTED"), Size::Normal, WallLook::dim());
        else if (count == TrafficBook::Roads::Count::NotCounted)
            drawText(painter, where, Qt::AlignCenter, tr("TRAFFIC NOT COUNTED"), Size::Normal, mapstyle::noData());
    };
    const int h = lineHeight(Size::Normal);
    // District names at the wall's own size (the map's are desk-sized), when the whole city is shown.
    if (m_district < 0 && !m_pushed) {
        const CityModel &city = m_feed.scene().city();
        const auto &points = m_feed.scene().districtLabelPoints();
        for (size_t i = 0; i < city.districts.size() && i < points.size(); ++i) {
            const QPointF at = body.topLeft() + m_viewport.worldToScreen(points[i]) * scale;
            const QRect name(int(at.x()) - body.width() / 4, int(at.y()) - h / 2, body.width() / 2, h);
            drawText(painter, name, Qt::AlignCenter, Labels::district(city, int(i)).toUpper(), Size::Normal, WallLook::dim());
            countLine(int(i), name.translated(0, h));
        }
    } else if (m_district >= 0 && !m_pushed) {
        countLine(m_district, QRect(body.left(), body.top() + h / 2, body.width(), h));
    }
}

} // namespace cityops
