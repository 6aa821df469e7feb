#pragma once

#include <QString>

#include <cstdint>

namespace cityops {

/// Another console whose last signed operations were refused for their time alone: authentic, and newer than any
/// taken from it, but sent further than OpsExchange::kFreshnessMs from this console's clock — its clock or ours is
/// off, and the two desks no longer share what they do (LinkCounters::consolesOffClock).
struct ConsoleClockOff {
    QString console;
    std::int64_t aheadMs = 0;   ///< its clock less ours, as its last such operation said
    bool operator==(const ConsoleClockOff &) const = default;
};

} // namespace cityops
