// How far a gateway's clock runs from the console's, as the link judges it from the times on its reports
// (GatewayClocks): the freshest report of the last 10-20 s, so a backlog delivered late does not make a gateway
// look behind, a clock set right shows at once, and a gateway started again is judged afresh. Time is the test's own. Through a broker: tst_mqttoutages.
#include "link/gatewayclocks.h"

#include <QTest>

using namespace cityops;

namespace {
constexpr std::int64_t kT0 = 1'790'000'000'000;
constexpr std::int64_t kWindow = GatewayClocks::kWindowMs;
} // namespace

class TestGatewayClocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aGatewayNeverHeardHasNoClock()
    {
        GatewayClocks clocks;
        QCOMPARE(clocks.aheadMs(0), std::nullopt);
        clocks.heard(2, kT0 - 42'000, kT0);
        QCOMPARE(clocks.aheadMs(0), std::nullopt);
        QCOMPARE(clocks.aheadMs(3), std::nullopt);
        QCOMPARE(clocks.aheadMs(-1), std::nullopt);
        clocks.heard(-1, kT0, kT0);   // no gateway: nothing kept
        QCOMPARE(clocks.aheadMs(-1), std::nullopt);
        QCOMPARE(clocks.aheadMs(2), std::optional<std::int64_t>(-42'000));
    }

    void aBacklogArrivingLateDoesNotMakeAGatewayLookBehind()
    {
        // Gateway 0 runs 3 s ahead; its reports take 20 ms to arrive. Then a minute it kept while its broker was away
        // arrives at once: its reports are a minute old, its clock is not.
        GatewayClocks clocks;
        clocks.heard(0, kT0 + 3000 - 20, kT0);
        clocks.heard(0, kT0 + 1000 + 3000 - 20, kT0 + 1000);
        QCOMPARE(clocks.aheadMs(0), std::optional<std::int64_t>(2980));
        for (int i = 0; i < 60; ++i)
            clocks.heard(0, kT0 - 60'000 + i * 1000 + 3000, kT0 + 2000);
        QCOMPARE(clocks.aheadMs(0), std::optional<std::int64_t>(2980));
        // The next window holds only the backlog's end: the last window's freshest still counts.
        clocks.heard(0, kT0 + 3000 - 15'000, kT0 + kWindow + 1000);
        QCOMPARE(clocks.aheadMs(0), std::optional<std::int64_t>(2980));
        // Fresh reports again: the judgement follows them.
        clocks.heard(0, kT0 + kWindow + 2000 + 3000 - 5, kT0 + kWindow + 2000);
        QCOMPARE(clocks.aheadMs(0), std::optional<std::int64_t>(2995));
    }

    void aClockSetRightShowsAtOnceAndOneSetBackWithinTwoWindows()
    {
        GatewayClocks clocks;
        clocks.heard(1, kT0 - 42'000, kT0);   // 42 s behind
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(-42'000));
        clocks.heard(1, kT0 + 1000, kT0 + 1000);   // NTP set it right
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(0));
        // Set back by 42 s: the freshest of the last two windows still says 0 until both have passed.
        std::int64_t now = kT0 + 2000;
        clocks.heard(1, now - 42'000, now);
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(0));
        now += kWindow;
        clocks.heard(1, now - 42'000, now);
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(0));
        now += kWindow;
        clocks.heard(1, now - 42'000, now);
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(-42'000));
        // Started again (a new boot): judged afresh, from its next report on.
        clocks.heard(1, now + 1000, now + 1000);
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(0));
        clocks.forget(1);
        QCOMPARE(clocks.aheadMs(1), std::nullopt);
        clocks.heard(1, now + 2000 - 42'000, now + 2000);
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(-42'000));
        clocks.forget(7);   // never heard: nothing to forget
        // Each gateway its own.
        clocks.heard(0, now + 90'000, now);
        QCOMPARE(clocks.aheadMs(0), std::optional<std::int64_t>(90'000));
        QCOMPARE(clocks.aheadMs(1), std::optional<std::int64_t>(-42'000));
    }
};

QTEST_GUILESS_MAIN(TestGatewayClocks)
#include "tst_gatewayclocks.moc"
