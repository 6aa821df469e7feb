#include "state/orderbook.h"

#include <algorithm>

namespace cityops {
namespace {
constexpr size_t kMaxFinishedKept = 200;
constexpr size_t kMaxConsoles = 1000;   ///< consoles of a keyring: a control room's desks and walls, far fewer

bool holdsSignal(CommandAction a)
{
    return a == CommandAction::SignalHoldPhase || a == CommandAction::SignalAdvancePhase || a == CommandAction::SignalPreempt;
}

bool endsHold(CommandAction a)
{
    return a == CommandAction::SignalRestore || a == CommandAction::SignalSwitchProgram || a == CommandAction::SignalFlash;
}
} // namespace

QString workflowKindName(WorkflowKind kind)
{
    switch (kind) {
    case WorkflowKind::Single: return QStringLiteral("single");
    case WorkflowKind::FlashAndDispatch: return QStringLiteral("flash-and-dispatch");
    case WorkflowKind::DimDistrict: return QStringLiteral("dim-district");
    case WorkflowKind::ShedFeeders: return QStringLiteral("shed-feeders");
    case WorkflowKind::GreenWave: return QStringLiteral("green-wave");
    case WorkflowKind::Restore: return QStringLiteral("restore");
    }
    return QStringLiteral("unknown");
}

int Order::count(CommandStage s) const
{
    return static_cast<int>(std::count_if(targets.begin(), targets.end(), [s](const OrderTarget &t) { return t.stage == s; }));
}

std::optional<HoldingCommand> holdingCommand(const std::vector<Order> &orders, DeviceIndex device, std::int64_t heldSinceMs)
{
    std::optional<HoldingCommand> found;
    std::int64_t lastEndedMs = -1;   // the newest restore, program switch or flash the device carried out
    for (const Order &o : orders)
        for (const OrderTarget &t : o.targets) {
            if (t.device != device)
                continue;
            if (endsHold(t.action) && t.stage == CommandStage::Confirmed)
                lastEndedMs = std::max(lastEndedMs, t.changedMs);
            else if (holdsSignal(t.action)
                     && (t.stage == CommandStage::Confirmed || t.stage == CommandStage::InProgress || t.stage == CommandStage::Sent)
                     && (!found || t.changedMs >= found->target->changedMs))
                found = HoldingCommand{&o, &t};
        }
    // A hold the device carried out an end to since is over: what holds it now was not sent from here (another
    // console's command, or one from before the record began). A restore still under way has not ended it yet.
    if (found && lastEndedMs >= found->target->changedMs)
        return std::nullopt;
    // A hold that began well after the command did not come from it: that one ended without a command from here.
    if (found && heldSinceMs > 0 && found->target->changedMs + kCommandToReportSkewMs < heldSinceMs)
        return std::nullopt;
    return found;
}

int Order::terminalCount() const
{
    return static_cast<int>(std::count_if(targets.begin(), targets.end(), [](const OrderTarget &t) { return isTerminal(t.stage); }));
}

void OrderBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    for (const Event &event : events) {
        // A new session (a restart) carries the orders over; the dispatcher of the new process takes up what is
        // still open (Dispatcher::resume), and its events finish or continue them here.
        if (const auto *p = std::get_if<CommandPayload>(&event.payload))
            applyOne(event, *p);
        else if (const auto *c = std::get_if<ConsolePayload>(&event.payload))
            applyConsole(event, *c);
    }
}

