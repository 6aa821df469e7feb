// SumoPlant's road traffic: how many vehicles are on each street segment of the city and how fast they go. Counted
// from SUMO's vehicles when a report is due (every few seconds: a few hundred round trips at a peak), not from edge
// subscriptions, which made SUMO send every edge's figures every step and tripled the cost of a step at the peak.
#include "sim/sumoplant.h"

#include "base/logging.h"

#include <libsumo/libtraci.h>

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <map>

namespace cityops {

void SumoPlant::mapRoads()
{
    // A two-way street is SUMO's edges "X" and "-X", one road of the city (as the importer drew it).
    for (std::uint32_t r = 0; r < m_city->roads.size(); ++r) {
        const std::string id = m_city->roads[r].sumoId.toStdString();
        m_edgeRoad.emplace(id, r);
        if (!m_city->roads[r].oneway)
            m_edgeRoad.emplace("-" + id, r);
    }
}

std::vector<RoadTraffic> SumoPlant::roadTraffic()
{
    constexpr double kHaltingMps = 0.1;   // SUMO's own threshold for a halting vehicle
    struct Sum {
        int vehicles = 0;
        int halting = 0;
        double speedSum = 0;
    };
    std::map<std::uint32_t, Sum> roads;
    if (!m_failure.isEmpty())
        return {};
    QElapsedTimer timer;
    timer.start();
    {
        std::lock_guard lock(traciLock());
        try {
            libtraci::Simulation::switchConnection(m_label);
            for (const std::string &id : libtraci::Vehicle::getIDList()) {
                const auto road = m_edgeRoad.find(libtraci::Vehicle::getRoadID(id));
                if (road == m_edgeRoad.end())
                    continue;   // inside a junction (":…"), or on an edge the city drew no road for
                const double speed = std::max(0.0, libtraci::Vehicle::getSpeed(id));
                Sum &s = roads[road->second];
                ++s.vehicles;
                s.halting += speed < kHaltingMps ? 1 : 0;
                s.speedSum += speed;
            }
        } catch (const std::exception &e) {
            // A vehicle that left between the list and its reading, or SUMO gone (the next step says so): no picture now.
            qCDebug(lcSim) << "road traffic not counted:" << e.what();
            return {};
        }
    }
    qCDebug(lcSim) << "road traffic counted in" << timer.nsecsElapsed() / 1000 << "us";
    std::vector<RoadTraffic> out;
    out.reserve(roads.size());
    for (const auto &[road, s] : roads) {
        const double limitMps = std::max(1.0, m_city->roads[road].speedKmh / 3.6);
        const double pct = 100.0 * (s.speedSum / s.vehicles) / limitMps;
        out.push_back({road, static_cast<std::uint16_t>(std::min(s.vehicles, 65535)), static_cast<std::uint16_t>(std::min(s.halting, 65535)),
                       static_cast<std::uint8_t>(std::clamp(std::lround(pct), 0L, 100L))});
    }
    if (out.size() > size_t(kMaxRoadsReported)) {   // the busiest first: what a report can carry
        std::stable_sort(out.begin(), out.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.vehicles > b.vehicles; });
        out.resize(kMaxRoadsReported);
        std::sort(out.begin(), out.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.road < b.road; });
    }
    return out;
}

} // namespace cityops
