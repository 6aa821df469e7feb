#pragma once

#include "base/consoleclock.h"
#include "link/fieldlink.h"
#include "sim/citysimulator.h"

#include <QElapsedTimer>
#include <QTimer>

#include <functional>
#include <memory>

namespace cityops {

struct SimLinkOptions {
    std::uint64_t seed = 1;
    double speed = 1.0;              ///< simulated seconds per wall second
    double warmUpHours = 6.0;        ///< simulate this much history before "now", so the city starts in steady state
    std::int64_t startMs = 0;        ///< simulated start time; 0 = the current wall time
    std::int64_t historyFloorMs = 0; ///< never simulate history before this (the end of an existing recording)
    SimParameters parameters;
    /// Who runs the signals instead of the simulator's timetable (a traffic simulation), made on the link's thread;
    /// empty for the timetable.
    std::function<std::unique_ptr<SignalPlant>()> signalPlant;
};

/// The embedded default link: the whole city simulated in-process (CitySimulator) and delivered in real or scaled
/// time. Before going live it simulates the last few hours at full speed, so lights, loads and open incidents are
/// what they would be in a city that has been running, and the energy chart has its hour of history.
class SimLink : public FieldLink {
    Q_OBJECT
public:
    SimLink(std::shared_ptr<const CityModel> city, const ConsoleClock *clock, SimLinkOptions options);
    /// The simulated city runs from --start (or now) at --speed.
    TimeBase timeBase() const override { return {m_origin, m_options.speed, true, {}}; }
    ~SimLink() override;
    void planRoute(const QString &vehicle, GeoPoint destination, const RouteCallback &done) override;
    void sendRoute(const PlannedRoute &route, const SentCallback &done) override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void send(const std::vector<cityops::DeviceCommand> &commands) override;

private:
    void tick();
    /// Whether the simulation kept --speed over the last few wall seconds (status and log say when it did not).
    void notePace();
    void sayStatus();
    LinkStatus statusNow(LinkState state) const;   ///< what the link says of itself, in that state
    void deliver(std::vector<Event> &events);

    std::shared_ptr<const CityModel> m_city;
    const ConsoleClock *m_clock;
    SimLinkOptions m_options;
    std::int64_t m_origin = 0;   ///< the simulated instant the console goes live at
    std::unique_ptr<CitySimulator> m_sim;
    QString m_trafficProblem;   ///< last said in the status
    QTimer *m_timer = nullptr;
    bool m_catchUpQueued = false;
    QElapsedTimer m_paceTimer;
    std::int64_t m_paceFromMs = 0;
    bool m_slower = false;   ///< the simulation kept less than --speed over the last few wall seconds
    double m_keptPace = 0;   ///< how many simulated seconds a wall second it kept then
};

} // namespace cityops
