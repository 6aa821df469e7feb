#pragma once

#include "base/result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace cityops {

class CommandVerifier;
class StoreReader;

/// Snapshots checked against the record (docs/STORE.md, "Snapshots the record vouches for"). The hash chain and its
/// signed checkpoints cover the events, not the snapshots beside them — yet a replay, and a console carrying on after a
/// restart, start from a snapshot: one edited in the file (an incident's state, who requested an order) would be what
/// a supervisor sees. Every book is a pure function of the events (CityBooks), so each snapshot can be rebuilt from the
/// events before it and compared, and the signal approaches kept beside it must be the last ones recorded for each
/// signal. A snapshot that matches is vouched for by the events' own checkpoints.
namespace snapshotcheck {

struct Verdict {
    bool intact = true;
    std::uint64_t badSnapshotSeq = 0;   ///< the snapshot (taken right after this event) not as its events make it
    QString sentence;                   ///< what was found, for a person
    int checked = 0;                    ///< snapshots rebuilt from their events and found as recorded
    /// Written by an earlier release (snapshotcodec::kCheckableVersion): taken as they stand, as the console that
    /// carried on from them did. One after a snapshot of this release's is a finding.
    int earlier = 0;
    int unreadable = 0;                 ///< not readable by this release (a newer one's, or damaged): passed over, as replay does
    QString firstUnreadable;            ///< why the first of them could not be read
    /// Not 0: retention deleted the events before this snapshot, which stands for them and cannot be rebuilt; the
    /// checks start from it. Its seal, where it has one and a key is given, vouches for it (`anchorSealed`).
    std::uint64_t anchorSeq = 0;
    bool anchorSealed = false;
    int sealed = 0;                     ///< snapshots whose seal verified with the given key (the anchor included)
    /// Snapshots the record says are sealed (SnapshotSealPayload, the event after each), each found with a seal of
    /// the key it names; the anchor among them (`anchorClaimed`).
    int claimed = 0;
    bool anchorClaimed = false;
    /// Not 0: an event this release cannot read (at this seq); no snapshot after it was checked.
    std::uint64_t stoppedAtSeq = 0;
    /// Snapshots after events the console could not record (a gap in the events, which the chain's verdict judges):
    /// the books held the missing events, so each such snapshot is taken as it stands — its seal, with the key,
    /// vouches for it — and the checks go on from it.
    int afterGaps = 0;
};

/// Walks the recording from its start (or the snapshot retention keeps), applying every event through CityBooks, and
/// at each snapshot compares what is stored with what the events make. With `key` (the one the console signs its
/// checkpoints with), every snapshot's seal is verified too: a seal that does not verify, or is another key's, is a
/// finding. With or without it, a snapshot the record says is sealed (the event after it) must be there with a seal
/// of the key it names; one it says nothing of may have none (a console without a key, or a release from before).
/// `progress` hears the seq reached now and then, and stops the walk by returning false (an error, "cancelled").
/// The reader must not pass over unreadable rows (its default).
Result<Verdict> verify(StoreReader &reader, const CommandVerifier *key = nullptr,
                       const std::function<bool(std::uint64_t seq, std::uint64_t lastSeq)> &progress = {});

} // namespace snapshotcheck
} // namespace cityops
