#include "ops/dispatcher.h"

#include "ops/goneconsole.h"

#include "base/counted.h"
#include "base/logging.h"
#include "ops/opsrules.h"
#include "security/approval.h"

#include <algorithm>

namespace cityops {
namespace {
constexpr size_t kMaxTargets = 50'000;
} // namespace

Dispatcher::Dispatcher(const DeskContext &context, DispatchConfig config, FieldWorkFn fieldWork)
    : m_ctx(context), m_config(config), m_fieldWork(std::move(fieldWork)), m_queue(config),
      m_reservations(context.orders, [this](std::uint32_t order) { return m_orders.count(order) > 0; })
{
}

QString Dispatcher::interlockSummary(const std::vector<Interlock> &held)
{
    QStringList sentences;
    for (size_t i = 0; i < held.size() && i < 5; ++i)
        sentences << held[i].sentence;
    if (held.size() > 5)
        sentences << QStringLiteral("and %1 more").arg(held.size() - 5);
    return sentences.join(QStringLiteral("; "));
}

Event Dispatcher::targetEvent(const LiveOrder &o, const Target &t, CommandStage stage, const QString &text) const
{
    CommandPayload p;
    p.order = o.id;
    p.stage = stage;
    p.action = t.spec.action;
    p.value = t.spec.value;
    p.step = t.spec.step;
    p.attempt = t.attempt;
    p.timeMs = stage == CommandStage::Requested ? t.spec.offsetMs : 0;
    p.text = text;
    return Event{0, 0, t.spec.device, p};
}

Event Dispatcher::orderEvent(const LiveOrder &o, CommandStage stage, const QString &user, const QString &text) const
{
    CommandPayload p;
    p.order = o.id;
    p.stage = stage;
    p.user = user;
    p.text = text;
    return Event{0, 0, kNoDevice, p};
}

QString Dispatcher::requesterOf(std::uint32_t order) const
{
    if (const auto live = m_orders.find(order); live != m_orders.end())
        return live->second.requestedBy;
    const auto booked = m_ctx.orders.find(order);
    if (!booked)
        return {};
    // Another console's: where to go to ask — or, when that console is gone, what a supervisor here may do; released
    // here (holding only while this console cannot hear the broker, holderAgainst), why it holds again.
    return cityops::requesterOf(*booked) + (booked->releasedHere ? unheardReleaseNote(*booked) : goneConsoleNote(m_ctx.orders, *booked));
}

std::uint32_t Dispatcher::holderAgainst(DeviceIndex device, std::uint32_t except) const
{
    if (const std::uint32_t holder = m_reservations.holderOf(device, except, m_nowMs))
        return holder;
    return m_ctx.hearsTheOthers() ? 0 : m_ctx.orders.releasedHolderAt(device, m_nowMs);
}

Result<OpsReceipt> Dispatcher::issue(const Actor &actor, const OrderSpec &spec, std::int64_t nowMs, std::vector<Event> &out)
{
    m_nowMs = nowMs;
    if (!permits(actor, Permission::RequestCommand))
        return makeError(refusal(actor, Permission::RequestCommand));
    if (spec.targets.empty())
        return makeError(QStringLiteral("the order has no targets"));
    if (spec.targets.size() > kMaxTargets)
        return makeError(QStringLiteral("an order takes at most %1 targets, not %2").arg(kMaxTargets).arg(spec.targets.size()));
    if (spec.validForMs < kMinOrderValidityMs || spec.validForMs > kMaxOrderValidityMs)
        return makeError(QStringLiteral("an order must be valid for 10 s to 24 h"));
    if (spec.description.size() > kMaxNoteLength)
        return makeError(QStringLiteral("the description is too long"));

    // What is in flight, once: a duplicate of an in-flight (device, action) is refused at once, not queued.
    QHash<quint64, std::uint32_t> inFlight;
    for (const auto &[id, live] : m_orders)
        for (const Target &x : live.targets)
            if (!isTerminal(x.stage))
                inFlight.insert((quint64(x.spec.device) << 8) | quint64(x.spec.action), id);
    QSet<quint64> seen;
    bool highRisk = false;
    for (const OrderTargetSpec &t : spec.targets) {
        if (t.device >= m_ctx.city.devices.size())
            return makeError(QStringLiteral("there is no device with index %1").arg(t.device));
        const DeviceInfo &info = m_ctx.city.devices[t.device];
        if (static_cast<int>(t.action) >= kCommandActionCount)
            return makeError(QStringLiteral("unknown action"));
        int programs = 0, phases = 0;
        if (info.kind == DeviceKind::SignalController && info.detail >= 0) {
            const SignalInfo &signal = m_ctx.city.signals[static_cast<size_t>(info.detail)];
            programs = static_cast<int>(signal.programs.size());
            const int current = std::min<int>(m_ctx.states.state(t.device).program, programs - 1);
            phases = current >= 0 ? static_cast<int>(signal.programs[static_cast<size_t>(current)].phases.size()) : 0;
        }
        if (const QString problem = validateCommand(t.action, t.value, info.kind, programs, phases); !problem.isEmpty())
            return makeError(QStringLiteral("%1: %2").arg(info.id, problem));
        if (t.offsetMs < 0 || t.offsetMs > spec.validForMs)
            return makeError(QStringLiteral("%1: the send time lies outside the order's validity").arg(info.id));
        const quint64 key = (quint64(t.device) << 16) | t.step;
        if (seen.contains(key))
            return makeError(QStringLiteral("%1 appears twice in the same step").arg(info.id));
        seen.insert(key);
        highRisk = highRisk || commandSpec(t.action).highRisk;
        if (const auto dup = inFlight.constFind((quint64(t.device) << 8) | quint64(t.action)); dup != inFlight.constEnd())
            return makeError(QStringLiteral("%1: duplicate of order %2, which is still doing %3")
                                 .arg(info.id).arg(dup.value()).arg(commandActionName(t.action)));
        if (const std::uint32_t holder = holderAgainst(t.device, 0))
            return makeError(QStringLiteral("%1 is reserved by order %2 of %3").arg(info.id).arg(holder).arg(requesterOf(holder)));
    }

    // Interlocks: devices that field work, a shed on purpose or maintenance holds are not changed without a
    // supervisor saying so (another order's reservation was refused above and cannot be overridden).
    std::vector<Interlock> held = findInterlocks(m_ctx.city, m_ctx.incidents, m_ctx.alarms, m_ctx.orders, spec, m_nowMs);
    held.erase(std::remove_if(held.begin(), held.end(), [](const Interlock &i) { return !i.overridable(); }), held.end());
    if (!held.empty()) {
        if (spec.interlockOverride.trimmed().isEmpty())
            return makeError(QStringLiteral("%1 — leave the held devices out, or a supervisor may override with a reason")
                                 .arg(interlockSummary(held)));
        if (!permits(actor, Permission::OverrideInterlock))
            return makeError(QStringLiteral("%1; overriding needs a supervisor: %2")
                                 .arg(interlockSummary(held), refusal(actor, Permission::OverrideInterlock)));
        if (spec.interlockOverride.size() > kMaxNoteLength)
            return makeError(QStringLiteral("the override's reason is too long"));
    }

    // Never the range's base itself (in the range of session bits 0 that would be order 0), nor a number the books
    // hold: another console whose ids carry this run's session bits (one run pair in 4,096) may have drawn it first.
    std::uint32_t count = 0;
    for (std::uint32_t tries = 0; count == 0 || m_ctx.orders.contains(m_ctx.idBase() + count); ++tries) {
        if (tries > 0xfffff)
            return makeError(QStringLiteral("every order number of this run of the console is taken: restart the console"));
        count = (m_ctx.countFrom + ++m_issued) & 0xfffff;
    }
    LiveOrder o;
    o.id = m_ctx.idBase() + count;
    o.workflow = spec.workflow;
    o.requestedBy = actor.user;
    o.expiresMs = nowMs + spec.validForMs;
    o.restores = spec.restores;
    o.interlocksOverridden = !held.empty();
    for (const OrderTargetSpec &t : spec.targets) {
        Target target;
        target.spec = t;
        target.idempotent = commandSpec(t.action).idempotent;
        o.byDeviceStep.insert(LiveOrder::key(t.device, t.step), static_cast<std::uint32_t>(o.targets.size()));
        ++o.openPerDevice[t.device];
        o.targets.push_back(target);
    }
    Event requested = orderEvent(o, CommandStage::Requested, actor.user, spec.description);
    auto &rp = std::get<CommandPayload>(requested.payload);
    rp.step = static_cast<std::uint16_t>(spec.workflow);
    rp.value = static_cast<std::int32_t>(spec.restores);
    rp.timeMs = o.expiresMs;
    out.push_back(std::move(requested));
    for (const Target &t : o.targets)
        out.push_back(targetEvent(o, t, CommandStage::Requested));
    if (!held.empty()) {
        QStringList holds;
        for (const Interlock &i : held)
            holds << i.sentence;
        out.push_back(Event{0, 0, kNoDevice,
                            OperatorActionPayload{OperatorAction::InterlockOverride, actor.user,
                                                  QStringLiteral("order %1: %2. Reason: %3").arg(o.id).arg(holds.join(QStringLiteral("; ")),
                                                                                                        spec.interlockOverride.trimmed())}});
    }

    QString message;
    if (highRisk) {
        o.awaitingApproval = true;
        out.push_back(orderEvent(o, CommandStage::AwaitingApproval));
        message = QStringLiteral("order %1 (%2) waits for a supervisor's approval").arg(o.id).arg(counted(qint64(o.targets.size()), "target"));
    } else {
        select(o, out);
        message = QStringLiteral("order %1 goes to %2").arg(o.id).arg(counted(qint64(o.targets.size()), "target"));
    }
    const std::uint32_t id = o.id;
    m_orders.emplace(id, std::move(o));
    return OpsReceipt{message, id};
}

void Dispatcher::resume(std::vector<Event> &out)
{
    std::vector<Order> booked;
    m_ctx.orders.snapshot(booked);
    // Breakers our earlier orders opened and nobody's order has closed since count as commanded again.
    const QHash<DeviceIndex, std::uint32_t> shed = feedersShedOnPurpose(booked);
    for (auto it = shed.begin(); it != shed.end(); ++it)
        if (const auto order = m_ctx.orders.find(it.value()); order && m_ctx.issuedEarlier(*order))
            m_shedFeeders.insert(it.key());
    for (const Order &b : booked) {
        if (!m_ctx.issuedEarlier(b) || m_orders.count(b.id) || b.finished())
            continue;
        LiveOrder o;
        o.id = b.id;
        o.workflow = b.workflow;
        o.requestedBy = b.requestedBy;
        o.expiresMs = b.expiresMs;
        o.restores = b.restores;
        for (const OrderTarget &bt : b.targets) {
            Target t;
            t.spec = {bt.device, bt.action, bt.value, bt.step, bt.offsetMs};
            t.stage = bt.stage;
            t.attempt = bt.attempt;
            t.idempotent = commandSpec(bt.action).idempotent;
            o.byDeviceStep.insert(LiveOrder::key(bt.device, bt.step), static_cast<std::uint32_t>(o.targets.size()));
            if (!isTerminal(bt.stage))
                ++o.openPerDevice[bt.device];
            o.targets.push_back(t);
        }
        if (b.stage == CommandStage::AwaitingApproval && m_nowMs < b.expiresMs) {
            o.awaitingApproval = true;   // nothing was selected or sent: it can wait for its supervisor again
            m_orders.emplace(o.id, std::move(o));
            continue;
        }
        for (Target &t : o.targets) {
            if (isTerminal(t.stage))
                continue;
            const bool sent = t.stage == CommandStage::Sent || t.stage == CommandStage::InProgress;
            finishTarget(o, t, sent ? CommandStage::TimedOut : CommandStage::Cancelled,
                         sent ? QStringLiteral("no result before the console restarted: check the device")
                              : QStringLiteral("not sent: the console restarted"),
                         out);
        }
        out.push_back(orderEvent(o, CommandStage::Finished));
    }
}

void Dispatcher::select(LiveOrder &o, std::vector<Event> &out)
{
    o.selected = true;
    o.startMs = m_nowMs;
    // An approval can come long after the request: what holds the devices now counts, unless a supervisor
    // already overrode the holds.
    QHash<DeviceIndex, QString> heldNow;
    if (!o.interlocksOverridden) {
        OrderSpec now;
        now.restores = o.restores;
        for (const Target &t : o.targets)
            now.targets.push_back(t.spec);
        for (const Interlock &i : findInterlocks(m_ctx.city, m_ctx.incidents, m_ctx.alarms, m_ctx.orders, now, m_nowMs))
            if (i.overridable() && !heldNow.contains(i.device))
                heldNow.insert(i.device, i.sentence);
    }
    QHash<std::uint32_t, QString> requesters;   // once per holding order (a copy of its record each time)
    for (Target &t : o.targets) {
        if (t.stage != CommandStage::Requested)
            continue;
        if (const auto held = heldNow.constFind(t.spec.device); held != heldNow.constEnd()) {
            finishTarget(o, t, CommandStage::Rejected, held.value(), out);
            continue;
        }
        if (const std::uint32_t holder = holderAgainst(t.spec.device, o.id)) {
            auto by = requesters.constFind(holder);
            if (by == requesters.constEnd())
                by = requesters.insert(holder, requesterOf(holder));
            finishTarget(o, t, CommandStage::Rejected, QStringLiteral("reserved by order %1 of %2").arg(holder).arg(by.value()), out);
            continue;
        }
        t.stage = CommandStage::Selected;
        m_reservations.reserve(t.spec.device, o.id);
        out.push_back(targetEvent(o, t, CommandStage::Selected));
    }
}

std::uint16_t Dispatcher::LiveOrder::lowestOpenStep() const
{
    std::uint16_t lowest = 0xffff;
    for (const Target &t : targets)
        if (!isTerminal(t.stage))
            lowest = std::min(lowest, t.spec.step);
    return lowest;
}

void Dispatcher::finishTarget(LiveOrder &o, Target &t, CommandStage stage, const QString &reason, std::vector<Event> &out)
{
    t.stage = stage;
    if (!reason.isNull() || stage == CommandStage::Confirmed)
        out.push_back(targetEvent(o, t, stage, reason));
    const DeviceIndex d = t.spec.device;
    const CommandQueue::Key key = keyOf(o, t);
    if (const CommandQueue::InFlight *sent = m_queue.find(key); sent && stage == CommandStage::Confirmed)
        m_restoreLog.record(o.id, t.spec, sent->before);
    m_queue.finish(key);
    // The device stays reserved while another step of the same order still has work on it.
    if (--o.openPerDevice[d] <= 0)
        m_reservations.release(d, o.id);
    if (t.spec.action == CommandAction::FeederShed && stage != CommandStage::Confirmed && m_ctx.states.state(d).breakerClosed)
        m_shedFeeders.remove(d);
    if (t.spec.action == CommandAction::FeederRestore && stage == CommandStage::Confirmed)
        m_shedFeeders.remove(d);
}

void Dispatcher::onConfirmed(LiveOrder &o, Target &t, std::vector<Event> &out)
{
    if (o.workflow == WorkflowKind::FlashAndDispatch && t.spec.action == CommandAction::SignalFlash && m_fieldWork)
        m_fieldWork(t.spec.device, o.requestedBy,
                    QStringLiteral("intersection %1 on flash (order %2): responders dispatched").arg(m_ctx.city.devices[t.spec.device].id).arg(o.id), out);
}

DeviceCommand Dispatcher::commandFor(const LiveOrder &o, const Target &t)
{
    DeviceCommand command{o.id, t.spec.step, 1, t.spec.device, t.spec.action, t.spec.value, o.expiresMs, {}, {}};
    if (!t.approval.isEmpty()) {
        command.approver = o.approvedBy;
        command.approval = t.approval;
    }
    return command;
}

void Dispatcher::sendFirst(LiveOrder &o, Target &t, std::vector<Event> &out, std::vector<DeviceCommand> &send)
{
    const DeviceState state = m_ctx.states.state(t.spec.device);
    if (state.reported && !state.online) {
        finishTarget(o, t, CommandStage::Rejected, QStringLiteral("device offline"), out);
        return;
    }
    const DeviceCommand command = m_queue.send(keyOf(o, t), commandFor(o, t), t.idempotent, state, m_nowMs);
    t.attempt = command.attempt;
    t.stage = CommandStage::Sent;
    if (t.spec.action == CommandAction::FeederShed)
        m_shedFeeders.insert(t.spec.device);
    out.push_back(targetEvent(o, t, CommandStage::Sent));
    send.push_back(command);
}

std::pair<Dispatcher::LiveOrder *, Dispatcher::Target *> Dispatcher::lookup(CommandQueue::Key key)
{
    const auto it = m_orders.find(key.first);
    if (it == m_orders.end() || key.second >= it->second.targets.size())
        return {nullptr, nullptr};
    return {&it->second, &it->second.targets[key.second]};
}

void Dispatcher::tick(std::int64_t nowMs, std::vector<Event> &out, std::vector<DeviceCommand> &send)
{
    m_nowMs = nowMs;
    for (auto &[id, o] : m_orders) {
        if (o.awaitingApproval) {
            if (nowMs >= o.expiresMs) {
                for (Target &t : o.targets)
                    if (!isTerminal(t.stage))
                        finishTarget(o, t, CommandStage::Expired, QStringLiteral("not approved before the order expired"), out);
            }
            continue;
        }
        if (!o.selected)
            continue;
        const std::uint16_t openStep = o.lowestOpenStep();   // targets of later steps wait for this one
        for (Target &t : o.targets) {
            if (isTerminal(t.stage))
                continue;
            if (nowMs >= o.expiresMs) {
                finishTarget(o, t, CommandStage::Expired, QStringLiteral("the order expired"), out);
                continue;
            }
            // With other consoles on the field, a selection settles first: a rival's simultaneous one reaches us
            // within this time, and the lower order id keeps the device (see observe()).
            if (t.stage == CommandStage::Selected && t.spec.step <= openStep
                && nowMs >= o.startMs + t.spec.offsetMs + m_config.selectSettleMs)
                sendFirst(o, t, out, send);
        }
    }
    // What is in flight: retries of idempotent set-points, and the one terminal "timed out" for the rest.
    std::vector<std::pair<CommandQueue::Key, DeviceCommand>> resend;
    std::vector<CommandQueue::Verdict> timedOut;
    m_queue.tick(nowMs, resend, timedOut);
    for (const auto &[key, command] : resend) {
        if (auto [o, t] = lookup(key); o) {
            t->attempt = command.attempt;
            out.push_back(targetEvent(*o, *t, CommandStage::Sent));
            send.push_back(command);
        }
    }
    for (const CommandQueue::Verdict &v : timedOut) {
        if (auto [o, t] = lookup(v.key); o && !isTerminal(t->stage))
            finishTarget(*o, *t, CommandStage::TimedOut, v.reason, out);
        else
            m_queue.finish(v.key);
    }
    for (auto it = m_orders.begin(); it != m_orders.end();) {
        const LiveOrder &o = it->second;
        if (std::all_of(o.targets.begin(), o.targets.end(), [](const Target &t) { return isTerminal(t.stage); })) {
            out.push_back(orderEvent(o, CommandStage::Finished));
            it = m_orders.erase(it);
        } else {
            ++it;
        }
    }
}

void Dispatcher::yieldToRival(DeviceIndex device, std::uint32_t rival, std::vector<Event> &out)
{
    const std::uint32_t mine = m_reservations.heldBy(device);
    if (mine == 0 || m_orders.count(rival) || rival >= mine)
        return;   // not a rival (our own selection), or ours is the lower id and stands
    LiveOrder &o = m_orders.at(mine);
    for (Target &t : o.targets)
        if (t.spec.device == device && t.stage == CommandStage::Selected)
            finishTarget(o, t, CommandStage::Rejected,
                         QStringLiteral("selected at the same moment by order %1 of %2, which keeps it").arg(rival).arg(requesterOf(rival)), out);
}

void Dispatcher::observe(const std::vector<Event> &batch, std::vector<Event> &out)
{
    for (const Event &e : batch) {
        if (e.device == kNoDevice)
            continue;
        if (const auto *answer = std::get_if<CommandPayload>(&e.payload); answer && answer->stage == CommandStage::Selected) {
            yieldToRival(e.device, answer->order, out);
            continue;
        }
        if (const auto *answer = std::get_if<CommandPayload>(&e.payload)) {
            // Only the device's own answers: accepted (InProgress) or refused. Our own events pass by here too.
            if (answer->stage != CommandStage::InProgress && answer->stage != CommandStage::Rejected)
                continue;
            const auto it = m_orders.find(answer->order);
            if (it == m_orders.end())
                continue;
            LiveOrder &o = it->second;
            const auto index = o.byDeviceStep.constFind(LiveOrder::key(e.device, answer->step));
            if (index == o.byDeviceStep.constEnd())
                continue;
            Target &t = o.targets[index.value()];
            if (isTerminal(t.stage))
                continue;
            if (answer->stage == CommandStage::Rejected) {
                // Only the latest attempt's refusal is final: an earlier attempt's "busy" may arrive after the retry
                // went out, and the retry can still act (the device refuses attempts older than one it has seen).
                if (answer->attempt < t.attempt)
                    continue;
                finishTarget(o, t, CommandStage::Rejected, QString(), out);   // the device's answer is the record
            } else if (m_queue.accept(keyOf(o, t), e.timeMs)) {
                t.stage = CommandStage::InProgress;
            }
            continue;
        }
        const bool telemetry = std::holds_alternative<SignalPayload>(e.payload) || std::holds_alternative<LightPayload>(e.payload)
                               || std::holds_alternative<FeederPayload>(e.payload);
        if (!telemetry || !m_queue.awaits(e.device))
            continue;
        for (const CommandQueue::Key &key : m_queue.confirmedBy(e.device, m_ctx.states.state(e.device))) {
            auto [o, t] = lookup(key);
            if (!o || (t->stage != CommandStage::Sent && t->stage != CommandStage::InProgress))
                continue;
            finishTarget(*o, *t, CommandStage::Confirmed, QString(), out);
            onConfirmed(*o, *t, out);
        }
    }
}

Result<OpsReceipt> Dispatcher::decide(const Actor &actor, const request::DecideOrder &r, std::int64_t nowMs, std::vector<Event> &out)
{
    m_nowMs = nowMs;
    if (!permits(actor, Permission::ApproveCommand))
        return makeError(refusal(actor, Permission::ApproveCommand));
    const auto it = m_orders.find(r.order);
    if (it == m_orders.end() || !it->second.awaitingApproval)
        return makeError(QStringLiteral("order %1 is not waiting for approval").arg(r.order));
    LiveOrder &o = it->second;
    if (o.requestedBy == actor.user)
        return makeError(QStringLiteral("order %1 was requested by %2; a second person must approve it").arg(r.order).arg(o.requestedBy));
    if (nowMs >= o.expiresMs)
        return makeError(QStringLiteral("order %1 has expired").arg(r.order));
    if (r.reason.size() > kMaxNoteLength)
        return makeError(QStringLiteral("the reason is too long"));
    o.awaitingApproval = false;
    if (r.approve) {
        o.approvedBy = actor.user;
        if (r.approvalKey)
            for (Target &t : o.targets)
                t.approval = r.approvalKey->sign(approval::statement(m_ctx.city.devices[t.spec.device].id, commandFor(o, t), actor.user));
        out.push_back(orderEvent(o, CommandStage::Approved, actor.user, r.reason));
        select(o, out);
        return OpsReceipt{QStringLiteral("order %1 approved by %2").arg(r.order).arg(actor.user), r.order};
    }
    out.push_back(orderEvent(o, CommandStage::Denied, actor.user, r.reason));
    for (Target &t : o.targets)
        if (!isTerminal(t.stage))
            finishTarget(o, t, CommandStage::Cancelled, QStringLiteral("approval denied by %1").arg(actor.user), out);
    out.push_back(orderEvent(o, CommandStage::Finished));
    m_orders.erase(it);
    return OpsReceipt{QStringLiteral("order %1 denied by %2").arg(r.order).arg(actor.user), r.order};
}

Result<OpsReceipt> Dispatcher::cancel(const Actor &actor, const request::CancelOrder &r, std::vector<Event> &out)
{
    if (!permits(actor, Permission::CancelCommand))
        return makeError(refusal(actor, Permission::CancelCommand));
    const auto it = m_orders.find(r.order);
    if (it == m_orders.end())
        return makeError(QStringLiteral("order %1 is not in progress").arg(r.order));
    LiveOrder &o = it->second;
    if (o.requestedBy != actor.user && actor.highestRole() < Role::Supervisor)
        return makeError(QStringLiteral("order %1 belongs to %2; only they or a supervisor may cancel it").arg(r.order).arg(o.requestedBy));
    int cancelled = 0, inField = 0;
    for (Target &t : o.targets) {
        if (isTerminal(t.stage))
            continue;
        inField += t.stage == CommandStage::Sent || t.stage == CommandStage::InProgress;
        finishTarget(o, t, CommandStage::Cancelled, QStringLiteral("cancelled by %1").arg(actor.user), out);
        ++cancelled;
    }
    out.push_back(orderEvent(o, CommandStage::Finished, actor.user));
    m_orders.erase(it);
    QString message = QStringLiteral("order %1 cancelled: %2").arg(r.order).arg(counted(cancelled, "target"));
    if (inField > 0)
        message += QStringLiteral("; %1 already sent may still act — restore undoes them").arg(inField);
    return OpsReceipt{message, r.order};
}

Result<OpsReceipt> Dispatcher::restore(const Actor &actor, const request::RestoreOrder &r, std::int64_t nowMs, std::vector<Event> &out)
{
    auto plan = m_restoreLog.planRestore(r.order, m_ctx.city);
    if (!plan)
        return makeError(plan.error());
    plan.value().interlockOverride = r.interlockOverride;
    return issue(actor, plan.value(), nowMs, out);
}

} // namespace cityops
