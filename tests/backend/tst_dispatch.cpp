// Every command path through the real Engine and a scripted FakeLink: confirmed, rejected, timed out (with and
// without retries), accepted late, never confirmed, device offline, duplicate refused, reserved, cancelled,
// approval denied, expired; restore; the named workflows. Send counts are exact.
#include "core/engine.h"
#include "fakelink.h"
#include "ops/workflows.h"
#include "storetesting.h"

#include <QSignalSpy>
#include <QTest>

#include <future>

using namespace cityops;
using namespace cityops::test;
using B = FakeLink::Behaviour;

namespace {

Actor person(const char *user, Role role, QList<int> districts = {}) { return Actor{QString::fromLatin1(user), {role}, std::move(districts)}; }

/// Engine + FakeLink at 5× speed: 3 s answer timeout (0.6 s of wall time), 5 s confirm timeout, 3 attempts.
/// Devices answer after 40 ms, late ones after 900 ms (after the first retry, before the second).
struct Rig {
    std::shared_ptr<const CityModel> city = fixtureCity();
    Engine engine{city};
    FakeLink *link = nullptr;
    Actor olga = person("olga", Role::Operator);
    Actor sven = person("sven", Role::Supervisor);

    explicit Rig(const std::map<DeviceIndex, B> &script = {})
    {
        engine.setDispatchConfig({3000, 5000, 3});
        auto fake = std::make_unique<FakeLink>(city, &engine.clock(), 5.0, 40, 900);
        for (const auto &[device, behaviour] : script)
            fake->script(device, behaviour);
        link = fake.get();
        engine.start(std::move(fake));
    }
    bool ready() const { return engine.linkStatus().state == LinkState::Connected && engine.stats().processed > city->devices.size(); }
    Result<OpsReceipt> ask(const Actor &actor, OpsRequest request)
    {
        std::promise<Result<OpsReceipt>> answer;
        auto future = answer.get_future();
        engine.request(actor, std::move(request), [&answer](const Result<OpsReceipt> &r) { answer.set_value(r); });
        return future.get();
    }
    Result<OpsReceipt> order(CommandAction action, std::vector<DeviceIndex> devices, int value = 0, std::int64_t validForMs = 15 * 60'000)
    {
        OrderSpec spec;
        spec.description = commandActionName(action);
        spec.validForMs = validForMs;
        for (DeviceIndex d : devices)
            spec.targets.push_back({d, action, value, 0, 0});
        return ask(olga, request::IssueOrder{spec});
    }
    std::optional<Order> find(std::uint32_t id) const { return engine.orders().find(id); }
    bool finished(std::uint32_t id) const
    {
        const auto o = find(id);
        return o && o->stage == CommandStage::Finished;
    }
    DeviceIndex nth(DeviceKind kind, int n = 0) const
    {
        for (DeviceIndex d = 0; d < city->devices.size(); ++d)
            if (city->devices[d].kind == kind && n-- == 0)
                return d;
        return kNoDevice;
    }
};

} // namespace

class TestDispatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flashNeedsApprovalThenConfirms()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        QTRY_VERIFY(rig.ready());
        const auto requested = rig.ask(rig.olga, request::IssueOrder{workflows::flashAndDispatch(*rig.city, {signal})});
        QVERIFY2(requested.ok(), qPrintable(requested.error()));
        const std::uint32_t id = requested->ref;
        QCOMPARE(rig.find(id)->stage, CommandStage::AwaitingApproval);
        QCOMPARE(rig.find(id)->requestedBy, QStringLiteral("olga"));
        QTest::qWait(200);
        QCOMPARE(rig.link->sends(signal), 0);   // nothing goes out before approval

