#include "state/citybooks.h"

namespace cityops {

CityBooks::CityBooks(std::shared_ptr<const CityModel> city)
    : m_city(std::move(city)), m_states(m_city->devices.size()), m_loads(m_city), m_alarms(m_city), m_traffic(m_city), m_vehicles(m_city)
{
}

void CityBooks::apply(const std::vector<Event> &batch)
{
    m_states.apply(batch);
    m_incidents.apply(batch);
    m_loads.apply(batch);
    m_alarms.apply(batch);
    m_orders.apply(batch);
    m_activity.apply(batch);
    m_traffic.apply(batch);
    m_vehicles.apply(batch);
}

void CityBooks::applyMeasurements(const std::vector<Event> &batch)
{
    m_traffic.apply(batch);
    m_vehicles.apply(batch);
}

CityBooks::State CityBooks::exportState() const
{
    State s;
    s.states = m_states.exportStates();
    m_incidents.snapshot(s.incidents);
    s.loads = m_loads.exportState();
    s.alarms = m_alarms.exportState();
    s.orders = m_orders.exportState();
    return s;
}

void CityBooks::restore(const State &s, bool keepMeasurements)
{
    m_states.restore(s.states);
    m_incidents.restore(s.incidents);
    m_loads.restore(s.loads);
    m_alarms.restore(s.alarms);
    m_orders.restore(s.orders);
    if (keepMeasurements)
        return;
    m_traffic.clear();   // measurements: not in a snapshot (a replay reads them back, applyMeasurements)
    m_vehicles.clear();
}

CityBooks::State CityBooks::emptyState() const
{
    State s;
    s.states.assign(m_city->devices.size(), DeviceState{});
    s.loads = LoadHistory(m_city).exportState();
    return s;
}

} // namespace cityops
