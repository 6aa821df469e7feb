#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// How far each gateway's clock runs from this console's, from the times its reports carry (MqttLink). A report's
/// time less the moment it arrives is the gateway's clock offset less the report's way here — a few milliseconds, or
/// as long as the gateway kept it while its broker was away, and up to a second for a device's change inside a
/// simulated step. So the largest of the last kWindowMs to 2 x kWindowMs is taken, as NTP takes the sample with the
/// least delay: a backlog arriving late does not make a gateway look behind while its fresh reports come in. Thread-safe
/// (reports arrive on the network thread; the GUI asks for summaries).
class GatewayClocks {
public:
    static constexpr std::int64_t kWindowMs = 10'000;

    /// Gateway `gateway` (its number on the link) sent a report dated `reportMs` that arrived at `nowMs`.
    void heard(int gateway, std::int64_t reportMs, std::int64_t nowMs);
    /// Gateway `gateway` started again: its clock is judged afresh from its next report.
    void forget(int gateway);
    /// How far its clock runs ahead of this console's (behind: negative); none before its first report.
    std::optional<std::int64_t> aheadMs(int gateway) const;

private:
    struct Window {
        bool any = false;
        std::int64_t startMs = 0;                  ///< when the current window began
        std::int64_t largestMs = 0;                ///< the largest offset in it
        std::optional<std::int64_t> previousMs;    ///< the largest of the one before
    };
    mutable std::mutex m_mutex;
    std::vector<Window> m_windows;   ///< by gateway number
};

} // namespace cityops
