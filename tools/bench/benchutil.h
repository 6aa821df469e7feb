#pragma once

#include "city/citypackage.h"
#include "city/syntheticdevices.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace cityops::bench {

/// Linear-interpolated percentile (p in 0..100) of a sample.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
    const size_t lo = static_cast<size_t>(rank), hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

inline double round2(double v) { return std::round(v * 100) / 100; }

/// The default city's package (Berlin-Adlershof): the benches' city unless --city names another, and the one whose
/// network and demand the SUMO benches run.
inline QString defaultCityPackage() { return QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"); }

/// The bench's city (the default one unless --city names another); nullptr after saying why on stderr.
inline std::shared_ptr<const CityModel> loadCity(const QString &cityPath)
{
    auto loaded = citypackage::read(cityPath.isEmpty() ? defaultCityPackage() : cityPath);
    if (!loaded) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(loaded.error()));
        return nullptr;
    }
    return loaded.value();
}

/// The bench's city with at least `lamps` streetlights (synthetic devices added when it has fewer); nullptr after
/// saying why on stderr.
inline std::shared_ptr<const CityModel> cityWithLamps(const QString &cityPath, int lamps)
{
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return nullptr;
    auto city = std::make_shared<CityModel>(*loaded);
    if (static_cast<int>(city->streetlights.size()) < lamps)
        addSyntheticDevices(*city, static_cast<size_t>(lamps) * 2, 7);   // 99.5 % of them streetlights
    return city;
}

/// One result: one JSON object on one line of standard output.
inline void emit(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace cityops::bench
