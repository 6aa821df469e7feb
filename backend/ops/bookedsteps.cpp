#include "ops/bookedsteps.h"

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

/// Where a target's stage stands in its lifecycle: requested, reserved, sent, accepted, done.
int targetRank(CommandStage stage)
{
    switch (stage) {
    case CommandStage::Requested: return 0;
    case CommandStage::Selected: return 1;
    case CommandStage::Sent: return 2;
    case CommandStage::InProgress: return 3;
    default: return isTerminal(stage) ? 4 : -1;
    }
}

} // namespace

bool stepBooked(const Order &order, DeviceIndex device, const OrderTarget *target, const CommandPayload &step)
{
    if (order.stage == CommandStage::Finished)
        return true;   // final: nothing told about it can change it
    if (device == kNoDevice) {
        switch (step.stage) {
        case CommandStage::Requested: return true;
        case CommandStage::AwaitingApproval: return order.needsApproval;
        case CommandStage::Approved: return order.approvedMs != 0;
        case CommandStage::Denied: return order.stage == CommandStage::Denied;
        default: return false;
        }
    }
    if (!target)
        return false;
    const int booked = targetRank(target->stage), told = targetRank(step.stage);
    if (step.stage == CommandStage::Requested || booked == 4)
        return true;
    return told >= 0 && (told < booked || (told == booked && step.attempt <= target->attempt));
}

bool incidentStepBooked(const Incident &incident, const Event &event)
{
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload))
        return raised->id == incident.id && raised->kind == incident.kind && raised->district == incident.district
            && std::abs(raised->position.lon - incident.position.lon) < 1e-9 && std::abs(raised->position.lat - incident.position.lat) < 1e-9;
    const auto *u = std::get_if<IncidentUpdatePayload>(&event.payload);
    if (!u || u->id != incident.id)
        return false;
    switch (u->change) {
    case IncidentChange::Transition:
        return std::any_of(incident.history.begin(), incident.history.end(),
                           [&](const IncidentStep &s) { return s.state == u->state && s.user == u->user && s.text == u->text; });
    case IncidentChange::Note:
        return std::any_of(incident.notes.begin(), incident.notes.end(), [&](const IncidentNote &n) { return n.user == u->user && n.text == u->text; });
    case IncidentChange::LinkDevice:
        return std::find(incident.linked.begin(), incident.linked.end(), event.device) != incident.linked.end();
    default:
        return false;
    }
}

} // namespace cityops
