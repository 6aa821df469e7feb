#pragma once

#include "base/result.h"
#include "security/actor.h"
#include "security/signinpolicy.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace cityops {

/// One person who may sign in at a console, as the directory that knows them describes them.
struct UserAccount {
    QString name;                  ///< the sign-in name; what the record calls them
    Role role = Role::Viewer;
    QStringList districts;         ///< responders: the districts they answer for, by name as in the city package
    bool disabled = false;
    int failures = 0;              ///< failed sign-ins in a row
    std::int64_t lastFailureMs = 0;
    std::int64_t lockedUntilMs = 0;
    /// The password was set by an administrator for one use: the person sets their own before anything else.
    bool mustChangePassword = false;
    /// mustChangePassword: when that password stops serving even for that (ms since the epoch; 0: it does not).
    std::int64_t onceUntilMs = 0;

    /// The password set for one use was not taken in time: it opens nothing, not even its own change, until someone
    /// sets another.
    [[nodiscard]] bool oncePasswordExpired(std::int64_t nowMs) const { return mustChangePassword && onceUntilMs > 0 && nowMs >= onceUntilMs; }
};

/// Why a sign-in was refused. The sentence shown to the person never says whether the name exists.
enum class SignInRefusal { None, WrongCredentials, Disabled, Locked, TooSoon, Unavailable, NoRole,
                           NewPasswordRefused,  ///< a password change: the new one is not acceptable (too short, the same, the directory's policy)
                           Expired              ///< the password is right but no longer serves (one use not taken in time; expired in the directory)
};

struct SignInOutcome {
    SignInRefusal refusal = SignInRefusal::None;
    QString sentence;              ///< for the person at the console (empty on success)
    UserAccount account{};         ///< on success
    std::int64_t retryAtMs = 0;    ///< TooSoon and Locked: when the next attempt is taken
    /// The name is a person the directory knows. The record names refused attempts only then: people type their
    /// password into the name field, and the record must not keep it.
    bool nameKnown = false;
    /// On success: what the person should do soon, said once they are in ("Your password in the directory expires in
    /// 3 days …"). Empty: nothing.
    QString notice{};
    /// Refused because the directory wants the password changed first (reset, or expired with sign-ins left): a
    /// change of password with it goes through (Authenticator::changePassword).
    bool mustChangePassword{};
    bool ok() const { return refusal == SignInRefusal::None; }
};

/// Who checks a name and a password: the console's local user directory, or a city's LDAP directory. Both count
/// failures with the same SignInPolicy. signIn() may block (a hash, a network round trip): the console calls it off
/// its GUI thread, one attempt at a time; implementations must allow that.
class Authenticator {
public:
    virtual ~Authenticator() = default;
    virtual SignInOutcome signIn(const QString &name, const QByteArray &password, std::int64_t nowMs) = 0;
    /// Where people are checked, for the sign-in card and the log ("the user directory users.db", "LDAP at …").
    virtual QString describe() const = 0;
    /// Who `name` is, without their password: what other consoles' operations naming them are re-authorised
    /// against (nothing: no such person). May be called from any thread, alongside signIn().
    virtual Result<std::optional<UserAccount>> lookUp(const QString &name) = 0;
    /// A person sets their own new password, given their current one: the current one is checked as a sign-in checks
    /// it (a wrong one counted, the delay and the lockout applying — whoever sits at a desk left open cannot take its
    /// owner's account with a password of their own), then `next`, if acceptable, replaces it. Blocks like signIn().
    /// Succeeds with the account; refused like a sign-in, or NewPasswordRefused with what to choose instead.
    virtual SignInOutcome changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t nowMs) = 0;
    /// Whether this directory keeps a journal of its changes that the consoles record themselves (the local one:
    /// engine/adminwatch.h); otherwise the console where a person changed their password records it.
    virtual bool journalsChanges() const { return false; }
};

/// The length every password of ours keeps to, in bytes, whoever sets it (the person, or an administrator's tool).
inline constexpr int kPasswordMinBytes = 8;
inline constexpr int kPasswordMaxBytes = 1024;

/// What no directory takes as a new password, said as the refusal: the current one again, fewer than
/// kPasswordMinBytes or more than kPasswordMaxBytes, one with a NUL byte in it, or one of the most common passwords
/// (security/commonpasswords.h). Nothing when it is acceptable here
/// (a directory may judge it further).
std::optional<SignInOutcome> refuseNewPassword(const QByteArray &current, const QByteArray &next);

/// The Actor an account signs in as: its role, and its districts by index in `districtNames` (names compared
/// without case; unknown names are left out).
Actor actorFor(const UserAccount &account, const QStringList &districtNames);

/// Brings an account's failure times back to `nowMs` where they lie after it: the clock was set back since they were
/// stored (NTP correcting a clock that ran ahead). Otherwise the wait after a failure, or a lockout, would last as long
/// again as the step — a person locked out of the console for an hour by a clock correction. How much of the wait was
/// left is not known, so the policy's full wait starts again (never more). Returns whether anything changed (for the
/// caller to store).
bool settleClockStep(const SignInPolicy &policy, UserAccount &account, std::int64_t nowMs);
/// The policy's gate before a password is checked: a locked account, or an attempt before the delay has passed,
/// is refused without looking at the password (so a guess costs the attacker time even when it is right).
std::optional<SignInOutcome> refuseBeforeCheck(const SignInPolicy &policy, const UserAccount &account, std::int64_t nowMs);
/// After a wrong password: counts the failure on `account` (which the caller stores) and says what happens next.
SignInOutcome countWrongPassword(const SignInPolicy &policy, UserAccount &account, std::int64_t nowMs);

/// Short words for the record (the refusal's reason, never the sentence shown to the person).
inline QString refusalKey(SignInRefusal r)
{
    switch (r) {
    case SignInRefusal::None: return QStringLiteral("ok");
    case SignInRefusal::WrongCredentials: return QStringLiteral("wrong name or password");
    case SignInRefusal::Disabled: return QStringLiteral("account disabled");
    case SignInRefusal::Locked: return QStringLiteral("account locked");
    case SignInRefusal::TooSoon: return QStringLiteral("too soon after failures");
    case SignInRefusal::Unavailable: return QStringLiteral("directory unavailable");
    case SignInRefusal::NoRole: return QStringLiteral("no role at this console");
    case SignInRefusal::NewPasswordRefused: return QStringLiteral("new password refused");
    case SignInRefusal::Expired: return QStringLiteral("password expired");
    }
    return {};
}

} // namespace cityops
