#include "wall/wallfeed.h"

#include "labels.h"
#include "link/deskclock.h"
#include "base/elapsedclock.h"


#include <algorithm>
#include <limits>
#include <numeric>

namespace cityops {

WallFeed::WallFeed(LiveCity &live, int staleAfterSeconds, QObject *parent)
    : QObject(parent), m_live(live), m_zone(Labels::zone(live.scene().city())), m_staleAfterS(staleAfterSeconds)
{
    // Real elapsed time, not the console clock (at --speed 600 a second of silence is ten minutes of city time) and
    // not the wall clock either (NTP setting it forward a minute is not a minute without data).
    m_clock = elapsedClockMs;
    for (const FeederInfo &f : m_live.scene().city().feeders)
        m_ratingKw += f.capacityKw;
    connect(&m_live, &LiveCity::devicesChanged, this, [this] {
        m_lastDataMs = m_clock();
        pullFigures();
    });
    connect(&m_live, &LiveCity::incidentsChanged, this, [this] {
        pullIncidents();
        pullFigures();
    });
    connect(&m_live, &LiveCity::alarmsChanged, this, &WallFeed::pullAlarms);
    connect(&m_live, &LiveCity::loadsChanged, this, &WallFeed::pullLoads);
    connect(&m_live, &LiveCity::secondElapsed, this, [this] {
        pullFigures();   // the link's state
        Q_EMIT tick();
    });
    connect(&m_live.engine(), &Engine::linkStatusChanged, this, &WallFeed::pullFigures);
    pullIncidents();
    pullAlarms();
    pullLoads();
    pullFigures();
}

std::int64_t WallFeed::dataAgeMs() const { return m_lastDataMs < 0 ? -1 : std::max<std::int64_t>(0, m_clock() - m_lastDataMs); }

QString WallFeed::staleReason() const
{
    if (!isLive())
        return {};
    if (m_figures.fieldSilent)
        return tr("FIELD LINK %1").arg(m_figures.linkText.toUpper());
    const std::int64_t age = dataAgeMs();
    if (age < 0)
        return tr("NO DATA YET");
    if (age > std::int64_t(m_staleAfterS) * 1000)
        return tr("NO DATA FOR %1").arg(Labels::duration(age).toUpper());
    return {};
}

QString WallFeed::clockOffText() const
{
    if (!m_figures.clockAheadMs)
        return {};
    const QString by = Labels::duration(std::llabs(*m_figures.clockAheadMs)).toUpper();
    return *m_figures.clockAheadMs < 0 ? tr("\u25B2 CLOCK %1 BEHIND THE FIELD'S").arg(by) : tr("\u25B2 CLOCK %1 AHEAD OF THE FIELD'S").arg(by);
}

void WallFeed::pullIncidents()
{
    m_incidents.clear();
    for (const Incident &i : m_live.scene().incidents)
        if (i.isOpen())
            m_incidents.push_back(i);
    std::sort(m_incidents.begin(), m_incidents.end(), [](const Incident &a, const Incident &b) {
        if (a.escalated() != b.escalated())
            return a.escalated();
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.raisedMs < b.raisedMs;
    });
    Q_EMIT incidentsChanged();
}

void WallFeed::pullAlarms()
{
    m_alarms = summarizeAlarms(m_live.source().alarms(), {}, m_live.nowMs());
    Q_EMIT alarmsChanged();
}

void WallFeed::pullLoads()
{
    const LoadHistory::Series &series = m_live.loads();
    const CityModel &city = m_live.scene().city();
    m_loadKw = series.totalKw.empty() ? 0.0 : series.totalKw.back();
    m_loadKnown = false;
    for (const FeederInfo &f : city.feeders)
        if (f.device < m_live.scene().states.size() && m_live.scene().states[f.device].reported)
            m_loadKnown = true;
    m_loadKnown = m_loadKnown && !series.timesMs.empty();
    m_busiest.clear();
    for (size_t f = 0; f < series.feederKw.size() && f < city.feeders.size(); ++f)
        if (!series.feederKw[f].empty() && city.feeders[f].capacityKw > 0)
            m_busiest.push_back({city.devices[city.feeders[f].device].id, series.feederKw[f].back() / city.feeders[f].capacityKw});
    std::sort(m_busiest.begin(), m_busiest.end(), [](const FeederLoad &a, const FeederLoad &b) { return a.ratio > b.ratio; });
    if (m_busiest.size() > 5)
        m_busiest.resize(5);
    Q_EMIT loadsChanged();
}

QString WallFeed::recordingTroubleOf(const EventStore::Stats &stats)
{
    // The desk's status bar's verdict (StatusLine), in the wall's words: what stopped, or what will stop it, and what
    // it already lost; a store still checking its file before the first write loses nothing and says nothing.
    switch (stats.verdict()) {
    case EventStore::Stats::Verdict::NotRecording:
        return tr("\u25B2 NOT RECORDING: %1").arg(stats.error.toUpper());
    case EventStore::Stats::Verdict::Checking:
    case EventStore::Stats::Verdict::Recording:
        return {};
    case EventStore::Stats::Verdict::AtRisk:
        break;
    }
    QStringList said;
    if (stats.disk && stats.disk->low)
        said << (stats.disk->fullInMs ? tr("RECORDING DISK FULL IN %1").arg(Labels::duration(*stats.disk->fullInMs).toUpper())
                                      : tr("RECORDING DISK: %1 LEFT").arg(Labels::dataSize(stats.disk->freeBytes)));
    if (stats.dropped > 0)
        said << tr("%Ln EVENT(S) NOT RECORDED", nullptr, int(std::min<std::uint64_t>(stats.dropped, std::numeric_limits<int>::max())));
    return QStringLiteral("\u25B2 ") + said.join(QStringLiteral(" \u00B7 "));
}

WallFeed::DesksRecording WallFeed::desksRecordingOf(const std::vector<LinkCounters::DeskRecording> &desks)
{
    QStringList stopped, atRisk;
    QString why;
    for (const LinkCounters::DeskRecording &d : desks) {
        (d.notRecording ? stopped : atRisk) << d.console.toUpper();
        if (d.notRecording && why.isEmpty())
            why = d.why.toUpper();
    }
    DesksRecording said;
    // The store's words only where one desk stopped: with several, the names are what the room needs first.
    if (stopped.size() == 1 && !why.isEmpty())
        said.notRecording = QStringLiteral("\u25B2 ") + tr("NOT RECORDING AT %1: %2").arg(stopped.front(), why);
    else if (!stopped.isEmpty())
        said.notRecording = QStringLiteral("\u25B2 ") + tr("NOT RECORDING AT %1").arg(stopped.join(QStringLiteral(", ")));
    if (!atRisk.isEmpty())
        said.atRisk = QStringLiteral("\u25B2 ") + tr("RECORDING AT RISK AT %1").arg(atRisk.join(QStringLiteral(", ")));
    return said;
}

void WallFeed::pullFigures()
{
    KeyFigures k;
    const CityModel &city = m_live.scene().city();
    const auto &states = m_live.scene().states;
    for (size_t d = 0; d < states.size() && d < city.devices.size(); ++d) {
        const DeviceState &s = states[d];
        if (s.reported && !s.online)
            ++k.devicesNotReporting;
        else if (city.devices[d].kind == DeviceKind::SignalController && s.reported) {
            if (s.fault || SignalMode(s.mode) == SignalMode::Flash)
                ++k.signalsFaulted;
            else if (heldByCommand(SignalMode(s.mode)))
                ++k.signalsHeld;
        }
    }
    k.incidentsOverdue = int(std::count_if(m_incidents.begin(), m_incidents.end(), [](const Incident &i) { return i.escalated(); }));
    const LinkStatus status = m_live.engine().linkStatus();
    k.link = status.state;
    k.linkText = Labels::linkState(status);
    k.fieldSilent = status.state == LinkState::Starting || status.fieldSilent();
    // The wall's own clock, when every clock its link judges (gateways', refused desks') agrees against it.
    // And the room's other desks whose recording is in trouble (live only: a replay shows what was, not the room now).
    if (isLive()) {
        const LinkCounters counters = m_live.engine().linkCounters();
        if (const auto off = deskClockOff(m_live.engine().linkGateways(), counters))
            k.clockAheadMs = off->aheadMs;
        const DesksRecording desks = desksRecordingOf(counters.consolesRecordingTrouble);
        k.desksNotRecording = desks.notRecording;
        k.desksRecordingAtRisk = desks.atRisk;
    }
    if (const EventStore *store = m_live.engine().store()) {
        const EventStore::Stats recording = store->stats();
        k.recordingTrouble = recordingTroubleOf(recording);
        k.notRecording = recording.verdict() == EventStore::Stats::Verdict::NotRecording;
    }
    const bool changed = k.recordingTrouble != m_figures.recordingTrouble || k.notRecording != m_figures.notRecording
                         || k.desksNotRecording != m_figures.desksNotRecording || k.desksRecordingAtRisk != m_figures.desksRecordingAtRisk
                         || k.signalsFaulted != m_figures.signalsFaulted || k.signalsHeld != m_figures.signalsHeld
                         || k.devicesNotReporting != m_figures.devicesNotReporting
                         || k.incidentsOverdue != m_figures.incidentsOverdue || k.link != m_figures.link
                         || k.fieldSilent != m_figures.fieldSilent || k.clockAheadMs != m_figures.clockAheadMs;
    m_figures = k;
    if (changed)
        Q_EMIT figuresChanged();
}

} // namespace cityops
