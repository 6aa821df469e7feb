#include "mapbench.h"

#include "benchutil.h"

#include "city/citypackage.h"
#include "city/syntheticdevices.h"
#include "base/random.h"
#include "map/maprenderer.h"
#include "map/mapstyle.h"

#include <QElapsedTimer>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QThread>

#include <algorithm>
#include <cstdio>

namespace cityops::bench {
namespace {

constexpr QSize kFrame(1920, 1080);
constexpr double kChangesPerSecond = 10'000;
constexpr double kFrameSeconds = 1.0 / 60.0;

/// A plausible live state for one device.
void randomState(const CityModel &city, DeviceIndex d, DeviceState &s, Random &rng)
{
    s.reported = true;
    s.online = !rng.chance(0.002);
    switch (city.devices[d].kind) {
    case DeviceKind::SignalController:
        s.phase = static_cast<std::uint16_t>(rng.below(city.signals[city.devices[d].detail].programs.front().phases.size()));
        s.fault = rng.chance(0.01);
        s.mode = static_cast<std::uint8_t>(s.fault ? SignalMode::Flash : SignalMode::Normal);
        break;
    case DeviceKind::Streetlight:
        s.fault = rng.chance(0.005);
        s.level = rng.chance(0.5) ? 100 : 50;
        break;
    case DeviceKind::Feeder:
        s.value = static_cast<float>(city.feeders[city.devices[d].detail].capacityKw * rng.uniform(0.3, 1.05));
        break;
    case DeviceKind::Substation:
        break;
    }
    s.version++;
}

/// The camera path both renderers follow: a slow orbit, zooming in and out by three levels.
MapViewport frameViewport(const MapViewport &home, int frame, int frames)
{
    MapViewport v = home;
    const double a = 2 * M_PI * frame / frames;
    v.setZoom(home.zoom() + 1.5 - 1.5 * std::cos(a));
    const double r = 0.25 * kFrame.width() / MapViewport::kTileSize / std::exp2(home.zoom());
    v.setCenter(home.center() + QPointF(r * std::cos(a), r * std::sin(a)));
    return v;
}

QColor deviceColour(const CityModel &city, const CityMirror &scene, DeviceIndex d)
{
    const DeviceState &s = scene.states[d];
    if (!s.online)
        return mapstyle::noData();
    switch (city.devices[d].kind) {
    case DeviceKind::SignalController:
        return s.fault ? mapstyle::alarmAmber() : mapstyle::signalRunning();
    case DeviceKind::Streetlight:
        return s.fault ? mapstyle::alarmAmber() : mapstyle::lampOn();
    case DeviceKind::Feeder:
        return mapstyle::feederColor(s.value / city.feeders[city.devices[d].detail].capacityKw);
    case DeviceKind::Substation:
        return mapstyle::feederNormal();
    }
    return mapstyle::lampOn();
}

} // namespace

int runMapBench(const QCommandLineParser &args, const QString &cityPath)
{
    const size_t devices = args.value(QStringLiteral("devices")).toULongLong();
    const int frames = args.value(QStringLiteral("frames")).toInt();
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return 1;
    auto city = std::make_shared<CityModel>(*loaded);
    if (devices > city->devices.size())
        addSyntheticDevices(*city, devices - city->devices.size(), 7);
    const size_t n = city->devices.size();

    CityMirror scene(city);
    Random rng(11);
    for (DeviceIndex d = 0; d < n; ++d)
        randomState(*city, d, scene.states[d], rng);
    MapViewport home;
    home.setSize(kFrame);
    home.fit(city->operationalBounds());
    QImage image(kFrame, QImage::Format_ARGB32_Premultiplied);
    const int changesPerFrame = static_cast<int>(kChangesPerSecond * kFrameSeconds);

    // CityOps: pan/zoom (every frame a new view: basemap and all layers redrawn) and live (fixed view, changes).
    // Pan/zoom as the interactive view does it: basemap tiles render on a worker thread while frames go on, showing
    // a parent tile until a tile is ready; how often that happened is reported. The first orbit warms nothing.
    MapRenderer renderer(scene);
    renderer.setAsyncBasemap(true);
    std::vector<double> panMs, liveMs;
    long missing = 0, needed = 0;
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        QPainter painter(&image);
        renderer.render(painter, frameViewport(home, f, frames));
        painter.end();
        panMs.push_back(t.nsecsElapsed() / 1e6);
        missing += renderer.basemap().lastMissing();
        needed += renderer.basemap().lastNeeded();
        // Frames come at most every 16.7 ms; the tile worker uses the time between them.
        const double left = 1000.0 / 60.0 - t.nsecsElapsed() / 1e6;
        if (left > 0)
            QThread::usleep(static_cast<unsigned long>(left * 1000));
    }
    const_cast<BasemapTiles &>(renderer.basemap()).waitForTiles();
    for (int f = 0; f < frames; ++f) {
        for (int c = 0; c < changesPerFrame; ++c)
            randomState(*city, static_cast<DeviceIndex>(rng.below(n)), scene.states[rng.below(n)], rng);
        QElapsedTimer t;
        t.start();
        QPainter painter(&image);
        renderer.render(painter, home);
        painter.end();
        liveMs.push_back(t.nsecsElapsed() / 1e6);
    }

