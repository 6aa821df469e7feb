#pragma once

#include <QCommandLineParser>

namespace cityops::bench {
/// `cityops-bench places`: what naming devices where they are costs the lists that show them (alarms, order targets,
/// Details): every device of the city with N generated ones named once, cold (a junction's streets, a streetlight's
/// road, or a search of the roads for the nearest named one), then again through the console's per-device cache.
int runPlaceBench(const QCommandLineParser &args, const QString &cityPath);
} // namespace cityops::bench
