// The record of failed sign-ins against a city's LDAP directory (FailureBook) as an attacker and a careless admin
// would meet it: a lockout read back by the next console that opens it; files that are not ours, of another version,
// or writable by others refused and left byte for byte as they were; a row whose figures cannot be true an error
// (never "no failures"); two consoles counting at once adding up; made-up names unable to push a real person's
// lockout out of a full book.
#include "base/sqlitedb.h"
#include "security/failurebook.h"
#include "security/userdirectory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace cityops;

namespace {
constexpr std::int64_t kT0 = 1'790'000'000'000;

FailureBook::Entry entry(const QString &name, int failures, std::int64_t lastMs, std::int64_t lockedUntilMs, bool known)
{
    FailureBook::Entry e;
    e.counts.name = name;
    e.counts.failures = failures;
    e.counts.lastFailureMs = lastMs;
    e.counts.lockedUntilMs = lockedUntilMs;
    e.known = known;
    return e;
}

std::unique_ptr<FailureBook> opened(const QString &path, FailureBook::Mode mode = FailureBook::Mode::CreateIfMissing)
{
    auto book = FailureBook::open(path, mode);
    if (!book)
        qFatal("%s", qPrintable(book.error()));
    return std::move(book).value();
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Status execute(const QString &path, const QString &sql)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    if (!db)
        return makeError(db.error());
    return db.value()->exec(sql);
}
} // namespace

