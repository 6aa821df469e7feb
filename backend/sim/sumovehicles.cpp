// SumoPlant's tracked vehicles: the emergency fleet parked at its stations, what each reports every step
// (position, heading, speed, the rest of its route and the signals on it), and routes planned by SUMO's router
// and sent to a vehicle.
#include "sim/sumoplant.h"

#include "sim/parking.h"

#include "base/logging.h"
#include "base/random.h"

#include <libsumo/libtraci.h>

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

const std::string kEmergencyType = "cityops-emergency";
/// A station stands halfway along a road at least this long: kClearOfSignalAheadM from the junction ahead.
constexpr double kStationRoadM = 2 * kClearOfSignalAheadM;
constexpr double kParkedS = 1e7;        ///< and stays until sent again (SUMO's stop needs a duration)

std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    out.reserve(size_t(list.size()));
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

/// At most `limit` points, the first and last kept (a long route keeps its shape at map scale).
GeoLine thinned(GeoLine line, size_t limit)
{
    if (line.size() <= limit)
        return line;
    GeoLine out;
    const double step = double(line.size() - 1) / double(limit - 1);
    for (size_t i = 0; i < limit; ++i)
        out.push_back(line[std::min(line.size() - 1, size_t(std::lround(double(i) * step)))]);
    return out;
}

/// The first lane of `edge` an emergency vehicle may stop on (the rightmost may be a bus or cycle lane), or -1.
int stoppingLane(const std::string &edge)
{
    for (int k = 0; k < libtraci::Edge::getLaneNumber(edge); ++k) {
        const auto allowed = libtraci::Lane::getAllowed(edge + "_" + std::to_string(k));
        if (allowed.empty() || std::find(allowed.begin(), allowed.end(), "emergency") != allowed.end())
            return k;
    }
    return -1;
}

} // namespace

void SumoPlant::ensureEmergencyType()
{
    const auto types = libtraci::VehicleType::getIDList();
    if (std::find(types.begin(), types.end(), kEmergencyType) != types.end())
        return;
    libtraci::VehicleType::copy("DEFAULT_VEHTYPE", kEmergencyType);
    libtraci::VehicleType::setVehicleClass(kEmergencyType, "emergency");
    libtraci::VehicleType::setShapeClass(kEmergencyType, "emergency");
    libtraci::VehicleType::setSpeedFactor(kEmergencyType, 1.0);
}

void SumoPlant::placeFleet()
{
    m_tracked.clear();
    m_vehicles.clear();
    m_seenVehicles.clear();
    m_spells.clear();
    if (m_setup.emergencyFleet <= 0)
        return;
    ensureEmergencyType();
    if (m_stations.empty()) {
        // Stations spread over the city: each next one the candidate farthest from those chosen (of 200 drawn with
        // the setup's seed, so a city's stations are the same every run), on a road long enough (its first lane an
        // emergency vehicle may stop on: the rightmost is often a footway) in one of the city's districts — the
        // network reaches beyond them, and its far ends are what lies farthest apart.
        struct Candidate {
            Station station;
            libsumo::TraCIPosition at;
        };
        std::vector<Candidate> inCity, elsewhere;
        for (const std::string &e : libtraci::Edge::getIDList()) {
            if (e.empty() || e.front() == ':' || libtraci::Lane::getLength(e + "_0") < kStationRoadM)
                continue;
            for (int k = 0, lanes = libtraci::Edge::getLaneNumber(e); k < lanes; ++k) {
                const std::string lane = e + "_" + std::to_string(k);
                const auto allowed = libtraci::Lane::getAllowed(lane);
                if (allowed.empty() || std::find(allowed.begin(), allowed.end(), "emergency") != allowed.end()) {
                    // Where it would park: halfway along.
                    const libsumo::TraCIPosition at = libtraci::Simulation::convert2D(e, libtraci::Lane::getLength(lane) / 2, k);
                    const libsumo::TraCIPosition geo = libtraci::Simulation::convertGeo(at.x, at.y);
                    (m_city->districtAt({geo.x, geo.y}) >= 0 ? inCity : elsewhere).push_back({{{}, e, k}, at});
                    break;
                }
            }
        }
        const std::vector<Candidate> &candidates = inCity.empty() ? elsewhere : inCity;
        if (candidates.empty())
            return;
        Random random(m_setup.seed * 104729 + 7);
        std::vector<libsumo::TraCIPosition> chosen;
        for (int v = 0; v < m_setup.emergencyFleet; ++v) {
            const Candidate *best = nullptr;
            double bestDistance = -1;
            for (int c = 0; c < 200; ++c) {
                const Candidate &candidate = candidates[random.below(candidates.size())];
                double nearest = 1e18;
                for (const auto &p : chosen)
                    nearest = std::min(nearest, std::hypot(p.x - candidate.at.x, p.y - candidate.at.y));
                if (nearest > bestDistance) {
                    bestDistance = nearest;
                    best = &candidate;
                }
            }
            chosen.push_back(best->at);
            m_stations.push_back({QStringLiteral("ambulance-%1").arg(v + 1), best->station.edge, best->station.lane});
        }
    }
    for (const Station &station : m_stations) {
        const std::string id = station.vehicle.toStdString(), route = "station-" + id;
        try {
            libtraci::Route::add(route, {station.edge});
            const double at = libtraci::Lane::getLength(station.edge + "_" + std::to_string(station.lane)) / 2;
            // Inserted just before where it parks: it stands at its station from its first steps.
            libtraci::Vehicle::add(id, route, kEmergencyType, "now", std::to_string(station.lane), QString::number(at - 2, 'f', 1).toStdString(), "0");
            libtraci::Vehicle::setStop(id, station.edge, at, station.lane, kParkedS, libsumo::STOP_PARKING);
            m_tracked << station.vehicle;
        } catch (const libsumo::TraCIException &e) {
            qCWarning(lcSim).noquote() << station.vehicle << "could not be placed at its station:" << e.what();
        }
    }
}

