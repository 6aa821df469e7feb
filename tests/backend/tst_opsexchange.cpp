// The consoles' shared operations without a broker: what a console publishes (signed), what it takes in from the
// others (only from consoles in its keyring, fresh and once), and what it hands over to a console that joins late
// (only what is still open, from one console only). Each refusal is the attack performed on the real exchange.
#include "link/opsexchange.h"
#include "storetesting.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kStart = 1'790'000'000'000;

struct Published {
    QByteArray topic;
    QByteArray payload;
    wire::SignedOps envelope;
    wire::OpsMessage message;
};

/// The consoles of one room: their keys, the keyring every desk holds, and one wall clock they share.
struct Room {
    std::map<QString, std::shared_ptr<CommandSigner>> keys;
    std::shared_ptr<ConsoleKeyring> keyring = std::make_shared<ConsoleKeyring>();
    std::int64_t wallMs = kStart;

    explicit Room(const QStringList &consoles)
    {
        for (const QString &c : consoles) {
            keys[c] = std::make_shared<CommandSigner>(CommandSigner::generate());
            QVERIFY(keyring->add(c, keys[c]->publicKeyPem()));
        }
    }
};

/// An exchange whose messages land in a list instead of a broker.
struct Desk {
    std::shared_ptr<CommandSigner> key;
    OpsExchange exchange;
    std::vector<Published> out;
    bool brokerUp = true;

    Desk(Room &room, const QString &console, std::shared_ptr<CommandSigner> ownKey = {})
        : key(ownKey ? ownKey : room.keys.at(console)), exchange(*fixtureCity(), console, key.get(), room.keyring, [&room] { return room.wallMs; })
    {
        exchange.setPublisher([this](const QByteArray &topic, const QByteArray &payload) {
            if (!brokerUp)
                return false;
            auto envelope = wire::decodeSignedOps(payload);
            if (!std::holds_alternative<wire::SignedOps>(envelope))
                qFatal("the exchange published something it cannot read back");
            auto decoded = wire::decodeOps(std::get<wire::SignedOps>(envelope).body, *fixtureCity());
            if (!std::holds_alternative<wire::OpsMessage>(decoded))
                qFatal("the exchange published a body it cannot read back");
            out.push_back({topic, payload, std::get<wire::SignedOps>(envelope), std::get<wire::OpsMessage>(decoded)});
            return true;
        });
    }
    const QByteArray &payload(size_t i) const { return out.at(i).payload; }
};

Event step(IncidentId id, IncidentState state, const QString &user = QStringLiteral("rita"))
{
    IncidentUpdatePayload p;
    p.id = id;
    p.change = IncidentChange::Transition;
    p.state = state;
    p.user = user;
    return Event{0, kStart, kNoDevice, p};
}

Event order(std::uint32_t id, CommandStage stage, DeviceIndex device = kNoDevice)
{
    CommandPayload p;
    p.order = id;
    p.stage = stage;
    p.action = CommandAction::LightDim;
    p.value = 40;
    p.user = QStringLiteral("sven");
    return Event{0, kStart, device, p};
}

std::vector<Event> allHandedOver(const Desk &desk, const QString &to)
{
    std::vector<Event> events;
    for (const Published &p : desk.out)
        if (p.topic == wire::handoverTopic(to))
            events.insert(events.end(), p.message.events.begin(), p.message.events.end());
    return events;
}

wire::Refusal refusalOf(const wire::Parsed<std::vector<Event>> &got)
{
    if (!std::holds_alternative<wire::Refused>(got))
        qFatal("expected a refusal");
    return std::get<wire::Refused>(got).reason;
}

/// Re-signs a message with `key` after `change` altered it (an attacker holding some key).
QByteArray resign(wire::SignedOps envelope, const CommandSigner &key, const QByteArray &topic, const std::function<void(wire::SignedOps &)> &change)
{
    change(envelope);
    envelope.signature = key.sign(envelope.canonical(topic));
    return wire::encodeSignedOps(envelope);
}

} // namespace

