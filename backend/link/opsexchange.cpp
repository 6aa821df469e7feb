#include "link/opsexchange.h"

#include "base/logging.h"

#include <QDateTime>

#include <algorithm>

namespace cityops {

OpsExchange::OpsExchange(const CityModel &city, QString consoleId, const CommandSigner *signer,
                         std::shared_ptr<const ConsoleKeyring> keyring, WallClock wall, std::shared_ptr<WireNumbers> numbers)
    : m_city(city), m_console(std::move(consoleId)), m_signer(signer), m_wall(std::move(wall)), m_keyring{std::move(keyring), {}},
      m_numbers(std::move(numbers))
{
    if (!m_wall)
        m_wall = [] { return QDateTime::currentMSecsSinceEpoch(); };
    // The others refuse counters they have seen: ours come from the wall clock in microseconds, so a restarted
    // console goes on above everything it sent before — and above its file's floor, when its clock was set back.
    if (!m_numbers)
        m_numbers = std::make_shared<WireNumbers>();
}

void OpsExchange::share(const std::vector<Event> &events)
{
    if (!m_publish || events.empty())
        return;
    for (const Event &e : events)
        remember(e);
    publish(wire::opsTopic(), m_console, events);
}

wire::Parsed<std::vector<Event>> OpsExchange::receive(const QByteArray &payload, bool handover)
{
    auto envelope = wire::decodeSignedOps(payload);
    if (auto *refused = std::get_if<wire::Refused>(&envelope))
        return *refused;
    const wire::SignedOps &signedOps = std::get<wire::SignedOps>(envelope);
    if (signedOps.console == m_console)
        return std::vector<Event>{};
    const KeyringState keyring = this->keyring();
    if (!keyring.unusable.isEmpty())
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("operations of console %1, and this console's keyring cannot be believed: %2")
                                                           .arg(signedOps.console, keyring.unusable)};
    const CommandVerifier *verifier = keyring.keys ? keyring.keys->verifierFor(signedOps.console) : nullptr;
    if (!verifier)
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("console %1 is not in this console's keyring").arg(signedOps.console)};
    const QByteArray topic = handover ? wire::handoverTopic(m_console) : wire::opsTopic();
    if (!verifier->verify(signedOps.canonical(topic), signedOps.signature))
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("the signature of console %1 does not verify (altered, or signed by another key)")
                                                           .arg(signedOps.console)};
    const std::int64_t arrivedMs = m_wall(), age = arrivedMs - signedOps.sentMs;
    if (age > kFreshnessMs || age < -kFreshnessMs) {
        // Authentic, and said of its clock only when newer than anything taken from it: a capture replayed later has
        // an older counter, and must not make a console look off its time.
        std::lock_guard lock(m_mutex);
        const auto last = m_lastCounter.find(signedOps.console);
        if (last == m_lastCounter.end() || signedOps.counter > last->second)
            m_clocks[signedOps.console] = {-age, false, arrivedMs};
        return wire::Refused{wire::Refusal::Replayed, QStringLiteral("sent %1 s from now by console %2: outside the %3 s window")
                                                          .arg(age / 1000)
                                                          .arg(signedOps.console)
                                                          .arg(kFreshnessMs / 1000)};
    }
    {
        std::lock_guard lock(m_mutex);
        std::uint64_t &last = m_lastCounter[signedOps.console];   // bounded: only keyring consoles get here
        if (signedOps.counter <= last)
            return wire::Refused{wire::Refusal::Replayed, QStringLiteral("counter %1 of console %2 is not newer than %3 (a copy or a replay)")
                                                              .arg(signedOps.counter)
                                                              .arg(signedOps.console)
                                                              .arg(last)};
        last = signedOps.counter;
        m_clocks[signedOps.console] = {-age, true, arrivedMs};   // its clock and ours agree (again)
    }

    auto parsed = wire::decodeOps(signedOps.body, m_city);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return *refused;
    wire::OpsMessage &message = std::get<wire::OpsMessage>(parsed);
    // A console speaks for itself on the log; only a hand-over relays what another console did (the newcomer trusts
    // the consoles in its keyring to relay faithfully, and re-authorises every step itself).
    if (!handover && message.console != signedOps.console)
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("console %1 signed operations in the name of %2").arg(signedOps.console, message.console)};
    const bool ours = message.console == m_console;
    if (!ours && !keyring.keys->verifierFor(message.console))
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("console %1 relayed operations of %2, which is not in this console's keyring")
                                                           .arg(signedOps.console, message.console)};
    if (handover) {
        // Every console that was there hands over the same history; one is enough (and applying two would repeat it).
        std::lock_guard lock(m_mutex);
        if (m_handoverFrom.isEmpty())
            m_handoverFrom = signedOps.console;
        if (m_handoverFrom != signedOps.console)
            return std::vector<Event>{};
    }
    // Our own operations handed back to us after our restart are already in our books (carried over).
    if (ours)
        return std::vector<Event>{};
    const std::uint16_t origin = originOf(message.console);
    if (origin == 0)
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("operations of more consoles than one run can tell apart")};
    m_received += message.events.size();
    for (Event &e : message.events) {
        e.origin = origin;
        e.handedOver = handover;
        // Recorded with the order, so that after a restart this console tells its own orders from the ones it only
        // watched. From who signed (or, handed over, whose the steps were), never from what the sender wrote.
        if (auto *command = std::get_if<CommandPayload>(&e.payload))
            command->console = message.console;
        remember(e);
    }
    return std::move(message.events);
}

