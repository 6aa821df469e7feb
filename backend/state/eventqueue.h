#pragma once

#include "model/event.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace cityops {

/// What a producer wants when the queue is full.
enum class Overflow {
    Block,       ///< wait for room: producers that own their pace (the simulator) lose nothing
    DropNewest   ///< drop what does not fit and count it: network links must never stall their socket
};

/// Bounded multi-producer, single-consumer queue between link threads and the sequencer. Overflow is counted and
/// visible (dropped()), never silent.
class EventQueue {
public:
    explicit EventQueue(size_t capacity) : m_capacity(capacity) {}

    /// Returns how many events were accepted.
    size_t push(std::vector<Event> &&events, Overflow overflow);
    /// Waits up to `timeout` for events and moves all queued events into `out`. Returns false once closed and empty.
    bool popAll(std::vector<Event> &out, std::chrono::milliseconds timeout);
    void close();
    /// Makes a waiting popAll() return now (the consumer has other work, e.g. an operator's request).
    void wake();

    std::uint64_t dropped() const { return m_dropped.load(); }
    size_t capacity() const { return m_capacity; }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::vector<Event> m_events;
    const size_t m_capacity;
    bool m_closed = false;
    bool m_woken = false;
    std::atomic<std::uint64_t> m_dropped{0};
};

} // namespace cityops