const GeoLine &SumoPlant::edgeLine(const std::string &edge)
{
    auto it = m_edgeLines.find(edge);
    if (it != m_edgeLines.end())
        return it->second;
    GeoLine line;
    for (const libsumo::TraCIPosition &p : libtraci::Lane::getShape(edge + "_0").value) {
        const libsumo::TraCIPosition g = libtraci::Simulation::convertGeo(p.x, p.y);
        line.push_back({g.x, g.y});
    }
    return m_edgeLines.emplace(edge, std::move(line)).first->second;
}

double SumoPlant::edgeLength(const std::string &edge)
{
    auto it = m_edgeLengths.find(edge);
    if (it == m_edgeLengths.end())
        it = m_edgeLengths.emplace(edge, libtraci::Lane::getLength(edge + "_0")).first;
    return it->second;
}

bool SumoPlant::endsAtSignal(const std::string &edge) const
{
    const auto first = m_movements.lower_bound({edge, std::string()});
    return first != m_movements.end() && first->first.first == edge;
}

std::vector<SignalAhead> SumoPlant::signalsOn(const std::vector<std::string> &edges, double fromM)
{
    std::vector<SignalAhead> out;
    double along = -fromM;
    for (size_t i = 0; i + 1 < edges.size(); ++i) {
        along += edgeLength(edges[i]);
        const auto it = m_movements.find({edges[i], edges[i + 1]});
        if (it != m_movements.end() && out.size() < size_t(kMaxSignalsAhead))
            out.push_back({it->second.signal, it->second.linkIndex, std::max(0.0, along)});
    }
    return out;
}

