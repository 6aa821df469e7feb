// cityops-admin as an administrator uses it (and misuses it): accounts added, listed, changed and unlocked in a
// real directory file; every bad argument a sentence and exit 2; a password file others may read refused; a file
// that is not a directory refused and left untouched; the console then signs in with what the tool wrote.
#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "city/sumoimport.h"
#include "security/approval.h"
#include "security/consolekeyring.h"
#include "security/failurebook.h"
#include "security/keyringjournal.h"
#include "security/userdirectory.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {
/// A time as cityops-admin says it, with its offset.
const QString kIsoTime = QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:Z|[+-]\\d\\d:\\d\\d)");

struct Run {
    int exitCode = -1;
    QString out, err;
};

/// `dataHome`: the XDG data folder the tool finds the console's data folder in (default: the test's own).
Run admin(const QStringList &args, const QByteArray &stdinText = {}, const QString &dataHome = {})
{
    QProcess p;
    if (!dataHome.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-admin"), args);
    p.write(stdinText);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString secret(const QTemporaryDir &dir, const QString &name, const QByteArray &content, QFile::Permissions perms)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    f.close();
    QFile::setPermissions(path, perms);
    return path;
}
constexpr auto kPrivate = QFile::ReadOwner | QFile::WriteOwner;

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The keyring's journal as "what name: detail by" lines.
QStringList journalOf(const QString &path, ConsoleKeyring::Kind kind)
{
    auto keyring = ConsoleKeyring::load(path, false, kind);
    if (!keyring)
        return {keyring.error()};
    auto read = keyringjournal::read(keyring.value().journal(), 0, 100);
    if (!read)
        return {read.error()};
    QStringList out;
    for (const AdminChange &c : read.value().changes)
        out << QStringLiteral("%1 %2: %3 by %4").arg(c.what, c.name, c.detail, c.by);
    return out;
}
} // namespace

