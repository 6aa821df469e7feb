#include "city/syntheticdevices.h"

#include "base/random.h"

#include <algorithm>

namespace cityops {

void addSyntheticDevices(CityModel &city, size_t count, std::uint64_t seed)
{
    if (count == 0 || city.roads.empty())
        return;
    Random rng(seed);
    // Roads weighted by length, so devices spread like a real network's.
    std::vector<double> cumulative;
    double total = 0;
    for (const Road &road : city.roads) {
        if (road.cls <= RoadClass::Service && road.cls != RoadClass::Motorway)
            for (size_t i = 1; i < road.line.size(); ++i)
                total += distanceMetres(road.line[i - 1], road.line[i]);
        cumulative.push_back(total);
    }
    if (total <= 0)
        return;
    auto pointOnRoads = [&](int *roadIndex) {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total);
        *roadIndex = static_cast<int>(std::min<size_t>(it - cumulative.begin(), cumulative.size() - 1));
        const GeoLine &line = city.roads[*roadIndex].line;
        const size_t seg = 1 + rng.below(line.size() - 1);
        const double t = rng.uniform();
        // A few metres off the centre line, as lamps and cabinets stand at the kerb.
        const double jitter = 0.00004;
        return GeoPoint{line[seg - 1].lon + (line[seg].lon - line[seg - 1].lon) * t + rng.uniform(-jitter, jitter),
                        line[seg - 1].lat + (line[seg].lat - line[seg - 1].lat) * t + rng.uniform(-jitter, jitter)};
    };
    auto nearestFeeder = [&city](const GeoPoint &p) {
        DeviceIndex best = kNoDevice;
        double bestD = 1e300;
        for (const FeederInfo &f : city.feeders) {
            const GeoPoint &q = city.devices[f.device].position;
            const double d = (q.lon - p.lon) * (q.lon - p.lon) + (q.lat - p.lat) * (q.lat - p.lat);
            if (d < bestD) {
                bestD = d;
                best = f.device;
            }
        }
        return best;
    };
    const size_t templateSignals = city.signals.size();
    city.devices.reserve(city.devices.size() + count);
    for (size_t i = 0; i < count; ++i) {
        int road = -1;
        const GeoPoint p = pointOnRoads(&road);
        const int district = city.responsibleDistrict(p);
        if (templateSignals > 0 && rng.chance(0.005)) {
            SignalInfo signal = city.signals[rng.below(templateSignals)];
            signal.sumoTlsId.clear();
            signal.junctions.clear();
            // Its movements keep their shape (heads drawn per approach) but not the template's streets and roads:
            // it stands somewhere else, and would be named, searched for and shaded as that junction.
            for (SignalLink &link : signal.links) {
                link.approach.clear();
                link.fromEdge.clear();
            }
            // A different offset per controller, so synthetic signals do not switch in lockstep.
            for (SignalProgram &program : signal.programs)
                program.offsetS = static_cast<int>(rng.below(std::max(1, program.cycleS())));
            signal.device = city.addDevice({QStringLiteral("syn/sig/%1").arg(i), DeviceKind::SignalController, p, district,
                                            static_cast<int>(city.signals.size()), true});
            city.signals.push_back(std::move(signal));
        } else {
            StreetlightInfo light;
            light.road = road;
            light.feeder = nearestFeeder(p);
            light.powerW = 60.f;
            light.device = city.addDevice({QStringLiteral("syn/sl/%1").arg(i), DeviceKind::Streetlight, p, district,
                                           static_cast<int>(city.streetlights.size()), true});
            city.streetlights.push_back(light);
        }
    }
}

} // namespace cityops
