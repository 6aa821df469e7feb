// What an administrator changes with cityops-admin reaches the console's record, as the two programs run in a
// control room: accounts changed while no console runs are recorded by the next console that starts, each once
// however often consoles restart, with who made the change; a person's own sign-in adds nothing.
#include "programtesting.h"
#include "security/adminjournal.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The administrators' changes in the recording `store`, as its markers say them (the replay's log).
QStringList accountChanges(const QString &store)
{
    QStringList out;
    auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
    if (!db)
        return {db.error()};
    auto rows = db.value()->prepare(QStringLiteral("SELECT label FROM markers WHERE label LIKE 'account-changed %' ORDER BY seq"));
    while (rows && rows->step())
        out << rows->columnText(0);
    return out;
}

} // namespace

class TestAdminRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void whatAnAdministratorChangedIsRecordedOnceByTheNextConsole()
    {
        QTemporaryDir dir;
        const QString users = dir.filePath(QStringLiteral("users.db"));
        const QString store = dir.filePath(QStringLiteral("city.cityops-store"));
        const QStringList signIn = signedInAs(dir);   // olga, added by this test as cityops-admin would add her
        const QString passwordFile = signIn.last();
        const auto admin = [&](const QStringList &args) { return runProgram(QStringLiteral("cityops-admin"), args + QStringList{QStringLiteral("--directory"), users}); };
        const auto console = [&] {
            return runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--store"), store, QStringLiteral("--speed"), QStringLiteral("60"),
                                                                      QStringLiteral("--quit-after"), QStringLiteral("300")}
                                                             + signIn);
        };
        const QString by = QStringLiteral("account-changed (%1): ").arg(adminjournal::account());

        Run run = console();
        QCOMPARE(run.exitCode, 0);
        QStringList recorded = accountChanges(store);
        QCOMPARE(recorded.size(), 1);
        QVERIFY2(recorded[0].startsWith(by + QStringLiteral("add olga: operator (users.db change 1 of journal ")), qPrintable(recorded.join('\n')));

        // While no console runs: olga is made a supervisor and a new responder is added.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("supervisor")}).exitCode, 0);
        run = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ruth"), QStringLiteral("--role"), QStringLiteral("viewer"),
                     QStringLiteral("--password-file"), passwordFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (int restart = 0; restart < 2; ++restart)
            QCOMPARE(console().exitCode, 0);   // olga signs in each time: her own, no administrator's change
        recorded = accountChanges(store);
        QCOMPARE(recorded.size(), 3);
        QVERIFY2(recorded[1].startsWith(by + QStringLiteral("set-role olga: supervisor (users.db change 2 of")), qPrintable(recorded.join('\n')));
        QVERIFY2(recorded[2].startsWith(by + QStringLiteral("add ruth: viewer (users.db change 3 of")), qPrintable(recorded.join('\n')));

        // A line damaged behind cityops-admin's back: the console runs, says so, and records nothing past it.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("ruth")}).exitCode, 0);
        auto db = SqliteDb::open(users, SqliteDb::Mode::Create);
        QVERIFY(db && db.value()->exec(QStringLiteral("UPDATE admin_changes SET what = 'grant-all' WHERE id = 4")));
        db.value().reset();
        run = console();
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QLatin1String("administrators' changes cannot be recorded for now")) && run.err.contains(users),
                 qPrintable(run.err));
        QCOMPARE(accountChanges(store).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestAdminRecord)
#include "tst_adminrecord.moc"
