// Another console's order as this console sees it. The field answers only the console that sent a command, so what
// the field said must reach the others through that console: a device's refusal ends the target at every desk, and a
// finished order holds no device anywhere — else this console would count the refused lamp "open" on a finished order
// and refuse its own commands to it as "reserved by" that order, for good (the record keeps it so across restarts).
// Nor does an order whose console went down and stays down hold its devices for good: not past its expiry.
#include "ops/workflows.h"
#include "peerroom.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

int open(const Order &o)
{
    return static_cast<int>(std::count_if(o.targets.begin(), o.targets.end(), [](const OrderTarget &t) { return !isTerminal(t.stage); }));
}

} // namespace

class TestPeerOrders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void aDevicesRefusalReachesTheOtherConsoles()
    {
        Room room;
        DimAtA dim(room);
        QCOMPARE(dim.sent.size(), size_t(2));
        dim.fieldAnswers(0, CommandStage::Rejected, QStringLiteral("lamp fault"));
        room.deliver(room.fromA());
        QCOMPARE(room.refused(), 0u);
        const Order o = dim.atB();
        QCOMPARE(o.targets[0].stage, CommandStage::Rejected);
        QCOMPARE(o.targets[0].reason, QStringLiteral("lamp fault"));
        QCOMPARE(o.console, QStringLiteral("console-a"));
        QCOMPARE(open(o), 1);
    }

    /// Only the field's final word is passed on: its "accepted, acting" would double what a wide order sends to the
    /// others, for a difference the desk does not count (sent and in progress are both open).
    void onlyTheFieldsFinalWordIsPassedOn()
    {
        Room room;
        DimAtA dim(room);
        dim.fieldAnswers(0, CommandStage::InProgress);
        QVERIFY(room.fromA().empty());
        // No answer to the second lamp in time: sent again. The first attempt's late "busy" is not the result
        // (the device may act on the retry) and is not passed on.
        room.a.advance(DispatchConfig{}.answerTimeoutMs + 1);
        const std::vector<DeviceCommand> again = room.a.driver.takeCommands();
        QCOMPARE(again.size(), size_t(1));
        QCOMPARE(int(again[0].attempt), 2);
        room.deliver(room.fromA());
        dim.fieldAnswers(1, CommandStage::Rejected, QStringLiteral("busy"));
        QVERIFY(room.fromA().empty());
        QCOMPARE(dim.atB().targets[1].stage, CommandStage::Sent);
        QCOMPARE(int(dim.atB().targets[1].attempt), 2);
    }

    /// What passes for the field's word on another console's order is not this console's to pass on.
    void onlyOurOwnOrdersResultsArePassedOn()
    {
        Room room;
        room.b.driver.setShareFilter(wire::isShared);
        DimAtA dim(room);
        room.b.driver.takeShared();
        room.deliver({Event{0, room.b.now, dim.sent[0].device, commandAnswer(dim.sent[0], CommandStage::Rejected, QStringLiteral("lamp fault"))}});
        QVERIFY(room.b.driver.takeShared().empty());
    }

    void aRefusedLampIsFreeForTheOtherConsoleOnceTheOrderEnds()
    {
        Room room;
        DimAtA dim(room);
        dim.fieldAnswers(0, CommandStage::Rejected, QStringLiteral("lamp fault"));
        dim.fieldAnswers(1, CommandStage::Rejected, QStringLiteral("lamp fault"));
        room.a.advance(1000);
        room.deliver(room.fromA());
        QCOMPARE(dim.atB().stage, CommandStage::Finished);
        QCOMPARE(open(dim.atB()), 0);

        OrderSpec mine;
        mine.description = QStringLiteral("dim again");
        mine.targets.push_back({dim.sent[0].device, CommandAction::LightDim, 60, 0, 0});
        const auto issued = room.b.ask(actor(QStringLiteral("kai"), Role::Operator), request::IssueOrder{mine});
        QVERIFY2(issued, qPrintable(issued ? QString() : issued.error()));
        room.b.advance(1000);
        QCOMPARE(room.b.driver.takeCommands().size(), size_t(1));
        QCOMPARE(room.b.pipeline.books().orders().find(issued->ref)->targets[0].stage, CommandStage::Sent);
    }

    /// Whatever the other console told (a release before this one never passed the field's refusals on; a console
    /// may stop mid-order): an order that finished holds no device here.
    void aFinishedOrderHoldsNoDevice()
    {
        Room room;
        DimAtA dim(room);
        const DeviceIndex lamp = dim.sent[0].device;
        QCOMPARE(room.b.pipeline.books().orders().reservedBy(lamp), dim.order);
        room.deliver({room.orderEvent(dim.order, CommandStage::Finished)});
        QCOMPARE(room.refused(), 0u);
        QCOMPARE(room.b.pipeline.books().orders().reservedBy(lamp), 0u);
        QCOMPARE(dim.atB().targets[0].stage, CommandStage::Sent);   // what B was told stays what it was told
    }

    /// An order with two steps on one device holds it until the last: a shed feeder's restore (minutes later) keeps
    /// it reserved at the other consoles after the shed has its result (it showed free there for the whole hold).
    void aDeviceStaysHeldUntilTheOrdersLastStepOnIt()
    {
        Room room;
        const DeviceIndex feeder = room.a.first(DeviceKind::Feeder);
        const auto shed = room.a.ask(actor(QStringLiteral("sven"), Role::Supervisor),
                                     request::IssueOrder{workflows::shedFeeders(*room.a.city, {feeder}, 20 * 60'000)});
        QVERIFY2(shed, qPrintable(shed ? QString() : shed.error()));
        QVERIFY(room.a.ask(actor(QStringLiteral("maria"), Role::Supervisor), request::DecideOrder{shed->ref, true, {}, {}}));
        room.a.advance(1000);
        const std::vector<DeviceCommand> sent = room.a.driver.takeCommands();
        QCOMPARE(sent.size(), size_t(1));
        QCOMPARE(sent[0].action, CommandAction::FeederShed);
        room.a.feed({Event{0, room.a.now, feeder, commandAnswer(sent[0], CommandStage::Rejected, QStringLiteral("local control"))}});
        room.deliver(room.fromA());
        QCOMPARE(room.refused(), 0u);
        const Order atB = *room.b.pipeline.books().orders().find(shed->ref);
        QCOMPARE(atB.targets[0].stage, CommandStage::Rejected);
        QCOMPARE(atB.targets[1].stage, CommandStage::Selected);
        QCOMPARE(room.b.pipeline.books().orders().holderAt(feeder, room.b.now), shed->ref);
        QCOMPARE(room.a.pipeline.books().orders().holderAt(feeder, room.a.now), shed->ref);
    }

    /// A console that goes down mid-order and stays down never ends it. Past its expiry (and a minute for clocks)
    /// no device takes its commands: it holds nothing, here or at a third console, where the device is then held by
    /// the order that took it since.
    void anOrderItsConsoleNeverEndedHoldsNothingOnceExpired()
    {
        Room room;
        room.b.driver.setShareFilter(wire::isShared);
        DimAtA dim(room);
        room.b.driver.takeShared();
        const DeviceIndex lamp = dim.sent[0].device;
        OrderSpec mine;
        mine.description = QStringLiteral("dim again");
        mine.targets.push_back({lamp, CommandAction::LightDim, 60, 0, 0});
        const Actor kai = actor(QStringLiteral("kai"), Role::Operator);

        // A goes down: nothing more comes from it. Up to its expiry and the minute's grace, the lamp is A's order's.
        room.b.advance(dim.atB().expiresMs + kExpiryClockGraceMs - room.b.now);
        const auto early = room.b.ask(kai, request::IssueOrder{mine});
        QVERIFY(!early);
        QVERIFY2(early.error().contains(QStringLiteral("reserved by order %1 of olga at console-a").arg(dim.order)), qPrintable(early.error()));
        room.b.advance(1);
        const auto later = room.b.ask(kai, request::IssueOrder{mine});
        QVERIFY2(later, qPrintable(later ? QString() : later.error()));
        room.b.advance(1000);
        QCOMPARE(room.b.driver.takeCommands().size(), size_t(1));
        QCOMPARE(dim.atB().stage, CommandStage::Requested);   // what B was told stays what it was told

        // A third console that heard both: the lamp is B's order's, not free.
        OpsBench c{{}, 0x333};
        c.driver.setRoster(directoryOfB);
        std::vector<Event> heard = dim.history;
        for (Event e : room.b.driver.takeShared()) {
            e.origin = kFromC + 1;
            if (auto *step = std::get_if<CommandPayload>(&e.payload))
                step->console = QStringLiteral("console-b");
            heard.push_back(e);
        }
        c.feed(heard);
        QCOMPARE(c.driver.gate().refused(), 0u);
        c.now = room.b.now;
        QCOMPARE(c.pipeline.books().orders().holderAt(lamp, c.now), later->ref);
        QCOMPARE(c.pipeline.books().orders().holderAt(lamp, dim.atB().expiresMs), dim.order);
        const auto third = c.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{mine});
        QVERIFY(!third);
        QVERIFY2(third.error().contains(QStringLiteral("reserved by order %1 of kai at console-b").arg(later->ref)), qPrintable(third.error()));
    }
};

QTEST_GUILESS_MAIN(TestPeerOrders)
#include "tst_peerorders.moc"
