#include "store/replaysession.h"

#include "base/logging.h"

#include <algorithm>

namespace cityops {
namespace {
constexpr size_t kChunk = 50'000;
constexpr int kTickMs = 40;
/// How far before a snapshot its measurements are read back: a roads picture is repeated at least every 30 s while
/// it stands, and a vehicle silent for 30 s is dropped (VehicleBook::kSilentMs). A signal's approaches are reported
/// when they change: one unchanged for longer is not found (a 90 s window made a seek three times dearer).
constexpr std::int64_t kMeasurementsBackMs = 30'000;
} // namespace

Result<std::unique_ptr<ReplaySession>> ReplaySession::open(std::shared_ptr<const CityModel> city, const QString &storePath)
{
    auto reader = StoreReader::open(storePath, city);
    if (!reader)
        return makeError(reader.error());
    // A replay shows what it can read and says what it could not (a newer release's events, a damaged row), rather
    // than stopping at the first such row and showing nothing after it.
    reader.value()->setPassOverUnreadable(true);
    std::unique_ptr<ReplaySession> session(new ReplaySession(std::move(city), std::move(reader).value()));
    if (auto s = session->refreshTimeline(); !s)
        return makeError(s.error());
    if (session->range().empty())
        return makeError(QStringLiteral("store %1 holds no events yet").arg(storePath));
    return session;
}

ReplaySession::ReplaySession(std::shared_ptr<const CityModel> city, std::unique_ptr<StoreReader> reader)
    : m_city(std::move(city)), m_reader(std::move(reader)), m_books(m_city), m_standIns(m_city->devices.size())
{
    m_sinceTimelineRefresh.start();
}

ReplaySession::~ReplaySession() = default;

StoreReader::Range ReplaySession::range() const
{
    std::lock_guard lock(m_timelineMutex);
    return m_timeline.range;
}

ReplaySession::Timeline ReplaySession::timeline() const
{
    std::lock_guard lock(m_timelineMutex);
    return m_timeline;
}

Status ReplaySession::refreshTimeline()
{
    auto range = m_reader->range();
    if (!range)
        return makeError(range.error());
    Timeline t;
    t.range = range.value();
    if (!t.range.empty()) {
        auto density = m_reader->density(t.range.firstMs, t.range.lastMs);
        auto markers = m_reader->markers(t.range.firstMs, t.range.lastMs);
        if (!density || !markers)
            return makeError(density ? markers.error() : density.error());
        t.density = std::move(density).value();
        t.markers = std::move(markers).value();
    }
    {
        std::lock_guard lock(m_timelineMutex);
        m_timeline = std::move(t);
    }
    m_sinceTimelineRefresh.restart();
    Q_EMIT timelineChanged();
    return Ok{};
}

Status ReplaySession::applyUntil(std::int64_t timeMs)
{
    std::vector<Event> events;
    while (true) {
        events.clear();
        if (auto s = m_reader->readEvents(m_appliedSeq, timeMs, events, kChunk); !s)
            return s;
        if (events.empty())
            break;
        m_standIns.apply(m_books, events, m_appliedSeq, m_reader->unreadableSnapshots());
        m_eventsApplied += events.size();
        sayGaps(m_appliedSeq, events.back().seq);
        m_appliedSeq = events.back().seq;
        if (events.size() < kChunk)
            break;
    }
    return Ok{};
}

void ReplaySession::sayGaps(std::uint64_t afterSeq, std::uint64_t upToSeq)
{
    // Played across, a gap is said where it is, as a seek landing after it finds it among the markers.
    std::lock_guard lock(m_timelineMutex);
    const std::vector<StoreReader::Marker> &markers = m_timeline.markers;
    const auto first = std::upper_bound(markers.begin(), markers.end(), afterSeq,
                                        [](std::uint64_t seq, const StoreReader::Marker &m) { return seq < m.seq; });
    for (auto m = first; m != markers.end() && m->seq <= upToSeq; ++m)
        if (m->isGap())
            m_books.activity().add({m->seq, m->timeMs, m->label});
}

Status ReplaySession::seekNow(std::int64_t timeMs)
{
    const std::int64_t current = m_position.load();
    // Going forward, apply just the new events unless a snapshot lies between here and T: then starting from the
    // snapshot means fewer events (and is exact either way).
    const bool forward = m_valid && timeMs >= current;
    bool fromSnapshot = !forward;
    if (forward) {
        auto point = m_reader->snapshotPointAtOrBefore(timeMs);
        if (!point)
            return makeError(point.error());
        fromSnapshot = point.value() && point.value()->first > m_appliedSeq;
    }
    if (fromSnapshot) {
        auto snapshot = m_reader->snapshotAtOrBefore(timeMs);
        if (!snapshot)
            return makeError(snapshot.error());
        // Past one it could read, a snapshot it could not may have been passed before: what the replay held there.
        const Snapshot *standIn = m_standIns.latest(timeMs, snapshot.value() ? snapshot.value()->seq : 0);
        const Snapshot *start = standIn ? standIn : snapshot.value() ? &*snapshot.value() : nullptr;
        // The snapshot between here and T could not be read and an earlier one was given instead: going forward,
        // carrying on from here is the shorter way (restoring that one would replay everything since it, on every
        // tick of playback that passes such a snapshot).
        if (forward && (!start || start->seq <= m_appliedSeq)) {
            fromSnapshot = false;
        } else if (start) {
            const Snapshot &s = *start;
            // Measurements are not in snapshots: read back those of the 30 s before it, else a seek shows no
            // traffic, queues or vehicles until the next reports after the snapshot. Going forward from within those
            // 30 s (playback passing a snapshot) the books hold them up to here already: only the ones in between
            // are read. From further back they are cleared: figures older than the window would stand unrenewed.
            // The signals' approaches, reported only when they change, are kept beside the snapshot as the console
            // held them: taken from there when the recording has them, and not read back.
            const bool keep = forward && current >= s.timeMs - kMeasurementsBackMs;
            const std::uint64_t measuredUpTo = keep ? m_appliedSeq : 0;
            std::optional<std::vector<Event>> approaches;
            if (standIn && !keep) {
                approaches = standIn->approaches;
            } else if (!keep) {
                auto kept = m_reader->approachesAt(s.seq);
                if (!kept) {
                    m_valid = false;
                    return makeError(kept.error());
                }
                approaches = std::move(kept).value();
            }
            m_books.restore(s, keep);
            m_appliedSeq = s.seq;
            std::vector<Event> measured = approaches.value_or(std::vector<Event>{});
            if (auto read = m_reader->readMeasurements(s.timeMs - kMeasurementsBackMs, measuredUpTo, s.seq, measured, !approaches); !read) {
                m_valid = false;
                return read;
            }
            m_books.applyMeasurements(measured);
        } else {
            m_books.restore(m_books.emptyState());
            m_appliedSeq = 0;
        }
    }
    if (fromSnapshot) {
        // The log up to the starting point comes from the recording's markers (same labels as live).
        std::vector<ActivityLog::Entry> entries;
        const Timeline t = timeline();
        for (const StoreReader::Marker &m : t.markers)
            if (m.seq <= m_appliedSeq && !m.label.isEmpty())
                entries.push_back({m.seq, m.timeMs, m.label});
        m_books.activity().reset(std::move(entries));
    }
    if (auto s = applyUntil(timeMs); !s) {
        m_valid = false;
        return s;
    }
    m_position = timeMs;
    m_valid = true;
    return Ok{};
}

void ReplaySession::seek(qint64 timeMs)
{
    const auto r = range();
    timeMs = std::clamp<qint64>(timeMs, r.firstMs, std::max(r.firstMs, r.lastMs));
    if (auto s = seekNow(timeMs); !s) {
        pause();
        Q_EMIT failed(s.error());
        return;
    }
    // Said at the first such row, then again each time there are ten times as many: a newer release that changed
    // every row of a kind would otherwise have a playing replay say so on every tick.
    if (const StoreReader::PassedOver &unread = unreadable(); unread.count > 0 && unread.count >= 10 * m_passedOverSaid) {
        m_passedOverSaid = unread.count;
        Q_EMIT passedOver(unread.count, unread.firstSeq, unread.firstReason);
    }
    Q_EMIT positionChanged(timeMs, m_playing.load());
    Q_EMIT seekDone(timeMs, m_playing.load());
}

void ReplaySession::ensureTimer()
{
    if (m_timer)
        return;
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ReplaySession::tick);
}