std::optional<VehiclePayload> SumoPlant::readVehicle(const std::string &id)
{
    VehiclePayload v;
    v.id = QString::fromStdString(id);
    std::string road;
    try {
        road = libtraci::Vehicle::getRoadID(id);
        if (road.empty())
            return std::nullopt;   // waiting to enter
        const libsumo::TraCIPosition xy = libtraci::Vehicle::getPosition(id);
        const libsumo::TraCIPosition g = libtraci::Simulation::convertGeo(xy.x, xy.y);
        v.position = {g.x, g.y};
        v.speedMps = static_cast<float>(libtraci::Vehicle::getSpeed(id));
        v.headingDeg = static_cast<float>(std::fmod(libtraci::Vehicle::getAngle(id) + 360.0, 360.0));
        v.parked = (libtraci::Vehicle::getStopState(id) & 2) != 0;
    } catch (const libsumo::TraCIException &) {
        return std::nullopt;   // not (or no longer) in the network
    }
    if (v.parked)
        return v;
    const std::vector<std::string> route = libtraci::Vehicle::getRoute(id);
    const int index = std::max(0, libtraci::Vehicle::getRouteIndex(id));
    GeoLine line{v.position};
    // A vehicle bound to park on its last road drives it only so far.
    double lastRoadShare = 1.0;
    if (const auto stops = libtraci::Vehicle::getStops(id, 1); !route.empty() && !stops.empty() && splitLaneId(stops.front().lane).edge == route.back())
        lastRoadShare = stops.front().endPos / std::max(1.0, libtraci::Lane::getLength(stops.front().lane));
    for (size_t i = size_t(index); i < route.size(); ++i) {
        const GeoLine edge = i + 1 == route.size() ? lineUpTo(edgeLine(route[i]), lastRoadShare) : edgeLine(route[i]);
        // Of the road it is on, only what lies ahead: the end of it (or where it parks on it).
        if (i == size_t(index) && !edge.empty())
            line.push_back(edge.back());
        else
            line.insert(line.end(), edge.begin(), edge.end());
    }
    v.route = thinned(std::move(line), kMaxRoutePoints);
    // The signals ahead, as a pre-emption unit on the vehicle works them out: the turns of the rest of its route
    // that a signal controls, with the distance to each stop line. (SUMO's own next-signal list leaves out a signal
    // of a joined junction cluster now and then, and a wave cannot ask for what the vehicle does not report.)
    std::vector<std::string> rest(route.begin() + std::min<std::ptrdiff_t>(index, std::ptrdiff_t(route.size())), route.end());
    double alongM = libtraci::Vehicle::getLanePosition(id);
    if (!road.empty() && road.front() == ':' && !rest.empty()) {
        // Crossing a junction: the turn it is making is behind it; count from the start of the road it turns into.
        rest.erase(rest.begin());
        alongM = -(libtraci::Lane::getLength(libtraci::Vehicle::getLaneID(id)) - alongM);
    }
    v.ahead = signalsOn(rest, alongM);
    // The queue it stands in: the vehicles halting on its lane, as the approach's subscription counted them at this
    // step (no round trips: following the leader chain cost up to 180 calls a step in a queue and made the
    // co-simulation fall behind the console at the peak). Only when the next signal is at the end of that lane.
    if (!v.ahead.empty() && road.front() != ':') {
        const auto lane = m_laneFigures.find(libtraci::Vehicle::getLaneID(id));
        if (lane != m_laneFigures.end() && v.ahead.front().distanceM <= edgeLength(road) + 1)
            v.queueAhead = static_cast<std::uint16_t>(std::clamp(lane->second.halting - (v.speedMps < 0.1f ? 1 : 0), 0, 1000));
    }
    return v;
}

void SumoPlant::readVehicles()
{
    m_vehicles.clear();
    for (const QString &id : std::as_const(m_tracked))
        if (auto v = readVehicle(id.toStdString())) {
            m_seenVehicles[id] = true;
            // Read after every slice the link steps (a simulated second up to ×20), so the time a spell began is
            // that exact; every report says it (a console that starts or joins mid-spell then knows since when, as
            // from an AVL unit's status time).
            Spell &spell = m_spells[id];
            if (spell.sinceMs < 0 || spell.parked != v->parked)
                spell = {v->parked, m_steppedToMs};
            v->sinceMs = spell.sinceMs;
            m_vehicles.push_back(std::move(*v));
        }
}

Status SumoPlant::addEmergencyVehicle(const QString &id, const QStringList &edges, std::int64_t departMs, RouteEnd end)
{
    if (!m_failure.isEmpty())
        return makeError(m_failure);
    if (!validVehicleId(id))
        return makeError(QStringLiteral("\"%1\" is not a call sign").arg(id));
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        ensureEmergencyType();
        // A route of its own name each time: SUMO keeps a route it was given for as long as it runs, so one named
        // after the vehicle would refuse the call sign for good once SUMO refused the vehicle after its route.
        const std::string routeId = "route-" + id.toStdString() + "-" + std::to_string(++m_routesAdded);
        libtraci::Route::add(routeId, toStd(edges));
        libtraci::Vehicle::add(id.toStdString(), routeId, kEmergencyType, QString::number(sumoSeconds(departMs), 'f', 1).toStdString());
        if (end == RouteEnd::Parks && !edges.isEmpty()) {
            // Added whole or not at all: a vehicle that cannot park where it is going is taken out again.
            const std::string last = edges.last().toStdString();
            const int lane = stoppingLane(last);
            if (lane < 0) {
                libtraci::Vehicle::remove(id.toStdString());
                return makeError(QStringLiteral("%1 may not stop on the last road of its route").arg(id));
            }
            try {
                const double laneLengthM = libtraci::Lane::getLength(last + "_" + std::to_string(lane));
                libtraci::Vehicle::setStop(id.toStdString(), last,
                                           parkingPositionM({size_t(edges.size()), laneLengthM, -1, 0, endsAtSignal(last)}), lane,
                                           kParkedS, libsumo::STOP_PARKING);
            } catch (const libsumo::TraCIException &) {
                libtraci::Vehicle::remove(id.toStdString());
                throw;
            }
        }
    } catch (const libsumo::TraCIException &e) {
        return makeError(QStringLiteral("SUMO refused the vehicle: %1").arg(QString::fromStdString(e.what())));
    } catch (const std::exception &e) {
        return makeError(died("adding a vehicle", e));
    }
    m_seenVehicles.insert(id, false);
    m_tracked << id;
    return Ok{};
}

