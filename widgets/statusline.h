#pragma once

#include "link/deskclock.h"
#include "link/fieldlink.h"
#include "model/geo.h"
#include "store/eventstore.h"

#include <QObject>
#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <optional>

class QLabel;
class QStatusBar;

namespace cityops {

class FigureLabel;

/// The status bar's standing figures: the field link and what it refused or lost, the event rate and drops, devices
/// not reporting, the recording, the pointer's position and the clock. Quiet while all is well; a label turns amber
/// (magenta for devices without data, as on the map; red when nothing is recorded) only when something is wrong.
class StatusLine : public QObject {
    Q_OBJECT
public:
    /// Adds its labels to `bar`: the pointer's position on the left, where a message takes its place while shown; the
    /// figures as permanent widgets on the right (a ConsoleStatusBar writes a message beside them, never over them).
    explicit StatusLine(QStatusBar *bar);

    /// What the recording is doing: a live store's figures (judged by EventStore::Stats::verdict), or why nothing
    /// records.
    struct Recording {
        std::optional<EventStore::Stats> store{};   ///< none: this console does not record
        QString why{};                              ///< ... and why (empty: not said)
    };
    struct Figures {
        double eventsPerSecond = 0;
        std::uint64_t dropped = 0;   ///< events dropped because the queue was full
        int offline = 0;             ///< devices that reported once and are silent now
        Recording recording;
        bool live = true;            ///< false in replay: the clock is shown in the replay colour
        std::int64_t nowMs = 0;
        QTimeZone zone;
    };
    void show(const Figures &figures);
    void showLink(const LinkStatus &status);
    /// The field gateways (a link through a broker): a gone one is counted on the link's figure, in amber; each is
    /// listed in its tooltip, when it was last heard in the city's `zone` (as the console's clock).
    void showGateways(std::vector<GatewaySummary> gateways, const QTimeZone &zone);
    /// `peerRefused`: other consoles' operations this console's directory did not allow (the engine counts those).
    void showLinkTrouble(const LinkCounters &counters, std::uint64_t peerRefused);
    void showPointer(const GeoPoint &position);

private:
    void showRecording(const EventStore::Stats &store);
    void showLinkFigure();
    static QString consoleClocksDetail(const std::vector<PeerClock> &off);   ///< its lines of the trouble tooltip

    LinkStatus m_linkStatus;
    std::vector<GatewaySummary> m_gateways;
    std::vector<PeerClock> m_consolesOff;      ///< as the link's counters last said (LinkCounters::consolesOffClock)
    std::vector<PeerClock> m_consolesInStep;   ///< the same (LinkCounters::consolesInStep)
    std::vector<LinkCounters::OtherKeys> m_consolesOtherKeys;   ///< the same (LinkCounters::consolesOtherKeys)
    std::vector<LinkCounters::DeskRecording> m_consolesRecording;   ///< the same (LinkCounters::consolesRecordingTrouble)
    std::optional<DeskClockOff> m_deskOff;     ///< this desk's clock as they and the gateways judge it (showLinkFigure)
    QTimeZone m_gatewayZone;
    FigureLabel *m_link;
    QLabel *m_rate;
    FigureLabel *m_dropped;
    FigureLabel *m_linkTrouble;   ///< messages the field link refused or lost (network links only)
    FigureLabel *m_offline;
    FigureLabel *m_recording;
    QLabel *m_pointer;
    QLabel *m_clock;
};

} // namespace cityops
