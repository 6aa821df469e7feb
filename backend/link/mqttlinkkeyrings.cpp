// MqttLink: the keyrings the gateways and the room's other desks say they hold, compared with this console's, and
// their turns recorded (keyringturnrecord). Split from mqttlinkgateways.cpp and mqttlinkpresence.cpp.
#include "link/mqttlink.h"

#include "base/logging.h"
#include "security/keyringjournal.h"

namespace cityops {

std::vector<LinkCounters::OtherKeys> MqttLink::consolesWithOtherKeys() const
{
    std::map<QString, PeerSaid> said;
    QString ownConsole, ownApprover;
    {
        std::lock_guard lock(m_mutex);
        said = m_consoleKeyrings;
        ownConsole = m_ownConsoleKeys;
        ownApprover = m_ownApproverKeys;
    }
    std::vector<LinkCounters::OtherKeys> other;
    for (const auto &[console, keys] : said) {
        if (m_ops.keyringSays(console) != true)
            continue;   // taken out of the keyring since: its status decides nothing here
        LinkCounters::OtherKeys o{console, keyringjournal::digestsDiffer(ownConsole, keys.consoleKeys).value_or(false),
                                  keyringjournal::digestsDiffer(ownApprover, keys.approverKeys).value_or(false)};
        if (o.consoleKeysDiffer || o.approverKeysDiffer)
            other.push_back(std::move(o));
    }
    return other;
}

void MqttLink::recordKeyringTurns()
{
    // What the link's figure shows goes into the record when it turns, so that a supervisor replaying why a desk's
    // commands were refused at one gateway, or one desk's operations at another, sees since when it held other keys
    // than this console, and since when the same again. Not judged (a gone gateway or desk, one that says nothing, a
    // desk the keyring no longer lists, this console's own keyring empty or not believed): nothing recorded, and the
    // record stands as it last said — also across restarts: each starts from what earlier runs recorded of it, so
    // nothing is recorded until that is read.
    using keyringturnrecord::Holder;
    std::vector<QString> desks;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[console, keys] : m_consoleKeyrings)
            desks.push_back(console);
    }
    // Asked outside the lock: the keyring has a lock of its own.
    std::erase_if(desks, [this](const QString &console) { return m_ops.keyringSays(console) != true; });
    std::vector<Event> turns;
    const std::int64_t now = m_clock->nowMs();
    {
        std::lock_guard lock(m_mutex);
        if (!m_recordedBefore)
            return;
        const auto takeUp = [](RecordedTurns &recorded, const QHash<QString, keyringturnrecord::LastSaid> &before, const QString &name) {
            if (recorded.takenUp)
                return;
            const keyringturnrecord::LastSaid said = before.value(name);
            recorded.consoleDiffers = said.consoleDiffers.value_or(false);
            recorded.approverDiffers = said.approverDiffers.value_or(false);
            recorded.takenUp = true;
        };
        // What one holder's keyrings say against this console's, as events for the record: one per keyring whose
        // judgment turned from what `recorded` holds (which is brought up to it). Not judged (no keys said, this
        // console's own empty or not believed): nothing, and `recorded` stands.
        const auto turnsOf = [&](Holder holder, const QString &name, const QString &consoleKeys, const QString &approverKeys, RecordedTurns &recorded) {
            using keyringturnrecord::Keyring;
            const auto turn = [&](const QString &ours, const QString &theirs, bool &differs, Keyring keyring) {
                const std::optional<bool> differ = keyringjournal::digestsDiffer(ours, theirs);
                if (!differ || *differ == differs)
                    return;
                differs = *differ;
                turns.push_back(Event{0, now, kNoDevice, OperatorActionPayload{OperatorAction::KeyringChanged, QStringLiteral("(%1)").arg(name),
                                                                                keyringturnrecord::detail(holder, name, keyring, differs, theirs, ours)}});
            };
            turn(m_ownConsoleKeys, consoleKeys, recorded.consoleDiffers, Keyring::Console);
            turn(m_ownApproverKeys, approverKeys, recorded.approverDiffers, Keyring::Approver);
        };
        for (auto it = m_gateways.begin(); it != m_gateways.end(); ++it) {
            RecordedTurns &recorded = it->recorded;
            takeUp(recorded, m_recordedBefore->gateways, it.key());
            if (it->online)
                turnsOf(Holder::Gateway, it.key(), it->consoleKeys, it->approverKeys, recorded);
        }
        for (const QString &desk : desks) {
            const auto said = m_consoleKeyrings.find(desk);
            if (said == m_consoleKeyrings.end())
                continue;   // gone meanwhile
            RecordedTurns &recorded = m_deskTurns[desk];
            takeUp(recorded, m_recordedBefore->desks, desk);
            turnsOf(Holder::Desk, desk, said->second.consoleKeys, said->second.approverKeys, recorded);
        }
    }
    if (!turns.empty())
        sink()->push(std::move(turns), Overflow::DropNewest);
}

void MqttLink::readRecordedKeyringTurns()
{
    if (!m_options.recordedKeyringTurns) {
        std::lock_guard lock(m_mutex);
        m_recordedBefore.emplace();   // nothing recorded before
        return;
    }
    // Off the link's thread: the search reads the record's markers (about 0.4 s a million). The pool is waited for
    // before the link goes (stop(), the destructor), so the answer never reaches a link that is gone.
    m_recordReader.start([this, read = m_options.recordedKeyringTurns] {
        Result<QStringList> labels = read();
        QMetaObject::invokeMethod(this, [this, labels = std::move(labels)] { takeRecordedKeyringTurns(labels); }, Qt::QueuedConnection);
    });
}

void MqttLink::takeRecordedKeyringTurns(const Result<QStringList> &labels)
{
    if (!labels)
        qCWarning(lcLink) << "what earlier runs recorded of the gateways' and desks' keyrings cannot be read; taken as nothing:" << labels.error();
    {
        std::lock_guard lock(m_mutex);
        if (m_recordedBefore)
            return;
        m_recordedBefore = labels ? keyringturnrecord::lastSaid(labels.value()) : keyringturnrecord::Recorded{};
    }
    recordKeyringTurns();   // the gateways and desks heard while it was read
}

} // namespace cityops
