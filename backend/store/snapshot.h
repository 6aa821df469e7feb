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
};

namespace snapshotcodec {
/// Portable little-endian encoding, zlib-compressed (most device records are alike).
QByteArray encode(const Snapshot &snapshot);
/// Decodes a snapshot for a city of `deviceCount` devices and `feederCount` feeders; anything else is refused.
Result<Snapshot> decode(const QByteArray &blob, size_t deviceCount, size_t feederCount);
} // namespace snapshotcodec

} // namespace cityops
