// SumoPlant: the days of demand after those SUMO read from its file, added through TraCI as they come.
#include "sim/sumoplant.h"

#include "base/counted.h"
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
                qCWarning(lcSim) << "SUMO refused" << m_demandRefused << "vehicle(s) or people of day" << m_demandDaySaid << "of traffic";
            m_demandDaySaid = day;
            m_demandRefused = 0;
            if (day >= repeat.firstDay())
                qCInfo(lcSim).noquote() << QStringLiteral("day %1 of traffic: the city's day again, added as it comes (%2 vehicles, %3 people on foot; "
                                                          "%4 of the demand not repeated: people who ride, trips between zones or junctions, "
                                                          "stops at stopping places or triggered, flows past midnight)")
                                               .arg(day).arg(repeat.repeated()).arg(repeat.repeatedPeople()).arg(counted(repeat.notRepeated(), "element"));
            else   // the file's later days carry vehicles, not people
                qCInfo(lcSim).noquote() << QStringLiteral("day %1 of traffic: the city's %2 people on foot added as they come").arg(day).arg(repeat.repeatedPeople());
        }
        if (due.person) {
            try {
                addPerson(due);
            } catch (const libsumo::TraCIException &e) {
                if (m_demandRefused++ == 0)
                    qCWarning(lcSim) << "SUMO refused person" << due.id.c_str() << "of the repeated day:" << e.what();
            }
            continue;
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

void SumoPlant::addPerson(const DemandRepeat::Due &due)
{
    const DemandRepeat::Person &person = *due.person;
    const auto roadLength = [](const std::string &edge) { return libtraci::Lane::getLength(edge + "_0"); };
    // SUMO's defaults for where a walk ends: the middle of its last road; a negative position counts from its end.
    const auto arrival = [&roadLength](const DemandRepeat::PersonStage &stage) {
        const double length = roadLength(stage.edges.back());
        return stage.arrivalPosM ? (*stage.arrivalPosM < 0 ? length + *stage.arrivalPosM : *stage.arrivalPosM) : length / 2;
    };
    libtraci::Person::add(due.id, person.stages.front().edges.front(), person.departPosM, due.departS, person.type);
    try {
        for (const DemandRepeat::PersonStage &stage : person.stages) {
            if (stage.kind == DemandRepeat::PersonStage::Kind::Wait) {
                libtraci::Person::appendWaitingStage(due.id, *stage.durationS);
            } else if (stage.routed) {
                // The way on foot, found now as SUMO finds it for a walk it reads.
                // (without an arrivalPos, SUMO's own default: the middle of the last road)
                const std::vector<libsumo::TraCIStage> way = libtraci::Simulation::findIntermodalRoute(
                    stage.edges.front(), stage.edges.back(), "", due.departS, 0, stage.speedMps.value_or(-1), -1, 0,
                    stage.arrivalPosM ? arrival(stage) : libsumo::INVALID_DOUBLE_VALUE, 0, person.type);
                if (way.empty())
                    throw libsumo::TraCIException("no way on foot from " + stage.edges.front() + " to " + stage.edges.back());
                for (const libsumo::TraCIStage &step : way)
                    libtraci::Person::appendStage(due.id, step);
            } else {
                libtraci::Person::appendWalkingStage(due.id, stage.edges, arrival(stage), stage.durationS.value_or(-1), stage.speedMps.value_or(-1));
            }
        }
    } catch (const libsumo::TraCIException &) {
        libtraci::Person::remove(due.id);   // not half a day: all of it, or none
        throw;
    }
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
