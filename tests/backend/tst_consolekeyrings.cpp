// Which keys the room's desks believe, compared among themselves through a real mosquitto on loopback: each console's
// signed status says the digests of its console and approver keyrings (wire::ConsoleStatus "ck", "ak", under "ksig"),
// said again when a keyring changes; a desk given another consoles.json is named at the other desk, and no longer once
// it holds the same. Attacked as someone on an open broker would: a copy of a desk's status with other digests put in
// (to make it look in step, or out of step), or with the digests taken out (to hide a difference), is refused. The
// signatures themselves: tst_consolestatus; what the operator sees: tst_statusline.
#include "link/consolestatus.h"
#include "mqttconsole.h"
#include "security/keyringjournal.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kConsoleA = QStringLiteral("console-a");
const QString kConsoleB = QStringLiteral("console-b");

/// Whom `c` names as holding other keys than itself, and which: "console-b console" / "console-b approver".
QStringList namedBy(const Console &c)
{
    QStringList named;
    for (const LinkCounters::OtherKeys &o : c.link->counters().consolesOtherKeys)
        named << o.console + (o.consoleKeysDiffer ? QStringLiteral(" console") : QString()) + (o.approverKeysDiffer ? QStringLiteral(" approver") : QString());
    return named;
}

/// The last status of console-b that `spy` heard, as it travelled.
QByteArray lastStatusOfB(RawClient &spy, QByteArray &last)
{
    for (const MqttClient::Message &m : spy.take())
        if (m.topic == wire::consoleStatusTopic(kConsoleB))
            last = m.payload;
    return last;
}

} // namespace

