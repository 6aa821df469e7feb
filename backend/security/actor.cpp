#include "security/actor.h"

#include <algorithm>

namespace cityops {

Role Actor::highestRole() const
{
    Role best = Role::Viewer;
    for (Role r : roles)
        best = std::max(best, r);
    return best;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer: return QStringLiteral("viewer");
    case Role::Responder: return QStringLiteral("responder");
    case Role::Operator: return QStringLiteral("operator");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Admin: return QStringLiteral("admin");
    }
    return QStringLiteral("unknown");
}

bool roleFromName(const QString &name, Role *role)
{
    for (int i = 0; i < kRoleCount; ++i) {
        if (roleName(static_cast<Role>(i)) == name) {
            *role = static_cast<Role>(i);
            return true;
        }
    }
    return false;
}

namespace {

/// The least role that may do it anywhere; responders get the district-scoped ones on top.
Role leastRoleAnywhere(Permission p)
{
    switch (p) {
    case Permission::AcknowledgeIncident:
    case Permission::WorkIncident:
    case Permission::DispatchIncident:
    case Permission::ReportIncident:
    case Permission::AcknowledgeAlarm:
    case Permission::ShelveAlarm:
    case Permission::RequestCommand:
    case Permission::CancelCommand:
    case Permission::DriveWall:
        return Role::Operator;
    case Permission::CloseIncident:
    case Permission::CancelIncident:
    case Permission::RemoveAlarmFromService:
    case Permission::ApproveCommand:
    case Permission::OverrideInterlock:
    case Permission::UnlockAccount:
        return Role::Supervisor;
    case Permission::ManageAccounts:
        return Role::Admin;
    }
    return Role::Admin;
}

bool districtScopedForResponders(Permission p)
{
    return p == Permission::AcknowledgeIncident || p == Permission::WorkIncident;
}

} // namespace

bool permits(const Actor &actor, Permission permission, int district)
{
    if (!actor.isValid())
        return false;
    if (actor.highestRole() >= leastRoleAnywhere(permission))
        return true;
    return actor.has(Role::Responder) && districtScopedForResponders(permission) && district >= 0
           && actor.districts.contains(district);
}

QString refusal(const Actor &actor, Permission permission, const QString &districtName)
{
    const QString who = QStringLiteral("%1 (%2)").arg(actor.user, roleName(actor.highestRole()));
    if (actor.has(Role::Responder) && districtScopedForResponders(permission) && !districtName.isEmpty())
        return QStringLiteral("%1 acts only on incidents of their own districts, not on %2").arg(who, districtName);
    return QStringLiteral("%1 may not do this; it needs the role %2").arg(who, roleName(leastRoleAnywhere(permission)));
}

} // namespace cityops
