#include "sumobench.h"

#ifdef CITYOPS_HAVE_SUMO
#include "engine/engine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>

namespace cityops::bench {

std::int64_t eveningPeakMs(const CityModel &city)
{
    return QDateTime(QDate(2026, 11, 24), QTime(17, 0), QTimeZone(city.meta.timezone.toUtf8())).toMSecsSinceEpoch();
}

bool startWithSumo(Engine &engine, const std::shared_ptr<const CityModel> &city, SimLinkOptions options, const SumoSetup &setup,
                   std::int64_t sessionStartMs, std::atomic<SumoPlant *> &plant)
{
    options.signalPlant = [&plant, city, setup] {
        auto p = std::make_unique<SumoPlant>(city, setup);
        plant = p.get();
        return p;
    };
    engine.start(std::make_unique<SimLink>(city, &engine.clock(), options), QStringLiteral("bench"), sessionStartMs);
    QElapsedTimer wait;
    wait.start();
    while (engine.linkStatus().state != LinkState::Connected && wait.elapsed() < 120'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return engine.linkStatus().state == LinkState::Connected && plant.load();
}

} // namespace cityops::bench
#endif
