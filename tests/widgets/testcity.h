#pragma once

#include "city/citymodel.h"
#include "city/sumoimport.h"
#include "citymirror.h"

#include <QColor>

#include <memory>

namespace cityops::test {

/// The small real network the console tests run on (part of Adlershof, from SUMO), imported once per test program.
inline std::shared_ptr<const CityModel> networkCity()
{
    static const std::shared_ptr<const CityModel> city = [] {
        ImportOptions options;
        options.name = QStringLiteral("Adlershof fixture");
        options.timezone = QStringLiteral("Europe/Berlin");
        auto imported = importSumoNet(QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"), options);
        return imported.ok() ? std::make_shared<const CityModel>(std::move(imported).value()) : nullptr;
    }();
    return city;
}

/// A hand-made city of a few devices around a cross-roads in Adlershof, so widget tests know exactly what is
/// where and in which state.
inline std::shared_ptr<const CityModel> makeCity()
{
    auto city = std::make_shared<CityModel>();
    city->meta.name = QStringLiteral("Test city");
    city->meta.timezone = QStringLiteral("Europe/Berlin");
    const GeoPoint c{13.5327, 52.4308};
    Road east{QStringLiteral("e1"), QStringLiteral("Rudower Chaussee"), RoadClass::Primary, 2, 50, false,
              {{c.lon - 0.004, c.lat}, {c.lon + 0.004, c.lat}}};
    Road north{QStringLiteral("n1"), QStringLiteral("Wegedornstraße"), RoadClass::Residential, 1, 30, false,
               {{c.lon, c.lat - 0.002}, {c.lon, c.lat + 0.002}}};
    city->roads = {east, north};
    city->districts.push_back({QStringLiteral("D1"), QStringLiteral("Centre"),
                               {{c.lon - 0.005, c.lat - 0.003}, {c.lon + 0.005, c.lat - 0.003},
                                {c.lon + 0.005, c.lat + 0.003}, {c.lon - 0.005, c.lat + 0.003}}, true});
    SignalInfo signal;
    signal.sumoTlsId = QStringLiteral("J1");
    signal.linkCount = 3;
    SignalProgram program;
    program.programId = QStringLiteral("0");
    program.type = QStringLiteral("static");
    program.phases = {{30, QStringLiteral("GGr"), 0, 0}, {3, QStringLiteral("yyr"), 0, 0},
                      {20, QStringLiteral("rrG"), 0, 0}, {2, QStringLiteral("rrr"), 0, 0}};
    signal.programs = {program};
    signal.device = city->addDevice({QStringLiteral("sig/J1"), DeviceKind::SignalController, c, 0, 0, false});
    city->signals.push_back(signal);
    SubstationInfo sub{kNoDevice, QStringLiteral("Substation Test")};
    sub.device = city->addDevice({QStringLiteral("sub/1"), DeviceKind::Substation, {c.lon - 0.003, c.lat + 0.0015}, 0, 0, true});
    city->substations.push_back(sub);
    FeederInfo feeder;
    feeder.substation = sub.device;
    feeder.capacityKw = 5000;
    feeder.peakLoadKw = 4000;
    feeder.device = city->addDevice({QStringLiteral("fdr/1-1"), DeviceKind::Feeder, {c.lon + 0.003, c.lat + 0.0015}, 0, 0, true});
    city->feeders.push_back(feeder);
    StreetlightInfo light;
    light.feeder = feeder.device;
    light.road = 0;
    light.device = city->addDevice({QStringLiteral("sl/e1/1"), DeviceKind::Streetlight, {c.lon - 0.002, c.lat}, 0, 0, true});
    city->streetlights.push_back(light);
    city->finalize();
    return city;
}

inline constexpr DeviceIndex kSignal = 0;
inline constexpr DeviceIndex kSubstation = 1;
inline constexpr DeviceIndex kFeeder = 2;
inline constexpr DeviceIndex kLight = 3;

/// Everything online and normal: the signal in phase `phase`, the feeder at `loadShare` of its rating.
inline void setNormal(CityMirror &scene, int phase = 0, double loadShare = 0.5)
{
    for (DeviceState &s : scene.states) {
        s = DeviceState{};
        s.version = 1;
        s.reported = true;
        s.online = true;
    }
    scene.states[kSignal].phase = static_cast<std::uint16_t>(phase);
    scene.states[kFeeder].value = static_cast<float>(5000 * loadShare);
    scene.states[kLight].level = 100;
    scene.states[kLight].value = 60;
}

/// Colour distance, so anti-aliased edges do not make tests brittle while the centre of a glyph stays exact.
inline int colourDistance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace cityops::test
