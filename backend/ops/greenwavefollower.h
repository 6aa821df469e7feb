#pragma once

#include "city/citymodel.h"
#include "model/vehicle.h"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace cityops {

/// One thing the wave asks of a signal.
struct WaveStep {
    enum class Kind { Preempt, Release } kind = Kind::Preempt;
    std::uint32_t signal = 0;
    int phase = 0;                    ///< Preempt: the phase that serves the vehicle's movement
    double etaS = 0;                  ///< Preempt: the vehicle's time to the stop line when asked
    bool expired = false;             ///< Release: the vehicle had not passed within the longest hold
};

/// The phase of a program that gives the link a green: a protected green ('G') before a permissive one ('g'), the
/// longest such phase (the program's own main green for that movement); -1 when no phase serves the link.
int phaseServing(const SignalProgram &program, int linkIndex);

/// A green wave that follows the vehicle, as GPS-based pre-emption does: each signal ahead is pre-empted on the
/// phase serving the vehicle's own approach when its live ETA drops below the lead time, and released once the
/// vehicle has passed it (a short while after, so the tail clears the junction). Pure: fed with fixes, answers
/// with steps; the caller turns them into orders.
class GreenWaveFollower {
public:
    struct Settings {
        /// Pre-empt when the vehicle is this far away in time ... 40 s is what measured best at the peak
        /// (docs/BENCHMARKS.md: 20 s leaves the vehicle behind the queue ahead, 60 s buys nothing more and costs
        /// the cross streets), and it covers the signal's yellow before the pre-empted green.
        double leadS = 40;
        double headwayS = 2;               ///< ... plus this much per vehicle queued before the next signal (the
                                           ///< queue must drain before the vehicle can pass)
        double crawlMps = 3;               ///< ETA of a stopped vehicle is taken at this speed (it is about to move)
        std::int64_t releaseAfterMs = 3000;
        /// A pre-emption the vehicle has not passed this long after it was due (its ETA when asked) is released
        /// (the vehicle stopped short, or its feed did): the cross streets are not starved for a vehicle that is not
        /// coming, as a controller's maximum-presence timer bounds a pre-emption call (NTCIP 1202). Counted from the
        /// ETA, not the asking, so a long lead before a long queue is not cut short.
        std::int64_t maxHoldMs = 120'000;
    };
    GreenWaveFollower(std::shared_ptr<const CityModel> city, Settings settings);

    std::vector<WaveStep> update(const VehicleFix &fix);
    /// Time alone, between fixes (a feed may fall silent): releases what is due at `nowMs` — passed signals after
    /// their delay, holds past the longest hold.
    std::vector<WaveStep> tick(std::int64_t nowMs);
    /// Ends the wave now (a person stopped it): every held signal is released, nothing more is pre-empted.
    std::vector<WaveStep> stop();
    /// The vehicle was sent on a new route with a new wave: what this one holds goes to the new one (`adopt`), as it
    /// stands — nothing released here, nothing more pre-empted. Signal -> when the vehicle was due there.
    std::map<std::uint32_t, std::int64_t> handOver();
    /// Takes the holds of the vehicle's earlier wave: those on the new route stay held (not asked again), the others
    /// are released once a fix shows them not ahead, all within the longest hold past when they were first due.
    void adopt(const std::map<std::uint32_t, std::int64_t> &holds);
    /// Signals pre-empted and not yet released.
    std::vector<std::uint32_t> held() const;
    bool finished() const { return m_finished; }
    const Settings &settings() const { return m_settings; }

private:
    struct Hold {
        std::int64_t dueAtMs = 0;      ///< when the vehicle was expected at the stop line (asked + ETA)
        std::int64_t passedAtMs = 0;   ///< 0: still ahead
    };
    void releaseDue(std::int64_t nowMs, std::vector<WaveStep> &steps);

    std::shared_ptr<const CityModel> m_city;
    Settings m_settings;
    std::map<std::uint32_t, Hold> m_held;
    std::set<std::uint32_t> m_done;   ///< pre-empted and released: not again on this trip
    bool m_finished = false;
};

} // namespace cityops
