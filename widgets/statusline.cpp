#include "statusline.h"

#include "figurelabel.h"
#include "labels.h"
#include "link/deskclock.h"
#include "link/opsexchange.h"
#include "link/wireprotocol.h"
#include "map/mapstyle.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QStringList>

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace cityops {

namespace {
// Only what is wrong has colour (ISA-101), from the map's one palette: amber for attention, red for an audit trail
// that is not being kept, magenta for devices without data.
QString alarmStyle(const QColor &background)
{
    // The padding is the labels' own margin: a style sheet's box takes the place of the contents margins.
    return QStringLiteral("background: %1; color: black; font-weight: bold; padding: 0 8px;").arg(background.name());
}
const QString kAmber = alarmStyle(mapstyle::alarmAmber());
const QString kRed = alarmStyle(mapstyle::alarmRed());
const QString kMagenta = alarmStyle(mapstyle::noData());
const QString kCalm = QStringLiteral("padding: 0 8px;");   // a figure with nothing wrong: the same room, no colour

// A gateway's reports further than this from the console's clock are dated on arrival: its clock is worth naming
// from here; past wire::kMaxIssueSkewMs it refuses commands.
constexpr std::int64_t kClockNamedFromMs = wire::kReportSkewToleranceMs;

QLabel *makeLabel(QStatusBar *bar, int minWidth)
{
    auto *label = new QLabel(bar);
    label->setMinimumWidth(minWidth);
    label->setContentsMargins(8, 0, 8, 0);
    return label;
}

/// A figure whose text can run long (a broker's words, a store's error, what was refused): cut to its room.
FigureLabel *makeFigure(QStatusBar *bar, Qt::TextElideMode cut = Qt::ElideRight)
{
    auto *label = new FigureLabel(bar, 420, cut);
    label->setStyleSheet(kCalm);
    return label;
}

FigureLabel *makeAlarmFigure(QStatusBar *bar, const QString &style)
{
    FigureLabel *label = makeFigure(bar);
    label->setStyleSheet(style);
    label->hide();
    return label;
}
} // namespace

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar)
    , m_link(makeFigure(bar, Qt::ElideMiddle))   // the broker's own words in the middle; what the link does at the end
    , m_rate(makeLabel(bar, 90))
    , m_dropped(makeAlarmFigure(bar, kAmber))
    , m_linkTrouble(makeAlarmFigure(bar, kAmber))
    , m_offline(makeAlarmFigure(bar, kMagenta))
    , m_recording(makeFigure(bar))
    , m_pointer(makeLabel(bar, 160))
    , m_clock(makeLabel(bar, 200))
{
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.3);
    m_clock->setFont(clockFont);
    // The pointer's position steps aside for a message; the figures do not (ConsoleStatusBar): they are alarms.
    bar->addWidget(m_pointer);
    for (QLabel *label : std::initializer_list<QLabel *>{m_link, m_rate, m_dropped, m_linkTrouble, m_offline, m_recording, m_clock})
        bar->addPermanentWidget(label);
}

void StatusLine::showRecording(const EventStore::Stats &store)
{
    switch (store.verdict()) {
    case EventStore::Stats::Verdict::NotRecording:
        m_recording->setFigure(tr("NOT RECORDING: %1").arg(store.error));
        m_recording->setStyleSheet(kRed);
        return;
    case EventStore::Stats::Verdict::Checking:
        // Start-up with a long record: nothing is lost meanwhile (it waits in memory), so it is not an alarm.
        m_recording->setFigure(tr("Recording once the store is checked…"));
        m_recording->setStyleSheet(kCalm);
        return;
    case EventStore::Stats::Verdict::Recording:
        m_recording->setFigure(tr("Recording"), store.disk ? tr("The recording's disk has %1 left.").arg(Labels::dataSize(store.disk->freeBytes)) : QString());
        m_recording->setStyleSheet(kCalm);
        return;
    case EventStore::Stats::Verdict::AtRisk:
        break;
    }
    // Amber while someone can still act — before the disk is full — and after events were lost, for as long as this
    // console runs: its audit trail has a gap, which whoever answers for it must know of.
    QStringList figure, tips;
    if (store.disk && store.disk->low) {
        const DiskOutlook::Outlook &disk = *store.disk;
        const QString left = Labels::dataSize(disk.freeBytes);
        figure << (disk.fullInMs ? tr("Recording · disk full in %1").arg(Labels::duration(*disk.fullInMs))
                                 : tr("Recording · %1 left on its disk").arg(left));
        tips << (disk.fullInMs ? tr("The recording's disk has %1 left and fills by %2 an hour.").arg(left, Labels::dataSize(disk.bytesPerHour))
                               : tr("The recording's disk has %1 left.").arg(left))
                    + QLatin1Char(' ')
                    + tr("Make room on it, or keep fewer days (--retain-days): once it is full, nothing more is recorded.");
    }
    if (store.dropped > 0) {
        const int n = static_cast<int>(std::min<std::uint64_t>(store.dropped, std::numeric_limits<int>::max()));
        figure << (figure.isEmpty() ? tr("Recording · %Ln event(s) lost", nullptr, n) : tr("%Ln event(s) lost", nullptr, n));
        tips << tr("%Ln event(s) since this console started could not be recorded (its disk full, or its recording too far behind): "
                   "the record has a gap there, which a replay shows and the record's check names.", nullptr, n);
    }
    m_recording->setFigure(figure.join(QStringLiteral(" · ")), tips.join(QLatin1Char('\n')));
    m_recording->setStyleSheet(kAmber);
}

