// SumoPlant's road traffic: how many vehicles are on each street segment of the city and how fast they go, from
// SUMO's edges (a two-way street is the edges "X" and "-X", one road of the city). Subscribed once at start, so each
// step brings every edge's figures in the step's one round trip.
#include "sim/sumoplant.h"

#include <libsumo/libtraci.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace cityops {

void SumoPlant::subscribeRoads()
{
    // Called with the lock held, on this plant's connection, after the network was checked.
    const std::vector<std::string> edges = libtraci::Edge::getIDList();
    std::unordered_map<std::string, std::uint32_t> roadOf;
    for (std::uint32_t r = 0; r < m_city->roads.size(); ++r) {
        const std::string id = m_city->roads[r].sumoId.toStdString();
        roadOf.emplace(id, r);
        if (!m_city->roads[r].oneway)
            roadOf.emplace("-" + id, r);
    }
    for (const std::string &edge : edges) {
        const auto it = roadOf.find(edge);
        if (it == roadOf.end())
            continue;   // an internal edge (":…"), or one the city drew no road for
        libtraci::Edge::subscribe(edge, {libsumo::LAST_STEP_VEHICLE_NUMBER, libsumo::LAST_STEP_VEHICLE_HALTING_NUMBER,
                                         libsumo::LAST_STEP_MEAN_SPEED});
        m_edgeFigures.emplace(edge, EdgeFigures{it->second, 0, 0, 0});
    }
}

void SumoPlant::readRoads()
{
    for (const auto &[edge, variables] : libtraci::Edge::getAllSubscriptionResults()) {
        auto it = m_edgeFigures.find(edge);
        if (it == m_edgeFigures.end())
            continue;
        for (const auto &[variable, value] : variables) {
            if (variable == libsumo::LAST_STEP_VEHICLE_NUMBER)
                it->second.vehicles = static_cast<const libsumo::TraCIInt &>(*value).value;
            else if (variable == libsumo::LAST_STEP_VEHICLE_HALTING_NUMBER)
                it->second.halting = static_cast<const libsumo::TraCIInt &>(*value).value;
            else if (variable == libsumo::LAST_STEP_MEAN_SPEED)
                it->second.meanSpeedMps = static_cast<const libsumo::TraCIDouble &>(*value).value;
        }
    }
}

std::vector<RoadTraffic> SumoPlant::roadTraffic() const
{
    struct Sum {
        int vehicles = 0;
        int halting = 0;
        double speedSum = 0;   // mean speed × vehicles, per direction
    };
    std::map<std::uint32_t, Sum> roads;
    for (const auto &[edge, f] : m_edgeFigures) {
        if (f.vehicles <= 0)
            continue;
        Sum &s = roads[f.road];
        s.vehicles += f.vehicles;
        s.halting += std::min(f.halting, f.vehicles);
        s.speedSum += std::max(0.0, f.meanSpeedMps) * f.vehicles;
    }
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
