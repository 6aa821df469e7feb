// The emergency fleet SUMO drives and the green wave that follows a vehicle, against a real sumo started and stopped
// by the test on a real piece of Berlin-Adlershof: the follower pre-empting each signal on the vehicle's own
// movement, the fleet planned and sent on SUMO's routes, and the console's own wave through its engine.
#include "sumotesting.h"

#include "engine/greenwaverun.h"
#include "sim/parking.h"
#include "ops/greenwavefollower.h"
#include "state/vehiclebook.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <libsumo/libtraci.h>

#include <algorithm>
#include <optional>

using namespace cityops;
using namespace cityops::test;

class TestSumoFleet : public QObject {
    Q_OBJECT
    /// The fleet's first reports, a second after SUMO placed it (ambulance-1 still pulling in to its station), and
    /// a route SUMO plans for ambulance-1 to where ambulance-3 stands.
    static void planWhilePullingIn(Rig &rig, std::map<QString, VehiclePayload> &first, PlannedRoute &plan)
    {
        for (const Event &e : rig.advance(1000))
            if (const auto *v = std::get_if<VehiclePayload>(&e.payload))
                first[v->id] = *v;
        QVERIFY(first.contains(QStringLiteral("ambulance-1")) && first.contains(QStringLiteral("ambulance-3")));
        QVERIFY2(!first[QStringLiteral("ambulance-1")].parked, "still pulling in to its station");
        auto planned = rig.sim.planRoute(QStringLiteral("ambulance-1"), first[QStringLiteral("ambulance-3")].position);
        QVERIFY2(planned, qPrintable(planned ? QString() : planned.error()));
        plan = planned.value();
    }

private Q_SLOTS:
    void theWaveGivesTheVehicleGreenAtEverySignal()
    {
        // A short route on the small network, found by SUMO's router: an emergency vehicle on it meets signals.
        QStringList edges;
        {
            libtraci::Simulation::start({"sumo", "-n", kNet.toStdString(), "--no-step-log", "--no-warnings"}, -1,
                                        libsumo::DEFAULT_NUM_RETRIES, "wave-route");
            std::vector<std::string> all;
            for (const std::string &e : libtraci::Edge::getIDList())
                if (e.front() != ':')
                    all.push_back(e);
            for (size_t a = 0; a < all.size() && edges.isEmpty(); ++a) {
                for (size_t b = all.size(); b-- > 0 && edges.isEmpty();) {
                    libsumo::TraCIStage stage;
                    try {
                        stage = libtraci::Simulation::findRoute(all[a], all[b]);
                    } catch (const libsumo::TraCIException &) {
                        continue;
                    }
                    if (stage.length < 350)
                        continue;
                    const std::string id = "p" + std::to_string(a) + "_" + std::to_string(b);
                    libtraci::Route::add(id, stage.edges);
                    libtraci::Vehicle::add(id, id);
                    libtraci::Simulation::step();
                    if (libtraci::Vehicle::getNextTLS(id).size() >= 3)
                        for (const std::string &e : stage.edges)
                            edges << QString::fromStdString(e);
                    libtraci::Vehicle::remove(id);
                }
            }
            libtraci::Simulation::close();
        }
        QVERIFY2(!edges.isEmpty(), "a route through three signals");

        // Stepped second by second (the simulator's clock is the test's): the follower's steps become commands.
        Rig rig;
        QVERIFY(rig.plant->addEmergencyVehicle(QStringLiteral("ev"), edges, rig.sim.nowMs() + 2000));
        QVERIFY(!rig.plant->addEmergencyVehicle(QStringLiteral("ev2"), {QStringLiteral("no-such-edge")}, rig.sim.nowMs()));
        GreenWaveFollower wave(rig.city, {20, 2, 3, 3000});
        std::uint32_t order = 100;
        std::map<std::uint32_t, int> preempted;     // signal -> phase
        std::map<std::uint32_t, QChar> metAtLine;   // signal -> what the vehicle's link showed as it reached it
        std::map<std::uint32_t, int> linkOf;
        bool arrived = false;
        for (int s = 0; s < 600 && !arrived; ++s) {
            rig.advance(1000);
            const auto fix = rig.plant->vehicleFix(QStringLiteral("ev"));
            if (!fix)
                continue;
            arrived = fix->arrived;
            for (const SignalAhead &a : fix->ahead) {
                linkOf[a.signal] = a.linkIndex;
                if (a.distanceM < 15 && !metAtLine.count(a.signal))
                    metAtLine[a.signal] = rig.plant->reading(a.signal).state.at(a.linkIndex);
            }
            for (const WaveStep &step : wave.update(*fix)) {
                if (step.kind == WaveStep::Kind::Preempt) {
                    preempted[step.signal] = step.phase;
                    QVERIFY2(step.etaS <= 20.0, "asked within the lead time, not before");
                    rig.sim.command(rig.command(++order, step.signal, CommandAction::SignalPreempt, step.phase));
                } else {
                    rig.sim.command(rig.command(++order, step.signal, CommandAction::SignalRestore));
                }
            }
        }
        QVERIFY(arrived);
        rig.advance(2000);   // the last release reaches its controller
        QVERIFY2(preempted.size() >= 3, qPrintable(QString::number(preempted.size())));
        for (const auto &[signal, phase] : preempted) {
            // The phase held gives the vehicle's own movement a green ...
            const QString state = rig.city->signals[signal].programs.front().phases.at(phase).state;
            QVERIFY(state.at(linkOf[signal]) == u'G' || state.at(linkOf[signal]) == u'g');
            // ... the vehicle met green there ...
            QVERIFY2(metAtLine.count(signal) && (metAtLine[signal] == u'G' || metAtLine[signal] == u'g'),
                     qPrintable(QStringLiteral("signal %1 showed %2").arg(signal).arg(metAtLine[signal])));
            // ... and afterwards the signal runs its program again.
            QCOMPARE(SignalMode(rig.lastSignalMode(signal)), SignalMode::Normal);
        }
        QVERIFY(wave.held().empty());
    }

