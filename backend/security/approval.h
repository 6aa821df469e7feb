#pragma once

#include "base/result.h"
#include "model/ops.h"
#include "security/commandsigner.h"

#include <QByteArray>
#include <QString>

namespace cityops::approval {

// The second signature of a high-risk command (docs/SECURITY.md, "Two signatures"). The console signs every command
// with its command key; a high-risk one must also carry the approving supervisor's signature, made with a key that is
// the supervisor's own: sealed with their password in the console's data folder and opened only when they type it to
// approve. A stolen console key alone cannot stop a junction or cut a feeder, and a device can tell which person
// approved what it does.

/// The bytes a supervisor signs for one target of an order: the device, order, step, action, value and the order's
/// expiry, and the approver's name, as length-prefixed fields (no two statements share bytes). The command's nonce,
/// attempt and issue time are not in it: retries of one approved target carry the same approval.
QByteArray statement(const QString &device, std::uint32_t order, std::uint16_t step, CommandAction action, std::int32_t value,
                     std::int64_t expiresMs, const QString &approver);
/// The same for a command the console sends (its expiry is the order's).
inline QByteArray statement(const QString &device, const DeviceCommand &command, const QString &approver)
{
    return statement(device, command.order, command.step, command.action, command.value, command.expiresMs, approver);
}

/// The folder of the supervisors' sealed keys: approvers/ in the console's data folder.
QString defaultFolder();
/// The sealed key of `user` in `folder` (NAME.key).
QString keyPath(const QString &folder, const QString &user);

/// Makes `user`'s approval key, sealed with `password`, in `folder` (made private to its owner if new); refuses to
/// overwrite one (replace = remove first, then tell the gateways the new public key). Returns the public key (PEM).
Result<QByteArray> create(const QString &folder, const QString &user, const QByteArray &password);
/// Opens `user`'s approval key with `password`. A missing file, one others may read, or a wrong password: an error
/// with a sentence (which never repeats the password).
Result<CommandSigner> open(const QString &folder, const QString &user, const QByteArray &password);
/// What a password does for a person's approval key.
enum class KeyFit : std::uint8_t {
    NoKey,           ///< the folder holds none of theirs
    Opens,
    OtherPassword,   ///< sealed with another password (changed where the console could not follow: the city
                     ///< directory's own tools, an expiry, an administrator's reset)
    Unusable,        ///< a file others may read, or not a sealed key (`why`)
};
struct KeyCheck {
    KeyFit fit = KeyFit::NoKey;
    QString why;   ///< for OtherPassword and Unusable: a sentence naming the file (never the password)
};
/// Whether `user`'s approval key in `folder` opens with `password` — asked when they sign in, so that a supervisor
/// whose key no longer opens learns it then, and not when a junction must be held at 3 a.m.
KeyCheck check(const QString &folder, const QString &user, const QByteArray &password);
/// How the record's detail of a key moved to its owner's password now begins (the event log says who moved theirs).
inline constexpr char kMovedDetail[] = "approval-key-resealed ";
/// After `user` set a new sign-in password: their approval key, if `folder` holds one, opened with `current` and
/// sealed again with `next` (the file replaced whole). Whether there was one; an error when it would not open with
/// `current` (sealed with another password) or cannot be written — then it stays as it was. Also moves a key sealed
/// with an earlier password to the current one (`current` the earlier, `next` the sign-in password now): the key, and
/// so the public half every gateway holds, stays the same.
Result<bool> reseal(const QString &folder, const QString &user, const QByteArray &current, const QByteArray &next);

} // namespace cityops::approval
