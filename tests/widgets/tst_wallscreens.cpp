// A wall wired one screen per panel: Qt's offscreen platform with six screens (a JSON screen list), the layout's
// panels on them in row order, each window grabbed from its own screen.
#include "engine/engine.h"
#include "link/simlink.h"
#include "testcity.h"
#include "wall/videowall.h"
#include "wall/walltile.h"

#include <QApplication>
#include <QScreen>
#include <QTemporaryDir>
#include <QtTest>

using namespace cityops;

class TestWallScreens : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void onePanelPerScreen()
    {
        QCOMPARE(QGuiApplication::screens().size(), 6);
        const auto city = test::networkCity();
        QVERIFY(city);
        Engine engine(city);
        SimLinkOptions sim;
        sim.warmUpHours = 0.5;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
        WallLayout layout = WallLayout::builtIn();
        layout.wiring = WallLayout::Wiring::Screens;
        layout.tiles = {{WallTileKind::CityMap, 0, 0},  {WallTileKind::Incidents, 0, 1}, {WallTileKind::Clock, 0, 2},
                        {WallTileKind::Energy, 1, 0},   {WallTileKind::Alarms, 1, 1},    {WallTileKind::KeyFigures, 1, 2}};
        {
            VideoWall wall(engine, layout);
            wall.show(false);
            QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10'000);
            wall.refreshNow();
            // Each tile sits on the screen of its panel, filling it.
            const QList<QScreen *> screens = QGuiApplication::screens();
            for (int r = 0; r < 2; ++r)
                for (int c = 0; c < 3; ++c) {
                    WallTile *tile = wall.tileAt(r, c);
                    QVERIFY(tile);
                    QCOMPARE(tile->window()->screen(), screens[r * 3 + c]);
                    QVERIFY(tile->width() > 1800 && tile->height() > 1000);
                }
            const std::vector<QImage> panels = wall.grabPanels();
            QCOMPARE(int(panels.size()), 6);
            for (const QImage &p : panels)
                QCOMPARE(p.size(), QSize(1920, 1080));
            QCOMPARE(wall.grabWall().size(), QSize(5760, 2160));
        }
        engine.stop();
    }
};

int main(int argc, char **argv)
{
    // Six 1920 × 1080 screens side by side in two rows, as a wall controller would present them.
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("screens.json")));
    if (!config.open(QIODevice::WriteOnly))
        return 1;
    QStringList screens;
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
            screens << QStringLiteral(R"({"name":"panel-%1-%2","x":%3,"y":%4,"width":1920,"height":1080,"logicalDpi":96,"dpr":1})")
                           .arg(r).arg(c).arg(c * 1920).arg(r * 1080);
    config.write(QStringLiteral(R"({"screens":[%1]})").arg(screens.join(QLatin1Char(','))).toUtf8());
    config.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + QFile::encodeName(config.fileName()));
    QApplication app(argc, argv);
    TestWallScreens test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_wallscreens.moc"
