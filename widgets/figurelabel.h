#pragma once

#include <QLabel>

namespace cityops {

/// A status bar figure: its whole text where there is room, up to `widestPx`; cut with "…" (at the end, or in the
/// middle) to the room the bar gives it, so that a long figure never widens the window past a desk's screen. When cut,
/// its tooltip holds the whole, then the detail.
class FigureLabel : public QLabel {
public:
    explicit FigureLabel(QWidget *parent, int widestPx, Qt::TextElideMode cut = Qt::ElideRight);

    void setFigure(const QString &text, const QString &detail = QString());
    const QString &figure() const { return m_text; }

    QSize sizeHint() const override;          ///< the whole text, at most widestPx
    QSize minimumSizeHint() const override;   ///< a few words of it: the bar may squeeze it that far

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fit();
    int chrome() const;
    int textWidth(const QString &text) const;

    QString m_text;
    QString m_detail;
    int m_widest;
    Qt::TextElideMode m_cut;
};

} // namespace cityops
