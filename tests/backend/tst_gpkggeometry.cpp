#include "city/gpkggeometry.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace cityops;

class TestGpkgGeometry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pointRoundTrip()
    {
        const QByteArray blob = gpkg::encodePoint({13.5, 52.4});
        QCOMPARE(blob.left(2), QByteArray("GP"));
        QCOMPARE(blob.size(), 8 + 21); // header without envelope + WKB point
        const auto g = gpkg::decode(blob);
        QVERIFY(g.ok());
        QCOMPARE(g->type, gpkg::GeometryType::Point);
        QCOMPARE(g->points.size(), size_t(1));
        QCOMPARE(g->points[0], (GeoPoint{13.5, 52.4}));
    }

    void lineAndPolygonRoundTrip()
    {
        const GeoLine line = {{13.0, 52.0}, {13.1, 52.05}, {13.2, 52.1}};
        auto g = gpkg::decode(gpkg::encodeLineString(line));
        QVERIFY(g.ok());
        QCOMPARE(g->type, gpkg::GeometryType::LineString);
        QCOMPARE(g->points, line);
        g = gpkg::decode(gpkg::encodePolygon(line));
        QVERIFY(g.ok());
        QCOMPARE(g->type, gpkg::GeometryType::Polygon);
        QCOMPARE(g->points, line); // closing point is added on write and removed on read
    }

    void envelopeIsWritten()
    {
        const QByteArray blob = gpkg::encodeLineString({{1, 2}, {3, 4}});
        QCOMPARE(static_cast<quint8>(blob[3]), quint8(0x03)); // little endian, [minx,maxx,miny,maxy]
        double minX = 0;
        std::memcpy(&minX, blob.constData() + 8, 8);
        QCOMPARE(minX, 1.0);
    }

    void bigEndianWkb()
    {
        QByteArray blob("GP\x00\x00", 4);                // no envelope, big-endian header
        blob.append("\x00\x00\x10\xe6", 4);               // srs 4326
        blob.append('\x00');                              // WKB big endian
        blob.append("\x00\x00\x00\x01", 4);               // point
        const double lon = 2.5, lat = 48.75;
        for (double v : {lon, lat}) {
            quint64 bits;
            std::memcpy(&bits, &v, 8);
            for (int i = 7; i >= 0; --i)
                blob.append(static_cast<char>((bits >> (i * 8)) & 0xff));
        }
        const auto g = gpkg::decode(blob);
        QVERIFY2(g.ok(), g.ok() ? "" : qPrintable(g.error()));
        QCOMPARE(g->points[0], (GeoPoint{2.5, 48.75}));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("blob");
        const QByteArray good = gpkg::encodeLineString({{1, 2}, {3, 4}, {5, 6}});
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("bad magic") << QByteArray("XX") + good.mid(2);
        QTest::newRow("truncated header") << good.left(6);
        QTest::newRow("truncated coordinates") << good.left(good.size() - 5);
        QByteArray hugeCount = gpkg::encodeLineString({{1, 2}, {3, 4}});
        hugeCount[8 + 32 + 5] = '\xff';                    // point count low byte
        hugeCount[8 + 32 + 8] = '\x7f';                    // point count high byte
        QTest::newRow("count beyond blob") << hugeCount;
        QByteArray badType = good;
        badType[8 + 32 + 1] = 7;                           // GeometryCollection
        QTest::newRow("unsupported type") << badType;
        QByteArray badEnvelope = good;
        badEnvelope[3] = static_cast<char>(0x0f);          // envelope code 7
        QTest::newRow("bad envelope code") << badEnvelope;
        // What no street or district is (found by tests/fuzz): non-finite or off the globe, too few points.
        QTest::newRow("NaN longitude") << gpkg::encodeLineString({{1, 2}, {std::nan(""), 4}});
        QTest::newRow("infinite latitude") << gpkg::encodePoint({13.5, std::numeric_limits<double>::infinity()});
        QTest::newRow("longitude 200") << gpkg::encodePoint({200, 52});
        QTest::newRow("latitude -91") << gpkg::encodeLineString({{1, 2}, {3, -91}});
        QTest::newRow("a line of one point") << gpkg::encodeLineString({{1, 2}});
        QTest::newRow("a ring of two points") << gpkg::encodePolygon({{1, 2}, {3, 4}});
    }
    void malformed()
    {
        QFETCH(QByteArray, blob);
        const auto g = gpkg::decode(blob);
        QVERIFY(!g.ok());
        QVERIFY(!g.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGpkgGeometry)
#include "tst_gpkggeometry.moc"
