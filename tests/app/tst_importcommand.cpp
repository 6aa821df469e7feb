// cityops-import from the command line: a SUMO network imported and shown, a package that runs in SUMO (and one
// without its network refused), usage errors with exit code 2, no overwrite without --force (split from
// tst_commandline).
#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "city/cityrules.h"
#include "programtesting.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kSmallNet = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");

/// Two roads of the small network (ids of its first two edges that are not inside a junction).
QStringList twoRoads()
{
    QFile net(kSmallNet);
    QStringList out;
    if (!net.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&net);
    while (!xml.atEnd() && out.size() < 2)
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("edge")
            && !xml.attributes().hasAttribute(QLatin1String("function")))
            out << xml.attributes().value(QLatin1String("id")).toString();
    return out;
}

/// Imports the small network with `demand` (a route file's text) as its day: the importer's run.
Run importWithDemand(const QTemporaryDir &dir, const QString &demand)
{
    const QString routes = dir.filePath(QStringLiteral("day.rou.xml"));
    QFile f(routes);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(demand.toUtf8());
    f.close();
    return runProgram(QStringLiteral("cityops-import"), {QStringLiteral("sumo"), kSmallNet, QStringLiteral("--out"), dir.filePath(QStringLiteral("own.gpkg")),
                                                         QStringLiteral("--force"), QStringLiteral("--demand"), routes});
}

} // namespace

class TestImportCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsAndShowsAnotherSumoCity()
    {
        const QString net = QStringLiteral("/usr/share/sumo/tools/game/A10KW/osm.net.xml");
        if (!QFile::exists(net))
            QSKIP("sumo-tools is not installed (A10KW network absent)");
        QTemporaryDir dir;
        const QString gpkg = dir.filePath(QStringLiteral("a10kw.gpkg"));
        Run run = runProgram(QStringLiteral("cityops-import"), {QStringLiteral("sumo"), net, QStringLiteral("--out"), gpkg,
                                                                QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("streetlights")));
        const QString shot = dir.filePath(QStringLiteral("a10kw.png"));
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), gpkg, QStringLiteral("--no-store"),
                                                     QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"), QStringLiteral("1500")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QImage image(shot);
        // Roads are drawn: plenty of road-grey pixels on the background.
        int roads = 0;
        for (const QColor &c : {QColor(0x93, 0x9a, 0xa1), QColor(0x84, 0x8b, 0x92), QColor(0x74, 0x7b, 0x82), QColor(0x60, 0x67, 0x6e)})
            roads += countNear(image, c, 20);
        QVERIFY2(roads > 500, qPrintable(QString::number(roads)));
    }

    void importedCityRunsInSumo()
    {
#ifndef CITYOPS_HAVE_SUMO
        QSKIP("built without SUMO's TraCI client (scripts/test installs sumo and builds it in)");
#endif
        if (QStandardPaths::findExecutable(QStringLiteral("sumo")).isEmpty())
            QSKIP("SUMO is not installed");
        QTemporaryDir dir;
        const QString gpkg = dir.filePath(QStringLiteral("small.gpkg"));
        // The package carries the network and a generated day of demand ...
        Run run = runProgram(QStringLiteral("cityops-import"), {QStringLiteral("sumo"), QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"),
                                                                QStringLiteral("--out"), gpkg, QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin"),
                                                                QStringLiteral("--peak-vehicles"), QStringLiteral("300")}, 120'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("SUMO network and")) && run.out.contains(QLatin1String("vehicles of demand")), qPrintable(run.out));
        // ... so the console runs its signals in SUMO, and says so.
        const QString shot = dir.filePath(QStringLiteral("small.png"));
        const QByteArray rules = qgetenv("QT_LOGGING_RULES");
        qputenv("QT_LOGGING_RULES", "cityops.sim.info=true");   // CTest hides info lines; this one is what we look for
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), gpkg, QStringLiteral("--no-store"), QStringLiteral("--traffic"),
                                                     QStringLiteral("sumo"), QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"),
                                                     QStringLiteral("3000")});
        qputenv("QT_LOGGING_RULES", rules);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("SUMO runs 21 signals")), qPrintable(run.err));
        // A package imported without its network (as before packages carried one) is refused with a sentence.
        const QString bare = dir.filePath(QStringLiteral("bare.gpkg"));
        QVERIFY(QFile::copy(gpkg, bare));
        {
            auto db = SqliteDb::open(bare, SqliteDb::Mode::Create);
            QVERIFY(db && db.value()->exec(QStringLiteral("DROP TABLE traffic_files")));
        }
        for (const QString &program : {QStringLiteral("cityops"), QStringLiteral("cityops-sim")}) {
            QStringList args{QStringLiteral("--city"), bare, QStringLiteral("--traffic"), QStringLiteral("sumo")};
            if (program == QLatin1String("cityops"))
                args << QStringLiteral("--no-store");
            else
                args << QStringLiteral("--broker") << QStringLiteral("mqtt://127.0.0.1:%1").arg(closedPort());
            run = runProgram(program, args);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QLatin1String("cannot run in SUMO")) && run.err.contains(QLatin1String("carries no network.net.xml")), qPrintable(run.err));
        }
    }

    void importerUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no args") << QStringList{} << 2 << "expected a format";
        QTest::newRow("unknown format") << QStringList{QStringLiteral("osm"), QStringLiteral("x.osm"), QStringLiteral("--out"),
                                                       QStringLiteral("x.gpkg")} << 2 << "unknown format";
        QTest::newRow("no --out") << QStringList{QStringLiteral("sumo"), QStringLiteral("x.net.xml")} << 2 << "--out";
        QTest::newRow("bad zone") << QStringList{QStringLiteral("sumo"), QStringLiteral("x.net.xml"), QStringLiteral("--out"),
                                                 QStringLiteral("/tmp/cityops-test-x.gpkg"), QStringLiteral("--timezone"),
                                                 QStringLiteral("Mars/Olympus")} << 2 << "time zone";
        QTest::newRow("missing net") << QStringList{QStringLiteral("sumo"), QStringLiteral("/nonexistent.net.xml"), QStringLiteral("--out"),
                                                    QStringLiteral("/tmp/cityops-test-missing.gpkg")} << 2 << "does not exist";
        const QString small = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");
        QTest::newRow("demand and no demand") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                             QStringLiteral("--demand"), small, QStringLiteral("--no-demand")} << 2 << "exclude each other";
        QTest::newRow("demand not routes") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                          QStringLiteral("--demand"), small} << 2 << "not a SUMO route file";
        QTest::newRow("demand missing") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                       QStringLiteral("--demand"), QStringLiteral("/nonexistent.rou.xml")} << 2 << "cannot read the demand";
        QTest::newRow("peak zero") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                  QStringLiteral("--peak-vehicles"), QStringLiteral("0")} << 2 << "--peak-vehicles";
    }
    void importerUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Run run = runProgram(QStringLiteral("cityops-import"), args);
        QCOMPARE(run.exitCode, code);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }

    void aDemandOfOnesOwnSaysWhatIsNotRepeated()
    {
        // A day of one's own: the importer says how many vehicles it makes a day, and what of it SUMO's plant cannot
        // repeat after the two days SUMO's file holds, rather than the console's log saying so two days into a run.
        QTemporaryDir dir;
        const QStringList roads = twoRoads();
        QCOMPARE(roads.size(), 2);
        const Run run = importWithDemand(dir, QStringLiteral(R"(<routes>
 <flow id="morning" begin="25200" end="28800" period="60" from="%1" to="%2"/>
 <flow id="always" begin="0" period="600" from="%1" to="%2"/>
 <trip id="t" depart="30000" from="%1" to="%2"/>
 <person id="p" depart="30100"><walk edges="%1 %2"/></person>
 <person id="rider" depart="30200"><walk edges="%1 %2"/><ride from="%2" to="%1" lines="bus"/></person>
 <flow id="night" begin="80000" end="90000" period="600" from="%1" to="%2"/>
</routes>)").arg(roads[0], roads[1]));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("61 vehicles of demand a day that SUMO repeats for as long as it runs, with 1 person on foot (and 1 "
                                                  "flow without an end, which SUMO runs on by itself)")),
                 qPrintable(run.out));
        // the rider and the flow past midnight
        QVERIFY2(run.err.contains(QLatin1String("note: 2 elements of the demand are not repeated after its first day or two")), qPrintable(run.err));
    }

    void aDemandForAnotherNetworkIsRefused()
    {
        // SUMO quits on the first road, junction or route of the demand it does not know (--ignore-route-errors or
        // not): the importer refuses such a demand with the first miss named, and writes nothing.
        QTemporaryDir dir;
        const QStringList roads = twoRoads();
        QCOMPARE(roads.size(), 2);
        const struct {
            QString demand, expected;
        } cases[] = {
            {QStringLiteral("<routes><trip id=\"t\" depart=\"1\" from=\"%1\" to=\"nowhere\"/></routes>"),
             QStringLiteral("names road 'nowhere' (trip 't', line 1), which the network does not have")},
            {QStringLiteral("<routes><vehicle id=\"v\" depart=\"1\"><route edges=\"%1 %2 gone\"/></vehicle></routes>"),
             QStringLiteral("names road 'gone' (vehicle 'v', line 1)")},
            {QStringLiteral("<routes><trip id=\"t\" depart=\"1\" from=\"%1\" to=\"%2\" via=\"elsewhere\"/></routes>"),
             QStringLiteral("names road 'elsewhere'")},
            {QStringLiteral("<routes><vehicle id=\"v\" depart=\"1\"><route edges=\"%1 %2\"/><stop lane=\"other_0\" duration=\"5\"/></vehicle></routes>"),
             QStringLiteral("names lane 'other_0' (vehicle 'v', line 1)")},
            {QStringLiteral("<routes><trip id=\"t\" depart=\"1\" fromJunction=\"j-none\" toJunction=\"j-none\"/></routes>"),
             QStringLiteral("names junction 'j-none'")},
            {QStringLiteral("<routes><vehicle id=\"v\" depart=\"1\" route=\"r9\"/></routes>"),
             QStringLiteral("vehicle 'v' takes route 'r9' (line 1), which the demand does not define")},
            {QStringLiteral("<routes><trip id=\"t\" depart=\"1\" fromTaz=\"z1\" toTaz=\"z2\"/></routes>"),
             QStringLiteral("goes between zones")},
            {QStringLiteral("<routes><vehicle id=\"v\" depart=\"1\"><route edges=\"%1 %2\"/><stop busStop=\"s1\"/></vehicle></routes>"),
             QStringLiteral("stops at busStop 's1'")},
        };
        for (const auto &c : cases) {
            const Run run = importWithDemand(dir, c.demand.arg(roads[0], roads[1]));
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(c.expected), qPrintable(run.err));
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("own.gpkg"))));
        }
        // The same roads, named right: taken.
        const Run fits = importWithDemand(dir, QStringLiteral("<routes><route id=\"r0\" edges=\"%1\"/><vehicle id=\"v\" depart=\"1\" route=\"r0\"/>"
                                                               "<trip id=\"t\" depart=\"2\" from=\"%1\" to=\"%2\"/></routes>").arg(roads[0], roads[1]));
        QVERIFY2(fits.exitCode == 0, qPrintable(fits.err));
        QVERIFY2(fits.out.contains(QLatin1String("2 vehicles of demand a day")), qPrintable(fits.out));
    }

    void importerRefusesToOverwrite()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("c.gpkg"));
        const QStringList args = {QStringLiteral("sumo"), QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"),
                                  QStringLiteral("--out"), out, QStringLiteral("--no-demand")};
        QCOMPARE(runProgram(QStringLiteral("cityops-import"), args).exitCode, 0);
        const Run again = runProgram(QStringLiteral("cityops-import"), args);
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.err.contains(QLatin1String("--force")));
        QCOMPARE(runProgram(QStringLiteral("cityops-import"), args + QStringList{QStringLiteral("--force")}).exitCode, 0);

        // A city's response rules are its policy, not its roads: imported anew, the package keeps them.
        auto rules = ResponseRules::fromJson(R"({"acknowledge_within_min": {"critical": 4}})");
        QVERIFY(rules);
        QVERIFY(citypackage::setResponseRules(out, rules.value()));
        const Run reimported = runProgram(QStringLiteral("cityops-import"), args + QStringList{QStringLiteral("--force")});
        QVERIFY2(reimported.exitCode == 0, qPrintable(reimported.err));
        QVERIFY2(reimported.err.contains(QLatin1String("keeping the city's own response rules")), qPrintable(reimported.err));
        QCOMPARE(citypackage::read(out).value()->rules, rules.value());

        // Rules that cannot be read are not carried over, and the importer says so rather than drop them unsaid.
        {
            auto db = SqliteDb::open(out, SqliteDb::Mode::Create);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE cityops_meta SET value = '{' WHERE key = 'response_rules'")));
        }
        const Run overDamaged = runProgram(QStringLiteral("cityops-import"), args + QStringList{QStringLiteral("--force")});
        QVERIFY2(overDamaged.exitCode == 0, qPrintable(overDamaged.err));
        QVERIFY2(overDamaged.err.contains(QLatin1String("are not carried over")), qPrintable(overDamaged.err));
        QCOMPARE(citypackage::read(out).value()->rules, ResponseRules::defaults());
    }
};

QTEST_GUILESS_MAIN(TestImportCommand)
#include "tst_importcommand.moc"
