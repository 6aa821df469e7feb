#include "map/mapstyle.h"

namespace cityops::mapstyle {

QColor roadColor(RoadClass cls)
{
    switch (cls) {
    case RoadClass::Motorway: case RoadClass::Trunk: return QColor(0xa3, 0xaa, 0xb1);
    case RoadClass::Primary: return QColor(0x93, 0x9a, 0xa1);
    case RoadClass::Secondary: return QColor(0x84, 0x8b, 0x92);
    case RoadClass::Tertiary: return QColor(0x74, 0x7b, 0x82);
    case RoadClass::Residential: case RoadClass::Unclassified: case RoadClass::LivingStreet: return QColor(0x60, 0x67, 0x6e);
    case RoadClass::Service: return QColor(0x4f, 0x55, 0x5b);
    case RoadClass::Path: return QColor(0x42, 0x48, 0x4e);
    case RoadClass::Rail: return QColor(0x58, 0x58, 0x60);
    }
    return QColor(0x60, 0x67, 0x6e);
}

double roadWidthPx(RoadClass cls, double zoom)
{
    // Widths grow with zoom so streets read as streets when close and as a fine web when the whole city shows.
    const double scale = std::clamp((zoom - 13.0) / 3.0, 0.35, 2.0);
    switch (cls) {
    case RoadClass::Motorway: case RoadClass::Trunk: return 4.5 * scale;
    case RoadClass::Primary: return 4.0 * scale;
    case RoadClass::Secondary: return 3.2 * scale;
    case RoadClass::Tertiary: return 2.6 * scale;
    case RoadClass::Residential: case RoadClass::Unclassified: case RoadClass::LivingStreet: return 1.8 * scale;
    case RoadClass::Service: return 1.2 * scale;
    case RoadClass::Path: return 0.8;
    case RoadClass::Rail: return 1.2;
    }
    return 1.0;
}

QColor linkStateColor(QChar c)
{
    switch (c.unicode()) {
    case 'G': case 'g': return signalGreen();
    case 'y': case 'Y': case 'u': return signalYellow();
    case 'r': case 'R': case 's': return signalRed();
    case 'o': case 'O': return signalDark();
    default: return signalDark();
    }
}

QColor aggregateSignalColor(const QString &state)
{
    bool yellow = false, red = false;
    for (QChar c : state) {
        if (c == QLatin1Char('G') || c == QLatin1Char('g'))
            return signalGreen();
        yellow |= c == QLatin1Char('y') || c == QLatin1Char('Y') || c == QLatin1Char('u');
        red |= c == QLatin1Char('r') || c == QLatin1Char('R') || c == QLatin1Char('s');
    }
    return yellow ? signalYellow() : red ? signalRed() : signalDark();
}

QColor feederColor(double loadRatio)
{
    if (loadRatio > 1.0)
        return alarmRed();
    if (loadRatio >= 0.8)
        return alarmAmber();
    return feederNormal();
}

QColor severityColor(IncidentSeverity severity)
{
    switch (severity) {
    case IncidentSeverity::Critical: return QColor(0xff, 0x3b, 0x30);
    case IncidentSeverity::Major: return QColor(0xff, 0x8c, 0x1a);
    case IncidentSeverity::Minor: return QColor(0xf2, 0xd0, 0x3c);
    case IncidentSeverity::Info: return QColor(0x9f, 0xb3, 0xc8);
    }
    return QColor(0x9f, 0xb3, 0xc8);
}

QColor queueColor(QueueLevel level)
{
    switch (level) {
    case QueueLevel::Spillback: return alarmRed();
    case QueueLevel::Long: return alarmAmber();
    case QueueLevel::Normal: break;
    }
    return QColor(0x8a, 0x90, 0x96);
}

double queueWidthPx(QueueLevel level, double zoom)
{
    const double base = std::clamp(zoom - 12.0, 2.0, 6.0);
    return level == QueueLevel::Spillback ? base * 2.0 : level == QueueLevel::Long ? base * 1.5 : base;
}

QColor roadTrafficColor(RoadLevel level)
{
    switch (level) {
    case RoadLevel::Spillback: return alarmRed();
    case RoadLevel::Long: return alarmAmber();
    case RoadLevel::Busy:
    case RoadLevel::Free: break;
    }
    return QColor(0x8a, 0x90, 0x96, 150);   // the queues' grey, let through: a shade on the road, not a line over it
}

double roadTrafficWidthPx(RoadLevel level, double zoom)
{
    const double base = std::clamp(zoom - 11.0, 2.5, 7.0);
    return level == RoadLevel::Spillback ? base * 1.6 : level == RoadLevel::Long ? base * 1.3 : base;
}

} // namespace cityops::mapstyle
