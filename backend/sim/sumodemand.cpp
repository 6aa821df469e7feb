// SumoPlant: the days of demand after those SUMO read from its file, added through TraCI as they come.
#include "sim/sumoplant.h"

#include "base/logging.h"

#include <libsumo/libtraci.h>

#include <cmath>

namespace cityops {

void SumoPlant::addRepeatedDemand(double untilS)
{
    if (!m_setup.repeat || untilS <= m_demandAddedToS)
        return;
    const DemandRepeat &repeat = *m_setup.repeat;
    for (const DemandRepeat::Due &due : repeat.due(m_demandAddedToS, untilS)) {
        const auto day = static_cast<long long>(std::floor(due.departS / DemandRepeat::kDayS));
        if (day != m_demandDaySaid) {
            if (m_demandRefused > 0)
                qCWarning(lcSim) << "SUMO refused" << m_demandRefused << "vehicle(s) of day" << m_demandDaySaid << "of traffic";
            m_demandDaySaid = day;
            m_demandRefused = 0;
            qCInfo(lcSim).noquote() << QStringLiteral("day %1 of traffic: the city's day again, added as it comes (%2 vehicles; %3 "
                                                      "element(s) of the demand not repeated: people, trips between zones or junctions, stops at stopping places or triggered, flows past midnight)")
                                           .arg(day).arg(repeat.repeated()).arg(repeat.notRepeated());
        }
        const DemandRepeat::Vehicle &v = *due.vehicle;
        try {
            std::string route = v.route;
            if (route.empty()) {
                route = "route-" + due.id;
                libtraci::Route::add(route, v.edges);
            }
            libtraci::Vehicle::add(due.id, route, v.type, std::to_string(due.departS), v.departLane, v.departPos, v.departSpeed,
                                   v.arrivalLane, v.arrivalPos, v.arrivalSpeed);
            try {
                // A trip through via roads or with stops: routed now, through them, as SUMO routes such a trip it
                // reads (on the roads' own travel times, as a trip from the file is routed when inserted); its stops
                // must lie on the way it takes.
                if (const std::vector<std::string> through = v.routedThrough(); !through.empty()) {
                    libtraci::Vehicle::setVia(due.id, through);
                    libtraci::Vehicle::rerouteTraveltime(due.id, false);
                }
                addStops(due);
            } catch (const libsumo::TraCIException &) {
                libtraci::Vehicle::remove(due.id);   // not without its stops: a bus that does not stop is not the bus
                throw;
            }
        } catch (const libsumo::TraCIException &e) {
            // One vehicle SUMO would not take (a road closed to its type, say): the day goes on without it.
            if (m_demandRefused++ == 0)
                qCWarning(lcSim) << "SUMO refused vehicle" << due.id.c_str() << "of the repeated day:" << e.what();
        }
    }
    m_demandAddedToS = untilS;
}

void SumoPlant::addStops(const DemandRepeat::Due &due)
{
    const double midnight = std::floor(due.departS / DemandRepeat::kDayS) * DemandRepeat::kDayS;
    for (const DemandRepeat::Stop &stop : due.vehicle->stops) {
        // SUMO's defaults for a stop the file leaves open: at the lane's end; a negative position counts from it.
        const double length = stop.endPosM && *stop.endPosM >= 0 && (!stop.startPosM || *stop.startPosM >= 0)
                                  ? 0.0
                                  : libtraci::Lane::getLength(stop.edge + "_" + std::to_string(stop.laneIndex));
        const auto position = [length](double p) { return p < 0 ? length + p : p; };
        libtraci::Vehicle::setStop(due.id, stop.edge, stop.endPosM ? position(*stop.endPosM) : length, stop.laneIndex,
                                   stop.durationS.value_or(libsumo::INVALID_DOUBLE_VALUE),
                                   stop.parking ? libsumo::STOP_PARKING : libsumo::STOP_DEFAULT,
                                   stop.startPosM ? position(*stop.startPosM) : libsumo::INVALID_DOUBLE_VALUE,
                                   stop.untilS ? midnight + *stop.untilS : libsumo::INVALID_DOUBLE_VALUE);
    }
}

} // namespace cityops
