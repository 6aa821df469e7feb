#include "map/vehiclelayer.h"

#include "map/mapstyle.h"

#include <QCoreApplication>
#include <QPainterPath>

#include <cmath>

namespace cityops {
namespace {

QPolygonF screenLine(const GeoLine &line, const MapViewport &viewport)
{
    QPolygonF out;
    out.reserve(qsizetype(line.size()));
    for (const GeoPoint &p : line)
        out << viewport.toScreen(p);
    return out;
}

/// An arrow pointing along the compass heading, centred on `at`.
QPolygonF arrow(const QPointF &at, double headingDeg, double size)
{
    const double a = headingDeg * M_PI / 180.0;
    const QPointF ahead(std::sin(a), -std::cos(a)), side(std::cos(a), std::sin(a));
    return QPolygonF{at + ahead * size, at - ahead * (size * 0.6) + side * (size * 0.7), at - ahead * (size * 0.25),
                     at - ahead * (size * 0.6) - side * (size * 0.7)};
}

} // namespace

std::optional<MapSelection> VehicleLayer::hitTest(const MapViewport &viewport, const QPointF &pos, double radiusPx) const
{
    double best = (radiusPx + 8) * (radiusPx + 8);   // the symbol is bigger than a device's dot
    std::optional<MapSelection> hit;
    for (const VehicleBook::Vehicle &v : scene().vehicles) {
        const QPointF d = viewport.toScreen(v.report.position) - pos;
        if (const double d2 = d.x() * d.x() + d.y() * d.y(); d2 <= best) {
            best = d2;
            hit = MapSelection{MapSelection::Kind::Vehicle, vehicleKey(v.report.id)};
        }
    }
    return hit;
}

QString VehicleLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Emergency vehicles"); }

void VehicleLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &vehicles = scene().vehicles;
    const PlannedRoute &plan = scene().plannedRoute;
    if (vehicles.empty() && plan.line.empty())
        return;
    const double scale = viewport.zoom() >= 15 ? 1.3 : viewport.zoom() >= 13 ? 1.0 : 0.8;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Routes first, under every vehicle: a dark casing keeps the light line readable over roads.
    for (const VehicleBook::Vehicle &v : vehicles) {
        if (v.report.parked || v.report.route.size() < 2)
            continue;
        const QPolygonF line = screenLine(v.report.route, viewport);
        painter.setPen(QPen(mapstyle::background(), 6 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(line);
        painter.setPen(QPen(mapstyle::vehicleRoute(), 3 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(line);
    }
    if (plan.line.size() >= 2) {
        const QPolygonF line = screenLine(plan.line, viewport);
        painter.setPen(QPen(mapstyle::background(), 6 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(line);
        painter.setPen(QPen(mapstyle::vehicleRoute(), 3 * scale, Qt::DashLine, Qt::FlatCap, Qt::RoundJoin));
        painter.drawPolyline(line);
        // The signals the wave would take, each ringed; the destination a flag of a square.
        painter.setPen(QPen(mapstyle::vehicleRoute(), 2 * scale));
        painter.setBrush(Qt::NoBrush);
        for (const SignalAhead &s : plan.signals)
            if (s.signal < scene().city().signals.size())
                painter.drawEllipse(viewport.worldToScreen(scene().deviceWorld()[scene().city().signals[s.signal].device]), 9 * scale, 9 * scale);
        const QPointF end = viewport.toScreen(plan.destination);
        painter.setBrush(mapstyle::vehicleRoute());
        painter.drawRect(QRectF(end - QPointF(5, 5) * scale, QSizeF(10, 10) * scale));
    }
    QFont font = painter.font();
    font.setPixelSize(12);
    font.setBold(true);
    painter.setFont(font);
    for (const VehicleBook::Vehicle &v : vehicles) {
        const QPointF at = viewport.toScreen(v.report.position);
        painter.setPen(QPen(mapstyle::background(), 1.5));
        painter.setBrush(mapstyle::vehicleFill());
        if (v.report.parked)
            painter.drawRect(QRectF(at - QPointF(6, 6) * scale, QSizeF(12, 12) * scale));
        else
            painter.drawPolygon(arrow(at, v.report.headingDeg, 11 * scale));
        if (viewport.zoom() >= 14) {
            painter.setPen(mapstyle::vehicleFill());
            painter.drawText(at + QPointF(12 * scale, 4), v.report.id);
        }
    }
    painter.restore();
}

} // namespace cityops
