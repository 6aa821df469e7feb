#include "link/fieldlink.h"

namespace cityops {

QString LinkStatus::description() const
{
    if (!simulated()) {
        if (problem.isEmpty())
            return endpoint;
        if (endpoint.isEmpty())
            return problem;
        return QStringLiteral("%1 — %2%3").arg(endpoint, retrying ? QStringLiteral("retrying: ") : QString(), problem);
    }
    QString said = QStringLiteral("simulator ×%1").arg(speed);
    if (paceKept > 0)
        said += QStringLiteral(" (keeps ×%1: the city's time follows it)").arg(paceKept);
    if (signalsBySumo)
        said += QStringLiteral(" · signals by SUMO");
    if (!problem.isEmpty())
        said += QStringLiteral(" — %1; signals not reporting until it runs again").arg(problem);
    return said;
}

LinkStatus FieldLink::status() const
{
    std::lock_guard lock(m_statusMutex);
    return m_status;
}

void FieldLink::setStatus(LinkStatus status)
{
    {
        std::lock_guard lock(m_statusMutex);
        m_status = status;
    }
    if (status.state == LinkState::Connected)
        m_live = true;
    Q_EMIT statusChanged(std::move(status));
}

} // namespace cityops
