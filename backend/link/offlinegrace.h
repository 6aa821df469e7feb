#pragma once

#include <cstdint>

namespace cityops {

/// An offline status — a goodbye, or the Will the broker publishes when a connection dies — believed only a grace
/// second after it was said, and not at all if our own connection drops in that second: a broker shutting down
/// publishes every client's Will on its way out, which says nothing about the gateway or console it names. The same
/// rule for gateways (MqttLink) and consoles (ConsoleRoll). Not thread-safe: its owner's lock guards it.
class OfflineGrace {
public:
    static constexpr std::int64_t kGraceMs = 1000;

    /// It said offline at `nowMs` (the first saying counts; one said again does not start the second anew).
    void said(std::int64_t nowMs)
    {
        if (!m_pending)
            m_saidMs = nowMs;
        m_pending = true;
    }
    /// Nothing to wait for: it is back, it was told, or our own connection dropped.
    void forget() { m_pending = false; }
    bool pending() const { return m_pending; }
    /// Whether the grace second of an offline said has passed at `nowMs`.
    bool due(std::int64_t nowMs) const { return m_pending && nowMs - m_saidMs >= kGraceMs; }

private:
    bool m_pending = false;
    std::int64_t m_saidMs = 0;
};

} // namespace cityops
