#pragma once

#include "city/citymodel.h"
#include "state/citybooks.h"
#include "state/sequencer.h"

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

    CityBooks &books() { return m_books; }
    const CityBooks &books() const { return m_books; }
    const Sequencer &sequencer() const { return m_sequencer; }

private:
    void maybeSnapshot();

    CityBooks m_books;
    Sequencer m_sequencer;
    EventStore *m_store = nullptr;
    size_t m_snapshotEvents;
    size_t m_sinceSnapshot = 0;
    std::int64_t m_lastSnapshotMs = 0;
};

} // namespace cityops
