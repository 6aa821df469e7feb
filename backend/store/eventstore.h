#pragma once

#include "city/citymodel.h"
#include "base/result.h"
#include "model/event.h"
#include "store/diskoutlook.h"
#include "store/snapshot.h"

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QLockFile;

namespace cityops {

class SqliteDb;
class CommandSigner;

struct EventStoreOptions {
    QString path;
    int retainDays = 30;                 ///< events older than this are deleted (0 = keep everything)
    std::int64_t maxSizeMb = 0;          ///< cap on the file size; 0 = no cap beyond the disk
    std::int64_t commitIntervalMs = 50;  ///< group-commit period; every event is durable within about this
    size_t queueCapacity = 1 << 21;      ///< events waiting for the writer; beyond this they are dropped and counted
    size_t maxGroupEvents = 8192;        ///< events per transaction, so one commit stays short under a burst
    /// Signs a checkpoint of the record's chain every `checkpointEvents` events and at every clean close (no key: the
    /// chain is kept, checkpoints are not — docs/STORE.md says what that leaves open).
    std::shared_ptr<const CommandSigner> checkpointKey{};
    size_t checkpointEvents = 10'000;
    bool chain = true;                   ///< false only for measuring what the chain costs (cityops-bench ingest)
    /// The free space of the disk the store is on, read on the writer thread every `diskReadingMs` (Stats::disk).
    /// Unset: the file system's own figure for the store's folder. Nothing: it cannot be told.
    std::function<std::optional<std::int64_t>()> freeBytes{};
    /// The clock those readings are timed with (milliseconds, never going back); unset: the system's steady clock.
    std::function<std::int64_t()> monotonicMs{};
    std::int64_t diskReadingMs = 60'000;
};

/// The append-only event log (ARCHITECTURE §8): SQLite in WAL mode with synchronous=NORMAL, written by one thread
/// with prepared statements in group commits. Durability: a crash of the process loses nothing committed; a power
/// loss may lose the last group commit (≤ commitIntervalMs). Also keeps snapshots for fast seeks and the timeline
/// summaries (markers, events per minute). A write failure (disk full, size cap, I/O error) is reported in stats()
/// and retried; the console keeps running live.
class EventStore {
public:
    /// Opens (or creates) a store to record into. Refused, and left exactly as it is: a file that is not a CityOps
    /// store or belongs to another city, and a file marked read-only (no write permission bits, whoever runs the
    /// console — an archived recording is not to be appended to). A damaged file (SQLite's quick_check) is never
    /// written to either: an existing store is checked on the writer thread before its first write — the whole file
    /// is read, which takes a minute or two for a month's record, so the console starts at once and what it records
    /// meanwhile waits in memory (stats().checking); damage found refuses every write (stats().failing, with the
    /// sentence). A store of an older schema is checked here, before it is upgraded. A store another console records
    /// into is refused too (storelock.h).
    static Result<std::unique_ptr<EventStore>> open(const EventStoreOptions &options, const CityModel &city);
    /// The key its checkpoints are signed with (none: they are not signed); what a check of the record verifies them
    /// with. Every snapshot is sealed with it too (none is written unsealed).
    std::shared_ptr<const CommandSigner> checkpointKey() const { return m_options.checkpointKey; }
    /// Whether `path` is a file nobody may write (mode without any w bit): such a store is replayed, never recorded into.
    static bool isReadOnlyFile(const QString &path);
    /// SQLite's quick_check of an open store: Ok, or the first problem it names.
    static Status quickCheck(SqliteDb &db, const QString &path);
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    /// Where the log ends, so a new session continues the sequence and never rewinds time.
    std::uint64_t lastSeq() const { return m_lastSeq; }
    std::int64_t lastTimeMs() const { return m_lastTimeMs; }
    /// The number of this session (the store counts them) and the highest incident id recorded so far.
    std::uint32_t session() const { return m_session; }
    std::uint32_t maxIncidentId() const { return m_maxIncidentId; }
    const QString &path() const { return m_options.path; }

    /// Queues a sequenced batch (called on the core thread). Never blocks.
    void append(const std::vector<Event> &batch);
    /// Queues a snapshot taken right after `snapshot.seq`.
    void appendSnapshot(Snapshot snapshot);
    /// Blocks until everything queued so far is committed (or has failed); for shutdown, tests and benches.
    void flush();

