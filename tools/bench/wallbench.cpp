#include "wallbench.h"

#include "benchutil.h"
#include "pacedlink.h"
#include "syntheticload.h"

#include "city/syntheticdevices.h"
#include "engine/engine.h"
#include "livecity.h"
#include "wall/videowall.h"
#include "wall/wallmaptile.h"
#include "wall/walltile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <map>

namespace cityops::bench {
namespace {

/// Field events from SyntheticLoad at a fixed rate (signal phases, lamp reports, feeder samples, presence, incidents).
class LoadLink : public PacedBenchLink {
public:
    LoadLink(const CityModel &city, double rate) : PacedBenchLink(QStringLiteral("synthetic field load"), 2), m_load(city, 23), m_rate(rate) {}

private:
    bool pace(double seconds) override
    {
        const auto due = static_cast<size_t>(seconds * m_rate);
        if (due <= m_sent)
            return true;
        std::vector<Event> batch;
        m_load.generate(due - m_sent, QDateTime::currentMSecsSinceEpoch(), m_rate, batch);
        m_sent = due;
        sink()->push(std::move(batch), Overflow::DropNewest);
        return true;
    }

    SyntheticLoad m_load;
    double m_rate;
    size_t m_sent = 0;
};

/// Time spent painting each tile (what a frame's paint events cost, tile by tile).
class PaintClock : public QObject {
public:
    std::map<QString, double> totalMs;
    std::map<QString, int> paints;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint)
            return false;
        auto *tile = static_cast<WallTile *>(watched);
        QElapsedTimer t;
        t.start();
        tile->removeEventFilter(this);   // paint it now, timed, then watch again
        QCoreApplication::sendEvent(tile, event);
        tile->installEventFilter(this);
        const QString kind = QString::fromLatin1(tile->metaObject()->className()).section(QStringLiteral("::"), -1);
        totalMs[kind] += t.nsecsElapsed() / 1e6;
        ++paints[kind];
        return true;
    }
};

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

} // namespace

int runWallBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    const int frames = parser.value(QStringLiteral("frames")).toInt();
    const double rate = parser.isSet(QStringLiteral("rate")) ? parser.value(QStringLiteral("rate")).toDouble() : 10'000.0;
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return 1;
    auto city = std::make_shared<CityModel>(*loaded);
    if (static_cast<int>(city->devices.size()) < devices)
        addSyntheticDevices(*city, static_cast<size_t>(devices) - city->devices.size(), 7);
    std::shared_ptr<const CityModel> shared = city;

    QElapsedTimer startup;
    startup.start();
    Engine engine(shared);
    engine.start(std::make_unique<LoadLink>(*shared, rate));
    WallLayout layout = WallLayout::builtIn();   // 3 × 2: two map tiles and four boards
    layout.tiles = {{WallTileKind::CityMap, 0, 0, 1, 1},    {WallTileKind::DistrictMap, 0, 1, 1, 1, 0, 0},
                    {WallTileKind::Incidents, 0, 2, 1, 1},  {WallTileKind::Energy, 1, 0, 1, 1},
                    {WallTileKind::Alarms, 1, 1, 1, 1},     {WallTileKind::KeyFigures, 1, 2, 1, 1}};
    VideoWall wall(engine, layout);
    wall.show(false);
    wall.refreshNow();
    QCoreApplication::processEvents();
    const QImage first = wall.grabWall();
    const double startupMs = startup.nsecsElapsed() / 1e6;
    if (first.isNull())
        return 1;

    PaintClock paintClock;
    for (WallTile *tile : wall.tiles())
        tile->installEventFilter(&paintClock);
    // Frames as the wall runs them, at most 60 a second (a panel's refresh): pull what changed, let the tiles whose
    // data changed repaint (a map paints the frame its thread finished since the last frame). Between frames the GUI
    // thread does nothing else, so every bit of its work is inside a timed frame; a frame over its 16.7 ms starts the
    // next one late.
    std::vector<double> frameMs, fullMs;
    QElapsedTimer run;
    run.start();
    constexpr qint64 kPeriodNs = 1'000'000'000 / 60;
    for (int f = 0; f < frames; ++f) {
        const qint64 due = qint64(f) * kPeriodNs;
        if (const qint64 early = due - run.nsecsElapsed(); early > 0)
            QThread::usleep(static_cast<unsigned long>(early / 1000));
        QElapsedTimer t;
        t.start();
        wall.live().refresh();
        QCoreApplication::processEvents();
        frameMs.push_back(t.nsecsElapsed() / 1e6);
    }
    const double seconds = run.nsecsElapsed() / 1e9;
    // The maps render on the wall's map thread; what that thread did during the frames above.
    int mapRenders = 0;
    double mapRenderMs = 0;
    for (WallTile *tile : wall.tiles())
        if (auto *map = dynamic_cast<WallMapTile *>(tile)) {
            mapRenders += map->backgroundRenders();
            mapRenderMs += map->backgroundRenderMs();
        }
    for (WallTile *tile : wall.tiles())
        tile->removeEventFilter(&paintClock);
    QJsonObject perTile, paintsPerFrame;
    for (const auto &[kind, ms] : paintClock.totalMs) {
        perTile.insert(kind, round2(ms / frames));   // ms per frame, averaged over all frames
        paintsPerFrame.insert(kind, round2(double(paintClock.paints[kind]) / frames));
    }

    // The whole wall from scratch, every tile (a screenshot; the worst case).
    for (int f = 0; f < std::max(10, frames / 10); ++f) {
        QElapsedTimer t;
        t.start();
        wall.live().refresh();
        (void)wall.grabWall();
        fullMs.push_back(t.nsecsElapsed() / 1e6);
    }
    const auto stats = engine.stats();
    emit(QJsonObject{{QStringLiteral("bench"), QStringLiteral("wall")},
                     {QStringLiteral("devices"), static_cast<double>(shared->devices.size())},
                     {QStringLiteral("panels"), layout.rows * layout.columns},
                     {QStringLiteral("rate_per_s"), rate},
                     {QStringLiteral("frames"), frames},
                     {QStringLiteral("frame_ms_p50"), round2(percentile(frameMs, 50))},
                     {QStringLiteral("frame_ms_p95"), round2(percentile(frameMs, 95))},
                     {QStringLiteral("frame_ms_p99"), round2(percentile(frameMs, 99))},
                     {QStringLiteral("fps"), round2(frames / seconds)},
                     {QStringLiteral("map_frames_per_s"), round2(mapRenders / seconds)},
                     {QStringLiteral("map_frame_ms_mean"), mapRenders ? round2(mapRenderMs / mapRenders) : 0.0},
                     {QStringLiteral("full_ms_p50"), round2(percentile(fullMs, 50))},
                     {QStringLiteral("full_ms_p95"), round2(percentile(fullMs, 95))},
                     {QStringLiteral("startup_to_first_frame_ms"), round2(startupMs)},
                     {QStringLiteral("events_processed"), static_cast<double>(stats.processed)},
                     {QStringLiteral("events_dropped"), static_cast<double>(stats.dropped)},
                     {QStringLiteral("rss_mb"), round2(rssMb())},
                     {QStringLiteral("paint_ms_per_frame"), perTile},
                     {QStringLiteral("paints_per_frame"), paintsPerFrame}});
    engine.stop();
    return 0;
}

} // namespace cityops::bench
