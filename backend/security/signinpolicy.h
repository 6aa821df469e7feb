#pragma once

#include <algorithm>
#include <cstdint>

namespace cityops {

/// What repeated failures cost (issue: a growing delay after 3 failures, the account locked after 10 for 15 min).
/// Pure arithmetic on the account's failure count and times, so tests check it on any clock.
struct SignInPolicy {
    int freeFailures = 3;                 ///< failures in a row before attempts have to wait
    std::int64_t firstDelayMs = 1'000;    ///< the wait after the 4th failure; doubles with each further one
    std::int64_t maxDelayMs = 30'000;
    int lockAfter = 10;                   ///< failures in a row that lock the account
    std::int64_t lockMs = 15 * 60'000;    ///< until an admin unlocks it, or this has passed

    /// The wait before the next attempt after `failures` failures in a row (0: try at once).
    std::int64_t delayAfter(int failures) const
    {
        if (failures <= freeFailures)
            return 0;
        const int doublings = std::min(failures - freeFailures - 1, 20);
        return std::min(maxDelayMs, firstDelayMs << doublings);
    }
};

} // namespace cityops
