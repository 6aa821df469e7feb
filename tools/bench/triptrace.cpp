#include "triptrace.h"

#include <QFile>
#include <QXmlStreamReader>

#include <algorithm>

namespace cityops::bench {

namespace {

/// "edge_2" → "edge"; ":J_4_0" → ":J_4" (lane ids end in their index; ids themselves may hold underscores).
QString edgeOfLane(const QString &lane) { return lane.left(lane.lastIndexOf(u'_')); }

/// ":J_4" → "J" (an internal road is its junction's id, then its own index).
QString junctionOfInternalEdge(const QString &edge) { return edge.mid(1, edge.lastIndexOf(u'_') - 1); }

} // namespace

Result<SignalApproaches> SignalApproaches::read(const QString &networkFile)
{
    QFile f(networkFile);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the network %1: %2").arg(networkFile, f.errorString()));
    SignalApproaches net;
    QHash<QString, QString> edgeTo;   // road → the junction at its far end
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto a = xml.attributes();
        if (xml.name() == u"edge" && a.value(QStringLiteral("function")) != u"internal")
            edgeTo.insert(a.value(QStringLiteral("id")).toString(), a.value(QStringLiteral("to")).toString());
        else if (xml.name() == u"lane")
            net.laneSpeed.insert(a.value(QStringLiteral("id")).toString(), a.value(QStringLiteral("speed")).toDouble());
        else if (xml.name() == u"junction" && a.value(QStringLiteral("type")).startsWith(u"traffic_light"))   // also _right_on_red, _unregulated
            net.signalJunctions.insert(a.value(QStringLiteral("id")).toString());
    }
    if (xml.hasError())
        return makeError(QStringLiteral("the network %1 is not readable XML: %2").arg(networkFile, xml.errorString()));
    for (auto it = edgeTo.cbegin(); it != edgeTo.cend(); ++it)
        if (net.signalJunctions.contains(it.value()))
            net.approachEdges.insert(it.key());
    return net;
}

Result<TimeLossSplit> splitTimeLoss(const QString &fcdFile, const QString &vehicle, double speedFactor, const SignalApproaches &network)
{
    QFile f(fcdFile);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the trace %1: %2").arg(fcdFile, f.errorString()));
    if (!(speedFactor > 0))
        return makeError(QStringLiteral("a speed factor must be above 0 (got %1)").arg(speedFactor));
    TimeLossSplit split;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != u"vehicle")
            continue;
        const auto a = xml.attributes();
        if (a.value(QStringLiteral("id")) != vehicle)
            continue;
        const QString lane = a.value(QStringLiteral("lane")).toString();
        const auto limit = network.laneSpeed.constFind(lane);
        if (limit == network.laneSpeed.cend() || *limit <= 0)
            return makeError(QStringLiteral("the trace names lane \"%1\", which the network does not have").arg(lane));
        const double loss = std::max(0.0, 1.0 - a.value(QStringLiteral("speed")).toDouble() / (*limit * speedFactor));
        const QString edge = edgeOfLane(lane);
        const bool atSignal = edge.startsWith(u':') ? network.signalJunctions.contains(junctionOfInternalEdge(edge))
                                                    : network.approachEdges.contains(edge);
        (atSignal ? split.atSignalsS : split.elsewhereS) += loss;
        ++split.seconds;
    }
    if (xml.hasError())
        return makeError(QStringLiteral("the trace %1 is not readable XML: %2").arg(fcdFile, xml.errorString()));
    return split;
}

} // namespace cityops::bench
