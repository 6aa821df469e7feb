#pragma once

#include "base/result.h"

#include <QByteArray>

#include <cstdint>
#include <optional>

#include <string>
#include <vector>

namespace cityops {

/// The city's day of traffic, repeated for as long as SUMO runs. SUMO reads its demand file once, at start; that
/// file holds the first days (trafficfiles::extract), and a console that runs on past them — a control room's runs
/// for weeks — would see its roads empty out. So from `firstDay` on, SUMO's plant adds each day's vehicles itself
/// through TraCI, a little ahead of their departure, renamed for their day as the file does ("d2.<id>").
///
/// Repeated: trips from one road to another (SUMO routes them as it inserts them, as it does a file's trips; one
/// through `via` roads or with stops the plant routes as it adds it, through those roads as SUMO would), vehicles on
/// a route of their own or named in the file, and flows of either whose vehicles all depart within the day (as their
/// vehicles, "<flow>.<i>", at the times SUMO would give them: FlowSchedule), with their stops on lanes. People who
/// walk (along roads, or from one road to another: the way found as they are added) and wait where they are, from
/// the file's second day on (the file carries people on its first day only: a ride names that day's vehicles). Not
/// repeated, and counted so the plant can say so: people who ride or wait at a stopping place, trips between zones
/// or junctions, stops at stopping places (bus stops, parking areas) or waiting for a trigger, departures that are
/// not a time, flows that run past midnight. A flow without an end is neither: SUMO keeps adding its vehicles by
/// itself.
class DemandRepeat {
public:
    /// A stop on a lane of the vehicle's route, as SUMO's `<stop lane=…>` gives it (no stopping places: the city
    /// package carries no additional file to define them).
    struct Stop {
        std::string edge;
        int laneIndex = 0;
        std::optional<double> endPosM, startPosM;   ///< absent: SUMO's default (the lane's end); negative: from its end
        std::optional<double> durationS;
        std::optional<double> untilS;               ///< in its day, seconds since midnight
        bool parking = false;                       ///< off the road while it stands
    };
    struct Vehicle {
        double departS = 0;                  ///< in its day, seconds since midnight (a flow's: see its departures)
        std::string id;                      ///< a flow's own: its vehicles are "<id>.<i>"
        std::vector<std::string> edges;      ///< from and to (a trip), or the route's edges; empty: `route` names one
        std::string route;                   ///< a route the file defines
        bool trip = false;                   ///< `edges` are a trip's from and to: SUMO finds the way between them
        std::vector<std::string> via;        ///< a trip's roads to pass on the way, in order
        std::string type = "DEFAULT_VEHTYPE";
        std::string departLane = "first", departPos = "base", departSpeed = "0";
        std::string arrivalLane = "current", arrivalPos = "max", arrivalSpeed = "current";
        std::vector<Stop> stops;
        /// The roads a trip must be routed through, as SUMO routes a trip it reads: its `via`, or without one its
        /// stops' roads in order (none for a vehicle with a route, or a trip with neither).
        std::vector<std::string> routedThrough() const;
    };
    /// A step of a person's day as TraCI can add it: a walk — along its roads, or (`routed`) from one road to
    /// another, the way found when the person is added, as SUMO finds it for a walk or a trip on foot it reads —
    /// or a wait where the person stands.
    struct PersonStage {
        enum class Kind { Walk, Wait };
        Kind kind = Kind::Walk;
        std::vector<std::string> edges;      ///< a walk's roads, or its from and to when routed; a wait's road
        bool routed = false;
        std::optional<double> arrivalPosM;   ///< absent: SUMO's default (the middle of its last road); negative: from its end
        std::optional<double> speedMps;
        std::optional<double> durationS;     ///< a walk's own time, or how long a wait lasts
    };
    struct Person {
        double departS = 0;                  ///< in its day
        std::string id;
        std::string type = "DEFAULT_PEDTYPE";
        double departPosM = 0;               ///< along its first road (SUMO's default: its start)
        std::vector<PersonStage> stages;     ///< at least one; the first road is where it appears
    };
    /// One vehicle or person to add: its day's name and its departure in SUMO's time (seconds since the first
    /// day's midnight).
    struct Due {
        const Vehicle *vehicle = nullptr;    ///< null for a person
        std::string id;
        double departS = 0;
        const Person *person = nullptr;
    };

    /// Reads a day of demand (a SUMO route file, as a city package stores it); fails with a sentence when it is not one.
    static Result<DemandRepeat> fromDay(const QByteArray &routeFile, int firstDay);

    /// The vehicles of the days from firstDay() on that depart after `afterS` and up to `untilS` (SUMO's time), in
    /// departure order.
    std::vector<Due> due(double afterS, double untilS) const;
    int firstDay() const { return m_firstDay; }
    /// Vehicles of the day that are repeated, people, and the elements that are not.
    int repeated() const { return static_cast<int>(m_departures.size()); }
    int repeatedPeople() const { return static_cast<int>(m_people.size()); }
    /// The file's days carry people on the first only: they are added from this day on.
    static constexpr int kFirstPeopleDay = 1;
    int notRepeated() const { return m_notRepeated; }
    /// Flows without an end: SUMO keeps adding their vehicles by itself, day after day.
    int runOn() const { return m_runOn; }

    static constexpr double kDayS = 86400;

private:
    struct Departure {
        double departS = 0;          ///< in its day
        std::uint32_t vehicle = 0;   ///< index into m_vehicles
        std::int32_t flowIndex = -1; ///< the flow's i-th vehicle; -1: a vehicle of its own
    };
    std::vector<Vehicle> m_vehicles;       ///< as read (a flow once)
    std::vector<Departure> m_departures;   ///< by departure
    std::vector<Person> m_people;          ///< by departure
    int m_firstDay = 0;
    int m_notRepeated = 0;
    int m_runOn = 0;
};

} // namespace cityops
