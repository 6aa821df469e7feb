#pragma once

#include "base/result.h"

#include <QLockFile>
#include <QString>

#include <memory>

namespace cityops::storelock {

/// One store, one console recording into it. Two consoles on one file would each number their events from what they
/// found at opening, and one of them would lose every write from then on ("UNIQUE constraint failed: events.seq" —
/// seen, a second console started on the same store). So the console that records holds a lock file beside the store
/// (STORE.lock, QLockFile: the holder's process id, name and host) for as long as it records. A lock left by a console
/// that crashed is taken over (its process is gone); one held by a running console is never taken, however old.
/// Readers (replay, export, verify) take no lock: the store's WAL lets them read beside the recording console.

/// Takes the store's lock, or says who holds it: "store X is being recorded by another console (cityops, process
/// 1234 on host y)…".
Result<std::unique_ptr<QLockFile>> take(const QString &storePath);
/// Whether a running program holds the store's lock (then the store is another console's to record into).
bool heldElsewhere(const QString &storePath);

} // namespace cityops::storelock