void StatusLine::show(const Figures &f)
{
    m_rate->setText(tr("%1 events/s").arg(qRound(f.eventsPerSecond)));
    m_dropped->setVisible(f.dropped > 0);
    if (f.dropped > 0)
        m_dropped->setFigure(tr("%1 events dropped (queue full)").arg(f.dropped));
    // Recording: quiet while healthy, loud when not (a control room must know its audit trail is incomplete).
    if (!f.recording.store) {
        m_recording->setFigure(f.recording.why.isEmpty() ? tr("Not recording") : tr("Not recording: %1").arg(f.recording.why));
        m_recording->setStyleSheet(kAmber);
    } else {
        showRecording(*f.recording.store);
    }
    m_clock->setStyleSheet(f.live ? QString() : QStringLiteral("color: #6f8cff;"));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(f.nowMs, f.zone);
    // The format is translated: a language orders day, month and weekday its own way ("11月29日(日)", not "日 29 11月").
    m_clock->setText(QLocale().toString(now, tr("ddd d MMM  HH:mm:ss ", "date format: each language its own order")) + f.zone.abbreviation(now));
    m_offline->setVisible(f.offline > 0);
    m_offline->setFigure(tr("%n device(s) not reporting", nullptr, f.offline));
}

void StatusLine::showLink(const LinkStatus &status)
{
    m_linkStatus = status;
    showLinkFigure();
}

void StatusLine::showGateways(std::vector<GatewaySummary> gateways, const QTimeZone &zone)
{
    if (gateways == m_gateways && zone == m_gatewayZone)
        return;
    m_gateways = std::move(gateways);
    m_gatewayZone = zone;
    showLinkFigure();
}

