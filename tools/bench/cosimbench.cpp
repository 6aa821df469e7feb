#include "greenwavebench.h"

#include "benchutil.h"

#ifdef CITYOPS_HAVE_SUMO
#include "citymirror.h"
#include "engine/engine.h"
#include "livecity.h"
#include "map/maprenderer.h"
#include "sim/citysimulator.h"
#include "sumobench.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <array>
#endif

namespace cityops::bench {

#ifndef CITYOPS_HAVE_SUMO
int runCosimBench(const QCommandLineParser &, const QString &)
{
    std::fprintf(stderr, "cityops-bench cosim: this build has no SUMO client (install the Debian package sumo and build again)\n");
    return 2;
}
#else
int runCosimBench(const QCommandLineParser &parser, const QString &cityPath)
{
    if (!cityPath.isEmpty()) {
        std::fprintf(stderr, "cityops-bench cosim: runs on the default city at its evening peak\n");
        return 2;
    }
    auto city = loadCity({});
    if (!city)
        return 1;
    const double speed = parser.isSet(QStringLiteral("speed")) ? parser.value(QStringLiteral("speed")).toDouble() : 10;
    const double seconds = parser.isSet(QStringLiteral("seconds")) ? parser.value(QStringLiteral("seconds")).toDouble() : 30;
    if (!(speed >= 1 && speed <= 1000) || !(seconds >= 1 && seconds <= 3600)) {
        std::fprintf(stderr, "cityops-bench cosim: --speed must be 1 to 1000 and --seconds 1 to 3600\n");
        return 2;
    }
    const std::int64_t peakMs = eveningPeakMs(*city);
    auto setup = sumoSetupFromPackage(defaultCityPackage(), *city);
    if (!setup) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(setup.error()));
        return 1;
    }
    // SUMO alone: launched on the network with the day's demand (bare, then with the city's traffic warm-up, as the
    // console starts it), then as many steps as it can at the peak.
    double launchMs = 0, startMs = 0, maxStepsPerS = 0;
    for (const std::int64_t warmUpMs : {std::int64_t{0}, setup->warmUpMs}) {
        SumoSetup attempt = setup.value();
        attempt.warmUpMs = warmUpMs;
        CitySimulator sim(city, 1, peakMs);
        std::vector<Event> events;
        QElapsedTimer t;
        t.start();
        sim.attachPlant(std::make_unique<SumoPlant>(city, attempt), events);
        (warmUpMs == 0 ? launchMs : startMs) = t.nsecsElapsed() / 1e6;
        if (!sim.trafficProblem().isEmpty()) {
            std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(sim.trafficProblem()));
            return 1;
        }
        if (warmUpMs == 0)
            continue;
        t.restart();   // the roads are full after the warm-up
        for (int s = 0; s < 600; ++s) {
            events.clear();
            sim.advanceTo(sim.nowMs() + 1000, events);
        }
        maxStepsPerS = 600.0 / (t.nsecsElapsed() / 1e9);
    }
    // The console's embedded link at --speed: start-up to live, then how many SUMO steps a wall second carries.
    Engine engine(city);
    SimLinkOptions options;
    options.speed = speed;
    options.startMs = peakMs;
    options.warmUpHours = 1;
    std::atomic<SumoPlant *> plant{nullptr};
    QElapsedTimer startup;
    startup.start();
    if (!startWithSumo(engine, city, options, setup.value(), peakMs - 3600'000, plant)) {
        std::fprintf(stderr, "cityops-bench cosim: the console did not go live with SUMO\n");
        return 1;
    }
    const double startupMs = startup.elapsed();
    QElapsedTimer settle;   // the first ticks after going live catch up with the clock: not what it sustains
    settle.start();
    while (settle.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const auto firstSeq = engine.stats().lastSeq;
    QElapsedTimer run;
    run.start();
    const std::int64_t steppedStart = plant.load()->steppedToMs();
    const std::int64_t clockStart = engine.clock().nowMs();
    double clockAheadMaxS = 0;   // how far the console's clock ran ahead of what SUMO had stepped (bounded by the clock's lead)
    // The console's live map frame meanwhile, as the desk draws it (the whole city on a 1920 × 1080 map: pull what
    // changed, then basemap and live layers), with the traffic shading (the queues and the roads) on and off in
    // alternate frames.
    CityMirror scene(city);
    LiveCity live(engine, scene);
    MapRenderer renderer(scene);
    MapViewport view;
    view.setSize(QSize(1920, 1080));
    view.fit(city->operationalBounds());
    QImage frame(view.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> withQueues, withoutQueues;
    int queuesDrawn = 0, longQueues = 0, spillbacks = 0, longestQueueM = 0;
    std::array<double, 4> roadsByLevel{};   // RoadLevel: free (with vehicles), busy, long, spillback
    double roadsMeasured = 0;
    while (run.elapsed() < seconds * 1000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        clockAheadMaxS = std::max(clockAheadMaxS, (engine.clock().nowMs() - plant.load()->steppedToMs()) / 1000.0);
        const bool queues = withQueues.size() <= withoutQueues.size();
        renderer.setLayerVisible(QStringLiteral("traffic"), queues);
        renderer.setLayerVisible(QStringLiteral("roadtraffic"), queues);
        QElapsedTimer t;
        t.start();
        live.refresh();
        {
            QPainter painter(&frame);
            renderer.render(painter, view);
        }
        (queues ? withQueues : withoutQueues).push_back(t.nsecsElapsed() / 1e6);
        if (queues && !scene.roads.roads.empty()) {
            ++roadsMeasured;
            for (const RoadTraffic &r : scene.roads.roads) {
                const Road &road = city->roads[r.road];
                roadsByLevel[size_t(roadLevel(r, scene.roadShape(r.road).lengthM, road.lanes, road.oneway))] += 1;
            }
        }
        if (queues)
            for (const TrafficBook::Signal &s : scene.traffic)
                for (const ApproachTraffic &a : s.approaches) {
                    queuesDrawn += a.queueM > 0 ? 1 : 0;
                    longestQueueM = std::max(longestQueueM, int(a.queueM));
                    longQueues += queueLevel(a) == QueueLevel::Long ? 1 : 0;
                    spillbacks += queueLevel(a) == QueueLevel::Spillback ? 1 : 0;
                }
    }
    const double wallS = run.nsecsElapsed() / 1e9;
    const double simS = (plant.load()->steppedToMs() - steppedStart) / 1000.0;   // what SUMO actually ran
    const double clockS = (engine.clock().nowMs() - clockStart) / 1000.0;           // what the console's time did
    const auto events = engine.stats().lastSeq - firstSeq;
    engine.stop();
    emit({{"bench", "cosim"}, {"signals", static_cast<double>(city->signals.size())}, {"speed", speed},
          {"sumo_launch_ms", std::round(launchMs)}, {"sumo_start_ms", std::round(startMs)},
          {"sumo_warm_up_s", setup->warmUpMs / 1000.0}, {"startup_to_live_ms", std::round(startupMs)},
          {"sumo_max_steps_per_s", std::round(maxStepsPerS)}, {"steps_per_wall_s", round2(simS / wallS)},
          {"clock_per_wall_s", round2(clockS / wallS)}, {"clock_ahead_s_max", round2(clockAheadMaxS)},
          {"events_per_s", std::round(events / wallS)}, {"live_frames", static_cast<double>(withQueues.size() + withoutQueues.size())},
          {"live_frame_ms_p50_queues", round2(percentile(withQueues, 50))}, {"live_frame_ms_p95_queues", round2(percentile(withQueues, 95))},
          {"live_frame_ms_p50_no_queues", round2(percentile(withoutQueues, 50))}, {"live_frame_ms_p95_no_queues", round2(percentile(withoutQueues, 95))},
          {"queues_per_frame", withQueues.empty() ? 0.0 : round2(double(queuesDrawn) / withQueues.size())},
          {"longest_queue_m", longestQueueM}, {"long_per_frame", withQueues.empty() ? 0.0 : round2(double(longQueues) / withQueues.size())},
          {"spillback_per_frame", withQueues.empty() ? 0.0 : round2(double(spillbacks) / withQueues.size())},
          {"roads_with_vehicles_per_frame", roadsMeasured == 0 ? 0.0 : round2((roadsByLevel[0] + roadsByLevel[1] + roadsByLevel[2] + roadsByLevel[3]) / roadsMeasured)},
          {"roads_busy_per_frame", roadsMeasured == 0 ? 0.0 : round2(roadsByLevel[1] / roadsMeasured)},
          {"roads_long_per_frame", roadsMeasured == 0 ? 0.0 : round2(roadsByLevel[2] / roadsMeasured)},
          {"roads_spillback_per_frame", roadsMeasured == 0 ? 0.0 : round2(roadsByLevel[3] / roadsMeasured)}});
    if (parser.isSet(QStringLiteral("dump"))) {   // the city as it stood at the end, the traffic shading on
        renderer.setLayerVisible(QStringLiteral("traffic"), true);
        renderer.setLayerVisible(QStringLiteral("roadtraffic"), true);
        QImage shaded(view.size(), QImage::Format_ARGB32_Premultiplied);
        shaded.fill(Qt::black);
        {
            QPainter painter(&shaded);
            renderer.render(painter, view);
        }
        const QString file = parser.value(QStringLiteral("dump")) + QStringLiteral("-cosim.png");
        if (!shaded.save(file))
            std::fprintf(stderr, "cityops-bench cosim: could not write %s\n", qPrintable(file));
    }
    return 0;
}
#endif

} // namespace cityops::bench
