#include "map/devicelayers.h"

#include "map/mapstyle.h"
#include "map/sprites.h"

#include <QCoreApplication>
#include <QHash>

namespace cityops {
namespace {

/// Nearest device of one kind to `pos` within `radius` pixels.
std::optional<MapSelection> nearestDevice(const CityMirror &scene, const MapViewport &viewport, const QPointF &pos,
                                          double radius, DeviceKind kind)
{
    const auto &city = scene.city();
    double best = radius * radius;
    std::optional<MapSelection> hit;
    // Only the grid cells around the pointer, not every device of the city.
    const QRectF around(viewport.screenToWorld(pos - QPointF(radius, radius)), viewport.screenToWorld(pos + QPointF(radius, radius)));
    scene.grid().forEachIn(around.normalized(), [&](DeviceIndex i) {
        if (city.devices[i].kind != kind)
            return;
        const QPointF d = viewport.worldToScreen(scene.deviceWorld()[i]) - pos;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 < best || (d2 == best && hit && i < hit->id)) {
            best = d2;
            hit = MapSelection{MapSelection::Kind::Device, i};
        }
    });
    return hit;
}

QPolygonF diamond(const QPointF &c, double r)
{
    return QPolygonF({c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)});
}

QPolygonF triangle(const QPointF &c, double size)
{
    const double h = size * 0.9;
    return QPolygonF({c + QPointF(0, -h * 0.62), c + QPointF(size / 2, h * 0.38), c + QPointF(-size / 2, h * 0.38)});
}

} // namespace

QString StreetlightLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Streetlights"); }
QString EnergyLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Energy"); }
QString SignalLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Signals"); }
QString IncidentLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Incidents"); }
QString ReservationLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Reserved devices"); }
QString SelectionLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Selection"); }

namespace {

// Level of detail for streetlights: above this many visible lamps (or when zoomed out) they are binned into screen
// cells and drawn as one small image, the way a wall display shows lighting coverage; abnormal lamps (faults, no
// data) are always drawn individually on top, since they are what an operator acts on.
constexpr int kCellPx = 3;
constexpr int kIndividualLampLimit = 6'000;
constexpr double kIndividualLampZoom = 16.0;

/// How a lamp is drawn: one that has gone silent (no data) or failed individually on top, the rest lit or dark.
enum class LampLook { Lit, Dark, Failed, Silent };
LampLook lampLook(const DeviceState &s)
{
    if (!s.online && (s.reported || s.fault))
        return LampLook::Silent;
    if (s.fault)
        return LampLook::Failed;
    return s.level > 0 ? LampLook::Lit : LampLook::Dark;
}

} // namespace

void StreetlightLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &city = scene().city();
    if (m_part == Part::Abnormal) {
        renderAbnormalOnly(painter, viewport);
        return;
    }
    if (m_backdropView && *m_backdropView == viewport) {
        if (m_part == Part::All)
            drawAbnormal(painter, true);   // coverage is on the composed basemap
        return;
    }
    if (aggregates(viewport)) {
        renderAggregated(painter, viewport);
        return;
    }
    const QRectF visible = viewport.visibleWorld(8);
    const QTransform toScreen = viewport.worldTransform();
    QVector<QPointF> on, off, faults, silent;
    scene().grid().forEachIn(visible, [&](DeviceIndex d) {
        if (city.devices[d].kind != DeviceKind::Streetlight)
            return;
        const QPointF w = scene().deviceWorld()[d];
        if (!visible.contains(w))
            return;
        const QPointF p = toScreen.map(w);
        switch (lampLook(scene().states[d])) {
        case LampLook::Silent: silent << p; break;
        case LampLook::Failed: faults << p; break;
        case LampLook::Lit: on << p; break;
        case LampLook::Dark: off << p; break;
        }
    });
    if (on.size() + off.size() > kIndividualLampLimit) {
        renderAggregated(painter, viewport);
        return;
    }
    painter.save();
    const double radius = viewport.zoom() >= 17 ? 2.0 : 1.3;
    const QImage &offSprite = sprites::circle({mapstyle::lampOff(), QColor(), radius, 1});
    const QImage &onSprite = sprites::circle({mapstyle::lampOn(), QColor(), radius, 1});
    for (const QPointF &p : off)
        sprites::draw(painter, offSprite, p);
    for (const QPointF &p : on)
        sprites::draw(painter, onSprite, p);
    painter.restore();
    if (m_part == Part::All) {
        m_faults = std::move(faults);
        m_silent = std::move(silent);
        drawAbnormal(painter, false);
    }
}

