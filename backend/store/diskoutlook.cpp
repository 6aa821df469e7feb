#include "store/diskoutlook.h"

#include <QFileInfo>
#include <QStorageInfo>

#include <algorithm>
#include <cmath>

namespace cityops {

void DiskOutlook::read(std::int64_t atMs, std::int64_t freeBytes)
{
    if (!m_readings.empty() && atMs < m_readings.back().first)
        m_readings.clear();   // a clock that went back: the pace starts again rather than run backwards
    m_readings.emplace_back(atMs, std::max<std::int64_t>(0, freeBytes));
    while (m_readings.size() > 1 && atMs - m_readings.front().first > kWindowMs)
        m_readings.pop_front();
}

std::optional<DiskOutlook::Outlook> DiskOutlook::outlook() const
{
    if (m_readings.empty())
        return std::nullopt;
    Outlook o;
    o.freeBytes = m_readings.back().second;
    const std::int64_t span = m_readings.back().first - m_readings.front().first;
    if (span >= kLeastSpanMs && m_readings.size() >= 3) {
        // Least squares over the window: one reading taken while a checkpoint's log stood at its largest moves the
        // pace little.
        const double t0 = static_cast<double>(m_readings.front().first);
        double n = 0, st = 0, sf = 0, stt = 0, stf = 0;
        for (const auto &[at, free] : m_readings) {
            const double t = static_cast<double>(at) - t0, f = static_cast<double>(free);
            n += 1;
            st += t;
            sf += f;
            stt += t * t;
            stf += t * f;
        }
        const double denominator = n * stt - st * st;
        const double slope = denominator > 0 ? (n * stf - st * sf) / denominator : 0;   // bytes per ms; negative: filling
        if (slope < 0) {
            o.bytesPerHour = static_cast<std::int64_t>(std::llround(-slope * 3600'000.0));
            o.fullInMs = static_cast<std::int64_t>(std::llround(static_cast<double>(o.freeBytes) / -slope));
        }
    }
    o.low = o.freeBytes < kLowBytes || (o.fullInMs && *o.fullInMs < kWarnAheadMs);
    return o;
}

std::optional<std::int64_t> freeBytesBeside(const QString &path)
{
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    if (!storage.isValid() || !storage.isReady() || storage.bytesAvailable() < 0)
        return std::nullopt;
    return storage.bytesAvailable();
}

} // namespace cityops
