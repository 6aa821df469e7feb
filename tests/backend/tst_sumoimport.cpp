#include "city/sumoimport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

using namespace cityops;

namespace {
const QString kFixture = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

QByteArray fixtureBytes()
{
    QFile f(kFixture);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}
} // namespace

class TestSumoImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesRealNetwork()
    {
        const auto net = parseSumoNet(kFixture);
        QVERIFY2(net.ok(), net.ok() ? "" : qPrintable(net.error()));
        QCOMPARE(net->zone.zone, 33);
        QCOMPARE(net->tlLogics.size(), size_t(21));
        QVERIFY(net->junctions.size() > 100);
        QVERIFY(!net->edges.empty());
        // Internal edges (function="internal") are not roads.
        for (const auto &e : net->edges)
            QVERIFY(!e.id.startsWith(QLatin1Char(':')));
    }

    void buildsCity()
    {
        ImportOptions options;
        options.name = QStringLiteral("Adlershof test");
        options.timezone = QStringLiteral("Europe/Berlin");
        const auto city = importSumoNet(kFixture, options);
        QVERIFY2(city.ok(), city.ok() ? "" : qPrintable(city.error()));
        const CityModel &c = city.value();
        QCOMPARE(c.meta.name, QStringLiteral("Adlershof test"));
        QVERIFY(c.meta.attribution.contains(QLatin1String("OpenStreetMap")));
        QCOMPARE(c.signals.size(), size_t(21));
        // A signal keeps its SUMO id and its program exactly as SUMO wrote it.
        const DeviceIndex sig = c.deviceIndex(QStringLiteral("sig/1560223979"));
        QVERIFY(sig != kNoDevice);
        const SignalInfo &info = c.signals[c.devices[sig].detail];
        QCOMPARE(info.sumoTlsId, QStringLiteral("1560223979"));
        // Its movements: at most one per character of the state string (a cut-out network may have lost the edges
        // of a few), each with its incoming street, the way vehicles arrive, and the turn; the junction is fed from
        // more than one side.
        QVERIFY(!info.links.empty() && int(info.links.size()) <= info.linkCount);
        QSet<int> sides;
        for (int l = 0; l < int(info.links.size()); ++l) {
            QVERIFY(info.links[size_t(l)].index >= 0 && info.links[size_t(l)].index < info.linkCount);
            QVERIFY(l == 0 || info.links[size_t(l)].index > info.links[size_t(l - 1)].index);
            QVERIFY(QStringLiteral("slrtLR").contains(info.links[size_t(l)].direction));
            QVERIFY(info.links[size_t(l)].bearingDeg >= 0 && info.links[size_t(l)].bearingDeg < 360);
            sides.insert(info.links[size_t(l)].bearingDeg / 90);
        }
        QVERIFY(sides.size() >= 2);
        QVERIFY(std::any_of(info.links.begin(), info.links.end(), [](const SignalLink &l) { return !l.approach.isEmpty(); }));
        QCOMPARE(info.programs.size(), size_t(1));
        QCOMPARE(info.programs[0].type, QStringLiteral("static"));
        QCOMPARE(info.programs[0].phases.size(), size_t(6));
        QCOMPARE(info.programs[0].phases[0].durationS, 37);
        QCOMPARE(info.programs[0].phases[0].state, QStringLiteral("rrrrgGggrrrrgGggGrGr"));
        QCOMPARE(info.linkCount, 20);
        QVERIFY(!c.devices[sig].generated);
        // Positions are real: inside the Adlershof bounding box.
        for (const DeviceInfo &d : c.devices) {
            QVERIFY(d.position.lon > 13.52 && d.position.lon < 13.545);
            QVERIFY(d.position.lat > 52.425 && d.position.lat < 52.44);
        }
        // Generated assets exist and say so.
        QVERIFY(c.streetlights.size() > 50);
        QVERIFY(!c.feeders.empty());
        QVERIFY(!c.substations.empty());
        QVERIFY(!c.districts.empty());
        for (const auto &l : c.streetlights) {
            QVERIFY(c.devices[l.device].generated);
            QVERIFY(l.feeder != kNoDevice);
            QVERIFY(l.road >= 0);
        }
        for (const auto &f : c.feeders) {
            QVERIFY(f.capacityKw >= 4000 && f.capacityKw <= 8000);
            QVERIFY(f.peakLoadKw > 0.4 * f.capacityKw && f.peakLoadKw < f.capacityKw);
        }
        // Roads carry classes and names from OSM; two-way streets are stored once.
        bool named = false, primary = false;
        for (const Road &r : c.roads) {
            named |= !r.name.isEmpty();
            primary |= r.cls == RoadClass::Primary || r.cls == RoadClass::Secondary;
            QVERIFY(r.line.size() >= 2);
        }
        QVERIFY(named);
        QVERIFY(primary);
    }

    void generationIsDeterministic()
    {
        ImportOptions options;
        const auto a = importSumoNet(kFixture, options);
        const auto b = importSumoNet(kFixture, options);
        options.seed = 2;
        const auto c = importSumoNet(kFixture, options);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(a->devices.size(), b->devices.size());
        for (size_t i = 0; i < a->devices.size(); ++i) {
            QCOMPARE(a->devices[i].id, b->devices[i].id);
            QCOMPARE(a->devices[i].position, b->devices[i].position);
        }
        bool differs = false;
        for (size_t i = 0; i < a->feeders.size() && i < c->feeders.size(); ++i)
            differs |= a->feeders[i].capacityKw != c->feeders[i].capacityKw
                       || a->devices[a->feeders[i].device].position != c->devices[c->feeders[i].device].position;
        QVERIFY(differs);
    }

    void badNetworks_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not XML") << "garbage.net.xml" << QByteArray("\x00\x01 this is not xml") << "not a well-formed";
        QTest::newRow("other XML") << "routes.rou.xml" << QByteArray("<routes><vehicle id=\"a\"/></routes>") << "not a SUMO network";
        QByteArray noGeo = fixtureBytes();
        const auto at = noGeo.indexOf("projParameter=\"");
        const auto end = noGeo.indexOf('"', at + 15);
        noGeo.replace(at, end - at + 1, "projParameter=\"!\"");
        QTest::newRow("no geo-reference") << "nogeo.net.xml" << noGeo << "no geo-reference";
        QByteArray truncated = fixtureBytes();
        truncated.truncate(truncated.size() / 2);
        QTest::newRow("truncated") << "truncated.net.xml" << truncated << "not a well-formed";
        QTest::newRow("no location") << "noloc.net.xml" << QByteArray("<net version=\"1.9\"><edge id=\"a\" from=\"x\" to=\"y\"/></net>")
                                     << "no <location>";
        QTest::newRow("empty net") << "empty.net.xml"
                                   << QByteArray("<net><location netOffset=\"0,0\" projParameter=\"+proj=utm +zone=33 "
                                                 "+ellps=WGS84\"/></net>")
                                   << "no road edges";
        // What SUMO itself refuses in a signal's programs (found by tests/fuzz), on the 3 x 3 grid.
        const QByteArray grid = [] {
            QFile file(QStringLiteral(CITYOPS_TEST_DATA "/tiny-grid.net.xml"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        const auto gridWith = [&grid](const QByteArray &from, const QByteArray &to) {
            QByteArray g = grid;
            return g.replace(from, to);
        };
        QTest::newRow("a phase shorter than the first") << "short.net.xml"
            << gridWith(R"(<phase duration="3"  state="yyyrrryyyrrr"/>)", R"(<phase duration="3"  state="yy"/>)")
            << "has a phase of 2 signal states where its first has 12";
        QTest::newRow("a state letter SUMO does not know") << "letter.net.xml"
            << gridWith(R"(<phase duration="3"  state="yyyrrryyyrrr"/>)", R"(<phase duration="3"  state="yyyrrryyyrrX"/>)")
            << "with a letter SUMO does not know";
        QTest::newRow("a phase longer than a day") << "long.net.xml"
            << gridWith(R"(<phase duration="3"  state="yyyrrryyyrrr"/>)", R"(<phase duration="1e300"  state="yyyrrryyyrrr"/>)")
            << "has a phase without valid duration/state";
        QTest::newRow("an offset beyond a day") << "offset.net.xml"
            << gridWith(R"(<tlLogic id="B1" type="static" programID="0" offset="0">)", R"(<tlLogic id="B1" type="static" programID="0" offset="nan">)")
            << "has an offset that is not within a day";
        QTest::newRow("a second program of other links") << "program.net.xml"
            << gridWith(R"(<tlLogic id="B1" type="static" programID="0" offset="0">)",
                        R"(<tlLogic id="B1" type="static" programID="night" offset="0"><phase duration="10" state="GGrr"/></tlLogic>)"
                        "\n    " R"(<tlLogic id="B1" type="static" programID="0" offset="0">)")
            << "program 0 has 12 signal states where its first program has 4";
    }
    void badNetworks()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, name, content);
        const auto city = importSumoNet(path, {});
        QVERIFY(!city.ok());
        QVERIFY2(city.error().contains(expected), qPrintable(city.error()));
        QVERIFY2(city.error().contains(path), qPrintable(city.error())); // says which file
    }

    void missingFile()
    {
        const auto city = importSumoNet(QStringLiteral("/nonexistent/city.net.xml"), {});
        QVERIFY(!city.ok());
        QVERIFY(city.error().contains(QLatin1String("does not exist")));
    }
};

QTEST_GUILESS_MAIN(TestSumoImport)
#include "tst_sumoimport.moc"
