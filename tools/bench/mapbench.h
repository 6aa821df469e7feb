#pragma once

#include <QCommandLineParser>

namespace cityops::bench {
/// `cityops-bench map`: renders 1920x1080 offscreen with N devices — pan/zoom frames (full repaint) and live frames
/// under 10,000 state changes per second — through the console's MapRenderer and, in the same run, through the usual
/// Qt way (one QGraphicsItem per device in a QGraphicsScene shown by a QGraphicsView) as the baseline.
int runMapBench(const QCommandLineParser &args, const QString &cityPath);
} // namespace cityops::bench
