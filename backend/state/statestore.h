#pragma once

#include "model/device.h"
#include "model/event.h"

#include <cstdint>
#include <mutex>
#include <vector>

namespace cityops {

/// Compact live state of every device, in a flat array indexed by the dense device index, with a version per
/// device so a reader can ask "what changed since version V" and copy just that (ARCHITECTURE §2). One writer (the
/// sequencer); readers copy under a short lock and never hold it while drawing.
class StateStore {
public:
    explicit StateStore(size_t deviceCount);

    size_t deviceCount() const { return m_states.size(); }

    /// Writer side: applies device events (incident events are ignored here). Returns how many changed a device.
    size_t apply(const std::vector<Event> &events);

    std::uint64_t version() const;
    DeviceState state(DeviceIndex index) const;

    struct Change {
        DeviceIndex index;
        DeviceState state;
    };
    /// Appends every device whose version is greater than `since` to `out` and returns the current version.
    std::uint64_t changedSince(std::uint64_t since, std::vector<Change> &out) const;

    /// Copies every device's state (for snapshots).
    std::vector<DeviceState> exportStates() const;
    /// Replaces every device's state (replay from a snapshot); every device counts as changed.
    void restore(const std::vector<DeviceState> &states);

private:
    bool applyOne(const Event &event);

    mutable std::mutex m_mutex;
    std::vector<DeviceState> m_states;
    std::uint64_t m_version = 0;
};

} // namespace cityops
