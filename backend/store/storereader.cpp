#include "store/storereader.h"

#include "store/recordchain.h"

#include "base/logging.h"
#include "base/sqlitedb.h"
#include "codec/eventcodec.h"
#include "store/storeschema.h"

#include <QFileInfo>
#include <QStringList>

#include <algorithm>

namespace cityops {

Result<std::unique_ptr<StoreReader>> StoreReader::open(const QString &path, std::shared_ptr<const CityModel> city)
{
    if (!QFileInfo(path).isFile())
        return makeError(QStringLiteral("store %1 does not exist").arg(path));
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db)
        return makeError(db.error());
    if (auto s = storeschema::prepare(*db.value(), path, *city, false); !s)
        return makeError(s.error());
    (void)db.value()->exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
    return std::unique_ptr<StoreReader>(new StoreReader(std::move(db).value(), std::move(city), path));
}

StoreReader::StoreReader(std::unique_ptr<SqliteDb> db, std::shared_ptr<const CityModel> city, QString path)
    : m_db(std::move(db)), m_city(std::move(city)), m_path(std::move(path))
{
}

StoreReader::~StoreReader() = default;

Result<StoreReader::Range> StoreReader::range()
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT (SELECT min(seq) FROM events), (SELECT max(seq) FROM events), "
                                             "(SELECT time_ms FROM events ORDER BY seq LIMIT 1), "
                                             "(SELECT time_ms FROM events ORDER BY seq DESC LIMIT 1)"));
    if (!stmt)
        return makeError(stmt.error());
    QString error;
    Range r;
    if (stmt->step(&error) && !stmt->columnIsNull(0)) {
        r.firstSeq = static_cast<std::uint64_t>(stmt->columnInt(0));
        r.lastSeq = static_cast<std::uint64_t>(stmt->columnInt(1));
        r.firstMs = stmt->columnInt(2);
        r.lastMs = stmt->columnInt(3);
    }
    if (!error.isEmpty())
        return makeError(QStringLiteral("%1: %2").arg(m_path, error));
    return r;
}

Result<std::optional<Snapshot>> StoreReader::snapshotAtOrBefore(std::int64_t timeMs)
{
    auto point = snapshotPointAtOrBefore(timeMs);
    if (!point)
        return makeError(point.error());
    if (!point.value())
        return std::optional<Snapshot>();
    auto stmt = m_db->prepare(QStringLiteral("SELECT state FROM snapshots WHERE seq = ?"));
    // A reader passing over what it cannot read takes the snapshot before one it cannot (a newer release's format, a
    // damaged blob): the events since that one rebuild the same state, only more slowly.
    auto earlier = m_db->prepare(QStringLiteral("SELECT seq FROM snapshots WHERE seq < ? ORDER BY seq DESC LIMIT 1"));
    if (!stmt || !earlier)
        return makeError(stmt ? earlier.error() : stmt.error());
    std::int64_t seq = static_cast<std::int64_t>(point.value()->first);
    while (true) {
        QString error;
        // One found unreadable before is not read again: a replay seeking back and forth past a run of them (a newer
        // release's) would decode each of them on every seek.
        if (!m_unreadableSnapshots.contains(static_cast<std::uint64_t>(seq))) {
            stmt->reset();
            stmt->bind(1, seq);
            if (!stmt->step(&error))
                return makeError(QStringLiteral("%1: snapshot %2 vanished: %3").arg(m_path).arg(seq).arg(error));
            auto snap = snapshotcodec::decode(stmt->columnBlob(0), m_city->devices.size(), m_city->feeders.size());
            if (snap)
                return std::optional<Snapshot>(std::move(snap).value());
            if (!m_passOver)
                return makeError(QStringLiteral("%1: damaged snapshot: %2").arg(m_path, snap.error()));
            qCWarning(lcStore).noquote() << QStringLiteral("%1: passing over snapshot %2 (%3)").arg(m_path).arg(seq).arg(snap.error());
            m_unreadableSnapshots.insert(static_cast<std::uint64_t>(seq));
        }
        earlier->reset();
        earlier->bind(1, seq);
        if (!earlier->step(&error)) {
            if (!error.isEmpty())
                return makeError(error);
            // None readable before it: from the start of the recording — which is not the city's start when
            // retention has deleted what came before (the one snapshot it keeps for that is the one not read).
            if (const auto kept = range(); kept && kept.value().firstSeq > 1 && m_passedOver.stateLostBeforeMs == 0) {
                m_passedOver.stateLostBeforeMs = kept.value().firstMs;
                qCWarning(lcStore).noquote() << QStringLiteral("%1: no snapshot could be read and the events before %2 were deleted: "
                                                               "what was open then is not known").arg(m_path).arg(kept.value().firstMs);
            }
            return std::optional<Snapshot>();
        }
        seq = earlier->columnInt(0);
    }
}

