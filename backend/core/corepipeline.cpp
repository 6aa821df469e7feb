#include "core/corepipeline.h"

#include "store/eventstore.h"

namespace cityops {

CorePipeline::CorePipeline(std::shared_ptr<const CityModel> city, size_t snapshotEvents)
    : m_states(city->devices.size()), m_loads(city), m_alarms(city), m_snapshotEvents(snapshotEvents)
{
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_states.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_incidents.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_loads.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_alarms.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_orders.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_journal.apply(batch); });
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
    snapshot.states = m_states.exportStates();
    m_incidents.snapshot(snapshot.incidents);
    snapshot.loads = m_loads.exportState();
    snapshot.alarms = m_alarms.exportState();
    snapshot.orders = m_orders.exportState();
    m_store->appendSnapshot(std::move(snapshot));
    m_sinceSnapshot = 0;
    m_lastSnapshotMs = now;
}

} // namespace cityops
