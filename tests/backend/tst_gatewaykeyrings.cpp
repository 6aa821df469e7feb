// Which keyrings a gateway holds, said in its status (wire::Presence "ck" and "ak") and compared by each console with
// its own, through a real mosquitto on loopback: a gateway given the room's keyrings is in step; one whose console
// keyring or approver keyring differs — a desk added on it alone, a supervisor added at the console but not copied to
// it, a keyring it cannot believe — is told apart, and is in step again once it holds the same; the console's own
// approver keyring is read again when its file changes; a gateway that says nothing (an older release) is not judged.
#include "link/devicegateway.h"
#include "link/keyringturnrecord.h"
#include "security/keyringjournal.h"
#include "handgateways.h"

#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include <atomic>
#include <future>

using namespace cityops;
using namespace cityops::test;

namespace {

GatewayOptions gatewayOn(const TestBroker &broker, const char *name)
{
    GatewayOptions options;
    options.mqtt = brokerOptions(broker.plainUrl(), QLatin1String(name));
    options.mqtt.keepAliveS = 120;   // its heartbeat every minute: what is judged comes from its first status
    options.warmUpHours = 0.01;
    options.consoles = std::make_shared<const ConsoleKeyring>(ConsoleKeyring::load(room().keyring).value());
    return options;
}

} // namespace