void StatusLine::showLinkFigure()
{
    const LinkStatus &status = m_linkStatus;
    // A gateway gone takes its devices with it (they show magenta on the map): which one, is said here.
    const auto gone = static_cast<int>(std::count_if(m_gateways.begin(), m_gateways.end(), [](const GatewaySummary &g) { return g.heard && !g.running; }));
    const QString whole = tr("Link: %1 — %2").arg(Labels::linkDescription(status), Labels::linkState(status));
    QStringList news;
    // The first of several named, the others counted: mending one must not look like the end of it.
    const auto andMore = [](int others) { return others > 0 ? tr(" (+%n more)", nullptr, others) : QString(); };
    if (gone > 0)
        news << tr("%n gateway(s) gone", nullptr, gone);
    // A gateway whose clock refuses this desk's commands is named before anyone sends one and wonders why — unless
    // every clock the link judges agrees against this desk's: then it is this desk's that wants setting.
    m_deskOff = deskClockOff(m_gateways, m_consolesOff, m_consolesInStep);
    const std::optional<DeskClockOff> &deskOff = m_deskOff;
    const auto offClock = std::find_if(m_gateways.begin(), m_gateways.end(), Labels::clockRefusesCommands);
    // A gateway holding other keyrings than this console refuses this desk's commands, or takes those of a desk or a
    // supervisor taken out: named before anyone wonders why a command was refused.
    const auto holdsOtherKeys = [](const GatewaySummary &g) { return !Labels::gatewayKeyrings(g).isEmpty(); };
    const auto otherKeys = std::find_if(m_gateways.begin(), m_gateways.end(), holdsOtherKeys);
    if (otherKeys != m_gateways.end()) {
        const auto others = static_cast<int>(std::count_if(otherKeys + 1, m_gateways.end(), holdsOtherKeys));
        news << Labels::keyringsDiffer(otherKeys->name, otherKeys->consoleKeysDiffer, otherKeys->approverKeysDiffer)
                    + andMore(others);
    }
    // So is another desk of the room holding other keys: each refuses some of the other's operations (or takes a
    // removed desk's), or judges the gateways by other approvers — and neither desk alone would know why.
    if (!m_consolesOtherKeys.empty()) {
        const LinkCounters::OtherKeys &first = m_consolesOtherKeys.front();
        const auto others = static_cast<int>(m_consolesOtherKeys.size() - 1);
        news << Labels::keyringsDiffer(first.console, first.consoleKeysDiffer, first.approverKeysDiffer)
                    + andMore(others);
    }
    // Another desk whose recording stopped, or is at risk: the room's record of what people did has a hole there,
    // and that desk's status bar is seen only by whoever sits at it.
    if (!m_consolesRecording.empty()) {
        const LinkCounters::DeskRecording &first = m_consolesRecording.front();
        news << (first.notRecording ? tr("%1 not recording").arg(first.console) : tr("%1 recording at risk").arg(first.console))
                    + andMore(static_cast<int>(m_consolesRecording.size() - 1));
    }
    if (deskOff) {
        news << Labels::deskClock(deskOff->aheadMs);
    } else if (offClock != m_gateways.end()) {
        // The first by name; the others counted, so that setting one clock right does not look like the end of it.
        const auto others = static_cast<int>(std::count_if(offClock + 1, m_gateways.end(), Labels::clockRefusesCommands));
        news << Labels::gatewayClockInTheWay(offClock->name, *offClock->clockAheadMs) + andMore(others);
    }
    // With news of the gateways the broker's address gives way to it (the tooltip keeps it): cut short in the bar,
    // the news would lose the gateway's name first.
    const QString text = news.isEmpty() ? whole : tr("Link: %1").arg(Labels::linkState(status)) + QStringLiteral(" · ") + news.join(QStringLiteral(" · "));
    QStringList detail;
    if (!news.isEmpty())
        detail << whole;
    if (deskOff)
        detail << Labels::deskClockDetail(*deskOff);
    if (!m_gateways.empty())
        detail << tr("Field gateways:");
    for (const GatewaySummary &g : m_gateways) {
        const QString serves = g.districts.isEmpty() ? tr("whole city") : g.districts.join(QStringLiteral(", "));
        const QString heard = Labels::clock(g.lastHeardMs, m_gatewayZone);
        QString line = !g.heard     ? tr("%1 (%2) — no status heard, %n device(s)", nullptr, g.devices).arg(g.name, serves)
                       : g.running ? tr("%1 (%2) — running, %n device(s)", nullptr, g.devices).arg(g.name, serves)
                                   : tr("%1 (%2) — GONE, last heard %3").arg(g.name, serves, heard);
        if (g.running && g.clockAheadMs && std::llabs(*g.clockAheadMs) >= kClockNamedFromMs)
            line += QStringLiteral(", ") + Labels::gatewayClock(*g.clockAheadMs, Labels::clockRefusesCommands(g) && !deskOff);
        if (holdsOtherKeys(g))
            line += tr(", holds %1: give it this console's (consoles.json, approvers.json)").arg(Labels::gatewayKeyrings(g));
        detail << line;
    }
    if (!m_consolesOtherKeys.empty())
        detail << tr("Other consoles:");
    for (const LinkCounters::OtherKeys &c : m_consolesOtherKeys)
        detail << tr("%1 holds %2: give both desks the same (consoles.json, approvers.json)")
                      .arg(c.console, Labels::otherKeyrings(c.consoleKeysDiffer, c.approverKeysDiffer));
    for (const LinkCounters::DeskRecording &d : m_consolesRecording)
        detail << (d.notRecording ? tr("%1 records nothing (%2): what is done there is not in the room's record until it is mended")
                                        .arg(d.console, d.why.isEmpty() ? tr("its store did not say why") : d.why)
                                  : tr("%1's recording is at risk (its disk is low, or it lost events): see its status bar").arg(d.console));
    m_link->setFigure(text, detail.join(QLatin1Char('\n')));
    const bool bad = status.state == LinkState::Disconnected || status.state == LinkState::Degraded || gone > 0
                     || offClock != m_gateways.end() || deskOff || otherKeys != m_gateways.end() || !m_consolesOtherKeys.empty()
                     || !m_consolesRecording.empty();
    m_link->setStyleSheet(bad ? kAmber : kCalm);
}

