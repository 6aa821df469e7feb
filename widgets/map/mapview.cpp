#include "map/mapview.h"

#include "labels.h"

#include "map/mapstyle.h"
#include "map/rasterlayer.h"
#include "map/sprites.h"

#include <QContextMenuEvent>
#include <QRegularExpression>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QToolTip>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace cityops {

namespace {
constexpr double kClickSlopPx = 5.0;
constexpr double kPickRadiusPx = 10.0;
constexpr double kKeyPanFraction = 0.2;
} // namespace

MapView::MapView(CityMirror &scene, QWidget *parent) : QWidget(parent), m_scene(scene), m_renderer(scene)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 240);
    setAccessibleName(tr("City map"));
    m_settle.setSingleShot(true);
    m_settle.setInterval(150);
    connect(&m_settle, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    // Tiles arrive from a worker thread; repaint on the GUI thread (the posted call dies with the view).
    m_renderer.setAsyncBasemap(true, [this] { QMetaObject::invokeMethod(this, qOverload<>(&QWidget::update), Qt::QueuedConnection); });
}

void MapView::setLayerVisible(const QString &id, bool visible)
{
    m_renderer.setLayerVisible(id, visible);
    update();
}

void MapView::fitCity()
{
    m_viewport.setSize(size());
    m_viewport.fit(m_scene.city().operationalBounds());
    m_fitPending = false;
    m_showingCity = true;
    update();
}

void MapView::centerOn(const GeoPoint &p, double zoom)
{
    m_viewport.setCenterGeo(p);
    if (zoom > 0)
        m_viewport.setZoom(zoom);
    m_fitPending = false;
    m_showingCity = false;
    update();
}

void MapView::zoomBy(double steps, const QPointF &anchor)
{
    // Keep the point under the anchor fixed while zooming, as every map does.
    m_showingCity = false;
    const QPointF before = m_viewport.screenToWorld(anchor);
    m_viewport.setZoom(m_viewport.zoom() + steps);
    const QPointF after = m_viewport.screenToWorld(anchor);
    m_viewport.setCenter(m_viewport.center() + (before - after));
    update();
}

void MapView::panBy(const QPointF &deltaPx)
{
    setFollowing(false);   // the operator takes the map (drag or arrow keys)
    m_viewport.setCenter(m_viewport.center() - deltaPx / m_viewport.worldSize());
    m_showingCity = false;
    update();
}

void MapView::select(const MapSelection &selection)
{
    if (m_scene.selection == selection)
        return;
    m_scene.selection = selection;
    setFollowing(false);
    update();
    Q_EMIT selectionChanged(selection);
}

void MapView::setFollowing(bool follow)
{
    follow = follow && m_scene.selection.kind == MapSelection::Kind::Vehicle;
    if (follow == m_following)
        return;
    m_following = follow;
    if (follow)
        sceneChanged();
    Q_EMIT followingChanged(follow);
}

void MapView::sceneChanged()
{
    if (m_following) {
        if (const VehicleBook::Vehicle *v = m_scene.vehicle(m_scene.selection.id))
            centerOn(v->report.position);
        else
            setFollowing(false);   // it is no longer tracked: the map stays where it last saw it
    }
    update();
}

void MapView::setReplayMode(bool replay)
{
    m_replay = replay;
    update();
}

void MapView::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    update();
}

void MapView::drawNotice(QPainter &painter) const
{
    // As the wall draws a tile without live data: magenta hatching (ISA-101's no-data) — here only a frame, so the
    // last known state stays readable under it — and the sentence on a dark band.
    const QColor noData = mapstyle::noData();
    const int frame = 10;
    const QRegion band = QRegion(rect()) - QRegion(rect().adjusted(frame, frame, -frame, -frame));
    painter.save();   // the scale bar, legend and attribution are drawn after, in their own font
    painter.setClipRegion(band);
    painter.fillRect(rect(), QBrush(noData, Qt::BDiagPattern));
    painter.setClipping(false);
    QFont font = painter.font();
    font.setPixelSize(20);
    font.setBold(true);
    painter.setFont(font);
    const QRect text = painter.fontMetrics().boundingRect(rect().adjusted(frame + 16, 0, -frame - 16, 0), Qt::AlignHCenter | Qt::TextWordWrap,
                                                          QStringLiteral("\u25A7 ") + m_notice);
    const QRect strip(frame, frame, width() - 2 * frame, text.height() + 16);
    painter.fillRect(strip, QColor(0x10, 0x11, 0x13, 235));
    painter.setPen(noData);
    painter.drawText(strip, Qt::AlignCenter | Qt::TextWordWrap, QStringLiteral("\u25A7 ") + m_notice);
    painter.restore();
}

void MapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    m_viewport.setSize(size());
    m_renderer.render(painter, m_viewport);
    // The view moved: once it holds still, draw it again, filtered and cached (a quiet city repaints nothing else).
    if (m_renderer.lastFrameWasMoving())
        m_settle.start();   // restarted by every moving frame: fires once, 150 ms after the last
    if (m_replay) {
        const QColor replay(0x6f, 0x8c, 0xff);
        painter.fillRect(rect(), QColor(replay.red(), replay.green(), replay.blue(), 28));
        painter.setPen(QPen(replay, 8));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(4, 4, -4, -4));
        QFont font = painter.font();
        font.setPixelSize(40);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(replay.red(), replay.green(), replay.blue(), 170));
        painter.drawText(rect().adjusted(24, 16, -24, -16), Qt::AlignTop | Qt::AlignLeft, tr("REPLAY"));
    }
    if (!m_notice.isEmpty() && !m_replay)
        drawNotice(painter);
    if (m_gesture != Gesture::None) {
        painter.setPen(QPen(mapstyle::selection(), 1.5, Qt::DashLine));
        painter.setBrush(QColor(255, 255, 255, 24));
        painter.drawPolygon(gesturePolygon());
    }
    drawScaleBar(painter);
    drawAttribution(painter);
    if (m_legend)
        drawLegend(painter);
    if (hasFocus() && !m_replay) {
        painter.setPen(QPen(QColor(0x6c, 0x8e, 0xbf), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void MapView::drawScaleBar(QPainter &painter) const
{
    // Pick a round length that is 80-200 px long.
    const double mpp = m_viewport.metresPerPixel();
    static const double steps[] = {10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000};
    double metres = steps[0];
    for (double s : steps) {
        metres = s;
        if (s / mpp >= 80)
            break;
    }
    const double px = metres / mpp;
    const QPointF origin(16, height() - 18);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(QColor(0xc8, 0xcd, 0xd2), 2));
    painter.drawLine(origin, origin + QPointF(px, 0));
    painter.drawLine(origin, origin + QPointF(0, -6));
    painter.drawLine(origin + QPointF(px, 0), origin + QPointF(px, -6));
    QFont font = painter.font();
    font.setPixelSize(13);
    painter.setFont(font);
    const QString label = metres >= 1000 ? tr("%1 km").arg(metres / 1000) : tr("%1 m").arg(metres);
    painter.drawText(QPointF(origin.x() + px + 6, origin.y()), label);
    painter.restore();
}

void MapView::setLegendVisible(bool visible)
{
    m_legend = visible;
    update();
}

void MapView::drawLegend(QPainter &painter) const
{
    // Only what needs explaining: normal is grey, colour is abnormal (ISA-101).
    enum class Shape { Sprite, Diamond, Triangle, Halo, Frame, Arrow, Square, Line };
    struct Row {
        Shape shape;
        QImage sprite;
        QColor colour;
        QString text;
    };
    std::vector<Row> rows = {
        {Shape::Sprite, sprites::circle({mapstyle::signalRunning(), QColor(0x1c, 0x1f, 0x22), 5, 1}), {}, tr("Signal running its program")},
        {Shape::Halo, sprites::circle({mapstyle::alarmAmber(), QColor(), 3.5, 1}), {}, tr("Signal flashing / faulted")},
        {Shape::Frame, sprites::circle({mapstyle::signalRunning(), QColor(0x1c, 0x1f, 0x22), 5, 1}), {}, tr("Signal held / pre-empted")},
        {Shape::Sprite, sprites::circle({QColor(), mapstyle::alarmAmber(), 5, 2}), {}, tr("Lamp fault")},
        {Shape::Sprite, sprites::circle({mapstyle::signalDark(), mapstyle::noData(), 5, 2.5}), {}, tr("Not reporting")},
        {Shape::Diamond, {}, mapstyle::alarmAmber(), tr("Feeder ≥ 80 % of rating")},
        {Shape::Diamond, {}, mapstyle::alarmRed(), tr("Feeder over rating")},
        {Shape::Triangle, {}, mapstyle::severityColor(IncidentSeverity::Critical), tr("Incident: critical")},
        {Shape::Triangle, {}, mapstyle::severityColor(IncidentSeverity::Major), tr("Incident: major")},
        {Shape::Triangle, {}, mapstyle::severityColor(IncidentSeverity::Minor), tr("Incident: minor")},
    };
    if (!m_scene.vehicles.empty()) {   // only where a fleet is tracked
        rows.push_back({Shape::Arrow, {}, mapstyle::vehicleFill(), tr("Emergency vehicle on its way, its route")});
        rows.push_back({Shape::Square, {}, mapstyle::vehicleFill(), tr("Emergency vehicle standing")});
    }
    if (m_scene.roads.current(m_scene.nowMs)) {   // only while traffic is measured (co-simulation), as the layer draws it
        rows.push_back({Shape::Line, {}, mapstyle::roadTrafficColor(RoadLevel::Long), tr("Traffic standing a block long")});
        rows.push_back({Shape::Line, {}, mapstyle::roadTrafficColor(RoadLevel::Spillback), tr("Traffic standing two blocks long")});
        // A district whose gateway counts no traffic: its roads are unknown, not empty — say so, in the not-reporting
        // colour, rather than let bare roads read as free-flowing.
        // A district whose gateway has just started is waiting for its first count: unknown too, but not abnormal.
        std::vector<std::uint16_t> notCounted, awaited;
        for (const std::uint16_t d : m_scene.roads.uncounted)
            (m_scene.roads.count(d) == TrafficBook::Roads::Count::Awaited ? awaited : notCounted).push_back(d);
        if (!notCounted.empty())
            rows.push_back({Shape::Line, {}, mapstyle::noData(), Labels::trafficNotCounted(m_scene.city(), notCounted)});
        if (!awaited.empty())
            rows.push_back({Shape::Line, {}, mapstyle::signalDark(), Labels::trafficAwaited(m_scene.city(), awaited)});
    }
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(12);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    int width = 0;
    for (const Row &r : rows)
        width = std::max(width, metrics.horizontalAdvance(r.text));
    const int line = 18;
    const QRect box(10, height() - 44 - line * static_cast<int>(rows.size()), width + 44, line * static_cast<int>(rows.size()) + 10);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1b, 0x1e, 0x22, 215));
    painter.drawRoundedRect(box, 6, 6);
    painter.setPen(QColor(0xc8, 0xcd, 0xd2));
    for (size_t i = 0; i < rows.size(); ++i) {
        const int y = box.top() + 5 + static_cast<int>(i) * line;
        const QPointF c(box.left() + 16, y + line / 2.0);
        if (rows[i].shape == Shape::Sprite) {
            sprites::draw(painter, rows[i].sprite, c);
        } else if (rows[i].shape == Shape::Halo) {
            // As on the map: an amber disc inside an amber ring (a normal yellow aspect has no ring).
            sprites::draw(painter, sprites::circle({QColor(), mapstyle::alarmAmber(), 7, 2}), c);
            sprites::draw(painter, rows[i].sprite, c);
        } else if (rows[i].shape == Shape::Frame) {
            // As on the map: the disc in its aspect inside a square frame.
            sprites::draw(painter, rows[i].sprite, c);
            painter.save();
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(mapstyle::commandOverride(), 2.0, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            painter.drawRect(QRectF(c - QPointF(8, 8), QSizeF(16, 16)));
            painter.restore();
        } else {
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(QColor(0x10, 0x10, 0x10), 1));
            painter.setBrush(rows[i].colour);
            if (rows[i].shape == Shape::Line) {
                painter.setPen(QPen(rows[i].colour, 4, Qt::SolidLine, Qt::RoundCap));
                painter.drawLine(c + QPointF(-7, 0), c + QPointF(7, 0));
            } else if (rows[i].shape == Shape::Diamond)
                painter.drawPolygon(QPolygonF({c + QPointF(0, -6), c + QPointF(6, 0), c + QPointF(0, 6), c + QPointF(-6, 0)}));
            else if (rows[i].shape == Shape::Square)
                painter.drawRect(QRectF(c - QPointF(5, 5), QSizeF(10, 10)));
            else if (rows[i].shape == Shape::Arrow)   // pointing right, along a short piece of route
                painter.drawPolygon(QPolygonF({c + QPointF(7, 0), c + QPointF(-4, -6), c + QPointF(-2, 0), c + QPointF(-4, 6)}));
            else
                painter.drawPolygon(QPolygonF({c + QPointF(0, -7), c + QPointF(7, 5), c + QPointF(-7, 5)}));
            painter.restore();
        }
        painter.setPen(QColor(0xc8, 0xcd, 0xd2));
        painter.drawText(QRect(box.left() + 30, y, width + 10, line), Qt::AlignVCenter | Qt::AlignLeft, rows[i].text);
    }
    painter.restore();
}

