#pragma once

#include "base/result.h"
#include "model/event.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cityops {

/// What a signal controller shows, as the plant that runs it reports it.
struct SignalReading {
    int program = 0;                 ///< index into SignalInfo::programs (kept while the plant runs a commanded state)
    int phase = 0;                   ///< phase index within that program
    std::int64_t nextSwitchMs = 0;   ///< when the plant will switch next (ms since epoch)
    QString state;                   ///< one character per controlled link (SUMO's r y g G o O ...)
    bool operator==(const SignalReading &) const = default;
};

/// Who runs the city's signals when it is not the simulator's own timetable: a traffic simulation (SUMO) that the
/// CitySimulator steps in lock-step with its clock. The simulator keeps faults, communication and answers to
/// commands; the plant keeps what the lights show. Every call may find the plant gone (the traffic simulation died):
/// it then fails with a sentence, and the simulator reports its signals as not reporting until `start` works again.
class SignalPlant {
public:
    virtual ~SignalPlant() = default;

    virtual QString name() const = 0;
    /// The plant's own time step; the simulator steps it on multiples of this.
    virtual std::int64_t stepMs() const = 0;
    /// Whether it runs this signal (index into CityModel::signals); the others keep the simulator's timetable.
    virtual bool runs(std::uint32_t signal) const = 0;
    virtual SignalReading reading(std::uint32_t signal) const = 0;
    /// Traffic on the signal's approaches at the last step (signalApproaches order); empty when the plant has no
    /// traffic (a timetable runs signals without vehicles).
    virtual std::vector<ApproachTraffic> traffic(std::uint32_t /*signal*/) const { return {}; }

    /// The city's roads with vehicles on them now (the busiest first, at most kMaxRoadsReported); empty when the
    /// plant has no traffic. Asked every few seconds, not every step: it may cost the plant some work.
    virtual std::vector<RoadTraffic> roadTraffic() { return {}; }
    /// The tracked vehicles (the emergency fleet) at the last step; empty when the plant has no vehicles.
    virtual std::vector<VehiclePayload> vehicles() const { return {}; }
    /// A route for a tracked vehicle from where it is to the road nearest `destination`, for the operator to see
    /// before it is sent; fails with a sentence (no such vehicle, no road there, no way to it).
    virtual Result<PlannedRoute> planRoute(const QString &vehicle, GeoPoint destination)
    {
        Q_UNUSED(vehicle);
        Q_UNUSED(destination);
        return makeError(QStringLiteral("%1 plans no routes").arg(name()));
    }
    /// Sends the vehicle on a planned route; it parks at its end. Fails with a sentence when the vehicle has moved
    /// off the route's first road since it was planned (plan again).
    virtual Status sendRoute(const PlannedRoute &route)
    {
        Q_UNUSED(route);
        return makeError(QStringLiteral("%1 sends no vehicles").arg(name()));
    }

    /// Runs the traffic up to `untilMs` and appends the signals whose reading changed.
    virtual Status advanceTo(std::int64_t untilMs, std::vector<std::uint32_t> &changed) = 0;

    /// Commands the controller carries out. Each returns an empty string when done, else why it cannot.
    virtual QString runProgram(std::uint32_t signal, int program) = 0;   ///< normal operation of that program
    virtual QString holdPhase(std::uint32_t signal, int phase) = 0;      ///< go to the phase and stay there
    virtual QString flash(std::uint32_t signal) = 0;                     ///< flashing amber on every link
    virtual QString dark(std::uint32_t signal) = 0;                      ///< lights off (no power)

    /// Starts the traffic (or starts it again after it stopped) with its clock at `nowMs`.
    virtual Status start(std::int64_t nowMs) = 0;
};

} // namespace cityops
