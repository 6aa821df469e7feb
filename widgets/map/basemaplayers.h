#pragma once

#include "map/maplayer.h"

namespace cityops {

/// District areas and names: the operational split of the city.
class DistrictLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("districts"); }
    QString title() const override;
    int zValue() const override { return 0; }
    bool isStatic() const override { return true; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
    /// The wall draws the names itself, at its own minimum text size.
    void setNamesVisible(bool visible) { m_names = visible; }

private:
    bool m_names = true;
};

/// Road network by class, least important first so main roads draw on top.
class RoadLayer : public MapLayer {
public:
    using MapLayer::MapLayer;
    QString id() const override { return QStringLiteral("roads"); }
    QString title() const override;
    int zValue() const override { return 10; }
    bool isStatic() const override { return true; }
    void render(QPainter &painter, const MapViewport &viewport) const override;
};

} // namespace cityops
