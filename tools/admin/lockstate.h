#pragma once
// How cityops-admin lists an account's failed sign-ins, the same for the local directory and an LDAP directory's
// people: as the next sign-in would find them.
#include "base/counted.h"
#include "security/authenticator.h"

#include <QDateTime>
#include <QTimeZone>

namespace cityops::admin {

/// "locked until 2026-12-06T10:15:00+01:00", "3 failed sign-ins", or empty (none). A lock or a failure dated after now
/// (the clock was set back since) counts from now; the time carries its offset, so an admin reading the list later, or
/// on another machine, is not left to guess the zone.
/// A time as cityops-admin says it: with its offset ("2026-12-06T10:15:00+01:00").
inline QString whenText(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::systemTimeZone()).toString(Qt::ISODate); }

inline QString lockState(UserAccount a, const SignInPolicy &policy, std::int64_t now)
{
    settleClockStep(policy, a, now);
    if (a.lockedUntilMs > now)
        return QStringLiteral("locked until %1").arg(whenText(a.lockedUntilMs));
    return a.failures > 0 ? counted(a.failures, "failed sign-in") : QString();
}

} // namespace cityops::admin
