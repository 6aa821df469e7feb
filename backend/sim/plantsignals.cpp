// CitySimulator's side of a signal plant (a traffic simulation that runs the signals): starting it, stepping it in
// lock-step, and what its signals report when it stops; and power: what a feeder's breaker does to the lamps and
// signal cabinets it feeds.
#include "sim/citysimulator.h"

#include "base/logging.h"

namespace cityops {
namespace {
constexpr std::int64_t kPlantRetryMs = 30'000;   ///< simulated time between attempts to start a stopped plant
}

void CitySimulator::attachPlant(std::unique_ptr<SignalPlant> plant, std::vector<Event> &out)
{
    m_plant = std::move(plant);
    startPlant(out);
}

void CitySimulator::startPlant(std::vector<Event> &out)
{
    if (auto started = m_plant->start(m_now); !started) {
        plantStopped(started.error(), out);
        return;
    }
    const bool wasDown = m_plantDown;
    m_plantDown = false;
    m_plantProblem.clear();
    for (std::uint32_t i = 0; i < m_signals.size(); ++i) {
        if (!plantRuns(i))
            continue;
        const SignalSim &sig = m_signals[i];
        // A fresh plant runs every signal's first program: have it show what the controller is meant to.
        if (sig.fault || !sig.powered || sig.mode != SignalMode::Normal || sig.program != m_plant->reading(i).program)
            drivePlant(i);
        adoptReading(i);
        if (!reporting(i))
            continue;
        if (wasDown)
            out.push_back(Event{0, m_now, m_city->signals[i].device, PresencePayload{true}});
        out.push_back(signalEvent(i));
    }
    if (wasDown)
        qCInfo(lcSim).noquote() << m_plant->name() << "runs the signals again";
    schedule(m_now + m_plant->stepMs(), Task::PlantStep);
}

void CitySimulator::stepPlant(std::vector<Event> &out)
{
    if (m_plantDown)
        return;
    std::vector<std::uint32_t> changed;
    if (auto stepped = m_plant->advanceTo(m_now, changed); !stepped) {
        plantStopped(stepped.error(), out);
        return;
    }
    for (const std::uint32_t i : changed)
        if (adoptReading(i) && reporting(i))
            out.push_back(signalEvent(i));
    if (m_now >= m_nextTrafficMs) {
        m_nextTrafficMs = m_now + kTrafficReportMs;
        reportTraffic(out);
    }
    reportVehicles(out);
    schedule(m_now + m_plant->stepMs(), Task::PlantStep);
}

void CitySimulator::reportTraffic(std::vector<Event> &out)
{
    m_reportedTraffic.resize(m_city->signals.size());
    for (std::uint32_t i = 0; i < m_city->signals.size(); ++i) {
        if (!plantRuns(i) || !reporting(i)) {
            m_reportedTraffic[i].clear();   // said again in full once it reports again (its figures were dropped)
            continue;
        }
        std::vector<ApproachTraffic> traffic = m_plant->traffic(i);
        if (traffic.empty() || traffic == m_reportedTraffic[i])
            continue;
        m_reportedTraffic[i] = traffic;
        out.push_back(Event{0, m_now, m_city->signals[i].device, TrafficPayload{std::move(traffic)}});
    }
    if (m_plantDown)
        return;   // nothing measured: the picture goes stale at the console
    std::vector<RoadTraffic> roads = m_plant->roadTraffic();
    m_roadsMeasured = m_roadsMeasured || !roads.empty();
    if (!m_roadsMeasured || (roads == m_reportedRoads && m_now - m_roadsReportedMs < kRoadsRepeatMs))
        return;
    m_reportedRoads = roads;
    m_roadsReportedMs = m_now;
    out.push_back(Event{0, m_now, kNoDevice, RoadTrafficPayload{std::move(roads), {}, {}}});
}

void CitySimulator::reportVehicles(std::vector<Event> &out)
{
    for (VehiclePayload &v : m_plant->vehicles()) {
        ReportedVehicle &last = m_reportedVehicles[v.id];
        if (last.timeMs != 0 && last.report == v && m_now - last.timeMs < kVehicleHeartbeatMs)
            continue;
        last = {m_now, v};
        out.push_back(Event{0, m_now, kNoDevice, std::move(v)});
    }
}

Result<PlannedRoute> CitySimulator::planRoute(const QString &vehicle, GeoPoint destination)
{
    if (!m_plant)
        return makeError(QStringLiteral("vehicles are driven only in co-simulation (--traffic sumo)"));
    if (m_plantDown)
        return makeError(m_plantProblem);
    return m_plant->planRoute(vehicle, destination);
}

Status CitySimulator::sendRoute(const PlannedRoute &route)
{
    if (!m_plant)
        return makeError(QStringLiteral("vehicles are driven only in co-simulation (--traffic sumo)"));
    if (m_plantDown)
        return makeError(m_plantProblem);
    return m_plant->sendRoute(route);
}

void CitySimulator::plantStopped(const QString &why, std::vector<Event> &out)
{
    m_plantProblem = why;
    // The lights' state is unknown now: say so rather than show the last one as if it were current.
    if (!m_plantDown)
        for (std::uint32_t i = 0; i < m_signals.size(); ++i)
            if (plantRuns(i) && m_signals[i].online)
                out.push_back(Event{0, m_now, m_city->signals[i].device, PresencePayload{false, QStringLiteral("traffic simulation stopped: %1").arg(why.left(150))}});
    m_plantDown = true;
    m_reportedVehicles.clear();   // reported afresh once it runs again
    qCWarning(lcSim).noquote() << why << "- signals not reporting; starting it again in" << kPlantRetryMs / 1000 << "s";
    schedule(m_now + kPlantRetryMs, Task::PlantStart);
}

bool CitySimulator::adoptReading(std::uint32_t signal)
{
    SignalSim &sig = m_signals[signal];
    const SignalReading r = m_plant->reading(signal);
    const bool normal = !sig.fault && sig.mode == SignalMode::Normal;
    const bool showsPhase = !sig.fault && sig.mode != SignalMode::Flash && sig.mode != SignalMode::Off;
    const bool changed = sig.program != r.program || (showsPhase && sig.phase != r.phase)
                         || (normal && sig.nextSwitchMs != r.nextSwitchMs);
    sig.program = r.program;
    if (showsPhase)
        sig.phase = r.phase;
    sig.nextSwitchMs = r.nextSwitchMs;
    return changed;
}

void CitySimulator::setFeederBreaker(std::uint32_t feeder, bool open, std::vector<Event> &out)
{
    FeederSim &sim = m_feeders[feeder];
    sim.breakerOpen = open;
    if (open)
        sim.lastLoad = 0.0f;
    out.push_back(Event{0, m_now, m_city->feeders[feeder].device, FeederPayload{sim.lastLoad, !open}});
    // The feeder's lamps lose power (and with it their communication) or get it back and report.
    for (std::uint32_t lamp : m_feederLamps[feeder]) {
        LightSim &l = m_lights[lamp];
        l.powered = !open;
        const DeviceIndex device = m_city->streetlights[lamp].device;
        if (open) {
            setLamp(lamp, 0, l.fault);
            out.push_back(Event{0, m_now, device, PresencePayload{false}});
        } else {
            setLamp(lamp, autoLevel(l), l.fault);
            out.push_back(Event{0, m_now, device, PresencePayload{true}});
            out.push_back(lightEvent(lamp));
        }
    }
    powerSignals(feeder, !open, out);
}

void CitySimulator::powerSignals(std::uint32_t feeder, bool on, std::vector<Event> &out)
{
    for (const std::uint32_t i : m_feederSignals[feeder]) {
        SignalSim &sig = m_signals[i];
        if (sig.powered == on)
            continue;
        const bool wasReporting = reporting(i);
        sig.powered = on;
        if (plantRuns(i) && !m_plantDown) {
            drivePlant(i);   // dark in the traffic (SUMO's program "off"), or back to what it is meant to show
            adoptReading(i);
        } else if (on && !plantRuns(i) && sig.mode == SignalMode::Normal && !sig.fault) {
            resyncSignal(i);
        }
        const DeviceIndex device = m_city->signals[i].device;
        if (wasReporting && !on) {
            out.push_back(Event{0, m_now, device, PresencePayload{false}});
        } else if (on && reporting(i)) {
            out.push_back(Event{0, m_now, device, PresencePayload{true}});
            out.push_back(signalEvent(i));
        }
    }
}

QString CitySimulator::drivePlant(std::uint32_t signal)
{
    const SignalSim &sig = m_signals[signal];
    if (!sig.powered)
        return m_plant->dark(signal);
    if (sig.fault || sig.mode == SignalMode::Flash)
        return m_plant->flash(signal);
    if (sig.mode == SignalMode::Off)
        return m_plant->dark(signal);
    if (heldByCommand(sig.mode))
        return m_plant->holdPhase(signal, sig.phase);
    return m_plant->runProgram(signal, sig.program);
}

} // namespace cityops
