// A console that goes down mid-order leaves its order holding devices at the others until it expires (15 min by
// default, up to a day), and no override lets anyone else command them. While that console is gone a supervisor here
// may release what it holds here, with a reason: recorded, never shared, and over when that console is back or
// speaks for the order again. Tried as people would misuse it: an operator, no reason, a console still there, this
// console's own order, and another console sending a "release" of its own.
#include "link/consoleroll.h"
#include "ops/goneconsole.h"
#include "peerroom.h"
#include "store/snapshot.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kConsoleA = QStringLiteral("console-a");

/// What B's link tells B's core of console A's status (ConsoleRoll, after its grace second).
void consoleAt(Room &room, ConsoleStanding standing) { room.b.feed({Event{0, room.b.now, kNoDevice, ConsolePayload{kConsoleA, standing}}}); }

OrderSpec dimAgain(DeviceIndex lamp)
{
    OrderSpec spec;
    spec.description = QStringLiteral("dim again");
    spec.targets.push_back({lamp, CommandAction::LightDim, 60, 0, 0});
    return spec;
}

/// The roll's tests: console A's connection (any number: only their order matters), and what the keyring says.
constexpr std::uint64_t kRun = 1'000'000;
const ConsoleRoll::KeyringLookup listed = [](const QString &) { return ConsoleRoll::InKeyring(true); };
const ConsoleRoll::KeyringLookup unlisted = [](const QString &) { return ConsoleRoll::InKeyring(false); };
const ConsoleRoll::KeyringLookup unknown = [](const QString &) { return ConsoleRoll::InKeyring(); };   // cannot be believed

const Actor kai = actor(QStringLiteral("kai"), Role::Operator);
const Actor sven = actor(QStringLiteral("sven"), Role::Supervisor);

std::vector<Event> released(const std::vector<Event> &events)
{
    std::vector<Event> out;
    for (const Event &e : events)
        if (const auto *c = std::get_if<CommandPayload>(&e.payload); c && c->stage == CommandStage::Released)
            out.push_back(e);
    return out;
}

} // namespace

