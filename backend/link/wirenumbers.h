#pragma once

#include <QString>

#include <cstdint>
#include <mutex>

namespace cityops {

/// The numbers this console puts on the wire that the other consoles hold it to — its signed operations' counters and
/// its connection numbers (docs/PROTOCOL.md): each must be above every one it sent before, or the others refuse it as
/// a replay. Both come from the wall clock in microseconds, pushed past the last one handed out; with a file, past
/// every one handed out by earlier runs too, so a console restarted after its clock was set back (a clock that ran
/// ahead, corrected) is not refused until the clock catches up.
///
/// The file holds a ceiling reserved ahead of what was handed out (a minute of the clock), so it is written about once
/// a minute while numbers are drawn, not once per message, and synced to disk before a number above the old ceiling
/// leaves. A file that cannot be read or written costs only the floor: numbers go on from the clock, as without one,
/// and problem() says why. Thread-safe.
class WireNumbers {
public:
    /// How far ahead of the number handed out the file's ceiling is put: a minute of the wall clock.
    static constexpr std::uint64_t kReserve = 60'000'000;
    /// A ceiling above this is damage, not a clock (the year 148,000 in microseconds): kept clear of overflow.
    static constexpr std::uint64_t kLargest = std::uint64_t(1) << 62;

    /// Without a file: numbers above those handed out by this object only.
    WireNumbers() = default;
    /// Reads the ceiling kept at `path` (none yet: the clock alone). Nothing is written until a number is drawn.
    explicit WireNumbers(QString path);

    /// A number at least `wallUs` (the caller's wall clock in microseconds) and above every number handed out before,
    /// by this object and by the runs that kept the file.
    std::uint64_t next(std::uint64_t wallUs);

    /// Why the file was not read or not written, the last time it was not; empty when all is well.
    QString problem() const;
    const QString &path() const { return m_path; }

private:
    /// Puts the ceiling at `ceiling` in the file; false (with m_problem said) when it could not.
    bool keep(std::uint64_t ceiling);

    const QString m_path;
    mutable std::mutex m_mutex;
    std::uint64_t m_last = 0;      ///< the last number handed out (or the earlier runs' ceiling, before the first)
    std::uint64_t m_ceiling = 0;   ///< what the file says (or was to say): no number up to it is handed out again after a restart
    QString m_problem;
};

} // namespace cityops
