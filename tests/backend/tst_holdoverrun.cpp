// A signal a command holds or pre-empts for longer than such a hold should last raises "signal held too long"
// (ops/holdwatch.h): a pre-emption after 5 min, a hold by hand after 30; a renewal starts the clock again; restoring
// returns the alarm; a silent signal raises none; a restarted console dates the hold from its command, and a hold
// that began after an older one — restored, or a pre-emption the controller dropped — is dated from its own start
// and is not named as that order's. Real dispatcher and scripted devices, on a clock the test moves.
#include "dispatchrig.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kMinute = 60'000;

std::optional<Alarm> holdAlarm(const Rig &rig, DeviceIndex signal) { return rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun); }
bool activeHoldAlarm(const Rig &rig, DeviceIndex signal)
{
    const auto alarm = holdAlarm(rig, signal);
    return alarm && alarm->active;
}

/// Issues `action` on `signal` (approved by a supervisor: holds and pre-emptions are high risk) and runs until the
/// device confirms it; returns the order.
std::uint32_t command(Rig &rig, DeviceIndex signal, CommandAction action, int value)
{
    const auto issued = rig.order(action, {signal}, value);
    if (!issued.ok())
        return 0;
    if (isHighRisk(action) && !rig.ask(rig.sven, request::DecideOrder{issued->ref, true, {}, {}}).ok())
        return 0;
    return rig.runUntil(rig.finishing(issued->ref)) && rig.find(issued->ref)->count(CommandStage::Confirmed) == 1 ? issued->ref : 0;
}

/// The order Details and the hand-over name as holding `signal`, from the books as they stand; 0 for a hold this
/// console has no command of.
std::uint32_t holder(const Rig &rig, DeviceIndex signal)
{
    std::vector<Order> orders;
    rig.books().orders().snapshot(orders);
    const auto holding = holdingCommand(orders, signal, rig.books().states().state(signal).modeSinceMs);
    return holding ? holding->order->id : 0;
}

} // namespace

