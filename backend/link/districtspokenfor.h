#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <optional>
#include <vector>

namespace cityops {

/// The district a gateway's field event speaks for, which a gateway bound to districts must serve (docs/PROTOCOL.md,
/// "A gateway may be bound to districts"): a raised incident's own district, or its position's when it names none; a
/// vehicle's where it is now (it crosses districts). None for what any gateway may say: a clear (its raiser is checked
/// instead), and a roads picture (each road in it speaks for its own district: roadDistricts, RoadPictureMerge).
inline std::optional<int> districtSpokenFor(const CityModel &city, const Event &event)
{
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload))
        return raised->district >= 0 ? raised->district : city.responsibleDistrict(raised->position);
    if (const auto *vehicle = std::get_if<VehiclePayload>(&event.payload))
        return city.responsibleDistrict(vehicle->position);
    return std::nullopt;
}

/// Each road's district (index: CityModel::roads): the one answerable for the point halfway along it, so a street on
/// a district's border belongs to one side, the same on the gateway that reports it and the console that takes it.
inline std::vector<int> roadDistricts(const CityModel &city)
{
    std::vector<int> out;
    out.reserve(city.roads.size());
    for (const Road &road : city.roads) {
        const GeoLine half = lineUpTo(road.line, 0.5);
        out.push_back(half.empty() ? -1 : city.responsibleDistrict(half.back()));
    }
    return out;
}

} // namespace cityops
