#include "ops/alarmdesk.h"

#include "base/counted.h"

#include <QSet>

#include <algorithm>

namespace cityops {
namespace {

quint64 keyOf(DeviceIndex device, AlarmCause cause) { return (quint64(device) << 8) | quint64(cause); }

AlarmPriority priorityFor(AlarmCause cause, DeviceKind kind)
{
    switch (cause) {
    case AlarmCause::SignalFault:
    case AlarmCause::FeederTrip:
    case AlarmCause::LinkLoss: return AlarmPriority::High;
    case AlarmCause::FeederOverload:
    case AlarmCause::HoldOverrun: return AlarmPriority::Medium;
    case AlarmCause::CommLoss: return kind == DeviceKind::Streetlight ? AlarmPriority::Low : AlarmPriority::Medium;
    case AlarmCause::LampFault: return AlarmPriority::Low;
    }
    return AlarmPriority::Low;
}

Event alarmEvent(std::uint32_t id, DeviceIndex device, AlarmChange change, AlarmCause cause, const QString &user = {},
                 const QString &text = {})
{
    AlarmPayload p;
    p.alarm = id;
    p.change = change;
    p.cause = cause;
    p.user = user;
    p.text = text;
    return Event{0, 0, device, p};
}

} // namespace

AlarmDesk::AlarmDesk(const DeskContext &context, std::function<bool(DeviceIndex)> commandedOpen)
    : m_ctx(context), m_commandedOpen(std::move(commandedOpen)), m_signalFeeders(m_ctx.city.signalFeeders()), m_holds(m_ctx.city.rules)
{
}

std::optional<AlarmDesk::Known> AlarmDesk::current(DeviceIndex device, AlarmCause cause) const
{
    const auto it = m_overlay.constFind(keyOf(device, cause));
    if (it != m_overlay.constEnd())
        return it.value();
    if (const auto alarm = m_ctx.alarms.forDevice(device, cause))
        return Known{alarm->id, alarm->active};
    return std::nullopt;
}

DeviceIndex AlarmDesk::feederOf(DeviceIndex device) const
{
    const DeviceInfo &info = m_ctx.city.devices[device];
    if (info.detail < 0)
        return kNoDevice;
    if (info.kind == DeviceKind::SignalController)
        return static_cast<size_t>(info.detail) < m_signalFeeders.size() ? m_signalFeeders[static_cast<size_t>(info.detail)] : kNoDevice;
    if (info.kind != DeviceKind::Streetlight)
        return kNoDevice;
    return m_ctx.city.streetlights[static_cast<size_t>(info.detail)].feeder;
}

bool AlarmDesk::behindCommandedFeeder(DeviceIndex device) const
{
    const DeviceIndex feeder = feederOf(device);
    return feeder != kNoDevice && !m_ctx.states.state(feeder).breakerClosed && m_commandedOpen && m_commandedOpen(feeder);
}

std::uint32_t AlarmDesk::parentFor(DeviceIndex device, AlarmCause cause) const
{
    if (cause != AlarmCause::CommLoss && cause != AlarmCause::LampFault)
        return 0;
    const DeviceIndex feeder = feederOf(device);
    if (feeder == kNoDevice)
        return 0;
    const auto trip = current(feeder, AlarmCause::FeederTrip);
    return trip && trip->active ? trip->id : 0;
}

void AlarmDesk::setCondition(DeviceIndex device, AlarmCause cause, bool condition, std::vector<Event> &out, std::uint32_t parent,
                             const QString &text)
{
    const auto known = current(device, cause);
    if (condition) {
        if (known && known->active)
            return;
        const DeviceKind kind = m_ctx.city.devices[device].kind;
        std::uint32_t id = known ? known->id : m_ctx.idBase() + (++m_issued & 0xfffff);
        Event e = alarmEvent(id, device, AlarmChange::Raised, cause);
        auto &p = std::get<AlarmPayload>(e.payload);
        p.priority = priorityFor(cause, kind);
        p.parent = parent ? parent : parentFor(device, cause);
        p.text = text;
        out.push_back(std::move(e));
        m_overlay.insert(keyOf(device, cause), Known{id, true});
    } else if (known && known->active) {
        out.push_back(alarmEvent(known->id, device, AlarmChange::Returned, cause));
        m_overlay.insert(keyOf(device, cause), Known{known->id, false});
    }
}

std::uint32_t AlarmDesk::commonCauseParent(const QString &cause, const std::vector<DeviceIndex> &devices, std::vector<Event> &out)
{
    if (const auto it = m_causeParents.constFind(cause); it != m_causeParents.constEnd())
        if (const auto known = current(it->device, AlarmCause::LinkLoss); known && known->active && known->id == it->id)
            return it->id;   // more of the same: they join it
    if (devices.size() < 2)
        return 0;   // one device is its own alarm
    const DeviceIndex first = devices.front();
    setCondition(first, AlarmCause::LinkLoss, true, out, 0, cause.left(200));   // the count: its consequential alarms
    const auto raised = current(first, AlarmCause::LinkLoss);
    if (!raised || !raised->active)
        return 0;
    m_causeParents.insert(cause, CauseParent{raised->id, first});
    return raised->id;
}

void AlarmDesk::observe(const std::vector<Event> &batch, std::vector<Event> &out)
{
    m_overlay.clear();
    // Devices that fall silent for one named reason are one problem for the operator: one parent alarm with the reason
    // and the count, and their own comm-loss alarms as its children (suppressed by design, as lamps behind a tripped
    // feeder) — a gateway or the traffic simulation going away is one line, not a flood of 88 or 1,400.
    QHash<QString, std::vector<DeviceIndex>> silentFor;
    for (const Event &e : batch)
        if (const auto *presence = std::get_if<PresencePayload>(&e.payload);
            presence && !presence->online && !presence->cause.isEmpty() && e.device < m_ctx.city.devices.size())
            silentFor[presence->cause].push_back(e.device);
    QHash<DeviceIndex, std::uint32_t> parentOf;
    for (auto it = silentFor.cbegin(); it != silentFor.cend(); ++it)
        if (const std::uint32_t parent = commonCauseParent(it.key(), it.value(), out))
            for (DeviceIndex d : it.value())
                parentOf.insert(d, parent);
    for (const Event &e : batch) {
        if (e.device == kNoDevice || e.device >= m_ctx.city.devices.size())
            continue;
        if (const auto *light = std::get_if<LightPayload>(&e.payload)) {
            setCondition(e.device, AlarmCause::LampFault, light->lampFault, out);
            setCondition(e.device, AlarmCause::CommLoss, false, out);
        } else if (const auto *signal = std::get_if<SignalPayload>(&e.payload)) {
            setCondition(e.device, AlarmCause::SignalFault, signal->fault, out);
            setCondition(e.device, AlarmCause::CommLoss, false, out);
            if (m_holds.report(e.device, signal->mode, e.timeMs))
                setCondition(e.device, AlarmCause::HoldOverrun, false, out);
        } else if (const auto *feeder = std::get_if<FeederPayload>(&e.payload)) {
            const auto &info = m_ctx.city.feeders[static_cast<size_t>(m_ctx.city.devices[e.device].detail)];
            const auto overload = current(e.device, AlarmCause::FeederOverload);
            // Hysteresis: raised above capacity, returned below 95 % of it, so a load hovering at the limit does
            // not chatter.
            const bool over = overload && overload->active ? feeder->loadKw > 0.95f * info.capacityKw : feeder->loadKw > info.capacityKw;
            setCondition(e.device, AlarmCause::FeederOverload, over && feeder->breakerClosed, out);
            setCondition(e.device, AlarmCause::FeederTrip, !feeder->breakerClosed && !(m_commandedOpen && m_commandedOpen(e.device)), out);
            setCondition(e.device, AlarmCause::CommLoss, false, out);
        } else if (const auto *presence = std::get_if<PresencePayload>(&e.payload)) {
            setCondition(e.device, AlarmCause::CommLoss, !presence->online && !behindCommandedFeeder(e.device), out,
                         presence->online ? 0 : parentOf.value(e.device, 0));
        }
    }
    m_overlay.clear();
}

void AlarmDesk::tick(std::int64_t nowMs, std::vector<Event> &out)
{
    if (nowMs - m_lastTickMs < 1000)
        return;
    m_lastTickMs = nowMs;
    checkHolds(nowMs, out);
    std::vector<Alarm> alarms;
    m_ctx.alarms.snapshot(alarms);
    QSet<std::uint32_t> parentsOfActive;
    for (const Alarm &a : alarms) {
        if (a.shelved && a.shelvedUntilMs <= nowMs)
            out.push_back(alarmEvent(a.id, a.device, AlarmChange::Unshelved, a.cause, {}, QStringLiteral("shelf expired")));
        if (a.active && a.parent != 0)
            parentsOfActive.insert(a.parent);
    }
    // A common cause is over when none of its devices is silent any more.
    for (const Alarm &a : alarms)
        if (a.cause == AlarmCause::LinkLoss && a.active && !parentsOfActive.contains(a.id)) {
            out.push_back(alarmEvent(a.id, a.device, AlarmChange::Returned, a.cause, {}, QStringLiteral("every device reports again")));
            for (auto it = m_causeParents.begin(); it != m_causeParents.end();)
                it = it->id == a.id ? m_causeParents.erase(it) : std::next(it);
        }
}

void AlarmDesk::checkHolds(std::int64_t nowMs, std::vector<Event> &out)
{
    if (m_holds.holds() == 0)
        return;
    std::vector<HoldWatch::Overrun> overdue;
    std::vector<DeviceIndex> inTime;
    m_holds.check(nowMs, m_ctx.orders, overdue, inTime);
    for (const DeviceIndex device : inTime)
        setCondition(device, AlarmCause::HoldOverrun, false, out);   // renewed by a newer command
    for (const HoldWatch::Overrun &o : overdue) {
        if (!m_ctx.states.state(o.device).online)
            continue;   // a silent signal's mode is not known now: its comm-loss alarm says what there is to say
        const QString what = o.mode == SignalMode::Preempt ? QStringLiteral("pre-empted") : QStringLiteral("held");
        const QString by = o.order ? QStringLiteral(" by order %1").arg(o.order) : QString();
        setCondition(o.device, AlarmCause::HoldOverrun, true, out, 0,
                     QStringLiteral("%1%2 for more than %3 min").arg(what, by).arg(m_holds.limitFor(o.mode) / 60'000));
    }
    m_overlay.clear();
}

Result<OpsReceipt> AlarmDesk::acknowledge(const Actor &actor, const request::AcknowledgeAlarms &r, std::vector<Event> &out)
{
    if (!permits(actor, Permission::AcknowledgeAlarm))
        return makeError(refusal(actor, Permission::AcknowledgeAlarm));
    int count = 0;
    for (std::uint32_t id : r.alarms) {
        const auto alarm = m_ctx.alarms.find(id);
        if (!alarm || alarm->acknowledged)
            continue;
        out.push_back(alarmEvent(id, alarm->device, AlarmChange::Acknowledged, alarm->cause, actor.user));
        ++count;
    }
    if (count == 0)
        return makeError(QStringLiteral("nothing to acknowledge: the alarms are gone or already acknowledged"));
    return OpsReceipt{QStringLiteral("%1 acknowledged by %2").arg(counted(count, "alarm"), actor.user), 0};
}

Result<OpsReceipt> AlarmDesk::shelve(const Actor &actor, const request::ShelveAlarms &r, std::int64_t nowMs, std::vector<Event> &out)
{
    if (!permits(actor, Permission::ShelveAlarm))
        return makeError(refusal(actor, Permission::ShelveAlarm));
    if (r.durationMs < 0 || r.durationMs > kMaxShelveMs)
        return makeError(QStringLiteral("a shelf lasts at most %1 hours").arg(kMaxShelveMs / 3600'000));
    int count = 0;
    for (std::uint32_t id : r.alarms) {
        const auto alarm = m_ctx.alarms.find(id);
        if (!alarm || alarm->shelved == (r.durationMs > 0))
            continue;
        Event e = alarmEvent(id, alarm->device, r.durationMs > 0 ? AlarmChange::Shelved : AlarmChange::Unshelved, alarm->cause, actor.user);
        std::get<AlarmPayload>(e.payload).untilMs = r.durationMs > 0 ? nowMs + r.durationMs : 0;
        out.push_back(std::move(e));
        ++count;
    }
    if (count == 0)
        return makeError(QStringLiteral("nothing to change: the alarms are gone or already so"));
    return OpsReceipt{r.durationMs > 0 ? QStringLiteral("%1 shelved for %2 min").arg(counted(count, "alarm")).arg(r.durationMs / 60'000)
                                       : QStringLiteral("%1 unshelved").arg(counted(count, "alarm")),
                      0};
}

Result<OpsReceipt> AlarmDesk::setService(const Actor &actor, const request::SetAlarmService &r, std::vector<Event> &out)
{
    if (!permits(actor, Permission::RemoveAlarmFromService))
        return makeError(refusal(actor, Permission::RemoveAlarmFromService));
    const auto alarm = m_ctx.alarms.find(r.alarm);
    if (!alarm)
        return makeError(QStringLiteral("there is no alarm %1").arg(r.alarm));
    if (alarm->outOfService == !r.inService)
        return makeError(QStringLiteral("alarm %1 is already %2").arg(r.alarm).arg(r.inService ? QStringLiteral("in service") : QStringLiteral("out of service")));
    out.push_back(alarmEvent(r.alarm, alarm->device, r.inService ? AlarmChange::InService : AlarmChange::OutOfService, alarm->cause, actor.user));
    return OpsReceipt{QStringLiteral("alarm %1 %2").arg(r.alarm).arg(r.inService ? QStringLiteral("returned to service") : QStringLiteral("taken out of service")), r.alarm};
}

} // namespace cityops
