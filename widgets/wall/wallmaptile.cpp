#include "wall/wallmaptile.h"

#include "labels.h"
#include "map/basemaplayers.h"
#include "wall/wallfeed.h"

#include <QPainter>

#include <cmath>

namespace cityops {

double WallMapTile::symbolScaleFor(int minCapPx) { return std::clamp(std::round(minCapPx / 16.0), 1.0, 4.0); }

WallMapTile::WallMapTile(WallFeed &feed, const WallLook &look, int district, int rotateSeconds, QWidget *parent)
    : WallTile(feed, look, parent), m_basemap(feed.scene()), m_devices(feed.scene()), m_district(district), m_rotateSeconds(rotateSeconds)
{
    // Place names, the legend and the scale bar are desk-sized; the wall's tiles say what they show in their title.
    for (const QString &id : m_basemap.layerIds()) {
        // Streetlights line the roads by the hundred: at full resolution they read as lit streets (a fault still
        // shows in its colour), scaled up they would be a wall of blocks.
        const bool basemap = m_basemap.layer(id)->isStatic();
        m_basemap.setLayerVisible(id, basemap && id != QLatin1String("labels"));
        m_devices.setLayerVisible(id, !basemap && id != QLatin1String("selection"));
    }
    if (auto *districts = dynamic_cast<DistrictLayer *>(m_basemap.layer(QStringLiteral("districts"))))
        districts->setNamesVisible(false);   // drawn below at the wall's size
    // Device and incident changes reach the maps through VideoWall::serveMaps (in turn, one map a frame).
    if (m_district >= 0 && m_rotateSeconds > 0) {
        connect(&m_rotate, &QTimer::timeout, this, &WallMapTile::nextDistrict);
        m_rotate.start(m_rotateSeconds * 1000);
    }
    m_pushEnds.setSingleShot(true);
    connect(&m_pushEnds, &QTimer::timeout, this, [this] {
        m_pushed.reset();
        setPushedTitle({});
        if (m_rotateSeconds > 0)
            m_rotate.start(m_rotateSeconds * 1000);
    });
}

QString WallMapTile::title() const
{
    const CityModel &city = m_feed.scene().city();
    // The roads' licence travels with the map (the map's own attribution line is desk-sized).
    const QString place = m_district >= 0 ? Labels::district(city, m_district).toUpper() : city.meta.name.toUpper();
    return tr("%1 · roads © OpenStreetMap").arg(place);
}

void WallMapTile::nextDistrict()
{
    const int n = int(m_feed.scene().city().districts.size());
    if (n > 0 && !m_pushed) {
        m_district = (m_district + 1) % n;
        update();
    }
}

void WallMapTile::showPlace(const GeoPoint &at, const QString &what, int seconds)
{
    GeoBox box;
    box.extend({at.lon - 0.004, at.lat - 0.0027});
    box.extend({at.lon + 0.004, at.lat + 0.0027});
    showArea(box, what, seconds);
}

void WallMapTile::showArea(const GeoBox &area, const QString &what, int seconds)
{
    m_pushed = area;
    m_rotate.stop();
    setPushedTitle(what);
    m_pushEnds.start(std::max(1, seconds) * 1000);
}

GeoBox WallMapTile::boxToShow() const
{
    const CityModel &city = m_feed.scene().city();
    if (m_pushed)
        return *m_pushed;
    if (m_district >= 0 && m_district < int(city.districts.size())) {
        GeoBox box;
        for (const GeoPoint &p : city.districts[size_t(m_district)].ring)
            box.extend(p);
        if (box.isValid())
            return box;
    }
    return city.operationalBounds();
}

void WallMapTile::paintBody(QPainter &painter, const QRect &body)
{
    // Drawn at 1/scale of the tile's pixels and scaled up: every symbol and line grows by the same factor.
    const double scale = symbolScaleFor(m_look.minCapPx);
    const QSize logical(std::max(1, int(body.width() / scale)), std::max(1, int(body.height() / scale)));
    m_viewport.setSize(logical);
    m_viewport.fit(boxToShow(), 4);
    // The same view at full resolution for the basemap: the same centre, `scale` times the pixels.
    MapViewport full = m_viewport;
    full.setSize(body.size());
    full.setZoom(m_viewport.zoom() + std::log2(scale));
    painter.save();
    painter.translate(body.topLeft());
    painter.setClipRect(QRect(QPoint(0, 0), body.size()));
    m_basemap.render(painter, full);
    // The live layers go onto a transparent image at the logical size, which is then scaled up once: one smooth
    // blit instead of every symbol drawn scaled (at 100,000 devices that is most of a frame).
    if (m_liveImage.size() != logical)
        m_liveImage = QImage(logical, QImage::Format_ARGB32_Premultiplied);
    m_liveImage.fill(Qt::transparent);
    {
        QPainter live(&m_liveImage);
        m_devices.renderLiveLayers(live, m_viewport);
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRectF(QPointF(0, 0), QSizeF(logical) * scale), m_liveImage);
    painter.restore();
    // District names at the wall's own size (the map's are desk-sized), when the whole city is shown.
    if (m_district < 0 && !m_pushed) {
        const CityModel &city = m_feed.scene().city();
        const auto &points = m_feed.scene().districtLabelPoints();
        for (size_t i = 0; i < city.districts.size() && i < points.size(); ++i) {
            const QPointF at = body.topLeft() + m_viewport.worldToScreen(points[i]) * scale;
            const int h = lineHeight(Size::Normal);
            drawText(painter, QRect(int(at.x()) - body.width() / 4, int(at.y()) - h / 2, body.width() / 2, h), Qt::AlignCenter,
                     Labels::district(city, int(i)).toUpper(), Size::Normal, WallLook::dim());
        }
    }
}

} // namespace cityops
