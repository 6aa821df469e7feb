// Operations received from another console are re-authorised by the receiving console against its own directory and
// books (ops/peergate.h) — whatever the sending console signed. Two live ops loops stand for two consoles: what A
// really emits is handed to B as the link would (tagged with A's origin), and each attack of issue 13 is A's console
// (its key is in B's keyring) sending something its people may not do.
#include "peerroom.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The number a console gives next after `id` (above its range's base), whose count is its low bits under `mask`
/// (orders skip a count of 0).
std::uint32_t nextNumber(std::uint32_t id, std::uint32_t mask, bool skipsZero)
{
    const std::uint32_t count = ((id & mask) + 1) & mask;
    return (id & ~mask) + (count == 0 && skipsZero ? 1 : count);
}

} // namespace

class TestPeerGate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void genuineOperationsPass()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        QVERIFY(room.b.pipeline.books().incidents().find(id));
        QVERIFY(room.a.ask(actor(QStringLiteral("kai"), Role::Operator), request::TransitionIncident{id, IncidentState::Acknowledged, {}, 0}));
        room.deliver(room.fromA());
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->acknowledgedBy, QStringLiteral("kai"));
        // A high-risk order, approved by a second person, reserves its device on B too.
        const std::uint32_t order = room.highRiskOrder("sven");
        room.deliver(room.fromA());
        QVERIFY(room.a.ask(actor(QStringLiteral("maria"), Role::Supervisor), request::DecideOrder{order, true, {}, {}}));
        room.deliver(room.fromA());
        QCOMPARE(room.b.pipeline.books().orders().find(order)->approvedBy, QStringLiteral("maria"));
        QCOMPARE(room.b.pipeline.books().orders().reservedBy(room.a.first(DeviceKind::Feeder)), order);
        QCOMPARE(room.refused(), 0u);
    }

    /// "Show on wall" from another console (issue 14): an operator's request reaches B's wall; a viewer's, a made-up
    /// person's or an oversized one does not. A's own request is what A shares.
    void wallRequestsAreForPeopleWhoMayDriveTheWall()
    {
        Room room;
        const QString line = QStringLiteral("{\"v\":1,\"show\":\"incident\",\"id\":7,\"seconds\":30}");
        room.a.feed({Event{0, room.a.now, kNoDevice, OperatorActionPayload{OperatorAction::ShowOnWall, QStringLiteral("olga"), line}}});
        std::vector<Event> shared = room.fromA();
        QCOMPARE(shared.size(), size_t(1));
        QVERIFY(room.a.driver.takeWallRequests().empty());   // A's own request is not for A's wall: it went out
        room.deliver(shared);
        std::vector<OperatorActionPayload> arrived = room.b.driver.takeWallRequests();
        QCOMPARE(arrived.size(), size_t(1));
        QCOMPARE(arrived.front().user, QStringLiteral("olga"));
        QCOMPARE(arrived.front().detail, line);
        QCOMPARE(room.refused(), 0u);
        auto from = [&](const QString &user, const QString &detail) {
            return Event{0, room.a.now, kNoDevice, OperatorActionPayload{OperatorAction::ShowOnWall, user, detail}, kFromA};
        };
        room.deliver({from(QStringLiteral("wall"), line)});
        QVERIFY2(room.why().contains(QLatin1String("wall")), qPrintable(room.why()));
        room.deliver({from(QStringLiteral("mallory"), line)});
        room.deliver({from(QStringLiteral("kai"), QString(2000, QLatin1Char('x')))});
        QVERIFY2(room.why().contains(QLatin1String("2000 characters")), qPrintable(room.why()));
        QCOMPARE(room.refused(), 3u);
        QVERIFY(room.b.driver.takeWallRequests().empty());
        // Other operator actions of a peer are not operations at all.
        room.deliver({Event{0, room.a.now, kNoDevice, OperatorActionPayload{OperatorAction::SignIn, QStringLiteral("olga"), {}}, kFromA}});
        QCOMPARE(room.refused(), 4u);
    }

    /// The viewer account of a wall "closing" and acknowledging an incident: B's directory says viewer.
    void aViewerCannotWorkIncidents()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        room.deliver({room.step(id, IncidentState::Acknowledged, QStringLiteral("wall"))});
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->state, IncidentState::New);
        QCOMPARE(room.refused(), 1u);
        QVERIFY2(room.why().contains(QStringLiteral("wall")), qPrintable(room.why()));
    }

    /// A responder acknowledging an incident outside their district (their console may claim anything).
    void aResponderCannotActOutsideTheirDistrict()
    {
        Room room;
        int district = -1;
        const IncidentId id = room.reportedIncident(&district);
        QVERIFY(district != 1);   // rolf answers for district 1 only
        room.deliver({room.step(id, IncidentState::Acknowledged, QStringLiteral("rolf"))});
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->state, IncidentState::New);
        QCOMPARE(room.refused(), 1u);
    }

    /// Closing an incident that is not resolved skips the lifecycle, whoever asks.
    void noStepOutsideTheLifecycle()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        room.deliver({room.step(id, IncidentState::Closed, QStringLiteral("sven"))});
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->state, IncidentState::New);
        QVERIFY2(room.why().contains(QStringLiteral("cannot go from")), qPrintable(room.why()));
    }

    void someoneTheDirectoryDoesNotKnowIsNobody()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        room.deliver({room.step(id, IncidentState::Acknowledged, QStringLiteral("mallory"))});
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->state, IncidentState::New);
        QVERIFY2(room.why().contains(QStringLiteral("not a person")), qPrintable(room.why()));
    }

    /// "An approval by a supervisor who never saw the order": the requester approving their own order.
    void theRequesterCannotApprove()
    {
        Room room;
        const std::uint32_t order = room.highRiskOrder("sven");
        room.deliver(room.fromA());
        room.deliver({room.orderEvent(order, CommandStage::Approved, QStringLiteral("sven"))});
        QVERIFY(room.b.pipeline.books().orders().find(order)->approvedBy.isEmpty());
        QVERIFY2(room.why().contains(QStringLiteral("cannot approve")), qPrintable(room.why()));
        // ... nor an operator.
        room.deliver({room.orderEvent(order, CommandStage::Approved, QStringLiteral("kai"))});
        QVERIFY(room.b.pipeline.books().orders().find(order)->approvedBy.isEmpty());
        QCOMPARE(room.refused(), 2u);
    }

    /// Devices reserved for a forged order that never got its approval: a real order must not be refused for it.
    void noReservationForAnOrderNeverApproved()
    {
        Room room;
        const std::uint32_t order = room.highRiskOrder("sven");
        room.deliver(room.fromA());
        const DeviceIndex feeder = room.a.first(DeviceKind::Feeder);
        room.deliver({room.orderEvent(order, CommandStage::Selected, {}, feeder)});
        QCOMPARE(room.b.pipeline.books().orders().reservedBy(feeder), 0u);
        QVERIFY2(room.why().contains(QStringLiteral("never got")), qPrintable(room.why()));
        // Skipping the "awaiting approval" step does not help: the high-risk target says it needs one.
        Room fresh;
        CommandPayload requested;
        requested.order = 0x0100'0001;
        requested.stage = CommandStage::Requested;
        requested.user = QStringLiteral("kai");
        requested.timeMs = fresh.a.now + 15 * 60'000;   // its expiry
        CommandPayload target = requested;
        target.action = CommandAction::FeederShed;
        CommandPayload selected = target;
        selected.stage = CommandStage::Selected;
        fresh.deliver({Event{0, fresh.a.now, kNoDevice, requested, kFromA}, Event{0, fresh.a.now, feeder, target, kFromA},
                       Event{0, fresh.a.now, feeder, selected, kFromA}});
        QCOMPARE(fresh.b.pipeline.books().orders().reservedBy(feeder), 0u);
        QCOMPARE(fresh.refused(), 1u);
    }

    /// An order's reservations last until its expiry: another console's order may not claim to hold devices for
    /// ten years (nor for ever, naming no expiry) — were its console to go down, they would stay locked here.
    void noOrderHoldsForLongerThanAnyOrderMay()
    {
        for (const std::int64_t validFor : std::initializer_list<std::int64_t>{-1, 10 * 365 * 24 * 3600'000LL, 25 * 3600'000LL}) {
            Room room;
            const DeviceIndex lamp = room.a.first(DeviceKind::Streetlight);
            CommandPayload requested;
            requested.order = 0x0100'0001;
            requested.stage = CommandStage::Requested;
            requested.user = QStringLiteral("kai");
            requested.timeMs = validFor < 0 ? 0 : room.b.now + validFor;
            CommandPayload target = requested;
            target.action = CommandAction::LightDim;
            target.value = 40;
            target.timeMs = 0;
            CommandPayload selected = target;
            selected.stage = CommandStage::Selected;
            room.deliver({Event{0, room.b.now, kNoDevice, requested, kFromA}, Event{0, room.b.now, lamp, target, kFromA},
                          Event{0, room.b.now, lamp, selected, kFromA}});
            QVERIFY(!room.b.pipeline.books().orders().find(requested.order));
            QCOMPARE(room.b.pipeline.books().orders().reservedBy(lamp), 0u);
            QCOMPARE(room.refused(), 3u);
        }
        // 24 h, as any console's dispatcher allows, is taken.
        Room room;
        OrderSpec day;
        day.description = QStringLiteral("dim for a day");
        day.validForMs = 24 * 3600'000LL;
        day.targets.push_back({room.a.first(DeviceKind::Streetlight), CommandAction::LightDim, 40, 0, 0});
        QVERIFY(room.a.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{day}));
        room.a.advance(1000);
        room.deliver(room.fromA());
        QCOMPARE(room.refused(), 0u);
        QVERIFY(room.b.pipeline.books().orders().reservedBy(room.a.first(DeviceKind::Streetlight)) != 0u);
    }

    /// "Ended a live order as Rejected before any command left": another console speaking for B's own order.
    void nobodyElseSpeaksForOurOrders()
    {
        Room room;
        const DeviceIndex lamp = room.b.first(DeviceKind::Streetlight);
        OrderSpec spec;
        spec.description = QStringLiteral("dim");
        spec.targets.push_back({lamp, CommandAction::LightDim, 40, 0, 0});
        auto ours = room.b.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{spec});
        QVERIFY(ours);
        room.deliver({room.orderEvent(ours->ref, CommandStage::Rejected, {}, lamp), room.orderEvent(ours->ref, CommandStage::Finished)});
        QVERIFY(room.b.pipeline.books().orders().find(ours->ref)->stage != CommandStage::Finished);
        QCOMPARE(room.refused(), 2u);
        QVERIFY2(room.why().contains(QStringLiteral("this console's own")), qPrintable(room.why()));
    }

    /// A third console in the keyring finishing A's order.
    void oneConsoleCannotSpeakForAnothersOrder()
    {
        Room room;
        const std::uint32_t order = room.highRiskOrder("sven");
        room.deliver(room.fromA());
        room.deliver({room.orderEvent(order, CommandStage::Finished, {}, kNoDevice, kFromC)});
        QVERIFY(room.b.pipeline.books().orders().find(order)->stage != CommandStage::Finished);
        QVERIFY2(room.why().contains(QStringLiteral("another console")), qPrintable(room.why()));
    }

    /// Another console's ids carry the session bits of one of this console's earlier runs for about one run in
    /// 4,096 of this console's. Its orders are still taken, and after a restart they stay its own: this console
    /// neither takes up the one waiting for approval nor ends the one under way as if they had been its own, and a
    /// third console cannot go on with them in its place.
    void anotherConsolesOrdersAreNotTakenForOurEarlierRuns()
    {
        Room room(5 ^ kSaltB ^ kSaltA, 40);   // A's ids carry the bits of B's fifth run; B is in its fortieth
        const std::uint32_t waiting = room.highRiskOrder("sven");
        OrderSpec dim;
        dim.description = QStringLiteral("dim");
        dim.targets.push_back({room.a.first(DeviceKind::Streetlight), CommandAction::LightDim, 40, 0, 0});
        const auto underWay = room.a.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{dim});
        QVERIFY(underWay);
        room.a.advance(1000);
        QCOMPARE(room.a.driver.takeCommands().size(), size_t(1));
        const CityBooks &booksOfB = room.b.pipeline.books();
        const DeskContext atB{*room.b.city, booksOfB.states(), booksOfB.incidents(), booksOfB.alarms(), booksOfB.orders(), 40, kSaltB};
        QVERIFY(atB.issuedEarlier(waiting) && atB.issuedEarlier(underWay->ref));   // by their numbers, B's own

        room.deliver(room.fromA());
        QCOMPARE(room.refused(), 0u);
        const OrderBook &book = booksOfB.orders();
        QCOMPARE(book.find(waiting)->stage, CommandStage::AwaitingApproval);
        QCOMPARE(book.find(underWay->ref)->console, QStringLiteral("console-a"));
        QCOMPARE(book.find(underWay->ref)->count(CommandStage::Sent), 1);

        // B restarts on what it recorded.
        RestartedB restartedB(room, 41);
        LiveOpsLoop &restarted = restartedB.loop;
        const auto into = [&](std::vector<Event> events) { restartedB.take(std::move(events)); };
        const auto approved = restarted.request(actor(QStringLiteral("maria"), Role::Supervisor), request::DecideOrder{waiting, true, {}, {}}, room.b.now);
        QVERIFY(!approved);
        QVERIFY2(approved.error().contains(QStringLiteral("not waiting for approval")), qPrintable(approved.error()));
        QVERIFY(!book.find(underWay->ref)->finished());
        QCOMPARE(book.find(underWay->ref)->count(CommandStage::TimedOut), 0);
        QVERIFY(restarted.takeCommands().empty());

        // A goes on with its orders at B ...
        QVERIFY(room.a.ask(actor(QStringLiteral("maria"), Role::Supervisor), request::DecideOrder{waiting, true, {}, {}}));
        into(room.fromA());
        QCOMPARE(restarted.gate().refused(), 0u);
        QCOMPARE(book.find(waiting)->approvedBy, QStringLiteral("maria"));
        // ... and a third console in the keyring cannot speak for them.
        into({room.orderEvent(underWay->ref, CommandStage::Finished, {}, kNoDevice, kFromC)});
        QCOMPARE(restarted.gate().refused(), 1u);
        QVERIFY2(restarted.gate().lastRefusal().contains(QStringLiteral("requested at console console-a")), qPrintable(restarted.gate().lastRefusal()));
        QVERIFY(!book.find(underWay->ref)->finished());
    }

    /// And in this run: A's ids carry the session bits of B's current run (one run pair in 4,096), and A draws the
    /// number B would give its next order. A's order is taken as A's — not refused as B's own, as every order of A's
    /// was for the whole run — and B numbers its next order past it, so neither order's steps land on the other.
    void anOrderNumberedInOurRunIsTakenAndOurNextOnePassesItsNumber()
    {
        Room room;
        const Actor olga = actor(QStringLiteral("olga"), Role::Operator);
        const auto dim = [](DeviceIndex lamp) {
            OrderSpec spec;
            spec.description = QStringLiteral("dim");
            spec.targets.push_back({lamp, CommandAction::LightDim, 40, 0, 0});
            return spec;
        };
        const auto first = room.b.ask(olga, request::IssueOrder{dim(room.b.first(DeviceKind::Streetlight))});
        QVERIFY(first);
        const std::uint32_t next = nextNumber(first->ref, 0xfffff, true);

        const DeviceIndex atA = room.a.first(DeviceKind::Streetlight, 1), atB = room.b.first(DeviceKind::Streetlight, 2);
        QVERIFY(room.a.ask(olga, request::IssueOrder{dim(atA)}));
        room.a.advance(1000);
        std::vector<Event> fromA = room.fromA();
        for (Event &e : fromA)
            if (auto *c = std::get_if<CommandPayload>(&e.payload))
                c->order = next;
        room.deliver(fromA);
        QCOMPARE(room.refused(), 0u);
        const OrderBook &book = room.b.pipeline.books().orders();
        QCOMPARE(book.find(next)->console, QStringLiteral("console-a"));
        QCOMPARE(book.holderAt(atA, room.b.now), next);

        const auto second = room.b.ask(olga, request::IssueOrder{dim(atB)});
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QVERIFY(second->ref != next);
        const Order ours = *book.find(second->ref), theirs = *book.find(next);
        QVERIFY(!ours.isAnotherConsoles());
        QCOMPARE(ours.targets.size(), size_t(1));
        QCOMPARE(ours.targets.front().device, atB);
        QCOMPARE(theirs.targets.size(), size_t(1));
        QCOMPARE(theirs.targets.front().device, atA);
    }

    /// The same for an incident reported by hand: A's report with the number B would give its next one is on B's
    /// board, and B's next report gets a number of its own (the board passes a second incident of one number over).
    void aReportNumberedInOurRunIsTakenAndOurNextOnePassesItsNumber()
    {
        Room room;
        const Actor olga = actor(QStringLiteral("olga"), Role::Operator);
        const GeoPoint at = room.b.city->devices[room.b.first(DeviceKind::Streetlight)].position;
        const auto first = room.b.ask(olga, request::ReportIncident{at, IncidentSeverity::Minor, QStringLiteral("pothole"), kNoDevice});
        QVERIFY(first);
        const IncidentId next = kConsoleIncidentBase + nextNumber(first->ref - kConsoleIncidentBase, 0xffff, false);

        QVERIFY(room.a.ask(olga, request::ReportIncident{at, IncidentSeverity::Major, QStringLiteral("fallen tree"), kNoDevice}));
        std::vector<Event> fromA = room.fromA();
        for (Event &e : fromA) {
            if (auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload))
                raised->id = next;
            else if (auto *note = std::get_if<IncidentUpdatePayload>(&e.payload))
                note->id = next;
        }
        room.deliver(fromA);
        QCOMPARE(room.refused(), 0u);
        const IncidentBook &board = room.b.pipeline.books().incidents();
        QCOMPARE(board.find(next)->severity, IncidentSeverity::Major);

        const auto second = room.b.ask(olga, request::ReportIncident{at, IncidentSeverity::Minor, QStringLiteral("broken bench"), kNoDevice});
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QVERIFY(second->ref != next);
        QVERIFY(board.find(second->ref));
        QCOMPARE(board.find(second->ref)->severity, IncidentSeverity::Minor);
        QCOMPARE(board.find(next)->severity, IncidentSeverity::Major);
    }

    /// A made-up incident, or one "reported" by a viewer, never reaches B's board.
    void reportsNeedSomeoneAllowedToReport()
    {
        Room room;
        IncidentRaisedPayload raised;
        raised.id = kConsoleIncidentBase + 77;
        raised.kind = IncidentKind::Reported;
        raised.district = 0;
        IncidentUpdatePayload note;
        note.id = raised.id;
        note.change = IncidentChange::Note;
        note.user = QStringLiteral("wall");
        note.text = QStringLiteral("reported");
        room.deliver({Event{0, room.a.now, kNoDevice, raised, kFromA}});   // no reporter at all
        room.deliver({Event{0, room.a.now, kNoDevice, raised, kFromA}, Event{0, room.a.now, kNoDevice, note, kFromA}});
        QVERIFY(!room.b.pipeline.books().incidents().find(raised.id));
        QCOMPARE(room.refused(), 3u);   // the first raise; the second raise and its note
        // Incidents of the field come from gateways, never from consoles.
        raised.id = 5;
        raised.kind = IncidentKind::Collision;
        room.deliver({Event{0, room.a.now, kNoDevice, raised, kFromA}});
        QVERIFY(!room.b.pipeline.books().incidents().find(5));
    }

    /// Without a directory to ask, nothing from other consoles is believed.
    void theDeadlinesAreTheReceivingConsoles()
    {
        // A runs rules of its own (a major incident acknowledged within 9 min) and says so in what it shares; B
        // gives the incident the deadlines of its own city's rules (the default 5 min): another console has no say.
        auto ownRules = std::make_shared<CityModel>(*fixtureCity());
        ownRules->rules = ResponseRules::fromJson(R"({"acknowledge_within_min": {"major": 9}})").value();
        Room room;
        OpsBench a(ownRules, {}, 0x111);
        a.driver.setShareFilter(wire::isShared);
        const GeoPoint at = a.city->devices[a.first(DeviceKind::Streetlight)].position;
        auto r = a.ask(actor(QStringLiteral("olga"), Role::Operator), request::ReportIncident{at, IncidentSeverity::Major, QStringLiteral("fallen tree"), kNoDevice});
        QVERIFY2(r, qPrintable(r.error()));
        const auto atA = a.pipeline.books().incidents().find(r->ref);
        QCOMPARE(atA->ackByMs - atA->raisedMs, 9 * 60'000);
        std::vector<Event> shared = a.driver.takeShared();
        for (Event &e : shared)
            e.origin = kFromA;
        QVERIFY(std::any_of(shared.begin(), shared.end(), [](const Event &e) {
            const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload);
            return raised && raised->ackWithinMs == 9 * 60'000;
        }));
        room.deliver(shared);
        QCOMPARE(room.refused(), std::uint64_t(0));
        const auto atB = room.b.pipeline.books().incidents().find(r->ref);
        QVERIFY(atB);
        QCOMPARE(atB->ackByMs - atB->raisedMs, slaFor(IncidentSeverity::Major).ackWithinMs);
    }

    void withoutADirectoryNothingPasses()
    {
        Room room;
        room.b.driver.setRoster({});
        const IncidentId id = room.reportedIncident();
        QVERIFY(!room.b.pipeline.books().incidents().find(id));
        QVERIFY(room.refused() >= 1u);
    }
};

QTEST_GUILESS_MAIN(TestPeerGate)
#include "tst_peergate.moc"
