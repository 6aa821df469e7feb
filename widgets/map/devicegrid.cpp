#include "map/devicegrid.h"

#include <algorithm>
#include <cmath>

namespace cityops {

void DeviceGrid::build(const std::vector<QPointF> &world, int perCell)
{
    m_items.clear();
    m_start.clear();
    m_cols = m_rows = 0;
    if (world.empty())
        return;
    double minX = world[0].x(), maxX = minX, minY = world[0].y(), maxY = minY;
    for (const QPointF &p : world) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    const double w = std::max(maxX - minX, 1e-12), h = std::max(maxY - minY, 1e-12);
    const double cells = std::max(1.0, static_cast<double>(world.size()) / std::max(1, perCell));
    const double side = std::sqrt(w * h / cells);
    m_cols = std::clamp(static_cast<int>(std::ceil(w / side)), 1, 4096);
    m_rows = std::clamp(static_cast<int>(std::ceil(h / side)), 1, 4096);
    m_bounds = QRectF(minX, minY, w, h);
    // Counting sort into cells: two passes, no per-cell allocations.
    std::vector<std::uint32_t> cellOf(world.size());
    m_start.assign(cellCount() + 1, 0);
    for (size_t i = 0; i < world.size(); ++i) {
        cellOf[i] = static_cast<std::uint32_t>(row(world[i].y()) * m_cols + col(world[i].x()));
        ++m_start[cellOf[i] + 1];
    }
    for (size_t c = 1; c < m_start.size(); ++c)
        m_start[c] += m_start[c - 1];
    m_items.resize(world.size());
    std::vector<std::uint32_t> fill(m_start.begin(), m_start.end() - 1);
    for (size_t i = 0; i < world.size(); ++i)
        m_items[fill[cellOf[i]]++] = static_cast<DeviceIndex>(i);
}

int DeviceGrid::col(double x) const
{
    return std::clamp(static_cast<int>((x - m_bounds.left()) / m_bounds.width() * m_cols), 0, m_cols - 1);
}

int DeviceGrid::row(double y) const
{
    return std::clamp(static_cast<int>((y - m_bounds.top()) / m_bounds.height() * m_rows), 0, m_rows - 1);
}

} // namespace cityops
