#include "state/loadhistory.h"

#include <algorithm>
#include <numeric>

namespace cityops {

LoadHistory::LoadHistory(std::shared_ptr<const CityModel> city, std::int64_t bucketMs, int buckets)
    : m_city(std::move(city)), m_bucketMs(bucketMs), m_maxBuckets(static_cast<size_t>(buckets)),
      m_current(m_city->feeders.size(), 0.0f), m_perFeeder(m_city->feeders.size())
{
}

void LoadHistory::closeBucketsUpTo(std::int64_t bucket)
{
    if (m_openBucket < 0) {
        m_openBucket = bucket;
        return;
    }
    // Never emit more than a window's worth of buckets, even after a long gap.
    std::int64_t from = std::max(m_openBucket, bucket - static_cast<std::int64_t>(m_maxBuckets));
    const float total = std::accumulate(m_current.begin(), m_current.end(), 0.0f);
    for (std::int64_t b = from; b < bucket; ++b) {
        m_times.push_back(b * m_bucketMs);
        m_total.push_back(total);
        for (size_t f = 0; f < m_current.size(); ++f)
            m_perFeeder[f].push_back(m_current[f]);
    }
    while (m_times.size() > m_maxBuckets) {
        m_times.pop_front();
        m_total.pop_front();
        for (auto &series : m_perFeeder)
            series.pop_front();
    }
    m_openBucket = bucket;
    ++m_version;
}

void LoadHistory::apply(const std::vector<Event> &events)
{
    std::lock_guard lock(m_mutex);
    for (const Event &event : events) {
        const auto *feeder = std::get_if<FeederPayload>(&event.payload);
        if (!feeder || event.device >= m_city->devices.size())
            continue;
        const DeviceInfo &info = m_city->devices[event.device];
        if (info.kind != DeviceKind::Feeder)
            continue;
        const std::int64_t bucket = event.timeMs / m_bucketMs;
        if (bucket > m_openBucket)
            closeBucketsUpTo(bucket);
        m_current[static_cast<size_t>(info.detail)] = feeder->loadKw;
    }
}

LoadHistory::Series LoadHistory::snapshot() const
{
    std::lock_guard lock(m_mutex);
    Series s;
    s.timesMs.assign(m_times.begin(), m_times.end());
    s.totalKw.assign(m_total.begin(), m_total.end());
    s.feederKw.reserve(m_perFeeder.size());
    for (const auto &series : m_perFeeder) {
        s.feederKw.emplace_back(series.begin(), series.end());
        s.feederPeakKw.push_back(series.empty() ? 0.0f : *std::max_element(series.begin(), series.end()));
    }
    return s;
}

std::uint64_t LoadHistory::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

LoadHistory::State LoadHistory::exportState() const
{
    State state;
    state.series = snapshot();
    std::lock_guard lock(m_mutex);
    state.current = m_current;
    state.openBucket = m_openBucket;
    return state;
}

void LoadHistory::restore(const State &state)
{
    std::lock_guard lock(m_mutex);
    if (state.current.size() != m_current.size())
        return; // a different city: nothing sensible to restore
    m_current = state.current;
    m_openBucket = state.openBucket;
    m_times.assign(state.series.timesMs.begin(), state.series.timesMs.end());
    m_total.assign(state.series.totalKw.begin(), state.series.totalKw.end());
    for (size_t f = 0; f < m_perFeeder.size(); ++f) {
        if (f < state.series.feederKw.size())
            m_perFeeder[f].assign(state.series.feederKw[f].begin(), state.series.feederKw[f].end());
        else
            m_perFeeder[f].assign(m_times.size(), 0.0f);
    }
    ++m_version;
}

} // namespace cityops
