// The field broker's accounts and roles (cityops-admin broker init → mosquitto's dynamic security plugin), tried as an
// attacker with a real mosquitto on loopback: no anonymous clients, no borrowed client ids, gateways that speak only
// for themselves and read only commands, walls that only read — and the real console and gateway still work.
#include "brokertesting.h"
#include "engine/engine.h"
#include "link/mqttlink.h"
#include "link/fleetwire.h"
#include "link/wireprotocol.h"
#include "storetesting.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

const QStringList kAccounts{"--consoles", "desk-1,desk-2", "--gateways", "gw1,gw2", "--walls", "wall-1"};

QString firstLine(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readLine()).trimmed() : QString();
}

MqttOptions as(const TestBroker &broker, const QString &user, const QString &clientId = {}, const QString &password = {})
{
    MqttOptions o;
    o.url = BrokerUrl::parse(broker.plainUrl()).value();
    o.clientId = clientId.isEmpty() ? user : clientId;
    o.user = user;
    o.password = password.isEmpty() && !user.isEmpty() ? firstLine(broker.accountPassword(user)) : password;
    o.keepAliveS = 5;
    return o;
}

QByteArray lampId() { return fixtureCity()->devices[0].id.toUtf8(); }

/// What `spy` got, as topics.
QList<QByteArray> topicsOf(const std::vector<MqttClient::Message> &messages)
{
    QList<QByteArray> out;
    for (const MqttClient::Message &m : messages)
        out << m.topic;
    return out;
}

/// Proves `reader`'s subscriptions are in place: `writer` publishes a probe on `topic` until it arrives (instead of
/// sleeping); the probe is then forgotten.
bool subscribed(RawClient &reader, RawClient &writer, const QByteArray &topic)
{
    const bool arrived = QTest::qWaitFor([&] {
        writer.client->publish(topic, "probe", 1);
        return QTest::qWaitFor([&] { return reader.waiting() > 0; }, 200);
    }, 5000);
    reader.take();
    return arrived;
}

} // namespace

