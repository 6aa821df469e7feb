#pragma once

#include "base/result.h"
#include "base/sqlitedb.h"
#include "base/trusteddb.h"
#include "security/adminjournal.h"
#include "security/authenticator.h"
#include "security/signinpolicy.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace cityops {

/// The failed sign-ins of people a directory the console does not write knows (a city's LDAP directory): how many in
/// a row, when the last, locked until when, and whether the directory has an entry of that name. Kept in a small
/// SQLite file in the console's data folder, so that a lockout outlasts a restart of the console (an attacker who
/// can make it restart does not get ten new guesses), is shared by the consoles of one machine, and is lifted by an
/// administrator (`cityops-admin user unlock NAME --directory ldaps://…`) without a restart.
///
/// A file that is not ours, of another version, or that someone else could change is refused with a sentence and
/// left untouched; a row whose figures cannot be true is an error, never read as "no failures". Every change is one
/// statement or one transaction: the file is never left half-written. Bounded: past `kMaxNames` rows, ended lockouts and long-past
/// failures go first, then made-up names, then anything not locked — an attacker typing names cannot grow it.
class FailureBook {
public:
    using Mode = TrustedDbMode;
    static constexpr int kMaxNames = 4096;

    /// What the book holds of one name. `counts`: name, failures, lastFailureMs, lockedUntilMs (role and districts
    /// are the directory's, never kept here).
    struct Entry {
        UserAccount counts;
        bool known = false;   ///< the directory has an entry of this name (what the record may name)
    };

    static Result<std::unique_ptr<FailureBook>> open(const QString &path, Mode mode);
    /// ldap-failures.db beside the local user directory, in the console's data folder (cityops-admin finds it there).
    static QString defaultPath();
    const QString &path() const { return m_path; }

    /// Nothing: the name has no failures counted.
    Result<std::optional<Entry>> find(const QString &name);
    /// Writes the name's counts as given; makes room first when the book is full.
    Status put(const Entry &entry, std::int64_t nowMs, const SignInPolicy &policy);
    /// Reads the name's counts (none: a fresh entry of that name), lets `change` alter them, and writes them back, in
    /// one transaction: two consoles of the machine counting the same person's failures at once add up, rather than
    /// one overwriting the other. What was written.
    Result<Entry> update(const QString &name, const std::function<void(Entry &)> &change, std::int64_t nowMs, const SignInPolicy &policy);
    /// Clears the name's counts (a successful sign-in, an administrator's unlock). Whether there were any.
    Result<bool> forget(const QString &name);
    /// An administrator's unlock: forget() and its line in the file's journal (security/adminjournal.h), in one
    /// transaction. `by`: the person who made it at a console ("sven@desk-1"); empty: this process's account
    /// (cityops-admin). Whether there were counts.
    Result<bool> unlock(const QString &name, std::int64_t nowMs, const QString &by = {});
    /// The administrators' unlocks after `afterId`.
    Result<adminjournal::Read> changesAfter(std::int64_t afterId, int limit);
    /// Every name with counts, by name.
    Result<std::vector<Entry>> list();

private:
    FailureBook(QString path, std::unique_ptr<SqliteDb> db) : m_path(std::move(path)), m_db(std::move(db)) {}
    Result<std::int64_t> rows();
    Status makeRoom(std::int64_t nowMs, const SignInPolicy &policy);

    QString m_path;
    std::unique_ptr<SqliteDb> m_db;
};

} // namespace cityops
