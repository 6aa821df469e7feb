#include "placebench.h"

#include "benchutil.h"
#include "city/syntheticdevices.h"
#include "citymirror.h"
#include "labels.h"

#include <QElapsedTimer>

namespace cityops::bench {

int runPlaceBench(const QCommandLineParser &args, const QString &cityPath)
{
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return 1;
    auto city = std::make_shared<CityModel>(*loaded);
    addSyntheticDevices(*city, size_t(args.value(QStringLiteral("devices")).toDouble()), 1);
    city->finalize();

    // Cold: each device named for the first time, sorted by how its name was found.
    std::vector<double> all, searched;
    std::size_t unnamed = 0;
    QElapsedTimer total;
    total.start();
    for (DeviceIndex d = 0; d < city->devices.size(); ++d) {
        QElapsedTimer one;
        one.start();
        const QString place = Labels::place(*city, d);
        const double ns = double(one.nsecsElapsed());
        all.push_back(ns);
        const DeviceInfo &info = city->devices[d];
        const auto detail = size_t(info.detail);
        const bool byStreets = info.kind == DeviceKind::SignalController && !signalStreets(city->signals[detail]).isEmpty();
        const int road = info.kind == DeviceKind::Streetlight ? city->streetlights[detail].road : -1;
        const bool byRoad = road >= 0 && !city->roads[size_t(road)].name.isEmpty();
        if (!byStreets && !byRoad)
            searched.push_back(ns);
        unnamed += place.isEmpty();
    }
    const double coldMs = double(total.nsecsElapsed()) / 1e6;

    // Warm: what a list's repaint pays, through the cache the console's panels share.
    const CityMirror scene(city);
    for (DeviceIndex d = 0; d < city->devices.size(); ++d)
        scene.place(d);
    std::vector<double> warm;
    qint64 characters = 0;   // what the lists would draw, so the lookups are used
    for (DeviceIndex d = 0; d < city->devices.size(); ++d) {
        QElapsedTimer one;
        one.start();
        characters += scene.place(d).size();
        warm.push_back(double(one.nsecsElapsed()));
    }

    QJsonObject o;
    o[QStringLiteral("bench")] = QStringLiteral("places");
    o[QStringLiteral("devices")] = qint64(city->devices.size());
    o[QStringLiteral("roads")] = qint64(city->roads.size());
    o[QStringLiteral("cold_total_ms")] = round2(coldMs);
    o[QStringLiteral("cold_p50_ns")] = std::round(percentile(all, 50));
    o[QStringLiteral("cold_p99_ns")] = std::round(percentile(all, 99));
    o[QStringLiteral("cold_max_ns")] = std::round(percentile(all, 100));
    o[QStringLiteral("searched")] = qint64(searched.size());
    o[QStringLiteral("searched_p50_ns")] = std::round(percentile(searched, 50));
    o[QStringLiteral("searched_p99_ns")] = std::round(percentile(searched, 99));
    o[QStringLiteral("unnamed")] = qint64(unnamed);
    o[QStringLiteral("warm_p50_ns")] = std::round(percentile(warm, 50));
    o[QStringLiteral("warm_p99_ns")] = std::round(percentile(warm, 99));
    o[QStringLiteral("mean_chars")] = round2(double(characters) / double(city->devices.size()));
    emit(o);
    return 0;
}

} // namespace cityops::bench
