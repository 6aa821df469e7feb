// The command queue alone, on a clock the test moves: attempts, answer and confirmation deadlines, retries only
// for idempotent set-points, confirmation by the reported state, and nothing left behind once a target is done.
#include "ops/commandqueue.h"

#include <QtTest>

using namespace cityops;

namespace {
const DispatchConfig kConfig{3000, 5000, 3, 0};
DeviceCommand dim(DeviceIndex device, int level) { return {7, 0, 0, device, CommandAction::LightDim, level, 1'000'000, {}, {}}; }
DeviceState lampAt(int level)
{
    DeviceState s;
    s.level = static_cast<std::uint8_t>(level);
    s.reported = true;
    return s;
}
struct Tick {
    std::vector<std::pair<CommandQueue::Key, DeviceCommand>> resend;
    std::vector<CommandQueue::Verdict> timedOut;
};
Tick tickAt(CommandQueue &q, std::int64_t now)
{
    Tick t;
    q.tick(now, t.resend, t.timedOut);
    return t;
}
} // namespace

class TestCommandQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void idempotentRetriedThenTimedOut()
    {
        CommandQueue q(kConfig);
        const DeviceCommand first = q.send({7, 0}, dim(3, 40), true, lampAt(100), 0);
        QCOMPARE(first.attempt, std::uint8_t(1));
        QVERIFY(tickAt(q, 2999).resend.empty());
        Tick t = tickAt(q, 3000);
        QCOMPARE(t.resend.size(), size_t(1));
        QCOMPARE(t.resend[0].second.attempt, std::uint8_t(2));
        t = tickAt(q, 6000);
        QCOMPARE(t.resend.at(0).second.attempt, std::uint8_t(3));
        QVERIFY(t.timedOut.empty());
        t = tickAt(q, 9000);
        QVERIFY(t.resend.empty());
        QCOMPARE(t.timedOut.size(), size_t(1));
        QVERIFY(t.timedOut[0].reason.contains(QLatin1String("3 attempt")));
    }

    void notIdempotentGetsOneAttempt()
    {
        CommandQueue q(kConfig);
        DeviceCommand advance{8, 0, 0, 1, CommandAction::SignalAdvancePhase, 0, 1'000'000, {}, {}};
        q.send({8, 0}, advance, false, DeviceState{}, 0);
        const Tick t = tickAt(q, 3000);
        QVERIFY(t.resend.empty());
        QCOMPARE(t.timedOut.size(), size_t(1));
        QVERIFY(t.timedOut[0].reason.contains(QLatin1String("1 attempt")));
    }

    void acceptedThenNeverShown()
    {
        CommandQueue q(kConfig);
        q.send({7, 0}, dim(3, 40), true, lampAt(100), 0);
        QVERIFY(q.accept({7, 0}, 200));
        QVERIFY(!q.accept({7, 0}, 300));   // a second copy of the answer changes nothing
        QVERIFY(tickAt(q, 5000).timedOut.empty());   // accepted: no retry, the confirm deadline runs from 200
        const Tick t = tickAt(q, 5200);
        QCOMPARE(t.timedOut.size(), size_t(1));
        QVERIFY(t.timedOut[0].reason.contains(QLatin1String("never showed")));
    }

    void confirmedByTheReportedState()
    {
        CommandQueue q(kConfig);
        q.send({7, 0}, dim(3, 40), true, lampAt(100), 0);
        q.send({7, 1}, dim(4, 40), true, lampAt(100), 0);
        QVERIFY(q.confirmedBy(3, lampAt(100)).empty());
        const auto confirmed = q.confirmedBy(3, lampAt(40));
        QCOMPARE(confirmed.size(), size_t(1));
        QCOMPARE(confirmed[0], (CommandQueue::Key{7, 0}));
        QVERIFY(q.awaits(3));
        q.finish({7, 0});
        QVERIFY(!q.awaits(3));
        QVERIFY(q.find({7, 0}) == nullptr);
        QCOMPARE(q.size(), size_t(1));
        QVERIFY(tickAt(q, 3000).resend.size() == 1);   // only the other one is still in flight
    }

    void automaticNeedsAcceptanceFirst()
    {
        CommandQueue q(kConfig);
        DeviceCommand autoMode{9, 0, 0, 5, CommandAction::LightAuto, 0, 1'000'000, {}, {}};
        q.send({9, 0}, autoMode, true, lampAt(100), 0);
        // A routine report arrives before the device has even answered: it proves nothing.
        QVERIFY(q.confirmedBy(5, lampAt(100)).empty());
        QVERIFY(q.accept({9, 0}, 100));
        QCOMPARE(q.confirmedBy(5, lampAt(100)).size(), size_t(1));
    }

    void keepsTheStateItFound()
    {
        CommandQueue q(kConfig);
        q.send({7, 0}, dim(3, 40), true, lampAt(80), 0);
        QCOMPARE(q.find({7, 0})->before.level, std::uint8_t(80));
        (void)tickAt(q, 3000);   // a retry does not change what the device was like before the order
        QCOMPARE(q.find({7, 0})->before.level, std::uint8_t(80));
    }
};

QTEST_GUILESS_MAIN(TestCommandQueue)
#include "tst_commandqueue.moc"