bool StreetlightLayer::aggregates(const MapViewport &viewport) const
{
    // Close up, only the grid cells in view are visited and each lamp drawn — unless the view holds too many to
    // read (the cells' count is an upper bound, known without visiting them).
    return viewport.zoom() < kIndividualLampZoom || scene().grid().countIn(viewport.visibleWorld(8)) > 2 * kIndividualLampLimit;
}

void StreetlightLayer::renderAbnormalOnly(QPainter &painter, const MapViewport &viewport) const
{
    const bool coverage = aggregates(viewport);   // then the rings that go over coverage
    const QRectF visible = viewport.visibleWorld(8);
    const QTransform toScreen = viewport.worldTransform();
    m_faults.clear();
    m_silent.clear();
    scene().grid().forEachIn(visible, [&](DeviceIndex d) {
        if (scene().city().devices[d].kind != DeviceKind::Streetlight)
            return;
        const LampLook look = lampLook(scene().states[d]);
        if (look != LampLook::Silent && look != LampLook::Failed)
            return;
        const QPointF w = scene().deviceWorld()[d];
        if (visible.contains(w))
            (look == LampLook::Silent ? m_silent : m_faults) << toScreen.map(w);
    });
    drawAbnormal(painter, coverage);
}

std::optional<quint64> StreetlightLayer::prepareBackdrop(const MapViewport &viewport) const
{
    m_backdropView.reset();
    // Only the whole layer (the desk) keeps its coverage on the composed basemap: a view that draws the parts apart
    // (the wall) renders a picture at a time, and one that changes with every lamp would compose the basemap again
    // for each; drawn straight onto the picture, it costs its binning and one image.
    if (m_part != Part::All || !aggregates(viewport))
        return std::nullopt;
    if (bin(viewport) || !(m_densityView == viewport) || m_density.isNull()) {
        buildDensity();
        m_densityView = viewport;
        ++m_backdropVersion;
    }
    m_backdropView = viewport;
    return m_backdropVersion;
}

void StreetlightLayer::renderBackdrop(QPainter &painter, const MapViewport &viewport) const
{
    painter.drawImage(QRectF(0, 0, m_cells.width() * kCellPx, m_cells.height() * kCellPx), m_density);
}

bool StreetlightLayer::bin(const MapViewport &viewport) const
{
    const auto &city = scene().city();
    const int cw = viewport.size().width() / kCellPx + 1, ch = viewport.size().height() / kCellPx + 1;
    const size_t cells = static_cast<size_t>(cw) * static_cast<size_t>(ch);
    // Binned into the spare buffers, compared with the last binning, then swapped (no allocation per frame).
    std::vector<std::uint16_t> &lit = m_nextLit, &dark = m_nextDark;
    lit.assign(cells, 0);
    dark.assign(cells, 0);
    const QTransform t = viewport.worldTransform();
    const double sx = t.m11() / kCellPx, dx = t.dx() / kCellPx, sy = t.m22() / kCellPx, dy = t.dy() / kCellPx;
    m_faults.clear();
    m_silent.clear();
    const auto &world = scene().deviceWorld();
    const auto &states = scene().states;
    for (const StreetlightInfo &light : city.streetlights) {
        const QPointF &w = world[light.device];
        const double fx = w.x() * sx + dx, fy = w.y() * sy + dy;
        if (fx < -2 || fy < -2 || fx >= cw + 2 || fy >= ch + 2)
            continue;
        const DeviceState &s = states[light.device];
        if (const LampLook look = lampLook(s); look == LampLook::Silent || look == LampLook::Failed)
            (look == LampLook::Silent ? m_silent : m_faults) << QPointF(fx * kCellPx, fy * kCellPx);
        const int cx = static_cast<int>(fx), cy = static_cast<int>(fy);
        if (fx < 0 || fy < 0 || cx >= cw || cy >= ch)
            continue;
        auto &count = (s.level > 0 ? lit : dark)[static_cast<size_t>(cy) * cw + cx];
        count = static_cast<std::uint16_t>(std::min(count + 1, 0xffff));
    }
    const bool changed = QSize(cw, ch) != m_cells || lit != m_lit || dark != m_dark;
    m_cells = QSize(cw, ch);
    m_lit.swap(lit);
    m_dark.swap(dark);
    return changed;
}

