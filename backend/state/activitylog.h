#pragma once

#include "model/event.h"

#include <QString>

#include <deque>
#include <mutex>
#include <vector>

namespace cityops {

/// The recent "who did what" of the session as one-line entries (incident steps, orders, alarm handling,
/// operator actions, escalations), for the console's event log. Fed by the sequencer like the other books; in
/// replay it is seeded from the recording's markers and then fed the same way.
class ActivityLog {
public:
    struct Entry {
        std::uint64_t seq = 0;
        std::int64_t timeMs = 0;
        QString text;
    };
    static constexpr size_t kCapacity = 500;

    void apply(const std::vector<Event> &events);
    void reset(std::vector<Entry> entries);
    /// One entry that is not an event's (a replay's word of events missing from the record), in its place by seq.
    void add(Entry entry);
    std::uint64_t version() const;
    std::uint64_t snapshot(std::vector<Entry> &out) const;

private:
    mutable std::mutex m_mutex;
    std::deque<Entry> m_entries;
    std::uint64_t m_version = 0;
};

} // namespace cityops
