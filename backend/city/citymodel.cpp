#include "city/citymodel.h"

#include "model/event.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>

namespace cityops {
namespace {
const std::array<const char *, kRoadClassCount> kRoadClassNames = {
    "motorway", "trunk", "primary", "secondary", "tertiary", "residential", "unclassified",
    "living_street", "service", "path", "rail"};
}

QString roadClassName(RoadClass cls) { return QString::fromLatin1(kRoadClassNames[static_cast<int>(cls)]); }

RoadClass roadClassFromName(const QString &name)
{
    for (int i = 0; i < kRoadClassCount; ++i) {
        if (name == QLatin1String(kRoadClassNames[i]))
            return static_cast<RoadClass>(i);
    }
    return RoadClass::Unclassified;
}

int SignalProgram::cycleS() const
{
    int total = 0;
    for (const SignalPhase &phase : phases)
        total += phase.durationS;
    return total;
}

DeviceIndex CityModel::addDevice(DeviceInfo info)
{
    const auto index = static_cast<DeviceIndex>(devices.size());
    deviceByName.insert(info.id, index);
    devices.push_back(std::move(info));
    return index;
}

void CityModel::finalize()
{
    deviceByName.clear();
    deviceByName.reserve(static_cast<qsizetype>(devices.size()));
    roadBySumoId.clear();
    for (size_t r = 0; r < roads.size(); ++r)
        roadBySumoId.insert(roads[r].sumoId, static_cast<int>(r));
    bounds = GeoBox{};
    for (DeviceIndex i = 0; i < devices.size(); ++i) {
        deviceByName.insert(devices[i].id, i);
        bounds.extend(devices[i].position);
    }
    for (const Road &road : roads)
        for (const GeoPoint &p : road.line)
            bounds.extend(p);
    for (const Junction &j : junctions)
        bounds.extend(j.position);
}

QStringList CityModel::districtNames() const
{
    QStringList names;
    for (const District &d : districts)
        names << d.name;
    return names;
}

Result<std::vector<int>> CityModel::districtIndexes(const QStringList &names) const
{
    std::vector<int> found;
    for (const QString &name : names) {
        const auto it = std::find_if(districts.begin(), districts.end(),
                                     [&name](const District &d) { return d.name.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == districts.end())
            return makeError(QStringLiteral("%1 has no district \"%2\" (its districts: %3)")
                                 .arg(meta.name, name, districts.empty() ? QStringLiteral("none") : districtNames().join(QStringLiteral(", "))));
        const int index = static_cast<int>(it - districts.begin());
        if (std::find(found.begin(), found.end(), index) == found.end())
            found.push_back(index);
    }
    return found;
}

GeoBox CityModel::operationalBounds() const
{
    GeoBox box;
    for (const District &d : districts)
        for (const GeoPoint &p : d.ring)
            box.extend(p);
    return box.isValid() ? box : bounds;
}

bool pointInRing(const std::vector<GeoPoint> &ring, const GeoPoint &p)
{
    bool inside = false;
    const size_t n = ring.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const GeoPoint &a = ring[i];
        const GeoPoint &b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat)
            && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

int CityModel::districtAt(const GeoPoint &p) const
{
    for (size_t i = 0; i < districts.size(); ++i) {
        if (pointInRing(districts[i].ring, p))
            return static_cast<int>(i);
    }
    return -1;
}

namespace {
double segmentDistanceMetres(const GeoPoint &p, const GeoPoint &a, const GeoPoint &b);
}

int CityModel::responsibleDistrict(const GeoPoint &p) const
{
    if (const int inside = districtAt(p); inside >= 0)
        return inside;
    int best = -1;
    double bestDistance = 0;
    for (size_t i = 0; i < districts.size(); ++i) {
        const auto &ring = districts[i].ring;
        for (size_t k = 0; k < ring.size(); ++k) {
            const double d = segmentDistanceMetres(p, ring[k], ring[(k + 1) % ring.size()]);
            if (best < 0 || d < bestDistance) {
                best = static_cast<int>(i);
                bestDistance = d;
            }
        }
    }
    return best;
}

namespace {
// Distance from p to segment ab in metres, on a local equirectangular plane (exact enough within a city).
double segmentDistanceMetres(const GeoPoint &p, const GeoPoint &a, const GeoPoint &b)
{
    const double kx = 111320.0 * std::cos(p.lat * M_PI / 180.0);
    const double ky = 110540.0;
    const double ax = (a.lon - p.lon) * kx, ay = (a.lat - p.lat) * ky;
    const double bx = (b.lon - p.lon) * kx, by = (b.lat - p.lat) * ky;
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double cx = ax + t * dx, cy = ay + t * dy;
    return std::sqrt(cx * cx + cy * cy);
}
} // namespace

int CityModel::nearestRoad(const GeoPoint &p, double maxMetres, bool namedOnly) const
{
    int best = -1;
    double bestDistance = maxMetres;
    for (size_t i = 0; i < roads.size(); ++i) {
        if (namedOnly && roads[i].name.isEmpty())
            continue;
        const GeoLine &line = roads[i].line;
        for (size_t k = 1; k < line.size(); ++k) {
            const double d = segmentDistanceMetres(p, line[k - 1], line[k]);
            if (d < bestDistance) {
                bestDistance = d;
                best = static_cast<int>(i);
            }
        }
    }
    return best;
}

std::vector<SignalApproach> signalApproaches(const SignalInfo &signal)
{
    const auto apart = [](int a, int b) {
        const int d = std::abs(a - b) % 360;
        return std::min(d, 360 - d);
    };
    std::vector<SignalApproach> approaches;
    for (const SignalLink &link : signal.links) {
        SignalApproach *joined = nullptr;
        for (SignalApproach &a : approaches)
            if (a.street == link.approach && apart(a.bearingDeg, link.bearingDeg) <= 45) {
                joined = &a;
                break;
            }
        if (!joined && approaches.size() >= size_t(kMaxApproaches)) {
            joined = &*std::min_element(approaches.begin(), approaches.end(), [&](const SignalApproach &a, const SignalApproach &b) {
                return apart(a.bearingDeg, link.bearingDeg) < apart(b.bearingDeg, link.bearingDeg);
            });
        }
        if (!joined) {
            approaches.push_back({link.approach, link.bearingDeg, {}});
            joined = &approaches.back();
        }
        joined->links.push_back(link.index);
    }
    return approaches;
}

QStringList signalStreets(const SignalInfo &signal)
{
    QStringList streets;
    std::vector<int> movements;
    for (const SignalLink &link : signal.links) {
        if (link.approach.isEmpty())
            continue;
        const qsizetype at = streets.indexOf(link.approach);
        if (at < 0) {
            streets << link.approach;
            movements.push_back(1);
        } else {
            ++movements[size_t(at)];
        }
    }
    std::vector<size_t> order(size_t(streets.size()));
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return movements[a] > movements[b]; });
    QStringList sorted;
    for (const size_t k : order)
        sorted << streets[qsizetype(k)];
    return sorted;
}

