#include "map/trafficlayer.h"

#include "map/mapstyle.h"

#include <QCoreApplication>

#include <cmath>

namespace cityops {

TrafficLayer::TrafficLayer(const CityMirror &scene) : MapLayer(scene)
{
    for (const SignalInfo &signal : scene.city().signals) {
        std::vector<int> bearings;
        for (const SignalApproach &a : signalApproaches(signal))
            bearings.push_back(a.bearingDeg);
        m_bearings.push_back(std::move(bearings));
    }
}

QString TrafficLayer::title() const { return QCoreApplication::translate("cityops::MapLayers", "Queues"); }

void TrafficLayer::render(QPainter &painter, const MapViewport &viewport) const
{
    const auto &traffic = scene().traffic;
    if (traffic.empty() || viewport.zoom() < 13.0)
        return;
    const auto &city = scene().city();
    const QRectF visible = viewport.visibleWorld(200);
    const double metresPerPixel = viewport.metresPerPixel();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Normal queues first, so congestion is drawn over them where approaches meet.
    for (const QueueLevel pass : {QueueLevel::Normal, QueueLevel::Long, QueueLevel::Spillback}) {
        painter.setPen(QPen(mapstyle::queueColor(pass), mapstyle::queueWidthPx(pass, viewport.zoom()), Qt::SolidLine, Qt::FlatCap));
        for (size_t i = 0; i < traffic.size() && i < city.signals.size(); ++i) {
            const DeviceIndex device = city.signals[i].device;
            if (traffic[i].timeMs == 0 || !scene().states[device].online)
                continue;
            const QPointF w = scene().deviceWorld()[device];
            if (!visible.contains(w))
                continue;
            const QPointF stopLine = viewport.worldToScreen(w);
            for (const ApproachTraffic &a : traffic[i].approaches) {
                if (a.queueM == 0 || queueLevel(a) != pass || a.approach >= m_bearings[i].size())
                    continue;
                // Back the way the traffic comes: opposite to its arrival bearing (0 = north, clockwise; screen y down).
                const double back = (m_bearings[i][a.approach] + 180.0) * M_PI / 180.0;
                const double lengthPx = a.queueM / metresPerPixel;
                painter.drawLine(stopLine, stopLine + QPointF(std::sin(back), -std::cos(back)) * lengthPx);
            }
        }
    }
    painter.restore();
}

} // namespace cityops
