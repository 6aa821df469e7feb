#pragma once

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QPointF>

namespace cityops::sprites {

/// A round marker drawn once and blitted many times: building an ellipse path per device per frame is what made
/// markers slow (arc maths and path allocation dominated the profile at 100,000 devices).
struct Circle {
    QColor fill;           ///< invalid = no fill
    QColor ring;           ///< invalid = no ring
    double radius = 4;
    double ringWidth = 1;
    bool operator==(const Circle &) const = default;
};

/// The sprite for a marker (cached per thread; markers come in a handful of styles).
const QImage &circle(const Circle &style);

/// Draws a sprite centred on `p`, aligned to whole pixels so the marker's centre pixel is exactly its colour.
inline void draw(QPainter &painter, const QImage &sprite, const QPointF &p)
{
    const int c = sprite.width() / 2;
    painter.drawImage(QPoint(static_cast<int>(std::floor(p.x())) - c, static_cast<int>(std::floor(p.y())) - c), sprite);
}

} // namespace cityops::sprites
