// The field link through a real mosquitto on loopback (plain and TLS) and the real cityops-sim process:
// telemetry, command round trips, refused payloads, plaintext where TLS is required, and two consoles in step.
// Commands the devices refuse (forged, altered, expired, replayed, unapproved): tst_commandrefusals. Outages (a
// gateway's keep-alive lapsing among them): tst_mqttoutages.
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
        // Until each has been turned away and says why (not a stopwatch: under load it takes longer, never less).
        QTRY_VERIFY_WITH_TIMEOUT(plain.engine.linkStatus().problem.contains(QLatin1String("before answering the sign-on"))
                                     && wrongCa.engine.linkStatus().problem.startsWith(QLatin1String("TLS handshake failed")),
                                 20'000);
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
        // Each of the others turned away, with why.
        QTRY_VERIFY_WITH_TIMEOUT(!a.engine.linkStatus().problem.isEmpty() && !b.engine.linkStatus().problem.isEmpty()
                                     && !c.engine.linkStatus().problem.isEmpty(),
                                 20'000);
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
