#include "city/cityassets.h"

#include "base/random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace cityops {
namespace {

/// Local equirectangular plane in metres around a reference point: exact enough inside one city for placing
/// and clustering assets.
struct LocalPlane {
    GeoPoint origin;
    double kx = 1, ky = 1;
    explicit LocalPlane(const GeoPoint &o) : origin(o)
    {
        kx = 111320.0 * std::cos(o.lat * M_PI / 180.0);
        ky = 110540.0;
    }
    struct P { double x, y; };
    P to(const GeoPoint &g) const { return {(g.lon - origin.lon) * kx, (g.lat - origin.lat) * ky}; }
    GeoPoint from(const P &p) const { return {origin.lon + p.x / kx, origin.lat + p.y / ky}; }
};
using P = LocalPlane::P;

double cross(const P &o, const P &a, const P &b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

std::vector<P> convexHull(std::vector<P> pts)
{
    std::sort(pts.begin(), pts.end(), [](const P &a, const P &b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (pts.size() < 3)
        return pts;
    std::vector<P> hull(2 * pts.size());
    size_t k = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0)
            --k;
        hull[k++] = pts[i];
    }
    for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0)
            --k;
        hull[k++] = pts[i - 1];
    }
    hull.resize(k - 1);
    return hull;
}

// Sutherland-Hodgman clip of a convex polygon against an axis-aligned rectangle.
std::vector<P> clipToRect(const std::vector<P> &poly, double x0, double y0, double x1, double y1)
{
    auto clipEdge = [](const std::vector<P> &in, auto inside, auto intersect) {
        std::vector<P> out;
        for (size_t i = 0; i < in.size(); ++i) {
            const P &cur = in[i];
            const P &prev = in[(i + in.size() - 1) % in.size()];
            const bool curIn = inside(cur), prevIn = inside(prev);
            if (curIn) {
                if (!prevIn)
                    out.push_back(intersect(prev, cur));
                out.push_back(cur);
            } else if (prevIn) {
                out.push_back(intersect(prev, cur));
            }
        }
        return out;
    };
    auto atX = [](double x) {
        return [x](const P &a, const P &b) { return P{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
    };
    auto atY = [](double y) {
        return [y](const P &a, const P &b) { return P{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
    };
    std::vector<P> r = poly;
    r = clipEdge(r, [x0](const P &p) { return p.x >= x0; }, atX(x0));
    if (r.empty()) return r;
    r = clipEdge(r, [x1](const P &p) { return p.x <= x1; }, atX(x1));
    if (r.empty()) return r;
    r = clipEdge(r, [y0](const P &p) { return p.y >= y0; }, atY(y0));
    if (r.empty()) return r;
    r = clipEdge(r, [y1](const P &p) { return p.y <= y1; }, atY(y1));
    return r;
}

double polygonArea(const std::vector<P> &poly)
{
    double a = 0;
    for (size_t i = 0; i < poly.size(); ++i) {
        const P &p = poly[i], &q = poly[(i + 1) % poly.size()];
        a += p.x * q.y - q.x * p.y;
    }
    return std::abs(a) / 2;
}

double dist2(const P &a, const P &b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

/// k-means (k-means++ seeding, Lloyd iterations); returns centres and each point's cluster.
std::vector<P> kmeans(const std::vector<P> &pts, int k, Random &rng, std::vector<int> *assignment)
{
    k = std::min<int>(k, static_cast<int>(pts.size()));
    std::vector<P> centres;
    if (k <= 0)
        return centres;
    centres.push_back(pts[rng.below(pts.size())]);
    std::vector<double> d(pts.size());
    while (static_cast<int>(centres.size()) < k) {
        double total = 0;
        for (size_t i = 0; i < pts.size(); ++i) {
            d[i] = dist2(pts[i], centres[0]);
            for (const P &c : centres)
                d[i] = std::min(d[i], dist2(pts[i], c));
            total += d[i];
        }
        double pick = rng.uniform() * total;
        size_t chosen = 0;
        for (; chosen + 1 < pts.size() && pick > d[chosen]; ++chosen)
            pick -= d[chosen];
        centres.push_back(pts[chosen]);
    }
    assignment->assign(pts.size(), 0);
    for (int iter = 0; iter < 25; ++iter) {
        for (size_t i = 0; i < pts.size(); ++i) {
            int best = 0;
            for (int c = 1; c < k; ++c)
                if (dist2(pts[i], centres[c]) < dist2(pts[i], centres[best]))
                    best = c;
            (*assignment)[i] = best;
        }
        std::vector<P> sum(k, P{0, 0});
        std::vector<int> count(k, 0);
        for (size_t i = 0; i < pts.size(); ++i) {
            sum[(*assignment)[i]].x += pts[i].x;
            sum[(*assignment)[i]].y += pts[i].y;
            ++count[(*assignment)[i]];
        }
        for (int c = 0; c < k; ++c)
            if (count[c] > 0)
                centres[c] = {sum[c].x / count[c], sum[c].y / count[c]};
    }
    return centres;
}

bool isLit(const Road &road)
{
    if (road.cls == RoadClass::Service)
        return !road.name.isEmpty(); // named service roads are public streets (campus and estate roads)
    switch (road.cls) {
    case RoadClass::Trunk: case RoadClass::Primary: case RoadClass::Secondary: case RoadClass::Tertiary:
    case RoadClass::Residential: case RoadClass::Unclassified: case RoadClass::LivingStreet:
        return true;
    default:
        return false;
    }
}

bool isMainRoad(RoadClass cls) { return cls <= RoadClass::Secondary; }

QString nearestStreetName(const CityModel &city, const GeoPoint &p)
{
    double best = 1e18;
    QString name;
    for (const Road &road : city.roads) {
        if (road.name.isEmpty() || road.cls == RoadClass::Path || road.cls == RoadClass::Rail)
            continue;
        for (const GeoPoint &q : road.line) {
            const double d = distanceMetres(p, q);
            if (d < best) {
                best = d;
                name = road.name;
            }
        }
    }
    return name;
}

/// Junctions in the built-up area: at least `minNeighbours` others within `radius` metres. Networks cut from OSM
/// often trail a lone motorway or rail corridor out of the area; the districts should cover the city, not those.
std::vector<P> builtUpArea(const std::vector<P> &junctions, double radius, int minNeighbours)
{
    std::unordered_map<std::int64_t, std::vector<size_t>> grid;
    auto key = [radius](double x, double y) {
        return (static_cast<std::int64_t>(std::floor(x / radius)) << 32) ^ static_cast<std::int64_t>(std::floor(y / radius) + 1e6);
    };
    for (size_t i = 0; i < junctions.size(); ++i)
        grid[key(junctions[i].x, junctions[i].y)].push_back(i);
    std::vector<P> kept;
    for (size_t i = 0; i < junctions.size(); ++i) {
        int neighbours = 0;
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy) {
                const auto it = grid.find(key(junctions[i].x + dx * radius, junctions[i].y + dy * radius));
                if (it == grid.end())
                    continue;
                for (size_t j : it->second)
                    if (j != i && dist2(junctions[i], junctions[j]) <= radius * radius)
                        ++neighbours;
            }
        if (neighbours >= minNeighbours)
            kept.push_back(junctions[i]);
    }
    return kept.size() >= 3 ? kept : junctions;
}

void makeDistricts(CityModel &city, const LocalPlane &plane, const std::vector<P> &junctions)
{
    const std::vector<P> hull = convexHull(builtUpArea(junctions, 250.0, 4));
    if (hull.size() < 3)
        return;
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (const P &p : hull) {
        x0 = std::min(x0, p.x); x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y); y1 = std::max(y1, p.y);
    }
    const int cols = std::clamp(static_cast<int>(std::lround((x1 - x0) / 1000.0)), 1, 3);
    const int rows = std::clamp(static_cast<int>(std::lround((y1 - y0) / 1000.0)), 1, 3);
    static const char *rowNames[4][3] = {{}, {""}, {"North", "South"}, {"North", "Central", "South"}};
    static const char *colNames[4][3] = {{}, {""}, {"West", "East"}, {"West", "Central", "East"}};
    const double totalArea = polygonArea(hull);
    int number = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            // Rows run north to south, so the first row is the top of the map.
            const double cy1 = y1 - (y1 - y0) * r / rows, cy0 = y1 - (y1 - y0) * (r + 1) / rows;
            const double cx0 = x0 + (x1 - x0) * c / cols, cx1 = x0 + (x1 - x0) * (c + 1) / cols;
            const std::vector<P> cell = clipToRect(hull, cx0, cy0, cx1, cy1);
            if (cell.size() < 3 || polygonArea(cell) < totalArea * 0.02)
                continue;
            QString name = QString::fromLatin1(rowNames[rows][r]);
            const QString col = QString::fromLatin1(colNames[cols][c]);
            if (name == col)
                name = QStringLiteral("Central");
            else if (name == QLatin1String("Central") && !col.isEmpty())
                name = QStringLiteral("Central ") + col;
            else if (!col.isEmpty() && col != QLatin1String("Central"))
                name = name.isEmpty() ? col : name + QLatin1Char('-') + col;
            if (name.isEmpty())
                name = QStringLiteral("Central");
            District d;
            d.id = QStringLiteral("D%1").arg(++number);
            d.name = name;
            for (const P &p : cell)
                d.ring.push_back(plane.from(p));
            city.districts.push_back(std::move(d));
        }
    }
}

} // namespace

