#pragma once

#include "city/citymodel.h"
#include "state/incidentbook.h"
#include "state/statestore.h"
#include "state/alarmbook.h"
#include "state/orderbook.h"

#include <functional>

namespace cityops {

/// Whether console-allocated id `id` (an order, an alarm) was allocated in session `session` of a console with `salt`
/// (DeskContext::idBase): by that run of that console.
inline bool allocatedInSession(std::uint32_t id, std::uint32_t session, std::uint32_t salt)
{
    return ((id >> 20) & 0xfff) == ((session ^ salt) & 0xfff);
}

/// What the live ops logic reads: the city and the books, current up to the last processed event (the engine
/// applies every event the logic emits before it asks again).
struct DeskContext {
    const CityModel &city;
    const StateStore &states;
    const IncidentBook &incidents;
    const AlarmBook &alarms;
    const OrderBook &orders;
    std::uint32_t session = 1;   ///< the store's session number: 1 for its first run, one more for each restart
    std::uint32_t salt = 0;      ///< on a broker, this console's salt, so that consoles sharing one field differ
    /// Where this run's counts start within its session's id range (orders, console incidents): drawn at random
    /// for each run, so that two runs numbered in one session — a console killed while its store was checked (the
    /// session is counted after the check), two runs without a record that drew the same session — seldom number
    /// alike: the other consoles still hold the earlier run's ids and would refuse the later run's as existing.
    std::uint32_t countFrom = 0;
    /// Whether this console hears the broker the other consoles speak on now (none set: there are no others, or
    /// always). While it cannot, what it knows of them is as last heard: a console gone then may be back already.
    std::function<bool()> hearsOtherConsoles{};

    /// Whether what this console knows of the others (OrderBook::consoles()) is current.
    bool hearsTheOthers() const { return !hearsOtherConsoles || hearsOtherConsoles(); }

    /// What console-allocated ids (alarms, orders, console incidents) are made unique with in this session.
    std::uint32_t idSession() const { return session ^ salt; }
    /// Ids the console allocates (alarms, orders) start here in this session, so they stay unique across sessions.
    std::uint32_t idBase() const { return (idSession() & 0xfff) << 20; }
    /// Whether order or alarm id `id` is numbered as this console's in an earlier session of the same store (with
    /// the same salt). The number alone: another console's may carry the same session bits (about one run in 4,096
    /// of this console's) — for a booked order, ask the overload below, which knows whose it is.
    bool issuedEarlier(std::uint32_t id) const
    {
        const std::uint32_t low = ((id >> 20) ^ salt) & 0xfff;   // the session's low 12 bits
        const std::uint32_t first = low != 0 ? low : 0x1000;      // the first session number with those bits
        return first < session;
    }
    /// Whether booked order `o` is this console's own from an earlier run: numbered in one of its earlier sessions
    /// and recorded with no other console named (CommandPayload::console; a store recorded before the console was
    /// kept names none, and there the number is all there is to go by). Without a store the books hold no earlier
    /// run's order of this console's (handed back, the link passes its own over), whatever session was drawn.
    bool issuedEarlier(const Order &o) const { return !o.isAnotherConsoles() && issuedEarlier(o.id); }
    QString districtName(int district) const { return city.districtName(district); }
};

} // namespace cityops
