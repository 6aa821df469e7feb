// A city package's day of traffic goes on past the days its file holds: a real sumo started by the test on a real
// piece of Berlin-Adlershof, run over two midnights, and what SUMO's own output files say drove, stopped and walked.
#include "sumotesting.h"

#include "city/citypackage.h"
#include "city/trafficfiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Reads an XML file token by token, `onToken` seeing the reader at each; false when the file cannot be opened.
bool readXml(const QString &path, const std::function<void(const QXmlStreamReader &)> &onToken)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        onToken(xml);
    }
    return true;
}

bool starts(const QXmlStreamReader &xml, QLatin1String name) { return xml.isStartElement() && xml.name() == name; }

/// One number of each vehicle in a SUMO output file (`element`'s `attribute`, by its id); empty when unreadable.
std::map<QString, double> byVehicle(const QString &path, const QString &element, const QString &attribute)
{
    std::map<QString, double> out;
    readXml(path, [&](const QXmlStreamReader &xml) {
        if (xml.isStartElement() && xml.name() == element)
            out[xml.attributes().value(QLatin1String("id")).toString()] = xml.attributes().value(attribute).toDouble();
    });
    return out;
}

/// The first lane of a SUMO edge of the small network that cars may use ("<edge>_<index>"); empty when none.
QString carLane(const QString &edge)
{
    QString lane;
    bool inEdge = false;
    readXml(kNet, [&](const QXmlStreamReader &xml) {
        if (starts(xml, QLatin1String("edge")))
            inEdge = xml.attributes().value(QLatin1String("id")) == edge;
        else if (lane.isEmpty() && inEdge && starts(xml, QLatin1String("lane")) && openToCars(xml.attributes()))
            lane = xml.attributes().value(QLatin1String("id")).toString();
    });
    return lane;
}

/// Each vehicle's route as SUMO's --vehroute-output has it when it arrived (the last one, when it was rerouted).
std::map<QString, QStringList> routesDriven(const QString &path)
{
    std::map<QString, QStringList> out;
    QString vehicle;
    readXml(path, [&](const QXmlStreamReader &xml) {
        if (starts(xml, QLatin1String("vehicle")))
            vehicle = xml.attributes().value(QLatin1String("id")).toString();
        else if (starts(xml, QLatin1String("route")) && !vehicle.isEmpty())
            out[vehicle] = xml.attributes().value(QLatin1String("edges")).toString().split(u' ', Qt::SkipEmptyParts);
    });
    return out;
}

/// Each person's steps as SUMO's tripinfo output tells them: "walk", or "stop <seconds>".
std::map<QString, QStringList> personSteps(const QString &path)
{
    std::map<QString, QStringList> out;
    QString person;
    readXml(path, [&](const QXmlStreamReader &xml) {
        if (xml.isEndElement() && xml.name() == QLatin1String("personinfo"))
            person.clear();
        else if (starts(xml, QLatin1String("personinfo")))
            person = xml.attributes().value(QLatin1String("id")).toString();
        else if (!person.isEmpty() && starts(xml, QLatin1String("walk")))
            out[person] << QStringLiteral("walk");
        else if (!person.isEmpty() && starts(xml, QLatin1String("stop")))
            out[person] << QStringLiteral("stop %1").arg(xml.attributes().value(QLatin1String("duration")).toDouble());
    });
    return out;
}

/// A road cars may take on from `edge` at its end (a connection's, leading to a lane open to cars); empty when none.
QString roadAfter(const QString &edge)
{
    QStringList next;
    readXml(kNet, [&](const QXmlStreamReader &xml) {
        if (starts(xml, QLatin1String("connection")) && xml.attributes().value(QLatin1String("from")) == edge
            && !xml.attributes().value(QLatin1String("to")).startsWith(u':'))
            next << xml.attributes().value(QLatin1String("to")).toString();
    });
    for (const QString &road : next)
        if (!carLane(road).isEmpty())
            return road;
    return {};
}

} // namespace

