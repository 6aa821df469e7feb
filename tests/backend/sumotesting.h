#pragma once
// What the tests that run a real SUMO share: the small piece of Berlin-Adlershof they import, SUMO set up on it, and
// the simulator with SUMO running its signals (started by the test, stopped with the rig).
#include "city/sumoimport.h"
#include "engine/engine.h"
#include "link/simlink.h"
#include "sim/citysimulator.h"
#include "sim/sumoplant.h"

#include <QDateTime>
#include <QXmlStreamReader>
#include <QFile>
#include <QXmlStreamAttributes>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace cityops::test {

inline const QString kNet = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");
// A Tuesday 17:30 in Berlin (the evening peak of the demand profile).
inline const std::int64_t kStart = QDateTime::fromString(QStringLiteral("2026-11-24T16:30:00Z"), Qt::ISODate).toMSecsSinceEpoch();

/// Whether a <lane> of a SUMO network (its attributes) is open to passenger cars.
inline bool openToCars(const QXmlStreamAttributes &lane)
{
    return lane.hasAttribute(QLatin1String("allow")) ? lane.value(QLatin1String("allow")).contains(QLatin1String("passenger"))
                                                     : !lane.value(QLatin1String("disallow")).contains(QLatin1String("passenger"));
}

inline std::shared_ptr<const CityModel> smallCity()
{
    static std::shared_ptr<const CityModel> city = [] {
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        auto imported = importSumoNet(kNet, options);
        if (!imported)
            qFatal("%s", qPrintable(imported.error()));
        return std::make_shared<const CityModel>(std::move(imported).value());
    }();
    return city;
}

inline SumoSetup setupFor(const QString &net = kNet)
{
    SumoSetup setup;
    setup.networkFile = net;
    setup.timezone = QStringLiteral("Europe/Berlin");
    return setup;
}

/// The simulator with SUMO running its signals, no random faults (they would move signals under the test).
struct Rig {
    std::shared_ptr<const CityModel> city = smallCity();
    CitySimulator sim;
    SumoPlant *plant = nullptr;
    std::vector<Event> events;
    explicit Rig(SumoSetup setup = setupFor(), std::shared_ptr<const CityModel> cityModel = smallCity())
        : city(std::move(cityModel)), sim(city, 7, kStart, quiet())
    {
        sim.initialState(events);
        auto owned = std::make_unique<SumoPlant>(city, std::move(setup));
        plant = owned.get();
        sim.attachPlant(std::move(owned), events);
    }
    static SimParameters quiet()
    {
        SimParameters p;
        p.signalMtbfHours = 1e12;
        p.signalCommLossMtbfHours = 1e12;
        p.commandRejectRate = 0;
        p.commandLatencyMinMs = 100;
        p.commandLatencyMaxMs = 100;
        return p;
    }
    std::vector<Event> advance(std::int64_t ms)
    {
        events.clear();
        sim.advanceTo(sim.nowMs() + ms, events);
        for (const Event &e : events)
            if (const auto *p = std::get_if<SignalPayload>(&e.payload))
                modes[static_cast<std::uint32_t>(city->devices[e.device].detail)] = p->mode;
        return events;
    }
    const SignalPayload *lastSignal(DeviceIndex device) const
    {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->device == device)
                if (const auto *p = std::get_if<SignalPayload>(&it->payload))
                    return p;
        return nullptr;
    }
    /// The mode the simulator last reported for a signal over the whole run.
    std::map<std::uint32_t, SignalMode> modes;
    int lastSignalMode(std::uint32_t signal) const { return modes.count(signal) ? int(modes.at(signal)) : -1; }
    const CommandPayload *answer(std::uint32_t order) const
    {
        for (const Event &e : events)
            if (const auto *p = std::get_if<CommandPayload>(&e.payload); p && p->order == order)
                return p;
        return nullptr;
    }
    DeviceCommand command(std::uint32_t order, std::uint32_t signal, CommandAction action, int value = 0) const
    {
        DeviceCommand c;
        c.order = order;
        c.device = city->signals[signal].device;
        c.action = action;
        c.value = value;
        return c;
    }
    /// The first signal with a program of at least three phases (to hold one that is not the first).
    std::uint32_t aSignalWithPhases() const
    {
        for (std::uint32_t i = 0; i < city->signals.size(); ++i)
            if (city->signals[i].programs.front().phases.size() >= 3)
                return i;
        return 0;
    }
};

/// A heavy flow (1,500 vehicles an hour all day) straight through a signal whose first approach is a named street
/// with a link of its own, written to `path`; `routes` empty when the network has no such signal.
struct HeavyFlow {
    std::uint32_t signal = 0;
    QString routes;
    QString from, to;   ///< SUMO's edges before and after the signal
};

inline HeavyFlow heavyFlow(const CityModel &city, const QString &path)
{
    for (std::uint32_t signal = 0; signal < city.signals.size(); ++signal) {
        const auto approaches = signalApproaches(city.signals[signal]);
        if (approaches.size() < 2 || approaches.front().street.isEmpty())
            continue;
        QFile net(kNet);
        if (!net.open(QIODevice::ReadOnly))
            return {};
        QXmlStreamReader xml(&net);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("connection")
                && xml.attributes().value(QLatin1String("tl")) == city.signals[signal].sumoTlsId
                && xml.attributes().value(QLatin1String("linkIndex")).toInt() == approaches.front().links.front()
                && xml.attributes().value(QLatin1String("dir")) == QLatin1String("s")) {
                const QString from = xml.attributes().value(QLatin1String("from")).toString();
                const QString to = xml.attributes().value(QLatin1String("to")).toString();
                QFile f(path);
                if (!f.open(QIODevice::WriteOnly))
                    return {};
                f.write(QStringLiteral("<routes><flow id=\"heavy\" begin=\"0\" end=\"86400\" vehsPerHour=\"1500\" from=\"%1\" to=\"%2\" "
                                       "departLane=\"best\"/></routes>\n").arg(from, to).toUtf8());
                return {signal, path, from, to};
            }
    }
    return {};
}

inline int count(const std::vector<Event> &events, auto predicate)
{
    return static_cast<int>(std::count_if(events.begin(), events.end(), predicate));
}

/// Starts the console's engine on its embedded link with SUMO running the small city's signals (10x, no faults),
/// after `warmUpHours` of traffic, its session begun `sinceMs` ago; the caller waits for it to connect.
inline void startWithSumo(Engine &engine, double warmUpHours, std::int64_t sinceMs)
{
    const auto city = engine.cityPtr();
    SimLinkOptions sim;
    sim.speed = 10;
    sim.warmUpHours = warmUpHours;
    sim.parameters = Rig::quiet();
    sim.signalPlant = [city] {
        SumoSetup setup = setupFor();
        setup.warmUpMs = 60'000;   // as a city's setup has one: the fleet is parked at its stations when it goes live
        return std::make_unique<SumoPlant>(city, setup);
    };
    engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QStringLiteral("tester"), QDateTime::currentMSecsSinceEpoch() - sinceMs);
}

} // namespace cityops::test
