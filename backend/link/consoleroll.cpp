#include "link/consoleroll.h"

namespace cityops {

void ConsoleRoll::tell(const QString &console, Life &life, ConsoleStanding standing, std::int64_t nowMs, std::vector<Event> &out)
{
    if (life.told == standing)
        return;
    life.told = standing;
    out.push_back(Event{0, nowMs, kNoDevice, ConsolePayload{console, standing}});
}

void ConsoleRoll::settle(const QString &console, Life &life, bool inKeyring, std::int64_t nowMs, std::vector<Event> &out)
{
    if (life.inKeyring == inKeyring)
        return;
    life.inKeyring = inKeyring;
    life.offline.forget();
    if (!inKeyring) {
        // Out from now on, whatever it says; one never told of is on nobody's roll yet and holds nothing here.
        if (life.told)
            tell(console, life, ConsoleStanding::OutOfKeyring, nowMs, out);
        return;
    }
    // Back in the keyring: it stands as its status last said (an offline said long ago needs no grace second).
    if (life.told)
        tell(console, life, life.heardOnline ? ConsoleStanding::Online : ConsoleStanding::Gone, nowMs, out);
}

ConsoleRoll::Heard ConsoleRoll::heard(const QString &console, bool online, std::uint64_t connection, const KeyringLookup &inKeyringNow,
                                      std::int64_t nowMs, std::vector<Event> &out)
{
    std::lock_guard lock(m_mutex);
    const InKeyring inKeyring = inKeyringNow(console);
    auto it = m_consoles.find(console);
    if (it == m_consoles.end()) {
        if (inKeyring != true)
            return Heard::Same;   // never in the keyring as far as we know: not kept
        it = m_consoles.insert(console, Life{});
    } else if (connection < it->connection || (connection == it->connection && online && !it->heardOnline)) {
        return Heard::Stale;   // a Will or a status copied off the broker and published again
    }
    Life &life = it.value();
    const Heard heard = connection > life.connection || life.connection == 0 ? Heard::NewConnection : Heard::Same;
    life.connection = connection;
    life.heardOnline = online;
    if (inKeyring)
        settle(console, life, *inKeyring, nowMs, out);
    if (!life.inKeyring)
        return heard;
    if (!online) {
        if (life.told != ConsoleStanding::Gone)
            life.offline.said(nowMs);
        return heard;
    }
    life.offline.forget();
    tell(console, life, ConsoleStanding::Online, nowMs, out);
    return heard;
}

void ConsoleRoll::keyringChanged(const KeyringLookup &inKeyring, std::int64_t nowMs, std::vector<Event> &out)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_consoles.begin(); it != m_consoles.end(); ++it)
        if (const InKeyring in = inKeyring(it.key()))
            settle(it.key(), it.value(), *in, nowMs, out);
}

std::size_t ConsoleRoll::kept()
{
    std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(m_consoles.size());
}

void ConsoleRoll::lostBroker()
{
    std::lock_guard lock(m_mutex);
    for (Life &life : m_consoles)
        life.offline.forget();
}

void ConsoleRoll::tick(std::int64_t nowMs, std::vector<Event> &out)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_consoles.begin(); it != m_consoles.end(); ++it) {
        Life &life = it.value();
        if (!life.offline.due(nowMs))
            continue;
        life.offline.forget();
        tell(it.key(), life, ConsoleStanding::Gone, nowMs, out);
    }
}

} // namespace cityops
