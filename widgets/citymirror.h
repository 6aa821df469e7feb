#pragma once

#include "city/citymodel.h"
#include "map/devicegrid.h"
#include "model/device.h"
#include "model/incident.h"
#include "state/activitylog.h"
#include "state/alarmbook.h"
#include "state/orderbook.h"
#include "state/trafficbook.h"
#include "state/vehiclebook.h"

#include <QHash>
#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace cityops {

/// A vehicle's call sign as a selection id (a hash: a fleet is a handful of call signs).
std::uint32_t vehicleKey(const QString &callSign);

/// What the map is showing: the selected device, incident or emergency vehicle.
struct MapSelection {
    enum class Kind { None, Device, Incident, Vehicle };
    Kind kind = Kind::None;
    std::uint32_t id = 0;   ///< device index, incident id, or vehicleKey() of the call sign
    bool operator==(const MapSelection &) const = default;
};

/// Everything the map layers draw from, owned by the GUI thread: the city geometry projected once to normalised
/// Web Mercator, plus a mirror of live device states and incidents that LiveCity refreshes once per frame. Tests
/// fill the mirror directly.
class CityMirror {
public:
    explicit CityMirror(std::shared_ptr<const CityModel> city);

    const CityModel &city() const { return *m_city; }
    std::shared_ptr<const CityModel> cityPtr() const { return m_city; }
    const std::vector<QPointF> &deviceWorld() const { return m_deviceWorld; }
    const QPainterPath &roadPath(RoadClass cls) const { return m_roadPaths[static_cast<int>(cls)]; }
    /// One road's line (index: CityModel::roads), projected, with its bounds and length in metres.
    struct RoadShape {
        QPolygonF world;
        QRectF bounds;
        double lengthM = 0;
    };
    const RoadShape &roadShape(size_t road) const { return m_roadShapes[road]; }
    const std::vector<QPolygonF> &districtPolygons() const { return m_districts; }
    const std::vector<QPointF> &districtLabelPoints() const { return m_districtLabels; }
    /// Each signal's approaches (signalApproaches), by signal index: derived once, shared by the layers and Details.
    const std::vector<SignalApproach> &approaches(size_t signal) const { return m_approaches[signal]; }
    /// The road each approach's traffic arrives on (CityModel::approachRoads), by signal index: derived once.
    const std::vector<ApproachRoad> &approachRoads(size_t signal) const { return m_approachRoads[signal]; }
    /// Where a device is, in words (Labels::place), found once per device: lists ask for it on every paint. A copy
    /// (shared, not deep): a reference into the cache would not outlive the next device's first lookup.
    QString place(DeviceIndex device) const;
    /// A device as the lists name it: its place and its id (Labels::deviceWithPlace); empty for no such device.
    QString deviceName(DeviceIndex device) const;
    /// Devices by map cell, for hit-testing, picking and culling.
    const DeviceGrid &grid() const { return m_grid; }

    std::vector<DeviceState> states;    ///< indexed by device index
    std::vector<Incident> incidents;    ///< open and recently resolved
    std::vector<Alarm> alarms;          ///< the alarm list
    std::vector<Order> orders;          ///< the session's orders
    std::vector<std::pair<DeviceIndex, std::uint32_t>> reservations;   ///< device -> order holding it
    std::vector<OrderBook::ConsoleSeen> consoles;   ///< the other consoles of the keyring: on the broker, or gone since when
    std::vector<ActivityLog::Entry> journal;                          ///< who did what, oldest first
    std::vector<TrafficBook::Signal> traffic;   ///< per signal: its approaches' queues (co-simulation), may be empty
    TrafficBook::Roads roads;                   ///< the roads with vehicles on them (co-simulation), as last measured
    std::vector<VehicleBook::Vehicle> vehicles; ///< the tracked emergency vehicles
    PlannedRoute plannedRoute;                  ///< a route the operator is looking at before sending it (empty: none)
    MapSelection selection;
    ResponseRules rules;                ///< the city's response rules in force (Engine::responseRules)
    std::vector<DeviceIndex> picked;    ///< many devices picked with the rubber band or lasso (command targets)
    std::int64_t nowMs = 0;

    const Incident *incident(IncidentId id) const;
    /// The tracked vehicle whose call sign has this key (vehicleKey), or null when it is not tracked (any more).
    const VehicleBook::Vehicle *vehicle(std::uint32_t key) const;
    /// The state string a signal currently shows (its program's phase), or empty if unknown.
    QString signalState(DeviceIndex device) const;

private:
    std::shared_ptr<const CityModel> m_city;
    std::vector<QPointF> m_deviceWorld;
    std::array<QPainterPath, kRoadClassCount> m_roadPaths;
    std::vector<RoadShape> m_roadShapes;
    std::vector<QPolygonF> m_districts;
    std::vector<QPointF> m_districtLabels;
    std::vector<std::vector<SignalApproach>> m_approaches;
    std::vector<std::vector<ApproachRoad>> m_approachRoads;
    DeviceGrid m_grid;
    mutable QHash<DeviceIndex, QString> m_places;
};

} // namespace cityops
