#include "link/deskclock.h"

#include <algorithm>

namespace cityops {

std::optional<DeskClockOff> deskClockOff(const std::vector<GatewaySummary> &gateways, const std::vector<ConsoleClockOff> &consoles)
{
    // Each witness's clock less this desk's. A gateway gone or never judged says nothing of its clock now.
    std::vector<std::int64_t> theirs;
    DeskClockOff verdict;
    for (const GatewaySummary &g : gateways)
        if (g.running && g.clockAheadMs) {
            theirs.push_back(*g.clockAheadMs);
            verdict.gateways << g.name;
        }
    for (const ConsoleClockOff &c : consoles) {
        theirs.push_back(c.aheadMs);
        verdict.consoles << c.console;
    }
    if (theirs.size() < 2)
        return std::nullopt;   // two clocks apart: either may be the wrong one
    std::sort(theirs.begin(), theirs.end());
    const std::int64_t low = theirs.front(), high = theirs.back();
    const bool allAhead = low > wire::kMaxIssueSkewMs, allBehind = high < -wire::kMaxIssueSkewMs;
    if (!(allAhead || allBehind) || high - low > kClocksAgreeWithinMs)
        return std::nullopt;
    const size_t middle = theirs.size() / 2;
    verdict.aheadMs = -(theirs.size() % 2 ? theirs[middle] : (theirs[middle - 1] + theirs[middle]) / 2);
    return verdict;
}

} // namespace cityops
