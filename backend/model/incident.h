#pragma once

#include "model/device.h"
#include "model/geo.h"

#include <QString>

#include <cstdint>

namespace cityops {

using IncidentId = std::uint32_t;

enum class IncidentKind : std::uint8_t { Collision, SignalFault, LampOutage, FeederOverload };
enum class IncidentSeverity : std::uint8_t { Info, Minor, Major, Critical };
/// Lifecycle (ARCHITECTURE §7). The skeleton's simulator raises incidents and reports when the field condition
/// clears; the operator-driven transitions arrive with the dispatch work.
enum class IncidentState : std::uint8_t { New, Acknowledged, Dispatched, OnScene, Resolved, Closed, Cancelled, Merged };

struct Incident {
    IncidentId id = 0;
    IncidentKind kind = IncidentKind::Collision;
    IncidentSeverity severity = IncidentSeverity::Minor;
    IncidentState state = IncidentState::New;
    GeoPoint position;
    int district = -1;              ///< index into CityModel::districts, -1 outside every district
    int road = -1;                  ///< index into CityModel::roads, -1 when not on a road
    DeviceIndex device = kNoDevice; ///< the linked device, if the incident comes from one
    std::int64_t raisedMs = 0;
    std::int64_t resolvedMs = 0;    ///< 0 while open
    std::uint64_t version = 0;      ///< IncidentBook version of the last change

    bool isOpen() const { return state != IncidentState::Resolved && state != IncidentState::Closed
                                 && state != IncidentState::Cancelled && state != IncidentState::Merged; }
};

QString incidentKindName(IncidentKind kind);       ///< stable English key
QString incidentSeverityName(IncidentSeverity s);  ///< stable English key
QString incidentStateName(IncidentState s);        ///< stable English key

} // namespace cityops
