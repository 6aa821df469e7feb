// Consoles on a real mosquitto: each tells the others it is there (a retained status) and that it is gone (its goodbye,
// or the Will the broker publishes for it). A console that goes mid-order leaves its order holding lamps at the
// other; a supervisor there releases it and the lamps may be ordered; the console comes back and its order holds them
// again. The release itself is in-process tested as an attacker would try it (tst_goneconsole); who may say a console
// is gone on a broker with accounts: tst_brokeracl; on an open broker, the statuses are signed (attacked here). A
// console taken out of the keyring cannot end its orders either.
#include "link/consolestatus.h"
#include "mqttconsole.h"
#include "store/storereader.h"

#include <QTest>

#include <atomic>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kConsoleA = QStringLiteral("console-a");

/// An order that holds its lamps for minutes: each target waits 5 min after clearance before it is sent (as a
/// workflow's later step does).
OrderSpec dimLater(const std::vector<DeviceIndex> &devices)
{
    OrderSpec spec;
    spec.description = QStringLiteral("dim for the night market");
    for (DeviceIndex d : devices)
        spec.targets.push_back({d, CommandAction::LightDim, 30, 0, 5 * 60'000});
    return spec;
}

/// Everything a console recorded into `store` (closed), in order; empty when it cannot be read.
std::vector<Event> readBack(const QString &store)
{
    std::vector<Event> events;
    auto reader = StoreReader::open(store, city());
    if (!reader || !reader.value()->readEvents(0, std::numeric_limits<std::int64_t>::max(), events, 1'000'000).ok())
        qWarning("cannot read back %s", qPrintable(store));
    return events;
}

/// Adds the statuses of console-a that `spy` received since last asked to `heard` (it may be asked again and again).
void heardFrom(RawClient &spy, std::vector<wire::ConsoleStatus> &heard)
{
    for (const MqttClient::Message &m : spy.take())
        if (m.topic == wire::consoleStatusTopic(kConsoleA))
            if (auto s = wire::decodeConsoleStatus(m.payload); std::holds_alternative<wire::ConsoleStatus>(s))
                heard.push_back(std::get<wire::ConsoleStatus>(s));
}

const Actor olga = person("olga", Role::Operator);
const Actor kai = person("kai", Role::Operator);
const Actor sven = person("sven", Role::Supervisor);

} // namespace

class TestConsolePresence : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void aConsoleThatGoesMidOrderIsSeenGoneAndItsOrderMayBeReleasedUntilItIsBack()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        const auto three = lamps(3, 7);
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("b.store"));
        auto owned = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"), nullptr, 1, store);
        Console &b = *owned;
        auto a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);

        const auto held = a->ask(olga, request::IssueOrder{dimLater(three)});
        QVERIFY2(held, qPrintable(held ? QString() : held.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().holderAt(three[0], b.engine.clock().nowMs()) == held->ref, 5000);
        QVERIFY(!b.order(kai, CommandAction::LightDim, {three[0]}, 80));
        QVERIFY(!b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("A is still there")}));

        // A goes (its goodbye on the way out). After the grace second B records it gone; sven releases A's order —
        // but not while B itself cannot hear the broker: A may be back meanwhile.
        a.reset();
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().consoleGoneSince(kConsoleA).has_value(), 10'000);
        broker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.linkStatus().state != LinkState::Connected, 10'000);
        const auto deaf = b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("console-a is down")});
        QVERIFY(!deaf);
        QVERIFY2(deaf.error().contains(QStringLiteral("does not hear the broker")), qPrintable(deaf.error()));
        QVERIFY(broker.start());
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.linkStatus().state == LinkState::Connected, 15'000);
        QVERIFY(b.engine.orders().consoleGoneSince(kConsoleA).has_value());   // nothing has said otherwise
        const auto released = b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("console-a is down; the lamps are needed")});
        QVERIFY2(released, qPrintable(released ? QString() : released.error()));
        QVERIFY2(released->message.contains(QStringLiteral("3 devices")), qPrintable(released->message));
        const auto mine = b.order(kai, CommandAction::LightDim, {three[0]}, 80);
        QVERIFY2(mine, qPrintable(mine ? QString() : mine.error()));
        // B loses the broker again: A may be back meanwhile, so nothing new takes a lamp of A's order until B hears.
        broker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.linkStatus().state != LinkState::Connected, 10'000);
        const auto unheard = b.order(kai, CommandAction::LightDim, {three[1]}, 80);
        QVERIFY(!unheard);
        QVERIFY2(unheard.error().contains(QStringLiteral("released here while console-a was gone; this console does not hear the broker now")),
                 qPrintable(unheard.error()));
        QVERIFY(broker.start());
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.linkStatus().state == LinkState::Connected, 15'000);
        const auto heard = b.order(kai, CommandAction::LightDim, {three[1]}, 80);
        QVERIFY2(heard, qPrintable(heard ? QString() : heard.error()));

        // A is back (a new run of it): B records it on the broker, and the release is over.
        a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), nullptr, 2);
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        const auto o = b.engine.orders().find(held->ref);
        QVERIFY(o);
        QVERIFY(!o->releasedHere);
        QVERIFY(o->releaseLapsedMs > 0);
        QCOMPARE(o->releasedBy, QStringLiteral("sven"));

        // B's record says it, in order: A there, A gone, sven's release with his reason, A back.
        owned.reset();   // a clean close: everything recorded
        const std::vector<Event> events = readBack(store);
        QStringList told;
        for (const Event &e : events) {
            if (const auto *c = std::get_if<ConsolePayload>(&e.payload); c && c->console == kConsoleA)
                told << consoleStandingName(c->standing);
            else if (const auto *r = std::get_if<CommandPayload>(&e.payload); r && r->stage == CommandStage::Released)
                told << QStringLiteral("released by %1: %2").arg(r->user, r->text);
        }
        QCOMPARE(told, (QStringList{QStringLiteral("online"), QStringLiteral("gone"),
                                    QStringLiteral("released by sven: console-a is down; the lamps are needed"), QStringLiteral("online")}));
    }

    /// Anyone may publish on an open broker. Someone there says console-a is gone three ways while it is on the broker
    /// with an order holding lamps at B: an unsigned goodbye, one signed with console-b's key (a desk whose key was
    /// stolen), and console-a's own goodbye of its earlier run, copied off the broker. B refuses each, counted, and
    /// sven may not release the order; console-a publishes its status again over each, so a console that joins later
    /// reads console-a online.
    void nobodyElseOnAnOpenBrokerSaysAConsoleIsGone()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(listensToStatusOf(spy, kConsoleA));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        auto a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        a.reset();   // its goodbye, which the spy keeps
        std::vector<wire::ConsoleStatus> earlier;
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, earlier), !earlier.empty() && !earlier.back().online), 10'000);
        const wire::ConsoleStatus oldGoodbye = earlier.back();
        QVERIFY(oldGoodbye.isSigned());
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().consoleGoneSince(kConsoleA).has_value(), 10'000);

        a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), nullptr, 2);
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        const auto three = lamps(3, 15);
        const auto held = a->ask(olga, request::IssueOrder{dimLater(three)});
        QVERIFY2(held, qPrintable(held ? QString() : held.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().holderAt(three[0], b.engine.clock().nowMs()) == held->ref, 5000);
        std::vector<wire::ConsoleStatus> current;   // its run's status (and what came before)
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, current), !current.empty() && current.back().online), 5000);
        QVERIFY(current.back().connection > oldGoodbye.connection);

        const LinkCounters before = b.link->counters();
        const wire::ConsoleStatus unsignedGoodbye{false, oldGoodbye.connection + 1'000'000'000, {}, {}};
        wire::ConsoleStatus signedByB{false, oldGoodbye.connection + 1'000'000'000, {}, {}};
        const CommandSigner keyB = CommandSigner::fromPrivateKeyFile(room().privateKey("console-b")).value();
        signedByB.keyId = keyB.keyId();
        signedByB.signature = keyB.sign(signedByB.canonical(kConsoleA));
        RawClient attacker(brokerOptions(broker.plainUrl(), QStringLiteral("someone")));
        QTRY_VERIFY_WITH_TIMEOUT(attacker.client->connected(), 5000);
        for (const wire::ConsoleStatus &forged : {unsignedGoodbye, signedByB, oldGoodbye})
            QVERIFY(attacker.client->publish(wire::consoleStatusTopic(kConsoleA), wire::encodeConsoleStatus(forged), 1, true));

        QTRY_VERIFY_WITH_TIMEOUT(b.link->counters().untrusted >= before.untrusted + 2 && b.link->counters().replayed >= before.replayed + 1, 10'000);
        QCOMPARE(b.link->counters().untrusted, before.untrusted + 2);
        QCOMPARE(b.link->counters().replayed, before.replayed + 1);
        QCOMPARE(b.engine.orders().consoleStanding(kConsoleA), ConsoleStanding::Online);
        QVERIFY(!b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("the broker says console-a is gone")}));

        // Console-a answered each with its own status of this run: the last word on the broker is its own.
        std::vector<wire::ConsoleStatus> answered;
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, answered), std::ranges::count_if(answered, [](const wire::ConsoleStatus &s) { return s.online; }) == 3),
                                 10'000);
        RawClient late(brokerOptions(broker.plainUrl(), QStringLiteral("late")));
        QVERIFY(listensToStatusOf(late, kConsoleA));
        std::vector<wire::ConsoleStatus> retained;
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(late, retained), !retained.empty()), 5000);
        QVERIFY(retained.front().online);
        QCOMPARE(retained.front().connection, current.back().connection);
        QCOMPARE(retained.front().signature, current.back().signature);
    }

    /// Console-a's connection dies without a goodbye (here another client takes its client id, which an open broker
    /// allows): the broker publishes console-a's Will, signed for that connection, and B takes it (neither forged nor
    /// stale). Console-a connects again at once, on a connection of a new number; the Will of the dead connection,
    /// published again, is refused.
    void aWillIsBelievedForItsOwnConnectionOnly()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(listensToStatusOf(spy, kConsoleA));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        std::vector<wire::ConsoleStatus> heard;
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, heard), !heard.empty() && heard.back().online), 5000);
        const std::uint64_t first = heard.back().connection;
        const LinkCounters before = b.link->counters();

        auto impostor = std::make_unique<RawClient>(brokerOptions(broker.plainUrl(), kConsoleA));
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, heard), !heard.back().online), 10'000);
        impostor.reset();
        const wire::ConsoleStatus will = heard.back();
        QCOMPARE(will.connection, first);   // the Will of the connection that died
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, heard), heard.back().online && heard.back().connection > first), 15'000);
        // B had the Will and the new status before the spy had the latter; what the spy publishes now reaches B after.
        QVERIFY(spy.client->publish(wire::consoleStatusTopic(QStringLiteral("marker")), "{}", 1));
        QTRY_VERIFY_WITH_TIMEOUT(b.link->counters().malformed > before.malformed, 5000);
        QCOMPARE(b.link->counters().untrusted, before.untrusted);
        QCOMPARE(b.link->counters().replayed, before.replayed);
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 5000);

        RawClient attacker(brokerOptions(broker.plainUrl(), QStringLiteral("someone")));
        QTRY_VERIFY_WITH_TIMEOUT(attacker.client->connected(), 5000);
        QVERIFY(attacker.client->publish(wire::consoleStatusTopic(kConsoleA), wire::encodeConsoleStatus(will), 1, true));
        QTRY_COMPARE_WITH_TIMEOUT(b.link->counters().replayed, before.replayed + 1, 5000);
        QVERIFY(knownOnline(b, kConsoleA));
    }

    /// Console-a's clock ran 25 s ahead (still within the freshness window), and is set right before it restarts: its
    /// new run's connection and its signed operations are numbered from a clock that has not yet reached the numbers it
    /// sent before, which B refuses as replays — unless console-a goes on above the floor it kept in its data folder.
    void aConsoleRestartedAfterItsClockWasSetBackIsHeard()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        QTemporaryDir dir;
        const QString numbers = dir.filePath(QStringLiteral("wire-numbers/console-a"));
        const auto ahead = [&numbers](std::int64_t skewMs) {
            return [&numbers, skewMs](MqttLinkOptions &o) {
                o.numbersPath = numbers;
                o.wallClock = [skewMs] { return QDateTime::currentMSecsSinceEpoch() + skewMs; };
            };
        };
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        auto a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), ahead(25'000));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        const auto first = a->ask(olga, request::IssueOrder{dimLater(lamps(1, 19))});
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QTRY_VERIFY_WITH_TIMEOUT(bool(b.engine.orders().find(first->ref)), 5000);
        a.reset();
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().consoleGoneSince(kConsoleA).has_value(), 10'000);

        const LinkCounters before = b.link->counters();
        a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), ahead(0), 2);
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        const auto lamp = lamps(1, 23);
        const auto second = a->ask(olga, request::IssueOrder{dimLater(lamp)});
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().holderAt(lamp[0], b.engine.clock().nowMs()) == second->ref, 5000);
        QCOMPARE(b.link->counters().replayed, before.replayed);
    }

    /// Console-a's clock runs 45 s ahead, outside the 30 s its signed operations count within: B refuses them and
    /// says whose clock and by how much, not only a count. Set right, console-a's next operations are taken and B says
    /// nothing more of its clock. A capture of the refused message, sent again later, does not name a clock.
    void aConsoleWhoseClockIsOffIsNamedWhereItsOperationsAreRefused()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(QTest::qWaitFor([&] { return spy.client->connected(); }, 5000) && spy.client->subscribe(wire::opsTopic(), 1));
        auto skewMs = std::make_shared<std::atomic<std::int64_t>>(45'000);
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), [skewMs](MqttLinkOptions &o) {
            o.wallClock = [skewMs] { return QDateTime::currentMSecsSinceEpoch() + skewMs->load(); };
        });
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        QVERIFY(b.link->counters().consolesOffClock.empty());

        const auto first = a.ask(olga, request::IssueOrder{dimLater(lamps(1, 19))});
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QTRY_COMPARE_WITH_TIMEOUT(b.link->counters().consolesOffClock.size(), size_t(1), 10'000);
        const PeerClock off = b.link->counters().consolesOffClock.front();
        QCOMPARE(off.console, kConsoleA);
        QVERIFY2(std::llabs(off.aheadMs - 45'000) < 5000, qPrintable(QString::number(off.aheadMs)));
        QVERIFY(!b.engine.orders().find(first->ref));
        QTRY_VERIFY_WITH_TIMEOUT(spy.waiting() > 0, 5000);
        const std::vector<MqttClient::Message> captured = spy.take();

        skewMs->store(0);   // NTP sets it right
        const auto second = a.ask(olga, request::IssueOrder{dimLater(lamps(1, 23))});
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QTRY_VERIFY_WITH_TIMEOUT(bool(b.engine.orders().find(second->ref)), 10'000);
        QVERIFY(b.link->counters().consolesOffClock.empty());
        // Taken: its clock is known to be in step with B's (a witness for B's own clock, deskClockOff).
        const std::vector<PeerClock> inStep = b.link->counters().consolesInStep;
        QVERIFY(inStep.size() == 1 && inStep.front().console == kConsoleA);
        QVERIFY2(std::llabs(inStep.front().aheadMs) < 5000, qPrintable(QString::number(inStep.front().aheadMs)));

        const LinkCounters before = b.link->counters();
        for (const MqttClient::Message &m : captured)
            QVERIFY(spy.client->publish(m.topic, m.payload, 1));
        QTRY_VERIFY_WITH_TIMEOUT(b.link->counters().replayed >= before.replayed + captured.size(), 10'000);
        QVERIFY(b.link->counters().consolesOffClock.empty());
    }

    /// Console-a says goodbye while B's keyring cannot be believed (made writable by others): B cannot check the
    /// signature then, and takes nothing from it. Once the file is mended B asks the broker for the statuses again, and
    /// console-a's goodbye — retained there — counts: console-a is gone.
    void aStatusThatCameWhileTheKeyringWasRefusedCountsOnceItIsMended()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        QTemporaryDir dir;
        const QString keyringFile = privateKeyringCopy(dir);
        QVERIFY(!keyringFile.isEmpty());
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(listensToStatusOf(spy, kConsoleA));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"),
                  [&](MqttLinkOptions &o) { o.consolesPath = keyringFile; });
        auto a = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);

        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) | QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(!b.link->counters().keyringProblem.isEmpty(), 10'000);
        a.reset();
        std::vector<wire::ConsoleStatus> heard;
        QTRY_VERIFY_WITH_TIMEOUT((heardFrom(spy, heard), !heard.empty() && !heard.back().online), 10'000);
        // The broker sent the goodbye to B before the spy had it; what the spy publishes now reaches B after it.
        const std::uint64_t malformed = b.link->counters().malformed;
        QVERIFY(spy.client->publish(wire::consoleStatusTopic(QStringLiteral("marker")), "{}", 1));
        QTRY_VERIFY_WITH_TIMEOUT(b.link->counters().malformed > malformed, 5000);
        QVERIFY(knownOnline(b, kConsoleA));   // unchecked, so not taken
        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) & ~QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().consoleGoneSince(kConsoleA).has_value(), 10'000);
    }

    /// The admin takes console-a out of B's keyring (its laptop was stolen) while it is on the broker: from then on B
    /// refuses its steps, so it cannot end its order there, and B records it out of the keyring; sven releases the
    /// order and kai may order the lamp. A keyring that cannot be believed for a while (writable by others) puts nobody
    /// out. Put back, console-a stands as its status says — online — and the release is over.
    void aConsoleTakenOutOfTheKeyringMayHaveItsOrderReleased()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        const auto three = lamps(3, 11);
        QTemporaryDir dir;
        const QString keyringFile = privateKeyringCopy(dir);
        QVERIFY(!keyringFile.isEmpty());
        ConsoleKeyring keyring = ConsoleKeyring::load(room().keyring).value();
        const QString store = dir.filePath(QStringLiteral("b.store"));
        auto owned = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"),
                                               [&](MqttLinkOptions &o) {
                                                   o.consoles = std::make_shared<const ConsoleKeyring>(keyring);
                                                   o.consolesPath = keyringFile;
                                               },
                                               1, store);
        Console &b = *owned;
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        const auto held = a.ask(olga, request::IssueOrder{dimLater(three)});
        QVERIFY2(held, qPrintable(held ? QString() : held.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().holderAt(three[0], b.engine.clock().nowMs()) == held->ref, 5000);

        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) | QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(!b.link->counters().keyringProblem.isEmpty(), 10'000);
        QCOMPARE(b.engine.orders().consoleStanding(kConsoleA), ConsoleStanding::Online);
        QVERIFY(!b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("a chmod is no reason")}));
        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) & ~QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(b.link->counters().keyringProblem.isEmpty(), 10'000);

        QVERIFY(keyring.remove(kConsoleA));
        QVERIFY(keyring.save(keyringFile));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().consoleStanding(kConsoleA) == ConsoleStanding::OutOfKeyring, 10'000);
        QVERIFY(!b.order(kai, CommandAction::LightDim, {three[0]}, 80));
        const auto released = b.ask(sven, request::ReleaseOrder{held->ref, QStringLiteral("desk A's laptop was stolen")});
        QVERIFY2(released, qPrintable(released ? QString() : released.error()));
        const auto mine = b.order(kai, CommandAction::LightDim, {three[0]}, 80);
        QVERIFY2(mine, qPrintable(mine ? QString() : mine.error()));

        keyring = ConsoleKeyring::load(room().keyring).value();   // found: console-a is back in the keyring
        QVERIFY(keyring.save(keyringFile));
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(b, kConsoleA), 10'000);
        QVERIFY(!b.engine.orders().find(held->ref)->releasedHere);

        owned.reset();
        const std::vector<Event> events = readBack(store);
        QStringList told;
        for (const Event &e : events)
            if (const auto *c = std::get_if<ConsolePayload>(&e.payload); c && c->console == kConsoleA)
                told << consoleStandingName(c->standing);
        QCOMPARE(told, (QStringList{QStringLiteral("online"), QStringLiteral("out-of-keyring"), QStringLiteral("online")}));
    }
};

QTEST_MAIN(TestConsolePresence)
#include "tst_consolepresence.moc"
