#pragma once

#include <QDateTime>
#include <QElapsedTimer>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace cityops {

/// The console's notion of "now": wall time for real links, scaled time for the simulator (--speed X). All
/// timestamps are milliseconds since the Unix epoch, UTC. Thread-safe.
class ConsoleClock {
public:
    ConsoleClock() { start(QDateTime::currentMSecsSinceEpoch(), 1.0); }

    void start(std::int64_t originMs, double speed)
    {
        std::lock_guard lock(m_mutex);
        m_originMs = originMs;
        m_speed = speed;
        m_held = false;
        m_elapsed.start();
    }
    /// Stands at originMs until release(): a simulated city's time must not run while its simulation is still
    /// warming up (at 20x, ten seconds of SUMO warm-up would leave the traffic 200 simulated seconds behind).
    void startHeld(std::int64_t originMs, double speed)
    {
        std::lock_guard lock(m_mutex);
        m_originMs = originMs;
        m_speed = speed;
        m_held = true;
    }
    /// Lets a held clock run from its origin; a running clock is left as it is.
    void release()
    {
        std::lock_guard lock(m_mutex);
        if (!m_held)
            return;
        m_held = false;
        m_elapsed.start();
    }
    std::int64_t nowMs() const
    {
        std::lock_guard lock(m_mutex);
        if (m_held)
            return m_originMs;
        return m_originMs + static_cast<std::int64_t>(static_cast<double>(m_elapsed.elapsed()) * m_speed);
    }
    double speed() const
    {
        std::lock_guard lock(m_mutex);
        return m_speed;
    }

private:
    mutable std::mutex m_mutex;
    QElapsedTimer m_elapsed;
    std::int64_t m_originMs = 0;
    double m_speed = 1.0;
    bool m_held = false;
};

} // namespace cityops