class TestConsoleKeyrings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void aDeskGivenAnotherKeyringIsNamedAtTheOther()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        QTemporaryDir dir;
        const QString keyringOfB = privateKeyringCopy(dir);
        QVERIFY(!keyringOfB.isEmpty());
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(listensToStatusOf(spy, kConsoleB));
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"),
                  [&](MqttLinkOptions &o) { o.consolesPath = keyringOfB; });
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(a, kConsoleB) && knownOnline(b, kConsoleA), 10'000);
        QByteArray status;
        QTRY_VERIFY_WITH_TIMEOUT(lastStatusOfB(spy, status).contains("\"ck\""), 10'000);   // it says which keys it believes
        QVERIFY(namedBy(a).isEmpty() && namedBy(b).isEmpty());

        // The admin adds a desk at B only: each desk names the other.
        ConsoleKeyring more = ConsoleKeyring::load(room().keyring).value();
        QVERIFY(more.add(QStringLiteral("desk-9"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(more.save(keyringOfB));
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(a), QStringList{QStringLiteral("console-b console")}, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(b), QStringList{QStringLiteral("console-a console")}, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(QJsonDocument::fromJson(lastStatusOfB(spy, status)).object().value(QLatin1String("ck")).toString()
                                     == keyringjournal::digestOf(&more),
                                 10'000);
        const QByteArray differing = status;

        // Someone on the broker hides the difference: B's status with A's digest put in, or with the digests taken out
        // (as an earlier release's status, whose first signature still holds). Both refused; B is still named.
        const ConsoleKeyring roomKeyring = ConsoleKeyring::load(room().keyring).value();
        const QString ofA = keyringjournal::digestOf(&roomKeyring);
        const QByteArray attacks[] = {
            edited(differing, [&](QJsonObject &o) { o.insert(QLatin1String("ck"), ofA); }),
            edited(differing, [](QJsonObject &o) {
                o.remove(QLatin1String("ck"));
                o.remove(QLatin1String("ak"));
                o.remove(QLatin1String("ksig"));
            }),
        };
        for (const QByteArray &attack : attacks) {
            const std::uint64_t untrusted = a.link->counters().untrusted;
            QVERIFY(spy.client->publish(wire::consoleStatusTopic(kConsoleB), attack, 1));
            QTRY_VERIFY_WITH_TIMEOUT(a.link->counters().untrusted > untrusted, 5000);
            QCOMPARE(namedBy(a), QStringList{QStringLiteral("console-b console")});
        }
        QVERIFY(knownOnline(a, kConsoleB));

        // Given the room's keyring again: named by nobody.
        QVERIFY(roomKeyring.save(keyringOfB));
        QTRY_VERIFY_WITH_TIMEOUT(namedBy(a).isEmpty(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(namedBy(b).isEmpty(), 10'000);
    }

    void aDeskGivenAnotherApproverKeyringIsNamedToo()
    {
        // The supervisor ute added to the approvers at B only: A would judge the gateways by approvers B does not.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QTemporaryDir dirA, dirB;
        const QString approversOfA = dirA.filePath(QStringLiteral("approvers.json")), approversOfB = dirB.filePath(QStringLiteral("approvers.json"));
        ConsoleKeyring approvers(ConsoleKeyring::Kind::Approvers);
        QVERIFY(approvers.add(QStringLiteral("sven"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(approvers.save(approversOfA));
        ConsoleKeyring more = approvers;
        QVERIFY(more.add(QStringLiteral("ute"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(more.save(approversOfB));
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"), [&](MqttLinkOptions &o) { o.approversPath = approversOfA; });
        Console b(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"), [&](MqttLinkOptions &o) { o.approversPath = approversOfB; });
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(a), QStringList{QStringLiteral("console-b approver")}, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(b), QStringList{QStringLiteral("console-a approver")}, 10'000);
        QVERIFY(approvers.save(approversOfB));
        QTRY_VERIFY_WITH_TIMEOUT(namedBy(a).isEmpty() && namedBy(b).isEmpty(), 10'000);
        QVERIFY(knownOnline(a, kConsoleB) && knownOnline(b, kConsoleA));
    }

    void theRecordSaysWhenADesksKeyringsTurnedAcrossRestarts()
    {
        // A supervisor replaying why B's operations were refused at A finds since when B held another console keyring
        // than A, and since when the same again: recorded at A once at each turn — not again when B goes and comes
        // back still differing, nor when A restarts while it still differs.
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QTemporaryDir dir;
        const QString keyringOfB = privateKeyringCopy(dir);
        QVERIFY(!keyringOfB.isEmpty());
        const QString store = dir.filePath(QStringLiteral("a.store"));
        const ConsoleKeyring roomKeyring = ConsoleKeyring::load(room().keyring).value();
        ConsoleKeyring more = roomKeyring;
        QVERIFY(more.add(QStringLiteral("desk-9"), CommandSigner::generate().publicKeyPem()));
        const QString ours = keyringjournal::digestOf(&roomKeyring), theirs = keyringjournal::digestOf(&more);
        const QString another = QStringLiteral("(console-b) desk-keyrings console-b holds another console keyring than this console (its keys %1, "
                                               "this console's %2)").arg(theirs, ours);
        const QString same = QStringLiteral("(console-b) desk-keyrings console-b holds the same console keyring as this console again (keys %1)").arg(ours);
        const auto deskB = [&] {
            return std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"),
                                             [&](MqttLinkOptions &o) {
                                                 // As the console does: the file read at start, then watched.
                                                 o.consoles = std::make_shared<const ConsoleKeyring>(ConsoleKeyring::load(keyringOfB).value());
                                                 o.consolesPath = keyringOfB;
                                             });
        };
        // A, recording; `read` says when it has read what earlier runs recorded.
        std::atomic<bool> read{false};
        const auto deskA = [&] {
            read = false;
            return std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"),
                                             [&](MqttLinkOptions &o) {
                                                 o.recordedKeyringTurns = [&read, recorded = o.recordedKeyringTurns] {
                                                     Result<QStringList> labels = recorded();
                                                     read = true;
                                                     return labels;
                                                 };
                                             },
                                             1, store);
        };
        auto b = deskB();
        auto a = deskA();
        QTRY_VERIFY_WITH_TIMEOUT(read && knownOnline(*a, kConsoleB), 10'000);
        QVERIFY(more.save(keyringOfB));
        QTRY_COMPARE_WITH_TIMEOUT(keyringLines(store), QStringList{another}, 10'000);

        // B goes and comes back, still differing: named again, nothing more recorded.
        b.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!knownOnline(*a, kConsoleB), 10'000);
        b = deskB();
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(*a), QStringList{QStringLiteral("console-b console")}, 10'000);

        // A restarts on its record while B still differs: nothing more; then B is given the room's keyring.
        a.reset();
        a = deskA();
        QTRY_VERIFY_WITH_TIMEOUT(read, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(*a), QStringList{QStringLiteral("console-b console")}, 10'000);
        QVERIFY(roomKeyring.save(keyringOfB));
        QTRY_VERIFY_WITH_TIMEOUT(namedBy(*a).isEmpty(), 10'000);
        a.reset();   // a clean close: everything recorded
        QCOMPARE(keyringLines(store), (QStringList{another, same}));
    }
};

QTEST_MAIN(TestConsoleKeyrings)
#include "tst_consolekeyrings.moc"