void MapView::drawAttribution(QPainter &painter) const
{
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    painter.setPen(QColor(0x8a, 0x92, 0x9a));
    QString text = tr("Roads © OpenStreetMap contributors (ODbL) · SUMO");
    if (!m_rasterAttribution.isEmpty())
        text += QStringLiteral(" · ") + m_rasterAttribution;
    painter.drawText(rect().adjusted(0, 0, -8, -6), Qt::AlignRight | Qt::AlignBottom, text);
    painter.restore();
}

void MapView::setRasterBasemap(std::shared_ptr<const MbTiles> tiles)
{
    if (!tiles)
        return;
    // Attribution text comes from a file: keep it short and plain.
    m_rasterAttribution = QString(tiles->attribution()).remove(QRegularExpression(QStringLiteral("<[^>]*>"))).simplified().left(120);
    m_renderer.addLayer(std::make_unique<RasterLayer>(m_scene, std::move(tiles)));
    update();
}

void MapView::resizeEvent(QResizeEvent *)
{
    m_viewport.setSize(size());
    // Showing the whole city (at start, or after Home) keeps showing it when the window or a dock changes size;
    // a view the operator moved stays where it is.
    if (m_fitPending || m_showingCity)
        fitCity();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressPos = m_lastPos = event->position();
    // Shift+drag: rubber band; Ctrl+drag: lasso — to pick many devices (e.g. the targets of a command).
    if (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) {
        m_gesture = event->modifiers() & Qt::ShiftModifier ? Gesture::Rubber : Gesture::Lasso;
        m_gesturePath = QPolygonF({event->position()});
        setCursor(Qt::CrossCursor);
        return;
    }
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
}

