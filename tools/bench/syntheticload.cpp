#include "syntheticload.h"

namespace cityops::bench {

SyntheticLoad::SyntheticLoad(const CityModel &city, std::uint64_t seed) : m_city(city), m_rng(seed) {}

void SyntheticLoad::generate(size_t count, std::int64_t startMs, double ratePerS, std::vector<Event> &out)
{
    out.reserve(out.size() + count);
    for (size_t i = 0; i < count; ++i) {
        const std::int64_t t = startMs + static_cast<std::int64_t>(static_cast<double>(i) * 1000.0 / ratePerS);
        const double r = m_rng.uniform();
        if (r < 0.55 && !m_city.signals.empty()) {
            const auto &s = m_city.signals[m_rng.below(m_city.signals.size())];
            const auto phases = s.programs.front().phases.size();
            out.push_back(Event{0, t, s.device, SignalPayload{0, static_cast<std::uint16_t>(m_rng.below(phases)), SignalMode::Normal,
                                                              t + 5000 + static_cast<std::int64_t>(m_rng.below(40000)), false}});
        } else if (r < 0.75 && !m_city.streetlights.empty()) {
            const auto &l = m_city.streetlights[m_rng.below(m_city.streetlights.size())];
            const std::uint8_t level = m_rng.chance(0.5) ? 100 : 50;
            out.push_back(Event{0, t, l.device, LightPayload{level, m_rng.chance(0.01), l.powerW * level / 100.0f}});
        } else if (r < 0.93 && !m_city.feeders.empty()) {
            const auto &f = m_city.feeders[m_rng.below(m_city.feeders.size())];
            out.push_back(Event{0, t, f.device, FeederPayload{static_cast<float>(f.peakLoadKw * m_rng.uniform(0.4, 1.0)), true}});
        } else if (r < 0.98) {
            out.push_back(Event{0, t, static_cast<DeviceIndex>(m_rng.below(m_city.devices.size())), PresencePayload{m_rng.chance(0.95)}});
        } else if (m_open.size() > 50 || (m_rng.chance(0.5) && !m_open.empty())) {
            const size_t k = m_rng.below(m_open.size());
            out.push_back(Event{0, t, kNoDevice, IncidentClearedPayload{m_open[k]}});
            m_open.erase(m_open.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
            IncidentRaisedPayload p;
            p.id = m_nextIncident++;
            p.kind = static_cast<IncidentKind>(m_rng.below(4));
            p.severity = static_cast<IncidentSeverity>(m_rng.below(4));
            p.position = m_city.devices[m_rng.below(m_city.devices.size())].position;
            p.district = 0;
            out.push_back(Event{0, t, kNoDevice, p});
            m_open.push_back(p.id);
        }
    }
}

} // namespace cityops::bench
