// Interlocks (issue 16, item 1): every kind of hold on a device against every kind of order that would change it.
// Without an override the order is refused with a sentence naming the holder; an operator cannot override; a
// supervisor can, with a reason, and the override is recorded; leaving the held devices out is always taken. Another
// order's reservation cannot be overridden at all. An order approved after a hold appeared loses the held target.
#include "dispatchrig.h"
#include "ops/interlocks.h"
#include "ops/workflows.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

enum class Hold { FieldWork, ResponderOnScene, RunningOrder, ShedFeeder, OutOfService };

/// A rig with one hold in place on `device`; `holder` is the incident, order or alarm that holds it.
struct HeldRig : Rig {
    DeviceIndex device = kNoDevice;
    std::uint32_t holder = 0;

    HeldRig(Hold hold, DeviceKind kind)
    {
        device = nth(kind, 2);
        switch (hold) {
        case Hold::FieldWork: {
            // What "flash and dispatch" leaves: the signal on flash and a field-work incident for its crew.
            const auto flash = ask(olga, request::IssueOrder{workflows::flashAndDispatch(*city, {device})});
            QVERIFY(flash.ok());
            QVERIFY(ask(sven, request::DecideOrder{flash->ref, true, {}, {}}).ok());
            QVERIFY(runUntil(finishing(flash->ref)));
            std::vector<Incident> incidents;
            books().incidents().snapshot(incidents);
            for (const Incident &i : incidents)
                if (i.kind == IncidentKind::FieldWork && i.device == device)
                    holder = i.id;
            break;
        }
        case Hold::ResponderOnScene: {
            const auto reported = ask(olga, request::ReportIncident{{}, IncidentSeverity::Major, QStringLiteral("pole hit by a truck"), device});
            QVERIFY(reported.ok());
            holder = reported->ref;
            QVERIFY(ask(olga, request::TransitionIncident{holder, IncidentState::Dispatched, QStringLiteral("crew 7")}).ok());
            QVERIFY(ask(olga, request::TransitionIncident{holder, IncidentState::OnScene, {}}).ok());
            break;
        }
        case Hold::RunningOrder: {
            field.script(device, ScriptedField::Behaviour::NeverAnswer);
            OrderSpec spec;
            spec.description = QStringLiteral("held by an order under way");
            spec.targets.push_back({device, kind == DeviceKind::Feeder ? CommandAction::FeederRestore
                                             : kind == DeviceKind::SignalController ? CommandAction::SignalRestore
                                                                                   : CommandAction::LightOn, 0, 0, 0});
            const auto running = ask(olga, request::IssueOrder{spec});
            QVERIFY(running.ok());
            holder = running->ref;
            run(1000);
            break;
        }
        case Hold::ShedFeeder: {
            const auto shed = ask(olga, request::IssueOrder{workflows::shedFeeders(*city, {device}, 3600'000)});
            QVERIFY(shed.ok());
            QVERIFY(ask(sven, request::DecideOrder{shed->ref, true, {}, {}}).ok());
            QVERIFY(runUntil([&] { return find(shed->ref)->count(CommandStage::Confirmed) == 1; }));
            QVERIFY(ask(olga, request::CancelOrder{shed->ref}).ok());   // the breaker stays open; the order ends
            holder = shed->ref;
            break;
        }
        case Hold::OutOfService: {
            EventPayload report = kind == DeviceKind::Streetlight ? EventPayload{LightPayload{100, true, 0.0f}}
                                                                  : EventPayload{PresencePayload{false, {}}};
            bench.feed(device, report);
            const auto alarm = books().alarms().forDevice(device, kind == DeviceKind::Streetlight ? AlarmCause::LampFault : AlarmCause::CommLoss);
            QVERIFY(alarm);
            holder = alarm->id;
            QVERIFY(ask(sven, request::SetAlarmService{holder, false}).ok());
            break;
        }
        }
        QVERIFY2(holder != 0, "the hold was not set up");
    }
    bool recordedOverride(const QString &text) const
    {
        std::vector<ActivityLog::Entry> entries;
        books().activity().snapshot(entries);
        return std::any_of(entries.begin(), entries.end(), [&](const ActivityLog::Entry &e) {
            return e.text.contains(QLatin1String("interlock-override")) && e.text.contains(text);
        });
    }
};

/// The orders that would change the held device, by name.
OrderSpec orderOn(HeldRig &rig, const QString &order)
{
    const CityModel &city = *rig.city;
    const DeviceIndex d = rig.device;
    if (order == QLatin1String("single")) {
        OrderSpec spec;
        spec.description = order;
        const DeviceKind kind = city.devices[d].kind;
        // Another action than the running order's (a duplicate of an order under way is refused as such).
        if (kind == DeviceKind::Feeder)
            spec.targets.push_back({d, CommandAction::FeederShed, 0, 0, 0});
        else if (kind == DeviceKind::SignalController)
            spec.targets.push_back({d, CommandAction::SignalHoldPhase, 0, 0, 0});
        else
            spec.targets.push_back({d, CommandAction::LightDim, 40, 0, 0});
        return spec;
    }
    if (order == QLatin1String("flash and dispatch"))
        return workflows::flashAndDispatch(city, {d});
    if (order == QLatin1String("green wave")) {
        const GeoPoint p = city.devices[d].position;
        return workflows::greenWave(city, rig.books().states(), {{p.lon - 0.0005, p.lat}, {p.lon + 0.0005, p.lat}}, 50.0, 40.0).spec;
    }
    if (order == QLatin1String("dim district"))
        return workflows::dimDistrict(city, city.devices[d].district, 30);
    if (order == QLatin1String("shed feeders"))
        return workflows::shedFeeders(city, {d}, 600'000);
    return {};
}

} // namespace

class TestInterlocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyHoldAgainstEveryOrder_data()
    {
        QTest::addColumn<int>("hold");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("order");
        QTest::addColumn<QString>("names");
        const int signal = int(DeviceKind::SignalController), lamp = int(DeviceKind::Streetlight), feeder = int(DeviceKind::Feeder);
        struct Row { Hold hold; int kind; const char *names; };
        const Row holds[] = {
            {Hold::FieldWork, signal, "field-work incident #"},
            {Hold::ResponderOnScene, signal, "whose responders are on scene"},
            {Hold::ResponderOnScene, lamp, "whose responders are on scene"},
            {Hold::ResponderOnScene, feeder, "whose responders are on scene"},
            {Hold::RunningOrder, signal, "is reserved by order"},
            {Hold::RunningOrder, lamp, "is reserved by order"},
            {Hold::RunningOrder, feeder, "is reserved by order"},
            {Hold::ShedFeeder, feeder, "was shed on purpose by order"},
            {Hold::OutOfService, lamp, "is out of service for maintenance"},
            {Hold::OutOfService, signal, "is out of service for maintenance"},
        };
        const QMap<int, QStringList> orders{{signal, {"single", "flash and dispatch", "green wave"}},
                                            {lamp, {"single", "dim district"}},
                                            {feeder, {"single", "shed feeders"}}};
        for (const Row &h : holds)
            for (const QString &order : orders[h.kind])
                QTest::addRow("%s held (%d) × %s", qPrintable(deviceKindName(DeviceKind(h.kind))), int(h.hold), qPrintable(order))
                    << int(h.hold) << h.kind << order << QString::fromLatin1(h.names);
    }
    void everyHoldAgainstEveryOrder()
    {
        QFETCH(int, hold);
        QFETCH(int, kind);
        QFETCH(QString, order);
        QFETCH(QString, names);
        HeldRig rig{Hold(hold), DeviceKind(kind)};
        if (QTest::currentTestFailed())
            return;
        OrderSpec spec = orderOn(rig, order);
        QVERIFY2(std::any_of(spec.targets.begin(), spec.targets.end(), [&](const OrderTargetSpec &t) { return t.device == rig.device; }),
                 "the order does not touch the held device");

        // The preview's answer and the dispatcher's agree, and both name the holder.
        const auto found = findInterlocks(*rig.city, rig.books().incidents(), rig.books().alarms(), rig.books().orders(), spec, rig.bench.now);
        QVERIFY(std::any_of(found.begin(), found.end(), [&](const Interlock &i) {
            return i.device == rig.device && i.holder == rig.holder && i.sentence.contains(names);
        }));
        const auto refused = rig.ask(rig.olga, request::IssueOrder{spec});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(names) && refused.error().contains(QString::number(rig.holder)), qPrintable(refused.error()));

        // An operator cannot override; a supervisor can, unless another order holds the device.
        spec.interlockOverride = QStringLiteral("crew agreed by radio");
        const auto byOperator = rig.ask(rig.olga, request::IssueOrder{spec});
        QVERIFY(!byOperator.ok());
        const auto bySupervisor = rig.ask(rig.sven, request::IssueOrder{spec});
        if (Hold(hold) == Hold::RunningOrder) {
            QVERIFY(!bySupervisor.ok());
            QVERIFY(bySupervisor.error().contains(QLatin1String("is reserved by order")));
        } else {
            QVERIFY2(bySupervisor.ok(), qPrintable(bySupervisor.error()));
            QVERIFY(!byOperator.error().isEmpty() && byOperator.error().contains(QLatin1String("supervisor")));
            QVERIFY(rig.recordedOverride(QStringLiteral("crew agreed by radio")));
            QVERIFY(rig.recordedOverride(QStringLiteral("order %1").arg(bySupervisor->ref)));
            QVERIFY(rig.ask(rig.sven, request::CancelOrder{bySupervisor->ref}).ok());
        }

        // Leaving the held devices out is always taken (when anything is left).
        spec.interlockOverride.clear();
        const OrderSpec rest = withoutHeld(spec, found);
        QVERIFY(std::none_of(rest.targets.begin(), rest.targets.end(), [&](const OrderTargetSpec &t) { return t.device == rig.device; }));
        if (!rest.targets.empty()) {
            const auto taken = rig.ask(rig.olga, request::IssueOrder{rest});
            QVERIFY2(taken.ok(), qPrintable(taken.error()));
        }
    }

    void restoringTheShedOrderIsNotHeldByItsOwnShed()
    {
        HeldRig rig(Hold::ShedFeeder, DeviceKind::Feeder);
        const auto restore = rig.ask(rig.olga, request::RestoreOrder{rig.holder, {}});
        QVERIFY2(restore.ok(), qPrintable(restore.error()));
    }

    void restoringAFlashWhileItsCrewWorksIsHeld()
    {
        // The incident of the issue: undoing a maintenance flash while responders are on their way.
        HeldRig rig(Hold::FieldWork, DeviceKind::SignalController);
        std::vector<Order> orders;
        rig.books().orders().snapshot(orders);
        const std::uint32_t flash = orders.front().id;
        const auto refused = rig.ask(rig.olga, request::RestoreOrder{flash, {}});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("field-work incident #%1").arg(rig.holder)), qPrintable(refused.error()));
        QVERIFY(rig.ask(rig.sven, request::RestoreOrder{flash, QStringLiteral("crew has left")}).ok());
    }

    void aHoldThatAppearsBeforeApprovalRejectsTheTarget()
    {
        Rig rig;
        const DeviceIndex a = rig.nth(DeviceKind::SignalController, 2), b = rig.nth(DeviceKind::SignalController, 3);
        const auto flash = rig.ask(rig.olga, request::IssueOrder{workflows::flashAndDispatch(*rig.city, {a, b})});
        QVERIFY(flash.ok());
        // While it waits for approval, responders are sent to junction a.
        const auto incident = rig.ask(rig.olga, request::ReportIncident{{}, IncidentSeverity::Major, QStringLiteral("crash in the junction"), a});
        QVERIFY(incident.ok());
        QVERIFY(rig.ask(rig.olga, request::TransitionIncident{incident->ref, IncidentState::Dispatched, {}}).ok());
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{flash->ref, true, {}, {}}).ok());
        QVERIFY(rig.runUntil(rig.finishing(flash->ref)));
        const auto done = rig.find(flash->ref);
        for (const OrderTarget &t : done->targets) {
            if (t.device == a) {
                QCOMPARE(t.stage, CommandStage::Rejected);
                QVERIFY2(t.reason.contains(QStringLiteral("incident #%1").arg(incident->ref)), qPrintable(t.reason));
            } else {
                QCOMPARE(t.stage, CommandStage::Confirmed);
            }
        }
        QCOMPARE(rig.field.sends(a), 0);
    }
};

QTEST_GUILESS_MAIN(TestInterlocks)
#include "tst_interlocks.moc"
