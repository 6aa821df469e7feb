#pragma once
// A live wall for widget tests: the real engine on the embedded simulator (a link the test can cut), the wall on it.

#include "engine/engine.h"
#include "link/simlink.h"
#include "state/citystatesource.h"
#include "store/eventstore.h"
#include "testcity.h"
#include "wall/videowall.h"
#include "wall/wallfeed.h"
#include "wall/wallmaptile.h"

#include <QColor>
#include <QDateTime>
#include <QImage>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace cityops::test {

/// A field that reports once (one device present) and then says nothing: the wall has live data, nothing moves.
class OneReportLink : public FieldLink {
public:
    void start() override
    {
        setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("one report")));
        std::vector<Event> batch{Event{0, QDateTime::currentMSecsSinceEpoch(), 0, PresencePayload{true, {}}}};
        sink()->push(std::move(batch), Overflow::DropNewest);
    }
    void stop() override {}
    void send(const std::vector<DeviceCommand> &) override {}
};

/// A wall of one panel, the city map, over a field that reported once: live data, and nothing moves but what the test
/// puts into the wall's scene.
struct QuietMapWall {
    std::shared_ptr<const CityModel> city = test::networkCity();
    Engine engine{city};
    std::unique_ptr<VideoWall> wall;

    QuietMapWall()
    {
        engine.start(std::make_unique<OneReportLink>());
        WallLayout layout;
        layout.rows = 1;
        layout.columns = 1;
        layout.tiles = {{WallTileKind::CityMap, 0, 0, 1, 1, -1, 0}};
        wall = std::make_unique<VideoWall>(engine, layout);
        wall->show(false);
    }
    ~QuietMapWall() { engine.stop(); }
    WallMapTile *map() const { return dynamic_cast<WallMapTile *>(wall->tileAt(0, 0)); }
};

/// The live city's books seen at another moment: what a replay's source looks like to the wall.
class PastSource : public CityStateSource {
public:
    PastSource(const CityStateSource &live, std::int64_t atMs) : m_live(live), m_atMs(atMs) {}
    const CityBooks &books() const override { return m_live.books(); }
    std::int64_t nowMs() const override { return m_atMs; }

private:
    const CityStateSource &m_live;
    std::int64_t m_atMs;
};

/// The simulator, with a field link the test can cut.
class CuttableLink : public SimLink {
public:
    using SimLink::SimLink;
    void cut() { setStatus(LinkStatus::network(LinkState::Disconnected, QStringLiteral("cut by the test"))); }
    /// What this simulator's link says when its SUMO stops: degraded, its other devices still reporting.
    void sumoStops()
    {
        setStatus(LinkStatus::simulator(LinkState::Degraded, 1, 0, true, QStringLiteral("SUMO stopped: killed by the test")));
    }
    /// The field gateways this link says it hears, as a broker link would (their clocks among what it says).
    void setGateways(std::vector<GatewaySummary> gateways)
    {
        std::lock_guard lock(m_gatewaysMutex);
        m_gateways = std::move(gateways);
    }
    std::vector<GatewaySummary> gateways() const override
    {
        std::lock_guard lock(m_gatewaysMutex);
        return m_gateways;
    }
    /// The room's desks whose recording this link says is in trouble, as a broker link's counters would.
    void setDesksRecording(std::vector<LinkCounters::DeskRecording> desks)
    {
        std::lock_guard lock(m_gatewaysMutex);
        m_desksRecording = std::move(desks);
    }
    LinkCounters counters() const override
    {
        LinkCounters c = SimLink::counters();
        std::lock_guard lock(m_gatewaysMutex);
        c.consolesRecordingTrouble = m_desksRecording;
        return c;
    }

private:
    mutable std::mutex m_gatewaysMutex;
    std::vector<GatewaySummary> m_gateways;
    std::vector<LinkCounters::DeskRecording> m_desksRecording;
};

/// Pixels within `tolerance` (summed over red, green, blue) of `color`, every second pixel of every second row.
inline int countColor(const QImage &image, const QColor &color, int tolerance = 12)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) + std::abs(c.blue() - color.blue()) <= tolerance;
        }
    return n;
}

/// The default city live on the simulator (two hours warmed up), and a wall on it, shown.
struct LiveWall {
    std::shared_ptr<const CityModel> city = test::networkCity();
    Engine engine{city};
    CuttableLink *link = nullptr;
    std::unique_ptr<VideoWall> wall;

    /// `store`: the wall records into it (a wall started without --no-store).
    explicit LiveWall(WallLayout layout = WallLayout::builtIn(), std::unique_ptr<EventStore> store = nullptr)
    {
        SimLinkOptions sim;
        sim.seed = 7;
        sim.warmUpHours = 2;
        auto l = std::make_unique<CuttableLink>(city, &engine.clock(), sim);
        link = l.get();
        if (store)
            engine.attachStore(std::move(store));
        engine.start(std::move(l), QString(), QDateTime::currentMSecsSinceEpoch() - 2 * 3600'000);
        wall = std::make_unique<VideoWall>(engine, std::move(layout));
        wall->show(false);
    }
    ~LiveWall()
    {
        wall.reset();
        engine.stop();
    }
    bool settled()
    {
        wall->refreshNow();
        return engine.linkStatus().state == LinkState::Connected && !wall->feed().incidents().empty() && wall->feed().cityLoadKw() > 0;
    }
};

} // namespace cityops::test
