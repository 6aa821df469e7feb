#pragma once

#include "model/device.h"

#include <QSet>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace cityops {

/// The fresh pictures consoles ask a gateway for (`ctl/refresh`), merged and sent at most once a second. One small
/// request costs a whole picture — a report of every device (1,443 for the default city) and every open incident —
/// and any account that may ask (a console, a wall, a gateway) could ask thousands of times a second: the broker and
/// every console would drown in copies. Requests that arrive within the second after a picture are merged (everything
/// if any asked for everything, else every device listed) and served once that second has passed, so none is lost
/// and whoever asked waits a second at most. Plain value: the gateway's thread owns it.
class PictureRequests {
public:
    static constexpr std::int64_t kIntervalMs = 1000;

    /// A request for `devices` (empty: everything).
    void ask(const std::vector<DeviceIndex> &devices)
    {
        m_wanted = true;
        if (devices.empty())
            m_everything = true;
        else if (!m_everything)
            m_devices.unite(QSet<DeviceIndex>(devices.begin(), devices.end()));   // bounded by the city's devices
    }
    /// What to send at `nowMs`: nothing (nullopt), everything (empty), or these devices. Once a second at most, on
    /// the gateway's clock; a clock set back does not hold pictures off.
    std::optional<std::vector<DeviceIndex>> due(std::int64_t nowMs)
    {
        if (!m_wanted || (m_sentMs && nowMs >= *m_sentMs && nowMs - *m_sentMs < kIntervalMs))
            return std::nullopt;
        std::vector<DeviceIndex> devices;
        if (!m_everything) {
            devices.assign(m_devices.begin(), m_devices.end());
            std::sort(devices.begin(), devices.end());
        }
        m_wanted = m_everything = false;
        m_devices.clear();
        m_sentMs = nowMs;
        return devices;
    }

private:
    bool m_wanted = false;
    bool m_everything = false;
    QSet<DeviceIndex> m_devices;
    std::optional<std::int64_t> m_sentMs;
};

} // namespace cityops
