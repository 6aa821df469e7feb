#pragma once

#include <cstddef>

namespace cityops {

/// The last road of a route a vehicle is sent on, and the place on it the vehicle was sent to.
struct ParkingRoad {
    std::size_t roads = 0;      ///< roads on the route; 1: the road the vehicle is on
    double laneLengthM = 0;     ///< the lane it parks on
    double wantedM = -1;        ///< the point of that road nearest the place asked for; negative when not said
    double fromM = 0;           ///< a one-road route: where the vehicle stands on it now
    bool endsAtSignal = false;  ///< the junction at its far end is signalised
};

/// Short of a signal's stop line a parked vehicle keeps this far: sent again from there, it covers that from a
/// standing start in about 5 s — what the signal's pre-emption needs (the command, its 3-s yellow). Parked 5 m
/// short, the vehicle met that signal still red.
constexpr double kClearOfSignalAheadM = 40;
/// Clear of a junction without a signal (ahead, or the one it came through) a parked vehicle keeps this far.
constexpr double kClearOfJunctionM = 10;
/// Sent along the one road it is on, a vehicle parks this far before its end ...
constexpr double kParkBeforeEndM = 5;
/// ... or at the place, if that lies at least this far ahead of it.
constexpr double kParkAheadM = 10;

/// Where along its last road the vehicle parks, in metres from the road's start: at the point nearest the place
/// asked for, kept kClearOfSignalAheadM short of a signal ahead and kClearOfJunctionM clear of any other junction
/// ahead and of the one behind. On a road too short for both: into a signal, kClearOfJunctionM from its start (as far
/// from the signal as the junction behind allows; halfway on one under twice that), else halfway; halfway too when
/// no place was said. On a route that is just the road it is on: at the place if it lies ahead, else the road's end.
double parkingPositionM(const ParkingRoad &road);

} // namespace cityops