OpsExchange::ConsoleClocks OpsExchange::consoleClocks() const
{
    std::lock_guard lock(m_mutex);
    ConsoleClocks out;
    // Only consoles the keyring lists as it stands: one taken out is refused for that now, whatever its clock (and
    // while the keyring cannot be believed, that is the news).
    if (!m_keyring.unusable.isEmpty() || !m_keyring.keys)
        return out;
    const std::int64_t now = m_wall();
    for (const auto &[console, heard] : m_clocks) {
        if (!m_keyring.keys->verifierFor(console))
            continue;
        if (!heard.inStep)
            out.offClock.push_back({console, heard.aheadMs});
        else if (now - heard.heardMs <= kInStepForMs)
            out.inStep.push_back({console, heard.aheadMs});
    }
    return out;
}

void OpsExchange::handOver(const QString &console)
{
    if (const KeyringState keyring = this->keyring(); !keyring.keys || !keyring.keys->verifierFor(console))
        return;
    std::vector<Event> events;
    {
        std::lock_guard lock(m_mutex);
        // Open incidents before ended ones: one merged into another names an incident the newcomer must know.
        for (const auto &[id, history] : m_openIncidents)
            events.insert(events.end(), history.begin(), history.end());
        for (const std::vector<Event> &history : m_endedIncidents.histories)
            events.insert(events.end(), history.begin(), history.end());
        for (const std::vector<Event> &history : m_finishedOrders.histories)
            events.insert(events.end(), history.begin(), history.end());
        for (const auto &[order, history] : m_openOrders)
            events.insert(events.end(), history.begin(), history.end());
    }
    if (events.empty() || !m_publish)
        return;
    qCInfo(lcLink) << "handing" << events.size() << "open operations over to" << console;
    // One message per run of events from one console, in order: each names the console the events came from.
    size_t runStart = 0;
    for (size_t i = 1; i <= events.size(); ++i) {
        if (i == events.size() || events[i].origin != events[runStart].origin) {
            publish(wire::handoverTopic(console), originName(events[runStart].origin),
                    std::vector<Event>(events.begin() + static_cast<std::ptrdiff_t>(runStart), events.begin() + static_cast<std::ptrdiff_t>(i)));
            runStart = i;
        }
    }
}

void OpsExchange::setKeyring(const KeyringState &keyring)
{
    std::lock_guard lock(m_mutex);
    m_keyring = keyring;
}

bool OpsExchange::inKeyring(const QString &console) const
{
    return keyringSays(console).value_or(false);
}

std::optional<bool> OpsExchange::keyringSays(const QString &console) const
{
    const KeyringState keyring = this->keyring();   // one copy: the keyring may be replaced between two looks
    if (!keyring.unusable.isEmpty())
        return std::nullopt;
    return keyring.keys && keyring.keys->verifierFor(console) != nullptr;
}