    void theFleetIsTrackedAndSentOnAPlannedRoute()
    {
        Rig rig;
        const auto vehicleReports = [](const std::vector<Event> &events) {
            std::map<QString, VehiclePayload> out;
            for (const Event &e : events)
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload)) {
                    if (e.device != kNoDevice)
                        return std::map<QString, VehiclePayload>{};   // a vehicle is never a device
                    out[v->id] = *v;
                }
            return out;
        };
        // The fleet stands at its stations, on the city's roads, and says so.
        auto reports = vehicleReports(rig.advance(5000));
        QCOMPARE(int(reports.size()), 3);
        const GeoBox box = rig.city->bounds;
        for (const auto &[id, v] : reports) {
            QVERIFY2(v.parked, qPrintable(id));
            QVERIFY2(box.contains(v.position), qPrintable(id));
            QVERIFY2(rig.city->districtAt(v.position) >= 0, qPrintable(id));   // a station serves the city, not the network's far ends
            QVERIFY(v.route.empty() && v.ahead.empty());
        }
        // Standing still it repeats itself only every 10 s (the console drops a vehicle silent for 30 s).
        rig.advance(15'000);   // settled in its parking place
        std::map<QString, std::vector<std::int64_t>> heard;
        for (int s = 0; s < 30; ++s) {
            const std::vector<Event> events = rig.advance(1000);
            for (const auto &[id, v] : vehicleReports(events))
                heard[id].push_back(rig.sim.nowMs());
        }
        QCOMPARE(int(heard.size()), 3);
        for (const auto &[id, times] : heard) {
            QCOMPARE(int(times.size()), 3);
            QCOMPARE(times[1] - times[0], 10'000);
        }

        // A route from SUMO's router, from ambulance-1's station to ambulance-3's.
        QVERIFY(!rig.sim.planRoute(QStringLiteral("nobody"), reports[QStringLiteral("ambulance-3")].position));
        auto plan = rig.sim.planRoute(QStringLiteral("ambulance-1"), reports[QStringLiteral("ambulance-3")].position);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error()));
        QVERIFY(plan->edges.size() >= 2 && plan->lengthM > 100 && plan->travelS > 0 && plan->line.size() >= 2);
        QVERIFY(distanceMetres(plan->destination, reports[QStringLiteral("ambulance-3")].position) < 60);
        QVERIFY2(!plan->signals.empty(), "the route crosses signals");
        QVERIFY(rig.sim.sendRoute(plan.value()));

        // It drives the route, reporting each second what is left of it and the signals ahead — the same signals,
        // with the same movements, the plan showed — and parks at its end.
        bool moved = false, parkedAgain = false, sawAhead = false;
        VehicleBook book(rig.city);
        for (int s = 0; s < 900 && !parkedAgain; ++s) {
            const std::vector<Event> events = rig.advance(1000);
            book.apply(events);
            const auto now = vehicleReports(events);
            const auto it = now.find(QStringLiteral("ambulance-1"));
            if (it == now.end())
                continue;
            const VehiclePayload &v = it->second;
            if (!v.parked) {
                moved = moved || v.speedMps > 1;
                QVERIFY(!v.route.empty() && int(v.route.size()) <= kMaxRoutePoints);
                QVERIFY(distanceMetres(v.route.back(), plan->destination) < 1);
                if (!sawAhead) {
                    sawAhead = true;
                    QCOMPARE(v.ahead.size(), plan->signals.size());
                    for (size_t k = 0; k < v.ahead.size(); ++k) {
                        QCOMPARE(v.ahead[k].signal, plan->signals[k].signal);
                        QCOMPARE(v.ahead[k].linkIndex, plan->signals[k].linkIndex);
                    }
                }
            } else if (moved) {
                parkedAgain = true;
                // Where the plan said: halfway along its last road, not at its end (its lane lies beside the line).
                QVERIFY2(distanceMetres(v.position, plan->destination) < 15, qPrintable(QString::number(distanceMetres(v.position, plan->destination))));
            }
        }
        QVERIFY(moved && sawAhead && parkedAgain);
        VehicleBook::Vehicle kept;
        QVERIFY(book.find(QStringLiteral("ambulance-1"), &kept));
        QVERIFY(kept.report.parked);
        // Silence is counted on the field's clock: the console's own events, stamped ahead of a field that runs
        // behind, drop nobody ...
        book.apply({Event{0, kept.timeMs + VehicleBook::kSilentMs + 5000, kNoDevice,
                          OperatorActionPayload{OperatorAction::Select, QStringLiteral("olga"), {}}}});
        QVERIFY(book.find(QStringLiteral("ambulance-1"), &kept));
        // ... but a vehicle the field has not reported for 30 s is dropped, not shown where it was.
        book.apply({Event{0, kept.timeMs + VehicleBook::kSilentMs + 1000, rig.city->signals[0].device, SignalPayload{}}});
        QVERIFY(!book.find(QStringLiteral("ambulance-1"), &kept));
    }

    void aVehicleSentWhileStillPullingInDrivesOff()
    {
        // Sent in its first second, before it has parked at its station: the station's stop, still ahead of it,
        // must not hold it there (it did: the console's wave then waited for a vehicle that never left).
        Rig rig;
        std::map<QString, VehiclePayload> first;
        PlannedRoute plan;
        planWhilePullingIn(rig, first, plan);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(rig.sim.sendRoute(plan));
        // It leaves at once, never parks on the way (it used to pull in and park at the station for good) and is
        // through the first junction, a signal, within two of its cycles (it used to stand at the stop line through
        // every green: SUMO keeps a vehicle whose stop was removed after its new route was set).
        const GeoPoint sentAt = first[QStringLiteral("ambulance-1")].position;
        double farthest = 0;
        for (int s = 0; s < 180 && farthest < 50; ++s)
            for (const Event &e : rig.advance(1000))
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->id == QStringLiteral("ambulance-1")) {
                    QVERIFY2(!v->parked, qPrintable(QStringLiteral("parked %1 s after it was sent").arg(s)));
                    farthest = std::max(farthest, distanceMetres(v->position, sentAt));
                }
        QVERIFY2(farthest >= 50, qPrintable(QStringLiteral("%1 m from where it was sent").arg(farthest)));
    }

    /// A route SUMO refuses (a road in it that the network does not have) sent while the vehicle is still pulling in:
    /// the send fails with a sentence and the station's stop, taken away to let it drive off, is put back — it parks
    /// at its station as before, rather than driving past it to the end of its road and out of the simulation.
    void aRefusedRouteLeavesTheVehicleBoundForItsStation()
    {
        Rig rig;
        std::map<QString, VehiclePayload> first;
        PlannedRoute refused;
        planWhilePullingIn(rig, first, refused);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(refused.edges.size() >= 2);
        refused.edges.insert(1, QStringLiteral("no-such-road"));
        const Status sent = rig.sim.sendRoute(refused);
        QVERIFY(!sent);
        QVERIFY2(sent.error().contains(QLatin1String("cannot take that route now")), qPrintable(sent.error()));
        // It goes on to its station and parks there, and keeps reporting.
        bool parked = false;
        for (int s = 0; s < 120 && !parked; ++s)
            for (const Event &e : rig.advance(1000))
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->id == QStringLiteral("ambulance-1") && v->parked)
                    parked = distanceMetres(v->position, first[QStringLiteral("ambulance-1")].position) < 300;
        QVERIFY2(parked, "never parked at its station");
    }

    /// A vehicle added to park at the end of its route (as the bench's, to time its trip as the console does) parks
    /// halfway along its last road, as one sent there without a place would, and stays; one added to leave leaves.
    void aVehicleAddedToParkStaysAtTheEndOfItsRoute()
    {
        Rig rig;
        std::map<QString, VehiclePayload> first;
        PlannedRoute plan;
        planWhilePullingIn(rig, first, plan);
        if (QTest::currentTestFailed())
            return;
        const ApproachRoad lastRoad = rig.city->roadOfEdge(plan.edges.last());
        QVERIFY(plan.edges.size() >= 2 && lastRoad.road >= 0);
        const GeoPoint halfway = lineUpTo(rig.city->roads[size_t(lastRoad.road)].line, 0.5).back();
        QVERIFY(rig.plant->addEmergencyVehicle(QStringLiteral("parks"), plan.edges, rig.sim.nowMs() + 1000, SumoPlant::RouteEnd::Parks));
        QVERIFY(rig.plant->addEmergencyVehicle(QStringLiteral("leaves"), plan.edges, rig.sim.nowMs() + 1000));
        bool moved = false, left = false;
        std::optional<VehiclePayload> parkedAt;
        std::int64_t setOffMs = -1, parkedMs = -1;   // its first report on its way, and parked
        for (int s = 0; s < 900 && !(parkedAt && left); ++s) {
            for (const Event &e : rig.advance(1000))
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->id == QStringLiteral("parks")) {
                    if (!v->parked && !moved)
                        setOffMs = e.timeMs;
                    moved = moved || !v->parked;
                    // Every report says since when: the first report of its spell.
                    if (!v->parked)
                        QCOMPARE(v->sinceMs, setOffMs);
                    if (moved && v->parked && !parkedAt) {
                        parkedAt = *v;
                        parkedMs = e.timeMs;
                    }
                }
            const auto leaves = rig.plant->vehicleFix(QStringLiteral("leaves"));
            left = left || (leaves && leaves->arrived);
        }
        QVERIFY2(moved, "it never set off");
        QVERIFY2(parkedAt, "it never parked at the end of its route");
        QVERIFY2(left, "the other never left the network");
        // Measured on the map (SUMO's lane and the drawn road differ by a few metres in length).
        QVERIFY2(distanceMetres(parkedAt->position, halfway) < 10, qPrintable(QString::number(distanceMetres(parkedAt->position, halfway))));
        // It stays: a minute later it still reports, parked where it parked; the one that left reports nothing.
        const std::vector<Event> later = rig.advance(60'000);
        const auto report = [&later](const QString &id) {
            std::optional<VehiclePayload> out;
            for (const Event &e : later)
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->id == id)
                    out = *v;
            return out;
        };
        QVERIFY(report(QStringLiteral("parks")) && report(QStringLiteral("parks"))->parked);
        QCOMPARE(parkedAt->sinceMs, parkedMs);
        QCOMPARE(report(QStringLiteral("parks"))->sinceMs, parkedMs);   // a minute on, still since it parked
        QVERIFY(distanceMetres(report(QStringLiteral("parks"))->position, parkedAt->position) < 0.5);
        QVERIFY(!report(QStringLiteral("leaves")));
        // Its call sign is free again once it left: SUMO takes the same vehicle for another trip (a route named
        // after the vehicle alone would still be SUMO's, and refuse it).
        QVERIFY(rig.plant->addEmergencyVehicle(QStringLiteral("leaves"), plan.edges, rig.sim.nowMs() + 1000));
        bool again = false;
        for (int s = 0; s < 30 && !again; ++s)
            for (const Event &e : rig.advance(1000))
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->id == QStringLiteral("leaves") && !v->parked)
                    again = true;
        QVERIFY2(again, "the vehicle added again never set off");
    }

    /// Sent to a place, a vehicle parks at the point of the street nearest it (it parked halfway along the street,
    /// up to half its length away).
    void aVehicleParksNearThePlaceAskedFor()
    {
        Rig rig;
        rig.advance(20'000);   // parked at the stations
        // Places a quarter of the way along the longest streets: their middle lies 30 m or more from them.
        std::vector<std::pair<double, size_t>> streets;
        for (size_t r = 0; r < rig.city->roads.size(); ++r) {
            const Road &road = rig.city->roads[r];
            double lengthM = 0;
            for (size_t i = 1; i < road.line.size(); ++i)
                lengthM += distanceMetres(road.line[i - 1], road.line[i]);
            if (lengthM >= 120 && road.cls >= RoadClass::Primary && road.cls <= RoadClass::Residential)
                streets.push_back({lengthM, r});
        }
        std::sort(streets.rbegin(), streets.rend());
        std::optional<PlannedRoute> plan;
        GeoPoint asked;
        for (const auto &[lengthM, r] : streets) {
            asked = lineUpTo(rig.city->roads[r].line, 0.25).back();
            if (auto planned = rig.sim.planRoute(QStringLiteral("ambulance-1"), asked); planned && planned->edges.size() >= 2) {
                plan = planned.value();
                break;
            }
        }
        QVERIFY2(plan, "no long street to send a vehicle to");
        QVERIFY(plan->parkAtM >= 10);
        QVERIFY2(distanceMetres(plan->destination, asked) < 15, qPrintable(QString::number(distanceMetres(plan->destination, asked))));
        QVERIFY(rig.sim.sendRoute(*plan));
        bool moved = false;
        for (int s = 0; s < 900; ++s) {
            const auto v = std::find_if(rig.events.begin(), rig.events.end(), [](const Event &e) {
                const auto *p = std::get_if<VehiclePayload>(&e.payload);
                return p && p->id == QStringLiteral("ambulance-1");
            });
            if (v != rig.events.end()) {
                const VehiclePayload &report = std::get<VehiclePayload>(v->payload);
                moved = moved || !report.parked;
                if (moved && report.parked) {
                    QVERIFY2(distanceMetres(report.position, asked) < 20, qPrintable(QString::number(distanceMetres(report.position, asked))));
                    return;
                }
            }
            rig.advance(1000);
        }
        QFAIL("it never parked again");
    }

    /// The rule itself: the point nearest the place, kept 40 m short of a signal ahead (sent on from beside its stop
    /// line, that signal could not turn in time) but only 10 m short of any other junction, and 10 m clear of the one
    /// behind; on a road too short for that, as far from a signal ahead as that allows, else halfway; along the one
    /// road it is on, the place if ahead, else the end.
    void whereAVehicleParksOnItsLastRoad()
    {
        const auto at = [](double lengthM, double wantedM, bool signal) { return parkingPositionM({3, lengthM, wantedM, 0, signal}); };
        QCOMPARE(at(200, 195, true), 160.0);    // 40 m short of the stop line
        QCOMPARE(at(200, 195, false), 190.0);   // no signal ahead: 10 m short of the junction
        QCOMPARE(at(200, 100, true), 100.0);    // in the middle: where asked
        QCOMPARE(at(200, 3, true), 10.0);       // clear of the junction behind
        QCOMPARE(at(60, 55, true), 20.0);       // a 60-m road into a signal: still 40 m short of it
        QCOMPARE(at(30, 29, false), 20.0);
        // Too short to keep 40 m and 10 m: as far from the signal as the junction behind allows (35 m from it,
        // not 22.5 m halfway); a very short one, and one without a signal ahead, halfway.
        QCOMPARE(at(45, 40, true), 10.0);
        QCOMPARE(at(45, 5, true), 10.0);
        QCOMPARE(at(16, 14, true), 8.0);
        QCOMPARE(at(15, 14, false), 7.5);
        QCOMPARE(at(200, -1, true), 100.0);     // no place said: halfway
        const auto alongItsRoad = [](double wantedM, double fromM) { return parkingPositionM({1, 100, wantedM, fromM, true}); };
        QCOMPARE(alongItsRoad(50, 20), 50.0);   // ahead of it: there
        QCOMPARE(alongItsRoad(25, 20), 95.0);   // not far enough ahead (or behind it): the road's end
        QCOMPARE(alongItsRoad(300, 20), 95.0);
    }

    /// Sent to the far end of a street, a vehicle parks 40 m short of it where a signal stands there, and near it
    /// where none does: the plan knows which junctions are signalised.
    void aVehicleParksShortOfASignalButNotOfAPlainJunction()
    {
        Rig rig;
        rig.advance(20'000);
        QSet<QString> intoSignals;
        for (const SignalInfo &signal : rig.city->signals)
            for (const SignalLink &link : signal.links)
                intoSignals.insert(link.fromEdge);
        const auto farEnd = [&](const QString &edge) {
            const ApproachRoad r = rig.city->roadOfEdge(edge);
            const GeoLine &line = rig.city->roads[size_t(r.road)].line;
            return r.reverse ? line.front() : line.back();
        };
        int nearSignal = 0, nearPlain = 0;
        for (size_t r = 0; r < rig.city->roads.size() && (nearSignal < 2 || nearPlain < 2); ++r) {
            const Road &road = rig.city->roads[r];
            double lengthM = 0;
            for (size_t i = 1; i < road.line.size(); ++i)
                lengthM += distanceMetres(road.line[i - 1], road.line[i]);
            if (lengthM < 60)
                continue;   // room for 40 m before a signal, and 10 m behind
            for (const double share : {(lengthM - 5) / lengthM, 5 / lengthM}) {   // 5 m from either end: one is the far
                const GeoPoint asked = lineUpTo(road.line, share).back();         // end of the edge SUMO picks
                const auto plan = rig.sim.planRoute(QStringLiteral("ambulance-1"), asked);
                if (!plan || plan->edges.size() < 2 || rig.city->roadOfEdge(plan->edges.last()).road < 0
                    || distanceMetres(asked, farEnd(plan->edges.last())) > 8)
                    continue;   // no route, or the place is not by the far end of the road it parks on
                // Measured on the map, against 40 m and 10 m along SUMO's lane (whose length may differ from its
                // drawn shape by several metres): well apart either way.
                const double fromEndM = distanceMetres(plan->destination, farEnd(plan->edges.last()));
                if (intoSignals.contains(plan->edges.last())) {
                    QVERIFY2(fromEndM > 28, qPrintable(QStringLiteral("%1: %2 m from the signal").arg(plan->edges.last()).arg(fromEndM)));
                    ++nearSignal;
                } else {
                    QVERIFY2(fromEndM < 22, qPrintable(QStringLiteral("%1: %2 m from the junction").arg(plan->edges.last()).arg(fromEndM)));
                    ++nearPlain;
                }
            }
        }
        QVERIFY2(nearSignal >= 2 && nearPlain >= 2, qPrintable(QStringLiteral("%1 by a signal, %2 by a plain junction").arg(nearSignal).arg(nearPlain)));
    }

    /// A station serves the city: it stands in one of the city's districts, halfway along its road — not at the far
    /// ends of the network (what lies farthest apart), nor beside a stop line.
    void stationsStandInTheCitysDistrictsAwayFromStopLines()
    {
        // The small city with one district, the middle half of it from west to east: its network reaches beyond.
        auto city = std::make_shared<CityModel>(*smallCity());
        const GeoBox b = city->bounds;
        const double west = b.minLon + (b.maxLon - b.minLon) / 4, east = b.maxLon - (b.maxLon - b.minLon) / 4;
        city->districts = {{QStringLiteral("M"), QStringLiteral("Middle"), {{west, b.minLat}, {east, b.minLat}, {east, b.maxLat}, {west, b.maxLat}}, true}};
        Rig rig(setupFor(), city);
        std::map<QString, VehiclePayload> parked;
        for (int s = 0; s < 15; ++s)
            for (const Event &e : rig.advance(1000))
                if (const auto *v = std::get_if<VehiclePayload>(&e.payload); v && v->parked)
                    parked[v->id] = *v;
        QCOMPARE(int(parked.size()), 3);
        for (const auto &[id, v] : parked) {
            QVERIFY2(city->districtAt(v.position) == 0, qPrintable(QStringLiteral("%1 at %2").arg(id).arg(v.position.lon)));
            // From where it is parked, the nearest stop line of a route it may take is 40 m away at least.
            const auto plan = rig.sim.planRoute(id, parked.begin()->first == id ? std::next(parked.begin())->second.position
                                                                                 : parked.begin()->second.position);
            QVERIFY2(plan, qPrintable(plan ? QString() : plan.error()));
            if (!plan.value().signals.empty())
                QVERIFY2(plan.value().signals.front().distanceM >= 39, qPrintable(QString::number(plan.value().signals.front().distanceM)));
        }
    }

    void aWaveFromTheConsoleFollowsAFleetVehicle()
    {
        // The console's whole path: the fleet's reports reach the books; a route planned by SUMO's router through
        // the link and sent; the wave run follows the vehicle's reports and orders each pre-emption as the person who
        // started it, approved by the supervisor who pre-approved the wave; the vehicle parks; every signal released.
        auto city = smallCity();
        Engine engine(city);
        startWithSumo(engine, 0.1, 600'000);
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 20'000);
        VehicleBook::Vehicle one, three;
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &one) && engine.vehicles().find(QStringLiteral("ambulance-3"), &three), 10'000);
        QVERIFY(one.report.parked);

        std::optional<Result<PlannedRoute>> planned;
        engine.planRoute(QStringLiteral("ambulance-1"), three.report.position, [&planned](const Result<PlannedRoute> &r) { planned = r; });
        QTRY_VERIFY_WITH_TIMEOUT(planned.has_value(), 5000);
        QVERIFY2(planned->ok(), qPrintable(planned->error()));
        const PlannedRoute plan = planned->value();
        QVERIFY(!plan.signals.empty());
        // Counted from where it is parked, halfway along a road of at least 80 m: no stop line closer than 40 m.
        QVERIFY2(plan.signals.front().distanceM >= 39, qPrintable(QString::number(plan.signals.front().distanceM)));
        std::optional<Status> sent;
        engine.sendRoute(plan, [&sent](const Status &s) { sent = s; });
        QTRY_VERIFY_WITH_TIMEOUT(sent.has_value(), 5000);
        QVERIFY(sent->ok());

        const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}}, sven{QStringLiteral("sven"), {Role::Supervisor}, {}};
        GreenWaveRun run(engine, QStringLiteral("ambulance-1"), olga, sven);
        std::map<std::uint32_t, int> reportedAhead;   // signal -> the link the vehicle said it would use there
        std::map<std::uint32_t, SignalMode> modeAtLine;
        std::map<std::uint32_t, double> firstSeenM;   // how far the vehicle was from the signal when it set off
        QElapsedTimer wall;
        wall.start();
        while (!run.finished() && wall.elapsed() < 90'000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            VehicleBook::Vehicle now;
            if (engine.vehicles().find(QStringLiteral("ambulance-1"), &now)) {
                for (const SignalAhead &a : now.report.ahead) {
                    reportedAhead[a.signal] = a.linkIndex;
                    // What the signal shows the vehicle's movement as it reaches the stop line (its mode, as reported).
                    if (a.distanceM < 15 && !modeAtLine.count(a.signal))
                        modeAtLine[a.signal] = SignalMode(engine.states().state(city->signals[a.signal].device).mode);
                    if (!firstSeenM.count(a.signal))
                        firstSeenM[a.signal] = a.distanceM;
                }
                run.update(now);
            }
        }
        QVERIFY2(run.finished(), qPrintable(QStringLiteral("held %1, last refusal: %2").arg(run.held().size()).arg(run.stats().lastRefusal)));
        QCOMPARE(run.stats().refused, 0);
        // The signals it reported ahead are the plan's, with the plan's movements, every one of them.
        QCOMPARE(reportedAhead.size(), plan.signals.size());
        for (const auto &[signal, link] : reportedAhead)
            QVERIFY(std::any_of(plan.signals.begin(), plan.signals.end(), [&](const SignalAhead &p) { return p.signal == signal && p.linkIndex == link; }));
        QCOMPARE(run.stats().preemptionsAsked, int(reportedAhead.size()));
        QCOMPARE(run.stats().preemptionsApproved, run.stats().preemptionsAsked);
        QCOMPARE(run.stats().releasesAsked, run.stats().preemptionsAsked);
        // Each signal on the route was pre-empted once, on the phase serving the vehicle's movement there, by an
        // order olga asked and sven approved; each was released by an order of its own.
        std::vector<Order> orders;
        engine.orders().snapshot(orders);
        for (const auto &[signal, link] : reportedAhead) {
            const DeviceIndex device = city->signals[signal].device;
            int preempts = 0, restores = 0;
            for (const Order &o : orders) {
                if (o.targets.size() != 1 || o.targets.front().device != device)
                    continue;
                if (o.targets.front().action == CommandAction::SignalPreempt) {
                    ++preempts;
                    QCOMPARE(o.requestedBy, olga.user);
                    QCOMPARE(o.approvedBy, sven.user);
                    QCOMPARE(o.targets.front().value, phaseServing(city->signals[signal].programs.front(), link));
                } else if (o.targets.front().action == CommandAction::SignalRestore) {
                    ++restores;
                }
            }
            QCOMPARE(preempts, 1);
            QCOMPARE(restores, 1);
            // The pre-emption was in force when the vehicle reached the stop line — the first signal's too: the
            // station stands halfway along its road, far enough from the junction ahead for that signal to turn.
            QVERIFY2(modeAtLine.count(signal) && modeAtLine[signal] == SignalMode::Preempt,
                     qPrintable(QStringLiteral("signal %1 was %2 as the vehicle reached it, first seen %3 m before it")
                                    .arg(signal).arg(int(modeAtLine[signal])).arg(firstSeenM[signal])));
        }
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &one) && one.report.parked, 5000);
        QVERIFY(distanceMetres(one.report.position, plan.destination) < 60);
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestSumoFleet)
#include "tst_sumofleet.moc"
