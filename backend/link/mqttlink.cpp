#include "link/mqttlink.h"

#include "base/logging.h"
#include "link/mqttlinkcounters.h"
#include "security/keyringjournal.h"

#include <QDateTime>

#include <set>
#include <tuple>

namespace cityops {

namespace {

/// Moves the times a report carries besides its own (an incident's beginning, a vehicle's spell, a signal's next
/// switch) by `byMs`: a source whose clock is off has them off by as much as its report's time.
void moveSourceTimes(Event &event, std::int64_t byMs)
{
    if (auto *signal = std::get_if<SignalPayload>(&event.payload); signal && signal->nextSwitchMs > 0)
        signal->nextSwitchMs += byMs;
    else if (auto *vehicle = std::get_if<VehiclePayload>(&event.payload); vehicle && vehicle->sinceMs >= 0)
        vehicle->sinceMs = std::max<std::int64_t>(0, vehicle->sinceMs + byMs);
    else if (auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload); raised && raised->sinceMs > 0)
        raised->sinceMs = std::max<std::int64_t>(1, raised->sinceMs + byMs);
}

/// The options with the wall clock they name, the system's when none: the numbers and the operations read one clock.
MqttLinkOptions withSystemClock(MqttLinkOptions options)
{
    if (!options.wallClock)
        options.wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    return options;
}

} // namespace

