#include "security/failurebook.h"

#include "base/trusteddb.h"
#include "security/userdirectory.h"

#include <QFileInfo>
#include <QStandardPaths>

namespace cityops {
namespace {

constexpr std::int64_t kApplicationId = 0x4359464C;   // "CYFL": CityOps failed sign-ins
constexpr int kSchemaVersion = 1;
constexpr int kMaxFailures = 1'000'000;               // far past any lock; more is not a count we wrote
const QString kColumns = QStringLiteral("name, failures, last_failure_ms, locked_until_ms, known");

Result<FailureBook::Entry> entryFrom(const SqliteStatement &s, const QString &path)
{
    FailureBook::Entry e;
    e.counts.name = s.columnText(0);
    const std::int64_t failures = s.columnInt(1);
    e.counts.lastFailureMs = s.columnInt(2);
    e.counts.lockedUntilMs = s.columnInt(3);
    const std::int64_t known = s.columnInt(4);
    // A row that cannot be true is damage: read as "no failures" it would lift a lockout.
    if (!UserDirectory::checkName(e.counts.name) || failures < 0 || failures > kMaxFailures || e.counts.lastFailureMs < 0
        || e.counts.lockedUntilMs < 0 || (known != 0 && known != 1))
        return makeError(QStringLiteral("%1 holds a row that cannot be true (name \"%2\", %3 failures, last at %4, locked until %5)")
                             .arg(path, e.counts.name.left(40))
                             .arg(failures)
                             .arg(e.counts.lastFailureMs)
                             .arg(e.counts.lockedUntilMs));
    e.counts.failures = int(failures);
    e.known = known == 1;
    return e;
}

} // namespace

Result<std::unique_ptr<FailureBook>> FailureBook::open(const QString &path, Mode mode)
{
    // Whoever could write it could lift a lockout: a file (or folder) someone else could change is not believed.
    TrustedDbKind kind;
    kind.applicationId = kApplicationId;
    kind.version = kSchemaVersion;
    kind.what = QStringLiteral("record of failed sign-ins");
    kind.schema = QStringLiteral("CREATE TABLE failures(name TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_ms INTEGER NOT NULL,"
                                 " locked_until_ms INTEGER NOT NULL, known INTEGER NOT NULL) STRICT");
    kind.whenMissing = QStringLiteral("there is no record of failed sign-ins at %1: nobody has failed to sign in at this machine's "
                                      "consoles against the directory");
    auto db = openTrustedDb(path, mode, kind);
    if (!db)
        return makeError(db.error());
    return std::unique_ptr<FailureBook>(new FailureBook(path, std::move(db).value()));
}

QString FailureBook::defaultPath()
{
    return QFileInfo(UserDirectory::defaultPath()).absolutePath() + QStringLiteral("/ldap-failures.db");
}

Result<std::optional<FailureBook::Entry>> FailureBook::find(const QString &name)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT %1 FROM failures WHERE name = ?").arg(kColumns));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, name);
    QString error;
    if (!stmt->step(&error)) {
        if (!error.isEmpty())
            return makeError(error);
        return std::optional<Entry>();
    }
    auto entry = entryFrom(stmt.value(), m_path);
    if (!entry)
        return makeError(entry.error());
    return std::optional<Entry>(entry.value());
}

Result<std::int64_t> FailureBook::rows()
{
    auto count = m_db->prepare(QStringLiteral("SELECT count(*) FROM failures"));
    if (!count)
        return makeError(count.error());
    QString error;
    if (!count->step(&error))
        return makeError(error);
    return count->columnInt(0);
}

Status FailureBook::makeRoom(std::int64_t now, const SignInPolicy &policy)
{
    // Ended lockouts whose last failure no longer delays anyone count for nothing; then made-up names, then anything
    // not locked: what an attacker typing names can push out never includes a lockout of a real person.
    const QString settled = QStringLiteral("locked_until_ms <= ?1 AND last_failure_ms + ?2 <= ?1");
    for (const QString &which : {settled, QStringLiteral("known = 0 OR locked_until_ms <= ?1")}) {
        const auto count = rows();
        if (!count)
            return makeError(count.error());
        if (count.value() < kMaxNames)
            return Ok{};
        auto remove = m_db->prepare(QStringLiteral("DELETE FROM failures WHERE %1").arg(which));
        if (!remove)
            return makeError(remove.error());
        remove->bind(1, now);
        if (which == settled)
            remove->bind(2, policy.maxDelayMs);
        if (auto s = remove->run(); !s)
            return s;
    }
    return Ok{};
}

Status FailureBook::put(const Entry &entry, std::int64_t now, const SignInPolicy &policy)
{
    if (auto s = UserDirectory::checkName(entry.counts.name); !s)
        return s;
    if (auto s = makeRoom(now, policy); !s)
        return s;
    auto stmt = m_db->prepare(QStringLiteral("INSERT INTO failures(%1) VALUES(?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                                             "failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, "
                                             "locked_until_ms = excluded.locked_until_ms, known = excluded.known").arg(kColumns));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, entry.counts.name);
    stmt->bind(2, entry.counts.failures);
    stmt->bind(3, entry.counts.lastFailureMs);
    stmt->bind(4, entry.counts.lockedUntilMs);
    stmt->bind(5, entry.known ? 1 : 0);
    return stmt->run();
}

Result<FailureBook::Entry> FailureBook::update(const QString &name, const std::function<void(Entry &)> &change, std::int64_t now,
                                               const SignInPolicy &policy)
{
    // One IMMEDIATE transaction: another console's count cannot fall between the read and the write.
    Entry entry;
    auto done = m_db->inTransaction([&]() -> Status {
        auto found = find(name);
        if (!found)
            return makeError(found.error());
        entry = found.value().value_or(Entry{});
        entry.counts.name = name;
        change(entry);
        return put(entry, now, policy);
    });
    if (!done)
        return makeError(done.error());
    return entry;
}

Result<bool> FailureBook::unlock(const QString &name, std::int64_t nowMs, const QString &by)
{
    bool removed = false;
    auto done = m_db->inTransaction([&]() -> Status {
        auto forgotten = forget(name);
        if (!forgotten)
            return makeError(forgotten.error());
        removed = forgotten.value();
        return adminjournal::write(*m_db, {0, 0, by.isEmpty() ? adminjournal::account() : by, QStringLiteral("unlock"), name, adminjournal::madeWhere(by, {})},
                                   nowMs);
    });
    if (!done)
        return makeError(done.error());
    return removed;
}

Result<adminjournal::Read> FailureBook::changesAfter(std::int64_t afterId, int limit)
{
    return adminjournal::read(*m_db, afterId, limit);
}

Result<bool> FailureBook::forget(const QString &name)
{
    auto stmt = m_db->prepare(QStringLiteral("DELETE FROM failures WHERE name = ? RETURNING name"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, name);
    QString error;
    bool removed = false;
    while (stmt->step(&error))
        removed = true;
    if (!error.isEmpty())
        return makeError(error);
    return removed;
}

Result<std::vector<FailureBook::Entry>> FailureBook::list()
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT %1 FROM failures ORDER BY name").arg(kColumns));
    if (!stmt)
        return makeError(stmt.error());
    std::vector<Entry> out;
    QString error;
    while (stmt->step(&error)) {
        auto entry = entryFrom(stmt.value(), m_path);
        if (!entry)
            return makeError(entry.error());
        out.push_back(entry.value());
    }
    if (!error.isEmpty())
        return makeError(error);
    return out;
}

} // namespace cityops
