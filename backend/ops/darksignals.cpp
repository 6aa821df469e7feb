#include "ops/darksignals.h"

#include "ops/incidentdesk.h"

#include <algorithm>

namespace cityops {

DarkSignalsWatch::DarkSignalsWatch(const DeskContext &context, IncidentDesk &incidents)
    : m_ctx(context), m_incidents(incidents), m_signalFeeders(m_ctx.city.signalFeeders())
{
}

void DarkSignalsWatch::observe(const std::vector<Event> &batch, std::vector<Event> &out)
{
    std::map<DeviceIndex, std::vector<DeviceIndex>> dark;   // feeder -> signals that went silent in this batch
    for (const Event &e : batch) {
        const auto *presence = std::get_if<PresencePayload>(&e.payload);
        if (!presence || presence->online || e.device >= m_ctx.city.devices.size())
            continue;
        const DeviceInfo &info = m_ctx.city.devices[e.device];
        if (info.kind != DeviceKind::SignalController || info.detail < 0 || static_cast<size_t>(info.detail) >= m_signalFeeders.size())
            continue;
        const DeviceIndex feeder = m_signalFeeders[static_cast<size_t>(info.detail)];
        // The books are current up to this batch: the feeder's breaker as it reported it.
        if (feeder == kNoDevice || !m_ctx.states.state(feeder).reported || m_ctx.states.state(feeder).breakerClosed)
            continue;
        auto &list = dark[feeder];
        if (std::find(list.begin(), list.end(), e.device) == list.end())
            list.push_back(e.device);
    }
    if (dark.empty())
        return;
    // An incident a restarted console carried over counts as ours (rare: read the book only now).
    std::vector<Incident> all;
    m_ctx.incidents.snapshot(all);
    for (const Incident &i : all)
        if (i.kind == IncidentKind::SignalsDark && i.isOpen() && !m_open.count(i.device))
            m_open[i.device] = i.id;
    for (auto &[feeder, signals] : dark) {
        const auto open = m_open.find(feeder);
        const auto incident = open != m_open.end() ? m_ctx.incidents.find(open->second) : std::nullopt;
        if (incident && incident->isOpen()) {
            for (const DeviceIndex signal : signals)
                if (std::find(incident->linked.begin(), incident->linked.end(), signal) == incident->linked.end())
                    m_incidents.linkDevice(incident->id, signal, out);
            continue;
        }
        m_open[feeder] = m_incidents.raiseDarkSignals(feeder, signals, out);
    }
}

} // namespace cityops
