#include "link/fieldlink.h"

namespace cityops {

LinkStatus FieldLink::status() const
{
    std::lock_guard lock(m_statusMutex);
    return m_status;
}

void FieldLink::setStatus(LinkState state, const QString &description)
{
    {
        std::lock_guard lock(m_statusMutex);
        m_status = {state, description};
    }
    if (state == LinkState::Connected)
        m_live = true;
    Q_EMIT statusChanged({state, description});
}

} // namespace cityops