std::optional<VehicleFix> SumoPlant::vehicleFix(const QString &id)
{
    if (!m_failure.isEmpty())
        return std::nullopt;
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        const std::int64_t nowMs = m_startMs + std::llround((libtraci::Simulation::getTime() - m_beginS) * 1000.0);
        const auto v = readVehicle(id.toStdString());
        if (!v) {
            if (!m_seenVehicles.value(id))
                return std::nullopt;   // still waiting to enter
            VehicleFix gone;
            gone.timeMs = nowMs;
            gone.arrived = true;   // it has left the network: its trip is over
            return gone;
        }
        m_seenVehicles[id] = true;
        return fixOf(*v, nowMs);
    } catch (const libsumo::TraCIException &) {
        return std::nullopt;
    } catch (const std::exception &e) {
        died("following a vehicle", e);
        return std::nullopt;
    }
}

Result<PlannedRoute> SumoPlant::planRoute(const QString &vehicle, GeoPoint destination)
{
    if (!m_failure.isEmpty())
        return makeError(m_failure);
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        const std::string id = vehicle.toStdString();
        if (!m_tracked.contains(vehicle))
            return makeError(QStringLiteral("%1 is not a tracked vehicle").arg(vehicle));
        std::string from;
        try {
            from = libtraci::Vehicle::getRoadID(id);
            if (!from.empty() && from.front() == ':') {   // inside a junction: from the road it is about to take
                const auto route = libtraci::Vehicle::getRoute(id);
                const int index = libtraci::Vehicle::getRouteIndex(id);
                from = index + 1 < int(route.size()) ? route[size_t(index + 1)] : std::string();
            }
        } catch (const libsumo::TraCIException &) {
        }
        if (from.empty())
            return makeError(QStringLiteral("%1 is not on the road network now").arg(vehicle));
        libsumo::TraCIRoadPosition to;
        try {
            to = libtraci::Simulation::convertRoad(destination.lon, destination.lat, true, "emergency");
        } catch (const libsumo::TraCIException &) {
            return makeError(QStringLiteral("no road near that place"));
        }
        const libsumo::TraCIStage stage = libtraci::Simulation::findRoute(from, to.edgeID, kEmergencyType);
        if (stage.edges.empty())
            return makeError(QStringLiteral("no way for %1 from where it is to that road").arg(vehicle));
        PlannedRoute plan;
        plan.vehicle = vehicle;
        // Distances from where it stands on its first road (a parked vehicle has no lane position: its stop's).
        double onFirst = libtraci::Vehicle::getLanePosition(id);
        if (onFirst < 0) {
            const std::vector<libsumo::TraCINextStopData> stop = libtraci::Vehicle::getStops(id, 1);
            onFirst = !stop.empty() && splitLaneId(stop.front().lane).edge == stage.edges.front()
                          ? stop.front().endPos
                          : libtraci::Lane::getLength(stage.edges.front() + "_0") - kParkBeforeEndM;
        }
        // Where it will park on its last road: near the place asked for (parkingPositionM), on a lane it may stop on —
        // said now, before a supervisor approves a wave for a send that would be refused.
        const std::string &last = stage.edges.back();
        const int lane = stoppingLane(last);
        if (lane < 0)
            return makeError(QStringLiteral("%1 may not stop on the road nearest that place: choose a place on another").arg(vehicle));
        const double lastLengthM = libtraci::Lane::getLength(last + "_" + std::to_string(lane));
        plan.parkAtM = parkingPositionM({stage.edges.size(), lastLengthM, to.pos, onFirst, endsAtSignal(last)});
        const double parkedShare = plan.parkAtM / std::max(1.0, lastLengthM);
        // Drawn from where the vehicle is: of its first road only what lies ahead of it; of its last, up to where it parks.
        const libsumo::TraCIPosition xy = libtraci::Vehicle::getPosition(id);
        const libsumo::TraCIPosition at = libtraci::Simulation::convertGeo(xy.x, xy.y);
        plan.line.push_back({at.x, at.y});
        for (size_t i = 0; i < stage.edges.size(); ++i) {
            plan.edges << QString::fromStdString(stage.edges[i]);
            const GeoLine line = i + 1 == stage.edges.size() ? lineUpTo(edgeLine(stage.edges[i]), parkedShare) : edgeLine(stage.edges[i]);
            if (i == 0 && !line.empty())
                plan.line.push_back(line.back());
            else
                plan.line.insert(plan.line.end(), line.begin(), line.end());
        }
        plan.line = thinned(std::move(plan.line), kMaxRoutePoints);
        plan.signals = signalsOn(stage.edges, onFirst);
        plan.lengthM = stage.length;
        plan.travelS = stage.travelTime;
        plan.destination = plan.line.empty() ? destination : plan.line.back();
        return plan;
    } catch (const libsumo::TraCIException &e) {
        return makeError(QStringLiteral("SUMO could not plan the route: %1").arg(QString::fromStdString(e.what())));
    } catch (const std::exception &e) {
        return makeError(died("planning a route", e));
    }
}

