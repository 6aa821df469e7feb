#pragma once

#include "city/citymodel.h"
#include "core/auditjournal.h"
#include "core/incidentbook.h"
#include "core/loadhistory.h"
#include "core/sequencer.h"
#include "core/statestore.h"
#include "ops/alarmbook.h"
#include "ops/orderbook.h"

#include <memory>
#include <vector>

namespace cityops {

class EventStore;

/// The core's data path, single-threaded: sequence a batch, apply it to the live stores, hand it to the recorder,
/// and take a snapshot when due (every `snapshotEvents` events or 30 s of event time). The Engine runs it on its
/// core thread; benches and tests drive it directly, so they measure and check exactly what the console runs.
class CorePipeline {
public:
    static constexpr size_t kSnapshotEvents = 20'000;
    static constexpr std::int64_t kSnapshotIntervalMs = 30'000;

    explicit CorePipeline(std::shared_ptr<const CityModel> city, size_t snapshotEvents = kSnapshotEvents);

    /// Records to `store` from now on and continues its sequence. Call before the first batch.
    void attachStore(EventStore *store);
    void process(std::vector<Event> &batch);

    StateStore &states() { return m_states; }
    IncidentBook &incidents() { return m_incidents; }
    LoadHistory &loads() { return m_loads; }
    AlarmBook &alarms() { return m_alarms; }
    OrderBook &orders() { return m_orders; }
    const AlarmBook &alarms() const { return m_alarms; }
    const OrderBook &orders() const { return m_orders; }
    const AuditJournal &journal() const { return m_journal; }
    const StateStore &states() const { return m_states; }
    const IncidentBook &incidents() const { return m_incidents; }
    const LoadHistory &loads() const { return m_loads; }
    const Sequencer &sequencer() const { return m_sequencer; }

private:
    void maybeSnapshot();

    StateStore m_states;
    IncidentBook m_incidents;
    LoadHistory m_loads;
    AlarmBook m_alarms;
    OrderBook m_orders;
    AuditJournal m_journal;
    Sequencer m_sequencer;
    EventStore *m_store = nullptr;
    size_t m_snapshotEvents;
    size_t m_sinceSnapshot = 0;
    std::int64_t m_lastSnapshotMs = 0;
};

} // namespace cityops
