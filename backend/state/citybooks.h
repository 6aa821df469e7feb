#pragma once

#include "city/citymodel.h"
#include "state/activitylog.h"
#include "state/alarmbook.h"
#include "state/incidentbook.h"
#include "state/loadhistory.h"
#include "state/orderbook.h"
#include "state/statestore.h"
#include "state/trafficbook.h"
#include "state/vehiclebook.h"

#include <memory>
#include <vector>

namespace cityops {

/// Every book the console keeps about the city, each a pure function of the sequenced event stream: device states,
/// incidents, feeder-load history, alarms, orders and the recent activity. The live pipeline, replay, store snapshots
/// and the GUI all hold or read this one aggregate, so a new domain is one book added here (a member, its part of
/// State, a line each in apply/exportState/restore) and its bytes in the snapshot codec — nowhere else.
///
/// Threading as the books themselves: one writer (the core thread live, the replay worker in replay), any number of
/// readers through the books' own versioned, thread-safe accessors.
class CityBooks {
public:
    explicit CityBooks(std::shared_ptr<const CityModel> city);

    /// Everything a store snapshot holds: enough to continue exactly where the books stand. (The activity log is
    /// not in it: replay seeds it from the recording's markers.)
    struct State {
        std::vector<DeviceState> states;
        std::vector<Incident> incidents;
        LoadHistory::State loads;
        AlarmBook::State alarms;
        OrderBook::State orders;
    };

    /// Applies an already sequenced batch to every book.
    void apply(const std::vector<Event> &batch);
    State exportState() const;
    /// Applies measurements alone (approaches, vehicles, roads) to the books that keep them: what a snapshot does not
    /// hold, read back from the 30 s before it (StoreReader::readMeasurements).
    void applyMeasurements(const std::vector<Event> &batch);
    /// Replaces every book's content (replay from a snapshot); the activity log is left to the caller. The
    /// measurements (not in a snapshot) are cleared, or kept when the replay moves forward past a snapshot.
    void restore(const State &state, bool keepMeasurements = false);
    /// The books of a city before its first event.
    State emptyState() const;

    StateStore &states() { return m_states; }
    IncidentBook &incidents() { return m_incidents; }
    LoadHistory &loads() { return m_loads; }
    AlarmBook &alarms() { return m_alarms; }
    OrderBook &orders() { return m_orders; }
    ActivityLog &activity() { return m_activity; }
    TrafficBook &traffic() { return m_traffic; }
    const TrafficBook &traffic() const { return m_traffic; }
    VehicleBook &vehicles() { return m_vehicles; }
    const VehicleBook &vehicles() const { return m_vehicles; }
    const StateStore &states() const { return m_states; }
    const IncidentBook &incidents() const { return m_incidents; }
    const LoadHistory &loads() const { return m_loads; }
    const AlarmBook &alarms() const { return m_alarms; }
    const OrderBook &orders() const { return m_orders; }
    const ActivityLog &activity() const { return m_activity; }
    const CityModel &city() const { return *m_city; }

private:
    std::shared_ptr<const CityModel> m_city;
    StateStore m_states;
    IncidentBook m_incidents;
    LoadHistory m_loads;
    AlarmBook m_alarms;
    OrderBook m_orders;
    ActivityLog m_activity;
    TrafficBook m_traffic;   ///< measurements: not in State (see TrafficBook)
    VehicleBook m_vehicles;  ///< positions: not in State (see VehicleBook)
};

} // namespace cityops
