// MqttLink: this console's signed status on the broker, and the other consoles' (docs/PROTOCOL.md, "Presence, Last
// Will and heartbeat"). Split from mqttlink.cpp.
#include "link/mqttlink.h"

#include "base/logging.h"

namespace cityops {

QByteArray MqttLink::statusPayload(bool online, std::uint64_t connection) const
{
    wire::ConsoleStatus status{online, connection, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    if (m_signer) {
        status.keyId = m_signer->keyId();
        status.signature = m_signer->sign(status.canonical(consoleId()));
        // Which keys this console believes, for the others to compare with theirs (a Will says it too: harmless).
        {
            std::lock_guard lock(m_mutex);
            status.consoleKeys = m_ownConsoleKeys;
            status.approverKeys = m_ownApproverKeys;
        }
        if (!status.consoleKeys.isEmpty() || !status.approverKeys.isEmpty())
            status.keysSignature = m_signer->sign(status.canonicalKeys(consoleId()));
        // How its recording stands, for a room whose wall records nothing (a Will says it too: harmless).
        {
            std::lock_guard lock(m_mutex);
            status.recording = m_ownRecording;
            status.recordingWhy = m_ownRecordingWhy;
            status.recordingTurn = m_ownRecordingTurn;
        }
        if (status.recording != wire::ConsoleStatus::Recording::NotSaid)
            status.recordingSignature = m_signer->sign(status.canonicalRecording(consoleId()));
    }
    return wire::encodeConsoleStatus(status);
}

QByteArray MqttLink::willForNextConnection()
{
    // The wall clock in microseconds, past the last number (as OpsExchange's counter): a restarted console goes on
    // above its earlier runs — above its file's floor when its clock was set back — and every attempt is numbered anew.
    const std::uint64_t connection = m_numbers->next(static_cast<std::uint64_t>(std::max<std::int64_t>(0, m_options.wallClock())) * 1000);
    m_connection = connection;
    QByteArray will = statusPayload(false, connection);
    std::lock_guard lock(m_mutex);
    m_ownWill = will;
    return will;
}

void MqttLink::publishOwnStatus(const QByteArray &payload)
{
    {
        std::lock_guard lock(m_mutex);
        m_ownStatus = payload;
    }
    m_client->publish(wire::consoleStatusTopic(consoleId()), payload, 1, true);
}

void MqttLink::restateOwnStatus()
{
    // The others compare their keyrings with what this status says: a change here is said at once, not at the next
    // connection. The same connection, so it is this console's status again, not a new arrival. Keys no longer
    // known (a keyring that cannot be believed, said on this desk) are not said as none: on this connection the others
    // would take that for the digests stripped from a copy; they go on comparing with the last said.
    {
        std::lock_guard lock(m_mutex);
        if (m_ownConsoleKeys.isEmpty() && m_ownApproverKeys.isEmpty() && m_ownRecording == wire::ConsoleStatus::Recording::NotSaid)
            return;
    }
    if (m_client && m_client->connected())
        publishOwnStatus(statusPayload(true, m_connection.load()));
}

void MqttLink::checkOwnRecording()
{
    if (!m_options.ownRecording)
        return;
    auto [recording, why] = m_options.ownRecording();
    if (recording != wire::ConsoleStatus::Recording::NotRecording)
        why.clear();
    why.truncate(wire::ConsoleStatus::kMaxRecordingWhyChars);
    {
        std::lock_guard lock(m_mutex);
        // Said again when it turns, not when only the store's words change: a failing disk's message may carry
        // figures that change with every write, and the others need the turn, not a stream of statuses.
        if (recording == m_ownRecording)
            return;
        m_ownRecording = recording;
        m_ownRecordingWhy = why;
        ++m_ownRecordingTurn;
    }
    restateOwnStatus();
}

std::vector<LinkCounters::DeskRecording> MqttLink::consolesRecordingTrouble() const
{
    std::vector<LinkCounters::DeskRecording> trouble;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[console, said] : m_consoleKeyrings)
            if (said.recording == wire::ConsoleStatus::Recording::AtRisk || said.recording == wire::ConsoleStatus::Recording::NotRecording)
                trouble.push_back({console, said.recording == wire::ConsoleStatus::Recording::NotRecording, said.recordingWhy});
    }
    // Asked outside the lock: the keyring has a lock of its own. One taken out since decides nothing here.
    std::erase_if(trouble, [this](const LinkCounters::DeskRecording &d) { return m_ops.keyringSays(d.console) != true; });
    // Those that record nothing first (by name within each): the worse is named where only one is.
    std::stable_partition(trouble.begin(), trouble.end(), [](const LinkCounters::DeskRecording &d) { return d.notRecording; });
    return trouble;
}

