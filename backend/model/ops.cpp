#include "model/ops.h"

namespace cityops {

CommandPayload commandAnswer(const DeviceCommand &command, CommandStage stage, const QString &reason)
{
    CommandPayload p;
    p.order = command.order;
    p.stage = stage;
    p.action = command.action;
    p.value = command.value;
    p.step = command.step;
    p.attempt = command.attempt;
    p.text = reason;
    return p;
}

QString incidentChangeName(IncidentChange change)
{
    switch (change) {
    case IncidentChange::Transition: return QStringLiteral("transition");
    case IncidentChange::Note: return QStringLiteral("note");
    case IncidentChange::LinkDevice: return QStringLiteral("link-device");
    case IncidentChange::AckOverdue: return QStringLiteral("ack-overdue");
    case IncidentChange::OnSceneOverdue: return QStringLiteral("on-scene-overdue");
    }
    return QStringLiteral("unknown");
}

QString alarmCauseName(AlarmCause cause)
{
    switch (cause) {
    case AlarmCause::LampFault: return QStringLiteral("lamp-fault");
    case AlarmCause::SignalFault: return QStringLiteral("signal-fault");
    case AlarmCause::CommLoss: return QStringLiteral("comm-loss");
    case AlarmCause::FeederOverload: return QStringLiteral("feeder-overload");
    case AlarmCause::FeederTrip: return QStringLiteral("feeder-trip");
    case AlarmCause::LinkLoss: return QStringLiteral("link-loss");
    case AlarmCause::HoldOverrun: return QStringLiteral("hold-overrun");
    }
    return QStringLiteral("unknown");
}

QString alarmChangeName(AlarmChange change)
{
    switch (change) {
    case AlarmChange::Raised: return QStringLiteral("raised");
    case AlarmChange::Returned: return QStringLiteral("returned");
    case AlarmChange::Acknowledged: return QStringLiteral("acknowledged");
    case AlarmChange::Shelved: return QStringLiteral("shelved");
    case AlarmChange::Unshelved: return QStringLiteral("unshelved");
    case AlarmChange::OutOfService: return QStringLiteral("out-of-service");
    case AlarmChange::InService: return QStringLiteral("in-service");
    case AlarmChange::Suppressed: return QStringLiteral("suppressed");
    case AlarmChange::Unsuppressed: return QStringLiteral("unsuppressed");
    }
    return QStringLiteral("unknown");
}

QString alarmPriorityName(AlarmPriority priority)
{
    switch (priority) {
    case AlarmPriority::Low: return QStringLiteral("low");
    case AlarmPriority::Medium: return QStringLiteral("medium");
    case AlarmPriority::High: return QStringLiteral("high");
    }
    return QStringLiteral("unknown");
}

QString commandActionName(CommandAction action)
{
    switch (action) {
    case CommandAction::SignalSwitchProgram: return QStringLiteral("signal-switch-program");
    case CommandAction::SignalHoldPhase: return QStringLiteral("signal-hold-phase");
    case CommandAction::SignalAdvancePhase: return QStringLiteral("signal-advance-phase");
    case CommandAction::SignalFlash: return QStringLiteral("signal-flash");
    case CommandAction::SignalPreempt: return QStringLiteral("signal-preempt");
    case CommandAction::SignalRestore: return QStringLiteral("signal-restore");
    case CommandAction::LightOn: return QStringLiteral("light-on");
    case CommandAction::LightOff: return QStringLiteral("light-off");
    case CommandAction::LightDim: return QStringLiteral("light-dim");
    case CommandAction::FeederShed: return QStringLiteral("feeder-shed");
    case CommandAction::FeederRestore: return QStringLiteral("feeder-restore");
    case CommandAction::LightAuto: return QStringLiteral("light-auto");
    }
    return QStringLiteral("unknown");
}

QString commandStageName(CommandStage stage)
{
    switch (stage) {
    case CommandStage::Requested: return QStringLiteral("requested");
    case CommandStage::AwaitingApproval: return QStringLiteral("awaiting-approval");
    case CommandStage::Approved: return QStringLiteral("approved");
    case CommandStage::Denied: return QStringLiteral("denied");
    case CommandStage::Selected: return QStringLiteral("selected");
    case CommandStage::Sent: return QStringLiteral("sent");
    case CommandStage::InProgress: return QStringLiteral("in-progress");
    case CommandStage::Confirmed: return QStringLiteral("confirmed");
    case CommandStage::Rejected: return QStringLiteral("rejected");
    case CommandStage::TimedOut: return QStringLiteral("timed-out");
    case CommandStage::Expired: return QStringLiteral("expired");
    case CommandStage::Cancelled: return QStringLiteral("cancelled");
    case CommandStage::Finished: return QStringLiteral("finished");
    case CommandStage::Released: return QStringLiteral("released");
    }
    return QStringLiteral("unknown");
}

bool isTerminal(CommandStage stage)
{
    return stage == CommandStage::Confirmed || stage == CommandStage::Rejected || stage == CommandStage::TimedOut
           || stage == CommandStage::Expired || stage == CommandStage::Cancelled;
}

} // namespace cityops
