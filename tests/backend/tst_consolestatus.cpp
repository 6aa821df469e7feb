// A console's signed status (wire::ConsoleStatus): whether a console is gone decides what a supervisor may release
// elsewhere, so nobody but the console may say it. Each refusal is the attack performed on the real component: a
// status forged unsigned, signed with another desk's key, altered, moved to another console's topic, or read while
// the keyring cannot be believed (OpsExchange::checkStatus); an old Will copied off the broker and published again
// (ConsoleRoll); and a damaged payload (the codec). On a real broker: tst_consolepresence.
#include "link/consoleroll.h"
#include "link/consolestatus.h"
#include "link/opsexchange.h"
#include "storetesting.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kConsoleA = QStringLiteral("console-a");
const QString kConsoleB = QStringLiteral("console-b");
constexpr std::uint64_t kConnection = 1'790'000'000'000'000;

wire::ConsoleStatus signedBy(const CommandSigner &key, const QString &console, bool online, std::uint64_t connection)
{
    wire::ConsoleStatus s{online, connection, key.keyId(), {}};
    s.signature = key.sign(s.canonical(console));
    return s;
}

/// The payload with one field replaced, as someone editing it on the broker would.
QByteArray edited(const QByteArray &payload, const char *field, const QJsonValue &value)
{
    QJsonObject o = QJsonDocument::fromJson(payload).object();
    if (value.isUndefined())
        o.remove(QLatin1String(field));
    else
        o.insert(QLatin1String(field), value);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// The room's keyring: console-a with key `a`, console-b with `b` (null if either is refused).
std::shared_ptr<ConsoleKeyring> keyringOf(const CommandSigner &a, const CommandSigner &b)
{
    auto keyring = std::make_shared<ConsoleKeyring>();
    return keyring->add(kConsoleA, a.publicKeyPem()) && keyring->add(kConsoleB, b.publicKeyPem()) ? keyring : nullptr;
}

const ConsoleRoll::KeyringLookup listed = [](const QString &) { return ConsoleRoll::InKeyring(true); };

ConsoleStanding standing(const Event &e) { return std::get<ConsolePayload>(e.payload).standing; }

} // namespace

