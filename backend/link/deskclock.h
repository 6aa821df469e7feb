#pragma once

#include "link/peerclock.h"
#include "link/fieldlink.h"
#include "link/wireprotocol.h"

#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace cityops {

/// This desk's own clock, found to be the one off: every other clock the link can judge — the running gateways'
/// (GatewaySummary::clockAheadMs) and the other consoles' as their last operations said (PeerClock), two at least
/// — differs from it by more than wire::kMaxIssueSkewMs, the same way and by about as much.
struct DeskClockOff {
    std::int64_t aheadMs = 0;   ///< this desk's clock less theirs (the median of theirs)
    QStringList gateways;       ///< the gateways that agree against it
    QStringList consoles;       ///< the consoles that agree against it
    bool operator==(const DeskClockOff &) const = default;
};

/// How far apart the other clocks may lie and still be taken to agree: each is judged to within the report tolerance.
constexpr std::int64_t kClocksAgreeWithinMs = 2 * wire::kReportSkewToleranceMs;

/// Which clock is off, where the field can tell: two clocks that differ cannot say which is wrong, but when every
/// other clock judged (two or more) differs from this desk's the same way and they agree with each other, this
/// desk's is the one likely off — and naming the gateway would send someone to set a clock that is right. One clock
/// in step with this desk's — a gateway's, or another desk's whose operations were taken (`consolesInStep`) — or the
/// others disagreeing among themselves, and nothing is said here. `consolesOff`, `consolesInStep`: as
/// LinkCounters has them.
std::optional<DeskClockOff> deskClockOff(const std::vector<GatewaySummary> &gateways, const std::vector<PeerClock> &consolesOff,
                                         const std::vector<PeerClock> &consolesInStep);
/// The same, from what a link says: its gateways and its counters.
std::optional<DeskClockOff> deskClockOff(const std::vector<GatewaySummary> &gateways, const LinkCounters &counters);

} // namespace cityops
