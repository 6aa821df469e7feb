// SumoPlant's road traffic: how many vehicles are on each street segment of the city and how fast they go. Counted
// from SUMO's vehicles when a report is due (every few seconds: a few hundred round trips at a peak), not from edge
// subscriptions, which made SUMO send every edge's figures every step and tripled the cost of a step at the peak.
#include "sim/sumoplant.h"

#include "base/logging.h"
#include "sim/roadcount.h"

#include <libsumo/libtraci.h>

#include <QElapsedTimer>

#include <algorithm>

namespace cityops {

void SumoPlant::mapRoads()
{
    // A two-way street is SUMO's edges "X" and "-X", one road of the city (as the importer drew it, with X's lanes).
    for (std::uint32_t r = 0; r < m_city->roads.size(); ++r) {
        const std::string id = m_city->roads[r].sumoId.toStdString();
        m_edgeRoad.emplace(id, EdgeOfRoad{r, false, std::max(1, m_city->roads[r].lanes)});
        if (!m_city->roads[r].oneway)
            m_edgeRoad.emplace("-" + id, EdgeOfRoad{r, true, 0});
    }
}

std::vector<RoadTraffic> SumoPlant::roadTraffic()
{
    if (!m_failure.isEmpty())
        return {};
    RoadCounter counter(*m_city);
    QElapsedTimer timer;
    timer.start();
    {
        std::lock_guard lock(traciLock());
        try {
            libtraci::Simulation::switchConnection(m_label);
            for (const std::string &id : libtraci::Vehicle::getIDList()) {
                const auto edge = m_edgeRoad.find(libtraci::Vehicle::getRoadID(id));
                if (edge == m_edgeRoad.end())
                    continue;   // inside a junction (":…"), or on an edge the city drew no road for
                if (edge->second.lanes == 0)   // a street's other direction, the first time a vehicle drives it
                    edge->second.lanes = std::max(1, libtraci::Edge::getLaneNumber(edge->first));
                counter.add(edge->second.road, edge->second.reverse, edge->second.lanes, libtraci::Vehicle::getSpeed(id));
            }
        } catch (const std::exception &e) {
            // A vehicle that left between the list and its reading, or SUMO gone (the next step says so): no picture now.
            qCDebug(lcSim) << "road traffic not counted:" << e.what();
            return {};
        }
    }
    qCDebug(lcSim) << "road traffic counted in" << timer.nsecsElapsed() / 1000 << "us";
    return counter.picture();
}

} // namespace cityops