void StatusLine::showLinkTrouble(const LinkCounters &c, std::uint64_t peerRefused)
{
    // Quiet while the field behaves; what was refused or lost is counted here, never dropped silently.
    QStringList trouble;
    if (!c.keyringProblem.isEmpty())   // first: it stops every other console's operations, whether any arrive yet or not
        trouble << tr("Console keyring not believed");
    // Witnesses to this desk's own clock, and desks holding other keys: news in the link's figure.
    if (c.consolesOffClock != m_consolesOff || c.consolesInStep != m_consolesInStep || c.consolesOtherKeys != m_consolesOtherKeys
        || c.consolesRecordingTrouble != m_consolesRecording) {
        m_consolesOff = c.consolesOffClock;
        m_consolesInStep = c.consolesInStep;
        m_consolesOtherKeys = c.consolesOtherKeys;
        m_consolesRecording = c.consolesRecordingTrouble;
        showLinkFigure();
    }
    // Next: the desks no longer share what they do, and neither desk's count says why — or, when every clock judged
    // agrees against this desk's, they are refused for this desk's clock (the link's figure says so).
    if (m_deskOff && !m_deskOff->consoles.isEmpty())   // worked out with the link's figure, from the same lists
        trouble << tr("operations of %n console(s) refused for this desk's clock", nullptr, int(m_deskOff->consoles.size()));
    else
        for (const PeerClock &off : c.consolesOffClock)
            trouble << Labels::consoleClockOff(off.console, off.aheadMs);
    if (c.refused > 0)
        trouble << tr("%n message(s) refused", nullptr, static_cast<int>(c.refused));
    if (c.gaps > 0)
        trouble << tr("%n report(s) lost, fresh state asked", nullptr, static_cast<int>(c.gaps));
    if (c.sendFailures > 0)
        trouble << tr("%n send(s) failed", nullptr, static_cast<int>(c.sendFailures));
    if (c.waiting > 0)
        trouble << tr("%n command(s) waiting for the broker", nullptr, static_cast<int>(c.waiting));
    // A gateway speaking for what is not its own: an account someone took, or a gateway set up wrongly.
    if (c.notTheirs > 0)
        trouble << tr("%n gateway report(s) refused: not theirs", nullptr, static_cast<int>(c.notTheirs));
    // Other consoles' operations and statuses that were forged, copied or not allowed: an attack, or a console set up
    // wrongly.
    if (c.untrusted + c.replayed + peerRefused > 0)
        trouble << tr("%n message(s) of other consoles refused", nullptr, static_cast<int>(c.untrusted + c.replayed + peerRefused));
    m_linkTrouble->setVisible(!trouble.isEmpty());
    m_linkTrouble->setFigure(trouble.join(QStringLiteral(" · ")),
        tr("Refused: %1 malformed, %2 oversized, %3 unknown version, %4 unknown device, %5 wrong kind\n"
           "Duplicates dropped: %6 · clock off (stamped on arrival): %7 · reconnections: %8\n"
           "Commands sent: %9 · answers: %10 · answers to nothing sent or to a repeated copy: %11\n"
           "Shared with other consoles: %12 · received from them: %13")
            .arg(c.malformed).arg(c.oversized).arg(c.unknownVersion).arg(c.unknownDevice).arg(c.wrongKind)
            .arg(c.duplicates).arg(c.skewed).arg(c.reconnects).arg(c.commandsSent).arg(c.results).arg(c.unsolicited)
            .arg(c.opsShared).arg(c.opsReceived)
        + QLatin1Char('\n') + tr("Gateways refused (not on --gateways, or more than the link keeps track of): %1").arg(c.unknownGateway)
        + QLatin1Char('\n') + tr("Gateways' reports refused as not theirs (another gateway's device, incident or vehicle, or outside their districts): %1").arg(c.notTheirs)
        + QLatin1Char('\n')
        + tr("Other consoles' operations and statuses refused: %1 not signed by a console in the keyring · %2 copies or stale · %3 not allowed by this console's directory")
              .arg(c.untrusted).arg(c.replayed).arg(peerRefused)
        + (c.keyringProblem.isEmpty() ? QString() : QLatin1Char('\n') + tr("Console keyring: %1 — other consoles' operations are refused until it is mended").arg(c.keyringProblem))
        + consoleClocksDetail(c.consolesOffClock));
}

QString StatusLine::consoleClocksDetail(const std::vector<PeerClock> &off)
{
    QString out;
    for (const PeerClock &o : off) {
        const QString by = Labels::duration(std::llabs(o.aheadMs));
        out += QLatin1Char('\n')
            + (o.aheadMs < 0 ? tr("Console %1 sent its last operations %2 behind this desk's clock") : tr("Console %1 sent its last operations %2 ahead of this desk's clock"))
                  .arg(o.console, by)
            + tr(": they are refused here (operations count within %1 s of it), and the two desks do not share what they do until "
                 "the clocks agree — set them (NTP)").arg(OpsExchange::kFreshnessMs / 1000);
    }
    return out;
}

void StatusLine::showPointer(const GeoPoint &p)
{
    m_pointer->setText(QStringLiteral("%1, %2").arg(p.lat, 0, 'f', 5).arg(p.lon, 0, 'f', 5));
}

} // namespace cityops