    struct Stats {
        std::uint64_t written = 0;       ///< events committed
        std::uint64_t dropped = 0;       ///< events lost because the writer fell too far behind
        std::uint64_t commits = 0;
        std::uint64_t snapshots = 0;
        size_t backlog = 0;              ///< events waiting
        double lastCommitMs = 0;         ///< duration of the last transaction
        QString error;                   ///< last write error, empty when healthy
        bool failing = false;            ///< writes are currently failing (disk full, cap reached, I/O error, damaged)
        bool checking = false;           ///< the existing store is being checked before the first write (start-up)
        std::optional<DiskOutlook::Outlook> disk;   ///< what its disk has left, and when it fills (none: not read yet)

        /// How the recording stands: the one judgement of these figures, which a desk's status bar and a wall each
        /// say in their own words (so that they never disagree).
        enum class Verdict {
            Checking,       ///< the file is checked before the first write; nothing is lost meanwhile
            Recording,      ///< all is well
            AtRisk,         ///< it records, but its disk is low or events were lost: someone should act
            NotRecording    ///< writes fail
        };
        [[nodiscard]] Verdict verdict() const
        {
            if (failing)
                return Verdict::NotRecording;
            if (checking)
                return Verdict::Checking;
            return (disk && disk->low) || dropped > 0 ? Verdict::AtRisk : Verdict::Recording;
        }
    };
    Stats stats() const;
    /// Durations of recent commits (ms), oldest first, for percentiles.
    std::vector<double> recentCommitMs() const;
    /// Durations of recent WAL checkpoints (ms); they run between commits on the writer thread.
    std::vector<double> recentCheckpointMs() const;

private:
    EventStore(EventStoreOptions options, std::unique_ptr<QLockFile> lock, std::unique_ptr<SqliteDb> db, const CityModel &city, bool checkFirst);
    /// Writer thread, before anything is written: the whole file checked; false (and every write refused) if damaged.
    bool checkBeforeWriting();
    /// Writer thread, once the store may be written: this session counted, the oldest days let go.
    void beginSession();
    Status prepareStatements();
    /// Writer thread: the table of seals there and, with a key, its insert prepared (beginSession; again before a
    /// snapshot to seal if that failed).
    Status prepareSealing();
    /// Signs (seq, the chain at it) with the checkpoint key; writer thread, inside its transaction or at close.
    Status writeCheckpoint(std::uint64_t seq, std::int64_t timeMs, const QByteArray &chain);
    void writerLoop();
    Status writeGroup(std::vector<Event> &events, std::vector<Snapshot> &snapshots);
    void applyRetention();
    /// Writer thread: the disk's free space read when a reading is due, and the outlook brought up to it.
    void readDisk();

    std::unique_ptr<QLockFile> m_lock;   ///< first: let go of last, once everything is written and closed (storelock.h)
    EventStoreOptions m_options;
    std::unique_ptr<SqliteDb> m_db;
    size_t m_deviceCount = 0;
    size_t m_feederCount = 0;
    std::uint64_t m_lastSeq = 0;
    std::int64_t m_lastTimeMs = 0;
    std::uint32_t m_session = 0;
    std::uint32_t m_maxIncidentId = 0;
    QByteArray m_chain;                       ///< writer thread: the chain value of the last row written
    std::uint64_t m_lastCheckpointSeq = 0;    ///< writer thread
    std::uint64_t m_chainSeq = 0;             ///< writer thread: the seq of the last row written (m_chain's)

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_flushed;
    std::vector<Event> m_pending;
    std::vector<Snapshot> m_pendingSnapshots;
    std::uint64_t m_enqueuedSeq = 0;   ///< highest seq handed to append()
    std::uint64_t m_committedSeq = 0;  ///< highest seq committed (or given up on)
    bool m_stop = false;
    bool m_refused = false;            ///< the check found the file damaged: nothing is written, ever
    bool m_hasSeals = false;           ///< the store has its table of snapshot seals (retention deletes with them)
    Stats m_stats;
    std::deque<double> m_commitTimes;
    std::deque<double> m_checkpointTimes;
    size_t m_walEvents = 0;
    QElapsedTimer m_sinceRetention;   ///< elapsed time: a step of the wall clock neither hurries nor holds it
    DiskOutlook m_disk;                           ///< writer thread
    std::optional<std::int64_t> m_lastDiskReading;   ///< writer thread: when (monotonicMs)
    std::thread m_writer;

    struct Statements;
    std::unique_ptr<Statements> m_stmts;
};

} // namespace cityops
