#include "ops/workflows.h"

#include "base/counted.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cityops::workflows {
namespace {
constexpr std::int64_t kLeadMs = 20'000;     ///< green this long before the vehicle arrives
constexpr std::int64_t kReleaseMs = 20'000;  ///< and held this long after it should have passed

/// Distance from p to segment ab and the fraction along it, in a local equirectangular frame (metres).
std::pair<double, double> distanceToSegment(const GeoPoint &p, const GeoPoint &a, const GeoPoint &b)
{
    const double k = std::cos(a.lat * M_PI / 180.0) * 111'320.0;
    const double ax = 0, ay = 0;
    const double bx = (b.lon - a.lon) * k, by = (b.lat - a.lat) * 110'540.0;
    const double px = (p.lon - a.lon) * k, py = (p.lat - a.lat) * 110'540.0;
    const double len2 = bx * bx + by * by;
    const double t = len2 > 0 ? std::clamp(((px - ax) * bx + (py - ay) * by) / len2, 0.0, 1.0) : 0.0;
    const double dx = px - t * bx, dy = py - t * by;
    return {std::sqrt(dx * dx + dy * dy), t};
}
} // namespace

OrderSpec flashAndDispatch(const CityModel &city, const std::vector<DeviceIndex> &signals)
{
    OrderSpec spec;
    spec.workflow = WorkflowKind::FlashAndDispatch;
    QStringList ids;
    for (DeviceIndex d : signals) {
        if (d >= city.devices.size() || city.devices[d].kind != DeviceKind::SignalController)
            continue;
        spec.targets.push_back({d, CommandAction::SignalFlash, 0, 0, 0});
        ids << city.devices[d].id;
    }
    spec.description = QStringLiteral("flash %1 and dispatch responders").arg(ids.size() <= 3 ? ids.join(QStringLiteral(", "))
                                                                                               : QStringLiteral("%1 intersections").arg(ids.size()));
    return spec;
}

OrderSpec dimDistrict(const CityModel &city, int district, int percent)
{
    OrderSpec spec;
    spec.workflow = WorkflowKind::DimDistrict;
    const QString name = city.districtName(district);
    spec.description = QStringLiteral("dim %1 to %2 %").arg(name).arg(percent);
    for (DeviceIndex d = 0; d < city.devices.size(); ++d)
        if (city.devices[d].kind == DeviceKind::Streetlight && city.devices[d].district == district)
            spec.targets.push_back({d, CommandAction::LightDim, percent, 0, 0});
    return spec;
}

