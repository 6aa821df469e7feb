#pragma once

#include <cstdint>

namespace cityops {

/// The (boot, seq) bookkeeping of one reporting source — a device's state reports, or a gateway's field events
/// (docs/PROTOCOL.md "Sequence numbers"). `boot` is the gateway's start time; `seq` counts the source's reports within
/// a boot from 1 without gaps. Plain value, no locking: the link's network thread owns it.
///
/// Which boot is the gateway's running one, its own online status says (`running`): once that is known, a report of
/// any other boot is a copy from before a restart, and one of that boot starts the numbering again — whichever way the
/// boots compare, so a gateway restarted with its clock set back (an embedded box booting before its clock is synced)
/// is heard, not dropped as "older" for as long as it runs. Before a status is heard, a higher boot is the newer.
class ReportSequence {
public:
    enum class Verdict {
        Fresh,       ///< the next report (or the first, or the first of a newer boot): use it
        Duplicate,   ///< not newer than one already taken (a redelivery, or a report of an older boot): drop it
        AfterGap,    ///< newer, with reports missing before it: use it and ask for fresh state
    };
    struct Check {
        Verdict verdict;
        std::uint64_t missing = 0;   ///< reports lost before this one (AfterGap only)
    };

    /// `running`: the boot the gateway's last online status named; 0 while none was heard.
    Check check(std::uint64_t boot, std::uint64_t seq, std::uint64_t running = 0)
    {
        if (running != 0 && boot != running)
            return {Verdict::Duplicate};   // not what the gateway runs now: a copy from before it restarted
        if (m_seq == 0 || boot > m_boot || (running != 0 && boot != m_boot)) {
            // First report, or the gateway restarted and numbers from 1 again.
            m_boot = boot;
            m_seq = seq;
            return {Verdict::Fresh};
        }
        // A report of an earlier boot arrives after the restart (broker redelivery): its state is stale.
        if (boot < m_boot || seq <= m_seq)
            return {Verdict::Duplicate};
        const std::uint64_t missing = seq - m_seq - 1;
        m_seq = seq;
        return missing == 0 ? Check{Verdict::Fresh} : Check{Verdict::AfterGap, missing};
    }

    std::uint64_t boot() const { return m_boot; }
    std::uint64_t seq() const { return m_seq; }

private:
    std::uint64_t m_boot = 0;
    std::uint64_t m_seq = 0;
};

} // namespace cityops
