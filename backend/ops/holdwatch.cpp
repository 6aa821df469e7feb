#include "ops/holdwatch.h"

#include <algorithm>

namespace cityops {
bool HoldWatch::report(DeviceIndex device, SignalMode mode, std::int64_t timeMs)
{
    const bool heardBefore = m_reported.contains(device);
    m_reported.insert(device);
    if (!heldByCommand(mode))
        return m_holds.remove(device) > 0;
    const auto it = m_holds.constFind(device);
    if (it != m_holds.constEnd() && it->mode == mode)
        return false;
    // A hold turned into a pre-emption (or back) is a new command's doing: its own limit, from now.
    Hold hold;
    hold.mode = mode;
    hold.sinceMs = timeMs;
    hold.sawItBegin = heardBefore && it == m_holds.constEnd();
    m_holds.insert(device, hold);
    return false;
}

void HoldWatch::check(std::int64_t nowMs, const OrderBook &orders, std::vector<Overrun> &overdue, std::vector<DeviceIndex> &inTime)
{
    // An overdue hold is looked up again only when the orders changed since (a renewal is a new order); an alarm
    // that stands for hours does not copy the order book every second.
    const bool ordersChanged = orders.version() != m_ordersVersion;
    const auto needsLookUp = [&](const Hold &h) { return !h.dated || (ordersChanged && nowMs - h.sinceMs > limitFor(h.mode)); };
    std::vector<Order> all;
    if (std::any_of(m_holds.cbegin(), m_holds.cend(), needsLookUp))
        m_ordersVersion = orders.snapshot(all);
    for (auto it = m_holds.begin(); it != m_holds.end(); ++it) {
        Hold &h = it.value();
        if (needsLookUp(h)) {
            // A command from well before a hold the watch saw begin is an old one that ended without a command
            // from here (the controller dropped a pre-emption on its own, say): holdingCommand leaves it out, as it
            // leaves out one a restore, flash or program switch ended.
            if (const auto holding = holdingCommand(all, it.key(), h.sawItBegin ? h.sinceMs : 0)) {
                const std::int64_t commanded = holding->target->changedMs;
                // Later than the first report: a renewal (or the confirmation of the report just seen). Earlier, for
                // a hold the watch did not see begin: the command dates it (a restart must not reset the clock).
                if (commanded > h.sinceMs || (!h.sawItBegin && !h.dated))
                    h.sinceMs = commanded;
                h.order = holding->order->id;
            }
            h.dated = true;
        }
        if (nowMs - h.sinceMs > limitFor(h.mode))
            overdue.push_back(Overrun{it.key(), h.mode, h.order});
        else
            inTime.push_back(it.key());
    }
}

} // namespace cityops
