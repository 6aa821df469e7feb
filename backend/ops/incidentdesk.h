#pragma once

#include "base/result.h"
#include "ops/deskcontext.h"
#include "ops/opsrequest.h"
#include "security/actor.h"

#include <vector>

namespace cityops {

/// The incident lifecycle in live operation (ARCHITECTURE §7): checks each person's request against the lifecycle
/// and their role and district, turns granted ones into incident events, and escalates SLA breaches. Runs on the
/// core thread; the IncidentBook applies what it emits.
class IncidentDesk {
public:
    explicit IncidentDesk(const DeskContext &context) : m_ctx(context) {}

    Result<OpsReceipt> transition(const Actor &actor, const request::TransitionIncident &r, std::vector<Event> &out);
    Result<OpsReceipt> note(const Actor &actor, const request::NoteIncident &r, std::vector<Event> &out);
    Result<OpsReceipt> report(const Actor &actor, const request::ReportIncident &r, std::int64_t nowMs, std::vector<Event> &out);
    /// Raises an incident on behalf of a workflow (field work at a device), dispatched to its district.
    IncidentId raiseFieldWork(DeviceIndex device, const QString &user, const QString &text, std::vector<Event> &out);
    /// Signals gone dark behind an open feeder: one incident, the feeder linked first and then each signal, with
    /// a note that names the cause and what restores it. Later signals of the same feeder: `linkDevice`.
    IncidentId raiseDarkSignals(DeviceIndex feeder, const std::vector<DeviceIndex> &signals, std::vector<Event> &out);
    void linkDevice(IncidentId id, DeviceIndex device, std::vector<Event> &out);
    /// Escalates incidents whose acknowledge-by or on-scene-by time has passed (once each).
    void checkSla(std::int64_t nowMs, std::vector<Event> &out);

private:
    IncidentId nextId();

    const DeskContext &m_ctx;
    std::uint32_t m_issued = 0;
    std::int64_t m_lastSlaCheckMs = 0;
};

} // namespace cityops
