#include "model/event.h"

namespace cityops {

bool validVehicleId(const QString &id)
{
    if (id.isEmpty() || id.size() > kMaxVehicleIdLength)
        return false;
    for (const QChar c : id)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return false;
    return true;
}

VehicleFix fixOf(const VehiclePayload &vehicle, std::int64_t timeMs)
{
    VehicleFix fix;
    fix.timeMs = timeMs;
    fix.speedMps = vehicle.speedMps;
    fix.ahead = vehicle.ahead;
    fix.queueAhead = vehicle.queueAhead;
    fix.arrived = vehicle.parked;
    return fix;
}

} // namespace cityops
