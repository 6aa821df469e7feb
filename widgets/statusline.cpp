#include "statusline.h"

#include "labels.h"
#include "map/mapstyle.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QStringList>

namespace cityops {

namespace {
// Only what is wrong has colour (ISA-101), from the map's one palette: amber for attention, red for an audit trail
// that is not being kept, magenta for devices without data.
QString alarmStyle(const QColor &background)
{
    return QStringLiteral("background: %1; color: black; font-weight: bold;").arg(background.name());
}
const QString kAmber = alarmStyle(mapstyle::alarmAmber());
const QString kRed = alarmStyle(mapstyle::alarmRed());
const QString kMagenta = alarmStyle(mapstyle::noData());

QLabel *makeLabel(QStatusBar *bar, int minWidth)
{
    auto *label = new QLabel(bar);
    label->setMinimumWidth(minWidth);
    label->setContentsMargins(8, 0, 8, 0);
    return label;
}

QLabel *makeAlarmLabel(QStatusBar *bar, const QString &style)
{
    QLabel *label = makeLabel(bar, 0);
    label->setStyleSheet(style);
    label->hide();
    return label;
}
} // namespace

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar)
    , m_link(makeLabel(bar, 0))
    , m_rate(makeLabel(bar, 110))
    , m_dropped(makeAlarmLabel(bar, kAmber))
    , m_linkTrouble(makeAlarmLabel(bar, kAmber))
    , m_offline(makeAlarmLabel(bar, kMagenta))
    , m_recording(makeLabel(bar, 0))
    , m_pointer(makeLabel(bar, 160))
    , m_clock(makeLabel(bar, 200))
{
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.3);
    m_clock->setFont(clockFont);
    // The pointer's position steps aside for a message; the figures do not (ConsoleStatusBar): they are alarms.
    bar->addWidget(m_pointer);
    for (QLabel *label : {m_link, m_rate, m_dropped, m_linkTrouble, m_offline, m_recording, m_clock})
        bar->addPermanentWidget(label);
}

void StatusLine::setAlarmText(QLabel *label, const QString &text, const QString &detail, Qt::TextElideMode cut)
{
    // A long sentence is cut rather than widening the window past a desk's screen; the whole of it in the tooltip.
    const QString shown = label->fontMetrics().elidedText(text, cut, kAlarmWidthPx);
    label->setText(shown);
    const QString whole = shown == text ? QString() : text;
    label->setToolTip(whole.isEmpty() || detail.isEmpty() ? QString(whole + detail) : QString(whole + QLatin1Char('\n') + detail));
}

void StatusLine::show(const Figures &f)
{
    m_rate->setText(tr("%1 events/s").arg(qRound(f.eventsPerSecond)));
    m_dropped->setVisible(f.dropped > 0);
    if (f.dropped > 0)
        setAlarmText(m_dropped, tr("%1 events dropped (queue full)").arg(f.dropped));
    // Recording: quiet while healthy, loud when not (a control room must know its audit trail is incomplete).
    if (f.recording.store && f.recording.failing) {
        setAlarmText(m_recording, tr("NOT RECORDING: %1").arg(f.recording.error));
        m_recording->setStyleSheet(kRed);
    } else if (f.recording.store) {
        setAlarmText(m_recording, tr("Recording"));
        m_recording->setStyleSheet(QString());
    } else {
        setAlarmText(m_recording, f.recording.error.isEmpty() ? tr("Not recording") : tr("Not recording: %1").arg(f.recording.error));
        m_recording->setStyleSheet(kAmber);
    }
    m_clock->setStyleSheet(f.live ? QString() : QStringLiteral("color: #6f8cff;"));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(f.nowMs, f.zone);
    // The format is translated: a language orders day, month and weekday its own way ("11月29日(日)", not "日 29 11月").
    m_clock->setText(QLocale().toString(now, tr("ddd d MMM  HH:mm:ss ", "date format: each language its own order")) + f.zone.abbreviation(now));
    m_offline->setVisible(f.offline > 0);
    m_offline->setText(tr("%n device(s) not reporting", nullptr, f.offline));
}

void StatusLine::showLink(const LinkStatus &status)
{
    // Cut in the middle: the broker's own words there, what the link is doing about it at the end.
    setAlarmText(m_link, tr("Link: %1 — %2").arg(Labels::linkDescription(status), Labels::linkState(status)), QString(), Qt::ElideMiddle);
    const bool bad = status.state == LinkState::Disconnected || status.state == LinkState::Degraded;
    m_link->setStyleSheet(bad ? kAmber : QString());
}

void StatusLine::showLinkTrouble(const LinkCounters &c, std::uint64_t peerRefused)
{
    // Quiet while the field behaves; what was refused or lost is counted here, never dropped silently.
    QStringList trouble;
    if (c.refused > 0)
        trouble << tr("%n message(s) refused", nullptr, static_cast<int>(c.refused));
    if (c.gaps > 0)
        trouble << tr("%n report(s) lost, fresh state asked", nullptr, static_cast<int>(c.gaps));
    if (c.sendFailures > 0)
        trouble << tr("%n send(s) failed", nullptr, static_cast<int>(c.sendFailures));
    if (c.waiting > 0)
        trouble << tr("%n command(s) waiting for the broker", nullptr, static_cast<int>(c.waiting));
    // Other consoles' operations that were forged, copied or not allowed: an attack, or a console set up wrongly.
    if (c.untrusted + c.replayed + peerRefused > 0)
        trouble << tr("%n operation(s) of other consoles refused", nullptr, static_cast<int>(c.untrusted + c.replayed + peerRefused));
    m_linkTrouble->setVisible(!trouble.isEmpty());
    setAlarmText(m_linkTrouble, trouble.join(QStringLiteral(" · ")),
        tr("Refused: %1 malformed, %2 oversized, %3 unknown version, %4 unknown device, %5 wrong kind\n"
           "Duplicates dropped: %6 · clock off (stamped on arrival): %7 · reconnections: %8\n"
           "Commands sent: %9 · answers: %10 · answers to nothing sent or to a repeated copy: %11\n"
           "Shared with other consoles: %12 · received from them: %13")
            .arg(c.malformed).arg(c.oversized).arg(c.unknownVersion).arg(c.unknownDevice).arg(c.wrongKind)
            .arg(c.duplicates).arg(c.skewed).arg(c.reconnects).arg(c.commandsSent).arg(c.results).arg(c.unsolicited)
            .arg(c.opsShared).arg(c.opsReceived)
        + QLatin1Char('\n') + tr("Gateways refused (not on --gateways, or more than the link keeps track of): %1").arg(c.unknownGateway)
        + QLatin1Char('\n')
        + tr("Operations refused: %1 not signed by a console in the keyring · %2 copies or stale · %3 not allowed by this console's directory")
              .arg(c.untrusted).arg(c.replayed).arg(peerRefused));
}

void StatusLine::showPointer(const GeoPoint &p)
{
    m_pointer->setText(QStringLiteral("%1, %2").arg(p.lat, 0, 'f', 5).arg(p.lon, 0, 'f', 5));
}

} // namespace cityops
