#pragma once

#include "wall/walllook.h"

#include <QWidget>

#include <vector>

namespace cityops {

class WallFeed;

/// One tile of the wall: a title line, a body its subclass draws, and what the wall must never hide — when the tile's
/// data is stale, a hatched face with the reason in large type. Nobody touches a tile: it takes no input. All text
/// goes through drawText(), which never draws below the wall's minimum character height and remembers the heights it
/// drew (for the sizing test).
class WallTile : public QWidget {
    Q_OBJECT
public:
    WallTile(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    /// Whether this tile shows field data (a clock does not go stale).
    virtual bool showsFieldData() const { return true; }
    /// The reason shown across the face, or empty.
    QString staleText() const { return m_stale; }
    /// Capital-letter heights of every text drawn in the last paint.
    const std::vector<int> &drawnCapHeights() const { return m_capHeights; }
    /// Where bezels cross this tile (tile coordinates; a tile spanning panels of a spanned wall): the boards keep their
    /// rows of text off the horizontal ones, so no line is cut in two by a panel's frame.
    void setBezels(std::vector<QRect> bands)
    {
        m_bezels = std::move(bands);
        update();
    }
    const std::vector<QRect> &bezels() const { return m_bezels; }
    /// Where every text was drawn in the last paint (tests: none crosses a horizontal bezel).
    const std::vector<QRect> &drawnTextRects() const { return m_textRects; }
    /// What drawText() wrote in the last paint, in order (tests read the wall as the room does).
    const std::vector<QString> &drawnTexts() const { return m_texts; }
    /// Shows `text` over the tile instead of its title for `seconds` (what a desk pushed to it; empty to stop).
    void setPushedTitle(const QString &text) { m_pushedTitle = text; update(); }
    const QString &pushedTitle() const { return m_pushedTitle; }

public Q_SLOTS:
    /// Re-reads the feed's staleness; repaints only when it changed.
    void checkStale();

protected:
    enum class Size { Normal, Large, Huge };
    void paintEvent(QPaintEvent *event) override;
    /// Draws the tile's content inside `body` (the title line is already drawn).
    virtual void paintBody(QPainter &painter, const QRect &body) = 0;
    /// Draws text no smaller than the wall's minimum; returns the rectangle it took.
    QRect drawText(QPainter &painter, const QRect &rect, int flags, const QString &text, Size size = Size::Normal,
                   const QColor &color = WallLook::text());
    /// Records text drawn by someone else (a plot's tick labels) for drawnCapHeights().
    void noteTextDrawn(const QFont &font) { m_capHeights.push_back(QFontMetrics(font).capHeight()); }
    /// Rows laid out down the panels a tile covers: the body cut into one column per panel at the vertical bezels;
    /// rows stay off the horizontal bezels and go on into the next panel's column when one is full, so no row is
    /// cut by the frame between two panels (on a single panel: one column, the body).
    struct RowFlow {
        std::vector<QRect> columns;
        size_t column = 0;
        int y = 0;
    };
    RowFlow rowFlow(const QRect &body) const;
    /// The next row `height` high across its column, or an empty rect when the body is full.
    QRect nextRow(RowFlow &flow, int height) const;
    /// The body's part on its first (top-left) panel: what is drawn as one piece (a plot, centred text) goes there,
    /// so no frame between panels crosses it.
    QRect firstPanel(const QRect &body) const;
    /// The first y at or below `y` where a row `height` high crosses no horizontal bezel.
    int belowBezels(int y, int height) const;
    /// Where paintBody draws: below the title line, inside the margins.
    QRect bodyRect() const;
    /// The height of one line of text of `size`.
    int lineHeight(Size size) const;
    const QFont &font(Size size) const;
    /// One line of text as an image, rendered once and cached (shared by all tiles).
    static QImage renderedLine(const QString &text, const QFont &font, const QColor &color);

    WallFeed &m_feed;
    const WallLook &m_look;

private:
    void paintStale(QPainter &painter, const QRect &body);

    QString m_stale;
    QString m_pushedTitle;
    std::vector<int> m_capHeights;
    std::vector<QRect> m_textRects;
    std::vector<QString> m_texts;
    std::vector<QRect> m_bezels;
};

} // namespace cityops
