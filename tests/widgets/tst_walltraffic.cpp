// The wall's city map when a district's roads are not counted (its gateway, bound to it, is gone): bare roads there
// would read from the back of the room as free-flowing, so the map says "TRAFFIC NOT COUNTED" under the district's
// name (at the top of the district's own map), in the not-reporting colour, and says nothing once the picture is old or the district counted again.
// A district whose gateway has just started says "TRAFFIC NOT YET COUNTED" in grey. Real
// engine, a 1 × 1 wall, the scene's road picture set by the test.
#include "map/mapstyle.h"
#include "walltesting.h"
#include "wall/wallmaptile.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

class TestWallTraffic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(test::networkCity()); }

    void aDistrictWhoseTrafficNobodyCountsIsSaid()
    {
        QuietMapWall quiet;
        VideoWall &wall = *quiet.wall;
        QTRY_VERIFY_WITH_TIMEOUT(wall.feed().staleReason().isEmpty(), 5000);
        wall.refreshNow();
        auto *map = quiet.map();
        QVERIFY(map);
        QCOMPARE(quiet.city->districts.size(), size_t(1));   // the fixture's one district, named on the map
        CityMirror &scene = wall.live().scene();
        const auto shown = [&] {
            const QImage image = map->grab().toImage();
            const auto &texts = map->drawnTexts();
            return std::make_pair(int(std::count(texts.begin(), texts.end(), QStringLiteral("TRAFFIC NOT COUNTED"))),
                                  countColor(image, mapstyle::noData(), 0));
        };
        scene.roads.timeMs = scene.nowMs;
        scene.roads.roads = {RoadTraffic{0, 4, 0, 80, RoadEnd::Unknown}};
        const auto [counted, magentaCounted] = shown();
        QCOMPARE(counted, 0);
        scene.roads.uncounted = {0};
        const auto [said, magenta] = shown();
        QCOMPARE(said, 1);   // under the district's name
        QVERIFY2(magenta > magentaCounted + 20, qPrintable(QStringLiteral("%1 against %2").arg(magenta).arg(magentaCounted)));
        // Its smallest letters as large as every other word on the wall.
        const int smallest = *std::min_element(map->drawnCapHeights().begin(), map->drawnCapHeights().end());
        QVERIFY(smallest >= wall.look().minCapPx);
        // Its gateway has just started: "not yet counted", in the wall's grey — no magenta, nothing abnormal.
        scene.roads.awaited = {0};
        const auto [notCountedWhileAwaited, magentaAwaited] = shown();
        QCOMPARE(notCountedWhileAwaited, 0);
        QCOMPARE(magentaAwaited, magentaCounted);
        const auto &texts = map->drawnTexts();
        QCOMPARE(std::count(texts.begin(), texts.end(), QStringLiteral("TRAFFIC NOT YET COUNTED")), 1);
        scene.roads.awaited.clear();
        // An old picture says nothing about anybody's roads.
        scene.roads.timeMs = scene.nowMs - kRoadTrafficStaleMs - 1;
        QCOMPARE(shown().first, 0);
    }

    void aDistrictsOwnMapSaysItAtTheTop()
    {
        const auto city = test::networkCity();
        Engine engine{city};
        engine.start(std::make_unique<OneReportLink>());
        const auto stop = qScopeGuard([&engine] { engine.stop(); });
        WallLayout layout;
        layout.rows = 1;
        layout.columns = 1;
        layout.tiles = {{WallTileKind::DistrictMap, 0, 0, 1, 1, 0, 0}};   // district 0, not rotating
        VideoWall wall(engine, layout);
        wall.show(false);
        QTRY_VERIFY_WITH_TIMEOUT(wall.feed().staleReason().isEmpty(), 5000);
        wall.refreshNow();
        auto *map = dynamic_cast<WallMapTile *>(wall.tileAt(0, 0));
        QVERIFY(map && map->district() == 0);
        CityMirror &scene = wall.live().scene();
        scene.roads.timeMs = scene.nowMs;
        scene.roads.uncounted = {0};
        const QImage image = map->grab().toImage();
        const auto &texts = map->drawnTexts();
        QVERIFY(std::find(texts.begin(), texts.end(), QStringLiteral("TRAFFIC NOT COUNTED")) != texts.end());
        // In the top part of the map, not over the district's middle.
        int top = image.height();
        for (int y = 0; y < image.height() && top == image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, y) == mapstyle::noData()) {
                    top = y;
                    break;
                }
        QVERIFY2(top < image.height() / 4, qPrintable(QStringLiteral("first magenta row %1 of %2").arg(top).arg(image.height())));
    }
};

QTEST_MAIN(TestWallTraffic)
#include "tst_walltraffic.moc"
