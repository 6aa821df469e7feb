// The approver's own key (issue 13, "two signatures"): sealed with their password in a file only they may read,
// opened only with that password; the statement it signs names every field of the target, so an approval cannot be
// moved to another device, order, step, action, value, expiry or approver.
#include "ops/opsrules.h"
#include "security/approval.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

class TestApproval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSealedKeyOpensOnlyWithItsPassword()
    {
        const CommandSigner key = CommandSigner::generate();
        const QByteArray sealed = key.encryptedPrivateKeyPem("correct horse battery");
        QVERIFY(sealed.contains("BEGIN ENCRYPTED PRIVATE KEY"));
        QVERIFY(!sealed.contains(key.privateKeyPem().mid(30, 20)));   // the plain key is not in the file
        auto opened = CommandSigner::fromEncryptedPem(sealed, "correct horse battery");
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(opened.value().keyId(), key.keyId());
        QVERIFY(!CommandSigner::fromEncryptedPem(sealed, "correct horse batterz").ok());
        QVERIFY(!CommandSigner::fromEncryptedPem(sealed, {}).ok());
        QVERIFY(!CommandSigner::fromEncryptedPem(key.privateKeyPem(), "anything").ok());   // not sealed: refused

        // A sealed key given where a plain one is expected fails at once instead of asking on the terminal.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sealed.key"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(sealed);
        f.close();
        auto plain = CommandSigner::fromPrivateKeyFile(path);
        QVERIFY(!plain.ok());
    }

    void approverKeysAreMadeOnceAndKeptPrivate()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("approvers"));
        auto made = approval::create(folder, QStringLiteral("sven"), "sven-password");
        QVERIFY2(made.ok(), qPrintable(made.error()));
        const QString path = approval::keyPath(folder, QStringLiteral("sven"));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions{});
        QCOMPARE(QFile::permissions(folder) & (QFileDevice::ReadOther | QFileDevice::ExeOther), QFileDevice::Permissions{});

        auto opened = approval::open(folder, QStringLiteral("sven"), "sven-password");
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        const CommandVerifier check = CommandVerifier::fromPublicKeyPem(made.value()).value();
        QVERIFY(check.verify("m", opened.value().sign("m")));

        // Wrong password, someone else's name, a second key over the first, a too-short password, a path in the name.
        auto wrong = approval::open(folder, QStringLiteral("sven"), "sven-passwore");
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().contains(QLatin1String("password does not open")), qPrintable(wrong.error()));
        QVERIFY(!wrong.error().contains(QLatin1String("sven-passwore")));
        auto nobody = approval::open(folder, QStringLiteral("sara"), "sven-password");
        QVERIFY(!nobody.ok());
        QVERIFY2(nobody.error().contains(QLatin1String("cityops-admin approver add sara")), qPrintable(nobody.error()));
        QVERIFY(!approval::create(folder, QStringLiteral("sven"), "another-password").ok());
        QVERIFY(approval::open(folder, QStringLiteral("sven"), "sven-password").ok());   // the first key stands
        QVERIFY(!approval::create(folder, QStringLiteral("sara"), "short").ok());
        QVERIFY(!approval::open(folder, QStringLiteral("../sven"), "sven-password").ok());
        QVERIFY(!approval::create(folder, QStringLiteral("a/b"), "long-enough-pw").ok());

        // A key file others may read is refused with the fix, even with the right password.
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        auto exposed = approval::open(folder, QStringLiteral("sven"), "sven-password");
        QVERIFY(!exposed.ok());
        QVERIFY2(exposed.error().contains(QLatin1String("chmod 600")), qPrintable(exposed.error()));
    }

    /// A supervisor's password changed where the console could not follow (the city directory's own tools, an expiry):
    /// their key is found sealed with another password at sign-in, and moved to the new one with the earlier — the
    /// same key, so the public half the gateways hold stays right.
    void aKeySealedWithAnEarlierPasswordIsFoundAndMoved()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("approvers"));
        auto made = approval::create(folder, QStringLiteral("sven"), "earlier-password");
        QVERIFY2(made.ok(), qPrintable(made.error()));
        QCOMPARE(approval::check(folder, QStringLiteral("sven"), "earlier-password").fit, approval::KeyFit::Opens);
        const approval::KeyCheck other = approval::check(folder, QStringLiteral("sven"), "password-now");
        QCOMPARE(other.fit, approval::KeyFit::OtherPassword);
        QVERIFY2(other.why.contains(QLatin1String("sven.key")) && !other.why.contains(QLatin1String("password-now")), qPrintable(other.why));
        QCOMPARE(approval::check(folder, QStringLiteral("olga"), "password-now").fit, approval::KeyFit::NoKey);
        QCOMPARE(approval::check(folder, QStringLiteral("../sven"), "earlier-password").fit, approval::KeyFit::Unusable);

        // Moved with a wrong earlier password: refused, the file as it was.
        const QString path = approval::keyPath(folder, QStringLiteral("sven"));
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray sealed = before.readAll();
        before.close();
        QVERIFY(!approval::reseal(folder, QStringLiteral("sven"), "a-guess-at-it", "password-now").ok());
        QFile unchanged(path);
        QVERIFY(unchanged.open(QIODevice::ReadOnly));
        QCOMPARE(unchanged.readAll(), sealed);
        // With the earlier one: it opens with the password now, and only with it, and it is the same key.
        auto moved = approval::reseal(folder, QStringLiteral("sven"), "earlier-password", "password-now");
        QVERIFY2(moved.ok() && moved.value(), qPrintable(moved ? QString() : moved.error()));
        QCOMPARE(approval::check(folder, QStringLiteral("sven"), "password-now").fit, approval::KeyFit::Opens);
        QCOMPARE(approval::check(folder, QStringLiteral("sven"), "earlier-password").fit, approval::KeyFit::OtherPassword);
        const CommandVerifier gateways = CommandVerifier::fromPublicKeyPem(made.value()).value();
        QVERIFY(gateways.verify("m", approval::open(folder, QStringLiteral("sven"), "password-now").value().sign("m")));

        // A key file others may read is not used, whichever password.
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const approval::KeyCheck exposed = approval::check(folder, QStringLiteral("sven"), "password-now");
        QCOMPARE(exposed.fit, approval::KeyFit::Unusable);
        QVERIFY2(exposed.why.contains(QLatin1String("chmod 600")), qPrintable(exposed.why));
    }

    /// A hand-edited approver keyring names a supervisor as they sign in: "Sven" is refused at load (the devices would
    /// refuse every approval of "sven" as by someone they do not know); a console keyring may name a console so.
    void anApproverIsNamedAsTheySignIn()
    {
        QTemporaryDir dir;
        QString pem = QString::fromLatin1(CommandSigner::generate().publicKeyPem());
        pem.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        for (const char *list : {"approvers", "consoles"}) {
            const QString path = dir.filePath(QString::fromLatin1(list) + QStringLiteral(".json"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral(R"({"v":1,"%1":[{"name":"Sven","key":"%2"}]})").arg(QLatin1String(list), pem).toUtf8());
            f.close();
            const bool approvers = QByteArray(list) == "approvers";
            const auto k = ConsoleKeyring::load(path, false, approvers ? ConsoleKeyring::Kind::Approvers : ConsoleKeyring::Kind::Consoles);
            if (approvers) {
                QVERIFY(!k);
                QVERIFY2(k.error().contains(QLatin1String("entry 1: an approver is named by their sign-in name")), qPrintable(k.error()));
            } else {
                QVERIFY2(k, qPrintable(k.error()));
            }
        }
    }

    /// One key under two names is refused, in a hand-edited file too: whoever holds it could sign as either — a desk
    /// as another desk, a supervisor approving in a colleague's name. What changed between two readings is said.
    void aKeyBelongsToOneName()
    {
        QTemporaryDir dir;
        const CommandSigner shared = CommandSigner::generate(), other = CommandSigner::generate();
        for (const auto kind : {ConsoleKeyring::Kind::Consoles, ConsoleKeyring::Kind::Approvers}) {
            ConsoleKeyring k(kind);
            QVERIFY(k.add(QStringLiteral("olga"), shared.publicKeyPem()));
            const Status twice = k.add(QStringLiteral("kai"), shared.publicKeyPem());
            QVERIFY(!twice);
            QVERIFY2(twice.error().startsWith(QLatin1String("kai has the key of olga")), qPrintable(twice.error()));
            QVERIFY(k.add(QStringLiteral("olga"), shared.publicKeyPem()));   // the same name again replaces its key
            QCOMPARE(k.size(), size_t(1));
        }
        QString pem = QString::fromLatin1(shared.publicKeyPem());
        pem.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        const QString path = dir.filePath(QStringLiteral("consoles.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"v":1,"consoles":[{"name":"desk-1","key":"%1"},{"name":"desk-2","key":"%1"}]})").arg(pem).toUtf8());
        f.close();
        const auto read = ConsoleKeyring::load(path);
        QVERIFY(!read);
        QVERIFY2(read.error().contains(QLatin1String("entry 2: desk-2 has the key of desk-1")), qPrintable(read.error()));

        ConsoleKeyring before, after;
        QVERIFY(before.add(QStringLiteral("desk-1"), shared.publicKeyPem()));
        QVERIFY(before.add(QStringLiteral("desk-2"), other.publicKeyPem()));
        QVERIFY(after.add(QStringLiteral("desk-1"), other.publicKeyPem()));
        QVERIFY(after.add(QStringLiteral("desk-3"), shared.publicKeyPem()));
        QCOMPARE(after.changesFrom(before), QStringLiteral("desk-1's key replaced; desk-3 added; desk-2 removed"));
        QCOMPARE(after.changesFrom(after), QString());
        QCOMPARE(after.entryForKey(shared.keyId())->name, QStringLiteral("desk-3"));
        QVERIFY(after.verifierForKey(shared.keyId()));
        QVERIFY(!before.verifierForKey(CommandSigner::generate().keyId()));
    }

    void theStatementNamesEveryFieldOfTheTarget()
    {
        DeviceCommand c;
        c.order = 17;
        c.step = 2;
        c.action = CommandAction::SignalFlash;
        c.value = 0;
        c.expiresMs = 1'800'000'000'000;
        const QByteArray base = approval::statement(QStringLiteral("tls-1"), c, QStringLiteral("sven"));
        QSet<QByteArray> seen{base};
        auto differs = [&](const QByteArray &s) { return !seen.contains(s) && (seen.insert(s), true); };
        DeviceCommand m = c;
        m.order = 18;
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven"))));
        m = c;
        m.step = 3;
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven"))));
        m = c;
        m.action = CommandAction::FeederShed;
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven"))));
        m = c;
        m.value = 1;
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven"))));
        m = c;
        m.expiresMs += 1;
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven"))));
        QVERIFY(differs(approval::statement(QStringLiteral("tls-2"), c, QStringLiteral("sven"))));
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1"), c, QStringLiteral("sara"))));
        // Fields cannot leak into each other: a newline and a length in a name do not make another statement's bytes.
        QVERIFY(differs(approval::statement(QStringLiteral("tls-1\n2:17"), c, QStringLiteral("sven"))));
        // What is not part of the approval: the attempt and the device index (a retry carries the same approval).
        m = c;
        m.attempt = 3;
        m.device = 99;
        QCOMPARE(approval::statement(QStringLiteral("tls-1"), m, QStringLiteral("sven")), base);
    }

    void theHighRiskRuleIsTheCatalogues()
    {
        // The devices' rule (model) and the dispatcher's catalogue (ops) are one rule.
        int highRisk = 0;
        for (int i = 0; i < kCommandActionCount; ++i) {
            const auto action = static_cast<CommandAction>(i);
            QCOMPARE(isHighRisk(action), commandSpec(action).highRisk);
            highRisk += isHighRisk(action);
        }
        QCOMPARE(highRisk, 5);   // hold, advance, flash, pre-empt, shed
        QVERIFY(isHighRisk(CommandAction::FeederShed));
        QVERIFY(!isHighRisk(CommandAction::FeederRestore));
        QVERIFY(!isHighRisk(CommandAction::LightDim));
    }
};

QTEST_GUILESS_MAIN(TestApproval)
#include "tst_approval.moc"
