#include "state/trafficbook.h"

#include <algorithm>

namespace cityops {

TrafficBook::TrafficBook(std::shared_ptr<const CityModel> city) : m_city(std::move(city)), m_signals(m_city->signals.size())
{
    for (const SignalInfo &signal : m_city->signals)
        m_approachCount.push_back(signalApproaches(signal).size());
}

void TrafficBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    for (const Event &e : events) {
        if (const auto *roads = std::get_if<RoadTrafficPayload>(&e.payload)) {
            m_roads.timeMs = e.timeMs;
            m_roads.roads.clear();
            for (const RoadTraffic &r : roads->roads)
                if (r.road < m_city->roads.size())
                    m_roads.roads.push_back(r);
            m_roads.uncounted.clear();
            for (const std::uint16_t d : roads->uncounted)
                if (d < m_city->districts.size())
                    m_roads.uncounted.push_back(d);
            m_roads.awaited.clear();
            for (const std::uint16_t d : roads->awaited)
                if (d < m_city->districts.size())
                    m_roads.awaited.push_back(d);
            ++m_version;
            continue;
        }
        if (e.device >= m_city->devices.size() || m_city->devices[e.device].kind != DeviceKind::SignalController)
            continue;
        const int signal = m_city->devices[e.device].detail;
        if (signal < 0 || signal >= int(m_signals.size()))
            continue;
        Signal &s = m_signals[size_t(signal)];
        if (const auto *traffic = std::get_if<TrafficPayload>(&e.payload)) {
            const size_t known = m_approachCount[size_t(signal)];
            s.timeMs = e.timeMs;
            s.approaches.clear();
            for (const ApproachTraffic &a : traffic->approaches)
                if (a.approach < known)   // an approach this city's signal does not have is not shown
                    s.approaches.push_back(a);
            ++m_version;
        } else if (const auto *presence = std::get_if<PresencePayload>(&e.payload); presence && !presence->online && s.timeMs != 0) {
            s = Signal{};
            ++m_version;
        }
    }
}

std::uint64_t TrafficBook::snapshot(std::vector<Signal> &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_signals;
    return m_version;
}

std::vector<Event> TrafficBook::approachReports() const
{
    std::lock_guard lock(m_mutex);
    std::vector<Event> out;
    for (size_t i = 0; i < m_signals.size(); ++i)
        if (m_signals[i].timeMs != 0)
            out.push_back(Event{0, m_signals[i].timeMs, m_city->signals[i].device, TrafficPayload{m_signals[i].approaches}});
    return out;
}

TrafficBook::Roads::Count TrafficBook::Roads::count(int district) const
{
    const auto named = [district](const std::vector<std::uint16_t> &list) {
        return district >= 0 && std::find(list.begin(), list.end(), std::uint16_t(district)) != list.end();
    };
    if (!named(uncounted))
        return Count::Counted;
    return named(awaited) ? Count::Awaited : Count::NotCounted;
}

std::uint64_t TrafficBook::snapshot(Roads &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_roads;
    return m_version;
}

std::uint64_t TrafficBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

void TrafficBook::clear()
{
    std::lock_guard lock(m_mutex);
    m_signals.assign(m_city->signals.size(), Signal{});
    m_roads = Roads{};
    ++m_version;
}

} // namespace cityops
