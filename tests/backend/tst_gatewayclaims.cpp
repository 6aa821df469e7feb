// What a gateway may speak for: its own devices and its own incidents. Through a real mosquitto on loopback, the way a
// second gateway (a misconfigured one, or an account someone took) would try to speak for the first: reporting its
// devices, raising or clearing its incidents. And the two ways a device does change gateway: failover and re-homing;
// a vehicle its gateway fell silent on, and a route request it never answers (the console's clock moved by hand).
#include "link/devicegateway.h"
#include "link/fleetdispatch.h"
#include "link/districtspokenfor.h"
#include "link/fieldincidentowners.h"
#include "state/vehiclebook.h"
#include "handgateways.h"

#include <QSet>
#include <QTest>

#include <mutex>

using namespace cityops;
using namespace cityops::test;

namespace {

Event raised(IncidentId id, DeviceIndex device = kNoDevice)
{
    return Event{0, 1000, device, IncidentRaisedPayload{id, 0, IncidentKind::LampOutage, IncidentSeverity::Minor, {}, 0, -1}};
}
/// An incident raised in `district` (-1: named by its position alone).
Event raisedIn(IncidentId id, int district, GeoPoint where = {})
{
    Event e = raised(id);
    auto &p = std::get<IncidentRaisedPayload>(e.payload);
    p.district = district;
    p.position = where;
    return e;
}
Event cleared(IncidentId id) { return Event{0, 2000, kNoDevice, IncidentClearedPayload{id}}; }
/// Vehicle `id` reported at `where`.
Event vehicleAt(const char *id, GeoPoint where)
{
    VehiclePayload v;
    v.id = QString::fromLatin1(id);
    v.position = where;
    return Event{0, 0, kNoDevice, v};
}
/// Where `console` shows vehicle `id` (nothing: it does not show it).
std::optional<GeoPoint> shownAt(const Console &console, const char *id)
{
    VehicleBook::Vehicle v;
    return console.engine.vehicles().find(QString::fromLatin1(id), &v) ? std::optional(v.report.position) : std::nullopt;
}

} // namespace

