#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace cityops {

class SqliteStatement;

/// Thin RAII wrapper over the SQLite C API: the city package and (later) the event store need prepared
/// statements, explicit transactions and exact error texts, which QtSql hides.
class SqliteDb {
public:
    enum class Mode { ReadOnly, Create };

    static Result<std::unique_ptr<SqliteDb>> open(const QString &path, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    Status exec(const QString &sql);
    Result<SqliteStatement> prepare(const QString &sql);
    /// The integer a PRAGMA answers (`application_id`, `user_version`, `schema_version`): how our files are told
    /// from others before anything is written to them.
    Result<std::int64_t> pragmaInt(const QString &pragma);
    /// Runs `work` in one IMMEDIATE transaction (the write lock taken before its first read, so another process's
    /// change cannot fall between its read and its write): committed when it succeeds, rolled back when it fails.
    Status inTransaction(const std::function<Status()> &work);
    QString lastError() const;
    sqlite3 *handle() const { return m_db; }

private:
    explicit SqliteDb(sqlite3 *db) : m_db(db) {}
    sqlite3 *m_db = nullptr;
};

/// A prepared statement; bind with 1-based indexes, step until done.
class SqliteStatement {
public:
    SqliteStatement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) {}
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    ~SqliteStatement();

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &value);
    void bind(int index, const QByteArray &blob);
    void bindNull(int index);

    /// Steps once: true when a row is available, false when done; errors are reported through `error`.
    bool step(QString *error = nullptr);
    Status run();   ///< step to completion and reset, for INSERT/UPDATE
    void reset();

    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
};

} // namespace cityops
