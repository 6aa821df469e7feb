// The field link through a real mosquitto on loopback (plain and TLS) and the real cityops-sim process:
// telemetry, command round trips, refused payloads, forged/altered/expired/replayed commands, plaintext where TLS
// is required, and two consoles in step. Outages (a gateway's keep-alive lapsing among them): tst_mqttoutages.
#include "mqttconsole.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestMqttLink : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(city(), "the default city package must be readable");
        QVERIFY2(QFile::exists(QStringLiteral(CITYOPS_BIN_DIR "/cityops-sim")), "cityops-sim must be built");
    }

    void telemetryFlowsOverTlsAndCommandsMakeTheRoundTrip()
    {
        TestBroker broker(TestBroker::TlsOnly);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        SimProcess sim(broker.tlsUrl(), {"--ca", broker.path("ca.crt"), "--command-pubkey", keys.publicKey, "--reject-rate", "0", "--id", "gw1"});
        Console console(brokerOptions(broker.tlsUrl(), "console-a", broker.path("ca.crt")), keys.privateKey);
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.linkStatus().state == LinkState::Connected, 10'000);
        // Every device reports (the gateway publishes the whole picture when a console asks).
        QTRY_COMPARE_WITH_TIMEOUT(console.reported(), city()->devices.size(), 15'000);
        QCOMPARE(console.link->counters().refused, 0u);

        const auto five = lamps(5);
        auto issued = console.order(person("olga", Role::Operator), CommandAction::LightDim, five, 40);
        QVERIFY2(issued, qPrintable(issued.error()));
        QTRY_VERIFY_WITH_TIMEOUT(console.finished(issued->ref), 15'000);
        QCOMPARE(console.count(issued->ref, CommandStage::Confirmed), 5);
        for (DeviceIndex d : five)
            QCOMPARE(console.engine.states().state(d).level, 40);
        QCOMPARE(console.link->counters().results, 5u);
        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 5);
        QCOMPARE(stats.value(QLatin1String("refused")).toInt(), 0);
    }

    void plaintextIsRefusedWhereTlsIsRequired()
    {
        TestBroker broker(TestBroker::TlsOnly);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        // Plain MQTT spoken to the TLS listener: the broker never lets it in.
        Console plain(brokerOptions(QStringLiteral("mqtt://127.0.0.1:%1").arg(broker.tlsPort()), "console-plain"), {});
        // TLS, but trusting another CA: the console refuses the broker.
        Console wrongCa(brokerOptions(broker.tlsUrl(), "console-wrong-ca", broker.path("other.crt")), {});
        QTest::qWait(4000);
        QVERIFY(!plain.engine.linkStatus().description().isEmpty());
        QCOMPARE_NE(plain.engine.linkStatus().state, LinkState::Connected);
        QCOMPARE_NE(wrongCa.engine.linkStatus().state, LinkState::Connected);
        QCOMPARE(plain.reported(), 0u);
        QCOMPARE(wrongCa.reported(), 0u);
        // The operator is told why in words that point at the cause: the plain client that the broker hangs up on
        // is pointed at mqtts:// (libmosquitto says only "The connection was lost.")...
        const LinkStatus hungUp = plain.engine.linkStatus();
        QVERIFY2(hungUp.problem.contains(QLatin1String("before answering the sign-on")) && hungUp.problem.contains(QLatin1String("mqtts://")),
                 qPrintable(hungUp.description()));
        // ... and the one that does not trust the broker's certificate hears so, OpenSSL's own words after ours.
        const LinkStatus untrusted = wrongCa.engine.linkStatus();
        QVERIFY2(untrusted.problem.startsWith(QLatin1String("TLS handshake failed")) && untrusted.problem.contains(QLatin1String("certificate verify failed")),
                 qPrintable(untrusted.description()));
        // And a console cannot be pointed at plain MQTT across a network at all.
        MqttOptions remote;
        remote.url = BrokerUrl::parse(QStringLiteral("mqtt://192.0.2.10:1883")).value();
        const Status refused = completeTlsOptions(remote, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("mqtts://")), qPrintable(refused.error()));
    }

    void brokerCredentialsAndClientCertificates()
    {
        TestBroker broker(TestBroker::TlsOnly, TestBroker::PasswordAndClientCertificate);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        MqttOptions anonymous = brokerOptions(broker.tlsUrl(), "console-anonymous", broker.path("ca.crt"));
        anonymous.certFile = broker.path("client.crt");
        anonymous.keyFile = broker.path("client.key");
        MqttOptions noCertificate = brokerOptions(broker.tlsUrl(), "console-no-cert", broker.path("ca.crt"));
        noCertificate.user = QStringLiteral("olga");
        noCertificate.password = QStringLiteral("s3cret");
        MqttOptions wrongPassword = anonymous;
        wrongPassword.clientId = QStringLiteral("console-wrong-password");
        wrongPassword.user = QStringLiteral("olga");
        wrongPassword.password = QStringLiteral("guess");
        MqttOptions good = anonymous;
        good.clientId = QStringLiteral("console-good");
        good.user = QStringLiteral("olga");
        good.password = QStringLiteral("s3cret");
        Console a(anonymous, {}), b(noCertificate, {}), c(wrongPassword, {}), d(good, {});
        QTRY_COMPARE_WITH_TIMEOUT(d.engine.linkStatus().state, LinkState::Connected, 10'000);
        QTest::qWait(1500);
        for (Console *refused : {&a, &b, &c})
            QCOMPARE_NE(refused->engine.linkStatus().state, LinkState::Connected);
        QVERIFY2(a.engine.linkStatus().description().contains(QLatin1String("not authorized"), Qt::CaseInsensitive),
                 qPrintable(a.engine.linkStatus().description()));
    }

    void badPayloadsAreRefusedAndCounted()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        Console console(brokerOptions(broker.plainUrl(), "console-a"), {});
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.linkStatus().state == LinkState::Connected, 10'000);
        RawClient garbage(brokerOptions(broker.plainUrl(), "garbage"));
        QTRY_VERIFY_WITH_TIMEOUT(garbage.client->connected(), 5000);
        const QString lamp = city()->devices[lamps(1).front()].id;
        const QString signal = [] {
            for (const DeviceInfo &d : city()->devices)
                if (d.kind == DeviceKind::SignalController)
                    return d.id;
            return QString();
        }();
        const QByteArray state = wire::deviceTopic("gwx", lamp, "state");
        const QByteArray good = R"({"v":2,"b":7,"seq":1,"time_ms":0,"kind":"light","data":{"level":60,"lamp_fault":false,"power_w":40}})";
        garbage.client->publish(state, "not json at all \xff", 1);
        garbage.client->publish(state, QByteArray(wire::kMaxPayloadBytes + 1, ' '), 1);
        garbage.client->publish(state, R"({"v":3,"b":7,"seq":1,"time_ms":0,"kind":"light","data":{}})", 1);   // a version not spoken
        garbage.client->publish(wire::deviceTopic("gwx", "lamp/does-not-exist", "state"), good, 1);
        garbage.client->publish(wire::deviceTopic("gwx", signal, "state"), good, 1);   // a lamp's report on a signal
        garbage.client->publish(state, R"({"v":2,"b":7,"seq":1,"time_ms":0,"kind":"light","data":{"level":300}})", 1);
        garbage.client->publish(wire::root() + "/gw/gwx/event", R"({"v":2,"b":7,"seq":1,"time_ms":0,"kind":"presence","data":{"online":true}})", 1);
        garbage.client->publish(wire::opsTopic(), R"({"v":2,"console":"x","events":[{"kind":"light","seq":0,"time_ms":0,"data":{}}]})", 1);
        QTRY_COMPARE_WITH_TIMEOUT(console.link->counters().refused, 8u, 5000);
        const LinkCounters c = console.link->counters();
        QCOMPARE(c.malformed, 2u);   // not JSON; level out of range
        QCOMPARE(c.oversized, 1u);
        QCOMPARE(c.unknownVersion, 1u);
        QCOMPARE(c.unknownDevice, 1u);
        QCOMPARE(c.wrongKind, 2u);
        QCOMPARE(c.untrusted, 1u);   // operations in the first round's unsigned form
        QCOMPARE(console.engine.states().state(lamps(1).front()).reported, false);
        // A storm of garbage all over the topic tree: random bytes, truncated and mangled reports, unknown topics.
        QRandomGenerator rng(42);
        const QList<QByteArray> topics{state, wire::deviceTopic("gwx", lamp, "presence"), wire::root() + "/gw/gwx/event",
                                       wire::root() + "/gw/gwx/status", wire::opsTopic(), wire::resultTopic("console-a"),
                                       wire::root() + "/gw/gwx/dev/" + QByteArray::number(rng.generate()) + "/state", wire::root() + "/gw/x"};
        for (int i = 0; i < 3000; ++i) {
            QByteArray payload = good;
            switch (i % 4) {
            case 0: payload = QByteArray(static_cast<int>(rng.bounded(300)), '\0'); for (char &c : payload) c = static_cast<char>(rng.bounded(256)); break;
            case 1: payload.truncate(static_cast<int>(rng.bounded(payload.size()))); break;
            case 2: payload[static_cast<int>(rng.bounded(payload.size()))] = static_cast<char>(rng.bounded(256)); break;
            default: payload = R"({"v":2,"console":"evil","events":[{"kind":"command","seq":0,"time_ms":0,"data":{"order":1,"stage":"nope"}}]})"; break;
            }
            garbage.client->publish(topics[static_cast<int>(rng.bounded(topics.size()))], payload, 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(console.link->counters().refused >= 8 + 2000, 20'000);
        // Still running, and a good report is taken as before.
        QVERIFY(garbage.client->publish(state, QByteArray(good).replace("\"b\":7", "\"b\":8"), 1));   // a new boot: numbering afresh
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.states().state(lamps(1).front()).level == 60, 5000);
        QCOMPARE(console.engine.linkStatus().state, LinkState::Connected);
    }

    void onlyKnownGatewaysAreHeardAndInventedOnesCannotGrowTheConsole()
    {
        // The attacks of the trust issue: a retained goodbye on an invented gateway's status topic (1,420 devices
        // "not reporting"), reports from a gateway that does not exist, 2.6 million gateway names (+300 MB).
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        Console console(brokerOptions(broker.plainUrl(), "console-a"), {}, [](MqttLinkOptions &o) {
            o.knownGateways = {QStringLiteral("gw-real")};
        });
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.linkStatus().state == LinkState::Connected, 10'000);
        RawClient attacker(brokerOptions(broker.plainUrl(), "attacker"));
        QTRY_VERIFY_WITH_TIMEOUT(attacker.client->connected(), 5000);
        const DeviceIndex lamp = lamps(1).front();
        const QByteArray good = R"({"v":2,"b":7,"seq":1,"time_ms":0,"kind":"light","data":{"level":60,"lamp_fault":false,"power_w":40}})";
        attacker.client->publish(wire::deviceTopic("gw-fake", city()->devices[lamp].id, "state"), good, 1);
        attacker.client->publish(wire::gatewayStatusTopic("gw-fake"), R"({"v":2,"online":false})", 1, true);
        attacker.client->publish(wire::root() + "/gw/gw-fake/event", R"({"v":2,"b":7,"seq":1,"time_ms":0,"kind":"presence","data":{"online":true}})", 1);
        QTRY_COMPARE_WITH_TIMEOUT(console.link->counters().unknownGateway, 3u, 5000);
        QVERIFY(!console.engine.states().state(lamp).reported);
        // The gateway on the list is heard.
        attacker.client->publish(wire::deviceTopic("gw-real", city()->devices[lamp].id, "state"), good, 1);
        QTRY_COMPARE_WITH_TIMEOUT(console.engine.states().state(lamp).level, std::uint8_t(60), 5000);
        attacker.client->publish(wire::gatewayStatusTopic("gw-fake"), QByteArray(), 1, true);   // clear the retained forgery
        // Cleared on the broker before the next console subscribes (else, on a loaded machine, the retained forgery
        // reaches it and takes one of its gateway slots).
        QTRY_COMPARE_WITH_TIMEOUT(attacker.client->unacknowledged(), 0, 5000);

        // Without a list, the link keeps track of a bounded number of gateways; the rest are refused.
        Console open(brokerOptions(broker.plainUrl(), "console-b"), {}, [](MqttLinkOptions &o) { o.maxGateways = 8; });
        QTRY_VERIFY_WITH_TIMEOUT(open.engine.linkStatus().state == LinkState::Connected, 10'000);
        for (int i = 0; i < 2000; ++i)
            attacker.client->publish(wire::gatewayStatusTopic(QStringLiteral("invented-%1").arg(i)), R"({"v":2,"online":true,"keepalive":5})", 1);
        QTRY_COMPARE_WITH_TIMEOUT(open.link->counters().unknownGateway, 2000u - 8u, 20'000);
        QCOMPARE(open.engine.linkStatus().state, LinkState::Connected);
    }

    void devicesRefuseForgedAlteredExpiredAndReplayedCommands()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--id", "gw1", "--answer-latency", "0:0", "--reject-rate", "0"});
        ByHand byHand(broker.plainUrl());
        RawClient &hand = byHand.raw;
        QVERIFY(byHand.listening());
        QTRY_VERIFY_WITH_TIMEOUT(hand.waiting() > 0, 10'000);   // the gateway is up (its retained status)
        hand.take();

        const CommandSigner trusted = CommandSigner::fromPrivateKeyFile(keys.privateKey).value();
        const CommandSigner stranger = CommandSigner::generate();
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        auto command = [&](const CommandSigner &key, std::int64_t expires, char nonce) {
            wire::SignedCommand c;
            c.device = city()->devices[lamps(1).front()].id;
            c.order = 77;
            c.action = CommandAction::LightDim;
            c.value = 30;
            c.issuedMs = now;
            c.expiresMs = expires;
            c.nonce = QByteArray(16, nonce);
            c.keyId = key.keyId();
            c.signature = key.sign(c.canonical());
            return c;
        };
        auto send = [&](const wire::SignedCommand &c, const QByteArray &payload = {}) { return byHand.send(c, payload); };
        const auto reason = [](const QJsonObject &o) { return o.value(QLatin1String("reason")).toString(); };

        QJsonObject r = send(command(stranger, now + 60'000, 'a'));
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("rejected"));
        QVERIFY2(reason(r).contains(QLatin1String("does not trust")), qPrintable(reason(r)));

        wire::SignedCommand altered = command(trusted, now + 60'000, 'b');
        altered.value = 100;   // changed after signing
        r = send(altered);
        QVERIFY2(reason(r).contains(QLatin1String("forged or altered")), qPrintable(reason(r)));

        wire::SignedCommand forged = command(trusted, now + 60'000, 'c');
        forged.signature[5] = static_cast<char>(forged.signature[5] ^ 0x20);
        r = send(forged);
        QVERIFY2(reason(r).contains(QLatin1String("forged or altered")), qPrintable(reason(r)));

        r = send(command(trusted, now - 1000, 'd'));
        QVERIFY2(reason(r).startsWith(QLatin1String("expired")), qPrintable(reason(r)));

        const wire::SignedCommand genuine = command(trusted, now + 60'000, 'e');
        r = send(genuine);
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        r = send(genuine);   // the very same message again
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("rejected"));
        QVERIFY2(reason(r).startsWith(QLatin1String("replayed")), qPrintable(reason(r)));
        QCOMPARE(r.value(QLatin1String("replay")).toBool(), true);

        // Attempts are numbered: once attempt 2 of a target has arrived, attempt 1 (held up in the broker) is refused.
        wire::SignedCommand retry = command(trusted, now + 60'000, 'f');
        retry.order = 78;
        retry.attempt = 2;
        retry.signature = trusted.sign(retry.canonical());
        QCOMPARE(send(retry).value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        wire::SignedCommand older = retry;
        older.attempt = 1;
        older.nonce = QByteArray(16, 'g');
        older.signature = trusted.sign(older.canonical());
        r = send(older);
        QVERIFY2(reason(r).startsWith(QLatin1String("superseded")), qPrintable(reason(r)));
        // A console that restarted without its record (--no-store, or killed while its store was checked) numbers
        // its orders as its earlier run did: its attempt 1 of order 78, issued later, is a new command, not an old
        // attempt — carried out.
        wire::SignedCommand restartedConsole = command(trusted, now + 60'000, 'i');
        restartedConsole.order = 78;
        restartedConsole.value = 80;
        restartedConsole.issuedMs = now + 1;
        restartedConsole.signature = trusted.sign(restartedConsole.canonical());
        r = send(restartedConsole);
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("accepted"));

        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 3);
        QCOMPARE(stats.value(QLatin1String("repeats")).toInt(), 0);
        QCOMPARE(stats.value(QLatin1String("refused")).toInt(), 6);

        // Issue 13: a genuine command captured from the command topic, replayed after the gateway restarted (its
        // nonce memory is gone with the old process) — refused, and a command issued now still works.
        hand.take();
        SimProcess restarted(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--id", "gw1", "--answer-latency", "0:0", "--reject-rate", "0"});
        QTRY_VERIFY2_WITH_TIMEOUT(hand.waiting() > 0, qPrintable(restarted.errors()), 10'000);   // its new retained status
        hand.take();
        r = send(genuine);
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("rejected"));
        QVERIFY2(reason(r).contains(QLatin1String("before this gateway started")), qPrintable(reason(r)));
        wire::SignedCommand fresh = command(trusted, QDateTime::currentMSecsSinceEpoch() + 60'000, 'h');
        fresh.issuedMs = QDateTime::currentMSecsSinceEpoch();
        fresh.signature = trusted.sign(fresh.canonical());
        QCOMPARE(send(fresh).value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        const QJsonObject after = json(restarted.finish().trimmed().split('\n').last());
        QCOMPARE(after.value(QLatin1String("executed")).toInt(), 1);
    }

    void highRiskCommandsActOnlyWithTheApproversOwnSignature()
    {
        // Issue 13, "two signatures": with the console's command key alone (a stolen key, a console acting on its own)
        // nothing high-risk acts. The approval must be signed by a supervisor in the gateway's approver keyring, for
        // exactly this device, order, step, action, value and expiry.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        QTemporaryDir room;
        const QString sealed = room.filePath(QStringLiteral("approvers"));
        auto svenPublic = approval::create(sealed, QStringLiteral("sven"), "sven-password");
        QVERIFY2(svenPublic.ok(), qPrintable(svenPublic.error()));
        ConsoleKeyring approvers(ConsoleKeyring::Kind::Approvers);
        QVERIFY(approvers.add(QStringLiteral("sven"), svenPublic.value()).ok());
        const QString keyring = room.filePath(QStringLiteral("approvers.json"));
        QVERIFY(approvers.save(keyring).ok());
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--approvers", keyring, "--id", "gw1", "--answer-latency", "0:0",
                                           "--reject-rate", "0"});
        ByHand byHand(broker.plainUrl());
        QVERIFY(byHand.listening());
        QTRY_VERIFY_WITH_TIMEOUT(byHand.raw.waiting() > 0, 10'000);
        byHand.raw.take();

        const CommandSigner console = CommandSigner::fromPrivateKeyFile(keys.privateKey).value();
        const CommandSigner sven = approval::open(sealed, QStringLiteral("sven"), "sven-password").value();
        const CommandSigner mallory = CommandSigner::generate();
        std::vector<QString> junctions;
        for (const auto &d : city()->devices)
            if (d.kind == DeviceKind::SignalController && junctions.size() < 3)
                junctions.push_back(d.id);
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        char nonce = 'a';
        auto flash = [&](const QString &device) {
            wire::SignedCommand c;
            c.device = device;
            c.order = 90;
            c.action = CommandAction::SignalFlash;
            c.issuedMs = now;
            c.expiresMs = now + 60'000;
            c.nonce = QByteArray(16, nonce++);
            c.keyId = console.keyId();
            return c;
        };
        auto approve = [&](wire::SignedCommand &c, const CommandSigner &key, const QString &approver, const QString &forDevice,
                           CommandAction forAction) {
            c.approver = approver;
            c.approvedUntilMs = c.expiresMs;
            c.approval = key.sign(approval::statement(forDevice, c.order, c.step, forAction, c.value, c.approvedUntilMs, approver));
        };
        auto send = [&](wire::SignedCommand c) {
            c.signature = console.sign(c.canonical());   // always the genuine console's signature
            return byHand.send(c);
        };
        const auto reason = [](const QJsonObject &o) { return o.value(QLatin1String("reason")).toString(); };

        // The console's signature alone.
        QJsonObject r = send(flash(junctions[0]));
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("rejected"));
        QVERIFY2(reason(r).startsWith(QLatin1String("approval signature missing")), qPrintable(reason(r)));
        // A made-up approval in a real supervisor's name.
        wire::SignedCommand c = flash(junctions[0]);
        approve(c, mallory, QStringLiteral("sven"), junctions[0], CommandAction::SignalFlash);
        QVERIFY2(reason(send(c)).contains(QLatin1String("does not verify")), "forged in sven's name");
        // A made-up approver.
        c = flash(junctions[0]);
        approve(c, mallory, QStringLiteral("mallory"), junctions[0], CommandAction::SignalFlash);
        QVERIFY2(reason(send(c)).contains(QLatin1String("not an approver this device knows")), "unknown approver");
        // Sven's real approval for another junction, moved here; and his approval of a pre-empt, turned into a flash.
        c = flash(junctions[0]);
        approve(c, sven, QStringLiteral("sven"), junctions[1], CommandAction::SignalFlash);
        QVERIFY2(reason(send(c)).contains(QLatin1String("does not verify")), "approval moved to another device");
        c = flash(junctions[0]);
        approve(c, sven, QStringLiteral("sven"), junctions[0], CommandAction::SignalPreempt);
        QVERIFY2(reason(send(c)).contains(QLatin1String("does not verify")), "approval moved to another action");
        // Sven's approval with its expiry pushed out (the console's signature covers it, the approver's does not match).
        c = flash(junctions[0]);
        approve(c, sven, QStringLiteral("sven"), junctions[0], CommandAction::SignalFlash);
        c.approvedUntilMs += 3'600'000;
        QVERIFY2(reason(send(c)).contains(QLatin1String("does not verify")), "approval stretched");
        // Low-risk commands need no approval; the genuine approval acts.
        c = flash(junctions[0]);
        approve(c, sven, QStringLiteral("sven"), junctions[0], CommandAction::SignalFlash);
        r = send(c);
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("refused")).toInt(), 6);

        // Through the real console: an approval without the approver's key ends as the devices' refusal; with it the
        // junction flashes.
        SimProcess field(broker.plainUrl(), {"--command-pubkey", keys.publicKey, "--approvers", keyring, "--id", "gw1", "--answer-latency", "0:0",
                                             "--reject-rate", "0"});
        Console desk(brokerOptions(broker.plainUrl(), "console-a"), keys.privateKey);
        QTRY_COMPARE_WITH_TIMEOUT(desk.reported(), city()->devices.size(), 15'000);
        const Actor olga = person("olga", Role::Operator), svenAtDesk = person("sven", Role::Supervisor);
        const DeviceIndex first = city()->deviceIndex(junctions[1]), second = city()->deviceIndex(junctions[2]);
        auto unsignedOrder = desk.order(olga, CommandAction::SignalFlash, {first}, 0);
        QVERIFY2(unsignedOrder.ok(), qPrintable(unsignedOrder.error()));
        QVERIFY(desk.ask(svenAtDesk, request::DecideOrder{unsignedOrder->ref, true, {}, nullptr}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(desk.finished(unsignedOrder->ref), 15'000);
        QCOMPARE(desk.count(unsignedOrder->ref, CommandStage::Rejected), 1);
        QVERIFY2(desk.describe(unsignedOrder->ref).contains(QLatin1String("approval signature missing")), qPrintable(desk.describe(unsignedOrder->ref)));
        auto signedOrder = desk.order(olga, CommandAction::SignalFlash, {second}, 0);
        QVERIFY(signedOrder.ok());
        auto key = approval::open(sealed, QStringLiteral("sven"), "sven-password");
        QVERIFY(key.ok());
        QVERIFY(desk.ask(svenAtDesk, request::DecideOrder{signedOrder->ref, true, {}, std::make_shared<const CommandSigner>(std::move(key).value())}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(desk.finished(signedOrder->ref), 15'000);
        QCOMPARE(desk.count(signedOrder->ref, CommandStage::Confirmed), 1);
        QCOMPARE(SignalMode(desk.engine.states().state(second).mode), SignalMode::Flash);
    }

    void aCaptureStaysRefusedAfterARestartWithTheClockSetBack()
    {
        // Issue 13, "replays stay refused across restarts": "issued before this gateway started" alone is only as good
        // as the gateway's clock. Here it comes back 20 s behind: without the durable memory a captured command acts
        // again; with it (--replay-memory), it is refused, and a command issued now still acts.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys keys;
        QVERIFY(keys.ok);
        QTemporaryDir state;
        const QString memory = state.filePath(QStringLiteral("gw1.replay"));
        const QStringList common{"--command-pubkey", keys.publicKey, "--id", "gw1", "--answer-latency", "0:0", "--reject-rate", "0"};
        ByHand byHand(broker.plainUrl());
        RawClient &hand = byHand.raw;
        QVERIFY(byHand.listening());
        const CommandSigner trusted = CommandSigner::fromPrivateKeyFile(keys.privateKey).value();
        auto command = [&](char nonce) {
            wire::SignedCommand c;
            c.device = city()->devices[lamps(1).front()].id;
            c.order = 88;
            c.action = CommandAction::LightDim;
            c.value = 25;
            c.issuedMs = QDateTime::currentMSecsSinceEpoch();
            c.expiresMs = c.issuedMs + 120'000;
            c.nonce = QByteArray(16, nonce);
            c.keyId = trusted.keyId();
            c.signature = trusted.sign(c.canonical());
            return c;
        };
        auto send = [&](const wire::SignedCommand &c) { return byHand.send(c); };
        auto gatewayUp = [&] {   // the new gateway's retained "online" (the old one's goodbye may still be waiting)
            return QTest::qWaitFor([&] {
                for (const MqttClient::Message &m : hand.take())
                    if (json(m.payload).value(QLatin1String("online")).toBool())
                        return true;
                return false;
            }, 15'000);
        };

        wire::SignedCommand captured;
        {
            SimProcess first(broker.plainUrl(), common + QStringList{"--replay-memory", memory});
            QVERIFY2(gatewayUp(), qPrintable(first.errors()));
            captured = command('k');
            QCOMPARE(send(captured).value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        }
        {
            SimProcess forgetful(broker.plainUrl(), common + QStringList{"--clock-skew", "-20000"});
            QVERIFY2(gatewayUp(), qPrintable(forgetful.errors()));
            QCOMPARE(send(captured).value(QLatin1String("result")).toString(), QStringLiteral("accepted"));   // the gap
        }
        SimProcess remembering(broker.plainUrl(), common + QStringList{"--clock-skew", "-20000", "--replay-memory", memory});
        QVERIFY2(gatewayUp(), qPrintable(remembering.errors()));
        const QJsonObject r = send(captured);
        QCOMPARE(r.value(QLatin1String("result")).toString(), QStringLiteral("rejected"));
        QVERIFY2(r.value(QLatin1String("reason")).toString().startsWith(QLatin1String("replayed: this exact command")),
                 qPrintable(r.value(QLatin1String("reason")).toString()));
        wire::SignedCommand fresh = command('m');
        fresh.issuedMs -= 20'000;   // by the gateway's clock, so "now" for it
        fresh.signature = trusted.sign(fresh.canonical());
        QCOMPARE(send(fresh).value(QLatin1String("result")).toString(), QStringLiteral("accepted"));
        remembering.finish();

        // A memory file damaged in the middle: the gateway does not start, and says why.
        QFile file(memory);
        QVERIFY(file.open(QIODevice::Append));
        file.write("garbage\n" + QByteArray(16, 'q').toHex() + " 1\n");
        file.close();
        SimProcess refused(broker.plainUrl(), common + QStringList{"--replay-memory", memory});
        QTRY_VERIFY_WITH_TIMEOUT(!refused.running(), 15'000);
        QVERIFY2(refused.errors().contains(QLatin1String("damaged at line")), "a damaged memory is refused with a sentence");
    }

    void twoConsolesShareIncidentsAcknowledgementsAndReservations()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        // Each desk signs with its own key; the gateway takes the room's keyring (--consoles).
        SimProcess sim(broker.plainUrl(), {"--consoles", room().keyring, "--reject-rate", "0", "--id", "gw1",
                                           "--answer-latency", "4000:4000"});
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        QTRY_COMPARE_WITH_TIMEOUT(a.reported(), city()->devices.size(), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(b.reported(), city()->devices.size(), 15'000);
        const Actor olga = person("olga", Role::Operator), kai = person("kai", Role::Operator);

        // An incident reported on A appears on B; B acknowledges it; A shows who did, within a second.
        auto reported = a.ask(olga, request::ReportIncident{city()->devices[lamps(1).front()].position, IncidentSeverity::Major, "fallen tree", kNoDevice});
        QVERIFY2(reported, qPrintable(reported.error()));
        const IncidentId id = reported->ref;
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.incidents().find(id).has_value(), 1000);
        auto acked = b.ask(kai, request::TransitionIncident{id, IncidentState::Acknowledged, {}, 0});
        QVERIFY2(acked, qPrintable(acked.error()));
        QTRY_VERIFY_WITH_TIMEOUT(a.engine.incidents().find(id)->state == IncidentState::Acknowledged, 1000);
        QCOMPARE(a.engine.incidents().find(id)->acknowledgedBy, QStringLiteral("kai"));
        // A second acknowledgement is refused on the other console too.
        QVERIFY(!a.ask(olga, request::TransitionIncident{id, IncidentState::Acknowledged, {}, 0}));

        // "Show on wall" from A reaches B (a wall on the broker) as a signed operation, with who asked (issue 14).
        QSignalSpy onWall(&b.engine, &Engine::wallRequested);
        const QString line = QStringLiteral("{\"v\":1,\"show\":\"incident\",\"id\":%1,\"seconds\":30}").arg(id);
        a.engine.recordOperatorAction(OperatorAction::ShowOnWall, QStringLiteral("olga"), line);
        QTRY_COMPARE_WITH_TIMEOUT(onWall.count(), 1, 2000);
        QCOMPARE(onWall.at(0).at(0).toString(), QStringLiteral("olga"));
        QCOMPARE(onWall.at(0).at(1).toString(), line);

        // A reserves a lamp; B cannot while A's order holds it.
        const DeviceIndex lamp = lamps(1, 3).front();
        auto first = a.order(olga, CommandAction::LightDim, {lamp}, 20);
        QVERIFY2(first, qPrintable(first.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().reservedBy(lamp) == first->ref, 1000);
        auto second = b.order(kai, CommandAction::LightDim, {lamp}, 90);
        QVERIFY(!second);
        QVERIFY2(second.error().contains(QLatin1String("reserved by order")) && second.error().contains(QLatin1String("olga")),
                 qPrintable(second.error()));
        {
            // A console that joins now is told what it missed: the reservation and the acknowledgement.
            Console c(brokerOptions(broker.plainUrl(), "console-c"), room().privateKey("console-c"));
            QTRY_VERIFY_WITH_TIMEOUT(c.engine.orders().reservedBy(lamp) == first->ref, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(c.engine.incidents().find(id).has_value(), 1000);
            QCOMPARE(c.engine.incidents().find(id)->acknowledgedBy, QStringLiteral("kai"));
            auto third = c.order(person("ute", Role::Operator), CommandAction::LightOff, {lamp}, 0);
            QVERIFY2(!third && third.error().contains(QLatin1String("reserved by order")), qPrintable(third.error()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(a.finished(first->ref), 15'000);
        QCOMPARE(a.count(first->ref, CommandStage::Confirmed), 1);
        QTRY_VERIFY_WITH_TIMEOUT(b.engine.orders().reservedBy(lamp) == 0, 1000);

        // Both at the same moment on another lamp: exactly one order keeps it.
        const DeviceIndex contested = lamps(1, 4).front();
        auto fromA = std::async(std::launch::async, [&] { return a.order(olga, CommandAction::LightDim, {contested}, 30); });
        auto fromB = std::async(std::launch::async, [&] { return b.order(kai, CommandAction::LightDim, {contested}, 60); });
        auto ra = fromA.get(), rb = fromB.get();
        std::vector<std::pair<Console *, std::uint32_t>> granted;
        if (ra)
            granted.push_back({&a, ra->ref});
        if (rb)
            granted.push_back({&b, rb->ref});
        QVERIFY(!granted.empty());
        for (auto [console, order] : granted)
            QTRY_VERIFY_WITH_TIMEOUT(console->finished(order), 15'000);
        int confirmed = 0;
        for (auto [console, order] : granted)
            confirmed += console->count(order, CommandStage::Confirmed);
        QCOMPARE(confirmed, 1);
        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 2);   // the first lamp and the contested one, once each
    }

    /// The field answers only the console that sent a command; its refusal reaches the other desks through that
    /// console, and the lamp is free there once the order ends (it stayed "reserved by" the order at B for good).
    void aDevicesRefusalReachesTheOtherConsoles()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        SimProcess sim(broker.plainUrl(), {"--consoles", room().keyring, "--reject-rate", "100", "--id", "gw1"});
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        QTRY_COMPARE_WITH_TIMEOUT(a.reported(), city()->devices.size(), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(b.reported(), city()->devices.size(), 15'000);

        const DeviceIndex lamp = lamps(1, 3).front();
        auto dim = a.order(person("olga", Role::Operator), CommandAction::LightDim, {lamp}, 20);
        QVERIFY2(dim, qPrintable(dim.error()));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished(dim->ref), 15'000);
        QVERIFY2(a.count(dim->ref, CommandStage::Rejected) == 1, qPrintable(a.describe(dim->ref)));
        QTRY_VERIFY_WITH_TIMEOUT(b.finished(dim->ref), 2000);
        const Order atB = *b.engine.orders().find(dim->ref);
        QCOMPARE(atB.targets.front().stage, CommandStage::Rejected);
        QCOMPARE(atB.targets.front().reason, QStringLiteral("device busy"));
        QCOMPARE(b.engine.orders().reservedBy(lamp), 0u);
        auto again = b.order(person("kai", Role::Operator), CommandAction::LightDim, {lamp}, 60);
        QVERIFY2(again, qPrintable(again.error()));
        QTRY_VERIFY_WITH_TIMEOUT(b.finished(again->ref), 15'000);
    }
};

QTEST_GUILESS_MAIN(TestMqttLink)
#include "tst_mqttlink.moc"
