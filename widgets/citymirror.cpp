#include "citymirror.h"

#include "labels.h"
#include "map/mapviewport.h"

namespace cityops {

CityMirror::CityMirror(std::shared_ptr<const CityModel> city) : m_city(std::move(city))
{
    rules = m_city->rules;
    states.resize(m_city->devices.size());
    m_deviceWorld.reserve(m_city->devices.size());
    for (const DeviceInfo &d : m_city->devices)
        m_deviceWorld.push_back(MapViewport::project(d.position));
    m_grid.build(m_deviceWorld);
    m_roadShapes.reserve(m_city->roads.size());
    for (const Road &road : m_city->roads) {
        RoadShape &shape = m_roadShapes.emplace_back();
        for (size_t i = 0; i < road.line.size(); ++i) {
            shape.world << MapViewport::project(road.line[i]);
            if (i > 0)
                shape.lengthM += distanceMetres(road.line[i - 1], road.line[i]);
        }
        // Widened a hair: a straight east-west or north-south road has no height or width, and an empty rectangle
        // intersects nothing (the layers cull by it).
        shape.bounds = shape.world.boundingRect().adjusted(-1e-9, -1e-9, 1e-9, 1e-9);
        if (road.line.size() < 2)
            continue;
        QPainterPath &path = m_roadPaths[static_cast<int>(road.cls)];
        path.moveTo(MapViewport::project(road.line.front()));
        for (size_t i = 1; i < road.line.size(); ++i)
            path.lineTo(MapViewport::project(road.line[i]));
    }
    for (const District &d : m_city->districts) {
        QPolygonF poly;
        QPointF sum;
        for (const GeoPoint &p : d.ring) {
            poly << MapViewport::project(p);
            sum += poly.back();
        }
        m_districts.push_back(poly);
        m_districtLabels.push_back(poly.isEmpty() ? QPointF() : sum / poly.size());
    }
    for (const SignalInfo &signal : m_city->signals) {
        m_approaches.push_back(signalApproaches(signal));
        m_approachRoads.push_back(m_city->approachRoads(signal, m_approaches.back()));
    }
}

std::uint32_t vehicleKey(const QString &callSign) { return static_cast<std::uint32_t>(qHash(callSign, 0x5eed)); }

const VehicleBook::Vehicle *CityMirror::vehicle(std::uint32_t key) const
{
    for (const VehicleBook::Vehicle &v : vehicles)
        if (vehicleKey(v.report.id) == key)
            return &v;
    return nullptr;
}

QString CityMirror::place(DeviceIndex device) const
{
    auto it = m_places.constFind(device);
    if (it == m_places.cend())
        it = m_places.insert(device, Labels::place(*m_city, device));
    return it.value();
}

QString CityMirror::deviceName(DeviceIndex device) const
{
    return device < m_city->devices.size() ? Labels::deviceWithPlace(m_city->devices[device].id, place(device)) : QString();
}

const Incident *CityMirror::incident(IncidentId id) const
{
    for (const Incident &i : incidents)
        if (i.id == id)
            return &i;
    return nullptr;
}

QString CityMirror::signalState(DeviceIndex device) const
{
    if (device >= m_city->devices.size() || m_city->devices[device].kind != DeviceKind::SignalController)
        return {};
    const SignalInfo &info = m_city->signals[m_city->devices[device].detail];
    const DeviceState &s = states[device];
    if (s.program >= info.programs.size())
        return {};
    const SignalProgram &program = info.programs[s.program];
    return s.phase < program.phases.size() ? program.phases[s.phase].state : QString();
}

} // namespace cityops
