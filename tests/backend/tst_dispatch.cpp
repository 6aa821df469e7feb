// Every command path through the live ops loop and scripted field devices, on a clock the test moves: confirmed,
// rejected, timed out (with and without retries), accepted late, never confirmed, device offline, duplicate refused,
// reserved, cancelled, approval denied, expired; restore; the named workflows. Send counts are exact, and "nothing
// was sent" is asserted after driving the clock past every timeout, never after sleeping.
#include "opstesting.h"
#include "ops/workflows.h"
#include "ops/greenwavefollower.h"
#include "dispatchrig.h"
#include "security/approval.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace cityops;
using namespace cityops::test;
using B = ScriptedField::Behaviour;


class TestDispatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flashNeedsApprovalThenConfirms()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        const auto requested = rig.ask(rig.olga, request::IssueOrder{workflows::flashAndDispatch(*rig.city, {signal})});
        QVERIFY2(requested.ok(), qPrintable(requested.error()));
        const std::uint32_t id = requested->ref;
        QCOMPARE(rig.find(id)->stage, CommandStage::AwaitingApproval);
        QCOMPARE(rig.find(id)->requestedBy, QStringLiteral("olga"));
        rig.run(10'000);
        QCOMPARE(rig.field.sends(signal), 0);   // nothing goes out before approval

        // Not by the requester, not by an operator: a second person, a supervisor.
        QVERIFY(!rig.ask(rig.olga, request::DecideOrder{id, true, {}, {}}).ok());
        QVERIFY(!rig.ask(person("otto", Role::Operator), request::DecideOrder{id, true, {}, {}}).ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{id, true, QStringLiteral("checked on camera"), {}}).ok());
        QCOMPARE(rig.find(id)->approvedBy, QStringLiteral("sven"));
        QCOMPARE(rig.books().orders().reservedBy(signal), id);   // reserved, visibly to everyone

        QVERIFY(rig.runUntil(rig.finishing(id)));
        QCOMPARE(rig.find(id)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(rig.field.sends(signal), 1);
        QCOMPARE(SignalMode(rig.books().states().state(signal).mode), SignalMode::Flash);
        QCOMPARE(rig.books().orders().reservedBy(signal), 0u);

        // The workflow dispatched responders: a field-work incident in the signal's district.
        std::vector<Incident> incidents;
        QVERIFY(rig.runUntil([&] {
            rig.books().incidents().snapshot(incidents);
            return std::any_of(incidents.begin(), incidents.end(), [](const Incident &i) { return i.kind == IncidentKind::FieldWork; });
        }));
        const Incident work = *std::find_if(incidents.begin(), incidents.end(), [](const Incident &i) { return i.kind == IncidentKind::FieldWork; });
        QCOMPARE(work.state, IncidentState::Dispatched);
        QCOMPARE(work.linked.front(), signal);
        const int district = work.district;
        QVERIFY(district >= 0);
        const auto elsewhere = rig.ask(person("otto", Role::Responder, {district + 1}), request::TransitionIncident{work.id, IncidentState::Acknowledged, {}, 0});
        QVERIFY(!elsewhere.ok());
        QVERIFY(rig.ask(person("rita", Role::Responder, {district}), request::TransitionIncident{work.id, IncidentState::Acknowledged, {}, 0}).ok());
        QCOMPARE(rig.books().incidents().find(work.id)->acknowledgedBy, QStringLiteral("rita"));
    }

    void rejected()
    {
        Rig rig({{Rig().nth(DeviceKind::Streetlight), B::Reject}});
        const DeviceIndex lamp = rig.nth(DeviceKind::Streetlight);
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::Rejected);
        QCOMPARE(t.reason, QStringLiteral("local manual control"));
        QCOMPARE(rig.field.sends(lamp), 1);   // a refusal is an answer: no retry
    }

    void idempotentRetriedThenTimedOut()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::NeverAnswer}});
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::TimedOut);
        QCOMPARE(t.attempt, std::uint8_t(3));
        QCOMPARE(rig.field.sends(lamp), 3);
        QVERIFY(t.reason.contains(QLatin1String("3 attempt")));
    }

    void notIdempotentNeverRetried()
    {
        Rig probe;
        const DeviceIndex signal = probe.nth(DeviceKind::SignalController);
        Rig rig({{signal, B::NeverAnswer}});
        const auto r = rig.order(CommandAction::SignalAdvancePhase, {signal});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::TimedOut);
        QCOMPARE(rig.field.sends(signal), 1);
    }

    void acceptedLateCountsOnce()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::AcceptLate}});
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 30);
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(rig.field.sends(lamp), 2);   // the retry went out before the late answer came
        QCOMPARE(rig.books().states().state(lamp).level, std::uint8_t(30));
    }

    /// Issue 13's broker outage: the first attempt's "busy" comes back after the retry went out, and the retry then
    /// acts. The record must say what the lamp did — a superseded attempt's refusal is not the target's result.
    void aSupersededAttemptsRefusalIsNotTheResult()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::BusyThenLate}});
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 30);
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        QVERIFY(rig.runUntil([&] { return rig.field.idle(); }));
        QVERIFY(rig.field.sends(lamp) >= 2);
        QCOMPARE(rig.field.fieldState(lamp).level, std::uint8_t(30));   // the lamp acted on the retry
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Confirmed);
    }

    void acceptedButNeverShown()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::AcceptNoConfirm}});
        const auto r = rig.order(CommandAction::LightOff, {lamp});
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        const OrderTarget t = rig.find(r->ref)->targets.front();
        QCOMPARE(t.stage, CommandStage::TimedOut);
        QVERIFY(t.reason.contains(QLatin1String("never showed")));
        QCOMPARE(rig.field.sends(lamp), 1);
    }

    void offlineDeviceRejectedWithoutSending()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::Offline}});
        const auto r = rig.order(CommandAction::LightOn, {lamp});
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Rejected);
        QCOMPARE(rig.find(r->ref)->targets.front().reason, QStringLiteral("device offline"));
        QCOMPARE(rig.field.sends(lamp), 0);
    }

    void duplicateAndReservedRefusedAtOnce()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        const DeviceIndex other = probe.nth(DeviceKind::Streetlight, 1);
        Rig rig({{lamp, B::NeverAnswer}});
        const auto first = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(first.ok());
        const auto duplicate = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(!duplicate.ok());
        QVERIFY2(duplicate.error().contains(QLatin1String("duplicate")), qPrintable(duplicate.error()));
        const auto reserved = rig.order(CommandAction::LightOff, {other, lamp});
        QVERIFY(!reserved.ok());
        QVERIFY2(reserved.error().contains(QLatin1String("reserved by order")), qPrintable(reserved.error()));
        QVERIFY(rig.order(CommandAction::LightOff, {other}).ok());
        QVERIFY(rig.runUntil(rig.finishing(first->ref)));
        QCOMPARE(rig.field.sends(lamp), 3);   // the refused requests sent nothing
    }

    void cancelStopsRetries()
    {
        Rig probe;
        const DeviceIndex lamp = probe.nth(DeviceKind::Streetlight);
        Rig rig({{lamp, B::NeverAnswer}});
        const auto r = rig.order(CommandAction::LightDim, {lamp}, 40);
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil([&] { return rig.field.sends(lamp) == 1; }));
        QVERIFY(!rig.ask(person("otto", Role::Operator), request::CancelOrder{r->ref}).ok());   // not his order
        const auto cancelled = rig.ask(rig.olga, request::CancelOrder{r->ref});
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error()));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Cancelled);
        rig.run(3 * 3000 + 1000);   // past three answer timeouts
        QCOMPARE(rig.field.sends(lamp), 1);
        QCOMPARE(rig.books().orders().reservedBy(lamp), 0u);
    }

    void approvalDenied()
    {
        Rig rig;
        const DeviceIndex feeder = rig.nth(DeviceKind::Feeder);
        const auto r = rig.order(CommandAction::FeederShed, {feeder});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, false, QStringLiteral("hospital on that feeder"), {}}).ok());
        const Order o = *rig.find(r->ref);
        QCOMPARE(o.stage, CommandStage::Finished);
        QCOMPARE(o.deniedReason, QStringLiteral("hospital on that feeder"));
        QCOMPARE(o.targets.front().stage, CommandStage::Cancelled);
        rig.run(60'000);
        QCOMPARE(rig.field.sends(feeder), 0);
        // A supervisor's own request still needs another supervisor.
        OrderSpec spec;
        spec.targets.push_back({feeder, CommandAction::FeederShed, 0, 0, 0});
        const auto own = rig.ask(rig.sven, request::IssueOrder{spec});
        QVERIFY(own.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{own->ref, true, {}, {}}).error().contains(QLatin1String("second person")));
        QVERIFY(rig.ask(person("sara", Role::Supervisor), request::DecideOrder{own->ref, true, {}, {}}).ok());
    }

    void theApproversOwnKeySignsEveryTargetAndItsRetries()
    {
        // Issue 13: the devices see who approved a high-risk command. The approver's key signs each target (device,
        // order, step, action, value, expiry, approver) when they approve; every attempt of that target carries it.
        Rig probe;
        const DeviceIndex a = probe.nth(DeviceKind::SignalController), b = probe.nth(DeviceKind::SignalController, 1);
        Rig rig({{a, B::NeverAnswer}});
        const auto r = rig.order(CommandAction::SignalFlash, {a, b});
        QVERIFY(r.ok());
        const auto key = std::make_shared<const CommandSigner>(CommandSigner::generate());
        const CommandVerifier check = CommandVerifier::fromPublicKeyPem(key->publicKeyPem()).value();
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}, key}).ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        const std::vector<DeviceCommand> toA = rig.field.received(a), toB = rig.field.received(b);
        QVERIFY2(toA.size() > 1, "the unanswered signal is retried (a flash is a set-point)");
        QCOMPARE(toB.size(), size_t(1));
        const QString idA = rig.city->devices[a].id, idB = rig.city->devices[b].id;
        for (const auto &[id, c] : {std::pair{idA, toA.front()}, std::pair{idB, toB.front()}}) {
            QCOMPARE(c.approver, QStringLiteral("sven"));
            QCOMPARE(c.approval.size(), 64);
            QVERIFY(check.verify(approval::statement(id, c, QStringLiteral("sven")), c.approval));
            // The same signature proves nothing for another device, another approver or another action.
            QVERIFY(!check.verify(approval::statement(id == idA ? idB : idA, c, QStringLiteral("sven")), c.approval));
            QVERIFY(!check.verify(approval::statement(id, c, QStringLiteral("sara")), c.approval));
            DeviceCommand other = c;
            other.action = CommandAction::SignalPreempt;
            QVERIFY(!check.verify(approval::statement(id, other, QStringLiteral("sven")), c.approval));
        }
        QVERIFY(toA.front().approval != toB.front().approval);
        for (const DeviceCommand &retry : toA) {   // every attempt carries the one approval
            QCOMPARE(retry.approval, toA.front().approval);
            QVERIFY(check.verify(approval::statement(idA, retry, QStringLiteral("sven")), retry.approval));
        }

        // Approved without a key (no broker, or no key made): the commands carry no approval.
        const auto plain = rig.order(CommandAction::SignalFlash, {rig.nth(DeviceKind::SignalController, 3)});
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{plain->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil(rig.finishing(plain->ref)));
        const auto sent = rig.field.received(rig.nth(DeviceKind::SignalController, 3));
        QCOMPARE(sent.size(), size_t(1));
        QVERIFY(sent.front().approval.isEmpty());
        QVERIFY(sent.front().approver.isEmpty());
    }

    void expiresWhileAwaitingApproval()
    {
        Rig rig;
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        const auto r = rig.order(CommandAction::SignalFlash, {signal}, 0, 10'000);
        QVERIFY(r.ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref), 12'000));
        QCOMPARE(rig.find(r->ref)->targets.front().stage, CommandStage::Expired);
        QVERIFY(!rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}, {}}).ok());   // too late to approve
        QCOMPARE(rig.field.sends(signal), 0);
    }

    void restoreReturnsPriorState()
    {
        Rig rig;
        const DeviceIndex a = rig.nth(DeviceKind::Streetlight), b = rig.nth(DeviceKind::Streetlight, 1);
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController);
        const std::uint8_t before = rig.books().states().state(a).level;
        const auto dim = rig.order(CommandAction::LightDim, {a, b}, 40);
        QVERIFY(dim.ok());
        QVERIFY(rig.runUntil(rig.finishing(dim->ref)));
        QCOMPARE(rig.books().states().state(a).level, std::uint8_t(40));
        const auto restore = rig.ask(rig.olga, request::RestoreOrder{dim->ref, {}});
        QVERIFY2(restore.ok(), qPrintable(restore.error()));
        QCOMPARE(rig.find(restore->ref)->restores, dim->ref);
        QCOMPARE(rig.find(restore->ref)->targets.front().action, CommandAction::LightAuto);
        QVERIFY(rig.runUntil(rig.finishing(restore->ref)));
        QCOMPARE(rig.find(restore->ref)->count(CommandStage::Confirmed), 2);
        QCOMPARE(rig.books().states().state(a).level, before);
        QCOMPARE(rig.books().states().state(b).level, before);

        const auto flash = rig.order(CommandAction::SignalFlash, {signal});
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{flash->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil(rig.finishing(flash->ref)));
        const auto back = rig.ask(rig.olga, request::RestoreOrder{flash->ref, {}});
        QVERIFY(back.ok());
        QVERIFY(rig.runUntil(rig.finishing(back->ref)));
        QCOMPARE(SignalMode(rig.books().states().state(signal).mode), SignalMode::Normal);
        QVERIFY(!rig.ask(rig.olga, request::RestoreOrder{424242, {}}).ok());
    }

    void shedInPriorityOrderThenRestore()
    {
        Rig rig;
        std::vector<DeviceIndex> feeders;
        for (const FeederInfo &f : rig.city->feeders)
            feeders.push_back(f.device);
        QVERIFY(feeders.size() >= 2);
        const OrderSpec plan = workflows::shedFeeders(*rig.city, feeders, 0);
        const auto r = rig.ask(rig.olga, request::IssueOrder{plan});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil(rig.finishing(r->ref)));
        QCOMPARE(rig.find(r->ref)->count(CommandStage::Confirmed), int(2 * feeders.size()));
        // Sent one by one, least critical first, and restored most critical first.
        const std::vector<DeviceIndex> log = rig.field.sendLog();
        QCOMPARE(log.size(), 2 * feeders.size());
        auto priority = [&rig](DeviceIndex d) { return rig.city->feeders[size_t(rig.city->devices[d].detail)].priority; };
        for (size_t i = 1; i < feeders.size(); ++i)
            QVERIFY(priority(log[i - 1]) >= priority(log[i]));
        for (size_t i = 0; i < feeders.size(); ++i)
            QCOMPARE(log[feeders.size() + i], log[feeders.size() - 1 - i]);
        for (DeviceIndex f : feeders)
            QVERIFY(rig.books().states().state(f).breakerClosed);
        // A shed by order is not a trip: no feeder-trip alarm.
        for (DeviceIndex f : feeders)
            QVERIFY(!rig.books().alarms().forDevice(f, AlarmCause::FeederTrip));
    }

    void dimDistrictAndGreenWavePlans()
    {
        Rig rig;
        const OrderSpec dim = workflows::dimDistrict(*rig.city, 0, 30);
        QVERIFY(!dim.targets.empty());
        for (const OrderTargetSpec &t : dim.targets) {
            QCOMPARE(rig.city->devices[t.device].district, 0);
            QCOMPARE(rig.city->devices[t.device].kind, DeviceKind::Streetlight);
        }
        // A route through two signals: both held in the order met, before the vehicle arrives, then released.
        const DeviceIndex s1 = rig.nth(DeviceKind::SignalController), s2 = rig.nth(DeviceKind::SignalController, 1);
        const GeoPoint p1 = rig.city->devices[s1].position, p2 = rig.city->devices[s2].position;
        const auto plan = workflows::greenWave(*rig.city, rig.books().states(), {p1, p2}, 50.0, 5.0);
        QVERIFY(plan.signals.size() >= 2);
        QCOMPARE(plan.signals.front(), s1);
        QCOMPARE(plan.signals.back(), s2);
        const auto &targets = plan.spec.targets;
        QCOMPARE(targets.front().action, CommandAction::SignalPreempt);
        QVERIFY(targets[0].offsetMs <= targets[2].offsetMs);
        const auto r = rig.ask(rig.olga, request::IssueOrder{plan.spec});
        QVERIFY(r.ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{r->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil([&] { return rig.find(r->ref)->count(CommandStage::Confirmed) >= 1; }));
        QCOMPARE(SignalMode(rig.books().states().state(s1).mode), SignalMode::Preempt);
        QVERIFY(rig.ask(rig.olga, request::CancelOrder{r->ref}).ok());
    }

    void aTimetableWaveHoldsThePhaseOfTheRoutesWayThrough()
    {
        // A route drawn through a signal from each of its approaches, straight on and turning left: the wave holds
        // a phase that shows that movement green — where the main green (what it held before) would often not.
        Rig rig;
        const CityModel &city = *rig.city;
        const auto away = [](GeoPoint p, double bearingDeg, double metres) {
            const double rad = bearingDeg * M_PI / 180.0;
            return GeoPoint{p.lon + metres * std::sin(rad) / (111'320.0 * std::cos(p.lat * M_PI / 180.0)), p.lat + metres * std::cos(rad) / 111'320.0};
        };
        const auto held = [&](const workflows::GreenWavePlan &plan, DeviceIndex device) {
            for (const OrderTargetSpec &t : plan.spec.targets)
                if (t.device == device && t.action == CommandAction::SignalPreempt)
                    return t.value;
            return -1;
        };
        const auto greenIn = [](const SignalProgram &program, int phase, const SignalLink &link) {
            const QChar c = program.phases.at(phase).state.at(link.index);
            return c == u'G' || c == u'g';
        };
        int movements = 0, mainGreenWouldStop = 0, besideAnother = 0;
        for (const SignalInfo &signal : city.signals) {
            if (signal.programs.empty() || signal.links.empty())
                continue;
            const SignalProgram &program = signal.programs.front();
            const GeoPoint at = city.devices[signal.device].position;
            const std::vector<SignalApproach> approaches = signalApproaches(signal);
            for (const SignalApproach &approach : approaches) {
                // Two roads arriving the same way (a street and a tram track beside it): a route drawn straight
                // through the junction cannot tell them apart; one drawn along the road it comes in on can
                // (roadArrivedOn), and is served.
                const bool beside = std::count_if(approaches.begin(), approaches.end(), [&](const SignalApproach &other) {
                    return std::abs(std::remainder(other.bearingDeg - approach.bearingDeg, 360.0)) <= 45.0;
                }) > 1;
                for (const QChar turn : {u's', u'l'}) {
                    std::vector<SignalLink> links;
                    for (const SignalLink &l : signal.links)
                        if (l.direction.toLower() == turn && std::find(approach.links.begin(), approach.links.end(), l.index) != approach.links.end()
                            && phaseServing(program, l.index) >= 0)
                            links.push_back(l);
                    if (links.empty())
                        continue;
                    const double in = links.front().bearingDeg, out = turn == u's' ? in : in - 90.0;
                    std::vector<GeoPoint> route{away(at, in + 180.0, 150), at, away(at, out, 150)};
                    if (beside) {
                        const ApproachRoad road = city.roadOfEdge(links.front().fromEdge);
                        if (road.road < 0)
                            continue;
                        route = city.roads[size_t(road.road)].line;   // along the road it comes in on, to the junction
                        if (road.reverse)
                            std::reverse(route.begin(), route.end());
                        route.push_back(at);
                        route.push_back(away(at, out, 150));
                        ++besideAnother;
                    }
                    const auto plan = workflows::greenWave(city, rig.books().states(), route, 50.0, 5.0);
                    const int phase = held(plan, signal.device);
                    QVERIFY2(phase >= 0, qPrintable(signal.sumoTlsId));
                    QVERIFY(plan.byMovement.at(std::find(plan.signals.begin(), plan.signals.end(), signal.device) - plan.signals.begin()));
                    QVERIFY2(std::any_of(links.begin(), links.end(), [&](const SignalLink &l) { return greenIn(program, phase, l); }),
                             qPrintable(QStringLiteral("%1 from %2° turning %3: phase %4 shows it red").arg(signal.sumoTlsId).arg(in).arg(turn).arg(phase)));
                    ++movements;
                    mainGreenWouldStop += std::none_of(links.begin(), links.end(), [&](const SignalLink &l) {
                        return greenIn(program, workflows::mainGreenPhase(program), l);
                    });
                }
            }
        }
        QVERIFY2(movements >= 20, qPrintable(QString::number(movements)));
        QVERIFY2(besideAnother >= 10, qPrintable(QString::number(besideAnother)));   // movements from a road beside another
        QVERIFY2(mainGreenWouldStop >= 5, qPrintable(QString::number(mainGreenWouldStop)));   // what the change is for

        // A package that does not say where a signal's links come from: its main green, and the plan says so.
        CityModel bare = city;
        const DeviceIndex device = bare.signals.front().device;
        bare.signals.front().links.clear();
        const GeoPoint at = bare.devices[device].position;
        const auto plan = workflows::greenWave(bare, rig.books().states(), {away(at, 270, 150), at, away(at, 90, 150)}, 50.0, 5.0);
        QCOMPARE(held(plan, device), workflows::mainGreenPhase(bare.signals.front().programs.front()));
        QVERIFY(!plan.byMovement.front());
        QVERIFY2(plan.spec.description.endsWith(QStringLiteral("1 of them on their main green (the route's way through not known there)")),
                 qPrintable(plan.spec.description));
    }
};

QTEST_GUILESS_MAIN(TestDispatch)
#include "tst_dispatch.moc"