class TestFailureBook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aLockoutIsReadBackByTheNextConsole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        const SignInPolicy policy;
        {
            auto book = opened(path);
            QVERIFY(book->put(entry(QStringLiteral("olga"), 10, kT0, kT0 + policy.lockMs, true), kT0, policy).ok());
            QVERIFY(book->put(entry(QStringLiteral("bob"), 2, kT0 - 5000, 0, false), kT0, policy).ok());
            QVERIFY(book->put(entry(QStringLiteral("bob"), 3, kT0, 0, true), kT0, policy).ok());   // the same name again: one row
        }
        // Read-only, as cityops-admin lists it: nothing written.
        const QByteArray before = bytesOf(path);
        {
            auto book = opened(path, FailureBook::Mode::ReadOnly);
            const auto olga = book->find(QStringLiteral("olga"));
            QVERIFY(olga.ok() && olga.value());
            QCOMPARE(olga.value()->counts.failures, 10);
            QCOMPARE(olga.value()->counts.lockedUntilMs, kT0 + policy.lockMs);
            QCOMPARE(olga.value()->counts.lastFailureMs, kT0);
            QVERIFY(olga.value()->known);
            const auto all = book->list();
            QVERIFY(all.ok());
            QCOMPARE(all.value().size(), size_t(2));
            QCOMPARE(all.value()[0].counts.name, QStringLiteral("bob"));
            QCOMPARE(all.value()[0].counts.failures, 3);
            QVERIFY(all.value()[0].known);
            QVERIFY(!book->find(QStringLiteral("nobody")).value());
        }
        QCOMPARE(bytesOf(path), before);
        // Forgotten (a success, an administrator's unlock): gone for the next console too; forgetting it again says so.
        {
            auto book = opened(path, FailureBook::Mode::Existing);
            QCOMPARE(book->forget(QStringLiteral("olga")).value(), true);
            QCOMPARE(book->forget(QStringLiteral("olga")).value(), false);
        }
        QVERIFY(!opened(path, FailureBook::Mode::Existing)->find(QStringLiteral("olga")).value());
        // A name that is not a name is never written.
        QVERIFY(!opened(path)->put(entry(QStringLiteral("*)(uid=*"), 1, kT0, 0, false), kT0, policy).ok());
    }

    void twoConsolesCountingAtOnceAddUp()
    {
        // Two consoles of one machine (two connections, two threads) each counting 40 failures of the same person at
        // the same time: 80 counted. A read and a write apart would let one overwrite the other's count.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        (void)opened(path);
        const SignInPolicy policy;
        std::atomic<int> errors{0};
        const auto console = [&] {
            auto book = FailureBook::open(path, FailureBook::Mode::Existing);
            if (!book) {
                ++errors;
                return;
            }
            for (int i = 0; i < 40; ++i)
                if (!book.value()->update(QStringLiteral("sven"), [](FailureBook::Entry &e) { ++e.counts.failures; }, kT0 + i, policy))
                    ++errors;
        };
        std::thread a(console), b(console);
        a.join();
        b.join();
        QCOMPARE(errors.load(), 0);
        const auto sven = opened(path, FailureBook::Mode::ReadOnly)->find(QStringLiteral("sven"));
        QVERIFY(sven.ok() && sven.value());
        QCOMPARE(sven.value()->counts.failures, 80);
        QCOMPARE(sven.value()->counts.name, QStringLiteral("sven"));
    }

    void filesThatAreNotOursAreLeftUntouched()
    {
        QTemporaryDir dir;
        const QString text = dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        // The local user directory is ours, but not this: refused by what it is, not by its name.
        const QString users = dir.filePath(QStringLiteral("users.db"));
        QVERIFY(UserDirectory::open(users, UserDirectory::Mode::CreateIfMissing).ok());
        const QString newer = dir.filePath(QStringLiteral("newer.db"));
        (void)opened(newer);
        QVERIFY(execute(newer, QStringLiteral("PRAGMA user_version = 2")).ok());
        for (const QString &path : {text, users, newer}) {
            const QByteArray before = bytesOf(path);
            for (auto mode : {FailureBook::Mode::CreateIfMissing, FailureBook::Mode::Existing, FailureBook::Mode::ReadOnly}) {
                const auto book = FailureBook::open(path, mode);
                QVERIFY(!book.ok());
                QVERIFY2(book.error().contains(QLatin1String("left untouched")) && book.error().contains(path), qPrintable(book.error()));
            }
            QCOMPARE(bytesOf(path), before);
        }
        QVERIFY2(FailureBook::open(newer, FailureBook::Mode::Existing).error().contains(QLatin1String("another version")),
                 qPrintable(FailureBook::open(newer, FailureBook::Mode::Existing).error()));
        // Missing and not asked to create: said, and not created.
        const QString none = dir.filePath(QStringLiteral("none.db"));
        QVERIFY(!FailureBook::open(none, FailureBook::Mode::Existing).ok());
        QVERIFY(!QFile::exists(none));
    }

    void aBookOthersMayWriteIsNotBelieved()
    {
        // Whoever may write it may lift any lockout in it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        (void)opened(path);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::WriteOther));
        const auto book = FailureBook::open(path, FailureBook::Mode::Existing);
        QVERIFY(!book.ok());
        QVERIFY2(book.error().contains(QLatin1String("failed sign-ins")), qPrintable(book.error()));
    }

    void aRowThatCannotBeTrueIsAnErrorNotALiftedLock()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        const SignInPolicy policy;
        QVERIFY(opened(path)->put(entry(QStringLiteral("olga"), 10, kT0, kT0 + policy.lockMs, true), kT0, policy).ok());
        for (const char *damage : {"failures = -1", "failures = 2000000", "locked_until_ms = -5", "last_failure_ms = -1", "known = 7",
                                   "name = 'Not A Name'"}) {
            const QString copy = dir.filePath(QStringLiteral("copy.db"));
            QFile::remove(copy);
            QVERIFY(QFile::copy(path, copy));
            QVERIFY(execute(copy, QStringLiteral("UPDATE failures SET %1").arg(QLatin1String(damage))).ok());
            auto book = opened(copy, FailureBook::Mode::Existing);
            const auto found = book->find(damage[0] == 'n' ? QStringLiteral("Not A Name") : QStringLiteral("olga"));
            QVERIFY2(!found.ok(), damage);
            QVERIFY2(found.error().contains(QLatin1String("cannot be true")) && found.error().contains(copy), qPrintable(found.error()));
            QVERIFY2(!book->list().ok(), damage);
        }
    }

    void madeUpNamesCannotPushALockoutOut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        const SignInPolicy policy;
        auto book = opened(path);
        const std::int64_t now = kT0 + 60'000;
        QVERIFY(book->put(entry(QStringLiteral("olga"), 10, kT0, kT0 + policy.lockMs, true), kT0, policy).ok());
        // A real person's failure long ago and settled: the first to go when room is needed.
        QVERIFY(book->put(entry(QStringLiteral("settled"), 2, kT0 - 3'600'000, 0, true), kT0, policy).ok());
        // An attacker's names fill the book (written in one transaction here: the book's own put would take minutes).
        QString sql = QStringLiteral("BEGIN;");
        for (int i = 0; i < FailureBook::kMaxNames - 2; ++i)
            sql += QStringLiteral("INSERT INTO failures VALUES('made-up-%1', 1, %2, 0, 0);").arg(i).arg(now);
        QVERIFY(execute(path, sql + QStringLiteral("COMMIT;")).ok());
        QCOMPARE(book->list().value().size(), size_t(FailureBook::kMaxNames));
        QVERIFY(book->put(entry(QStringLiteral("one-more"), 1, now, 0, false), now, policy).ok());
        auto rows = book->list().value();
        QVERIFY2(rows.size() <= size_t(FailureBook::kMaxNames), qPrintable(QString::number(rows.size())));
        QVERIFY(book->find(QStringLiteral("olga")).value());            // the lockout stays
        QVERIFY(!book->find(QStringLiteral("settled")).value());        // settled: gone first
        QVERIFY(book->find(QStringLiteral("one-more")).value());        // the newest is counted
        // Still full of made-up names, none settled: they go before anyone locked.
        QVERIFY(execute(path, QStringLiteral("INSERT INTO failures VALUES('made-up-x', 1, %1, 0, 0)").arg(now)).ok());
        QVERIFY(book->put(entry(QStringLiteral("two-more"), 1, now, 0, false), now, policy).ok());
        rows = book->list().value();
        QVERIFY2(rows.size() < size_t(10), qPrintable(QString::number(rows.size())));
        QVERIFY(book->find(QStringLiteral("olga")).value());
        QVERIFY(book->find(QStringLiteral("two-more")).value());
    }
};

QTEST_GUILESS_MAIN(TestFailureBook)
#include "tst_failurebook.moc"
