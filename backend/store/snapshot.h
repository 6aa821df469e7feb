#pragma once

#include "core/loadhistory.h"
#include "core/result.h"
#include "model/device.h"
#include "model/incident.h"
#include "ops/alarmbook.h"
#include "ops/orderbook.h"

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace cityops {

/// The complete derived state after event `seq`: device states, incidents, the load history, alarms and orders. Replay starts
/// from the nearest snapshot at or before T and applies the events after it.
struct Snapshot {
    std::uint64_t seq = 0;
    std::int64_t timeMs = 0;
    std::vector<DeviceState> states;
    std::vector<Incident> incidents;
    LoadHistory::State loads;
    AlarmBook::State alarms;
    OrderBook::State orders;
};

namespace snapshotcodec {
/// Portable little-endian encoding, zlib-compressed (most device records are alike).
QByteArray encode(const Snapshot &snapshot);
/// Decodes a snapshot for a city of `deviceCount` devices and `feederCount` feeders; anything else is refused.
Result<Snapshot> decode(const QByteArray &blob, size_t deviceCount, size_t feederCount);
} // namespace snapshotcodec

} // namespace cityops
