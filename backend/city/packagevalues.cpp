#include "city/packagevalues.h"

#include "city/sumonet.h"

#include <cmath>

namespace cityops::citypackage {
namespace {

constexpr int kDayS = 86400;
constexpr int kMaxIdChars = 1024;      // an OpenStreetMap cluster's joined ids run to a few hundred
constexpr int kMaxMovements = 4096;    // as signal_links' link_index

bool within(double value, double low, double high) { return std::isfinite(value) && value >= low && value <= high; }

Status checkId(const QString &id)
{
    if (id.isEmpty() || id.size() > kMaxIdChars)
        return makeError(QStringLiteral("a device id of %1 characters (1 to %2)").arg(id.size()).arg(kMaxIdChars));
    for (QChar c : id)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return makeError(QStringLiteral("device %1 has a control character in its id").arg(QString(id).replace(c, QLatin1Char('?'))));
    return Ok{};
}

Status checkSignal(const CityModel &city, const SignalInfo &signal)
{
    const QString &id = city.devices[signal.device].id;
    // The states' length, which the console takes as the signal's movements (movementsOf): the importer writes it.
    if (signal.linkCount < 1 || signal.linkCount > kMaxMovements)
        return makeError(QStringLiteral("signal %1: link_count %2 is not 1 to %3").arg(id).arg(signal.linkCount).arg(kMaxMovements));
    const qsizetype movements = signal.linkCount;
    for (const SignalProgram &program : signal.programs) {
        if (program.offsetS < -kDayS || program.offsetS > kDayS)
            return makeError(QStringLiteral("signal %1, program %2: an offset of %3 s is not within a day").arg(id, program.programId).arg(program.offsetS));
        for (const SignalPhase &phase : program.phases) {
            if (phase.state.isEmpty() || phase.state.size() != movements || movements > kMaxMovements)
                return makeError(QStringLiteral("signal %1, program %2: a phase of %3 signal states where the signal has %4 movements")
                                     .arg(id, program.programId).arg(phase.state.size()).arg(movements));
            if (!isSumoSignalState(phase.state))
                return makeError(QStringLiteral("signal %1, program %2: a phase state \"%3\" with a letter SUMO does not know (%4)")
                                     .arg(id, program.programId, phase.state.left(64), QLatin1String(kSumoStateLetters)));
            if (phase.durationS <= 0 || phase.durationS > kDayS || phase.minDurS < 0 || phase.minDurS > kDayS || phase.maxDurS < 0
                || phase.maxDurS > kDayS)
                return makeError(QStringLiteral("signal %1, program %2: a phase's duration, min_dur_s or max_dur_s is not within a day")
                                     .arg(id, program.programId));
        }
    }
    for (const SignalLink &link : signal.links)
        if (link.index >= movements)
            return makeError(QStringLiteral("signal %1: movement %2 in signal_links, beyond its %3 signal states").arg(id).arg(link.index).arg(movements));
    return Ok{};
}

} // namespace

Status checkValues(const CityModel &city)
{
    for (const DeviceInfo &device : city.devices)
        if (auto s = checkId(device.id); !s)
            return s;
    for (const Road &road : city.roads)
        if (!within(road.speedKmh, 0, 1000) || road.lanes < 0 || road.lanes > 100)
            return makeError(QStringLiteral("road %1: a speed of %2 km/h or %3 lanes is not a road's").arg(road.sumoId).arg(road.speedKmh).arg(road.lanes));
    for (const SignalInfo &signal : city.signals)
        if (auto s = checkSignal(city, signal); !s)
            return s;
    for (const FeederInfo &feeder : city.feeders) {
        const QString &id = city.devices[feeder.device].id;
        if (feeder.substation >= city.devices.size() || city.devices[feeder.substation].kind != DeviceKind::Substation)
            return makeError(QStringLiteral("feeder %1: its substation_id is not a substation").arg(id));
        if (!within(feeder.capacityKw, 1e-3, 1e7) || !within(feeder.peakLoadKw, 0, 1e7))
            return makeError(QStringLiteral("feeder %1: capacity_kw must be above 0 and peak_load_kw at least 0, both at most 10,000,000").arg(id));
        if (!within(feeder.commercialShare, 0, 1))
            return makeError(QStringLiteral("feeder %1: commercial_share must be 0 to 1").arg(id));
        if (feeder.priority < 1 || feeder.priority > 99)
            return makeError(QStringLiteral("feeder %1: priority must be 1 (shed last) to 99").arg(id));
    }
    for (const StreetlightInfo &light : city.streetlights) {
        const QString &id = city.devices[light.device].id;
        if (light.feeder != kNoDevice && (light.feeder >= city.devices.size() || city.devices[light.feeder].kind != DeviceKind::Feeder))
            return makeError(QStringLiteral("streetlight %1: its feeder_id is not a feeder").arg(id));
        if (!within(light.powerW, 0, 1e5))
            return makeError(QStringLiteral("streetlight %1: power_w must be 0 to 100,000").arg(id));
    }
    return Ok{};
}

} // namespace cityops::citypackage
