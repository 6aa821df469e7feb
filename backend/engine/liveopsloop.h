#pragma once

#include "engine/corepipeline.h"
#include "ops/opsdesks.h"
#include "ops/peergate.h"

#include <functional>
#include <memory>

namespace cityops {

/// The live core's single-threaded loop body: sequence and apply a batch, let the ops logic look at it, and apply
/// what the ops logic emits (and what that leads to) until quiet. Also serves requests and the clock. The Engine
/// runs it on its core thread; tests and benches drive it directly with a clock they control.
class LiveOpsLoop {
public:
    /// `session`: the store's session number; `salt`: the console's on a broker (DeskContext).
    LiveOpsLoop(CorePipeline &pipeline, std::shared_ptr<const CityModel> city, std::uint32_t session, DispatchConfig config = {},
                std::uint32_t salt = 0);

    /// Processes a batch from the link; returns how many events were applied (the batch and what it led to).
    size_t ingest(std::vector<Event> &batch);
    /// Carries out a person's request, stamped at `nowMs`.
    Result<OpsReceipt> request(const Actor &actor, const OpsRequest &request, std::int64_t nowMs);
    /// Timeouts, retries, expiries, shelf expiry and SLA checks at `nowMs`.
    size_t tick(std::int64_t nowMs);
    /// Commands the ops logic wants sent to devices since the last call.
    std::vector<DeviceCommand> takeCommands();
    /// Keeps the events the ops logic emits that `share` selects, for other consoles (see FieldLink::share).
    void setShareFilter(std::function<bool(const Event &)> share) { m_share = std::move(share); }
    /// Whether this console hears the broker the other consoles speak on now (DeskContext::hearsOtherConsoles).
    void setHearing(std::function<bool()> hears) { m_ops.setHearing(std::move(hears)); }
    std::vector<Event> takeShared();
    /// Wall requests (OperatorAction::ShowOnWall) other consoles sent that passed the gate, since the last call.
    std::vector<OperatorActionPayload> takeWallRequests();

    /// Who people are in this console's directory: other consoles' operations are re-authorised against it before
    /// they reach the books (none set: every operation of another console is refused).
    void setRoster(Roster roster) { m_gate.setRoster(std::move(roster)); }
    const PeerGate &gate() const { return m_gate; }

    const OpsDesks &ops() const { return m_ops; }

    /// The city's response rules from now on (they start as the city's, CityModel::rules): the deadlines of incidents
    /// taken in from the next batch, and the hold limits. Incidents already in keep the deadlines they were given.
    void setRules(const ResponseRules &rules);
    const ResponseRules &rules() const { return m_rules; }

private:
    size_t settle(std::vector<Event> &derived, std::int64_t timeMs);
    /// Gives each incident taken in the city's response times (ResponseRules), over whatever the event said: the
    /// deadlines are this console's city's, never the field's or another console's to set.
    void stampDeadlines(std::vector<Event> &batch) const;
    /// The field's refusals that end this console's targets, to be shared.
    void shareFieldResults(const std::vector<Event> &batch);

    CorePipeline &m_pipeline;
    std::shared_ptr<const CityModel> m_city;
    ResponseRules m_rules;
    OpsDesks m_ops;
    PeerGate m_gate;
    std::vector<DeviceCommand> m_commands;
    std::function<bool(const Event &)> m_share;
    std::vector<Event> m_shared;
    std::vector<OperatorActionPayload> m_wallRequests;
};

} // namespace cityops
