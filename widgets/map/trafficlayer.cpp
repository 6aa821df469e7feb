#include "map/trafficlayer.h"

#include "map/mapstyle.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

/// On screen, the part of a road's line within `metres` of its last point (`fromLast`) or its first, starting
/// there: where traffic stands back from the junction that holds it. Both layers draw standing traffic so.
QPolygonF standingPart(const Road &road, double lengthM, double metres, bool fromLast, const MapViewport &viewport)
{
    GeoLine from = road.line;
    if (fromLast)
        std::reverse(from.begin(), from.end());
    QPolygonF part;
    for (const GeoPoint &p : lineUpTo(from, metres / std::max(1.0, lengthM)))
        part << viewport.toScreen(p);
    return part;
}

} // namespace

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
            const auto &roads = scene().approachRoads(i);
            for (const ApproachTraffic &a : traffic[i].approaches) {
                if (a.queueM == 0 || queueLevel(a) != pass || a.approach >= approaches.size())
                    continue;
                if (const ApproachRoad &r = roads[a.approach]; r.road >= 0) {
                    // Along the street, back from its stop line (its last point, or its first for the other
                    // direction of a two-way street). A lane's queue is counted on that lane, so it ends on this
                    // street: one that 7.5 m a vehicle makes longer than the street is drawn to its start.
                    painter.drawPolyline(standingPart(city.roads[size_t(r.road)], scene().roadShape(size_t(r.road)).lengthM, a.queueM,
                                                      !r.reverse, viewport));
                    continue;
                }
                const QPointF back = MapViewport::backFrom(approaches[a.approach].bearingDeg);   // the way the traffic comes
                painter.drawLine(stopLine, stopLine + back * (a.queueM / metresPerPixel));
            }
        }
    }
    painter.restore();
}

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
            if (pass == RoadLevel::Busy || r.standsAt == RoadEnd::Unknown) {
                painter.drawPolyline(t.map(shape.world));
                continue;
            }
            painter.drawPolyline(standingPart(road, shape.lengthM, roadStandingM(r, road.lanes), r.standsAt == RoadEnd::Last, viewport));
        }
    }
    painter.restore();
}

} // namespace cityops