void StreetlightLayer::buildDensity() const
{
    const int cw = m_cells.width(), ch = m_cells.height();
    if (m_density.size() != m_cells)
        m_density = QImage(m_cells, QImage::Format_ARGB32_Premultiplied);
    const QColor litColour = mapstyle::lampOn(), darkColour = mapstyle::lampOff();
    QRgb litAlpha[6], darkAlpha[6];   // alpha by count: 1, 2, 3+ lamps
    for (int n = 1; n <= 5; ++n) {
        const int alpha = std::min(255, 110 + 50 * n);
        litAlpha[n] = qPremultiply(qRgba(litColour.red(), litColour.green(), litColour.blue(), alpha));
        darkAlpha[n] = qPremultiply(qRgba(darkColour.red(), darkColour.green(), darkColour.blue(), alpha));
    }
    for (int y = 0; y < ch; ++y) {
        auto *row = reinterpret_cast<QRgb *>(m_density.scanLine(y));
        const size_t base = static_cast<size_t>(y) * cw;
        for (int x = 0; x < cw; ++x) {
            const int lit = m_lit[base + x], dark = m_dark[base + x];
            row[x] = lit ? litAlpha[std::min(lit, 5)] : dark ? darkAlpha[std::min(dark, 5)] : 0;
        }
    }
}

void StreetlightLayer::drawAbnormal(QPainter &painter, bool overCoverage) const
{
    painter.save();
    const QImage &silentSprite = sprites::circle({QColor(), mapstyle::noData(), 4, 1.5});
    for (const QPointF &p : std::as_const(m_silent))
        sprites::draw(painter, silentSprite, p);
    // A failed lamp is a low-priority alarm: where lamps are shown as coverage (zoomed out, or too many to draw) it
    // is a small ring, so a wall of lamp outages does not drown the signals and incidents; close up it is full size.
    const QImage &faultSprite = overCoverage ? sprites::circle({QColor(), mapstyle::alarmAmber(), 3.0, 1.5})
                                             : sprites::circle({QColor(), mapstyle::alarmAmber(), 5, 2.0});
    for (const QPointF &p : std::as_const(m_faults))
        sprites::draw(painter, faultSprite, p);
    painter.restore();
}

void StreetlightLayer::renderAggregated(QPainter &painter, const MapViewport &viewport) const
{
    // One pass over the lamps: counted into cells (lit cells warm grey, dark cells dim grey, more lamps = more
    // opaque); abnormal ones (fault, silent) drawn individually on top, always.
    bin(viewport);
    buildDensity();
    m_densityView = viewport;
    ++m_backdropVersion;
    renderBackdrop(painter, viewport);
    if (m_part == Part::All)
        drawAbnormal(painter, true);
}

std::optional<MapSelection> StreetlightLayer::hitTest(const MapViewport &v, const QPointF &pos, double radius) const
{
    return nearestDevice(scene(), v, pos, radius, DeviceKind::Streetlight);
}

void EnergyLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &city = scene().city();
    const QRectF visible = viewport.visibleWorld(40);
    painter.save();
    QPen link(QColor(0x4a, 0x50, 0x57), 1.0, Qt::DotLine);
    painter.setPen(link);
    for (const FeederInfo &f : city.feeders) {
        const QPointF a = scene().deviceWorld()[f.substation], b = scene().deviceWorld()[f.device];
        if (visible.contains(a) || visible.contains(b))
            painter.drawLine(viewport.worldToScreen(a), viewport.worldToScreen(b));
    }
    const double sub = viewport.zoom() >= 15 ? 7.0 : 5.5;
    painter.setPen(QPen(QColor(0xa3, 0xaa, 0xb1), 1.5));
    painter.setBrush(QColor(0x5d, 0x64, 0x6b));
    for (const SubstationInfo &s : city.substations) {
        const QPointF p = viewport.worldToScreen(scene().deviceWorld()[s.device]);
        painter.drawRect(QRectF(p.x() - sub, p.y() - sub, 2 * sub, 2 * sub));
    }
    const double r = viewport.zoom() >= 15 ? 7.0 : 5.5;
    const bool labels = viewport.zoom() >= 16.5;
    QFont font = painter.font();
    font.setPixelSize(12);
    font.setBold(true);
    painter.setFont(font);
    for (const FeederInfo &f : city.feeders) {
        const QPointF w = scene().deviceWorld()[f.device];
        if (!visible.contains(w))
            continue;
        const DeviceState &s = scene().states[f.device];
        const QPointF p = viewport.worldToScreen(w);
        const double ratio = f.capacityKw > 0 ? s.value / f.capacityKw : 0.0;
        const bool silent = !s.online && s.reported;
        const QColor colour = silent ? mapstyle::noData() : mapstyle::feederColor(ratio);
        const bool abnormal = silent || ratio >= 0.8;
        painter.setPen(QPen(abnormal ? colour.lighter(120) : QColor(0x2a, 0x2e, 0x33), abnormal ? 2.0 : 1.0));
        painter.setBrush(colour);
        painter.drawPolygon(diamond(p, abnormal ? r + 2 : r));
        if (labels || ratio > 1.0) {
            painter.setPen(abnormal ? colour : mapstyle::feederNormal());
            painter.drawText(QRectF(p.x() + r + 3, p.y() - 8, 60, 16), Qt::AlignLeft | Qt::AlignVCenter,
                             QStringLiteral("%1 %").arg(qRound(ratio * 100)));
        }
    }
    painter.restore();
}

std::optional<MapSelection> EnergyLayer::hitTest(const MapViewport &v, const QPointF &pos, double radius) const
{
    if (auto hit = nearestDevice(scene(), v, pos, radius, DeviceKind::Feeder))
        return hit;
    return nearestDevice(scene(), v, pos, radius, DeviceKind::Substation);
}

double SignalLayer::discRadius(double zoom) { return std::clamp(zoom - 9.5, 4.0, 8.0); }

QPointF SignalLayer::headOffset(int bearingDeg, double zoom) { return MapViewport::backFrom(bearingDeg) * (discRadius(zoom) + 9.0); }

double SignalLayer::overrideFrameHalf(double zoom) { return discRadius(zoom) + 3.0; }   // inside the heads (+4.5)

void SignalLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &city = scene().city();
    const QRectF visible = viewport.visibleWorld(20);
    const double r = discRadius(viewport.zoom());
    const bool strips = viewport.zoom() >= kHeadsZoom;
    painter.save();
    for (const SignalInfo &signal : city.signals) {
        const QPointF w = scene().deviceWorld()[signal.device];
        if (!visible.contains(w))
            continue;
        const DeviceState &s = scene().states[signal.device];
        const QPointF p = viewport.worldToScreen(w);
        const auto mode = static_cast<SignalMode>(s.mode);
        if (!s.reported) { // no report yet
            sprites::draw(painter, sprites::circle({QColor(), mapstyle::signalDark(), r, 1.5}), p);
        } else if (!s.online) {
            sprites::draw(painter, sprites::circle({mapstyle::signalDark(), mapstyle::noData(), r + 1, 2.5}), p);
        } else if (s.fault || mode == SignalMode::Flash || mode == SignalMode::Off) {
            sprites::draw(painter, sprites::circle({QColor(), mapstyle::alarmAmber(), r + 4, 2.5}), p);
            sprites::draw(painter, sprites::circle({mapstyle::alarmAmber(), QColor(), r, 1}), p);
        } else {
            sprites::draw(painter, sprites::circle({mapstyle::signalRunning(), QColor(0x1c, 0x1f, 0x22), r, 1.0}), p);
            if (heldByCommand(mode)) {
                // Held or pre-empted by a command: off its program on purpose, not faulty — a square frame in the
                // emergency route's light tone (no alarm colour), so a green wave's junctions and a held one are
                // seen at a glance, and told apart from the round rings of selection, reservation and faults.
                const double half = overrideFrameHalf(viewport.zoom());
                const QRectF frame(p - QPointF(half, half), QSizeF(2 * half, 2 * half));
                painter.setBrush(Qt::NoBrush);
                painter.setPen(QPen(QColor(0, 0, 0, 170), 4.0, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
                painter.drawRect(frame);
                painter.setPen(QPen(mapstyle::commandOverride(), 2.0, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
                painter.drawRect(frame);
            }
            if (!strips)
                continue;   // further out the disc is all there is: its aspect is not looked up
            const QString state = scene().signalState(signal.device);
            const auto &approaches = scene().approaches(size_t(city.devices[signal.device].detail));
            if (!state.isEmpty() && !approaches.empty()) {
                // One head per approach, on the side its traffic comes from, in the aspect its movements show
                // (green when any of them may go, yellow, else red): what a driver on that street sees.
                painter.setPen(QPen(QColor(0x1c, 0x1f, 0x22), 1.0));
                for (const SignalApproach &a : approaches) {
                    QString aspect;
                    for (const int k : a.links)
                        if (k >= 0 && k < state.size())
                            aspect += state[k];
                    if (aspect.isEmpty())
                        continue;
                    painter.setBrush(mapstyle::aggregateSignalColor(aspect));
                    const QPointF at = p + headOffset(a.bearingDeg, viewport.zoom());
                    painter.drawRoundedRect(QRectF(at.x() - 4.5, at.y() - 4.5, 9, 9), 2, 2);
                }
            } else if (!state.isEmpty()) {
                // A package without movements: one cell per controlled link, as a strip under the junction.
                const double cell = 5.0;
                const int n = static_cast<int>(state.size());
                const double x0 = p.x() - n * cell / 2;
                painter.setPen(Qt::NoPen);
                for (int i = 0; i < n; ++i) {
                    painter.setBrush(mapstyle::linkStateColor(state[i]));
                    painter.drawRect(QRectF(x0 + i * cell, p.y() + r + 3, cell - 1, cell - 1));
                }
            }
        }
    }
    painter.restore();
}

std::optional<MapSelection> SignalLayer::hitTest(const MapViewport &v, const QPointF &pos, double radius) const
{
    return nearestDevice(scene(), v, pos, radius, DeviceKind::SignalController);
}

void IncidentLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    // Up to kIndividualIncidents are drawn one by one; beyond that they are grouped by screen cell so a city-wide
    // view shows where trouble is, not a carpet of triangles. A group is drawn at its most severe member, in that
    // member's colour, with a count badge.
    constexpr int kIndividualIncidents = 40;
    constexpr int kCellPx = 96;
    const QRectF visible = viewport.visibleWorld(30);
    const double size = std::clamp(viewport.zoom() * 1.3, 16.0, 26.0);
    struct Marker {
        const Incident *top;
        QPointF at;
        int count;
    };
    std::vector<Marker> markers;
    for (const Incident &i : scene().incidents) {
        if (!i.isOpen())
            continue;
        const QPointF w = MapViewport::project(i.position);
        if (visible.contains(w))
            markers.push_back({&i, viewport.worldToScreen(w), 1});
    }
    if (markers.size() > kIndividualIncidents) {
        QHash<qint64, size_t> cells;
        std::vector<Marker> grouped;
        for (const Marker &m : markers) {
            const qint64 cell = (static_cast<qint64>(std::floor(m.at.x() / kCellPx)) << 32)
                                ^ static_cast<qint64>(std::floor(m.at.y() / kCellPx) + (1 << 30));
            auto it = cells.find(cell);
            if (it == cells.end()) {
                cells.insert(cell, grouped.size());
                grouped.push_back(m);
                continue;
            }
            Marker &g = grouped[it.value()];
            ++g.count;
            if (m.top->severity > g.top->severity || (m.top->severity == g.top->severity && m.top->raisedMs < g.top->raisedMs)) {
                g.top = m.top;
                g.at = m.at;
            }
        }
        markers.swap(grouped);
    }
    // Least severe first, so the most severe end up on top where they overlap.
    std::stable_sort(markers.begin(), markers.end(), [](const Marker &a, const Marker &b) { return a.top->severity < b.top->severity; });
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(static_cast<int>(size * 0.6));
    font.setBold(true);
    QFont badgeFont = font;
    badgeFont.setPixelSize(12);
    for (const Marker &m : markers) {
        const double s = m.count > 1 ? size + 4 : size;
        painter.setPen(QPen(QColor(0x10, 0x10, 0x10), 1.5));
        painter.setBrush(mapstyle::severityColor(m.top->severity));
        painter.drawPolygon(triangle(m.at, s));
        painter.setFont(font);
        painter.setPen(QColor(0x10, 0x10, 0x10));
        painter.drawText(QRectF(m.at.x() - s / 2, m.at.y() - s * 0.42, s, s * 0.8), Qt::AlignCenter, QStringLiteral("!"));
        if (m.count > 1) {
            const QString label = QString::number(m.count);
            const QRectF badge(m.at.x() + s * 0.3, m.at.y() - s * 0.75, 8 + 7 * label.size(), 15);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0x10, 0x10, 0x10, 220));
            painter.drawRoundedRect(badge, 7, 7);
            painter.setPen(QColor(0xf0, 0xf0, 0xf0));
            painter.setFont(badgeFont);
            painter.drawText(badge, Qt::AlignCenter, label);
        }
    }
    painter.restore();
}

