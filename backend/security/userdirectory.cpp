#include "security/userdirectory.h"

#include "security/commonpasswords.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <functional>

namespace cityops {
namespace {

constexpr std::int64_t kApplicationId = 0x43594F55;   // "CYOU": CityOps users
constexpr int kSchemaVersion = 3;   // 2: must_change; 3: must_change_by_ms, previous_hashes

UserAccount accountFrom(const SqliteStatement &s)
{
    UserAccount a;
    a.name = s.columnText(0);
    roleFromName(s.columnText(1), &a.role);
    a.districts = s.columnText(2).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    a.disabled = s.columnInt(3) != 0;
    a.failures = int(s.columnInt(4));
    a.lastFailureMs = s.columnInt(5);
    a.lockedUntilMs = s.columnInt(6);
    a.mustChangePassword = s.columnInt(7) != 0;
    a.onceUntilMs = a.mustChangePassword ? s.columnInt(8) : 0;
    return a;
}

const QString kColumns = QStringLiteral("name, role, districts, disabled, failures, last_failure_ms, locked_until_ms, must_change, must_change_by_ms");

std::int64_t nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

/// When a password set now stops serving: for one use, kOnceValidMs from now; a lasting one, never (0).
std::int64_t onceUntil(UserDirectory::PasswordUse use)
{
    return use == UserDirectory::PasswordUse::Once ? nowMs() + UserDirectory::kOnceValidMs : 0;
}

const QString kClearFailures = QStringLiteral("UPDATE users SET failures = 0, locked_until_ms = 0, changed_ms = ? WHERE name = ?");

/// What the journal says of a role given: "supervisor" or "responder of East, West".
QString roleDetail(Role role, const QStringList &districts)
{
    return districts.isEmpty() ? roleName(role) : QStringLiteral("%1 of %2").arg(roleName(role), districts.join(QStringLiteral(", ")));
}

} // namespace

Result<std::unique_ptr<UserDirectory>> UserDirectory::open(const QString &path, Mode mode)
{
    // The directory says who holds which role: a file (or folder) someone else could change is not believed.
    TrustedDbKind kind;
    kind.applicationId = kApplicationId;
    kind.version = kSchemaVersion;
    kind.what = QStringLiteral("user directory");
    kind.schema = QStringLiteral(
        "CREATE TABLE users(name TEXT PRIMARY KEY, hash TEXT NOT NULL, role TEXT NOT NULL, districts TEXT NOT NULL DEFAULT '',"
        " disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, last_failure_ms INTEGER NOT NULL DEFAULT 0,"
        " locked_until_ms INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL, changed_ms INTEGER NOT NULL,"
        " must_change INTEGER NOT NULL DEFAULT 0, must_change_by_ms INTEGER NOT NULL DEFAULT 0, previous_hashes TEXT NOT NULL DEFAULT '')");
    // A password for one use set by the earlier release had no end: it gets the full time from the upgrade on, so
    // that nobody waiting for theirs is turned away by it, and none stays open for good.
    kind.upgrades = {QStringLiteral("ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0"),
                     QStringLiteral("ALTER TABLE users ADD COLUMN must_change_by_ms INTEGER NOT NULL DEFAULT 0;"
                                    " ALTER TABLE users ADD COLUMN previous_hashes TEXT NOT NULL DEFAULT '';"
                                    " UPDATE users SET must_change_by_ms = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + %1"
                                    " WHERE must_change <> 0")
                         .arg(kOnceValidMs)};
    kind.whenMissing = QStringLiteral("there is no user directory at %1 (cityops-admin user add creates one)");
    auto db = openTrustedDb(path, mode, kind);
    if (!db)
        return makeError(db.error());
    return std::unique_ptr<UserDirectory>(new UserDirectory(path, std::move(db).value()));
}

QString UserDirectory::defaultPath()
{
    // The console's QStandardPaths::AppDataLocation (organisation CityOps, application cityops), spelled out so that
    // cityops-admin, another application, finds the same file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/CityOps/cityops/users.db");
}

Status UserDirectory::checkName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,31}$"));
    if (!valid.match(name).hasMatch())
        return makeError(QStringLiteral("\"%1\" is not a valid user name: 1 to 32 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
                             .arg(name.left(40)));
    return Ok{};
}

