#pragma once

#include <QString>

#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace cityops {

/// What the recording's disk has left, and when it will be full at the pace it fills: the status bar warns before the
/// record stops (a control room that finds its audit trail stopped at 03:00 learns it too late). Fed a reading of the
/// free space now and then (EventStore's writer, once a minute); the pace is the slope of the last hour's readings,
/// so it counts whatever fills the disk — the recording, its write-ahead log, anything else on it — and a recording
/// whose retention frees as much as it writes is not said to fill it. Pure: the times are given, never read.
class DiskOutlook {
public:
    /// How far ahead a disk that fills is a warning, and how little left is one whatever the pace.
    static constexpr std::int64_t kWarnAheadMs = 24 * 3600'000LL;
    static constexpr std::int64_t kLowBytes = 512LL * 1024 * 1024;
    /// The readings the pace is taken over, and the least span that makes a pace (a checkpoint's log, written and
    /// let go within minutes, is not a trend).
    static constexpr std::int64_t kWindowMs = 3600'000;
    static constexpr std::int64_t kLeastSpanMs = 10 * 60'000;

    struct Outlook {
        std::int64_t freeBytes = 0;             ///< at the last reading
        std::optional<std::int64_t> fullInMs;   ///< at the present pace; none when it does not fill (or too soon to say)
        std::int64_t bytesPerHour = 0;          ///< the pace it fills at (0: it does not)
        bool low = false;                       ///< full within kWarnAheadMs, or less than kLowBytes left
    };

    /// A reading: `freeBytes` available to this process at `atMs` (a monotonic clock, milliseconds).
    void read(std::int64_t atMs, std::int64_t freeBytes);
    /// Nothing until the first reading.
    std::optional<Outlook> outlook() const;

private:
    std::deque<std::pair<std::int64_t, std::int64_t>> m_readings;   ///< (at, free), oldest first, within kWindowMs
};

/// The bytes available to this process on the file system holding `path`'s folder; nothing when it cannot be told.
std::optional<std::int64_t> freeBytesBeside(const QString &path);

} // namespace cityops
