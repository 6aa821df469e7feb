#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench e2p [--devices N] [--rate R] [--seconds S] [--fps F]`: event-to-pixel latency. A link pushes R
/// streetlight events per second (default 10,000) into the console's Engine; the GUI thread, as LiveCity does,
/// pulls what changed once per frame (F per second, default the console's 30) and renders the 1920×1080 map. For
/// every change a frame shows, the time from the event entering the engine's queue to the end of that frame.
int runE2pBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
