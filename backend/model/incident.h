#pragma once

#include "model/device.h"
#include "model/geo.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cityops {

using IncidentId = std::uint32_t;

enum class IncidentKind : std::uint8_t {
    Collision, SignalFault, LampOutage, FeederOverload,
    Reported,      ///< reported by an operator (clicked on the map)
    FieldWork,     ///< a control action that needs people on site (e.g. an intersection put on flash)
    SignalsDark,   ///< signal cabinets without power: their feeder is open (raised by the console, feeder linked first)
};
constexpr std::uint8_t kIncidentKindMax = 6;
enum class IncidentSeverity : std::uint8_t { Info, Minor, Major, Critical };
/// Lifecycle (ARCHITECTURE §7): New → Acknowledged → Dispatched → On scene → Resolved → Closed, plus Cancelled and
/// Merged. The field may report a condition cleared (→ Resolved); everything else is done by people.
enum class IncidentState : std::uint8_t { New, Acknowledged, Dispatched, OnScene, Resolved, Closed, Cancelled, Merged };

/// Who moved an incident to which state, and when (every transition is kept).
struct IncidentStep {
    IncidentState state = IncidentState::New;
    std::int64_t timeMs = 0;
    QString user;        ///< empty: the field or the system
    QString text;
};

struct IncidentNote {
    std::int64_t timeMs = 0;
    QString user;
    QString text;
};

/// Incident ids allocated by the console (reported by hand, field work) start here, clear of the field's ids.
constexpr std::uint32_t kConsoleIncidentBase = 1'000'000'000u;

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
    std::int64_t ackByMs = 0;       ///< SLA: acknowledge by (0 = no deadline)
    std::int64_t onSceneByMs = 0;   ///< SLA: responders on scene by (0 = no deadline)
    QString acknowledgedBy;         ///< who acknowledged it (a responder may acknowledge a dispatch)
    std::int64_t acknowledgedMs = 0;
    bool ackOverdue = false;        ///< escalated: not acknowledged in time
    bool onSceneOverdue = false;    ///< escalated: nobody on scene in time
    IncidentId mergedInto = 0;
    std::vector<IncidentStep> history;
    std::vector<IncidentNote> notes;
    std::vector<DeviceIndex> linked;   ///< devices linked to it (the raising device first)

    bool escalated() const { return ackOverdue || onSceneOverdue; }
    /// The acknowledge-by deadline while it is still owed (nobody has acknowledged, nobody is on scene), else 0.
    std::int64_t ackDueMs() const
    {
        const bool owed = acknowledgedBy.isEmpty() && (state == IncidentState::New || state == IncidentState::Dispatched);
        return owed ? ackByMs : 0;
    }
    /// The on-scene-by deadline while nobody is on scene yet, else 0.
    std::int64_t onSceneDueMs() const
    {
        const bool owed = state == IncidentState::New || state == IncidentState::Acknowledged || state == IncidentState::Dispatched;
        return owed ? onSceneByMs : 0;
    }
    bool isOpen() const { return state != IncidentState::Resolved && state != IncidentState::Closed
                                 && state != IncidentState::Cancelled && state != IncidentState::Merged; }
};

QString incidentKindName(IncidentKind kind);       ///< stable English key
QString incidentSeverityName(IncidentSeverity s);  ///< stable English key
QString incidentStateName(IncidentState s);        ///< stable English key

/// SLA per severity (acknowledge-by, on-scene-by, from when the incident arose). 0 = no deadline.
struct SlaPolicy {
    std::int64_t ackWithinMs = 0;
    std::int64_t onSceneWithinMs = 0;
    bool operator==(const SlaPolicy &) const = default;
};
/// The response times used before a city could set its own, and still when it has not (ResponseRules).
SlaPolicy slaFor(IncidentSeverity severity);

} // namespace cityops