Status UserDirectory::checkPassword(const QByteArray &password)
{
    if (password.size() < kPasswordMinBytes)
        return makeError(QStringLiteral("a password needs at least %1 characters").arg(kPasswordMinBytes));
    if (password.size() > kPasswordMaxBytes)
        return makeError(QStringLiteral("a password may have at most %1 bytes").arg(kPasswordMaxBytes));
    if (password.contains('\0'))
        return makeError(QStringLiteral("a password may not hold a NUL byte"));
    if (isCommonPassword(password))
        return makeError(QStringLiteral("that password is one of the most common ones, the first a guesser tries: choose another"));
    return Ok{};
}

Status UserDirectory::add(const QString &name, Role role, const QStringList &districts, const QByteArray &password, PasswordUse use)
{
    if (auto s = checkName(name); !s)
        return s;
    if (auto s = checkPassword(password); !s)
        return s;
    auto existing = find(name);
    if (!existing)
        return makeError(existing.error());
    if (existing.value())
        return makeError(QStringLiteral("there is already a user %1").arg(name));
    auto hash = passwordhash::hash(password, m_cost);
    if (!hash)
        return makeError(hash.error());
    const std::lock_guard lock(m_mutex);
    return m_db->inTransaction([&]() -> Status {
        auto stmt = m_db->prepare(
            QStringLiteral("INSERT INTO users(name, hash, role, districts, created_ms, changed_ms, must_change, must_change_by_ms)"
                           " VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        if (!stmt)
            return makeError(stmt.error());
        stmt->bind(1, name);
        stmt->bind(2, QString::fromLatin1(hash.value()));
        stmt->bind(3, roleName(role));
        stmt->bind(4, districts.join(QLatin1Char('\n')));
        stmt->bind(5, nowMs());
        stmt->bind(6, nowMs());
        stmt->bind(7, use == PasswordUse::Once ? 1 : 0);
        stmt->bind(8, onceUntil(use));
        if (auto s = stmt->run(); !s)
            return s;
        QString detail = roleDetail(role, districts);
        if (use == PasswordUse::Once)
            detail += QStringLiteral("; ") + QLatin1String(kOnceDetail);
        return adminjournal::write(*m_db, {0, 0, adminjournal::account(), QStringLiteral("add"), name, detail}, nowMs());
    });
}

Result<PeopleList> UserDirectory::people(Read /*read: the roles are in the same rows*/)
{
    auto accounts = list();
    if (!accounts)
        return makeError(accounts.error());
    PeopleList out;   // every account here has the role it was given
    out.people.reserve(accounts->size());
    for (UserAccount &a : accounts.value())
        out.people.push_back({std::move(a)});
    return out;
}

Result<std::vector<UserAccount>> UserDirectory::list() const
{
    const std::lock_guard lock(m_mutex);
    auto stmt = m_db->prepare(QStringLiteral("SELECT %1 FROM users ORDER BY name").arg(kColumns));
    if (!stmt)
        return makeError(stmt.error());
    std::vector<UserAccount> out;
    QString error;
    while (stmt->step(&error))
        out.push_back(accountFrom(stmt.value()));
    if (!error.isEmpty())
        return makeError(error);
    return out;
}

Result<std::optional<UserAccount>> UserDirectory::find(const QString &name) const
{
    const std::lock_guard lock(m_mutex);
    auto stmt = m_db->prepare(QStringLiteral("SELECT %1 FROM users WHERE name = ?").arg(kColumns));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, name);
    QString error;
    if (stmt->step(&error))
        return std::optional<UserAccount>(accountFrom(stmt.value()));
    if (!error.isEmpty())
        return makeError(error);
    return std::optional<UserAccount>();
}

Result<std::optional<UserAccount>> UserDirectory::lookUp(const QString &name)
{
    std::lock_guard lock(m_lookupMutex);
    if (!m_lookup) {
        auto opened = open(m_path, Mode::ReadOnly);
        if (!opened)
            return makeError(opened.error());
        m_lookup = std::move(opened).value();
    }
    auto found = m_lookup->find(name);
    if (found && found.value() && found.value()->disabled)
        return std::optional<UserAccount>();
    return found;
}

Result<int> UserDirectory::count() const
{
    const std::lock_guard lock(m_mutex);
    auto stmt = m_db->prepare(QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!stmt)
        return makeError(stmt.error());
    QString error;
    if (!stmt->step(&error))
        return makeError(error);
    return int(stmt->columnInt(0));
}

Status UserDirectory::requireExisting(const QString &name) const
{
    auto existing = find(name);
    if (!existing)
        return makeError(existing.error());
    if (!existing.value())
        return makeError(QStringLiteral("there is no user %1").arg(name));
    return Ok{};
}

Status UserDirectory::update(const QString &sql, const QString &name, const std::function<void(SqliteStatement &)> &bind)
{
    const std::lock_guard lock(m_mutex);
    if (auto s = requireExisting(name); !s)
        return s;
    auto stmt = m_db->prepare(sql);
    if (!stmt)
        return makeError(stmt.error());
    int next = 1;
    if (bind) {
        bind(stmt.value());
        next = int(std::count(sql.begin(), sql.end(), QLatin1Char('?')));
    }
    stmt->bind(next, name);
    return stmt->run();
}

Status UserDirectory::administer(const QString &what, const QString &name, const QString &detail, const QString &sql,
                                 const std::function<void(SqliteStatement &)> &bind, const QString &by)
{
    const std::lock_guard lock(m_mutex);
    return m_db->inTransaction([&]() -> Status {
        if (auto s = update(sql, name, bind); !s)
            return s;
        return adminjournal::write(*m_db, {0, 0, by.isEmpty() ? adminjournal::account() : by, what, name, detail}, nowMs());
    });
}

Result<adminjournal::Read> UserDirectory::changesAfter(std::int64_t afterId, int limit)
{
    const std::lock_guard lock(m_mutex);
    return adminjournal::read(*m_db, afterId, limit);
}

Status UserDirectory::setRole(const QString &name, Role role, const QStringList &districts)
{
    return administer(QStringLiteral("set-role"), name, roleDetail(role, districts),
                      QStringLiteral("UPDATE users SET role = ?, districts = ?, changed_ms = ? WHERE name = ?"), [&](SqliteStatement &s) {
                          s.bind(1, roleName(role));
                          s.bind(2, districts.join(QLatin1Char('\n')));
                          s.bind(3, nowMs());
                      });
}

Status UserDirectory::setDisabled(const QString &name, bool disabled, const QString &by)
{
    return administer(disabled ? QStringLiteral("disable") : QStringLiteral("enable"), name, adminjournal::madeWhere(by, {}),
                      QStringLiteral("UPDATE users SET disabled = ?, changed_ms = ? WHERE name = ?"), [&](SqliteStatement &s) {
                          s.bind(1, disabled ? 1 : 0);
                          s.bind(2, nowMs());
                      },
                      by);
}

Status UserDirectory::resetPassword(const QString &name, const QByteArray &password, PasswordUse use, const QString &by)
{
    if (auto s = checkPassword(password); !s)
        return s;
    auto hash = passwordhash::hash(password, m_cost);
    if (!hash)
        return makeError(hash.error());
    return administer(QStringLiteral("reset-password"), name, adminjournal::madeWhere(by, use == PasswordUse::Once ? QString::fromLatin1(kOnceDetail) : QString()),
                      QStringLiteral("UPDATE users SET hash = ?, must_change = ?, must_change_by_ms = ?, failures = 0, locked_until_ms = 0,"
                                     " changed_ms = ? WHERE name = ?"),
                      [&](SqliteStatement &s) {
                          s.bind(1, QString::fromLatin1(hash.value()));
                          s.bind(2, use == PasswordUse::Once ? 1 : 0);
                          s.bind(3, onceUntil(use));
                          s.bind(4, nowMs());
                      },
                      by);
}

SignInOutcome UserDirectory::changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t now)
{
    SignInOutcome checked = check(name, current, now, Purpose::ChangePassword);
    if (!checked.ok())
        return checked;
    if (auto refused = refuseNewPassword(current, next))
        return *refused;
    const auto unavailable = [](const QString &why) {
        SignInOutcome o{SignInRefusal::Unavailable, QStringLiteral("The new password could not be stored: %1. The current one still holds.").arg(why)};
        o.nameKnown = true;
        return o;
    };
    // Not one the person had before: a password that leaked once comes back when people cycle two of them.
    auto past = pastPasswords(name);
    if (!past)
        return unavailable(past.error());
    for (const QByteArray &earlier : past->earlier)
        if (passwordhash::verify(earlier, next)) {
            SignInOutcome o{SignInRefusal::NewPasswordRefused,
                            QStringLiteral("You have had that password before: choose one you have not used (the directory remembers your last %1).")
                                .arg(kPasswordHistory + 1)};
            o.nameKnown = true;
            return o;
        }
    // The one it replaces joins them, unless an administrator chose it (for one use): that was never the person's.
    QByteArrayList kept = past->earlier;
    if (!past->once)
        kept.prepend(past->current);
    kept = kept.mid(0, kPasswordHistory);
    auto hash = passwordhash::hash(next, m_cost);
    if (!hash)
        return unavailable(hash.error());
    // In the journal as the person's own change at this machine, not an administrator's: a replay says who set it.
    const QString by = adminjournal::account(name);
    const Status stored = administer(QStringLiteral("change-password"), name, QString(),
                                     QStringLiteral("UPDATE users SET hash = ?, previous_hashes = ?, must_change = 0, must_change_by_ms = 0, changed_ms = ?"
                                                    " WHERE name = ?"),
                                     [&](SqliteStatement &st) {
                                         st.bind(1, QString::fromLatin1(hash.value()));
                                         st.bind(2, QString::fromLatin1(kept.join('\n')));
                                         st.bind(3, nowMs());
                                     },
                                     by);
    if (!stored)
        return unavailable(stored.error());
    checked.account.mustChangePassword = false;
    checked.account.onceUntilMs = 0;
    return checked;
}

