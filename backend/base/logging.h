#pragma once

#include <QLoggingCategory>

#include <atomic>
#include <cstdint>

// One category per subsystem, so an operator or developer can turn on exactly one with QT_LOGGING_RULES,
// e.g. QT_LOGGING_RULES="cityops.sim.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcCity)
Q_DECLARE_LOGGING_CATEGORY(lcSim)
Q_DECLARE_LOGGING_CATEGORY(lcLink)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecurity)

namespace cityops {

/// Lets the first `burst` occurrences through, then one in `every`: what an attacker can make happen at will (forged
/// messages, refused operations) is worth a line in the log, but must not flood it. Thread-safe.
class LogThrottle {
public:
    explicit LogThrottle(std::uint64_t burst = 20, std::uint64_t every = 1000) : m_burst(burst), m_every(every) {}
    /// Counts one occurrence; true when it should be logged.
    bool allow()
    {
        const std::uint64_t n = ++m_count;
        return n <= m_burst || n % m_every == 0;
    }
    std::uint64_t count() const { return m_count.load(); }

private:
    const std::uint64_t m_burst, m_every;
    std::atomic<std::uint64_t> m_count{0};
};

} // namespace cityops

/// Soft assert for "cannot happen" conditions: aborts in debug builds, logs and continues in release.
#define CITYOPS_ASSERT(cond, category)                                                                       \
    do {                                                                                                     \
        if (Q_UNLIKELY(!(cond))) {                                                                           \
            qCCritical(category, "soft assert \"%s\" failed at %s:%d", #cond, __FILE__, __LINE__);           \
            Q_ASSERT(cond);                                                                                  \
        }                                                                                                    \
    } while (false)