OrderSpec shedFeeders(const CityModel &city, const std::vector<DeviceIndex> &feeders, std::int64_t holdMs)
{
    std::vector<DeviceIndex> order;
    for (DeviceIndex d : feeders)
        if (d < city.devices.size() && city.devices[d].kind == DeviceKind::Feeder)
            order.push_back(d);
    auto priority = [&city](DeviceIndex d) { return city.feeders[static_cast<size_t>(city.devices[d].detail)].priority; };
    std::stable_sort(order.begin(), order.end(), [&](DeviceIndex a, DeviceIndex b) { return priority(a) > priority(b); });
    OrderSpec spec;
    spec.workflow = WorkflowKind::ShedFeeders;
    spec.description = QStringLiteral("shed %1 for %2 min, then restore").arg(counted(qint64(order.size()), "feeder")).arg(holdMs / 60'000);
    spec.validForMs = std::max<std::int64_t>(spec.validForMs, holdMs + 10 * 60'000);
    const auto n = static_cast<std::uint16_t>(order.size());
    for (std::uint16_t i = 0; i < n; ++i)
        spec.targets.push_back({order[i], CommandAction::FeederShed, 0, i, 0});
    for (std::uint16_t i = 0; i < n; ++i)
        spec.targets.push_back({order[n - 1 - i], CommandAction::FeederRestore, 0, static_cast<std::uint16_t>(n + i), holdMs});
    return spec;
}

int mainGreenPhase(const SignalProgram &program)
{
    int best = 0, bestGreens = -1;
    for (size_t i = 0; i < program.phases.size(); ++i) {
        const QString &state = program.phases[i].state;
        const int greens = static_cast<int>(std::count_if(state.begin(), state.end(), [](QChar c) { return c == u'G' || c == u'g'; }));
        if (greens > bestGreens) {
            bestGreens = greens;
            best = static_cast<int>(i);
        }
    }
    return best;
}

namespace {

/// Degrees clockwise from north of the way from a to b (flat: over a junction's few dozen metres).
double headingDeg(const GeoPoint &a, const GeoPoint &b)
{
    const double east = (b.lon - a.lon) * std::cos((a.lat + b.lat) / 2.0 * M_PI / 180.0);
    const double north = b.lat - a.lat;
    const double deg = std::atan2(east, north) * 180.0 / M_PI;
    return deg < 0 ? deg + 360.0 : deg;
}

/// From one heading to another: negative turning left, positive right, in (-180, 180].
double turnDeg(double fromDeg, double toDeg)
{
    double d = std::fmod(toDeg - fromDeg, 360.0);
    if (d <= -180.0)
        d += 360.0;
    else if (d > 180.0)
        d -= 360.0;
    return d;
}

/// The point `metres` along the polyline (clamped to its ends).
GeoPoint pointAlong(const std::vector<GeoPoint> &route, const std::vector<double> &cumulative, double metres)
{
    if (metres <= 0)
        return route.front();
    for (size_t i = 1; i < route.size(); ++i)
        if (metres <= cumulative[i] && cumulative[i] > cumulative[i - 1]) {
            const double t = (metres - cumulative[i - 1]) / (cumulative[i] - cumulative[i - 1]);
            return {route[i - 1].lon + t * (route[i].lon - route[i - 1].lon), route[i - 1].lat + t * (route[i].lat - route[i - 1].lat)};
        }
    return route.back();
}

/// How far before and after a signal the route's heading is read: past the junction's own corner, within its block.
constexpr double kHeadingMetres = 30.0;

} // namespace

QString roadArrivedOn(const CityModel &city, const SignalInfo &signal, double arrivingDeg, const std::vector<GeoPoint> &approach)
{
    if (approach.empty())
        return {};
    // Each road arriving that way, by its mean distance from the route's points (to the nearest point of its line).
    std::vector<std::pair<double, QString>> roads;
    for (const SignalLink &link : signal.links) {
        if (link.fromEdge.isEmpty() || std::abs(turnDeg(link.bearingDeg, arrivingDeg)) > 45.0
            || std::any_of(roads.begin(), roads.end(), [&](const auto &r) { return r.second == link.fromEdge; }))
            continue;
        const ApproachRoad road = city.roadOfEdge(link.fromEdge);
        if (road.road < 0 || city.roads[static_cast<size_t>(road.road)].line.size() < 2)
            return {};   // a road the city does not draw: no telling which
        const GeoLine &line = city.roads[static_cast<size_t>(road.road)].line;
        double sum = 0;
        for (const GeoPoint &p : approach) {
            double nearest = std::numeric_limits<double>::max();
            for (size_t i = 1; i < line.size(); ++i)
                nearest = std::min(nearest, distanceToSegment(p, line[i - 1], line[i]).first);
            sum += nearest;
        }
        roads.emplace_back(sum / static_cast<double>(approach.size()), link.fromEdge);
    }
    if (roads.size() < 2)
        return {};
    std::sort(roads.begin(), roads.end());
    return roads[1].first - roads[0].first >= 1.0 ? roads[0].second : QString();
}

int phaseForMovement(const SignalInfo &signal, const SignalProgram &program, double arrivingDeg, double leavingDeg, const QString &fromEdge)
{
    const double turn = turnDeg(arrivingDeg, leavingDeg);
    const QChar wanted = std::abs(turn) <= 35.0 ? u's' : std::abs(turn) >= 150.0 ? u't' : turn > 0 ? u'r' : u'l';
    // The links the vehicle may take: arriving its way and turning its way (SUMO's L and R: partly left or right);
    // none turning its way, the straight ones from there.
    std::vector<int> taken, straight;
    for (const SignalLink &link : signal.links) {
        if (std::abs(turnDeg(link.bearingDeg, arrivingDeg)) > 45.0 || (!fromEdge.isEmpty() && link.fromEdge != fromEdge))
            continue;
        if (link.direction.toLower() == wanted)
            taken.push_back(link.index);
        else if (link.direction == u's')
            straight.push_back(link.index);
    }
    if (taken.empty())
        taken = std::move(straight);
    // The phase showing most of them green: through a cluster of junctions under one controller the vehicle takes a
    // link at each, and one phase serves them all. Protected greens count double; of equals, the longer phase.
    int best = -1, bestScore = 0;
    for (size_t i = 0; i < program.phases.size(); ++i) {
        const QString &state = program.phases[i].state;
        int score = 0;
        for (const int link : taken)
            if (link >= 0 && link < state.size())
                score += state[link] == u'G' ? 2 : state[link] == u'g' ? 1 : 0;
        if (score > bestScore || (score > 0 && score == bestScore && program.phases[i].durationS > program.phases[static_cast<size_t>(best)].durationS)) {
            best = static_cast<int>(i);
            bestScore = score;
        }
    }
    return best;
}

GreenWavePlan greenWave(const CityModel &city, const StateStore &states, const std::vector<GeoPoint> &route, double speedKmh,
                        double corridorMetres)
{
    GreenWavePlan plan;
    plan.spec.workflow = WorkflowKind::GreenWave;
    if (route.size() < 2 || speedKmh <= 0)
        return plan;
    std::vector<double> cumulative{0.0};
    for (size_t i = 1; i < route.size(); ++i)
        cumulative.push_back(cumulative.back() + distanceMetres(route[i - 1], route[i]));
    std::vector<std::pair<double, DeviceIndex>> along;
    for (const SignalInfo &signal : city.signals) {
        const GeoPoint p = city.devices[signal.device].position;
        double bestDistance = corridorMetres, bestAlong = -1;
        for (size_t i = 1; i < route.size(); ++i) {
            const auto [d, t] = distanceToSegment(p, route[i - 1], route[i]);
            if (d <= bestDistance) {
                bestDistance = d;
                bestAlong = cumulative[i - 1] + t * (cumulative[i] - cumulative[i - 1]);
            }
        }
        if (bestAlong >= 0)
            along.emplace_back(bestAlong, signal.device);
    }
    std::sort(along.begin(), along.end());
    const double metresPerMs = speedKmh / 3600.0;
    for (const auto &[distance, device] : along) {
        const SignalInfo &signal = city.signals[static_cast<size_t>(city.devices[device].detail)];
        if (signal.programs.empty())
            continue;
        const int program = std::min<int>(states.state(device).program, static_cast<int>(signal.programs.size()) - 1);
        const auto arrivalMs = static_cast<std::int64_t>(distance / metresPerMs);
        // The movement the route makes there, read from its heading before and after the point nearest the signal
        // (a route that starts or ends there goes straight through).
        const GeoPoint at = pointAlong(route, cumulative, distance);
        const GeoPoint before = pointAlong(route, cumulative, distance - kHeadingMetres);
        const GeoPoint after = pointAlong(route, cumulative, distance + kHeadingMetres);
        const bool starts = distance <= 0.5, ends = distance >= cumulative.back() - 0.5;
        const double leaving = ends ? headingDeg(before, at) : headingDeg(at, after);
        const double arriving = starts ? leaving : headingDeg(before, at);
        const SignalProgram &running = signal.programs[static_cast<size_t>(program)];
        // Two roads arriving that way (a street and a track beside it): the one the route's last stretch runs along.
        std::vector<GeoPoint> approach;
        if (!starts)
            for (const double back : {kHeadingMetres / 3, 2 * kHeadingMetres / 3, kHeadingMetres})
                approach.push_back(pointAlong(route, cumulative, distance - back));
        const QString roadIn = roadArrivedOn(city, signal, arriving, approach);
        int movementPhase = phaseForMovement(signal, running, arriving, leaving, roadIn);
        if (movementPhase < 0 && !roadIn.isEmpty())
            movementPhase = phaseForMovement(signal, running, arriving, leaving);   // that road cannot turn so: any that can
        const int phase = movementPhase >= 0 ? movementPhase : mainGreenPhase(running);
        plan.byMovement.push_back(movementPhase >= 0);
        plan.spec.targets.push_back({device, CommandAction::SignalPreempt, phase, 0, std::max<std::int64_t>(0, arrivalMs - kLeadMs)});
        plan.spec.targets.push_back({device, CommandAction::SignalRestore, 0, 1, arrivalMs + kReleaseMs});
        plan.signals.push_back(device);
        plan.distancesMetres.push_back(distance);
    }
    plan.spec.description = QStringLiteral("emergency green wave over %1 m through %2 at %3 km/h")
                                .arg(static_cast<int>(cumulative.back()))
                                .arg(counted(qint64(plan.signals.size()), "signal"))
                                .arg(speedKmh);
    if (const auto guessed = std::count(plan.byMovement.begin(), plan.byMovement.end(), false); guessed > 0)
        plan.spec.description += QStringLiteral("; %1 of them on their main green (the route's way through not known there)").arg(guessed);
    return plan;
}

} // namespace cityops::workflows
