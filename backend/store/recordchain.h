#pragma once

#include "base/result.h"
#include "base/sqlitedb.h"

#include <QByteArray>

#include <cstdint>
#include <utility>
#include <vector>

namespace cityops {
class CommandVerifier;
}

/// The record's tamper evidence (docs/STORE.md, "A record that shows tampering"). Every event row carries
/// chain = SHA-256(previous chain ‖ the row's canonical bytes); every N events and at every clean close the console
/// signs a checkpoint (seq, chain) with its Ed25519 key. An edited, deleted, inserted or reordered row breaks the
/// chain at that row; a chain recomputed after an edit no longer matches the next signed checkpoint; rows cut off
/// after a checkpoint are named by it.
namespace cityops::recordchain {

/// The chain value before the first event of a store (32 zero bytes).
QByteArray genesis();
/// The row's canonical bytes: seq, time, kind and device little-endian at fixed widths, then the payload with its
/// length — so that no two different rows share them.
QByteArray rowBytes(std::uint64_t seq, std::int64_t timeMs, int kind, std::int64_t device, const QByteArray &payload);
QByteArray link(const QByteArray &previous, std::uint64_t seq, std::int64_t timeMs, int kind, std::int64_t device,
                const QByteArray &payload);
/// What a checkpoint's signature covers.
QByteArray checkpointMessage(std::uint64_t seq, std::int64_t timeMs, const QByteArray &chain);
/// What a snapshot's seal covers: the snapshot taken after event `seq` at `timeMs`, by the SHA-256 of its bytes as
/// stored (`state`) and of the approaches kept beside it (`approaches`, empty when none are). A seal vouches for a
/// snapshot where no event is left to rebuild it from — the one retention keeps (docs/STORE.md).
QByteArray snapshotSealMessage(std::uint64_t seq, std::int64_t timeMs, const QByteArray &state, const QByteArray &approaches);

struct Verdict {
    bool intact = true;
    std::uint64_t firstBadSeq = 0;   ///< the first row that is not as recorded (0 when intact)
    QString sentence;                ///< what was found, for a person
    std::uint64_t events = 0;        ///< rows walked
    int checkpoints = 0;             ///< signed checkpoints that verified
    /// Runs of events the console could not record (first, last seq): missing, the chain across each as the console
    /// wrote it, and a signed checkpoint after each.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> unrecorded;
};

/// "6483 events the console could not record (the first: 262–6744)": what a verdict's `unrecorded` says.
QString unrecordedSaid(const std::vector<std::pair<std::uint64_t, std::uint64_t>> &unrecorded);

/// Walks a store's rows in seq order and its checkpoints. With `key`, checkpoint signatures are checked against it
/// (a checkpoint signed by another key, or not at all, is a finding); without, only the chain and the checkpoints'
/// chain values are. Read-only.
Result<Verdict> verify(SqliteDb &db, const CommandVerifier *key);

} // namespace cityops::recordchain
