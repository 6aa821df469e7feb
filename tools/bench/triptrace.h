#pragma once

#include "base/result.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace cityops::bench {

/// What a trip's trace is read against: each lane's speed limit, and which roads end at a signal.
struct SignalApproaches {
    QHash<QString, double> laneSpeed;    // lane id → speed limit, m/s (internal lanes included)
    QSet<QString> approachEdges;         // roads whose far end is a signalised junction
    QSet<QString> signalJunctions;       // junctions of a traffic_light type (their internal lanes count as the signal's)

    /// Reads SUMO's network file.
    static Result<SignalApproaches> read(const QString &networkFile);
};

/// Where a vehicle lost its time, as SUMO counts time loss (each second: 1 − speed / (the lane's limit × the vehicle's
/// speed factor)), split between the approaches to signals (a road ending at a signalised junction, and the junction
/// itself) and everywhere else (unsignalised junctions, a living street, a slow car ahead, setting off).
struct TimeLossSplit {
    double atSignalsS = 0;
    double elsewhereS = 0;
    int seconds = 0;   // trace steps read
};

/// Reads a SUMO fcd trace (`--fcd-output`, one-second steps) for `vehicle`.
Result<TimeLossSplit> splitTimeLoss(const QString &fcdFile, const QString &vehicle, double speedFactor, const SignalApproaches &network);

} // namespace cityops::bench
