#include "figurelabel.h"

#include <QEvent>
#include <QFontMetricsF>

#include <cmath>

namespace cityops {

namespace {
constexpr int kFewestPx = 120;   // "2 device(s) n…", "Link: mqtt…ecting": still says what kind of trouble it is
}

FigureLabel::FigureLabel(QWidget *parent, int widestPx, Qt::TextElideMode cut)
    : QLabel(parent)
    , m_widest(widestPx)
    , m_cut(cut)
{
}

void FigureLabel::setFigure(const QString &text, const QString &detail)
{
    if (text == m_text && detail == m_detail)
        return;
    const bool widthChanged = textWidth(text) != textWidth(m_text);
    m_text = text;
    m_detail = detail;
    fit();
    if (widthChanged)
        updateGeometry();
}

int FigureLabel::chrome() const
{
    // What lies around the text: the contents margins (a style sheet's padding among them) and the frame.
    return width() - contentsRect().width() + 2 * margin();
}

int FigureLabel::textWidth(const QString &text) const
{
    // Measured as QLabel measures itself (the glyphs' ink, a last letter's overhang included) and to the fraction,
    // rounded up: the whole pixels of horizontalAdvance alone fall short of both what elidedText measures (which then
    // cuts a text given exactly its width) and what the painter draws (the last letter clipped).
    const int ink = fontMetrics().boundingRect(QRect(), Qt::TextSingleLine, text).width();
    const int advance = int(std::ceil(QFontMetricsF(font()).horizontalAdvance(text)));
    return std::min(std::max(ink, advance) + 1, m_widest) + chrome();
}

QSize FigureLabel::sizeHint() const
{
    return QSize(textWidth(m_text), QLabel::sizeHint().height());
}

QSize FigureLabel::minimumSizeHint() const
{
    return QSize(std::min(textWidth(m_text), kFewestPx + chrome()), QLabel::minimumSizeHint().height());
}

void FigureLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fit();
}

void FigureLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // A style sheet's bold face or a new font measures the text again.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        fit();
        updateGeometry();
    }
}

void FigureLabel::fit()
{
    const int room = std::min(width() - chrome(), m_widest);
    const QString shown = fontMetrics().elidedText(m_text, m_cut, std::max(room, 0));
    if (shown != text())
        QLabel::setText(shown);
    const QString whole = shown == m_text ? QString() : m_text;
    setToolTip(whole.isEmpty() || m_detail.isEmpty() ? QString(whole + m_detail) : QString(whole + QLatin1Char('\n') + m_detail));
}

} // namespace cityops
