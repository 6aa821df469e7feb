#pragma once

#include "city/citymodel.h"
#include "base/result.h"
#include "model/event.h"
#include "codec/eventcodec.h"
#include "store/recordgap.h"
#include "store/snapshot.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace cityops {

class SqliteDb;
class SqliteStatement;

/// Read-only access to a store, safe beside the live writer (WAL readers never block it). Every query re-reads,
/// so a reader follows a store that is still growing.
class StoreReader {
public:
    static Result<std::unique_ptr<StoreReader>> open(const QString &path, std::shared_ptr<const CityModel> city);
    ~StoreReader();

    struct Range {
        std::uint64_t firstSeq = 0, lastSeq = 0;
        std::int64_t firstMs = 0, lastMs = 0;
        bool empty() const { return lastSeq == 0 || lastSeq < firstSeq; }
    };
    Result<Range> range();

    /// The newest snapshot taken at or before `timeMs`, if any.
    Result<std::optional<Snapshot>> snapshotAtOrBefore(std::int64_t timeMs);

    /// Every snapshot's (seq, time), in seq order, without decoding them.
    Result<std::vector<std::pair<std::uint64_t, std::int64_t>>> snapshotPoints();
    /// The snapshot taken right after event `seq`, decoded, or why it cannot be read (not passed over).
    Result<Snapshot> snapshotAt(std::uint64_t seq);

    /// Where the newest snapshot at or before `timeMs` stands (seq, time), without decoding it.
    Result<std::optional<std::pair<std::uint64_t, std::int64_t>>> snapshotPointAtOrBefore(std::int64_t timeMs);

    /// Events with seq > `afterSeq` and time <= `untilMs`, in seq order, at most `limit`.
    Status readEvents(std::uint64_t afterSeq, std::int64_t untilMs, std::vector<Event> &out, size_t limit);
    /// Events with `afterSeq` < seq <= `upToSeq`, in seq order, at most `limit`.
    Status readEventSeqs(std::uint64_t afterSeq, std::uint64_t upToSeq, std::vector<Event> &out, size_t limit);
    /// The measurements (a signal's approaches unless `withApproaches` is false, a vehicle's place, the roads'
    /// picture) with time >= `fromMs`, seq > `afterSeq` and seq <= `upToSeq`, in seq order: what a snapshot does not
    /// hold, read back to stand beside it.
    Status readMeasurements(std::int64_t fromMs, std::uint64_t afterSeq, std::uint64_t upToSeq, std::vector<Event> &out,
                            bool withApproaches = true);
    /// The signals' approaches kept beside snapshot `snapshotSeq` (Snapshot::approaches; empty: no signal had
    /// figures); nothing when the recording has none there (recorded before they were kept) or they cannot be read
    /// (passed over with a warning: the caller reads them back instead).
    Result<std::optional<std::vector<Event>>> approachesAt(std::uint64_t snapshotSeq);
    /// A snapshot's seal: who signed it and what the signature must cover now — the message made from the bytes
    /// stored at this moment (recordchain::snapshotSealMessage), so that an edit since shows as a signature that
    /// does not verify. Nothing when the snapshot is not sealed (a console without a key, or a release from before).
    struct Seal {
        QString keyId;
        QByteArray signature;
        QByteArray message;
    };
    Result<std::optional<Seal>> sealAt(std::uint64_t snapshotSeq);
    /// Only which key a snapshot's seal names, if it has one: what the record's word of its seal is held to.
    Result<std::optional<QString>> sealKeyAt(std::uint64_t snapshotSeq);
    /// Every event with fromMs <= time <= toMs, in seq order, handed over in chunks.
    Status forEachEvent(std::int64_t fromMs, std::int64_t toMs, const std::function<void(const Event &)> &fn);
    /// The same, stopping early (and returning "cancelled") as soon as `fn` returns false.
    Status forEachEventUntil(std::int64_t fromMs, std::int64_t toMs, const std::function<bool(const Event &)> &fn);

