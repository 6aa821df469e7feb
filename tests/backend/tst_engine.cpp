#include "city/sumoimport.h"
#include "engine/engine.h"
#include "link/simlink.h"

#include <QDateTime>
#include <QTimeZone>
#include <QSignalSpy>
#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
