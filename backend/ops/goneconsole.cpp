#include "ops/goneconsole.h"

#include <QSet>

#include <algorithm>

namespace cityops {

QString unheardReleaseNote(const Order &order)
{
    return QStringLiteral(", released here while %1 was gone; this console does not hear the broker now, so whether %1 is back is not "
                          "known: order it once the link is back").arg(order.console);
}

QString goneConsoleNote(const OrderBook &orders, const Order &order)
{
    if (!order.isAnotherConsoles())
        return {};
    switch (orders.consoleStanding(order.console)) {
    case ConsoleStanding::Online: return {};
    case ConsoleStanding::Gone: return QStringLiteral(", which is gone: a supervisor may release that order here (Commands panel)");
    case ConsoleStanding::OutOfKeyring:
        return QStringLiteral(", which is out of the console keyring: a supervisor may release that order here (Commands panel)");
    }
    return {};
}

int devicesHeldBy(const Order &order, std::int64_t nowMs)
{
    if (!order.holdsDevicesAt(nowMs))
        return 0;
    QSet<DeviceIndex> devices;
    for (const OrderTarget &t : order.targets)
        if (holdsReservation(t.stage))
            devices.insert(t.device);
    return static_cast<int>(devices.size());
}

bool heldByGoneConsole(const Order &order, const std::vector<OrderBook::ConsoleSeen> &roll, std::int64_t nowMs)
{
    // The cheap questions first: a wide order has thousands of targets.
    return order.isAnotherConsoles() && consoleGoneSince(roll, order.console) && order.holdsDevicesAt(nowMs)
        && std::any_of(order.targets.begin(), order.targets.end(), [](const OrderTarget &t) { return holdsReservation(t.stage); });
}

Result<OpsReceipt> releaseGoneConsolesOrder(const Actor &actor, const request::ReleaseOrder &r, const DeskContext &ctx, std::int64_t nowMs,
                                            std::vector<Event> &out)
{
    if (!permits(actor, Permission::OverrideInterlock))
        return makeError(refusal(actor, Permission::OverrideInterlock));
    const std::optional<Order> order = ctx.orders.find(r.order);
    if (!order)
        return makeError(QStringLiteral("order %1 is not known here").arg(r.order));
    if (!order->isAnotherConsoles())
        return makeError(QStringLiteral("order %1 is this console's own: cancel it instead").arg(r.order));
    if (order->releasedHere)
        return makeError(QStringLiteral("order %1 was already released here by %2").arg(r.order).arg(order->releasedBy));
    const int held = devicesHeldBy(*order, nowMs);
    if (held == 0)
        return makeError(QStringLiteral("order %1 of %2 holds no device here any more").arg(r.order).arg(order->console));
    const std::optional<std::int64_t> goneSince = ctx.orders.consoleGoneSince(order->console);
    if (!goneSince)
        return makeError(QStringLiteral("console %1 is not known to be gone or out of the keyring: its order stands while it may still "
                                        "work it — ask at %1, or wait for the order to end").arg(order->console));
    // While this console cannot hear the broker its roll is as last heard, and a console gone may be back already.
    // One out of the keyring (this console's own file says so) is refused here whatever it does on the broker.
    if (!ctx.hearsTheOthers() && ctx.orders.consoleStanding(order->console) == ConsoleStanding::Gone)
        return makeError(QStringLiteral("this console does not hear the broker now, so whether %1 is still gone is not known: release it "
                                        "once the link is back").arg(order->console));
    const QString reason = r.reason.trimmed();
    if (reason.isEmpty())
        return makeError(QStringLiteral("a release needs a reason (it is recorded)"));
    if (reason.size() > kMaxNoteLength)
        return makeError(QStringLiteral("the reason is too long"));

    CommandPayload p;
    p.order = r.order;
    p.stage = CommandStage::Released;
    p.timeMs = *goneSince;
    p.user = actor.user;
    p.text = reason;
    out.push_back(Event{0, nowMs, kNoDevice, p});
    QString message = QStringLiteral("order %1 of %2 released here: %3 device%4 may be ordered from this console")
                          .arg(r.order).arg(order->console).arg(held).arg(held == 1 ? "" : "s");
    if (order->expiresMs > 0) {
        const std::int64_t minutes = (order->expiresMs + kExpiryClockGraceMs - nowMs + 59'999) / 60'000;
        message += QStringLiteral("; commands it sent may still act for up to %1 min, until it expires").arg(minutes);
    }
    return OpsReceipt{message, r.order};
}

} // namespace cityops
