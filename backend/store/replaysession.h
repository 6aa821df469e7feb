#pragma once

#include "state/citystatesource.h"
#include "store/standins.h"
#include "store/storereader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>

namespace cityops {

/// A supervisor's replay: the city's state at any instant T of a recording, rebuilt exactly — the nearest snapshot at
/// or before T plus the events after it, applied by the same StateStore, IncidentBook and LoadHistory code as live.
/// Moving forward a little (playback) applies only the new events. Lives on a worker thread (slots are queued to
/// it); the GUI reads the versioned stores like live ones, never touching the file.
class ReplaySession : public QObject, public CityStateSource {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ReplaySession>> open(std::shared_ptr<const CityModel> city, const QString &storePath);
    ~ReplaySession() override;

    const CityBooks &books() const override { return m_books; }
    std::int64_t nowMs() const override { return m_position.load(); }

    bool isPlaying() const { return m_playing.load(); }
    double speed() const { return m_speed.load(); }
    StoreReader::Range range() const;

    /// What the timeline draws: events per minute and the markers (incidents, operator actions) of the recording.
    struct Timeline {
        StoreReader::Range range;
        std::vector<std::pair<std::int64_t, std::int64_t>> density;
        std::vector<StoreReader::Marker> markers;
    };
    Timeline timeline() const;

    /// Rebuilds the state at T on the calling thread (the slots use it; tests and benches call it directly).
    Status seekNow(std::int64_t timeMs);
    /// Reloads range, density and markers (the recording keeps growing while live).
    Status refreshTimeline();

    /// Rows of the recording the replay went on without (a newer release's events, damage): StoreReader::PassedOver.
    /// Read on the session's thread; the GUI hears of them through passedOver().
    const StoreReader::PassedOver &unreadable() const { return m_reader->passedOver(); }
    /// Events applied since the session opened, all seeks together: the work replay has done (tests and benches).
    std::uint64_t eventsApplied() const { return m_eventsApplied; }

public Q_SLOTS:
    void seek(qint64 timeMs);
    void play(double speed);
    void pause();
    /// Moves by `deltaMs` of recorded time and pauses.
    void step(qint64 deltaMs);
    /// Jumps to the previous or next incident marker.
    void jumpToIncident(bool forward);
    /// Moves a playing replay on by `wallMs` of wall time at its speed, pausing at the end of the recording. The
    /// playback timer calls it with the wall time measured since its last tick; tests call it with a time they
    /// choose, so playback speed is checked on simulated time.
    void advancePlayback(qint64 wallMs);

Q_SIGNALS:
    void positionChanged(qint64 timeMs, bool playing);
    /// A seek() has landed at `timeMs` (after its positionChanged): what a caller waiting for its seek listens to.
    void seekDone(qint64 timeMs, bool playing);
    void timelineChanged();
    void failed(const QString &message);
    /// A seek went on without rows it could not read: how many so far in all, the earliest and why — at the first,
    /// then whenever there are ten times as many as last said, so a person learns the replay is not the whole record
    /// without a line per tick.
    void passedOver(quint64 count, quint64 firstSeq, const QString &firstReason);

private:
    ReplaySession(std::shared_ptr<const CityModel> city, std::unique_ptr<StoreReader> reader);
    void tick();
    Status applyUntil(std::int64_t timeMs);
    /// Puts in the log the gaps of the record (events the console could not record) after `afterSeq`, up to `upToSeq`.
    void sayGaps(std::uint64_t afterSeq, std::uint64_t upToSeq);
    void ensureTimer();

    std::shared_ptr<const CityModel> m_city;
    std::unique_ptr<StoreReader> m_reader;
    CityBooks m_books;
    StandIns m_standIns;   ///< what this replay held at snapshots it could not read, to seek back to
    std::atomic<std::int64_t> m_position{0};
    std::atomic<bool> m_playing{false};
    std::atomic<double> m_speed{1.0};
    std::uint64_t m_appliedSeq = 0;
    bool m_valid = false;
    std::uint64_t m_passedOverSaid = 0;
    std::uint64_t m_eventsApplied = 0;
    mutable std::mutex m_timelineMutex;
    Timeline m_timeline;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_wall;
    QElapsedTimer m_sinceTimelineRefresh;
};

} // namespace cityops
