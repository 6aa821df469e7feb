#include "core/incidentbook.h"

#include "core/logging.h"

#include <algorithm>

namespace cityops {

void IncidentBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    bool resolvedAny = false;
    for (const Event &event : events) {
        if (std::holds_alternative<SessionPayload>(event.payload)) {
            m_incidents.clear(); // a new session starts with what its link reports, as live does
            m_byId.clear();
            ++m_version;
            continue;
        }
        if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload)) {
            if (m_byId.contains(raised->id)) {
                qCWarning(lcCore) << "duplicate incident id" << raised->id << "ignored";
                continue;
            }
            Incident incident;
            incident.id = raised->id;
            incident.kind = raised->kind;
            incident.severity = raised->severity;
            incident.position = raised->position;
            incident.district = raised->district;
            incident.road = raised->road;
            incident.device = event.device;
            incident.raisedMs = raised->sinceMs > 0 ? raised->sinceMs : event.timeMs;
            incident.version = ++m_version;
            m_byId.insert(incident.id, m_incidents.size());
            m_incidents.push_back(incident);
        } else if (const auto *cleared = std::get_if<IncidentClearedPayload>(&event.payload)) {
            const auto it = m_byId.constFind(cleared->id);
            if (it == m_byId.constEnd())
                continue; // cleared before we saw it raised (e.g. trimmed history): nothing to show
            Incident &incident = m_incidents[it.value()];
            if (!incident.isOpen())
                continue;
            incident.state = IncidentState::Resolved;
            incident.resolvedMs = event.timeMs;
            incident.version = ++m_version;
            resolvedAny = true;
        }
    }
    if (resolvedAny)
        prune();
}

void IncidentBook::prune()
{
    const auto resolved = std::count_if(m_incidents.begin(), m_incidents.end(), [](const Incident &i) { return !i.isOpen(); });
    if (static_cast<size_t>(resolved) <= m_maxResolved)
        return;
    // Drop the oldest resolved incidents; open ones always stay.
    std::vector<std::int64_t> resolvedTimes;
    for (const Incident &i : m_incidents)
        if (!i.isOpen())
            resolvedTimes.push_back(i.resolvedMs);
    std::nth_element(resolvedTimes.begin(), resolvedTimes.begin() + (resolved - m_maxResolved), resolvedTimes.end());
    const std::int64_t cutoff = resolvedTimes[resolved - m_maxResolved];
    std::erase_if(m_incidents, [cutoff](const Incident &i) { return !i.isOpen() && i.resolvedMs < cutoff; });
    m_byId.clear();
    for (size_t i = 0; i < m_incidents.size(); ++i)
        m_byId.insert(m_incidents[i].id, i);
    ++m_version;
}

std::uint64_t IncidentBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

std::uint64_t IncidentBook::snapshot(std::vector<Incident> &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_incidents;
    return m_version;
}

size_t IncidentBook::openCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<size_t>(std::count_if(m_incidents.begin(), m_incidents.end(), [](const Incident &i) { return i.isOpen(); }));
}

void IncidentBook::restore(const std::vector<Incident> &incidents)
{
    std::lock_guard lock(m_mutex);
    m_incidents = incidents;
    m_byId.clear();
    for (size_t i = 0; i < m_incidents.size(); ++i)
        m_byId.insert(m_incidents[i].id, i);
    ++m_version;
}

} // namespace cityops
