#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench wall [--devices N] [--frames F] [--rate R]`: the video wall as it runs — a 3 × 2 wall of 1920 × 1080
/// panels (the city map, a district map and four boards) over the live engine, fed R field events per second
/// (default 10,000) on a city of N devices. Per frame: the GUI pulls what changed and the tiles whose data changed
/// repaint (frame_ms); also the whole wall painted from scratch (full_ms, what a screenshot costs). Prints
/// p50/p95/p99, the frames per second sustained, start-up to the first wall frame, and the process's resident memory.
int runWallBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