Result<UserDirectory::PastPasswords> UserDirectory::pastPasswords(const QString &name) const
{
    const std::lock_guard lock(m_mutex);
    auto stmt = m_db->prepare(QStringLiteral("SELECT hash, previous_hashes, must_change FROM users WHERE name = ?"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, name);
    QString error;
    if (!stmt->step(&error))
        return makeError(error.isEmpty() ? QStringLiteral("there is no user %1").arg(name) : error);
    PastPasswords past;
    past.current = stmt->columnText(0).toLatin1();
    for (const QByteArray &h : stmt->columnText(1).toLatin1().split('\n'))
        if (!h.isEmpty())
            past.earlier << h;
    past.once = stmt->columnInt(2) != 0;
    return past;
}

Status UserDirectory::unlock(const QString &name, const QString &by)
{
    return administer(QStringLiteral("unlock"), name, adminjournal::madeWhere(by, {}), kClearFailures, [&](SqliteStatement &s) { s.bind(1, nowMs()); }, by);
}

QByteArray UserDirectory::drawTemporaryPassword()
{
    static constexpr char kReadable[] = "abcdefghjkmnpqrstuvwxyz23456789";   // 31 signs: log2(31) * 16 = 79 bits
    QByteArray drawn;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0)
            drawn += '-';
        drawn += kReadable[QRandomGenerator::system()->bounded(int(sizeof kReadable) - 1)];
    }
    return drawn;
}

