#include "sim/demandrepeat.h"

#include "city/flowschedule.h"
#include "city/sumonet.h"

#include <QStringList>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

std::string text(const QXmlStreamAttributes &a, QLatin1StringView name) { return a.value(name).toString().toStdString(); }

std::vector<std::string> words(QStringView s)
{
    std::vector<std::string> out;
    for (const QStringView w : s.split(u' ', Qt::SkipEmptyParts))
        out.push_back(w.toString().toStdString());
    return out;
}

/// Takes what SUMO's add takes of a trip's, vehicle's or flow's attributes (not its departure); false without an id.
bool readHow(const QXmlStreamAttributes &a, DemandRepeat::Vehicle &v)
{
    v.id = text(a, QLatin1StringView("id"));
    if (v.id.empty())
        return false;
    const auto take = [&a](QLatin1StringView name, std::string &into) {
        if (a.hasAttribute(name))
            into = a.value(name).toString().toStdString();
    };
    take(QLatin1StringView("type"), v.type);
    take(QLatin1StringView("departLane"), v.departLane);
    take(QLatin1StringView("departPos"), v.departPos);
    take(QLatin1StringView("departSpeed"), v.departSpeed);
    take(QLatin1StringView("arrivalLane"), v.arrivalLane);
    take(QLatin1StringView("arrivalPos"), v.arrivalPos);
    take(QLatin1StringView("arrivalSpeed"), v.arrivalSpeed);
    return true;
}

/// Takes the departure and how it departs; false when it cannot be repeated this way.
bool readCommon(const QXmlStreamAttributes &a, DemandRepeat::Vehicle &v)
{
    bool numeric = false;
    v.departS = a.value(QLatin1StringView("depart")).toDouble(&numeric);
    if (!numeric || v.departS < 0 || v.departS >= DemandRepeat::kDayS || !std::isfinite(v.departS))
        return false;   // "triggered", "containerTriggered", "begin": departures that are not a time of day
    return readHow(a, v);
}

/// A trip between two roads, perhaps through others (`via`): SUMO routes a vehicle added on two roads that do not
/// meet, as it routes a trip it reads; the plant routes one with via roads or stops itself. Between zones or
/// junctions it cannot be added so.
bool readTrip(const QXmlStreamAttributes &a, DemandRepeat::Vehicle &v)
{
    if (!a.hasAttribute(QLatin1StringView("from")) || !a.hasAttribute(QLatin1StringView("to")))
        return false;
    v.edges = {text(a, QLatin1StringView("from")), text(a, QLatin1StringView("to"))};
    v.via = words(a.value(QLatin1StringView("via")));
    v.trip = true;
    return true;
}

/// A stop on a lane, as TraCI can set it on a vehicle it added: false for one it cannot (a stopping place the
/// package does not define, a trigger, a waypoint).
bool readStop(const QXmlStreamAttributes &a, DemandRepeat::Stop &stop)
{
    static const QStringList known = {QStringLiteral("lane"), QStringLiteral("edge"), QStringLiteral("startPos"), QStringLiteral("endPos"),
                                      QStringLiteral("duration"), QStringLiteral("until"), QStringLiteral("parking"),
                                      QStringLiteral("friendlyPos"), QStringLiteral("actType"), QStringLiteral("line"), QStringLiteral("tripId")};
    for (const QXmlStreamAttribute &attribute : a)
        if (!known.contains(attribute.name().toString()))
            return false;
    if (a.hasAttribute(QLatin1StringView("lane"))) {
        const SumoLaneRef lane = splitLaneId(text(a, QLatin1StringView("lane")));
        if (!lane.indexed)
            return false;
        stop.edge = lane.edge;
        stop.laneIndex = lane.index;
    } else if (a.hasAttribute(QLatin1StringView("edge"))) {
        stop.edge = text(a, QLatin1StringView("edge"));
    }
    if (stop.edge.empty())
        return false;
    const auto number = [&a](QLatin1StringView name, std::optional<double> &into) {
        if (!a.hasAttribute(name))
            return true;
        bool ok = false;
        const double value = a.value(name).toDouble(&ok);
        if (ok && std::isfinite(value))
            into = value;
        return ok && std::isfinite(value);
    };
    if (!number(QLatin1StringView("endPos"), stop.endPosM) || !number(QLatin1StringView("startPos"), stop.startPosM)
        || !number(QLatin1StringView("duration"), stop.durationS) || !number(QLatin1StringView("until"), stop.untilS))
        return false;
    if ((stop.durationS && *stop.durationS < 0) || (stop.untilS && (*stop.untilS < 0 || *stop.untilS >= 2 * DemandRepeat::kDayS)))
        return false;
    const QStringView parking = a.value(QLatin1StringView("parking"));
    if (!parking.isEmpty() && parking != u"true" && parking != u"false" && parking != u"1" && parking != u"0")
        return false;   // "opportunistic" and the like
    stop.parking = parking == u"true" || parking == u"1";
    return true;
}

