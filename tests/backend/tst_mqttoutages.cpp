// The field link when the network fails, through a real mosquitto on loopback and the real cityops-sim process: the
// console's own outage, a gateway frozen or gone, a broker not there yet or not a broker at all, a broker restarted
// or killed in the middle of an order, reports lost and duplicated.
#include "mqttconsole.h"
#include "ops/deskcontext.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"

#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace cityops;
using namespace cityops::test;

namespace {

/// A broker, one gateway (gw1, keep-alive 5 s) and a console on it: the field the outages happen to.
struct OneGateway {
    TestBroker broker;
    SimProcess sim{broker.plainUrl(), {QStringLiteral("--keepalive"), QStringLiteral("5"), QStringLiteral("--id"), QStringLiteral("gw1")}};
    Console console{brokerOptions(broker.plainUrl(), "console-a"), {}};
};

} // namespace

class TestMqttOutages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(city(), "the default city package must be readable");
        QVERIFY2(QFile::exists(QStringLiteral(CITYOPS_BIN_DIR "/cityops-sim")), "cityops-sim must be built");
    }

    void theConsolesOwnOutageDoesNotTurnTheFieldOffline()
    {
        OneGateway field;
        QVERIFY2(field.broker.ok(), qPrintable(field.broker.log()));
        auto &[broker, sim, console] = field;
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        const DeviceIndex lamp = lamps(1).front();
        // The broker is away for longer than 1.5 gateway keep-alives: no heartbeat reaches us, but it is our link
        // that is down, and the status line says so; the devices are not declared offline.
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Degraded, 5000);
        QTest::qWait(9000);
        QVERIFY(console.engine.states().state(lamp).online);
        QVERIFY(broker.start());
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Connected, 30'000);
        QTest::qWait(2000);
        QVERIFY(console.engine.states().state(lamp).online);
    }

    void aStoppedGatewayIsShownOfflineWithinOneAndAHalfKeepAlives()
    {
        OneGateway field;
        QVERIFY2(field.broker.ok(), qPrintable(field.broker.log()));
        auto &[broker, sim, console] = field;
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        const DeviceIndex lamp = lamps(1).front();
        QVERIFY(console.engine.states().state(lamp).online);
        // Frozen, not closed: the socket stays open, only the keep-alive can tell.
        sim.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!console.engine.states().state(lamp).online, 12'000);
        size_t offline = 0;
        for (DeviceIndex d = 0; d < city()->devices.size(); ++d)
            offline += console.engine.states().state(d).online ? 0 : 1;
        QCOMPARE(offline, city()->devices.size());
        // The link's tooltip names it gone (with when it was last heard), though it never said goodbye.
        QCOMPARE(console.link->gateways().size(), size_t(1));
        const auto gw1 = [&] { return console.gateway("gw1").value_or(GatewaySummary{}); };
        QVERIFY(gw1().heard && !gw1().running && gw1().lastHeardMs > 0);
        // One problem, one alarm: the gateway's devices silent for the reason the console found, its 1,400 comm
        // losses the parent's consequences, not a flood.
        std::vector<Alarm> alarms;
        const bool raised = QTest::qWaitFor([&] {
            console.engine.books().alarms().snapshot(alarms);
            return std::any_of(alarms.begin(), alarms.end(), [](const Alarm &a) { return a.cause == AlarmCause::LinkLoss; });
        }, 5000);
        QVERIFY(raised);
        const auto annunciated = std::count_if(alarms.begin(), alarms.end(), [](const Alarm &a) { return a.active && a.annunciated(); });
        const auto parent = std::find_if(alarms.begin(), alarms.end(), [](const Alarm &a) { return a.cause == AlarmCause::LinkLoss; });
        QVERIFY(parent != alarms.end());
        // Found by the console's own rule — no heartbeat for 1.5 keep-alives — not by the broker's keep-alive check,
        // which counts from the gateway's last packet of any kind (its reports come between heartbeats) and whose Will
        // the console believes only a grace second later: the reason says which, where a stopwatch would only say how
        // busy the machine was.
        QCOMPARE(parent->text, QStringLiteral("gateway gw1 is gone: no heartbeat for 1.5 keep-alives"));
        QVERIFY2(annunciated <= 3, qPrintable(QString::number(annunciated)));   // the parent (and a fault or two from before)
        sim.resume();
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.states().state(lamp).online, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(gw1().running, 5000);   // its next heartbeat
        // A clean goodbye (SIGTERM) is believed after a grace second, before any keep-alive could tell (7.5 s); the
        // margin is for a machine busy with other tests.
        sim.finish();
        QTRY_VERIFY_WITH_TIMEOUT(!console.engine.states().state(lamp).online, 5000);
    }

    void aConsoleStartedBeforeItsBrokerConnectsWhenItComesUp()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        broker.stop();
        Console console(brokerOptions(broker.plainUrl(), "console-early"), {});
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.linkStatus().description().contains(QLatin1String("Connection refused")), 5000);
        QCOMPARE(console.engine.linkStatus().state, LinkState::Disconnected);
        QTest::qWait(1500);
        QVERIFY(broker.start());
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Connected, 20'000);
    }

    void somethingThatIsNotABrokerIsSaidSo()
    {
        // --link pointed at a server that takes the connection and never answers (another service on that port, a
        // hung broker): the status says no answer came, not "Unknown error." as libmosquitto names it.
        QTcpServer mute;
        QVERIFY(mute.listen(QHostAddress::LocalHost));
        MqttOptions options = brokerOptions(QStringLiteral("mqtt://127.0.0.1:%1").arg(mute.serverPort()), "console-mute");
        options.keepAliveS = 2;
        Console console(options, {});
        QTRY_VERIFY_WITH_TIMEOUT(!console.engine.linkStatus().problem.isEmpty(), 20'000);
        const LinkStatus status = console.engine.linkStatus();
        QCOMPARE(status.state, LinkState::Disconnected);
        QVERIFY2(status.problem.contains(QLatin1String("no answer")) && !status.problem.contains(QLatin1String("Unknown")),
                 qPrintable(status.description()));
        QVERIFY2(status.retrying && status.endpoint == options.url.toString(), qPrintable(status.description()));
    }

    void brokerRestartLosesNoCommandAndRunsNoneTwice()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--reject-rate", "0", "--id", "gw1",
                                           "--answer-latency", "1500:2500"});
        Console console(brokerOptions(broker.plainUrl(), "console-a"), keys.privateKey);
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        const auto twenty = lamps(20, 10);
        auto issued = console.order(person("olga", Role::Operator), CommandAction::LightDim, twenty, 70);
        QVERIFY2(issued, qPrintable(issued.error()));
        QTRY_VERIFY_WITH_TIMEOUT(console.link->counters().commandsSent >= 20, 5000);
        // Commands are at the devices, their answers not yet back: the broker goes away and comes back.
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Degraded, 5000);
        QTest::qWait(1000);
        QVERIFY(broker.start());
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Connected, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(console.finished(issued->ref), 40'000);
        QVERIFY2(console.count(issued->ref, CommandStage::Confirmed) == 20, qPrintable(console.describe(issued->ref)));
        for (DeviceIndex d : twenty)
            QCOMPARE(console.engine.states().state(d).level, 70);
        QVERIFY(console.link->counters().reconnects >= 1);
        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 20);   // each (device, step) once; retries not re-done
    }

    /// A message handed over while the broker is away is taken (the client library keeps it) and goes out once the
    /// broker is back. When this said "not taken", the console signed such a command again, and the device got two
    /// copies of one attempt: the rare failure of the next case, a refusal recorded for a lamp that had acted.
    void aMessageHandedOverWhileTheBrokerIsAwayIsTakenAndSent()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        RawClient sender(brokerOptions(broker.plainUrl(), "sender"));
        QTRY_VERIFY_WITH_TIMEOUT(sender.client->connected(), 10'000);
        broker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!sender.client->connected(), 10'000);
        QVERIFY(sender.client->publish("cityops-test/while-away", "kept", 1, true));
        QVERIFY(broker.start());
        QTRY_VERIFY_WITH_TIMEOUT(sender.client->connected(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(sender.client->unacknowledged(), 0, 10'000);   // the broker acknowledged it
        RawClient listener(brokerOptions(broker.plainUrl(), "listener"));
        QTRY_VERIFY_WITH_TIMEOUT(listener.client->connected(), 10'000);
        QVERIFY(listener.client->subscribe("cityops-test/#", 1));
        QTRY_COMPARE_WITH_TIMEOUT(listener.waiting(), size_t(1), 10'000);
        QCOMPARE(listener.take().front().payload, QByteArray("kept"));
    }

    /// Issue 13: the broker is killed (-9) in the middle of a 600-lamp order. Afterwards every target's recorded
    /// result matches what its lamp did: confirmed ones are at the new level, the others are not.
    void aBrokerKilledMidOrderLeavesRecordAndFieldAgreeing()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--reject-rate", "2", "--id", "gw1", "--answer-latency", "200:2500"});
        Console console(brokerOptions(broker.plainUrl(), "console-a"), keys.privateKey);
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        const auto targets = lamps(600, 30);
        QCOMPARE(int(targets.size()), 600);
        auto issued = console.order(person("olga", Role::Operator), CommandAction::LightDim, targets, 37);
        QVERIFY2(issued, qPrintable(issued.error()));
        QTRY_VERIFY_WITH_TIMEOUT(console.link->counters().commandsSent >= 300, 10'000);
        broker.kill();
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.linkStatus().state, LinkState::Degraded, 10'000);
        QVERIFY(broker.start());
        QTRY_VERIFY_WITH_TIMEOUT(console.finished(issued->ref), 120'000);
        const auto order = console.engine.orders().find(issued->ref);
        QVERIFY(order);
        // The lamps' own reports (fresh state is asked for after the reconnection) must agree with the record.
        auto disagreeing = [&] {
            QStringList out;
            for (const OrderTarget &t : order->targets) {
                const bool atNewLevel = console.engine.states().state(t.device).level == 37;
                if ((t.stage == CommandStage::Confirmed) != atNewLevel)
                    out << QStringLiteral("%1 %2 at attempt %3: \"%4\" (level %5)")
                               .arg(city()->devices[t.device].id, commandStageName(t.stage))
                               .arg(t.attempt)
                               .arg(t.reason)
                               .arg(console.engine.states().state(t.device).level);
            }
            return out;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(disagreeing().isEmpty(), qPrintable(disagreeing().join(QStringLiteral(", "))), 20'000);
        QVERIFY(console.count(issued->ref, CommandStage::Confirmed) > 500);
    }

    /// What the broker hands over after an outage: a target's attempt 1 and its retry, queued while it was away,
    /// delivered together. Whatever a lamp answers the latest attempt must be what it did. Lamps that take 0–5 s to
    /// act and refuse half of all commands; the pairs signed and published by hand, one straight after the other.
    /// (Before the devices took their commands in order, a retry could overtake its attempt 1 at the lamp, be
    /// refused, and the lamp dim to attempt 1 afterwards: the record said "rejected" at the new level.)
    void aRetryDeliveredWithItsAttemptIsAnsweredByWhatTheLampDid()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        const CommandSigner key = CommandSigner::fromPrivateKeyFile(keys.privateKey).value();
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--reject-rate", "50", "--id", "gw1", "--answer-latency", "0:5000"});
        ByHand hand(broker.plainUrl());
        QVERIFY(hand.listening());
        QVERIFY(hand.raw.client->subscribe(wire::root() + "/gw/gw1/dev/#", 1));
        QTRY_VERIFY_WITH_TIMEOUT(hand.raw.waiting() > 0, 10'000);   // the gateway is up (its retained status)

        std::map<QByteArray, std::pair<DeviceIndex, std::uint8_t>> sent;   // nonce -> lamp, attempt
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        std::uint32_t order = 7000;
        for (const DeviceIndex lamp : lamps(100, 40)) {
            ++order;
            for (std::uint8_t attempt : {1, 2}) {
                wire::SignedCommand c;
                c.device = city()->devices[lamp].id;
                c.order = order;
                c.attempt = attempt;
                c.action = CommandAction::LightDim;
                c.value = 37;
                c.issuedMs = now + attempt;
                c.expiresMs = now + 60'000;
                c.nonce = QByteArray::number(order) + '/' + QByteArray::number(attempt) + QByteArray(10, 'n');
                c.keyId = key.keyId();
                c.signature = key.sign(c.canonical());
                sent[c.nonce] = {lamp, attempt};
                hand.raw.client->publish(wire::commandTopic("gw1", c.device), wire::encodeCommand(c), 1, false, wire::resultTopic("by-hand"),
                                         c.nonce);
            }
        }
        std::map<DeviceIndex, bool> retryAccepted;
        std::map<DeviceIndex, int> level;
        int answers = 0;
        const auto take = [&] {
            for (const MqttClient::Message &m : hand.raw.take()) {
                const wire::TopicRef ref = wire::parseTopic(m.topic);
                if (ref.kind == wire::TopicRef::DeviceState) {
                    auto report = wire::decodeDeviceReport(m.payload, ref.device, ref.kind, *city());
                    if (auto *r = std::get_if<wire::DeviceReport>(&report))
                        if (const auto *light = std::get_if<LightPayload>(&r->event.payload))
                            level[r->event.device] = light->level;
                } else if (const auto it = sent.find(m.correlation); it != sent.end()) {
                    ++answers;
                    if (it->second.second == 2)
                        retryAccepted[it->second.first] = json(m.payload).value(QLatin1String("result")).toString() == QLatin1String("accepted");
                }
            }
        };
        QTRY_VERIFY2_WITH_TIMEOUT((take(), answers == 200), qPrintable(QStringLiteral("%1 answers of 200").arg(answers)), 30'000);
        int refused = 0;
        const auto disagreeing = [&] {
            take();
            QStringList out;
            refused = 0;
            for (const auto &[lamp, accepted] : retryAccepted) {
                refused += accepted ? 0 : 1;
                if (accepted != (level[lamp] == 37))
                    out << QStringLiteral("%1: retry %2, level %3").arg(city()->devices[lamp].id, accepted ? "accepted" : "refused").arg(level[lamp]);
            }
            return out;
        };
        // The state a lamp reports goes out right after its answer: a moment to arrive.
        QTRY_VERIFY2_WITH_TIMEOUT(disagreeing().isEmpty(), qPrintable(disagreeing().join(QStringLiteral(", "))), 5000);
        QVERIFY2(refused > 10, "the lamps refused hardly any retry: the test tells nothing");
    }

    /// A console restarted without its record (--no-store, or killed while its store was checked), with the same
    /// client id: another console still holds its earlier run's orders under their numbers. Numbered in a fresh
    /// session, as the console numbers them then, or in the same session from another count, its new orders reach
    /// the other console; numbered as the earlier run did, they would be refused there as orders that already exist
    /// (and the gateway and the device would have taken them for that run's).
    void aConsoleRestartedWithoutItsRecordIsHeardByTheOthers()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        SimProcess sim(broker.plainUrl(), {"--consoles", room().keyring, "--reject-rate", "0", "--id", "gw1", "--answer-latency", "0:0"});
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        QTRY_COMPARE_WITH_TIMEOUT(a.reported(), city()->devices.size(), 15'000);
        const Actor kai = person("kai", Role::Operator);
        const DeviceIndex lamp = lamps(1, 5).front();
        const auto dimOnB = [&](std::uint32_t session, int level) -> std::uint32_t {
            Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"), {}, session);
            if (!QTest::qWaitFor([&] { return b.reported() == city()->devices.size(); }, 15'000))
                return 0;
            auto issued = b.order(kai, CommandAction::LightDim, {lamp}, level);
            if (!issued || !QTest::qWaitFor([&] { return b.finished(issued->ref); }, 15'000))
                return 0;
            return issued->ref;
        };
        const std::uint32_t first = dimOnB(1, 20);
        QVERIFY(first != 0);
        QTRY_VERIFY_WITH_TIMEOUT(a.finished(first), 5000);
        QCOMPARE(a.engine.states().state(lamp).level, std::uint8_t(20));

        {
            // The restart, in a session of its own — the highest there is, so that nearly every other console's ids
            // would fall below it: none is taken for one of its own earlier runs (it knows none), A's orders reach it.
            Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"), {}, 4095);
            QTRY_COMPARE_WITH_TIMEOUT(b.reported(), city()->devices.size(), 15'000);
            auto fresh = b.order(kai, CommandAction::LightDim, {lamp}, 40);
            QVERIFY2(fresh, qPrintable(fresh.error()));
            QVERIFY(fresh->ref != first);
            QTRY_VERIFY_WITH_TIMEOUT(a.finished(fresh->ref), 15'000);
            QCOMPARE(a.engine.orders().find(fresh->ref)->requestedBy, QStringLiteral("kai"));
            QTRY_COMPARE_WITH_TIMEOUT(a.engine.states().state(lamp).level, std::uint8_t(40), 5000);
            auto fromA = a.order(person("olga", Role::Operator), CommandAction::LightDim, {lamps(1, 6).front()}, 50);
            QVERIFY2(fromA, qPrintable(fromA.error()));
            QTRY_VERIFY_WITH_TIMEOUT(b.finished(fromA->ref), 15'000);
            QCOMPARE(b.engine.orders().find(fromA->ref)->requestedBy, QStringLiteral("olga"));
        }

        // Again in the first run's session, as a console killed while its store was checked is numbered: its counts
        // start elsewhere in the session's range (drawn for each run), so A takes its order as the new one it is.
        const std::uint32_t again = dimOnB(1, 60);
        QVERIFY(again != 0 && again != first);
        QVERIFY(allocatedInSession(again, 1, qHash(QStringLiteral("console-b")) & 0xfff));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished(again), 5000);
        QCOMPARE(a.engine.orders().find(again)->targets.front().value, 60);
        QTRY_COMPARE_WITH_TIMEOUT(a.engine.states().state(lamp).level, std::uint8_t(60), 5000);
        QCOMPARE(a.engine.orders().find(first)->targets.front().value, 20);
    }

    /// Another console's ids can carry the session bits of one of this console's earlier runs. Its orders still
    /// reach this console, and after this console restarts on its record they stay the other's: a supervisor here
    /// cannot approve one as if it were this console's own. And what became of it while this console was away comes
    /// with the other's hand-over, without a refusal: the desk would show "messages of other consoles refused".
    void aRestartedConsoleTakesUpOnlyItsOwnOrders()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        SimProcess sim(broker.plainUrl(), {"--consoles", room().keyring, "--reject-rate", "0", "--id", "gw1", "--answer-latency", "0:0"});
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("console-a.store"));
        QVERIFY(EventStore::open({store}, *city()).ok());   // A's first run
        // B, without a record, runs in the session whose ids carry the bits of A's first run.
        const std::uint32_t saltA = qHash(QStringLiteral("console-a")) & 0xfff, saltB = qHash(QStringLiteral("console-b")) & 0xfff;
        const std::uint32_t sessionB = 1 ^ saltA ^ saltB;
        QVERIFY(sessionB != 0);
        DeviceIndex feeder = 0;
        while (city()->devices[feeder].kind != DeviceKind::Feeder)
            ++feeder;
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"), {}, sessionB);
        std::uint32_t order = 0;
        {
            Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), {}, 0, store);
            QCOMPARE(a.engine.session(), 2u);
            QTRY_COMPARE_WITH_TIMEOUT(a.reported(), city()->devices.size(), 15'000);
            QTRY_COMPARE_WITH_TIMEOUT(b.reported(), city()->devices.size(), 15'000);
            auto shed = b.order(person("kai", Role::Operator), CommandAction::FeederShed, {feeder}, 0);
            QVERIFY2(shed, qPrintable(shed.error()));
            order = shed->ref;
            QVERIFY(allocatedInSession(order, 1, saltA));   // numbered as A's first run numbered its own
            QTRY_VERIFY_WITH_TIMEOUT(a.engine.orders().find(order), 5000);
            QCOMPARE(a.engine.orders().find(order)->stage, CommandStage::AwaitingApproval);
        }
        // While A is away, B's supervisor approves and the order runs to its end.
        const auto approved = b.ask(person("sven", Role::Supervisor), request::DecideOrder{order, true, QStringLiteral("storm"), {}});
        QVERIFY2(approved, qPrintable(approved.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.finished(order), 15'000);

        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), {}, 0, store);
        QCOMPARE(a.engine.session(), 3u);
        QCOMPARE(a.engine.orders().find(order)->stage, CommandStage::AwaitingApproval);   // as carried over
        const auto taken = a.ask(person("sven", Role::Supervisor), request::DecideOrder{order, true, QStringLiteral("mine?"), {}});
        QVERIFY(!taken);
        QVERIFY2(taken.error().contains(QLatin1String("not waiting for approval")), qPrintable(taken.error()));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished(order), 15'000);   // told by B's hand-over
        QCOMPARE(a.engine.orders().find(order)->approvedBy, QStringLiteral("sven"));
        QCOMPARE(a.engine.orders().find(order)->requestedBy, QStringLiteral("kai"));
        QCOMPARE(a.engine.orders().find(order)->targets.size(), size_t(1));
        QCOMPARE(a.engine.stats().peerRefused, 0u);

        // A's record: each run's marker says which snapshots it writes, and the snapshots it wrote — with another
        // console's order taken, carried over and told by a hand-over — are what their events make.
        a.engine.store()->flush();
        auto reader = StoreReader::open(store, city());
        QVERIFY(reader.ok());
        QList<int> said;
        QVERIFY(reader.value()->forEachEvent(0, INT64_MAX, [&said](const Event &e) {
            if (const auto *session = std::get_if<SessionPayload>(&e.payload))
                said << session->snapshotVersion;
        }).ok());
        QCOMPARE(said, (QList<int>{snapshotcodec::kCheckableVersion, snapshotcodec::kCheckableVersion}));
        const auto checked = snapshotcheck::verify(*reader.value());
        QVERIFY2(checked.ok() && checked->intact, qPrintable(checked.ok() ? checked->sentence : checked.error()));
    }

    /// A gateway's boot is its start time. One restarted with its clock set back (an embedded box that boots before its
    /// clock is synced) numbers its boot below the one the console heard: the console takes the boot the gateway's own
    /// status names, and its devices report again — not dropped, for as long as it runs, as copies of an older boot.
    void aGatewayRestartedWithItsClockSetBackIsHeard()
    {
        QVERIFY2(!libfaketime().isEmpty(), "libfaketime (Debian faketime) must be installed");
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        Console console(brokerOptions(broker.plainUrl(), "console-a"), {});
        const QStringList gw1{QStringLiteral("--keepalive"), QStringLiteral("5"), QStringLiteral("--id"), QStringLiteral("gw1")};
        const auto online = [&console] {
            size_t n = 0;
            for (DeviceIndex d = 0; d < city()->devices.size(); ++d)
                n += console.engine.states().state(d).reported && console.engine.states().state(d).online ? 1 : 0;
            return n;
        };
        // How far gw1's clock runs ahead of the console's, as its summary tells the operator.
        const auto gw1Ahead = [&console]() -> std::optional<std::int64_t> {
            const std::optional<GatewaySummary> gw1 = console.gateway("gw1");
            return gw1 ? gw1->clockAheadMs : std::nullopt;
        };
        {
            SimProcess sim(broker.plainUrl(), gw1);
            QTRY_COMPARE_WITH_TIMEOUT(online(), city()->devices.size(), 15'000);
            QVERIFY(gw1Ahead().has_value());
            QVERIFY2(std::llabs(*gw1Ahead()) < 2000, qPrintable(QString::number(*gw1Ahead())));   // one machine, one clock
        }   // its goodbye: the devices go offline
        QTRY_COMPARE_WITH_TIMEOUT(online(), size_t(0), 10'000);

        const LinkCounters before = console.link->counters();
        SimProcess setBack(broker.plainUrl(), gw1, QStringLiteral("-1h"));
        QTRY_COMPARE_WITH_TIMEOUT(online(), city()->devices.size(), 15'000);
        QVERIFY2(console.link->counters().duplicates - before.duplicates < 10,
                 qPrintable(QStringLiteral("%1 reports dropped").arg(console.link->counters().duplicates - before.duplicates)));
        // Its clock is named an hour behind — it would refuse every command this console signs (tst_statusline): a
        // new boot's clock is judged afresh (the last boot's freshest reports do not count).
        QVERIFY(gw1Ahead().has_value());
        QVERIFY2(std::llabs(*gw1Ahead() + 3600'000) < 60'000, qPrintable(QString::number(*gw1Ahead())));
    }

    /// A gateway whose clock runs an hour ahead (by hand: the times it puts on the wire). Its reports are stamped on
    /// arrival (clock off), and what they date besides moves with them: its incident, begun 10 min before by its
    /// clock, is 10 min old here — not beginning in the console's future with its deadlines an hour late — its
    /// signal's next switch is 20 s ahead, not an hour, and its ambulance has stood at its station for 2 min.
    void aGatewayWhoseClockIsOffDatesItsReportsByTheConsolesClock()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        Console console(brokerOptions(broker.plainUrl(), "console-a"), {});
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.linkStatus().state == LinkState::Connected, 10'000);
        RawClient gateway(brokerOptions(broker.plainUrl(), QStringLiteral("gw1")));
        QTRY_VERIFY_WITH_TIMEOUT(gateway.client->connected(), 5000);

        const std::int64_t ahead = console.engine.clock().nowMs() + 3600'000;
        const DeviceIndex lamp = lamps(1).front();
        const DeviceInfo &at = city()->devices[lamp];
        IncidentRaisedPayload outage{1234001, ahead - 600'000, IncidentKind::LampOutage, IncidentSeverity::Minor, at.position, at.district, -1};
        QVERIFY(gateway.client->publish(wire::gatewayEventTopic(QStringLiteral("gw1")),
                                        wire::encodeFieldEvent({7, 1, Event{0, ahead, lamp, outage}}, *city()), 1));
        // Its clock is judged from its field events too (here, before any device report): an hour ahead.
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.incidents().find(1234001).has_value(), 10'000);
        const std::vector<GatewaySummary> gateways = console.link->gateways();
        QVERIFY(gateways.size() == 1 && gateways.front().clockAheadMs);
        QVERIFY2(std::llabs(*gateways.front().clockAheadMs - 3600'000) < 30'000, qPrintable(QString::number(*gateways.front().clockAheadMs)));
        DeviceIndex signal = 0;
        while (city()->devices[signal].kind != DeviceKind::SignalController)
            ++signal;
        const SignalPayload running{0, 0, SignalMode::Normal, ahead + 20'000, false};
        QVERIFY(gateway.client->publish(wire::deviceTopic("gw1", city()->devices[signal].id, "state"),
                                        wire::encodeDeviceReport({7, 1, Event{0, ahead, signal, running}}, *city()), 1));
        VehiclePayload ambulance;
        ambulance.id = QStringLiteral("ambulance-9");
        ambulance.position = at.position;
        ambulance.parked = true;
        ambulance.sinceMs = ahead - 120'000;
        QVERIFY(gateway.client->publish(wire::gatewayEventTopic(QStringLiteral("gw1")),
                                        wire::encodeFieldEvent({7, 2, Event{0, ahead, kNoDevice, ambulance}}, *city()), 1));

        VehicleBook::Vehicle standing;
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.incidents().find(1234001).has_value() && console.engine.states().state(signal).reported
                                     && console.engine.vehicles().find(QStringLiteral("ambulance-9"), &standing),
                                 10'000);
        const std::int64_t now = console.engine.clock().nowMs();
        QVERIFY(console.link->counters().skewed >= 2);
        const Incident incident = *console.engine.incidents().find(1234001);
        QVERIFY2(std::llabs(now - incident.raisedMs - 600'000) < 30'000,
                 qPrintable(QStringLiteral("raised %1 s before now, not 600").arg((now - incident.raisedMs) / 1000)));
        QVERIFY2(incident.ackByMs < now + slaFor(IncidentSeverity::Minor).ackWithinMs,
                 qPrintable(QStringLiteral("due in %1 min").arg((incident.ackByMs - now) / 60'000)));
        const std::int64_t untilMs = console.engine.states().state(signal).untilMs;
        QVERIFY2(untilMs > now && untilMs <= now + 20'000, qPrintable(QStringLiteral("next switch in %1 s").arg((untilMs - now) / 1000)));
        QVERIFY2(std::llabs(now - standing.spellSinceMs - 120'000) < 30'000,
                 qPrintable(QStringLiteral("standing for %1 s, not 120").arg((now - standing.spellSinceMs) / 1000)));
    }

    void gapsAndDuplicatesAreNoticedAndHealed()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        SimProcess sim(broker.plainUrl(), {"--drop", "10", "--duplicate", "10", "--malformed", "2", "--id", "gw1"});
        Console console(brokerOptions(broker.plainUrl(), "console-a"), {});
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(console.link->counters().gaps > 0 && console.link->counters().duplicates > 0
                                     && console.link->counters().malformed > 0, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(console.link->counters().refreshes > 1, 5000);
        QCOMPARE(console.engine.linkStatus().state, LinkState::Connected);
    }

};

QTEST_GUILESS_MAIN(TestMqttOutages)
#include "tst_mqttoutages.moc"