    struct Marker {
        std::uint64_t seq = 0;
        std::int64_t timeMs = 0;
        eventcodec::Kind kind = eventcodec::Kind::IncidentRaised;
        std::int64_t ref = 0;
        QString label;
        /// Events the console could not record: the gap starts at timeMs, `ref` says how many (store/recordgap.h).
        bool isGap() const { return static_cast<std::int64_t>(kind) == recordgap::kMarkerKind; }
    };
    Result<std::vector<Marker>> markers(std::int64_t fromMs, std::int64_t toMs);
    /// For each of `parts`, the label of the newest marker that starts with one of `starts` and holds that part
    /// (matched as written, not as a pattern); nothing for a part the recording has none of. One pass over the markers,
    /// newest first, however many parts are looked for.
    Result<std::vector<std::optional<QString>>> lastMarkerLabels(const QStringList &starts, const QStringList &parts);
    /// The labels of every marker that starts with `start` and holds `part` (both matched as written), newest first.
    Result<QStringList> markerLabels(const QString &start, const QString &part);
    /// Events per minute: (minute start in ms, count).
    Result<std::vector<std::pair<std::int64_t, std::int64_t>>> density(std::int64_t fromMs, std::int64_t toMs);

    const CityModel &city() const { return *m_city; }
    std::shared_ptr<const CityModel> sharedCity() const { return m_city; }

    /// Rows this reader could not turn into events — written by a newer CityOps (an event or an action this one does
    /// not know: a console rolled back to an older release) or damaged. By default a read stops at the first with an
    /// error naming it (an export must be complete or not be); a reader told to pass over them (replay, and a restart
    /// carrying on from the recording) goes on without them and counts them here, so they are said, not lost unsaid.
    struct PassedOver {
        std::uint64_t count = 0;
        std::uint64_t firstSeq = 0;   ///< the earliest of them, with why it could not be read
        QString firstReason;
        /// Not 0: no snapshot could be read and retention has deleted the events before this time (the oldest kept),
        /// so the state then — what was open — could not be rebuilt: reading started from empty books there.
        std::int64_t stateLostBeforeMs = 0;
    };
    void setPassOverUnreadable(bool passOver) { m_passOver = passOver; }
    const PassedOver &passedOver() const { return m_passedOver; }
    /// Whether a read stopped at a row it could not read (not passing over): the error names it.
    bool refusedUnreadable() const { return m_refusedUnreadable; }
    /// The snapshots found unreadable so far while passing over (a replay keeps stand-ins for them: store/standins.h).
    const std::set<std::uint64_t> &unreadableSnapshots() const { return m_unreadableSnapshots; }

private:
    StoreReader(std::unique_ptr<SqliteDb> db, std::shared_ptr<const CityModel> city, QString path);
    /// Decodes rows of (seq, time_ms, kind, device, payload) into events, refusing (or passing over) unreadable ones.
    Status readRows(SqliteStatement &stmt, const std::function<bool(Event &&)> &sink);
    Result<Event> rowToEvent(std::int64_t seq, std::int64_t time, std::int64_t kind, std::int64_t device, const QByteArray &payload);

    std::unique_ptr<SqliteDb> m_db;
    std::shared_ptr<const CityModel> m_city;
    QString m_path;
    bool m_passOver = false;
    bool m_hasApproachesTable = false;   ///< snapshot_approaches seen (never dropped by a writer)
    bool m_hasSealsTable = false;        ///< snapshot_seals seen
    /// Snapshots found unreadable while passing over (snapshotAtOrBefore): not decoded again, nor said again.
    std::set<std::uint64_t> m_unreadableSnapshots;
    /// Whether the store has `table`, looked for until found (the live console's writer adds tables after a reader
    /// may have opened the store); `seen` remembers it.
    Result<bool> hasTable(const QString &table, bool &seen);
    /// The row `sql` (its one parameter: the snapshot's seq) finds in `table`, stepped to it: nothing when the table
    /// is not there (`seen` as for hasTable) or holds no such row.
    Result<std::optional<SqliteStatement>> snapshotRow(const QString &table, bool &seen, const QString &sql, std::uint64_t snapshotSeq);
    bool m_refusedUnreadable = false;
    PassedOver m_passedOver;
    /// The seq ranges read so far (start -> end, merged), so a row read again (replay seeks back) is counted once:
    /// a handful of ranges, where a set of the rows themselves would grow by one entry per row when a newer release
    /// has changed the format of every row of a kind (millions in a month).
    std::map<std::uint64_t, std::uint64_t> m_readRanges;
    bool wasRead(std::uint64_t seq) const;
    void noteRead(std::uint64_t first, std::uint64_t last);
};

} // namespace cityops