QString UserDirectory::describe() const { return QStringLiteral("the user directory %1").arg(m_path); }

SignInOutcome UserDirectory::signIn(const QString &name, const QByteArray &password, std::int64_t now)
{
    return check(name, password, now, Purpose::SignIn);
}

SignInOutcome UserDirectory::check(const QString &name, const QByteArray &password, std::int64_t now, Purpose purpose)
{
    const std::lock_guard lock(m_mutex);
    UserAccount account;
    QByteArray hash;
    {
        auto stmt = m_db->prepare(QStringLiteral("SELECT %1, hash FROM users WHERE name = ?").arg(kColumns));
        if (!stmt)
            return {SignInRefusal::Unavailable, QStringLiteral("The user directory cannot be read: %1").arg(stmt.error())};
        stmt->bind(1, name);
        QString error;
        if (!stmt->step(&error)) {
            if (!error.isEmpty())
                return {SignInRefusal::Unavailable, QStringLiteral("The user directory cannot be read: %1").arg(error)};
            passwordhash::burn(password);   // an unknown name costs what a wrong password costs
            return {SignInRefusal::WrongCredentials, QStringLiteral("The name or the password is wrong.")};
        }
        account = accountFrom(stmt.value());
        hash = stmt->columnText(9).toLatin1();
    }   // the read ends here, before any write
    // From here on the name is an account: every outcome says so.
    const auto known = [](SignInOutcome o) { o.nameKnown = true; return o; };

    if (settleClockStep(m_policy, account, now))
        (void)update(QStringLiteral("UPDATE users SET last_failure_ms = ?, locked_until_ms = ? WHERE name = ?"), name, [&](SqliteStatement &s) {
            s.bind(1, account.lastFailureMs);
            s.bind(2, account.lockedUntilMs);
        });
    if (auto refused = refuseBeforeCheck(m_policy, account, now))
        return *refused;
    if (!passwordhash::verify(hash, password)) {
        SignInOutcome refused = countWrongPassword(m_policy, account, now);
        (void)update(QStringLiteral("UPDATE users SET failures = ?, last_failure_ms = ?, locked_until_ms = ? WHERE name = ?"), name,
                     [&](SqliteStatement &s) {
                         s.bind(1, account.failures);
                         s.bind(2, account.lastFailureMs);
                         s.bind(3, account.lockedUntilMs);
                     });
        return refused;
    }
    if (account.disabled)
        return known({SignInRefusal::Disabled, QStringLiteral("This account is disabled; ask an administrator.")});
    if (account.failures > 0 || account.lockedUntilMs > 0)
        (void)update(kClearFailures, name, [&](SqliteStatement &s) { s.bind(1, nowMs()); });   // the person's own, not an administrator's
    account.failures = 0;
    account.lockedUntilMs = 0;
    // Its password is right, and known to whoever set it: it opens nothing but the change to the person's own, and
    // that only while it is fresh (a note of it found days later opens nothing).
    if (account.oncePasswordExpired(now))
        return known({SignInRefusal::Expired, QStringLiteral("This password was set for you for one use until %1 and has expired: ask an "
                                                             "administrator for a new one.")
                                                  .arg(QDateTime::fromMSecsSinceEpoch(account.onceUntilMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")))});
    if (account.mustChangePassword && purpose == Purpose::SignIn) {
        SignInOutcome refused = known({SignInRefusal::Disabled,
                                       QStringLiteral("This password was set for you by an administrator, to be used once: set your own (Change "
                                                      "password on this card), then sign in.")});
        refused.mustChangePassword = true;
        return refused;
    }
    SignInOutcome out;
    out.account = account;
    return known(out);
}

} // namespace cityops
