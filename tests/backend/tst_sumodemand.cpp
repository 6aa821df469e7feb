// The city's day of traffic repeated for as long as SUMO runs (DemandRepeat): what is repeated and what is not, and
// flows departing their vehicles when SUMO itself would — checked against a real sumo, started by the test.
#include "sumotesting.h"

#include "city/flowschedule.h"
#include "sim/demandrepeat.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Two roads of the small network that cars may drive, one leading straight into the other (from its connections).
std::pair<QString, QString> twoRoads()
{
    QFile net(kNet);
    if (!net.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&net);
    QSet<QString> forCars;   // edges with a lane open to passenger cars
    QString edge;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1String("edge"))
            edge = a.value(QLatin1String("function")).isEmpty() ? a.value(QLatin1String("id")).toString() : QString();
        else if (xml.name() == QLatin1String("lane") && !edge.isEmpty()
                 && openToCars(a))
            forCars.insert(edge);
        else if (xml.name() == QLatin1String("connection") && a.value(QLatin1String("dir")) == QLatin1String("s")
                 && forCars.contains(a.value(QLatin1String("from")).toString()) && forCars.contains(a.value(QLatin1String("to")).toString()))
            return {a.value(QLatin1String("from")).toString(), a.value(QLatin1String("to")).toString()};
    }
    return {};
}

/// The attributes of each top-level <flow> of a route file, by id.
std::map<QString, QXmlStreamAttributes> flowsOf(const QByteArray &routes)
{
    std::map<QString, QXmlStreamAttributes> out;
    QXmlStreamReader xml(routes);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("flow"))
            out[xml.attributes().value(QLatin1String("id")).toString()] = xml.attributes();
    return out;
}

} // namespace