MqttLink::MqttLink(std::shared_ptr<const CityModel> city, const ConsoleClock *clock, MqttLinkOptions options,
                   std::optional<CommandSigner> signer)
    : m_city(std::move(city)), m_clock(clock), m_options(withSystemClock(std::move(options))), m_signer(std::move(signer)),
      m_incidentOwners(std::max<std::size_t>(10'000, 2 * m_city->devices.size())), m_counts(std::make_unique<AtomicCounters>()),
      m_numbers(std::make_shared<WireNumbers>(m_options.numbersPath)),
      m_ops(*m_city, m_options.mqtt.clientId, m_signer ? &*m_signer : nullptr, m_options.consoles, m_options.wallClock, m_numbers),
      m_fleet(m_city), m_roadPictures(m_city)
{
    m_options.maxGateways = std::clamp(m_options.maxGateways, 1, 32767);   // gateway numbers are kept per device in 16 bits
    m_deviceSeq.resize(m_city->devices.size());
    m_gatewayOfDevice = std::make_unique<std::atomic<std::int16_t>[]>(m_city->devices.size());
    for (size_t d = 0; d < m_city->devices.size(); ++d)
        m_gatewayOfDevice[d].store(-1, std::memory_order_relaxed);
    m_endpoint = m_options.mqtt.url.toString();
    m_ownConsoleKeys = heldKeys({m_options.consoles, {}});
}

QString MqttLink::heldKeys(const KeyringState &keyring)
{
    // A keyring not believed, or holding nobody, tells nothing of the gateways' (its own trouble is said elsewhere).
    return keyring.keys && !keyring.keys->isEmpty() ? keyringjournal::digestOf(keyring.keys.get()) : QString();
}

MqttLink::~MqttLink() { m_recordReader.waitForDone(); }

LinkStatus MqttLink::trouble(const QString &why, bool retrying) const
{
    // The client's words name the broker's address, which the status shows anyway: said once, not twice.
    const QString prefix = m_endpoint + QStringLiteral(": ");
    QString problem = why.startsWith(prefix) ? why.mid(prefix.size()) : why;
    problem.replace(m_endpoint, QStringLiteral("the broker"));
    return LinkStatus::network(hasBeenLive() ? LinkState::Degraded : LinkState::Disconnected, m_endpoint, problem, retrying);
}

LinkCounters MqttLink::counters() const
{
    const AtomicCounters &a = *m_counts;
    LinkCounters c;
    c.accepted = a.accepted;
    c.malformed = a.malformed;
    c.oversized = a.oversized;
    c.unknownVersion = a.unknownVersion;
    c.unknownDevice = a.unknownDevice;
    c.unknownGateway = a.unknownGateway;
    c.notTheirs = a.notTheirs;
    c.wrongKind = a.wrongKind;
    c.untrusted = a.untrusted;
    c.replayed = a.replayed;
    c.refused = c.malformed + c.oversized + c.unknownVersion + c.unknownDevice + c.wrongKind + c.unknownGateway + c.notTheirs + c.untrusted + c.replayed;
    c.duplicates = a.duplicates;
    c.gaps = a.gaps;
    c.refreshes = a.refreshes;
    c.skewed = a.skewed;
    c.commandsSent = a.commandsSent;
    c.results = a.results;
    c.unsolicited = a.unsolicited;
    c.sendFailures = a.sendFailures;
    c.waiting = m_unsentCount.load();
    c.reconnects = m_client ? m_client->reconnects() : 0;
    c.opsShared = m_ops.shared();
    c.opsReceived = m_ops.received();
    c.sendFailures += m_ops.failures();
    c.keyringProblem = m_ops.keyringProblem();
    OpsExchange::ConsoleClocks clocks = m_ops.consoleClocks();
    c.consolesOffClock = std::move(clocks.offClock);
    c.consolesInStep = std::move(clocks.inStep);
    c.consolesOtherKeys = consolesWithOtherKeys();
    c.consolesRecordingTrouble = consolesRecordingTrouble();
    return c;
}

void MqttLink::start()
{
    setStatus(LinkStatus::network(LinkState::Starting, m_endpoint));
    readRecordedKeyringTurns();
    MqttOptions mqtt = m_options.mqtt;
    mqtt.willTopic = wire::consoleStatusTopic(mqtt.clientId);
    mqtt.willForConnection = [this] { return willForNextConnection(); };
    checkOwnRecording();   // the first status says it
    auto client = MqttClient::create(mqtt);
    if (!client) {
        setStatus(trouble(client.error(), false));
        return;
    }
    m_client = std::move(client).value();
    m_ops.setPublisher([client = m_client.get()](const QByteArray &topic, const QByteArray &payload) {
        return client->publish(topic, payload, 1);
    });
    m_client->onConnection([this](bool connected, const QString &why) { onConnection(connected, why); });
    m_client->onMessage([this](const MqttClient::Message &m) { onMessage(m); });
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &MqttLink::onTimer);
    m_timer->start(m_options.refreshIntervalMs);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setTimerType(Qt::PreciseTimer);
    connect(m_flushTimer, &QTimer::timeout, this, &MqttLink::flushBatch);
    m_flushTimer->start(2);
    if (!m_options.consolesPath.isEmpty()) {
        // Made here, on the link's thread (never the GUI's): it reads the file on the thread it lives on.
        m_keyringWatch = std::make_unique<KeyringWatch>(m_options.consolesPath, ConsoleKeyring::Kind::Consoles, m_options.consoles,
                                                        m_options.consolesMissingIsEmpty);
        connect(m_keyringWatch.get(), &KeyringWatch::changed, this, [this](const KeyringState &keyring) {
            m_ops.setKeyring(keyring);
            {
                std::lock_guard lock(m_mutex);
                m_ownConsoleKeys = heldKeys(keyring);
            }
            recordKeyringTurns();
            restateOwnStatus();
            // A console taken out of the keyring cannot end its orders here any more (its steps are refused): the
            // roll says so, and a supervisor may release what they hold.
            std::vector<Event> change;
            m_consoleRoll.keyringChanged([this](const QString &console) { return m_ops.keyringSays(console); }, m_clock->nowMs(), change);
            if (!change.empty())
                sink()->push(std::move(change), Overflow::DropNewest);
            // The statuses are checked against the keyring as it stands: the broker sends the retained ones again
            // on a new subscription (a console put back, or one whose status came while the keyring was refused).
            if (m_client && m_client->connected())
                m_client->subscribe(wire::root() + "/console/+/status", 1);
        });
    }
    if (!m_options.approversPath.isEmpty()) {
        auto approvers = ConsoleKeyring::load(m_options.approversPath, true, ConsoleKeyring::Kind::Approvers);
        const auto read = approvers ? std::make_shared<const ConsoleKeyring>(std::move(approvers).value()) : nullptr;
        {
            std::lock_guard lock(m_mutex);
            m_ownApproverKeys = heldKeys({read, {}});
        }
        m_approverWatch = std::make_unique<KeyringWatch>(m_options.approversPath, ConsoleKeyring::Kind::Approvers, read, true);
        connect(m_approverWatch.get(), &KeyringWatch::changed, this, [this](const KeyringState &keyring) {
            {
                std::lock_guard lock(m_mutex);
                m_ownApproverKeys = heldKeys(keyring);
            }
            recordKeyringTurns();
            restateOwnStatus();
        });
    }
    if (auto started = m_client->start(); !started)
        setStatus(trouble(started.error(), false));
}

void MqttLink::stop()
{
    m_recordReader.waitForDone();
    m_keyringWatch.reset();
    m_approverWatch.reset();
    if (m_timer)
        m_timer->stop();
    if (m_flushTimer)
        m_flushTimer->stop();
    flushBatch();
    if (m_client) {
        publishOwnStatus(statusPayload(false, m_connection.load()));   // the goodbye: what the Will would have said
        m_client->stop();
    }
    setStatus(LinkStatus::network(LinkState::Disconnected, m_endpoint));
}

void MqttLink::onConnection(bool connected, const QString &why)
{
    if (connected) {
        // Clean start: subscriptions are ours to renew on every connection.
        m_client->subscribe(wire::root() + "/gw/#", 1);
        m_client->subscribe(wire::resultTopic(consoleId()), 1);
        m_client->subscribe(wire::opsTopic(), 1, true);
        m_client->subscribe(wire::root() + "/console/+/status", 1);
        m_client->subscribe(wire::handoverTopic(consoleId()), 1);
        publishOwnStatus(statusPayload(true, m_connection.load()));   // the connection the Will was signed for
        {
            std::lock_guard lock(m_mutex);
            m_fullRefreshWanted = true;   // whatever happened while we were away
            // Our own outage silenced every gateway: their heartbeats are timed afresh from now.
            for (GatewayLife &life : m_gateways)
                life.lastHeardMs = m_clock->nowMs();
        }
        setStatus(LinkStatus::network(LinkState::Connected, m_endpoint));
        qCInfo(lcLink) << "connected to" << m_endpoint;
    } else {
        {
            std::lock_guard lock(m_mutex);
            for (GatewayLife &life : m_gateways)
                life.offline.forget();   // said by a broker on its way down, most likely: nothing is known now
        }
        m_consoleRoll.lostBroker();   // the same for consoles
        qCWarning(lcLink) << "broker connection:" << why;
        setStatus(trouble(why, true));
    }
}

void MqttLink::onMessage(const MqttClient::Message &m)
{
    const wire::TopicRef ref = wire::parseTopic(m.topic);
    switch (ref.kind) {
    case wire::TopicRef::DeviceState:
    case wire::TopicRef::DevicePresence: onDeviceReport(ref, m); break;
    case wire::TopicRef::GatewayEvent: onFieldEvent(ref, m.payload); break;
    case wire::TopicRef::GatewayStatus: onGatewayStatus(ref, m.payload); break;
    case wire::TopicRef::Result: onResult(m); break;
    case wire::TopicRef::Ops: onOps(m.payload, false); break;
    case wire::TopicRef::Handover: onOps(m.payload, true); break;
    case wire::TopicRef::ConsoleStatus: onConsoleStatus(ref, m); break;
    default: refuse({wire::Refusal::WrongKind, QStringLiteral("unexpected topic")}, m.topic); break;
    }
}

void MqttLink::refuse(const wire::Refused &refused, const QByteArray &topic)
{
    AtomicCounters &a = *m_counts;
    switch (refused.reason) {
    case wire::Refusal::Oversized: ++a.oversized; break;
    case wire::Refusal::Malformed: ++a.malformed; break;
    case wire::Refusal::UnknownVersion: ++a.unknownVersion; break;
    case wire::Refusal::UnknownDevice: ++a.unknownDevice; break;
    case wire::Refusal::WrongKind: ++a.wrongKind; break;
    case wire::Refusal::Untrusted: ++a.untrusted; break;
    case wire::Refusal::Replayed: ++a.replayed; break;
    }
    // Forgeries and replays are what an attacker on the broker would try: they are worth a line in the log.
    if (refused.reason == wire::Refusal::Untrusted || refused.reason == wire::Refusal::Replayed) {
        if (m_trustWarnings.allow())
            qCWarning(lcLink).nospace() << "refused " << wire::refusalName(refused.reason) << " message on " << topic << ": " << refused.detail
                                        << " (" << m_trustWarnings.count() << " so far)";
    }
    else
        qCDebug(lcLink) << "refused" << wire::refusalName(refused.reason) << "on" << topic << ":" << refused.detail;
}

void MqttLink::refuseNotTheirs(const QString &detail, const QByteArray &topic)
{
    // A gateway set up wrongly, or an account someone took: worth a line in the log, as forgeries are.
    ++m_counts->notTheirs;
    if (m_trustWarnings.allow())
        qCWarning(lcLink).nospace() << "refused a gateway's message about what is not its own on " << topic << ": " << detail << " ("
                                    << m_trustWarnings.count() << " so far)";
}

void MqttLink::refuseIncident(const QString &gateway, const Event &event, const FieldIncidentOwners::Claim &claim)
{
    const bool raise = std::holds_alternative<IncidentRaisedPayload>(event.payload);
    const IncidentId id = raise ? std::get<IncidentRaisedPayload>(event.payload).id : std::get<IncidentClearedPayload>(event.payload).id;
    if (claim.verdict == FieldIncidentOwners::Claim::TooMany) {
        if (claim.firstRefusal)
            qCWarning(lcLink).nospace() << "gateway " << gateway << " holds " << m_incidentOwners.maxOpenPerGateway()
                                        << " open incidents, the most one gateway may: its further incidents are refused until it clears some";
        return refuse({wire::Refusal::Oversized, QStringLiteral("%1 raised incident %2 while holding %3 open ones, the most one gateway may")
                                                     .arg(gateway)
                                                     .arg(id)
                                                     .arg(m_incidentOwners.maxOpenPerGateway())},
                      wire::gatewayEventTopic(gateway));
    }
    QString holder;
    {
        std::lock_guard lock(m_mutex);
        holder = m_gatewayNames[size_t(claim.holder)];
    }
    refuseNotTheirs(QStringLiteral("%1 %2 incident %3, which is %4's (open)").arg(gateway, raise ? QLatin1String("raised") : QLatin1String("cleared")).arg(id).arg(holder),
                    wire::gatewayEventTopic(gateway));
}

ReportSequence::Verdict MqttLink::checkSequence(ReportSequence &known, int gateway, std::uint64_t boot, std::uint64_t seq)
{
    const std::uint64_t running = runningBoot(gateway);
    const ReportSequence::Check check = known.check(boot, seq, running);
    if (check.verdict == ReportSequence::Verdict::Duplicate)
        ++m_counts->duplicates;
    m_counts->gaps += check.missing;
    return check.verdict;
}

void MqttLink::push(Event event)
{
    const std::int64_t now = m_clock->nowMs();
    if (std::llabs(event.timeMs - now) > m_options.skewToleranceMs) {
        // Stamped on arrival, and what it dates besides by the same amount: an incident of a gateway an hour behind
        // is not an hour overdue the moment it arrives, nor one of a gateway ahead due an hour late.
        ++m_counts->skewed;
        moveSourceTimes(event, now - event.timeMs);
        event.timeMs = now;
    }
    std::vector<Event> full;
    {
        std::lock_guard lock(m_batchMutex);
        if (m_batch.empty())
            m_batchAge.start();
        m_batch.push_back(std::move(event));
        if (m_batch.size() >= 256 || m_batchAge.nsecsElapsed() >= 2'000'000)
            full.swap(m_batch);
    }
    if (!full.empty())
        sink()->push(std::move(full), Overflow::DropNewest);
}

void MqttLink::flushBatch()
{
    std::vector<Event> batch;
    {
        std::lock_guard lock(m_batchMutex);
        batch.swap(m_batch);
    }
    if (!batch.empty())
        sink()->push(std::move(batch), Overflow::DropNewest);
}

void MqttLink::onDeviceReport(const wire::TopicRef &ref, const MqttClient::Message &m)
{
    if (!admitGateway(ref.gateway))
        return;
    auto parsed = wire::decodeDeviceReport(m.payload, ref.device, ref.kind, *m_city);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(*refused, m.topic);
    wire::DeviceReport &report = std::get<wire::DeviceReport>(parsed);
    const DeviceIndex device = report.event.device;
    const int gateway = gatewayNumber(ref.gateway);
    if (const int district = m_city->devices[device].district; !servesDistrict(gateway, district))
        return refuseNotTheirs(QStringLiteral("%1 reported %2 of %3, a district it does not serve")
                                   .arg(ref.gateway, m_city->devices[device].id, districtOrNone(district)),
                               m.topic);
    if (const std::optional<QString> keeper = deviceHeldByAnother(device, gateway))
        return refuseNotTheirs(QStringLiteral("%1 reported %2, which reports through %3 (running)").arg(ref.gateway, m_city->devices[device].id, *keeper),
                               m.topic);
    const ReportSequence::Verdict verdict = checkSequence(m_deviceSeq[device], gateway, report.boot, report.seq);
    if (verdict == ReportSequence::Verdict::Duplicate)
        return;
    if (verdict == ReportSequence::Verdict::AfterGap) {
        std::lock_guard lock(m_mutex);
        m_refreshWanted.insert(device);
    }
    m_gatewayOfDevice[device].store(static_cast<std::int16_t>(gateway), std::memory_order_relaxed);
    ++m_counts->accepted;
    m_gatewayClocks.heard(gateway, report.event.timeMs, m_clock->nowMs());
    push(std::move(report.event));
}

void MqttLink::onFieldEvent(const wire::TopicRef &ref, const QByteArray &payload)
{
    if (!admitGateway(ref.gateway))
        return;
    auto parsed = wire::decodeFieldEvent(payload, *m_city);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(*refused, wire::gatewayEventTopic(ref.gateway));
    wire::FieldEvent &e = std::get<wire::FieldEvent>(parsed);
    const int number = gatewayNumber(ref.gateway);
    const ReportSequence::Verdict verdict = checkSequence(m_gatewaySeq[ref.gateway], number, e.boot, e.seq);
    if (verdict == ReportSequence::Verdict::Duplicate)
        return;
    if (const QString outside = outsideItsDistricts(number, e.event); !outside.isEmpty())
        return refuseNotTheirs(QStringLiteral("%1 reported %2, a district it does not serve").arg(ref.gateway, outside),
                               wire::gatewayEventTopic(ref.gateway));
    if (const auto *vehicle = std::get_if<VehiclePayload>(&e.event.payload))
        if (const std::optional<QString> keeper = vehicleHeldByAnother(vehicle->id, number))
            return refuseNotTheirs(QStringLiteral("%1 reported vehicle %2, which reports through %3 (running)").arg(ref.gateway, vehicle->id, *keeper),
                                   wire::gatewayEventTopic(ref.gateway));
    if (const FieldIncidentOwners::Claim claim = m_incidentOwners.claim(e.event, number); claim.verdict != FieldIncidentOwners::Claim::Taken)
        return refuseIncident(ref.gateway, e.event, claim);
    if (verdict == ReportSequence::Verdict::AfterGap) {
        std::lock_guard lock(m_mutex);
        m_fullRefreshWanted = true;   // a lost incident report: ask for the whole picture
    }
    ++m_counts->accepted;
    m_gatewayClocks.heard(number, e.event.timeMs, m_clock->nowMs());
    if (const auto *vehicle = std::get_if<VehiclePayload>(&e.event.payload))
        m_fleet.vehicleReported(vehicle->id, ref.gateway, m_clock->nowMs());
    else if (auto *roads = std::get_if<RoadTrafficPayload>(&e.event.payload))
        *roads = m_roadPictures.take(number, m_servedDistricts[size_t(number)], std::move(roads->roads), m_clock->nowMs());
    push(std::move(e.event));
}

void MqttLink::onOps(const QByteArray &payload, bool handover)
{
    auto received = m_ops.receive(payload, handover);
    if (auto *refused = std::get_if<wire::Refused>(&received))
        return refuse(*refused, handover ? wire::handoverTopic(consoleId()) : wire::opsTopic());
    std::vector<Event> &events = std::get<std::vector<Event>>(received);
    if (events.empty())
        return;
    const std::int64_t now = m_clock->nowMs();
    for (Event &e : events)
        e.timeMs = now;
    flushBatch();
    sink()->push(std::move(events), Overflow::DropNewest);
}

void MqttLink::share(const std::vector<Event> &events)
{
    // A target with its final result must not act later: a retry still waiting here for the broker is dropped
    // (what the record says is what the field did).
    if (!m_unsent.empty()) {
        // One pass over the waiting commands whatever the batch's size (an order's 600 results, 20,000 waiting).
        std::set<std::tuple<std::uint32_t, std::uint16_t, DeviceIndex>> finished;   // targets with their result
        for (const Event &e : events)
            if (const auto *c = std::get_if<CommandPayload>(&e.payload); c && e.device != kNoDevice && isTerminal(c->stage))
                finished.emplace(c->order, c->step, e.device);
        if (!finished.empty()) {
            std::erase_if(m_unsent, [&](const DeviceCommand &u) { return finished.count({u.order, u.step, u.device}) > 0; });
            m_unsentCount = m_unsent.size();
        }
    }
    m_ops.share(events);
}

void MqttLink::requestRefresh(const std::vector<QString> &devices)
{
    if (m_client && m_client->publish(wire::refreshTopic(), wire::encodeRefresh({consoleId(), devices}), 1))
        ++m_counts->refreshes;
}

void MqttLink::planRoute(const QString &vehicle, GeoPoint destination, const RouteCallback &done)
{
    if (!m_client || !m_client->connected())
        return done(makeError(QStringLiteral("the broker is unreachable: no route can be asked for now")));
    auto out = m_fleet.plan(vehicle, destination, m_clock->nowMs(), done);
    if (!out)
        return done(makeError(out.error()));
    if (!m_client->publish(out->topic, out->payload, 1, false, wire::resultTopic(consoleId()), out->correlation)) {
        m_fleet.forget(out->correlation);
        done(makeError(QStringLiteral("the broker did not take the request: try again")));
    }
}

void MqttLink::sendRoute(const PlannedRoute &route, const SentCallback &done)
{
    if (!m_client || !m_client->connected())
        return done(makeError(QStringLiteral("the broker is unreachable: the vehicle was not sent")));
    auto out = m_fleet.send(route, m_signer ? &*m_signer : nullptr, m_clock->nowMs(), done);
    if (!out)
        return done(makeError(out.error()));
    if (!m_client->publish(out->topic, out->payload, 1, false, wire::resultTopic(consoleId()), out->correlation)) {
        m_fleet.forget(out->correlation);
        done(makeError(QStringLiteral("the broker did not take the request: the vehicle was not sent")));
    }
}

void MqttLink::onTimer()
{
    checkOwnRecording();
    for (const std::function<void()> &tell : m_fleet.expire(m_clock->nowMs()))
        tell();
    // A gateway's first road picture that did not come in time: its districts are not counted from now.
    if (std::optional<RoadTrafficPayload> roads = m_roadPictures.expire(m_clock->nowMs())) {
        flushBatch();
        sink()->push({Event{0, m_clock->nowMs(), kNoDevice, std::move(*roads)}}, Overflow::DropNewest);
    }
    std::vector<QString> devices;
    struct Gone {
        int number;
        QString gateway;
        const char *why;
    };
    std::vector<Gone> silent;
    bool full = false;
    {
        std::lock_guard lock(m_mutex);
        full = m_fullRefreshWanted;
        m_fullRefreshWanted = false;
        for (DeviceIndex d : std::as_const(m_refreshWanted))
            devices.push_back(m_city->devices[d].id);
        m_refreshWanted.clear();
        // Answers that can no longer come: the command expired at the device.
        const std::int64_t now = m_clock->nowMs();
        for (auto it = m_outstanding.begin(); it != m_outstanding.end();)
            it = it->expiresMs + 60'000 < now ? m_outstanding.erase(it) : std::next(it);
        if (m_client)
            m_client->setUrgent(!m_outstanding.isEmpty() || m_unsentCount.load() > 0);
        // A gateway whose heartbeat stopped for 1.5 keep-alives is gone, whatever the broker has noticed yet — unless
        // it is we who cannot hear anyone (the broker is away): then nothing is known about the field, and the status
        // line says so instead of a wall of devices going offline.
        const bool hearing = m_client && m_client->connected();
        for (auto it = m_gateways.begin(); hearing && it != m_gateways.end(); ++it) {
            const bool saidOffline = it->offline.due(now);
            const bool noHeartbeat = !it->silent && it->keepAliveMs > 0 && now - it->lastHeardMs > it->keepAliveMs * 3 / 2;
            if (saidOffline || noHeartbeat) {
                it->silent = true;
                it->offline.forget();
                silent.push_back({it->number, it.key(), saidOffline ? "it said goodbye or its Will was published"
                                                                     : "no heartbeat for 1.5 keep-alives"});
            }
        }
    }
    for (const Gone &g : silent)
        gatewayGone(g.number, g.gateway, g.why);
    if (m_client && m_client->connected()) {
        std::vector<Event> gone;
        m_consoleRoll.tick(m_clock->nowMs(), gone);
        if (!gone.empty())
            sink()->push(std::move(gone), Overflow::DropNewest);
    }
    if (!m_client)
        return;
    if (!m_client->connected()) {
        // Failed attempts (refused, unresolvable, TLS) call nothing back: say the latest reason while retrying.
        const QString why = m_client->lastError();
        if (!why.isEmpty() && why != m_shownError) {
            m_shownError = why;
            setStatus(trouble(why, true));
        }
        return;
    }
    m_shownError.clear();
    flushUnsent();
    if (full) {
        requestRefresh({});
    } else {
        // Requests stay well under the payload limit: at most 100 ids each.
        for (size_t i = 0; i < devices.size(); i += 100)
            requestRefresh(std::vector<QString>(devices.begin() + static_cast<std::ptrdiff_t>(i),
                                                devices.begin() + static_cast<std::ptrdiff_t>(std::min(devices.size(), i + 100))));
    }
}

} // namespace cityops