void OrderBook::applyOne(const Event &event, const CommandPayload &p)
{
    m_lastId = std::max(m_lastId, p.order);
    if (event.device == kNoDevice && p.stage == CommandStage::Requested) {
        if (m_byId.contains(p.order))
            return;
        Order o;
        o.id = p.order;
        o.workflow = static_cast<WorkflowKind>(std::min<int>(p.step, static_cast<int>(WorkflowKind::Restore)));
        o.restores = static_cast<std::uint32_t>(p.value);
        o.requestedBy = p.user;
        o.console = p.console;
        o.description = p.text;
        o.requestedMs = event.timeMs;
        o.expiresMs = p.timeMs;
        o.version = ++m_version;
        m_byId.insert(o.id, m_orders.size());
        m_orders.push_back(std::move(o));
        // Keep the book small: drop the oldest finished orders.
        const auto finished = std::count_if(m_orders.begin(), m_orders.end(), [](const Order &x) { return x.finished(); });
        if (static_cast<size_t>(finished) > kMaxFinishedKept) {
            const auto it = std::find_if(m_orders.begin(), m_orders.end(), [](const Order &x) { return x.finished(); });
            m_targets.remove(it->id);
            m_orders.erase(it);
            m_byId.clear();
            for (size_t i = 0; i < m_orders.size(); ++i)
                m_byId.insert(m_orders[i].id, i);
        }
        return;
    }
    const auto it = m_byId.constFind(p.order);
    if (it == m_byId.constEnd())
        return;
    Order &o = m_orders[it.value()];
    o.version = ++m_version;
    // Its console speaks for it again (a step it sent on, or one a hand-over re-tells): it is not gone, the release
    // ends. Its steps arriving at all means it is on the broker; its status may not have said so yet.
    if (o.releasedHere && !p.console.isEmpty() && p.console == o.console)
        lapseRelease(o, event.timeMs);
    if (event.device == kNoDevice) {
        switch (p.stage) {
        case CommandStage::Released:
            // Only another console's order that has not ended: this console's own are cancelled, not released.
            if (o.isAnotherConsoles() && !o.finished() && p.console.isEmpty()) {
                o.releasedHere = true;
                o.releasedBy = p.user;
                o.releaseReason = p.text;
                o.releasedMs = event.timeMs;
                o.releaseLapsedMs = 0;
            }
            break;
        case CommandStage::AwaitingApproval:
            o.needsApproval = true;
            o.stage = p.stage;
            break;
        case CommandStage::Approved:
            o.stage = p.stage;
            o.approvedBy = p.user;
            o.approvedMs = event.timeMs;
            break;
        case CommandStage::Denied:
            o.stage = p.stage;
            o.approvedBy = p.user;
            o.deniedReason = p.text;
            break;
        case CommandStage::Finished:
            o.stage = p.stage;
            // A finished order holds nothing, whatever its targets were last told: another console's target the
            // field refused is known here only if that console passed the refusal on (a release before session 44
            // did not), and a console may stop mid-order. Else the device stayed "reserved by" it here for good.
            for (const OrderTarget &t : o.targets)
                if (m_holdCounts.remove((quint64(o.id) << 32) | t.device))
                    removeHolder(t.device, o.id);
            break;
        default:
            break;
        }
        return;
    }
    if (p.stage == CommandStage::Requested) {
        OrderTarget t;
        t.device = event.device;
        t.action = p.action;
        t.value = p.value;
        t.step = p.step;
        t.offsetMs = p.timeMs;
        t.changedMs = event.timeMs;
        m_targets[o.id].insert(targetKey(t.device, t.step), static_cast<int>(o.targets.size()));
        o.targets.push_back(t);
        return;
    }
    const auto perOrder = m_targets.constFind(o.id);
    const int index = perOrder == m_targets.constEnd() ? -1 : perOrder->value(targetKey(event.device, p.step), -1);
    if (index < 0)
        return;
    OrderTarget &t = o.targets[static_cast<size_t>(index)];
    if (isTerminal(t.stage))
        return;   // exactly one terminal result: a late answer changes nothing
    if (p.stage == CommandStage::Rejected && p.attempt < t.attempt)
        return;   // a superseded attempt's refusal is not the result: the retry may still act (Dispatcher::observe)
    const bool held = holdsReservation(t.stage);
    t.stage = p.stage;
    t.attempt = std::max(t.attempt, p.attempt);
    t.changedMs = event.timeMs;
    if (!p.text.isEmpty())
        t.reason = p.text;
    // Two consoles may select one device at the same moment; the lower order id keeps it (the dispatchers resolve
    // the conflict the same way, see Dispatcher::observe).
    const bool holds = holdsReservation(t.stage);
    if (!held && holds && !o.finished())
        hold(o.id, t.device);
    else if (held && !holds)
        unhold(o.id, t.device);
}

void OrderBook::hold(std::uint32_t order, DeviceIndex device)
{
    if (++m_holdCounts[(quint64(order) << 32) | device] == 1)
        addHolder(device, order);
}

