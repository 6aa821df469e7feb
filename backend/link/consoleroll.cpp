#include "link/consoleroll.h"

namespace cityops {

void ConsoleRoll::heard(const QString &console, bool online, std::int64_t nowMs, std::vector<Event> &out)
{
    std::lock_guard lock(m_mutex);
    Life &life = m_consoles[console];
    if (!online) {
        if (life.told != false && life.offlineSaidMs == 0)
            life.offlineSaidMs = nowMs;
        return;
    }
    life.offlineSaidMs = 0;
    if (life.told == true)
        return;
    life.told = true;
    out.push_back(Event{0, nowMs, kNoDevice, ConsolePayload{console, true}});
}

void ConsoleRoll::lostBroker()
{
    std::lock_guard lock(m_mutex);
    for (Life &life : m_consoles)
        life.offlineSaidMs = 0;
}

void ConsoleRoll::tick(std::int64_t nowMs, std::vector<Event> &out)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_consoles.begin(); it != m_consoles.end(); ++it) {
        Life &life = it.value();
        if (life.offlineSaidMs == 0 || nowMs - life.offlineSaidMs < kOfflineGraceMs)
            continue;
        life.offlineSaidMs = 0;
        life.told = false;
        out.push_back(Event{0, nowMs, kNoDevice, ConsolePayload{it.key(), false}});
    }
}

} // namespace cityops
