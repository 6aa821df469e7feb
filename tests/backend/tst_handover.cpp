// A console that comes online is handed over the history of what the others hold open (and of what ended last).
// Restarted on its record, it already holds much of it: what its books hold is passed over — not
// refused (the desk would say "messages of other consoles refused"), not booked twice — and what it missed while it
// was away is taken, so that its books end as they would had it heard everything live.
#include "peerroom.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

QString describe(const std::optional<Order> &o)
{
    QStringList out{commandStageName(o->stage), o->approvedBy, QString::number(o->targets.size())};
    for (const OrderTarget &t : o->targets)
        out << QStringLiteral("%1:%2/%3").arg(t.device).arg(commandStageName(t.stage)).arg(t.attempt);
    return out.join(QLatin1Char(' '));
}

QString describe(const std::optional<Incident> &i)
{
    QStringList out{incidentStateName(i->state), QString::number(i->linked.size())};
    for (const IncidentStep &s : i->history)
        out << QStringLiteral("%1 by %2: %3").arg(incidentStateName(s.state), s.user, s.text);
    for (const IncidentNote &n : i->notes)
        out << QStringLiteral("note by %1: %2").arg(n.user, n.text);
    return out.join(QLatin1String(" | "));
}

/// B as it would be had it heard `events` live, from the start.
struct HeardLive {
    OpsBench b{{}, kSaltB};
    explicit HeardLive(const std::vector<Event> &events)
    {
        b.driver.setRoster(directoryOfB);
        b.feed(events);
    }
};

} // namespace

