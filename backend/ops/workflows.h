#pragma once

#include "city/citymodel.h"
#include "state/statestore.h"
#include "ops/opsrequest.h"

#include <vector>

namespace cityops {

// The named workflows of ARCHITECTURE §6, as planners: each turns an operator's choice into an OrderSpec, which the
// console previews and the dispatcher carries out like any order (approval, reservation, per-target results,
// cancel, restore).
namespace workflows {

/// Flash the given intersections; when a controller confirms, a field-work incident is raised and dispatched to
/// its district's responders.
OrderSpec flashAndDispatch(const CityModel &city, const std::vector<DeviceIndex> &signals);
/// Dim every streetlight of a district to `percent` (1-100).
OrderSpec dimDistrict(const CityModel &city, int district, int percent);
/// Shed the feeders one at a time, least critical first (highest priority number), each only after the previous
/// is confirmed; then, `holdMs` after the order was cleared, restore them most critical first.
OrderSpec shedFeeders(const CityModel &city, const std::vector<DeviceIndex> &feeders, std::int64_t holdMs);

/// A green wave for an emergency vehicle along `route` (a polyline the operator drew): the signals within
/// `corridorMetres` of it, in the order the vehicle meets them, each held shortly before the vehicle arrives at
/// `speedKmh` on the phase serving the movement the route makes there (phaseForMovement), and released once it has
/// passed. A signal whose package does not say which links arrive from where is held on its main green.
struct GreenWavePlan {
    OrderSpec spec;
    std::vector<DeviceIndex> signals;          ///< in the order the vehicle meets them
    std::vector<double> distancesMetres;       ///< along the route
    std::vector<bool> byMovement;              ///< per signal: the phase serves the route's movement (else main green)
};
GreenWavePlan greenWave(const CityModel &city, const StateStore &states, const std::vector<GeoPoint> &route,
                        double speedKmh = 50.0, double corridorMetres = 40.0);
/// The phase of the program with the most green links (the main road's green): what a wave holds where the
/// movement is not known.
int mainGreenPhase(const SignalProgram &program);
/// The phase serving a vehicle that arrives at the signal heading `arrivingDeg` and leaves it heading `leavingDeg`
/// (degrees clockwise from north): of the links arriving within 45° of its heading — only those on SUMO edge
/// `fromEdge` when it is given (the road it comes in on, where two arrive the same way) — the one whose turn
/// (straight, left, right, U-turn) is the vehicle's, else the straight one from there; -1 when no link arrives that
/// way (or the package has no links) or no phase serves it.
int phaseForMovement(const SignalInfo &signal, const SignalProgram &program, double arrivingDeg, double leavingDeg,
                     const QString &fromEdge = {});
/// Of the roads whose traffic arrives at `signal` heading within 45° of `arrivingDeg`, the SUMO edge of the one a
/// route comes in along: the nearest to `approach` (points of the route's last stretch before the signal), by at
/// least a metre. Empty when one road or none arrives that way, the package does not say which (no edges, roads
/// not found), or two are as near.
QString roadArrivedOn(const CityModel &city, const SignalInfo &signal, double arrivingDeg, const std::vector<GeoPoint> &approach);

} // namespace workflows
} // namespace cityops
