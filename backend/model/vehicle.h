#pragma once

#include "model/geo.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cityops {

/// One signal still ahead of a tracked vehicle (an emergency vehicle's location feed): the link (movement) it will
/// use there and the distance to that signal's stop line.
struct SignalAhead {
    std::uint32_t signal = 0;   ///< index into CityModel::signals
    int linkIndex = 0;
    double distanceM = 0;
    bool operator==(const SignalAhead &) const = default;
};

/// When a tracked vehicle has come to a stand: below kStandingMps (SUMO counts a vehicle as waiting below 0.1 m/s)
/// after moving; it has moved off again once above kMovingMps, so creeping forward in a queue is one stand, not many.
/// Parking is the end of a trip, not a stand on it. Fed a vehicle's reports in order.
class StandCounter {
public:
    static constexpr double kStandingMps = 0.1;
    static constexpr double kMovingMps = 2.0;
    /// Takes one report; true when it is a new stand.
    bool add(double speedMps, bool parked)
    {
        if (parked) {
            m_moving = false;
            return false;
        }
        if (m_moving && speedMps < kStandingMps) {
            m_moving = false;
            ++m_stands;
            return true;
        }
        if (speedMps >= kMovingMps)
            m_moving = true;
        return false;
    }
    std::uint32_t stands() const { return m_stands; }

private:
    bool m_moving = false;
    std::uint32_t m_stands = 0;
};

/// Where a tracked vehicle is now.
struct VehicleFix {
    std::int64_t timeMs = 0;
    double speedMps = 0;
    std::vector<SignalAhead> ahead;   ///< in the order it meets them
    int queueAhead = 0;               ///< vehicles standing between it and the first signal ahead
    bool arrived = false;
    /// When the vehicle's present spell (parked, or on its way) began, as the reports it came from say: the first
    /// report that said so. -1 when not known (it was already so when first reported). A follower fed only some of
    /// the reports (the console's picture skips some under load) still knows when the vehicle set off or parked.
    std::int64_t spellSinceMs = -1;
    /// The stands it had come to by this report, as counted over all its reports (StandCounter); -1 when not known.
    std::int64_t standsSoFar = -1;
};

/// A route planned for a tracked vehicle (in co-simulation SUMO's router on the city's network): shown to the
/// operator before it is sent, then sent to the vehicle as it is.
struct PlannedRoute {
    QString vehicle;
    QStringList edges;                ///< the road network's edges, from the one the vehicle is on
    GeoLine line;                     ///< its shape, to draw
    std::vector<SignalAhead> signals; ///< the signals it crosses, with the link it uses and the distance from the start
    double lengthM = 0;
    double travelS = 0;               ///< the router's estimate at the speeds on the roads now
    GeoPoint destination;             ///< where it parks
    /// Where along its last edge it parks, in metres from the edge's start: the point nearest the place asked for,
    /// kept clear of the junctions at its ends, 40 m of a signal ahead (parkingPositionM). -1 when not said (a
    /// gateway's plan or a console's send from before it was said): the gateway parks it halfway along that edge (a
    /// one-edge route: at its end).
    double parkAtM = -1;
};

} // namespace cityops
