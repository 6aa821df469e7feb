#include "model/incident.h"

#include "model/event.h"

namespace cityops {

SlaPolicy slaFor(IncidentSeverity severity)
{
    constexpr std::int64_t min = 60'000;
    switch (severity) {
    case IncidentSeverity::Critical: return {2 * min, 10 * min};
    case IncidentSeverity::Major: return {5 * min, 20 * min};
    case IncidentSeverity::Minor: return {15 * min, 60 * min};
    case IncidentSeverity::Info: return {60 * min, 0};
    }
    return {};
}


QString incidentKindName(IncidentKind kind)
{
    switch (kind) {
    case IncidentKind::Collision: return QStringLiteral("collision");
    case IncidentKind::SignalFault: return QStringLiteral("signal-fault");
    case IncidentKind::LampOutage: return QStringLiteral("lamp-outage");
    case IncidentKind::FeederOverload: return QStringLiteral("feeder-overload");
    case IncidentKind::Reported: return QStringLiteral("reported");
    case IncidentKind::FieldWork: return QStringLiteral("field-work");
    case IncidentKind::SignalsDark: return QStringLiteral("signals-dark");
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

QString operatorActionName(OperatorAction action)
{
    switch (action) {
    case OperatorAction::SignIn: return QStringLiteral("sign-in");
    case OperatorAction::SignOut: return QStringLiteral("sign-out");
    case OperatorAction::StartReplay: return QStringLiteral("start-replay");
    case OperatorAction::StopReplay: return QStringLiteral("stop-replay");
    case OperatorAction::Export: return QStringLiteral("export");
    case OperatorAction::Select: return QStringLiteral("select");
    case OperatorAction::Acknowledge: return QStringLiteral("acknowledge");
    case OperatorAction::Approve: return QStringLiteral("approve");
    case OperatorAction::SignInRefused: return QStringLiteral("sign-in-refused");
    case OperatorAction::Lock: return QStringLiteral("lock");
    case OperatorAction::Unlock: return QStringLiteral("unlock");
    case OperatorAction::HandOver: return QStringLiteral("hand-over");
    case OperatorAction::TakeOver: return QStringLiteral("take-over");
    case OperatorAction::InterlockOverride: return QStringLiteral("interlock-override");
    case OperatorAction::ShowOnWall: return QStringLiteral("show-on-wall");
    case OperatorAction::SendVehicle: return QStringLiteral("send-vehicle");
    case OperatorAction::StopWave: return QStringLiteral("stop-wave");
    case OperatorAction::WaveOver: return QStringLiteral("wave-over");
    case OperatorAction::RulesChanged: return QStringLiteral("rules-changed");
    case OperatorAction::CloseConsole: return QStringLiteral("close-console");
    case OperatorAction::AccountChanged: return QStringLiteral("account-changed");
    case OperatorAction::KeyringChanged: return QStringLiteral("keyring-changed");
    }
    return QStringLiteral("unknown");
}

} // namespace cityops
