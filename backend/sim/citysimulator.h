#pragma once

#include "city/citymodel.h"
#include "base/random.h"
#include "sim/signalplant.h"
#include "model/event.h"

#include <QTimeZone>

#include <cstdint>
#include <memory>
#include <map>
#include <queue>
#include <vector>

namespace cityops {

/// Rates and durations of the simulated city's random processes. The defaults are a demonstration setting: faults
/// are tens of times more frequent than in a real city so an operator sees something happen within minutes.
struct SimParameters {
    double collisionsPerHour = 1.5;          ///< city-wide
    double lampMtbfHours = 2000.0;           ///< per lamp
    double signalMtbfHours = 200.0;          ///< per controller (fault -> flashing)
    double signalCommLossMtbfHours = 150.0;  ///< per controller (goes offline)
    double feederSurgesPerDay = 1.0;         ///< per feeder
    std::int64_t feederSampleMs = 10'000;    ///< telemetry period of feeders
    std::int64_t lightCheckMs = 60'000;      ///< how often lamps re-evaluate daylight
    IncidentId firstIncidentId = 1;          ///< continue a recording's numbering so ids stay unique across sessions
    std::vector<IncidentId> carriedIncidents; ///< the field's incidents a continued recording left open (cleared in due course)
    std::int64_t commandLatencyMinMs = 150;  ///< a device answers a command this long after it was sent ...
    std::int64_t commandLatencyMaxMs = 900;  ///< ... to this long
    double commandRejectRate = 0.02;         ///< share of commands a healthy device refuses (busy, local control)
    /// A controller drops a pre-emption it has held this long and returns to its program (NTCIP 1202's maximum
    /// presence): a console that went quiet, or a vehicle that never came, cannot hold a junction red for good.
    std::int64_t preemptMaxPresenceMs = 180'000;
};

/// The embedded simulator of the whole city, as a pure discrete-event model: given the city, a seed and a start
/// time it produces the same event stream every time (no wall clock, no threads). SimLink drives it in real or
/// scaled time.
///
/// - signals run their programs phase by phase (phase from absolute time and the program offset, as SUMO does);
/// - streetlights switch on when the sun is below a per-lamp photocell threshold around sunset, dim to 50 % from
///   23:00 to 05:00 local time, and fail now and then (lamp outage incident until repaired);
/// - feeders follow residential/commercial daily load shapes for the city's local time, AR(1) noise, street-light
///   load, and occasional surges; above capacity they raise an overload incident;
/// - collisions arise at random points on roads and clear after 20-60 minutes.
class CitySimulator {
public:
    CitySimulator(std::shared_ptr<const CityModel> city, std::uint64_t seed, std::int64_t startMs,
                  SimParameters params = {});

    /// The full state of every device at the start time (presence + state), as events.
    void initialState(std::vector<Event> &out);
    /// What the devices report when a console (re)connects: every device's state and every open incident with
    /// the time it arose, stamped now. Incidents raised after `reportedAfterMs` are left out (the console saw
    /// them arise).
    void currentPicture(std::vector<Event> &out, std::int64_t reportedAfterMs);
    /// Runs the model up to and including `untilMs`, appending the events it produces in time order.
    void advanceTo(std::int64_t untilMs, std::vector<Event> &out);
    std::int64_t nowMs() const { return m_now; }
    /// Hands the signals the plant runs to it (a traffic simulation) from now on: it is started at the current
    /// time, its readings replace the timetable and are appended to `out`. Lights, feeders, faults and answers stay
    /// here. When the plant cannot start or stops later, its signals report "not reporting" and it is started
    /// again every half minute of simulated time; `trafficProblem` says why meanwhile.
    void attachPlant(std::unique_ptr<SignalPlant> plant, std::vector<Event> &out);
    SignalPlant *plant() const { return m_plant.get(); }
    /// Why the traffic simulation is not running (empty while it is, or when there is none).
    QString trafficProblem() const { return m_plantProblem; }
    /// The tracked vehicles' routes, through the plant that drives them (co-simulation); a sentence without one.
    Result<PlannedRoute> planRoute(const QString &vehicle, GeoPoint destination);
    Status sendRoute(const PlannedRoute &route);
    /// A command reaches the device after a network latency; the device answers (accepts, or refuses with a
    /// reason), acts, and reports its new state. Offline and unpowered devices never answer.
    void command(const DeviceCommand &command);

