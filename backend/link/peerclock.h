#pragma once

#include <QString>

#include <cstdint>

namespace cityops {

/// Another console's clock as its last signed operations said (the time they were sent less the moment they arrived).
/// Taken, it was within OpsExchange::kFreshnessMs of this console's (LinkCounters::consolesInStep); refused for their
/// time alone — authentic, and newer than any taken from it — its clock or ours is off, and the two desks no longer
/// share what they do (LinkCounters::consolesOffClock).
struct PeerClock {
    QString console;
    std::int64_t aheadMs = 0;   ///< its clock less ours, as its last such operations said
    bool operator==(const PeerClock &) const = default;
};

} // namespace cityops
