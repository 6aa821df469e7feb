#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

namespace cityops::trustfile {

/// Reads a file whose integrity decides whom the program believes — a keyring of consoles or approvers, the key
/// commands must be signed with, the map from directory groups to roles, the user directory. Its secrecy does not
/// matter; who could have written it does. Refused, as sshd's StrictModes refuses an authorized_keys file, with a
/// sentence naming the file, what is wrong and the fix, when someone other than its owner could have put words in it:
///   - it is not a regular file, or it is owned by someone other than this program's user or root;
///   - its group or anyone else may change it;
///   - a folder on its path (up to /) is owned by someone else, or its group or anyone else may change it without the
///     sticky bit (whoever can write the folder can replace the file with one of their own).
/// The checks and the read are on one open file (no window between checking a name and reading what it names).
/// `what` names the file in sentences ("the console keyring"); `maxBytes` bounds the read.
Result<QByteArray> read(const QString &path, const QString &what, qint64 maxBytes);

/// The same checks on a file that something else opens (SQLite's user directory), by name.
Status check(const QString &path, const QString &what);

/// Before a trusted file is first written at `path`: the folders it will be in pass the checks above (else the
/// program that reads it next would refuse it — better said now, by the one writing it). Folders not made yet are
/// left out; those above them are checked.
Status checkPlace(const QString &path, const QString &what);

/// Makes `folder` and any folder missing above it, mode 0755 whatever the umask allows beyond it: a trusted file's
/// folder made group-writable by a umask of 002 would refuse the file at the next start.
Status makeFolder(const QString &folder);

} // namespace cityops::trustfile
