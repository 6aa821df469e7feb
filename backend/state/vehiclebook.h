#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace cityops {

/// The tracked vehicles (the emergency fleet's location feed) as last reported, fed by the sequencer. A vehicle
/// that has said nothing for kSilentMs is dropped: a position nobody reports any more is not shown as if it were
/// current. Signals ahead that this city does not have are dropped on the way in (the store's rows are not checked
/// against the city as the wire's are).
///
/// Not part of store snapshots: positions repeat every second or few; a replay that restores a snapshot reads back
/// the 30 s of reports before it (StoreReader::readMeasurements).
class VehicleBook {
public:
    static constexpr std::int64_t kSilentMs = 30'000;
    static constexpr int kMaxVehicles = 256;   ///< more call signs than any city's emergency fleet: the rest ignored

    explicit VehicleBook(std::shared_ptr<const CityModel> city);

    struct Vehicle {
        std::int64_t timeMs = 0;   ///< when reported (as sequenced: no earlier than the event before it)
        std::uint64_t reports = 0; ///< how many reports of it the book has taken: a new one is a new number (times may repeat)
        /// When its present spell (parked, or on its way) began: as the source says (VehiclePayload::sinceMs, if it
        /// lies after the report before and not after this one), else the time of the first report that said so;
        /// -1 while it is as it was when the book first heard of it and the source has not said since when.
        std::int64_t spellSinceMs = -1;
        /// Its stands on the way (StandCounter) over every report the book has taken of it, whichever of them a
        /// reader of the book sees.
        StandCounter stands;
        VehiclePayload report;
    };
    void apply(const std::vector<Event> &events);
    /// Copies the vehicles (ordered by call sign) and returns the version they are at.
    std::uint64_t snapshot(std::vector<Vehicle> &out) const;
    std::uint64_t version() const;
    /// One vehicle, if it is tracked.
    bool find(const QString &id, Vehicle *out) const;
    void clear();

private:
    void dropSilent(std::int64_t nowMs);

    std::shared_ptr<const CityModel> m_city;
    mutable std::mutex m_mutex;
    std::vector<Vehicle> m_vehicles;   ///< ordered by call sign
    std::uint64_t m_version = 0;
};

} // namespace cityops
