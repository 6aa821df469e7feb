#pragma once

#include <QStatusBar>

namespace cityops {

/// The console's status bar. Qt's hides its left-hand widgets while it shows a message; the console's standing
/// figures — the link, events dropped, devices not reporting, the recording — are alarms an operator must see at
/// every moment, so they are permanent widgets (StatusLine), and a message is written in the room left of them:
/// cut with "…" when it is longer (Qt's would clip it mid-letter), the whole of it in the bar's tooltip.
class ConsoleStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit ConsoleStatusBar(QWidget *parent = nullptr);

    /// Where a message is written: from the bar's left edge to the first permanent widget shown.
    QRect messageRect() const;
    /// The message as it is drawn: cut to its room.
    QString shownMessage() const;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace cityops
