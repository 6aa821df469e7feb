#pragma once

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>

namespace cityops {

/// The console's notion of "now": wall time for real links, scaled time for the simulator (--speed X). All
/// timestamps are milliseconds since the Unix epoch, UTC. Thread-safe. Never goes back.
class ConsoleClock {
public:
    /// Milliseconds of a monotonic wall clock (tests pass their own, to move time by hand).
    using WallSource = std::function<std::int64_t()>;

    explicit ConsoleClock(WallSource wall = {}) : m_wall(std::move(wall))
    {
        if (!m_wall) {
            m_timer.start();
            m_wall = [this] { return m_timer.elapsed(); };
        }
        start(QDateTime::currentMSecsSinceEpoch(), 1.0);
    }

    void start(std::int64_t originMs, double speed)
    {
        std::lock_guard lock(m_mutex);
        m_originMs = originMs;
        m_speed = speed;
        m_held = false;
        m_system = {};
        m_limitMs = kNoLimit;
        m_startWallMs = m_wall();
    }
    /// Stands at originMs until release(): a simulated city's time must not run while its simulation is still
    /// warming up (at 20x, ten seconds of SUMO warm-up would leave the traffic 200 simulated seconds behind).
    void startHeld(std::int64_t originMs, double speed)
    {
        std::lock_guard lock(m_mutex);
        m_originMs = originMs;
        m_speed = speed;
        m_held = true;
        m_system = {};
        m_limitMs = kNoLimit;
    }
    /// Milliseconds since the epoch as the system keeps them (tests pass their own, to step it by hand).
    using SystemSource = std::function<std::int64_t()>;
    /// A real field's clock: the system's as it stands, so a step NTP makes while the console runs (a machine booted
    /// with its clock off and set right a minute later) reaches every command's issue time and every recorded time at
    /// once — a clock counted from its start would carry the old error all run, and a gateway would refuse each
    /// command as issued in its future or expired. A step back holds it where it stood until the system's clock
    /// catches up: it never goes back.
    void followSystem(SystemSource system = {})
    {
        std::lock_guard lock(m_mutex);
        m_system = system ? std::move(system) : SystemSource([] { return QDateTime::currentMSecsSinceEpoch(); });
        m_held = false;
        m_limitMs = kNoLimit;
        m_speed = 1.0;
        m_shownMs = m_system();
    }
    bool followsSystem() const
    {
        std::lock_guard lock(m_mutex);
        return bool(m_system);
    }
    /// Lets a held clock run from its origin; a running clock is left as it is.
    void release()
    {
        std::lock_guard lock(m_mutex);
        if (!m_held)
            return;
        m_held = false;
        m_startWallMs = m_wall();
    }
    /// How far a simulated city's time may run: up to `limitMs` (what the simulation has reached, and a little).
    /// There the clock stands until the simulation moves the limit on, and then goes on from where it stood — it never
    /// jumps ahead to where it would have been, and never goes back (a limit below what it shows holds it where it
    /// is). So a simulation slower than --speed slows the console's time instead of falling ever further behind it.
    /// A clock nobody limits (a real field) runs freely.
    void setLimit(std::int64_t limitMs)
    {
        std::lock_guard lock(m_mutex);
        const std::int64_t shown = nowLocked();
        if (!m_held && scaledLocked() > m_limitMs) {
            // It has stood at the old limit: run on from there, not from where the wall would have taken it.
            m_originMs = shown;
            m_startWallMs = m_wall();
        }
        m_limitMs = std::max(limitMs, shown);
    }
    std::int64_t nowMs() const
    {
        std::lock_guard lock(m_mutex);
        return nowLocked();
    }
    double speed() const
    {
        std::lock_guard lock(m_mutex);
        return m_speed;
    }

private:
    static constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

    std::int64_t scaledLocked() const
    {
        return m_held ? m_originMs : m_originMs + static_cast<std::int64_t>(static_cast<double>(m_wall() - m_startWallMs) * m_speed);
    }
    std::int64_t nowLocked() const
    {
        if (m_system)
            return m_shownMs = std::max(m_shownMs, m_system());
        return std::min(scaledLocked(), m_limitMs);
    }

    mutable std::mutex m_mutex;
    QElapsedTimer m_timer;
    WallSource m_wall;
    std::int64_t m_startWallMs = 0;
    std::int64_t m_originMs = 0;
    double m_speed = 1.0;
    bool m_held = false;
    std::int64_t m_limitMs = kNoLimit;
    SystemSource m_system;              ///< set: a real field's clock (followSystem)
    mutable std::int64_t m_shownMs = 0; ///< what a real field's clock showed last: it never shows less
};

} // namespace cityops
