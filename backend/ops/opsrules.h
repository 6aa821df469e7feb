#pragma once

#include "model/device.h"
#include "model/incident.h"
#include "model/ops.h"
#include "security/actor.h"

#include <optional>

namespace cityops {

// The rules of the dispatch work, as plain functions so the live logic, the UI (what to grey out) and the tests
// read the same table.

/// How long an order may be valid, from its request: every console's dispatcher, and what it takes from another.
constexpr std::int64_t kMinOrderValidityMs = 10'000;
constexpr std::int64_t kMaxOrderValidityMs = 24 * 3600'000LL;

/// The permission an incident transition needs, or nothing when the step is not part of the lifecycle.
std::optional<Permission> transitionPermission(IncidentState from, IncidentState to);

/// One entry of the command catalogue.
struct CommandSpec {
    CommandAction action;
    DeviceKind kind;        ///< the device kind it applies to
    bool highRisk;          ///< needs a supervisor's approval (and select-before-operate, as every order)
    bool idempotent;        ///< an absolute set-point: a repeat is harmless, so it may be retried
    bool takesValue;
    int minValue = 0;
    int maxValue = 0;
};
const CommandSpec &commandSpec(CommandAction action);
/// Checks a parameter against the catalogue and the device (program/phase counts). Empty when fine.
QString validateCommand(CommandAction action, int value, DeviceKind kind, int programCount, int phaseCount);
/// The action that puts a device back as it was before `action` (given its state then).
struct Undo {
    CommandAction action;
    int value;
};
Undo undoFor(CommandAction action, DeviceKind kind, const DeviceState &before);
/// Whether the device's reported state shows `action` done (`before` is its state when the command was sent).
bool stateConfirms(CommandAction action, int value, const DeviceState &before, const DeviceState &now);

} // namespace cityops
