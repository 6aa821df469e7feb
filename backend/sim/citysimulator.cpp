#include "sim/citysimulator.h"

#include "base/logging.h"
#include "sim/solar.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace cityops {
namespace {

// Fraction of daily peak by local hour, from typical European distribution-network shapes: homes peak in the
// evening, offices and shops through the working day.
constexpr double kResidential[24] = {0.45, 0.40, 0.38, 0.37, 0.38, 0.45, 0.60, 0.72, 0.70, 0.65, 0.63, 0.64,
                                     0.66, 0.64, 0.62, 0.64, 0.72, 0.85, 0.97, 1.00, 0.95, 0.85, 0.70, 0.55};
constexpr double kCommercial[24] = {0.35, 0.33, 0.32, 0.32, 0.33, 0.38, 0.50, 0.70, 0.88, 0.97, 1.00, 1.00,
                                    0.98, 1.00, 0.99, 0.96, 0.90, 0.80, 0.65, 0.55, 0.48, 0.43, 0.40, 0.37};
constexpr float kOverloadRaise = 1.00f;   // raise an overload incident above 100 % of rating
constexpr float kOverloadClear = 0.95f;   // and clear it only below 95 %, so noise does not flap it

bool isDrivable(RoadClass cls) { return cls <= RoadClass::Service && cls != RoadClass::Motorway; }

} // namespace

