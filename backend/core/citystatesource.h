#pragma once

#include "core/auditjournal.h"
#include "core/incidentbook.h"
#include "core/loadhistory.h"
#include "core/statestore.h"
#include "ops/alarmbook.h"
#include "ops/orderbook.h"

#include <cstdint>

namespace cityops {

/// Where the GUI reads the city from: the live engine or a replay at time T. Both expose the same versioned stores,
/// so every panel works unchanged in replay.
class CityStateSource {
public:
    virtual ~CityStateSource() = default;
    virtual const StateStore &states() const = 0;
    virtual const IncidentBook &incidents() const = 0;
    virtual const LoadHistory &loads() const = 0;
    virtual const AlarmBook &alarms() const = 0;
    virtual const OrderBook &orders() const = 0;
    virtual const AuditJournal &journal() const = 0;
    /// The instant the state belongs to (the live clock, or the replay position).
    virtual std::int64_t nowMs() const = 0;
};

} // namespace cityops