    // Baseline: one QGraphicsItem per device over the same roads, drawn by QGraphicsView for the same views.
    const double baseZoom = home.zoom();
    const double worldPx = MapViewport::kTileSize * std::exp2(baseZoom);
    QGraphicsScene gscene;
    gscene.setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    gscene.setBackgroundBrush(mapstyle::background());
    for (int c = kRoadClassCount - 1; c >= 0; --c) {
        QPainterPath path = QTransform::fromScale(worldPx, worldPx).map(scene.roadPath(static_cast<RoadClass>(c)));
        auto *item = gscene.addPath(path, QPen(mapstyle::roadColor(static_cast<RoadClass>(c)), 0));
        item->setZValue(0);
    }
    std::vector<QGraphicsEllipseItem *> items(n);
    for (DeviceIndex d = 0; d < n; ++d) {
        const QPointF p = scene.deviceWorld()[d] * worldPx;
        auto *item = new QGraphicsEllipseItem(-3, -3, 6, 6);
        item->setPos(p);
        item->setFlag(QGraphicsItem::ItemIgnoresTransformations); // fixed pixel size, as map markers are
        item->setPen(Qt::NoPen);
        item->setBrush(deviceColour(*city, scene, d));
        item->setZValue(1);
        gscene.addItem(item);
        items[d] = item;
    }
    // QGraphicsScene::render culls through the BSP index and paints the items in the source rectangle, which is
    // what a QGraphicsView does for its viewport (an unshown view offscreen would not lay out its viewport).
    auto showView = [&](const MapViewport &v) {
        const QRectF world = v.visibleWorld();
        const QRectF source(world.topLeft() * worldPx, world.bottomRight() * worldPx);
        image.fill(mapstyle::background());
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        gscene.render(&painter, QRectF(QPointF(0, 0), QSizeF(kFrame)), source, Qt::IgnoreAspectRatio);
    };
    std::vector<double> basePanMs, baseLiveMs;
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        showView(frameViewport(home, f, frames));
        basePanMs.push_back(t.nsecsElapsed() / 1e6);
    }
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        for (int c = 0; c < changesPerFrame; ++c) {
            const auto d = static_cast<DeviceIndex>(rng.below(n));
            randomState(*city, d, scene.states[d], rng);
            items[d]->setBrush(deviceColour(*city, scene, d));
        }
        showView(home);
        baseLiveMs.push_back(t.nsecsElapsed() / 1e6);
    }
    if (!args.value(QStringLiteral("dump")).isEmpty()) {
        // For checking that both renderers draw the same picture: the last live frame of each.
        QImage ours(kFrame, QImage::Format_ARGB32_Premultiplied);
        QPainter p1(&ours);
        renderer.render(p1, home);
        p1.end();
        ours.save(args.value(QStringLiteral("dump")) + QStringLiteral("-cityops.png"));
        showView(home);
        image.save(args.value(QStringLiteral("dump")) + QStringLiteral("-baseline.png"));
    }
    emit({{"bench", "map"}, {"devices", static_cast<double>(n)}, {"frames", frames}, {"p50_ms", round2(percentile(panMs, 50))},
          {"tiles_placeholder_pct", round2(needed ? 100.0 * missing / needed : 0.0)},
          {"p95_ms", round2(percentile(panMs, 95))}, {"p99_ms", round2(percentile(panMs, 99))},
          {"baseline_p50_ms", round2(percentile(basePanMs, 50))}, {"baseline_p95_ms", round2(percentile(basePanMs, 95))}});
    emit({{"bench", "map-live"}, {"devices", static_cast<double>(n)}, {"frames", frames}, {"changes_per_s", kChangesPerSecond},
          {"p50_ms", round2(percentile(liveMs, 50))}, {"p95_ms", round2(percentile(liveMs, 95))}, {"p99_ms", round2(percentile(liveMs, 99))},
          {"baseline_p50_ms", round2(percentile(baseLiveMs, 50))}, {"baseline_p95_ms", round2(percentile(baseLiveMs, 95))}});
    return 0;
}

} // namespace cityops::bench
