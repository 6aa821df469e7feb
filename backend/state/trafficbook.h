#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace cityops {

/// The latest traffic measured on each signal's approaches (queues, vehicles, occupancy — in co-simulation, SUMO's
/// counts on the approaches' lanes) and on the city's roads, fed by the sequencer. A signal that goes silent loses
/// its figures: a queue nobody measures any more is not shown as if it were current. Roads are a picture of the whole
/// city at once, replaced by each report; readers judge its age (kRoadTrafficStaleMs).
///
/// Not part of store snapshots: the figures are measurements repeated every few seconds; a replay that restores a
/// snapshot reads back the 30 s of reports before it (StoreReader::readMeasurements).
class TrafficBook {
public:
    explicit TrafficBook(std::shared_ptr<const CityModel> city);

    struct Signal {
        std::int64_t timeMs = 0;                    ///< when measured; 0: nothing known
        std::vector<ApproachTraffic> approaches;    ///< as reported, by approach index
    };
    struct Roads {
        std::int64_t timeMs = 0;           ///< when measured; 0: nothing known
        std::vector<RoadTraffic> roads;    ///< the roads with vehicles on them (roads of this city only)
        /// The districts (by index, ascending) whose roads nobody counts: unknown, not empty (RoadTrafficPayload).
        std::vector<std::uint16_t> uncounted;
        /// Of those, the districts whose gateway has just started: their first picture is awaited (not abnormal).
        std::vector<std::uint16_t> awaited;
        enum class Count { Counted, Awaited, NotCounted };
        /// What this picture says of district `district`'s roads.
        Count count(int district) const;
        /// Measured, and recently enough at `nowMs` to show as current (kRoadTrafficStaleMs).
        bool current(std::int64_t nowMs) const { return timeMs != 0 && nowMs - timeMs <= kRoadTrafficStaleMs; }
    };
    void apply(const std::vector<Event> &events);
    /// Copies the roads' figures and returns the version they are at (the same version as the signals').
    std::uint64_t snapshot(Roads &out) const;
    /// Copies every signal's figures (index: CityModel::signals) and returns the version they are at.
    std::uint64_t snapshot(std::vector<Signal> &out) const;
    /// Every signal's figures as the traffic events that would set them again (device, time measured), for the
    /// store to keep beside a snapshot: approaches are reported only when they change.
    std::vector<Event> approachReports() const;
    std::uint64_t version() const;
    void clear();

private:
    std::shared_ptr<const CityModel> m_city;
    std::vector<size_t> m_approachCount;   ///< per signal: how many approaches it has (signalApproaches)
    mutable std::mutex m_mutex;
    std::vector<Signal> m_signals;
    Roads m_roads;
    std::uint64_t m_version = 0;
};

} // namespace cityops
