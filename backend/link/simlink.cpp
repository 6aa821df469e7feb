#include "link/simlink.h"

#include "base/logging.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cmath>

namespace cityops {

SimLink::SimLink(std::shared_ptr<const CityModel> city, const ConsoleClock *clock, SimLinkOptions options)
    : m_city(std::move(city)), m_clock(clock), m_options(options),
      m_origin(options.startMs ? options.startMs : QDateTime::currentMSecsSinceEpoch())
{
}

SimLink::~SimLink() = default;

void SimLink::deliver(std::vector<Event> &events)
{
    if (events.empty())
        return;
    // The simulator owns its pace, so it waits for room rather than losing events.
    sink()->push(std::move(events), Overflow::Block);
    events.clear();
}

LinkStatus SimLink::statusNow(LinkState state) const
{
    return LinkStatus::simulator(state, m_options.speed, m_slower ? m_keptPace : 0, static_cast<bool>(m_options.signalPlant),
                                 state == LinkState::Disconnected ? QString() : m_trafficProblem);
}

void SimLink::start()
{
    setStatus(statusNow(LinkState::Starting));
    QElapsedTimer timer;
    timer.start();
    const std::int64_t origin = m_origin;   // the engine started its clock here (timeBase)
    // The simulated city has been running for hours before the console connects. Simulate them; deliver the
    // history the console has no record of (everything after the end of an earlier recording), then the current
    // picture, as devices report on connect.
    const std::int64_t warmUpMs = static_cast<std::int64_t>(m_options.warmUpHours * 3600'000.0);
    const std::int64_t floor = std::min(origin, m_options.historyFloorMs);
    m_sim = std::make_unique<CitySimulator>(m_city, m_options.seed, origin - warmUpMs, m_options.parameters);

    std::vector<Event> events;
    auto deliverAfterFloor = [&] {
        std::erase_if(events, [floor](const Event &e) { return e.timeMs <= floor; });
        deliver(events);
        events.clear();
    };
    m_sim->initialState(events);
    deliverAfterFloor();
    // Warm up in slices so the sequencer works in parallel and memory stays bounded. A traffic simulation takes
    // the signals over as the link goes live, after its own warm-up (SumoSetup::warmUpMs: stepping SUMO through
    // hours would take minutes); the record before that is the timetable's.
    const std::int64_t plantFrom = m_options.signalPlant ? origin : origin + 1;
    if (plantFrom == origin - warmUpMs)
        m_sim->attachPlant(m_options.signalPlant(), events);
    for (std::int64_t t = origin - warmUpMs; t < origin;) {
        t = std::min({origin, t + 600'000, t < plantFrom ? plantFrom : origin});
        m_sim->advanceTo(t, events);
        if (t == plantFrom)
            m_sim->attachPlant(m_options.signalPlant(), events);
        deliverAfterFloor();
    }
    if (floor > origin - warmUpMs) {
        m_sim->currentPicture(events, floor);
        deliver(events);
    }
    qCInfo(lcSim) << "warm-up of" << m_options.warmUpHours << "h simulated in" << timer.elapsed() << "ms";

    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &SimLink::tick);
    m_timer->start(50);
    setStatus(statusNow(LinkState::Connected));
    m_paceTimer.start();
    m_paceFromMs = m_sim->nowMs();
    tick();
}

void SimLink::tick()
{
    const std::int64_t now = m_clock->nowMs();
    // A slice at a time (a twentieth of a wall second at --speed, at least one simulated second): a simulation slower
    // than the clock still delivers its events as they happen and takes a command between two slices, instead of
    // running minutes of catch-up in one go.
    const std::int64_t slice = std::max<std::int64_t>(1000, static_cast<std::int64_t>(m_options.speed * 50.0));
    const std::int64_t target = std::min(now, m_sim->nowMs() + slice);
    std::vector<Event> events;
    m_sim->advanceTo(target, events);
    deliver(events);
    Q_EMIT simulatedUpTo(m_sim->nowMs());
    if (m_sim->nowMs() < now && !m_catchUpQueued) {
        m_catchUpQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_catchUpQueued = false;
            tick();
        }, Qt::QueuedConnection);
    }
    notePace();
    // A traffic simulation that stopped (or came back) is said in the link's status, not only by the signals.
    if (const QString problem = m_sim->trafficProblem(); problem != m_trafficProblem) {
        m_trafficProblem = problem;
        sayStatus();
    }
}

void SimLink::notePace()
{
    // Over five wall seconds: how many simulated seconds a wall second the simulation kept. Below nine tenths of
    // --speed the console's clock has been held back to it (Engine), and the status says so; back over 97 % it no
    // longer does (a margin, so the words do not flicker).
    const std::int64_t wallMs = m_paceTimer.elapsed();
    if (wallMs < 5000)
        return;
    const double pace = static_cast<double>(m_sim->nowMs() - m_paceFromMs) / static_cast<double>(wallMs);
    m_paceTimer.start();
    m_paceFromMs = m_sim->nowMs();
    const bool slower = m_slower ? pace < m_options.speed * 0.97 : pace < m_options.speed * 0.9;
    // Two significant figures are what a person reads ("×150", "×4.2").
    const double kept = !slower ? 0 : pace >= 100 ? std::round(pace / 10) * 10 : pace >= 10 ? std::round(pace) : std::round(pace * 10) / 10;
    // The figure is said again only when it moved by a fifth: SUMO's pace wanders with the traffic.
    if (slower == m_slower && (!slower || std::abs(kept - m_keptPace) <= 0.2 * m_keptPace))
        return;
    m_slower = slower;
    m_keptPace = kept;
    if (slower)
        qCWarning(lcSim).noquote() << QStringLiteral("the simulation keeps ×%1 of the ×%2 asked: the console's time follows it").arg(kept).arg(m_options.speed);
    else
        qCInfo(lcSim).noquote() << QStringLiteral("the simulation keeps the ×%1 asked again").arg(m_options.speed);
    sayStatus();
}

void SimLink::sayStatus()
{
    setStatus(statusNow(m_trafficProblem.isEmpty() ? LinkState::Connected : LinkState::Degraded));
}

void SimLink::send(const std::vector<DeviceCommand> &commands)
{
    if (!m_sim)
        return;
    // Step the model first (up to now, or one slice when it runs behind the clock), so the command's latency counts
    // from the moment it was sent.
    tick();
    for (const DeviceCommand &c : commands)
        m_sim->command(c);
}

void SimLink::stop()
{
    if (m_timer)
        m_timer->stop();
    setStatus(statusNow(LinkState::Disconnected));
}

void SimLink::planRoute(const QString &vehicle, GeoPoint destination, const RouteCallback &done)
{
    if (!m_sim)
        return done(makeError(QStringLiteral("the simulation has not started")));
    done(m_sim->planRoute(vehicle, destination));
}

void SimLink::sendRoute(const PlannedRoute &route, const SentCallback &done)
{
    if (!m_sim)
        return done(makeError(QStringLiteral("the simulation has not started")));
    done(m_sim->sendRoute(route));
}

} // namespace cityops
