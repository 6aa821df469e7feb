#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

namespace cityops::secretfile {

/// Checks that a file holding a secret (a password, a private key) can be read by its owner only. A file that its
/// group or anyone else may read is refused with a sentence naming the mode and the fix (chmod 600), as ssh does
/// for private keys: a secret that others could read is not a secret any more.
Status checkPrivate(const QString &path);
/// Writes a secret atomically (the old file stays whole if anything fails), readable and writable by its owner only.
Status writePrivate(const QString &path, const QByteArray &content);
/// The file's first line, without its line end, after checkPrivate(); an empty first line is refused.
Result<QString> readFirstLine(const QString &path);

} // namespace cityops::secretfile