void OrderBook::unhold(std::uint32_t order, DeviceIndex device)
{
    const auto it = m_holdCounts.find((quint64(order) << 32) | device);
    if (it == m_holdCounts.end() || --it.value() > 0)
        return;
    m_holdCounts.erase(it);
    removeHolder(device, order);
}

void OrderBook::addHolder(DeviceIndex device, std::uint32_t order)
{
    auto &holders = m_holders[device];
    const auto at = std::lower_bound(holders.begin(), holders.end(), order);
    if (at == holders.end() || *at != order)
        holders.insert(at, order);
}

void OrderBook::removeHolder(DeviceIndex device, std::uint32_t order)
{
    const auto it = m_holders.find(device);
    if (it == m_holders.end())
        return;
    it->removeOne(order);
    if (it->isEmpty())
        m_holders.erase(it);
}

void OrderBook::applyConsole(const Event &event, const ConsolePayload &p)
{
    auto it = std::find_if(m_consoles.begin(), m_consoles.end(), [&](const ConsoleSeen &c) { return c.console == p.console; });
    if (it == m_consoles.end() && m_consoles.size() >= kMaxConsoles)
        return;
    if (it == m_consoles.end()) {
        it = m_consoles.insert(m_consoles.end(), ConsoleSeen{p.console, p.standing, event.timeMs});
    } else {
        if (it->standing == p.standing)
            return;
        it->standing = p.standing;
        it->sinceMs = event.timeMs;
    }
    ++m_version;
    if (p.standing == ConsoleStanding::Online)
        for (Order &o : m_orders)
            if (o.releasedHere && o.console == p.console)
                lapseRelease(o, event.timeMs);
}

void OrderBook::lapseRelease(Order &o, std::int64_t timeMs)
{
    o.releasedHere = false;
    o.releaseLapsedMs = timeMs;
    o.version = ++m_version;
}

namespace {
const OrderBook::ConsoleSeen *seen(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console)
{
    const auto it = std::find_if(roll.begin(), roll.end(), [&](const OrderBook::ConsoleSeen &c) { return c.console == console; });
    return it == roll.end() ? nullptr : &*it;
}
} // namespace

std::optional<std::int64_t> consoleGoneSince(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console)
{
    const OrderBook::ConsoleSeen *c = seen(roll, console);
    return !c || c->standing == ConsoleStanding::Online ? std::nullopt : std::optional(c->sinceMs);
}

std::optional<std::int64_t> OrderBook::consoleGoneSince(const QString &console) const
{
    std::lock_guard lock(m_mutex);
    return cityops::consoleGoneSince(m_consoles, console);
}

ConsoleStanding consoleStanding(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console)
{
    const OrderBook::ConsoleSeen *c = seen(roll, console);
    return c ? c->standing : ConsoleStanding::Online;
}

ConsoleStanding OrderBook::consoleStanding(const QString &console) const
{
    std::lock_guard lock(m_mutex);
    return cityops::consoleStanding(m_consoles, console);
}

std::vector<OrderBook::ConsoleSeen> OrderBook::consoles() const
{
    std::lock_guard lock(m_mutex);
    return m_consoles;
}

bool OrderBook::endsOwnTarget(DeviceIndex device, const CommandPayload &p) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.constFind(p.order);
    if (it == m_byId.constEnd() || m_orders[it.value()].isAnotherConsoles())
        return false;
    const auto perOrder = m_targets.constFind(p.order);
    const int index = perOrder == m_targets.constEnd() ? -1 : perOrder->value(targetKey(device, p.step), -1);
    if (index < 0)
        return false;
    const OrderTarget &t = m_orders[it.value()].targets[static_cast<size_t>(index)];
    return !isTerminal(t.stage) && (p.stage != CommandStage::Rejected || p.attempt >= t.attempt);
}

void OrderBook::rebuildReservations()
{
    m_holders.clear();
    m_holdCounts.clear();
    for (const Order &o : m_orders) {
        if (o.finished())
            continue;
        for (const OrderTarget &t : o.targets)
            if (holdsReservation(t.stage))
                hold(o.id, t.device);
    }
}

std::uint64_t OrderBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

