// SUMO runs the city's signals: a real sumo started and stopped by the test on a real piece of Berlin-Adlershof —
// what the signals report, SUMO dying, queues and road traffic, approaches, dark signals. Commands acting on SUMO are
// tst_sumocommands; the fleet and the green wave that follows it are tst_sumofleet; a day's traffic repeated past
// its file, tst_sumodays.
#include "sumotesting.h"

#include "city/citypackage.h"
#include "city/trafficfiles.h"
#include "sim/localport.h"
#include "state/trafficbook.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <libsumo/libtraci.h>

#include <cmath>
#include <csignal>

using namespace cityops;
using namespace cityops::test;

class TestSumoPlant : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signalsComeFromSumo()
    {
        Rig rig;
        QVERIFY2(rig.sim.trafficProblem().isEmpty(), qPrintable(rig.sim.trafficProblem()));
        const size_t n = rig.city->signals.size();
        QCOMPARE(n, size_t(21));
        for (std::uint32_t i = 0; i < n; ++i)
            QVERIFY(rig.plant->runs(i));
        // Two minutes of SUMO: every signal switches; what each reports is a phase of its program whose state
        // string is exactly what SUMO shows at that moment.
        std::map<DeviceIndex, int> switches;
        for (int s = 0; s < 120; ++s) {
            for (const Event &e : rig.advance(1000)) {
                if (!std::holds_alternative<SignalPayload>(e.payload))
                    continue;
                ++switches[e.device];
                const int signal = rig.city->devices[e.device].detail;
                const auto &p = std::get<SignalPayload>(e.payload);
                const SignalReading r = rig.plant->reading(static_cast<std::uint32_t>(signal));
                const SignalProgram &program = rig.city->signals[signal].programs.at(p.program);
                QCOMPARE(r.phase, int(p.phase));
                QCOMPARE(r.state, program.phases.at(p.phase).state);
                QCOMPARE(p.mode, SignalMode::Normal);
                QVERIFY2(p.nextSwitchMs == 0 || p.nextSwitchMs > e.timeMs, "the next switch lies ahead, or is not known (actuated)");
                QVERIFY(e.timeMs <= rig.sim.nowMs());
            }
        }
        QCOMPARE(switches.size(), n);
        QVERIFY(rig.plant->sumoSeconds(rig.sim.nowMs()) > 17.5 * 3600);   // SUMO's clock is local time of day
    }

    /// SUMO's lane ids as OpenStreetMap imports make them: the road's own id may hold underscores and a '#'.
    void laneIdsSplitAtTheirLastUnderscore()
    {
        const SumoLaneRef plain = splitLaneId("-123456#2_1");
        QCOMPARE(plain.edge, std::string("-123456#2"));
        QCOMPARE(plain.index, 1);
        const SumoLaneRef cluster = splitLaneId("cluster_1292264943_1301707116_12");
        QCOMPARE(cluster.edge, std::string("cluster_1292264943_1301707116"));
        QCOMPARE(cluster.index, 12);
        QVERIFY(plain.indexed && cluster.indexed);
        QCOMPARE(splitLaneId("noindex").edge, std::string("noindex"));
        QVERIFY(!splitLaneId("noindex").indexed && !splitLaneId("b_").indexed && !splitLaneId("b_x1").indexed);
    }

    void sumoDyingIsSaidAndRecovered()
    {
        Rig rig;
        rig.advance(10'000);
        const std::uint32_t i = rig.aSignalWithPhases();
        const qint64 pid = rig.plant->processId();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
        rig.advance(2000);
        QVERIFY(rig.sim.trafficProblem().contains(QStringLiteral("traffic simulation stopped")));
        // Every signal SUMO ran is now "not reporting" — never its last state shown as current.
        const int offline = count(rig.events, [](const Event &e) {
            const auto *p = std::get_if<PresencePayload>(&e.payload);
            return p && !p->online;
        });
        QCOMPARE(offline, int(rig.city->signals.size()));
        // ... and each says why, the same for all: the console makes them one alarm, not one per signal (tst_ops).
        const int named = count(rig.events, [](const Event &e) {
            const auto *p = std::get_if<PresencePayload>(&e.payload);
            return p && !p->online && p->cause.startsWith(QLatin1String("traffic simulation stopped"));
        });
        QCOMPARE(named, offline);
        // A command meanwhile is not answered (the controller cannot be heard), and nothing crashes.
        rig.sim.command(rig.command(9, i, CommandAction::SignalFlash));
        rig.advance(5000);
        QVERIFY(!rig.answer(9));
        // Half a minute later it is started again and every signal reports.
        rig.advance(30'000);
        QVERIFY2(rig.sim.trafficProblem().isEmpty(), qPrintable(rig.sim.trafficProblem()));
        QVERIFY(rig.plant->processId() > 0 && rig.plant->processId() != pid);
        const int back = count(rig.events, [](const Event &e) {
            const auto *p = std::get_if<PresencePayload>(&e.payload);
            return p && p->online;
        });
        QCOMPARE(back, int(rig.city->signals.size()));
    }

    /// Cars pour onto one approach of a signal: its queue grows at red and reaches the console every 10 s; the
    /// signal's other approaches stay empty; the book keeps the figures until the signal goes silent.
    void theTrafficWarmsUpBeforeTheSignalsAreTakenOver()
    {
        // SUMO runs the setup's warm-up on its own before it takes the signals over: at the first step the console
        // sees, the roads already carry the flow and the fleet stands parked at its stations; SUMO's clock still
        // reads the console's time of day. Without a warm-up both start empty and moving.
        const auto city = smallCity();
        QTemporaryDir dir;
        const HeavyFlow flow = heavyFlow(*city, dir.filePath(QStringLiteral("heavy.rou.xml")));
        QVERIFY(!flow.routes.isEmpty());
        const auto firstStep = [&](std::int64_t warmUpMs, int *vehiclesOnRoads, int *parked, int *fleet) {
            SumoSetup setup = setupFor();
            setup.demandFiles = {flow.routes};
            setup.warmUpMs = warmUpMs;
            Rig rig(setup);
            QVERIFY2(rig.sim.trafficProblem().isEmpty(), qPrintable(rig.sim.trafficProblem()));
            QCOMPARE(rig.plant->steppedToMs(), kStart);
            QCOMPARE(rig.plant->sumoSeconds(kStart), 17.5 * 3600);   // 16:30 UTC is 17:30 in Berlin
            *vehiclesOnRoads = *parked = *fleet = 0;
            for (const Event &e : rig.advance(1000)) {
                if (const auto *roads = std::get_if<RoadTrafficPayload>(&e.payload))
                    for (const RoadTraffic &r : roads->roads)
                        if (const QString &edge = city->roads[r.road].sumoId; edge == flow.from || edge == flow.to)
                            *vehiclesOnRoads += r.vehicles;   // the flow's (the fleet may park on any street)
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload)) {
                    ++*fleet;
                    *parked += v->parked ? 1 : 0;
                }
            }
        };
        int warmVehicles = 0, warmParked = 0, warmFleet = 0;
        firstStep(5 * 60'000, &warmVehicles, &warmParked, &warmFleet);
        int coldVehicles = 0, coldParked = 0, coldFleet = 0;
        firstStep(0, &coldVehicles, &coldParked, &coldFleet);
        QVERIFY2(warmVehicles >= 5, qPrintable(QString::number(warmVehicles)));   // 5 min of 1,500 an hour: some still on the two streets
        QVERIFY2(coldVehicles <= 1, qPrintable(QString::number(coldVehicles)));
        QCOMPARE(warmFleet, 3);
        QCOMPARE(warmParked, 3);
        QVERIFY2(coldParked < coldFleet || coldFleet < 3, "without a warm-up the fleet is still pulling in");
    }

    void queuesAndRoadTrafficReachTheConsole()
    {
        const auto city = smallCity();
        QTemporaryDir dir;
        const HeavyFlow flow = heavyFlow(*city, dir.filePath(QStringLiteral("heavy.rou.xml")));
        QVERIFY2(!flow.routes.isEmpty(), "a signal with a straight link on a named approach");
        const std::uint32_t signal = flow.signal;
        SumoSetup setup = setupFor();
        setup.demandFiles = {flow.routes};
        setup.emergencyFleet = 0;   // nobody but the flow: the fleet's stations could be on this signal's approaches
        Rig rig(setup);
        QVERIFY2(rig.sim.trafficProblem().isEmpty(), qPrintable(rig.sim.trafficProblem()));
        const DeviceIndex device = city->signals[signal].device;
        TrafficBook book(city);
        std::vector<std::pair<std::int64_t, TrafficPayload>> reports;
        std::vector<std::pair<std::int64_t, RoadTrafficPayload>> roadReports;
        for (int s = 0; s < 240; ++s) {
            const auto events = rig.advance(1000);
            book.apply(events);
            for (const Event &e : events) {
                if (const auto *t = std::get_if<TrafficPayload>(&e.payload); t && e.device == device)
                    reports.emplace_back(e.timeMs, *t);
                if (const auto *r = std::get_if<RoadTrafficPayload>(&e.payload)) {
                    QCOMPARE(e.device, kNoDevice);
                    roadReports.emplace_back(e.timeMs, *r);
                }
            }
        }
        QVERIFY2(reports.size() >= 10 && reports.size() <= 25, qPrintable(QString::number(reports.size())));
        int longest = 0;
        for (size_t k = 0; k < reports.size(); ++k) {
            if (k > 0)
                QVERIFY2(reports[k].first - reports[k - 1].first >= 10'000, "at most one report every 10 s");
            for (const ApproachTraffic &a : reports[k].second.approaches) {
                QVERIFY(a.approach < signalApproaches(city->signals[signal]).size());
                QVERIFY(a.occupancyPct <= 100);
                QVERIFY(a.queue <= a.vehicles);
                QVERIFY(a.queueM >= a.queue * 7.5 / 4 && a.queueM <= a.queue * 7.5 + 0.5);   // the longest lane of at most 4
                if (a.approach == 0)
                    longest = std::max(longest, int(a.queue));
                else
                    QCOMPARE(int(a.vehicles), 0);   // nobody else drives towards this signal
            }
        }
        QVERIFY2(longest >= 3, qPrintable(QStringLiteral("longest queue %1").arg(longest)));

        // The roads: only the flow's two streets carry vehicles (SUMO's "-X" is the street "X"), the one before the
        // signal at least as many as its approach counts at the same instant, standing at the red; a picture every
        // 10 s while it changes, every 30 s at most while it stands.
        const auto roadOf = [&](const QString &edge) {
            for (std::uint32_t r = 0; r < city->roads.size(); ++r)
                if (city->roads[r].sumoId == edge || (!city->roads[r].oneway && QLatin1Char('-') + city->roads[r].sumoId == edge))
                    return int(r);
            return -1;
        };
        const int before = roadOf(flow.from), after = roadOf(flow.to);
        QVERIFY(before >= 0 && after >= 0);
        QVERIFY2(roadReports.size() >= 8 && roadReports.size() <= 25, qPrintable(QString::number(roadReports.size())));
        int standingBefore = 0, compared = 0, endsChecked = 0;
        const GeoPoint signalAt = city->devices[city->signals[flow.signal].device].position;
        const auto squaredDegrees = [](const GeoPoint &a, const GeoPoint &b) {
            return (a.lon - b.lon) * (a.lon - b.lon) + (a.lat - b.lat) * (a.lat - b.lat);
        };
        for (size_t k = 0; k < roadReports.size(); ++k) {
            if (k > 0) {
                const std::int64_t gap = roadReports[k].first - roadReports[k - 1].first;
                QVERIFY2(gap >= 10'000 && gap <= 30'000, qPrintable(QString::number(gap)));
            }
            for (const RoadTraffic &r : roadReports[k].second.roads) {
                QVERIFY2(int(r.road) == before || int(r.road) == after, qPrintable(city->roads[r.road].sumoId));
                QVERIFY(r.vehicles > 0 && r.halting <= r.vehicles && r.speedPct <= 100);
                if (int(r.road) != before)
                    continue;
                standingBefore = std::max(standingBefore, int(r.halting));
                // It stands at the end of the street the signal is at (the package's drawing against SUMO's).
                if (r.halting > 0) {
                    QVERIFY(r.standsAt != RoadEnd::Unknown);
                    const auto &line = city->roads[r.road].line;
                    const GeoPoint held = r.standsAt == RoadEnd::Last ? line.back() : line.front();
                    const GeoPoint other = r.standsAt == RoadEnd::Last ? line.front() : line.back();
                    QVERIFY2(squaredDegrees(held, signalAt) < squaredDegrees(other, signalAt), qPrintable(city->roads[r.road].sumoId));
                    ++endsChecked;
                }
                for (const auto &[time, traffic] : reports)
                    if (time == roadReports[k].first)
                        for (const ApproachTraffic &a : traffic.approaches)
                            if (a.approach == 0) {
                                QVERIFY(r.vehicles >= a.vehicles && r.halting >= a.queue);
                                ++compared;
                            }
            }
        }
        QVERIFY2(standingBefore >= 3, qPrintable(QString::number(standingBefore)));
        QVERIFY(compared >= 5);
        QVERIFY(endsChecked >= 3);
        TrafficBook::Roads roadsHeld;
        book.snapshot(roadsHeld);
        QCOMPARE(roadsHeld.timeMs, roadReports.back().first);
        QCOMPARE(roadsHeld.roads, roadReports.back().second.roads);
        // The console's book holds the last report, and forgets it when the signal falls silent.
        std::vector<TrafficBook::Signal> held;
        book.snapshot(held);
        QCOMPARE(held[signal].timeMs, reports.back().first);
        QCOMPARE(held[signal].approaches, reports.back().second.approaches);
        book.apply({Event{0, rig.sim.nowMs(), device, PresencePayload{false, {}}}});
        book.snapshot(held);
        QCOMPARE(held[signal].timeMs, std::int64_t(0));
        QVERIFY(held[signal].approaches.empty());
    }

    void approachesMatchSumosOwnLinks()
    {
        // Every movement the default city stores for its signals, against what SUMO itself says of the network
        // the city carries: the incoming street, SUMO's turn and the bearing of the arriving lane.
        const QString package = QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg");
        auto city = citypackage::read(package);
        QVERIFY2(city, qPrintable(city.error()));
        QTemporaryDir dir;
        auto files = trafficfiles::extract(package, dir.path());
        QVERIFY2(files, qPrintable(files.error()));
        libtraci::Simulation::start({"sumo", "-n", files->network.toStdString(), "--no-step-log", "--no-warnings"}, -1,
                                    libsumo::DEFAULT_NUM_RETRIES, "approaches");
        int checked = 0, skewed = 0;
        for (const SignalInfo &signal : city.value()->signals) {
            const std::string tls = signal.sumoTlsId.toStdString();
            const auto controlled = libtraci::TrafficLight::getControlledLinks(tls);
            int sumoMovements = 0;
            for (const auto &links : controlled)
                sumoMovements += links.empty() ? 0 : 1;
            QCOMPARE(int(signal.links.size()), sumoMovements);
            for (const SignalLink &link : signal.links) {
                QVERIFY(link.index < int(controlled.size()) && !controlled[link.index].empty());
                const libsumo::TraCILink &l = controlled[link.index].front();
                const std::string edge = libtraci::Lane::getEdgeID(l.fromLane);
                QCOMPARE(link.approach, QString::fromStdString(libtraci::Edge::getStreetName(edge)));
                std::string direction;
                for (const libsumo::TraCIConnection &c : libtraci::Lane::getLinks(l.fromLane))
                    if (c.approachedLane == l.toLane)
                        direction = c.direction;
                QCOMPARE(QString(link.direction), QString::fromStdString(direction));
                if (l.fromLane.front() == ':') {
                    // A pedestrian crossing's signal: it starts on the junction's walking area, no street, no bearing.
                    QVERIFY(link.approach.isEmpty());
                    ++checked;
                    continue;
                }
                const auto shape = libtraci::Lane::getShape(l.fromLane).value;
                QVERIFY(shape.size() >= 2);
                const auto &a = shape[shape.size() - 2], &b = shape.back();
                const double bearing = std::fmod(std::atan2(b.x - a.x, b.y - a.y) * 180.0 / M_PI + 360.0, 360.0);
                const double off = std::abs(std::remainder(bearing - link.bearingDeg, 360.0));
                // The city keeps the bearing of the edge's last piece, SUMO's lane bends a little differently.
                QVERIFY2(off < 20.0, qPrintable(QStringLiteral("%1 link %2: %3 vs %4").arg(signal.sumoTlsId).arg(link.index).arg(bearing).arg(link.bearingDeg)));
                skewed += off > 5.0 ? 1 : 0;
                ++checked;
            }
        }
        // The road each approach arrives on, found again by its shape (the package keeps no edge ids), is the edge
        // SUMO says the approach's movements come from: the queues are drawn back along it.
        int roadsFound = 0, roadsWanted = 0;
        QStringList wrongRoads;
        for (const SignalInfo &signal : city.value()->signals) {
            const auto controlled = libtraci::TrafficLight::getControlledLinks(signal.sumoTlsId.toStdString());
            const std::vector<SignalApproach> approaches = signalApproaches(signal);
            const std::vector<ApproachRoad> roads = city.value()->approachRoads(signal, approaches);
            QCOMPARE(roads.size(), approaches.size());
            for (size_t a = 0; a < approaches.size(); ++a) {
                QSet<QString> edges;   // an approach may gather a street's slip lane too
                for (const int k : approaches[a].links)
                    for (const libsumo::TraCILink &l : controlled[size_t(k)])
                        if (l.fromLane.front() != ':')
                            edges.insert(QString::fromStdString(libtraci::Lane::getEdgeID(l.fromLane)));
                if (edges.isEmpty())
                    continue;   // a crossing: no road of vehicles
                ++roadsWanted;
                if (roads[a].road < 0)
                    continue;
                const Road &road = city.value()->roads[size_t(roads[a].road)];
                const QString edge = roads[a].reverse ? QLatin1Char('-') + road.sumoId : road.sumoId;
                if (edges.contains(edge))
                    ++roadsFound;
                else
                    wrongRoads << QStringLiteral("%1/%2: %3 not in %4").arg(signal.sumoTlsId).arg(a).arg(edge, QStringList(edges.begin(), edges.end()).join(','));
            }
        }
        QVERIFY2(wrongRoads.isEmpty(), qPrintable(wrongRoads.join(QLatin1String("; "))));
        QCOMPARE(roadsFound, roadsWanted);
        libtraci::Simulation::close();
        QVERIFY(checked > 500);
        QVERIFY2(skewed * 100 < checked, qPrintable(QStringLiteral("%1 of %2 bearings off by more than 5°").arg(skewed).arg(checked)));
    }

    void aShedFeederDarkensItsSignalsInSumo()
    {
        Rig rig;
        const std::vector<DeviceIndex> feederOf = rig.city->signalFeeders();
        const DeviceIndex feeder = feederOf.front();
        std::vector<std::uint32_t> fed;
        for (std::uint32_t i = 0; i < feederOf.size(); ++i)
            if (feederOf[i] == feeder)
                fed.push_back(i);
        QVERIFY(!fed.empty() && fed.size() < rig.city->signals.size());
        DeviceCommand shed;
        shed.order = 50;
        shed.device = feeder;
        shed.action = CommandAction::FeederShed;
        rig.sim.command(shed);
        rig.advance(2000);
        // Dark in the traffic (SUMO's program "off": every link 'O') and silent to the console.
        for (const std::uint32_t i : fed) {
            // SUMO's "off": no signal on any link ('O' where the road has priority, 'o' where it must yield).
            const QString state = rig.plant->reading(i).state;
            QVERIFY2(!state.isEmpty() && std::all_of(state.begin(), state.end(), [](QChar c) { return c == u'o' || c == u'O'; }),
                     qPrintable(state));
            QCOMPARE(count(rig.events, [&](const Event &e) {
                const auto *p = std::get_if<PresencePayload>(&e.payload);
                return p && !p->online && e.device == rig.city->signals[i].device;
            }), 1);
        }
        // A command to a dark signal goes unanswered; the others still run their programs.
        rig.sim.command(rig.command(51, fed.front(), CommandAction::SignalFlash));
        rig.advance(60'000);
        QVERIFY(!rig.answer(51));
        for (std::uint32_t i = 0; i < rig.city->signals.size(); ++i)
            if (std::find(fed.begin(), fed.end(), i) == fed.end())
                QVERIFY(rig.plant->reading(i).state.contains(QLatin1Char('G')) || rig.plant->reading(i).state.contains(QLatin1Char('g'))
                        || rig.plant->reading(i).state.contains(QLatin1Char('r')));
        // Power back: they report and run their program again.
        DeviceCommand restore = shed;
        restore.order = 52;
        restore.action = CommandAction::FeederRestore;
        rig.sim.command(restore);
        rig.advance(2000);
        for (const std::uint32_t i : fed) {
            QVERIFY(!rig.plant->reading(i).state.contains(QLatin1Char('O')));
            QCOMPARE(rig.lastSignalMode(i), int(SignalMode::Normal));
        }
    }


    void aPortAnotherProgramHoldsIsLeftForAFreeOne()
    {
        // Who listens on a port is told by the process holding the socket, not by the port alone.
        // (Qt's sockets are close-on-exec: the SUMO the test starts does not inherit, and so hold, this one.)
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost));
        QVERIFY(localport::listensOn(QCoreApplication::applicationPid(), other.serverPort()));
        QVERIFY(!localport::listensOn(QCoreApplication::applicationPid(), localport::freePort()));
        // SUMO told to listen where another program already does (as when that program takes the port between our
        // pick and SUMO's bind): the plant does not take the other for SUMO and connect to it — SUMO, refused the
        // port, is started again on a free one, and runs the signals.
        SumoSetup setup = setupFor();
        setup.port = other.serverPort();
        Rig rig(setup);
        QVERIFY2(rig.sim.trafficProblem().isEmpty(), qPrintable(rig.sim.trafficProblem()));
        QVERIFY(!localport::listensOn(rig.plant->processId(), other.serverPort()));
        int switched = 0;
        for (int s = 0; s < 30; ++s)
            for (const Event &e : rig.advance(1000))
                switched += std::holds_alternative<SignalPayload>(e.payload);
        QVERIFY(switched > 0);
        QVERIFY2(!other.waitForNewConnection(0), "nothing connected to the other program's port");
    }

    void refusesAnotherNetwork()
    {
        // The network SUMO ships without the guessed signals: the city's junction signals are not all there.
        SumoPlant plant(smallCity(), setupFor(QStringLiteral("/usr/share/sumo/tools/game/DRT/osm.net.xml")));
        const Status started = plant.start(kStart);
        QVERIFY(!started);
        QVERIFY2(started.error().contains(QStringLiteral("not the network this city was imported from"))
                     || started.error().contains(QStringLiteral("not the same network")), qPrintable(started.error()));
    }

    void saysWhenSumoIsMissing()
    {
        SumoSetup setup = setupFor();
        setup.sumoBinary = QStringLiteral("/nonexistent/sumo");
        SumoPlant plant(smallCity(), setup);
        const Status started = plant.start(kStart);
        QVERIFY(!started);
        QCOMPARE(started.error(), QStringLiteral("SUMO is not installed (no \"/nonexistent/sumo\" to run): install the Debian package sumo"));
        // The simulator keeps running with the signals "not reporting".
        Rig rig(setup);
        QVERIFY(!rig.sim.trafficProblem().isEmpty());
        rig.advance(60'000);
        QVERIFY(!rig.sim.trafficProblem().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSumoPlant)
#include "tst_sumoplant.moc"
