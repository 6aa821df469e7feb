#pragma once

#include "model/device.h"
#include "model/incident.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace cityops {

// Event payloads of the dispatch work (ARCHITECTURE §6, §7). Every change an operator, a device or the ops logic
// makes to an incident, an alarm or a command is one of these events: the books that the console and replay read
// are pure functions of them, and the store keeps the whole story.

/// What happened to an incident besides being raised or cleared in the field.
enum class IncidentChange : std::uint8_t {
    Transition,         ///< lifecycle step to `state`
    Note,               ///< free text added
    LinkDevice,         ///< the event's device is linked to the incident
    AckOverdue,         ///< acknowledge-by deadline passed: escalated to supervisors
    OnSceneOverdue,     ///< on-scene-by deadline passed: escalated to supervisors
};

struct IncidentUpdatePayload {
    IncidentId id = 0;
    IncidentChange change = IncidentChange::Transition;
    IncidentState state = IncidentState::New;   ///< the new state (Transition)
    IncidentId mergedInto = 0;                  ///< Merged: the incident that absorbs this one
    QString user;                               ///< who; empty for the system (SLA escalation)
    QString text;                               ///< note, or the reason of a transition
};

/// Why an alarm exists. The alarm is keyed by (device, cause).
/// LinkLoss: many devices silent for one named reason (their gateway gone, the traffic simulation stopped) — the parent
/// of their own comm-loss alarms, raised on the first of them. HoldOverrun: a signal a command holds or pre-empts for
/// longer than such a hold should last (ops/holdwatch.h). New causes go at the end: stored events keep their numbers.
enum class AlarmCause : std::uint8_t { LampFault, SignalFault, CommLoss, FeederOverload, FeederTrip, LinkLoss, HoldOverrun };
constexpr int kAlarmCauseCount = 7;

enum class AlarmPriority : std::uint8_t { Low, Medium, High };

/// ISA-18.2 state changes of one alarm.
enum class AlarmChange : std::uint8_t {
    Raised,         ///< condition became active (annunciated unless suppressed)
    Returned,       ///< condition cleared (return to normal)
    Acknowledged,
    Shelved,        ///< hidden by an operator until `untilMs`
    Unshelved,      ///< by hand or because the shelf expired
    OutOfService,   ///< taken out of service (maintenance): no annunciation until returned to service
    InService,
    Suppressed,     ///< suppressed by design: a consequence of `parent` (e.g. lamps dark behind a tripped feeder)
    Unsuppressed,
};

struct AlarmPayload {
    std::uint32_t alarm = 0;        ///< alarm id, unique within a recording
    AlarmChange change = AlarmChange::Raised;
    AlarmCause cause = AlarmCause::LampFault;
    AlarmPriority priority = AlarmPriority::Low;
    std::uint32_t parent = 0;       ///< Suppressed: the alarm this one is a consequence of
    std::int64_t untilMs = 0;       ///< Shelved: when the shelf expires
    QString user;
    QString text;
};

/// The command catalogue (ARCHITECTURE §6). `value` carries the parameter where there is one.
enum class CommandAction : std::uint8_t {
    SignalSwitchProgram,  ///< value = program index
    SignalHoldPhase,      ///< value = phase index, held in manual mode
    SignalAdvancePhase,   ///< next phase now (not idempotent)
    SignalFlash,
    SignalPreempt,        ///< value = phase held green for an emergency vehicle
    SignalRestore,        ///< back to normal program operation
    LightOn,
    LightOff,
    LightDim,             ///< value = level %
    FeederShed,           ///< open the breaker
    FeederRestore,        ///< close the breaker
    LightAuto,            ///< back to photocell control (and night dimming)
};
constexpr int kCommandActionCount = 12;

/// High-risk actions (they stop traffic or cut power): a supervisor approves the order, and a device acts only when the
/// command carries that supervisor's own signature besides the console's (docs/SECURITY.md, "Two signatures").
constexpr bool isHighRisk(CommandAction action)
{
    switch (action) {
    case CommandAction::SignalHoldPhase:
    case CommandAction::SignalAdvancePhase:
    case CommandAction::SignalFlash:
    case CommandAction::SignalPreempt:
    case CommandAction::FeederShed:
        return true;
    default:
        return false;
    }
}

/// Where an order or one of its targets stands. Order-level events have no device; target events name it.
enum class CommandStage : std::uint8_t {
    Requested,        ///< order: issued (text = description); target: included, with its action/value/step
    AwaitingApproval, ///< order: high risk, waits for a second person
    Approved,         ///< order: approved (user = approver)
    Denied,           ///< order: approval refused (terminal for every target: Cancelled follows)
    Selected,         ///< target: reserved for this order (select-before-operate)
    Sent,             ///< target: command sent to the device (`attempt` counts retries)
    InProgress,       ///< target: the device accepted and is acting
    Confirmed,        ///< target: the device's reported state shows the command done
    Rejected,         ///< target: the device (or the dispatcher, e.g. device offline) refused; text = reason
    TimedOut,         ///< target: no answer or no confirmation in time, no retry left
    Expired,          ///< target: the order's expiry passed before it was done
    Cancelled,        ///< target: cancelled before it was done
    Finished,         ///< order: every target has its terminal result
    /// order: another console's, released here by a supervisor while that console was gone (user = supervisor, text =
    /// reason): it holds no device at this console until that console is back or speaks for it again. Never shared.
    Released,
};

struct CommandPayload {
    std::uint32_t order = 0;
    CommandStage stage = CommandStage::Requested;
    CommandAction action = CommandAction::SignalRestore;
    std::int32_t value = 0;
    std::uint16_t step = 0;      ///< target: workflow step (targets of step n+1 go after step n, see OrderSpec)
    std::uint8_t attempt = 0;
    std::int64_t timeMs = 0;     ///< order Requested: expiry; target Requested: earliest send offset after approval;
                                 ///< order Released: since when its console was gone
    QString user;
    QString text;
    /// The console a step came from when it is another console's (its name on the broker, as the link authenticated
    /// it: OpsExchange sets it on receipt, whatever the sender wrote); empty for this console's own steps and the
    /// field's answers. Kept with the record, so that a restarted console tells its own earlier orders from the ones
    /// it only watched — their ids cannot (DeskContext::issuedEarlier).
    QString console;
};

/// A command on its way to one device. The device answers with a CommandPayload event (InProgress when it
/// accepts, Rejected with a reason) for the same order, step and attempt, and its reported state confirms it.
struct DeviceCommand {
    std::uint32_t order = 0;
    std::uint16_t step = 0;
    std::uint8_t attempt = 1;
    DeviceIndex device = kNoDevice;
    CommandAction action = CommandAction::SignalRestore;
    std::int32_t value = 0;
    std::int64_t expiresMs = 0;   ///< a device must not act on it after this (the order's expiry)
    QString approver;             ///< high risk: the supervisor who approved the order
    QByteArray approval;          ///< high risk: their approval key's signature over approvalStatement() (security/approval.h)
};

/// A device's answer to a command (accepted: InProgress; or Rejected with a reason), as links deliver it.
CommandPayload commandAnswer(const DeviceCommand &command, CommandStage stage, const QString &reason = {});

QString incidentChangeName(IncidentChange change);   ///< stable English keys, used in files and logs
QString alarmCauseName(AlarmCause cause);
QString alarmChangeName(AlarmChange change);
QString alarmPriorityName(AlarmPriority priority);
QString commandActionName(CommandAction action);
QString commandStageName(CommandStage stage);
bool isTerminal(CommandStage stage);

} // namespace cityops