Result<std::vector<std::pair<std::uint64_t, std::int64_t>>> StoreReader::snapshotPoints()
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms FROM snapshots ORDER BY seq"));
    if (!stmt)
        return makeError(stmt.error());
    std::vector<std::pair<std::uint64_t, std::int64_t>> points;
    QString error;
    while (stmt->step(&error))
        points.emplace_back(static_cast<std::uint64_t>(stmt->columnInt(0)), stmt->columnInt(1));
    if (!error.isEmpty())
        return makeError(QStringLiteral("%1: %2").arg(m_path, error));
    return points;
}

Result<Snapshot> StoreReader::snapshotAt(std::uint64_t seq)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT state FROM snapshots WHERE seq = ?"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, static_cast<std::int64_t>(seq));
    QString error;
    if (!stmt->step(&error))
        return makeError(error.isEmpty() ? QStringLiteral("there is no snapshot after event %1").arg(seq) : error);
    return snapshotcodec::decode(stmt->columnBlob(0), m_city->devices.size(), m_city->feeders.size());
}

Result<std::optional<std::pair<std::uint64_t, std::int64_t>>> StoreReader::snapshotPointAtOrBefore(std::int64_t timeMs)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms FROM snapshots WHERE time_ms <= ? ORDER BY time_ms DESC, seq DESC LIMIT 1"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, timeMs);
    QString error;
    if (!stmt->step(&error)) {
        if (!error.isEmpty())
            return makeError(error);
        return std::optional<std::pair<std::uint64_t, std::int64_t>>();
    }
    return std::optional(std::pair{static_cast<std::uint64_t>(stmt->columnInt(0)), stmt->columnInt(1)});
}

Result<Event> StoreReader::rowToEvent(std::int64_t seq, std::int64_t time, std::int64_t kind, std::int64_t device,
                                      const QByteArray &payload)
{
    auto decoded = eventcodec::decode(static_cast<eventcodec::Kind>(kind), payload);
    if (!decoded)
        return makeError(QStringLiteral("event %1: %2").arg(seq).arg(decoded.error()));
    if (device != kNoDevice && (device < 0 || static_cast<size_t>(device) >= m_city->devices.size()))
        return makeError(QStringLiteral("event %1 names device %2, which the city does not have").arg(seq).arg(device));
    return Event{static_cast<std::uint64_t>(seq), time, static_cast<DeviceIndex>(device), std::move(decoded).value()};
}

bool StoreReader::wasRead(std::uint64_t seq) const
{
    auto after = m_readRanges.upper_bound(seq);
    return after != m_readRanges.begin() && seq <= std::prev(after)->second;
}

void StoreReader::noteRead(std::uint64_t first, std::uint64_t last)
{
    // Merge with every range it overlaps or touches.
    auto it = m_readRanges.upper_bound(first);
    if (it != m_readRanges.begin() && std::prev(it)->second + 1 >= first)
        --it;
    while (it != m_readRanges.end() && it->first <= last + 1) {
        first = std::min(first, it->first);
        last = std::max(last, it->second);
        it = m_readRanges.erase(it);
    }
    m_readRanges.emplace(first, last);
}

