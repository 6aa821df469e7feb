// The console with a city's LDAP directory, as a process: a missing mapping and passwords in clear refused (exit 2), a
// dead server survived, and its record of failed sign-ins kept in its data folder — made at start, one that is not
// ours left as it is while failures are counted in memory (said on stderr); against a real slapd, a lockout that a
// restart does not lift and cityops-admin does. The directory's own cases: tst_ldapdirectory.
#include "programtesting.h"
#include "security/failurebook.h"
#include "slapdtesting.h"

#include <QDir>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestLdapConsole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ldapDirectory()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("s.png"));
        const QString map = dir.filePath(QStringLiteral("map.json"));
        const QStringList base{QStringLiteral("--no-store"), QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"),
                               QStringLiteral("1000"), QStringLiteral("--ldap-map"), map};
        // No mapping file: a usage error naming it.
        Run run = runProgram(QStringLiteral("cityops"), base + QStringList{QStringLiteral("--directory"), QStringLiteral("ldaps://ldap.city.example/dc=city")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("LDAP mapping")) && run.err.contains(map), qPrintable(run.err));
        QFile f(map);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"groups": {"operators": {"role": "operator"}}})");
        f.close();
        // Passwords in clear to another machine: refused before the console starts.
        run = runProgram(QStringLiteral("cityops"), base + QStringList{QStringLiteral("--directory"), QStringLiteral("ldap://192.0.2.7/dc=city")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("in clear")), qPrintable(run.err));
        // A directory server that is down: the console says so and keeps running (a wall must not go dark).
        const QStringList signIn = signedInAs(dir).mid(2);   // --user olga --password-file F
        run = runProgram(QStringLiteral("cityops"), base + signIn
                                                        + QStringList{QStringLiteral("--directory"),
                                                                      QStringLiteral("ldap://127.0.0.1:%1/dc=city,dc=test").arg(closedPort())});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QLatin1String("cannot sign in as olga yet")) && run.err.contains(QLatin1String("directory server")), qPrintable(run.err));
        QVERIFY(QFile::exists(shot));
    }

    void theRecordOfFailedSignInsIsKeptInTheDataFolder()
    {
        QTemporaryDir dir;
        const QString map = dir.filePath(QStringLiteral("map.json"));
        QFile f(map);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"groups": {"operators": {"role": "operator"}}})");
        f.close();
        const QString dataHome = dir.filePath(QStringLiteral("data"));
        const QStringList args = QStringList{QStringLiteral("--no-store"), QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("s.png")),
                                             QStringLiteral("--quit-after"), QStringLiteral("1000"), QStringLiteral("--ldap-map"), map,
                                             QStringLiteral("--directory"), QStringLiteral("ldap://127.0.0.1:%1/dc=city,dc=test").arg(closedPort())}
                                 + signedInAs(dir).mid(2);
        const QList<std::pair<QString, QString>> env{{QStringLiteral("XDG_DATA_HOME"), dataHome}};
        Run run = runProgram(QStringLiteral("cityops"), args, 60000, env);
        QCOMPARE(run.exitCode, 0);
        const QString book = dataHome + QStringLiteral("/CityOps/cityops/ldap-failures.db");
        QVERIFY2(FailureBook::open(book, FailureBook::Mode::Existing).ok(), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QLatin1String("counted in memory")), qPrintable(run.err));

        // Something else in its place: the console still starts and signs people in, counts in memory, says so,
        // and leaves the file as it found it.
        QVERIFY(QFile::remove(book));
        const QByteArray notOurs(4096, 'q');
        QFile other(book);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(notOurs);
        other.close();
        QVERIFY(QFile::setPermissions(book, QFile::ReadOwner | QFile::WriteOwner));
        run = runProgram(QStringLiteral("cityops"), args, 60000, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QLatin1String("failed sign-ins are counted in memory")) && run.err.contains(QLatin1String("left untouched")),
                 qPrintable(run.err));
        QVERIFY(other.open(QIODevice::ReadOnly));
        QCOMPARE(other.readAll(), notOurs);
    }

    void aRestartDoesNotLiftALockoutAndAnAdministratorDoes()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/sbin/slapd")))
            QFAIL("slapd is not installed (Debian: slapd, ldap-utils; scripts/test installs them)");
        TestSlapd slapd;
        QVERIFY2(slapd.ok(), "slapd did not start on loopback");
        QTemporaryDir dir;
        const QString map = dir.filePath(QStringLiteral("map.json"));
        QFile f(map);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"groupBase": "ou=groups,{base}", "groups": {"operators": {"role": "operator"}}})");
        f.close();
        const auto passwordFile = [&](const QByteArray &password) {
            const QString path = dir.filePath(QString::fromLatin1(password.toHex()));
            QFile pw(path);
            if (!pw.open(QIODevice::WriteOnly) || pw.write(password + '\n') < 0)
                qFatal("cannot write %s", qPrintable(path));
            pw.close();
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            return path;
        };
        const QString dataHome = dir.filePath(QStringLiteral("data"));
        const QList<std::pair<QString, QString>> env{{QStringLiteral("XDG_DATA_HOME"), dataHome}};
        // Plain ldap:// is taken to a loopback address: the console binds as olga with what the file says.
        const auto console = [&](const QByteArray &password) {
            return runProgram(QStringLiteral("cityops"),
                              {QStringLiteral("--no-store"), QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("s.png")),
                               QStringLiteral("--quit-after"), QStringLiteral("500"), QStringLiteral("--ldap-map"), map, QStringLiteral("--directory"),
                               slapd.plainUrl(), QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--password-file"),
                               passwordFile(password)},
                              60000, env);
        };
        const QString book = dataHome + QStringLiteral("/CityOps/cityops/ldap-failures.db");

        // A wrong password: refused (exit 1), and counted where the next console will find it.
        Run run = console("guess");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("Cannot sign in as olga")), qPrintable(run.err));
        auto olga = FailureBook::open(book, FailureBook::Mode::ReadOnly).value()->find(QStringLiteral("olga"));
        QVERIFY(olga.ok() && olga.value());
        QCOMPARE(olga.value()->counts.failures, 1);
        QVERIFY(olga.value()->known);

        // Locked by ten guesses (at one console or several): the next console, started afresh, refuses even the
        // right password.
        {
            auto open = FailureBook::open(book, FailureBook::Mode::Existing);
            FailureBook::Entry locked = *olga.value();
            const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
            locked.counts.failures = 10;
            locked.counts.lastFailureMs = now;
            locked.counts.lockedUntilMs = now + SignInPolicy{}.lockMs;
            QVERIFY(open.value()->put(locked, now, SignInPolicy{}).ok());
        }
        run = console(kPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("Cannot sign in as olga")) && run.err.contains(QLatin1String("locked")), qPrintable(run.err));

        // The administrator lifts it with the console's own --directory; the right password is then taken.
        run = runProgram(QStringLiteral("cityops-admin"), {QStringLiteral("user"), QStringLiteral("unlock"), QStringLiteral("olga"),
                                                           QStringLiteral("--directory"), slapd.plainUrl()},
                         60000, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("olga unlocked")), qPrintable(run.out));
        run = console(kPassword);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!FailureBook::open(book, FailureBook::Mode::ReadOnly).value()->find(QStringLiteral("olga")).value());
    }
};

QTEST_GUILESS_MAIN(TestLdapConsole)
#include "tst_ldapconsole.moc"
