#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>

namespace cityops {

/// Milliseconds on a clock that measures how long something has lasted, not what time it is: it starts at an
/// arbitrary point and a step of the system clock (NTP correcting a desk booted after a power cut, an administrator)
/// does not move it. On Linux it is the boot clock, which also counts time spent suspended: a desk resumed after an
/// hour has been idle for an hour. Idle locks, the age of data and rates are measured on it; dates never are.
inline std::int64_t elapsedClockMs()
{
#if defined(CLOCK_BOOTTIME)
    timespec t{};
    if (clock_gettime(CLOCK_BOOTTIME, &t) == 0)
        return static_cast<std::int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
#endif
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace cityops