Status SumoPlant::sendRoute(const PlannedRoute &plan)
{
    if (!m_failure.isEmpty())
        return makeError(m_failure);
    if (plan.edges.isEmpty())
        return makeError(QStringLiteral("an empty route"));
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        const std::string id = plan.vehicle.toStdString();
        if (!m_tracked.contains(plan.vehicle))
            return makeError(QStringLiteral("%1 is not a tracked vehicle").arg(plan.vehicle));
        const bool parked = (libtraci::Vehicle::getStopState(id) & 2) != 0;
        // It parks where the plan said (near the place asked for), else halfway along its last road (parkingPositionM),
        // on the first lane there that lets an emergency vehicle stop.
        const std::string last = plan.edges.last().toStdString();
        const int lane = stoppingLane(last);
        if (lane < 0)
            return makeError(QStringLiteral("%1 may not stop on the destination's road: choose a place on another").arg(plan.vehicle));
        const std::string laneId = last + "_" + std::to_string(lane);
        const double laneLengthM = libtraci::Lane::getLength(laneId);
        const double parkAtM = plan.parkAtM >= 0 ? std::clamp(plan.parkAtM, 1.0, std::max(1.0, laneLengthM - 1))
                                                 : parkingPositionM({size_t(plan.edges.size()), laneLengthM, -1, 0, false});
        // Still pulling in to its station (sent in its first seconds): that stop, still ahead of it, would hold it
        // there. It goes before the new route is set — removed afterwards, SUMO 1.15 leaves the vehicle standing at
        // the end of its road for good — and comes back should SUMO refuse the route.
        std::vector<libsumo::TraCINextStopData> station;
        if (!parked) {
            station = libtraci::Vehicle::getStops(id);
            for (size_t k = 0; k < station.size(); ++k)
                libtraci::Vehicle::replaceStop(id, 0, "");
        }
        try {
            // SUMO takes a new route only from the road the vehicle is on; the new stop before leaving the old one,
            // so that a refusal leaves it standing where it is.
            libtraci::Vehicle::setRoute(id, toStd(plan.edges));
            libtraci::Vehicle::setStop(id, last, parkAtM, lane, kParkedS, libsumo::STOP_PARKING);
        } catch (const libsumo::TraCIException &) {
            for (const libsumo::TraCINextStopData &stop : station) {
                const SumoLaneRef stopLane = splitLaneId(stop.lane);
                libtraci::Vehicle::setStop(id, stopLane.edge, stop.endPos, stopLane.index, kParkedS, libsumo::STOP_PARKING);
            }
            throw;
        }
        if (parked)
            libtraci::Vehicle::resume(id);
    } catch (const libsumo::TraCIException &e) {
        return makeError(QStringLiteral("%1 cannot take that route now (%2): plan it again").arg(plan.vehicle, QString::fromStdString(e.what())));
    } catch (const std::exception &e) {
        return makeError(died("sending a vehicle", e));
    }
    qCInfo(lcSim).noquote() << plan.vehicle << "sent on a route of" << plan.edges.size() << "roads";
    return Ok{};
}

} // namespace cityops
