#include "link/simlink.h"

#include "base/logging.h"

#include <QDateTime>
#include <QElapsedTimer>

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

QString SimLink::description() const
{
    const QString base = QStringLiteral("simulator ×%1").arg(m_options.speed);
    return m_options.signalPlant ? base + QStringLiteral(" · signals by SUMO") : base;
}

void SimLink::start()
{
    const QString description = this->description();
    setStatus(LinkState::Starting, description);
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
    setStatus(LinkState::Connected, description);
    tick();
}

void SimLink::tick()
{
    std::vector<Event> events;
    m_sim->advanceTo(m_clock->nowMs(), events);
    deliver(events);
    // A traffic simulation that stopped (or came back) is said in the link's status, not only by the signals.
    if (const QString problem = m_sim->trafficProblem(); problem != m_trafficProblem) {
        m_trafficProblem = problem;
        const QString description = this->description();
        if (problem.isEmpty())
            setStatus(LinkState::Connected, description);
        else
            setStatus(LinkState::Degraded, QStringLiteral("%1 — %2; signals not reporting until it runs again").arg(description, problem));
    }
}

void SimLink::send(const std::vector<DeviceCommand> &commands)
{
    if (!m_sim)
        return;
    // Catch the model up to now first, so the command's latency counts from the moment it was sent.
    tick();
    for (const DeviceCommand &c : commands)
        m_sim->command(c);
}

void SimLink::stop()
{
    if (m_timer)
        m_timer->stop();
    setStatus(LinkState::Disconnected, QStringLiteral("simulator stopped"));
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
