#include "consolestatusbar.h"

#include <QPainter>

namespace cityops {

ConsoleStatusBar::ConsoleStatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    connect(this, &QStatusBar::messageChanged, this, [this](const QString &message) { setToolTip(message); });
}

QRect ConsoleStatusBar::messageRect() const
{
    // As Qt's bar measures it (QStatusBarPrivate::messageRect): up to the first permanent widget shown, which the
    // bar's layout keeps right of its stretch. The left-hand (normal) widgets are hidden while a message shows.
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    int left = 6;
    int right = width() - 12;
    int nearest = rtl ? left : right;
    for (const QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!child->isVisible() || child->isWindow())
            continue;
        // Only the permanent widgets stay shown under a message; the size grip sits in the corner, not in the row.
        if (child->inherits("QSizeGrip"))
            continue;
        if (rtl)
            nearest = std::max(nearest, child->geometry().right() + 3);
        else
            nearest = std::min(nearest, child->x() - 2);
    }
    if (rtl)
        left = nearest;
    else
        right = nearest;
    return QRect(left, 0, std::max(0, right - left), height());
}

QString ConsoleStatusBar::shownMessage() const
{
    const QString message = currentMessage();
    return message.isEmpty() ? message : fontMetrics().elidedText(message, Qt::ElideRight, messageRect().width());
}

void ConsoleStatusBar::paintEvent(QPaintEvent *event)
{
    // Qt's paints the frames of the widgets and the message clipped at its room's edge; the message is written
    // again over a clean room, cut with "…" where it does not fit.
    QStatusBar::paintEvent(event);
    if (currentMessage().isEmpty())
        return;
    const QRect room = messageRect();
    QPainter painter(this);
    painter.fillRect(room, palette().window());
    painter.setPen(palette().windowText().color());
    painter.drawText(room, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, shownMessage());
}

} // namespace cityops
