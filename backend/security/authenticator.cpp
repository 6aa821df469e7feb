#include "security/authenticator.h"

#include "base/counted.h"
#include "security/commonpasswords.h"

#include <QDateTime>

namespace cityops {

bool settleClockStep(const SignInPolicy &policy, UserAccount &account, std::int64_t nowMs)
{
    bool changed = false;
    if (account.lastFailureMs > nowMs) {
        account.lastFailureMs = nowMs;
        changed = true;
    }
    if (account.lockedUntilMs > nowMs + policy.lockMs) {
        account.lockedUntilMs = nowMs + policy.lockMs;
        changed = true;
    }
    return changed;
}

std::optional<SignInOutcome> refuseBeforeCheck(const SignInPolicy &policy, const UserAccount &account, std::int64_t now)
{
    if (account.lockedUntilMs > now) {
        return SignInOutcome{
            SignInRefusal::Locked,
            QStringLiteral("This account is locked after %1 failed sign-ins; an administrator can unlock it, or try again after %2.")
                .arg(account.failures)
                .arg(QDateTime::fromMSecsSinceEpoch(account.lockedUntilMs).toString(QStringLiteral("HH:mm"))),
            {}, account.lockedUntilMs, true};
    }
    const std::int64_t wait = policy.delayAfter(account.failures);
    if (wait > 0 && now < account.lastFailureMs + wait) {
        const std::int64_t retryAt = account.lastFailureMs + wait;
        return SignInOutcome{SignInRefusal::TooSoon,
                             QStringLiteral("Too many failed attempts: wait %1 s before trying again.").arg((retryAt - now + 999) / 1000),
                             {}, retryAt, true};
    }
    return std::nullopt;
}

SignInOutcome countWrongPassword(const SignInPolicy &policy, UserAccount &account, std::int64_t now)
{
    account.failures += 1;
    account.lastFailureMs = now;
    account.lockedUntilMs = account.failures >= policy.lockAfter ? now + policy.lockMs : 0;
    if (account.lockedUntilMs > 0)
        return {SignInRefusal::Locked,
                QStringLiteral("The password is wrong. This account is now locked for %1; an administrator can unlock it.")
                    .arg(counted(policy.lockMs / 60'000, "minute")),
                {}, account.lockedUntilMs, true};
    return {SignInRefusal::WrongCredentials, QStringLiteral("The name or the password is wrong."), {}, now + policy.delayAfter(account.failures),
            true};
}

namespace {
constexpr const char *kCommonPasswordSentence =
    "That password is one of the most common ones, the first a guesser tries: choose another (a few words of your own "
    "make a good one).";
} // namespace

std::optional<SignInOutcome> refuseNewPassword(const QByteArray &current, const QByteArray &next)
{
    const auto refused = [](const QString &sentence) {
        SignInOutcome o{SignInRefusal::NewPasswordRefused, sentence};
        o.nameKnown = true;   // asked only once the current password was right
        return o;
    };
    if (next.size() < kPasswordMinBytes)
        return refused(QStringLiteral("A password has at least %1 characters: choose a longer one.").arg(kPasswordMinBytes));
    if (next.size() > kPasswordMaxBytes || next.contains('\0'))
        return refused(QStringLiteral("A password has at most %1 characters, none of them NUL: choose another.").arg(kPasswordMaxBytes));
    if (next == current)
        return refused(QStringLiteral("The new password is the one you have: choose another."));
    if (isCommonPassword(next))
        return refused(QString::fromLatin1(kCommonPasswordSentence));
    return std::nullopt;
}

Actor actorFor(const UserAccount &account, const QStringList &districtNames)
{
    Actor a{account.name, {account.role}, {}};
    for (const QString &name : account.districts)
        for (int d = 0; d < districtNames.size(); ++d)
            if (districtNames[d].compare(name, Qt::CaseInsensitive) == 0)
                a.districts << d;
    return a;
}

} // namespace cityops
