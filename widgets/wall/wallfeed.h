#pragma once

#include "livecity.h"
#include "state/alarmsummary.h"
#include "store/eventstore.h"

#include <QObject>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace cityops {

/// What the wall's boards show, derived once per change from the console's live view (LiveCity and its mirror) and
/// shared by every tile: no tile keeps its own copy of the city, and a board redraws only when its part changed.
class WallFeed : public QObject {
    Q_OBJECT
public:
    WallFeed(LiveCity &live, int staleAfterSeconds, QObject *parent = nullptr);

    struct KeyFigures {
        int signalsFaulted = 0;       ///< in fault or flashing
        int signalsHeld = 0;          ///< held or pre-empted by a command (a green wave's junctions among them)
        int devicesNotReporting = 0;  ///< reported once, offline now
        int incidentsOverdue = 0;     ///< escalated: not acknowledged or nobody on scene in time
        LinkState link = LinkState::Disconnected;
        QString linkText;
        bool fieldSilent = true;   ///< nothing from the field reaches the console (LinkStatus::fieldSilent), or not yet
        /// This wall's own clock less the field's, when every clock its link judges agrees it is off (deskClockOff):
        /// the room reads the time from the wall. Live only.
        std::optional<std::int64_t> clockAheadMs;
        /// What is wrong with this wall's own recording, in words for the wall ("▲ NOT RECORDING: DATABASE OR DISK IS
        /// FULL", "▲ RECORDING DISK FULL IN 5 H", "▲ 12 EVENTS NOT RECORDED"); empty while it records well, or records
        /// nothing by choice (--no-store: the desks record). Nobody reads a wall's log or has its status bar.
        QString recordingTrouble;
        bool notRecording = false;   ///< ... and nothing is recorded now (red, not amber)
        /// The room's other desks whose recording is in trouble, as their signed statuses say
        /// (LinkCounters::consolesRecordingTrouble), in words for the wall, each kind on its own line in its own
        /// colour: in red "▲ NOT RECORDING AT DESK-2: DATABASE OR DISK IS FULL" (the store's words where one desk
        /// stopped; several are named), in amber "▲ RECORDING AT RISK AT DESK-3"; empty when none. A wall that records
        /// nothing itself (--no-store) is where the room learns it: a desk's status bar is seen only by whoever sits at
        /// it.
        QString desksNotRecording;
        QString desksRecordingAtRisk;
    };
    /// recordingTrouble of a store in this state.
    static QString recordingTroubleOf(const EventStore::Stats &stats);
    struct DesksRecording {
        QString notRecording, atRisk;
    };
    /// desksNotRecording and desksRecordingAtRisk of these desks.
    static DesksRecording desksRecordingOf(const std::vector<LinkCounters::DeskRecording> &desks);
    struct FeederLoad {
        QString id;
        double ratio = 0;             ///< load / rating now
    };

    LiveCity &live() { return m_live; }
    const CityMirror &scene() const { return m_live.scene(); }
    /// Open incidents, escalated first, then by severity, then oldest first.
    const std::vector<Incident> &incidents() const { return m_incidents; }
    const AlarmSummary &alarms() const { return m_alarms; }
    const KeyFigures &figures() const { return m_figures; }
    double cityLoadKw() const { return m_loadKw; }
    /// Whether any feeder has reported yet (until then the city's load is unknown, not zero).
    bool loadKnown() const { return m_loadKnown; }
    double cityRatingKw() const { return m_ratingKw; }
    const std::vector<FeederLoad> &busiestFeeders() const { return m_busiest; }
    const LoadHistory::Series &loads() const { return m_live.loads(); }

    /// The instant on screen (live clock or replay position).
    std::int64_t nowMs() const { return m_live.nowMs(); }
    /// The city's time zone: the wall's clocks and axes read the same local time as the console's desks, whatever
    /// zone the wall's computer is set to.
    QTimeZone zone() const { return m_zone; }
    bool isLive() const { return m_live.isLive(); }
    /// How old the newest field data is (ms; -1 before any arrived).
    std::int64_t dataAgeMs() const;
    /// Why the field's data on the wall is not to be trusted now, in words for the wall ("FIELD LINK LOST", "NO DATA FOR
    /// 2 MIN"); empty while it is live and fresh. Replay is not stale: it is NOT LIVE, which the whole wall says.
    QString staleReason() const;
    /// This wall's clock off the field's, in words for the wall ("▲ CLOCK 42 S BEHIND THE FIELD'S"); empty while in step.
    QString clockOffText() const;
    int staleAfterSeconds() const { return m_staleAfterS; }
    /// What the incidents on the wall may lack since it started (the recording's state not carried over, or events
    /// in it this release cannot read), in words for the wall; empty when nothing. Set once, at start.
    void setStartGap(const QString &gap) { m_startGap = gap; }
    const QString &startGap() const { return m_startGap; }
    /// Test hook: the clock the data's age is measured by (default: elapsedClockMs).
    void setClock(std::function<std::int64_t()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void incidentsChanged();
    void alarmsChanged();
    void loadsChanged();
    void figuresChanged();
    /// Once a second: countdowns, the clock, the data's age, staleness.
    void tick();

private:
    void pullIncidents();
    void pullAlarms();
    void pullLoads();
    void pullFigures();

    LiveCity &m_live;
    QTimeZone m_zone;
    int m_staleAfterS;
    std::function<std::int64_t()> m_clock;
    std::int64_t m_lastDataMs = -1;
    std::vector<Incident> m_incidents;
    AlarmSummary m_alarms;
    KeyFigures m_figures;
    double m_loadKw = 0, m_ratingKw = 0;
    bool m_loadKnown = false;
    std::vector<FeederLoad> m_busiest;
    QString m_startGap;
};

} // namespace cityops
