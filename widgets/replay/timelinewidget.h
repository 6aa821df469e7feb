#pragma once

#include "store/replaysession.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>
#include <utility>

namespace cityops {

/// The replay timeline: events per minute as a density strip, incident markers (red, top), operator actions
/// (white, bottom), events missing from the record (amber band) and the position cursor. Click or drag to seek.
class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(const QTimeZone &zone, QWidget *parent = nullptr);

    void setTimeline(const ReplaySession::Timeline &timeline, std::int64_t fromMs, std::int64_t toMs);
    void setPosition(std::int64_t timeMs);
    std::int64_t timeAt(double x) const;
    double xAt(std::int64_t timeMs) const;
    QSize sizeHint() const override { return {800, 64}; }

Q_SIGNALS:
    void seekRequested(qint64 timeMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;   ///< a gap's tooltip says what is missing there

private:
    QRectF track() const;
    /// The marker of the gap drawn under x, if any.
    const StoreReader::Marker *gapAt(double x) const;
    /// A gap's span on the track, at least a few pixels wide; nothing when it lies outside the window shown.
    std::optional<std::pair<double, double>> gapSpan(const StoreReader::Marker &gap) const;

    QTimeZone m_zone;
    ReplaySession::Timeline m_timeline;
    std::int64_t m_from = 0, m_to = 1;
    std::int64_t m_position = 0;
};

} // namespace cityops
