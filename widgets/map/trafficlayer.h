#pragma once

#include "map/maplayer.h"

#include <vector>

namespace cityops {

/// Queues on the signals' approaches (co-simulation with SUMO): from each stop line a line back along the way the
/// traffic comes, as long as the queue on the approach's longest lane, so the map shows where the city stands
/// still. Quiet grey for the queues a signal makes, amber and wider for congestion, red and widest for a queue that
/// spills back (ISA-101: only abnormal congestion gets colour). Nothing is drawn for a signal that is not
/// reporting or whose traffic is not measured.
///
/// The line is straight, along the approach's arrival bearing: the console has the stop line and the direction
/// of each approach, not the shape of the road behind it; on a bending street a long queue is drawn as its chord.
class TrafficLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("traffic"); }
    QString title() const override;
    int zValue() const override { return 45; }   // over the lamps and feeders, under the signals
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

} // namespace cityops
