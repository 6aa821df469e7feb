#include "replay/replaycontroller.h"

#include <QCoreApplication>
#include <QPointer>


namespace cityops {

ReplayController::ReplayController(std::shared_ptr<const CityModel> city, QObject *parent)
    : QObject(parent)
    , m_city(std::move(city))
{
    m_thread.setObjectName(QStringLiteral("cityops-replay"));
    m_threadContext->moveToThread(&m_thread);
    m_thread.start();
}

ReplayController::~ReplayController()
{
    close();
    m_thread.quit();
    m_thread.wait();
    delete m_threadContext;   // its thread has finished: nothing runs in it any more
}

template <typename Fn> void ReplayController::invoke(Fn &&fn)
{
    if (m_session)
        QMetaObject::invokeMethod(m_session, std::forward<Fn>(fn), Qt::QueuedConnection);
}

void ReplayController::open(
    const QString &storePath, std::int64_t startMs, std::int64_t fromMs, std::int64_t toMs)
{
    close();
    m_fromMs = fromMs;
    m_toMs = toMs;
    auto opening = std::make_shared<std::atomic<bool>>(true);
    m_opening = opening;
    // Opening reads the timeline summaries from the file: do it on the replay thread (which the session then
    // lives on), never on the GUI thread and never on a thread nobody can join.
    QMetaObject::invokeMethod(m_threadContext, [self = QPointer<ReplayController>(this), opening, storePath, city = m_city, startMs] {
        auto session = ReplaySession::open(city, storePath);
        ReplaySession *raw = session ? session.value().release() : nullptr;
        const QString error = session ? QString() : session.error();
        // Posted to the application object and checked there: the controller may be gone by now.
        QMetaObject::invokeMethod(
            qApp,
            [self, opening, raw, error, startMs] {
                if (!self || self->m_opening != opening || !opening->load()) {
                    if (raw)
                        raw->deleteLater(); // superseded while opening
                    return;
                }
                self->adopt(raw, error, startMs);
            },
            Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ReplayController::adopt(ReplaySession *raw, const QString &error, std::int64_t startMs)
{
    m_opening.reset();
    if (!raw) {
        Q_EMIT failed(error);
        return;
    }
    m_session = raw;
    // Reports cross threads queued: while a seek is in flight, one sent before it (a pause, an earlier step, the
    // playback timer) must not move the position back — a step taken then would count from the stale time. The
    // seek's own landing (seekDone) ends the flight.
    connect(m_session, &ReplaySession::positionChanged, this, [this](qint64 t, bool playing) {
        if (!m_seekInFlight)
            applyPosition(t, playing);
    });
    connect(m_session, &ReplaySession::seekDone, this, [this](qint64 t, bool playing) {
        m_seekInFlight = false;
        if (m_pendingSeek >= 0) {
            sendPendingSeek();   // a newer request (a key pressed meanwhile) supersedes this landing: go on from there
            return;
        }
        applyPosition(t, playing);
    });
    connect(m_session, &ReplaySession::timelineChanged, this, &ReplayController::timelineChanged);
    connect(m_session, &ReplaySession::passedOver, this, &ReplayController::passedOver);
    connect(m_session, &ReplaySession::failed, this, [this](const QString &why) {
        m_seekInFlight = false;   // a seek that failed lands nowhere: the next one may go
        Q_EMIT failed(why);
    });
    const auto range = m_session->range();
    std::int64_t start = startMs > 0 ? startMs : (m_toMs > 0 ? m_toMs : range.lastMs);
    if (m_fromMs > 0 && startMs <= 0 && m_toMs <= 0)
        start = m_fromMs;
    m_position = start;
    Q_EMIT opened();
    seek(start);
}

void ReplayController::applyPosition(qint64 t, bool playing)
{
    m_position = t;
    m_playing = playing;
    Q_EMIT positionChanged(t, playing);
    if (m_incidentAhead != 0 && t == m_incidentAheadMs && !m_seekInFlight && m_pendingSeek < 0) {
        const auto id = static_cast<quint32>(m_incidentAhead);
        m_incidentAhead = 0;
        Q_EMIT incidentReached(id);
    }
}

void ReplayController::close()
{
    if (m_opening)
        m_opening->store(false);
    m_opening.reset();
    if (!m_session)
        return;
    Q_EMIT aboutToClose();
    ReplaySession *session = m_session;
    m_session = nullptr;
    disconnect(session, nullptr, this, nullptr);
    QMetaObject::invokeMethod(session, &ReplaySession::pause, Qt::QueuedConnection);
    session->deleteLater(); // runs on the replay thread after the pause
    m_playing = false;
    m_seekInFlight = false;
    m_pendingSeek = -1;
    Q_EMIT closed();
}

std::pair<std::int64_t, std::int64_t> ReplayController::window() const
{
    if (!m_session)
        return { m_fromMs, m_toMs };
    const auto range = m_session->range();
    return { m_fromMs > 0 ? std::max(m_fromMs, range.firstMs) : range.firstMs,
        m_toMs > 0 ? std::min(m_toMs, range.lastMs) : range.lastMs };
}

void ReplayController::seek(std::int64_t timeMs)
{
    if (!m_session)
        return;
    const auto [from, to] = window();
    m_pendingSeek = std::clamp(timeMs, from, std::max(from, to));
    m_position = m_pendingSeek;
    sendPendingSeek();
}

void ReplayController::sendPendingSeek()
{
    if (m_seekInFlight || m_pendingSeek < 0 || !m_session)
        return;
    const qint64 target = m_pendingSeek;
    m_pendingSeek = -1;
    m_seekInFlight = true;
    invoke([session = m_session, target] { session->seek(target); });
}

void ReplayController::play(double speed)
{
    m_playing = true;
    invoke([session = m_session, speed] { session->play(speed); });
}

void ReplayController::pause()
{
    m_playing = false;
    invoke([session = m_session] { session->pause(); });
}

void ReplayController::togglePlay(double speed)
{
    if (m_playing)
        pause();
    else
        play(speed);
}

void ReplayController::step(std::int64_t deltaMs)
{
    pause();
    seek(m_position + deltaMs);
}

void ReplayController::jumpToIncident(bool forward)
{
    if (!m_session)
        return;
    // Found here, from the timeline's markers, so that the incident itself can be shown once the replay is there.
    std::int64_t target = -1, ref = 0;
    for (const StoreReader::Marker &m : m_session->timeline().markers) {
        if (m.kind != eventcodec::Kind::IncidentRaised)
            continue;
        if (forward && m.timeMs > m_position) {
            target = m.timeMs;
            ref = m.ref;
            break;
        }
        if (!forward && m.timeMs < m_position) {
            target = m.timeMs;
            ref = m.ref;
        }
    }
    if (target < 0)
        return;
    if (m_playing)
        invoke([session = m_session] { session->pause(); });
    m_playing = false;
    m_incidentAhead = ref;
    m_incidentAheadMs = std::clamp(target, window().first, std::max(window().first, window().second));
    seek(target);
}

} // namespace cityops