std::optional<wire::Refused> OpsExchange::checkStatus(const QString &console, const wire::ConsoleStatus &status) const
{
    const KeyringState keyring = this->keyring();
    if (!keyring.unusable.isEmpty())
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("the status of console %1, and this console's keyring cannot be believed: %2")
                                                           .arg(console, keyring.unusable)};
    const CommandVerifier *verifier = keyring.keys ? keyring.keys->verifierFor(console) : nullptr;
    if (!verifier)
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("console %1 is not in this console's keyring").arg(console)};
    if (!status.isSigned())
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("an unsigned status for console %1, which signs its own").arg(console)};
    if (!verifier->verify(status.canonical(console), status.signature))
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("the status of console %1 is not signed by its key (forged, altered, or signed by "
                                                                      "another key)").arg(console)};
    // Which keys it believes is said under a second signature (consoles of earlier releases check only the first):
    // a copy with other digests put in, to make a desk look out of step, fails here.
    if (status.saysKeys() && !verifier->verify(status.canonicalKeys(console), status.keysSignature))
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("which keys console %1 believes is not signed by its key (altered)").arg(console)};
    // So is how its recording stands: a desk that records nothing made to look well, or the other way, fails here.
    if (status.saysRecording() && !verifier->verify(status.canonicalRecording(console), status.recordingSignature))
        return wire::Refused{wire::Refusal::Untrusted, QStringLiteral("how console %1's recording stands is not signed by its key (altered)").arg(console)};
    return std::nullopt;
}

KeyringState OpsExchange::keyring() const
{
    std::lock_guard lock(m_mutex);
    return m_keyring;
}

std::uint16_t OpsExchange::originOf(const QString &console)
{
    std::lock_guard lock(m_mutex);
    const auto it = std::find(m_origins.begin(), m_origins.end(), console);
    if (it != m_origins.end())
        return static_cast<std::uint16_t>(it - m_origins.begin() + 1);
    if (m_origins.size() >= 0xfffe)
        return 0;
    m_origins.push_back(console);
    return static_cast<std::uint16_t>(m_origins.size());
}

QString OpsExchange::originName(std::uint16_t origin) const
{
    if (origin == 0)
        return m_console;
    std::lock_guard lock(m_mutex);
    return origin <= m_origins.size() ? m_origins[origin - 1] : QString();
}

void OpsExchange::remember(const Event &e)
{
    std::lock_guard lock(m_mutex);
    if (const auto *c = std::get_if<CommandPayload>(&e.payload)) {
        if (c->stage != CommandStage::Finished || e.device != kNoDevice) {
            m_openOrders[c->order].push_back(e);
            return;
        }
        // Finished: kept a while for a console that was away when it finished (a restart carried it over open).
        if (auto node = m_openOrders.extract(c->order); !node.empty()) {
            node.mapped().push_back(e);
            m_finishedOrders.add(std::move(node.mapped()));
        }
        return;
    }
    IncidentId id = 0;
    bool ends = false;
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload)) {
        id = raised->id;
    } else if (const auto *update = std::get_if<IncidentUpdatePayload>(&e.payload)) {
        id = update->id;
        ends = update->change == IncidentChange::Transition
            && (update->state == IncidentState::Closed || update->state == IncidentState::Cancelled || update->state == IncidentState::Merged);
    }
    if (id == 0)
        return;
    if (!ends) {
        m_openIncidents[id].push_back(e);
    } else if (auto node = m_openIncidents.extract(id); !node.empty()) {
        node.mapped().push_back(e);
        m_endedIncidents.add(std::move(node.mapped()));
    }
}

void OpsExchange::Ended::add(std::vector<Event> &&history)
{
    events += history.size();
    histories.push_back(std::move(history));
    while (events > kMaxEvents || histories.size() > kMaxHistories) {
        events -= histories.front().size();
        histories.pop_front();
    }
}

void OpsExchange::publish(const QByteArray &topic, const QString &origin, const std::vector<Event> &events)
{
    if (!m_signer) {
        m_failures += events.size();
        if (!m_warnedNoKey.exchange(true))
            qCWarning(lcLink) << "operations are not shared: this console has no signing key (--command-key)";
        return;
    }
    // Chunks well under the ops size limit; one message per chunk, in order.
    constexpr size_t kChunk = 200;
    for (size_t i = 0; i < events.size(); i += kChunk) {
        wire::OpsMessage message{origin, {}};
        message.events.assign(events.begin() + static_cast<std::ptrdiff_t>(i),
                              events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + kChunk)));
        wire::SignedOps envelope;
        envelope.console = m_console;
        envelope.sentMs = m_wall();
        envelope.counter = m_numbers->next(static_cast<std::uint64_t>(std::max<std::int64_t>(0, envelope.sentMs)) * 1000);
        envelope.body = wire::encodeOps(message, m_city);
        envelope.signature = m_signer->sign(envelope.canonical(topic));
        if (m_publish(topic, wire::encodeSignedOps(envelope)))
            m_shared += message.events.size();
        else
            ++m_failures;
    }
}

} // namespace cityops
