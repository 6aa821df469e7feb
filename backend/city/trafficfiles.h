#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>

namespace cityops {

/// What SUMO needs to run a city's traffic, carried inside its city package (table `traffic_files`): the road
/// network it was imported from and a day of demand, each zlib-compressed with the SHA-256 of its text (checked
/// when extracted, so a damaged package is refused rather than fed to SUMO).
namespace trafficfiles {

inline const QString kNetwork = QStringLiteral("network.net.xml");
inline const QString kDemand = QStringLiteral("demand.rou.xml");

/// Stores (or replaces) one file in the package.
Status store(const QString &packagePath, const QString &name, const QByteArray &content);
/// Whether the package carries the file.
Result<bool> has(const QString &packagePath, const QString &name);
/// The file's text, checked against its digest.
Result<QByteArray> load(const QString &packagePath, const QString &name);

struct Extracted {
    QString network;    ///< path of the network file
    QString demand;     ///< path of the demand file; empty when the package has none
    QByteArray day;     ///< the stored day of demand it was written from (checked against its digest)
};
/// How many days of demand extract() writes by default: SUMO starts within the first (its clock is the time of day),
/// so a run crossing midnight goes on with the second; the days after it are added while SUMO runs (DemandRepeat).
inline constexpr int kDemandDaysWritten = 2;
/// Writes the network and the demand into `directory` for SUMO. The demand is one day (0-86400 s); it is written
/// `days` times, each day's vehicles shifted by a day and renamed, so that a run crossing midnight goes on.
Result<Extracted> extract(const QString &packagePath, const QString &directory, int days = kDemandDaysWritten);

/// Share of the peak hour's traffic in each local hour of a working day (morning and evening peaks).
const std::array<double, 24> &dailyProfile();
/// Checks that a demand file is a SUMO route file (well-formed, root <routes>).
Status checkDemand(const QByteArray &demand);
/// Checks that every road, junction and named route the demand uses is there: in `network` (a SUMO .net.xml) or,
/// for a route, defined in the demand itself. SUMO quits on the first it does not know, `--ignore-route-errors` or
/// not, so a demand for another network is refused with a sentence naming the first miss. Zones (fromTaz/toTaz)
/// need an additional file the package does not carry, and are refused too.
Status checkDemandFitsNetwork(const QByteArray &demand, const QByteArray &network);
/// Thins a day of trips generated at the peak rate to the daily profile: a trip departing in hour h is kept with
/// probability dailyProfile()[h], drawn from `seed`. Accepts SUMO trip, vehicle and flow-free route files; what
/// is not a trip or vehicle (vTypes, routes) is kept as is.
Result<QByteArray> shapeToDailyProfile(const QByteArray &trips, std::uint64_t seed);

} // namespace trafficfiles
} // namespace cityops
