// What the wall says of time: the room reads it from the wall's clock, so it shows the city's local time whatever
// zone the wall's computer is set to, and says so under the time when the field's clocks all contradict its own.
#include "wall/videowall.h"
#include "wall/wallboards.h"
#include "walltesting.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace cityops;
using namespace cityops::test;

class TestWallClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    /// The wall's computer set to another zone than the city's (here New Zealand's): its clocks, the replay banner
    /// and the date still read the city's local time, as every desk in the room does.
    void theWallReadsTheCitysLocalTime()
    {
        const QByteArray before = qgetenv("TZ");
        qputenv("TZ", "Pacific/Auckland");
        const auto restore = qScopeGuard([&before] {   // the tests after this one run in the machine's zone, pass or fail
            if (before.isNull())
                qunsetenv("TZ");
            else
                qputenv("TZ", before);
        });
        QVERIFY(QTimeZone::systemTimeZone().id() != QByteArray("Europe/Berlin"));
        WallLayout layout = WallLayout::builtIn();
        layout.tiles.push_back({WallTileKind::Clock, 1, 2, 1, 1});
        layout.tiles.erase(layout.tiles.begin() + 4);
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        const QTimeZone berlin("Europe/Berlin");
        auto localAt = [&berlin](std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, berlin).toString(QStringLiteral("HH:mm:ss")); };
        WallTile *clock = live.wall->tileAt(1, 2);
        QVERIFY(dynamic_cast<ClockTile *>(clock));
        const std::int64_t from = live.wall->feed().nowMs();
        (void)clock->grab();
        const std::int64_t to = live.wall->feed().nowMs();
        // The title line first, then the time, then the date.
        const std::vector<QString> &texts = clock->drawnTexts();
        QVERIFY(texts.size() >= 3);
        QCOMPARE(texts[0], clock->title());
        QVERIFY2(texts[1] == localAt(from) || texts[1] == localAt(to), qPrintable(texts[1] + QStringLiteral(" is not Berlin's ") + localAt(from)));
        const QString date = QLocale().toString(QDateTime::fromMSecsSinceEpoch(to, berlin).date(), QLocale::LongFormat);
        QVERIFY2(texts[2] == date || texts[2] == QLocale().toString(QDateTime::fromMSecsSinceEpoch(from, berlin).date(), QLocale::LongFormat),
                 qPrintable(texts[2]));
        // Replay: the banner's time is the city's too (13:00 in Auckland is 01:00 in Berlin).
        const std::int64_t atMs = QDateTime(QDate(2026, 12, 1), QTime(13, 0), QTimeZone("Pacific/Auckland")).toMSecsSinceEpoch();
        PastSource past(live.engine, atMs);
        live.wall->live().setSource(&past);
        live.wall->refreshNow();
        QVERIFY2(live.wall->bannerText().contains(QLatin1String("01:00")), qPrintable(live.wall->bannerText()));
        live.wall->live().setSource(nullptr);
    }

    /// The room reads the time from the wall: when every clock its link judges (here two gateways, 42 s ahead)
    /// agrees against the wall's own, its clock tile says so under the time, in amber, and the key figures beside
    /// theirs; one gateway in step with the wall, and nothing is said.
    void aWallWhoseOwnClockIsOffSaysSoUnderItsTime()
    {
        WallLayout layout = WallLayout::builtIn();
        layout.tiles[2].kind = WallTileKind::Clock;   // in the energy board's place, beside the key figures
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        auto *clock = dynamic_cast<ClockTile *>(live.wall->tileAt(1, 0));
        auto *figures = dynamic_cast<KeyFiguresBoard *>(live.wall->tileAt(1, 2));
        QVERIFY(clock && figures);
        const QString said = QStringLiteral("\u25B2 CLOCK 42 S BEHIND THE FIELD'S");
        const auto saysIt = [&said](WallTile *tile) {
            (void)tile->grab();
            return std::find(tile->drawnTexts().begin(), tile->drawnTexts().end(), said) != tile->drawnTexts().end();
        };
        QVERIFY(!saysIt(clock) && !saysIt(figures));
        const int amberBefore = countColor(clock->grab().toImage(), WallLook::amber());

        GatewaySummary east{QStringLiteral("gw-east"), true, true, 1, 720, {QStringLiteral("East")}, 42'000};
        GatewaySummary west{QStringLiteral("gw-west"), true, true, 1, 723, {QStringLiteral("West")}, 42'000};
        live.link->setGateways({east, west});
        QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), live.wall->feed().figures().clockAheadMs == std::optional<std::int64_t>(-42'000)), 5000);
        QVERIFY(saysIt(clock));
        QVERIFY(saysIt(figures));
        QVERIFY2(countColor(clock->grab().toImage(), WallLook::amber()) > amberBefore + 50, "the clock's line is not amber");
        // The time is still drawn first, in full: the line is under it, not instead of it.
        QCOMPARE(clock->drawnTexts().at(0), clock->title());
        QVERIFY(clock->drawnTexts().at(1).contains(QLatin1Char(':')));

        // A replay shows another moment's time: the wall's clock now is not what it shows.
        PastSource past(live.engine, live.engine.clock().nowMs() - 3600'000);
        live.wall->live().setSource(&past);
        QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), !live.wall->feed().figures().clockAheadMs.has_value()), 5000);
        QVERIFY(!saysIt(clock));
        live.wall->live().setSource(nullptr);
        QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), live.wall->feed().figures().clockAheadMs.has_value()), 5000);

        GatewaySummary south{QStringLiteral("gw-south"), true, true, 1, 700, {}, 400};
        live.link->setGateways({east, west, south});
        QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), !live.wall->feed().figures().clockAheadMs.has_value()), 5000);
        QVERIFY(!saysIt(clock) && !saysIt(figures));
    }
};

QTEST_MAIN(TestWallClock)
#include "tst_wallclock.moc"
