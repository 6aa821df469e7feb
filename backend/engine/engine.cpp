#include "engine/engine.h"

#include "base/counted.h"
#include "base/logging.h"
#include "link/keyringturnrecord.h"
#include "ops/deskcontext.h"
#include "store/carryover.h"
#include "store/snapshot.h"

namespace cityops {

namespace {
constexpr size_t kQueueCapacity = 1 << 17;
} // namespace

Engine::Engine(std::shared_ptr<const CityModel> city, QObject *parent)
    : QObject(parent), m_city(std::move(city)), m_queue(kQueueCapacity), m_pipeline(m_city)
{
    qRegisterMetaType<cityops::LinkStatus>();
    m_rules = m_city->rules;
    m_linkThread.setObjectName(QStringLiteral("cityops-link"));
}

Engine::~Engine() { stop(); }

void Engine::attachStore(std::unique_ptr<EventStore> store)
{
    if (m_running.load() || !store)
        return;
    m_store = std::move(store);
    m_pipeline.attachStore(m_store.get());
    // A restart carries on from the recording (incidents, alarms, orders, the load hour: store/carryover.h).
    auto carried = carryOver(m_city, *m_store, m_pipeline.books());
    m_carryOver = {};
    if (!carried) {
        m_carryOver.error = carried.error();
        qCWarning(lcCore).noquote() << "could not carry over the recording's state:" << carried.error();
        return;
    }
    m_carryOver.passedOver = carried.value();
    if (m_carryOver.passedOver.count > 0)
        qCWarning(lcCore).noquote() << "carried over without" << counted(qint64(m_carryOver.passedOver.count), "event")
                                    << "it could not read, the first" << m_carryOver.passedOver.firstReason;
    if (m_store->lastSeq() > 0)
        qCInfo(lcCore).noquote() << "carried over from the recording:" << counted(qint64(m_pipeline.books().incidents().openCount()), "open incident");
}

void Engine::recordOperatorAction(OperatorAction action, const QString &user, const QString &detail)
{
    // Never through the bounded queue: the GUI thread calls this, and it must not wait for the core to make room
    // behind a flood of telemetry. A person's actions are few; the core takes them with its next batch.
    {
        std::lock_guard lock(m_requestMutex);
        m_actions.push_back(Event{0, m_clock.nowMs(), kNoDevice, OperatorActionPayload{action, user, detail}});
    }
    m_queue.wake();
}

std::function<Result<QStringList>()> Engine::recordedKeyringTurns() const
{
    if (!m_store)
        return {};
    return [path = m_store->path(), city = m_city]() -> Result<QStringList> {
        auto reader = StoreReader::open(path, city);
        if (!reader)
            return makeError(reader.error());
        return reader.value()->markerLabels(keyringturnrecord::labelStart(), keyringturnrecord::labelPart());
    };
}

std::function<std::pair<wire::ConsoleStatus::Recording, QString>()> Engine::ownRecording() const
{
    if (!m_store)
        return {};
    return [store = m_store.get()] {
        using Said = wire::ConsoleStatus::Recording;
        const EventStore::Stats stats = store->stats();
        switch (stats.verdict()) {
        case EventStore::Stats::Verdict::NotRecording: return std::pair{Said::NotRecording, stats.error};
        case EventStore::Stats::Verdict::AtRisk: return std::pair{Said::AtRisk, QString()};
        case EventStore::Stats::Verdict::Checking:
        case EventStore::Stats::Verdict::Recording: break;
        }
        return std::pair{Said::Recording, QString()};
    };
}

void Engine::start(std::unique_ptr<FieldLink> link, const QString &user, std::int64_t sessionStartMs)
{
    if (m_running.exchange(true))
        return;
    // The console's clock runs on the link's time base; the link only reads it from now on.
    const TimeBase base = link->timeBase();
    const std::int64_t origin = base.originMs > 0 ? base.originMs : QDateTime::currentMSecsSinceEpoch();
    if (base.startsWhenLive) {
        m_clock.startHeld(origin, base.speed);
        // Released on the link's own thread the moment it says it is live, before its first live step reads it.
        connect(link.get(), &FieldLink::statusChanged, this, [this](const LinkStatus &status) {
            if (status.state == LinkState::Connected)
                m_clock.release();
        }, Qt::DirectConnection);
        // Nor may it run away from a simulation slower than --speed (SUMO flat out keeps about ×150): it runs at most
        // a quarter of a wall second ahead of what has been simulated (two simulated seconds at slow speeds) — two
        // of SimLink's slices or more (five from ×40), so a simulation that keeps up is never held.
        const std::int64_t lead = std::max<std::int64_t>(2000, static_cast<std::int64_t>(base.speed * 250.0));
        connect(link.get(), &FieldLink::simulatedUpTo, this, [this, lead](std::int64_t reachedMs) { m_clock.setLimit(reachedMs + lead); },
                Qt::DirectConnection);
    } else if (base.originMs <= 0 && base.speed == 1.0) {
        m_clock.followSystem(base.system);   // a real field: the system's clock as NTP keeps it
    } else {
        m_clock.start(origin, base.speed);
    }
    // The session marker goes first, so a replay of this store resets exactly where this process started. It is
    // stamped no later than the first thing the link reports, because the sequencer never lets time go backwards.
    const std::int64_t start = std::max(sessionStartMs > 0 ? sessionStartMs : m_clock.nowMs(), m_store ? m_store->lastTimeMs() : 0);
    // It says which snapshots this run writes: a rebuild checks them (store/snapshotcheck.h).
    std::vector<Event> opening{Event{0, start, kNoDevice, SessionPayload{session(), snapshotcodec::kCheckableVersion}}};
    m_queue.push(std::move(opening), Overflow::Block);
    if (!user.isEmpty()) {
        // Sign-in is recorded when the city is live, after any history the link replays on start.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &Engine::linkStatusChanged, this, [this, user, connection](const LinkStatus &status) {
            if (status.state != LinkState::Connected)
                return;
            recordOperatorAction(OperatorAction::SignIn, user);
            disconnect(*connection);
        });
    }
    m_driver = std::make_unique<LiveOpsLoop>(m_pipeline, m_city, session(), m_dispatchConfig, m_idSalt);
    m_link = std::move(link);
    m_driver->setRoster(m_roster);
    m_driver->setShareFilter([link = m_link.get()](const Event &e) { return link->shares(e); });
    // Whether another console is gone is known only while this console hears the broker (ops/goneconsole.h).
    m_driver->setHearing([this] { return hearsOtherConsoles(); });
    m_link->setSink(&m_queue);
    m_core = std::thread([this] { coreLoop(); });
    connect(m_link.get(), &FieldLink::statusChanged, this, &Engine::linkStatusChanged, Qt::QueuedConnection);
    m_link->moveToThread(&m_linkThread);
    m_linkThread.start();
    QMetaObject::invokeMethod(m_link.get(), &FieldLink::start, Qt::QueuedConnection);
}

