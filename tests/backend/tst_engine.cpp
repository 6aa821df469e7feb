#include "city/sumoimport.h"
#include "engine/engine.h"
#include "link/simlink.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QTimeZone>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace cityops;

namespace {

/// A piece of Berlin-Adlershof imported from its SUMO network (null if it does not import).
std::shared_ptr<const CityModel> smallCity()
{
    ImportOptions options;
    options.timezone = QStringLiteral("Europe/Berlin");
    auto imported = importSumoNet(QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"), options);
    return imported.ok() ? std::make_shared<const CityModel>(std::move(imported).value()) : nullptr;
}

/// A field over a network that says nothing: no time base of its own, as a broker's.
class QuietField : public FieldLink {
public:
    void start() override { setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("nowhere"))); }
    void stop() override {}
    void send(const std::vector<DeviceCommand> &) override {}
};

/// A traffic simulation the test paces: each step waits until the test lets simulated time that far (or opens the
/// gate for good). It runs no signals (the timetable keeps them); what it shows is its pace.
struct Gate {
    std::mutex mutex;
    std::condition_variable moved;
    std::int64_t allowedMs = 0;
    bool open = false;
    void allow(std::int64_t ms)
    {
        {
            std::lock_guard lock(mutex);
            allowedMs = std::max(allowedMs, ms);
        }
        moved.notify_all();
    }
    void openForGood()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        moved.notify_all();
    }
};

