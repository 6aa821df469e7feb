#pragma once

#include "model/device.h"

#include <QPointF>
#include <QRectF>

#include <vector>

namespace cityops {

/// A uniform grid over the devices' map positions (normalised Web Mercator), built once: hit-testing, rubber-band
/// and lasso picking, and culling look only at the cells a rectangle touches instead of every device.
class DeviceGrid {
public:
    /// About `perCell` devices per occupied cell on average.
    void build(const std::vector<QPointF> &world, int perCell = 16);

    /// Calls fn(device) for every device in the cells `world` touches (a superset of the devices inside it).
    template <typename Fn>
    void forEachIn(const QRectF &world, Fn &&fn) const
    {
        if (m_cols == 0)
            return;
        const int c0 = col(world.left()), c1 = col(world.right());
        const int r0 = row(world.top()), r1 = row(world.bottom());
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const size_t cell = static_cast<size_t>(r) * m_cols + static_cast<size_t>(c);
                for (std::uint32_t i = m_start[cell]; i < m_start[cell + 1]; ++i)
                    fn(m_items[i]);
            }
    }
    /// How many devices the cells `world` touches hold: an upper bound of the devices inside it, in O(cells).
    size_t countIn(const QRectF &world) const
    {
        if (m_cols == 0)
            return 0;
        size_t n = 0;
        const int c0 = col(world.left()), c1 = col(world.right());
        for (int r = row(world.top()), r1 = row(world.bottom()); r <= r1; ++r) {
            const size_t base = static_cast<size_t>(r) * m_cols;
            n += m_start[base + c1 + 1] - m_start[base + c0];
        }
        return n;
    }
    /// The cells (and devices) a rectangle query touches, for tests and measurements.
    size_t cellCount() const { return static_cast<size_t>(m_cols) * static_cast<size_t>(m_rows); }

private:
    int col(double x) const;
    int row(double y) const;

    QRectF m_bounds;
    int m_cols = 0;
    int m_rows = 0;
    std::vector<std::uint32_t> m_start;   ///< per cell, offset into m_items (CSR layout), one extra at the end
    std::vector<DeviceIndex> m_items;
};

} // namespace cityops