QPolygonF MapView::gesturePolygon() const
{
    if (m_gesture == Gesture::Rubber && !m_gesturePath.isEmpty())
        return QPolygonF(QRectF(m_pressPos, m_lastPos).normalized());
    return m_gesturePath;
}

std::vector<DeviceIndex> MapView::devicesIn(const QPolygonF &screen) const
{
    std::vector<DeviceIndex> out;
    if (screen.size() < 3)
        return out;
    const QRectF box = screen.boundingRect();
    const CityModel &city = m_scene.city();
    // Only what is drawn can be picked: devices of hidden layers stay out.
    const bool signalsOn = m_renderer.isLayerVisible(QStringLiteral("signals"));
    const bool lightsOn = m_renderer.isLayerVisible(QStringLiteral("streetlights"));
    const bool energyOn = m_renderer.isLayerVisible(QStringLiteral("energy"));
    const QRectF world = QRectF(m_viewport.screenToWorld(box.topLeft()), m_viewport.screenToWorld(box.bottomRight())).normalized();
    m_scene.grid().forEachIn(world, [&](DeviceIndex d) {
        const DeviceKind kind = city.devices[d].kind;
        const bool visible = kind == DeviceKind::SignalController ? signalsOn : kind == DeviceKind::Streetlight ? lightsOn : energyOn;
        if (visible && screen.containsPoint(m_viewport.worldToScreen(m_scene.deviceWorld()[d]), Qt::OddEvenFill))
            out.push_back(d);
    });
    std::sort(out.begin(), out.end());
    return out;
}

void MapView::pick(const std::vector<DeviceIndex> &devices)
{
    m_scene.picked = devices;
    update();
    Q_EMIT pickedChanged(static_cast<int>(devices.size()));
}

