#pragma once

#include <QList>
#include <QString>

#include <cstdint>

namespace cityops {

/// Roles of ARCHITECTURE §10, from least to most trusted.
enum class Role : std::uint8_t { Viewer, Responder, Operator, Supervisor, Admin };
constexpr int kRoleCount = 5;

/// What a backend operation may ask permission for. Each operation checks its own permission with the actor it is
/// given; the UI only mirrors the answer (greying out what would be refused).
enum class Permission : std::uint8_t {
    AcknowledgeIncident,   ///< responders: their districts only
    WorkIncident,          ///< on scene, resolved, notes — responders: their districts only
    DispatchIncident,
    ReportIncident,
    CloseIncident,
    CancelIncident,        ///< cancel or merge
    AcknowledgeAlarm,
    ShelveAlarm,
    RemoveAlarmFromService,
    RequestCommand,
    ApproveCommand,
    CancelCommand,
    OverrideInterlock,     ///< order devices that field work, a shed or maintenance holds
    DriveWall,             ///< put a view, an incident or a device on the video wall for a while
    UnlockAccount,         ///< lift the lock of someone's account at a console (People)
    ManageAccounts,        ///< at a console: reset someone's password for one use, disable or enable their account
};

/// Who performs an operation: a user, their roles and (for district-scoped roles) their districts.
struct Actor {
    QString user;
    QList<Role> roles;
    QList<int> districts;   ///< district indices a responder answers for

    bool has(Role role) const { return roles.contains(role); }
    bool isValid() const { return !user.isEmpty() && !roles.isEmpty(); }
    /// The most trusted of the roles (for display).
    Role highestRole() const;
};

QString roleName(Role role);                 ///< stable English key
bool roleFromName(const QString &name, Role *role);

/// Whether `actor` may do `permission` on something in `district` (-1 = not district-bound). Responders act on
/// their own districts only; operators and above anywhere.
bool permits(const Actor &actor, Permission permission, int district = -1);
/// A sentence explaining a refusal ("bob (responder of Nord) may not act on incidents of Süd").
QString refusal(const Actor &actor, Permission permission, const QString &districtName = QString());

} // namespace cityops
