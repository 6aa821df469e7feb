#include "ops/opsrules.h"

#include "base/counted.h"

#include <array>

namespace cityops {

std::optional<Permission> transitionPermission(IncidentState from, IncidentState to)
{
    using S = IncidentState;
    if (from == to)
        return std::nullopt;
    switch (to) {
    case S::Acknowledged:
        return from == S::New ? std::optional(Permission::AcknowledgeIncident) : std::nullopt;
    case S::Dispatched:
        return from == S::New || from == S::Acknowledged ? std::optional(Permission::DispatchIncident) : std::nullopt;
    case S::OnScene:
        return from == S::Dispatched ? std::optional(Permission::WorkIncident) : std::nullopt;
    case S::Resolved:
        return from == S::Acknowledged || from == S::Dispatched || from == S::OnScene ? std::optional(Permission::WorkIncident)
                                                                                       : std::nullopt;
    case S::Closed:
        return from == S::Resolved ? std::optional(Permission::CloseIncident) : std::nullopt;
    case S::Cancelled:
    case S::Merged:
        return from != S::Resolved && from != S::Closed && from != S::Cancelled && from != S::Merged
                   ? std::optional(Permission::CancelIncident)
                   : std::nullopt;
    case S::New:
        return std::nullopt;
    }
    return std::nullopt;
}

const CommandSpec &commandSpec(CommandAction action)
{
    using A = CommandAction;
    using K = DeviceKind;
    static const std::array<CommandSpec, kCommandActionCount> catalogue{{
        {A::SignalSwitchProgram, K::SignalController, false, true, true, 0, 255},
        {A::SignalHoldPhase, K::SignalController, true, true, true, 0, 65535},
        {A::SignalAdvancePhase, K::SignalController, true, false, false},
        {A::SignalFlash, K::SignalController, true, true, false},
        {A::SignalPreempt, K::SignalController, true, true, true, 0, 65535},
        {A::SignalRestore, K::SignalController, false, true, false},
        {A::LightOn, K::Streetlight, false, true, false},
        {A::LightOff, K::Streetlight, false, true, false},
        {A::LightDim, K::Streetlight, false, true, true, 1, 100},
        {A::FeederShed, K::Feeder, true, true, false},
        {A::FeederRestore, K::Feeder, false, true, false},
        {A::LightAuto, K::Streetlight, false, true, false},
    }};
    static_assert(kCommandActionCount == 12);
    // Whether an action is high risk is the model's one rule (devices check it too); the table above must agree.
    Q_ASSERT(catalogue[static_cast<size_t>(action)].highRisk == isHighRisk(action));
    return catalogue[static_cast<size_t>(action)];
}

QString validateCommand(CommandAction action, int value, DeviceKind kind, int programCount, int phaseCount)
{
    const CommandSpec &spec = commandSpec(action);
    if (spec.kind != kind)
        return QStringLiteral("%1 does not apply to a %2").arg(commandActionName(action), deviceKindName(kind));
    if (!spec.takesValue)
        return {};
    if (value < spec.minValue || value > spec.maxValue)
        return QStringLiteral("%1 needs a value from %2 to %3, not %4").arg(commandActionName(action)).arg(spec.minValue).arg(spec.maxValue).arg(value);
    if (action == CommandAction::SignalSwitchProgram && value >= programCount)
        return QStringLiteral("the controller has %1; there is no program %2").arg(counted(programCount, "program")).arg(value);
    if ((action == CommandAction::SignalHoldPhase || action == CommandAction::SignalPreempt) && value >= phaseCount)
        return QStringLiteral("the program has %1; there is no phase %2").arg(counted(phaseCount, "phase")).arg(value);
    return {};
}

Undo undoFor(CommandAction action, DeviceKind kind, const DeviceState &before)
{
    switch (kind) {
    case DeviceKind::SignalController:
        if (action == CommandAction::SignalSwitchProgram)
            return {CommandAction::SignalSwitchProgram, before.program};
        return {CommandAction::SignalRestore, 0};
    case DeviceKind::Streetlight:
        // Lamps normally run on their photocells; putting them back under it is the faithful undo.
        return {CommandAction::LightAuto, 0};
    case DeviceKind::Feeder:
        return before.breakerClosed ? Undo{CommandAction::FeederRestore, 0} : Undo{CommandAction::FeederShed, 0};
    case DeviceKind::Substation:
        break;
    }
    return {action, 0};
}

bool stateConfirms(CommandAction action, int value, const DeviceState &before, const DeviceState &now)
{
    const auto mode = static_cast<SignalMode>(now.mode);
    switch (action) {
    case CommandAction::SignalSwitchProgram: return mode == SignalMode::Normal && now.program == value;
    case CommandAction::SignalHoldPhase: return mode == SignalMode::Manual && now.phase == value;
    case CommandAction::SignalAdvancePhase: return mode == SignalMode::Manual && now.phase != before.phase;
    case CommandAction::SignalFlash: return mode == SignalMode::Flash;
    case CommandAction::SignalPreempt: return mode == SignalMode::Preempt && now.phase == value;
    case CommandAction::SignalRestore: return mode == SignalMode::Normal;
    case CommandAction::LightOn: return now.level == 100;
    case CommandAction::LightOff: return now.level == 0;
    case CommandAction::LightDim: return now.level == value;
    case CommandAction::FeederShed: return !now.breakerClosed;
    case CommandAction::FeederRestore: return now.breakerClosed;
    case CommandAction::LightAuto: return true;   // any report after the device accepted: the level is the photocell's
    }
    return false;
}

} // namespace cityops