class TestGoneConsole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    /// A goes down; its lamps stay held at B. sven releases the order with a reason: kai may then dim the lamp from B.
    /// The release is recorded (user, reason, since when A was gone) and never shared.
    void aSupervisorReleasesWhatAGoneConsoleHoldsHere()
    {
        Room room;
        room.b.driver.setShareFilter(wire::isShared);
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Online);
        room.b.advance(60'000);
        const std::int64_t goneAt = room.b.now;
        consoleAt(room, ConsoleStanding::Gone);
        QCOMPARE(room.b.pipeline.books().orders().consoleGoneSince(kConsoleA), std::optional<std::int64_t>(goneAt));
        room.b.advance(60'000);

        const auto before = room.b.ask(kai, request::IssueOrder{dimAgain(held.sent[0].device)});
        QVERIFY(!before);
        QVERIFY2(before.error().contains(QStringLiteral("reserved by order %1 of olga at console-a, which is gone: a supervisor may release that order here")
                                             .arg(held.order)),
                 qPrintable(before.error()));
        // The preview names the way out.
        const auto holds = findInterlocks(*room.b.city, room.b.pipeline.books().incidents(), room.b.pipeline.books().alarms(),
                                          room.b.pipeline.books().orders(), dimAgain(held.sent[0].device), room.b.now);
        QCOMPARE(holds.size(), size_t(1));
        QVERIFY2(holds[0].sentence.contains(QStringLiteral("which is gone: a supervisor may release that order here")), qPrintable(holds[0].sentence));

        const auto release = room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("console-a crashed; street works need the lamps")});
        QVERIFY2(release, qPrintable(release ? QString() : release.error()));
        QVERIFY2(release->message.contains(QStringLiteral("2 devices may be ordered from this console")), qPrintable(release->message));
        QVERIFY2(release->message.contains(QStringLiteral("may still act for up to 14 min")), qPrintable(release->message));
        const Order o = held.atB();
        QVERIFY(o.releasedHere);
        QCOMPARE(o.releasedBy, QStringLiteral("sven"));
        QCOMPARE(o.releaseReason, QStringLiteral("console-a crashed; street works need the lamps"));
        QCOMPARE(o.releasedMs, room.b.now);
        QCOMPARE(o.stage, CommandStage::Requested);   // what A did with it is still what B was told
        QCOMPARE(room.b.pipeline.books().orders().holderAt(held.sent[0].device, room.b.now), 0u);

        const auto after = room.b.ask(kai, request::IssueOrder{dimAgain(held.sent[0].device)});
        QVERIFY2(after, qPrintable(after ? QString() : after.error()));
        room.b.advance(1000);
        QCOMPARE(room.b.driver.takeCommands().size(), size_t(1));
        const std::vector<Event> shared = room.b.driver.takeShared();
        QVERIFY(!shared.empty());   // kai's order went to the others
        QVERIFY(released(shared).empty());
        // The recorded event: who, why, and since when A was gone.
        Event e{0, room.b.now, kNoDevice, CommandPayload{held.order, CommandStage::Released, {}, 0, 0, 0, goneAt, QStringLiteral("sven"), {}, {}}};
        QVERIFY(!wire::isShared(e));
    }

    /// Every refusal, each with its reason, and the order still holding after each.
    void noReleaseForAnOperatorWithoutAReasonWhileTheConsoleIsThereOrOfOurOwn()
    {
        Room room;
        DimAtA held(room);
        const auto stillHeld = [&] { return room.b.pipeline.books().orders().holderAt(held.sent[0].device, room.b.now) == held.order; };
        const auto refused = [&](const Actor &who, const QString &reason, const QString &why) {
            const auto r = room.b.ask(who, request::ReleaseOrder{held.order, reason});
            return !r && r.error().contains(why) ? QString() : (r ? QStringLiteral("granted: ") + r->message : r.error());
        };
        // Never heard of as gone, then on the broker: it may still work its order.
        QCOMPARE(refused(sven, QStringLiteral("why not"), QStringLiteral("console console-a is not known to be gone")), QString());
        consoleAt(room, ConsoleStanding::Online);
        QCOMPARE(refused(sven, QStringLiteral("why not"), QStringLiteral("console console-a is not known to be gone")), QString());
        consoleAt(room, ConsoleStanding::Gone);
        QCOMPARE(refused(kai, QStringLiteral("I need the lamp"), QStringLiteral("kai")), QString());   // not a supervisor
        QCOMPARE(refused(sven, QStringLiteral("   "), QStringLiteral("needs a reason")), QString());
        QCOMPARE(refused(sven, QString(kMaxNoteLength + 1, QLatin1Char('x')), QStringLiteral("too long")), QString());
        QVERIFY(stillHeld());
        QCOMPARE(room.b.pipeline.books().orders().find(held.order)->releasedHere, false);

        // B's own order is cancelled, not released; an order B never heard of is not released either.
        const auto own = room.b.ask(kai, request::IssueOrder{dimAgain(room.b.first(DeviceKind::Streetlight, 5))});
        QVERIFY(own);
        const auto mine = room.b.ask(sven, request::ReleaseOrder{own->ref, QStringLiteral("mine")});
        QVERIFY(!mine);
        QVERIFY2(mine.error().contains(QStringLiteral("cancel it instead")), qPrintable(mine.error()));
        QVERIFY(!room.b.ask(sven, request::ReleaseOrder{12345, QStringLiteral("made up")}));

        // Once released, not again; and an order holding nothing any more (past its expiry) has nothing to release.
        QVERIFY(room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("gone")}));
        const auto twice = room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("gone")});
        QVERIFY(!twice);
        QVERIFY2(twice.error().contains(QStringLiteral("already released here by sven")), qPrintable(twice.error()));
    }

    /// A taken out of the console keyring (a stolen laptop) while it is on the broker: its steps are refused here from
    /// then on, so it cannot end its order either. The refusal says so; a supervisor may release it as for a console
    /// that is gone. Put back in the keyring while gone, the release stands; back on the broker, it is over.
    void anOrderOfAConsoleOutOfTheKeyringMayBeReleased()
    {
        Room room;
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Online);
        room.b.advance(30'000);
        const std::int64_t outAt = room.b.now;
        consoleAt(room, ConsoleStanding::OutOfKeyring);
        QCOMPARE(room.b.pipeline.books().orders().consoleGoneSince(kConsoleA), std::optional<std::int64_t>(outAt));
        QCOMPARE(room.b.pipeline.books().orders().consoleStanding(kConsoleA), ConsoleStanding::OutOfKeyring);

        const auto before = room.b.ask(kai, request::IssueOrder{dimAgain(held.sent[0].device)});
        QVERIFY(!before);
        QVERIFY2(before.error().contains(QStringLiteral("of olga at console-a, which is out of the console keyring: a supervisor may release "
                                                        "that order here")),
                 qPrintable(before.error()));
        // Whether B hears the broker does not matter here: B's own keyring says A is out, and A's steps are refused.
        bool hears = false;
        room.b.driver.setHearing([&hears] { return hears; });
        const auto release = room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("desk A's laptop was stolen")});
        QVERIFY2(release, qPrintable(release ? QString() : release.error()));
        QVERIFY(held.atB().releasedHere);
        QCOMPARE(held.atB().releaseReason, QStringLiteral("desk A's laptop was stolen"));
        QVERIFY(room.b.ask(kai, request::IssueOrder{dimAgain(held.sent[0].device)}));

        consoleAt(room, ConsoleStanding::Gone);   // put back while it is off the broker: still cannot end it
        QVERIFY(held.atB().releasedHere);
        consoleAt(room, ConsoleStanding::Online);
        QVERIFY(!held.atB().releasedHere);
    }

    /// A back on the broker: the release is over, the lamps are its order's again (it may be working it).
    void theReleaseEndsWhenTheConsoleIsBack()
    {
        Room room;
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Gone);
        QVERIFY(room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("gone")}));
        QCOMPARE(room.b.pipeline.books().orders().holderAt(held.sent[0].device, room.b.now), 0u);
        room.b.advance(5000);
        consoleAt(room, ConsoleStanding::Online);
        QCOMPARE(room.b.pipeline.books().orders().holderAt(held.sent[0].device, room.b.now), held.order);
        const Order o = held.atB();
        QVERIFY(!o.releasedHere);
        QCOMPARE(o.releaseLapsedMs, room.b.now);
        QCOMPARE(o.releasedBy, QStringLiteral("sven"));   // the record of the release stays
        const auto again = room.b.ask(kai, request::IssueOrder{dimAgain(held.sent[0].device)});
        QVERIFY(!again);
    }

    /// A speaks for the order again (its status not heard yet: a status lost, or arriving after its steps): that is
    /// A at work, and the release is over too.
    void theReleaseEndsWhenTheConsoleSpeaksForItsOrder()
    {
        Room room;
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Gone);
        QVERIFY(room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("gone")}));
        // A was not gone after all: the field's answer reaches it, the lamp shows the level, A confirms and says so.
        held.fieldAnswers(0, CommandStage::InProgress);
        room.a.feed(held.sent[0].device, LightPayload{40, false, 40.0f});
        room.a.advance(100);
        std::vector<Event> fromA = room.fromA();
        QVERIFY(!fromA.empty());
        room.deliver(fromA);
        QVERIFY2(!held.atB().releasedHere, "A's step on its order should end the release");
        QVERIFY(held.atB().releaseLapsedMs > 0);
        // Its second lamp is still under way: held by A's order again.
        QCOMPARE(room.b.pipeline.books().orders().holderAt(held.sent[1].device, room.b.now), held.order);
    }

    /// A release stands on what B last heard of A. While B cannot hear the broker, A may be back already and working
    /// its order: B grants no release then, and no new order of B's takes a device released before — until B hears the
    /// broker again (and with it A's standing). What B ordered under the release before goes on.
    void whileThisConsoleCannotHearTheBrokerNoNewOrderTakesAReleasedDevice()
    {
        Room room;
        bool hears = true;
        room.b.driver.setHearing([&hears] { return hears; });
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Gone);
        const DeviceIndex first = held.sent[0].device, second = held.sent[1].device;

        hears = false;
        const auto deaf = room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("console-a is down")});
        QVERIFY(!deaf);
        QVERIFY2(deaf.error().contains(QStringLiteral("does not hear the broker now, so whether console-a is still gone is not known")),
                 qPrintable(deaf.error()));
        QVERIFY(!held.atB().releasedHere);

        hears = true;
        QVERIFY(room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("console-a is down")}));
        const auto before = room.b.ask(kai, request::IssueOrder{dimAgain(first)});
        QVERIFY2(before, qPrintable(before ? QString() : before.error()));
        room.b.advance(1000);
        QCOMPARE(room.b.driver.takeCommands().size(), size_t(1));

        // B loses the broker: the second lamp is A's order's again for anything new.
        hears = false;
        const auto during = room.b.ask(kai, request::IssueOrder{dimAgain(second)});
        QVERIFY(!during);
        QVERIFY2(during.error().contains(QStringLiteral("is reserved by order %1 of olga at console-a, released here while console-a was gone; "
                                                        "this console does not hear the broker now, so whether console-a is back is not known")
                                             .arg(held.order)),
                 qPrintable(during.error()));
        QVERIFY(held.atB().releasedHere);   // the release itself stands: nothing has said A is back
        QCOMPARE(room.b.pipeline.books().orders().releasedHolderAt(second, room.b.now), held.order);
        room.b.advance(1000);
        const auto mine = room.b.pipeline.books().orders().find(before->ref);
        QVERIFY(mine);
        QCOMPARE(mine->count(CommandStage::Sent), 1);   // kai's order under the release is not undone
        // A console out of the keyring (this console's own file says so, heard or not) is refused here whatever it
        // does on the broker: B's deafness changes nothing for what was released from it. Put back, gone as last heard.
        consoleAt(room, ConsoleStanding::OutOfKeyring);
        QCOMPARE(room.b.pipeline.books().orders().releasedHolderAt(second, room.b.now), 0u);
        consoleAt(room, ConsoleStanding::Gone);
        QCOMPARE(room.b.pipeline.books().orders().releasedHolderAt(second, room.b.now), held.order);

        // B hears the broker again and A is still gone: the release frees the lamp again.
        hears = true;
        const auto after = room.b.ask(kai, request::IssueOrder{dimAgain(second)});
        QVERIFY2(after, qPrintable(after ? QString() : after.error()));
    }

    /// A console on the broker sends a "release" of A's order (or of its own) to B: B never takes another console's
    /// word for what B holds. The release stays B's own decision, and the lamp stays held.
    void aReleaseSentByAnotherConsoleIsRefused()
    {
        Room room;
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Gone);
        room.deliver({room.orderEvent(held.order, CommandStage::Released, QStringLiteral("sven"), kNoDevice, kFromA)});
        QCOMPARE(room.refused(), 1u);
        QVERIFY2(room.why().contains(QStringLiteral("a release is each console's own decision")), qPrintable(room.why()));
        room.deliver({room.orderEvent(held.order, CommandStage::Released, QStringLiteral("sven"), kNoDevice, kFromC)});
        QCOMPARE(room.refused(), 2u);
        QVERIFY(!held.atB().releasedHere);
        QCOMPARE(room.b.pipeline.books().orders().holderAt(held.sent[0].device, room.b.now), held.order);
        // Nor does a console's presence come from another console: only B's own link says who is gone.
        room.deliver({Event{0, room.b.now, kNoDevice, ConsolePayload{kConsoleA, ConsoleStanding::Online}, kFromC}});
        QCOMPARE(room.refused(), 3u);
        QVERIFY(room.b.pipeline.books().orders().consoleGoneSince(kConsoleA));
    }

    /// B restarts on its record: the release and who is gone come back with the snapshot.
    void aReleaseSurvivesASnapshot()
    {
        Room room;
        DimAtA held(room);
        consoleAt(room, ConsoleStanding::Gone);
        QVERIFY(room.b.ask(sven, request::ReleaseOrder{held.order, QStringLiteral("gone")}));
        Snapshot s;
        static_cast<CityBooks::State &>(s) = room.b.pipeline.books().exportState();
        auto back = snapshotcodec::decode(snapshotcodec::encode(s), room.b.city->devices.size(), room.b.city->feeders.size());
        QVERIFY2(back, qPrintable(back ? QString() : back.error()));
        OrderBook restored;
        restored.restore(back->orders);
        const auto o = restored.find(held.order);
        QVERIFY(o && o->releasedHere);
        QCOMPARE(o->releasedBy, QStringLiteral("sven"));
        QCOMPARE(o->releaseReason, QStringLiteral("gone"));
        QCOMPARE(restored.holderAt(held.sent[0].device, room.b.now), 0u);
        QVERIFY(restored.consoleGoneSince(kConsoleA));
    }

    /// The link's roll of consoles: "online" at once and once; "offline" after a grace second, and not believed when
    /// our own connection drops within it (a broker on its way down publishes every client's Will).
    void theRollTellsChangesAndWaitsAGraceSecondForAGoodbye()
    {
        ConsoleRoll roll;
        std::vector<Event> out;
        roll.heard(kConsoleA, true, kRun, listed, 1000, out);
        roll.heard(kConsoleA, true, kRun, listed, 1500, out);   // the retained status again, on a reconnect
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(std::get<ConsolePayload>(out[0].payload).standing, ConsoleStanding::Online);
        out.clear();
        roll.heard(kConsoleA, false, kRun, listed, 2000, out);
        roll.tick(2999, out);
        QVERIFY(out.empty());
        roll.lostBroker();   // our link went down with the broker: the Will is not believed
        roll.tick(5000, out);
        QVERIFY(out.empty());
        roll.heard(kConsoleA, false, kRun, listed, 6000, out);   // the retained Will again, after we reconnected
        roll.tick(7000, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(std::get<ConsolePayload>(out[0].payload).console, kConsoleA);
        QCOMPARE(std::get<ConsolePayload>(out[0].payload).standing, ConsoleStanding::Gone);
        QCOMPARE(out[0].timeMs, 7000);
        out.clear();
        roll.heard(kConsoleA, false, kRun, listed, 8000, out);   // said again: nothing new
        roll.tick(10'000, out);
        QVERIFY(out.empty());
    }

    /// Taken out of the keyring, a console stands out of it at once, whatever its status says from then on; put back,
    /// it stands as its status last said. A keyring that cannot be believed changes nobody's standing, and a name that
    /// was never in the keyring is not kept at all (a flood of made-up names costs nothing).
    void theRollTellsAConsoleTakenOutOfTheKeyringAndPutBack()
    {
        ConsoleRoll roll;
        std::vector<Event> out;
        const auto standingOf = [&](size_t i) { return std::get<ConsolePayload>(out.at(i).payload).standing; };
        roll.heard(kConsoleA, true, kRun, listed, 1000, out);
        out.clear();
        roll.keyringChanged(unknown, 1500, out);
        QVERIFY(out.empty());
        roll.keyringChanged(unlisted, 2000, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standingOf(0), ConsoleStanding::OutOfKeyring);
        QCOMPARE(out[0].timeMs, 2000);
        out.clear();
        roll.heard(kConsoleA, true, kRun, unlisted, 2500, out);   // its status, again: it is still out
        roll.heard(kConsoleA, false, kRun, unlisted, 3000, out);  // it says goodbye: still out, and no grace second runs
        roll.tick(5000, out);
        QVERIFY(out.empty());
        roll.keyringChanged(listed, 6000, out);   // put back
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standingOf(0), ConsoleStanding::Gone);   // as its status last said, at once
        out.clear();
        roll.heard(kConsoleA, true, kRun + 1, listed, 7000, out);   // a new connection
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standingOf(0), ConsoleStanding::Online);
        out.clear();
        // Taken out between two keyring reads: its next status says so first.
        roll.heard(kConsoleA, true, kRun + 1, unlisted, 8000, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standingOf(0), ConsoleStanding::OutOfKeyring);
        out.clear();
        for (int i = 0; i < 1000; ++i) {
            roll.heard(QStringLiteral("made-up-%1").arg(i), true, kRun, unlisted, 9000, out);
            roll.heard(QStringLiteral("made-up-%1").arg(i), false, kRun, unknown, 9000, out);
        }
        QCOMPARE(roll.kept(), size_t(1));
        roll.keyringChanged(listed, 9500, out);
        QCOMPARE(out.size(), size_t(1));   // console-a back; the made-up names were never kept
        QCOMPARE(std::get<ConsolePayload>(out[0].payload).console, kConsoleA);
    }
};

QTEST_GUILESS_MAIN(TestGoneConsole)
#include "tst_goneconsole.moc"