CitySimulator::CitySimulator(std::shared_ptr<const CityModel> city, std::uint64_t seed, std::int64_t startMs,
                             SimParameters params)
    : m_city(std::move(city)), m_params(std::move(params)), m_rng(seed), m_now(startMs),
      m_signals(m_city->signals.size()), m_lights(m_city->streetlights.size()), m_feeders(m_city->feeders.size()),
      m_signalIncidents(m_city->signals.size(), 0)
{
    m_zone = QTimeZone(m_city->meta.timezone.toUtf8());
    if (!m_zone.isValid()) {
        qCWarning(lcSim) << "unknown time zone" << m_city->meta.timezone << "- using UTC for load profiles";
        m_zone = QTimeZone::utc();
    }
    m_centre = m_city->bounds.center();
    m_feederLamps.resize(m_city->feeders.size());
    for (std::uint32_t i = 0; i < m_city->streetlights.size(); ++i)
        if (const DeviceIndex feeder = m_city->streetlights[i].feeder; feeder != kNoDevice)
            m_feederLamps[static_cast<size_t>(m_city->devices[feeder].detail)].push_back(i);
    m_feederSignals.resize(m_city->feeders.size());
    const std::vector<DeviceIndex> signalFeeders = m_city->signalFeeders();
    for (std::uint32_t i = 0; i < signalFeeders.size(); ++i)
        if (signalFeeders[i] != kNoDevice)
            m_feederSignals[static_cast<size_t>(m_city->devices[signalFeeders[i]].detail)].push_back(i);
    m_nextIncident = std::max<IncidentId>(1, m_params.firstIncidentId);

    for (auto &lamp : m_lights) // photocells differ: each lamp switches at its own sun elevation
        lamp.thresholdDeg = static_cast<float>(m_rng.uniform(-2.5, 0.5));
    for (auto &feeder : m_feeders)
        feeder.noise = static_cast<float>(m_rng.normal() * 0.02);
    double total = 0;
    for (const Road &road : m_city->roads) {
        if (isDrivable(road.cls))
            for (size_t i = 1; i < road.line.size(); ++i)
                total += distanceMetres(road.line[i - 1], road.line[i]);
        m_roadWeights.push_back(total);
    }

    const double elevation = solar::elevationDeg(m_centre.lat, m_centre.lon, m_now);
    const bool dim = nightDimmingNow();
    m_lightingKw.assign(m_feeders.size(), 0.0);
    for (std::uint32_t i = 0; i < m_lights.size(); ++i)
        setLamp(i, lampLevelFor(elevation, m_lights[i], dim), false);
    for (std::uint32_t i = 0; i < m_signals.size(); ++i) {
        std::int64_t remaining = 0;
        m_signals[i].phase = phaseAt(m_city->signals[i].programs.front(), m_now, &remaining);
        m_signals[i].nextSwitchMs = m_now + remaining;
        schedule(m_signals[i].nextSwitchMs, Task::SignalSwitch, i);
    }
    schedule(m_now, Task::FeederSample);
    schedule(m_now + m_params.lightCheckMs, Task::LightCheck);
    auto firstAfter = [this](double ratePerHour) { return m_now + hoursToMs(m_rng.exponential(1.0 / ratePerHour)); };
    if (m_params.collisionsPerHour > 0 && m_roadWeights.size() && m_roadWeights.back() > 0)
        schedule(firstAfter(m_params.collisionsPerHour), Task::NextCollision);
    if (!m_lights.empty())
        schedule(firstAfter(static_cast<double>(m_lights.size()) / m_params.lampMtbfHours), Task::NextLampFault);
    if (!m_signals.empty()) {
        schedule(firstAfter(static_cast<double>(m_signals.size()) / m_params.signalMtbfHours), Task::NextSignalFault);
        schedule(firstAfter(static_cast<double>(m_signals.size()) / m_params.signalCommLossMtbfHours), Task::NextCommLoss);
    }
    if (!m_feeders.empty())
        schedule(firstAfter(m_feeders.size() * m_params.feederSurgesPerDay / 24.0), Task::NextFeederSurge);
    // The recording this run continues left these open: the simulated field clears them in due course, as it
    // would have had the console not restarted.
    for (const IncidentId id : m_params.carriedIncidents)
        schedule(m_now + static_cast<std::int64_t>(m_rng.uniform(20, 60) * 60'000.0), Task::ClearCollision, id);
}

int CitySimulator::phaseAt(const SignalProgram &program, std::int64_t timeMs, std::int64_t *remainingMs)
{
    const std::int64_t cycleMs = static_cast<std::int64_t>(program.cycleS()) * 1000;
    if (cycleMs <= 0) {
        *remainingMs = 3600'000;
        return 0;
    }
    std::int64_t pos = (timeMs - static_cast<std::int64_t>(program.offsetS) * 1000) % cycleMs;
    if (pos < 0)
        pos += cycleMs;
    for (size_t i = 0; i < program.phases.size(); ++i) {
        const std::int64_t d = static_cast<std::int64_t>(program.phases[i].durationS) * 1000;
        if (pos < d) {
            *remainingMs = d - pos;
            return static_cast<int>(i);
        }
        pos -= d;
    }
    *remainingMs = 1000;
    return 0;
}

double CitySimulator::loadShape(double localHour, double commercialShare, bool weekend)
{
    const int h0 = static_cast<int>(std::floor(localHour)) % 24;
    const int h1 = (h0 + 1) % 24;
    const double t = localHour - std::floor(localHour);
    const double residential = kResidential[h0] + (kResidential[h1] - kResidential[h0]) * t;
    const double commercial = (kCommercial[h0] + (kCommercial[h1] - kCommercial[h0]) * t) * (weekend ? 0.6 : 1.0);
    return residential * (1.0 - commercialShare) + commercial * commercialShare;
}

void CitySimulator::schedule(std::int64_t t, Task task, std::uint32_t index)
{
    m_queue.push({t, m_order++, task, index});
}

Event CitySimulator::signalEvent(std::uint32_t signal) const
{
    const SignalSim &s = m_signals[signal];
    SignalPayload p;
    const bool yellow = changing(s) && !plantRuns(signal);
    p.program = static_cast<std::uint8_t>(s.program);
    p.phase = static_cast<std::uint16_t>(yellow ? s.showsPhase : s.phase);
    p.mode = s.fault ? SignalMode::Flash : s.mode;
    p.nextSwitchMs = s.fault || s.mode != SignalMode::Normal ? 0 : yellow ? s.changeEndsMs : s.nextSwitchMs;
    p.fault = s.fault;
    return Event{0, m_now, m_city->signals[signal].device, p};
}

Event CitySimulator::lightEvent(std::uint32_t light) const
{
    const LightSim &l = m_lights[light];
    const float power = l.fault ? 0.0f : m_city->streetlights[light].powerW * l.level / 100.0f;
    return Event{0, m_now, m_city->streetlights[light].device, LightPayload{l.fault ? std::uint8_t(0) : l.level, l.fault, power}};
}

bool CitySimulator::nightDimmingNow() const
{
    const int hour = QDateTime::fromMSecsSinceEpoch(m_now, m_zone).time().hour();
    return hour >= 23 || hour < 5; // dim to half from 23:00 to 05:00, as many cities do
}

std::uint8_t CitySimulator::lampLevelFor(double elevationDeg, const LightSim &lamp, bool nightDimming) const
{
    if (elevationDeg >= lamp.thresholdDeg)
        return 0;
    return nightDimming ? 50 : 100;
}

void CitySimulator::setLamp(std::uint32_t light, std::uint8_t level, bool fault)
{
    LightSim &lamp = m_lights[light];
    const StreetlightInfo &info = m_city->streetlights[light];
    const auto kw = [&info](std::uint8_t l, bool f) { return f ? 0.0 : info.powerW * l / 100.0 / 1000.0; };
    if (info.feeder != kNoDevice) {
        const int f = m_city->devices[info.feeder].detail;
        m_lightingKw[f] += kw(level, fault) - kw(lamp.level, lamp.fault);
    }
    lamp.level = level;
    lamp.fault = fault;
}

void CitySimulator::initialState(std::vector<Event> &out)
{
    for (std::uint32_t i = 0; i < m_signals.size(); ++i) {
        out.push_back(Event{0, m_now, m_city->signals[i].device, PresencePayload{reporting(i)}});
        if (reporting(i))
            out.push_back(signalEvent(i));
    }
    for (std::uint32_t i = 0; i < m_lights.size(); ++i)
        out.push_back(lightEvent(i));
    for (const SubstationInfo &sub : m_city->substations)
        out.push_back(Event{0, m_now, sub.device, PresencePayload{true}});
    // Feeders report on their first sample, which is scheduled at the start time.
}

void CitySimulator::advanceTo(std::int64_t untilMs, std::vector<Event> &out)
{
    while (!m_queue.empty() && m_queue.top().timeMs <= untilMs) {
        const Scheduled s = m_queue.top();
        m_queue.pop();
        m_now = std::max(m_now, s.timeMs);
        run(s, out);
    }
    m_now = std::max(m_now, untilMs);
}

IncidentId CitySimulator::raise(std::vector<Event> &out, IncidentKind kind, IncidentSeverity severity,
                                const GeoPoint &where, DeviceIndex device, int road)
{
    IncidentRaisedPayload p;
    p.id = m_nextIncident++;
    p.kind = kind;
    p.severity = severity;
    p.position = where;
    p.district = m_city->responsibleDistrict(where);
    p.road = road;
    out.push_back(Event{0, m_now, device, p});
    m_openIncidents.emplace(p.id, out.back());
    return p.id;
}

void CitySimulator::clear(std::vector<Event> &out, IncidentId id)
{
    out.push_back(Event{0, m_now, kNoDevice, IncidentClearedPayload{id}});
    m_openIncidents.erase(id);
}

void CitySimulator::currentPicture(std::vector<Event> &out, std::int64_t reportedAfterMs)
{
    for (std::uint32_t i = 0; i < m_signals.size(); ++i) {
        out.push_back(Event{0, m_now, m_city->signals[i].device, PresencePayload{reporting(i)}});
        if (reporting(i))
            out.push_back(signalEvent(i));
    }
    for (std::uint32_t i = 0; i < m_lights.size(); ++i) {
        if (m_lights[i].powered)
            out.push_back(lightEvent(i));
        else
            out.push_back(Event{0, m_now, m_city->streetlights[i].device, PresencePayload{false}});
    }
    for (std::uint32_t f = 0; f < m_feeders.size(); ++f)
        out.push_back(Event{0, m_now, m_city->feeders[f].device, FeederPayload{m_feeders[f].lastLoad, !m_feeders[f].breakerOpen}});
    for (const SubstationInfo &sub : m_city->substations)
        out.push_back(Event{0, m_now, sub.device, PresencePayload{true}});
    for (const auto &[id, raisedEvent] : m_openIncidents) {
        if (raisedEvent.timeMs > reportedAfterMs)
            continue;
        Event e = raisedEvent;
        auto &p = std::get<IncidentRaisedPayload>(e.payload);
        p.sinceMs = raisedEvent.timeMs;
        e.timeMs = m_now;
        out.push_back(e);
    }
}

GeoPoint CitySimulator::randomPointOnRoad(int *road)
{
    const double target = m_rng.uniform() * m_roadWeights.back();
    const auto it = std::upper_bound(m_roadWeights.begin(), m_roadWeights.end(), target);
    *road = static_cast<int>(std::min<size_t>(it - m_roadWeights.begin(), m_roadWeights.size() - 1));
    const GeoLine &line = m_city->roads[*road].line;
    const size_t seg = 1 + m_rng.below(line.size() - 1);
    const double t = m_rng.uniform();
    return {line[seg - 1].lon + (line[seg].lon - line[seg - 1].lon) * t,
            line[seg - 1].lat + (line[seg].lat - line[seg - 1].lat) * t};
}

void CitySimulator::sampleFeeders(std::vector<Event> &out)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(m_now, m_zone);
    const double hour = local.time().msecsSinceStartOfDay() / 3600'000.0;
    const bool weekend = local.date().dayOfWeek() >= 6;
    for (std::uint32_t f = 0; f < m_feeders.size(); ++f) {
        FeederSim &sim = m_feeders[f];
        const FeederInfo &info = m_city->feeders[f];
        sim.noise = static_cast<float>(0.97 * sim.noise + 0.005 * m_rng.normal());
        if (sim.breakerOpen) {
            sim.lastLoad = 0.0f;
            out.push_back(Event{0, m_now, info.device, FeederPayload{0.0f, false}});
            continue;
        }
        const double load = info.peakLoadKw * loadShape(hour, info.commercialShare, weekend) * (1.0 + sim.noise) * sim.surge
                            + std::max(0.0, m_lightingKw[f]);
        sim.lastLoad = static_cast<float>(std::max(0.0, load));
        out.push_back(Event{0, m_now, info.device, FeederPayload{sim.lastLoad, true}});
        const float ratio = sim.lastLoad / info.capacityKw;
        if (sim.incident == 0 && ratio > kOverloadRaise) {
            sim.incident = raise(out, IncidentKind::FeederOverload,
                                 ratio > 1.15f ? IncidentSeverity::Critical : IncidentSeverity::Major,
                                 m_city->devices[info.device].position, info.device, -1);
        } else if (sim.incident != 0 && ratio < kOverloadClear) {
            clear(out, sim.incident);
            sim.incident = 0;
        }
    }
}

void CitySimulator::checkLights(std::vector<Event> &out)
{
    const double elevation = solar::elevationDeg(m_centre.lat, m_centre.lon, m_now);
    const bool dim = nightDimmingNow();
    for (std::uint32_t i = 0; i < m_lights.size(); ++i) {
        const LightSim &lamp = m_lights[i];
        if (!lamp.powered)
            continue;
        const std::uint8_t level = lamp.override >= 0 ? static_cast<std::uint8_t>(lamp.override) : lampLevelFor(elevation, lamp, dim);
        if (level != lamp.level) {
            setLamp(i, level, lamp.fault);
            if (!lamp.fault)
                out.push_back(lightEvent(i));
        }
    }
}

void CitySimulator::run(const Scheduled &s, std::vector<Event> &out)
{
    auto after = [this](double meanHours) { return m_now + std::max<std::int64_t>(1000, hoursToMs(m_rng.exponential(meanHours))); };
    auto within = [this](double minMinutes, double maxMinutes) {
        return m_now + static_cast<std::int64_t>(m_rng.uniform(minMinutes, maxMinutes) * 60'000.0);
    };
    switch (s.task) {
    case Task::SignalSwitch: {
        SignalSim &sig = m_signals[s.index];
        if (sig.fault || sig.mode != SignalMode::Normal || s.timeMs != sig.nextSwitchMs || plantRuns(s.index))
            break; // stale: the controller was faulted, commanded, re-synchronised or handed to the plant since
        const SignalProgram &program = m_city->signals[s.index].programs[static_cast<size_t>(sig.program)];
        sig.phase = (sig.phase + 1) % static_cast<int>(program.phases.size());
        sig.nextSwitchMs = m_now + static_cast<std::int64_t>(program.phases[sig.phase].durationS) * 1000;
        schedule(sig.nextSwitchMs, Task::SignalSwitch, s.index);
        if (reporting(s.index) && !changing(sig))   // during a change interval it goes on showing its yellow
            out.push_back(signalEvent(s.index));
        break;
    }
    case Task::FeederSample:
        sampleFeeders(out);
        schedule(m_now + m_params.feederSampleMs, Task::FeederSample);
        break;
    case Task::LightCheck:
        checkLights(out);
        schedule(m_now + m_params.lightCheckMs, Task::LightCheck);
        break;
    case Task::NextCollision: {
        int road = -1;
        const GeoPoint where = randomPointOnRoad(&road);
        const double r = m_rng.uniform();
        const IncidentSeverity severity = r < 0.1 ? IncidentSeverity::Critical
                                        : r < 0.5 ? IncidentSeverity::Major : IncidentSeverity::Minor;
        const IncidentId id = raise(out, IncidentKind::Collision, severity, where, kNoDevice, road);
        schedule(within(20, 60), Task::ClearCollision, id);
        schedule(after(1.0 / m_params.collisionsPerHour), Task::NextCollision);
        break;
    }
    case Task::ClearCollision:
        clear(out, s.index);
        break;
    case Task::NextLampFault: {
        const auto i = static_cast<std::uint32_t>(m_rng.below(m_lights.size()));
        LightSim &lamp = m_lights[i];
        if (!lamp.fault) {
            setLamp(i, lamp.level, true);
            out.push_back(lightEvent(i));
            const DeviceInfo &device = m_city->devices[m_city->streetlights[i].device];
            lamp.incident = raise(out, IncidentKind::LampOutage, IncidentSeverity::Minor, device.position,
                                  m_city->streetlights[i].device, m_city->streetlights[i].road);
            schedule(within(120, 480), Task::RepairLamp, i);
        }
        schedule(after(m_params.lampMtbfHours / m_lights.size()), Task::NextLampFault);
        break;
    }
    case Task::RepairLamp: {
        LightSim &lamp = m_lights[s.index];
        setLamp(s.index, autoLevel(lamp), false);
        if (lamp.powered)
            out.push_back(lightEvent(s.index));
        clear(out, lamp.incident);
        lamp.incident = 0;
        break;
    }
    case Task::NextSignalFault: {
        const auto i = static_cast<std::uint32_t>(m_rng.below(m_signals.size()));
        SignalSim &sig = m_signals[i];
        if (!sig.fault) {
            sig.fault = true;
            if (plantRuns(i) && !m_plantDown)
                drivePlant(i);   // the lights flash in the traffic too; a dead plant is found at its next step
            if (reporting(i))
                out.push_back(signalEvent(i));
            const DeviceIndex device = m_city->signals[i].device;
            m_signalIncidents[i] = raise(out, IncidentKind::SignalFault, IncidentSeverity::Major,
                                         m_city->devices[device].position, device, -1);
            schedule(within(30, 90), Task::RepairSignal, i);
        }
        schedule(after(m_params.signalMtbfHours / m_signals.size()), Task::NextSignalFault);
        break;
    }
    case Task::RepairSignal: {
        SignalSim &sig = m_signals[s.index];
        sig.fault = false;
        if (plantRuns(s.index)) {
            if (!m_plantDown && drivePlant(s.index).isEmpty())
                adoptReading(s.index);
        } else if (sig.mode == SignalMode::Normal) {
            resyncSignal(s.index);
        }
        if (reporting(s.index))
            out.push_back(signalEvent(s.index));
        clear(out, m_signalIncidents[s.index]);
        m_signalIncidents[s.index] = 0;
        break;
    }
    case Task::NextCommLoss: {
        const auto i = static_cast<std::uint32_t>(m_rng.below(m_signals.size()));
        if (m_signals[i].online) {
            m_signals[i].online = false;
            out.push_back(Event{0, m_now, m_city->signals[i].device, PresencePayload{false}});
            schedule(within(5, 30), Task::RestoreComm, i);
        }
        schedule(after(m_params.signalCommLossMtbfHours / m_signals.size()), Task::NextCommLoss);
        break;
    }
    case Task::RestoreComm:
        m_signals[s.index].online = true;
        if (reporting(s.index)) {
            out.push_back(Event{0, m_now, m_city->signals[s.index].device, PresencePayload{true}});
            out.push_back(signalEvent(s.index)); // a reconnecting controller reports its full state
        }
        break;
    case Task::NextFeederSurge: {
        const auto f = static_cast<std::uint32_t>(m_rng.below(m_feeders.size()));
        if (m_feeders[f].surge == 1.0f) {
            m_feeders[f].surge = static_cast<float>(m_rng.uniform(1.2, 1.6));
            schedule(within(10, 40), Task::EndSurge, f);
        }
        schedule(after(24.0 / (m_feeders.size() * m_params.feederSurgesPerDay)), Task::NextFeederSurge);
        break;
    }
    case Task::EndSurge:
        m_feeders[s.index].surge = 1.0f;
        break;
    case Task::PlantStep:
        stepPlant(out);
        break;
    case Task::PlantStart:
        startPlant(out);
        break;
    case Task::PreemptMaxPresence:
        dropPreemption(s.index, s.timeMs, out);
        break;
    case Task::ChangeEnds:
        endChange(s.index, s.timeMs, out);
        break;
    case Task::CommandArrives: {
        const auto it = m_commandsInFlight.find(s.index);
        if (it != m_commandsInFlight.end()) {
            execute(it->second, out);
            m_commandsInFlight.erase(it);
        }
        break;
    }
    }
}

std::uint8_t CitySimulator::autoLevel(const LightSim &lamp) const
{
    if (lamp.override >= 0)
        return static_cast<std::uint8_t>(lamp.override);
    return lampLevelFor(solar::elevationDeg(m_centre.lat, m_centre.lon, m_now), lamp, nightDimmingNow());
}

void CitySimulator::resyncSignal(std::uint32_t signal)
{
    SignalSim &sig = m_signals[signal];
    std::int64_t remaining = 0;
    sig.phase = phaseAt(m_city->signals[signal].programs[static_cast<size_t>(sig.program)], m_now, &remaining);
    sig.nextSwitchMs = m_now + remaining;
    schedule(sig.nextSwitchMs, Task::SignalSwitch, signal);
}

void CitySimulator::command(const DeviceCommand &command)
{
    const auto latency = static_cast<std::int64_t>(m_rng.uniform(static_cast<double>(m_params.commandLatencyMinMs),
                                                                   static_cast<double>(m_params.commandLatencyMaxMs)));
    // A device takes its commands one after another, in the order they were sent to it (one field line, one
    // controller): a retry must not overtake the attempt it repeats. If it did, and the device refused the retry
    // before carrying out the first attempt, the console would record the refusal — its latest attempt's answer —
    // while the device ends at the commanded level.
    std::int64_t &lastArrival = m_lastArrival[command.device];
    lastArrival = std::max(m_now + latency, lastArrival);
    const std::uint32_t key = m_nextCommand++;
    m_commandsInFlight.emplace(key, command);
    schedule(lastArrival, Task::CommandArrives, key);
}

void CitySimulator::execute(const DeviceCommand &c, std::vector<Event> &out)
{
    if (c.device >= m_city->devices.size())
        return;
    const DeviceInfo &info = m_city->devices[c.device];
    // A device that cannot hear the command does not answer: the console's timeout finds out.
    if (info.kind == DeviceKind::SignalController && !reporting(static_cast<std::uint32_t>(info.detail)))
        return;
    if (info.kind == DeviceKind::Streetlight && !m_lights[static_cast<size_t>(info.detail)].powered)
        return;
    auto answer = [&](CommandStage stage, const QString &reason) { out.push_back(Event{0, m_now, c.device, commandAnswer(c, stage, reason)}); };
    if (c.expiresMs > 0 && m_now > c.expiresMs) {
        answer(CommandStage::Rejected, QStringLiteral("expired before it arrived"));
        return;
    }
    const auto id = std::make_pair(c.order, c.step);
    // A retry (attempt 2 on) of the command this device carried out last: acknowledge it again, do not do it twice.
    // An attempt 1 is never a retry (a gateway refuses a message it has seen), so the same order and step from a
    // console that restarted and numbers its orders as its earlier run did is a new command, and is carried out.
    if (const auto it = m_lastExecuted.find(c.device); c.attempt > 1 && it != m_lastExecuted.end() && it->second == id) {
        answer(CommandStage::InProgress, {});
        return;
    }
    if (m_rng.uniform() < m_params.commandRejectRate) {
        answer(CommandStage::Rejected, QStringLiteral("device busy"));
        return;
    }
    std::vector<Event> effects;
    if (const QString refusal = apply(c, effects); !refusal.isEmpty()) {
        answer(CommandStage::Rejected, refusal);
        return;
    }
    m_lastExecuted[c.device] = id;
    answer(CommandStage::InProgress, {});
    out.insert(out.end(), effects.begin(), effects.end());
}

QString CitySimulator::apply(const DeviceCommand &c, std::vector<Event> &out)
{
    const DeviceInfo &info = m_city->devices[c.device];
    const auto index = static_cast<std::uint32_t>(info.detail);
    switch (info.kind) {
    case DeviceKind::SignalController:
        return applyToSignal(c, index, out);
    case DeviceKind::Streetlight: {
        LightSim &lamp = m_lights[index];
        switch (c.action) {
        case CommandAction::LightOn: lamp.override = 100; break;
        case CommandAction::LightOff: lamp.override = 0; break;
        case CommandAction::LightDim:
            if (c.value < 1 || c.value > 100)
                return QStringLiteral("dim level out of range");
            lamp.override = c.value;
            break;
        case CommandAction::LightAuto: lamp.override = -1; break;
        default: return QStringLiteral("not a streetlight command");
        }
        setLamp(index, autoLevel(lamp), lamp.fault);
        out.push_back(lightEvent(index));
        return {};
    }
    case DeviceKind::Feeder:
        if (c.action != CommandAction::FeederShed && c.action != CommandAction::FeederRestore)
            return QStringLiteral("not a feeder command");
        setFeederBreaker(index, c.action == CommandAction::FeederShed, out);
        return {};
    case DeviceKind::Substation:
        break;
    }
    return QStringLiteral("this device takes no commands");
}

} // namespace cityops
