// The user directory as an attacker and a careless admin would meet it: the Argon2id reference vector, wrong and
// unknown names that look the same, disabled accounts, the growing delay and the lockout on a clock the test moves,
// failures that survive a restart, and files that are not ours refused and left byte for byte as they were.
#include "base/secretfile.h"
#include "base/sqlitedb.h"
#include "security/commonpasswords.h"
#include "security/passwordhash.h"
#include "security/userdirectory.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace cityops;

namespace {
const passwordhash::Cost kCheap{256, 1, 1};
constexpr std::int64_t kT0 = 1'790'000'000'000;

std::unique_ptr<UserDirectory> fresh(const QTemporaryDir &dir, const QString &name = QStringLiteral("users.db"))
{
    auto d = UserDirectory::open(dir.filePath(name), UserDirectory::Mode::CreateIfMissing);
    if (!d)
        qFatal("%s", qPrintable(d.error()));
    d.value()->setCost(kCheap);
    return std::move(d).value();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestUserDirectory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void argon2idReferenceVector()
    {
        // phc-winner-argon2, src/test.c: Argon2id v1.3, t=2, m=64 MiB, p=1, "password" with salt "somesalt".
        const QByteArray reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        QVERIFY(passwordhash::verify(reference, "password"));
        QVERIFY(!passwordhash::verify(reference, "Password"));
        QVERIFY(!passwordhash::verify(reference, "password "));
        QVERIFY(!passwordhash::verify(reference, ""));
        // Only Argon2id: an Argon2i hash of the same password is not accepted, nor is anything else.
        QVERIFY(!passwordhash::verify("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", "password"));
        QVERIFY(!passwordhash::verify("password", "password"));
        QVERIFY(!passwordhash::verify(QByteArray(), "password"));
    }

    void hashesAreSaltedAndDefaultCostIsStrong()
    {
        const auto a = passwordhash::hash("same password", kCheap);
        const auto b = passwordhash::hash("same password", kCheap);
        QVERIFY(a && b);
        QVERIFY(a.value() != b.value());   // a fresh salt each time
        QVERIFY(passwordhash::verify(a.value(), "same password"));
        const auto owasp = passwordhash::hash("same password");
        QVERIFY(owasp.value().startsWith("$argon2id$v=19$m=65536,t=2,p=1$"));   // at least OWASP's 19 MiB, 2 passes
    }

    void accountsAndNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "olga" << true;
        QTest::newRow("dotted") << "o.lindqvist" << true;
        QTest::newRow("digits") << "op-7" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("capital") << "Olga" << false;
        QTest::newRow("space") << "olga x" << false;
        QTest::newRow("leading dash") << "-olga" << false;
        QTest::newRow("too long") << QString(33, QLatin1Char('a')) << false;
        QTest::newRow("sql") << "x'; DROP TABLE users; --" << false;
        QTest::newRow("non-ascii") << "jürgen" << false;
    }
    void accountsAndNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(UserDirectory::checkName(name).ok(), valid);
        QTemporaryDir dir;
        auto d = fresh(dir);
        QCOMPARE(d->add(name, Role::Operator, {}, "long enough").ok(), valid);
        QCOMPARE(d->count().value(), valid ? 1 : 0);
    }

    void addListChange()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        QVERIFY(!d->add(QStringLiteral("olga"), Role::Operator, {}, "short").ok());   // under 8 characters
        QVERIFY(!d->add(QStringLiteral("olga"), Role::Operator, {}, QByteArray(1025, 'x')).ok());
        // A NUL inside would be cut short by an LDAP directory or a password file read as text: no tool sets one.
        QVERIFY(!d->add(QStringLiteral("olga"), Role::Operator, {}, QByteArray("long\0enough", 11)).ok());
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        QVERIFY(d->add(QStringLiteral("rita"), Role::Responder, {QStringLiteral("Adlershof"), QStringLiteral("Johannisthal")}, "long enough").ok());
        QVERIFY(!d->add(QStringLiteral("olga"), Role::Admin, {}, "long enough").ok());   // taken
        const auto users = d->list().value();
        QCOMPARE(users.size(), size_t(2));
        QCOMPARE(users[1].name, QStringLiteral("rita"));
        QCOMPARE(users[1].role, Role::Responder);
        QCOMPARE(users[1].districts, (QStringList{QStringLiteral("Adlershof"), QStringLiteral("Johannisthal")}));
        QVERIFY(d->setRole(QStringLiteral("olga"), Role::Supervisor, {}).ok());
        QCOMPARE(d->find(QStringLiteral("olga")).value()->role, Role::Supervisor);
        QVERIFY(!d->setRole(QStringLiteral("nobody"), Role::Supervisor, {}).ok());
        // The password itself is nowhere in the file.
        d.reset();
        QVERIFY(!bytesOf(dir.filePath(QStringLiteral("users.db"))).contains("long enough"));
    }

    /// The passwords guessers try first (the ten guesses a lockout allows go to exactly these) are refused whoever
    /// sets them — an administrator adding or resetting, the person changing their own — in any case of letters,
    /// with a sentence that says why; a password of one's own words is taken.
    void aCommonPasswordIsRefusedWhoeverSetsIt()
    {
        QVERIFY2(commonPasswordCount() > 3000, qPrintable(QString::number(commonPasswordCount())));
        for (const char *common : {"password", "Password1", "QWERTY123", "iloveyou", "trustno1", "12345678", "football", "1qaz2wsx"})
            QVERIFY2(isCommonPassword(common), common);
        for (const char *own : {"correct horse 1", "long enough", "olga's tram to work", "password with more words"})
            QVERIFY2(!isCommonPassword(own), own);

        QTemporaryDir dir;
        auto d = fresh(dir);
        const Status added = d->add(QStringLiteral("olga"), Role::Operator, {}, "Password1");
        QVERIFY(!added.ok());
        QVERIFY2(added.error().contains(QLatin1String("most common")), qPrintable(added.error()));
        QVERIFY(!d->find(QStringLiteral("olga")).value().has_value());
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "olga's tram to work").ok());
        QVERIFY(!d->resetPassword(QStringLiteral("olga"), "baseball", UserDirectory::PasswordUse::Once).ok());
        QVERIFY(d->signIn(QStringLiteral("olga"), "olga's tram to work", kT0).ok());   // the reset changed nothing

        const SignInOutcome mine = d->changePassword(QStringLiteral("olga"), "olga's tram to work", "SUNSHINE", kT0 + 1);
        QCOMPARE(mine.refusal, SignInRefusal::NewPasswordRefused);
        QVERIFY2(mine.sentence.contains(QLatin1String("most common")), qPrintable(mine.sentence));
        QVERIFY(d->signIn(QStringLiteral("olga"), "olga's tram to work", kT0 + 2).ok());
        QVERIFY(d->changePassword(QStringLiteral("olga"), "olga's tram to work", "a tram at six, then the depot", kT0 + 3).ok());
    }

    /// People who must change their password cycle two of them, and one that leaked comes back: a change may not take
    /// the current password or any of the three before it — the person's own; one set for them for one use is not
    /// theirs and is not remembered — and the fourth before it is free again.
    void aPasswordHadBeforeIsNotTakenAgain()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        const QString olga = QStringLiteral("olga");
        QVERIFY(d->add(olga, Role::Operator, {}, "from the admin once", UserDirectory::PasswordUse::Once).ok());
        std::int64_t t = kT0;
        const auto change = [&](const char *from, const char *to) { return d->changePassword(olga, from, to, ++t); };
        QVERIFY(change("from the admin once", "olga first own one").ok());
        QVERIFY(change("olga first own one", "olga second own one").ok());
        const SignInOutcome back = change("olga second own one", "olga first own one");
        QCOMPARE(back.refusal, SignInRefusal::NewPasswordRefused);
        QVERIFY2(back.sentence.contains(QLatin1String("had that password before")), qPrintable(back.sentence));
        QVERIFY(back.nameKnown);
        QVERIFY(d->signIn(olga, "olga second own one", ++t).ok());   // refused, nothing changed
        // The administrator's password for one use was never hers: she may take it as her own.
        QVERIFY(change("olga second own one", "from the admin once").ok());
        QVERIFY(change("from the admin once", "olga third own one").ok());
        // Now remembered: the admin's (hers since), second, first — and the third is the current one.
        for (const char *earlier : {"from the admin once", "olga second own one", "olga first own one", "olga third own one"})
            QCOMPARE(change("olga third own one", earlier).refusal, SignInRefusal::NewPasswordRefused);
        QVERIFY(change("olga third own one", "olga fourth own one").ok());
        // The first is the fourth before the current one now: free again.
        QVERIFY(change("olga fourth own one", "olga first own one").ok());
        QVERIFY(d->signIn(olga, "olga first own one", ++t).ok());
        // Hashes, never the passwords, are what the file remembers.
        d.reset();
        QVERIFY(!bytesOf(dir.filePath(QStringLiteral("users.db"))).contains("own one"));
    }

    void signInRefusals()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        QVERIFY(d->add(QStringLiteral("otto"), Role::Operator, {}, "long enough").ok());
        const SignInOutcome ok = d->signIn(QStringLiteral("olga"), "long enough", kT0);
        QVERIFY(ok.ok());
        QCOMPARE(ok.account.name, QStringLiteral("olga"));
        const SignInOutcome wrong = d->signIn(QStringLiteral("olga"), "long enougH", kT0);
        const SignInOutcome unknown = d->signIn(QStringLiteral("nobody"), "long enough", kT0);
        QCOMPARE(wrong.refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(unknown.refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(wrong.sentence, unknown.sentence);   // the answer does not tell whether the name exists
        QVERIFY(!wrong.sentence.contains(QLatin1String("long")));
        // Disabled: only the right password learns that it is disabled.
        QVERIFY(d->setDisabled(QStringLiteral("otto"), true).ok());
        QCOMPARE(d->signIn(QStringLiteral("otto"), "long enough", kT0).refusal, SignInRefusal::Disabled);
        QCOMPARE(d->signIn(QStringLiteral("otto"), "guess guess", kT0).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(d->setDisabled(QStringLiteral("otto"), false).ok());
        QVERIFY(d->signIn(QStringLiteral("otto"), "long enough", kT0 + 1).ok());
    }

    /// Guessing on a moved clock: three free tries, then a wait that doubles, then the lock for 15 minutes.
    void delayAndLockout()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        std::int64_t t = kT0;
        for (int i = 1; i <= 3; ++i) {
            const SignInOutcome o = d->signIn(QStringLiteral("olga"), "guess", t);
            QCOMPARE(o.refusal, SignInRefusal::WrongCredentials);
            t += 10;   // immediately again: no wait within the first three
        }
        QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", t).refusal, SignInRefusal::WrongCredentials);   // 4th failure
        // Now a wait of 1 s; even the right password is not looked at before it has passed.
        const SignInOutcome early = d->signIn(QStringLiteral("olga"), "long enough", t + 999);
        QCOMPARE(early.refusal, SignInRefusal::TooSoon);
        QCOMPARE(early.retryAtMs, t + 1000);
        QVERIFY(early.sentence.contains(QLatin1String("wait 1 s")));
        t += 1000;
        QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", t).refusal, SignInRefusal::WrongCredentials);   // 5th: 2 s wait
        QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", t + 1999).refusal, SignInRefusal::TooSoon);
        for (int failures = 5; failures < 9; ++failures) {
            t += d->policy().delayAfter(failures);
            QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", t).refusal, SignInRefusal::WrongCredentials);
        }
        t += d->policy().delayAfter(9);
        const SignInOutcome locked = d->signIn(QStringLiteral("olga"), "guess", t);   // the 10th failure locks
        QCOMPARE(locked.refusal, SignInRefusal::Locked);
        QCOMPARE(locked.retryAtMs, t + 15 * 60'000);
        // Locked: the right password does not open it, and the lock survives a restart of the console.
        d.reset();
        d = fresh(dir);
        QCOMPARE(d->signIn(QStringLiteral("olga"), "long enough", t + 15 * 60'000 - 1).refusal, SignInRefusal::Locked);
        QCOMPARE(d->find(QStringLiteral("olga")).value()->failures, 10);
        // An admin unlocks; or the time passes.
        QVERIFY(d->unlock(QStringLiteral("olga")).ok());
        const SignInOutcome back = d->signIn(QStringLiteral("olga"), "long enough", t + 1);
        QVERIFY(back.ok());
        QCOMPARE(d->find(QStringLiteral("olga")).value()->failures, 0);   // a success clears the count
    }

    void aPersonSetsTheirOwnPassword()
    {
        // Only with the current password: whoever sits at a desk left open cannot set one of their own — a wrong
        // current password is counted as a sign-in's is, and a locked account stays locked. A new password too short,
        // or the same again, is refused and changes nothing. The change is in the journal as the person's own.
        QTemporaryDir dir;
        auto d = fresh(dir);
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        const QString olga = QStringLiteral("olga");

        const SignInOutcome guessed = d->changePassword(olga, "not hers", "taken over!", kT0);
        QCOMPARE(guessed.refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(d->find(olga).value()->failures, 1);
        QVERIFY(!d->signIn(olga, "taken over!", kT0 + 1).ok());
        QVERIFY(d->signIn(olga, "long enough", kT0 + 2).ok());

        const SignInOutcome tooShort = d->changePassword(olga, "long enough", "short", kT0 + 3);
        QCOMPARE(tooShort.refusal, SignInRefusal::NewPasswordRefused);
        QVERIFY2(tooShort.sentence.contains(QLatin1String("at least 8")), qPrintable(tooShort.sentence));
        QCOMPARE(d->changePassword(olga, "long enough", "long enough", kT0 + 4).refusal, SignInRefusal::NewPasswordRefused);
        QVERIFY(d->signIn(olga, "long enough", kT0 + 5).ok());

        const SignInOutcome changed = d->changePassword(olga, "long enough", "a new one, longer", kT0 + 6);
        QVERIFY2(changed.ok(), qPrintable(changed.sentence));
        QCOMPARE(changed.account.name, olga);
        QCOMPARE(d->signIn(olga, "long enough", kT0 + 7).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(d->signIn(olga, "a new one, longer", kT0 + 8).ok());
        const auto journal = d->changesAfter(0, 100);
        QVERIFY(journal.ok());
        const AdminChange &last = journal->changes.back();
        QCOMPARE(last.what, QStringLiteral("change-password"));
        QCOMPARE(last.name, olga);
        QVERIFY2(last.by.startsWith(QLatin1String("olga@")), qPrintable(last.by));

        // Locked by guesses: even her own current password changes nothing until the lock ends.
        std::int64_t t = kT0 + 10;
        for (int failures = 0; failures < 10; ++failures) {
            t += d->policy().delayAfter(failures);
            (void)d->signIn(olga, "guess", t);
        }
        const SignInOutcome locked = d->changePassword(olga, "a new one, longer", "while locked!", t + 1000);
        QCOMPARE(locked.refusal, SignInRefusal::Locked);
        QVERIFY(d->unlock(olga).ok());
        QVERIFY(d->signIn(olga, "a new one, longer", t + 2000).ok());
    }

    void aPasswordSetForOneUseOnlyLetsItsPersonSetTheirOwn()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        const QString olga = QStringLiteral("olga"), rita = QStringLiteral("rita");
        const std::int64_t before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(d->add(olga, Role::Operator, {}, "from the admin", UserDirectory::PasswordUse::Once).ok());
        QVERIFY(d->find(olga).value()->mustChangePassword);
        // It serves for 72 hours from when it was set.
        const std::int64_t until = d->find(olga).value()->onceUntilMs;
        QVERIFY(until >= before + UserDirectory::kOnceValidMs && until <= QDateTime::currentMSecsSinceEpoch() + UserDirectory::kOnceValidMs);

        // The administrator who chose it knows it: it signs nobody in, and says what to do — once it is right.
        const SignInOutcome asIs = d->signIn(olga, "from the admin", kT0);
        QCOMPARE(asIs.refusal, SignInRefusal::Disabled);
        QVERIFY(asIs.mustChangePassword);
        QVERIFY(asIs.nameKnown);
        QVERIFY2(asIs.sentence.contains(QLatin1String("set your own")), qPrintable(asIs.sentence));
        QCOMPARE(d->find(olga).value()->failures, 0);
        // A wrong one says nothing of it.
        const SignInOutcome guessed = d->signIn(olga, "not the one", kT0 + 1);
        QCOMPARE(guessed.refusal, SignInRefusal::WrongCredentials);
        QVERIFY(!guessed.mustChangePassword);
        QVERIFY(!d->changePassword(olga, "not the one", "mine, and only mine", kT0 + 2).ok());

        const SignInOutcome changed = d->changePassword(olga, "from the admin", "mine, and only mine", kT0 + 3);
        QVERIFY2(changed.ok(), qPrintable(changed.sentence));
        QVERIFY(!changed.account.mustChangePassword);
        QVERIFY(!d->find(olga).value()->mustChangePassword);
        QVERIFY(d->signIn(olga, "mine, and only mine", kT0 + 4).ok());
        QCOMPARE(d->signIn(olga, "from the admin", kT0 + 5).refusal, SignInRefusal::WrongCredentials);

        // A reset for one use, of someone who had their own; a lasting reset clears it.
        QVERIFY(d->add(rita, Role::Responder, {QStringLiteral("East")}, "rita's own one").ok());
        QVERIFY(d->signIn(rita, "rita's own one", kT0 + 6).ok());
        QVERIFY(d->resetPassword(rita, "reset for rita", UserDirectory::PasswordUse::Once).ok());
        QVERIFY(d->signIn(rita, "reset for rita", kT0 + 7).mustChangePassword);
        QVERIFY(d->resetPassword(rita, "reset for rita").ok());
        QVERIFY(d->signIn(rita, "reset for rita", kT0 + 8).ok());
        QCOMPARE(d->find(rita).value()->onceUntilMs, 0);

        // The journal says which changes set a password for one use.
        const auto journal = d->changesAfter(0, 100);
        QVERIFY(journal.ok());
        QStringList lines;
        for (const AdminChange &c : journal->changes)
            lines << c.what + QLatin1Char(' ') + c.name + QLatin1Char(' ') + c.detail;
        QCOMPARE(lines, (QStringList{QStringLiteral("add olga operator; to be changed at first sign-in"),
                                     QStringLiteral("change-password olga "), QStringLiteral("add rita responder of East"),
                                     QStringLiteral("reset-password rita to be changed at first sign-in"),
                                     QStringLiteral("reset-password rita ")}));
    }

    /// A password for one use found days later (a note on a desk, a mail read late) opens nothing: right, it is
    /// refused as expired for a sign-in and for a change alike, counting no failure; a new one set for one use serves
    /// again, and the person's own set with it has no end.
    void aPasswordForOneUseNotTakenInTimeOpensNothing()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        const QString otto = QStringLiteral("otto");
        QVERIFY(d->add(otto, Role::Operator, {}, "for otto, once", UserDirectory::PasswordUse::Once).ok());
        const std::int64_t until = d->find(otto).value()->onceUntilMs;

        QVERIFY(d->signIn(otto, "for otto, once", until - 1).mustChangePassword);   // the last moment it serves
        const SignInOutcome late = d->signIn(otto, "for otto, once", until);
        QCOMPARE(late.refusal, SignInRefusal::Expired);
        QVERIFY(!late.mustChangePassword);   // nothing to be done with it at the card
        QVERIFY(late.nameKnown);
        QVERIFY2(late.sentence.contains(QLatin1String("has expired: ask an administrator")), qPrintable(late.sentence));
        QCOMPARE(refusalKey(late.refusal), QStringLiteral("password expired"));
        const SignInOutcome change = d->changePassword(otto, "for otto, once", "otto sets his own", until + 1000);
        QCOMPARE(change.refusal, SignInRefusal::Expired);
        QCOMPARE(d->signIn(otto, "otto sets his own", until + 2000).refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(d->find(otto).value()->failures, 1);   // that last one only: an expired password is no guess
        // Wrong, it is as wrong as any other: the expiry says nothing to a guesser.
        QCOMPARE(d->signIn(otto, "a guess", until + 3000).refusal, SignInRefusal::WrongCredentials);

        QVERIFY(d->resetPassword(otto, "another for otto", UserDirectory::PasswordUse::Once).ok());
        QVERIFY(d->find(otto).value()->onceUntilMs >= until);   // 72 hours from the reset
        QVERIFY(d->changePassword(otto, "another for otto", "otto sets his own", QDateTime::currentMSecsSinceEpoch()).ok());
        QCOMPARE(d->find(otto).value()->onceUntilMs, 0);
        QVERIFY(d->signIn(otto, "otto sets his own", until + 100 * UserDirectory::kOnceValidMs).ok());
    }

    /// A console changes the directory from several worker threads (a sign-in, a step-up, a change of password, Session ▸
    /// People): each change is whole, none refused because another's transaction was open on the same connection.
    void changesFromSeveralThreadsAtOnceAreEachWhole()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        for (const char *name : {"olga", "otto", "rita"})
            QVERIFY(d->add(QString::fromLatin1(name), Role::Operator, {}, "long enough").ok());
        constexpr int kEach = 60;
        std::atomic<int> refused{0};
        QStringList errors;
        std::mutex errorsMutex;
        const auto note = [&](const Status &s) {
            if (!s) {
                ++refused;
                const std::lock_guard lock(errorsMutex);
                errors << s.error();
            }
        };
        std::thread disabling([&] {
            for (int i = 0; i < kEach; ++i)
                note(d->setDisabled(QStringLiteral("otto"), i % 2 == 0, QStringLiteral("sam@desk-1")));
        });
        std::thread unlocking([&] {
            for (int i = 0; i < kEach; ++i)
                note(d->unlock(QStringLiteral("olga"), QStringLiteral("sven@desk-2")));
        });
        std::thread signingIn([&] {
            for (int i = 0; i < kEach; ++i)
                if (d->signIn(QStringLiteral("rita"), "long enough", kT0 + i).refusal == SignInRefusal::Unavailable)
                    ++refused;
        });
        disabling.join();
        unlocking.join();
        signingIn.join();
        QVERIFY2(refused == 0, qPrintable(errors.join(QStringLiteral("; "))));
        const auto journal = d->changesAfter(0, 1000);
        QVERIFY(journal.ok());
        QCOMPARE(int(journal->changes.size()), 3 + 2 * kEach);
        QVERIFY(!d->find(QStringLiteral("otto")).value()->disabled);   // the last of the run enabled him
    }

    void aDirectoryOfTheEarlierReleaseIsBroughtUpToDate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        const QByteArray hash = passwordhash::hash("olga's password", kCheap).value();
        {
            // Version 1, as the earlier release made it.
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral(
                "CREATE TABLE users(name TEXT PRIMARY KEY, hash TEXT NOT NULL, role TEXT NOT NULL, districts TEXT NOT NULL DEFAULT '',"
                " disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, last_failure_ms INTEGER NOT NULL DEFAULT 0,"
                " locked_until_ms INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL, changed_ms INTEGER NOT NULL);"
                " INSERT INTO users(name, hash, role, failures, created_ms, changed_ms) VALUES('olga', '%1', 'operator', 2, 1, 1);"
                " PRAGMA application_id = 1129926485; PRAGMA user_version = 1;").arg(QString::fromLatin1(hash))).ok());
        }
        const QByteArray before = bytesOf(path);
        // Read-only, it cannot be upgraded: refused, saying what brings it up to date, and left as it was.
        const auto readOnly = UserDirectory::open(path, UserDirectory::Mode::ReadOnly);
        QVERIFY(!readOnly.ok());
        QVERIFY2(readOnly.error().contains(QLatin1String("earlier release")), qPrintable(readOnly.error()));
        QCOMPARE(bytesOf(path), before);

        auto upgraded = UserDirectory::open(path, UserDirectory::Mode::Existing);
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.error()));
        auto olga = upgraded.value()->find(QStringLiteral("olga")).value();
        QCOMPARE(olga->onceUntilMs, 0);
        QVERIFY(olga.has_value());
        QCOMPARE(olga->failures, 2);
        QVERIFY(!olga->mustChangePassword);
        QVERIFY(upgraded.value()->signIn(QStringLiteral("olga"), "olga's password", kT0).ok());
        QVERIFY(upgraded.value()->resetPassword(QStringLiteral("olga"), "for one use only", UserDirectory::PasswordUse::Once).ok());
        upgraded.value().reset();
        auto again = UserDirectory::open(path, UserDirectory::Mode::ReadOnly);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QVERIFY(again.value()->find(QStringLiteral("olga")).value()->mustChangePassword);
        again.value().reset();

        // A later release's file is not ours to change.
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = 4")).ok());
        }
        const QByteArray later = bytesOf(path);
        const auto newer = UserDirectory::open(path, UserDirectory::Mode::Existing);
        QVERIFY(!newer.ok());
        QVERIFY2(newer.error().contains(QLatin1String("another version (4)")), qPrintable(newer.error()));
        QCOMPARE(bytesOf(path), later);
    }

    /// The previous release's file (version 2): its passwords for one use had no end. Brought up to date, each gets
    /// the full time from the upgrade on — nobody waiting for theirs is turned away, none stays open for good — and a
    /// lasting password gets none.
    void aPasswordForOneUseOfTheEarlierReleaseGetsItsTimeFromTheUpgrade()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        const QByteArray hash = passwordhash::hash("a password", kCheap).value();
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral(
                "CREATE TABLE users(name TEXT PRIMARY KEY, hash TEXT NOT NULL, role TEXT NOT NULL, districts TEXT NOT NULL DEFAULT '',"
                " disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, last_failure_ms INTEGER NOT NULL DEFAULT 0,"
                " locked_until_ms INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL, changed_ms INTEGER NOT NULL,"
                " must_change INTEGER NOT NULL DEFAULT 0);"
                " INSERT INTO users(name, hash, role, created_ms, changed_ms, must_change) VALUES('olga', '%1', 'operator', 1, 1, 1);"
                " INSERT INTO users(name, hash, role, created_ms, changed_ms, must_change) VALUES('otto', '%1', 'operator', 1, 1, 0);"
                " PRAGMA application_id = 1129926485; PRAGMA user_version = 2;").arg(QString::fromLatin1(hash))).ok());
        }
        const std::int64_t before = QDateTime::currentMSecsSinceEpoch();
        auto upgraded = UserDirectory::open(path, UserDirectory::Mode::Existing);
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.error()));
        const auto olga = upgraded.value()->find(QStringLiteral("olga")).value();
        QVERIFY(olga->mustChangePassword);
        // strftime('%s') has whole seconds: the end is within a second of the upgrade's time plus 72 hours.
        QVERIFY2(olga->onceUntilMs >= before - 1000 + UserDirectory::kOnceValidMs
                     && olga->onceUntilMs <= QDateTime::currentMSecsSinceEpoch() + UserDirectory::kOnceValidMs,
                 qPrintable(QString::number(olga->onceUntilMs - before)));
        QCOMPARE(upgraded.value()->find(QStringLiteral("otto")).value()->onceUntilMs, 0);
        QVERIFY(upgraded.value()->signIn(QStringLiteral("olga"), "a password", olga->onceUntilMs - 1).mustChangePassword);
        QCOMPARE(upgraded.value()->signIn(QStringLiteral("olga"), "a password", olga->onceUntilMs).refusal, SignInRefusal::Expired);
        QVERIFY(upgraded.value()->signIn(QStringLiteral("otto"), "a password", olga->onceUntilMs).ok());
        // Its people set their own passwords in it as before (the earlier ones remembered from now on).
        QVERIFY(upgraded.value()->changePassword(QStringLiteral("otto"), "a password", "otto's own from now on", olga->onceUntilMs).ok());
        QCOMPARE(upgraded.value()->changePassword(QStringLiteral("otto"), "otto's own from now on", "a password", olga->onceUntilMs).refusal,
                 SignInRefusal::NewPasswordRefused);
    }

    void lockExpiresAfterFifteenMinutes()
    {
        QTemporaryDir dir;
        auto d = fresh(dir);
        SignInPolicy fast;
        fast.freeFailures = 100;   // no waits in between: only the lock is under test
        fast.lockAfter = 2;
        d->setPolicy(fast);
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        (void)d->signIn(QStringLiteral("olga"), "guess", kT0);
        QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", kT0 + 1).refusal, SignInRefusal::Locked);
        QCOMPARE(d->signIn(QStringLiteral("olga"), "long enough", kT0 + 1 + 15 * 60'000 - 1).refusal, SignInRefusal::Locked);
        QVERIFY(d->signIn(QStringLiteral("olga"), "long enough", kT0 + 1 + 15 * 60'000).ok());
    }

    void aClockSetBackDoesNotLengthenAWaitOrALock()
    {
        // The clock ran an hour ahead while olga was locked out, then NTP set it right: the lock lasts the policy's
        // fifteen minutes from now at most, not an hour and fifteen; and it stays settled across a restart.
        QTemporaryDir dir;
        auto d = fresh(dir);
        SignInPolicy fast;
        fast.freeFailures = 1;
        fast.lockAfter = 3;
        d->setPolicy(fast);
        QVERIFY(d->add(QStringLiteral("olga"), Role::Operator, {}, "long enough").ok());
        QVERIFY(d->add(QStringLiteral("otto"), Role::Operator, {}, "long enough").ok());
        const std::int64_t ahead = kT0 + 3600'000;
        (void)d->signIn(QStringLiteral("olga"), "guess", ahead);
        (void)d->signIn(QStringLiteral("olga"), "guess", ahead + 1);
        QCOMPARE(d->signIn(QStringLiteral("olga"), "guess", ahead + 1 + fast.delayAfter(2)).refusal, SignInRefusal::Locked);
        const SignInOutcome locked = d->signIn(QStringLiteral("olga"), "long enough", kT0);
        QCOMPARE(locked.refusal, SignInRefusal::Locked);
        QCOMPARE(locked.retryAtMs, kT0 + fast.lockMs);
        d.reset();
        d = fresh(dir);
        d->setPolicy(fast);
        QCOMPARE(d->signIn(QStringLiteral("olga"), "long enough", kT0 + fast.lockMs - 1).refusal, SignInRefusal::Locked);
        QVERIFY(d->signIn(QStringLiteral("olga"), "long enough", kT0 + fast.lockMs).ok());

        // A wait after a failure, likewise: 1 s from now, not an hour and a second.
        (void)d->signIn(QStringLiteral("otto"), "guess", ahead);
        (void)d->signIn(QStringLiteral("otto"), "guess", ahead + 1);
        const SignInOutcome early = d->signIn(QStringLiteral("otto"), "long enough", kT0);
        QCOMPARE(early.refusal, SignInRefusal::TooSoon);
        QCOMPARE(early.retryAtMs, kT0 + fast.delayAfter(2));
        QVERIFY(d->signIn(QStringLiteral("otto"), "long enough", kT0 + fast.delayAfter(2)).ok());
    }

    /// Files that are not a CityOps directory are refused and left exactly as they were.
    void refusesFilesThatAreNotOurs()
    {
        QTemporaryDir dir;
        // Text.
        const QString text = dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeFile(text, QByteArray(8192, 'x')));
        const QByteArray before = bytesOf(text);
        for (auto mode : {UserDirectory::Mode::CreateIfMissing, UserDirectory::Mode::Existing}) {
            const auto opened = UserDirectory::open(text, mode);
            QVERIFY(!opened.ok());
            QVERIFY2(opened.error().contains(QLatin1String("left untouched")), qPrintable(opened.error()));
        }
        QCOMPARE(bytesOf(text), before);
        // Another program's SQLite database.
        const QString other = dir.filePath(QStringLiteral("other.db"));
        {
            auto db = SqliteDb::open(other, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE users(name TEXT, hash TEXT); INSERT INTO users VALUES('x', 'y')")).ok());
        }
        const QByteArray otherBefore = bytesOf(other);
        const auto opened = UserDirectory::open(other, UserDirectory::Mode::CreateIfMissing);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(QLatin1String("not a CityOps user directory")), qPrintable(opened.error()));
        QCOMPARE(bytesOf(other), otherBefore);
        // Missing, and not asked to create.
        QVERIFY(!UserDirectory::open(dir.filePath(QStringLiteral("none.db")), UserDirectory::Mode::Existing).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.db"))));
    }

    void secretFilesMustBePrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("password"));
        QVERIFY(writeFile(path, "s3cret words\nsecond line\n"));
        for (auto perms : {QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther,
                           QFile::ReadOwner | QFile::WriteOwner | QFile::WriteOther}) {
            QVERIFY(QFile::setPermissions(path, perms));
            const auto read = secretfile::readFirstLine(path);
            QVERIFY(!read.ok());
            QVERIFY2(read.error().contains(QLatin1String("chmod 600")), qPrintable(read.error()));
        }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(secretfile::readFirstLine(path).value(), QStringLiteral("s3cret words"));
        QVERIFY(!secretfile::readFirstLine(dir.filePath(QStringLiteral("missing"))).ok());
        QVERIFY(!secretfile::checkPrivate(dir.path()).ok());   // a folder is not a secret file
    }
};

QTEST_GUILESS_MAIN(TestUserDirectory)
#include "tst_userdirectory.moc"
