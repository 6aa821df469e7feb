#pragma once

#include "model/incident.h"
#include "state/orderbook.h"

namespace cityops {

/// Whether `order`'s books already hold step `step` (on `device`, or the order itself for kNoDevice) — what a console
/// re-telling its history tells a console that has it already: a console restarted on its record is handed over the
/// history of the orders it carried over, and of those a console learns of twice (live and in the hand-over). Such a
/// step is known when the order is finished, or the step is no later in its lifecycle than the books have it (a
/// target's repeated stage: no later attempt). `target`: the order's target (`device`, `step.step`) as the caller
/// looked it up, null when it has none (a re-told order of 10,000 targets is 30,000 steps: looking each target up in
/// the order's list took 72 ms, `cityops-bench handover`). Only for a step of the console the order is recorded
/// with: the caller checks that.
bool stepBooked(const Order &order, DeviceIndex device, const OrderTarget *target, const CommandPayload &step);

/// Whether `incident`'s books already hold `event` (its report, a transition, a note or a linked device) — the same
/// question for an incident re-told in a hand-over. By content, not position (the books hold this console's own steps
/// between the other consoles'): a transition to the same state by the same person with the same words, a note of the
/// same person with the same words, the same report (kind, district, place). Only for handed-over events: live, a
/// person may well write the same note twice.
bool incidentStepBooked(const Incident &incident, const Event &event);

} // namespace cityops