class TestSumoDemand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDayIsRepeatedPastTheDaysTheFileHolds()
    {
        // What SUMO's plant adds after the days its demand file holds: the day's trips, vehicles and flows, renamed
        // for their day, at their time of day; what it cannot add so is counted.
        const QByteArray day = R"(<?xml version="1.0"?>
<routes>
 <vType id="car" vClass="passenger"/>
 <route id="r0" edges="a b"/>
 <flow id="f" begin="0" end="3600" vehsPerHour="100" from="a" to="b"/>
 <trip id="t1" type="car" depart="10.00" from="a" to="b" departLane="best" departSpeed="max"/>
 <trip id="via" depart="12.00" from="a" to="c" via="b"/>
 <vehicle id="v1" depart="20.00" route="r0"/>
 <vehicle id="v2" depart="30.00"><route edges="a b c"/><param key="k" value="v"/></vehicle>
 <vehicle id="stops" depart="40.00"><route edges="a b"/><stop lane="b_0" duration="20"/></vehicle>
 <trip id="waits" depart="triggered" from="a" to="b"/>
 <trip id="tripstops" depart="45.00" from="a" to="b"><stop lane="b_0" duration="20"/></trip>
 <person id="p" depart="50.00"><walk edges="a b"/></person>
 <trip id="late" depart="86399.00" from="b" to="a"/>
</routes>
)";
        auto repeat = DemandRepeat::fromDay(day, 2);
        QVERIFY2(repeat, qPrintable(repeat.error()));
        QCOMPARE(repeat->repeated(), 107);    // t1, via, v1, v2, stops, tripstops, late and the flow's 100 (one every 36 s for an hour)
        QCOMPARE(repeat->notRepeated(), 1);   // the triggered trip
        QCOMPARE(repeat->repeatedPeople(), 1);
        // The days the file holds are not added again — but for its people, whom it holds on its first day only.
        const auto fileDays = repeat->due(0, 2 * 86400.0 - 0.5);
        QCOMPARE(fileDays.size(), size_t(1));
        QCOMPARE(fileDays[0].id, std::string("d1.p"));
        QVERIFY(fileDays[0].person && !fileDays[0].vehicle);
        QCOMPARE(fileDays[0].departS, 86400.0 + 50);
        const auto first = repeat->due(2 * 86400.0 - 1, 2 * 86400.0 + 30);
        QCOMPARE(first.size(), size_t(5));
        QCOMPARE(first[0].id, std::string("d2.f.0"));
        QCOMPARE(first[0].departS, 2 * 86400.0);
        QCOMPARE(first[0].vehicle->edges, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(first[1].id, std::string("d2.t1"));
        QCOMPARE(first[1].departS, 2 * 86400.0 + 10);
        QCOMPARE(first[1].vehicle->edges, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(first[1].vehicle->type, std::string("car"));
        QCOMPARE(first[1].vehicle->departLane, std::string("best"));
        QCOMPARE(first[1].vehicle->departSpeed, std::string("max"));
        QCOMPARE(first[1].vehicle->departPos, std::string("base"));   // SUMO's own default where the file says none
        QVERIFY(first[1].vehicle->trip && first[1].vehicle->routedThrough().empty());   // SUMO routes it when it inserts it
        // A trip through a road: routed through it as it is added.
        QCOMPARE(first[2].id, std::string("d2.via"));
        QCOMPARE(first[2].vehicle->edges, (std::vector<std::string>{"a", "c"}));
        QCOMPARE(first[2].vehicle->routedThrough(), (std::vector<std::string>{"b"}));
        QCOMPARE(first[3].id, std::string("d2.v1"));
        QCOMPARE(first[3].vehicle->route, std::string("r0"));
        QVERIFY(first[3].vehicle->edges.empty());
        QCOMPARE(first[4].id, std::string("d2.v2"));
        QCOMPARE(first[4].vehicle->edges, (std::vector<std::string>{"a", "b", "c"}));
        QVERIFY(!first[4].vehicle->trip && first[4].vehicle->routedThrough().empty());   // a route of its own: as it is
        // A trip with stops: routed through its stops' roads, as SUMO routes it (the stops then set on that way).
        const auto tripStops = repeat->due(2 * 86400.0 + 44, 2 * 86400.0 + 45);
        QCOMPARE(tripStops.size(), size_t(1));
        QCOMPARE(tripStops[0].id, std::string("d2.tripstops"));
        QCOMPARE(tripStops[0].vehicle->stops.size(), size_t(1));
        QCOMPARE(tripStops[0].vehicle->routedThrough(), (std::vector<std::string>{"b"}));
        // After one moment up to the next: none twice, none lost — across midnight too.
        const auto between = repeat->due(2 * 86400.0 + 10, 2 * 86400.0 + 20);
        QCOMPARE(between.size(), size_t(2));
        QCOMPARE(between[0].id, std::string("d2.via"));
        QCOMPARE(between[1].id, std::string("d2.v1"));
        const auto midnight = repeat->due(3 * 86400.0 - 5, 3 * 86400.0 + 10);
        QCOMPARE(midnight.size(), size_t(3));
        QCOMPARE(midnight[0].id, std::string("d2.late"));
        QCOMPARE(midnight[0].departS, 2 * 86400.0 + 86399);
        QCOMPARE(midnight[1].id, std::string("d3.f.0"));
        QCOMPARE(midnight[2].id, std::string("d3.t1"));
        QCOMPARE(midnight[2].departS, 3 * 86400.0 + 10);
        QCOMPARE(repeat->due(2 * 86400.0 + 3500, 2 * 86400.0 + 3600).back().id, std::string("d2.f.99"));
        // Not a route file, or not well-formed: a sentence.
        auto notRoutes = DemandRepeat::fromDay("<net/>", 2);
        QVERIFY(!notRoutes && notRoutes.error().contains(QStringLiteral("not a SUMO route file")));
        auto torn = DemandRepeat::fromDay("<routes><trip id=\"1\" depart=\"1\" from=\"a\" to=\"b\"/><trip", 2);
        QVERIFY(!torn && torn.error().contains(QStringLiteral("not well-formed")));
    }

    void aFlowIsRepeatedOnlyWhenItsDayEndsWithIt()
    {
        const QByteArray day = R"xml(<routes>
 <route id="r0" edges="a b"/>
 <flow id="forever" begin="0" period="60" from="a" to="b"/>
 <flow id="chance" begin="1000" end="2000" probability="0.2" route="r0"/>
 <flow id="own" begin="1000" number="3" period="10"><route edges="a b c"/></flow>
 <flow id="poisson" begin="1000" end="2000" period="exp(0.1)" from="a" to="b"/>
 <flow id="bus" begin="1000" end="2000" period="600" route="r0"><stop busStop="s1" duration="20"/></flow>
 <flow id="zones" begin="1000" end="2000" period="600" fromTaz="z1" toTaz="z2"/>
 <flow id="backwards" begin="2000" end="1000" period="60" from="a" to="b"/>
 <flow id="night" begin="80000" end="90000" period="600" from="a" to="b"/>
 <flow id="tonight" begin="86000" number="2" period="300" from="a" to="b"/>
</routes>)xml";
        auto repeat = DemandRepeat::fromDay(day, 2);
        QVERIFY2(repeat, qPrintable(repeat.error()));
        // A flow without an end SUMO goes on adding by itself: neither repeated nor missing. Past midnight, with
        // a rate that is not a time, stopping at a bus stop the package cannot define, between zones, ending before it begins: counted, not repeated.
        // One whose last vehicle leaves before midnight is repeated.
        QCOMPARE(repeat->notRepeated(), 5);
        const auto all = repeat->due(2 * 86400.0 - 1, 3 * 86400.0 - 1);
        std::map<std::string, int> perFlow;
        for (const auto &due : all)
            ++perFlow[due.id.substr(0, due.id.find('.', 3))];
        QCOMPARE(perFlow.size(), size_t(3));
        QCOMPARE(perFlow["d2.own"], 3);
        QCOMPARE(perFlow["d2.tonight"], 2);
        QCOMPARE(all.back().id, std::string("d2.tonight.1"));
        QCOMPARE(all.back().departS, 2 * 86400.0 + 86300);
        QCOMPARE(all[0].id, std::string("d2.own.0"));
        QCOMPARE(all[0].vehicle->edges, (std::vector<std::string>{"a", "b", "c"}));
        // A chance each second, drawn: about a fifth of the 1000 seconds, all within them, on whole seconds from
        // its begin, the same every time the day is read.
        const int drawn = perFlow["d2.chance"];
        QVERIFY2(drawn > 150 && drawn < 250, qPrintable(QString::number(drawn)));
        for (const auto &due : all)
            if (due.id.rfind("d2.chance.", 0) == 0) {
                const double s = due.departS - 2 * 86400.0;
                QVERIFY(s >= 1000 && s < 2000 && s == std::floor(s));
                QCOMPARE(due.vehicle->route, std::string("r0"));
            }
        auto again = DemandRepeat::fromDay(day, 2);
        const auto allAgain = again->due(2 * 86400.0 - 1, 3 * 86400.0 - 1);
        QCOMPARE(allAgain.size(), all.size());
        for (size_t i = 0; i < all.size(); ++i)
            QCOMPARE(allAgain[i].departS, all[i].departS);
    }

    void stopsOnLanesComeWithTheirVehicle()
    {
        // A vehicle's, flow's or trip's stops on lanes are repeated with it (TraCI sets them after adding it, a
        // trip routed through their roads first); one at a stopping place or waiting for a trigger is not.
        const QByteArray day = R"(<routes>
 <vehicle id="bus" depart="40.00"><route edges="a x_y b"/><stop lane="x_y_1" endPos="-10" duration="20" until="100" parking="true"/><stop lane="b_0"/></vehicle>
 <vehicle id="inroute" depart="50.00"><route edges="a b"><stop lane="b_0" startPos="5" endPos="30" duration="15"/></route></vehicle>
 <flow id="line" begin="60" end="200" period="100"><route edges="a b"/><stop lane="b_0" duration="10" until="120"/></flow>
 <vehicle id="atstop" depart="70.00"><route edges="a b"/><stop busStop="s1" duration="20"/></vehicle>
 <vehicle id="trigger" depart="80.00"><route edges="a b"/><stop lane="b_0" triggered="person"/></vehicle>
 <vehicle id="nolane" depart="90.00"><route edges="a b"/><stop lane="b" duration="20"/></vehicle>
 <vehicle id="ride" depart="95.00"><route edges="a b"/><stop lane="b_0" parking="opportunistic"/></vehicle>
 <trip id="errand" depart="96.00" from="a" to="c"><stop lane="b_0" duration="5"/><stop lane="b_1" endPos="40"/><stop lane="x_y_0"/></trip>
 <trip id="viafirst" depart="97.00" from="a" to="c" via="q r"><stop lane="b_0"/><param key="k" value="v"/></trip>
 <trip id="tripbus" depart="98.00" from="a" to="c"><stop busStop="s1"/></trip>
</routes>)";
        auto repeat = DemandRepeat::fromDay(day, 2);
        QVERIFY2(repeat, qPrintable(repeat.error()));
        QCOMPARE(repeat->repeated(), 6);      // bus, inroute, line.0, line.1, errand, viafirst
        QCOMPARE(repeat->notRepeated(), 5);   // atstop, trigger, nolane, ride, tripbus
        const auto due = repeat->due(2 * 86400.0 - 1, 3 * 86400.0 - 1);
        QCOMPARE(due.size(), size_t(6));
        const DemandRepeat::Vehicle &bus = *due[0].vehicle;
        QCOMPARE(due[0].id, std::string("d2.bus"));
        QCOMPARE(bus.stops.size(), size_t(2));
        QCOMPARE(bus.stops[0].edge, std::string("x_y"));   // the lane's index after the edge's own underscores
        QCOMPARE(bus.stops[0].laneIndex, 1);
        QCOMPARE(bus.stops[0].endPosM.value(), -10.0);
        QVERIFY(!bus.stops[0].startPosM);
        QCOMPARE(bus.stops[0].durationS.value(), 20.0);
        QCOMPARE(bus.stops[0].untilS.value(), 100.0);     // its day's time; the plant adds the day's midnight
        QVERIFY(bus.stops[0].parking);
        QCOMPARE(bus.stops[1].edge, std::string("b"));
        QVERIFY(!bus.stops[1].endPosM && !bus.stops[1].durationS && !bus.stops[1].untilS && !bus.stops[1].parking);
        const DemandRepeat::Vehicle &inRoute = *due[1].vehicle;
        QCOMPARE(inRoute.edges, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(inRoute.stops.size(), size_t(1));
        QCOMPARE(inRoute.stops[0].startPosM.value(), 5.0);
        QCOMPARE(inRoute.stops[0].endPosM.value(), 30.0);
        QVERIFY(inRoute.routedThrough().empty());   // its route is its own: the stops must lie on it
        QCOMPARE(due[2].id, std::string("d2.line.0"));
        QCOMPARE(due[5].id, std::string("d2.line.1"));
        QCOMPARE(due[5].vehicle->stops.at(0).untilS.value(), 120.0);
        // A trip's stops: it is routed through their roads in order (two stops on one road: that road once) ...
        QCOMPARE(due[3].id, std::string("d2.errand"));
        QCOMPARE(due[3].vehicle->stops.size(), size_t(3));
        QCOMPARE(due[3].vehicle->routedThrough(), (std::vector<std::string>{"b", "x_y"}));
        // ... unless it has via roads: as in SUMO, those take precedence, and its stops must lie on that way.
        QCOMPARE(due[4].id, std::string("d2.viafirst"));
        QCOMPARE(due[4].vehicle->routedThrough(), (std::vector<std::string>{"q", "r"}));
        QCOMPARE(due[4].vehicle->stops.size(), size_t(1));
    }

    void peopleWhoWalkAreRepeated()
    {
        // People who walk and wait where they stand are added through TraCI each day from the file's second (which
        // carries none); those who ride, or wait at a place or until a time TraCI cannot give, are counted instead.
        const QByteArray day = R"(<routes>
 <person id="walker" depart="100.00" departPos="5" type="ped"><walk edges="a b" arrivalPos="-5" speed="1.2"/><param key="k" value="v"/></person>
 <person id="tripper" depart="100.00"><personTrip from="a" to="c"/></person>
 <person id="errand" depart="200.00"><walk edges="a b"/><stop lane="b_0" duration="30"/><walk to="c"/></person>
 <vehicle id="car" depart="150.00"><route edges="a b"/></vehicle>
 <person id="rider" depart="300.00"><walk edges="a b"/><ride from="b" to="c" lines="bus"/></person>
 <person id="transit" depart="300.00"><personTrip from="a" to="c" modes="public"/></person>
 <person id="elsewhere" depart="300.00"><walk edges="a b"/><stop lane="c_0" duration="30"/></person>
 <person id="till" depart="300.00"><walk edges="a b"/><stop lane="b_0" until="400"/></person>
 <person id="jump" depart="300.00"><walk edges="a b"/><walk edges="c d"/></person>
 <person id="nowhere" depart="300.00"/>
 <person id="late" depart="triggered"><walk edges="a b"/></person>
 <personFlow id="crowd" begin="0" end="100" period="10"><walk edges="a b"/></personFlow>
</routes>)";
        auto repeat = DemandRepeat::fromDay(day, 2);
        QVERIFY2(repeat, qPrintable(repeat.error()));
        QCOMPARE(repeat->repeatedPeople(), 3);
        QCOMPARE(repeat->repeated(), 1);
        QCOMPARE(repeat->notRepeated(), 8);   // rider, transit, elsewhere, till, jump, nowhere, late, crowd
        // The file's second day: its people only; from its third, vehicles and people in the order they leave.
        const auto second = repeat->due(86400.0, 2 * 86400.0 - 1);
        QCOMPARE(second.size(), size_t(3));
        const auto third = repeat->due(2 * 86400.0, 3 * 86400.0 - 1);
        QCOMPARE(third.size(), size_t(4));
        QCOMPARE(third[0].id, std::string("d2.walker"));
        QCOMPARE(third[1].id, std::string("d2.tripper"));
        QCOMPARE(third[2].id, std::string("d2.car"));
        QVERIFY(third[2].vehicle && !third[2].person);
        QCOMPARE(third[3].id, std::string("d2.errand"));
        QCOMPARE(third[3].departS, 2 * 86400.0 + 200);
        const DemandRepeat::Person &walker = *third[0].person;
        QCOMPARE(walker.type, std::string("ped"));
        QCOMPARE(walker.departPosM, 5.0);
        QCOMPARE(walker.stages.size(), size_t(1));
        QCOMPARE(walker.stages[0].edges, (std::vector<std::string>{"a", "b"}));
        QVERIFY(!walker.stages[0].routed);
        QCOMPARE(walker.stages[0].arrivalPosM.value(), -5.0);
        QCOMPARE(walker.stages[0].speedMps.value(), 1.2);
        const DemandRepeat::Person &tripper = *third[1].person;
        QVERIFY(tripper.stages[0].routed);   // the way found as it is added
        QCOMPARE(tripper.stages[0].edges, (std::vector<std::string>{"a", "c"}));
        QCOMPARE(tripper.departPosM, 0.0);
        QCOMPARE(tripper.type, std::string("DEFAULT_PEDTYPE"));
        const DemandRepeat::Person &errand = *third[3].person;
        QCOMPARE(errand.stages.size(), size_t(3));
        QVERIFY(errand.stages[1].kind == DemandRepeat::PersonStage::Kind::Wait);
        QCOMPARE(errand.stages[1].durationS.value(), 30.0);
        QVERIFY(errand.stages[2].routed);
        QCOMPARE(errand.stages[2].edges, (std::vector<std::string>{"b", "c"}));   // on from where the wait left it
        // Across midnight: none twice, none lost.
        const auto lateDay = repeat->due(2 * 86400.0 + 150, 3 * 86400.0 + 100);
        QCOMPARE(lateDay.size(), size_t(3));
        QCOMPARE(lateDay[0].id, std::string("d2.errand"));
        QCOMPARE(lateDay[1].id, std::string("d3.walker"));
        QCOMPARE(lateDay[2].id, std::string("d3.tripper"));
    }

    void aFlowsTimingIsReadWithASentence()
    {
        const auto read = [](const QString &attributes) {
            QXmlStreamReader xml(QStringLiteral("<flow %1/>").arg(attributes));
            xml.readNextStartElement();
            return FlowSchedule::read(xml.attributes());
        };
        QVERIFY(read(QStringLiteral("begin=\"0\" end=\"10\" period=\"1\"")));
        QVERIFY(read(QStringLiteral("begin=\"triggered\" period=\"1\"")).error().contains(QStringLiteral("begin is not a time of day")));
        QVERIFY(read(QStringLiteral("period=\"0\"")).error().contains(QStringLiteral("period is not a number of seconds above 0")));
        QVERIFY(read(QStringLiteral("probability=\"1.5\" end=\"9\"")).error().contains(QStringLiteral("probability")));
        QVERIFY(read(QStringLiteral("number=\"2.5\" end=\"9\"")).error().contains(QStringLiteral("whole number")));
        QVERIFY(read(QStringLiteral("period=\"1\" vehsPerHour=\"5\"")).error().contains(QStringLiteral("more than one of")));
        QVERIFY(read(QStringLiteral("end=\"50\" number=\"5\" period=\"1\"")).error().contains(QStringLiteral("both an end and a number")));
        QVERIFY(read(QStringLiteral("begin=\"5\" end=\"5\" period=\"1\"")).error().contains(QStringLiteral("ends before it begins")));
        QVERIFY(read(QStringLiteral("begin=\"5\" end=\"50\"")).error().contains(QStringLiteral("gives no rate")));
        QVERIFY(read(QStringLiteral("end=\"86400\" period=\"0.01\"")).error().contains(QStringLiteral("more than 1000000 vehicles a day")));
        QCOMPARE(read(QStringLiteral("period=\"1\"")).value().span(), FlowSchedule::Span::RunsOn);
        QCOMPARE(read(QStringLiteral("end=\"86400\" period=\"1\"")).value().span(), FlowSchedule::Span::WithinDay);
        QCOMPARE(read(QStringLiteral("end=\"86401\" period=\"1\"")).value().span(), FlowSchedule::Span::PastTheDay);
        QCOMPARE(read(QStringLiteral("begin=\"86000\" number=\"2\" period=\"399\"")).value().span(), FlowSchedule::Span::WithinDay);
        QCOMPARE(read(QStringLiteral("begin=\"86000\" number=\"2\" period=\"400\"")).value().span(), FlowSchedule::Span::PastTheDay);
    }

    void flowsDepartWhenSumoDepartsThem()
    {
        // The departures we repeat for a flow are those SUMO gives it: the same flows read by a real sumo, which
        // writes each vehicle's intended departure.
        if (QStandardPaths::findExecutable(QStringLiteral("sumo")).isEmpty())
            QFAIL("sumo is not installed (scripts/test installs it)");
        const auto [from, to] = twoRoads();
        QVERIFY(!from.isEmpty());
        const QByteArray flows = QStringLiteral(R"(<routes>
 <flow id="period" begin="100" end="400" period="60" from="%1" to="%2"/>
 <flow id="rate" begin="100" end="400" vehsPerHour="30" from="%1" to="%2"/>
 <flow id="spread" begin="100" end="400" number="4" from="%1" to="%2"/>
 <flow id="counted" begin="100" number="3" period="50" from="%1" to="%2"/>
 <flow id="thin" begin="100" end="400" vehsPerHour="7" from="%1" to="%2"/>
 <flow id="fraction" begin="100.5" end="130" period="7.3" from="%1" to="%2"/>
 <flow id="odd" begin="101" end="200" number="3" from="%1" to="%2"/>
 <flow id="hourly" begin="200" end="3000" vehsPerHour="4" from="%1" to="%2"/>
</routes>)").arg(from, to).toUtf8();
        QTemporaryDir dir;
        const QString routes = dir.filePath(QStringLiteral("flows.rou.xml")), out = dir.filePath(QStringLiteral("vehroutes.xml"));
        QFile file(routes);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(flows) == flows.size());
        file.close();
        QProcess sumo;
        sumo.start(QStringLiteral("sumo"), {QStringLiteral("-n"), kNet, QStringLiteral("-r"), routes, QStringLiteral("--begin"), QStringLiteral("0"),
                                             QStringLiteral("--end"), QStringLiteral("4000"), QStringLiteral("--vehroute-output"), out,
                                             QStringLiteral("--vehroute-output.intended-depart"), QStringLiteral("--vehroute-output.write-unfinished"),
                                             QStringLiteral("--no-step-log"), QStringLiteral("--no-warnings")});
        QVERIFY(sumo.waitForFinished(60000));
        QVERIFY2(sumo.exitCode() == 0, sumo.readAllStandardError().replace('\n', ' ').constData());
        std::map<QString, double> sumoDeparts;
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&written);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("vehicle"))
                sumoDeparts[xml.attributes().value(QLatin1String("id")).toString()] = xml.attributes().value(QLatin1String("depart")).toDouble();
        QVERIFY(!sumoDeparts.empty());

        std::map<QString, double> ours;
        for (const auto &[id, attributes] : flowsOf(flows)) {
            auto schedule = FlowSchedule::read(attributes);
            QVERIFY2(schedule, qPrintable(id + QStringLiteral(": ") + schedule.error()));
            const std::vector<double> departures = schedule->departures(1);
            for (size_t i = 0; i < departures.size(); ++i)
                ours[QStringLiteral("%1.%2").arg(id).arg(i)] = departures[i];
        }
        QCOMPARE(ours.size(), sumoDeparts.size());
        for (const auto &[id, s] : sumoDeparts) {
            QVERIFY2(ours.count(id), qPrintable(id + QStringLiteral(" departs in SUMO, not in ours")));
            QVERIFY2(std::abs(ours[id] - s) < 0.01, qPrintable(QStringLiteral("%1: SUMO %2 s, ours %3 s").arg(id).arg(s).arg(ours[id])));
        }
        // And the repeat names and times them so: day 2 of each is SUMO's, a day later and renamed.
        auto repeat = DemandRepeat::fromDay(flows, 2);
        QVERIFY(repeat);
        const auto due = repeat->due(2 * 86400.0 - 1, 3 * 86400.0 - 1);
        QCOMPARE(due.size(), sumoDeparts.size());
        for (const auto &d : due) {
            const QString id = QString::fromStdString(d.id);
            QVERIFY(id.startsWith(QStringLiteral("d2.")));
            QCOMPARE(d.departS, 2 * 86400.0 + ours[id.mid(3)]);
        }
    }
};

QTEST_GUILESS_MAIN(TestSumoDemand)
#include "tst_sumodemand.moc"
