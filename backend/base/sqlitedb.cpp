#include "base/sqlitedb.h"

#include <sqlite3.h>

namespace cityops {

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const QString &path, Mode mode)
{
    sqlite3 *db = nullptr;
    const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString message = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close(db);
        return makeError(QStringLiteral("cannot open %1: %2").arg(path, message));
    }
    sqlite3_extended_result_codes(db, 1);
    return std::unique_ptr<SqliteDb>(new SqliteDb(db));
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(m_db); }

Status SqliteDb::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(message);
        return makeError(text);
    }
    return Ok{};
}

Result<std::int64_t> SqliteDb::pragmaInt(const QString &pragma)
{
    auto stmt = prepare(QStringLiteral("PRAGMA ") + pragma);
    if (!stmt)
        return makeError(stmt.error());
    QString error;
    if (!stmt->step(&error))
        return makeError(error.isEmpty() ? QStringLiteral("no answer to PRAGMA %1").arg(pragma) : error);
    return stmt->columnInt(0);
}

Status SqliteDb::inTransaction(const std::function<Status()> &work)
{
    if (auto begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun;
    Status done = work();
    if (done)
        done = exec(QStringLiteral("COMMIT"));
    if (!done)
        (void)exec(QStringLiteral("ROLLBACK"));
    return done;
}

Result<SqliteStatement> SqliteDb::prepare(const QString &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size()), &stmt, nullptr) != SQLITE_OK)
        return makeError(lastError());
    return SqliteStatement(stmt, m_db);
}

QString SqliteDb::lastError() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db)
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_stmt); }

void SqliteStatement::bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }
void SqliteStatement::bind(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }
void SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::bindNull(int index) { sqlite3_bind_null(m_stmt, index); }

bool SqliteStatement::step(QString *error)
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE && error)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

Status SqliteStatement::run()
{
    const int rc = sqlite3_step(m_stmt);
    const QString message = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? QString() : QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (!message.isEmpty())
        return makeError(message);
    return Ok{};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t SqliteStatement::columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double SqliteStatement::columnDouble(int column) const { return sqlite3_column_double(m_stmt, column); }
QString SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column)) : QString();
}
QByteArray SqliteStatement::columnBlob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return data ? QByteArray(data, sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}
bool SqliteStatement::columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

} // namespace cityops