std::uint64_t OrderBook::snapshot(std::vector<Order> &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_orders;
    return m_version;
}

std::optional<Order> OrderBook::find(std::uint32_t id) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.constFind(id);
    return it == m_byId.constEnd() ? std::nullopt : std::optional(m_orders[it.value()]);
}

bool OrderBook::contains(std::uint32_t id) const
{
    std::lock_guard lock(m_mutex);
    return m_byId.contains(id);
}

std::uint32_t OrderBook::reservedBy(DeviceIndex device) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_holders.constFind(device);
    return it == m_holders.constEnd() ? 0 : it->front();
}

std::uint32_t OrderBook::holderAtLocked(DeviceIndex device, std::int64_t nowMs) const
{
    const auto it = m_holders.constFind(device);
    if (it == m_holders.constEnd())
        return 0;
    for (const std::uint32_t order : *it)
        if (const auto at = m_byId.constFind(order); at != m_byId.constEnd() && m_orders[at.value()].holdsDevicesAt(nowMs))
            return order;
    return 0;
}

std::uint32_t OrderBook::holderAt(DeviceIndex device, std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    return holderAtLocked(device, nowMs);
}

std::uint32_t OrderBook::releasedHolderAt(DeviceIndex device, std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    return releasedHolderAtLocked(device, nowMs);
}

std::uint32_t OrderBook::releasedHolderAtLocked(DeviceIndex device, std::int64_t nowMs) const
{
    const auto it = m_holders.constFind(device);
    if (it == m_holders.constEnd())
        return 0;
    for (const std::uint32_t order : *it)
        if (const auto at = m_byId.constFind(order); at != m_byId.constEnd()) {
            const Order &o = m_orders[at.value()];
            if (o.releasedHere && o.wouldHoldAt(nowMs) && cityops::consoleStanding(m_consoles, o.console) == ConsoleStanding::Gone)
                return order;
        }
    return 0;
}

std::vector<std::pair<DeviceIndex, std::uint32_t>> OrderBook::reservations() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<DeviceIndex, std::uint32_t>> out;
    out.reserve(static_cast<size_t>(m_holders.size()));
    for (auto it = m_holders.constBegin(); it != m_holders.constEnd(); ++it)
        out.emplace_back(it.key(), it->front());
    return out;
}

std::vector<std::pair<DeviceIndex, std::uint32_t>> OrderBook::reservations(std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<DeviceIndex, std::uint32_t>> out;
    out.reserve(static_cast<size_t>(m_holders.size()));
    for (auto it = m_holders.constBegin(); it != m_holders.constEnd(); ++it)
        if (const std::uint32_t holder = holderAtLocked(it.key(), nowMs))
            out.emplace_back(it.key(), holder);
    return out;
}

std::vector<std::pair<DeviceIndex, std::uint32_t>> OrderBook::releasedReservations(std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<DeviceIndex, std::uint32_t>> out;
    for (auto it = m_holders.constBegin(); it != m_holders.constEnd(); ++it)
        if (holderAtLocked(it.key(), nowMs) == 0)
            if (const std::uint32_t released = releasedHolderAtLocked(it.key(), nowMs))
                out.emplace_back(it.key(), released);
    return out;
}

std::uint32_t OrderBook::lastId() const
{
    std::lock_guard lock(m_mutex);
    return m_lastId;
}

OrderBook::State OrderBook::exportState() const
{
    std::lock_guard lock(m_mutex);
    return {m_orders, m_lastId, m_consoles};
}

void OrderBook::restore(const State &state)
{
    std::lock_guard lock(m_mutex);
    m_orders = state.orders;
    m_lastId = state.lastId;
    m_consoles = state.consoles;
    m_byId.clear();
    m_targets.clear();
    for (size_t i = 0; i < m_orders.size(); ++i) {
        m_byId.insert(m_orders[i].id, i);
        auto &index = m_targets[m_orders[i].id];
        for (size_t t = 0; t < m_orders[i].targets.size(); ++t)
            index.insert(targetKey(m_orders[i].targets[t].device, m_orders[i].targets[t].step), static_cast<int>(t));
    }
    rebuildReservations();
    ++m_version;
}

} // namespace cityops
