#include "model/incident.h"

namespace cityops {

QString incidentKindName(IncidentKind kind)
{
    switch (kind) {
    case IncidentKind::Collision: return QStringLiteral("collision");
    case IncidentKind::SignalFault: return QStringLiteral("signal-fault");
    case IncidentKind::LampOutage: return QStringLiteral("lamp-outage");
    case IncidentKind::FeederOverload: return QStringLiteral("feeder-overload");
    }
    return QStringLiteral("unknown");
}

QString incidentSeverityName(IncidentSeverity s)
{
    switch (s) {
    case IncidentSeverity::Info: return QStringLiteral("info");
    case IncidentSeverity::Minor: return QStringLiteral("minor");
    case IncidentSeverity::Major: return QStringLiteral("major");
    case IncidentSeverity::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("unknown");
}

QString incidentStateName(IncidentState s)
{
    switch (s) {
    case IncidentState::New: return QStringLiteral("new");
    case IncidentState::Acknowledged: return QStringLiteral("acknowledged");
    case IncidentState::Dispatched: return QStringLiteral("dispatched");
    case IncidentState::OnScene: return QStringLiteral("on-scene");
    case IncidentState::Resolved: return QStringLiteral("resolved");
    case IncidentState::Closed: return QStringLiteral("closed");
    case IncidentState::Cancelled: return QStringLiteral("cancelled");
    case IncidentState::Merged: return QStringLiteral("merged");
    }
    return QStringLiteral("unknown");
}

} // namespace cityops
