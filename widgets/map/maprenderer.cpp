#include "map/maprenderer.h"

#include "map/basemaplayers.h"
#include "map/devicelayers.h"
#include "map/labellayer.h"
#include "map/mapstyle.h"
#include "map/trafficlayer.h"
#include "map/vehiclelayer.h"

#include <algorithm>

namespace cityops {

MapRenderer::MapRenderer(const CityMirror &scene)
{
    addLayer(std::make_unique<DistrictLayer>(scene));
    addLayer(std::make_unique<RoadLayer>(scene));
    addLayer(std::make_unique<LabelLayer>(scene));
    addLayer(std::make_unique<StreetlightLayer>(scene));
    addLayer(std::make_unique<EnergyLayer>(scene));
    addLayer(std::make_unique<RoadTrafficLayer>(scene));
    addLayer(std::make_unique<TrafficLayer>(scene));
    addLayer(std::make_unique<VehicleLayer>(scene));
    addLayer(std::make_unique<SignalLayer>(scene));
    addLayer(std::make_unique<IncidentLayer>(scene));
    addLayer(std::make_unique<ReservationLayer>(scene));
    addLayer(std::make_unique<SelectionLayer>(scene));
}

void MapRenderer::addLayer(std::unique_ptr<MapLayer> layer)
{
    m_layers.push_back({std::move(layer), true});
    std::stable_sort(m_layers.begin(), m_layers.end(),
                     [](const Entry &a, const Entry &b) { return a.layer->zValue() < b.layer->zValue(); });
    m_basemapValid = false;
}

QStringList MapRenderer::layerIds() const
{
    QStringList ids;
    for (const Entry &e : m_layers)
        ids << e.layer->id();
    return ids;
}

const MapLayer *MapRenderer::layer(const QString &id) const
{
    for (const Entry &e : m_layers)
        if (e.layer->id() == id)
            return e.layer.get();
    return nullptr;
}

MapLayer *MapRenderer::layer(const QString &id) { return const_cast<MapLayer *>(std::as_const(*this).layer(id)); }

void MapRenderer::setLayerVisible(const QString &id, bool visible)
{
    for (Entry &e : m_layers) {
        if (e.layer->id() == id && e.visible != visible) {
            e.visible = visible;
            if (e.layer->isStatic())
                m_basemapValid = false;
            if (e.layer->isViewStatic())
                m_composed = QImage();   // drawn onto the composed view: compose again
        }
    }
}

bool MapRenderer::isLayerVisible(const QString &id) const
{
    for (const Entry &e : m_layers)
        if (e.layer->id() == id)
            return e.visible;
    return false;
}

void MapRenderer::invalidateBasemap()
{
    m_basemapValid = false;
}

void MapRenderer::setAsyncBasemap(bool async, std::function<void()> tileReady)
{
    m_basemap.setAsync(async);
    m_basemap.setTileReadyCallback(std::move(tileReady));
}

void MapRenderer::render(QPainter &painter, const MapViewport &viewport)
{
    if (viewport.size().isEmpty())
        return;
    if (!m_basemapValid) {
        std::vector<const MapLayer *> statics;
        for (const Entry &e : m_layers)
            if (e.visible && e.layer->isStatic())
                statics.push_back(e.layer.get());
        m_basemap.invalidate(std::move(statics));
        m_basemapValid = true;
        m_composed = QImage();
    }
    std::vector<std::pair<const MapLayer *, quint64>> backdrops;
    for (const Entry &e : m_layers)
        if (e.visible && !e.layer->isStatic() && !e.layer->isViewStatic())
            if (const auto version = e.layer->prepareBackdrop(viewport))
                backdrops.emplace_back(e.layer.get(), *version);
    const bool moving = !(viewport == m_lastViewport);
    m_lastViewport = viewport;
    m_lastFrameMoving = moving;
    const auto composeOnto = [&](QPainter &target) {
        m_basemap.compose(target, viewport, moving);
        target.setRenderHint(QPainter::Antialiasing);
        for (const Entry &e : m_layers) {
            if (!e.visible)
                continue;
            if (e.layer->isViewStatic())
                e.layer->render(target, viewport);
            else if (std::any_of(backdrops.begin(), backdrops.end(), [&e](const auto &b) { return b.first == e.layer.get(); }))
                e.layer->renderBackdrop(target, viewport);
        }
    };
    if (moving) {
        // A view that changes every frame (pan, zoom) gains nothing from the cache: compose straight onto the
        // frame and skip a full-frame copy. The cache is built once the view holds still.
        painter.save();
        composeOnto(painter);
        painter.restore();
    } else {
        if (m_composed.isNull() || !(m_composedViewport == viewport) || m_composedTiles != m_basemap.tilesVersion()
            || backdrops != m_composedBackdrops) {
            // The version is read before composing: a tile that lands on the worker while this frame is drawn
            // moves it, so the next frame (its "tile ready" asks for one) draws the tile. Read after, the tile
            // would count as drawn and the patch stayed blank until the next pan.
            const quint64 tilesBefore = m_basemap.tilesVersion();
            if (m_composed.size() != viewport.size())
                m_composed = QImage(viewport.size(), QImage::Format_ARGB32_Premultiplied);
            QPainter composer(&m_composed);
            composeOnto(composer);
            composer.end();
            m_composedBackdrops = std::move(backdrops);
            m_composedViewport = viewport;
            m_composedTiles = tilesBefore;
        }
        painter.drawImage(QPointF(0, 0), m_composed);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Entry &e : m_layers)
        if (e.visible && !e.layer->isStatic() && !e.layer->isViewStatic())
            e.layer->render(painter, viewport);
}

void MapRenderer::renderLiveLayers(QPainter &painter, const MapViewport &viewport) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Entry &e : m_layers) {
        if (!e.visible || e.layer->isStatic())
            continue;
        if (e.layer->isViewStatic())
            e.layer->render(painter, viewport);
        else if (e.layer->prepareBackdrop(viewport))
            e.layer->renderBackdrop(painter, viewport);
    }
    for (const Entry &e : m_layers)
        if (e.visible && !e.layer->isStatic() && !e.layer->isViewStatic())
            e.layer->render(painter, viewport);
}

std::optional<MapSelection> MapRenderer::hitTest(const MapViewport &viewport, const QPointF &pos, double radiusPx) const
{
    for (auto it = m_layers.rbegin(); it != m_layers.rend(); ++it) {
        if (!it->visible)
            continue;
        if (auto hit = it->layer->hitTest(viewport, pos, radiusPx))
            return hit;
    }
    return std::nullopt;
}

} // namespace cityops
