#pragma once

#include "city/citymodel.h"
#include "model/device.h"
#include "model/event.h"
#include "model/incident.h"

#include <QColor>
#include <QString>

namespace cityops::mapstyle {

// ISA-101 high-performance palette: the normal city is quiet greys on a dark slate (wall displays run day and
// night); saturated colour appears only where something is abnormal, so it pops out at a distance. Normal signal
// aspects are drawn in muted tones; flashing/faulted signals, lamp faults, overloads and incidents are bright.
// Magenta means "no data" (communication lost), as in most SCADA palettes.
inline QColor background() { return QColor(0x23, 0x27, 0x2b); }
/// Translucent, so an offline raster background (--tiles) still shows through the districts.
inline QColor districtFill() { return QColor(0x2f, 0x35, 0x3b, 120); }
inline QColor districtEdge() { return QColor(0x4e, 0x56, 0x5e); }
inline QColor districtLabel() { return QColor(0x76, 0x7f, 0x88); }
QColor roadColor(RoadClass cls);
double roadWidthPx(RoadClass cls, double zoom);

/// A signal running its program, at any distance: normal, so grey (ISA-101). Its aspects are shown close in, one head
/// per approach; a disc in the aspect's colours would light the whole map green with a red dot at every all-red.
inline QColor signalRunning() { return QColor(0xb4, 0xbb, 0xc2); }   // lighter than any road, cooler than a lit lamp
inline QColor signalGreen() { return QColor(0x5f, 0xa8, 0x6e); }
inline QColor signalYellow() { return QColor(0xa3, 0x98, 0x6e); } // far from alarm amber: a normal aspect is not an alarm
inline QColor signalRed() { return QColor(0xb8, 0x5c, 0x5c); }
inline QColor signalDark() { return QColor(0x55, 0x5b, 0x61); }
inline QColor alarmAmber() { return QColor(0xff, 0xb0, 0x00); }
inline QColor alarmRed() { return QColor(0xff, 0x3b, 0x30); }
inline QColor noData() { return QColor(0xe0, 0x40, 0xe0); }
inline QColor lampOn() { return QColor(0xa8, 0xa2, 0x8c); }
inline QColor lampOff() { return QColor(0x4a, 0x4f, 0x55); }
inline QColor feederNormal() { return QColor(0x9a, 0xa1, 0xa8); }
inline QColor selection() { return QColor(0xff, 0xff, 0xff); }
/// Emergency vehicles and their routes: light and neutral (they are information, not alarms), apart from the
/// signal palette and from selection white.
inline QColor vehicleFill() { return QColor(0xd8, 0xe2, 0xea); }
inline QColor vehicleRoute() { return QColor(0xa9, 0xbc, 0xcc); }
// A signal held or pre-empted by a command: deliberate, not abnormal — the route's tone, not an alarm colour.
inline QColor commandOverride() { return vehicleRoute(); }

/// Colour of one SUMO link state character (r/y/g/G/s/u/o/O).
QColor linkStateColor(QChar c);
/// One colour for a whole signal: green if any movement has green, else yellow if any has yellow, else red.
QColor aggregateSignalColor(const QString &state);
/// Feeder colour by load against capacity: grey below 80 %, amber to 100 %, red above.
QColor feederColor(double loadRatio);
QColor severityColor(IncidentSeverity severity);
/// A queue back from a stop line: quiet grey while normal, amber when long, red when it spills back (the line's
/// width says it too, for those who do not see the colours).
QColor queueColor(QueueLevel level);
double queueWidthPx(QueueLevel level, double zoom);
/// Road traffic (RoadTrafficLayer): grey for a busy road, amber and red where traffic stands a block or two long.
QColor roadTrafficColor(RoadLevel level);
double roadTrafficWidthPx(RoadLevel level, double zoom);

} // namespace cityops::mapstyle
