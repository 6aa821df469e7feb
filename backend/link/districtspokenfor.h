#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <optional>

namespace cityops {

/// The district a gateway's field event speaks for, which a gateway bound to districts must serve (docs/PROTOCOL.md,
/// "A gateway may be bound to districts"): a raised incident's own district, or its position's when it names none; a
/// vehicle's where it is now (it crosses districts). None for what any gateway may say: a clear (its raiser is checked
/// instead), and road traffic (one picture of the whole city, from the traffic simulation).
inline std::optional<int> districtSpokenFor(const CityModel &city, const Event &event)
{
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload))
        return raised->district >= 0 ? raised->district : city.responsibleDistrict(raised->position);
    if (const auto *vehicle = std::get_if<VehiclePayload>(&event.payload))
        return city.responsibleDistrict(vehicle->position);
    return std::nullopt;
}

} // namespace cityops
