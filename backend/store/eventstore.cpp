#include "store/eventstore.h"

#include "base/sqlitedb.h"
#include "base/logging.h"
#include "codec/eventcodec.h"
#include "store/storelock.h"
#include "store/storeschema.h"
#include "store/recordchain.h"
#include "store/recordgap.h"
#include "security/commandsigner.h"

#include <QElapsedTimer>
#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <chrono>

Q_LOGGING_CATEGORY(lcStore, "cityops.store", QtInfoMsg)

namespace {
constexpr size_t kCheckpointEvents = 100'000; // about 4 MB of WAL
}

namespace cityops {

struct EventStore::Statements {
    SqliteStatement insertEvent;
    SqliteStatement insertSnapshot;
    std::optional<SqliteStatement> insertApproaches;   ///< prepared by the writer once the file is checked (beginSession)
    std::optional<SqliteStatement> insertSeal;         ///< the same, where the console signs its record
    SqliteStatement insertMarker;
    SqliteStatement bumpDensity;
    SqliteStatement setMeta;
};

Result<std::unique_ptr<EventStore>> EventStore::open(const EventStoreOptions &options, const CityModel &city)
{
    const QFileInfo info(options.path);
    if (info.exists() && !info.isFile())
        return makeError(QStringLiteral("store %1 is not a file").arg(options.path));
    if (!info.absoluteDir().exists())
        return makeError(QStringLiteral("cannot create store %1: folder %2 does not exist").arg(options.path, info.absolutePath()));
    if (info.exists() && isReadOnlyFile(options.path))
        return makeError(QStringLiteral("store %1 is read-only: the console will not record into it (replay it with --replay, or record "
                                        "to a writable store)").arg(options.path));
    auto lock = storelock::take(options.path);   // before anything is read: the numbering starts from what is there
    if (!lock)
        return makeError(lock.error());
    const bool existed = info.exists() && info.size() > 0;
    // One of ours: nothing is written until SQLite's quick_check has found it intact (a foreign file is refused below,
    // also before anything is written). It reads the whole file — 27 s for 1.5 GB here from a cold disk, so a month's
    // record would keep the console from starting for a minute or more: the writer thread runs it before its first
    // write instead. Only a store that must be upgraded (a write at open) is checked here, read-only, first.
    bool checkFirst = false;
    if (existed) {
        auto check = SqliteDb::open(options.path, SqliteDb::Mode::ReadOnly);
        if (!check)
            return makeError(check.error());
        auto id = check.value()->prepare(QStringLiteral("PRAGMA application_id"));
        auto version = check.value()->prepare(QStringLiteral("PRAGMA user_version"));
        if (id && id->step() && id->columnInt(0) == storeschema::kApplicationId) {
            checkFirst = version && version->step() && version->columnInt(0) == storeschema::kSchemaVersion;
            if (!checkFirst)
                if (auto s = quickCheck(*check.value(), options.path); !s)
                    return makeError(s.error());
        }
    }
    auto db = SqliteDb::open(options.path, SqliteDb::Mode::Create);
    if (!db)
        return makeError(db.error());
    SqliteDb &d = *db.value();
    // Validate before anything is written: a foreign or damaged file must stay exactly as it was.
    if (auto s = storeschema::prepare(d, options.path, city, true); !s)
        return makeError(s.error());
    // Checkpoints are run by the writer between groups (see writerLoop) rather than inside a commit, so a commit's
    // latency is the transaction alone.
    const QString pragmas = QStringLiteral("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                                           "PRAGMA wal_autocheckpoint = 0; PRAGMA busy_timeout = 5000;");
    if (auto s = d.exec(pragmas); !s)
        return makeError(QStringLiteral("cannot open store %1: %2").arg(options.path, s.error()));
    if (options.maxSizeMb > 0) {
        const std::int64_t pages = options.maxSizeMb * 1024 * 1024 / 4096;
        (void)d.exec(QStringLiteral("PRAGMA page_size = 4096; PRAGMA max_page_count = %1").arg(pages));
    }
    return std::unique_ptr<EventStore>(new EventStore(options, std::move(lock).value(), std::move(db).value(), city, checkFirst));
}

bool EventStore::isReadOnlyFile(const QString &path)
{
    const QFileInfo info(path);
    // The mode bits, not access(2): root may write anything, but a store marked read-only is an archive to it too.
    const QFile::Permissions write = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return info.exists() && (info.permissions() & write) == 0;
}

Status EventStore::quickCheck(SqliteDb &db, const QString &path)
{
    auto stmt = db.prepare(QStringLiteral("PRAGMA quick_check(1)"));
    if (!stmt)
        return makeError(QStringLiteral("store %1 is damaged (%2); it was not written to").arg(path, stmt.error()));
    QString error;
    if (!stmt->step(&error))
        return makeError(QStringLiteral("store %1 is damaged (%2); it was not written to").arg(path, error));
    const QString verdict = stmt->columnText(0);
    if (verdict != QLatin1String("ok"))
        return makeError(QStringLiteral("store %1 is damaged (%2); it was not written to — replay what is intact with --replay, or "
                                        "record to a new store").arg(path, verdict.left(200)));
    return Ok{};
}

EventStore::EventStore(EventStoreOptions options, std::unique_ptr<QLockFile> lock, std::unique_ptr<SqliteDb> db, const CityModel &city,
                       bool checkFirst)
    : m_lock(std::move(lock)), m_options(std::move(options)), m_db(std::move(db)), m_deviceCount(city.devices.size()), m_feederCount(city.feeders.size())
{
    auto last = m_db->prepare(QStringLiteral("SELECT seq, time_ms, chain FROM events ORDER BY seq DESC LIMIT 1"));
    m_chain = recordchain::genesis();
    if (last && last->step()) {
        m_lastSeq = static_cast<std::uint64_t>(last->columnInt(0));
        m_lastTimeMs = last->columnInt(1);
        m_chain = last->columnBlob(2);
    } else if (const QString anchor = storeschema::meta(*m_db, QStringLiteral("chain_anchor")); !anchor.isEmpty()) {
        m_chain = QByteArray::fromHex(anchor.toLatin1());   // every row was deleted by retention
    }
    if (auto cp = m_db->prepare(QStringLiteral("SELECT max(seq) FROM checkpoints")); cp && cp->step() && !cp->columnIsNull(0))
        m_lastCheckpointSeq = static_cast<std::uint64_t>(cp->columnInt(0));
    m_session = storeschema::meta(*m_db, QStringLiteral("sessions")).toUInt() + 1;
    m_maxIncidentId = storeschema::meta(*m_db, QStringLiteral("max_incident_id")).toUInt();
    m_enqueuedSeq = m_committedSeq = m_chainSeq = m_lastSeq;
    if (auto s = prepareStatements(); !s)
        qCCritical(lcStore) << "cannot prepare statements:" << s.error();
    m_stats.checking = checkFirst;
    m_writer = std::thread([this, checkFirst] {
        if (checkFirst && !checkBeforeWriting())
            return;
        beginSession();
        writerLoop();
    });
    qCInfo(lcStore) << "recording to" << m_options.path << "from seq" << m_lastSeq + 1 << "session" << m_session
                    << (checkFirst ? "once the file is checked" : "");
}

bool EventStore::checkBeforeWriting()
{
    QElapsedTimer timer;
    timer.start();
    const Status intact = quickCheck(*m_db, m_options.path);
    std::lock_guard lock(m_mutex);
    m_stats.checking = false;
    if (intact) {
        qCInfo(lcStore) << "checked" << m_options.path << "in" << timer.elapsed() << "ms:" << m_pending.size() << "events waited";
        return true;
    }
    qCCritical(lcStore).noquote() << intact.error();
    m_refused = true;
    m_stats.failing = true;
    m_stats.error = intact.error();
    m_stats.dropped += m_pending.size();
    m_pending.clear();
    m_pendingSnapshots.clear();
    m_committedSeq = m_enqueuedSeq;
    m_flushed.notify_all();
    return false;
}

void EventStore::beginSession()
{
    (void)m_db->exec(QStringLiteral("UPDATE store_meta SET value = '%1' WHERE key = 'sessions'").arg(m_session));
    // The table of the approaches kept beside snapshots, in a store recorded before there was one: added here, once
    // the file is known intact (nothing is written to a damaged one). Without it snapshots are written as before.
    if (auto s = storeschema::addSnapshotApproaches(*m_db); !s)
        qCWarning(lcStore) << "cannot keep the signals' approaches beside snapshots:" << s.error();
    else if (auto insert = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO snapshot_approaches (seq, approaches) VALUES (?,?)")); insert && m_stmts)
        m_stmts->insertApproaches = std::move(insert).value();
    // Every snapshot sealed with the key that signs the checkpoints: the one retention keeps stands for events no
    // longer there, and its seal is then all that vouches for it.
    if (auto s = prepareSealing(); !s)
        qCWarning(lcStore) << "cannot seal snapshots yet:" << s.error();
    applyRetention();
}

Status EventStore::prepareSealing()
{
    if (!m_hasSeals) {
        if (auto s = storeschema::addSnapshotSeals(*m_db); !s)
            return makeError(QStringLiteral("the table of seals cannot be added: %1").arg(s.error()));
        m_hasSeals = true;
    }
    if (!m_options.checkpointKey || !m_stmts || m_stmts->insertSeal)
        return Ok{};
    auto insert = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO snapshot_seals (seq, key_id, signature) VALUES (?,?,?)"));
    if (!insert)
        return makeError(insert.error());
    m_stmts->insertSeal = std::move(insert).value();
    return Ok{};
}

EventStore::~EventStore()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_writer.joinable())
        m_writer.join();
    if (m_refused)
        return;   // a damaged file is left exactly as it was found
    // A clean close signs where the record ends, so that rows cut off later are named by the verifier.
    if (m_options.checkpointKey && m_options.chain && m_chainSeq > m_lastCheckpointSeq && m_stmts)
        if (auto s = writeCheckpoint(m_chainSeq, m_lastTimeMs, m_chain); !s)
            qCWarning(lcStore) << "cannot write the closing checkpoint:" << s.error();
    m_stmts.reset();
    // A clean close checkpoints the WAL into the main file.
    (void)m_db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

Status EventStore::prepareStatements()
{
    auto e = m_db->prepare(QStringLiteral("INSERT INTO events (seq, time_ms, kind, device, payload, chain) VALUES (?,?,?,?,?,?)"));
    auto s = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO snapshots (seq, time_ms, state) VALUES (?,?,?)"));
    auto m = m_db->prepare(QStringLiteral("INSERT INTO markers (seq, time_ms, kind, ref, label) VALUES (?,?,?,?,?)"));
    auto d = m_db->prepare(QStringLiteral("INSERT INTO density (minute, events) VALUES (?, ?) "
                                          "ON CONFLICT(minute) DO UPDATE SET events = events + excluded.events"));
    auto t = m_db->prepare(QStringLiteral("UPDATE store_meta SET value = ? WHERE key = ?"));
    if (!e || !s || !m || !d || !t)
        return makeError(m_db->lastError());
    m_stmts.reset(new Statements{std::move(e).value(), std::move(s).value(), std::nullopt, std::nullopt, std::move(m).value(), std::move(d).value(),
                                 std::move(t).value()});
    return Ok{};
}

void EventStore::append(const std::vector<Event> &batch)
{
    if (batch.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        if (m_refused) {   // the file is damaged: said once (stats), counted here
            m_stats.dropped += batch.size();
            m_enqueuedSeq = m_committedSeq = std::max(m_enqueuedSeq, batch.back().seq);
            return;
        }
        if (m_pending.size() + batch.size() > m_options.queueCapacity) {
            m_stats.dropped += batch.size();
            m_stats.failing = true;
            m_stats.error = QStringLiteral("the recorder fell behind and dropped events");
            m_enqueuedSeq = std::max(m_enqueuedSeq, batch.back().seq);
            m_committedSeq = std::max(m_committedSeq, batch.back().seq); // nothing to wait for: they are gone
            m_flushed.notify_all();
            return;
        }
        m_pending.insert(m_pending.end(), batch.begin(), batch.end());
        m_enqueuedSeq = std::max(m_enqueuedSeq, batch.back().seq);
    }
    m_wake.notify_one();
}

void EventStore::appendSnapshot(Snapshot snapshot)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_refused)
            return;
        m_pendingSnapshots.push_back(std::move(snapshot));
    }
    m_wake.notify_one();
}

