#include "state/vehiclebook.h"

#include <algorithm>

namespace cityops {
namespace {

bool isFieldTelemetry(const EventPayload &p)
{
    return std::holds_alternative<SignalPayload>(p) || std::holds_alternative<LightPayload>(p) || std::holds_alternative<FeederPayload>(p)
           || std::holds_alternative<TrafficPayload>(p) || std::holds_alternative<VehiclePayload>(p)
           || std::holds_alternative<RoadTrafficPayload>(p);
}

} // namespace

VehicleBook::VehicleBook(std::shared_ptr<const CityModel> city) : m_city(std::move(city)) {}

void VehicleBook::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    std::int64_t latestMs = 0;
    for (const Event &e : events) {
        // Silence is measured on the field's clock (what devices and vehicles report), not the console's: a field
        // running behind the console (a simulation that cannot keep its speed) must not make every vehicle look silent.
        if (isFieldTelemetry(e.payload))
            latestMs = std::max(latestMs, e.timeMs);
        const auto *report = std::get_if<VehiclePayload>(&e.payload);
        if (!report || !validVehicleId(report->id))
            continue;
        auto it = std::lower_bound(m_vehicles.begin(), m_vehicles.end(), report->id,
                                   [](const Vehicle &v, const QString &id) { return v.report.id < id; });
        // Since when, as the source says: believed only after the report before (which was of the spell before)
        // and not after this one's own time.
        const auto saidSince = [&](std::int64_t after) { return report->sinceMs > after && report->sinceMs <= e.timeMs ? report->sinceMs : -1; };
        if (it == m_vehicles.end() || it->report.id != report->id) {
            if (int(m_vehicles.size()) >= kMaxVehicles)
                continue;
            it = m_vehicles.insert(it, Vehicle{});
            it->spellSinceMs = saidSince(-1);   // heard of mid-spell: known only if the source says
        } else if (it->report.parked != report->parked) {
            const std::int64_t said = saidSince(it->timeMs);
            it->spellSinceMs = said >= 0 ? said : e.timeMs;
        } else if (it->spellSinceMs < 0) {
            it->spellSinceMs = saidSince(-1);
        }
        it->timeMs = e.timeMs;
        ++it->reports;
        it->stands.add(report->speedMps, report->parked);
        it->report = *report;
        std::erase_if(it->report.ahead, [this](const SignalAhead &a) {
            return a.signal >= m_city->signals.size() || a.linkIndex < 0 || a.linkIndex >= movementsOf(m_city->signals[a.signal]);
        });
        ++m_version;
    }
    if (latestMs > 0)
        dropSilent(latestMs);
}

void VehicleBook::dropSilent(std::int64_t nowMs)
{
    if (std::erase_if(m_vehicles, [nowMs](const Vehicle &v) { return nowMs - v.timeMs > kSilentMs; }) > 0)
        ++m_version;
}

std::uint64_t VehicleBook::snapshot(std::vector<Vehicle> &out) const
{
    std::lock_guard lock(m_mutex);
    out = m_vehicles;
    return m_version;
}

std::uint64_t VehicleBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

bool VehicleBook::find(const QString &id, Vehicle *out) const
{
    std::lock_guard lock(m_mutex);
    const auto it = std::lower_bound(m_vehicles.begin(), m_vehicles.end(), id, [](const Vehicle &v, const QString &i) { return v.report.id < i; });
    if (it == m_vehicles.end() || it->report.id != id)
        return false;
    *out = *it;
    return true;
}

void VehicleBook::clear()
{
    std::lock_guard lock(m_mutex);
    m_vehicles.clear();
    ++m_version;
}

} // namespace cityops