class TestGatewayClaims : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void onlyTheGatewayThatRaisedAnIncidentMayClearIt()
    {
        using Claim = FieldIncidentOwners::Claim;
        FieldIncidentOwners owners(100);
        QCOMPARE(owners.claim(raised(7), 0).verdict, Claim::Taken);
        QCOMPARE(owners.claim(raised(7), 0).verdict, Claim::Taken);   // re-reported by its own gateway (a refresh, a restart)
        const Claim other = owners.claim(raised(7), 1);
        QCOMPARE(other.verdict, Claim::HeldByAnother);
        QCOMPARE(other.holder, 0);
        QCOMPARE(owners.claim(cleared(7), 1).verdict, Claim::HeldByAnother);
        QCOMPARE(owners.open(), size_t(1));
        QCOMPARE(owners.claim(cleared(7), 0).verdict, Claim::Taken);
        QCOMPARE(owners.open(), size_t(0));
        // Once cleared the id is free: the other gateway's incident of that number is taken.
        QCOMPARE(owners.claim(raised(7), 1).verdict, Claim::Taken);
        // An id raised before this console started is not known: its clear is taken, as before.
        QCOMPARE(owners.claim(cleared(99), 1).verdict, Claim::Taken);
        // Other field events are nobody's.
        QCOMPARE(owners.claim(Event{0, 0, kNoDevice, VehiclePayload{}}, 3).verdict, Claim::Taken);
    }

    void aGatewayHoldsAtMostSoManyOpenIncidents()
    {
        // A gateway that raises without end: its raises past the most are refused (the first of them says so once),
        // another gateway's are not; once it clears one, one more is taken. Its re-reports never count twice.
        using Claim = FieldIncidentOwners::Claim;
        FieldIncidentOwners owners(3);
        for (IncidentId id = 1; id <= 3; ++id)
            QCOMPARE(owners.claim(raised(id), 0).verdict, Claim::Taken);
        QCOMPARE(owners.claim(raised(2), 0).verdict, Claim::Taken);   // a refresh: still three
        const Claim fourth = owners.claim(raised(4), 0);
        QCOMPARE(fourth.verdict, Claim::TooMany);
        QVERIFY(fourth.firstRefusal);
        const Claim fifth = owners.claim(raised(5), 0);
        QCOMPARE(fifth.verdict, Claim::TooMany);
        QVERIFY(!fifth.firstRefusal);
        QCOMPARE(owners.claim(raised(10), 1).verdict, Claim::Taken);
        QCOMPARE(owners.claim(cleared(99), 0).verdict, Claim::Taken);   // not one of its known ones: no room made
        QCOMPARE(owners.claim(raised(4), 0).verdict, Claim::TooMany);
        QCOMPARE(owners.claim(cleared(1), 0).verdict, Claim::Taken);
        QCOMPARE(owners.claim(raised(4), 0).verdict, Claim::Taken);
        const Claim again = owners.claim(raised(5), 0);
        QCOMPARE(again.verdict, Claim::TooMany);
        QVERIFY(again.firstRefusal);   // full again: said again
        QCOMPARE(owners.open(), size_t(4));
    }

    void gatewaysStartedInTheSameSecondNumberTheirIncidentsApart()
    {
        const auto first = [](const QString &gateway, std::uint64_t bootMs, std::uint64_t draw = 7) {
            return DeviceGateway::firstIncidentId(gateway, bootMs, draw);
        };
        const std::uint64_t boot = 1'790'000'000'123;
        // A district's gateways started together (systemd at boot): fifty names, fifty ranges of 1,000 ids, none
        // within ten ranges of another (before, all fifty drew the same one).
        std::vector<IncidentId> firsts;
        for (int i = 1; i <= 50; ++i)
            firsts.push_back(first(QStringLiteral("gw%1").arg(i), boot + std::uint64_t(i)));
        std::sort(firsts.begin(), firsts.end());
        for (size_t i = 1; i < firsts.size(); ++i)
            QVERIFY2(firsts[i] - firsts[i - 1] >= 10'000, qPrintable(QStringLiteral("%1 and %2").arg(firsts[i - 1]).arg(firsts[i])));
        // A gateway restarted ten seconds later goes on 10,000 ids above its earlier run, whatever its name; a set
        // clock's second decides, not the random draw.
        const IncidentId before = first(QStringLiteral("gw-north"), boot);
        QCOMPARE(first(QStringLiteral("gw-north"), boot + 10'000, 99), before + 10'000);
        QCOMPARE(first(QStringLiteral("gw-north"), boot + 876), before);   // within its second
        // The name's number is the same on every machine and in every release (FNV-1a of "gw1" is 0xd5121218fad31416,
        // 194,486 ranges on; worked out apart from the code), and the ranges stay below the console's.
        QCOMPARE(first(QStringLiteral("gw1"), boot), IncidentId(94'486'001));
        for (std::uint64_t second = 1'577'836'800; second < 1'577'836'800 + 2 * 900'000; second += 1'013)
            QVERIFY(first(QStringLiteral("gw1"), second * 1000) + 999 < kConsoleIncidentBase);
        for (std::uint64_t draw = 0; draw < 2 * 900'000; draw += 1'013)
            QVERIFY(first(QStringLiteral("gw1"), 12'000, draw * 7'919) + 999 < kConsoleIncidentBase);
    }

    void aGatewayWhoseClockWasNeverSetDrawsItsRange()
    {
        // A box without a real-time clock starts its gateway twelve seconds after power-on, at 1970-01-01 00:00:12
        // every time: by the clock alone each boot would number its incidents as the last did, and the consoles would
        // take its new incidents for the old ones. Before 2020 the clock is not believed: the range is drawn.
        const QString gw = QStringLiteral("gw-kiosk");
        QVERIFY(DeviceGateway::firstIncidentId(gw, 12'000, 1) != DeviceGateway::firstIncidentId(gw, 12'000, 2));
        QCOMPARE(DeviceGateway::firstIncidentId(gw, 12'000, 5) + 1'000, DeviceGateway::firstIncidentId(gw, 99'999, 6));
        QCOMPARE(DeviceGateway::firstIncidentId(gw, 1'577'836'800'000, 1), DeviceGateway::firstIncidentId(gw, 1'577'836'800'000, 2));
    }

    void aGatewayWhoseClockWasNeverSetIsHeardAfterEveryBoot()
    {
        // The same box booted twice at the same millisecond of 1970 (no real-time clock): each boot is its own to the
        // console, so the second run's picture is taken, not dropped as copies of the first run's reports.
        QCOMPARE(DeviceGateway::bootNumber(1'790'000'000'123, 5), std::uint64_t(1'790'000'000'123));
        QVERIFY(DeviceGateway::bootNumber(12'345, 5) != DeviceGateway::bootNumber(12'345, 6));
        QVERIFY(DeviceGateway::bootNumber(12'345, ~0ull) < 1'577'836'800'000 && DeviceGateway::bootNumber(12'345, 1'577'836'799'999) >= 1);

        ConsoleOnABroker room;
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        RawClient spy(brokerOptions(room.broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(QTest::qWaitFor([&] { return spy.client->connected(); }, 5000) && spy.client->subscribe(wire::gatewayStatusTopic("gw-kiosk"), 1));
        const size_t devices = city()->devices.size();
        std::vector<std::uint64_t> boots;
        for (int run = 0; run < 2; ++run) {
            GatewayOptions options;
            options.mqtt = brokerOptions(room.broker.plainUrl(), QStringLiteral("gw-kiosk"));
            options.warmUpHours = 0.01;
            options.clock = [] { return std::int64_t{12'000}; };   // 1970-01-01 00:00:12 at every boot
            const LinkCounters before = room.counters();
            DeviceGateway kiosk(city(), options, std::nullopt);
            QVERIFY(kiosk.start().ok());
            QTRY_VERIFY_WITH_TIMEOUT(room.counters().accepted >= before.accepted + devices, 20'000);   // its whole picture
            // ... the first one it sent: none of it dropped as a copy of the earlier run's.
            QVERIFY2(room.counters().duplicates < before.duplicates + devices,
                     qPrintable(QStringLiteral("%1 copies").arg(room.counters().duplicates - before.duplicates)));
            std::optional<std::uint64_t> online;   // the boot its online status names
            const auto heard = [&] {
                for (const MqttClient::Message &m : spy.take())
                    if (const auto decoded = wire::decodePresence(m.payload); const auto *status = std::get_if<wire::Presence>(&decoded))
                        if (status->online)
                            online = status->boot;
                return online.has_value();
            };
            QTRY_VERIFY_WITH_TIMEOUT(heard(), 10'000);
            boots.push_back(*online);
            kiosk.stop();
        }
        QCOMPARE(boots.size(), size_t(2));
        QVERIFY(boots[0] != boots[1]);
    }

    void aGatewayCannotReportAnotherGatewaysDevicesWhileThatOneRuns()
    {
        NorthAndSouth room;
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Console &console = room.console;
        HandGateway &north = room.north, &south = room.south;
        const auto level = [&](DeviceIndex d) { return console.engine.states().state(d).level; };
        const auto refusedSoFar = [&] { return room.counters().notTheirs; };
        const std::vector<DeviceIndex> two = lamps(2);
        const DeviceIndex a = two[0], b = two[1];
        const auto now = [&] { return room.now(); };

        QVERIFY(north.status(true, 7) && south.status(true, 9));
        QVERIFY(north.light(a, 80, now()) && north.light(b, 80, now()));
        QTRY_VERIFY_WITH_TIMEOUT(level(a) == 80 && level(b) == 80, 10'000);
        const auto before = refusedSoFar();
        // What a device's Details say of its gateway.
        const auto through = [&](DeviceIndex d) { return console.engine.deviceGateway(d).value_or(GatewaySummary{}); };
        QVERIFY(through(a).name == QLatin1String("gw-north") && through(a).running);
        QVERIFY(!console.engine.deviceGateway(lamps(3)[2]));   // not reported by anyone yet

        // South reports north's lamp off: refused while north runs; the lamp is as north says.
        QVERIFY(south.light(a, 0, now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 1, 10'000);
        QVERIFY(north.light(a, 81, now()));
        QTRY_COMPARE(level(a), 81);

        // North restarts without lamp b (it moved to south): south's report of it is taken, and lamp a stays north's
        // once north's new run reports it.
        QVERIFY(north.status(true, 8));
        QVERIFY(north.light(a, 70, now()));
        QTRY_COMPARE(level(a), 70);
        QVERIFY(south.light(b, 10, now()));
        QTRY_COMPARE(level(b), 10);
        QVERIFY(south.light(a, 0, now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 2, 10'000);
        QCOMPARE(level(a), 70);

        // North says goodbye: once it is gone (its lamp offline), south may take its lamp over.
        QVERIFY(north.status(false, 8));
        QTRY_VERIFY_WITH_TIMEOUT(!console.engine.states().state(a).online, 10'000);
        QVERIFY(through(a).name == QLatin1String("gw-north") && !through(a).running);   // "GONE" in its Details
        QVERIFY(south.light(a, 5, now()));
        QTRY_VERIFY_WITH_TIMEOUT(level(a) == 5 && console.engine.states().state(a).online, 10'000);
        QCOMPARE(refusedSoFar(), before + 2);
        QVERIFY(through(a).name == QLatin1String("gw-south") && through(a).running);
    }

    void aGatewayCannotMoveAnotherGatewaysVehicleWhileThatOneRuns()
    {
        // Neither gateway is bound to districts (a city-wide AVL feed, say): the one whose reports of a call sign are
        // current keeps it. Another's report would move the ambulance on every screen, and send its route there.
        NorthAndSouth room;
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        HandGateway &north = room.north, &south = room.south;
        const auto refusedSoFar = [&] { return room.counters().notTheirs; };
        const auto now = [&] { return room.now(); };
        const std::vector<DeviceIndex> two = lamps(2);
        const GeoPoint a = city()->devices[two[0]].position, b = city()->devices[two[1]].position;
        const auto ambulanceAt = [](GeoPoint where) { return vehicleAt("amb-3", where); };
        const auto position = [&] { return shownAt(room.console, "amb-3"); };
        QVERIFY(north.status(true, 7) && south.status(true, 9));
        QVERIFY(north.field(ambulanceAt(a), now()));
        QTRY_VERIFY_WITH_TIMEOUT(position() == a, 10'000);
        const auto before = refusedSoFar();

        QVERIFY(south.field(ambulanceAt(b), now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 1, 10'000);
        QCOMPARE(position(), a);
        QVERIFY(north.field(ambulanceAt(b), now()));   // north moves it: taken
        QTRY_VERIFY_WITH_TIMEOUT(position() == b, 10'000);

        // North gone: south may take the vehicle over (failover).
        QVERIFY(north.light(two[0], 50, now()));
        QTRY_VERIFY_WITH_TIMEOUT(room.console.engine.states().state(two[0]).online, 10'000);
        QVERIFY(north.status(false, 7));
        QTRY_VERIFY_WITH_TIMEOUT(!room.console.engine.states().state(two[0]).online, 10'000);   // north is gone
        QVERIFY(south.field(ambulanceAt(a), now()));
        QTRY_VERIFY_WITH_TIMEOUT(position() == a, 10'000);
        QCOMPARE(refusedSoFar(), before + 1);
        QCOMPARE(room.counters().untrusted, std::uint64_t(0));
    }

    void aVehicleItsGatewayFellSilentOnMayBeReportedByAnother()
    {
        // North runs (its heartbeats current) but has said nothing of amb-3 for as long as the console shows a
        // vehicle: from then on south's report is taken. The console's clock is moved by hand; its link reads it.
        HandClock clock;
        NorthAndSouth room([&clock](MqttLinkOptions &o) { clock.drive(o); });
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const auto refusedSoFar = [&] { return room.counters().notTheirs; };
        const std::vector<DeviceIndex> two = lamps(2);
        const GeoPoint a = city()->devices[two[0]].position, b = city()->devices[two[1]].position;
        QVERIFY(room.north.status(true, 7) && room.south.status(true, 9));
        QVERIFY(room.north.field(vehicleAt("amb-3", a), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(shownAt(room.console, "amb-3") == a, 10'000);
        const auto before = refusedSoFar();

        clock.advance(VehicleBook::kSilentMs);   // north's last report is as old as a report still shown
        QVERIFY(room.south.field(vehicleAt("amb-3", b), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 1, 10'000);
        clock.advance(1);
        QVERIFY(room.south.field(vehicleAt("amb-3", b), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(shownAt(room.console, "amb-3") == b, 10'000);
        QCOMPARE(refusedSoFar(), before + 1);
        for (const GatewaySummary &gateway : room.console.link->gateways())
            QVERIFY2(gateway.running, qPrintable(gateway.name));   // north did not go: it fell silent on the vehicle
    }

    void aRouteRequestItsGatewayNeverAnswersIsSaidToHaveGoneUnanswered()
    {
        // North drives amb-3 and takes the console's request for a route, and answers nothing: the link's own timer
        // tells the operator so when the answer is overdue (the console's clock moved by hand; the link reads it).
        HandClock clock;
        NorthAndSouth room([&clock](MqttLinkOptions &o) { clock.drive(o); });
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        RawClient &north = room.north.raw;
        const QByteArray requests = wire::fleetPlanTopic(QStringLiteral("gw-north"));
        QVERIFY(north.client->subscribe(requests, 1));
        QVERIFY(north.client->publish(requests, "probe", 1));   // heard back: the subscription stands
        QTRY_VERIFY_WITH_TIMEOUT(north.waiting() > 0, 10'000);
        (void)north.take();
        QVERIFY(room.north.status(true, 7));
        const GeoPoint from = city()->devices[lamps(1).front()].position;
        QVERIFY(room.north.field(vehicleAt("amb-3", from), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(shownAt(room.console, "amb-3") == from, 10'000);

        struct Answer {
            std::mutex mutex;
            std::optional<Result<PlannedRoute>> route;
        };
        auto answer = std::make_shared<Answer>();
        const auto heard = [answer]() -> std::optional<Result<PlannedRoute>> {
            std::lock_guard lock(answer->mutex);
            return answer->route;
        };
        room.console.engine.planRoute(QStringLiteral("amb-3"), city()->devices[lamps(2).back()].position,
                                      [answer](const Result<PlannedRoute> &r) {
                                          std::lock_guard lock(answer->mutex);
                                          answer->route = r;
                                      });
        QTRY_VERIFY_WITH_TIMEOUT(north.waiting() > 0, 10'000);   // asked of north
        QVERIFY(!heard());
        clock.advance(FleetDispatch::kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(heard().has_value(), 10'000);
        QVERIFY(!heard()->ok());
        QVERIFY2(heard()->error().contains(QLatin1String("gateway gw-north did not answer within 15 s")), qPrintable(heard()->error()));
    }

    void aGatewayCannotClearOrTakeOverAnotherGatewaysIncident()
    {
        NorthAndSouth room;
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Console &console = room.console;
        HandGateway &north = room.north, &south = room.south;
        const auto refusedSoFar = [&] { return room.counters().notTheirs; };

        const std::vector<DeviceIndex> two = lamps(2);
        QVERIFY(north.field(raised(1234001, two[0]), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.incidents().find(1234001).has_value(), 10'000);
        const auto before = refusedSoFar();

        // South's own incident of the same number: refused, north's stays as it was.
        QVERIFY(south.field(raised(1234001, two[1]), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 1, 10'000);
        // South clears it: refused, north's incident is still open on the console.
        QVERIFY(south.field(cleared(1234001), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 2, 10'000);
        // Anything after it from north is taken, so a pass through the books shows the clear really did not land.
        QVERIFY(north.field(raised(1234002), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.incidents().find(1234002).has_value(), 10'000);
        std::optional<Incident> kept = console.engine.incidents().find(1234001);
        QVERIFY(kept && kept->isOpen());
        QCOMPARE(kept->device, two[0]);

        // North clears its own: resolved. The number is free again, and south's incident of it is taken.
        QVERIFY(north.field(cleared(1234001), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(!console.engine.incidents().find(1234001)->isOpen(), 10'000);
        QCOMPARE(refusedSoFar(), before + 2);
    }

    void whatAFieldEventSpeaksFor()
    {
        // An incident for its district, or its position's when it names none; a vehicle for where it is now; a clear
        // and road traffic for no district (any gateway may send them).
        const CityModel &c = *city();
        const GeoPoint inWest = c.devices[lampsOf(district("West"), 1).front()].position;
        const GeoPoint inEast = c.devices[lampsOf(district("East"), 1).front()].position;
        QCOMPARE(districtSpokenFor(c, raisedIn(1, district("East"), inWest)), std::optional(district("East")));
        QCOMPARE(districtSpokenFor(c, raisedIn(1, -1, inWest)), std::optional(district("West")));
        VehiclePayload v;
        v.id = QStringLiteral("amb-7");
        v.position = inEast;
        QCOMPARE(districtSpokenFor(c, Event{0, 0, kNoDevice, v}), std::optional(district("East")));
        v.position = inWest;
        QCOMPARE(districtSpokenFor(c, Event{0, 0, kNoDevice, v}), std::optional(district("West")));
        QCOMPARE(districtSpokenFor(c, cleared(1)), std::nullopt);
        QCOMPARE(districtSpokenFor(c, Event{0, 0, kNoDevice, RoadTrafficPayload{{RoadTraffic{0, 3, 1, 50, {}}}, {}, {}}}), std::nullopt);
    }

    void aGatewayBoundToDistrictsSpeaksForThemOnly()
    {
        // --gateways gw-north=East,gw-south=West: whoever reports first, and whoever else runs or not, north is
        // refused for West's devices, incidents and vehicles.
        NorthAndSouth room(boundToTheirDistricts);
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Console &console = room.console;
        HandGateway &north = room.north, &south = room.south;
        const auto state = [&](DeviceIndex d) { return console.engine.states().state(d); };
        const auto refusedSoFar = [&] { return room.counters().notTheirs; };
        const auto now = [&] { return room.now(); };
        const DeviceIndex east = lampsOf(district("East"), 1).front(), west = lampsOf(district("West"), 1).front();
        QVERIFY(north.status(true, 7) && south.status(true, 9));
        const auto before = refusedSoFar();

        // North is the first to report West's lamp (as at a console's start: nobody holds it yet): refused all the same.
        QVERIFY(north.light(west, 80, now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 1, 10'000);
        QVERIFY(!state(west).reported);
        QVERIFY(south.light(west, 30, now()) && north.light(east, 60, now()));
        QTRY_VERIFY_WITH_TIMEOUT(state(west).level == 30 && state(east).level == 60, 10'000);
        // What the operator is told of each (the link's tooltip): its districts, running, the devices through it.
        const auto summary = [&](const char *name) { return console.gateway(name).value_or(GatewaySummary{}); };
        QCOMPARE(summary("gw-north").districts, QStringList{QStringLiteral("East")});
        QVERIFY(summary("gw-north").running && summary("gw-north").devices == 1 && summary("gw-south").devices == 1);

        // North's incidents in West, by name or by position alone, are refused; in East taken.
        QVERIFY(north.field(raisedIn(2001, district("West")), now()));
        QVERIFY(north.field(raisedIn(2002, -1, city()->devices[west].position), now()));
        QVERIFY(north.field(raisedIn(2003, district("East")), now()));
        QTRY_VERIFY_WITH_TIMEOUT(console.engine.incidents().find(2003).has_value(), 10'000);
        QCOMPARE(refusedSoFar(), before + 3);
        QVERIFY(!console.engine.incidents().find(2001) && !console.engine.incidents().find(2002));

        // A vehicle is reported by the gateway of the district it is in: north's report of one in West is refused, in
        // East taken (a city-wide fleet gateway is listed without districts).
        const auto ambulanceAt = [](DeviceIndex where) { return vehicleAt("amb-7", city()->devices[where].position); };
        const auto vehicle = [&] { return shownAt(console, "amb-7"); };
        QVERIFY(north.field(ambulanceAt(west), now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 4, 10'000);
        QVERIFY(!vehicle());
        QVERIFY(north.field(ambulanceAt(east), now()));
        QTRY_VERIFY_WITH_TIMEOUT(vehicle() == city()->devices[east].position, 10'000);
        // It drives into West: south, West's gateway, reports it from there on (north still runs).
        QVERIFY(south.field(ambulanceAt(west), now()));
        QTRY_VERIFY_WITH_TIMEOUT(vehicle() == city()->devices[west].position, 10'000);
        QCOMPARE(refusedSoFar(), before + 4);

        // South gone: West's lamp goes offline, and is still not north's to report (no failover across districts).
        QVERIFY(south.status(false, 9));
        QTRY_VERIFY_WITH_TIMEOUT(!state(west).online, 10'000);
        QVERIFY(summary("gw-south").heard && !summary("gw-south").running && summary("gw-north").running);
        QVERIFY(north.light(west, 0, now()));
        QTRY_COMPARE_WITH_TIMEOUT(refusedSoFar(), before + 5, 10'000);
        QVERIFY(!state(west).online && state(west).level == 30);
        QCOMPARE(room.counters().untrusted, std::uint64_t(0));   // counted as the gateway's, not as other consoles' trouble
    }

    void aGatewayServingDistrictsReportsAndActsForThemOnly()
    {
        // cityops-sim --districts East, at a console that expects as much: its picture, its incidents and its
        // status are East's (so nothing of it is refused), and it refuses a command for a West lamp.
        ConsoleOnABroker room([](MqttLinkOptions &o) { o.gatewayDistricts.insert(QStringLiteral("gw1"), {district("East")}); });
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const CommandSigner key = CommandSigner::generate();
        GatewayOptions options;
        options.mqtt = brokerOptions(room.broker.plainUrl(), QStringLiteral("gw1"));
        options.warmUpHours = 0.01;
        options.parameters.commandLatencyMinMs = options.parameters.commandLatencyMaxMs = 0;
        options.parameters.commandRejectRate = 0;
        options.parameters.lampMtbfHours = 1;   // lamps fail in both districts while it warms up: incidents to report or not
        options.districts = {district("East")};
        DeviceGateway gateway(city(), options, CommandVerifier::fromPublicKeyPem(key.publicKeyPem()).value());
        ByHand byHand(room.broker.plainUrl());
        QVERIFY(byHand.listening());
        QVERIFY(gateway.start().ok());

        size_t inEast = 0;
        for (const DeviceInfo &d : city()->devices)
            inEast += d.district == district("East") ? 1 : 0;
        QVERIFY(inEast > 0 && inEast < city()->devices.size());
        QCOMPARE(size_t(gateway.servedDevices()), inEast);
        QTRY_COMPARE_WITH_TIMEOUT(room.console.reported(), inEast, 20'000);
        for (DeviceIndex d = 0; d < city()->devices.size(); ++d)
            QVERIFY(!room.console.engine.states().state(d).reported || city()->devices[d].district == district("East"));
        bool statusSaysEast = false;
        for (const MqttClient::Message &m : byHand.raw.take())
            if (const auto decoded = wire::decodePresence(m.payload); const auto *status = std::get_if<wire::Presence>(&decoded))
                statusSaysEast = status->online && size_t(status->devices) == inEast;
        QVERIFY(statusSaysEast);

        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject west = byHand.send(dimCommand(key, city()->devices[lampsOf(district("West"), 1).front()].id, 1, now, now + 60'000));
        QVERIFY2(!acted(west) && reasonOf(west).contains(QLatin1String("does not serve")), qPrintable(reasonOf(west)));
        const QJsonObject east = byHand.send(dimCommand(key, city()->devices[lampsOf(district("East"), 1).front()].id, 2, now, now + 60'000));
        QVERIFY2(acted(east), qPrintable(reasonOf(east)));
        // The dimmed lamp's report comes after everything the gateway sent before on its connection.
        QTRY_COMPARE_WITH_TIMEOUT(room.console.engine.states().state(lampsOf(district("East"), 1).front()).level, 40, 10'000);
        std::vector<Incident> incidents;
        room.console.engine.incidents().snapshot(incidents);
        QVERIFY(!incidents.empty());
        for (const Incident &i : incidents)
            QCOMPARE(i.district, district("East"));
        QCOMPARE(room.counters().notTheirs, std::uint64_t(0));
    }

    void aGatewayRaisingWithoutEndIsStoppedAtTheMost()
    {
        // Ten thousand open incidents from one gateway (the most for a city of under 5,000 devices), and fifty more:
        // the fifty are refused and counted, the console holds ten thousand; one cleared makes room for one.
        ConsoleOnABroker room;
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        HandGateway faulty(room.broker.plainUrl(), "gw-faulty");
        QVERIFY(faulty.connected());
        const auto oversized = [&] { return room.counters().oversized; };
        const auto before = oversized();
        for (IncidentId id = 1; id <= 10'050; ++id)
            QVERIFY(faulty.field(raised(id), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(oversized(), before + 50, 60'000);
        const IncidentBook &incidents = room.console.engine.incidents();
        QTRY_VERIFY_WITH_TIMEOUT(incidents.find(10'000).has_value(), 10'000);
        QVERIFY(!incidents.find(10'001).has_value());
        QVERIFY(faulty.field(cleared(1), room.now()) && faulty.field(raised(20'000), room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(incidents.find(20'000).has_value(), 10'000);
        QCOMPARE(oversized(), before + 50);
    }
};

QTEST_GUILESS_MAIN(TestGatewayClaims)
#include "tst_gatewayclaims.moc"
