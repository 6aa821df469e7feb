#pragma once

#include "map/maplayer.h"

namespace cityops {

/// Streetlights: faint dots when lit normally, bright amber rings for lamp faults.
class StreetlightLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    /// What the layer draws: everything (the desk), or one part, for a view that draws its lamps' coverage at one
    /// scale and the lamps that need someone at another (the wall: coverage at the tile's full resolution, which
    /// scaled up would be a field of blocks; faults and silent lamps sized for the distance).
    enum class Part { All, Coverage, Abnormal };
    void setPart(Part part) { m_part = part; }
    QString id() const override { return QStringLiteral("streetlights"); }
    QString title() const override;
    int zValue() const override { return 30; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const override;

    /// Zoomed out, lamp coverage (lit / dark cells) is a backdrop: it changes only when lamps switch, not with
    /// every fault or report, so the composed basemap carries it between such changes.
    std::optional<quint64> prepareBackdrop(const MapViewport &viewport) const override;
    void renderBackdrop(QPainter &painter, const MapViewport &viewport) const override;

private:
    bool aggregates(const MapViewport &viewport) const;
    /// Lamps binned into 3-px cells by lit/dark in one pass (all of them: coverage), abnormal ones also kept as
    /// points to be drawn individually on top. Returns whether the cells differ from the last binning.
    bool bin(const MapViewport &viewport) const;
    void buildDensity() const;
    /// The faulted and silent lamps found (m_faults, m_silent); over coverage a failed lamp is a smaller ring.
    void drawAbnormal(QPainter &painter, bool overCoverage) const;
    /// Part::Abnormal: the faulted and silent lamps in view, as render() would draw them over the coverage.
    void renderAbnormalOnly(QPainter &painter, const MapViewport &viewport) const;
    /// When the view holds too many lamps to draw one by one after all: coverage and abnormal lamps, directly.
    void renderAggregated(QPainter &painter, const MapViewport &viewport) const;

    mutable std::vector<std::uint16_t> m_lit, m_dark, m_nextLit, m_nextDark;
    mutable QSize m_cells;
    mutable QImage m_density;
    mutable QVector<QPointF> m_faults, m_silent;
    mutable std::optional<MapViewport> m_backdropView;   ///< prepared for this view (render() draws the rest)
    mutable MapViewport m_densityView;
    mutable quint64 m_backdropVersion = 0;
    Part m_part = Part::All;
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

/// Signal controllers: grey while they run their program (close in, each approach's head in its aspect); flashing,
/// faulted and silent controllers stand out, and one held or pre-empted by a command (off its program on purpose) is
/// framed.
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
    /// From this zoom on, each approach has its own signal head beside the disc, on the side its traffic comes from.
    static constexpr double kHeadsZoom = 17.0;
    /// Where the head of an approach arriving on `bearingDeg` is drawn, from the disc's centre (pixels).
    static QPointF headOffset(int bearingDeg, double zoom);
    /// Half the side of the square frame around a signal held or pre-empted by a command (pixels, from the centre).
    static double overrideFrameHalf(double zoom);
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
