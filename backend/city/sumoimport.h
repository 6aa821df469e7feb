#pragma once

#include "city/citymodel.h"
#include "city/sumonet.h"
#include "base/result.h"

#include <QString>

#include <cstdint>

namespace cityops {

struct ImportOptions {
    QString name;                    ///< city name shown in the console; empty: derived from the file name
    QString timezone = QStringLiteral("UTC");
    std::uint64_t seed = 1;          ///< seed for the generated assets (streetlights, feeders, districts)
    double lightSpacingM = 30.0;     ///< distance between streetlights along residential roads
};

/// Turns a parsed SUMO network into a city: roads, junctions and signals (with their programs and SUMO ids) from
/// the network; streetlights, substations, feeders and districts generated deterministically from the seed and
/// flagged as generated. Coordinates are converted from the net's UTM zone to WGS84.
Result<CityModel> buildCityFromSumo(const SumoNet &net, const QString &sourcePath, const ImportOptions &options);

/// parseSumoNet + buildCityFromSumo.
Result<CityModel> importSumoNet(const QString &path, const ImportOptions &options);

} // namespace cityops
