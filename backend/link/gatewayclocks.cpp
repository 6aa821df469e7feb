#include "link/gatewayclocks.h"

#include <algorithm>

namespace cityops {

void GatewayClocks::heard(int gateway, std::int64_t reportMs, std::int64_t nowMs)
{
    if (gateway < 0)
        return;
    const std::int64_t offset = reportMs - nowMs;
    std::lock_guard lock(m_mutex);
    if (m_windows.size() <= size_t(gateway))
        m_windows.resize(size_t(gateway) + 1);
    Window &w = m_windows[size_t(gateway)];
    // A window begins with its first report; one that has lasted kWindowMs (on the console's clock, which never goes
    // back) hands its largest to the next.
    if (!w.any || nowMs - w.startMs >= kWindowMs) {
        if (w.any)
            w.previousMs = w.largestMs;
        w.any = true;
        w.startMs = nowMs;
        w.largestMs = offset;
        return;
    }
    w.largestMs = std::max(w.largestMs, offset);
}

void GatewayClocks::forget(int gateway)
{
    std::lock_guard lock(m_mutex);
    if (gateway >= 0 && size_t(gateway) < m_windows.size())
        m_windows[size_t(gateway)] = Window{};
}

std::optional<std::int64_t> GatewayClocks::aheadMs(int gateway) const
{
    std::lock_guard lock(m_mutex);
    if (gateway < 0 || size_t(gateway) >= m_windows.size() || !m_windows[size_t(gateway)].any)
        return std::nullopt;
    const Window &w = m_windows[size_t(gateway)];
    return w.previousMs ? std::max(w.largestMs, *w.previousMs) : w.largestMs;
}

} // namespace cityops
