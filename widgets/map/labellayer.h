#pragma once

#include "map/maplayer.h"

#include <QRectF>

#include <vector>

namespace cityops {

/// Street names, placed as space allows: from zoom 15, main roads first, each along its longest stretch on screen,
/// never overlapping another label, and one label per street in each part of the screen. Drawn once per view onto
/// the composed basemap (not into tiles, which would cut names at tile edges; not every frame, which live frames
/// cannot afford).
class LabelLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("labels"); }
    QString title() const override;
    int zValue() const override { return 20; }
    bool isViewStatic() const override { return true; }
    void render(QPainter &painter, const MapViewport &viewport) const override;

    struct Placed {
        QString text;
        QPointF centre;     ///< screen position of the label's middle
        double angleDeg;    ///< rotation along the road
        QRectF box;         ///< screen bounding box (for collision)
    };
    /// Where the labels go for a view (what render draws).
    std::vector<Placed> place(const MapViewport &viewport) const;

    static constexpr double kMinZoom = 15.0;

private:
    mutable std::vector<QRectF> m_roadBoxes;   ///< each road's extent (map coordinates), built on first use
};

} // namespace cityops
