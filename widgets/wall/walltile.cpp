#include "wall/walltile.h"

#include "wall/wallfeed.h"

#include <QPainter>
#include <QPainterPath>
#include <QCache>

#include <algorithm>

namespace cityops {

WallTile::WallTile(WallFeed &feed, const WallLook &look, QWidget *parent) : QWidget(parent), m_feed(feed), m_look(look)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    connect(&m_feed, &WallFeed::tick, this, &WallTile::checkStale);
    connect(&m_feed, &WallFeed::figuresChanged, this, &WallTile::checkStale);
}

void WallTile::checkStale()
{
    const QString stale = showsFieldData() ? m_feed.staleReason() : QString();
    if (stale == m_stale)
        return;
    m_stale = stale;
    update();
}

const QFont &WallTile::font(Size size) const
{
    return size == Size::Huge ? m_look.huge : size == Size::Large ? m_look.large : m_look.normal;
}

int WallTile::lineHeight(Size size) const { return QFontMetrics(font(size)).height(); }

QRect WallTile::drawText(QPainter &painter, const QRect &rect, int flags, const QString &text, Size size, const QColor &color)
{
    const QFont &f = font(size);
    m_capHeights.push_back(QFontMetrics(f).capHeight());
    m_texts.push_back(text);
    if (flags & Qt::TextWordWrap) {
        painter.setFont(f);
        painter.setPen(color);
        QRect used;
        painter.drawText(rect, flags, text, &used);
        m_textRects.push_back(used);
        return used;
    }
    // Wall type is large enough that Qt draws its glyphs as paths, every time: a line is rendered once into an image
    // and blitted after that (the boards redraw every second with mostly the same words).
    const QImage line = renderedLine(text, f, color);
    const QSize s = line.size() / line.devicePixelRatio();
    const int x = (flags & Qt::AlignRight) ? rect.right() - s.width() + 1 : (flags & Qt::AlignHCenter) ? rect.left() + (rect.width() - s.width()) / 2 : rect.left();
    const int y = (flags & Qt::AlignBottom) ? rect.bottom() - s.height() + 1 : (flags & Qt::AlignVCenter) ? rect.top() + (rect.height() - s.height()) / 2 : rect.top();
    painter.drawImage(QPoint(x, y), line);
    m_textRects.push_back(QRect(QPoint(x, y), s));
    return QRect(QPoint(x, y), s);
}

WallTile::RowFlow WallTile::rowFlow(const QRect &body) const
{
    RowFlow flow;
    std::vector<QRect> vertical;
    for (const QRect &band : m_bezels)
        if (band.height() > band.width() && band.right() >= body.left() && band.left() <= body.right())
            vertical.push_back(band);
    std::sort(vertical.begin(), vertical.end(), [](const QRect &a, const QRect &b) { return a.left() < b.left(); });
    int left = body.left();
    for (const QRect &band : vertical) {
        flow.columns.push_back(QRect(QPoint(left, body.top()), QPoint(band.left() - m_look.margin - 1, body.bottom())));
        left = band.right() + 1 + m_look.margin;
    }
    flow.columns.push_back(QRect(QPoint(left, body.top()), body.bottomRight()));
    flow.y = body.top();
    return flow;
}

QRect WallTile::firstPanel(const QRect &body) const
{
    QRect panel = rowFlow(body).columns.front();
    for (const QRect &band : m_bezels)
        if (band.width() > band.height() && band.top() > panel.top() && band.top() <= panel.bottom())
            panel.setBottom(band.top() - m_look.margin - 1);   // above the first horizontal frame
    return panel;
}

QRect WallTile::nextRow(RowFlow &flow, int height) const
{
    while (flow.column < flow.columns.size()) {
        const QRect &column = flow.columns[flow.column];
        const int y = belowBezels(flow.y, height);
        if (y + height - 1 <= column.bottom()) {
            flow.y = y + height;
            return QRect(column.left(), y, column.width(), height);
        }
        if (++flow.column < flow.columns.size())
            flow.y = flow.columns[flow.column].top();
    }
    return {};
}

int WallTile::belowBezels(int y, int height) const
{
    // Bands are few (a tile spans a handful of panels); moving below one may meet the next.
    for (bool moved = true; moved;) {
        moved = false;
        for (const QRect &band : m_bezels) {
            const bool horizontal = band.width() > band.height();
            if (horizontal && y <= band.bottom() && y + height - 1 >= band.top()) {
                y = band.bottom() + 1 + m_look.margin / 2;
                moved = true;
            }
        }
    }
    return y;
}

