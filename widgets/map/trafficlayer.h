#pragma once

#include "map/maplayer.h"

#include <vector>

namespace cityops {

/// Queues on the signals' approaches (co-simulation with SUMO): from each stop line back along the street the
/// traffic comes on, following its shape, as long as the queue on the approach's longest lane, so the map shows
/// where the city stands still. Quiet grey for the queues a signal makes, amber and wider for congestion, red and
/// widest for a queue that spills back (ISA-101: only abnormal congestion gets colour). Nothing is drawn for a
/// signal that is not reporting or whose traffic is not measured.
///
/// In a package made before the movements' incoming edges were stored the street is not known: the queue is drawn
/// straight back from the signal along the approach's arrival bearing.
class TrafficLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("traffic"); }
    QString title() const override;
    int zValue() const override { return 45; }   // over the lamps and feeders, under the signals
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

/// Traffic on the city's roads (co-simulation with SUMO): each road segment with vehicles on it — quiet grey along
/// its whole length where it is at least a quarter full; amber where traffic stands a block long (per lane,
/// kLongQueueM), red where it stands two (kSpillbackQueueM), drawn as far back as it stands from the end that holds
/// it (the whole road when the picture does not say which end) — the same lengths as the approaches' queues, so
/// both layers tell one story (ISA-101: moving traffic, however dense, is not an alarm). Nothing is drawn from a
/// picture older than kRoadTrafficStaleMs (the traffic simulation stopped): old congestion is not shown as current.
class RoadTrafficLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("roadtraffic"); }
    QString title() const override;
    int zValue() const override { return 44; }   // under the queues, over the roads and lamps
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

} // namespace cityops