class TestConsoleStatus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void aStatusTravelsWholeAndItsSignatureCoversEveryField()
    {
        const CommandSigner a = CommandSigner::generate();
        for (const wire::ConsoleStatus &sent : {signedBy(a, kConsoleA, false, kConnection), signedBy(a, kConsoleA, true, kConnection + 1),
                                                wire::ConsoleStatus{true, 7, {}, {}}}) {
            const auto read = wire::decodeConsoleStatus(wire::encodeConsoleStatus(sent));
            QVERIFY(std::holds_alternative<wire::ConsoleStatus>(read));
            const auto &s = std::get<wire::ConsoleStatus>(read);
            QCOMPARE(s.online, sent.online);
            QCOMPARE(s.connection, sent.connection);
            QCOMPARE(s.keyId, sent.keyId);
            QCOMPARE(s.signature, sent.signature);
            QCOMPARE(s.isSigned(), !sent.keyId.isEmpty());
        }
        // The signed bytes differ in each field, the console included (it is the topic's, not the payload's).
        const wire::ConsoleStatus s = signedBy(a, kConsoleA, false, kConnection);
        wire::ConsoleStatus online = s, later = s, otherKey = s;
        online.online = true;
        later.connection += 1;
        otherKey.keyId = QStringLiteral("0011223344556677");
        const QByteArray base = s.canonical(kConsoleA);
        for (const QByteArray &other : {online.canonical(kConsoleA), later.canonical(kConsoleA), otherKey.canonical(kConsoleA),
                                        s.canonical(kConsoleB), s.canonical(QStringLiteral("console-a\n"))})
            QVERIFY(other != base);
    }

    void aDamagedStatusIsRefused()
    {
        const CommandSigner a = CommandSigner::generate();
        const QByteArray good = wire::encodeConsoleStatus(signedBy(a, kConsoleA, false, kConnection));
        const std::pair<QByteArray, wire::Refusal> damaged[] = {
            {edited(good, "online", QJsonValue()), wire::Refusal::Malformed},
            {edited(good, "online", QStringLiteral("false")), wire::Refusal::Malformed},
            {edited(good, "conn", QJsonValue()), wire::Refusal::Malformed},
            {edited(good, "conn", -1), wire::Refusal::Malformed},
            {edited(good, "conn", 1.5), wire::Refusal::Malformed},
            {edited(good, "conn", QStringLiteral("1")), wire::Refusal::Malformed},
            {edited(good, "sig", QJsonValue()), wire::Refusal::Malformed},                      // a key without a signature
            {edited(good, "key", QJsonValue()), wire::Refusal::Malformed},                      // a signature without a key
            {edited(good, "key", QString()), wire::Refusal::Malformed},
            {edited(good, "sig", QStringLiteral("AAAA")), wire::Refusal::Malformed},            // too short
            {edited(good, "sig", QStringLiteral("not base64!")), wire::Refusal::Malformed},
            {edited(good, "v", 1), wire::Refusal::UnknownVersion},
            {QByteArray(), wire::Refusal::Malformed},                                          // a retained status cleared
            {QByteArray(5000, ' '), wire::Refusal::Oversized},
        };
        for (const auto &[payload, reason] : damaged) {
            const auto read = wire::decodeConsoleStatus(payload);
            QVERIFY2(std::holds_alternative<wire::Refused>(read), payload.constData());
            QCOMPARE(std::get<wire::Refused>(read).reason, reason);
        }
    }

    /// Which keys a console believes travels under a second signature: consoles of earlier releases still verify the
    /// first over the bytes they know, and nobody without the console's key can put other digests into its status.
    void whichKeysAConsoleBelievesIsSignedApart()
    {
        auto keyA = std::make_shared<CommandSigner>(CommandSigner::generate());
        auto keyB = std::make_shared<CommandSigner>(CommandSigner::generate());
        wire::ConsoleStatus s = signedBy(*keyA, kConsoleA, true, kConnection);
        s.consoleKeys = QStringLiteral("0123456789abcdef");
        s.approverKeys = QStringLiteral("fedcba9876543210");
        s.keysSignature = keyA->sign(s.canonicalKeys(kConsoleA));
        const QByteArray payload = wire::encodeConsoleStatus(s);
        const auto read = wire::decodeConsoleStatus(payload);
        QVERIFY2(std::holds_alternative<wire::ConsoleStatus>(read), payload.constData());
        const auto &got = std::get<wire::ConsoleStatus>(read);
        QCOMPARE(got.consoleKeys, s.consoleKeys);
        QCOMPARE(got.approverKeys, s.approverKeys);
        QCOMPARE(got.keysSignature, s.keysSignature);
        // What an earlier release signs and checks is as it was, byte for byte, and still verifies.
        QCOMPARE(got.canonical(kConsoleA), QByteArray("cityops-console-status-v1\n9:console-a\n6:online\n16:1790000000000000\n16:")
                                               + keyA->keyId().toLatin1() + '\n');
        auto verifier = CommandVerifier::fromPublicKeyPem(keyA->publicKeyPem());
        QVERIFY(verifier && verifier.value().verify(got.canonical(kConsoleA), got.signature));
        // The second signature covers each digest, and cannot be the first moved over (nor the first the second).
        wire::ConsoleStatus otherConsoleKeys = s, otherApproverKeys = s;
        otherConsoleKeys.consoleKeys = QStringLiteral("1123456789abcdef");
        otherApproverKeys.approverKeys.clear();
        for (const QByteArray &other : {otherConsoleKeys.canonicalKeys(kConsoleA), otherApproverKeys.canonicalKeys(kConsoleA), s.canonical(kConsoleA),
                                        s.canonicalKeys(kConsoleB)})
            QVERIFY(other != s.canonicalKeys(kConsoleA));

        auto keyring = keyringOf(*keyA, *keyB);
        QVERIFY(keyring);
        OpsExchange b(*fixtureCity(), kConsoleB, keyB.get(), keyring);
        QVERIFY(!b.checkStatus(kConsoleA, got));
        // Edited on the broker, to make desk A look out of step (or in step): refused whole.
        wire::ConsoleStatus firstMoved = s;
        firstMoved.keysSignature = s.signature;
        wire::ConsoleStatus signedByB = s;
        signedByB.keysSignature = keyB->sign(s.canonicalKeys(kConsoleA));
        for (const QByteArray &attack : {edited(payload, "ck", QStringLiteral("1123456789abcdef")), edited(payload, "ak", QJsonValue(QJsonValue::Undefined)),
                                         edited(payload, "ak", QStringLiteral("0123456789abcdef")), wire::encodeConsoleStatus(firstMoved),
                                         wire::encodeConsoleStatus(signedByB)}) {
            const auto attacked = wire::decodeConsoleStatus(attack);
            QVERIFY2(std::holds_alternative<wire::ConsoleStatus>(attacked), attack.constData());
            const auto refused = b.checkStatus(kConsoleA, std::get<wire::ConsoleStatus>(attacked));
            QVERIFY2(refused && refused->reason == wire::Refusal::Untrusted, attack.constData());
            QVERIFY2(refused->detail.contains(QStringLiteral("which keys console console-a believes is not signed by its key")), qPrintable(refused->detail));
        }
        // Damaged: digests that cannot be one, or said without their signature, or in an unsigned status.
        wire::ConsoleStatus unsignedWithKeys{true, 7, {}, {}};
        const QByteArray unsignedPayload = edited(wire::encodeConsoleStatus(unsignedWithKeys), "ck", QStringLiteral("0123456789abcdef"));
        for (const QByteArray &damaged : {edited(payload, "ck", QStringLiteral("0123456789ABCDEF")), edited(payload, "ak", 12),
                                          edited(payload, "ksig", QJsonValue()), edited(payload, "ksig", QStringLiteral("AAAA")), unsignedPayload}) {
            const auto refused = wire::decodeConsoleStatus(damaged);
            QVERIFY2(std::holds_alternative<wire::Refused>(refused), damaged.constData());
            QCOMPARE(std::get<wire::Refused>(refused).reason, wire::Refusal::Malformed);
        }
    }

    /// How a console's recording stands travels under a third signature: nobody without its key can make a desk
    /// that records nothing look well, or one that records look broken, or pass an earlier turn off as the last.
    void howADesksRecordingStandsIsSignedApart()
    {
        auto keyA = std::make_shared<CommandSigner>(CommandSigner::generate());
        auto keyB = std::make_shared<CommandSigner>(CommandSigner::generate());
        wire::ConsoleStatus s = signedBy(*keyA, kConsoleA, true, kConnection);
        s.recording = wire::ConsoleStatus::Recording::NotRecording;
        s.recordingWhy = QStringLiteral("database or disk is full");
        s.recordingTurn = 2;
        s.recordingSignature = keyA->sign(s.canonicalRecording(kConsoleA));
        const QByteArray payload = wire::encodeConsoleStatus(s);
        const auto read = wire::decodeConsoleStatus(payload);
        QVERIFY2(std::holds_alternative<wire::ConsoleStatus>(read), payload.constData());
        const auto &got = std::get<wire::ConsoleStatus>(read);
        QCOMPARE(got.recording, s.recording);
        QCOMPARE(got.recordingWhy, s.recordingWhy);
        QCOMPARE(got.recordingTurn, s.recordingTurn);
        QCOMPARE(got.recordingSignature, s.recordingSignature);
        QVERIFY(!got.saysKeys());   // said without the keyrings' digests (a console given none)
        // What an earlier release signs and checks is as it was, and still verifies.
        auto verifier = CommandVerifier::fromPublicKeyPem(keyA->publicKeyPem());
        QVERIFY(verifier && verifier.value().verify(got.canonical(kConsoleA), got.signature));
        // The third signature covers the word, the store's words, the turn and the console, and is neither of the others.
        wire::ConsoleStatus well = s, otherWhy = s, earlier = s;
        well.recording = wire::ConsoleStatus::Recording::Recording;
        well.recordingWhy.clear();
        otherWhy.recordingWhy = QStringLiteral("disk I/O error");
        earlier.recordingTurn = 1;
        for (const QByteArray &other : {well.canonicalRecording(kConsoleA), otherWhy.canonicalRecording(kConsoleA), earlier.canonicalRecording(kConsoleA),
                                        s.canonicalRecording(kConsoleB), s.canonical(kConsoleA), s.canonicalKeys(kConsoleA)})
            QVERIFY(other != s.canonicalRecording(kConsoleA));

        auto keyring = keyringOf(*keyA, *keyB);
        QVERIFY(keyring);
        OpsExchange b(*fixtureCity(), kConsoleB, keyB.get(), keyring);
        QVERIFY(!b.checkStatus(kConsoleA, got));
        // Edited on the broker: "recording" put in (with no why), other words, a later turn, the first signature moved
        // over, signed by another desk — refused whole.
        wire::ConsoleStatus firstMoved = s;
        firstMoved.recordingSignature = s.signature;
        wire::ConsoleStatus signedByB = s;
        signedByB.recordingSignature = keyB->sign(s.canonicalRecording(kConsoleA));
        for (const QByteArray &attack : {edited(edited(payload, "rec", QStringLiteral("recording")), "rwhy", QJsonValue(QJsonValue::Undefined)),
                                         edited(payload, "rwhy", QStringLiteral("disk I/O error")), edited(payload, "rturn", 3),
                                         wire::encodeConsoleStatus(firstMoved), wire::encodeConsoleStatus(signedByB)}) {
            const auto attacked = wire::decodeConsoleStatus(attack);
            QVERIFY2(std::holds_alternative<wire::ConsoleStatus>(attacked), attack.constData());
            const auto refused = b.checkStatus(kConsoleA, std::get<wire::ConsoleStatus>(attacked));
            QVERIFY2(refused && refused->reason == wire::Refusal::Untrusted, attack.constData());
            QVERIFY2(refused->detail.contains(QStringLiteral("how console console-a's recording stands is not signed by its key")), qPrintable(refused->detail));
        }
        // Damaged: a word that is none of the three, the store's words where it records, too many of them, no turn or
        // turn 0, said without its signature, or in an unsigned status.
        const QByteArray unsignedPayload = edited(wire::encodeConsoleStatus(wire::ConsoleStatus{true, 7, {}, {}}), "rec", QStringLiteral("recording"));
        for (const QByteArray &damaged : {edited(payload, "rec", QStringLiteral("fine")), edited(payload, "rec", 1),
                                          edited(edited(payload, "rec", QStringLiteral("at-risk")), "rwhy", QStringLiteral("low disk")),
                                          edited(payload, "rwhy", QString(wire::ConsoleStatus::kMaxRecordingWhyChars + 1, QLatin1Char('x'))),
                                          edited(payload, "rwhy", QString()), edited(payload, "rturn", QJsonValue()), edited(payload, "rturn", 0),
                                          edited(payload, "rsig", QJsonValue()), edited(payload, "rsig", QStringLiteral("AAAA")), unsignedPayload}) {
            const auto refused = wire::decodeConsoleStatus(damaged);
            QVERIFY2(std::holds_alternative<wire::Refused>(refused), damaged.constData());
            QCOMPARE(std::get<wire::Refused>(refused).reason, wire::Refusal::Malformed);
        }
    }

    /// Only console-a's own key, as B's keyring lists it, says console-a is gone.
    void onlyAConsolesOwnKeySpeaksForIt()
    {
        auto keyA = std::make_shared<CommandSigner>(CommandSigner::generate());
        auto keyB = std::make_shared<CommandSigner>(CommandSigner::generate());
        auto keyring = keyringOf(*keyA, *keyB);
        QVERIFY(keyring);
        OpsExchange b(*fixtureCity(), kConsoleB, keyB.get(), keyring);
        const wire::ConsoleStatus gone = signedBy(*keyA, kConsoleA, false, kConnection);
        QVERIFY(!b.checkStatus(kConsoleA, gone));

        const auto refusedFor = [&](const QString &console, const wire::ConsoleStatus &status) {
            const auto refused = b.checkStatus(console, status);
            return refused ? refused->detail : QString();
        };
        wire::ConsoleStatus altered = gone;
        altered.connection += 1000;   // made to look later than the connection it ended
        const wire::ConsoleStatus unsignedGone{false, kConnection, {}, {}};
        const std::pair<QString, QString> attacks[] = {
            {refusedFor(kConsoleA, unsignedGone), QStringLiteral("unsigned")},
            {refusedFor(kConsoleA, signedBy(*keyB, kConsoleA, false, kConnection)), QStringLiteral("not signed by its key")},   // another desk
            {refusedFor(kConsoleA, signedBy(*keyB, kConsoleB, false, kConnection)), QStringLiteral("not signed by its key")},   // B's own, moved
            {refusedFor(kConsoleA, altered), QStringLiteral("not signed by its key")},
            {refusedFor(QStringLiteral("console-c"), signedBy(*keyA, QStringLiteral("console-c"), false, kConnection)),
             QStringLiteral("not in this console's keyring")},
        };
        for (const auto &[detail, expected] : attacks)
            QVERIFY2(detail.contains(expected), qPrintable(detail + QStringLiteral(" / expected: ") + expected));

        b.setKeyring({nullptr, QStringLiteral("its group may write it")});
        QVERIFY(refusedFor(kConsoleA, gone).contains(QStringLiteral("cannot be believed")));
        b.setKeyring({keyring, {}});
        QVERIFY(!b.checkStatus(kConsoleA, gone));
    }

    /// A Will or a goodbye is signed for one connection: copied off the broker and published again once the console
    /// is back on a later connection, it changes nothing — and neither does an "online" of a connection that ended.
    void aStatusOfAnOlderConnectionChangesNothing()
    {
        ConsoleRoll roll;
        std::vector<Event> out;
        QCOMPARE(roll.heard(kConsoleA, true, kConnection, listed, 1000, out), ConsoleRoll::Heard::NewConnection);
        QCOMPARE(roll.heard(kConsoleA, false, kConnection, listed, 2000, out), ConsoleRoll::Heard::Same);   // its Will
        roll.tick(3000, out);
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(standing(out[1]), ConsoleStanding::Gone);
        out.clear();
        QCOMPARE(roll.heard(kConsoleA, true, kConnection, listed, 3500, out), ConsoleRoll::Heard::Stale);   // online again? replayed
        QVERIFY(out.empty());
        QCOMPARE(roll.heard(kConsoleA, true, kConnection + 5, listed, 4000, out), ConsoleRoll::Heard::NewConnection);   // back
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standing(out[0]), ConsoleStanding::Online);
        out.clear();

        // The Will of the first connection, published again by someone who kept it: refused, whenever it comes.
        QCOMPARE(roll.heard(kConsoleA, false, kConnection, listed, 5000, out), ConsoleRoll::Heard::Stale);
        roll.tick(10'000, out);
        QVERIFY(out.empty());
        QCOMPARE(roll.heard(kConsoleA, true, kConnection + 5, listed, 11'000, out), ConsoleRoll::Heard::Same);   // retained, again
        QVERIFY(out.empty());
        // Its own goodbye on this connection is believed.
        QCOMPARE(roll.heard(kConsoleA, false, kConnection + 5, listed, 12'000, out), ConsoleRoll::Heard::Same);
        roll.tick(13'000, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(standing(out[0]), ConsoleStanding::Gone);
    }
};

QTEST_GUILESS_MAIN(TestConsoleStatus)
#include "tst_consolestatus.moc"
