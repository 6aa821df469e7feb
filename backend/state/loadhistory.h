#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace cityops {

/// Feeder loads over a sliding window in fixed buckets (default: the last hour in 10 s steps), fed by the
/// sequencer, so the energy panel can draw history without keeping every event. The last known load carries
/// forward through buckets without a sample.
class LoadHistory {
public:
    LoadHistory(std::shared_ptr<const CityModel> city, std::int64_t bucketMs = 10'000, int buckets = 360);

    void apply(const std::vector<Event> &events);

    struct Series {
        std::vector<std::int64_t> timesMs;              ///< bucket start times, oldest first
        std::vector<float> totalKw;                     ///< sum over all feeders
        std::vector<std::vector<float>> feederKw;       ///< [feeder detail index][bucket]
        std::vector<float> feederPeakKw;                ///< window maximum per feeder
    };
    Series snapshot() const;
    std::uint64_t version() const;

    /// Everything needed to continue exactly where the history stands (for store snapshots and replay).
    struct State {
        std::vector<float> current;
        std::int64_t openBucket = -1;
        Series series;
    };
    State exportState() const;
    void restore(const State &state);

private:
    void closeBucketsUpTo(std::int64_t bucket);

    std::shared_ptr<const CityModel> m_city;
    const std::int64_t m_bucketMs;
    const size_t m_maxBuckets;
    mutable std::mutex m_mutex;
    std::vector<float> m_current;                      ///< latest load per feeder
    std::int64_t m_openBucket = -1;
    std::deque<std::int64_t> m_times;
    std::deque<float> m_total;
    std::vector<std::deque<float>> m_perFeeder;
    std::uint64_t m_version = 0;
};

} // namespace cityops