class TestAdmin : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aLockDatedAfterNowIsListedAsASignInWouldFindIt()
    {
        // Guesses while the machine's clock ran ten hours ahead, then the clock corrected: the list says the lock
        // ends at most the policy's 15 minutes from now, as the next sign-in would find it — not ten hours on.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("users.db"));
        const QString pw = secret(dir, QStringLiteral("pw"), "first password\n", kPrivate);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                        QStringLiteral("--directory"), db, QStringLiteral("--password-file"), pw}).exitCode, 0);
        const std::int64_t ahead = QDateTime::currentMSecsSinceEpoch() + 10 * 3'600'000LL;
        {
            auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
            QVERIFY(d);
            for (int i = 0; i < 10; ++i)
                (void)d.value()->signIn(QStringLiteral("olga"), "guess", ahead + 100'000LL * i);
            QCOMPARE(d.value()->signIn(QStringLiteral("olga"), "first password", ahead + 1'000'000).refusal, SignInRefusal::Locked);
        }
        const Run r = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db});
        const std::int64_t listed = QDateTime::currentMSecsSinceEpoch();
        static const QRegularExpression until(QStringLiteral("olga\toperator\t-\tlocked until (\\S+)"));
        const QRegularExpressionMatch m = until.match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        const QDateTime end = QDateTime::fromString(m.captured(1), Qt::ISODate);
        QVERIFY2(end.isValid() && end.toMSecsSinceEpoch() <= listed + SignInPolicy{}.lockMs, qPrintable(r.out));
        QVERIFY2(end.toMSecsSinceEpoch() > listed + SignInPolicy{}.lockMs - 60'000, qPrintable(r.out));
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("users.db"));
        const QString pw = secret(dir, QStringLiteral("pw"), "first password\n", kPrivate);
        Run r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                       QStringLiteral("--directory"), db, QStringLiteral("--password-file"), pw});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("rita"), QStringLiteral("--role"), QStringLiteral("responder"),
                   QStringLiteral("--districts"), QStringLiteral("West, east"), QStringLiteral("--directory"), db,
                   QStringLiteral("--password-file"), pw});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("olga\toperator\t-\tactive")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("rita\tresponder\tWest,east\tactive")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QLatin1String("first password")) && !r.err.contains(QLatin1String("first password")));
        // One of the passwords guessers try first: refused as bad input, saying why, and nobody added.
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nora"), QStringLiteral("--role"), QStringLiteral("viewer"),
                   QStringLiteral("--directory"), db, QStringLiteral("--password-file"), secret(dir, QStringLiteral("common"), "Baseball1\n", kPrivate)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("most common")), qPrintable(r.err));
        QVERIFY(!admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db}).out.contains(QLatin1String("nora")));

        // What the tool wrote is what the console checks.
        {
            auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
            QVERIFY(d);
            // Guesses ending now, so the lock is still on when the tool lists the accounts.
            const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
            QVERIFY(d.value()->signIn(QStringLiteral("olga"), "first password", now - 1'000'000'000).ok());
            for (int i = 0; i < 10; ++i)
                (void)d.value()->signIn(QStringLiteral("olga"), "guess", now - 100'000'000LL * (9 - i));
            QCOMPARE(d.value()->signIn(QStringLiteral("olga"), "first password", now + 1).refusal, SignInRefusal::Locked);
        }
        r = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db});
        // Until when, with its zone: a bare local time leaves an admin elsewhere (or reading it later) to guess.
        static const QRegularExpression lockedUntil(QStringLiteral("olga\toperator\t-\tlocked until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"));
        QVERIFY2(lockedUntil.match(r.out).hasMatch(), qPrintable(r.out));
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("olga"), QStringLiteral("--directory"), db}).exitCode, 0);
        const QString pw2 = secret(dir, QStringLiteral("pw2"), "second password\n", kPrivate);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("olga"), QStringLiteral("--directory"), db,
                        QStringLiteral("--password-file"), pw2}).exitCode, 0);
        // A password for one use: listed as such, signing nobody in until its person has set their own.
        r = admin({QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("rita"), QStringLiteral("--directory"), db,
                   QStringLiteral("--password-file"), pw2, QStringLiteral("--temporary")});
        // Until when it serves, with its zone, is said when it is set and in the list.
        static const QRegularExpression by(QStringLiteral("one use: rita sets their own at the sign-in card before signing in, by (%1)").arg(kIsoTime));
        const QRegularExpressionMatch said = by.match(r.out);
        QVERIFY2(r.exitCode == 0 && said.hasMatch(), qPrintable(r.out + r.err));
        r = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db});
        QVERIFY2(r.out.contains(QStringLiteral("rita\tresponder\tWest,east\tpassword to be changed at first sign-in, by %1").arg(said.captured(1))),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("olga\toperator\t-\tactive")), qPrintable(r.out));
        // Found after its 72 hours (here: its end moved into the past in the file), it is listed as expired and signs
        // in nobody, nor lets anyone set a password with it.
        std::int64_t until = 0;
        {
            auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
            until = d.value()->find(QStringLiteral("rita")).value()->onceUntilMs;
            QVERIFY(until > QDateTime::currentMSecsSinceEpoch());
            QVERIFY(d.value()->signIn(QStringLiteral("rita"), "second password", QDateTime::currentMSecsSinceEpoch()).mustChangePassword);
            auto file = SqliteDb::open(db, SqliteDb::Mode::Create);
            QVERIFY(file.value()->exec(QStringLiteral("UPDATE users SET must_change_by_ms = 1000 WHERE name = 'rita'")).ok());
        }
        r = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--directory"), db});
        QVERIFY2(QRegularExpression(QStringLiteral("rita\tresponder\tWest,east\tpassword for one use expired %1\n").arg(kIsoTime)).match(r.out).hasMatch(),
                 qPrintable(r.out));
        {
            auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
            QCOMPARE(d.value()->signIn(QStringLiteral("rita"), "second password", QDateTime::currentMSecsSinceEpoch()).refusal, SignInRefusal::Expired);
            QCOMPARE(d.value()->changePassword(QStringLiteral("rita"), "second password", "rita's own now", QDateTime::currentMSecsSinceEpoch()).refusal,
                     SignInRefusal::Expired);
        }
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("rita"), QStringLiteral("--directory"), db,
                        QStringLiteral("--password-file"), pw2, QStringLiteral("--temporary")}).exitCode, 0);
        {
            auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
            QVERIFY(d.value()->changePassword(QStringLiteral("rita"), "second password", "rita's own now", QDateTime::currentMSecsSinceEpoch()).ok());
        }
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("supervisor"),
                        QStringLiteral("--directory"), db}).exitCode, 0);
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("rita"), QStringLiteral("--directory"), db}).exitCode, 0);
        auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
        QVERIFY(!d.value()->signIn(QStringLiteral("olga"), "first password", 2'000'000'000'000).ok());
        const SignInOutcome now = d.value()->signIn(QStringLiteral("olga"), "second password", 2'000'000'000'000);
        QVERIFY(now.ok());
        QCOMPARE(now.account.role, Role::Supervisor);
        QCOMPARE(d.value()->signIn(QStringLiteral("rita"), "rita's own now", 2'000'000'000'000).refusal, SignInRefusal::Disabled);
        // Adding a name twice is refused (exit 1) and changes nothing.
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("viewer"),
                   QStringLiteral("--directory"), db, QStringLiteral("--password-file"), pw});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("already")), qPrintable(r.err));
    }

    void anLdapDirectorysLockoutsAreListedAndLifted()
    {
        // With a city's LDAP directory, the tool lists and lifts the lockouts this machine's consoles counted
        // (ldap-failures.db in their data folder), by the same --directory the console was given.
        QTemporaryDir home;
        const QString ldap = QStringLiteral("ldaps://ldap.city.example/dc=city,dc=example");
        const auto run = [&](const QStringList &args) { return admin(args + QStringList{QStringLiteral("--directory"), ldap}, {}, home.path()); };
        Run r = run({QStringLiteral("user"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("no failed sign-ins")), qPrintable(r.out));
        QVERIFY(!QDir(home.path()).exists(QStringLiteral("CityOps")));   // listing creates nothing

        const QString path = home.filePath(QStringLiteral("CityOps/cityops/ldap-failures.db"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        {
            auto book = FailureBook::open(path, FailureBook::Mode::CreateIfMissing);
            QVERIFY2(book, qPrintable(book.error()));
            FailureBook::Entry sven;
            sven.counts = {QStringLiteral("sven"), Role::Viewer, {}, false, 10, now, now + SignInPolicy{}.lockMs};
            sven.known = true;
            FailureBook::Entry guessed;
            // Someone typed their password into the name field (it passes for a name).
            guessed.counts = {QStringLiteral("correcthorse7"), Role::Viewer, {}, false, 2, now, 0};
            QVERIFY(book.value()->put(sven, now, SignInPolicy{}).ok());
            QVERIFY(book.value()->put(guessed, now, SignInPolicy{}).ok());
        }
        r = run({QStringLiteral("user"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        static const QRegularExpression locked(QStringLiteral("\nsven\tlocked until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\n"));
        QVERIFY2(locked.match(r.out).hasMatch(), qPrintable(r.out));
        // A name the directory did not know is counted, not shown: it may be a password typed into the name field.
        QVERIFY2(!r.out.contains(QLatin1String("correcthorse7")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("(and 1 name(s) the directory did not know, not shown")), qPrintable(r.out));

        r = run({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("sven")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("sven unlocked")), qPrintable(r.out));
        QVERIFY(!FailureBook::open(path, FailureBook::Mode::ReadOnly).value()->find(QStringLiteral("sven")).value());
        r = run({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("sven")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("sven was not locked")), qPrintable(r.out));

        // What the directory's own tools do is refused with a sentence (exit 2); so are a bad address and options
        // of the other commands. Nothing written.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        for (const QStringList &args : {QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("rita"), QStringLiteral("--role"),
                                                    QStringLiteral("operator")},
                                        QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("sven")},
                                        QStringList{QStringLiteral("user"), QStringLiteral("unlock")},
                                        QStringList{QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("*)(uid=*")},
                                        QStringList{QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("sven")}}) {
            r = run(args);
            QVERIFY2(r.exitCode == 2 && r.err.startsWith(QLatin1String("cityops-admin: ")), qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + r.err));
        }
        r = admin({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("sven"), QStringLiteral("--directory"),
                   QStringLiteral("ldaps://ldap.city.example")}, {}, home.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("names no base DN")), qPrintable(r.err));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        file.close();

        // A file there that is not the record: said, exit 1, left as it was.
        QVERIFY(QFile::remove(path));
        const QByteArray notOurs(4096, 'q');
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(notOurs);
        file.close();
        QVERIFY(QFile::setPermissions(path, kPrivate));
        r = run({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("sven")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("left untouched")), qPrintable(r.err));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), notOurs);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing") << QStringList{} << "say what to do";
        QTest::newRow("unknown verb") << QStringList{QStringLiteral("user"), QStringLiteral("delete"), QStringLiteral("olga")} << "unknown command";
        QTest::newRow("no name") << QStringList{QStringLiteral("user"), QStringLiteral("disable")} << "takes one user name";
        QTest::newRow("bad name") << QStringList{QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("Olga Smith")} << "not a valid user name";
        QTest::newRow("no role") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga")} << "needs --role";
        QTest::newRow("bad role") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"),
                                                 QStringLiteral("god")} << "--role must be";
        QTest::newRow("responder without districts") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("rita"),
                                                                    QStringLiteral("--role"), QStringLiteral("responder")} << "needs --districts";
        // Districts are the city's: the default city's (West, East), or those of the package --city names.
        QTest::newRow("district the city lacks") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("rita"), QStringLiteral("--role"),
                                                                QStringLiteral("responder"), QStringLiteral("--districts"), QStringLiteral("West,Nrth")}
                                                 << "Berlin-Adlershof has no district \"Nrth\" (its districts: West, East); name the city";
        QTest::newRow("district the named city lacks") << QStringList{QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("rita"),
                                                                      QStringLiteral("--role"), QStringLiteral("responder"), QStringLiteral("--districts"),
                                                                      QStringLiteral("Mitte"), QStringLiteral("--city"),
                                                                      QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg")}
                                                       << "has no district \"Mitte\" (its districts: West, East)";
        QTest::newRow("city that is no package") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("rita"), QStringLiteral("--role"),
                                                                QStringLiteral("responder"), QStringLiteral("--districts"), QStringLiteral("West"),
                                                                QStringLiteral("--city"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
                                                 << "--city:";
        QTest::newRow("city without districts") << QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"),
                                                               QStringLiteral("operator"), QStringLiteral("--city"), QStringLiteral("x.gpkg")}
                                                << "--city says whose districts";
        QTest::newRow("role on unlock") << QStringList{QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("olga"), QStringLiteral("--role"),
                                                       QStringLiteral("admin")} << "belong to";
        QTest::newRow("temporary without a password") << QStringList{QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("olga"),
                                                                     QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--temporary")}
                                                      << "--temporary belongs to user add and user reset-password";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--force")} << "Unknown option";
    }
    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const Run r = admin(args + QStringList{QStringLiteral("--directory"), dir.filePath(QStringLiteral("users.db"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("users.db"))));   // nothing created on the way
    }

    /// The console keyring: consoles added from their public keys, listed, replaced and removed; what the tool writes
    /// is what the console loads; a private key, a bad name or a keyring others may change are refused.
    void consoleKeyring()
    {
        QTemporaryDir dir;
        const QString keyring = dir.filePath(QStringLiteral("consoles.json"));
        const CommandSigner desk1 = CommandSigner::generate(), desk2 = CommandSigner::generate();
        const QString pub1 = secret(dir, QStringLiteral("desk1.pub"), desk1.publicKeyPem(), kPrivate | QFile::ReadOther);
        const QString pub2 = secret(dir, QStringLiteral("desk2.pub"), desk2.publicKeyPem(), kPrivate | QFile::ReadOther);
        const QString priv = secret(dir, QStringLiteral("desk1.pem"), desk1.privateKeyPem(), kPrivate);
        auto console = [&](QStringList args) { return admin(QStringList{QStringLiteral("console")} + args + QStringList{QStringLiteral("--keyring"), keyring}); };
        Run r = console({QStringLiteral("add"), QStringLiteral("desk-1"), pub1});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(desk1.keyId()), qPrintable(r.out));
        // desk-1's key under a second name: whoever holds it could sign as either desk.
        r = console({QStringLiteral("add"), QStringLiteral("desk-2"), pub1});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("desk-2 has the key of desk-1")), qPrintable(r.err));
        const CommandSigner old2 = CommandSigner::generate();
        QVERIFY2(console({QStringLiteral("add"), QStringLiteral("desk-2"), secret(dir, QStringLiteral("old2.pub"), old2.publicKeyPem(), kPrivate | QFile::ReadOther)})
                     .exitCode == 0, "added");
        QVERIFY2(console({QStringLiteral("add"), QStringLiteral("desk-2"), pub2}).out.contains(QLatin1String("new key")), "replaced");
        r = console({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("desk-1\t%1").arg(desk1.keyId())));
        QVERIFY(r.out.contains(QStringLiteral("desk-2\t%1").arg(desk2.keyId())));
        auto loaded = ConsoleKeyring::load(keyring);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(loaded.value().verifierFor(QStringLiteral("desk-2"))->verify("x", desk2.sign("x")));
        QVERIFY(!loaded.value().verifierFor(QStringLiteral("desk-2"))->verify("x", desk1.sign("x")));
        // Misuse: a private key (never copied into the keyring), a bad name, a missing console, wrong arguments.
        r = console({QStringLiteral("add"), QStringLiteral("desk-3"), priv});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("not an Ed25519 public key")), qPrintable(r.err));
        QCOMPARE(console({QStringLiteral("add"), QStringLiteral("desk/3"), pub1}).exitCode, 2);
        QCOMPARE(console({QStringLiteral("add"), QStringLiteral("desk-3")}).exitCode, 2);
        QCOMPARE(console({QStringLiteral("remove"), QStringLiteral("desk-9")}).exitCode, 1);
        QVERIFY(console({QStringLiteral("remove"), QStringLiteral("desk-1")}).exitCode == 0);
        QVERIFY(!ConsoleKeyring::load(keyring).value().verifierFor(QStringLiteral("desk-1")));
        QFile written(keyring);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray text = written.readAll();
        QVERIFY(text.contains("desk-2") && text.contains("PUBLIC KEY") && !text.contains("PRIVATE"));
        // A keyring others may change is not believed.
        QFile::setPermissions(keyring, kPrivate | QFile::ReadOther | QFile::WriteOther);
        r = console({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("may be changed by others")), qPrintable(r.err));
        QVERIFY(!ConsoleKeyring::load(keyring));
    }

    /// Approvers (issue 13): a supervisor's approval key made sealed with their password, its public half in the
    /// approver keyring the gateways take; the sealed key opens only with that password; misuse is exit 2.
    /// The admin tool refuses to write a file that decides whom to believe where others could replace it (the next
    /// reader would refuse it, or — the broker's accounts — believe whoever did): exit 1, a sentence, nothing written.
    void trustedFilesAreNotWrittenWhereOthersCouldReplaceThem()
    {
        QTemporaryDir dir;
        const QString shared = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(shared));
        QVERIFY(QFile::setPermissions(shared, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup
                                                  | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther));
        const CommandSigner desk = CommandSigner::generate();
        const QString pub = secret(dir, QStringLiteral("desk.pub"), desk.publicKeyPem(), kPrivate);
        Run r = admin({QStringLiteral("console"), QStringLiteral("add"), QStringLiteral("desk-1"), pub, QStringLiteral("--keyring"),
                       shared + QStringLiteral("/consoles.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("which others may change (mode 0777)")), qPrintable(r.err));
        r = admin({QStringLiteral("broker"), QStringLiteral("init"), shared + QStringLiteral("/broker"), QStringLiteral("--consoles"), QStringLiteral("desk-1"),
                   QStringLiteral("--gateways"), QStringLiteral("gw-1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("the broker's accounts")), qPrintable(r.err));
        const QString pw = secret(dir, QStringLiteral("pw"), "a good password\n", kPrivate);
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                   QStringLiteral("--directory"), shared + QStringLiteral("/users.db"), QStringLiteral("--password-file"), pw});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("the user directory")), qPrintable(r.err));
        QCOMPARE(QDir(shared).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{});
    }

    void approverKeys()
    {
        QTemporaryDir dir;
        const QString keyring = dir.filePath(QStringLiteral("approvers.json")), keys = dir.filePath(QStringLiteral("approvers"));
        const QString password = secret(dir, QStringLiteral("sven.password"), "sven's sign-in pw\n", kPrivate);
        auto approver = [&](QStringList args) {
            return admin(QStringList{QStringLiteral("approver")} + args + QStringList{QStringLiteral("--keyring"), keyring, QStringLiteral("--keys"), keys});
        };
        Run r = approver({QStringLiteral("add"), QStringLiteral("sven"), QStringLiteral("--password-file"), password});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto loaded = ConsoleKeyring::load(keyring, false, ConsoleKeyring::Kind::Approvers);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(!ConsoleKeyring::load(keyring));   // an approver keyring is not a console keyring
        auto key = approval::open(keys, QStringLiteral("sven"), "sven's sign-in pw");
        QVERIFY2(key, qPrintable(key.error()));
        QVERIFY(loaded.value().verifierFor(QStringLiteral("sven"))->verify("x", key.value().sign("x")));
        QVERIFY2(r.out.contains(key.value().keyId()), qPrintable(r.out));
        QVERIFY(!approval::open(keys, QStringLiteral("sven"), "sven's sign-in pX"));
        r = approver({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("sven\t%1\tyes").arg(key.value().keyId())), qPrintable(r.out));
        // A second key for the same person only after removing the first; misuse.
        r = approver({QStringLiteral("add"), QStringLiteral("sven"), QStringLiteral("--password-file"), password});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("already an approver")), qPrintable(r.err));
        QCOMPARE(approver({QStringLiteral("add")}).exitCode, 2);
        QCOMPARE(approver({QStringLiteral("add"), QStringLiteral("Sven Svensson"), QStringLiteral("--password-file"), password}).exitCode, 2);
        QCOMPARE(approver({QStringLiteral("grant"), QStringLiteral("sven")}).exitCode, 2);
        QCOMPARE(approver({QStringLiteral("list"), QStringLiteral("--password-file"), password}).exitCode, 2);
        const QString shortPassword = secret(dir, QStringLiteral("short.password"), "short\n", kPrivate);
        r = approver({QStringLiteral("add"), QStringLiteral("sara"), QStringLiteral("--password-file"), shortPassword});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("at least 8")), qPrintable(r.err));
        QVERIFY(!ConsoleKeyring::load(keyring, false, ConsoleKeyring::Kind::Approvers).value().verifierFor(QStringLiteral("sara")));
        // Removed: out of the keyring and the sealed key gone.
        r = approver({QStringLiteral("remove"), QStringLiteral("sven")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!ConsoleKeyring::load(keyring, false, ConsoleKeyring::Kind::Approvers).value().verifierFor(QStringLiteral("sven")));
        QVERIFY(!QFile::exists(approval::keyPath(keys, QStringLiteral("sven"))));
        QCOMPARE(approver({QStringLiteral("remove"), QStringLiteral("sven")}).exitCode, 1);
        // A sealed key left of someone not in the keyring: its removal is the deletion, journaled only once it is done.
        const QString left = approval::keyPath(keys, QStringLiteral("ulla"));
        QVERIFY(QDir().mkpath(left + QStringLiteral("/x")));   // a folder in its place: not deleted, even by root
        const QByteArray before = contentOf(keyring);
        r = approver({QStringLiteral("remove"), QStringLiteral("ulla")});
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("cannot be deleted: nothing changed")), qPrintable(r.err));
        QCOMPARE(contentOf(keyring), before);
        QVERIFY(QDir(left).removeRecursively());
        QFile sealed(left);
        QVERIFY(sealed.open(QIODevice::WriteOnly) && sealed.write("a sealed key") > 0);
        sealed.close();
        r = approver({QStringLiteral("remove"), QStringLiteral("ulla")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(left));
        QVERIFY2(journalOf(keyring, ConsoleKeyring::Kind::Approvers).last().startsWith(QLatin1String("approver-remove ulla: not in the keyring; sealed key deleted")),
                 qPrintable(journalOf(keyring, ConsoleKeyring::Kind::Approvers).join(QLatin1Char('\n'))));
    }

    /// Every change to a keyring is a line in its journal, saved with it (the consoles record it); the attack: a journal
    /// damaged behind the tool's back — a change then is refused, the keyring and the sealed key left as they were.
    void keyringChangesAreJournaledAndOneThatCannotBeIsNotMade()
    {
        QTemporaryDir dir;
        const QString consoles = dir.filePath(QStringLiteral("consoles.json")), approvers = dir.filePath(QStringLiteral("approvers.json"));
        const QString keys = dir.filePath(QStringLiteral("approvers"));
        const CommandSigner first = CommandSigner::generate(), second = CommandSigner::generate(), third = CommandSigner::generate();
        auto pub = [&](const CommandSigner &key, const QString &name) { return secret(dir, name, key.publicKeyPem(), kPrivate | QFile::ReadOther); };
        auto console = [&](QStringList args) { return admin(QStringList{QStringLiteral("console")} + args + QStringList{QStringLiteral("--keyring"), consoles}); };
        auto approver = [&](QStringList args) {
            return admin(QStringList{QStringLiteral("approver")} + args + QStringList{QStringLiteral("--keyring"), approvers, QStringLiteral("--keys"), keys});
        };
        const QString password = secret(dir, QStringLiteral("sven.password"), "sven's sign-in pw\n", kPrivate);
        QCOMPARE(console({QStringLiteral("add"), QStringLiteral("desk-1"), pub(first, QStringLiteral("1.pub"))}).exitCode, 0);
        QCOMPARE(console({QStringLiteral("add"), QStringLiteral("desk-1"), pub(second, QStringLiteral("2.pub"))}).exitCode, 0);
        // The key it already has: nothing changed, and no line that says "key X in place of X".
        const Run again = console({QStringLiteral("add"), QStringLiteral("desk-1"), pub(second, QStringLiteral("2.pub"))});
        QVERIFY2(again.exitCode == 0 && again.out.contains(QStringLiteral("console desk-1 already has key %1: nothing changed").arg(second.keyId())),
                 qPrintable(again.out + again.err));
        QCOMPARE(console({QStringLiteral("remove"), QStringLiteral("desk-1")}).exitCode, 0);
        QCOMPARE(approver({QStringLiteral("add"), QStringLiteral("sven"), QStringLiteral("--password-file"), password}).exitCode, 0);
        const QString svensKey = ConsoleKeyring::load(approvers, false, ConsoleKeyring::Kind::Approvers).value().entries().at(0).keyId;
        QCOMPARE(approver({QStringLiteral("remove"), QStringLiteral("sven")}).exitCode, 0);
        const QString by = adminjournal::account();
        QCOMPARE(journalOf(consoles, ConsoleKeyring::Kind::Consoles),
                 (QStringList{QStringLiteral("console-add desk-1: key %1 by %2").arg(first.keyId(), by),
                              QStringLiteral("console-add desk-1: key %1 in place of %2 by %3").arg(second.keyId(), first.keyId(), by),
                              QStringLiteral("console-remove desk-1: key %1 by %2").arg(second.keyId(), by)}));
        QCOMPARE(journalOf(approvers, ConsoleKeyring::Kind::Approvers),
                 (QStringList{QStringLiteral("approver-add sven: key %1 by %2").arg(svensKey, by), QStringLiteral("approver-remove sven: key %1 by %2").arg(svensKey, by)}));

        // The attack: the journal's lines changed behind the tool's back, to hide or to make a change. No change can
        // be made then, so none is left unrecorded: the keyring stays byte for byte, and so does the sealed key.
        QCOMPARE(console({QStringLiteral("add"), QStringLiteral("desk-2"), pub(third, QStringLiteral("3.pub"))}).exitCode, 0);
        QVERIFY(QFile::exists(consoles));
        {
            QFile f(consoles);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const QByteArray damaged = f.readAll().replace("\"console-remove\"", "\"grant-all\"");
            QVERIFY(f.resize(0) && f.write(damaged) == damaged.size());
        }
        const QByteArray before = contentOf(consoles);
        Run r = console({QStringLiteral("add"), QStringLiteral("desk-3"), pub(first, QStringLiteral("1.pub"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("line 3 of the keyring's journal")) && r.err.contains(QLatin1String("the change is not made")), qPrintable(r.err));
        QCOMPARE(console({QStringLiteral("remove"), QStringLiteral("desk-2")}).exitCode, 1);
        QCOMPARE(contentOf(consoles), before);
        QVERIFY(ConsoleKeyring::load(consoles).value().verifierFor(QStringLiteral("desk-2")));   // its keys believed as before

        QCOMPARE(approver({QStringLiteral("add"), QStringLiteral("sven"), QStringLiteral("--password-file"), password}).exitCode, 0);
        {
            QFile f(approvers);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const QByteArray damaged = f.readAll().replace("\"approver-remove\"", "\"set-role\"");   // an account's word
            QVERIFY(f.resize(0) && f.write(damaged) == damaged.size());
        }
        const QByteArray approversBefore = contentOf(approvers), sealed = contentOf(approval::keyPath(keys, QStringLiteral("sven")));
        QCOMPARE(approver({QStringLiteral("remove"), QStringLiteral("sven")}).exitCode, 1);
        QCOMPARE(contentOf(approvers), approversBefore);
        QCOMPARE(contentOf(approval::keyPath(keys, QStringLiteral("sven"))), sealed);
        QVERIFY(!sealed.isEmpty());
    }

    void passwordsComeFromPrivateFilesOrATerminal()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("users.db"));
        const QString open = secret(dir, QStringLiteral("open"), "first password\n", kPrivate | QFile::ReadGroup | QFile::ReadOther);
        Run r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                       QStringLiteral("--directory"), db, QStringLiteral("--password-file"), open});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("chmod 600")), qPrintable(r.err));
        const QString shortPw = secret(dir, QStringLiteral("short"), "abc\n", kPrivate);
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                   QStringLiteral("--directory"), db, QStringLiteral("--password-file"), shortPw});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("at least 8")), qPrintable(r.err));
        // Piped input is not a terminal: the tool will not read a password from it.
        r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                   QStringLiteral("--directory"), db},
                  "first password\nfirst password\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--password-file")), qPrintable(r.err));
        auto d = UserDirectory::open(db, UserDirectory::Mode::Existing);
        QVERIFY(!d || d.value()->count().value() == 0);
    }

    void leavesOtherFilesAlone()
    {
        QTemporaryDir dir;
        const QString notOurs = secret(dir, QStringLiteral("store.db"), QByteArray(4096, 'z'), kPrivate);
        const QString pw = secret(dir, QStringLiteral("pw"), "first password\n", kPrivate);
        const Run r = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"),
                             QStringLiteral("--directory"), notOurs, QStringLiteral("--password-file"), pw});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("left untouched")), qPrintable(r.err));
        QFile f(notOurs);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'z'));
        const Run missing = admin({QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("olga"), QStringLiteral("--directory"),
                                   dir.filePath(QStringLiteral("none.db"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.db"))));
    }

    void theCitysResponseRules()
    {
        QTemporaryDir dir;
        auto imported = importSumoNet(QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"), ImportOptions{});
        QVERIFY2(imported, qPrintable(imported.error()));
        const QString city = dir.filePath(QStringLiteral("city.gpkg"));
        QVERIFY(citypackage::write(imported.value(), city));
        const QString rulesFile = secret(dir, QStringLiteral("rules.json"), R"({"acknowledge_within_min": {"critical": 4}, "hold_limit_min": 20})",
                                         kPrivate);
        const auto rulesNow = [&city] { return citypackage::read(city).value()->rules; };

        Run r = admin({QStringLiteral("rules"), QStringLiteral("show"), city});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("The default response rules (the city has set none)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("critical: acknowledge within 2 min, on scene within 10 min")), qPrintable(r.out));

        r = admin({QStringLiteral("rules"), QStringLiteral("set"), city, rulesFile});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("critical: acknowledge within 4 min")), qPrintable(r.out));
        QVERIFY(rulesNow().cityOwn);
        QCOMPARE(rulesNow().slaFor(IncidentSeverity::Critical).ackWithinMs, 4 * 60'000);
        QCOMPARE(rulesNow().holdLimitFor(SignalMode::Manual), 20 * 60'000);

        // What export prints is a file set takes back.
        r = admin({QStringLiteral("rules"), QStringLiteral("export"), city});
        QCOMPARE(r.exitCode, 0);
        const auto exported = ResponseRules::fromJson(r.out.toUtf8());
        QVERIFY2(exported, qPrintable(exported.error()));
        QCOMPARE(exported.value(), rulesNow());

        // A mistake in the file: said, and the city's rules stay as they were.
        const QString typo = secret(dir, QStringLiteral("typo.json"), R"({"acknowledge_within_min": {"critcal": 1}})", kPrivate);
        r = admin({QStringLiteral("rules"), QStringLiteral("set"), city, typo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("no severity \"critcal\"")) && r.err.contains(QLatin1String("not changed")), qPrintable(r.err));
        QCOMPARE(rulesNow().slaFor(IncidentSeverity::Critical).ackWithinMs, 4 * 60'000);

        r = admin({QStringLiteral("rules"), QStringLiteral("reset"), city});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(rulesNow(), ResponseRules::defaults());

        // Usage mistakes: exit 2, a sentence, nothing changed.
        for (const QStringList &args : {QStringList{QStringLiteral("rules")}, QStringList{QStringLiteral("rules"), QStringLiteral("edit"), city},
                                        QStringList{QStringLiteral("rules"), QStringLiteral("set"), city},
                                        QStringList{QStringLiteral("rules"), QStringLiteral("show")},
                                        QStringList{QStringLiteral("rules"), QStringLiteral("show"), city, QStringLiteral("--role"), QStringLiteral("admin")},
                                        QStringList{QStringLiteral("rules"), QStringLiteral("set"), city, dir.filePath(QStringLiteral("none.json"))}}) {
            r = admin(args);
            QVERIFY2(r.exitCode == 2 && r.err.startsWith(QLatin1String("cityops-admin: ")), qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + r.err));
        }
        QCOMPARE(rulesNow(), ResponseRules::defaults());

        // Not a city: refused, the file untouched.
        const QString notACity = secret(dir, QStringLiteral("store.db"), QByteArray(4096, 'z'), kPrivate);
        r = admin({QStringLiteral("rules"), QStringLiteral("set"), notACity, rulesFile});
        QCOMPARE(r.exitCode, 1);
        QFile f(notACity);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'z'));
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
