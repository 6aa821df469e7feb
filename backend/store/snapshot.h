#pragma once

#include "base/result.h"
#include "state/citybooks.h"

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace cityops {

/// The complete derived state after event `seq`: device states, incidents, the load history, alarms and orders. Replay starts
/// from the nearest snapshot at or before T and applies the events after it.
struct Snapshot : CityBooks::State {
    std::uint64_t seq = 0;
    std::int64_t timeMs = 0;
    /// Each signal's approaches as the traffic book holds them, one traffic event per signal with figures, at the
    /// time they were measured. Stored beside the snapshot (table snapshot_approaches), not in it: a release that
    /// reads snapshots of this version reads these snapshots, and a recording from before has none.
    std::vector<Event> approaches;
    /// The codec version it was read in (0: not read from a store).
    std::uint8_t codecVersion = 0;
};

namespace snapshotcodec {
/// The version this release writes, and the first whose snapshots cityops-export verify rebuilds from their events
/// (store/snapshotcheck.h). A rebuild runs this release's books: a snapshot written by books that worked otherwise
/// would differ without being edited. So this number goes up whenever a book comes to make something else of the
/// same events — not only when the layout changes — and the snapshots of earlier versions are taken as they stand.
constexpr std::uint8_t kCheckableVersion = 7;
/// Portable little-endian encoding, zlib-compressed (most device records are alike).
QByteArray encode(const Snapshot &snapshot);
/// The same bytes before compression: what a snapshot keeps, for comparing two (compressing is most of the cost).
QByteArray layout(const Snapshot &snapshot);
/// Decodes a snapshot for a city of `deviceCount` devices and `feederCount` feeders; anything else is refused.
Result<Snapshot> decode(const QByteArray &blob, size_t deviceCount, size_t feederCount);
/// A snapshot's approaches (Snapshot::approaches), zlib-compressed: each a device, a time and a traffic payload.
QByteArray encodeApproaches(const std::vector<Event> &approaches);
/// Decodes them for `city`: a device that is not one of its signals, or a payload the event codec refuses, is refused.
Result<std::vector<Event>> decodeApproaches(const QByteArray &blob, const CityModel &city);
} // namespace snapshotcodec

} // namespace cityops