void EventStore::flush()
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t target = m_enqueuedSeq;
    m_wake.notify_one();
    m_flushed.wait(lock, [&] { return (m_committedSeq >= target && m_pendingSnapshots.empty()) || m_stop || m_stats.failing || m_refused; });
}

EventStore::Stats EventStore::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats s = m_stats;
    s.backlog = m_pending.size();
    return s;
}

std::vector<double> EventStore::recentCommitMs() const
{
    std::lock_guard lock(m_mutex);
    return {m_commitTimes.begin(), m_commitTimes.end()};
}

std::vector<double> EventStore::recentCheckpointMs() const
{
    std::lock_guard lock(m_mutex);
    return {m_checkpointTimes.begin(), m_checkpointTimes.end()};
}

void EventStore::writerLoop()
{
    std::vector<Event> events;
    std::vector<Snapshot> snapshots;
    while (true) {
        readDisk();
        {
            std::unique_lock lock(m_mutex);
            // Group commit: wait for the period (or stop), then take what is queued, at most a group's worth;
            // under a burst the next group follows at once.
            if (m_pending.size() < m_options.maxGroupEvents)
                m_wake.wait_for(lock, std::chrono::milliseconds(m_options.commitIntervalMs), [this] { return m_stop; });
            if (events.empty()) { // after a failure the previous group is retried first
                if (m_pending.size() <= m_options.maxGroupEvents) {
                    events.swap(m_pending);
                } else {
                    const auto cut = m_pending.begin() + static_cast<std::ptrdiff_t>(m_options.maxGroupEvents);
                    events.assign(std::make_move_iterator(m_pending.begin()), std::make_move_iterator(cut));
                    m_pending.erase(m_pending.begin(), cut);
                }
            }
            // Snapshots go with the group that reaches their seq, never ahead of their events.
            if (snapshots.empty() && !events.empty()) {
                const std::uint64_t upTo = events.back().seq;
                auto keep = std::stable_partition(m_pendingSnapshots.begin(), m_pendingSnapshots.end(),
                                                  [upTo](const Snapshot &s) { return s.seq <= upTo; });
                snapshots.assign(std::make_move_iterator(m_pendingSnapshots.begin()), std::make_move_iterator(keep));
                m_pendingSnapshots.erase(m_pendingSnapshots.begin(), keep);
            } else if (snapshots.empty() && events.empty() && m_pending.empty()) {
                snapshots.swap(m_pendingSnapshots);
            }
            if (events.empty() && snapshots.empty()) {
                if (m_stop)
                    break;
                continue;
            }
        }
        QElapsedTimer timer;
        timer.start();
        const Status written = writeGroup(events, snapshots);
        const double ms = timer.nsecsElapsed() / 1e6;
        std::unique_lock lock(m_mutex);
        if (written) {
            m_stats.written += events.size();
            m_stats.commits += 1;
            m_stats.snapshots += snapshots.size();
            m_stats.lastCommitMs = ms;
            m_commitTimes.push_back(ms);
            if (m_commitTimes.size() > 4096)
                m_commitTimes.pop_front();
            if (m_stats.failing)
                qCInfo(lcStore) << "recording resumed";
            m_stats.failing = false;
            m_stats.error.clear();
            if (!events.empty())
                m_committedSeq = std::max(m_committedSeq, events.back().seq);
            m_walEvents += events.size();
            events.clear();
            snapshots.clear();
            m_flushed.notify_all();
            if (m_walEvents >= kCheckpointEvents) {
                // Move the WAL into the database (PASSIVE: never waits for readers). Timed apart from commits.
                lock.unlock();
                QElapsedTimer checkpoint;
                checkpoint.start();
                (void)m_db->exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
                const double cms = checkpoint.nsecsElapsed() / 1e6;
                lock.lock();
                m_checkpointTimes.push_back(cms);
                if (m_checkpointTimes.size() > 1024)
                    m_checkpointTimes.pop_front();
                m_walEvents = 0;
            }
            continue;
        }
        if (!m_stats.failing)
            qCCritical(lcStore) << "cannot write to" << m_options.path << ":" << written.error();
        m_stats.failing = true;
        m_stats.error = written.error();
        m_flushed.notify_all();
        // Keep the failed group and retry after a pause; new events queue up in m_pending to its cap, and past
        // it append() drops and counts them.
        if (m_stop) {
            m_stats.dropped += events.size() + m_pending.size();
            break;
        }
        m_wake.wait_for(lock, std::chrono::milliseconds(1000), [this] { return m_stop; });
    }
    m_flushed.notify_all();
}