class TestSumoDays : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trafficGoesOnPastTheDaysItsFileHolds()
    {
        // A city package's day of traffic through the console's own set-up, SUMO started at 23:50 and run on to
        // ten past midnight a day later: the second midnight, where its file ends. Vehicles of the day after it
        // drive, at their time of day.
        QTemporaryDir dir;
        const HeavyFlow edges = heavyFlow(*smallCity(), dir.filePath(QStringLiteral("unused.rou.xml")));
        QVERIFY(!edges.routes.isEmpty());
        const QString after = roadAfter(edges.to);
        QVERIFY(!after.isEmpty());
        const QString package = dir.filePath(QStringLiteral("small.gpkg"));
        QVERIFY(citypackage::write(*smallCity(), package));
        QFile net(kNet);
        QVERIFY(net.open(QIODevice::ReadOnly));
        QVERIFY(trafficfiles::store(package, trafficfiles::kNetwork, net.readAll()));
        QVERIFY(trafficfiles::store(package, trafficfiles::kDemand, QStringLiteral(
            "<routes>\n <flow id=\"fl\" begin=\"20.00\" end=\"60.00\" period=\"20\" from=\"%1\" to=\"%2\"/>\n"
            " <trip id=\"early\" depart=\"60.00\" from=\"%1\" to=\"%2\"/>\n"
            " <vehicle id=\"own\" depart=\"90.00\"><route edges=\"%1 %2\"/></vehicle>\n"
            " <vehicle id=\"bus\" depart=\"100.00\"><route edges=\"%1 %2\"/><stop lane=\"%3\" duration=\"5\" until=\"200\"/></vehicle>\n"
            // a trip stopping on a road between its two (the stop refused were it not routed through that road first)
            " <trip id=\"errand\" depart=\"120.00\" from=\"%1\" to=\"%4\"><stop lane=\"%3\" duration=\"5\"/></trip>\n"
            // a trip that must turn back to pass its via road
            " <trip id=\"around\" depart=\"130.00\" from=\"%2\" to=\"%4\" via=\"%1\"/>\n"
            // people on foot, on the test network's Rudower Chaussee (its sidewalks): a walk with a wait on the
            // way, and a trip on foot to a road 340 m off whose way SUMO finds
            " <person id=\"walker\" depart=\"150.00\"><walk edges=\"143308546#5 143308546#6\"/><stop lane=\"143308546#6_0\" duration=\"20\"/>"
            "<walk edges=\"143308546#6 143308546#7\"/></person>\n"
            " <person id=\"tripper\" depart=\"160.00\"><personTrip from=\"143308546#5\" to=\"-558305348#0\"/></person>\n"
            " <trip id=\"late\" depart=\"86300.00\" from=\"%1\" to=\"%2\"/>\n</routes>\n").arg(edges.from, edges.to, carLane(edges.to), after).toUtf8()));
        auto setup = sumoSetupFromPackage(package, *smallCity());
        QVERIFY2(setup, qPrintable(setup.error()));
        QVERIFY(setup->repeat);
        const QString trips = dir.filePath(QStringLiteral("tripinfo.xml"));
        const QString stops = dir.filePath(QStringLiteral("stopinfo.xml"));
        const QString routes = dir.filePath(QStringLiteral("vehroutes.xml"));
        setup->extraArguments << QStringLiteral("--tripinfo-output") << trips << QStringLiteral("--stop-output") << stops
                              << QStringLiteral("--vehroute-output") << routes;
        const std::int64_t start = QDateTime::fromString(QStringLiteral("2026-11-24T22:50:00Z"), Qt::ISODate).toMSecsSinceEpoch();
        {
            SumoPlant plant(smallCity(), std::move(setup).value());
            QVERIFY(plant.start(start));
            QCOMPARE(plant.sumoSeconds(start), 85800.0);   // 23:50 of the first day
            std::vector<std::uint32_t> changed;
            QVERIFY(plant.advanceTo(start + std::int64_t(2 * 86400 + 600 - 85800) * 1000, changed));
        }
        const std::map<QString, double> departed = byVehicle(trips, QStringLiteral("tripinfo"), QStringLiteral("depart"));
        QCOMPARE(departed.size(), size_t(16));   // the first day's early ones are before SUMO's start
        QCOMPARE(departed.at(QStringLiteral("late")), 86300.0);                   // from the file
        QCOMPARE(departed.at(QStringLiteral("d1.early")), 86400.0 + 60);          // from the file
        QCOMPARE(departed.at(QStringLiteral("d1.own")), 86400.0 + 90);
        QCOMPARE(departed.at(QStringLiteral("d1.late")), 86400.0 + 86300);
        QCOMPARE(departed.at(QStringLiteral("d2.early")), 2 * 86400.0 + 60);      // added by the plant
        QCOMPARE(departed.at(QStringLiteral("d2.own")), 2 * 86400.0 + 90);
        // The flow's vehicles too: the file's second day has the flow a day later, the plant adds them after it.
        QCOMPARE(departed.at(QStringLiteral("d1.fl.0")), 86400.0 + 20);
        QCOMPARE(departed.at(QStringLiteral("d1.fl.1")), 86400.0 + 40);
        QCOMPARE(departed.at(QStringLiteral("d2.fl.0")), 2 * 86400.0 + 20);
        QCOMPARE(departed.at(QStringLiteral("d2.fl.1")), 2 * 86400.0 + 40);
        // The bus stops on its last road each day and waits until 00:03:20 of its day: the file's second day with
        // the time moved, the plant's with the time set.
        QCOMPARE(departed.at(QStringLiteral("d2.bus")), 2 * 86400.0 + 100);
        const std::map<QString, double> left = byVehicle(stops, QStringLiteral("stopinfo"), QStringLiteral("ended"));
        QCOMPARE(left.size(), size_t(4));
        QCOMPARE(left.at(QStringLiteral("d1.bus")), 86400.0 + 200);
        QCOMPARE(left.at(QStringLiteral("d2.bus")), 2 * 86400.0 + 200);
        // A trip with a stop on a road between its own two, and one through a via road it must turn back for: the
        // plant routes them through those roads, as SUMO does the file's second day.
        QVERIFY(left.count(QStringLiteral("d1.errand")) && left.count(QStringLiteral("d2.errand")));
        QCOMPARE(departed.at(QStringLiteral("d2.errand")), 2 * 86400.0 + 120);
        const std::map<QString, QStringList> driven = routesDriven(routes);
        for (const QString &day : {QStringLiteral("d1."), QStringLiteral("d2.")}) {
            const QStringList around = driven.count(day + QStringLiteral("around")) ? driven.at(day + QStringLiteral("around")) : QStringList();
            QVERIFY2(around.size() > 3 && around.front() == edges.to && around.contains(edges.from) && around.back() == after,
                     qPrintable(day + QStringLiteral("around: ") + around.join(u' ')));
            QCOMPARE(driven.at(day + QStringLiteral("errand")), (QStringList{edges.from, edges.to, after}));
        }
        // The people: the file holds them on its first day only (before SUMO's start here); the plant adds them on
        // the next days, at their time, with their walks and their wait, the trip's way found on foot.
        const std::map<QString, double> walked = byVehicle(trips, QStringLiteral("personinfo"), QStringLiteral("depart"));
        const std::map<QString, QStringList> steps = personSteps(trips);
        QCOMPARE(walked.size(), size_t(4));
        for (int d = 1; d <= 2; ++d) {
            QCOMPARE(walked.at(QStringLiteral("d%1.walker").arg(d)), d * 86400.0 + 150);
            QCOMPARE(walked.at(QStringLiteral("d%1.tripper").arg(d)), d * 86400.0 + 160);
            QCOMPARE(steps.at(QStringLiteral("d%1.walker").arg(d)), (QStringList{QStringLiteral("walk"), QStringLiteral("stop 20"), QStringLiteral("walk")}));
            QCOMPARE(steps.at(QStringLiteral("d%1.tripper").arg(d)), (QStringList{QStringLiteral("walk")}));
        }
    }
};

QTEST_GUILESS_MAIN(TestSumoDays)
#include "tst_sumodays.moc"
