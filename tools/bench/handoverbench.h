#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench handover [--targets N] [--runs K]`: the history of another console's open order over N lamps
/// (its request, and each target requested, selected and sent), re-told in a hand-over to a console whose books
/// already hold all of it — what a console restarted on its record is handed — through the core's gate (PeerGate),
/// which passes it over; and, measured in the same run as the baseline, the same history taken in live by a console
/// that holds none of it (the gate's checks of each step). Medians of K runs.
int runHandOverBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
