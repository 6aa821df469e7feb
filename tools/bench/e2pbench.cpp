#include "e2pbench.h"

#include "benchutil.h"
#include "pacedlink.h"

#include "city/citypackage.h"
#include "city/syntheticdevices.h"
#include "engine/engine.h"
#include "base/random.h"
#include "map/maprenderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QThread>
#include <QTimer>

#include <chrono>

namespace cityops::bench {
namespace {

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Pushes streetlight reports at a fixed rate. Each event's number rides in its power field (exact in a float up
/// to 2^24), and the moment it entered the engine's queue is kept under that number.
class PacedLink : public PacedBenchLink {
public:
    PacedLink(std::vector<DeviceIndex> lamps, double rate, double seconds)
        : PacedBenchLink(QStringLiteral("paced bench link"), 1), m_lamps(std::move(lamps)), m_rate(rate),
          m_pushedAt(static_cast<size_t>(rate * seconds) + 1, 0)
    {
    }
    const std::vector<std::int64_t> &pushedAt() const { return m_pushedAt; }
    size_t sent() const { return m_sent.load(); }

private:
    bool pace(double seconds) override
    {
        const auto due = std::min(m_pushedAt.size(), static_cast<size_t>(seconds * m_rate));
        std::vector<Event> batch;
        const std::int64_t now = steadyNs();
        for (size_t k = m_sent.load(); k < due; ++k) {
            const DeviceIndex lamp = m_lamps[m_rng.below(m_lamps.size())];
            batch.push_back(Event{0, 0, lamp, LightPayload{static_cast<std::uint8_t>(k % 2 ? 100 : 50), false, static_cast<float>(k)}});
            m_pushedAt[k] = now;
        }
        if (!batch.empty()) {
            sink()->push(std::move(batch), Overflow::Block);
            m_sent = due;
        }
        return due < m_pushedAt.size();
    }

    std::vector<DeviceIndex> m_lamps;
    double m_rate;
    std::vector<std::int64_t> m_pushedAt;
    std::atomic<size_t> m_sent{0};
    Random m_rng{17};
};

} // namespace

int runE2pBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    const double rate = parser.isSet(QStringLiteral("rate")) ? parser.value(QStringLiteral("rate")).toDouble() : 10'000.0;
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    const int fps = parser.value(QStringLiteral("fps")).toInt();
    if (rate * seconds >= 16'000'000) {
        std::fprintf(stderr, "cityops-bench: e2p numbers events in a float: keep rate × seconds under 16 million\n");
        return 2;
    }
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return 1;
    auto city = std::make_shared<CityModel>(*loaded);
    if (static_cast<int>(city->devices.size()) < devices)
        addSyntheticDevices(*city, static_cast<size_t>(devices) - city->devices.size(), 7);
    std::shared_ptr<const CityModel> shared = city;
    std::vector<DeviceIndex> lamps;
    for (const StreetlightInfo &l : shared->streetlights)
        lamps.push_back(l.device);

    // The map as the console shows it at whole-city zoom; every device starts reported and normal.
    CityMirror scene(shared);
    for (DeviceState &s : scene.states) {
        s.reported = s.online = true;
        s.level = 100;
    }
    MapRenderer renderer(scene);
    MapViewport home;
    home.setSize(QSize(1920, 1080));
    home.fit(shared->operationalBounds());
    QImage image(home.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter warm(&image);
        renderer.render(warm, home);   // basemap tiles once, as a running console has them
    }

    Engine engine(shared);
    auto link = std::make_unique<PacedLink>(lamps, rate, seconds);
    PacedLink *paced = link.get();
    engine.start(std::move(link));

    std::vector<double> latencyMs, frameMs;
    std::vector<StateStore::Change> changes;
    std::uint64_t version = 0;
    size_t superseded = 0;
    auto frame = [&] {
        QElapsedTimer t;
        t.start();
        changes.clear();
        version = engine.states().changedSince(version, changes);
        for (const StateStore::Change &c : changes)
            scene.states[c.index] = c.state;
        QPainter painter(&image);
        renderer.render(painter, home);
        painter.end();
        const std::int64_t shown = steadyNs();
        frameMs.push_back(t.nsecsElapsed() / 1e6);
        for (const StateStore::Change &c : changes) {
            const auto k = static_cast<size_t>(c.state.value);
            if (k < paced->pushedAt().size() && paced->pushedAt()[k] > 0)
                latencyMs.push_back((shown - paced->pushedAt()[k]) / 1e6);
            else
                ++superseded;
        }
    };
    QTimer frames;
    frames.setTimerType(Qt::PreciseTimer);
    QObject::connect(&frames, &QTimer::timeout, frame);
    frames.start(1000 / std::clamp(fps, 1, 240));
    QElapsedTimer total;
    total.start();
    while (total.elapsed() < static_cast<qint64>(seconds * 1000) + 500)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    frames.stop();
    engine.stop();
    emit({{"bench", "e2p"}, {"devices", static_cast<double>(shared->devices.size())}, {"rate", rate}, {"fps", fps},
          {"events", static_cast<double>(paced->sent())}, {"shown", static_cast<double>(latencyMs.size())},
          {"dropped", static_cast<double>(engine.stats().dropped)}, {"p50_ms", round2(percentile(latencyMs, 50))},
          {"p95_ms", round2(percentile(latencyMs, 95))}, {"p99_ms", round2(percentile(latencyMs, 99))},
          {"frame_p95_ms", round2(percentile(frameMs, 95))}});
    return 0;
}

} // namespace cityops::bench
