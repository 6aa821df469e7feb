// Whom a running gateway believes, through a real mosquitto and the real cityops-sim: every desk of a room commands
// the field with its own key (the console keyring, --consoles), and a key an admin takes out of a keyring — a desk's
// or a supervisor's — is refused from the next command on, without restarting the gateway; a keyring others could
// have changed is not believed at all until it is mended. Commands are made and signed by hand, as an attacker
// holding a removed key would send them.
#include "mqttconsole.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestGatewayTrust : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(city(), "the default city package must be readable");
        QVERIFY2(QFile::exists(QStringLiteral(CITYOPS_BIN_DIR "/cityops-sim")), "cityops-sim must be built");
    }

    void keysTakenAwayWhileTheGatewayRuns()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QTemporaryDir room;
        QVERIFY(QFile::setPermissions(room.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const CommandSigner desk1 = CommandSigner::generate(), desk2 = CommandSigner::generate(), stranger = CommandSigner::generate();
        ConsoleKeyring consoles;
        QVERIFY(consoles.add(QStringLiteral("desk-1"), desk1.publicKeyPem()));
        QVERIFY(consoles.add(QStringLiteral("desk-2"), desk2.publicKeyPem()));
        const QString consolesFile = room.filePath(QStringLiteral("consoles.json"));
        QVERIFY(consoles.save(consolesFile));
        const QString sealed = room.filePath(QStringLiteral("approvers"));
        auto svenPublic = approval::create(sealed, QStringLiteral("sven"), "sven-password");
        QVERIFY2(svenPublic, qPrintable(svenPublic.error()));
        ConsoleKeyring approvers(ConsoleKeyring::Kind::Approvers);
        QVERIFY(approvers.add(QStringLiteral("sven"), svenPublic.value()));
        const QString approversFile = room.filePath(QStringLiteral("approvers.json"));
        QVERIFY(approvers.save(approversFile));
        const CommandSigner sven = approval::open(sealed, QStringLiteral("sven"), "sven-password").value();

        // The gateway's security log says when it has read a keyring again (ctest turns the other info lines off).
        qputenv("QT_LOGGING_RULES", "cityops.*.info=false\ncityops.security.info=true");
        SimProcess sim(broker.plainUrl(), {"--consoles", consolesFile, "--approvers", approversFile, "--id", "gw1", "--answer-latency", "0:0",
                                           "--reject-rate", "0"});
        ByHand hand(broker.plainUrl());
        QVERIFY(hand.listening());
        QTRY_VERIFY_WITH_TIMEOUT(hand.raw.waiting() > 0, 10'000);   // the gateway is up (its retained status)
        hand.raw.take();
        QString simLog;
        const auto logged = [&](const char *words) {
            return QTest::qWaitFor([&] { simLog += sim.errors(); return simLog.contains(QLatin1String(words)); }, 10'000);
        };

        const QString lamp = city()->devices[lamps(1).front()].id;
        QString junction;
        for (const auto &d : city()->devices)
            if (d.kind == DeviceKind::SignalController && junction.isEmpty())
                junction = d.id;
        std::uint32_t order = 100;
        char nonce = 'a';
        const auto command = [&](const CommandSigner &key, CommandAction action, const QString &device) {
            const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
            wire::SignedCommand c;
            c.device = device;
            c.order = ++order;
            c.action = action;
            c.value = action == CommandAction::LightDim ? 40 : 0;
            c.issuedMs = now;
            c.expiresMs = now + 60'000;
            c.nonce = QByteArray(16, nonce++);
            c.keyId = key.keyId();
            if (action == CommandAction::SignalFlash) {
                c.approver = QStringLiteral("sven");
                c.approvedUntilMs = c.expiresMs;
                c.approval = sven.sign(approval::statement(c.device, c.order, c.step, c.action, c.value, c.approvedUntilMs, c.approver));
            }
            c.signature = key.sign(c.canonical());
            return c;
        };
        // The gateway's answer: "accepted", or the reason it refused.
        const auto send = [&](const wire::SignedCommand &c) {
            const QJsonObject r = hand.send(c);
            if (r.isEmpty())
                return QStringLiteral("(no answer)");
            return r.value(QLatin1String("result")).toString() == QLatin1String("accepted") ? QStringLiteral("accepted")
                                                                                             : r.value(QLatin1String("reason")).toString();
        };

        // Both desks of the room command the field, each with its own key; a key nobody listed does not.
        QCOMPARE(send(command(desk1, CommandAction::LightDim, lamp)), QStringLiteral("accepted"));
        QCOMPARE(send(command(desk2, CommandAction::LightDim, lamp)), QStringLiteral("accepted"));
        QString r = send(command(stranger, CommandAction::LightDim, lamp));
        QVERIFY2(r.startsWith(QLatin1String("signed with key")) && r.contains(QLatin1String("which this device does not trust")), qPrintable(r));
        QCOMPARE(send(command(desk1, CommandAction::SignalFlash, junction)), QStringLiteral("accepted"));

        // The admin takes desk-2 out (its key was stolen): the gateway reads the file again and says so ...
        QVERIFY(consoles.remove(QStringLiteral("desk-2")));
        QVERIFY(consoles.save(consolesFile));
        QVERIFY2(logged("changed: desk-2 removed"), qPrintable(simLog));
        // ... and desk-2's key commands nothing from then on, while desk-1's still does.
        r = send(command(desk2, CommandAction::LightDim, lamp));
        QVERIFY2(r.contains(QLatin1String("which this device does not trust")), qPrintable(r));
        QCOMPARE(send(command(desk1, CommandAction::LightDim, lamp)), QStringLiteral("accepted"));

        // A supervisor who has left: their approval no longer makes a junction flash.
        QVERIFY(approvers.remove(QStringLiteral("sven")));
        QVERIFY(approvers.save(approversFile));
        QVERIFY2(logged("changed: sven removed"), qPrintable(simLog));
        r = send(command(desk1, CommandAction::SignalFlash, junction));
        QVERIFY2(r.contains(QLatin1String("approved by sven, who is not an approver this device knows")), qPrintable(r));

        // A keyring that others could have written to is believed no more — nobody in it — until it is mended.
        QVERIFY(QFile::setPermissions(consolesFile, QFile::permissions(consolesFile) | QFileDevice::WriteOther));
        QVERIFY2(logged("console keyring cannot be believed any more"), qPrintable(simLog));
        r = send(command(desk1, CommandAction::LightDim, lamp));
        QVERIFY2(r.contains(QLatin1String("console keyring cannot be believed")) && r.contains(QLatin1String("chmod")), qPrintable(r));
        QVERIFY(QFile::setPermissions(consolesFile, QFile::permissions(consolesFile) & ~QFileDevice::WriteOther));
        QVERIFY2(logged("can be believed again"), qPrintable(simLog));
        QCOMPARE(send(command(desk1, CommandAction::LightDim, lamp)), QStringLiteral("accepted"));

        // A keyring removed is not an empty one that lets the single key through unchecked: nobody is believed.
        QVERIFY(QFile::remove(consolesFile));
        QVERIFY2(logged("does not exist"), qPrintable(simLog));
        r = send(command(desk1, CommandAction::LightDim, lamp));
        QVERIFY2(r.contains(QLatin1String("console keyring cannot be believed")), qPrintable(r));

        const QJsonObject stats = json(sim.finish().trimmed().split('\n').last());
        QCOMPARE(stats.value(QLatin1String("executed")).toInt(), 5);
        QCOMPARE(stats.value(QLatin1String("refused")).toInt(), 5);
    }

    /// The consoles' side: a console taken out of another console's keyring is refused by it from its next
    /// operation on, without a restart (MqttLink reads its --consoles file again when it changes).
    void aConsoleTakenOutIsRefusedByTheOthers()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        QTemporaryDir dir;
        const QString keyringFile = privateKeyringCopy(dir);
        QVERIFY(!keyringFile.isEmpty());
        ConsoleKeyring keyring = ConsoleKeyring::load(room().keyring).value();
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), [&](MqttLinkOptions &o) {
            o.consoles = std::make_shared<const ConsoleKeyring>(keyring);
            o.consolesPath = keyringFile;
        });
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"));
        const Actor kai = person("kai", Role::Operator);
        const GeoPoint where = city()->devices[lamps(1).front()].position;
        auto report = [&] {
            auto r = b.ask(kai, request::ReportIncident{where, IncidentSeverity::Minor, "pothole", kNoDevice});
            return r ? r->ref : IncidentId(0);
        };
        QTRY_VERIFY_WITH_TIMEOUT(a.engine.linkStatus().state == LinkState::Connected && b.engine.linkStatus().state == LinkState::Connected,
                                 10'000);
        // What console-b shares before console-a listens passes it by: report until one reaches console-a.
        QVERIFY(QTest::qWaitFor([&] {
            const IncidentId id = report();
            return id && QTest::qWaitFor([&] { return a.engine.incidents().find(id).has_value(); }, 500);
        }, 10'000));
        QCOMPARE(a.link->counters().untrusted, 0u);

        // The admin takes console-b out of console-a's keyring; console-b goes on reporting until console-a refuses it.
        QVERIFY(keyring.remove(QStringLiteral("console-b")));
        QVERIFY(keyring.save(keyringFile));
        QVERIFY(QTest::qWaitFor([&] { (void)report(); return QTest::qWaitFor([&] { return a.link->counters().untrusted > 0; }, 500); }, 10'000));
        // From then on nothing console-b does reaches console-a's books.
        const std::uint64_t refusedSoFar = a.link->counters().untrusted;
        const IncidentId later = report();
        QVERIFY(later);
        QTRY_VERIFY_WITH_TIMEOUT(a.link->counters().untrusted > refusedSoFar, 5000);
        QVERIFY(!a.engine.incidents().find(later).has_value());

        // A keyring others could have written to: the console says so (its status bar shows it) until it is mended.
        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) | QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(a.link->counters().keyringProblem.contains(QLatin1String("may be changed by others")), 10'000);
        QVERIFY(QFile::setPermissions(keyringFile, QFile::permissions(keyringFile) & ~QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(a.link->counters().keyringProblem.isEmpty(), 10'000);
    }
};

QTEST_GUILESS_MAIN(TestGatewayTrust)
#include "tst_gatewaytrust.moc"
