#include "replay/timelinewidget.h"

#include "labels.h"
#include "store/recordgap.h"

#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace cityops {

namespace {
const QColor kReplay(0x6f, 0x8c, 0xff);
const QColor kGap(0xff, 0xb0, 0x00);   ///< events missing from the record: abnormal, so amber
}

TimelineWidget::TimelineWidget(const QTimeZone &zone, QWidget *parent) : QWidget(parent), m_zone(zone)
{
    setMinimumHeight(56);
    setMouseTracking(false);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Replay timeline"));
}

void TimelineWidget::setTimeline(const ReplaySession::Timeline &timeline, std::int64_t fromMs, std::int64_t toMs)
{
    m_timeline = timeline;
    m_from = fromMs;
    m_to = std::max(fromMs + 1, toMs);
    update();
}

void TimelineWidget::setPosition(std::int64_t timeMs)
{
    m_position = timeMs;
    update();
}

QRectF TimelineWidget::track() const { return QRectF(8, 16, width() - 16, height() - 32); }

std::int64_t TimelineWidget::timeAt(double x) const
{
    const QRectF t = track();
    const double f = std::clamp((x - t.left()) / t.width(), 0.0, 1.0);
    return m_from + static_cast<std::int64_t>(f * static_cast<double>(m_to - m_from));
}

double TimelineWidget::xAt(std::int64_t timeMs) const
{
    const QRectF t = track();
    return t.left() + t.width() * static_cast<double>(timeMs - m_from) / static_cast<double>(m_to - m_from);
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x1b, 0x1e, 0x22));
    const QRectF t = track();
    p.fillRect(t, QColor(0x2a, 0x2f, 0x35));

    // Density: one column per pixel, the busiest minute in that pixel's span.
    const int columns = std::max(1, static_cast<int>(t.width()));
    std::vector<std::int64_t> peak(columns, 0);
    std::int64_t maxCount = 1;
    for (const auto &[minute, count] : m_timeline.density) {
        if (minute + 60000 < m_from || minute > m_to)
            continue;
        const int c = std::clamp(static_cast<int>(xAt(minute) - t.left()), 0, columns - 1);
        peak[c] = std::max(peak[c], count);
        maxCount = std::max(maxCount, count);
    }
    p.setPen(QColor(0x6b, 0x73, 0x7b));
    for (int c = 0; c < columns; ++c) {
        if (peak[c] == 0)
            continue;
        const double h = (t.height() - 4) * std::sqrt(static_cast<double>(peak[c]) / maxCount); // sqrt: quiet hours stay visible
        p.drawLine(QPointF(t.left() + c, t.bottom()), QPointF(t.left() + c, t.bottom() - h));
    }

    // Gaps: events the console could not record. Amber across their span (at least a few pixels, so that a gap of
    // seconds in a day's timeline is still seen), under the markers.
    for (const auto &m : m_timeline.markers) {
        if (!m.isGap())
            continue;
        const auto span = gapSpan(m);
        if (!span)
            continue;
        const auto [left, right] = *span;
        const QRectF band(left, t.top(), right - left, t.height());
        p.fillRect(band, QColor(0xff, 0xb0, 0x00, 0x50));
        p.fillRect(band, QBrush(kGap, Qt::BDiagPattern));
        p.fillRect(QRectF(left, t.top(), right - left, 2), kGap);
    }

    // Markers.
    for (const auto &m : m_timeline.markers) {
        if (m.isGap() || m.timeMs < m_from || m.timeMs > m_to)
            continue;
        const double x = xAt(m.timeMs);
        if (m.kind == eventcodec::Kind::IncidentRaised) {
            p.setPen(QPen(QColor(0xff, 0x3b, 0x30), 2));
            p.drawLine(QPointF(x, t.top() - 10), QPointF(x, t.top() + 6));
        } else if (!m.label.isEmpty()) {   // what people (and escalations) did: the audit trail
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xe8, 0xea, 0xed));
            p.drawPolygon(QPolygonF({QPointF(x, t.bottom() + 2), QPointF(x - 4, t.bottom() + 10), QPointF(x + 4, t.bottom() + 10)}));
        }
    }

    // Ends and cursor.
    QFont f = font();
    f.setPixelSize(11);
    p.setFont(f);
    p.setPen(QColor(0x9a, 0xa1, 0xa8));
    const auto label = [this](std::int64_t ms) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, m_zone), tr("d MMM HH:mm", "date format: each language its own order"));
    };
    p.drawText(QRectF(t.left(), 0, 200, 14), Qt::AlignLeft | Qt::AlignVCenter, label(m_from));
    p.drawText(QRectF(t.right() - 200, 0, 200, 14), Qt::AlignRight | Qt::AlignVCenter, label(m_to));
    const double x = xAt(m_position);
    p.setPen(QPen(kReplay, 3));
    p.drawLine(QPointF(x, t.top() - 2), QPointF(x, t.bottom() + 2));
    p.setBrush(kReplay);
    p.drawEllipse(QPointF(x, t.top() - 2), 5, 5);
}

std::optional<std::pair<double, double>> TimelineWidget::gapSpan(const StoreReader::Marker &gap) const
{
    const auto said = recordgap::read(gap.label);
    const std::int64_t until = gap.timeMs + (said ? said->spanMs : 0);
    if (until < m_from || gap.timeMs > m_to)
        return std::nullopt;   // not in the window shown
    const QRectF t = track();
    const double left = std::max(t.left(), xAt(gap.timeMs));
    const double right = std::min(t.right(), std::max(xAt(until), left + 3));
    return std::pair{std::min(left, right - 3), right};
}

const StoreReader::Marker *TimelineWidget::gapAt(double x) const
{
    for (const auto &m : m_timeline.markers)
        if (const auto span = m.isGap() ? gapSpan(m) : std::nullopt; span && x >= span->first - 2 && x <= span->second + 2)
            return &m;
    return nullptr;
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const StoreReader::Marker *gap = gapAt(help->pos().x())) {
            const auto said = recordgap::read(gap->label);
            QToolTip::showText(help->globalPos(), Labels::recordGap(static_cast<std::uint64_t>(gap->ref), said ? said->spanMs : 0), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT seekRequested(timeAt(event->position().x()));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        Q_EMIT seekRequested(timeAt(event->position().x()));
}

} // namespace cityops