class GatedPlant : public SignalPlant {
public:
    explicit GatedPlant(std::shared_ptr<Gate> gate) : m_gate(std::move(gate)) {}
    QString name() const override { return QStringLiteral("gated"); }
    std::int64_t stepMs() const override { return 1000; }
    bool runs(std::uint32_t) const override { return false; }
    SignalReading reading(std::uint32_t) const override { return {}; }
    Status advanceTo(std::int64_t untilMs, std::vector<std::uint32_t> &) override
    {
        std::unique_lock lock(m_gate->mutex);
        if (!m_gate->moved.wait_for(lock, std::chrono::seconds(60), [&] { return m_gate->open || untilMs <= m_gate->allowedMs; }))
            return makeError(QStringLiteral("the test never let it run"));
        return Ok{};
    }
    QString runProgram(std::uint32_t, int) override { return {}; }
    QString holdPhase(std::uint32_t, int) override { return {}; }
    QString flash(std::uint32_t) override { return {}; }
    QString dark(std::uint32_t) override { return {}; }
    Status start(std::int64_t) override { return Ok{}; }

private:
    std::shared_ptr<Gate> m_gate;
};

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void simulatedCityFlowsIntoTheStores()
    {
        const auto city = smallCity();
        QVERIFY(city);

        Engine engine(city);
        QSignalSpy status(&engine, &Engine::linkStatusChanged);
        SimLinkOptions sim;
        sim.speed = 60;
        sim.warmUpHours = 2;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QString(),
                     QDateTime::currentMSecsSinceEpoch() - 2 * 3600'000);
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!engine.loads().snapshot().timesMs.empty(), 5000);

        // Every signal reported and is online; feeders carry load; the history covers the warm-up.
        QTRY_VERIFY(engine.stats().processed > 1000);
        for (const SignalInfo &s : city->signals)
            QVERIFY(engine.states().state(s.device).version > 0);
        for (const FeederInfo &f : city->feeders)
            QVERIFY(engine.states().state(f.device).value > 0);
        const auto history = engine.loads().snapshot();
        QVERIFY(history.timesMs.size() >= 300); // close to an hour of 10 s buckets
        QCOMPARE(engine.stats().dropped, std::uint64_t(0));

        // At 60x the city moves on: sequence numbers keep rising.
        const auto seq = engine.stats().lastSeq;
        QTRY_VERIFY_WITH_TIMEOUT(engine.stats().lastSeq > seq, 5000);
        QVERIFY(engine.clock().speed() == 60.0);
        engine.stop();
        QCOMPARE(engine.linkStatus().state, LinkState::Disconnected);
        QVERIFY(status.count() >= 2);
        engine.stop(); // twice is harmless
    }

    void aSimulatedCitysClockStandsUntilItsWarmUpIsDone()
    {
        const auto city = smallCity();
        QVERIFY(city);

        // Three days of warm-up at 100x: had the clock run meanwhile, the city would go live minutes behind it.
        Engine engine(city);
        SimLinkOptions sim;
        sim.speed = 100;
        sim.warmUpHours = 72;
        sim.startMs = QDateTime(QDate(2026, 11, 24), QTime(17, 0), QTimeZone(QByteArrayLiteral("Europe/Berlin"))).toMSecsSinceEpoch();
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QString(), sim.startMs - 72 * 3600'000);
        int readsWhileWarmingUp = 0;
        while (engine.linkStatus().state != LinkState::Connected) {
            QCOMPARE(engine.clock().nowMs(), sim.startMs);
            ++readsWhileWarmingUp;
            QTest::qWait(5);
        }
        QVERIFY(readsWhileWarmingUp > 0);
        // Live: it runs from its origin at the link's speed.
        QTRY_VERIFY(engine.clock().nowMs() > sim.startMs);
        engine.stop();
    }

    /// The clock on a wall the test moves: it stands at its limit, goes on from there (not from where the wall would
    /// have taken it), never goes back, and runs freely when nobody limits it.
    /// A real field's clock is the system's as it stands: NTP setting it a minute forward after the console started
    /// moves the console's time with it; setting it back holds the console's time until the system's catches up.
    void aRealFieldsClockFollowsTheSystemClockAndNeverGoesBack()
    {
        std::int64_t wall = 0;
        std::int64_t system = 1'796'000'000'000;
        ConsoleClock clock([&wall] { return wall; });
        clock.followSystem([&system] { return system; });
        QVERIFY(clock.followsSystem());
        QCOMPARE(clock.nowMs(), 1'796'000'000'000);
        wall = 1000;   // the console's own running time does not count: the system's does
        system += 1000;
        QCOMPARE(clock.nowMs(), 1'796'000'001'000);
        system += 60'000;   // stepped forward
        QCOMPARE(clock.nowMs(), 1'796'000'061'000);
        system -= 30'000;   // stepped back: held
        QCOMPARE(clock.nowMs(), 1'796'000'061'000);
        system += 30'500;
        QCOMPARE(clock.nowMs(), 1'796'000'061'500);
        clock.start(5'000, 1.0);   // a simulated city's clock again
        QVERIFY(!clock.followsSystem());
        QCOMPARE(clock.nowMs(), 5'000);
    }

    /// Which clock an engine runs on: a link without a time base of its own (a real field over a broker) gets the
    /// system's; the simulator its scaled, held one.
    void anEngineOnARealFieldRunsOnTheSystemClock()
    {
        const auto city = smallCity();
        QVERIFY(city);
        Engine engine(city);
        engine.start(std::make_unique<QuietField>());
        QVERIFY(engine.clock().followsSystem());
        QVERIFY(std::llabs(engine.clock().nowMs() - QDateTime::currentMSecsSinceEpoch()) < 60'000);
        engine.stop();
    }

    void theClockStandsAtItsLimitAndGoesOnFromThere()
    {
        std::int64_t wall = 0;
        ConsoleClock clock([&wall] { return wall; });
        clock.start(1'000'000, 10.0);
        wall = 100;
        QCOMPARE(clock.nowMs(), 1'001'000);                 // free: 100 ms × 10
        clock.setLimit(1'002'000);
        wall = 1000;
        QCOMPARE(clock.nowMs(), 1'002'000);                 // stands at the limit, not 1'010'000
        wall = 5000;
        QCOMPARE(clock.nowMs(), 1'002'000);
        clock.setLimit(1'050'000);                          // the simulation moved on
        QCOMPARE(clock.nowMs(), 1'002'000);                 // no jump to where it would have been
        wall = 5100;
        QCOMPARE(clock.nowMs(), 1'003'000);                 // and on at ×10 from where it stood
        clock.setLimit(1'000'500);                          // a limit below what it shows holds it; never back
        wall = 6000;
        QCOMPARE(clock.nowMs(), 1'003'000);
        clock.setLimit(1'100'000);
        wall = 6200;
        QCOMPARE(clock.nowMs(), 1'005'000);
        // Held (a warm-up): a limit does not move it; released, it runs from its origin up to the limit.
        clock.startHeld(2'000'000, 10.0);
        clock.setLimit(2'000'300);
        wall = 9000;
        QCOMPARE(clock.nowMs(), 2'000'000);
        clock.release();
        wall = 9020;
        QCOMPARE(clock.nowMs(), 2'000'200);
        wall = 9100;
        QCOMPARE(clock.nowMs(), 2'000'300);
        // A fresh start has no limit.
        clock.start(3'000'000, 1.0);
        wall = 20'000;
        QCOMPARE(clock.nowMs(), 3'010'900);
    }

    /// A simulation slower than --speed (a traffic simulation the test holds back to about ×100 while ×600 is asked):
    /// the console's clock never runs more than its lead (150 s at ×600) ahead of what has been simulated, never goes
    /// back, the link says the pace it keeps, and once the simulation keeps up again the clock runs at ×600 again.
    void aSlowSimulationHoldsTheClockBack()
    {
        const auto city = smallCity();
        QVERIFY(city);
        auto gate = std::make_shared<Gate>();
        Engine engine(city);
        SimLinkOptions sim;
        sim.speed = 600;
        sim.warmUpHours = 0.5;
        sim.startMs = QDateTime(QDate(2026, 11, 24), QTime(17, 0), QTimeZone(QByteArrayLiteral("Europe/Berlin"))).toMSecsSinceEpoch();
        sim.signalPlant = [gate] { return std::make_unique<GatedPlant>(gate); };
        gate->allow(sim.startMs);
        auto link = std::make_unique<SimLink>(city, &engine.clock(), sim);
        std::atomic<std::int64_t> reached{0};
        connect(link.get(), &FieldLink::simulatedUpTo, this, [&reached](std::int64_t ms) { reached = ms; }, Qt::DirectConnection);
        engine.start(std::move(link), QString(), sim.startMs - 3600'000);
        const auto cleanup = qScopeGuard([&] {
            gate->openForGood();
            engine.stop();
        });
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10000);

        // The test's traffic simulation: 10 simulated seconds every 100 ms of wall time.
        QTimer pacer;
        QElapsedTimer wall;
        wall.start();
        connect(&pacer, &QTimer::timeout, this, [&] { gate->allow(sim.startMs + wall.elapsed() * 100); });
        pacer.start(20);
        const std::int64_t lead = 600 * 250;
        std::int64_t last = engine.clock().nowMs();
        LinkStatus said;
        while (wall.elapsed() < 20'000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            const std::int64_t now = engine.clock().nowMs();   // the clock first, then what it may be ahead of
            QVERIFY2(now <= reached + lead, qPrintable(QStringLiteral("the clock ran %1 s ahead of the simulation").arg((now - reached) / 1000)));
            QVERIFY(now >= last);
            last = now;
            said = engine.linkStatus();
            if (said.paceKept > 0)
                break;
        }
        // About ×100 is what it kept (the figure rounded to tens; the test's timer is not exact), and the words say so.
        QVERIFY2(said.paceKept > 0 && said.paceKept < 600 * 0.9, qPrintable(said.description()));
        QVERIFY2(said.description().contains(QStringLiteral("keeps ×%1").arg(said.paceKept)), qPrintable(said.description()));
        // Free again: the clock runs at ×600 from where it stood, and the words go.
        pacer.stop();
        gate->openForGood();
        const std::int64_t stood = engine.clock().nowMs();
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().paceKept == 0, 20'000);
        QVERIFY2(!engine.linkStatus().description().contains(QLatin1String("keeps")), qPrintable(engine.linkStatus().description()));
        QVERIFY(engine.clock().nowMs() > stood + 600 * 1000);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
