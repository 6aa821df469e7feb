#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace cityops {

/// Puts the gateways' road pictures together into the one picture of the city's roads the console keeps
/// (TrafficBook, docs/PROTOCOL.md "Road traffic"). A gateway bound to districts (MqttLinkOptions::gatewayDistricts)
/// speaks for its districts' roads only — the rest of its picture is dropped — and a district's roads come from the
/// last picture of a gateway bound to it; the roads of districts no such gateway covers come from the last picture of a
/// gateway serving the whole city. A picture older than kRoadTrafficStaleMs (on the console's clock: its gateway
/// stopped counting, or is gone) no longer speaks for anything. With one gateway, or none bound, the last picture is
/// the picture, as before. When a gateway bound to districts speaks, the districts nobody speaks for (their gateway
/// is gone or counts no traffic, and no whole-city picture stands in) are named uncounted: their roads are unknown,
/// not empty; a gateway gone (its goodbye, or its heartbeat missed) stops speaking at once. A district whose gateway
/// runs but has not sent its first picture yet (kRoadPictureAwaitedMs) is named uncounted and awaited: unknown for
/// a moment after a start, which is not the same as a gateway gone. Used on the link's network thread only.
class RoadPictureMerge {
public:
    explicit RoadPictureMerge(std::shared_ptr<const CityModel> city);

    /// Gateway `gateway`'s picture, received at `nowMs`; `served` its districts (by district index; empty: the
    /// whole city). Returns the city's picture as it stands now, by road index, with its uncounted districts.
    RoadTrafficPayload take(int gateway, const std::vector<bool> &served, std::vector<RoadTraffic> roads, std::int64_t nowMs);
    /// Gateway `gateway` is gone: its picture speaks for nothing from now, not only once it is too old. Returns the
    /// city's picture without it, or nothing when it had none.
    std::optional<RoadTrafficPayload> forget(int gateway, std::int64_t nowMs);
    /// Gateway `gateway` (serving `served`, as for take) is known to run from `nowMs` — it started, came back, or the
    /// console has just met it — and has no picture standing: its first is awaited for kRoadPictureAwaitedMs. Returns
    /// the city's picture when that changes what it says of a district, else nothing.
    std::optional<RoadTrafficPayload> expect(int gateway, const std::vector<bool> &served, std::int64_t nowMs);
    /// Called every second or so: when a wait for a first picture has ended at `nowMs` without one, returns the
    /// city's picture with its districts not counted (rather than waiting for the next picture to say so).
    std::optional<RoadTrafficPayload> expire(std::int64_t nowMs);

private:
    struct Part {
        std::vector<bool> served;
        std::vector<RoadTraffic> roads;
        std::int64_t receivedMs = 0;
    };
    struct Awaited {
        std::vector<bool> served;
        std::int64_t sinceMs = 0;
    };
    template<typename Entry>
    bool covers(const Entry &entry, int district) const;
    void dropStale(std::int64_t nowMs);   ///< parts older than kRoadTrafficStaleMs speak for nothing, and waits end
    RoadTrafficPayload picture() const;   ///< the parts put together
    std::vector<std::uint16_t> awaitedNow() const;   ///< the districts the picture standing names awaited (none: no picture)
    /// The picture, when one stands and the districts it names awaited are not `awaitedBefore`.
    std::optional<RoadTrafficPayload> pictureIfAwaitedChanged(const std::vector<std::uint16_t> &awaitedBefore) const;

    std::shared_ptr<const CityModel> m_city;
    std::vector<int> m_roadDistrict;   ///< by road (roadDistricts)
    std::map<int, Part> m_parts;       ///< by gateway number
    std::map<int, Awaited> m_awaited;  ///< by gateway number: running, its first picture not in yet
};

} // namespace cityops
