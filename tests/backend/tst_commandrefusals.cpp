// What the devices refuse, through a real mosquitto on loopback and the real cityops-sim process: commands forged,
// altered, expired and replayed, high-risk commands without the approver's own signature, and a captured command
// replayed after the gateway restarted with its clock set back. Each is made and signed by hand, as an attacker on
// the broker would send it. The rest of the field link: tst_mqttlink; what a gateway forgets: tst_gatewaymemory.
#include "mqttconsole.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestCommandRefusals : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(city(), "the default city package must be readable");
        QVERIFY2(QFile::exists(QStringLiteral(CITYOPS_BIN_DIR "/cityops-sim")), "cityops-sim must be built");
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

    void aKeyReplacedInItsFileIsTakenWithoutARestart()
    {
        // A room of one desk (--command-pubkey, no keyring) whose laptop was stolen: the admin puts the new desk's
        // public key in the file. The running gateway takes the new key and refuses the stolen one from then on; a
        // file others may change is not believed at all.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        CommandKeys stolen, replacement;
        QVERIFY(stolen.ok && replacement.ok);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("command.pub"));
        QVERIFY(QFile::copy(stolen.publicKey, file));
        SimProcess sim(broker.plainUrl(), {"--command-pubkey", file, "--id", "gw1", "--answer-latency", "0:0", "--reject-rate", "0"});
        ByHand byHand(broker.plainUrl());
        QVERIFY(byHand.listening());
        QTRY_VERIFY_WITH_TIMEOUT(byHand.raw.waiting() > 0, 10'000);   // the gateway is up (its retained status)
        const CommandSigner oldKey = CommandSigner::fromPrivateKeyFile(stolen.privateKey).value();
        const CommandSigner newKey = CommandSigner::fromPrivateKeyFile(replacement.privateKey).value();
        const QString lamp = city()->devices[lamps(1).front()].id;
        std::uint32_t order = 500;
        const auto answer = [&](const CommandSigner &key) {
            const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
            return byHand.send(dimCommand(key, lamp, ++order, now, now + 60'000));
        };
        QVERIFY2(acted(answer(oldKey)), "the key in the file at start");
        QVERIFY(!acted(answer(newKey)));

        // Replaced as an admin would: written beside it, renamed over it.
        const QString beside = dir.filePath(QStringLiteral("command.pub.new"));
        QVERIFY(QFile::copy(replacement.publicKey, beside) && std::rename(qPrintable(beside), qPrintable(file)) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(acted(answer(newKey)), 15'000);
        const QJsonObject old = answer(oldKey);
        QVERIFY2(!acted(old) && reasonOf(old).contains(QLatin1String("does not trust")), qPrintable(reasonOf(old)));

        // Made writable by others: not believed, so not even the new key acts, and the answer says why.
        QVERIFY(QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::WriteOther));
        QTRY_VERIFY_WITH_TIMEOUT(reasonOf(answer(newKey)).contains(QLatin1String("command key file cannot be believed")), 45'000);
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
};

QTEST_GUILESS_MAIN(TestCommandRefusals)
#include "tst_commandrefusals.moc"
