// The wall's city map at night: the streetlights' coverage is drawn at the tile's full resolution (scaled up with
// the symbols it was a field of blocks across the lit streets), and a lamp that needs someone — a fault — is sized
// for the distance like every other symbol. Real engine, a 1 × 1 wall, the scene's lamps set by the test.
#include "engine/engine.h"
#include "walltesting.h"
#include "wall/wallmaptile.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The smallest rectangle holding every pixel that differs between two frames of the same size.
QRect changed(const QImage &a, const QImage &b)
{
    QRect box;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y))
                box |= QRect(x, y, 1, 1);
    return box;
}

} // namespace

class TestWallLamps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(test::networkCity()); }

    void coverageAtFullResolutionFaultsSizedForTheDistance()
    {
        QuietMapWall quiet;
        const auto &city = quiet.city;
        QVERIFY(city->streetlights.size() > 10);
        VideoWall &wall = *quiet.wall;
        QTRY_VERIFY_WITH_TIMEOUT(wall.feed().staleReason().isEmpty(), 5000);
        wall.refreshNow();
        auto *map = quiet.map();
        QVERIFY(map);
        const double scale = WallMapTile::symbolScaleFor(wall.look().minCapPx);
        QVERIFY2(scale >= 2, "the wall's symbols are scaled up: what this test tells apart");

        // Every lamp reported and dark; one of them the test switches.
        auto &states = wall.live().scene().states;
        for (const StreetlightInfo &l : city->streetlights) {
            DeviceState &s = states[l.device];
            s.reported = s.online = true;
            s.level = 0;
            s.fault = false;
        }
        const DeviceIndex lamp = city->streetlights[city->streetlights.size() / 2].device;
        const auto frame = [&](QImage &out) {
            const int before = map->backgroundRenders();
            map->markDevicesChanged();
            map->repaintDevices();
            if (!QTest::qWaitFor([&] { return map->backgroundRenders() > before; }, 5000))
                return false;
            out = map->grab().toImage();
            return true;
        };
        QImage dark, lit, faulted;
        QVERIFY(frame(dark));
        states[lamp].level = 100;
        QVERIFY(frame(lit));
        // One lamp lit: its coverage cell, 3 px of the panel softened by a pixel each side, as on the desk (scaled
        // up with the symbols it was 3 × scale and softened by as much again).
        const QRect cell = changed(dark, lit);
        QVERIFY2(!cell.isEmpty(), "a lit lamp shows");
        QVERIFY2(cell.width() <= 5 && cell.height() <= 5, qPrintable(QStringLiteral("%1 × %2 px").arg(cell.width()).arg(cell.height())));

        // The same lamp failed: a ring the size of the wall's symbols, not the desk's.
        states[lamp].level = 0;
        states[lamp].fault = true;
        QVERIFY(frame(faulted));
        const QRect ring = changed(dark, faulted);
        QVERIFY2(ring.width() >= 6 * scale && ring.height() >= 6 * scale,
                 qPrintable(QStringLiteral("%1 × %2 px at a scale of %3").arg(ring.width()).arg(ring.height()).arg(scale)));
        QVERIFY(ring.contains(cell.center()));
    }
};

QTEST_MAIN(TestWallLamps)
#include "tst_walllamps.moc"
