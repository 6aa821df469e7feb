#pragma once

#include "ops/deskcontext.h"
#include "model/event.h"

#include <functional>
#include <map>
#include <vector>

namespace cityops {

class IncidentDesk;

/// One cross-domain chain, found by the console: signal cabinets draw their power from the nearest feeder
/// (CityModel::signalFeeders); when that feeder is open — tripped or shed — and its signals go silent, that is one
/// incident "signals dark at N junctions — cause feeder X" with the feeder and every dark signal linked, not N
/// unrelated communication losses. Signals that go dark later behind the same open feeder join the open incident;
/// after it is closed, the next outage raises a new one. Runs on the core thread after the alarm desk.
class DarkSignalsWatch {
public:
    DarkSignalsWatch(const DeskContext &context, IncidentDesk &incidents);
    void observe(const std::vector<Event> &batch, std::vector<Event> &out);

private:
    const DeskContext &m_ctx;
    IncidentDesk &m_incidents;
    std::vector<DeviceIndex> m_signalFeeders;      ///< per signal
    std::map<DeviceIndex, IncidentId> m_open;      ///< feeder -> its dark-signals incident
};

} // namespace cityops
