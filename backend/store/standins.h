#pragma once

#include "state/citybooks.h"
#include "store/snapshot.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace cityops {

/// What a replay held at the snapshots it could not read (a newer release's format, a damaged blob), kept as it passed
/// them: exactly what those snapshots hold, the books being a pure function of the events (snapshotcheck proves it of
/// every readable one). Without them every seek back into such a stretch replays everything since the last snapshot
/// this release can read — an hour's events for a stretch an hour long, on every seek of a scrub. Bounded: past the
/// budget every other one is let go, so those left still cover the stretch, twice as far apart.
class StandIns {
public:
    explicit StandIns(size_t deviceCount);

    /// Applies `events` (in seq order, after `appliedSeq`) to `books`, keeping what they hold right after each seq of
    /// `unreadable` the events pass.
    void apply(CityBooks &books, const std::vector<Event> &events, std::uint64_t appliedSeq, const std::set<std::uint64_t> &unreadable);
    /// The latest kept at or before `timeMs` and after event `afterSeq`; nothing when none is.
    const Snapshot *latest(std::int64_t timeMs, std::uint64_t afterSeq) const;
    size_t size() const { return m_kept.size(); }

private:
    void keep(const CityBooks &books, std::uint64_t seq, std::int64_t timeMs);

    std::map<std::uint64_t, Snapshot> m_kept;
    size_t m_cap;
};

} // namespace cityops
