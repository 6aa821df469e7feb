#pragma once

#include "map/maplayer.h"

namespace cityops {

/// The tracked emergency vehicles (the fleet's location feed): a vehicle on its way is an arrow pointing where it
/// drives, with the rest of its route as a line to its destination; a parked one (at its station, at a scene) a
/// square. A route being planned in the green-wave dialog is drawn dashed, with its signals ringed, before it is
/// sent. Neutral light tones: a vehicle is information, not an alarm (ISA-101); the held signals show the wave.
/// Call signs from zoom 14.
class VehicleLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("vehicles"); }
    QString title() const override;
    int zValue() const override { return 65; }   // over the incidents: the vehicle going to one stays visible
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &viewport, const QPointF &pos, double radiusPx) const override;
};

} // namespace cityops
