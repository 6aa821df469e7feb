#pragma once

#include "replay/replaycontroller.h"

#include <QDateTime>

#include <optional>
#include <QTimeZone>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QLabel;
class QListWidget;
class QPushButton;

namespace cityops {

class TimelineWidget;

/// Everything replay puts on screen beside the map: an unmistakable banner with the replay clock, the timeline,
/// the transport controls (previous/next incident, step, play/pause, speed, go to a typed time, back to live) and
/// the list of what operators did around the position.
class ReplayBar : public QWidget {
    Q_OBJECT
public:
    ReplayBar(ReplayController &controller, const QTimeZone &zone, QWidget *parent = nullptr);

    double speed() const;
    QString bannerText() const;
    QListWidget *operatorActions() const { return m_actions; }
    QLineEdit *goToField() const { return m_goTo; }
    /// What a typed time means, in the city's zone: "15:30" (that minute, on the day on screen), "15:30:20",
    /// "2026-11-22 15:30" or "2026-11-22T15:30:20". Nothing for anything else.
    static std::optional<std::int64_t> parseGoTo(const QString &text, const QDate &day, const QTimeZone &zone);

Q_SIGNALS:
    void returnToLiveRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void refreshTimeline();
    void showPosition(qint64 timeMs, bool playing);
    void updateOperatorActions(qint64 timeMs);

    ReplayController &m_controller;
    QTimeZone m_zone;
    QLabel *m_banner;
    TimelineWidget *m_timeline;
    QPushButton *m_play;
    QComboBox *m_speed;
    QLineEdit *m_goTo;
    QListWidget *m_actions;
    std::int64_t m_actionsAround = -1;
};

} // namespace cityops
