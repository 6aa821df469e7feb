#pragma once

#include "base/result.h"
#include "base/sqlitedb.h"

#include <QStringList>

#include <cstdint>
#include <memory>

namespace cityops {

/// A small SQLite file of ours that decides whom to believe (the user directory, the record of failed sign-ins).
struct TrustedDbKind {
    std::int64_t applicationId = 0;   ///< PRAGMA application_id: tells our file from any other SQLite file
    int version = 1;                  ///< PRAGMA user_version: the schema this release reads and writes
    QString what;                     ///< for sentences: "user directory"
    QString schema;                   ///< the CREATE statements of a new file
    QString whenMissing;              ///< the sentence for a missing file not to be created (%1: the path)
    /// What brings a file of an earlier release up to `version`: upgrades[i] takes it from version
    /// `version - upgrades.size() + i` to the next. Empty: only this version is read.
    QStringList upgrades{};
};

enum class TrustedDbMode { ReadOnly, Existing, CreateIfMissing };

/// Opens such a file: believed only when nobody but its owner could have changed it (base/trustfile.h); a file that
/// is not ours or of another version is refused with a sentence and left exactly as it was (read before anything is
/// written); a missing one is made with the kind's schema in one transaction when asked. One of an earlier version the
/// kind knows how to upgrade is upgraded in one transaction when opened to write (read-only, it is refused, untouched,
/// saying what brings it up to date). Writes are synchronous
/// (FULL) and wait up to 3 s for another process of the machine that holds the file.
Result<std::unique_ptr<SqliteDb>> openTrustedDb(const QString &path, TrustedDbMode mode, const TrustedDbKind &kind);

} // namespace cityops