void Engine::planRoute(const QString &vehicle, GeoPoint destination, FieldLink::RouteCallback done)
{
    if (!m_running.load() || !m_link)
        return done(makeError(QStringLiteral("the console is not connected to the field")));
    FieldLink *link = m_link.get();
    QMetaObject::invokeMethod(link, [link, vehicle, destination, done = std::move(done)] { link->planRoute(vehicle, destination, done); },
                              Qt::QueuedConnection);
}

void Engine::sendRoute(const PlannedRoute &route, FieldLink::SentCallback done)
{
    if (!m_running.load() || !m_link)
        return done(makeError(QStringLiteral("the console is not connected to the field")));
    FieldLink *link = m_link.get();
    QMetaObject::invokeMethod(link, [link, route, done = std::move(done)] { link->sendRoute(route, done); }, Qt::QueuedConnection);
}

bool Engine::issuedHere(std::uint32_t orderId) const
{
    // The number and the book: another console's ids carry this run's session bits for one run pair in 4,096.
    if (!allocatedInSession(orderId, session(), m_idSalt))
        return false;
    const std::optional<Order> order = orders().find(orderId);
    return order && !order->isAnotherConsoles();
}

std::optional<GatewaySummary> Engine::deviceGateway(DeviceIndex device) const
{
    const std::optional<QString> name = m_link ? m_link->gatewayOf(device) : std::nullopt;
    if (!name)
        return std::nullopt;
    for (GatewaySummary &g : m_link->gateways())
        if (g.name == *name)
            return std::move(g);
    return std::nullopt;
}

