#include "map/basemaplayers.h"

#include "labels.h"
#include "map/mapstyle.h"

#include <QCoreApplication>

namespace cityops {

QString DistrictLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Districts"); }
QString RoadLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Roads"); }

void DistrictLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const QTransform t = viewport.worldTransform();
    painter.save();
    QPen edge(mapstyle::districtEdge(), 1.5, Qt::DashLine);
    edge.setCosmetic(true);
    painter.setPen(edge);
    painter.setBrush(mapstyle::districtFill());
    for (const QPolygonF &poly : scene().districtPolygons())
        painter.drawPolygon(t.map(poly));

    if (!m_names) {
        painter.restore();
        return;
    }
    // Names large enough to read across a control room, fading out when zoomed in close.
    QFont font = painter.font();
    font.setPixelSize(std::clamp(static_cast<int>(viewport.zoom() * 1.6), 14, 28));
    font.setBold(true);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.5);
    painter.setFont(font);
    painter.setPen(mapstyle::districtLabel());
    const auto &districts = scene().city().districts;
    for (size_t i = 0; i < districts.size(); ++i) {
        const QPointF at = viewport.worldToScreen(scene().districtLabelPoints()[i]);
        const QRectF box(at.x() - 200, at.y() - 20, 400, 40);
        painter.drawText(box, Qt::AlignCenter, Labels::district(scene().city(), int(i)).toUpper());
    }
    painter.restore();
}

void RoadLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const QTransform t = viewport.worldTransform();
    painter.save();
    painter.setBrush(Qt::NoBrush);
    for (int c = kRoadClassCount - 1; c >= 0; --c) {
        const auto cls = static_cast<RoadClass>(c);
        if (cls == RoadClass::Path && viewport.zoom() < 15.5)
            continue; // footpaths only when close enough to matter
        QPen pen(mapstyle::roadColor(cls), mapstyle::roadWidthPx(cls, viewport.zoom()));
        pen.setCosmetic(true);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        if (cls == RoadClass::Rail || cls == RoadClass::Path)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawPath(t.map(scene().roadPath(cls)));
    }
    painter.restore();
}

} // namespace cityops
