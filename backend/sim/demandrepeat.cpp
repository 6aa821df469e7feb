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

/// Whether the element has no attribute but these.
bool onlyAttributes(const QXmlStreamAttributes &a, std::initializer_list<QLatin1StringView> known)
{
    return std::all_of(a.begin(), a.end(), [&known](const QXmlStreamAttribute &attribute) {
        return std::find(known.begin(), known.end(), attribute.name()) != known.end();
    });
}

/// A number the attribute holds, if it is there: false when it is there and not a finite number.
bool optionalNumber(const QXmlStreamAttributes &a, QLatin1StringView name, std::optional<double> &into)
{
    if (!a.hasAttribute(name))
        return true;
    bool ok = false;
    const double value = a.value(name).toDouble(&ok);
    if (ok && std::isfinite(value))
        into = value;
    return ok && std::isfinite(value);
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
    if (!optionalNumber(a, QLatin1StringView("endPos"), stop.endPosM) || !optionalNumber(a, QLatin1StringView("startPos"), stop.startPosM)
        || !optionalNumber(a, QLatin1StringView("duration"), stop.durationS) || !optionalNumber(a, QLatin1StringView("until"), stop.untilS))
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

/// One step of a person's plan that TraCI can add (see PersonStage); false for any other (a ride, a trip by another
/// mode, a stop at a stopping place or until a time of day, a walk to a bus stop).
bool readPersonStage(const QXmlStreamReader &in, const std::string &standingOn, DemandRepeat::PersonStage &stage)
{
    const QXmlStreamAttributes a = in.attributes();
    using K = QLatin1StringView;
    if (in.name() == u"walk" || in.name() == u"personTrip") {
        const bool walk = in.name() == u"walk";
        // A trip on foot is a walk; by any other mode it would need the lines and cars of its day.
        if (!walk && !a.value(K("modes")).trimmed().isEmpty())
            return false;
        if (!(walk ? onlyAttributes(a, {K("edges"), K("from"), K("to"), K("arrivalPos"), K("speed"), K("duration")})
                   : onlyAttributes(a, {K("from"), K("to"), K("arrivalPos"), K("modes")})))
            return false;
        if (a.hasAttribute(K("edges"))) {
            stage.edges = words(a.value(K("edges")));
        } else if (a.hasAttribute(K("to"))) {
            stage.routed = true;
            const std::string from = a.hasAttribute(K("from")) ? text(a, K("from")) : standingOn;
            stage.edges = {from, text(a, K("to"))};
            if (a.hasAttribute(K("duration")))
                return false;   // a time of its own for a way not yet found
        }
        if (stage.edges.empty() || stage.edges.front().empty() || stage.edges.back().empty()
            || (!standingOn.empty() && stage.edges.front() != standingOn))
            return false;   // not where the person stands: SUMO would not take the plan
        return optionalNumber(a, K("arrivalPos"), stage.arrivalPosM) && optionalNumber(a, K("speed"), stage.speedMps)
               && optionalNumber(a, K("duration"), stage.durationS) && (!stage.speedMps || *stage.speedMps > 0)
               && (!stage.durationS || *stage.durationS > 0);
    }
    if (in.name() == u"stop") {
        // A wait where the person stands, for a time (TraCI's waiting stage has no place or time of day of its own).
        stage.kind = DemandRepeat::PersonStage::Kind::Wait;
        if (!onlyAttributes(a, {K("lane"), K("edge"), K("duration"), K("actType"), K("friendlyPos")}))
            return false;
        const SumoLaneRef lane = splitLaneId(text(a, K("lane")));
        if (a.hasAttribute(K("lane")) && !lane.indexed)
            return false;
        const std::string edge = a.hasAttribute(K("lane")) ? lane.edge : text(a, K("edge"));
        stage.edges = {edge};
        return !edge.empty() && (standingOn.empty() || edge == standingOn) && optionalNumber(a, K("duration"), stage.durationS)
               && stage.durationS && *stage.durationS >= 0;
    }
    return false;
}

/// A person whose day TraCI can add: walks and waits (readPersonStage) and params. Reads to the element's end.
bool readPerson(QXmlStreamReader &in, const QXmlStreamAttributes &a, DemandRepeat::Person &person)
{
    person.id = text(a, QLatin1StringView("id"));
    bool numeric = false;
    person.departS = a.value(QLatin1StringView("depart")).toDouble(&numeric);
    bool ok = !person.id.empty() && numeric && std::isfinite(person.departS) && person.departS >= 0 && person.departS < DemandRepeat::kDayS;
    if (a.hasAttribute(QLatin1StringView("type")))
        person.type = text(a, QLatin1StringView("type"));
    std::optional<double> departPos;
    ok = ok && optionalNumber(a, QLatin1StringView("departPos"), departPos) && departPos.value_or(0) >= 0;
    person.departPosM = departPos.value_or(0);
    std::string standingOn;   // where the last step left it
    while (in.readNextStartElement()) {
        if (in.name() != u"param") {
            DemandRepeat::PersonStage stage;
            ok = ok && readPersonStage(in, standingOn, stage);
            if (ok) {
                standingOn = stage.edges.back();
                person.stages.push_back(std::move(stage));
            }
        }
        in.skipCurrentElement();
    }
    return ok && !person.stages.empty();
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
        } else if (element == u"person") {
            Person person;
            if (readPerson(in, a, person))
                repeat.m_people.push_back(std::move(person));
            else
                ++repeat.m_notRepeated;
            continue;
        } else {
            // vTypes and routes SUMO keeps from the file; groups of people, containers are not repeated.
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
    std::stable_sort(repeat.m_people.begin(), repeat.m_people.end(), [](const Person &x, const Person &y) { return x.departS < y.departS; });
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
    if (!(untilS > afterS) || (m_departures.empty() && m_people.empty()))
        return out;
    for (auto day = static_cast<long long>(std::floor(afterS / kDayS)); day <= static_cast<long long>(std::floor(untilS / kDayS)); ++day) {
        const double midnight = static_cast<double>(day) * kDayS;
        const std::size_t dayStart = out.size();
        const std::string prefix = "d" + std::to_string(day) + ".";
        // (afterS, untilS] in the day's own time
        const auto after = [](double s, const auto &d) { return s < d.departS; };
        if (day >= m_firstDay) {
            auto it = std::upper_bound(m_departures.begin(), m_departures.end(), afterS - midnight, after);
            const auto end = std::upper_bound(m_departures.begin(), m_departures.end(), untilS - midnight, after);
            for (; it < end; ++it) {
                const Vehicle &v = m_vehicles[it->vehicle];
                std::string id = prefix + v.id;
                if (it->flowIndex >= 0)
                    id += "." + std::to_string(it->flowIndex);   // SUMO's name for a flow's vehicle
                out.push_back({&v, std::move(id), midnight + it->departS});
            }
        }
        if (day >= kFirstPeopleDay) {
            const std::size_t people = out.size();
            auto p = std::upper_bound(m_people.begin(), m_people.end(), afterS - midnight, after);
            const auto end = std::upper_bound(m_people.begin(), m_people.end(), untilS - midnight, after);
            for (; p < end; ++p)
                out.push_back({nullptr, prefix + p->id, midnight + p->departS, &*p});
            // The day's vehicles and people, each already in departure order, merged into one.
            std::inplace_merge(out.begin() + static_cast<std::ptrdiff_t>(dayStart), out.begin() + static_cast<std::ptrdiff_t>(people), out.end(),
                               [](const Due &x, const Due &y) { return x.departS < y.departS; });
        }
    }
    return out;
}

} // namespace cityops