void Engine::stop()
{
    if (!m_running.exchange(false))
        return;
    // The core first, the link after it: what the core's last round handed the link — a step to share, a command —
    // is queued on the link's thread before the link's stop, so it still goes out. The other way round, a console
    // closed just after one of its orders finished could stop its link before that last step was shared, and the
    // other consoles kept the order open. Closing the queue also releases a link blocked on a full queue (it drops
    // what it pushes from then on).
    m_queue.close();
    if (m_core.joinable())
        m_core.join();
    if (m_link) {
        QMetaObject::invokeMethod(m_link.get(), &FieldLink::stop, Qt::BlockingQueuedConnection);
        m_linkThread.quit();
        m_linkThread.wait();
    }
    // Actions recorded after the core's last batch (the core thread is gone: this thread is the only writer now).
    if (m_driver) {
        std::vector<Event> last;
        takeOperatorActions(last);
        m_processed += m_driver->ingest(last);
    }
    if (m_store)
        m_store->flush();
    // Anyone still waiting for an answer gets one.
    std::vector<PendingRequest> left;
    {
        std::lock_guard lock(m_requestMutex);
        left.swap(m_requests);
    }
    for (PendingRequest &r : left)
        if (r.done)
            r.done(makeError(QStringLiteral("the console is shutting down")));
}

void Engine::request(const Actor &actor, OpsRequest request, OpsCallback done)
{
    if (!m_running.load()) {
        if (done)
            done(makeError(QStringLiteral("the engine is not running")));
        return;
    }
    {
        std::lock_guard lock(m_requestMutex);
        m_requests.push_back({actor, std::move(request), std::move(done)});
    }
    m_queue.wake();
}

void Engine::setResponseRules(const ResponseRules &rules, const QString &changes)
{
    {
        std::lock_guard lock(m_requestMutex);
        m_rules = rules;
        m_rulesChanged = true;
        m_actions.push_back(Event{0, m_clock.nowMs(), kNoDevice, OperatorActionPayload{OperatorAction::RulesChanged, kCityActor, changes}});
    }
    m_queue.wake();
    Q_EMIT responseRulesChanged(changes);
}

ResponseRules Engine::responseRules() const
{
    std::lock_guard lock(m_requestMutex);
    return m_rules;
}

void Engine::takeOperatorActions(std::vector<Event> &batch)
{
    std::lock_guard lock(m_requestMutex);
    // The rules before the batch that records their change: an incident in the same batch already gets them.
    if (m_rulesChanged && m_driver) {
        m_driver->setRules(m_rules);
        m_rulesChanged = false;
    }
    for (Event &e : m_actions)
        batch.push_back(std::move(e));
    m_actions.clear();
}

void Engine::serveRequests(bool live)
{
    std::vector<PendingRequest> requests;
    {
        std::lock_guard lock(m_requestMutex);
        requests.swap(m_requests);
    }
    for (PendingRequest &r : requests) {
        // Stamped at the clock once live; during the link's replay of recent history, at the history's position
        // (the sequence's time never goes backwards, so "now" would push the rest of the history into the future).
        const std::int64_t now = live ? m_clock.nowMs() : m_pipeline.sequencer().lastTimeMs();
        auto result = m_driver->request(r.actor, r.request, now);
        if (r.done)
            r.done(result);
    }
}

void Engine::coreLoop()
{
    std::vector<Event> batch;
    while (true) {
        batch.clear();
        const bool open = m_queue.popAll(batch, std::chrono::milliseconds(50));
        takeOperatorActions(batch);
        m_processed += m_driver->ingest(batch);
        m_peerRefused = m_driver->gate().refused();
        // The ops clock runs once the link is live; before, the link is still reporting history.
        const bool live = m_link && m_link->hasBeenLive();
        serveRequests(live);
        if (live)
            m_processed += m_driver->tick(m_clock.nowMs());
        if (std::vector<DeviceCommand> send = m_driver->takeCommands(); !send.empty()) {
            FieldLink *link = m_link.get();
            QMetaObject::invokeMethod(link, [link, commands = std::move(send)] { link->send(commands); }, Qt::QueuedConnection);
        }
        for (const OperatorActionPayload &wall : m_driver->takeWallRequests())
            Q_EMIT wallRequested(wall.user, wall.detail);
        if (std::vector<Event> shared = m_driver->takeShared(); !shared.empty()) {
            FieldLink *link = m_link.get();
            QMetaObject::invokeMethod(link, [link, events = std::move(shared)] { link->share(events); }, Qt::QueuedConnection);
        }
        if (!open)
            break;
    }
    qCDebug(lcCore) << "core thread finished after" << m_processed.load() << "events";
}

Engine::Stats Engine::stats() const
{
    return {m_processed.load(), m_queue.dropped(), m_pipeline.sequencer().lastSeq(), m_peerRefused.load()};
}

LinkStatus Engine::linkStatus() const { return m_link ? m_link->status() : LinkStatus::network(LinkState::Disconnected, {}); }

} // namespace cityops