std::optional<MapSelection> IncidentLayer::hitTest(const MapViewport &v, const QPointF &pos, double radius) const
{
    double best = (radius + 6) * (radius + 6);
    std::optional<MapSelection> hit;
    for (const Incident &i : scene().incidents) {
        if (!i.isOpen())
            continue;
        const QPointF d = v.toScreen(i.position) - pos;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= best) {
            best = d2;
            hit = MapSelection{MapSelection::Kind::Incident, i.id};
        }
    }
    return hit;
}

void SelectionLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    if (!scene().picked.empty()) {
        painter.save();
        painter.setBrush(Qt::NoBrush);
        const QRectF visible = viewport.visibleWorld(10);
        for (DeviceIndex d : scene().picked) {
            const QPointF w = scene().deviceWorld()[d];
            if (!visible.contains(w))
                continue;
            const QPointF p = viewport.worldToScreen(w);
            painter.setPen(QPen(QColor(0, 0, 0, 160), 3.5));
            painter.drawEllipse(p, 7, 7);
            painter.setPen(QPen(mapstyle::selection(), 1.5));
            painter.drawEllipse(p, 7, 7);
        }
        painter.restore();
    }
    const MapSelection &sel = scene().selection;
    QPointF p;
    if (sel.kind == MapSelection::Kind::Device && sel.id < scene().deviceWorld().size())
        p = viewport.worldToScreen(scene().deviceWorld()[sel.id]);
    else if (sel.kind == MapSelection::Kind::Incident && scene().incident(sel.id))
        p = viewport.toScreen(scene().incident(sel.id)->position);
    else if (const VehicleBook::Vehicle *v = sel.kind == MapSelection::Kind::Vehicle ? scene().vehicle(sel.id) : nullptr)
        p = viewport.toScreen(v->report.position);
    else
        return;
    painter.save();
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 160), 5));
    painter.drawEllipse(p, 15, 15);
    painter.setPen(QPen(mapstyle::selection(), 2.5));
    painter.drawEllipse(p, 15, 15);
    painter.restore();
}

void ReservationLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    if (scene().reservations.empty())
        return;
    painter.save();
    painter.setBrush(Qt::NoBrush);
    QPen dark(QColor(0, 0, 0, 160), 4);
    QPen ring(mapstyle::selection(), 2, Qt::DashLine);
    const QRectF visible = QRectF(QPointF(0, 0), viewport.size()).adjusted(-20, -20, 20, 20);
    for (const auto &[device, order] : scene().reservations) {
        if (device >= scene().deviceWorld().size())
            continue;
        const QPointF p = viewport.worldToScreen(scene().deviceWorld()[device]);
        if (!visible.contains(p))
            continue;
        painter.setPen(dark);
        painter.drawEllipse(p, 11, 11);
        painter.setPen(ring);
        painter.drawEllipse(p, 11, 11);
    }
    painter.restore();
}

} // namespace cityops
