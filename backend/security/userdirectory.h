#pragma once

#include "base/result.h"
#include "base/sqlitedb.h"
#include "base/trusteddb.h"
#include "security/adminjournal.h"
#include "security/authenticator.h"
#include "security/passwordhash.h"
#include "security/peoplebook.h"
#include "security/signinpolicy.h"

#include <QStringList>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// The console's local user directory: a small SQLite file (by default in the console's data folder) with one row
/// per person — the name, an Argon2id hash of the password with its own salt, the role and the districts, and the
/// failure count that drives the delay and the lockout. Passwords are never stored, logged or returned.
///
/// A file that is not a CityOps directory (another SQLite database, anything else) is refused and left untouched.
/// Every change is one transaction: the file is never left half-written.
class UserDirectory : public Authenticator, public PeopleBook {
public:
    using Mode = TrustedDbMode;

    static Result<std::unique_ptr<UserDirectory>> open(const QString &path, Mode mode);
    /// Where the console and cityops-admin keep it unless told otherwise: users.db in the console's data folder.
    static QString defaultPath();
    const QString &path() const { return m_path; }

    /// Validates a sign-in name: 1 to 32 of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit.
    static Status checkName(const QString &name);
    /// Validates a new password: kPasswordMinBytes to kPasswordMaxBytes, no NUL byte.
    static Status checkPassword(const QByteArray &password);

    /// A password an administrator sets: the person's to keep, or to be used once — it then signs nobody in, only lets
    /// its person set their own (the administrator who chose it knows it; what is done under the name must be theirs).
    enum class PasswordUse { Lasting, Once };
    /// What the journal adds to the change that set a password for one use.
    static constexpr const char *kOnceDetail = "to be changed at first sign-in";
    /// How long a password for one use serves after it was set: long enough to reach a person who is off until the
    /// shift after a weekend, not so long that a note of it found later still opens the account. Once it has expired
    /// its person is refused (SignInRefusal::Expired) and an administrator sets another.
    static constexpr std::int64_t kOnceValidMs = 72 * 3600'000LL;
    /// How many of a person's earlier passwords (their own, not one set for one use) a change of password may not
    /// take again, besides the current one.
    static constexpr int kPasswordHistory = 3;

    Status add(const QString &name, Role role, const QStringList &districts, const QByteArray &password,
               PasswordUse use = PasswordUse::Lasting);
    Result<std::vector<UserAccount>> list() const;
    Result<std::optional<UserAccount>> find(const QString &name) const;
    Result<int> count() const;
    Status setRole(const QString &name, Role role, const QStringList &districts);
    /// `by`, here and below: the person who made the change at a console ("sam@desk-1"), said in the journal's line
    /// with adminjournal::kAtConsoleDetail; empty: this process's account (cityops-admin).
    Status setDisabled(const QString &name, bool disabled, const QString &by = {});
    Status resetPassword(const QString &name, const QByteArray &password, PasswordUse use = PasswordUse::Lasting, const QString &by = {});
    /// Clears the failure count and the lock.
    Status unlock(const QString &name, const QString &by = {});
    /// PeopleBook: everyone (list()); unlock(). The accounts are kept here, so a desk may also disable, enable and
    /// reset them (People finds this directory behind its book).
    Result<PeopleList> people(Read read) override;
    Status unlockPerson(const QString &name, const QString &by) override { return unlock(name, by); }
    /// A password for one use, drawn from the system's random source: 16 letters and digits that cannot be mistaken
    /// for one another when read out (no 0/o, 1/l/i), in groups of four — about 80 bits.
    static QByteArray drawTemporaryPassword();
    /// add, setRole, setDisabled, resetPassword and unlock are an administrator's changes: each is written to the
    /// file's journal (security/adminjournal.h) in its own transaction, as made by this process's account or `by`.
    /// These are the changes after `afterId`.
    Result<adminjournal::Read> changesAfter(std::int64_t afterId, int limit);

    /// Checks `password` for `name` at `nowMs`: counts failures, makes the next attempt wait and locks the account
    /// as the policy says; a success clears the count. A password set for one use is refused with mustChangePassword,
    /// and once kOnceValidMs have passed since it was set, as Expired (for a change of password too).
    SignInOutcome signIn(const QString &name, const QByteArray &password, std::int64_t nowMs) override;
    /// Also in the journal, as "change-password" by NAME@this-machine: the person's own change, which consoles record.
    /// Refused (NewPasswordRefused) for the current password or one of the kPasswordHistory before it.
    SignInOutcome changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t nowMs) override;
    bool journalsChanges() const override { return true; }
    QString describe() const override;
    /// find() on a connection of its own (the directory's main one belongs to the thread that signs people in);
    /// a disabled account is nobody.
    Result<std::optional<UserAccount>> lookUp(const QString &name) override;

    void setPolicy(const SignInPolicy &policy) { m_policy = policy; }
    const SignInPolicy &policy() const { return m_policy; }
    /// The Argon2id cost for new hashes (tests use a small one; verification reads the cost from each hash).
    void setCost(const passwordhash::Cost &cost) { m_cost = cost; }

private:
    UserDirectory(QString path, std::unique_ptr<SqliteDb> db) : m_path(std::move(path)), m_db(std::move(db)) {}
    enum class Purpose { SignIn, ChangePassword };
    /// signIn()'s check; for a change of password, a password set for one use is taken.
    SignInOutcome check(const QString &name, const QByteArray &password, std::int64_t nowMs, Purpose purpose);
    Status requireExisting(const QString &name) const;
    /// The hash in force, whether it was set for one use, and the person's earlier ones (newest first).
    struct PastPasswords {
        QByteArray current;
        bool once = false;
        QByteArrayList earlier;
    };
    Result<PastPasswords> pastPasswords(const QString &name) const;
    Status update(const QString &sql, const QString &name, const std::function<void(SqliteStatement &)> &bind = {});
    /// update() and its line in the journal, in one transaction, made `by` that account (empty: this process's, an
    /// administrator's).
    Status administer(const QString &what, const QString &name, const QString &detail, const QString &sql,
                      const std::function<void(SqliteStatement &)> &bind, const QString &by = {});

    QString m_path;
    std::unique_ptr<SqliteDb> m_db;
    std::mutex m_lookupMutex;
    std::unique_ptr<UserDirectory> m_lookup;   ///< read-only, opened on the first lookUp
    SignInPolicy m_policy;
    passwordhash::Cost m_cost;
    /// One caller at a time on the main connection: a console signs in, checks step-ups, changes passwords and
    /// administers accounts from worker threads, and two transactions must not interleave on one connection.
    mutable std::recursive_mutex m_mutex;
};

} // namespace cityops
