#pragma once

#include "model/event.h"
#include "model/incident.h"
#include "model/ops.h"

#include <QHash>

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// All incidents known to the console, fed by the sequencer. Open incidents are kept; resolved ones are kept up
/// to a bound so the list can show what just cleared. Readers take versioned snapshots.
class IncidentBook {
public:
    explicit IncidentBook(size_t maxResolvedKept = 500) : m_maxResolved(maxResolvedKept) {}

    /// Writer side: applies incident events from an already sequenced batch.
    void apply(const std::vector<Event> &events);

    std::uint64_t version() const;
    /// Copies every incident (open first is not guaranteed; callers sort) and returns the version.
    std::uint64_t snapshot(std::vector<Incident> &out) const;
    size_t openCount() const;
    std::optional<Incident> find(IncidentId id) const;
    /// Whether the board holds incident `id`, without copying it.
    bool contains(IncidentId id) const;
    /// Replaces the whole book (replay from a snapshot).
    void restore(const std::vector<Incident> &incidents);

private:
    void prune();
    static void applyUpdate(Incident &incident, const IncidentUpdatePayload &update, const Event &event);

    mutable std::mutex m_mutex;
    std::vector<Incident> m_incidents;
    QHash<IncidentId, size_t> m_byId;
    std::uint64_t m_version = 0;
    size_t m_maxResolved;
};

} // namespace cityops
