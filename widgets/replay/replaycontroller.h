#pragma once

#include "store/replaysession.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace cityops {

/// Owns a ReplaySession on its own thread, so nothing the GUI does waits on the store. Seeks are coalesced: while
/// one is running only the newest request is kept, so dragging the timeline never builds a backlog.
class ReplayController : public QObject {
    Q_OBJECT
public:
    explicit ReplayController(std::shared_ptr<const CityModel> city, QObject *parent = nullptr);
    ~ReplayController() override;

    /// Opens the store in the background; opened() or failed() follows. `startMs` 0 = the end of the recording.
    void open(const QString &storePath, std::int64_t startMs = 0, std::int64_t fromMs = 0, std::int64_t toMs = 0);
    void close();
    bool isOpen() const { return m_session != nullptr; }
    const ReplaySession *session() const { return m_session; }
    /// The window the supervisor asked for (--from/--to), or the whole recording.
    std::pair<std::int64_t, std::int64_t> window() const;

    void seek(std::int64_t timeMs);
    void play(double speed);
    void pause();
    void togglePlay(double speed);
    void step(std::int64_t deltaMs);
    void jumpToIncident(bool forward);
    std::int64_t position() const { return m_position; }
    bool isPlaying() const { return m_playing; }

Q_SIGNALS:
    void opened();
    /// Emitted before the session goes away: stop reading from it.
    void aboutToClose();
    void closed();
    void failed(const QString &message);
    /// The replay went on without recorded rows it could not read (ReplaySession::passedOver).
    void passedOver(quint64 count, quint64 firstSeq, const QString &firstReason);
    void positionChanged(qint64 timeMs, bool playing);
    /// The replay has arrived at an incident it was asked to jump to (previous/next incident): show it.
    void incidentReached(quint32 incident);
    void timelineChanged();

private:
    /// The replay is at `t` now: the position, the signal, and the incident a jump was heading for.
    void applyPosition(qint64 t, bool playing);
    void adopt(ReplaySession *session, const QString &error, std::int64_t startMs);
    void sendPendingSeek();
    template <typename Fn>
    void invoke(Fn &&fn);

    std::shared_ptr<const CityModel> m_city;
    QThread m_thread;
    /// Lives on m_thread: the context that opening a recording runs in.
    QObject *m_threadContext = new QObject;
    /// Lives on m_thread and is deleted there (deleteLater), never from the GUI thread.
    ReplaySession *m_session = nullptr;
    std::int64_t m_position = 0;
    bool m_playing = false;
    bool m_seekInFlight = false;
    std::int64_t m_pendingSeek = -1;
    std::int64_t m_incidentAhead = 0;     ///< the incident a jump is on its way to (0: none)
    std::int64_t m_incidentAheadMs = -1;
    std::int64_t m_fromMs = 0, m_toMs = 0;
    std::shared_ptr<std::atomic<bool>> m_opening;
};

} // namespace cityops
