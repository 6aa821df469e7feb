#pragma once

#include "citymirror.h"
#include "map/mapviewport.h"

#include <QPainter>
#include <QString>

#include <optional>

namespace cityops {

/// One overlay of the map (as Marble's LayerInterface): paints itself for a viewport, in z order. Static layers
/// (basemap) are cached by the renderer and redrawn only when the view changes; dynamic layers draw every frame.
class MapLayer {
public:
    explicit MapLayer(const CityMirror &scene) : m_scene(scene) {}
    virtual ~MapLayer() = default;

    virtual QString id() const = 0;           ///< stable key for setLayerVisible and settings
    virtual QString title() const = 0;        ///< translated name for the layer menu and legend
    virtual int zValue() const = 0;
    virtual bool isStatic() const { return false; }
    /// Static for a given view but not tileable (labels): drawn once per view onto the composed basemap.
    virtual bool isViewStatic() const { return false; }
    virtual void render(QPainter &painter, const MapViewport &viewport) const = 0;
    /// A dynamic layer may put the part of its picture that rarely changes (aggregated lamp coverage) under the
    /// composed basemap's reuse: prepareBackdrop() runs every frame before composition and returns the backdrop's
    /// version for this view (nullopt: none); renderBackdrop() draws it onto the composed view whenever the view or
    /// the version changed. render() then draws only the rest, for the same view.
    virtual std::optional<quint64> prepareBackdrop(const MapViewport &viewport) const { Q_UNUSED(viewport); return std::nullopt; }
    virtual void renderBackdrop(QPainter &painter, const MapViewport &viewport) const { Q_UNUSED(painter); Q_UNUSED(viewport); }
    /// The object under `pos` (screen pixels) within `radiusPx`, if this layer has pickable objects.
    virtual std::optional<MapSelection> hitTest(const MapViewport &, const QPointF &, double) const { return std::nullopt; }

protected:
    const CityMirror &scene() const { return m_scene; }

private:
    const CityMirror &m_scene;
};

} // namespace cityops