    /// Program phase in force at `timeMs` for a program with the given offset; `remainingMs` receives the time
    /// to the next switch.
    static int phaseAt(const SignalProgram &program, std::int64_t timeMs, std::int64_t *remainingMs);
    /// Daily load shape (fraction of peak) for a local time of day in hours and a commercial share.
    static double loadShape(double localHour, double commercialShare, bool weekend);

private:
    enum class Task : std::uint8_t {
        SignalSwitch, FeederSample, LightCheck, NextCollision, NextLampFault, NextSignalFault, NextCommLoss,
        NextFeederSurge, ClearCollision, RepairLamp, RepairSignal, RestoreComm, EndSurge, CommandArrives,
        PlantStep, PlantStart, PreemptMaxPresence, ChangeEnds
    };
    struct Scheduled {
        std::int64_t timeMs;
        std::uint64_t order;
        Task task;
        std::uint32_t index;
        bool operator>(const Scheduled &o) const { return timeMs != o.timeMs ? timeMs > o.timeMs : order > o.order; }
    };
    struct SignalSim {
        int phase = 0;
        int program = 0;
        SignalMode mode = SignalMode::Normal;   ///< commanded mode (a fault overrides it with flash)
        bool fault = false;
        bool online = true;
        bool powered = true;                    ///< its feeder's breaker is closed (dark and silent without)
        std::int64_t nextSwitchMs = 0;
        std::int64_t preemptEndsMs = 0;         ///< when the pre-emption it holds times out (maximum presence)
        // The change interval of a controller the timetable runs (a plant runs its own): a command that ends a
        // green shows it yellow first, and the controller reports `showsPhase` until `changeEndsMs`.
        std::int64_t changeEndsMs = 0;
        int showsPhase = 0;
        QString changeState;                    ///< what it shows meanwhile (the ending greens yellow)
    };
    struct LightSim {
        float thresholdDeg = 0;
        std::uint8_t level = 0;
        bool fault = false;
        bool powered = true;        ///< its feeder's breaker is closed
        int override = -1;          ///< commanded level, -1 = photocell control
        IncidentId incident = 0;
    };
    struct FeederSim { float noise = 0; float surge = 1; float lastLoad = 0; bool breakerOpen = false; IncidentId incident = 0; };

