#pragma once

#include "map/maplayer.h"

namespace cityops {

/// Streetlights: faint dots when lit normally, bright amber rings for lamp faults.
class StreetlightLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("streetlights"); }
    QString title() const override;
    int zValue() const override { return 30; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const override;

private:
    /// Whole-city view: lamps binned into 3-px cells in one pass, drawn as one image (buffers kept across frames).
    void renderAggregated(QPainter &painter, const MapViewport &viewport) const;
    mutable std::vector<std::uint16_t> m_lit, m_dark;
    mutable QImage m_density;
};

/// Substations and the feeder cabinets they supply; feeders coloured by load against capacity.
class EnergyLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("energy"); }
    QString title() const override;
    int zValue() const override { return 40; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const override;
};

/// Signal controllers drawn in their current aspect; flashing, faulted and silent controllers stand out.
class SignalLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("signals"); }
    QString title() const override;
    int zValue() const override { return 50; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const override;
    /// Radius of the signal disc at a zoom, in pixels (tests use it to know where to look).
    static double discRadius(double zoom);
};

/// Open incidents as severity-coloured warning triangles.
class IncidentLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("incidents"); }
    QString title() const override;
    int zValue() const override { return 60; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const override;
};

/// Ring around the selected object.
class SelectionLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("selection"); }
    QString title() const override;
    int zValue() const override { return 100; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

/// Devices reserved by an order (select-before-operate), visible to every console: a dashed ring, so another
/// operator sees the device is being worked on before trying to command it.
class ReservationLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("reservations"); }
    QString title() const override;
    int zValue() const override { return 90; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

} // namespace cityops
