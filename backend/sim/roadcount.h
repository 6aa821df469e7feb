#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <cstdint>
#include <map>
#include <vector>

namespace cityops {

/// Sums the vehicles a traffic simulation reports into the city's roads' picture (RoadTrafficPayload). A two-way
/// street is one road of the city but two queues: what stands is judged per direction, so two short queues facing
/// each other do not add up to one long one.
class RoadCounter
{
public:
    explicit RoadCounter(const CityModel &city) : m_city(city) {}

    /// One vehicle on `road` (an index into the city's roads), driving against the road's drawn direction when
    /// `reverse` (SUMO's "-X"), on an edge of `edgeLanes` lanes, at `speedMps`. Out-of-range roads are ignored.
    void add(std::uint32_t road, bool reverse, int edgeLanes, double speedMps);

    /// The picture: every road with vehicles on it, in road order. `halting` is the direction where the longest line
    /// stands, as many as would stand that long on the road's lanes (CityModel's `lanes`, one direction's): the figure
    /// roadLevel() judges; `standsAt` the end that direction drives toward. The busiest kMaxRoadsReported roads when
    /// more carry vehicles.
    std::vector<RoadTraffic> picture() const;

private:
    struct Direction {
        int vehicles = 0;
        int halting = 0;
        int lanes = 1;
    };
    struct Sum {
        Direction way[2];   // [0] along the road as drawn, [1] against it
        double speedSum = 0;
    };
    const CityModel &m_city;
    std::map<std::uint32_t, Sum> m_roads;
};

} // namespace cityops