void MqttLink::defendOwnStatus(const MqttClient::Message &m)
{
    // The broker's retained copy, sent when we subscribe, is what stood before our status of this connection, which
    // follows it; only what someone publishes meanwhile is news.
    if (m.retained || !m_client->connected())
        return;
    QByteArray ours;
    {
        std::lock_guard lock(m_mutex);
        // Our own Will comes from the broker, which believes our connection gone (or goes down itself, publishing
        // every client's Will): we are about to lose it, and say online again once we are back.
        if (m.payload == m_ownWill)
            return;
        ours = m_ownStatus;
    }
    if (ours.isEmpty() || m.payload == ours)
        return;
    if (m_trustWarnings.allow())
        qCWarning(lcLink).nospace() << "someone else published the status of this console (" << consoleId()
                                    << ") on the broker: it is published again as it stands";
    m_client->publish(m.topic, ours, 1, true);
}

void MqttLink::onConsoleStatus(const wire::TopicRef &ref, const MqttClient::Message &m)
{
    if (ref.console == consoleId())
        return defendOwnStatus(m);
    auto parsed = wire::decodeConsoleStatus(m.payload);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(*refused, m.topic);
    // The statuses of consoles the keyring does not list (a wall, a desk without a key) decide nothing here. While
    // the keyring cannot be believed none is checked: its retained status comes again once it can be.
    if (m_ops.keyringSays(ref.console) != true)
        return;
    const wire::ConsoleStatus &status = std::get<wire::ConsoleStatus>(parsed);
    if (const auto refused = m_ops.checkStatus(ref.console, status))
        return refuse(*refused, m.topic);
    // The digests stripped from a copy leave the first signature whole (an earlier release's status): taken, it would
    // hide a difference the console said on this connection. Its own statuses of one connection all say them.
    // So do its recording's words: taken out, a desk whose recording stopped would look well.
    // An earlier turn of its recording, said again on the same connection, is a copy: "recording" from before it
    // stopped would hide that it did.
    bool keysStripped = false, recordingStripped = false, recordingReplayed = false;
    if (status.online) {
        std::lock_guard lock(m_mutex);
        const auto said = m_consoleKeyrings.find(ref.console);
        const bool sameConnection = said != m_consoleKeyrings.end() && said->second.connection == status.connection;
        keysStripped = sameConnection && !status.saysKeys() && said->second.said();
        recordingStripped = sameConnection && !status.saysRecording() && said->second.recording != wire::ConsoleStatus::Recording::NotSaid;
        recordingReplayed = sameConnection && status.saysRecording() && status.recordingTurn < said->second.recordingTurn;
    }
    if (keysStripped)
        return refuse({wire::Refusal::Untrusted, QStringLiteral("a status of console %1 without which keys it believes, which it said on this "
                                                                "connection (altered: the digests taken out)").arg(ref.console)},
                      m.topic);
    if (recordingStripped)
        return refuse({wire::Refusal::Untrusted, QStringLiteral("a status of console %1 without how its recording stands, which it said on this "
                                                                "connection (altered: taken out)").arg(ref.console)},
                      m.topic);
    if (recordingReplayed)
        return refuse({wire::Refusal::Replayed, QStringLiteral("a status of console %1 saying an earlier turn of its recording (turn %2) than "
                                                               "one already heard on this connection (a copy)").arg(ref.console).arg(status.recordingTurn)},
                      m.topic);
    std::vector<Event> change;
    const ConsoleRoll::Heard heard = m_consoleRoll.heard(ref.console, status.online, status.connection,
                                                         [this](const QString &console) { return m_ops.keyringSays(console); },
                                                         m_clock->nowMs(), change);
    if (!change.empty())
        sink()->push(std::move(change), Overflow::DropNewest);
    if (heard == ConsoleRoll::Heard::Stale)
        return refuse({wire::Refusal::Replayed, QStringLiteral("a status of console %1 for connection %2, older than one already heard (a copy "
                                                               "or a replay)").arg(ref.console).arg(status.connection)},
                      m.topic);
    {
        std::lock_guard lock(m_mutex);
        if (status.online)
            m_consoleKeyrings[ref.console] = {status.connection, status.consoleKeys, status.approverKeys, status.recording, status.recordingWhy, status.recordingTurn};
        else
            m_consoleKeyrings.erase(ref.console);   // gone: what it believed is no news until it is back
    }
    if (status.online)
        recordKeyringTurns();
    // A console that comes online now (not the retained status of one already there, nor its status again) missed
    // what we did before.
    if (!status.online || m.retained || heard != ConsoleRoll::Heard::NewConnection)
        return;
    // A second's grace: the newcomer first gets the field's picture (incidents our steps refer to) from the gateways.
    QMetaObject::invokeMethod(this, [this, console = ref.console] {
        QTimer::singleShot(1000, this, [this, console] { m_ops.handOver(console); });
    }, Qt::QueuedConnection);
}

} // namespace cityops
