#include "ops/peergate.h"

#include "base/logging.h"
#include "ops/bookedsteps.h"
#include "ops/opsrules.h"

namespace cityops {

void PeerGate::filter(std::vector<Event> &batch, const DeskContext &ctx)
{
    if (std::none_of(batch.begin(), batch.end(), [](const Event &e) { return e.origin != 0; }))
        return;
    m_pending.clear();
    std::vector<bool> drop(batch.size(), false);
    // The books as this batch found them, one look per order (with its targets by device and step) or incident.
    struct BookedOrder {
        std::optional<Order> order;
        QHash<quint64, int> targets;   ///< index into order->targets (indexes stay valid when the cache grows)
    };
    QHash<std::uint32_t, BookedOrder> orders;
    QHash<IncidentId, std::optional<Incident>> incidents;
    const auto booked = [&](const Event &e) {
        if (const auto *c = std::get_if<CommandPayload>(&e.payload)) {
            auto it = orders.find(c->order);
            if (it == orders.end()) {
                it = orders.insert(c->order, BookedOrder{ctx.orders.find(c->order), {}});
                if (it->order)
                    for (size_t i = 0; i < it->order->targets.size(); ++i)
                        it->targets.insert((quint64(it->order->targets[i].device) << 16) | it->order->targets[i].step, static_cast<int>(i));
            }
            // Only the console it is recorded with re-tells an order (another console's word on it is for the check).
            if (!it->order || c->console.isEmpty() || it->order->console != c->console)
                return false;
            const int target = it->targets.value((quint64(e.device) << 16) | c->step, -1);
            return stepBooked(*it->order, e.device, target < 0 ? nullptr : &it->order->targets[static_cast<size_t>(target)], *c);
        }
        IncidentId id = 0;
        if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload))
            id = raised->id;
        else if (const auto *u = std::get_if<IncidentUpdatePayload>(&e.payload))
            id = u->id;
        if (id == 0)
            return false;
        auto it = incidents.find(id);
        if (it == incidents.end())
            it = incidents.insert(id, ctx.incidents.find(id));
        return *it && incidentStepBooked(**it, e);
    };
    size_t retold = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
        const Event &e = batch[i];
        if (e.origin == 0) {
            // This console's and the field's own events pass; the incidents they change are what later peer steps
            // in the same batch are judged against.
            if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload))
                m_pending.insert(raised->id, IncidentSeen{IncidentState::New, raised->district});
            else if (const auto *u = std::get_if<IncidentUpdatePayload>(&e.payload); u && u->change == IncidentChange::Transition)
                if (auto seen = incident(u->id, ctx))
                    m_pending.insert(u->id, IncidentSeen{u->state, seen->district});
            continue;
        }
        if (e.handedOver && booked(e)) {
            drop[i] = true;   // re-told in a hand-over: nothing new, nothing refused
            ++retold;
            continue;
        }
        const QString why = check(batch, i, ctx);
        if (why.isEmpty())
            continue;
        drop[i] = true;
        ++m_refused;
        m_lastRefusal = why;
        if (m_warnings.allow())
            qCWarning(lcSecurity).nospace() << "refused an operation from another console: " << why << " (" << m_refused << " so far)";
    }
    m_retold += retold;
    if (retold > 0)
        qCInfo(lcSecurity) << "passed over" << retold << "handed-over steps this console's books already hold";
    size_t kept = 0;
    for (size_t i = 0; i < batch.size(); ++i)
        if (!drop[i])
            batch[kept++] = std::move(batch[i]);
    batch.resize(kept);
}

QString PeerGate::check(const std::vector<Event> &batch, size_t index, const DeskContext &ctx)
{
    const Event &e = batch[index];
    if (const auto *c = std::get_if<CommandPayload>(&e.payload))
        return checkCommand(e, *c, ctx);
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload))
        return checkIncidentRaised(batch, index, *raised, ctx);
    if (const auto *u = std::get_if<IncidentUpdatePayload>(&e.payload))
        return checkIncidentUpdate(*u, ctx);
    if (const auto *a = std::get_if<OperatorActionPayload>(&e.payload); a && a->action == OperatorAction::ShowOnWall) {
        // The wall shows it only for a person this console's directory lets drive the wall; what is shown is checked
        // by the wall itself (a request it cannot read changes nothing).
        QString why;
        const auto actor = lookUp(a->user, &why);
        if (!actor)
            return why;
        if (!permits(*actor, Permission::DriveWall))
            return refusal(*actor, Permission::DriveWall);
        if (a->detail.size() > 1000)
            return QStringLiteral("a wall request of %1 characters is not one").arg(a->detail.size());
        return {};
    }
    return QStringLiteral("not an operation consoles share");
}