Status StoreReader::readRows(SqliteStatement &stmt, const std::function<bool(Event &&)> &sink)
{
    // Every read is one run of consecutive seqs (a seq range, or a time range of a log in time order).
    std::uint64_t runFirst = 0, runLast = 0;
    const auto finish = [&](Status status) {
        if (runLast > 0)
            noteRead(runFirst, runLast);
        return status;
    };
    QString error;
    while (stmt.step(&error)) {
        const std::int64_t seq = stmt.columnInt(0);
        auto e = rowToEvent(seq, stmt.columnInt(1), stmt.columnInt(2), stmt.columnInt(3), stmt.columnBlob(4));
        const auto at = static_cast<std::uint64_t>(seq);
        if (runLast == 0)
            runFirst = at;
        runLast = at;
        if (!e && m_passOver) {
            if (!wasRead(at) && (m_passedOver.count++ == 0 || at < m_passedOver.firstSeq)) {
                m_passedOver.firstSeq = at;
                m_passedOver.firstReason = e.error();
            }
            continue;
        }
        if (!e) {
            m_refusedUnreadable = true;
            return finish(makeError(QStringLiteral("%1: %2").arg(m_path, e.error())));
        }
        if (!sink(std::move(e).value()))
            return finish(makeError(QStringLiteral("cancelled")));
    }
    if (!error.isEmpty())
        return finish(makeError(error));
    return finish(Ok{});
}

Status StoreReader::readEvents(std::uint64_t afterSeq, std::int64_t untilMs, std::vector<Event> &out, size_t limit)
{
    // Events are in time order by seq. Find the last seq at or before `untilMs` through the time index (one
    // B-tree descent), then read a seq range on the primary key: a time filter alone would make SQLite scan every
    // later row looking for more matches.
    auto last = m_db->prepare(QStringLiteral("SELECT seq FROM events WHERE time_ms <= ? ORDER BY time_ms DESC, seq DESC LIMIT 1"));
    if (!last)
        return makeError(last.error());
    last->bind(1, untilMs);
    QString error;
    if (!last->step(&error))
        return error.isEmpty() ? Status(Ok{}) : Status(makeError(error));
    const std::int64_t upTo = last->columnInt(0);
    if (upTo <= static_cast<std::int64_t>(afterSeq))
        return Ok{};
    return readEventSeqs(afterSeq, static_cast<std::uint64_t>(upTo), out, limit);
}

Status StoreReader::readEventSeqs(std::uint64_t afterSeq, std::uint64_t upToSeq, std::vector<Event> &out, size_t limit)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload FROM events "
                                             "WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, static_cast<std::int64_t>(afterSeq));
    stmt->bind(2, static_cast<std::int64_t>(std::min<std::uint64_t>(upToSeq, INT64_MAX)));
    stmt->bind(3, static_cast<std::int64_t>(std::min<size_t>(limit, INT64_MAX)));
    return readRows(stmt.value(), [&out](Event &&e) { out.push_back(std::move(e)); return true; });
}

Status StoreReader::readMeasurements(std::int64_t fromMs, std::uint64_t afterSeq, std::uint64_t upToSeq, std::vector<Event> &out,
                                     bool withApproaches)
{
    // The first seq at `fromMs` through the time index, then a seq range on the primary key (as readEvents: a
    // time filter beside a seq bound may make SQLite walk the recording from its start), the few kinds alone
    // decoded — half a minute of a big city's events is many rows.
    auto first = m_db->prepare(QStringLiteral("SELECT seq FROM events WHERE time_ms >= ? ORDER BY time_ms, seq LIMIT 1"));
    if (!first)
        return makeError(first.error());
    first->bind(1, fromMs);
    QString error;
    if (!first->step(&error))
        return error.isEmpty() ? Status(Ok{}) : Status(makeError(error));
    QStringList kinds{QString::number(int(eventcodec::Kind::Vehicle)), QString::number(int(eventcodec::Kind::Roads))};
    if (withApproaches)
        kinds << QString::number(int(eventcodec::Kind::Traffic));
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload FROM events "
                                             "WHERE seq >= ? AND seq <= ? AND kind IN (%1) ORDER BY seq")
                                  .arg(kinds.join(QLatin1Char(','))));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, std::max(first->columnInt(0), static_cast<std::int64_t>(afterSeq) + 1));
    stmt->bind(2, static_cast<std::int64_t>(upToSeq));
    return readRows(stmt.value(), [&out](Event &&e) { out.push_back(std::move(e)); return true; });
}

