#include "engine/liveopsloop.h"

#include "base/logging.h"

#include <QRandomGenerator>

namespace cityops {

LiveOpsLoop::LiveOpsLoop(CorePipeline &pipeline, std::shared_ptr<const CityModel> city, std::uint32_t session, DispatchConfig config,
                         std::uint32_t salt)
    : m_pipeline(pipeline),
      m_city(std::move(city)),
      m_rules(m_city->rules),
      m_ops(DeskContext{*m_city, pipeline.books().states(), pipeline.books().incidents(), pipeline.books().alarms(), pipeline.books().orders(),
                        session, salt, QRandomGenerator::system()->bounded(1u << 20)},
            config)
{
}

size_t LiveOpsLoop::settle(std::vector<Event> &derived, std::int64_t timeMs)
{
    // What the ops logic emits can itself call for more (a confirmation raising an incident, a feeder trip's
    // consequences): apply until quiet, with a bound against a feedback loop.
    size_t applied = 0;
    for (int round = 0; round < 8 && !derived.empty(); ++round) {
        for (Event &e : derived)
            e.timeMs = timeMs;
        std::vector<Event> batch;
        batch.swap(derived);
        stampDeadlines(batch);
        m_pipeline.process(batch);
        applied += batch.size();
        if (m_share)
            std::copy_if(batch.begin(), batch.end(), std::back_inserter(m_shared), m_share);
        m_ops.observe(batch, derived);
    }
    CITYOPS_ASSERT(derived.empty(), lcCore);
    derived.clear();
    return applied;
}

void LiveOpsLoop::stampDeadlines(std::vector<Event> &batch) const
{
    for (Event &e : batch)
        if (auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload)) {
            const SlaPolicy sla = m_rules.slaFor(raised->severity);
            raised->ackWithinMs = sla.ackWithinMs;
            raised->onSceneWithinMs = sla.onSceneWithinMs;
        }
}

void LiveOpsLoop::setRules(const ResponseRules &rules)
{
    m_rules = rules;
    m_ops.setRules(rules);
}

size_t LiveOpsLoop::ingest(std::vector<Event> &batch)
{
    m_gate.filter(batch, m_ops.context());
    if (batch.empty())
        return 0;
    stampDeadlines(batch);
    shareFieldResults(batch);
    m_pipeline.process(batch);
    // A person's own wall request goes to the walls on the broker; one from another console (it passed the gate) is
    // for the wall this console may be.
    for (const Event &e : batch)
        if (const auto *a = std::get_if<OperatorActionPayload>(&e.payload); a && a->action == OperatorAction::ShowOnWall) {
            if (e.origin != 0)
                m_wallRequests.push_back(*a);
            else if (m_share && m_share(e))
                m_shared.push_back(e);
        }
    std::vector<Event> derived;
    m_ops.observe(batch, derived);
    // Consequences of a batch are stamped with the batch's time: during the link's replay of recent history
    // that is the history's time, not the wall clock's.
    return batch.size() + settle(derived, m_pipeline.sequencer().lastTimeMs());
}

Result<OpsReceipt> LiveOpsLoop::request(const Actor &actor, const OpsRequest &request, std::int64_t nowMs)
{
    std::vector<Event> derived;
    auto result = m_ops.handle(actor, request, nowMs, derived);
    settle(derived, nowMs);
    return result;
}

size_t LiveOpsLoop::tick(std::int64_t nowMs)
{
    std::vector<Event> derived;
    m_ops.tick(nowMs, derived, m_commands);
    return settle(derived, nowMs);
}

void LiveOpsLoop::shareFieldResults(const std::vector<Event> &batch)
{
    // The field answers only the console that sent a command, and a device's refusal is its target's record (the
    // dispatcher emits nothing after it): passed on as it is, or the other consoles would show the target sent for
    // good and hold the device "reserved" by the order. Only the final word: "accepted, acting" would double what a
    // wide order sends them, for no difference their desks count. Judged before the books take the batch.
    if (!m_share)
        return;
    for (const Event &e : batch)
        if (const auto *answer = std::get_if<CommandPayload>(&e.payload);
            answer && e.origin == 0 && e.device != kNoDevice && answer->stage == CommandStage::Rejected
            && m_pipeline.books().orders().endsOwnTarget(e.device, *answer) && m_share(e))
            m_shared.push_back(e);
}

std::vector<Event> LiveOpsLoop::takeShared()
{
    std::vector<Event> out;
    out.swap(m_shared);
    return out;
}

std::vector<OperatorActionPayload> LiveOpsLoop::takeWallRequests()
{
    std::vector<OperatorActionPayload> out;
    out.swap(m_wallRequests);
    return out;
}

std::vector<DeviceCommand> LiveOpsLoop::takeCommands()
{
    std::vector<DeviceCommand> out;
    out.swap(m_commands);
    return out;
}

} // namespace cityops