void MapView::contextMenuEvent(QContextMenuEvent *event)
{
    const QPointF pos = event->reason() == QContextMenuEvent::Mouse ? QPointF(event->pos()) : QPointF(width() / 2.0, height() / 2.0);
    const auto hit = m_renderer.hitTest(m_viewport, pos, kPickRadiusPx);
    if (hit)
        select(*hit);
    Q_EMIT contextRequested(m_viewport.toGeo(pos), hit.value_or(MapSelection{}), mapToGlobal(pos.toPoint()));
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_gesture != Gesture::None) {
        m_lastPos = event->position();
        if (m_gesture == Gesture::Lasso)
            m_gesturePath << event->position();
        update();
    } else if (m_dragging) {
        panBy(event->position() - m_lastPos);
        m_lastPos = event->position();
    }
    Q_EMIT pointerMoved(m_viewport.toGeo(event->position()));
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_gesture != Gesture::None) {
        m_lastPos = event->position();
        const QPolygonF area = gesturePolygon();
        m_gesture = Gesture::None;
        m_gesturePath.clear();
        unsetCursor();
        pick(devicesIn(area));
        return;
    }
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    unsetCursor();
    const QPointF moved = event->position() - m_pressPos;
    if (std::hypot(moved.x(), moved.y()) <= kClickSlopPx) {
        const auto hit = m_renderer.hitTest(m_viewport, event->position(), kPickRadiusPx);
        select(hit.value_or(MapSelection{}));
    }
}

void MapView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0 * 0.5; // half a zoom level per notch
    if (steps != 0)
        zoomBy(steps, event->position());
    event->accept();
}

QString MapView::describe(const MapSelection &selection) const
{
    const CityModel &city = m_scene.city();
    if (selection.kind == MapSelection::Kind::Incident) {
        const Incident *i = m_scene.incident(selection.id);
        if (!i)
            return {};
        return tr("%1 — %2\n%3, open for %4").arg(Labels::incidentKind(i->kind), Labels::severity(i->severity),
                                                 Labels::where(city, *i),
                                                 Labels::duration(m_scene.nowMs - i->raisedMs));
    }
    if (const VehicleBook::Vehicle *v = selection.kind == MapSelection::Kind::Vehicle ? m_scene.vehicle(selection.id) : nullptr)
        return v->report.parked ? tr("%1 — standing").arg(v->report.id)
                                : tr("%1 — on its way, %2 km/h").arg(v->report.id).arg(std::lround(v->report.speedMps * 3.6));
    if (selection.kind != MapSelection::Kind::Device || selection.id >= city.devices.size())
        return {};
    const DeviceInfo &d = city.devices[selection.id];
    const DeviceState &s = m_scene.states[selection.id];
    QString state;
    if (!s.reported)
        state = tr("no report yet");
    else if (!s.online)
        state = tr("not reporting");
    else if (d.kind == DeviceKind::SignalController)
        state = s.fault ? tr("flashing (fault)") : m_scene.signalState(selection.id);
    else if (d.kind == DeviceKind::Streetlight)
        state = s.fault ? tr("lamp fault") : s.level == 0 ? tr("off") : tr("on, %1 %").arg(s.level);
    else if (d.kind == DeviceKind::Feeder)
        state = tr("%1 % of rating").arg(qRound(100.0 * s.value / city.feeders[d.detail].capacityKw));
    else
        state = tr("online");
    return QStringLiteral("%1 — %2\n%3").arg(Labels::deviceKind(d.kind), m_scene.deviceName(selection.id), state);
}

bool MapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const auto hit = m_renderer.hitTest(m_viewport, help->pos(), kPickRadiusPx);
        const QString text = hit ? describe(*hit) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre(width() / 2.0, height() / 2.0);
    switch (event->key()) {
    case Qt::Key_Left: panBy(QPointF(width() * kKeyPanFraction, 0)); break;
    case Qt::Key_Right: panBy(QPointF(-width() * kKeyPanFraction, 0)); break;
    case Qt::Key_Up: panBy(QPointF(0, height() * kKeyPanFraction)); break;
    case Qt::Key_Down: panBy(QPointF(0, -height() * kKeyPanFraction)); break;
    case Qt::Key_Plus: case Qt::Key_Equal: case Qt::Key_PageUp: zoomBy(0.5, centre); break;
    case Qt::Key_Minus: case Qt::Key_PageDown: zoomBy(-0.5, centre); break;
    case Qt::Key_Home: fitCity(); break;
    case Qt::Key_Escape:
        select({});
        pick({});
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

} // namespace cityops
