#include "link/devicegateway.h"

#include "link/districtspokenfor.h"
#include "security/approval.h"
#include "security/keyringjournal.h"

#include "base/logging.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace cityops {
DeviceGateway::DeviceGateway(std::shared_ptr<const CityModel> city, GatewayOptions options, std::optional<CommandVerifier> verifier)
    : m_city(std::move(city)), m_options(std::move(options)), m_consoleKeyring(m_options.consoles),
      m_commandKeyId(verifier ? verifier->keyId() : QString()), m_saysConsoleKeys(m_options.consoles || verifier),
      m_trust(std::move(verifier), {m_options.consoles, {}}, {m_options.approvers, {}}), // none given: not said
      m_consoleKeys(consoleKeysSaid()), m_approverKeys(m_options.approvers ? keyringjournal::digestOf(m_options.approvers.get()) : QString()), m_faultRng(m_options.seed ^ 0x5eedfau)
{
    m_seq.assign(m_city->devices.size(), 0);
    m_servedDevices = static_cast<int>(m_city->devices.size());
    if (!m_options.districts.empty()) {
        m_serves.assign(m_city->devices.size(), false);
        for (DeviceIndex d = 0; d < m_city->devices.size(); ++d)
            m_serves[d] = servesDistrict(m_city->devices[d].district);
        m_servedDevices = static_cast<int>(std::count(m_serves.begin(), m_serves.end(), true));
        for (const int district : roadDistricts(*m_city))
            m_servesRoad.push_back(servesDistrict(district));
    }
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeviceGateway::tick);
}

DeviceGateway::~DeviceGateway() { stop(); }

std::int64_t DeviceGateway::followClock()
{
    const std::int64_t now = nowMs();
    if (now < m_lastSeenMs) {
        // A step back, not time passing: what stood at m_startedMs on the old clock stands that much earlier now. (A
        // step forward needs nothing: the start only looks earlier, and nothing issued before it can arrive.)
        m_startedMs -= m_lastSeenMs - now;
        m_setBackMs += m_lastSeenMs - now;
        qCWarning(lcSim) << "gateway" << id() << "clock set back by" << (m_lastSeenMs - now) / 1000.0 << "s; its start is counted on the clock as it stands";
    }
    m_lastSeenMs = now;
    return now;
}

std::int64_t DeviceGateway::nowMs() const
{
    const std::int64_t clock = m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
    return clock + m_options.faults.clockSkewMs;
}

GatewayMemory DeviceGateway::memory() const
{
    return {static_cast<int>(m_seenNonces.size()), static_cast<int>(m_executedSteps.size()), static_cast<int>(m_pending.size()), m_tidiedAtMs};
}

namespace {
constexpr std::uint64_t kClockSetMs = 1'577'836'800'000;   // 2020-01-01: an earlier clock was never set
} // namespace

std::uint64_t DeviceGateway::bootNumber(std::uint64_t clockMs, std::uint64_t draw)
{
    return clockMs >= kClockSetMs ? clockMs : 1 + draw % (kClockSetMs - 1);
}

IncidentId DeviceGateway::firstIncidentId(const QString &gateway, std::uint64_t bootMs, std::uint64_t draw)
{
    constexpr std::uint64_t kRanges = 900'000;   // of 1,000 ids: all below kConsoleIncidentBase
    // FNV-1a of the name: the same on every machine and in every release (qHash is neither promised).
    std::uint64_t shift = 14695981039346656037ull;
    for (const char c : gateway.toUtf8()) {
        shift ^= static_cast<unsigned char>(c);
        shift *= 1099511628211ull;
    }
    const std::uint64_t second = bootMs >= kClockSetMs ? bootMs / 1000 : draw % kRanges;
    return 1 + static_cast<IncidentId>((second + shift % kRanges) % kRanges) * 1000;
}

