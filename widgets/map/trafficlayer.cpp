#include "map/trafficlayer.h"

#include "map/mapstyle.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace cityops {

QString TrafficLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Queues"); }

void TrafficLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &traffic = scene().traffic;
    if (traffic.empty() || viewport.zoom() < 13.0)
        return;
    const auto &city = scene().city();
    const QRectF visible = viewport.visibleWorld(200);
    const double metresPerPixel = viewport.metresPerPixel();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Normal queues first, so congestion is drawn over them where approaches meet.
    for (const QueueLevel pass : {QueueLevel::Normal, QueueLevel::Long, QueueLevel::Spillback}) {
        painter.setPen(QPen(mapstyle::queueColor(pass), mapstyle::queueWidthPx(pass, viewport.zoom()), Qt::SolidLine, Qt::FlatCap));
        for (size_t i = 0; i < traffic.size() && i < city.signals.size(); ++i) {
            const DeviceIndex device = city.signals[i].device;
            if (traffic[i].timeMs == 0 || !scene().states[device].online)
                continue;
            const QPointF w = scene().deviceWorld()[device];
            if (!visible.contains(w))
                continue;
            const QPointF stopLine = viewport.worldToScreen(w);
            const auto &approaches = scene().approaches(i);
            for (const ApproachTraffic &a : traffic[i].approaches) {
                if (a.queueM == 0 || queueLevel(a) != pass || a.approach >= approaches.size())
                    continue;
                const QPointF back = MapViewport::backFrom(approaches[a.approach].bearingDeg);   // the way the traffic comes
                painter.drawLine(stopLine, stopLine + back * (a.queueM / metresPerPixel));
            }
        }
    }
    painter.restore();
}

namespace {

/// The part of `line` within `fraction` (0-1) of its length from its last point (`atLast`) or its first, in the
/// line's own direction.
QPolygonF endPart(const QPolygonF &line, double fraction, bool atLast)
{
    if (fraction >= 1.0 || line.size() < 2)
        return line;
    QPolygonF from = line;
    if (atLast)
        std::reverse(from.begin(), from.end());
    double total = 0;
    for (qsizetype i = 1; i < from.size(); ++i)
        total += QLineF(from[i - 1], from[i]).length();
    double left = std::max(0.0, fraction) * total;
    QPolygonF part{from.front()};
    for (qsizetype i = 1; i < from.size() && left > 0; ++i) {
        const QLineF segment(from[i - 1], from[i]);
        if (segment.length() >= left) {
            part << segment.pointAt(left / segment.length());
            break;
        }
        part << from[i];
        left -= segment.length();
    }
    return part;
}

} // namespace

QString RoadTrafficLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Road traffic"); }

void RoadTrafficLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const TrafficBook::Roads &roads = scene().roads;
    if (!roads.current(scene().nowMs))
        return;
    const auto &city = scene().city();
    const QRectF visible = viewport.visibleWorld(50);
    const QTransform t = viewport.worldTransform();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (const RoadLevel pass : {RoadLevel::Busy, RoadLevel::Long, RoadLevel::Spillback}) {
        QPen pen(mapstyle::roadTrafficColor(pass), mapstyle::roadTrafficWidthPx(pass, viewport.zoom()), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(pen);
        for (const RoadTraffic &r : roads.roads) {
            if (r.road >= city.roads.size())
                continue;
            const Road &road = city.roads[r.road];
            const CityMirror::RoadShape &shape = scene().roadShape(r.road);
            if (shape.world.size() < 2 || !visible.intersects(shape.bounds)
                || roadLevel(r, shape.lengthM, road.lanes, road.oneway) != pass)
                continue;
            // Standing traffic is drawn as far back as it stands from the junction that holds it; a busy road and a
            // line whose end was not said, along the whole road.
            if (pass == RoadLevel::Busy || r.standsAt == RoadEnd::Unknown)
                painter.drawPolyline(t.map(shape.world));
            else
                painter.drawPolyline(t.map(endPart(shape.world, roadStandingM(r, road.lanes) / std::max(1.0, shape.lengthM),
                                                   r.standsAt == RoadEnd::Last)));
        }
    }
    painter.restore();
}

} // namespace cityops
