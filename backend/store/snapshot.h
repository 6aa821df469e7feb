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
};

namespace snapshotcodec {
/// Portable little-endian encoding, zlib-compressed (most device records are alike).
QByteArray encode(const Snapshot &snapshot);
/// Decodes a snapshot for a city of `deviceCount` devices and `feederCount` feeders; anything else is refused.
Result<Snapshot> decode(const QByteArray &blob, size_t deviceCount, size_t feederCount);
/// A snapshot's approaches (Snapshot::approaches), zlib-compressed: each a device, a time and a traffic payload.
QByteArray encodeApproaches(const std::vector<Event> &approaches);
/// Decodes them for `city`: a device that is not one of its signals, or a payload the event codec refuses, is refused.
Result<std::vector<Event>> decodeApproaches(const QByteArray &blob, const CityModel &city);
} // namespace snapshotcodec

} // namespace cityops
