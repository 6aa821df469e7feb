#include "fuzzcommon.h"

#include "city/citypackage.h"
#include "sim/citysimulator.h"

#include <QDateTime>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>

namespace cityops::fuzz {

namespace {

std::shared_ptr<const CityModel> loadCity()
{
    auto city = citypackage::read(QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"));
    if (!city) {
        std::fprintf(stderr, "fuzz: the default city cannot be read: %s\n", qPrintable(city.error()));
        std::abort();
    }
    return std::move(city).value();
}

DeviceIndex firstSignal()
{
    const CityModel &c = *sharedCity();
    for (DeviceIndex d = 0; d < c.devices.size(); ++d)
        if (c.devices[d].kind == DeviceKind::SignalController)
            return d;
    return kNoDevice;
}

} // namespace

std::shared_ptr<const CityModel> sharedCity()
{
    static const std::shared_ptr<const CityModel> c = loadCity();
    return c;
}

const std::vector<Event> &simulatedHour()
{
    static const std::vector<Event> events = [] {
        const std::int64_t start = QDateTime(QDate(2026, 12, 1), QTime(16, 30), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        SimParameters params;
        params.collisionsPerHour = 20;   // enough incidents raised and cleared in an hour to seed from
        params.lampMtbfHours = 50;
        params.signalMtbfHours = 20;
        CitySimulator sim(sharedCity(), 7, start, params);
        std::vector<Event> out;
        sim.initialState(out);
        sim.advanceTo(start + 3600'000, out);
        return out;
    }();
    return events;
}

const std::vector<Event> &madeByHand()
{
    static const std::vector<Event> events = [] {
        const CityModel &c = *sharedCity();
        const std::int64_t now = simulatedHour().back().timeMs;
        IncidentUpdatePayload step;
        step.id = 42;
        step.change = IncidentChange::Transition;
        step.state = IncidentState::Acknowledged;
        step.user = QStringLiteral("rita");
        step.text = QStringLiteral("on my way — 5 min");
        AlarmPayload alarm;
        alarm.alarm = 9;
        alarm.change = AlarmChange::Shelved;
        alarm.cause = AlarmCause::HoldOverrun;
        alarm.priority = AlarmPriority::High;
        alarm.untilMs = now + 3600'000;
        alarm.user = QStringLiteral("olga");
        alarm.text = QStringLiteral("road works until 18:00");
        CommandPayload order;
        order.order = 77;
        order.action = CommandAction::SignalHoldPhase;
        order.value = 2;
        order.step = 1;
        order.attempt = 1;
        order.timeMs = now + 600'000;
        order.user = QStringLiteral("olga");
        order.text = QStringLiteral("police at the junction");
        TrafficPayload traffic{{ApproachTraffic{0, 4, 9, 31, 30}, ApproachTraffic{1, 17, 21, 88, 128}}};
        RoadTrafficPayload roads{{RoadTraffic{3, 12, 5, 40, RoadEnd::Last}, RoadTraffic{17, 2, 0, 96, RoadEnd::Unknown}}, {}, {}};
        VehiclePayload vehicle;
        vehicle.id = QStringLiteral("ambulance-1");
        vehicle.position = c.devices[3].position;
        vehicle.speedMps = 12.5f;
        vehicle.headingDeg = 271.5f;
        vehicle.queueAhead = 3;
        vehicle.route = {c.devices[3].position, c.devices[4].position, c.devices[5].position};
        vehicle.ahead = {SignalAhead{2, 1, 80.5}};
        vehicle.sinceMs = now - 60'000;
        return std::vector<Event>{Event{0, now, kNoDevice, step},    Event{0, now, kNoDevice, alarm},
                                  Event{0, now, firstSignal(), order}, Event{0, now, firstSignal(), traffic},
                                  Event{0, now, kNoDevice, roads},   Event{0, now, kNoDevice, vehicle}};
    }();
    return events;
}

std::vector<Event> allEvents()
{
    std::vector<Event> all = simulatedHour();
    all.insert(all.end(), madeByHand().begin(), madeByHand().end());
    return all;
}

bool isFieldEvent(const Event &e)
{
    return std::holds_alternative<IncidentRaisedPayload>(e.payload) || std::holds_alternative<IncidentClearedPayload>(e.payload)
        || std::holds_alternative<VehiclePayload>(e.payload) || std::holds_alternative<RoadTrafficPayload>(e.payload);
}

Outcome broken(const char *what, const QString &detail)
{
    return {true, detail.isEmpty() ? QString::fromLatin1(what) : QString::fromLatin1(what) + QStringLiteral(": ") + detail};
}

QTemporaryDir &scratch()
{
    static QTemporaryDir folder;
    return folder;
}

const CityModel &city() { return *sharedCity(); }

} // namespace cityops::fuzz
