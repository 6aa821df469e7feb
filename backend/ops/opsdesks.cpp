#include "ops/opsdesks.h"

#include "ops/goneconsole.h"

namespace cityops {

OpsDesks::OpsDesks(DeskContext context, DispatchConfig config)
    : m_ctx(context),
      m_incidents(m_ctx),
      m_dispatcher(m_ctx, config,
                   [this](DeviceIndex device, const QString &user, const QString &text, std::vector<Event> &out) {
                       m_incidents.raiseFieldWork(device, user, text, out);
                   }),
      m_alarms(m_ctx, [this](DeviceIndex feeder) { return m_dispatcher.commandedOpen(feeder); }),
      m_darkSignals(m_ctx, m_incidents)
{
}

Result<OpsReceipt> OpsDesks::handle(const Actor &actor, const OpsRequest &request, std::int64_t nowMs, std::vector<Event> &out)
{
    if (!actor.isValid())
        return makeError(QStringLiteral("nobody is signed in"));
    return std::visit(
        [&](const auto &r) -> Result<OpsReceipt> {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, request::TransitionIncident>) return m_incidents.transition(actor, r, out);
            else if constexpr (std::is_same_v<T, request::NoteIncident>) return m_incidents.note(actor, r, out);
            else if constexpr (std::is_same_v<T, request::ReportIncident>) return m_incidents.report(actor, r, nowMs, out);
            else if constexpr (std::is_same_v<T, request::AcknowledgeAlarms>) return m_alarms.acknowledge(actor, r, out);
            else if constexpr (std::is_same_v<T, request::ShelveAlarms>) return m_alarms.shelve(actor, r, nowMs, out);
            else if constexpr (std::is_same_v<T, request::SetAlarmService>) return m_alarms.setService(actor, r, out);
            else if constexpr (std::is_same_v<T, request::IssueOrder>) return m_dispatcher.issue(actor, r.spec, nowMs, out);
            else if constexpr (std::is_same_v<T, request::DecideOrder>) return m_dispatcher.decide(actor, r, nowMs, out);
            else if constexpr (std::is_same_v<T, request::CancelOrder>) return m_dispatcher.cancel(actor, r, out);
            else if constexpr (std::is_same_v<T, request::ReleaseOrder>) return releaseGoneConsolesOrder(actor, r, m_ctx, nowMs, out);
            else return m_dispatcher.restore(actor, r, nowMs, out);
        },
        request);
}

void OpsDesks::observe(const std::vector<Event> &batch, std::vector<Event> &out)
{
    // A restart: the orders the books carried over are taken up before anything else is judged.
    for (const Event &e : batch)
        if (std::holds_alternative<SessionPayload>(e.payload))
            m_dispatcher.resume(out);
    // Commands first: a feeder an order just opened must count as commanded before its lamps' reports are judged.
    m_dispatcher.observe(batch, out);
    m_alarms.observe(batch, out);
    m_darkSignals.observe(batch, out);
}

void OpsDesks::tick(std::int64_t nowMs, std::vector<Event> &out, std::vector<DeviceCommand> &send)
{
    m_dispatcher.tick(nowMs, out, send);
    m_alarms.tick(nowMs, out);
    m_incidents.checkSla(nowMs, out);
}

} // namespace cityops
