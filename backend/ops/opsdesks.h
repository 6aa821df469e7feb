#pragma once

#include "ops/alarmdesk.h"
#include "ops/darksignals.h"
#include "ops/dispatcher.h"
#include "ops/incidentdesk.h"

namespace cityops {

/// The live dispatch logic in one place: incidents, alarms and commands. The engine calls it on its core thread
/// with every processed batch, every person's request and the clock; it answers with events (applied to the books
/// and recorded like any other) and with commands for the link. Replay never runs it — replay only applies the
/// events it emitted.
class OpsDesks {
public:
    OpsDesks(DeskContext context, DispatchConfig config = {});

    Result<OpsReceipt> handle(const Actor &actor, const OpsRequest &request, std::int64_t nowMs, std::vector<Event> &out);
    void observe(const std::vector<Event> &batch, std::vector<Event> &out);
    void tick(std::int64_t nowMs, std::vector<Event> &out, std::vector<DeviceCommand> &send);

    /// The city's response rules changed while the console runs (RulesWatch): what the desks apply from now on.
    void setRules(const ResponseRules &rules) { m_alarms.setRules(rules); }
    /// Whether this console hears the other consoles' broker now (DeskContext::hearsOtherConsoles), asked on the
    /// core thread: set once, before the first request.
    void setHearing(std::function<bool()> hears) { m_ctx.hearsOtherConsoles = std::move(hears); }

    const Dispatcher &dispatcher() const { return m_dispatcher; }
    const DeskContext &context() const { return m_ctx; }

private:
    DeskContext m_ctx;
    IncidentDesk m_incidents;
    Dispatcher m_dispatcher;
    AlarmDesk m_alarms;
    DarkSignalsWatch m_darkSignals;
};

} // namespace cityops