    void schedule(std::int64_t t, Task task, std::uint32_t index = 0);
    void run(const Scheduled &s, std::vector<Event> &out);
    Event signalEvent(std::uint32_t signal) const;
    Event lightEvent(std::uint32_t light) const;
    void sampleFeeders(std::vector<Event> &out);
    void checkLights(std::vector<Event> &out);
    IncidentId raise(std::vector<Event> &out, IncidentKind kind, IncidentSeverity severity, const GeoPoint &where,
                     DeviceIndex device, int road);
    void clear(std::vector<Event> &out, IncidentId id);
    std::int64_t hoursToMs(double hours) { return static_cast<std::int64_t>(hours * 3600'000.0); }
    std::uint8_t lampLevelFor(double elevationDeg, const LightSim &lamp, bool nightDimming) const;
    bool nightDimmingNow() const;
    /// Changes a lamp and keeps its feeder's lighting load in step (so feeder samples need not sum every lamp).
    void setLamp(std::uint32_t light, std::uint8_t level, bool fault);
    GeoPoint randomPointOnRoad(int *road);
    void execute(const DeviceCommand &command, std::vector<Event> &out);
    /// Acts on a command the device accepted; returns a refusal reason instead when it cannot.
    QString apply(const DeviceCommand &command, std::vector<Event> &out);
    // The controllers (sim/signalcontrol.cpp)
    QString applyToSignal(const DeviceCommand &command, std::uint32_t signal, std::vector<Event> &out);
    /// The pre-emption called for `dueMs` has been held its maximum presence: back to the program, unless it was
    /// released, commanded otherwise or called again since.
    void dropPreemption(std::uint32_t signal, std::int64_t dueMs, std::vector<Event> &out);
    void resyncSignal(std::uint32_t signal);
    /// Whether a timetable-run controller is in a change interval now.
    bool changing(const SignalSim &sig) const { return sig.changeEndsMs > m_now && !sig.fault && sig.mode != SignalMode::Flash; }
    /// The link states a timetable-run controller shows now; empty when it shows no green (flashing, dark).
    QString shownState(std::uint32_t signal) const;
    /// After a command (or the end of a pre-emption) changed what `signal` is to show: the greens it showed
    /// (`showing`, as it stood `before`) that do not go on are shown yellow for the program's yellow time first.
    void beginChange(std::uint32_t signal, const SignalSim &before, const QString &showing);
    void endChange(std::uint32_t signal, std::int64_t dueMs, std::vector<Event> &out);
    // The plant (sim/plantsignals.cpp)
    bool plantRuns(std::uint32_t signal) const { return m_plant && m_plant->runs(signal); }
    /// Whether the controller can be heard: online and, when a plant runs it, the plant running.
    bool reporting(std::uint32_t signal) const
    {
        return m_signals[signal].online && m_signals[signal].powered && !(m_plantDown && plantRuns(signal));
    }
    /// A feeder's breaker opened or closed: the signal cabinets it feeds go dark and silent, or come back.
    void powerSignals(std::uint32_t feeder, bool on, std::vector<Event> &out);
    void stepPlant(std::vector<Event> &out);
    void startPlant(std::vector<Event> &out);
    void plantStopped(const QString &why, std::vector<Event> &out);
    /// The approaches' traffic of the signals the plant runs, where it changed since last reported.
    void reportTraffic(std::vector<Event> &out);
    /// The tracked vehicles: each when it moved, a standing one every kVehicleHeartbeatMs (so the console knows
    /// it is still tracked).
    void reportVehicles(std::vector<Event> &out);
    /// Takes the plant's reading into the controller's state; true when what the controller reports changed.
    bool adoptReading(std::uint32_t signal);
    /// Has the plant show what the controller is meant to show (fault flash, a held phase, its program).
    QString drivePlant(std::uint32_t signal);
    void setFeederBreaker(std::uint32_t feeder, bool open, std::vector<Event> &out);
    std::uint8_t autoLevel(const LightSim &lamp) const;

    std::shared_ptr<const CityModel> m_city;
    SimParameters m_params;
    Random m_rng;
    std::int64_t m_now;
    std::uint64_t m_order = 0;
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> m_queue;
    std::vector<SignalSim> m_signals;
    std::vector<LightSim> m_lights;
    std::vector<FeederSim> m_feeders;
    std::vector<double> m_lightingKw;                       ///< per feeder, from the lamps it feeds
    std::vector<std::pair<IncidentId, int>> m_collisions;   ///< open collisions: incident and road
    std::vector<double> m_roadWeights;                      ///< cumulative length of drivable roads
    std::vector<IncidentId> m_signalIncidents;
    std::map<IncidentId, Event> m_openIncidents;            ///< raise events of the incidents still open
    IncidentId m_nextIncident = 1;
    std::map<std::uint32_t, DeviceCommand> m_commandsInFlight;   ///< keyed by the task index
    std::uint32_t m_nextCommand = 0;
    std::map<DeviceIndex, std::pair<std::uint32_t, std::uint16_t>> m_lastExecuted;   ///< (order, step): repeats are not re-applied
    std::map<DeviceIndex, std::int64_t> m_lastArrival;   ///< when the latest command to each device reaches it
    std::vector<std::vector<std::uint32_t>> m_feederLamps;
    std::vector<std::vector<std::uint32_t>> m_feederSignals;
    QTimeZone m_zone;
    GeoPoint m_centre;
    std::unique_ptr<SignalPlant> m_plant;
    bool m_plantDown = false;
    /// Traffic on the signals' approaches is reported every kTrafficReportMs (when it changed): queues move by the
    /// second, a control room reads them by the ten seconds.
    static constexpr std::int64_t kTrafficReportMs = 10'000;
    std::int64_t m_nextTrafficMs = 0;
    std::vector<std::vector<ApproachTraffic>> m_reportedTraffic;   ///< per signal, as last reported
    /// The roads' picture is sent when it changed, and at least this often while it stands (so a console knows
    /// it is current: kRoadTrafficStaleMs).
    static constexpr std::int64_t kRoadsRepeatMs = 30'000;
    std::vector<RoadTraffic> m_reportedRoads;
    std::int64_t m_roadsReportedMs = 0;
    bool m_roadsMeasured = false;   ///< the plant has reported road traffic (an empty picture then means empty roads)
    static constexpr std::int64_t kVehicleHeartbeatMs = 10'000;
    struct ReportedVehicle {
        std::int64_t timeMs = 0;
        VehiclePayload report;
    };
    std::map<QString, ReportedVehicle> m_reportedVehicles;
    QString m_plantProblem;
};

} // namespace cityops
