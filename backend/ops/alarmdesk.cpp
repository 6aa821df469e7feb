#include "ops/alarmdesk.h"

#include <algorithm>

namespace cityops {
namespace {

quint64 keyOf(DeviceIndex device, AlarmCause cause) { return (quint64(device) << 8) | quint64(cause); }

AlarmPriority priorityFor(AlarmCause cause, DeviceKind kind)
{
    switch (cause) {
    case AlarmCause::SignalFault:
    case AlarmCause::FeederTrip: return AlarmPriority::High;
    case AlarmCause::FeederOverload: return AlarmPriority::Medium;
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
    : m_ctx(context), m_commandedOpen(std::move(commandedOpen)), m_signalFeeders(m_ctx.city.signalFeeders())
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

void AlarmDesk::setCondition(DeviceIndex device, AlarmCause cause, bool condition, std::vector<Event> &out)
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
        p.parent = known ? 0 : parentFor(device, cause);
        out.push_back(std::move(e));
        m_overlay.insert(keyOf(device, cause), Known{id, true});
    } else if (known && known->active) {
        out.push_back(alarmEvent(known->id, device, AlarmChange::Returned, cause));
        m_overlay.insert(keyOf(device, cause), Known{known->id, false});
    }
}

void AlarmDesk::observe(const std::vector<Event> &batch, std::vector<Event> &out)
{
    m_overlay.clear();
    for (const Event &e : batch) {
        if (e.device == kNoDevice || e.device >= m_ctx.city.devices.size())
            continue;
        if (const auto *light = std::get_if<LightPayload>(&e.payload)) {
            setCondition(e.device, AlarmCause::LampFault, light->lampFault, out);
            setCondition(e.device, AlarmCause::CommLoss, false, out);
        } else if (const auto *signal = std::get_if<SignalPayload>(&e.payload)) {
            setCondition(e.device, AlarmCause::SignalFault, signal->fault, out);
            setCondition(e.device, AlarmCause::CommLoss, false, out);
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
            setCondition(e.device, AlarmCause::CommLoss, !presence->online && !behindCommandedFeeder(e.device), out);
        }
    }
    m_overlay.clear();
}

void AlarmDesk::tick(std::int64_t nowMs, std::vector<Event> &out)
{
    if (nowMs - m_lastTickMs < 1000)
        return;
    m_lastTickMs = nowMs;
    std::vector<Alarm> alarms;
    m_ctx.alarms.snapshot(alarms);
    for (const Alarm &a : alarms)
        if (a.shelved && a.shelvedUntilMs <= nowMs)
            out.push_back(alarmEvent(a.id, a.device, AlarmChange::Unshelved, a.cause, {}, QStringLiteral("shelf expired")));
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
    return OpsReceipt{QStringLiteral("%1 alarm(s) acknowledged by %2").arg(count).arg(actor.user), 0};
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
    return OpsReceipt{r.durationMs > 0 ? QStringLiteral("%1 alarm(s) shelved for %2 min").arg(count).arg(r.durationMs / 60'000)
                                       : QStringLiteral("%1 alarm(s) unshelved").arg(count),
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