void ReplaySession::play(double speed)
{
    m_speed = std::clamp(speed, 0.1, 3600.0);
    ensureTimer();
    m_playing = true;
    m_wall.start();
    m_timer->start(kTickMs);
    Q_EMIT positionChanged(m_position.load(), true);
}

void ReplaySession::pause()
{
    if (m_timer)
        m_timer->stop();
    m_playing = false;
    Q_EMIT positionChanged(m_position.load(), false);
}

void ReplaySession::step(qint64 deltaMs)
{
    pause();
    seek(m_position.load() + deltaMs);
}

void ReplaySession::jumpToIncident(bool forward)
{
    pause();
    const std::int64_t now = m_position.load();
    std::int64_t target = -1;
    for (const StoreReader::Marker &m : timeline().markers) {
        if (m.kind != eventcodec::Kind::IncidentRaised)
            continue;
        if (forward && m.timeMs > now) {
            target = m.timeMs;
            break;
        }
        if (!forward && m.timeMs < now)
            target = m.timeMs;
    }
    if (target >= 0)
        seek(target);
}

void ReplaySession::tick()
{
    advancePlayback(m_wall.restart());
}

void ReplaySession::advancePlayback(qint64 wallMs)
{
    if (!m_playing.load())
        return;
    if (m_sinceTimelineRefresh.elapsed() > 5000)
        (void)refreshTimeline();
    const auto r = range();
    const std::int64_t target = m_position.load() + static_cast<std::int64_t>(static_cast<double>(wallMs) * m_speed.load());
    if (target >= r.lastMs) {
        seek(r.lastMs);
        pause(); // end of the recording so far
        return;
    }
    seek(target);
}

} // namespace cityops