class TestHandOver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void anOrdersHistoryAddsOnlyWhatWasMissed()
    {
        Room room;
        const std::uint32_t waiting = room.highRiskOrder("sven");
        OrderSpec dim;
        dim.description = QStringLiteral("dim");
        dim.targets.push_back({room.a.first(DeviceKind::Streetlight), CommandAction::LightDim, 40, 0, 0});
        dim.targets.push_back({room.a.first(DeviceKind::Streetlight, 1), CommandAction::LightDim, 40, 0, 0});
        const auto underWay = room.a.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{dim});
        QVERIFY(underWay);
        room.a.advance(1000);
        const std::vector<DeviceCommand> sent = room.a.driver.takeCommands();
        QCOMPARE(sent.size(), size_t(2));
        std::vector<Event> history = room.fromA();
        room.deliver(history);
        QCOMPARE(room.refused(), 0u);

        RestartedB restarted(room, 2);
        // While B was away: the approval, and both lamps' refusals, which end the dim.
        QVERIFY(room.a.ask(actor(QStringLiteral("maria"), Role::Supervisor), request::DecideOrder{waiting, true, {}, {}}));
        room.a.feed({Event{0, room.a.now, sent[0].device, commandAnswer(sent[0], CommandStage::Rejected, QStringLiteral("lamp fault"))},
                     Event{0, room.a.now, sent[1].device, commandAnswer(sent[1], CommandStage::Rejected, QStringLiteral("lamp fault"))}});
        room.a.advance(1000);
        const std::vector<Event> missed = room.fromA();
        QVERIFY(!missed.empty());
        history.insert(history.end(), missed.begin(), missed.end());
        restarted.take(history, true);   // the hand-over: everything A shared of these orders, in order

        QCOMPARE(restarted.loop.gate().refused(), 0u);
        QCOMPARE(restarted.loop.gate().retold(), history.size() - missed.size());
        const HeardLive live(history);
        for (const std::uint32_t order : {waiting, underWay->ref})
            QCOMPARE(describe(room.b.pipeline.books().orders().find(order)), describe(live.b.pipeline.books().orders().find(order)));
        QCOMPARE(room.b.pipeline.books().orders().find(waiting)->approvedBy, QStringLiteral("maria"));
        QCOMPARE(room.b.pipeline.books().orders().find(underWay->ref)->stage, CommandStage::Finished);
    }

    /// An incident A's people reported and worked: B's own step on it stays, nothing is noted twice.
    void anIncidentsHistoryAddsOnlyWhatWasMissed()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        const Actor kai = actor(QStringLiteral("kai"), Role::Operator);
        QVERIFY(room.a.ask(kai, request::TransitionIncident{id, IncidentState::Acknowledged, QStringLiteral("seen"), 0}));
        QVERIFY(room.a.ask(kai, request::NoteIncident{id, QStringLiteral("crew called")}));
        std::vector<Event> history = room.fromA();
        room.deliver(history);
        // B's own note (A would hand it back in B's name, and B's link passes its own over).
        QVERIFY(room.b.ask(actor(QStringLiteral("olga"), Role::Operator), request::NoteIncident{id, QStringLiteral("from B")}));
        QCOMPARE(room.refused(), 0u);

        RestartedB restarted(room, 2);
        // While B was away: another note, and the crew on its way.
        QVERIFY(room.a.ask(kai, request::NoteIncident{id, QStringLiteral("second crew called")}));
        QVERIFY(room.a.ask(kai, request::TransitionIncident{id, IncidentState::Dispatched, QStringLiteral("crew 4"), 0}));
        const std::vector<Event> missed = room.fromA();
        QCOMPARE(missed.size(), size_t(2));
        std::vector<Event> handedOver = history;   // (A's hand-over of an incident: its steps and the others', in order)
        handedOver.insert(handedOver.end(), missed.begin(), missed.end());
        restarted.take(handedOver, true);

        QCOMPARE(restarted.loop.gate().refused(), 0u);
        QCOMPARE(restarted.loop.gate().retold(), history.size());
        const auto atB = room.b.pipeline.books().incidents().find(id);
        QCOMPARE(atB->state, IncidentState::Dispatched);
        QStringList notes;
        for (const IncidentNote &n : atB->notes)
            notes << n.text;
        QCOMPARE(notes.size(), 4);   // the report's, "crew called", "from B", "second crew called": nothing twice
        QCOMPARE(notes.count(QStringLiteral("crew called")), 1);
        QCOMPARE(notes.count(QStringLiteral("from B")), 1);
        QCOMPARE(atB->history.size(), size_t(3));   // new, acknowledged, dispatched
    }

    /// Closed while B was away: the other console hands over what ended last too, and B's board closes it.
    void anIncidentClosedWhileAwayEndsClosed()
    {
        Room room;
        const Actor kai = actor(QStringLiteral("kai"), Role::Operator);
        const GeoPoint at = room.a.city->devices[room.a.first(DeviceKind::Streetlight)].position;
        const auto reported = room.a.ask(kai, request::ReportIncident{at, IncidentSeverity::Major, QStringLiteral("fallen tree"), kNoDevice});
        QVERIFY(reported);
        const auto id = IncidentId(reported->ref);
        QVERIFY(room.a.ask(kai, request::TransitionIncident{id, IncidentState::Acknowledged, {}, 0}));
        std::vector<Event> history = room.fromA();
        room.deliver(history);
        RestartedB restarted(room, 2);
        QVERIFY(room.a.ask(kai, request::TransitionIncident{id, IncidentState::Resolved, QStringLiteral("tree removed"), 0}));
        QVERIFY(room.a.ask(actor(QStringLiteral("sven"), Role::Supervisor), request::TransitionIncident{id, IncidentState::Closed, {}, 0}));
        const std::vector<Event> missed = room.fromA();
        history.insert(history.end(), missed.begin(), missed.end());
        restarted.take(history, true);
        QCOMPARE(restarted.loop.gate().refused(), 0u);
        QCOMPARE(room.b.pipeline.books().incidents().find(id)->state, IncidentState::Closed);
        QCOMPARE(describe(room.b.pipeline.books().incidents().find(id)), describe(HeardLive(history).b.pipeline.books().incidents().find(id)));
    }

    /// Live, nothing is taken for known: a person may write the same words twice, and each is noted.
    void liveTheSameNoteTwiceIsNotedTwice()
    {
        Room room;
        const IncidentId id = room.reportedIncident();
        const Actor kai = actor(QStringLiteral("kai"), Role::Operator);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(room.a.ask(kai, request::NoteIncident{id, QStringLiteral("still blocked")}));
            room.deliver(room.fromA());
        }
        const auto atB = room.b.pipeline.books().incidents().find(id);
        QCOMPARE(std::count_if(atB->notes.begin(), atB->notes.end(), [](const IncidentNote &n) { return n.text == QLatin1String("still blocked"); }), 2);
        QCOMPARE(room.b.driver.gate().retold(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestHandOver)
#include "tst_handover.moc"