class TestBrokerAcl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void anonymousWrongPasswordAndBorrowedIdsAreRefused()
    {
        TestBroker broker(TestBroker::PlainOnly, TestBroker::Accounts, kAccounts);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        RawClient good(as(broker, QStringLiteral("gw1")));
        QTRY_VERIFY_WITH_TIMEOUT(good.client->connected(), 5000);
        RawClient anonymous(as(broker, QString(), QStringLiteral("nobody")));
        RawClient guessing(as(broker, QStringLiteral("gw2"), QStringLiteral("gw2"), QStringLiteral("password123")));
        RawClient borrowing(as(broker, QStringLiteral("gw2"), QStringLiteral("gw1")));   // gw2's password, gw1's id
        for (RawClient *refused : {&anonymous, &guessing, &borrowing}) {
            QTRY_VERIFY_WITH_TIMEOUT(!refused->client->lastError().isEmpty(), 5000);
            QVERIFY(!refused->client->connected());
        }
        QVERIFY(good.client->connected());   // and the one who borrowed its id did not push it off
    }

    /// gw2 holds real credentials: it still cannot speak for gw1 (a retained "offline", a lamp report), nor on the
    /// operations log, nor send commands. The spy (a console) sees the marker gw2 may send, and nothing before it.
    void gatewaysSpeakOnlyForThemselves()
    {
        TestBroker broker(TestBroker::PlainOnly, TestBroker::Accounts, kAccounts);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        RawClient spy(as(broker, QStringLiteral("desk-1")));
        QTRY_VERIFY_WITH_TIMEOUT(spy.client->connected(), 5000);
        QVERIFY(spy.client->subscribe(wire::root() + "/#", 1));
        RawClient gw2(as(broker, QStringLiteral("gw2")));
        QTRY_VERIFY_WITH_TIMEOUT(gw2.client->connected(), 5000);
        QVERIFY(subscribed(spy, spy, wire::opsTopic()));
        gw2.client->publish(wire::gatewayStatusTopic("gw1"), R"({"v":2,"online":false})", 1, true);
        gw2.client->publish(wire::deviceTopic("gw1", lampId(), "state"), R"({"v":2,"b":1,"seq":1,"time_ms":0,"kind":"light","data":{"level":0}})", 1);
        gw2.client->publish(wire::opsTopic(), R"({"v":2,"console":"desk-1","events":[]})", 1);
        gw2.client->publish(wire::commandTopic(QStringLiteral("gw1"), QString::fromUtf8(lampId())), "{}", 1);
        const QByteArray marker = wire::gatewayStatusTopic("gw2");
        gw2.client->publish(marker, R"({"v":2,"online":true})", 1, true);
        QList<QByteArray> seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += topicsOf(spy.take()), seen.contains(marker)), 5000);
        QVERIFY2(!seen.contains(wire::gatewayStatusTopic("gw1")) && !seen.contains(wire::opsTopic()), qPrintable(seen.join(' ')));
    }

    /// Who is gone decides what a supervisor may release (ops/goneconsole.h): only a console itself, or the broker with
    /// its Will, may say so. Another desk, a wall and a gateway, each with real credentials, publish a retained
    /// "desk-1 is offline"; none of it reaches anyone, and desk-1's own status does.
    void onlyAConsoleItselfSaysItIsGone()
    {
        TestBroker broker(TestBroker::PlainOnly, TestBroker::Accounts, kAccounts);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        RawClient spy(as(broker, QStringLiteral("desk-1")));
        RawClient desk2(as(broker, QStringLiteral("desk-2")));
        RawClient wall(as(broker, QStringLiteral("wall-1")));
        RawClient gw1(as(broker, QStringLiteral("gw1")));
        QTRY_VERIFY_WITH_TIMEOUT(spy.client->connected() && desk2.client->connected() && wall.client->connected() && gw1.client->connected(), 5000);
        QVERIFY(spy.client->subscribe(wire::root() + "/#", 1));
        const QByteArray desk1Status = wire::consoleStatusTopic(QStringLiteral("desk-1"));
        QVERIFY(subscribed(spy, spy, wire::opsTopic()));
        // Each attacker then says something it may say (its own status): one connection keeps its messages' order,
        // so once the spy has all three, anything of the attacks that went through has arrived before them.
        const std::pair<RawClient *, QByteArray> attackers[] = {{&desk2, wire::consoleStatusTopic(QStringLiteral("desk-2"))},
                                                                 {&wall, wire::consoleStatusTopic(QStringLiteral("wall-1"))},
                                                                 {&gw1, wire::gatewayStatusTopic("gw1")}};
        for (const auto &[attacker, own] : attackers) {
            attacker->client->publish(desk1Status, R"({"v":2,"online":false})", 1, true);
            attacker->client->publish(own, R"({"v":2,"online":true})", 1, true);
        }
        QList<QByteArray> seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += topicsOf(spy.take()), std::all_of(std::begin(attackers), std::end(attackers),
                                                                            [&](const auto &a) { return seen.contains(a.second); })),
                                 5000);
        QVERIFY2(!seen.contains(desk1Status), qPrintable(seen.join(' ')));
    }

    /// A gateway reads its own devices' commands — not another gateway's, not the consoles' operations; a wall reads
    /// everything and sends nothing that acts.
    void gatewaysReadOnlyCommandsAndWallsOnlyRead()
    {
        TestBroker broker(TestBroker::PlainOnly, TestBroker::Accounts, kAccounts);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        RawClient desk(as(broker, QStringLiteral("desk-1")));
        RawClient gw1(as(broker, QStringLiteral("gw1")));
        RawClient wall(as(broker, QStringLiteral("wall-1")));
        QTRY_VERIFY_WITH_TIMEOUT(desk.client->connected() && gw1.client->connected() && wall.client->connected(), 5000);
        QVERIFY(gw1.client->subscribe(wire::opsTopic(), 1));                  // refused by the broker
        QVERIFY(gw1.client->subscribe(wire::root() + "/cmd/#", 1));           // refused: every gateway's commands
        QVERIFY(gw1.client->subscribe(wire::root() + "/fleet/#", 1));         // refused: every gateway's vehicles
        QVERIFY(gw1.client->subscribe(wire::root() + "/cmd/gw1/#", 1));       // its own
        QVERIFY(gw1.client->subscribe(wire::root() + "/fleet/gw1/#", 1));
        QVERIFY(desk.client->subscribe(wire::root() + "/#", 1));
        QVERIFY(subscribed(gw1, desk, wire::root() + "/cmd/gw1/probe"));
        desk.take();
        desk.client->publish(wire::opsTopic(), "ops for consoles only", 1);
        desk.client->publish(wire::commandTopic(QStringLiteral("gw2"), QString::fromUtf8(lampId())), "gw2's command", 1);
        desk.client->publish(wire::fleetSendTopic(QStringLiteral("gw2")), "gw2's vehicle", 1);
        const QByteArray command = wire::commandTopic(QStringLiteral("gw1"), QString::fromUtf8(lampId()));
        desk.client->publish(command, "a console's command", 1);
        const QByteArray route = wire::fleetSendTopic(QStringLiteral("gw1"));
        desk.client->publish(route, "a console's route", 1);
        QTRY_COMPARE_WITH_TIMEOUT(gw1.waiting(), size_t(2), 5000);
        QCOMPARE(topicsOf(gw1.take()), (QList<QByteArray>{command, route}));
        // The wall: a command, a route and an operation are dropped; its own status goes through.
        desk.take();
        wall.client->publish(command, "a wall's command", 1);
        wall.client->publish(route, "a wall's route", 1);
        wall.client->publish(wire::opsTopic(), "a wall's operation", 1);
        const QByteArray marker = wire::root() + "/console/wall-1/status";
        wall.client->publish(marker, R"({"v":2,"online":true})", 1);
        QTRY_VERIFY_WITH_TIMEOUT(desk.waiting() > 0, 5000);
        QCOMPARE(topicsOf(desk.take()), QList<QByteArray>{marker});
        QVERIFY(gw1.take().empty());
    }

    /// The real console and the real gateway with their own accounts: every device reports, and a signed command
    /// goes out on the gateway's own command topic and is confirmed, as on an open broker.
    void theConsoleAndTheGatewayWorkWithTheirAccounts()
    {
        TestBroker broker(TestBroker::PlainOnly, TestBroker::Accounts, kAccounts);
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandSigner key = CommandSigner::generate();
        QTemporaryDir dir;
        const QString publicKey = dir.filePath(QStringLiteral("command.pub"));
        QFile pub(publicKey);
        QVERIFY(pub.open(QIODevice::WriteOnly) && pub.write(key.publicKeyPem()) > 0);
        pub.close();
        SimProcess sim(broker.plainUrl(), {"--id", "gw1", "--user", "gw1", "--password-file", broker.accountPassword(QStringLiteral("gw1")),
                                           "--command-pubkey", publicKey, "--reject-rate", "0", "--answer-latency", "0:0"});
        Engine engine(fixtureCity());
        MqttLinkOptions options;
        options.mqtt = as(broker, QStringLiteral("desk-1"));
        options.knownGateways = QStringList{QStringLiteral("gw1")};
        engine.start(std::make_unique<MqttLink>(fixtureCity(), &engine.clock(), options, std::optional<CommandSigner>(std::move(key))),
                     QStringLiteral("tester"));
        auto reported = [&] {
            size_t n = 0;
            for (DeviceIndex d = 0; d < fixtureCity()->devices.size(); ++d)
                n += engine.states().state(d).reported ? 1 : 0;
            return n;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(reported() == fixtureCity()->devices.size(), qPrintable(sim.errors()), 20'000);
        DeviceIndex lamp = 0;
        while (fixtureCity()->devices[lamp].kind != DeviceKind::Streetlight)
            ++lamp;
        OrderSpec spec;
        spec.description = QStringLiteral("dim");
        spec.targets.push_back({lamp, CommandAction::LightDim, 33, 0, 0});
        std::optional<Result<OpsReceipt>> issued;
        engine.request(Actor{QStringLiteral("olga"), {Role::Operator}, {}}, request::IssueOrder{spec},
                       [&issued](const Result<OpsReceipt> &r) { issued = r; });
        QTRY_VERIFY_WITH_TIMEOUT(issued.has_value(), 5000);
        QVERIFY2(*issued, qPrintable(issued->error()));
        const std::uint32_t order = issued->value().ref;
        QTRY_VERIFY_WITH_TIMEOUT(engine.orders().find(order) && engine.orders().find(order)->stage == CommandStage::Finished, 20'000);
        QCOMPARE(engine.orders().find(order)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(engine.states().state(lamp).level, std::uint8_t(33));
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestBrokerAcl)
#include "tst_brokeracl.moc"
