#include "state/incidentbook.h"

#include "base/logging.h"
#include "model/incident.h"

#include <algorithm>

namespace cityops {

void IncidentBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    bool resolvedAny = false;
    for (const Event &event : events) {
        // A new session (a restart) carries every incident over, open ones with their steps: the field and the
        // people working them did not stop because the console did. The link re-reports what it still has open
        // with the same ids, which are then already known.
        if (std::holds_alternative<SessionPayload>(event.payload))
            continue;
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
            // The deadlines stamped when the console took it in (the city's rules then); a record from before
            // there were any: the defaults, which were the rules then.
            const SlaPolicy sla = raised->ackWithinMs >= 0 ? SlaPolicy{raised->ackWithinMs, raised->onSceneWithinMs} : slaFor(incident.severity);
            incident.ackByMs = sla.ackWithinMs ? incident.raisedMs + sla.ackWithinMs : 0;
            incident.onSceneByMs = sla.onSceneWithinMs ? incident.raisedMs + sla.onSceneWithinMs : 0;
            incident.history.push_back({IncidentState::New, incident.raisedMs, {}, {}});
            if (event.device != kNoDevice)
                incident.linked.push_back(event.device);
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
            incident.history.push_back({IncidentState::Resolved, event.timeMs, {}, QStringLiteral("cleared in the field")});
            incident.version = ++m_version;
            resolvedAny = true;
        } else if (const auto *update = std::get_if<IncidentUpdatePayload>(&event.payload)) {
            const auto it = m_byId.constFind(update->id);
            if (it == m_byId.constEnd())
                continue;
            applyUpdate(m_incidents[it.value()], *update, event);
            m_incidents[it.value()].version = ++m_version;
            resolvedAny = resolvedAny || !m_incidents[it.value()].isOpen();
        }
    }
    if (resolvedAny)
        prune();
}

void IncidentBook::applyUpdate(Incident &incident, const IncidentUpdatePayload &update, const Event &event)
{
    switch (update.change) {
    case IncidentChange::Transition:
        if (update.state == IncidentState::Acknowledged) {
            if (incident.acknowledgedBy.isEmpty()) {
                incident.acknowledgedBy = update.user;
                incident.acknowledgedMs = event.timeMs;
            }
        }
        // A responder acknowledging a dispatch records the acknowledgement; the incident stays dispatched.
        if (!(update.state == IncidentState::Acknowledged && incident.state == IncidentState::Dispatched))
            incident.state = update.state;
        if (!incident.isOpen() && incident.resolvedMs == 0)
            incident.resolvedMs = event.timeMs;
        if (update.state == IncidentState::Merged)
            incident.mergedInto = update.mergedInto;
        incident.history.push_back({update.state, event.timeMs, update.user, update.text});
        break;
    case IncidentChange::Note:
        incident.notes.push_back({event.timeMs, update.user, update.text});
        break;
    case IncidentChange::LinkDevice:
        if (event.device != kNoDevice && std::find(incident.linked.begin(), incident.linked.end(), event.device) == incident.linked.end())
            incident.linked.push_back(event.device);
        break;
    case IncidentChange::AckOverdue:
        incident.ackOverdue = true;
        break;
    case IncidentChange::OnSceneOverdue:
        incident.onSceneOverdue = true;
        break;
    }
}

bool IncidentBook::contains(IncidentId id) const
{
    std::lock_guard lock(m_mutex);
    return m_byId.contains(id);
}

std::optional<Incident> IncidentBook::find(IncidentId id) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.constFind(id);
    if (it == m_byId.constEnd())
        return std::nullopt;
    return m_incidents[it.value()];
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