std::optional<Actor> PeerGate::lookUp(const QString &user, QString *why) const
{
    if (!m_roster) {
        *why = QStringLiteral("this console has no directory to check %1 against").arg(user);
        return std::nullopt;
    }
    if (user.isEmpty()) {
        *why = QStringLiteral("the step names nobody");
        return std::nullopt;
    }
    auto actor = m_roster(user);
    if (!actor || !actor->isValid())
        *why = QStringLiteral("%1 is not a person this console's directory knows (or the account is disabled)").arg(user);
    return actor;
}

std::optional<PeerGate::IncidentSeen> PeerGate::incident(IncidentId id, const DeskContext &ctx) const
{
    if (const auto it = m_pending.constFind(id); it != m_pending.constEnd())
        return *it;
    if (const auto known = ctx.incidents.find(id))
        return IncidentSeen{known->state, known->district};
    return std::nullopt;
}

bool PeerGate::isOurs(std::uint32_t order, const DeskContext &ctx)
{
    // Only one the books hold as this console's own — of this run, or an earlier one. Its id alone cannot say:
    // another console's ids share their 12 session bits with those of one of our runs for about one run in 4,096 of
    // ours, and when that run is this one every order of that console would be refused here for the whole run.
    // (This console's own orders are booked the moment it issues them, before any batch from the broker is let in.)
    const auto booked = ctx.orders.find(order);
    return booked && !booked->isAnotherConsoles() && (allocatedInSession(order, ctx.session, ctx.salt) || ctx.issuedEarlier(*booked));
}