Status generateAssets(CityModel &city, std::uint64_t seed, double spacingM)
{
    if (city.junctions.size() < 3)
        return makeError(QStringLiteral("the network has fewer than three junctions; nothing to build a city on"));
    if (!(spacingM >= 5.0 && spacingM <= 500.0))
        return makeError(QStringLiteral("streetlight spacing %1 m is outside 5..500 m").arg(spacingM));
    Random rng(seed);
    const LocalPlane plane(city.bounds.center());
    std::vector<P> junctions;
    junctions.reserve(city.junctions.size());
    for (const Junction &j : city.junctions)
        junctions.push_back(plane.to(j.position));

    makeDistricts(city, plane, junctions);

    // Substations and their feeders.
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (const P &p : junctions) {
        x0 = std::min(x0, p.x); x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y); y1 = std::max(y1, p.y);
    }
    const double areaKm2 = (x1 - x0) * (y1 - y0) / 1e6;
    const int substationCount = std::clamp(static_cast<int>(std::lround(areaKm2 / 3.0)), 1, 12);
    std::vector<int> subOf;
    const std::vector<P> subCentres = kmeans(junctions, substationCount, rng, &subOf);
    std::vector<DeviceIndex> subDevices;
    for (size_t s = 0; s < subCentres.size(); ++s) {
        const GeoPoint pos = plane.from(subCentres[s]);
        const QString street = nearestStreetName(city, pos);
        SubstationInfo info;
        info.name = street.isEmpty() ? QStringLiteral("Substation %1").arg(s + 1) : QStringLiteral("Substation %1").arg(street);
        info.device = city.addDevice({QStringLiteral("sub/%1").arg(s + 1), DeviceKind::Substation, pos, -1,
                                      static_cast<int>(city.substations.size()), true});
        subDevices.push_back(info.device);
        city.substations.push_back(info);
    }
    std::vector<P> feederPositions;
    const double meanJunctionsPerFeeder = static_cast<double>(junctions.size());
    for (size_t s = 0; s < subCentres.size(); ++s) {
        std::vector<P> members;
        for (size_t i = 0; i < junctions.size(); ++i)
            if (subOf[i] == static_cast<int>(s))
                members.push_back(junctions[i]);
        const int feederCount = std::clamp(static_cast<int>(members.size() / 40), 4, 8);
        std::vector<int> feederOf;
        const std::vector<P> centres = kmeans(members, feederCount, rng, &feederOf);
        for (size_t f = 0; f < centres.size(); ++f) {
            const auto served = std::count(feederOf.begin(), feederOf.end(), static_cast<int>(f));
            FeederInfo info;
            info.substation = subDevices[s];
            static const float capacities[] = {4000.f, 5000.f, 6000.f, 8000.f};
            info.capacityKw = capacities[rng.below(4)];
            // Denser areas load their feeder harder; typical peaks sit at 55-90 % of rating.
            const double density = static_cast<double>(served) * (subCentres.size() * centres.size()) / meanJunctionsPerFeeder;
            const double peakShare = std::clamp(0.55 + 0.12 * density + rng.uniform(-0.05, 0.05), 0.5, 0.9);
            info.peakLoadKw = static_cast<float>(info.capacityKw * peakShare);
            info.commercialShare = static_cast<float>(rng.uniform(0.1, 0.9));
            info.priority = rng.chance(0.15) ? 1 : (rng.chance(0.5) ? 2 : 3);
            info.device = city.addDevice({QStringLiteral("fdr/%1-%2").arg(s + 1).arg(f + 1), DeviceKind::Feeder,
                                          plane.from(centres[f]), -1, static_cast<int>(city.feeders.size()), true});
            feederPositions.push_back(centres[f]);
            city.feeders.push_back(info);
        }
    }

    // Streetlights along lit roads.
    for (size_t r = 0; r < city.roads.size(); ++r) {
        const Road &road = city.roads[r];
        if (!isLit(road))
            continue;
        // Main roads are lit from both sides (staggered), so twice as many lamps per metre.
        const double spacing = isMainRoad(road.cls) ? spacingM * 0.5 : spacingM;
        double carried = spacing / 2; // first lamp half a spacing in, so lamps of adjacent segments do not pile up
        int k = 0;
        for (size_t i = 1; i < road.line.size(); ++i) {
            const P a = plane.to(road.line[i - 1]), b = plane.to(road.line[i]);
            const double len = std::sqrt(dist2(a, b));
            double at = carried;
            while (at <= len) {
                const P p{a.x + (b.x - a.x) * at / len, a.y + (b.y - a.y) * at / len};
                size_t nearest = 0;
                for (size_t f = 1; f < feederPositions.size(); ++f)
                    if (dist2(p, feederPositions[f]) < dist2(p, feederPositions[nearest]))
                        nearest = f;
                StreetlightInfo info;
                info.road = static_cast<int>(r);
                info.feeder = feederPositions.empty() ? kNoDevice : city.feeders[nearest].device;
                info.powerW = isMainRoad(road.cls) ? 150.f : (road.cls == RoadClass::Tertiary ? 100.f : 60.f);
                info.device = city.addDevice({QStringLiteral("sl/%1/%2").arg(road.sumoId).arg(++k), DeviceKind::Streetlight,
                                              plane.from(p), -1, static_cast<int>(city.streetlights.size()), true});
                city.streetlights.push_back(info);
                at += spacing;
            }
            carried = at - len;
        }
    }
    return Ok{};
}

} // namespace cityops
