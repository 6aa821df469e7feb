#pragma once

#ifdef CITYOPS_HAVE_SUMO
#include "city/citymodel.h"
#include "link/simlink.h"
#include "sim/sumoplant.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

namespace cityops {
class Engine;
}

namespace cityops::bench {

/// A working Tuesday at 17:00 in the city: the evening peak of its demand, the case the SUMO benches measure.
std::int64_t eveningPeakMs(const CityModel &city);

/// Starts the console's embedded link with SUMO running the signals and waits until it is live (up to 2 min);
/// `plant` receives the SumoPlant the link makes on its own thread. False when it did not go live.
bool startWithSumo(Engine &engine, const std::shared_ptr<const CityModel> &city, SimLinkOptions options, const SumoSetup &setup,
                   std::int64_t sessionStartMs, std::atomic<SumoPlant *> &plant);

} // namespace cityops::bench
#endif
