#include "city/sumonet.h"

#include <QFile>
#include <QXmlStreamReader>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace cityops {

SumoLaneRef splitLaneId(const std::string &laneId)
{
    const size_t cut = laneId.rfind('_');
    if (cut == std::string::npos || cut + 1 == laneId.size())
        return {laneId, 0, false};
    int index = 0;
    for (size_t k = cut + 1; k < laneId.size(); ++k) {
        if (!std::isdigit(static_cast<unsigned char>(laneId[k])) || index > 100'000)
            return {laneId, 0, false};
        index = index * 10 + (laneId[k] - '0');
    }
    return {laneId.substr(0, cut), index, true};
}

bool isSumoSignalState(QStringView state)
{
    return std::all_of(state.begin(), state.end(), [](QChar c) { return QStringView(u"rRyYgGsuoO").contains(c); });
}

namespace {

constexpr double kDayS = 86400;   // no phase, limit or offset of a real program is longer

std::vector<SumoNet::Point> parseShape(QStringView text, bool *ok)
{
    std::vector<SumoNet::Point> points;
    *ok = true;
    for (QStringView pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const auto comma = pair.indexOf(QLatin1Char(','));
        bool okX = false, okY = false;
        if (comma <= 0) {
            *ok = false;
            return {};
        }
        // SUMO may write x,y,z for 3D nets; z is ignored.
        const auto rest = pair.mid(comma + 1);
        const auto comma2 = rest.indexOf(QLatin1Char(','));
        SumoNet::Point p{pair.left(comma).toDouble(&okX), (comma2 < 0 ? rest : rest.left(comma2)).toDouble(&okY)};
        if (!okX || !okY) {
            *ok = false;
            return {};
        }
        points.push_back(p);
    }
    return points;
}

class NetParser {
public:
    explicit NetParser(const QString &path) : m_path(path) {}

    Result<SumoNet> run()
    {
        QFile file(m_path);
        if (!file.exists())
            return makeError(QStringLiteral("%1 does not exist").arg(m_path));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
        m_xml.setDevice(&file);

        if (!m_xml.readNextStartElement())
            return xmlError(QStringLiteral("empty or not an XML document"));
        if (m_xml.name() != QLatin1String("net"))
            return makeError(QStringLiteral("%1 is not a SUMO network: its root element is <%2>, expected <net>")
                                 .arg(m_path, m_xml.name().toString()));
        bool haveLocation = false;
        while (m_xml.readNextStartElement()) {
            const auto name = m_xml.name();
            if (name == QLatin1String("location")) {
                if (auto s = readLocation(); !s)
                    return makeError(s.error());
                haveLocation = true;
            } else if (name == QLatin1String("edge")) {
                if (auto s = readEdge(); !s)
                    return makeError(s.error());
            } else if (name == QLatin1String("junction")) {
                readJunction();
            } else if (name == QLatin1String("tlLogic")) {
                if (auto s = readTlLogic(); !s)
                    return makeError(s.error());
            } else if (name == QLatin1String("connection")) {
                readConnection();
            } else {
                m_xml.skipCurrentElement();
            }
        }
        if (m_xml.hasError())
            return xmlError(m_xml.errorString());
        if (!haveLocation)
            return makeError(QStringLiteral("%1 has no <location> element, so it has no geo-reference").arg(m_path));
        if (m_net.edges.empty())
            return makeError(QStringLiteral("%1 contains no road edges").arg(m_path));
        return std::move(m_net);
    }

private:
    Error xmlError(const QString &what) const
    {
        return makeError(QStringLiteral("%1 is not a well-formed SUMO network (line %2, column %3): %4")
                             .arg(m_path).arg(m_xml.lineNumber()).arg(m_xml.columnNumber()).arg(what));
    }

    Status readLocation()
    {
        const auto attrs = m_xml.attributes();
        m_net.projection = attrs.value(QLatin1String("projParameter")).toString();
        auto zone = parseUtmProjection(m_net.projection);
        if (!zone)
            return makeError(QStringLiteral("%1: %2").arg(m_path, zone.error()));
        m_net.zone = zone.value();
        const auto offset = attrs.value(QLatin1String("netOffset")).split(QLatin1Char(','));
        bool okX = false, okY = false;
        if (offset.size() == 2) {
            m_net.offsetX = offset[0].toDouble(&okX);
            m_net.offsetY = offset[1].toDouble(&okY);
        }
        if (!okX || !okY)
            return makeError(QStringLiteral("%1: <location> has an invalid netOffset").arg(m_path));
        m_xml.skipCurrentElement();
        return Ok{};
    }

    Status readEdge()
    {
        const auto attrs = m_xml.attributes();
        const bool internal = !attrs.value(QLatin1String("function")).isEmpty();
        SumoNet::Edge edge;
        edge.id = attrs.value(QLatin1String("id")).toString();
        edge.from = attrs.value(QLatin1String("from")).toString();
        edge.to = attrs.value(QLatin1String("to")).toString();
        edge.name = attrs.value(QLatin1String("name")).toString();
        edge.type = attrs.value(QLatin1String("type")).toString();
        bool ok = true;
        if (attrs.hasAttribute(QLatin1String("shape")))
            edge.shape = parseShape(attrs.value(QLatin1String("shape")), &ok);
        if (!ok)
            return makeError(QStringLiteral("%1 line %2: edge %3 has a malformed shape").arg(m_path).arg(m_xml.lineNumber()).arg(edge.id));
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == QLatin1String("lane")) {
                if (edge.lanes == 0) {
                    const double speed = m_xml.attributes().value(QLatin1String("speed")).toDouble(&ok);
                    if (ok && speed > 0)
                        edge.speedMs = speed;
                }
                ++edge.lanes;
            }
            m_xml.skipCurrentElement();
        }
        if (!internal && !edge.id.isEmpty()) {
            m_net.edgeIndex.insert(edge.id, static_cast<int>(m_net.edges.size()));
            m_net.edges.push_back(std::move(edge));
        }
        return Ok{};
    }

    void readJunction()
    {
        const auto attrs = m_xml.attributes();
        SumoNet::Junction j;
        j.id = attrs.value(QLatin1String("id")).toString();
        j.type = attrs.value(QLatin1String("type")).toString();
        bool okX = false, okY = false;
        j.position = {attrs.value(QLatin1String("x")).toDouble(&okX), attrs.value(QLatin1String("y")).toDouble(&okY)};
        m_xml.skipCurrentElement();
        if (j.type == QLatin1String("internal") || !okX || !okY || j.id.isEmpty())
            return;
        m_net.junctionIndex.insert(j.id, static_cast<int>(m_net.junctions.size()));
        m_net.junctions.push_back(std::move(j));
    }

    Status readTlLogic()
    {
        const auto attrs = m_xml.attributes();
        SumoNet::TlLogic logic;
        logic.id = attrs.value(QLatin1String("id")).toString();
        logic.type = attrs.value(QLatin1String("type")).toString();
        logic.programId = attrs.value(QLatin1String("programID")).toString();
        logic.offset = attrs.value(QLatin1String("offset")).toDouble();
        if (!(std::abs(logic.offset) <= kDayS))
            return makeError(QStringLiteral("%1 line %2: traffic light %3 has an offset that is not within a day")
                                 .arg(m_path).arg(m_xml.lineNumber()).arg(logic.id));
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == QLatin1String("phase")) {
                const auto p = m_xml.attributes();
                SumoNet::Phase phase;
                bool ok = false;
                phase.duration = p.value(QLatin1String("duration")).toDouble(&ok);
                phase.state = p.value(QLatin1String("state")).toString();
                phase.minDur = p.value(QLatin1String("minDur")).toDouble();
                phase.maxDur = p.value(QLatin1String("maxDur")).toDouble();
                if (!ok || !(phase.duration > 0 && phase.duration <= kDayS) || phase.state.isEmpty())
                    return makeError(QStringLiteral("%1 line %2: traffic light %3 has a phase without valid duration/state")
                                         .arg(m_path).arg(m_xml.lineNumber()).arg(logic.id));
                // As SUMO itself refuses them (found by tests/fuzz): a state letter SUMO does not know, a phase
                // with more or fewer states than the program's first, times beyond a day.
                if (!isSumoSignalState(phase.state))
                    return makeError(QStringLiteral("%1 line %2: traffic light %3 has a phase state \"%4\" with a letter SUMO does not know (%5)")
                                         .arg(m_path).arg(m_xml.lineNumber()).arg(logic.id, phase.state.left(64), QLatin1String(kSumoStateLetters)));
                if (!logic.phases.empty() && phase.state.size() != logic.phases.front().state.size())
                    return makeError(QStringLiteral("%1 line %2: traffic light %3 has a phase of %4 signal states where its first has %5")
                                         .arg(m_path).arg(m_xml.lineNumber()).arg(logic.id).arg(phase.state.size())
                                         .arg(logic.phases.front().state.size()));
                if (!(phase.minDur >= 0 && phase.minDur <= kDayS && phase.maxDur >= 0 && phase.maxDur <= kDayS))
                    return makeError(QStringLiteral("%1 line %2: traffic light %3 has a phase whose minDur or maxDur is not 0 to %4 s")
                                         .arg(m_path).arg(m_xml.lineNumber()).arg(logic.id).arg(kDayS));
                logic.phases.push_back(phase);
            }
            m_xml.skipCurrentElement();
        }
        if (!logic.phases.empty())
            m_net.tlLogics.push_back(std::move(logic));
        return Ok{};
    }

    void readConnection()
    {
        const auto attrs = m_xml.attributes();
        const QString tl = attrs.value(QLatin1String("tl")).toString();
        if (!tl.isEmpty()) {
            SumoNet::TlControl &control = m_net.tlControls[tl];
            const QString from = attrs.value(QLatin1String("from")).toString();
            if (!control.fromEdges.contains(from))
                control.fromEdges.append(from);
            const int index = attrs.value(QLatin1String("linkIndex")).toInt();
            control.maxLinkIndex = std::max(control.maxLinkIndex, index);
            const QString dir = attrs.value(QLatin1String("dir")).toString();
            control.links.push_back({index, from, dir.isEmpty() ? QChar(u's') : dir.front()});
        }
        m_xml.skipCurrentElement();
    }

    QString m_path;
    QXmlStreamReader m_xml;
    SumoNet m_net;
};

} // namespace

Result<SumoNet> parseSumoNet(const QString &path) { return NetParser(path).run(); }

} // namespace cityops