class TestGatewayKeyrings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void aStatusSaysWhichKeysItsGatewayBelieves()
    {
        const wire::Presence said{true, 7, 120, 30, QStringLiteral("0123456789abcdef"), QStringLiteral("fedcba9876543210")};
        const auto decoded = wire::decodePresence(wire::encodePresence(said));
        const auto *got = std::get_if<wire::Presence>(&decoded);
        QVERIFY(got);
        QCOMPARE(got->consoleKeys, said.consoleKeys);
        QCOMPARE(got->approverKeys, said.approverKeys);
        // Not said (a Will, an older gateway): nothing on the wire, nothing read.
        const QByteArray plain = wire::encodePresence({true, 7, 120, 30});
        QVERIFY2(!plain.contains("\"ck\"") && !plain.contains("\"ak\""), plain.constData());
        const auto older = wire::decodePresence(plain);
        QVERIFY(std::get_if<wire::Presence>(&older) && std::get<wire::Presence>(older).consoleKeys.isEmpty());
        // Anything else is refused, as any malformed status is.
        for (const char *bad : {R"("ck":"0123")", R"("ck":12)", R"("ak":"0123456789ABCDEF")", R"("ak":"0123456789abcdeg")", R"("ck":null)"}) {
            const QByteArray payload = QByteArray(R"({"v":2,"online":true,"b":7,"devices":1,"keepalive":30,)") + bad + '}';
            QVERIFY2(std::holds_alternative<wire::Refused>(wire::decodePresence(payload)), payload.constData());
        }
    }

    void aGatewayGivenOtherKeyringsIsToldApart()
    {
        QTemporaryDir dir;   // private to its owner, as a keyring's folder must be
        const QString approversPath = dir.filePath(QStringLiteral("approvers.json"));
        ConsoleKeyring approvers(ConsoleKeyring::Kind::Approvers);
        QVERIFY(approvers.add(QStringLiteral("sven"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(approvers.save(approversPath));

        ConsoleOnABroker desk([&](MqttLinkOptions &o) { o.approversPath = approversPath; });
        const QString problem = desk.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        GatewayOptions options;
        options.mqtt = brokerOptions(desk.broker.plainUrl(), QStringLiteral("gw1"));
        options.mqtt.keepAliveS = 120;   // its heartbeat every minute: a change must be said at once, not with the next one
        options.warmUpHours = 0.01;
        options.consoles = std::make_shared<const ConsoleKeyring>(ConsoleKeyring::load(room().keyring).value());
        options.approvers = std::make_shared<const ConsoleKeyring>(approvers);
        DeviceGateway gateway(city(), options, std::nullopt);
        QVERIFY(gateway.start().ok());
        const auto summary = [&](const char *name) {
            for (const GatewaySummary &g : desk.console.link->gateways())
                if (g.name == QLatin1String(name))
                    return g;
            return GatewaySummary{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw1").running, 20'000);
        QVERIFY(!summary("gw1").consoleKeysDiffer && !summary("gw1").approverKeysDiffer);

        // A desk added to the gateway's console keyring alone: told apart at once (its status is published again).
        ConsoleKeyring more = ConsoleKeyring::load(room().keyring).value();
        QVERIFY(more.add(QStringLiteral("desk-9"), CommandSigner::generate().publicKeyPem()));
        gateway.setConsoles({std::make_shared<const ConsoleKeyring>(more), {}});
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw1").consoleKeysDiffer, 10'000);
        QVERIFY(!summary("gw1").approverKeysDiffer);
        gateway.setConsoles({options.consoles, {}});
        QTRY_VERIFY_WITH_TIMEOUT(!summary("gw1").consoleKeysDiffer, 10'000);

        // sara made an approver at the console (its file changed while it runs), not yet copied to the gateway.
        QVERIFY(approvers.add(QStringLiteral("sara"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(approvers.save(approversPath));
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw1").approverKeysDiffer, 10'000);
        QVERIFY(!summary("gw1").consoleKeysDiffer);
        gateway.setApprovers({std::make_shared<const ConsoleKeyring>(approvers), {}});
        QTRY_VERIFY_WITH_TIMEOUT(!summary("gw1").approverKeysDiffer, 10'000);

        // A console keyring the gateway cannot believe (damaged on its disk): it believes nobody — not this room's.
        gateway.setConsoles({nullptr, QStringLiteral("the console keyring is not valid JSON")});
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw1").consoleKeysDiffer, 10'000);

        // A gateway that says nothing of its keyrings is not judged.
        HandGateway older(desk.broker.plainUrl(), "gw-older");
        QVERIFY(older.connected() && older.status(true, 5));
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw-older").running, 10'000);
        QVERIFY(!summary("gw-older").consoleKeysDiffer && !summary("gw-older").approverKeysDiffer);
        gateway.stop();
    }

    void theRecordSaysWhenAGatewaysKeyringsTurned()
    {
        // A supervisor replaying why a desk's commands were refused at one gateway finds since when it held another
        // console keyring, and since when the same again — recorded once at each turn, by the gateway, not by a person.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("a.store"));
        auto desk = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), QString(), nullptr, 1, store);
        QVERIFY(QTest::qWaitFor([&] { return desk->engine.linkStatus().state == LinkState::Connected; }, 10'000));
        GatewayOptions options;
        options.mqtt = brokerOptions(broker.plainUrl(), QStringLiteral("gw1"));
        options.mqtt.keepAliveS = 120;
        options.warmUpHours = 0.01;
        options.consoles = std::make_shared<const ConsoleKeyring>(ConsoleKeyring::load(room().keyring).value());
        DeviceGateway gateway(city(), options, std::nullopt);
        QVERIFY(gateway.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(desk->gateway("gw1") && desk->gateway("gw1")->running, 20'000);
        ConsoleKeyring more = ConsoleKeyring::load(room().keyring).value();
        QVERIFY(more.add(QStringLiteral("desk-9"), CommandSigner::generate().publicKeyPem()));
        gateway.setConsoles({std::make_shared<const ConsoleKeyring>(more), {}});
        QTRY_VERIFY_WITH_TIMEOUT(desk->gateway("gw1")->consoleKeysDiffer, 10'000);
        gateway.setConsoles({std::make_shared<const ConsoleKeyring>(more), {}});   // said again, the same: nothing more to record
        gateway.setConsoles({options.consoles, {}});
        QTRY_VERIFY_WITH_TIMEOUT(!desk->gateway("gw1")->consoleKeysDiffer, 10'000);
        gateway.stop();
        desk.reset();   // a clean close: everything recorded

        const QStringList turns = keyringLines(store);
        const QString ours = keyringjournal::digestOf(options.consoles.get()), theirs = keyringjournal::digestOf(&more);
        QCOMPARE(turns, (QStringList{QStringLiteral("(gw1) gateway-keyrings gw1 holds another console keyring than this console (its keys %1, "
                                                    "this console's %2)").arg(theirs, ours),
                                     QStringLiteral("(gw1) gateway-keyrings gw1 holds the same console keyring as this console again (keys %1)").arg(ours)}));
    }

    void whatTheRecordLastSaidIsReadBackPerGatewayAndKeyring()
    {
        using keyringturnrecord::Holder;
        using keyringturnrecord::Keyring;
        const auto label = [](Holder holder, const QString &name, Keyring keyring, bool differ) -> QString {
            return keyringturnrecord::labelStart() + name + QStringLiteral("): ")
                   + keyringturnrecord::detail(holder, name, keyring, differ, QStringLiteral("1111111111111111"), QStringLiteral("2222222222222222"));
        };
        // As the record's markers read: the action, who, then the detail.
        const QString written = label(Holder::Gateway, QStringLiteral("gw-west"), Keyring::Console, true);
        QCOMPARE(written, QStringLiteral("keyring-changed (gw-west): gateway-keyrings gw-west holds another console keyring than this console "
                                         "(its keys 1111111111111111, this console's 2222222222222222)"));
        const QString desk = label(Holder::Desk, QStringLiteral("desk-2"), Keyring::Approver, false);
        QCOMPARE(desk, QStringLiteral("keyring-changed (desk-2): desk-keyrings desk-2 holds the same approver keyring as this console again "
                                      "(keys 2222222222222222)"));
        QVERIFY(written.startsWith(keyringturnrecord::labelStart()) && written.contains(keyringturnrecord::labelPart()));
        QVERIFY(desk.startsWith(keyringturnrecord::labelStart()) && desk.contains(keyringturnrecord::labelPart()));
        const QStringList newestFirst{
            // Not gw-east's: the gateway its detail names is another.
            QStringLiteral("keyring-changed (gw-east): gateway-keyrings gw-west holds the same console keyring as this console again (keys 2)"),
            label(Holder::Gateway, QStringLiteral("gw-west"), Keyring::Console, false),   // the last said of gw-west's console keyring
            label(Holder::Gateway, QStringLiteral("gw-west"), Keyring::Approver, true),
            label(Holder::Gateway, QStringLiteral("gw-west"), Keyring::Console, true),
            label(Holder::Gateway, QStringLiteral("gw-east"), Keyring::Console, true),
            // Desks apart from gateways, also one of the same name as a gateway.
            label(Holder::Desk, QStringLiteral("desk-2"), Keyring::Console, true),
            label(Holder::Desk, QStringLiteral("desk-2"), Keyring::Console, false),
            label(Holder::Desk, QStringLiteral("gw-east"), Keyring::Approver, true),
            // Not a turn: an administrator's change, a change by hand, another action, a holder's word unknown.
            QStringLiteral("keyring-changed (root@ops-1): console-add desk-9 key 1a2b3c4d5e6f7a8b (consoles.json, change 3 of journal 5f0c)"),
            QStringLiteral("keyring-changed (unknown): outside-change desk-9 added (key 1a2b3c4d5e6f7a8b)"),
            QStringLiteral("account-changed (gw-south): gateway-keyrings gw-south holds another console keyring than this console (its keys 1, this console's 2)"),
            QStringLiteral("keyring-changed (box-1): box-keyrings box-1 holds another console keyring than this console (its keys 1, this console's 2)")};
        const keyringturnrecord::Recorded said = keyringturnrecord::lastSaid(newestFirst);
        QCOMPARE(said.gateways.size(), 2);
        QCOMPARE(said.gateways.value(QStringLiteral("gw-west")).consoleDiffers, std::optional<bool>(false));
        QCOMPARE(said.gateways.value(QStringLiteral("gw-west")).approverDiffers, std::optional<bool>(true));
        QCOMPARE(said.gateways.value(QStringLiteral("gw-east")).consoleDiffers, std::optional<bool>(true));
        QVERIFY(!said.gateways.value(QStringLiteral("gw-east")).approverDiffers);
        QCOMPARE(said.desks.size(), 2);
        QCOMPARE(said.desks.value(QStringLiteral("desk-2")).consoleDiffers, std::optional<bool>(true));
        QVERIFY(!said.desks.value(QStringLiteral("desk-2")).approverDiffers);
        QCOMPARE(said.desks.value(QStringLiteral("gw-east")).approverDiffers, std::optional<bool>(true));
        QVERIFY(!said.desks.value(QStringLiteral("gw-east")).consoleDiffers);
    }

    void theRecordTakesUpWhereTheLastRunLeftAGateway()
    {
        // Each run of the console takes up each gateway where the record left it: one that held other keys when the
        // console stopped is not recorded again at the next start, and one given the room's keyring while no console
        // ran is said to hold the same again — from its first status, also when that came before the record was read.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("a.store"));
        const GatewayOptions options = gatewayOn(broker, "gw1");
        ConsoleKeyring more = ConsoleKeyring::load(room().keyring).value();
        QVERIFY(more.add(QStringLiteral("desk-9"), CommandSigner::generate().publicKeyPem()));
        const auto others = std::make_shared<const ConsoleKeyring>(more);
        DeviceGateway gateway(city(), options, std::nullopt);
        gateway.setConsoles({others, {}});
        QVERIFY(gateway.start().ok());
        const QString ours = keyringjournal::digestOf(options.consoles.get()), theirs = keyringjournal::digestOf(&more);
        const QString another = QStringLiteral("(gw1) gateway-keyrings gw1 holds another console keyring than this console (its keys %1, "
                                               "this console's %2)").arg(theirs, ours);
        const QString same = QStringLiteral("(gw1) gateway-keyrings gw1 holds the same console keyring as this console again (keys %1)").arg(ours);
        const auto heard = [](const Console &desk, bool differs) {
            const std::optional<GatewaySummary> g = desk.gateway("gw1");
            return g && g->running && g->consoleKeysDiffer == differs;
        };
        // A console whose record is read only when the test says, after it has heard the gateway.
        struct Held {
            std::promise<void> readable;
            std::shared_future<void> gate = readable.get_future().share();
            std::atomic<bool> asked{false}, answered{false}, released{false};
            void release()
            {
                if (!released.exchange(true))
                    readable.set_value();
            }
            std::function<void(MqttLinkOptions &)> tune()
            {
                return [this](MqttLinkOptions &o) {
                    o.recordedKeyringTurns = [this, read = o.recordedKeyringTurns] {
                        asked = true;
                        gate.wait();
                        Result<QStringList> labels = read();
                        answered = true;
                        return labels;
                    };
                };
            }
        };

        {   // 1: differing from the start
            Console desk(brokerOptions(broker.plainUrl(), "console-a"), QString(), {}, 1, store);
            QTRY_COMPARE_WITH_TIMEOUT(keyringLines(store), QStringList{another}, 20'000);
        }
        {   // 2: still differing, as the record last said: nothing; then in step
            Held held;
            Console desk(brokerOptions(broker.plainUrl(), "console-a"), QString(), held.tune(), 1, store);
            const auto opened = qScopeGuard([&] { held.release(); });   // a case that fails early must not leave the read waiting
            QTRY_VERIFY_WITH_TIMEOUT(held.asked && heard(desk, true), 20'000);
            held.release();
            QTRY_VERIFY_WITH_TIMEOUT(held.answered, 10'000);
            gateway.setConsoles({options.consoles, {}});
            QTRY_VERIFY_WITH_TIMEOUT(keyringLines(store).size() >= 2, 10'000);
        }
        QCOMPARE(keyringLines(store), (QStringList{another, same}));
        gateway.setConsoles({others, {}});   // while no console runs
        {   // 3: its status heard before the record is read, judged once it is
            Held held;
            Console desk(brokerOptions(broker.plainUrl(), "console-a"), QString(), held.tune(), 1, store);
            const auto opened = qScopeGuard([&] { held.release(); });   // a case that fails early must not leave the read waiting
            QTRY_VERIFY_WITH_TIMEOUT(held.asked && heard(desk, true), 20'000);
            QCOMPARE(keyringLines(store).size(), 2);
            held.release();
            QTRY_COMPARE_WITH_TIMEOUT(keyringLines(store), (QStringList{another, same, another}), 10'000);
        }
        gateway.setConsoles({options.consoles, {}});   // while no console runs
        {   // 4: in step at the start, after the record said it differed
            Console desk(brokerOptions(broker.plainUrl(), "console-a"), QString(), {}, 1, store);
            QTRY_COMPARE_WITH_TIMEOUT(keyringLines(store), (QStringList{another, same, another, same}), 20'000);
        }
        gateway.stop();
    }

    void aCommandKeyTheKeyringDoesNotListMakesItAnotherKeyring()
    {
        // `--command-pubkey` is believed beside the console keyring: a gateway given a desk's key that the room's
        // keyring lists believes no more than the room; given another (an old laptop's key, or someone's own), it
        // believes a desk the room does not, and is told apart — from the start and when its key file is read again.
        ConsoleOnABroker desk;
        const QString problem = desk.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        GatewayOptions options;
        options.mqtt = brokerOptions(desk.broker.plainUrl(), QStringLiteral("gw1"));
        options.mqtt.keepAliveS = 120;
        options.warmUpHours = 0.01;
        options.consoles = std::make_shared<const ConsoleKeyring>(ConsoleKeyring::load(room().keyring).value());
        auto listedKey = CommandVerifier::fromPublicKeyFile(room().keys.at(QStringLiteral("console-b"))->publicKey);
        QVERIFY(listedKey);
        DeviceGateway gateway(city(), options, std::move(listedKey).value());
        QVERIFY(gateway.start().ok());
        const auto summary = [&](const char *name = "gw1") {
            for (const GatewaySummary &g : desk.console.link->gateways())
                if (g.name == QLatin1String(name))
                    return g;
            return GatewaySummary{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(summary().running, 20'000);
        QVERIFY(!summary().consoleKeysDiffer);

        const CommandSigner stranger = CommandSigner::generate();
        auto strangerKey = CommandVerifier::fromPublicKeyPem(stranger.publicKeyPem());
        QVERIFY(strangerKey);
        gateway.setCommandKey({std::make_shared<const CommandVerifier>(std::move(strangerKey).value()), {}});
        QTRY_VERIFY_WITH_TIMEOUT(summary().consoleKeysDiffer, 10'000);
        // Its file no longer believed: the key is not, and what is left is the room's keyring.
        gateway.setCommandKey({nullptr, QStringLiteral("the command key file may be changed by others")});
        QTRY_VERIFY_WITH_TIMEOUT(!summary().consoleKeysDiffer, 10'000);
        gateway.stop();

        // The same from the start: a gateway started with a key the keyring does not list.
        auto again = CommandVerifier::fromPublicKeyPem(stranger.publicKeyPem());
        options.mqtt.clientId = QStringLiteral("gw2");
        DeviceGateway second(city(), options, std::move(again).value());
        QVERIFY(second.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(summary("gw2").running, 20'000);
        QVERIFY(summary("gw2").consoleKeysDiffer);
        second.stop();
    }
};

QTEST_GUILESS_MAIN(TestGatewayKeyrings)
#include "tst_gatewaykeyrings.moc"