namespace {

/// Characters that change from one second to the next on a board (countdowns, counts, the clock, loads).
bool isNumeric(QChar c) { return c.isDigit() || c == u':' || c == u'.' || c == u',' || c == u'%'; }

/// The text cut into the pieces a line is composed from: each numeric character alone, the words between whole.
QStringList piecesOf(const QString &text)
{
    QStringList pieces;
    QString words;
    for (const QChar c : text) {
        if (!isNumeric(c)) {
            words += c;
            continue;
        }
        if (!words.isEmpty())
            pieces << std::exchange(words, QString());
        pieces << QString(c);
    }
    if (!words.isEmpty())
        pieces << words;
    return pieces;
}

} // namespace

QImage WallTile::renderedLine(const QString &text, const QFont &font, const QColor &color)
{
    // One cache for every tile of the wall (GUI thread only), bounded by pixels.
    static QCache<QString, QImage> cache(16 * 1024 * 1024 / 4);   // 16 MB of lines
    const QString key = text + QChar(0x1f) + QString::number(font.pixelSize()) + (font.bold() ? u'b' : u'r') + QString::number(color.rgba(), 16);
    if (const QImage *hit = cache.object(key))
        return *hit;   // shared, not copied
    const QFontMetricsF metrics(font);
    const QStringList pieces = piecesOf(text);
    const QSize size(std::max(1, int(std::ceil(metrics.horizontalAdvance(text))) + 2), int(std::ceil(metrics.height())));
    auto *image = new QImage(size, QImage::Format_ARGB32_Premultiplied);
    image->fill(Qt::transparent);
    {
        QPainter p(image);
        if (pieces.size() <= 1) {
            p.setRenderHint(QPainter::TextAntialiasing);
            p.setFont(font);
            p.setPen(color);
            p.drawText(QRect(QPoint(0, 0), size), Qt::AlignLeft | Qt::AlignVCenter, text);
        } else {
            // A line with numbers in it is new every second ("ACK OVERDUE 2:35:28"): drawing it as paths costs a few
            // ms at wall sizes, so it is put together from its words and digits, each rendered once.
            qreal x = 0;
            for (const QString &piece : pieces) {
                p.drawImage(QPointF(std::round(x), 0), renderedLine(piece, font, color));
                x += metrics.horizontalAdvance(piece);
            }
        }
    }
    const QImage line = *image;
    cache.insert(key, image, std::max(1, size.width() * size.height()));
    return line;
}

QRect WallTile::bodyRect() const
{
    const int m = m_look.margin;
    const int titleBottom = m / 2 + lineHeight(Size::Normal) - 1;
    return QRect(m, titleBottom + m, width() - 2 * m, height() - titleBottom - 2 * m);
}

void WallTile::paintEvent(QPaintEvent *)
{
    m_capHeights.clear();
    m_textRects.clear();
    m_texts.clear();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QRect all = rect();
    painter.fillRect(all, WallLook::tile());
    const int m = m_look.margin;
    // The title on the first panel only (a frame between panels must not cut it), shortened to fit there.
    const QRect titleRect = firstPanel(QRect(m, m / 2, width() - 2 * m, lineHeight(Size::Normal)));
    drawText(painter, titleRect, Qt::AlignLeft | Qt::AlignVCenter,
             QFontMetrics(font(Size::Normal)).elidedText(m_pushedTitle.isEmpty() ? title() : m_pushedTitle, Qt::ElideRight, titleRect.width()), Size::Normal,
             m_pushedTitle.isEmpty() ? WallLook::dim() : WallLook::text());
    painter.setPen(QPen(WallLook::rule(), 2));
    painter.drawLine(m, titleRect.bottom() + m / 2, width() - m, titleRect.bottom() + m / 2);
    const QRect body = bodyRect();
    painter.save();
    painter.setClipRect(body);
    paintBody(painter, body);
    painter.restore();
    if (!m_stale.isEmpty())
        paintStale(painter, body);
}

void WallTile::paintStale(QPainter &painter, const QRect &body)
{
    // Hatched across the whole face, so nobody reads the numbers underneath as current; the reason in large type.
    painter.save();
    painter.setClipRect(body);
    painter.fillRect(body, QColor(0x0e, 0x10, 0x12, 170));
    painter.setPen(QPen(QColor(0xe0, 0x40, 0xe0, 110), std::max(3, m_look.minCapPx / 8)));
    const int step = m_look.minCapPx;
    for (int x = body.left() - body.height(); x < body.right(); x += step)
        painter.drawLine(x, body.bottom(), x + body.height(), body.top());
    painter.restore();
    const QRect band(body.left(), body.center().y() - lineHeight(Size::Large), body.width(), 2 * lineHeight(Size::Large));
    painter.fillRect(band, WallLook::background());
    drawText(painter, band, Qt::AlignCenter | Qt::TextWordWrap, QStringLiteral("\u25A7 ") + m_stale, Size::Large, WallLook::noData());
}

} // namespace cityops
