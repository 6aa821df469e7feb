#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "model/ops.h"
#include "ops/opsrequest.h"

#include <map>
#include <vector>

namespace cityops {

/// What the recent orders changed, so that each can be undone: every confirmed target with the device state it
/// found. Bounded to the last kMaxOrders orders (a restore is for what just happened, not last month).
class RestoreLog {
public:
    static constexpr size_t kMaxOrders = 200;

    void record(std::uint32_t order, const OrderTargetSpec &spec, const DeviceState &before);
    /// The order that puts every device `order` changed back as it was before the order first touched it, later
    /// steps undone first; an error when the order changed nothing that can be undone.
    Result<OrderSpec> planRestore(std::uint32_t order, const CityModel &city) const;

private:
    std::map<std::uint32_t, std::vector<std::pair<OrderTargetSpec, DeviceState>>> m_confirmed;
};

} // namespace cityops
