#include "sim/demandrepeat.h"

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

/// Takes the departure and what SUMO's add takes of a trip's or vehicle's attributes; false when it cannot be
/// repeated this way.
bool readCommon(const QXmlStreamAttributes &a, DemandRepeat::Vehicle &v)
{
    bool numeric = false;
    v.departS = a.value(QLatin1StringView("depart")).toDouble(&numeric);
    if (!numeric || v.departS < 0 || v.departS >= DemandRepeat::kDayS || !std::isfinite(v.departS))
        return false;   // "triggered", "containerTriggered", "begin": departures that are not a time of day
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
            // A trip between two roads, no more: SUMO routes a vehicle added on two roads that do not meet, as it
            // routes a trip it reads. Through `via`, or between zones or junctions, it would not.
            const bool plain = a.hasAttribute(QLatin1StringView("from")) && a.hasAttribute(QLatin1StringView("to"))
                               && !a.hasAttribute(QLatin1StringView("via"));
            ok = plain && readCommon(a, v);
            if (ok)
                v.edges = {text(a, QLatin1StringView("from")), text(a, QLatin1StringView("to"))};
            in.skipCurrentElement();
        } else if (element == u"vehicle") {
            ok = readCommon(a, v);
            v.route = text(a, QLatin1StringView("route"));
            // Its own route inside, and nothing else (stops, people riding along would be lost).
            while (in.readNextStartElement()) {
                if (in.name() == u"route" && v.route.empty() && v.edges.empty())
                    v.edges = words(in.attributes().value(QLatin1StringView("edges")));
                else if (in.name() != u"param")
                    ok = false;
                in.skipCurrentElement();
            }
            ok = ok && (v.edges.empty() != v.route.empty());
        } else {
            // vTypes and routes SUMO keeps from the file; what moves on its own (flows, people) is not repeated.
            const bool definition = element == u"vType" || element == u"route" || element == u"vTypeDistribution"
                                    || element == u"routeDistribution";
            if (!definition)
                ++repeat.m_notRepeated;
            in.skipCurrentElement();
            continue;
        }
        if (ok)
            repeat.m_vehicles.push_back(std::move(v));
        else
            ++repeat.m_notRepeated;
    }
    if (in.hasError())
        return makeError(QStringLiteral("the demand is not well-formed XML (line %1: %2)").arg(in.lineNumber()).arg(in.errorString()));
    std::stable_sort(repeat.m_vehicles.begin(), repeat.m_vehicles.end(), [](const Vehicle &x, const Vehicle &y) { return x.departS < y.departS; });
    return repeat;
}

std::vector<DemandRepeat::Due> DemandRepeat::due(double afterS, double untilS) const
{
    std::vector<Due> out;
    if (!(untilS > afterS) || m_vehicles.empty())
        return out;
    for (auto day = static_cast<long long>(std::floor(afterS / kDayS)); day <= static_cast<long long>(std::floor(untilS / kDayS)); ++day) {
        if (day < m_firstDay)
            continue;
        const double midnight = static_cast<double>(day) * kDayS;
        // (afterS, untilS] in the day's own time
        const auto after = [](double s, const Vehicle &v) { return s < v.departS; };
        auto it = std::upper_bound(m_vehicles.begin(), m_vehicles.end(), afterS - midnight, after);
        const auto end = std::upper_bound(m_vehicles.begin(), m_vehicles.end(), untilS - midnight, after);
        for (; it < end; ++it)
            out.push_back({&*it, "d" + std::to_string(day) + "." + it->id, midnight + it->departS});
    }
    return out;
}

} // namespace cityops
