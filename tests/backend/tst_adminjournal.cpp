// The administrators' journal in the files that decide who may sign in (security/adminjournal.h), as an auditor and
// an attacker meet it: every change cityops-admin makes through the user directory or the LDAP failure book is a line
// with who made it, in the same transaction — a change whose line cannot be written is not made; what the console does
// on its own (a person's failures cleared by their sign-in) is no administrator's change; a line whose figures or
// words cannot be a change is an error naming it; the journal keeps its last lines; a recorded line names its place.
#include "base/sqlitedb.h"
#include "security/adminjournal.h"
#include "security/failurebook.h"
#include "security/userdirectory.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace cityops;

namespace {

std::unique_ptr<UserDirectory> directoryAt(const QString &path)
{
    auto directory = UserDirectory::open(path, UserDirectory::Mode::CreateIfMissing);
    if (!directory)
        qFatal("%s", qPrintable(directory.error()));
    directory.value()->setCost({256, 1, 1});
    return std::move(directory).value();
}

adminjournal::Read journalOf(UserDirectory &directory, std::int64_t afterId = 0, int limit = 100)
{
    auto read = directory.changesAfter(afterId, limit);
    if (!read)
        qFatal("%s", qPrintable(read.error()));
    return std::move(read).value();
}

bool execute(const QString &path, const QString &sql)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    return db && db.value()->exec(sql).ok();
}

QStringList whatOf(const adminjournal::Read &read)
{
    QStringList out;
    for (const AdminChange &c : read.changes)
        out << c.what + QLatin1Char(' ') + c.name + (c.detail.isEmpty() ? QString() : QLatin1Char(' ') + c.detail);
    return out;
}

} // namespace

class TestAdminJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyChangeOfAnAccountIsALineWithWhoMadeIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        auto users = directoryAt(path);
        QVERIFY(journalOf(*users).journalId.isEmpty());   // a file nobody has changed has no journal

        const std::int64_t before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(users->add(QStringLiteral("ruth"), Role::Responder, {QStringLiteral("East"), QStringLiteral("West")}, "ruth's password"));
        QVERIFY(users->setRole(QStringLiteral("olga"), Role::Supervisor, {}));
        QVERIFY(users->setDisabled(QStringLiteral("ruth"), true));
        QVERIFY(users->setDisabled(QStringLiteral("ruth"), false));
        QVERIFY(users->resetPassword(QStringLiteral("olga"), "a new password"));
        QVERIFY(users->unlock(QStringLiteral("olga")));
        // Refused changes are no changes.
        QVERIFY(!users->setRole(QStringLiteral("nobody"), Role::Admin, {}));
        QVERIFY(!users->add(QStringLiteral("olga"), Role::Admin, {}, "another password"));

        const adminjournal::Read read = journalOf(*users);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(read.journalId).hasMatch(), qPrintable(read.journalId));
        QCOMPARE(whatOf(read), (QStringList{QStringLiteral("add olga operator"), QStringLiteral("add ruth responder of East, West"),
                                            QStringLiteral("set-role olga supervisor"), QStringLiteral("disable ruth"),
                                            QStringLiteral("enable ruth"), QStringLiteral("reset-password olga"),
                                            QStringLiteral("unlock olga")}));
        for (std::size_t i = 0; i < read.changes.size(); ++i) {
            const AdminChange &c = read.changes[i];
            QCOMPARE(c.id, std::int64_t(i + 1));
            QCOMPARE(c.by, adminjournal::account());
            QVERIFY(c.timeMs >= before && c.timeMs <= QDateTime::currentMSecsSinceEpoch());
        }
        QVERIFY(adminjournal::account().contains(QLatin1Char('@')));
        // Read from a place, a few at a time.
        QCOMPARE(whatOf(journalOf(*users, 5)), (QStringList{QStringLiteral("reset-password olga"), QStringLiteral("unlock olga")}));
        const adminjournal::Read firstTwo = journalOf(*users, 0, 2);
        QCOMPARE(firstTwo.changes.size(), std::size_t(2));
        QVERIFY(firstTwo.more);
        QVERIFY(!journalOf(*users, 0, 7).more);

        // The next opening reads the same journal (read-only opens write nothing).
        users.reset();
        auto again = UserDirectory::open(path, UserDirectory::Mode::ReadOnly);
        QVERIFY(again);
        QCOMPARE(journalOf(*again.value()).journalId, read.journalId);
    }

    void aPersonsOwnSignInIsNoAdministratorsChange()
    {
        QTemporaryDir dir;
        auto users = directoryAt(dir.filePath(QStringLiteral("users.db")));
        QVERIFY(users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!users->signIn(QStringLiteral("olga"), "wrong", now).ok());
        QCOMPARE(users->find(QStringLiteral("olga")).value()->failures, 1);
        QVERIFY(users->signIn(QStringLiteral("olga"), "olga's password", now + 60'000).ok());   // clears her failures
        QCOMPARE(users->find(QStringLiteral("olga")).value()->failures, 0);
        QCOMPARE(whatOf(journalOf(*users)), QStringList{QStringLiteral("add olga operator")});
    }

    void aChangeWhoseLineCannotBeWrittenIsNotMade()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        auto users = directoryAt(path);
        QVERIFY(users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        // Someone who can write the file would like changes without lines: the journal refuses every new line.
        QVERIFY(execute(path, QStringLiteral("CREATE TRIGGER no_lines BEFORE INSERT ON admin_changes BEGIN SELECT RAISE(ABORT, 'no lines'); END")));
        const Status promoted = users->setRole(QStringLiteral("olga"), Role::Admin, {});
        QVERIFY(!promoted);
        QVERIFY2(promoted.error().contains(QLatin1String("no lines")), qPrintable(promoted.error()));
        QCOMPARE(users->find(QStringLiteral("olga")).value()->role, Role::Operator);
        QVERIFY(!users->add(QStringLiteral("mallory"), Role::Admin, {}, "mallory's password"));
        QVERIFY(!users->find(QStringLiteral("mallory")).value());
        QVERIFY(!users->setDisabled(QStringLiteral("olga"), true));
        QVERIFY(!users->find(QStringLiteral("olga")).value()->disabled);
    }

    void aLineThatCannotBeAChangeIsAnError_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::newRow("unknown change") << QStringLiteral("UPDATE admin_changes SET what = 'grant-all' WHERE id = 2");
        QTest::newRow("time before 1970") << QStringLiteral("UPDATE admin_changes SET time_ms = -5 WHERE id = 2");
        QTest::newRow("time past 9999") << QStringLiteral("UPDATE admin_changes SET time_ms = 300000000000000 WHERE id = 2");
        QTest::newRow("nobody made it") << QStringLiteral("UPDATE admin_changes SET by = '' WHERE id = 2");
        QTest::newRow("made by more than one word") << QStringLiteral("UPDATE admin_changes SET by = 'root) sign-in (olga' WHERE id = 2");
        QTest::newRow("a line break in a name") << QStringLiteral("UPDATE admin_changes SET name = 'olga' || char(10) || 'unlock root' WHERE id = 2");
        QTest::newRow("a detail too long") << QStringLiteral("UPDATE admin_changes SET detail = replace(hex(zeroblob(250)), '0', 'x') WHERE id = 2");
        QTest::newRow("a second journal id") << QStringLiteral("INSERT INTO admin_journal VALUES ('0123456789abcdef')");
        QTest::newRow("a journal id not drawn") << QStringLiteral("UPDATE admin_journal SET journal_id = 'zz'");
    }

    void aLineThatCannotBeAChangeIsAnError()
    {
        QFETCH(QString, edit);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        auto users = directoryAt(path);
        QVERIFY(users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(users->unlock(QStringLiteral("olga")));
        QVERIFY(users->unlock(QStringLiteral("olga")));
        QVERIFY(execute(path, edit));
        auto read = users->changesAfter(0, 100);
        QVERIFY(!read);
        QVERIFY2(read.error().contains(QLatin1String("administrators' journal")), qPrintable(read.error()));
        // Read from past the damage, the rest is there.
        if (!edit.contains(QLatin1String("admin_journal"))) {
            QCOMPARE(whatOf(journalOf(*users, 2)), QStringList{QStringLiteral("unlock olga")});
            QVERIFY(!users->changesAfter(1, 100));
        }
    }

    void theJournalKeepsItsLastLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.db"));
        auto users = directoryAt(path);
        QVERIFY(users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        // Written as a busy administrator's years would have written them.
        QVERIFY(execute(path, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                             "INSERT INTO admin_changes(id, time_ms, by, what, name, detail) "
                                             "SELECT i, 1000 + i, 'root@ops', 'unlock', 'olga', '' FROM n").arg(adminjournal::kKept)));
        QVERIFY(users->unlock(QStringLiteral("olga")));
        const adminjournal::Read read = journalOf(*users, 0, adminjournal::kKept + 10);
        QCOMPARE(int(read.changes.size()), adminjournal::kKept);
        QCOMPARE(read.changes.front().id, std::int64_t(2));
        QCOMPARE(read.changes.back().id, std::int64_t(adminjournal::kKept + 1));
        QCOMPARE(read.changes.back().by, adminjournal::account());
    }

    void anLdapUnlockIsALineAndASignInsClearingIsNot()
    {
        QTemporaryDir dir;
        auto opened = FailureBook::open(dir.filePath(QStringLiteral("ldap-failures.db")), FailureBook::Mode::CreateIfMissing);
        QVERIFY(opened);
        FailureBook &book = *opened.value();
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        const auto fail = [&](const QString &name) {
            return book.update(name, [](FailureBook::Entry &e) { ++e.counts.failures; }, now, SignInPolicy{}).ok();
        };
        QVERIFY(fail(QStringLiteral("sven")));
        QVERIFY(fail(QStringLiteral("olga")));
        QCOMPARE(book.forget(QStringLiteral("olga")).value(), true);   // olga signed in: her own
        QCOMPARE(book.unlock(QStringLiteral("sven"), now).value(), true);
        QCOMPARE(book.unlock(QStringLiteral("nobody"), now).value(), false);   // asked for, so said
        auto read = book.changesAfter(0, 10);
        QVERIFY(read);
        QCOMPARE(whatOf(read.value()), (QStringList{QStringLiteral("unlock sven"), QStringLiteral("unlock nobody")}));
        QVERIFY(!book.find(QStringLiteral("sven")).value());
    }

    void aRecordedLineNamesItsPlace()
    {
        const AdminChange change{17, 1'790'000'000'000, QStringLiteral("root@ops-1"), QStringLiteral("set-role"), QStringLiteral("olga"),
                                 QStringLiteral("responder of %1 East")};
        const QString journal = QStringLiteral("5f0c1d2e3a4b5c6d");
        const QString detail = adminjournal::recordedDetail(change, QStringLiteral("users.db"), journal);
        QCOMPARE(detail, QStringLiteral("set-role olga: responder of %1 East (users.db change 17 of journal 5f0c1d2e3a4b5c6d, made 2026-09-21T14:13:20Z)"));
        QCOMPARE(adminjournal::recordedId(detail, journal), std::optional<std::int64_t>(17));
        QCOMPARE(adminjournal::recordedId(detail, QStringLiteral("0000000000000000")), std::nullopt);   // another journal's
        QCOMPARE(adminjournal::recordedId(detail.chopped(1), journal), std::nullopt);
        QCOMPARE(adminjournal::recordedId(QStringLiteral("unlock olga"), journal), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestAdminJournal)
#include "tst_adminjournal.moc"
