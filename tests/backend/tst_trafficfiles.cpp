// SUMO's files inside a city package: stored compressed with a digest, refused when damaged, a day of demand
// repeated across midnight, and the daily profile the generated demand follows.
#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "city/sumoimport.h"
#include "city/trafficfiles.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace cityops;

namespace {

const QString kNet = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A day of trips, one every `everyS` seconds.
QByteArray uniformTrips(int everyS)
{
    QByteArray xml = "<?xml version=\"1.0\"?>\n<routes>\n <vType id=\"car\" vClass=\"passenger\"/>\n";
    for (int t = 0, id = 0; t < 86400; t += everyS, ++id)
        xml += QStringLiteral(" <trip id=\"%1\" type=\"car\" depart=\"%2.00\" from=\"a\" to=\"b\"/>\n").arg(id).arg(t).toUtf8();
    return xml + "</routes>\n";
}

QList<double> departures(const QByteArray &xml)
{
    QList<double> out;
    static const QRegularExpression depart(QStringLiteral("depart=\"([0-9.]+)\""));
    for (auto it = depart.globalMatch(QString::fromUtf8(xml)); it.hasNext();)
        out << it.next().captured(1).toDouble();
    return out;
}

} // namespace

class TestTrafficFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_package;
private Q_SLOTS:
    void initTestCase()
    {
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        auto city = importSumoNet(kNet, options);
        QVERIFY2(city, qPrintable(city.error()));
        m_package = m_dir.filePath(QStringLiteral("small.gpkg"));
        QVERIFY(citypackage::write(city.value(), m_package));
    }

    void aPackageWithoutTheNetworkSaysSo()
    {
        QCOMPARE(trafficfiles::has(m_package, trafficfiles::kNetwork).value(), false);
        auto files = trafficfiles::extract(m_package, m_dir.path());
        QVERIFY(!files);
        QVERIFY2(files.error().contains(QStringLiteral("carries no network.net.xml")), qPrintable(files.error()));
    }

    void storedFilesComeBackExactly()
    {
        const QByteArray net = readAll(kNet);
        QVERIFY(trafficfiles::store(m_package, trafficfiles::kNetwork, net));
        QVERIFY(trafficfiles::store(m_package, trafficfiles::kDemand, uniformTrips(600)));
        QCOMPARE(trafficfiles::load(m_package, trafficfiles::kNetwork).value(), net);
        // Compressed inside (the network is mostly repeated XML).
        QVERIFY(QFileInfo(m_package).size() < net.size());
        // The package still opens as a city.
        QVERIFY(citypackage::read(m_package));
    }

    void theDemandRunsOnAcrossMidnight()
    {
        QTemporaryDir out;
        auto files = trafficfiles::extract(m_package, out.path(), 3);
        QVERIFY2(files, qPrintable(files.error()));
        QCOMPARE(readAll(files->network), readAll(kNet));
        QCOMPARE(files->day, uniformTrips(600));   // the stored day itself, for the days SUMO's plant adds later
        const QByteArray demand = readAll(files->demand);
        const QList<double> departs = departures(demand);
        QCOMPARE(departs.size(), 3 * 144);
        QVERIFY(std::is_sorted(departs.begin(), departs.end()));   // SUMO reads route files in departure order
        QCOMPARE(departs.last(), 2 * 86400.0 + 86400 - 600);
        QVERIFY(demand.contains("id=\"d1.0\"") && demand.contains("id=\"d2.143\""));
        QCOMPARE(demand.count("<vType"), 1);   // types once, vehicles every day
        QVERIFY(trafficfiles::checkDemand(demand));
    }

    void flowsAndStopsMoveWithTheirDay()
    {
        // The file's second day has the first day's flows a day later (those whose vehicles all depart within it),
        // and the times stops wait until move with their vehicle; a flow without an end, or running past midnight,
        // already covers the next day and is written once.
        QTemporaryDir dir;
        const QString package = dir.filePath(QStringLiteral("flows.gpkg"));
        QVERIFY(QFile::copy(m_package, package));
        QVERIFY(trafficfiles::store(package, trafficfiles::kDemand, R"(<routes>
 <flow id="dawn" end="50" period="10" from="a" to="b"/>
 <flow id="day" begin="100" end="400" period="60" from="a" to="b"/>
 <flow id="counted" begin="200" number="3" period="50" from="a" to="b"/>
 <flow id="forever" begin="300" period="60" from="a" to="b"/>
 <flow id="night" begin="80000" end="90000" period="600" from="a" to="b"/>
 <vehicle id="bus" depart="500.00"><route edges="a b"/><stop lane="b_0" until="700" duration="20"/></vehicle>
</routes>)"));
        QTemporaryDir out;
        auto files = trafficfiles::extract(package, out.path());
        QVERIFY2(files, qPrintable(files.error()));
        QFile demandFile(files->demand);
        QVERIFY(demandFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&demandFile);
        std::map<QString, QXmlStreamAttributes> written;
        QList<QXmlStreamAttributes> stops;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (xml.name() == u"stop")
                    stops << xml.attributes();
                else if (xml.name() != u"routes" && xml.name() != u"route")
                    written[xml.attributes().value(QLatin1String("id")).toString()] = xml.attributes();
            }
        QVERIFY(!xml.hasError());
        QCOMPARE(written.size(), size_t(10));   // six on the first day, four on the second
        QCOMPARE(written["d1.dawn"].value(QLatin1String("begin")), QLatin1String("86400.00"));   // SUMO's default moved
        QCOMPARE(written["d1.dawn"].value(QLatin1String("end")), QLatin1String("86450.00"));
        QVERIFY(!written["dawn"].hasAttribute(QLatin1String("begin")));
        QCOMPARE(written["d1.day"].value(QLatin1String("begin")), QLatin1String("86500.00"));
        QCOMPARE(written["d1.day"].value(QLatin1String("end")), QLatin1String("86800.00"));
        QCOMPARE(written["d1.day"].value(QLatin1String("period")), QLatin1String("60"));
        QCOMPARE(written["d1.counted"].value(QLatin1String("begin")), QLatin1String("86600.00"));
        QVERIFY(!written["d1.counted"].hasAttribute(QLatin1String("end")));
        QCOMPARE(written["d1.bus"].value(QLatin1String("depart")), QLatin1String("86900.00"));
        QVERIFY(written.count(QStringLiteral("forever")) && !written.count(QStringLiteral("d1.forever")));
        QVERIFY(written.count(QStringLiteral("night")) && !written.count(QStringLiteral("d1.night")));
        QCOMPARE(written["day"].value(QLatin1String("begin")), QLatin1String("100"));   // the first day as it was
        QCOMPARE(stops.size(), 2);
        QCOMPARE(stops[0].value(QLatin1String("until")), QLatin1String("700"));
        QCOMPARE(stops[1].value(QLatin1String("until")), QLatin1String("87100.00"));
        QCOMPARE(stops[1].value(QLatin1String("duration")), QLatin1String("20"));
        QCOMPARE(stops[1].value(QLatin1String("lane")), QLatin1String("b_0"));
    }

    void aDamagedFileIsRefused()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("damaged.gpkg"));
        QVERIFY(QFile::copy(m_package, copy));
        {
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            QVERIFY(db);
            // Someone changed the stored network (a different but valid compressed text).
            auto update = db.value()->prepare(QStringLiteral("UPDATE traffic_files SET content = ? WHERE name = 'network.net.xml'"));
            QVERIFY(update);
            update->bind(1, qCompress(readAll(kNet).replace("<net ", "<net  ")));
            QVERIFY(update->run());
        }
        auto loaded = trafficfiles::load(copy, trafficfiles::kNetwork);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(QStringLiteral("is damaged")), qPrintable(loaded.error()));
        QVERIFY(!trafficfiles::extract(copy, dir.path()));
        // Truncated bytes too.
        {
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            auto update = db.value()->prepare(QStringLiteral("UPDATE traffic_files SET content = substr(content, 1, 100) WHERE name = 'demand.rou.xml'"));
            QVERIFY(update && update->run());
        }
        QVERIFY(trafficfiles::load(copy, trafficfiles::kDemand).error().contains(QStringLiteral("is damaged")));

        // A row claiming two gigabytes (the size column agreeing) is refused before anything is allocated for it.
        {
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            auto update = db.value()->prepare(QStringLiteral("UPDATE traffic_files SET content = X'7FFFFFF0' || substr(content, 5), "
                                                             "bytes = 2147483632 WHERE name = 'network.net.xml'"));
            QVERIFY(update && update->run());
        }
        loaded = trafficfiles::load(copy, trafficfiles::kNetwork);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(QStringLiteral("is damaged (it claims 2147483632 bytes from")), qPrintable(loaded.error()));
        // One whose claim is not its stored size.
        {
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            auto update = db.value()->prepare(QStringLiteral("UPDATE traffic_files SET bytes = 100 WHERE name = 'network.net.xml'"));
            QVERIFY(update && update->run());
        }
        QVERIFY(trafficfiles::load(copy, trafficfiles::kNetwork).error().contains(QStringLiteral("is damaged (it claims 2147483632 bytes")));
    }

    void generatedDemandFollowsTheDailyProfile()
    {
        // Trips every 5 s all day (720 an hour), thinned: each hour keeps its share of the peak.
        auto shaped = trafficfiles::shapeToDailyProfile(uniformTrips(5), 42);
        QVERIFY2(shaped, qPrintable(shaped.error()));
        std::array<int, 24> perHour{};
        for (double t : departures(shaped.value()))
            ++perHour[static_cast<size_t>(t / 3600)];
        for (size_t h = 0; h < 24; ++h) {
            const double expected = 720 * trafficfiles::dailyProfile()[h];
            const double sigma = std::sqrt(720 * trafficfiles::dailyProfile()[h] * (1 - trafficfiles::dailyProfile()[h]));
            QVERIFY2(std::abs(perHour[h] - expected) <= 5 * sigma + 1,
                     qPrintable(QStringLiteral("hour %1: %2 trips, expected about %3").arg(h).arg(perHour[h]).arg(expected)));
        }
        QVERIFY(perHour[17] > 3 * perHour[3]);   // the evening peak against the night
        // The same seed gives the same day.
        QCOMPARE(trafficfiles::shapeToDailyProfile(uniformTrips(5), 42).value(), shaped.value());
        QVERIFY(trafficfiles::shapeToDailyProfile(uniformTrips(5), 43).value() != shaped.value());
    }

    void notADemandIsRefused()
    {
        QVERIFY(trafficfiles::checkDemand(uniformTrips(3600)));
        const auto notRoutes = trafficfiles::checkDemand("<net><edge id=\"a\"/></net>");
        QVERIFY(!notRoutes);
        QCOMPARE(notRoutes.error(), QStringLiteral("the demand is not a SUMO route file (its root is <net>, not <routes>)"));
        const auto broken = trafficfiles::checkDemand("<routes><trip id=\"1\" depart=\"0\"></routes>");
        QVERIFY(!broken);
        QVERIFY2(broken.error().startsWith(QStringLiteral("the demand is not well-formed XML")), qPrintable(broken.error()));
        QVERIFY(!trafficfiles::shapeToDailyProfile("garbage", 1));
    }
};

QTEST_GUILESS_MAIN(TestTrafficFiles)
#include "tst_trafficfiles.moc"