        // Not by the requester, not by an operator: a second person, a supervisor.
        QVERIFY(!rig.ask(rig.olga, request::DecideOrder{id, true, {}}).ok());
        QVERIFY(!rig.ask(person("otto", Role::Operator), request::DecideOrder{id, true, {}}).ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{id, true, QStringLiteral("checked on camera")}).ok());
        QCOMPARE(rig.find(id)->approvedBy, QStringLiteral("sven"));
        QCOMPARE(rig.engine.orders().reservedBy(signal), id);   // reserved, visibly to everyone

        QTRY_VERIFY(rig.finished(id));
        QCOMPARE(rig.find(id)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(rig.link->sends(signal), 1);
        QCOMPARE(SignalMode(rig.engine.states().state(signal).mode), SignalMode::Flash);
        QCOMPARE(rig.engine.orders().reservedBy(signal), 0u);

        // The workflow dispatched responders: a field-work incident in the signal's district.
        std::vector<Incident> incidents;
        QTRY_VERIFY([&] {
            rig.engine.incidents().snapshot(incidents);
            return std::any_of(incidents.begin(), incidents.end(), [](const Incident &i) { return i.kind == IncidentKind::FieldWork; });
        }());
        const Incident work = *std::find_if(incidents.begin(), incidents.end(), [](const Incident &i) { return i.kind == IncidentKind::FieldWork; });
        QCOMPARE(work.state, IncidentState::Dispatched);
        QCOMPARE(work.linked.front(), signal);
        const int district = work.district;
        QVERIFY(district >= 0);
        const auto elsewhere = rig.ask(person("otto", Role::Responder, {district + 1}), request::TransitionIncident{work.id, IncidentState::Acknowledged});
        QVERIFY(!elsewhere.ok());
        QVERIFY(rig.ask(person("rita", Role::Responder, {district}), request::TransitionIncident{work.id, IncidentState::Acknowledged}).ok());
        QCOMPARE(rig.engine.incidents().find(work.id)->acknowledgedBy, QStringLiteral("rita"));
    }

    void rejected()
    {
        Rig rig({{Rig().nth(DeviceKind::Streetlight), B::Reject}});
        const DeviceIndex lamp = rig.nth(DeviceKind::Streetlight);
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QTRY_VERIFY(rig.finished(r->ref));
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::Rejected);
        QCOMPARE(t.reason, QStringLiteral("local manual control"));
        QCOMPARE(rig.link->sends(lamp), 1);   // a refusal is an answer: no retry
    }

    void idempotentRetriedThenTimedOut()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::NeverAnswer}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(r.ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 20000);
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::TimedOut);
        QCOMPARE(t.attempt, std::uint8_t(3));
        QCOMPARE(rig.link->sends(lamp), 3);
        QVERIFY(t.reason.contains(QLatin1String("3 attempt")));
    }

    void notIdempotentNeverRetried()
    {
        Rig probe;
        const DeviceIndex signal = probe.nth(DeviceKind::SignalController);
        Rig rig({{signal, B::NeverAnswer}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::SignalAdvancePhase, {signal});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 20000);
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::TimedOut);
        QCOMPARE(rig.link->sends(signal), 1);
    }

    void acceptedLateCountsOnce()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::AcceptLate}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 30);
        QVERIFY(r.ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 20000);
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(rig.link->sends(lamp), 2);   // the retry went out before the late answer came
        QCOMPARE(rig.engine.states().state(lamp).level, std::uint8_t(30));
    }

    void acceptedButNeverShown()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::AcceptNoConfirm}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightOff, {lamp});
        QVERIFY(r.ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 20000);
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::TimedOut);
        QVERIFY(t.reason.contains(QLatin1String("never showed")));
        QCOMPARE(rig.link->sends(lamp), 1);
    }

    void offlineDeviceRejectedWithoutSending()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::Offline}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightOn, {lamp});
        QVERIFY(r.ok());
        QTRY_VERIFY(rig.finished(r->ref));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Rejected);
        QCOMPARE(rig.find(r->ref)->targets.front().reason, QStringLiteral("device offline"));
        QCOMPARE(rig.link->sends(lamp), 0);
    }

    void duplicateAndReservedRefusedAtOnce()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        const DeviceIndex other = probe.nth(DeviceKind::Streetlight, 1);
        Rig rig({{lamp, B::NeverAnswer}});
        QTRY_VERIFY(rig.ready());
        const auto first = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(first.ok());
        const auto duplicate = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(!duplicate.ok());
        QVERIFY2(duplicate.error().contains(QLatin1String("duplicate")), qPrintable(duplicate.error()));
        const auto reserved = rig.order(CommandAction::LightOff, {other, lamp});
        QVERIFY(!reserved.ok());
        QVERIFY2(reserved.error().contains(QLatin1String("reserved by order")), qPrintable(reserved.error()));
        QVERIFY(rig.order(CommandAction::LightOff, {other}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(first->ref), 20000);
        QCOMPARE(rig.link->sends(lamp), 3);   // the refused requests sent nothing
    }

    void cancelStopsRetries()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::NeverAnswer}});
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(r.ok());
        QTRY_COMPARE(rig.link->sends(lamp), 1);
        QVERIFY(!rig.ask(person("otto", Role::Operator), request::CancelOrder{r->ref}).ok());   // not his order
        const auto cancelled = rig.ask(rig.olga, request::CancelOrder{r->ref});
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error()));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Cancelled);
        QTest::qWait(2000);   // three answer timeouts
        QCOMPARE(rig.link->sends(lamp), 1);
        QCOMPARE(rig.engine.orders().reservedBy(lamp), 0u);
    }

    void approvalDenied()
    {
        Rig rig;
        const DeviceIndex feeder = rig.nth(DeviceKind::Feeder);
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::FeederShed, {feeder});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, false, QStringLiteral("hospital on that feeder")}).ok());
        const Order o = *rig.find(r->ref);
        QCOMPARE(o.stage, CommandStage::Finished);
        QCOMPARE(o.deniedReason, QStringLiteral("hospital on that feeder"));
        QCOMPARE(o.targets.front().stage, CommandStage::Cancelled);
        QTest::qWait(200);
        QCOMPARE(rig.link->sends(feeder), 0);
        // A supervisor's own request still needs another supervisor.
        OrderSpec spec;
        spec.targets.push_back({feeder, CommandAction::FeederShed, 0, 0, 0});
        const auto own = rig.ask(rig.sven, request::IssueOrder{spec});
        QVERIFY(own.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{own->ref, true, {}}).error().contains(QLatin1String("second person")));
        QVERIFY(rig.ask(person("sara", Role::Supervisor), request::DecideOrder{own->ref, true, {}}).ok());
    }

    void expiresWhileAwaitingApproval()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        QTRY_VERIFY(rig.ready());
        const auto r = rig.order(CommandAction::SignalFlash, {signal}, 0, 10'000);   // 2 s of wall time at 5×
        QVERIFY(r.ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 8000);
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Expired);
        QVERIFY(!rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}}).ok());   // too late to approve
        QCOMPARE(rig.link->sends(signal), 0);
    }

    void restoreReturnsPriorState()
    {
        Rig rig;
        const DeviceIndex a = rig.nth(DeviceKind::Streetlight), b = rig.nth(DeviceKind::Streetlight, 1);
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        QTRY_VERIFY(rig.ready());
        const std::uint8_t before = rig.engine.states().state(a).level;
        const auto dim = rig.order(CommandAction::LightDim, {a, b}, 40);
        QVERIFY(dim.ok());
        QTRY_VERIFY(rig.finished(dim->ref));
        QCOMPARE(rig.engine.states().state(a).level, std::uint8_t(40));
        const auto restore = rig.ask(rig.olga, request::RestoreOrder{dim->ref});
        QVERIFY2(restore.ok(), qPrintable(restore.error()));
        QCOMPARE(rig.find(restore->ref)->restores, dim->ref);
        QCOMPARE(rig.find(restore->ref)->targets.front().action, CommandAction::LightAuto);
        QTRY_VERIFY(rig.finished(restore->ref));
        QCOMPARE(rig.find(restore->ref)->count(CommandStage::Confirmed), 2);
        QCOMPARE(rig.engine.states().state(a).level, before);
        QCOMPARE(rig.engine.states().state(b).level, before);

        const auto flash = rig.order(CommandAction::SignalFlash, {signal});
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{flash->ref, true, {}}).ok());
        QTRY_VERIFY(rig.finished(flash->ref));
        const auto back = rig.ask(rig.olga, request::RestoreOrder{flash->ref});
        QVERIFY(back.ok());
        QTRY_VERIFY(rig.finished(back->ref));
        QCOMPARE(SignalMode(rig.engine.states().state(signal).mode), SignalMode::Normal);
        QVERIFY(!rig.ask(rig.olga, request::RestoreOrder{424242}).ok());
    }

    void shedInPriorityOrderThenRestore()
    {
        Rig rig;
        std::vector<DeviceIndex> feeders;
        for (const FeederInfo &f : rig.city->feeders)
            feeders.push_back(f.device);
        QVERIFY(feeders.size() >= 2);
        QTRY_VERIFY(rig.ready());
        const OrderSpec plan = workflows::shedFeeders(*rig.city, feeders, 0);
        const auto r = rig.ask(rig.olga, request::IssueOrder{plan});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.finished(r->ref), 20000);
        QCOMPARE(rig.find(r->ref)->count(CommandStage::Confirmed), int(2 * feeders.size()));
        // Sent one by one, least critical first, and restored most critical first.
        const std::vector<DeviceIndex> log = rig.link->sendLog();
        QCOMPARE(log.size(), 2 * feeders.size());
        auto priority = [&rig](DeviceIndex d) { return rig.city->feeders[size_t(rig.city->devices[d].detail)].priority; };
        for (size_t i = 1; i < feeders.size(); ++i)
            QVERIFY(priority(log[i - 1]) >= priority(log[i]));
        for (size_t i = 0; i < feeders.size(); ++i)
            QCOMPARE(log[feeders.size() + i], log[feeders.size() - 1 - i]);
        for (DeviceIndex f : feeders)
            QVERIFY(rig.engine.states().state(f).breakerClosed);
        // A shed by order is not a trip: no feeder-trip alarm.
        for (DeviceIndex f : feeders)
            QVERIFY(!rig.engine.alarms().forDevice(f, AlarmCause::FeederTrip));
    }

    void dimDistrictAndGreenWavePlans()
    {
        Rig rig;
        QTRY_VERIFY(rig.ready());
        const OrderSpec dim = workflows::dimDistrict(*rig.city, 0, 30);
        QVERIFY(!dim.targets.empty());
        for (const OrderTargetSpec &t : dim.targets) {
            QCOMPARE(rig.city->devices[t.device].district, 0);
            QCOMPARE(rig.city->devices[t.device].kind, DeviceKind::Streetlight);
        }
        // A route through two signals: both held in the order met, before the vehicle arrives, then released.
        const DeviceIndex s1 = rig.nth(DeviceKind::SignalController), s2 = rig.nth(DeviceKind::SignalController, 1);
        const GeoPoint p1 = rig.city->devices[s1].position, p2 = rig.city->devices[s2].position;
        const auto plan = workflows::greenWave(*rig.city, rig.engine.states(), {p1, p2}, 50.0, 5.0);
        QVERIFY(plan.signals.size() >= 2);
        QCOMPARE(plan.signals.front(), s1);
        QCOMPARE(plan.signals.back(), s2);
        const auto &targets = plan.spec.targets;
        QCOMPARE(targets.front().action, CommandAction::SignalPreempt);
        QVERIFY(targets[0].offsetMs <= targets[2].offsetMs);
        const auto r = rig.ask(rig.olga, request::IssueOrder{plan.spec});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}}).ok());
        QTRY_VERIFY(rig.find(r->ref)->count(CommandStage::Confirmed) >= 1);
        QCOMPARE(SignalMode(rig.engine.states().state(s1).mode), SignalMode::Preempt);
        QVERIFY(rig.ask(rig.olga, request::CancelOrder{r->ref}).ok());
    }
};

QTEST_GUILESS_MAIN(TestDispatch)
#include "tst_dispatch.moc"
