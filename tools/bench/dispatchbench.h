#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench dispatch [--targets N]`: one order over N streetlights (synthetic ones added when the city has
/// fewer) through the console's Engine and the embedded simulator, until every target has its result. Per-target
/// time is from the request to the terminal result; the simulator's devices answer after 150-900 ms.
int runDispatchBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