Status EventStore::writeGroup(std::vector<Event> &events, std::vector<Snapshot> &snapshots)
{
    if (!m_stmts)
        return makeError(QStringLiteral("store statements are not prepared"));
    if (auto s = m_db->exec(QStringLiteral("BEGIN")); !s)
        return s;
    auto fail = [this](const QString &error) -> Status {
        (void)m_db->exec(QStringLiteral("ROLLBACK"));
        return makeError(error);
    };
    Statements &st = *m_stmts;
    std::int64_t minute = -1, count = 0;
    auto flushDensity = [&]() -> Status {
        if (count == 0)
            return Ok{};
        st.bumpDensity.bind(1, minute);
        st.bumpDensity.bind(2, count);
        count = 0;
        return st.bumpDensity.run();
    };
    std::uint32_t maxIncident = m_maxIncidentId;
    QByteArray chain = m_chain;   // kept only if the group commits
    std::uint64_t checkpointSeq = m_lastCheckpointSeq;
    // Where events were dropped (the queue full), the record says so in place: a replay then tells it at that moment.
    const std::vector<recordgap::Gap> gaps = recordgap::find(m_chainSeq, m_lastTimeMs, events);
    for (const recordgap::Gap &gap : gaps) {
        st.insertMarker.bind(1, static_cast<std::int64_t>(gap.firstSeq));
        st.insertMarker.bind(2, gap.fromMs);
        st.insertMarker.bind(3, recordgap::kMarkerKind);
        st.insertMarker.bind(4, static_cast<std::int64_t>(gap.count));
        st.insertMarker.bind(5, recordgap::label(gap));
        if (auto s = st.insertMarker.run(); !s)
            return fail(s.error());
    }
    for (const Event &e : events) {
        const auto kind = eventcodec::kindOf(e.payload);
        const QByteArray payload = eventcodec::encode(e.payload);
        st.insertEvent.bind(1, static_cast<std::int64_t>(e.seq));
        st.insertEvent.bind(2, e.timeMs);
        st.insertEvent.bind(3, static_cast<std::int64_t>(kind));
        st.insertEvent.bind(4, static_cast<std::int64_t>(e.device));
        st.insertEvent.bind(5, payload);
        if (m_options.chain) {
            chain = recordchain::link(chain, e.seq, e.timeMs, int(kind), static_cast<std::int64_t>(e.device), payload);
            st.insertEvent.bind(6, chain);
        } else {
            st.insertEvent.bindNull(6);
        }
        if (auto s = st.insertEvent.run(); !s)
            return fail(s.error());
        if (m_options.chain && m_options.checkpointKey && e.seq - checkpointSeq >= m_options.checkpointEvents) {
            if (auto s = writeCheckpoint(e.seq, e.timeMs, chain); !s)
                return fail(s.error());
            checkpointSeq = e.seq;
        }
        if (e.timeMs / 60000 != minute) {
            if (auto s = flushDensity(); !s)
                return fail(s.error());
            minute = e.timeMs / 60000;
        }
        ++count;
        if (const auto *r = std::get_if<IncidentRaisedPayload>(&e.payload))
            maxIncident = std::max(maxIncident, r->id < kConsoleIncidentBase ? r->id : 0u);
        std::int64_t ref = 0;
        QString label;
        if (eventcodec::markerFor(e, &ref, &label)) {
            st.insertMarker.bind(1, static_cast<std::int64_t>(e.seq));
            st.insertMarker.bind(2, e.timeMs);
            st.insertMarker.bind(3, static_cast<std::int64_t>(kind));
            st.insertMarker.bind(4, ref);
            st.insertMarker.bind(5, label);
            if (auto s = st.insertMarker.run(); !s)
                return fail(s.error());
        }
    }
    if (auto s = flushDensity(); !s)
        return fail(s.error());
    // Only a signed checkpoint after a gap tells the record's check that the console lost those events rather than
    // someone deleted them (recordchain::Verdict::unrecorded): one at once, with the group that wrote the gap, not at
    // the next ten thousand events or the close — a record checked meanwhile would read as tampered.
    if (!gaps.empty() && m_options.chain && m_options.checkpointKey && events.back().seq > checkpointSeq) {
        if (auto s = writeCheckpoint(events.back().seq, events.back().timeMs, chain); !s)
            return fail(s.error());
        checkpointSeq = events.back().seq;
    }
    // With a key, the core records after each snapshot that it is sealed (SnapshotSealPayload): none is written
    // without its seal, or the record would say what is not so. The group waits and is tried again.
    if (!snapshots.empty() && m_options.checkpointKey)
        if (auto s = prepareSealing(); !s)
            return fail(QStringLiteral("cannot seal the snapshot taken after event %1: %2").arg(snapshots.front().seq).arg(s.error()));
    for (const Snapshot &snap : snapshots) {
        const QByteArray state = snapshotcodec::encode(snap);
        st.insertSnapshot.bind(1, static_cast<std::int64_t>(snap.seq));
        st.insertSnapshot.bind(2, snap.timeMs);
        st.insertSnapshot.bind(3, state);
        if (auto s = st.insertSnapshot.run(); !s)
            return fail(s.error());
        // Also when no signal has figures: a replay then knows there were none, rather than read back a report of
        // a signal gone silent since.
        QByteArray approaches;
        if (st.insertApproaches) {
            approaches = snapshotcodec::encodeApproaches(snap.approaches);
            st.insertApproaches->bind(1, static_cast<std::int64_t>(snap.seq));
            st.insertApproaches->bind(2, approaches);
            if (auto s = st.insertApproaches->run(); !s)
                return fail(s.error());
        }
        if (st.insertSeal) {
            st.insertSeal->bind(1, static_cast<std::int64_t>(snap.seq));
            st.insertSeal->bind(2, m_options.checkpointKey->keyId());
            st.insertSeal->bind(3, m_options.checkpointKey->sign(recordchain::snapshotSealMessage(snap.seq, snap.timeMs, state, approaches)));
            if (auto s = st.insertSeal->run(); !s)
                return fail(s.error());
        }
    }
    if (maxIncident != m_maxIncidentId) {
        st.setMeta.bind(1, QString::number(maxIncident));
        st.setMeta.bind(2, QStringLiteral("max_incident_id"));
        if (auto s = st.setMeta.run(); !s)
            return fail(s.error());
    }
    if (auto s = m_db->exec(QStringLiteral("COMMIT")); !s)
        return fail(s.error());
    m_chain = chain;
    if (!events.empty())
        m_chainSeq = events.back().seq;
    m_lastCheckpointSeq = checkpointSeq;
    m_maxIncidentId = maxIncident;
    if (!events.empty())
        m_lastTimeMs = events.back().timeMs;
    if (!m_sinceRetention.isValid() || m_sinceRetention.elapsed() > 600'000)
        applyRetention();
    return Ok{};
}

} // namespace cityops