Status DeviceGateway::start()
{
    const std::int64_t clock = m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();   // not skewed by faults
    m_boot = bootNumber(static_cast<std::uint64_t>(std::max<std::int64_t>(clock, 0)), QRandomGenerator::system()->generate64());
    const std::int64_t now = nowMs();
    m_startedMs = m_lastSeenMs = now;
    if (!m_options.replayMemoryPath.isEmpty()) {
        auto memory = ReplayMemory::open(m_options.replayMemoryPath, now);
        if (!memory)
            return Error{memory.error()};
        m_durableNonces = std::move(memory).value();
    }
    // Incident ids stay apart from an earlier run's (consoles may still hold those) and below the console's range.
    SimParameters parameters = m_options.parameters;
    if (parameters.firstIncidentId <= 1)
        parameters.firstIncidentId = firstIncidentId(id(), m_boot, QRandomGenerator::system()->generate64());
    const auto warmUp = static_cast<std::int64_t>(m_options.warmUpHours * 3600'000.0);
    m_sim = std::make_unique<CitySimulator>(m_city, m_options.seed, now - warmUp, parameters);
    std::vector<Event> discard;
    m_sim->initialState(discard);
    // A traffic simulation takes the signals over as the gateway goes live, after its own warm-up (stepping SUMO
    // through hours would take minutes); if it cannot start, the gateway does not either.
    const std::int64_t plantFrom = m_options.signalPlant ? now : now + 1;
    auto attachPlantAt = [&](std::int64_t t) {
        if (t == plantFrom)
            m_sim->attachPlant(m_options.signalPlant(), discard);
        return m_sim->trafficProblem();
    };
    if (const QString problem = attachPlantAt(now - warmUp); !problem.isEmpty())
        return makeError(problem);
    for (std::int64_t t = now - warmUp; t < now; discard.clear()) {
        t = std::min({now, t + 600'000, t < plantFrom ? plantFrom : now});
        m_sim->advanceTo(t, discard);
        if (const QString problem = attachPlantAt(t); !problem.isEmpty())
            return makeError(problem);
    }

    MqttOptions mqtt = m_options.mqtt;
    mqtt.willTopic = wire::gatewayStatusTopic(id());
    mqtt.willPayload = wire::encodePresence({false, m_boot, m_servedDevices});
    auto client = MqttClient::create(mqtt);
    if (!client)
        return Error{client.error()};
    m_client = std::move(client).value();
    // libmosquitto calls back on its network thread; the simulator lives on ours.
    m_client->onConnection([this](bool connected, const QString &why) {
        QMetaObject::invokeMethod(this, [this, connected, why] {
            if (connected)
                onConnected();
            Q_EMIT connectionChanged(connected, why);
        }, Qt::QueuedConnection);
    });
    m_client->onMessage([this](const MqttClient::Message &m) {
        QMetaObject::invokeMethod(this, [this, m] {
            const wire::TopicRef ref = wire::parseTopic(m.topic);
            if (ref.kind == wire::TopicRef::Command && ref.gateway == id()) {
                onCommand(m, ref.device);
            } else if ((ref.kind == wire::TopicRef::FleetPlan || ref.kind == wire::TopicRef::FleetSend) && ref.gateway == id()) {
                onFleet(m, ref.kind == wire::TopicRef::FleetSend);
            } else if (ref.kind == wire::TopicRef::Refresh) {
                auto request = wire::decodeRefresh(m.payload);
                if (auto *r = std::get_if<wire::RefreshRequest>(&request)) {
                    ++m_stats.refreshes;
                    std::vector<DeviceIndex> devices;
                    for (const QString &device : r->devices)
                        if (const DeviceIndex d = m_city->deviceIndex(device); d != kNoDevice)
                            devices.push_back(d);
                    if (r->devices.empty() || !devices.empty())   // a list of devices it does not know asks for nothing
                        m_pictures.ask(devices);
                    servePictures(nowMs());
                }
            }
        }, Qt::QueuedConnection);
    });
    if (auto started = m_client->start(); !started)
        return started;
    m_timer.start(m_options.tickMs);
    return Ok{};
}

void DeviceGateway::stop()
{
    m_timer.stop();
    if (m_client) {
        m_client->publish(wire::gatewayStatusTopic(id()), wire::encodePresence({false, m_boot, 0}), 1, true);
        m_client->stop();
        m_client.reset();
    }
}

void DeviceGateway::onConnected()
{
    m_client->subscribe(wire::root() + "/cmd/" + id().toUtf8() + "/#", 1);   // only its own devices' commands
    m_client->subscribe(wire::refreshTopic(), 1);
    m_client->subscribe(wire::root() + "/fleet/" + id().toUtf8() + "/#", 1);   // routes for the vehicles it drives
    heartbeat();
    // Consoles may have missed anything while the broker was away: the whole picture, unasked.
    publishPicture({});
    qCInfo(lcSim) << "gateway" << id() << "connected to" << m_options.mqtt.url.toString();
}

void DeviceGateway::setConsoles(const KeyringState &consoles)
{
    m_trust.setConsoles(consoles);
    m_consoleKeyring = consoles.keys;   // not believed now: holds nobody
    m_saysConsoleKeys = true;
    m_consoleKeys = consoleKeysSaid();
    heartbeat();
}

void DeviceGateway::setCommandKey(const PublicKeyState &key)
{
    m_trust.setKey(key);
    m_commandKeyId = key.key ? key.key->keyId() : QString();
    m_saysConsoleKeys = true;
    m_consoleKeys = consoleKeysSaid();
    heartbeat();
}

QString DeviceGateway::consoleKeysSaid() const
{
    return m_saysConsoleKeys ? keyringjournal::digestOf(m_consoleKeyring.get(), m_commandKeyId) : QString();
}

void DeviceGateway::setApprovers(const KeyringState &approvers)
{
    m_trust.setApprovers(approvers);
    m_approverKeys = keyringjournal::digestOf(approvers.keys.get());
    heartbeat();
}

void DeviceGateway::heartbeat()
{
    if (!m_client || !m_client->connected())
        return;
    m_client->publish(wire::gatewayStatusTopic(id()),
                      wire::encodePresence({true, m_boot, m_servedDevices, m_options.mqtt.keepAliveS, m_consoleKeys, m_approverKeys}), 1, true);
    m_lastHeartbeat.start();
}

void DeviceGateway::tick()
{
    if (!m_lastHeartbeat.isValid() || m_lastHeartbeat.elapsed() >= std::int64_t{m_options.mqtt.keepAliveS} * 500)
        heartbeat();
    std::vector<Event> events;
    const std::int64_t now = followClock();
    m_sim->advanceTo(deviceTime(now), events);
    rotateOfflineDevices(events);
    publishEvents(events, true);
    servePictures(now);
    while (!m_delayed.empty() && m_delayed.front().dueMs <= now) {
        m_client->publish(m_delayed.front().topic, m_delayed.front().payload, 1);
        ++m_stats.published;
        m_delayed.pop_front();
    }
    for (auto it = m_seenNonces.begin(); it != m_seenNonces.end();)
        it = it.value() < now ? m_seenNonces.erase(it) : std::next(it);
    if (m_durableNonces)
        m_durableNonces->forgetExpired(now);
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it->second.expiresMs + 60'000 < now ? m_pending.erase(it) : std::next(it);
    // Every attempt older than the newest was issued before it, so it expires by then and is refused as expired.
    for (auto it = m_executedSteps.begin(); it != m_executedSteps.end();)
        it = it->second.issuedMs + wire::kMaxCommandLifetimeMs < now ? m_executedSteps.erase(it) : std::next(it);
    m_tidiedAtMs = now;
}

void DeviceGateway::rotateOfflineDevices(std::vector<Event> &out)
{
    const FaultInjection &f = m_options.faults;
    if (f.offlineDevices <= 0 || nowMs() < m_offlineUntilMs)
        return;
    const std::int64_t now = nowMs();
    for (DeviceIndex d : std::as_const(m_offline))
        out.push_back(Event{0, now, d, PresencePayload{true}});
    std::vector<DeviceIndex> back(m_offline.begin(), m_offline.end());
    std::sort(back.begin(), back.end());   // publishPicture looks them up
    m_offline.clear();
    const int n = std::min<int>(f.offlineDevices, static_cast<int>(m_city->devices.size()));
    while (m_offline.size() < n)
        m_offline.insert(static_cast<DeviceIndex>(m_faultRng.next() % m_city->devices.size()));
    for (DeviceIndex d : std::as_const(m_offline))
        out.push_back(Event{0, now, d, PresencePayload{false}});
    m_offlineUntilMs = now + f.offlineForMs;
    publishEvents(out, false);
    out.clear();
    if (!back.empty())
        publishPicture(back);
}

void DeviceGateway::publishReport(const QByteArray &topic, const QByteArray &payload, bool faults)
{
    const FaultInjection &f = m_options.faults;
    if (faults && f.dropPercent > 0 && m_faultRng.chance(f.dropPercent / 100.0)) {
        ++m_stats.dropped;
        return;
    }
    QByteArray body = payload;
    if (faults && f.malformedPercent > 0 && m_faultRng.chance(f.malformedPercent / 100.0))
        body = QByteArrayLiteral("{\"v\":1,\"b\":") + QByteArray::number(m_faultRng.next() % 1000) + "garbage\xff";
    const int copies = faults && f.duplicatePercent > 0 && m_faultRng.chance(f.duplicatePercent / 100.0) ? 2 : 1;
    for (int i = 0; i < copies; ++i) {
        if (faults && f.delayMs > 0) {
            m_delayed.push_back({nowMs() + f.delayMs, topic, body});
            continue;
        }
        m_client->publish(topic, body, 1);
        ++m_stats.published;
    }
}

void DeviceGateway::publishEvents(std::vector<Event> &events, bool faults)
{
    for (Event &e : events) {
        if (std::holds_alternative<CommandPayload>(e.payload)) {
            answer(e);
            continue;
        }
        if (std::holds_alternative<IncidentRaisedPayload>(e.payload) || std::holds_alternative<IncidentClearedPayload>(e.payload)
            || std::holds_alternative<VehiclePayload>(e.payload) || std::holds_alternative<RoadTrafficPayload>(e.payload)) {
            if (!reports(e))
                continue;
            publishReport(wire::gatewayEventTopic(id()), wire::encodeFieldEvent({m_boot, ++m_eventSeq, e}, *m_city), faults);
            continue;
        }
        if (e.device >= m_seq.size() || !serves(e.device))
            continue;
        const bool presence = std::holds_alternative<PresencePayload>(e.payload);
        if (faults && m_offline.contains(e.device))
            continue;   // cut off: says nothing until it comes back
        const QString &deviceId = m_city->devices[e.device].id;
        publishReport(wire::deviceTopic(id(), deviceId, presence ? "presence" : "state"),
                      wire::encodeDeviceReport({m_boot, ++m_seq[e.device], e}, *m_city), faults);
    }
}

bool DeviceGateway::reports(Event &e)
{
    if (m_serves.empty())
        return true;
    if (auto *roads = std::get_if<RoadTrafficPayload>(&e.payload)) {
        std::erase_if(roads->roads, [this](const RoadTraffic &r) { return r.road >= m_servesRoad.size() || !m_servesRoad[r.road]; });
        return true;
    }
    if (const std::optional<int> district = districtSpokenFor(*m_city, e)) {
        if (servesDistrict(*district))
            return true;
        if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload))
            m_othersIncidents.insert(raised->id);   // nor its clear
        return false;
    }
    if (const auto *cleared = std::get_if<IncidentClearedPayload>(&e.payload))
        return !m_othersIncidents.remove(cleared->id);
    return true;
}

void DeviceGateway::servePictures(std::int64_t now)
{
    if (!m_client || !m_client->connected())
        return;   // kept until it is back
    if (const std::optional<std::vector<DeviceIndex>> wanted = m_pictures.due(now)) {
        ++m_stats.pictures;
        publishPicture(*wanted);
    }
}

void DeviceGateway::publishPicture(const std::vector<DeviceIndex> &devices)
{
    if (!m_client || !m_client->connected())
        return;
    std::vector<Event> events;
    m_sim->advanceTo(deviceTime(nowMs()), events);
    publishEvents(events, true);
    events.clear();
    m_sim->currentPicture(events, std::numeric_limits<std::int64_t>::max());
    if (!devices.empty())
        std::erase_if(events, [&devices](const Event &e) { return !std::binary_search(devices.begin(), devices.end(), e.device); });
    const std::int64_t now = nowMs();
    for (Event &e : events)
        e.timeMs = now;
    // The picture itself is the cure for loss: it goes out without injected faults.
    publishEvents(events, false);
}

void DeviceGateway::refuse(const MqttClient::Message &m, const wire::SignedCommand *c, const QString &reason, bool replay)
{
    ++m_stats.refused;
    qCInfo(lcSim) << "command refused:" << reason;
    if (m.responseTopic.isEmpty())
        return;
    wire::CommandResult r;
    if (c) {
        r.device = c->device;
        r.order = c->order;
        r.step = c->step;
        r.attempt = c->attempt;
    }
    r.accepted = false;
    r.replay = replay;
    r.reason = reason;
    m_client->publish(m.responseTopic, wire::encodeResult(r), 1, false, {}, m.correlation);
}

void DeviceGateway::onCommand(const MqttClient::Message &m, const QString &topicDevice)
{
    ++m_stats.commands;
    auto parsed = wire::decodeCommand(m.payload);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(m, nullptr, QStringLiteral("%1: %2").arg(wire::refusalName(refused->reason), refused->detail));
    const wire::SignedCommand &c = std::get<wire::SignedCommand>(parsed);
    const std::int64_t now = followClock();
    const auto signer = m_trust.signer(c.keyId, QStringLiteral("device"));
    if (!signer)
        return refuse(m, &c, signer.error());
    if (c.device != topicDevice || !signer.value()->verify(c.canonical(), c.signature))
        return refuse(m, &c, QStringLiteral("the signature does not verify: forged or altered"));
    // From here on the message is authentic.
    bool replay = false;
    if (const QString why = staleOrReplayed(c.issuedMs, c.expiresMs, c.nonce, now, &replay); !why.isEmpty())
        return refuse(m, &c, why, replay);
    if (isHighRisk(c.action)) {
        if (QString why = refusedApproval(c, now); !why.isEmpty())
            return refuse(m, &c, why);
    }
    if (auto remembered = rememberNonce(c.nonce, c.expiresMs); !remembered)
        return refuse(m, &c, QStringLiteral("not acting: %1").arg(remembered.error()));
    const DeviceIndex device = m_city->deviceIndex(c.device);
    if (device == kNoDevice)
        return refuse(m, &c, QStringLiteral("there is no device %1 here").arg(c.device));
    if (!serves(device))
        return refuse(m, &c, QStringLiteral("%1 is in %2, a district this gateway does not serve")
                                 .arg(c.device, m_city->districtName(m_city->devices[device].district)));
    if (m_offline.contains(device))
        return;   // cut off: the command never arrives
    // Attempts of one target are numbered; an older one arriving after a newer one (queued in the broker while it
    // was away) is superseded: the console has already taken the newer one's answer as the result. Older means
    // numbered lower *and* issued no later: a console that restarted without its record of earlier orders numbers
    // them as its earlier run did, and its attempt 1, issued after that run's attempt 2, is a new command.
    auto [step, firstTime] = m_executedSteps.try_emplace({device, c.order, c.step}, ExecutedStep{c.attempt, c.issuedMs});
    if (!firstTime && c.attempt < step->second.attempt && c.issuedMs <= step->second.issuedMs)
        return refuse(m, &c, QStringLiteral("superseded: attempt %1 of this command already arrived").arg(step->second.attempt));
    const bool retry = !firstTime && c.attempt > step->second.attempt;
    if (!firstTime && c.issuedMs > step->second.issuedMs)
        step->second = ExecutedStep{c.attempt, c.issuedMs};
    if (retry)
        ++m_stats.repeats;
    else
        ++m_stats.executed;
    m_pending[{device, c.order, c.step, c.attempt}] = PendingAnswer{m.responseTopic, m.correlation, c.expiresMs};
    DeviceCommand command;
    command.order = c.order;
    command.step = c.step;
    command.attempt = c.attempt;
    command.device = device;
    command.action = c.action;
    command.value = c.value;
    command.expiresMs = deviceTime(c.expiresMs);
    // The device acts in simulated time: catch up to now, hand it over, and run on so a device without latency
    // answers at once.
    std::vector<Event> events;
    m_sim->advanceTo(deviceTime(now), events);
    m_sim->command(command);
    m_sim->advanceTo(deviceTime(now), events);
    publishEvents(events, true);
}

QString DeviceGateway::staleOrReplayed(std::int64_t issuedMs, std::int64_t expiresMs, const QByteArray &nonce, std::int64_t now,
                                       bool *replay) const
{
    if (expiresMs <= now)
        return QStringLiteral("expired %1 ms ago").arg(now - expiresMs);
    if (expiresMs - issuedMs > wire::kMaxCommandLifetimeMs)
        return QStringLiteral("valid for longer than the %1 min a command may be").arg(wire::kMaxCommandLifetimeMs / 60'000);
    if (issuedMs > now + wire::kMaxIssueSkewMs)
        return QStringLiteral("issued %1 s in this device's future: the clocks disagree").arg((issuedMs - now) / 1000);
    *replay = true;
    if (m_seenNonces.contains(nonce) || (m_durableNonces && m_durableNonces->contains(nonce)))
        return QStringLiteral("replayed: this exact command was received before");
    // The nonce memory is this run's: a command issued before the gateway started may have been captured and
    // replayed after a restart. Consoles connect with a clean start, so nothing genuine from before arrives late.
    if (issuedMs < m_startedMs)
        return QStringLiteral("replayed: issued %1 s before this gateway started").arg((m_startedMs - issuedMs + 999) / 1000);
    *replay = false;
    return {};
}

Status DeviceGateway::rememberNonce(const QByteArray &nonce, std::int64_t expiresMs)
{
    if (m_durableNonces)
        if (auto remembered = m_durableNonces->remember(nonce, expiresMs); !remembered)
            return remembered;
    m_seenNonces.insert(nonce, expiresMs);
    return Ok{};
}

QString DeviceGateway::refusedApproval(const wire::SignedCommand &c, std::int64_t nowMs) const
{
    // The second signature: the console's key says which console sent it, this one says which supervisor approved it.
    // A console key alone (stolen, or a console acting on its own) cannot stop a junction or cut a feeder.
    if (c.approval.isEmpty())
        return QStringLiteral("approval signature missing: %1 is high risk and needs the approving supervisor's signature")
            .arg(commandActionName(c.action));
    const auto approver = m_trust.approver(c.approver);
    if (!approver)
        return approver.error();
    if (!approver.value()->verify(approval::statement(c.device, c.order, c.step, c.action, c.value, c.approvedUntilMs, c.approver), c.approval))
        return QStringLiteral("the approval signature of %1 does not verify: not an approval of this command").arg(c.approver);
    if (c.approvedUntilMs <= nowMs)
        return QStringLiteral("the approval by %1 expired %2 s ago").arg(c.approver).arg((nowMs - c.approvedUntilMs) / 1000);
    return {};
}

void DeviceGateway::answer(const Event &e)
{
    const auto &p = std::get<CommandPayload>(e.payload);
    const auto it = m_pending.find({e.device, p.order, p.step, p.attempt});
    if (it == m_pending.end())
        return;
    wire::CommandResult r;
    r.device = m_city->devices[e.device].id;
    r.order = p.order;
    r.step = p.step;
    r.attempt = p.attempt;
    r.accepted = p.stage == CommandStage::InProgress;
    r.reason = p.text;
    if (!it->second.responseTopic.isEmpty())
        m_client->publish(it->second.responseTopic, wire::encodeResult(r), 1, false, {}, it->second.correlation);
    m_pending.erase(it);
}

} // namespace cityops
