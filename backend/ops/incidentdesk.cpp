#include "ops/incidentdesk.h"

#include "base/counted.h"
#include "ops/opsrules.h"

namespace cityops {
namespace {

Event updateEvent(IncidentId id, IncidentChange change, IncidentState state, const QString &user, const QString &text,
                  DeviceIndex device = kNoDevice)
{
    IncidentUpdatePayload p;
    p.id = id;
    p.change = change;
    p.state = state;
    p.user = user;
    p.text = text;
    return Event{0, 0, device, p};
}

QString tooLong() { return QStringLiteral("the text is longer than %1 characters").arg(kMaxNoteLength); }

} // namespace

IncidentId IncidentDesk::nextId()
{
    // Past the numbers the board holds: another console whose ids carry this run's session bits may have drawn one
    // first, and the board would pass a second incident of that number over.
    IncidentId id = 0;
    for (int tries = 0; tries <= 0xffff && (id == 0 || m_ctx.incidents.contains(id)); ++tries)
        id = kConsoleIncidentBase + ((m_ctx.idSession() & 0x3fff) << 16) + ((m_ctx.countFrom + ++m_issued) & 0xffff);
    return id;
}

Result<OpsReceipt> IncidentDesk::transition(const Actor &actor, const request::TransitionIncident &r, std::vector<Event> &out)
{
    const auto incident = m_ctx.incidents.find(r.id);
    if (!incident)
        return makeError(QStringLiteral("there is no incident #%1").arg(r.id));
    if (r.text.size() > kMaxNoteLength)
        return makeError(tooLong());
    std::optional<Permission> permission = transitionPermission(incident->state, r.to);
    // A responder acknowledges a dispatch that reached them: recorded, the incident stays dispatched.
    if (r.to == IncidentState::Acknowledged && incident->state == IncidentState::Dispatched) {
        if (!incident->acknowledgedBy.isEmpty())
            return makeError(QStringLiteral("incident #%1 was already acknowledged by %2").arg(r.id).arg(incident->acknowledgedBy));
        permission = Permission::AcknowledgeIncident;
    }
    if (!permission)
        return makeError(QStringLiteral("incident #%1 is %2; it cannot become %3")
                             .arg(r.id)
                             .arg(incidentStateName(incident->state), incidentStateName(r.to)));
    if (!permits(actor, *permission, incident->district))
        return makeError(refusal(actor, *permission, m_ctx.districtName(incident->district)));
    IncidentUpdatePayload p;
    p.id = r.id;
    p.state = r.to;
    p.user = actor.user;
    p.text = r.text;
    if (r.to == IncidentState::Merged) {
        const auto into = m_ctx.incidents.find(r.mergeInto);
        if (!into || !into->isOpen() || r.mergeInto == r.id)
            return makeError(QStringLiteral("incident #%1 can only be merged into another open incident").arg(r.id));
        p.mergedInto = r.mergeInto;
    }
    out.push_back(Event{0, 0, kNoDevice, p});
    return OpsReceipt{QStringLiteral("incident #%1 %2 by %3").arg(r.id).arg(incidentStateName(r.to), actor.user), r.id};
}

Result<OpsReceipt> IncidentDesk::note(const Actor &actor, const request::NoteIncident &r, std::vector<Event> &out)
{
    const auto incident = m_ctx.incidents.find(r.id);
    if (!incident)
        return makeError(QStringLiteral("there is no incident #%1").arg(r.id));
    if (r.text.trimmed().isEmpty())
        return makeError(QStringLiteral("the note is empty"));
    if (r.text.size() > kMaxNoteLength)
        return makeError(tooLong());
    if (!permits(actor, Permission::WorkIncident, incident->district))
        return makeError(refusal(actor, Permission::WorkIncident, m_ctx.districtName(incident->district)));
    out.push_back(updateEvent(r.id, IncidentChange::Note, incident->state, actor.user, r.text.trimmed()));
    return OpsReceipt{QStringLiteral("note added to incident #%1").arg(r.id), r.id};
}

Result<OpsReceipt> IncidentDesk::report(const Actor &actor, const request::ReportIncident &r, std::int64_t nowMs, std::vector<Event> &out)
{
    if (!permits(actor, Permission::ReportIncident))
        return makeError(refusal(actor, Permission::ReportIncident));
    if (r.device != kNoDevice && r.device >= m_ctx.city.devices.size())
        return makeError(QStringLiteral("there is no device with index %1").arg(r.device));
    const GeoPoint at = r.device != kNoDevice ? m_ctx.city.devices[r.device].position : r.at;
    if (!m_ctx.city.bounds.contains(at))
        return makeError(QStringLiteral("the point %1, %2 is outside the city").arg(at.lat, 0, 'f', 5).arg(at.lon, 0, 'f', 5));
    if (r.text.size() > kMaxNoteLength)
        return makeError(tooLong());
    IncidentRaisedPayload raised;
    raised.id = nextId();
    raised.sinceMs = nowMs;
    raised.kind = IncidentKind::Reported;
    raised.severity = r.severity;
    raised.position = at;
    raised.district = r.device != kNoDevice && m_ctx.city.devices[r.device].district >= 0 ? m_ctx.city.devices[r.device].district
                                                                                          : m_ctx.city.responsibleDistrict(at);
    raised.road = m_ctx.city.nearestRoad(at, 60.0);
    out.push_back(Event{0, 0, r.device, raised});   // the raising device is the incident's first linked device
    out.push_back(updateEvent(raised.id, IncidentChange::Note, IncidentState::New, actor.user,
                              r.text.trimmed().isEmpty() ? QStringLiteral("reported") : r.text.trimmed()));
    return OpsReceipt{QStringLiteral("incident #%1 reported by %2").arg(raised.id).arg(actor.user), raised.id};
}

IncidentId IncidentDesk::raiseDarkSignals(DeviceIndex feeder, const std::vector<DeviceIndex> &signals, std::vector<Event> &out)
{
    const DeviceInfo &info = m_ctx.city.devices[feeder];
    IncidentRaisedPayload raised;
    raised.id = nextId();
    raised.kind = IncidentKind::SignalsDark;
    raised.severity = IncidentSeverity::Critical;   // junctions without signals: people at risk now
    raised.position = info.position;
    raised.district = info.district >= 0 ? info.district : m_ctx.city.responsibleDistrict(info.position);
    raised.road = m_ctx.city.nearestRoad(info.position, 60.0);
    out.push_back(Event{0, 0, feeder, raised});
    // System entries (no user): every console finds the same cause in the same field, so they are not shared.
    out.push_back(updateEvent(raised.id, IncidentChange::Note, IncidentState::New, QString(),
                              QStringLiteral("signals dark at %1 — cause: feeder %2 is open; the feeder's command "
                                             "Restore (close breaker) brings them back")
                                  .arg(counted(qint64(signals.size()), "junction"), info.id)));
    for (const DeviceIndex signal : signals)
        linkDevice(raised.id, signal, out);
    return raised.id;
}

void IncidentDesk::linkDevice(IncidentId id, DeviceIndex device, std::vector<Event> &out)
{
    const auto incident = m_ctx.incidents.find(id);
    out.push_back(updateEvent(id, IncidentChange::LinkDevice, incident ? incident->state : IncidentState::New, QString(), QString(), device));
}

IncidentId IncidentDesk::raiseFieldWork(DeviceIndex device, const QString &user, const QString &text, std::vector<Event> &out)
{
    const DeviceInfo &info = m_ctx.city.devices[device];
    IncidentRaisedPayload raised;
    raised.id = nextId();
    raised.kind = IncidentKind::FieldWork;
    raised.severity = IncidentSeverity::Major;
    raised.position = info.position;
    raised.district = info.district >= 0 ? info.district : m_ctx.city.responsibleDistrict(info.position);
    raised.road = m_ctx.city.nearestRoad(info.position, 60.0);
    out.push_back(Event{0, 0, device, raised});
    out.push_back(updateEvent(raised.id, IncidentChange::Transition, IncidentState::Dispatched, user, text));
    return raised.id;
}

void IncidentDesk::checkSla(std::int64_t nowMs, std::vector<Event> &out)
{
    if (nowMs - m_lastSlaCheckMs < 1000)
        return;
    m_lastSlaCheckMs = nowMs;
    std::vector<Incident> incidents;
    m_ctx.incidents.snapshot(incidents);
    for (const Incident &i : incidents) {
        if (!i.isOpen())
            continue;
        if (!i.ackOverdue && i.ackDueMs() > 0 && nowMs > i.ackDueMs())
            out.push_back(updateEvent(i.id, IncidentChange::AckOverdue, i.state, {},
                                      QStringLiteral("not acknowledged within %1 min: escalated to supervisors")
                                          .arg((i.ackByMs - i.raisedMs) / 60'000)));
        if (!i.onSceneOverdue && i.onSceneDueMs() > 0 && nowMs > i.onSceneDueMs())
            out.push_back(updateEvent(i.id, IncidentChange::OnSceneOverdue, i.state, {},
                                      QStringLiteral("nobody on scene within %1 min: escalated to supervisors")
                                          .arg((i.onSceneByMs - i.raisedMs) / 60'000)));
    }
}

} // namespace cityops