class TestOpsExchange : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void sharesSignedOnTheOpsTopic()
    {
        Room room({QStringLiteral("desk-a")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(a.out.size(), size_t(1));
        QCOMPARE(a.out[0].topic, wire::opsTopic());
        QCOMPARE(a.out[0].envelope.console, QStringLiteral("desk-a"));
        QCOMPARE(a.out[0].message.console, QStringLiteral("desk-a"));
        QVERIFY(room.keyring->verifierFor(QStringLiteral("desk-a"))->verify(a.out[0].envelope.canonical(wire::opsTopic()), a.out[0].envelope.signature));
        QCOMPARE(a.exchange.shared(), 1u);
    }

    /// Counters only grow, within a run and across a restart (a new exchange of the same console).
    void countersGrowAcrossRestarts()
    {
        Room room({QStringLiteral("desk-a")});
        std::uint64_t last = 0;
        for (int run = 0; run < 2; ++run) {
            Desk a(room, QStringLiteral("desk-a"));
            a.exchange.share({step(5, IncidentState::Acknowledged)});
            a.exchange.share({step(6, IncidentState::Acknowledged)});
            for (const Published &p : a.out) {
                QVERIFY(p.envelope.counter > last);
                last = p.envelope.counter;
            }
            room.wallMs += 1;   // a restart takes at least a millisecond
        }
    }

    void ownMessagesAreNotAppliedTwice()
    {
        Room room({QStringLiteral("desk-a")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        const auto back = a.exchange.receive(a.payload(0), false);
        QVERIFY(std::holds_alternative<std::vector<Event>>(back));
        QVERIFY(std::get<std::vector<Event>>(back).empty());
        QCOMPARE(a.exchange.received(), 0u);
    }

    void takesInTheOthersTaggedWithTheirOrigin()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b"));
        a.exchange.share({step(5, IncidentState::Acknowledged), order(9, CommandStage::Requested)});
        const auto got = b.exchange.receive(a.payload(0), false);
        const auto &events = std::get<std::vector<Event>>(got);
        QCOMPARE(events.size(), size_t(2));
        for (const Event &e : events) {
            QCOMPARE(b.exchange.originName(e.origin), QStringLiteral("desk-a"));
            QVERIFY(!e.handedOver);   // live: nothing of it is passed over as already known
        }
        QCOMPARE(b.exchange.received(), 2u);
    }

    void refusesWhatIsNotAnOperation()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk b(room, QStringLiteral("desk-b"));
        wire::SignedOps envelope{QStringLiteral("desk-a"), 1, kStart,
                                 wire::encodeOps({QStringLiteral("desk-a"), {Event{0, 1, 0, SignalPayload{}}}}, *fixtureCity()), {}};
        envelope.signature = room.keys.at(QStringLiteral("desk-a"))->sign(envelope.canonical(wire::opsTopic()));
        const auto got = b.exchange.receive(wire::encodeSignedOps(envelope), false);
        QCOMPARE(int(refusalOf(got)), int(wire::Refusal::WrongKind));
        QCOMPARE(b.exchange.received(), 0u);
    }

    // --- the attacks of issue 13, with nothing but access to the broker (or one console's key) ---

    /// The first-round format, unsigned, as `mosquitto_pub` would send it.
    void refusesUnsignedOperations()
    {
        Room room({QStringLiteral("desk-b")});
        Desk b(room, QStringLiteral("desk-b"));
        const QByteArray unsigned_ = wire::encodeOps({QStringLiteral("wall"), {step(5, IncidentState::Closed)}}, *fixtureCity());
        QCOMPARE(int(refusalOf(b.exchange.receive(unsigned_, false))), int(wire::Refusal::Untrusted));
        QCOMPARE(b.exchange.received(), 0u);
    }

    void refusesAConsoleNotInTheKeyring()
    {
        Room room({QStringLiteral("desk-b")});
        Desk b(room, QStringLiteral("desk-b"));
        Desk mallory(room, QStringLiteral("mallory"), std::make_shared<CommandSigner>(CommandSigner::generate()));
        mallory.exchange.share({step(5, IncidentState::Acknowledged)});
        const auto got = b.exchange.receive(mallory.payload(0), false);
        QCOMPARE(int(refusalOf(got)), int(wire::Refusal::Untrusted));
        QVERIFY(std::get<wire::Refused>(got).detail.contains(QStringLiteral("not in this console's keyring")));
    }

    /// A stranger's key, claiming to be a console in the keyring.
    void refusesAForgedSignature()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk b(room, QStringLiteral("desk-b"));
        Desk forger(room, QStringLiteral("desk-a"), std::make_shared<CommandSigner>(CommandSigner::generate()));
        forger.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(int(refusalOf(b.exchange.receive(forger.payload(0), false))), int(wire::Refusal::Untrusted));
    }

    /// A genuine message with one word changed on the way.
    void refusesATamperedMessage()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QByteArray tampered = a.payload(0);
        QVERIFY(tampered.contains("acknowledged"));
        tampered.replace("acknowledged", "closed");
        QCOMPARE(int(refusalOf(b.exchange.receive(tampered, false))), int(wire::Refusal::Untrusted));
        QCOMPARE(b.exchange.received(), 0u);
    }

    /// The same message again (captured and re-published): taken once.
    void refusesAReplayedMessage()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(std::get<std::vector<Event>>(b.exchange.receive(a.payload(0), false)).size(), size_t(1));
        QCOMPARE(int(refusalOf(b.exchange.receive(a.payload(0), false))), int(wire::Refusal::Replayed));
        QCOMPARE(b.exchange.received(), 1u);
    }

    /// A captured message shown to a console that never saw it, after the window: refused as stale.
    void refusesAnOldMessage()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        room.wallMs += OpsExchange::kFreshnessMs + 1;
        Desk b(room, QStringLiteral("desk-b"));
        QCOMPARE(int(refusalOf(b.exchange.receive(a.payload(0), false))), int(wire::Refusal::Replayed));
        // ... and within the window it would have been taken.
        room.wallMs -= 2;
        Desk c(room, QStringLiteral("desk-b"));
        QCOMPARE(std::get<std::vector<Event>>(c.exchange.receive(a.payload(0), false)).size(), size_t(1));
    }

    /// A genuine message refused for its time alone names its console's clock until that console's next message is
    /// taken (then its clock is known in step); a capture of one already taken, shown late, names nothing; nor does a
    /// console taken out of the keyring.
    void namesTheClockOfAConsoleRefusedForItsTime()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b"));
        a.exchange.share({step(4, IncidentState::Acknowledged)});
        QVERIFY(std::holds_alternative<std::vector<Event>>(b.exchange.receive(a.payload(0), false)));
        // Taken: its clock is known to be in step with this one (a witness for this desk's clock: deskClockOff).
        const std::vector<PeerClock> inStep{{QStringLiteral("desk-a"), 0}};
        QCOMPARE(b.exchange.consoleClocks().inStep, inStep);
        room.wallMs += 100'000;
        QCOMPARE(int(refusalOf(b.exchange.receive(a.payload(0), false))), int(wire::Refusal::Replayed));
        QVERIFY(b.exchange.consoleClocks().offClock.empty());   // a capture: its counter is not newer

        room.wallMs += 45'000;   // desk-a's clock 45 s ahead of desk-b's
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        room.wallMs -= 45'000;
        QCOMPARE(int(refusalOf(b.exchange.receive(a.payload(1), false))), int(wire::Refusal::Replayed));
        QCOMPARE(b.exchange.consoleClocks().offClock, (std::vector<PeerClock>{{QStringLiteral("desk-a"), 45'000}}));
        QVERIFY(b.exchange.consoleClocks().inStep.empty());   // off now, not in step

        auto without = std::make_shared<ConsoleKeyring>();
        QVERIFY(without->add(QStringLiteral("desk-b"), room.keys.at(QStringLiteral("desk-b"))->publicKeyPem()));
        b.exchange.setKeyring({without, {}});
        QVERIFY(b.exchange.consoleClocks().offClock.empty());
        QVERIFY(b.exchange.consoleClocks().inStep.empty());
        b.exchange.setKeyring({room.keyring, QStringLiteral("the console keyring may be changed by others")});
        QVERIFY(b.exchange.consoleClocks().offClock.empty());   // not believed, whatever it lists
        b.exchange.setKeyring({room.keyring, {}});
        QCOMPARE(b.exchange.consoleClocks().offClock.size(), size_t(1));

        a.exchange.share({step(6, IncidentState::Acknowledged)});   // set right: taken, and nothing more said of it
        QVERIFY(std::holds_alternative<std::vector<Event>>(b.exchange.receive(a.payload(2), false)));
        QVERIFY(b.exchange.consoleClocks().offClock.empty());
        QCOMPARE(b.exchange.consoleClocks().inStep, inStep);
        // Taken long ago, it no longer speaks for this desk's clock (which may have been set wrong since).
        room.wallMs += OpsExchange::kInStepForMs;
        QCOMPARE(b.exchange.consoleClocks().inStep, inStep);
        room.wallMs += 1;
        QVERIFY(b.exchange.consoleClocks().inStep.empty());
    }

    /// A console in the keyring speaking on the shared log in another console's name.
    void refusesSpeakingForAnotherConsole()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b"), QStringLiteral("desk-c")});
        Desk b(room, QStringLiteral("desk-b")), c(room, QStringLiteral("desk-c"));
        b.exchange.share({step(5, IncidentState::Acknowledged)});
        const QByteArray inAsName = resign(b.out[0].envelope, *room.keys.at(QStringLiteral("desk-b")), wire::opsTopic(), [](wire::SignedOps &e) {
            e.body = wire::encodeOps({QStringLiteral("desk-a"), {step(5, IncidentState::Acknowledged)}}, *fixtureCity());
        });
        QCOMPARE(int(refusalOf(c.exchange.receive(inAsName, false))), int(wire::Refusal::Untrusted));
    }

    /// A hand-over meant for one console, replayed to another or onto the shared log: the topic is signed.
    void refusesAHandOverMovedToAnotherTopic()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-c"), QStringLiteral("desk-d")});
        Desk a(room, QStringLiteral("desk-a")), d(room, QStringLiteral("desk-d"));
        a.exchange.share({order(9, CommandStage::Requested)});
        a.exchange.handOver(QStringLiteral("desk-c"));
        const QByteArray handover = a.out.back().payload;
        QCOMPARE(a.out.back().topic, wire::handoverTopic(QStringLiteral("desk-c")));
        QCOMPARE(int(refusalOf(d.exchange.receive(handover, true))), int(wire::Refusal::Untrusted));
        QCOMPARE(int(refusalOf(d.exchange.receive(handover, false))), int(wire::Refusal::Untrusted));
    }

    /// Nothing is handed over to a console the keyring does not list (it could not take it anyway).
    void handsOverOnlyToKnownConsoles()
    {
        Room room({QStringLiteral("desk-a")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.share({order(9, CommandStage::Requested)});
        a.out.clear();
        a.exchange.handOver(QStringLiteral("mallory"));
        QVERIFY(a.out.empty());
    }

    /// A console without a key shares nothing (and says so in its counters).
    void withoutAKeyNothingIsShared()
    {
        Room room({QStringLiteral("desk-a")});
        OpsExchange watcher(*fixtureCity(), QStringLiteral("desk-w"), nullptr, room.keyring, [&room] { return room.wallMs; });
        int published = 0;
        watcher.setPublisher([&](const QByteArray &, const QByteArray &) { return ++published, true; });
        watcher.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(published, 0);
        QCOMPARE(watcher.failures(), 1u);
    }

    // --- hand-over ---

    /// A late joiner gets the open incidents' steps and the open orders' history, and the history of what ended
    /// last (a console restarted on a record that has it open learns how it ended): open incidents first, then ended
    /// ones, finished orders, open orders.
    void handsOverWhatIsOpenAndWhatEndedLast()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged), step(6, IncidentState::Acknowledged),
                          step(6, IncidentState::Closed), order(9, CommandStage::Requested),
                          order(9, CommandStage::Sent, 3), order(10, CommandStage::Requested),
                          order(10, CommandStage::Finished)});
        a.exchange.handOver(QStringLiteral("desk-c"));
        const std::vector<Event> handed = allHandedOver(a, QStringLiteral("desk-c"));
        QCOMPARE(handed.size(), size_t(7));
        QCOMPARE(std::get<IncidentUpdatePayload>(handed[0].payload).id, IncidentId(5));
        QCOMPARE(std::get<IncidentUpdatePayload>(handed[1].payload).id, IncidentId(6));
        QCOMPARE(std::get<IncidentUpdatePayload>(handed[2].payload).state, IncidentState::Closed);
        QCOMPARE(std::get<CommandPayload>(handed[3].payload).order, 10u);
        QCOMPARE(std::get<CommandPayload>(handed[4].payload).stage, CommandStage::Finished);
        QCOMPARE(std::get<CommandPayload>(handed[5].payload).order, 9u);
        QCOMPARE(std::get<CommandPayload>(handed[6].payload).stage, CommandStage::Sent);
        QCOMPARE(handed[6].device, DeviceIndex(3));
    }

    /// The finished orders kept for a hand-over are the last 500, oldest first.
    void keepsTheLastFinishedOrdersOnly()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a"));
        std::vector<Event> ops;
        for (std::uint32_t id = 1; id <= 600; ++id) {
            ops.push_back(order(id, CommandStage::Requested));
            ops.push_back(order(id, CommandStage::Finished));
        }
        a.exchange.share(ops);
        a.out.clear();
        a.exchange.handOver(QStringLiteral("desk-c"));
        const std::vector<Event> handed = allHandedOver(a, QStringLiteral("desk-c"));
        QCOMPARE(handed.size(), size_t(1000));
        QCOMPARE(std::get<CommandPayload>(handed.front().payload).order, 101u);
        QCOMPARE(std::get<CommandPayload>(handed.back().payload).order, 600u);
    }

    /// What a console received from others is part of what it hands over, in their name: the joiner tags it with
    /// the console it came from, not the one relaying it.
    void handsOverWhatOthersSharedInTheirName()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b")), c(room, QStringLiteral("desk-c"));
        a.exchange.share({order(9, CommandStage::Requested)});
        b.exchange.share({order(7, CommandStage::Requested)});
        (void)b.exchange.receive(a.payload(0), false);
        b.out.clear();
        b.exchange.handOver(QStringLiteral("desk-c"));
        QCOMPARE(b.out.size(), size_t(2));
        std::vector<Event> taken;
        for (const Published &p : b.out) {
            const auto got = c.exchange.receive(p.payload, true);
            const auto &events = std::get<std::vector<Event>>(got);
            taken.insert(taken.end(), events.begin(), events.end());
        }
        QCOMPARE(taken.size(), size_t(2));
        QCOMPARE(std::get<CommandPayload>(taken[0].payload).order, 7u);
        QCOMPARE(c.exchange.originName(taken[0].origin), QStringLiteral("desk-b"));
        QCOMPARE(std::get<CommandPayload>(taken[1].payload).order, 9u);
        QCOMPARE(c.exchange.originName(taken[1].origin), QStringLiteral("desk-a"));
        QVERIFY(taken[0].handedOver && taken[1].handedOver);
        // Recorded with each order: whose it is, not who relayed it.
        QCOMPARE(std::get<CommandPayload>(taken[0].payload).console, QStringLiteral("desk-b"));
        QCOMPARE(std::get<CommandPayload>(taken[1].payload).console, QStringLiteral("desk-a"));
    }

    /// The console an order step is recorded with (what a restarted console tells its own orders from the ones it
    /// only watched by) is the one that signed it: a console naming another — or none, as the receiver's own steps
    /// are recorded — in its steps is not believed.
    void aStepIsRecordedWithTheConsoleThatSignedIt()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b"));
        Event claimsB = order(9, CommandStage::Requested);
        std::get<CommandPayload>(claimsB.payload).console = QStringLiteral("desk-b");
        a.exchange.share({claimsB, order(9, CommandStage::Sent, 3)});
        const auto got = b.exchange.receive(a.payload(0), false);
        const auto &events = std::get<std::vector<Event>>(got);
        QCOMPARE(events.size(), size_t(2));
        for (const Event &e : events)
            QCOMPARE(std::get<CommandPayload>(e.payload).console, QStringLiteral("desk-a"));
        // Its own steps leave a console with no name on them: that is how its record tells them apart.
        QVERIFY(std::get<CommandPayload>(a.out.at(0).message.events.at(1).payload).console.isEmpty());
    }

    void nothingOpenNothingHandedOver()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a"));
        a.exchange.handOver(QStringLiteral("desk-c"));
        QVERIFY(a.out.empty());
    }

    /// Every console that was there hands over the same history: the joiner takes one and ignores the rest.
    void takesOneHandOver()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b")), c(room, QStringLiteral("desk-c"));
        a.exchange.share({order(9, CommandStage::Requested)});
        (void)b.exchange.receive(a.payload(0), false);
        a.exchange.handOver(QStringLiteral("desk-c"));
        a.exchange.handOver(QStringLiteral("desk-c"));   // a second chunk of the same console's hand-over
        b.exchange.handOver(QStringLiteral("desk-c"));
        QCOMPARE(std::get<std::vector<Event>>(c.exchange.receive(a.payload(1), true)).size(), size_t(1));
        QVERIFY(std::get<std::vector<Event>>(c.exchange.receive(b.out.back().payload, true)).empty());
        QCOMPARE(std::get<std::vector<Event>>(c.exchange.receive(a.payload(2), true)).size(), size_t(1));
    }

    /// Large histories go in chunks under the size limit, in order.
    void chunksLargeHandOvers()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a"));
        std::vector<Event> many;
        for (std::uint32_t i = 1; i <= 450; ++i)
            many.push_back(step(i, IncidentState::Acknowledged));
        a.exchange.share(many);
        a.out.clear();
        a.exchange.handOver(QStringLiteral("desk-c"));
        QCOMPARE(a.out.size(), size_t(3));
        const std::vector<Event> handed = allHandedOver(a, QStringLiteral("desk-c"));
        QCOMPARE(handed.size(), size_t(450));
        for (size_t i = 0; i < handed.size(); ++i)
            QCOMPARE(std::get<IncidentUpdatePayload>(handed[i].payload).id, IncidentId(i + 1));
    }

    void countsWhatCouldNotBeSent()
    {
        Room room({QStringLiteral("desk-a")});
        Desk a(room, QStringLiteral("desk-a"));
        a.brokerUp = false;
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(a.exchange.failures(), 1u);
        QCOMPARE(a.exchange.shared(), 0u);
    }

    /// The keyring read again while the console runs: a console taken out is refused from its next message on; a
    /// keyring that cannot be believed believes nobody; and a console's origin tag stays what it was whatever the
    /// new list's order (events already in the core carry it).
    void takesTheKeyringAsItIsNow()
    {
        Room room({QStringLiteral("desk-a"), QStringLiteral("desk-b"), QStringLiteral("desk-c")});
        Desk a(room, QStringLiteral("desk-a")), b(room, QStringLiteral("desk-b")), c(room, QStringLiteral("desk-c"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        b.exchange.share({step(6, IncidentState::Acknowledged)});
        const auto fromB = c.exchange.receive(b.payload(0), false);
        const auto fromA = c.exchange.receive(a.payload(0), false);
        const std::uint16_t tagA = std::get<std::vector<Event>>(fromA).at(0).origin, tagB = std::get<std::vector<Event>>(fromB).at(0).origin;
        QVERIFY(tagA != 0 && tagB != 0 && tagA != tagB);

        // desk-a taken out, the list in another order: desk-b keeps its tag, desk-a's next message is refused.
        auto without = std::make_shared<ConsoleKeyring>();
        QVERIFY(without->add(QStringLiteral("desk-c"), room.keys.at(QStringLiteral("desk-c"))->publicKeyPem()));
        QVERIFY(without->add(QStringLiteral("desk-b"), room.keys.at(QStringLiteral("desk-b"))->publicKeyPem()));
        c.exchange.setKeyring({without, {}});
        a.exchange.share({step(7, IncidentState::Acknowledged)});
        b.exchange.share({step(8, IncidentState::Acknowledged)});
        const auto refused = c.exchange.receive(a.payload(1), false);
        QVERIFY(std::holds_alternative<wire::Refused>(refused));
        QVERIFY2(std::get<wire::Refused>(refused).detail.contains(QLatin1String("desk-a is not in this console's keyring")),
                 qPrintable(std::get<wire::Refused>(refused).detail));
        const auto taken = c.exchange.receive(b.payload(1), false);
        QCOMPARE(std::get<std::vector<Event>>(taken).at(0).origin, tagB);
        QCOMPARE(c.exchange.originName(tagA), QStringLiteral("desk-a"));   // what it did before is still its own

        // A keyring that cannot be believed: nobody, with the reason.
        c.exchange.setKeyring({nullptr, QStringLiteral("the console keyring /x/consoles.json may be changed by others")});
        b.exchange.share({step(9, IncidentState::Acknowledged)});
        const auto unbelieved = c.exchange.receive(b.payload(2), false);
        QVERIFY(std::holds_alternative<wire::Refused>(unbelieved));
        QVERIFY2(std::get<wire::Refused>(unbelieved).detail.contains(QLatin1String("keyring cannot be believed: the console keyring /x/")),
                 qPrintable(std::get<wire::Refused>(unbelieved).detail));
        c.exchange.handOver(QStringLiteral("desk-b"));
        QVERIFY(c.out.empty());   // nothing handed over to a console nobody can vouch for
    }
};

QTEST_GUILESS_MAIN(TestOpsExchange)
#include "tst_opsexchange.moc"