/// A vehicle's or flow's route: named, or its own inside, with its stops on lanes and params, nothing else (people
/// riding along would be lost). Reads to the element's end.
bool readRoute(QXmlStreamReader &in, const QXmlStreamAttributes &a, DemandRepeat::Vehicle &v)
{
    v.route = text(a, QLatin1StringView("route"));
    bool ok = true;
    while (in.readNextStartElement()) {
        if (in.name() == u"route" && v.route.empty() && v.edges.empty()) {
            v.edges = words(in.attributes().value(QLatin1StringView("edges")));
            // A route's own stops are the vehicle's.
            while (in.readNextStartElement()) {
                DemandRepeat::Stop stop;
                ok = ok && in.name() == u"stop" && readStop(in.attributes(), stop);
                v.stops.push_back(std::move(stop));
                in.skipCurrentElement();
            }
            continue;
        }
        if (in.name() == u"stop") {
            DemandRepeat::Stop stop;
            ok = ok && readStop(in.attributes(), stop);
            v.stops.push_back(std::move(stop));
        } else if (in.name() != u"param") {
            ok = false;
        }
        in.skipCurrentElement();
    }
    return ok && (v.edges.empty() != v.route.empty());
}

/// A trip's stops on lanes, and params; false for anything else inside (it would be lost). Reads to the element's end.
bool readTripInside(QXmlStreamReader &in, DemandRepeat::Vehicle &v)
{
    bool ok = true;
    while (in.readNextStartElement()) {
        if (in.name() == u"stop") {
            DemandRepeat::Stop stop;
            ok = ok && readStop(in.attributes(), stop);
            v.stops.push_back(std::move(stop));
        } else {
            ok = ok && in.name() == u"param";
        }
        in.skipCurrentElement();
    }
    return ok;
}

/// FNV-1a: a flow's own seed for its drawn departures, the same in every run.
std::uint64_t seedOf(const std::string &id)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : id)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

} // namespace

