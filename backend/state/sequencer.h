#pragma once

#include "model/event.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace cityops {

/// Owns ordering: every event gets the next `seq` and a timestamp that never goes backwards, then the batch is
/// handed to each consumer in registration order. Everything downstream is a function of this ordered stream,
/// which is what makes replay exact. Runs on the core thread only.
class Sequencer {
public:
    using Consumer = std::function<void(const std::vector<Event> &)>;

    void addConsumer(Consumer consumer) { m_consumers.push_back(std::move(consumer)); }
    /// Continues an existing log: the next event gets `lastSeq + 1` and no earlier time than `lastTimeMs`.
    void resume(std::uint64_t lastSeq, std::int64_t lastTimeMs)
    {
        m_lastSeq = lastSeq;
        m_lastTimeMs = lastTimeMs;
    }
    void process(std::vector<Event> &batch);

    std::uint64_t lastSeq() const { return m_lastSeq.load(); }
    std::int64_t lastTimeMs() const { return m_lastTimeMs.load(); }

private:
    std::vector<Consumer> m_consumers;
    std::atomic<std::uint64_t> m_lastSeq{0};
    std::atomic<std::int64_t> m_lastTimeMs{0};
};

} // namespace cityops
