#include "ops/bookedsteps.h"

#include <algorithm>

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

bool stepBooked(const Order &order, DeviceIndex device, const CommandPayload &step)
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
    const auto target = std::find_if(order.targets.begin(), order.targets.end(),
                                     [&](const OrderTarget &t) { return t.device == device && t.step == step.step; });
    if (target == order.targets.end())
        return false;
    const int booked = targetRank(target->stage), told = targetRank(step.stage);
    if (step.stage == CommandStage::Requested || booked == 4)
        return true;
    return told >= 0 && (told < booked || (told == booked && step.attempt <= target->attempt));
}

} // namespace cityops