QString junctionName(const SignalInfo &signal)
{
    return signalStreets(signal).mid(0, 3).join(QStringLiteral(" / "));
}

ApproachRoad CityModel::roadOfEdge(const QString &sumoEdge) const
{
    // The importer keeps "X" of a two-way street and drops "-X": its traffic drives X's line backwards.
    if (const auto it = roadBySumoId.constFind(sumoEdge); it != roadBySumoId.cend())
        return {it.value(), false};
    if (sumoEdge.startsWith(QLatin1Char('-')))
        if (const auto it = roadBySumoId.constFind(sumoEdge.mid(1)); it != roadBySumoId.cend() && !roads[size_t(it.value())].oneway)
            return {it.value(), true};
    return {};
}

std::vector<ApproachRoad> CityModel::approachRoads(const SignalInfo &signal, const std::vector<SignalApproach> &approaches) const
{
    std::vector<ApproachRoad> out(approaches.size());
    for (size_t a = 0; a < approaches.size(); ++a)
        for (const int k : approaches[a].links) {
            const auto link = std::find_if(signal.links.begin(), signal.links.end(), [k](const SignalLink &l) { return l.index == k; });
            if (link == signal.links.end() || link->fromEdge.isEmpty())
                continue;
            if ((out[a] = roadOfEdge(link->fromEdge)).road >= 0)
                break;
        }
    return out;
}

std::vector<DeviceIndex> CityModel::signalFeeders() const
{
    std::vector<DeviceIndex> out(signals.size(), kNoDevice);
    for (size_t i = 0; i < signals.size(); ++i) {
        double best = std::numeric_limits<double>::max();
        for (const FeederInfo &feeder : feeders) {
            const double d = distanceMetres(devices[signals[i].device].position, devices[feeder.device].position);
            if (d < best) {
                best = d;
                out[i] = feeder.device;
            }
        }
    }
    return out;
}

} // namespace cityops
