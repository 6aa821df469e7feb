#include "model/device.h"

namespace cityops {

QString deviceKindName(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::SignalController: return QStringLiteral("signal");
    case DeviceKind::Streetlight: return QStringLiteral("streetlight");
    case DeviceKind::Feeder: return QStringLiteral("feeder");
    case DeviceKind::Substation: return QStringLiteral("substation");
    }
    return QStringLiteral("unknown");
}

QString signalModeName(SignalMode mode)
{
    switch (mode) {
    case SignalMode::Normal: return QStringLiteral("normal");
    case SignalMode::Manual: return QStringLiteral("manual");
    case SignalMode::Flash: return QStringLiteral("flash");
    case SignalMode::Off: return QStringLiteral("off");
    case SignalMode::Preempt: return QStringLiteral("preempt");
    }
    return QStringLiteral("unknown");
}

} // namespace cityops
