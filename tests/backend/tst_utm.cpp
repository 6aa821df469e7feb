#include "city/utm.h"

#include <QTest>

using namespace cityops;

class TestUtm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void referencePoint_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        // Berlin-Adlershof (sumo-tools game/DRT/osm.net.xml, netOffset -398790.46,-5809246.45, UTM 33N): the junction
        // at x,y = 1450.87,720.69 lies at lon 13.532695400, lat 52.430798189 (SUMO's own conversion).
        QTest::newRow("DRT junction") << 1450.87 << 720.69 << 13.532695400 << 52.430798189;
    }
    void referencePoint()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, lon);
        QFETCH(double, lat);
        const UtmZone zone{33, false};
        const GeoPoint p = utmToWgs84(zone, x + 398790.46, y + 5809246.45);
        // 1e-8 degrees is about a millimetre.
        QVERIFY2(std::abs(p.lon - lon) < 1e-8, qPrintable(QString::number(p.lon, 'f', 10)));
        QVERIFY2(std::abs(p.lat - lat) < 1e-8, qPrintable(QString::number(p.lat, 'f', 10)));
    }

    void centralMeridianAndEquator()
    {
        // On the central meridian at the equator: E = 500 km, N = 0.
        const GeoPoint p = utmToWgs84({31, false}, 500000.0, 0.0);
        QCOMPARE(p.lon, 3.0);
        QVERIFY(std::abs(p.lat) < 1e-12);
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("zone");
        QTest::addColumn<bool>("south");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::newRow("Berlin 33N") << 33 << false << 13.4 << 52.5;
        QTest::newRow("Braunschweig 32N") << 32 << false << 10.52 << 52.27;
        QTest::newRow("zone edge") << 33 << false << 17.9 << 48.0;
        QTest::newRow("Sydney 56S") << 56 << true << 151.2 << -33.87;
        QTest::newRow("Quito 17S") << 17 << true << -78.5 << -0.2;
    }
    void roundTrip()
    {
        QFETCH(int, zone);
        QFETCH(bool, south);
        QFETCH(double, lon);
        QFETCH(double, lat);
        double e = 0, n = 0;
        wgs84ToUtm({zone, south}, {lon, lat}, &e, &n);
        const GeoPoint back = utmToWgs84({zone, south}, e, n);
        QVERIFY(std::abs(back.lon - lon) < 1e-9);
        QVERIFY(std::abs(back.lat - lat) < 1e-9);
    }

    void knownForward()
    {
        // Brandenburg Gate, 52.516275 N 13.377704 E, in EPSG:32633 as computed by GDAL/PROJ (gdaltransform):
        // 389918.0416 E, 5819699.1324 N.
        double e = 0, n = 0;
        wgs84ToUtm({33, false}, {13.377704, 52.516275}, &e, &n);
        QVERIFY2(std::abs(e - 389918.0416) < 0.005, qPrintable(QString::number(e, 'f', 4)));
        QVERIFY2(std::abs(n - 5819699.1324) < 0.005, qPrintable(QString::number(n, 'f', 4)));
    }

    void parseProjection_data()
    {
        QTest::addColumn<QString>("proj");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("zone");
        QTest::addColumn<bool>("south");
        QTest::newRow("sumo utm") << "+proj=utm +zone=33 +ellps=WGS84 +datum=WGS84 +units=m +no_defs" << true << 33 << false;
        QTest::newRow("south") << "+proj=utm +zone=56 +south +ellps=WGS84 +datum=WGS84 +units=m" << true << 56 << true;
        QTest::newRow("no projection") << "!" << false << 0 << false;
        QTest::newRow("empty") << "" << false << 0 << false;
        QTest::newRow("not utm") << "+proj=merc +lon_0=0" << false << 0 << false;
        QTest::newRow("no zone") << "+proj=utm +ellps=WGS84" << false << 0 << false;
        QTest::newRow("zone 61") << "+proj=utm +zone=61" << false << 0 << false;
        QTest::newRow("other ellipsoid") << "+proj=utm +zone=32 +ellps=bessel" << false << 0 << false;
    }
    void parseProjection()
    {
        QFETCH(QString, proj);
        QFETCH(bool, ok);
        QFETCH(int, zone);
        QFETCH(bool, south);
        const auto result = parseUtmProjection(proj);
        QCOMPARE(result.ok(), ok);
        if (ok) {
            QCOMPARE(result->zone, zone);
            QCOMPARE(result->south, south);
        } else {
            QVERIFY(!result.error().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestUtm)
#include "tst_utm.moc"
