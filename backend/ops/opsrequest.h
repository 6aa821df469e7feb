#pragma once

#include "model/geo.h"
#include "model/incident.h"
#include "model/ops.h"
#include "security/commandsigner.h"
#include "state/orderbook.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <variant>
#include <vector>

namespace cityops {

struct OrderTargetSpec {
    DeviceIndex device = kNoDevice;
    CommandAction action = CommandAction::SignalRestore;
    std::int32_t value = 0;
    std::uint16_t step = 0;        ///< targets of a step go only once every target of earlier steps has its result
    std::int64_t offsetMs = 0;     ///< and not before this long after the order was cleared to go
};

/// What an operator asks the dispatcher to do: one action over many devices, or a named workflow's plan.
struct OrderSpec {
    WorkflowKind workflow = WorkflowKind::Single;
    QString description;
    std::vector<OrderTargetSpec> targets;
    std::int64_t validForMs = 15 * 60'000;   ///< expiry, counted from the request (approval time included)
    std::uint32_t restores = 0;
    /// Non-empty: a supervisor orders the held devices anyway (ops/interlocks.h), for this reason (recorded).
    QString interlockOverride;
};

// Requests from people to the ops logic. Each is checked against the actor's permissions by the backend.
namespace request {
struct TransitionIncident { IncidentId id = 0; IncidentState to = IncidentState::Acknowledged; QString text{}; IncidentId mergeInto = 0; };
struct NoteIncident { IncidentId id = 0; QString text; };
/// By hand at a point, or from an alarm: then `device` is the alarm's device (position and link come from it).
struct ReportIncident { GeoPoint at; IncidentSeverity severity = IncidentSeverity::Minor; QString text; DeviceIndex device = kNoDevice; };
struct AcknowledgeAlarms { std::vector<std::uint32_t> alarms; };
struct ShelveAlarms { std::vector<std::uint32_t> alarms; std::int64_t durationMs = 0; };   ///< 0 = unshelve
struct SetAlarmService { std::uint32_t alarm = 0; bool inService = true; };
struct IssueOrder { OrderSpec spec; };
struct DecideOrder {
    std::uint32_t order = 0;
    bool approve = true;
    QString reason;
    /// The approver's own key, opened with their password for this approval only: it signs every target so the
    /// devices see who approved (security/approval.h). Without it the approval stands, and devices that check refuse.
    std::shared_ptr<const CommandSigner> approvalKey;
};
struct CancelOrder { std::uint32_t order = 0; };
struct RestoreOrder { std::uint32_t order = 0; QString interlockOverride; };
/// A supervisor releases here what another console's order holds while that console is gone (ops/goneconsole.h).
struct ReleaseOrder { std::uint32_t order = 0; QString reason; };
} // namespace request

using OpsRequest = std::variant<request::TransitionIncident, request::NoteIncident, request::ReportIncident,
                                request::AcknowledgeAlarms, request::ShelveAlarms, request::SetAlarmService,
                                request::IssueOrder, request::DecideOrder, request::CancelOrder, request::RestoreOrder,
                                request::ReleaseOrder>;

/// What a granted request did, in a sentence, and the id it concerns (incident or order).
struct OpsReceipt {
    QString message;
    std::uint32_t ref = 0;
};

constexpr int kMaxNoteLength = 2000;

} // namespace cityops
