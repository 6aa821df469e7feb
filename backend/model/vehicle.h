#pragma once

#include <cstdint>
#include <vector>

namespace cityops {

/// One signal still ahead of a tracked vehicle (an emergency vehicle's location feed): the link (movement) it will
/// use there and the distance to that signal's stop line.
struct SignalAhead {
    std::uint32_t signal = 0;   ///< index into CityModel::signals
    int linkIndex = 0;
    double distanceM = 0;
};

/// Where a tracked vehicle is now.
struct VehicleFix {
    std::int64_t timeMs = 0;
    double speedMps = 0;
    std::vector<SignalAhead> ahead;   ///< in the order it meets them
    int queueAhead = 0;               ///< vehicles standing between it and the first signal ahead
    bool arrived = false;
};

} // namespace cityops