Result<bool> StoreReader::hasTable(const QString &name, bool &seen)
{
    if (seen)
        return true;
    auto table = m_db->prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    if (!table)
        return makeError(table.error());
    table->bind(1, name);
    QString error;
    seen = table->step(&error);
    if (!error.isEmpty())
        return makeError(error);
    return seen;
}

Result<std::optional<SqliteStatement>> StoreReader::snapshotRow(const QString &table, bool &seen, const QString &sql, std::uint64_t snapshotSeq)
{
    using Row = std::optional<SqliteStatement>;
    auto there = hasTable(table, seen);
    if (!there)
        return makeError(there.error());
    if (!there.value())
        return Row();
    auto stmt = m_db->prepare(sql);
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, static_cast<std::int64_t>(snapshotSeq));
    QString error;
    if (!stmt->step(&error))
        return error.isEmpty() ? Result<Row>(Row()) : Result<Row>(makeError(error));
    return Row(std::move(stmt).value());
}

Result<std::optional<StoreReader::Seal>> StoreReader::sealAt(std::uint64_t snapshotSeq)
{
    using Found = std::optional<Seal>;
    auto approaches = hasTable(QStringLiteral("snapshot_approaches"), m_hasApproachesTable);
    if (!approaches)
        return makeError(approaches.error());
    auto row = snapshotRow(QStringLiteral("snapshot_seals"), m_hasSealsTable,
                           QStringLiteral("SELECT z.key_id, z.signature, s.time_ms, s.state, %1 FROM snapshot_seals z "
                                          "JOIN snapshots s ON s.seq = z.seq %2 WHERE z.seq = ?")
                               .arg(approaches.value() ? QStringLiteral("a.approaches") : QStringLiteral("NULL"),
                                    approaches.value() ? QStringLiteral("LEFT JOIN snapshot_approaches a ON a.seq = z.seq") : QString()),
                           snapshotSeq);
    if (!row)
        return makeError(row.error());
    if (!row.value())
        return Found();
    SqliteStatement &r = *row.value();
    return Found(Seal{r.columnText(0), r.columnBlob(1),
                      recordchain::snapshotSealMessage(snapshotSeq, r.columnInt(2), r.columnBlob(3), r.columnIsNull(4) ? QByteArray() : r.columnBlob(4))});
}

Result<std::optional<QString>> StoreReader::sealKeyAt(std::uint64_t snapshotSeq)
{
    auto row = snapshotRow(QStringLiteral("snapshot_seals"), m_hasSealsTable, QStringLiteral("SELECT key_id FROM snapshot_seals WHERE seq = ?"), snapshotSeq);
    if (!row)
        return makeError(row.error());
    return row.value() ? std::optional<QString>(row.value()->columnText(0)) : std::optional<QString>();
}

Result<std::optional<std::vector<Event>>> StoreReader::approachesAt(std::uint64_t snapshotSeq)
{
    using Approaches = std::optional<std::vector<Event>>;
    auto row = snapshotRow(QStringLiteral("snapshot_approaches"), m_hasApproachesTable,
                           QStringLiteral("SELECT approaches FROM snapshot_approaches WHERE seq = ?"), snapshotSeq);
    if (!row)
        return makeError(row.error());
    if (!row.value())
        return Approaches();
    auto approaches = snapshotcodec::decodeApproaches(row.value()->columnBlob(0), *m_city);
    if (!approaches) {
        qCWarning(lcStore).noquote() << QStringLiteral("%1: reading back the approaches of snapshot %2 instead (%3)")
                                            .arg(m_path).arg(snapshotSeq).arg(approaches.error());
        return Approaches();
    }
    return Approaches(std::move(approaches).value());
}

