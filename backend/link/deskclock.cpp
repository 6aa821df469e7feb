#include "link/deskclock.h"

#include <algorithm>

namespace cityops {

std::optional<DeskClockOff> deskClockOff(const std::vector<GatewaySummary> &gateways, const LinkCounters &counters)
{
    return deskClockOff(gateways, counters.consolesOffClock, counters.consolesInStep);
}

std::optional<DeskClockOff> deskClockOff(const std::vector<GatewaySummary> &gateways, const std::vector<PeerClock> &consolesOff,
                                         const std::vector<PeerClock> &consolesInStep)
{
    // Each witness's clock less this desk's. A gateway gone or never judged says nothing of its clock now.
    std::vector<std::int64_t> theirs;
    DeskClockOff verdict;
    for (const GatewaySummary &g : gateways)
        if (g.running && g.clockAheadMs) {
            theirs.push_back(*g.clockAheadMs);
            verdict.gateways << g.name;
        }
    for (const PeerClock &c : consolesOff) {
        theirs.push_back(c.aheadMs);
        verdict.consoles << c.console;
    }
    // A desk whose operations are taken has a clock within the window of this one's: it speaks for this desk's.
    for (const PeerClock &c : consolesInStep)
        theirs.push_back(c.aheadMs);
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
