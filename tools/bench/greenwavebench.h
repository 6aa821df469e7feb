#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench greenwave [--seed N] [--runs K] [--speed X] [--lead S] [--trace DIR] [--check-trips]`: does the console's green wave get an emergency
/// vehicle through the city faster, and at what cost to everybody else? The default city in SUMO at its evening
/// peak; an emergency vehicle on a route through at least five signalised junctions (chosen from the seed); each run
/// twice with the same seed — without intervention, and with the green wave that follows the vehicle through the
/// console's real command path (order, a supervisor's approval, dispatcher, link, simulator, SUMO). Travel time,
/// stops and the others' time loss come from SUMO's tripinfo. Prints medians over the runs, and one pair with SUMO's
/// bluelight device (the vehicle may pass a red slowly) so the comparison is not mistaken for that, and one with
/// both (siren and green wave, as a real emergency vehicle has them). The vehicle's time loss is split, from its
/// second-by-second trace, between the roads into signals (with their junctions) and the rest of its route, so what
/// the wave could remove is told apart from what no signal causes; --trace keeps each run's tripinfo and trace.
/// Last, the wave once more on the first route (every route with --check-trips), the vehicle parking at the end as
/// one sent from the console does: the trip and stops the console tells against SUMO's own.
int runGreenWaveBench(const QCommandLineParser &parser, const QString &cityPath);

/// `cityops-bench cosim [--speed X] [--seconds S]`: what co-simulation costs on the default city at its evening
/// peak — SUMO's launch, start-up to live, SUMO's own step rate flat out, and the steps per wall second the console's
/// embedded link sustains at --speed X (default 10).
int runCosimBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
