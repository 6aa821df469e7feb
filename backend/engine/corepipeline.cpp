#include "engine/corepipeline.h"

#include "security/commandsigner.h"
#include "store/eventstore.h"

namespace cityops {

CorePipeline::CorePipeline(std::shared_ptr<const CityModel> city, size_t snapshotEvents)
    : m_books(std::move(city)), m_snapshotEvents(snapshotEvents)
{
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_books.apply(batch); });
}

void CorePipeline::attachStore(EventStore *store)
{
    if (!store || m_store)
        return;
    m_store = store;
    m_sequencer.resume(store->lastSeq(), store->lastTimeMs());
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_store->append(batch); });
}

void CorePipeline::process(std::vector<Event> &batch)
{
    if (batch.empty())
        return;
    m_sequencer.process(batch);
    m_sinceSnapshot += batch.size();
    maybeSnapshot();
}

void CorePipeline::maybeSnapshot()
{
    if (!m_store)
        return;
    const std::int64_t now = m_sequencer.lastTimeMs();
    if (m_sinceSnapshot < m_snapshotEvents && now - m_lastSnapshotMs < kSnapshotIntervalMs)
        return;
    // Right after a batch, on the only thread that writes the stores: consistent with lastSeq by construction.
    Snapshot snapshot;
    snapshot.seq = m_sequencer.lastSeq();
    snapshot.timeMs = now;
    static_cast<CityBooks::State &>(snapshot) = m_books.exportState();
    snapshot.approaches = m_books.traffic().approachReports();
    const std::uint64_t seq = snapshot.seq;
    m_store->appendSnapshot(std::move(snapshot));
    m_sinceSnapshot = 0;
    m_lastSnapshotMs = now;
    // The record's word that it is sealed, as the very next event: chained and signed with the others, so a seal
    // deleted from beside its snapshot is a finding (store/snapshotcheck.h), as is the snapshot itself.
    if (const auto key = m_store->checkpointKey()) {
        std::vector<Event> said{Event{0, now, kNoDevice, SnapshotSealPayload{seq, key->keyId()}}};
        m_sequencer.process(said);
    }
}

} // namespace cityops
