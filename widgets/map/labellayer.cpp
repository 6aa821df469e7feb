#include "map/labellayer.h"

#include "map/mapstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

/// The part of segment ab inside `r` (Liang-Barsky); false when none.
bool clip(const QRectF &r, QPointF &a, QPointF &b)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    const QPointF start = a;
    a = start + QPointF(dx, dy) * t0;
    b = start + QPointF(dx, dy) * t1;
    return true;
}

QFont labelFont(double zoom)
{
    QFont font;
    font.setPixelSize(zoom >= 17 ? 13 : 12);
    return font;
}

} // namespace

QString LabelLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Street names"); }

std::vector<LabelLayer::Placed> LabelLayer::place(const MapViewport &viewport) const
{
    std::vector<Placed> placed;
    if (viewport.zoom() < kMinZoom)
        return placed;
    const auto &roads = scene().city().roads;
    const QRectF screen(QPointF(0, 0), QSizeF(viewport.size()));
    const QFontMetricsF metrics(labelFont(viewport.zoom()));
    // Candidates: the longest straight stretch of each named road that is on screen.
    struct Candidate {
        int road;
        QPointF a, b;
        double length;
    };
    std::vector<Candidate> candidates;
    if (m_roadBoxes.size() != roads.size()) {
        // Each road's extent in map coordinates, once: most roads are off screen when names are shown.
        m_roadBoxes.clear();
        for (const Road &road : roads) {
            QRectF box;
            for (const GeoPoint &p : road.line)
                box |= QRectF(MapViewport::project(p), QSizeF(1e-12, 1e-12));
            m_roadBoxes.push_back(box);
        }
    }
    const QRectF visible = viewport.visibleWorld(0);
    for (int r = 0; r < static_cast<int>(roads.size()); ++r) {
        const Road &road = roads[static_cast<size_t>(r)];
        if (road.name.isEmpty() || road.cls >= RoadClass::Path || !m_roadBoxes[static_cast<size_t>(r)].intersects(visible))
            continue;
        Candidate best{r, {}, {}, 0};
        for (size_t i = 1; i < road.line.size(); ++i) {
            QPointF a = viewport.toScreen(road.line[i - 1]), b = viewport.toScreen(road.line[i]);
            if (!clip(screen.adjusted(4, 4, -4, -4), a, b))
                continue;
            const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
            if (len > best.length)
                best = {r, a, b, len};
        }
        if (best.length > 0)
            candidates.push_back(best);
    }
    // Main roads first, then the longest stretches.
    std::sort(candidates.begin(), candidates.end(), [&roads](const Candidate &x, const Candidate &y) {
        const RoadClass cx = roads[static_cast<size_t>(x.road)].cls, cy = roads[static_cast<size_t>(y.road)].cls;
        return cx != cy ? cx < cy : x.length > y.length;
    });
    // Junctions with signals are what operators look at: names keep clear of them.
    std::vector<QRectF> obstacles;
    for (const SignalInfo &signal : scene().city().signals) {
        const QPointF p = viewport.worldToScreen(scene().deviceWorld()[signal.device]);
        if (screen.contains(p))
            obstacles.emplace_back(p.x() - 12, p.y() - 12, 24, 24);
    }
    auto free = [&](const QRectF &box) {
        return std::none_of(placed.begin(), placed.end(), [&box](const Placed &p) { return p.box.intersects(box); })
               && std::none_of(obstacles.begin(), obstacles.end(), [&box](const QRectF &o) { return o.intersects(box); });
    };
    QHash<QString, std::vector<QPointF>> byName;
    for (const Candidate &c : candidates) {
        const QString &name = roads[static_cast<size_t>(c.road)].name;
        const double width = metrics.horizontalAdvance(name) + 8;
        if (c.length < width)
            continue;   // the street is too short here for its name
        // One label per street per 400 px: a two-way street or a street cut into many edges is named once.
        const auto &seen = byName[name];
        const QPointF middle = (c.a + c.b) / 2;
        if (std::any_of(seen.begin(), seen.end(), [&](const QPointF &p) { return QLineF(p, middle).length() < 400; }))
            continue;
        double angle = std::atan2(c.b.y() - c.a.y(), c.b.x() - c.a.x()) * 180.0 / M_PI;
        if (angle > 90)
            angle -= 180;   // never upside down
        else if (angle < -90)
            angle += 180;
        // Slide along the stretch until the name fits somewhere free.
        const double half = width / 2 / c.length;
        for (double t : {0.5, 0.3, 0.7, 0.2, 0.8}) {
            if (t - half < 0 || t + half > 1)
                continue;
            const QPointF centre = c.a + (c.b - c.a) * t;
            QTransform rotate;
            rotate.translate(centre.x(), centre.y());
            rotate.rotate(angle);
            const QRectF box = rotate.mapRect(QRectF(-width / 2, -metrics.height() / 2, width, metrics.height()));
            if (!screen.contains(box) || !free(box))
                continue;
            placed.push_back({name, centre, angle, box});
            byName[name].push_back(centre);
            break;
        }
    }
    return placed;
}

void LabelLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const std::vector<Placed> labels = place(viewport);
    if (labels.empty())
        return;
    painter.save();
    const QFont font = labelFont(viewport.zoom());
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const QColor halo = mapstyle::background(), ink = mapstyle::districtLabel().lighter(135);
    for (const Placed &l : labels) {
        painter.save();
        painter.translate(l.centre);
        painter.rotate(l.angleDeg);
        const QPointF origin(-metrics.horizontalAdvance(l.text) / 2, metrics.ascent() - metrics.height() / 2);
        // A dark halo (the text drawn offset around itself) keeps the name readable over roads and lamps; glyphs
        // come from the font cache, so this stays cheap.
        painter.setPen(halo);
        for (const QPointF &d : {QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1)})
            painter.drawText(origin + d, l.text);
        painter.setPen(ink);
        painter.drawText(origin, l.text);
        painter.restore();
    }
    painter.restore();
}

} // namespace cityops
