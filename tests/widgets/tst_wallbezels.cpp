// A wall spanned over several panels in one window: no line of text falls on the bezel between two panels, across
// rows or columns, and centred text is centred on one panel (issue 14, "bezel-aware spans").
#include "walltesting.h"
#include "wall/wallboards.h"
#include "wall/walltile.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

class TestWallBezels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(test::networkCity()); }

    /// Boards spanning two rows of panels on a spanned wall: no line of text is cut by the bezel between them
    /// (issue 14, "bezel-aware spans"); what does not fit above goes on below it.
    void rowsOfTextStayOffTheBezels()
    {
        WallLayout layout;   // short panels, so that a few rows of each board reach the bezel
        layout.rows = 2;
        layout.columns = 2;
        layout.panelWidthPx = 960;
        layout.panelHeightPx = 260;
        layout.bezelPx = 40;
        layout.tiles = {{WallTileKind::Incidents, 0, 0, 2, 1, -1, 0}, {WallTileKind::KeyFigures, 0, 1, 2, 1, -1, 0}};
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);

        for (WallTile *tile : live.wall->tiles()) {
            QCOMPARE(tile->bezels().size(), size_t(1));
            const QRect band = tile->bezels().front();
            QCOMPARE(band.height(), 40);
            // Where the band lies in the tile is where the two panels meet on the wall.
            QCOMPARE(tile->mapTo(tile->window(), band.topLeft()).y(), layout.panelRect(0, 0).bottom() + 1);   // one window spans the wall
            (void)tile->grab();   // paints
            int above = 0, below = 0;
            for (const QRect &text : tile->drawnTextRects()) {
                QVERIFY2(!text.intersects(band), qPrintable(QStringLiteral("%1: text at y %2..%3 crosses the bezel at %4..%5")
                                                                .arg(tile->title()).arg(text.top()).arg(text.bottom()).arg(band.top()).arg(band.bottom())));
                (text.bottom() < band.top() ? above : below) += 1;
            }
            QVERIFY(above > 0);
            if (dynamic_cast<KeyFiguresBoard *>(tile))   // five rows: they go on below the bezel
                QVERIFY2(below > 0, "the figures go on below the bezel");
        }
        // One screen per panel: nothing spans, no bands.
        WallLayout screens = layout;
        screens.wiring = WallLayout::Wiring::Screens;
        QVERIFY(screens.bezelsWithin(screens.tiles.front(), QPoint()).empty());
    }

    /// Tiles spanning two columns of panels: no line of text is cut by the frame between them (the clock is centred
    /// on one panel, not on the frame); rows go down the first panel and on into the second (issue 14, "bezel-aware
    /// spans").
    void linesOfTextStayOffVerticalBezels()
    {
        WallLayout layout;   // wide, short panels (the 55" panel's pixel pitch): the figures need both panels
        layout.rows = 2;
        layout.columns = 2;
        layout.panelWidthPx = 1920;
        layout.panelHeightPx = 400;
        layout.panelDiagonalInches = 48.9;
        layout.bezelPx = 40;
        layout.tiles = {{WallTileKind::Clock, 0, 0, 1, 2, -1, 0}, {WallTileKind::KeyFigures, 1, 0, 1, 2, -1, 0}};
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        bool rowsGoOn = false;
        for (WallTile *tile : live.wall->tiles()) {
            QCOMPARE(tile->bezels().size(), size_t(1));
            const QRect band = tile->bezels().front();
            QCOMPARE(band.width(), 40);
            QCOMPARE(tile->mapTo(tile->window(), band.topLeft()).x(), layout.panelRect(0, 0).right() + 1);
            (void)tile->grab();   // paints
            for (const QRect &text : tile->drawnTextRects()) {
                QVERIFY2(text.right() < band.left() || text.left() > band.right(),
                         qPrintable(QStringLiteral("%1: text at x %2..%3 crosses the bezel at %4..%5")
                                        .arg(tile->title()).arg(text.left()).arg(text.right()).arg(band.left()).arg(band.right())));
                // A row that starts at the second panel's left edge: the rows went on there.
                rowsGoOn |= text.left() > band.right() && text.left() <= band.right() + 1 + live.wall->look().margin;
            }
        }
        QVERIFY2(rowsGoOn, "the key figures go on in the second panel");
    }

    /// A clock spanning two rows of panels is centred on its first panel, not on the frame between them.
    void centredTextStaysOnOnePanel()
    {
        WallLayout layout;
        layout.rows = 2;
        layout.columns = 1;
        layout.bezelPx = 40;
        layout.tiles = {{WallTileKind::Clock, 0, 0, 2, 1, -1, 0}};
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        WallTile *clock = live.wall->tileAt(0, 0);
        QCOMPARE(clock->bezels().size(), size_t(1));
        const QRect band = clock->bezels().front();
        (void)clock->grab();
        QVERIFY(!clock->drawnTextRects().empty());
        for (const QRect &text : clock->drawnTextRects())
            QVERIFY2(text.bottom() < band.top(), qPrintable(QStringLiteral("text at y %1..%2, the bezel at %3..%4")
                                                                .arg(text.top()).arg(text.bottom()).arg(band.top()).arg(band.bottom())));
    }
};

QTEST_MAIN(TestWallBezels)
#include "tst_wallbezels.moc"
