#include "security/adminjournal.h"

#include "base/hexdigits.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace cityops::adminjournal {
namespace {

const char *const kSchema =
    "CREATE TABLE IF NOT EXISTS admin_journal(journal_id TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS admin_changes(id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, by TEXT NOT NULL,"
    " what TEXT NOT NULL, name TEXT NOT NULL, detail TEXT NOT NULL)";

/// Up to the year 9999: a time past it is not the machine's clock.
constexpr std::int64_t kLatestMs = 253'402'300'799'999;

/// Printable, on one line, 1 to `most` characters (0 allowed when `mayBeEmpty`).
bool isLine(const QString &text, int most, bool mayBeEmpty = false)
{
    if (text.size() > most || (text.isEmpty() && !mayBeEmpty))
        return false;
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return false;
    return true;
}

Result<bool> hasJournal(SqliteDb &db)
{
    auto stmt = db.prepare(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('admin_journal', 'admin_changes')"));
    if (!stmt)
        return makeError(stmt.error());
    QString error;
    if (!stmt->step(&error))
        return makeError(error);
    return stmt->columnInt(0) == 2;
}

Result<QString> journalId(SqliteDb &db)
{
    auto stmt = db.prepare(QStringLiteral("SELECT journal_id FROM admin_journal"));
    if (!stmt)
        return makeError(stmt.error());
    QString id;
    int rows = 0;
    QString error;
    while (stmt->step(&error)) {
        id = stmt->columnText(0);
        ++rows;
    }
    if (!error.isEmpty())
        return makeError(error);
    if (rows == 0)
        return QString();
    if (rows > 1 || !hexdigits::isSixteen(id))
        return makeError(QStringLiteral("the administrators' journal has no id it could have drawn"));
    return id;
}

} // namespace

bool isChange(const QString &what, Words words)
{
    static const QStringList accounts{QStringLiteral("add"),    QStringLiteral("set-role"),       QStringLiteral("disable"),
                                      QStringLiteral("enable"), QStringLiteral("reset-password"), QStringLiteral("unlock"),
                                      QStringLiteral("change-password")};
    static const QStringList keyrings{QStringLiteral("console-add"), QStringLiteral("console-remove"), QStringLiteral("approver-add"),
                                      QStringLiteral("approver-remove")};
    return (words == Words::Accounts ? accounts : keyrings).contains(what);
}

Status check(const AdminChange &c, Words words)
{
    // `by` is one word ("root@ops-1"): the record names it in parentheses where a sign-in name would stand.
    static const QRegularExpression notOneWord(QStringLiteral("[\\s()]"));
    if (c.id <= 0 || c.timeMs < 0 || c.timeMs > kLatestMs || !isLine(c.by, 200) || c.by.contains(notOneWord)
        || !isChange(c.what, words) || !isLine(c.name, 256)
        || !isLine(c.detail, 400, true))
        return makeError(QStringLiteral("change %1 of the administrators' journal cannot be one").arg(c.id));
    return Ok{};
}

QString drawJournalId() { return QStringLiteral("%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0')); }

Status write(SqliteDb &db, AdminChange change, std::int64_t nowMs)
{
    change.id = 1;   // numbered by the journal; checked as the first would be
    change.timeMs = nowMs;
    if (auto ok = check(change, Words::Accounts); !ok)
        return makeError(QStringLiteral("not written to the administrators' journal: %1 %2 by %3").arg(change.what, change.name, change.by));
    if (auto made = db.exec(QString::fromLatin1(kSchema)); !made)
        return made;
    auto id = journalId(db);
    if (!id)
        return makeError(id.error());
    if (id.value().isEmpty()) {
        auto draw = db.prepare(QStringLiteral("INSERT INTO admin_journal(journal_id) VALUES(?)"));
        if (!draw)
            return makeError(draw.error());
        draw->bind(1, drawJournalId());
        if (auto s = draw->run(); !s)
            return s;
    }
    auto insert = db.prepare(QStringLiteral("INSERT INTO admin_changes(time_ms, by, what, name, detail) VALUES(?, ?, ?, ?, ?)"));
    if (!insert)
        return makeError(insert.error());
    insert->bind(1, change.timeMs);
    insert->bind(2, change.by);
    insert->bind(3, change.what);
    insert->bind(4, change.name);
    insert->bind(5, change.detail);
    if (auto s = insert->run(); !s)
        return s;
    return db.exec(QStringLiteral("DELETE FROM admin_changes WHERE id <= (SELECT MAX(id) FROM admin_changes) - %1").arg(kKept));
}

Result<Read> read(SqliteDb &db, std::int64_t afterId, int limit)
{
    Read out;
    auto has = hasJournal(db);
    if (!has)
        return makeError(has.error());
    if (!has.value())
        return out;
    auto id = journalId(db);
    if (!id)
        return makeError(id.error());
    out.journalId = id.value();
    auto stmt = db.prepare(QStringLiteral("SELECT id, time_ms, by, what, name, detail FROM admin_changes WHERE id > ? ORDER BY id LIMIT ?"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, afterId);
    stmt->bind(2, limit + 1);
    QString error;
    while (stmt->step(&error)) {
        if (int(out.changes.size()) == limit) {
            out.more = true;
            break;
        }
        AdminChange c{stmt->columnInt(0), stmt->columnInt(1), stmt->columnText(2), stmt->columnText(3), stmt->columnText(4), stmt->columnText(5)};
        if (auto ok = check(c, Words::Accounts); !ok)
            return makeError(ok.error());
        out.changes.push_back(std::move(c));
    }
    if (!error.isEmpty())
        return makeError(error);
    return out;
}

QString madeWhere(const QString &by, const QString &detail)
{
    if (by.isEmpty())
        return detail;
    const QString where = QLatin1String(kAtConsoleDetail);
    return detail.isEmpty() ? where : where + QStringLiteral("; ") + detail;
}

QString account(const QString &person)
{
    QString user = person;
    if (user.isEmpty())
        if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
            user = QString::fromLocal8Bit(pw->pw_name);
    if (user.isEmpty() || !isLine(user, 64))
        user = QStringLiteral("uid %1").arg(geteuid());
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty() || !isLine(host, 120))
        host = QStringLiteral("this machine");
    // One word, as check() wants it: an account or machine named with a space still makes its changes.
    return QString(user + QLatin1Char('@') + host).replace(QRegularExpression(QStringLiteral("[\\s()]")), QStringLiteral("_"));
}

QString recordedDetail(const AdminChange &change, const QString &file, const QString &journalId)
{
    // In UTC: the record is read on other machines, in other zones, and this text is signed as it is.
    const QString made = QDateTime::fromMSecsSinceEpoch(change.timeMs, Qt::UTC).toString(Qt::ISODate);
    // One arg() for all: a '%' in a name or detail is never taken for a place to fill.
    return QStringLiteral("%1 %2%3 (%4 change %5 of journal %6, made %7)")
        .arg(change.what, change.name, change.detail.isEmpty() ? QString() : QStringLiteral(": ") + change.detail, file,
             QString::number(change.id), journalId, made);
}

std::optional<std::int64_t> recordedId(const QString &detail, const QString &journalId)
{
    if (!hexdigits::isSixteen(journalId))
        return std::nullopt;
    const QRegularExpression position(QStringLiteral(" change (\\d{1,18}) of journal %1, made [^()]*\\)$").arg(journalId));
    const auto match = position.match(detail);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

} // namespace cityops::adminjournal