class TestHoldOverrun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aForgottenPreemptionRaisesAnAlarmUntilRestored()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 1);
        const std::uint32_t order = command(rig, signal, CommandAction::SignalPreempt, 1);
        QVERIFY(order);
        QCOMPARE(rig.bench.pipeline.books().states().state(signal).mode, std::uint8_t(SignalMode::Preempt));
        rig.run(4 * kMinute + 50'000);
        QVERIFY(!holdAlarm(rig, signal));   // a wave's pre-emption lasts seconds to two minutes: not yet
        rig.run(15'000);
        const auto alarm = holdAlarm(rig, signal);
        QVERIFY(alarm && alarm->active && !alarm->acknowledged);
        QCOMPARE(alarm->priority, AlarmPriority::Medium);
        QCOMPARE(alarm->text, QStringLiteral("pre-empted by order %1 for more than 5 min").arg(order));
        // One alarm, not one a second.
        rig.run(kMinute);
        QCOMPARE(holdAlarm(rig, signal)->id, alarm->id);
        // Restoring the signal ends the condition.
        QVERIFY(command(rig, signal, CommandAction::SignalRestore, 0));
        QVERIFY(!activeHoldAlarm(rig, signal));
        QVERIFY(holdAlarm(rig, signal));   // returned, listed until acknowledged
    }

    void aHoldByHandHasHalfAnHourAndARenewalStartsAgain()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 2);
        QVERIFY(command(rig, signal, CommandAction::SignalHoldPhase, 2));
        rig.run(29 * kMinute);
        QVERIFY(!holdAlarm(rig, signal));
        rig.run(2 * kMinute);
        QVERIFY(activeHoldAlarm(rig, signal));
        QVERIFY(holdAlarm(rig, signal)->text.startsWith(QLatin1String("held by order ")));
        // The operator means it: the same phase held again by a new order — the alarm returns, the clock restarts.
        const std::uint32_t renewal = command(rig, signal, CommandAction::SignalHoldPhase, 2);
        QVERIFY(renewal);
        rig.run(2'000);
        QVERIFY(!activeHoldAlarm(rig, signal));
        rig.run(28 * kMinute);
        QVERIFY(!activeHoldAlarm(rig, signal));
        rig.run(3 * kMinute);
        QVERIFY(activeHoldAlarm(rig, signal));
        QVERIFY(holdAlarm(rig, signal)->text.contains(QString::number(renewal)));
    }

    void aSilentHeldSignalRaisesNoHoldAlarm()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 3);
        QVERIFY(command(rig, signal, CommandAction::SignalPreempt, 0));
        rig.bench.feed(signal, PresencePayload{false, {}});
        rig.run(10 * kMinute);
        QVERIFY(!holdAlarm(rig, signal));   // its mode is not known now; the comm-loss alarm is the one
        QVERIFY(rig.books().alarms().forDevice(signal, AlarmCause::CommLoss));
    }

    void aRestartedConsoleDatesTheHoldFromItsCommand()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 4);
        QVERIFY(command(rig, signal, CommandAction::SignalHoldPhase, 1));
        rig.run(20 * kMinute);
        // A new process over the same books (the orders carried over), hearing the held signal for the first time.
        LiveOpsLoop restarted(rig.bench.pipeline, rig.city, 2, DispatchConfig{3000, 5000, 3});
        std::int64_t now = rig.bench.now;
        std::vector<Event> report{Event{0, now, signal, SignalPayload{0, 1, SignalMode::Manual, 0, false}}};
        restarted.ingest(report);
        for (; now < rig.bench.now + 9 * kMinute; now += 1000)
            restarted.tick(now);
        QVERIFY(!holdAlarm(rig, signal));   // 29 min since the command
        for (; now < rig.bench.now + 11 * kMinute; now += 1000)
            restarted.tick(now);
        QVERIFY(activeHoldAlarm(rig, signal));   // 31 min since the command, 11 since the restart
    }

    void aNewHoldIsNotDatedByAnOldRestoredOne()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 5);
        QVERIFY(command(rig, signal, CommandAction::SignalHoldPhase, 1));
        rig.run(5 * kMinute);
        QVERIFY(command(rig, signal, CommandAction::SignalRestore, 0));
        rig.run(20 * kMinute);
        // Held again by a command this console did not send (another console's): its own start dates it, not the
        // old hold 25 minutes ago that the restore ended.
        rig.bench.feed(signal, SignalPayload{0, 2, SignalMode::Manual, 0, false});
        QCOMPARE(holder(rig, signal), 0u);   // what Details and the hand-over name: not the restored hold
        rig.run(29 * kMinute);
        QVERIFY(!holdAlarm(rig, signal));
        rig.run(2 * kMinute);
        QVERIFY(activeHoldAlarm(rig, signal));
        QCOMPARE(holdAlarm(rig, signal)->text, QStringLiteral("held for more than 30 min"));   // not the old order's
    }

    void aHoldAfterAPreemptionTheControllerDroppedIsDatedFromItsOwnStart()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 7);
        const std::uint32_t preemption = command(rig, signal, CommandAction::SignalPreempt, 1);
        QVERIFY(preemption);
        QCOMPARE(holder(rig, signal), preemption);
        rig.run(3 * kMinute);
        QCOMPARE(holder(rig, signal), preemption);   // the controller's repeated reports do not move when it began
        // The controller drops the pre-emption on its own (its maximum presence): no restore in the orders.
        rig.bench.feed(signal, SignalPayload{0, 1, SignalMode::Normal, 0, false});
        rig.run(20 * kMinute);
        // Held by hand at the cabinet: dated from now, not from the pre-emption 23 minutes ago, and not named as
        // the pre-emption's in Details or the hand-over (the state says when this hold began).
        rig.bench.feed(signal, SignalPayload{0, 2, SignalMode::Manual, 0, false});
        QCOMPARE(rig.books().states().state(signal).modeSinceMs, rig.bench.now);
        QCOMPARE(holder(rig, signal), 0u);
        rig.run(29 * kMinute);
        QVERIFY(!holdAlarm(rig, signal));
        rig.run(2 * kMinute);
        QVERIFY(activeHoldAlarm(rig, signal));
        QCOMPARE(holdAlarm(rig, signal)->text, QStringLiteral("held for more than 30 min"));   // not the pre-emption's order
    }

    void aFlashOrProgramSwitchEndsTheHoldItFollows()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 6);
        const std::uint32_t hold = command(rig, signal, CommandAction::SignalHoldPhase, 1);
        QVERIFY(hold);
        QCOMPARE(holder(rig, signal), hold);
        QVERIFY(command(rig, signal, CommandAction::SignalFlash, 0));
        rig.bench.feed(signal, SignalPayload{0, 1, SignalMode::Manual, 0, false});   // another console holds it
        QCOMPARE(holder(rig, signal), 0u);
        const std::uint32_t again = command(rig, signal, CommandAction::SignalHoldPhase, 2);
        QVERIFY(again);
        QCOMPARE(holder(rig, signal), again);
        QVERIFY(command(rig, signal, CommandAction::SignalSwitchProgram, 0));
        rig.bench.feed(signal, SignalPayload{0, 1, SignalMode::Manual, 0, false});
        QCOMPARE(holder(rig, signal), 0u);
    }
};

QTEST_GUILESS_MAIN(TestHoldOverrun)
#include "tst_holdoverrun.moc"