Status StoreReader::forEachEvent(std::int64_t fromMs, std::int64_t toMs, const std::function<void(const Event &)> &fn)
{
    return forEachEventUntil(fromMs, toMs, [&fn](const Event &e) { fn(e); return true; });
}

Status StoreReader::forEachEventUntil(std::int64_t fromMs, std::int64_t toMs, const std::function<bool(const Event &)> &fn)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload FROM events "
                                             "WHERE time_ms >= ? AND time_ms <= ? ORDER BY seq"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, fromMs);
    stmt->bind(2, toMs);
    return readRows(stmt.value(), [&fn](Event &&e) { return fn(e); });
}

Result<std::vector<StoreReader::Marker>> StoreReader::markers(std::int64_t fromMs, std::int64_t toMs)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT seq, time_ms, kind, ref, label FROM markers WHERE time_ms BETWEEN ? AND ? "
                                             "ORDER BY seq"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, fromMs);
    stmt->bind(2, toMs);
    std::vector<Marker> out;
    QString error;
    while (stmt->step(&error))
        out.push_back({static_cast<std::uint64_t>(stmt->columnInt(0)), stmt->columnInt(1),
                       static_cast<eventcodec::Kind>(stmt->columnInt(2)), stmt->columnInt(3), stmt->columnText(4)});
    if (!error.isEmpty())
        return makeError(error);
    return out;
}

Result<std::vector<std::optional<QString>>> StoreReader::lastMarkerLabels(const QStringList &starts, const QStringList &parts)
{
    std::vector<std::optional<QString>> found(parts.size());
    if (starts.isEmpty() || parts.isEmpty())
        return found;
    // substr(), not LIKE: '%' and '_' in what is looked for are characters, not wildcards.
    QStringList startsWith;
    for (qsizetype i = 0; i < starts.size(); ++i)
        startsWith << QStringLiteral("substr(label, 1, ?) = ?");
    auto stmt = m_db->prepare(QStringLiteral("SELECT label FROM markers WHERE %1 ORDER BY seq DESC").arg(startsWith.join(QStringLiteral(" OR "))));
    if (!stmt)
        return makeError(stmt.error());
    for (qsizetype i = 0; i < starts.size(); ++i) {
        stmt->bind(int(2 * i + 1), static_cast<std::int64_t>(starts[i].size()));
        stmt->bind(int(2 * i + 2), starts[i]);
    }
    qsizetype missing = parts.size();
    QString error;
    while (missing > 0 && stmt->step(&error)) {
        const QString label = stmt->columnText(0);
        for (qsizetype k = 0; k < parts.size(); ++k)
            if (!found[k] && label.contains(parts[k])) {
                found[k] = label;
                --missing;
            }
    }
    if (!error.isEmpty())
        return makeError(error);
    return found;
}

Result<QStringList> StoreReader::markerLabels(const QString &start, const QString &part)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT label FROM markers WHERE substr(label, 1, ?) = ? AND instr(label, ?) > 0 ORDER BY seq DESC"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, static_cast<std::int64_t>(start.size()));
    stmt->bind(2, start);
    stmt->bind(3, part);
    QStringList labels;
    QString error;
    while (stmt->step(&error))
        labels << stmt->columnText(0);
    if (!error.isEmpty())
        return makeError(error);
    return labels;
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> StoreReader::density(std::int64_t fromMs, std::int64_t toMs)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT minute, events FROM density WHERE minute BETWEEN ? AND ? ORDER BY minute"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, fromMs / 60000);
    stmt->bind(2, toMs / 60000);
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    QString error;
    while (stmt->step(&error))
        out.push_back({stmt->columnInt(0) * 60000, stmt->columnInt(1)});
    if (!error.isEmpty())
        return makeError(error);
    return out;
}

} // namespace cityops