Result<DemandRepeat> DemandRepeat::fromDay(const QByteArray &routeFile, int firstDay)
{
    DemandRepeat repeat;
    repeat.m_firstDay = std::max(0, firstDay);
    QXmlStreamReader in(routeFile);
    if (!in.readNextStartElement() || in.name() != u"routes")
        return makeError(QStringLiteral("the demand is not a SUMO route file (no <routes>)"));
    while (in.readNextStartElement()) {
        const QString element = in.name().toString();
        const QXmlStreamAttributes a = in.attributes();
        Vehicle v;
        bool ok = false;
        if (element == u"trip") {
            ok = readTrip(a, v) && readCommon(a, v);
            ok = readTripInside(in, v) && ok;
        } else if (element == u"vehicle") {
            ok = readCommon(a, v);
            ok = readRoute(in, a, v) && ok;
        } else if (element == u"flow") {
            // A flow is its vehicles, each "<flow>.<i>" as SUMO names them. One without an end SUMO goes on with by
            // itself; one running past midnight would overlap with its next day.
            auto schedule = FlowSchedule::read(a);
            const bool trip = a.hasAttribute(QLatin1StringView("from")) || a.hasAttribute(QLatin1StringView("to"));
            ok = readHow(a, v) && (trip ? readTrip(a, v) : true);
            if (trip)
                ok = readTripInside(in, v) && ok;
            else
                ok = readRoute(in, a, v) && ok;
            if (schedule && schedule->span() == FlowSchedule::Span::RunsOn) {
                ++repeat.m_runOn;
                continue;
            }
            ok = ok && schedule && schedule->span() == FlowSchedule::Span::WithinDay;
            if (ok) {
                // One vehicle kept for the flow, and a departure for each of its vehicles: a busy flow is many
                // departures a day, each a few bytes, not a copy of its route.
                const std::vector<double> departures = schedule->departures(seedOf(v.id));
                const auto index = static_cast<std::uint32_t>(repeat.m_vehicles.size());
                for (std::size_t i = 0; i < departures.size(); ++i)
                    repeat.m_departures.push_back({departures[i], index, static_cast<std::int32_t>(i)});
                repeat.m_vehicles.push_back(std::move(v));
                continue;
            }
        } else {
            // vTypes and routes SUMO keeps from the file; people are not repeated.
            const bool definition = element == u"vType" || element == u"route" || element == u"vTypeDistribution"
                                    || element == u"routeDistribution";
            if (!definition)
                ++repeat.m_notRepeated;
            in.skipCurrentElement();
            continue;
        }
        if (ok) {
            repeat.m_departures.push_back({v.departS, static_cast<std::uint32_t>(repeat.m_vehicles.size()), -1});
            repeat.m_vehicles.push_back(std::move(v));
        } else {
            ++repeat.m_notRepeated;
        }
    }
    if (in.hasError())
        return makeError(QStringLiteral("the demand is not well-formed XML (line %1: %2)").arg(in.lineNumber()).arg(in.errorString()));
    std::stable_sort(repeat.m_departures.begin(), repeat.m_departures.end(), [](const Departure &x, const Departure &y) { return x.departS < y.departS; });
    return repeat;
}

std::vector<std::string> DemandRepeat::Vehicle::routedThrough() const
{
    if (!trip)
        return {};
    if (!via.empty())
        return via;   // SUMO: via takes precedence over the stops' roads (which must then lie on the way)
    std::vector<std::string> through;
    for (const Stop &stop : stops)
        if (through.empty() || through.back() != stop.edge)
            through.push_back(stop.edge);
    return through;
}

std::vector<DemandRepeat::Due> DemandRepeat::due(double afterS, double untilS) const
{
    std::vector<Due> out;
    if (!(untilS > afterS) || m_departures.empty())
        return out;
    for (auto day = static_cast<long long>(std::floor(afterS / kDayS)); day <= static_cast<long long>(std::floor(untilS / kDayS)); ++day) {
        if (day < m_firstDay)
            continue;
        const double midnight = static_cast<double>(day) * kDayS;
        // (afterS, untilS] in the day's own time
        const auto after = [](double s, const Departure &d) { return s < d.departS; };
        auto it = std::upper_bound(m_departures.begin(), m_departures.end(), afterS - midnight, after);
        const auto end = std::upper_bound(m_departures.begin(), m_departures.end(), untilS - midnight, after);
        for (; it < end; ++it) {
            const Vehicle &v = m_vehicles[it->vehicle];
            std::string id = "d" + std::to_string(day) + "." + v.id;
            if (it->flowIndex >= 0)
                id += "." + std::to_string(it->flowIndex);   // SUMO's name for a flow's vehicle
            out.push_back({&v, std::move(id), midnight + it->departS});
        }
    }
    return out;
}

} // namespace cityops
