#include "replay/replaybar.h"

#include "labels.h"

#include "replay/timelinewidget.h"

#include <QComboBox>
#include <QDateTime>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cityops {

namespace {
constexpr std::int64_t kActionWindowMs = 30 * 60'000; // operator actions within ±30 min of the position
}

ReplayBar::ReplayBar(ReplayController &controller, const QTimeZone &zone, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_zone(zone)
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_banner = new QLabel(this);
    m_banner->setAlignment(Qt::AlignCenter);
    QFont bannerFont = m_banner->font();
    bannerFont.setBold(true);
    bannerFont.setPointSizeF(bannerFont.pointSizeF() * 1.6);
    m_banner->setFont(bannerFont);
    m_banner->setStyleSheet(QStringLiteral("background: #6f8cff; color: black; padding: 4px;"));
    layout->addWidget(m_banner);

    auto *row = new QHBoxLayout;
    m_timeline = new TimelineWidget(zone, this);
    row->addWidget(m_timeline, 2);
    // Who did what around the replay time: a supervisor's question, so a list that reads — a third of the bar's
    // width and seven lines — under its own title.
    auto *who = new QVBoxLayout;
    auto *whoTitle = new QLabel(tr("Who did what (within 30 min)"), this);
    QFont titleFont = whoTitle->font();
    titleFont.setBold(true);
    whoTitle->setFont(titleFont);
    m_actions = new QListWidget(this);
    m_actions->setMinimumWidth(440);
    m_actions->setFixedHeight(7 * (m_actions->fontMetrics().height() + 4) + 6);
    m_actions->setWordWrap(true);
    m_actions->setAccessibleName(tr("Operator actions around the replay time"));
    who->addWidget(whoTitle);
    who->addWidget(m_actions);
    row->addLayout(who, 1);
    layout->addLayout(row);

    auto *controls = new QHBoxLayout;
    auto button = [this, controls](const QString &text, const QString &tip, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        controls->addWidget(b);
        return b;
    };
    button(tr("◀◀ Incident"), tr("Previous incident (Page Up)"), [this] { m_controller.jumpToIncident(false); });
    button(tr("−1 min"), tr("Back one minute (Shift+Left)"), [this] { m_controller.step(-60'000); });
    button(tr("−10 s"), tr("Back ten seconds (Left)"), [this] { m_controller.step(-10'000); });
    m_play = button(tr("Play"), tr("Play / pause (Space)"), [this] { m_controller.togglePlay(speed()); });
    button(tr("+10 s"), tr("Forward ten seconds (Right)"), [this] { m_controller.step(10'000); });
    button(tr("+1 min"), tr("Forward one minute (Shift+Right)"), [this] { m_controller.step(60'000); });
    button(tr("Incident ▶▶"), tr("Next incident (Page Down)"), [this] { m_controller.jumpToIncident(true); });
    m_speed = new QComboBox(this);
    for (int s : {1, 10, 60, 600, 3600})
        m_speed->addItem(QStringLiteral("×%1").arg(s), s);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Playback speed"));
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_controller.isPlaying())
            m_controller.play(speed());
    });
    controls->addWidget(m_speed);
    controls->addSpacing(16);
    // A plain field read by one explicit rule (parseGoTo): a section editor kept the seconds of the old position when
    // a person typed "15:30", and landed on 15:36:45.
    m_goTo = new QLineEdit(this);
    m_goTo->setMinimumWidth(170);
    m_goTo->setPlaceholderText(tr("15:30 or 2026-11-22 15:30"));
    m_goTo->setToolTip(tr("Type a time (city time) and press Enter to go there: 15:30, 15:30:20, or with a date"));
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        const QDate day = QDateTime::fromMSecsSinceEpoch(m_controller.position(), m_zone).date();
        const auto target = parseGoTo(m_goTo->text(), day, m_zone);
        if (!target) {
            m_goTo->setStyleSheet(QStringLiteral("QLineEdit { background: #ffb000; color: black; }"));
            m_goTo->setToolTip(tr("\"%1\" is not a time: type 15:30, 15:30:20 or 2026-11-22 15:30").arg(m_goTo->text()));
            return;
        }
        m_goTo->setStyleSheet(QString());
        m_controller.seek(*target);
        m_goTo->clearFocus();
    });
    controls->addWidget(new QLabel(tr("Go to:"), this));
    controls->addWidget(m_goTo);
    controls->addStretch(1);
    auto *live = button(tr("Return to live"), tr("Leave replay (Ctrl+L)"), [this] { Q_EMIT returnToLiveRequested(); });
    live->setStyleSheet(QStringLiteral("font-weight: bold;"));
    layout->addLayout(controls);

    connect(m_timeline, &TimelineWidget::seekRequested, this, [this](qint64 t) {
        m_controller.pause();
        m_controller.seek(t);
    });
    connect(&m_controller, &ReplayController::positionChanged, this, &ReplayBar::showPosition);
    connect(&m_controller, &ReplayController::timelineChanged, this, &ReplayBar::refreshTimeline);
    connect(&m_controller, &ReplayController::opened, this, [this] {
        refreshTimeline();
        showPosition(m_controller.position(), false); // the requested instant, until the seek answers
    });
    refreshTimeline();
    showPosition(m_controller.position(), false);
}

std::optional<std::int64_t> ReplayBar::parseGoTo(const QString &text, const QDate &day, const QTimeZone &zone)
{
    const QString t = text.trimmed();
    for (const char *format : {"HH:mm", "HH:mm:ss", "H:mm", "H:mm:ss"}) {
        const QTime time = QTime::fromString(t, QLatin1String(format));
        if (time.isValid())
            return QDateTime(day, time, zone).toMSecsSinceEpoch();
    }
    for (const char *format : {"yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"}) {
        const QDateTime dt = QDateTime::fromString(t, QLatin1String(format));
        if (dt.isValid())
            return QDateTime(dt.date(), dt.time(), zone).toMSecsSinceEpoch();
    }
    return std::nullopt;
}

double ReplayBar::speed() const { return m_speed->currentData().toDouble(); }

QString ReplayBar::bannerText() const { return m_banner->text(); }

void ReplayBar::refreshTimeline()
{
    if (!m_controller.session())
        return;
    const auto [from, to] = m_controller.window();
    m_timeline->setTimeline(m_controller.session()->timeline(), from, to);
    m_actionsAround = -1;
    updateOperatorActions(m_controller.position());
}

void ReplayBar::showPosition(qint64 timeMs, bool playing)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeMs, m_zone);
    m_banner->setText(tr("REPLAY — %1 — %2").arg(QLocale().toString(t, tr("ddd d MMM yyyy  HH:mm:ss", "date format: each language its own order")),
                                                 playing ? tr("playing %1").arg(m_speed->currentText()) : tr("paused")));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_timeline->setPosition(timeMs);
    if (!m_goTo->hasFocus())
        m_goTo->setText(QDateTime::fromMSecsSinceEpoch(timeMs, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    updateOperatorActions(timeMs);
}

void ReplayBar::updateOperatorActions(qint64 timeMs)
{
    if (!m_controller.session() || std::abs(timeMs - m_actionsAround) < 60'000)
        return;
    m_actionsAround = timeMs;
    m_actions->clear();
    for (const auto &m : m_controller.session()->timeline().markers) {
        if (m.label.isEmpty() || std::abs(m.timeMs - timeMs) > kActionWindowMs)
            continue;
        m_actions->addItem(QStringLiteral("%1  %2").arg(QDateTime::fromMSecsSinceEpoch(m.timeMs, m_zone).toString(QStringLiteral("HH:mm:ss")),
                                                        Labels::activity(m.label)));
    }
    if (m_actions->count() == 0)
        m_actions->addItem(tr("No operator actions within 30 minutes"));
}

void ReplayBar::keyPressEvent(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Space: m_controller.togglePlay(speed()); break;
    case Qt::Key_Left: m_controller.step(shift ? -60'000 : -10'000); break;
    case Qt::Key_Right: m_controller.step(shift ? 60'000 : 10'000); break;
    case Qt::Key_PageUp: m_controller.jumpToIncident(false); break;
    case Qt::Key_PageDown: m_controller.jumpToIncident(true); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

} // namespace cityops
