#include "link/fieldlink.h"

namespace cityops {

QString LinkStatus::describe(const Words &words) const
{
    if (!simulated()) {
        if (problem.isEmpty())
            return endpoint;
        if (endpoint.isEmpty())
            return problem;
        return (retrying ? words.retrying : words.failed).arg(endpoint, problem);
    }
    QString said = words.simulator.arg(speed);
    if (paceKept > 0)
        said += words.paceKept.arg(paceKept);
    if (signalsBySumo)
        said += words.bySumo;
    if (!problem.isEmpty())
        said += words.sumoStopped.arg(problem);
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
