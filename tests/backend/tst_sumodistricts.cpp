// A gateway bound to a district, its signals and fleet SUMO's, on the default city (West and East) over a real
// mosquitto: what it puts on the wire is its district's alone — the roads of its picture and the vehicles it reports
// — so the console, bound the same way, refuses nothing of it.
#include "city/citypackage.h"
#include "handgateways.h"
#include "link/devicegateway.h"
#include "link/districtspokenfor.h"
#include "sim/sumoplant.h"
#include "state/trafficbook.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestSumoDistricts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSumoGatewayBoundToADistrictSpeaksForItAlone()
    {
        QVERIFY2(city(), "the default city package must be readable");
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        const int west = district("West");
        auto setup = sumoSetupFromPackage(defaultCityFile(), *city());
        QVERIFY2(setup, qPrintable(setup.error()));
        setup.value().emergencyFleet = 12;   // stations spread over both districts

        // What the gateway publishes, read off the broker as any subscriber with the right could.
        RawClient wire(brokerOptions(broker.plainUrl(), QStringLiteral("listener")));
        QTRY_VERIFY_WITH_TIMEOUT(wire.client->connected(), 10'000);
        QVERIFY(wire.client->subscribe(wire::gatewayEventTopic(QStringLiteral("gw-west")), 1));

        Console console(brokerOptions(broker.plainUrl(), "console-a"), {},
                        [west](MqttLinkOptions &o) { o.gatewayDistricts.insert(QStringLiteral("gw-west"), {west}); });
        GatewayOptions options;
        options.mqtt = brokerOptions(broker.plainUrl(), QStringLiteral("gw-west"));
        options.districts = {west};
        options.warmUpHours = 0.02;
        options.parameters.signalMtbfHours = 1e12;
        options.parameters.signalCommLossMtbfHours = 1e12;
        options.signalPlant = [plant = setup.value()] { return std::make_unique<SumoPlant>(city(), plant); };
        DeviceGateway gateway(city(), options, std::nullopt);
        const Status started = gateway.start();
        QVERIFY2(started, qPrintable(started.error()));

        const std::vector<int> roadDistrict = roadDistricts(*city());
        int pictures = 0, roadsSeen = 0, vehicleReports = 0;
        QStringList outside;   // what the gateway said of the other district
        const auto read = [&] {
            for (const MqttClient::Message &m : wire.take()) {
                auto parsed = wire::decodeFieldEvent(m.payload, *city());
                if (!std::holds_alternative<wire::FieldEvent>(parsed))
                    continue;
                const Event &e = std::get<wire::FieldEvent>(parsed).event;
                if (const auto *roads = std::get_if<RoadTrafficPayload>(&e.payload)) {
                    ++pictures;
                    for (const RoadTraffic &r : roads->roads) {
                        ++roadsSeen;
                        if (roadDistrict[r.road] != west)
                            outside << QStringLiteral("road %1").arg(city()->roads[r.road].sumoId);
                    }
                } else if (const auto *vehicle = std::get_if<VehiclePayload>(&e.payload)) {
                    ++vehicleReports;
                    if (city()->responsibleDistrict(vehicle->position) != west)
                        outside << vehicle->id;
                }
            }
            return pictures >= 2 && vehicleReports > 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(read(), 60'000);
        QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QLatin1String(", "))));
        QVERIFY2(roadsSeen > 0, "the picture counted no road of West");

        // The console holds West's devices alone, shows West's roads, and refused nothing.
        QTRY_VERIFY_WITH_TIMEOUT(console.reported() > 0, 10'000);
        for (DeviceIndex d = 0; d < city()->devices.size(); ++d)
            if (console.engine.states().state(d).reported)
                QCOMPARE(city()->devices[d].district, west);
        TrafficBook::Roads shown;
        QTRY_VERIFY_WITH_TIMEOUT((console.engine.books().traffic().snapshot(shown), !shown.roads.empty()), 10'000);
        // Nobody counts East's roads: the console's picture says so rather than show them empty.
        QCOMPARE(shown.uncounted, std::vector<std::uint16_t>{std::uint16_t(1 - west)});
        QCOMPARE(console.link->counters().notTheirs, std::uint64_t(0));
        gateway.stop();
    }
};

QTEST_GUILESS_MAIN(TestSumoDistricts)
#include "tst_sumodistricts.moc"
