#pragma once

#include <QString>

namespace cityops::sumofiles {

/// Where a run keeps SUMO's files: the city's network and demand extracted from the package (about 9 MB for the
/// default city) and SUMO's error log, in the system's temporary folder under names that carry the process id
/// ("cityops-sumo-<pid>-…"). The run removes them when it stops; a run that was killed or crashed cannot, so the next
/// run removes those of processes that are gone (sweepStale).

/// The template of a run's folder (for QTemporaryDir).
QString folderTemplate();
/// The error log of one SUMO of this run (`label`: which of its SUMOs).
QString logPath(const QString &label);

/// Removes, from `folder` (default: the temporary folder), the files and folders named as above of processes that
/// are no longer running and belonged to this user. Anything else there, or of a running process, is left alone.
/// Returns how many were removed.
int sweepStale(const QString &folder = QString());

} // namespace cityops::sumofiles
