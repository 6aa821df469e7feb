#include "store/eventstore.h"

#include "base/logging.h"
#include "base/sqlitedb.h"
#include "security/commandsigner.h"
#include "store/recordchain.h"

#include <QDateTime>

#include <chrono>

// What the store's writer does besides writing groups of events: reading its disk's outlook, signing checkpoints,
// deleting what retention no longer keeps.

namespace cityops {

void EventStore::readDisk()
{
    const std::int64_t now = m_options.monotonicMs
                                 ? m_options.monotonicMs()
                                 : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (m_lastDiskReading && now >= *m_lastDiskReading && now - *m_lastDiskReading < m_options.diskReadingMs)
        return;
    m_lastDiskReading = now;
    const std::optional<std::int64_t> free = m_options.freeBytes ? m_options.freeBytes() : freeBytesBeside(m_options.path);
    if (!free)
        return;
    m_disk.read(now, *free);
    const std::optional<DiskOutlook::Outlook> outlook = m_disk.outlook();
    std::lock_guard lock(m_mutex);
    const bool wasLow = m_stats.disk && m_stats.disk->low;
    m_stats.disk = outlook;
    if (outlook && outlook->low && !wasLow)
        qCWarning(lcStore).noquote() << QStringLiteral("the disk of %1 has %2 MiB left").arg(m_options.path).arg(outlook->freeBytes / (1024 * 1024))
                                            + (outlook->fullInMs ? QStringLiteral(", full in about %1 min at %2 MiB an hour")
                                                                       .arg(*outlook->fullInMs / 60'000).arg(outlook->bytesPerHour / (1024 * 1024))
                                                                 : QString());
    else if (outlook && !outlook->low && wasLow)
        qCInfo(lcStore) << "the disk of" << m_options.path << "has room again:" << outlook->freeBytes / (1024 * 1024) << "MiB left";
}

Status EventStore::writeCheckpoint(std::uint64_t seq, std::int64_t timeMs, const QByteArray &chain)
{
    auto stmt = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO checkpoints (seq, time_ms, chain, key_id, signature) VALUES (?,?,?,?,?)"));
    if (!stmt)
        return makeError(stmt.error());
    stmt->bind(1, static_cast<std::int64_t>(seq));
    stmt->bind(2, timeMs);
    stmt->bind(3, chain);
    stmt->bind(4, m_options.checkpointKey->keyId());
    stmt->bind(5, m_options.checkpointKey->sign(recordchain::checkpointMessage(seq, timeMs, chain)));
    return stmt->run();
}

void EventStore::applyRetention()
{
    m_sinceRetention.start();
    if (m_options.retainDays <= 0)
        return;
    const std::int64_t cutoff = QDateTime::currentMSecsSinceEpoch() - static_cast<std::int64_t>(m_options.retainDays) * 86'400'000;
    // Deleting the oldest prefix keeps seq contiguous over what remains. It ends at the newest snapshot older than
    // the cutoff, which is kept: it and the events after it rebuild every instant after it. (Cutting at the cutoff
    // itself deleted the events between that snapshot and the cutoff too — up to 30 s of them — and a replay there,
    // or a rebuild of the next snapshot, went on without them.) With no snapshot that old, nothing is deleted yet.
    // The chain goes on from the last row deleted: its value is kept as the anchor the verifier starts from.
    const QString cut = QStringLiteral("(SELECT coalesce(max(seq), 0) FROM snapshots WHERE time_ms < %1)").arg(cutoff);
    const QString sql = QStringLiteral(
        "BEGIN;"
        "INSERT OR REPLACE INTO store_meta SELECT 'chain_anchor', hex(chain) FROM events WHERE seq = %1 AND chain IS NOT NULL;"
        "INSERT OR REPLACE INTO store_meta SELECT 'chain_anchor_seq', seq FROM events WHERE seq = %1;"
        "DELETE FROM checkpoints WHERE seq <= %1;"
        "DELETE FROM events WHERE seq <= %1;"
        "DELETE FROM snapshots WHERE seq < %1;"
        "DELETE FROM snapshot_approaches WHERE seq < (SELECT coalesce(min(seq), 0) FROM snapshots);"
        "%2"
        "DELETE FROM markers WHERE seq <= %1;"
        "DELETE FROM density WHERE minute < (SELECT coalesce(min(time_ms), 0) / 60000 FROM events);"
        "COMMIT;").arg(cut, m_hasSeals ? QStringLiteral("DELETE FROM snapshot_seals WHERE seq < (SELECT coalesce(min(seq), 0) FROM snapshots);") : QString());
    if (auto s = m_db->exec(sql); !s) {
        (void)m_db->exec(QStringLiteral("ROLLBACK"));
        qCWarning(lcStore) << "retention failed:" << s.error();
    }
}

} // namespace cityops
