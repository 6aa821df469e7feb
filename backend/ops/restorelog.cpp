#include "ops/restorelog.h"

#include "ops/opsrules.h"

#include <algorithm>

#include <QHash>

namespace cityops {

void RestoreLog::record(std::uint32_t order, const OrderTargetSpec &spec, const DeviceState &before)
{
    m_confirmed[order].emplace_back(spec, before);
    if (m_confirmed.size() > kMaxOrders)
        m_confirmed.erase(m_confirmed.begin());
}

Result<OrderSpec> RestoreLog::planRestore(std::uint32_t order, const CityModel &city) const
{
    const auto it = m_confirmed.find(order);
    if (it == m_confirmed.end() || it->second.empty())
        return makeError(QStringLiteral("order %1 changed nothing that can be undone").arg(order));
    std::uint16_t lastStep = 0;
    for (const auto &[spec, before] : it->second)
        lastStep = std::max(lastStep, spec.step);
    QHash<DeviceIndex, size_t> firstTouch;
    OrderSpec restore;
    restore.workflow = WorkflowKind::Restore;
    restore.restores = order;
    restore.description = QStringLiteral("restore order %1").arg(order);
    for (const auto &[spec, before] : it->second) {
        if (firstTouch.contains(spec.device))
            continue;
        firstTouch.insert(spec.device, restore.targets.size());
        const Undo undo = undoFor(spec.action, city.devices[spec.device].kind, before);
        restore.targets.push_back({spec.device, undo.action, undo.value, static_cast<std::uint16_t>(lastStep - spec.step), 0});
    }
    return restore;
}

} // namespace cityops