QString PeerGate::checkCommand(const Event &e, const CommandPayload &c, const DeskContext &ctx)
{
    const bool orderLevel = e.device == kNoDevice;
    auto it = m_orders.find(c.order);
    QString why;
    if (orderLevel && c.stage == CommandStage::Requested) {
        if (it != m_orders.end() || ctx.orders.find(c.order) || isOurs(c.order, ctx))
            return QStringLiteral("order %1 already exists; another console cannot request it again").arg(c.order);
        // Its reservations last until its expiry (Order::holdsDevicesAt), so it may claim no more than any order may
        // from now (the receipt: a hand-over's order was requested earlier, and expires no later), nor no expiry.
        if (c.timeMs <= 0)
            return QStringLiteral("order %1 names no expiry").arg(c.order);
        if (c.timeMs > e.timeMs + kMaxOrderValidityMs + kExpiryClockGraceMs)
            return QStringLiteral("order %1 would be valid for %2 h more; an order is valid for 24 h at most")
                .arg(c.order).arg((c.timeMs - e.timeMs) / 3600'000);
        const auto actor = lookUp(c.user, &why);
        if (!actor)
            return QStringLiteral("order %1: %2").arg(c.order).arg(why);
        if (!permits(*actor, Permission::RequestCommand))
            return QStringLiteral("order %1: %2").arg(c.order).arg(refusal(*actor, Permission::RequestCommand));
        if (m_orders.size() >= kMaxPeerOrders)
            return QStringLiteral("order %1: other consoles have %2 orders open; no more are taken").arg(c.order).arg(kMaxPeerOrders);
        m_orders.insert(c.order, PeerOrder{e.origin, c.user, false, false});
        return {};
    }
    if (it == m_orders.end()) {
        // An order this console carried over from before its restart: the first console in the keyring to go on
        // with it is taken as its owner (its requester stays the one the record says).
        if (isOurs(c.order, ctx))
            return QStringLiteral("order %1 is this console's own; another console cannot speak for it").arg(c.order);
        const auto carried = ctx.orders.find(c.order);
        if (!carried || carried->finished())
            return QStringLiteral("order %1 was never requested (or is finished)").arg(c.order);
        if (!carried->console.isEmpty() && carried->console != c.console)
            return QStringLiteral("order %1 was requested at console %2; %3 cannot speak for it").arg(c.order).arg(carried->console, c.console);
        it = m_orders.insert(c.order, PeerOrder{e.origin, carried->requestedBy, carried->needsApproval, !carried->approvedBy.isEmpty()});
    }
    PeerOrder &order = *it;
    if (order.origin != e.origin)
        return QStringLiteral("order %1 belongs to another console").arg(c.order);

    switch (c.stage) {
    case CommandStage::Requested:   // a target: a high-risk action makes the whole order wait for approval
        if (commandSpec(c.action).highRisk)
            order.needsApproval = true;
        break;
    case CommandStage::AwaitingApproval:
        order.needsApproval = true;
        break;
    case CommandStage::Approved:
    case CommandStage::Denied: {
        if (!orderLevel)
            return QStringLiteral("order %1: an approval names no device").arg(c.order);
        const auto actor = lookUp(c.user, &why);
        if (!actor)
            return QStringLiteral("approval of order %1: %2").arg(c.order).arg(why);
        if (!permits(*actor, Permission::ApproveCommand))
            return QStringLiteral("approval of order %1: %2").arg(c.order).arg(refusal(*actor, Permission::ApproveCommand));
        if (c.user == order.requestedBy)
            return QStringLiteral("order %1 was requested by %2, who cannot approve it too").arg(c.order).arg(c.user);
        order.approved = c.stage == CommandStage::Approved;
        break;
    }
    case CommandStage::Selected:
        if (order.needsApproval && !order.approved)
            return QStringLiteral("device reserved for order %1, which waits for an approval it never got").arg(c.order);
        break;
    case CommandStage::Finished:
        if (orderLevel)
            m_orders.erase(it);
        break;
    case CommandStage::Released:
        return QStringLiteral("order %1: a release is each console's own decision, never another's").arg(c.order);
    default:
        break;
    }
    return {};
}

QString PeerGate::checkIncidentRaised(const std::vector<Event> &batch, size_t index, const IncidentRaisedPayload &raised, const DeskContext &ctx)
{
    // Consoles share only incidents people report by hand, each followed by its reporter's note.
    if (raised.id < kConsoleIncidentBase || raised.kind != IncidentKind::Reported)
        return QStringLiteral("incident %1: only incidents reported by hand come from other consoles").arg(raised.id);
    if (incident(raised.id, ctx))
        return QStringLiteral("incident %1 already exists").arg(raised.id);
    if (raised.district >= static_cast<int>(ctx.city.districts.size()))
        return QStringLiteral("incident %1 names a district this city does not have").arg(raised.id);
    const Event *next = index + 1 < batch.size() ? &batch[index + 1] : nullptr;
    const auto *note = next ? std::get_if<IncidentUpdatePayload>(&next->payload) : nullptr;
    if (!note || next->origin != batch[index].origin || note->id != raised.id || note->change != IncidentChange::Note)
        return QStringLiteral("incident %1 came without the note that names who reported it").arg(raised.id);
    QString why;
    const auto actor = lookUp(note->user, &why);
    if (!actor)
        return QStringLiteral("incident %1: %2").arg(raised.id).arg(why);
    if (!permits(*actor, Permission::ReportIncident))
        return QStringLiteral("incident %1: %2").arg(raised.id).arg(refusal(*actor, Permission::ReportIncident));
    m_pending.insert(raised.id, IncidentSeen{IncidentState::New, raised.district});
    m_reportNote = raised.id;
    return {};
}

QString PeerGate::checkIncidentUpdate(const IncidentUpdatePayload &u, const DeskContext &ctx)
{
    const IncidentId reported = std::exchange(m_reportNote, 0);
    const auto seen = incident(u.id, ctx);
    if (!seen)
        return QStringLiteral("incident %1 is not known here").arg(u.id);
    if (u.change == IncidentChange::Note && reported == u.id)
        return {};   // the reporter's note, checked with the report
    QString why;
    const auto actor = lookUp(u.user, &why);
    if (!actor)
        return QStringLiteral("incident %1: %2").arg(u.id).arg(why);
    const QString district = ctx.districtName(seen->district);
    switch (u.change) {
    case IncidentChange::Transition: {
        const auto permission = transitionPermission(seen->state, u.state);
        if (!permission)
            return QStringLiteral("incident %1 cannot go from %2 to %3").arg(u.id).arg(incidentStateName(seen->state), incidentStateName(u.state));
        if (!permits(*actor, *permission, seen->district))
            return QStringLiteral("incident %1: %2").arg(u.id).arg(refusal(*actor, *permission, district));
        if (u.state == IncidentState::Merged && (u.mergedInto == u.id || !incident(u.mergedInto, ctx)))
            return QStringLiteral("incident %1 cannot be merged into %2").arg(u.id).arg(u.mergedInto);
        m_pending.insert(u.id, IncidentSeen{u.state, seen->district});
        return {};
    }
    case IncidentChange::Note:
    case IncidentChange::LinkDevice:
        if (!permits(*actor, Permission::WorkIncident, seen->district))
            return QStringLiteral("incident %1: %2").arg(u.id).arg(refusal(*actor, Permission::WorkIncident, district));
        return {};
    case IncidentChange::AckOverdue:
    case IncidentChange::OnSceneOverdue:
        break;
    }
    return QStringLiteral("incident %1: escalations are each console's own").arg(u.id);
}

} // namespace cityops
