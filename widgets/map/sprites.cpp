#include "map/sprites.h"

#include <QHash>

#include <cmath>

namespace cityops::sprites {

const QImage &circle(const Circle &style)
{
    thread_local QHash<QString, QImage> cache;
    const QString key = QStringLiteral("%1/%2/%3/%4").arg(style.fill.isValid() ? style.fill.rgba() : 0u)
                            .arg(style.ring.isValid() ? style.ring.rgba() : 0u).arg(style.radius).arg(style.ringWidth);
    auto it = cache.find(key);
    if (it != cache.end())
        return it.value();
    const int c = static_cast<int>(std::ceil(style.radius + style.ringWidth)) + 2;
    QImage image(2 * c + 1, 2 * c + 1, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF centre(c + 0.5, c + 0.5);
    if (style.fill.isValid()) {
        p.setPen(Qt::NoPen);
        p.setBrush(style.fill);
        p.drawEllipse(centre, style.radius, style.radius);
    }
    if (style.ring.isValid()) {
        p.setPen(QPen(style.ring, style.ringWidth));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(centre, style.radius, style.radius);
    }
    p.end();
    return cache.insert(key, image).value();
}

} // namespace cityops::sprites
