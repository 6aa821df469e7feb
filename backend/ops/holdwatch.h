#pragma once

#include "model/device.h"
#include "model/responserules.h"
#include "state/orderbook.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace cityops {

/// Signals a command has held on a phase or pre-empted for longer than such a hold should last. A green wave releases
/// each junction once its vehicle has passed — a pre-emption still in force minutes later is one whose release failed
/// or was lost; a phase held by hand (a police-directed junction, an event) is easily forgotten at the end of a shift,
/// and the junction's other approaches wait at red meanwhile. Either needs someone to act — restore it, or renew the
/// hold (a newer command starts the clock again), or shelve the alarm for a planned long hold — which is what makes
/// it an alarm (ISA-18.2) and not just the map's frame. Runs on the core thread, inside the alarm desk.
class HoldWatch {
public:
    /// The limits are the city's (ResponseRules: by default 30 min for a hold by hand, 5 for a pre-emption).
    explicit HoldWatch(const ResponseRules &rules) : m_rules(rules) {}
    std::int64_t limitFor(SignalMode mode) const { return m_rules.holdLimitFor(mode); }
    /// New limits from the next check on, for the holds under way too (their clocks keep running).
    void setRules(const ResponseRules &rules) { m_rules = rules; }

    /// A signal's report of `mode` at `timeMs`. Returns true when it left a hold (its alarm, if any, returns).
    bool report(DeviceIndex device, SignalMode mode, std::int64_t timeMs);

    struct Overrun {
        DeviceIndex device = kNoDevice;
        SignalMode mode = SignalMode::Manual;
        std::uint32_t order = 0;   ///< the holding order, 0 when it came before this console's books
    };
    /// Which held signals are past their limit at `nowMs`, and which are not (any more). The order book is read only
    /// for a hold new to the watch, and for one that seems overdue when the orders changed since the last look: a
    /// console that restarted dates a hold from the command that made it, not from its first report, and a newer
    /// command renews it.
    void check(std::int64_t nowMs, const OrderBook &orders, std::vector<Overrun> &overdue, std::vector<DeviceIndex> &inTime);

    int holds() const { return static_cast<int>(m_holds.size()); }

private:
    ResponseRules m_rules;
    struct Hold {
        SignalMode mode = SignalMode::Manual;
        std::int64_t sinceMs = 0;
        bool sawItBegin = false;   ///< the watch saw the signal on its program first: its first report dates the hold
        bool dated = false;        ///< the holding command has been looked up
        std::uint32_t order = 0;
    };
    QHash<DeviceIndex, Hold> m_holds;
    QSet<DeviceIndex> m_reported;   ///< signals heard from in this process
    std::uint64_t m_ordersVersion = ~std::uint64_t(0);   ///< the order book's version at the last look
};

} // namespace cityops
