#pragma once

#include "city/citymodel.h"
#include "state/incidentbook.h"
#include "state/statestore.h"
#include "state/alarmbook.h"
#include "state/orderbook.h"

namespace cityops {

/// What the live ops logic reads: the city and the books, current up to the last processed event (the engine
/// applies every event the logic emits before it asks again).
struct DeskContext {
    const CityModel &city;
    const StateStore &states;
    const IncidentBook &incidents;
    const AlarmBook &alarms;
    const OrderBook &orders;
    std::uint32_t session = 1;   ///< console-allocated ids are unique per session (see idBase)

    /// Ids the console allocates (alarms, orders) start here in this session, so they stay unique across sessions.
    std::uint32_t idBase() const { return (session & 0xfff) << 20; }
    QString districtName(int district) const
    {
        return district >= 0 && district < static_cast<int>(city.districts.size()) ? city.districts[district].name : QString();
    }
};

} // namespace cityops
