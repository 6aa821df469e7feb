// The video wall as the back of the room sees it: the sizing rule computed for a 55" 1080p panel at 6 m and
// checked on every grabbed tile; layouts refused with a sentence; the boards' content; the stale overlay after the
// link is cut and after the data stops; NOT LIVE during replay; a spanned 3 × 2 wall. Bezels: tst_wallbezels; one
// window per screen: tst_wallscreens.
#include <QColor>
#include <QImage>

#include "labels.h"
#include "engine/engine.h"
#include "link/simlink.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "testcity.h"
#include "walltesting.h"
#include "wall/videowall.h"
#include "wall/wallboards.h"
#include "wall/wallfeed.h"
#include "wall/wallmaptile.h"
#include "wall/wallremote.h"

#include <QLocalSocket>
#include <QTemporaryDir>

#include <QtTest>

#include <unistd.h>

using namespace cityops;
using namespace cityops::test;

namespace {

/// A field that is connected and says nothing (a gateway that has not reported yet).
class SilentLink : public FieldLink {
public:
    void start() override { setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("silent"))); }
    void stop() override {}
    void send(const std::vector<DeviceCommand> &) override {}
};

/// A field whose signals report once: the first held by a command, the second pre-empted, the rest on their programs.
class HeldSignalsLink : public FieldLink {
public:
    explicit HeldSignalsLink(const CityModel &city) : m_city(city) {}
    void start() override
    {
        setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("signals")));
        std::vector<Event> batch;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        for (size_t i = 0; i < m_city.signals.size(); ++i) {
            SignalPayload s;
            s.mode = i == 0 ? SignalMode::Manual : i == 1 ? SignalMode::Preempt : SignalMode::Normal;
            s.nextSwitchMs = now + 30'000;
            batch.push_back(Event{0, now, m_city.signals[i].device, PresencePayload{true, {}}});
            batch.push_back(Event{0, now, m_city.signals[i].device, s});
        }
        sink()->push(std::move(batch), Overflow::DropNewest);
    }
    void stop() override {}
    void send(const std::vector<DeviceCommand> &) override {}

private:
    const CityModel &m_city;
};

} // namespace

class TestWall : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(test::networkCity()); }

    /// 55" 16:9 at 1920 × 1080: 1217.7 mm wide, 0.634 mm a pixel; 6 m × tan(20′) = 34.9 mm = 55.04 px → 56 px.
    void sizingRuleForA55InchPanelAt6Metres()
    {
        QVERIFY(std::abs(wallsizing::minCharHeightMm(6.0) - 34.907) < 0.01);
        QVERIFY(std::abs(wallsizing::pixelPitchMm(55, 1920, 1080) - 0.63418) < 0.0005);
        const WallLayout layout = WallLayout::builtIn();
        QCOMPARE(layout.viewingDistanceM, 6.0);
        QCOMPARE(wallsizing::minCharHeightPx(layout), 56);
        WallLayout near = layout;
        near.viewingDistanceM = 3.0;
        QCOMPARE(wallsizing::minCharHeightPx(near), 28);
        const WallLook look(56);
        QVERIFY(QFontMetrics(look.normal).capHeight() >= 56);
        QVERIFY(QFontMetrics(look.normal).capHeight() <= 60);   // the smallest type is the minimum, not more
    }

    void layoutsAreCheckedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray tile = R"({"kind":"incidents","row":0,"column":0})";
        QTest::newRow("not json") << QByteArray("{") << "not a JSON object";
        QTest::newRow("unknown key") << QByteArray(R"({"tiles":[)" + tile + R"(],"colour":"red"})") << "unknown key \"colour\"";
        QTest::newRow("no tiles") << QByteArray(R"({"tiles":[]})") << "at least one tile";
        QTest::newRow("bad kind") << QByteArray(R"({"tiles":[{"kind":"weather","row":0,"column":0}]})") << "\"kind\" must be one of";
        QTest::newRow("off the wall") << QByteArray(R"({"rows":1,"columns":2,"tiles":[{"kind":"clock","row":0,"column":2}]})") << "does not fit";
        QTest::newRow("overlap") << QByteArray(R"({"tiles":[{"kind":"clock","row":0,"column":0,"columnSpan":2},{"kind":"alarms","row":0,"column":1}]})")
                                 << "overlaps";
        QTest::newRow("span across screens") << QByteArray(R"({"wiring":"screens","tiles":[{"kind":"city-map","row":0,"column":0,"columnSpan":2}]})")
                                             << "spans panels";
        QTest::newRow("unknown district") << QByteArray(R"({"tiles":[{"kind":"district-map","row":0,"column":0,"district":"Atlantis"}]})")
                                          << "no district \"Atlantis\"";
        QTest::newRow("too fast") << QByteArray(R"({"tiles":[{"kind":"district-map","row":0,"column":0,"rotateSeconds":2}]})") << "at least 5";
        QTest::newRow("bad distance") << QByteArray(R"({"viewingDistanceM":-1,"tiles":[)" + tile + "]}") << "viewingDistanceM";
        QTest::newRow("bad panel") << QByteArray(R"({"panel":{"diagonalInches":55},"tiles":[)" + tile + "]}") << "\"panel\" needs";
        // A misspelt key is refused, never ignored: "colSpan" would leave the tile on one panel, "heigthPx" the panel at
        // its default height.
        QTest::newRow("tile typo") << QByteArray(R"({"tiles":[{"kind":"city-map","row":0,"column":0,"colSpan":2}]})") << "tile 1: unknown key \"colSpan\"";
        QTest::newRow("panel typo") << QByteArray(R"({"panel":{"diagonalInches":55,"widthPx":1920,"heightPx":1080,"heigthPx":2160},"tiles":[)" + tile + "]}")
                                    << "\"panel\": unknown key \"heigthPx\"";
        QTest::newRow("tile not an object") << QByteArray(R"({"tiles":[)" + tile + R"(,"clock"]})") << "tile 2 must be an object";
        QTest::newRow("wiring not a word") << QByteArray(R"({"wiring":1,"tiles":[)" + tile + "]}") << "\"wiring\" is";
        // 55" 1080p panels read from 20 m: letters of 117 mm, 184 px — fewer than 8 lines to a panel.
        QTest::newRow("too far to read") << QByteArray(R"({"viewingDistanceM":20,"tiles":[)" + tile + "]}")
                                         << "from 20 m a character must be 117 mm high to be read: 184 px on these panels";
        QTest::newRow("panel too small") << QByteArray(R"({"panel":{"diagonalInches":10,"widthPx":320,"heightPx":240},"tiles":[)" + tile + "]}")
                                         << "a panel of 240 px holds fewer than 8 lines";
        QTest::newRow("district not a name") << QByteArray(R"({"tiles":[{"kind":"district-map","row":0,"column":0,"district":1,"rotateSeconds":10}]})")
                                             << "\"district\" is a district's name";
    }
    void layoutsAreCheckedWithASentence()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto layout = WallLayout::fromJson(json, {QStringLiteral("North"), QStringLiteral("South")});
        QVERIFY(!layout);
        QVERIFY2(layout.error().contains(expected), qPrintable(layout.error()));
    }

    void aLayoutFileIsRead()
    {
        const auto layout = WallLayout::fromJson(R"({"wiring":"spanned","rows":1,"columns":2,"bezelPx":12,"viewingDistanceM":4,
            "panel":{"diagonalInches":46,"widthPx":1920,"heightPx":1080},"staleAfterSeconds":20,
            "tiles":[{"kind":"district-map","row":0,"column":0,"district":"south","rotateSeconds":30},{"kind":"clock","row":0,"column":1}]})",
                                                 {QStringLiteral("North"), QStringLiteral("South")});
        QVERIFY2(layout, qPrintable(layout.error()));
        QCOMPARE(layout->tiles.front().district, 1);
        QCOMPARE(layout->wallSize(), QSize(1920 * 2 + 12, 1080));
        QCOMPARE(layout->panelRect(0, 1).left(), 1932);
    }

    /// The built-in 3 × 2 wall: each panel is one tile's worth, everything on it at or above the minimum size, and
    /// the boards say what the city is doing.
    void theDefaultWallShowsTheCityReadableFromTheBack()
    {
        LiveWall live;
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        VideoWall &wall = *live.wall;
        QCOMPARE(int(wall.tiles().size()), 5);
        const std::vector<QImage> panels = wall.grabPanels();
        QCOMPARE(int(panels.size()), 6);
        for (const QImage &p : panels)
            QCOMPARE(p.size(), QSize(1920, 1080));
        for (WallTile *tile : wall.tiles()) {
            tile->grab();
            QVERIFY2(!tile->drawnCapHeights().empty(), qPrintable(tile->title()));
            const int smallest = *std::min_element(tile->drawnCapHeights().begin(), tile->drawnCapHeights().end());
            QVERIFY2(smallest >= wall.look().minCapPx, qPrintable(QStringLiteral("%1: %2 px").arg(tile->title()).arg(smallest)));
            QVERIFY2(tile->staleText().isEmpty(), qPrintable(tile->staleText()));
        }
        // Incidents: the first is the most urgent, and its severity's colour is on the board.
        auto *incidents = dynamic_cast<IncidentBoard *>(wall.tileAt(0, 2));
        QVERIFY(incidents);
        QVERIFY(incidents->title().contains(QStringLiteral("%1 OPEN").arg(wall.feed().incidents().size())));
        const Incident &first = wall.feed().incidents().front();
        for (const Incident &i : wall.feed().incidents())
            QVERIFY(first.escalated() || !i.escalated());
        const QColor firstColor = first.severity == IncidentSeverity::Critical ? WallLook::red()
                                  : first.severity == IncidentSeverity::Major  ? WallLook::amber()
                                                                               : WallLook::text();
        QVERIFY(countColor(incidents->grab().toImage(), firstColor) > 20);
        // Under each, what and where: the kind, the street and the district, as the desks' list says them.
        const auto &boardTexts = incidents->drawnTexts();
        const Labels::Whereabouts parts = Labels::whereabouts(wall.feed().scene().city(), first);
        const QString where = Labels::where(parts, first.position);
        QCOMPARE(where, Labels::where(wall.feed().scene().city(), first));
        const QString whatAndWhere = QStringLiteral("#%1 %2 · %3").arg(first.id % 100000).arg(Labels::incidentKind(first.kind), where);
        QVERIFY2(std::find(boardTexts.begin(), boardTexts.end(), whatAndWhere) != boardTexts.end(), qPrintable(whatAndWhere));
        // On a narrower panel the street is cut, not the district.
        const QFontMetrics metrics(wall.look().normal);
        const bool both = !parts.street.isEmpty() && !parts.district.isEmpty();
        // A third of the street's width less: room for part of it (or, without both parts, a quarter of the whole less).
        const int narrow = metrics.horizontalAdvance(whatAndWhere)
                           - (both ? metrics.horizontalAdvance(parts.street) / 3 : metrics.horizontalAdvance(whatAndWhere) / 4);
        const QString cut = incidents->whatAndWhere(first, narrow);
        QVERIFY2(metrics.horizontalAdvance(cut) <= narrow, qPrintable(cut));
        const QString what = whatAndWhere.left(whatAndWhere.size() - where.size());
        if (both) {
            // What is around the street, in the language's order: the district whole after (or before) the cut street.
            const QStringList around = Labels::streetInDistrict(QString(QChar(1)), parts.district).split(QChar(1));
            QCOMPARE(around.size(), 2);
            QVERIFY2(cut.startsWith(what + around[0]) && cut.endsWith(around[1]), qPrintable(cut));
            const QString streetShown = cut.mid(what.size() + around[0].size(), cut.size() - what.size() - around[0].size() - around[1].size());
            QVERIFY2(streetShown.size() >= 4 && streetShown.endsWith(QChar(0x2026)) && parts.street.startsWith(streetShown.chopped(1)),
                     qPrintable(cut));
        } else {
            QVERIFY2(cut.startsWith(what.left(3)) && cut.endsWith(QChar(0x2026)), qPrintable(cut));
        }
        // The city map spans two panels, draws the devices, and says whose roads they are.
        auto *map = dynamic_cast<WallMapTile *>(wall.tileAt(0, 0));
        QVERIFY(map && map == wall.tileAt(0, 1));
        QVERIFY(map->title().contains(QLatin1String("OpenStreetMap")));
        // Signals running their programs: drawn, in grey — no green and no red at an all-red, whatever their aspects.
        const QImage mapImage = map->grab().toImage();
        QVERIFY(countColor(mapImage, mapstyle::signalRunning(), 8) > 50);
        QCOMPARE(countColor(mapImage, mapstyle::signalGreen(), 30), 0);
        QCOMPARE(countColor(mapImage, mapstyle::signalRed(), 30), 0);
        // Nothing says NOT LIVE on a live wall.
        QVERIFY(wall.bannerText().isEmpty());
    }

    /// Signals held or pre-empted by a command are counted on the key figures, in the board's plain colours: they
    /// are off their programs on purpose (a green wave, a held junction), not abnormal.
    void heldSignalsAreCountedWithoutAlarm()
    {
        const auto city = test::networkCity();
        QVERIFY(city->signals.size() >= 3);
        Engine engine(city);
        engine.start(std::make_unique<HeldSignalsLink>(*city));
        {
            VideoWall wall(engine, WallLayout::builtIn());
            wall.show(false);
            QTRY_VERIFY_WITH_TIMEOUT((wall.refreshNow(), wall.feed().figures().signalsHeld == 2), 5000);
            QCOMPARE(wall.feed().figures().signalsFaulted, 0);
            auto *figures = dynamic_cast<KeyFiguresBoard *>(wall.tileAt(1, 2));
            QVERIFY(figures);
            const QImage image = figures->grab().toImage();
            const std::vector<QString> &texts = figures->drawnTexts();
            const auto at = std::find(texts.begin(), texts.end(), QStringLiteral("Signals held/pre-empted"));
            QVERIFY2(at != texts.end(), "the row is on the board, without the alarm mark");
            QVERIFY2(std::next(at) != texts.end() && *std::next(at) == QStringLiteral("2"), "and says how many");
            QVERIFY(std::find(texts.begin(), texts.end(), QStringLiteral("Signals fault/flash")) != texts.end());
            // Nothing on the board is amber: two held signals raise nothing.
            QCOMPARE(countColor(image, WallLook::amber(), 40), 0);
        }
        engine.stop();
    }

    /// A wall that records (started without --no-store) has no status bar and nobody reads its log: its key figures
    /// say when its recording is in trouble — in amber while it still records (its disk nearly full), in red once it
    /// records nothing (here its file reaches its size cap) — and a wall recording well says nothing of it.
    void aWallThatRecordsNothingSaysWhichDesksDoNot()
    {
        // The recommended wall records nothing (--no-store): the desks do. When a desk's signed status says its
        // recording stopped, or is at risk, the key figures say which desk under the clock — in red those that record
        // nothing, with its store's words where only one does; on a line of its own in amber those at risk; nothing
        // once they are well.
        LiveWall live;
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        auto *figures = dynamic_cast<KeyFiguresBoard *>(live.wall->tileAt(1, 2));
        QVERIFY(figures);
        const auto lineAt = [&](const QString &start) -> std::optional<QRect> {
            (void)figures->grab();
            const std::vector<QString> &texts = figures->drawnTexts();
            for (size_t i = 0; i < texts.size(); ++i)
                if (texts[i].startsWith(start))
                    return figures->drawnTextRects()[i];
            return std::nullopt;
        };
        const auto colourAt = [&](const QRect &rect, const QColor &color) { return countColor(figures->grab().toImage().copy(rect), color); };
        const auto figuresSay = [&] { return std::pair{live.wall->feed().figures().desksNotRecording, live.wall->feed().figures().desksRecordingAtRisk}; };
        using Said = std::pair<QString, QString>;
        QCOMPARE(figuresSay(), Said());
        QVERIFY(!lineAt(QStringLiteral("\u25B2 NOT RECORDING")) && !lineAt(QStringLiteral("\u25B2 RECORDING")));

        live.link->setDesksRecording({{QStringLiteral("desk-3"), false, {}}});
        // Taken at the wall's next look at its link (once a second).
        QTRY_COMPARE_WITH_TIMEOUT(figuresSay(), Said({}, QStringLiteral("\u25B2 RECORDING AT RISK AT DESK-3")), 5000);
        auto line = lineAt(QStringLiteral("\u25B2 RECORDING AT RISK AT DESK-3"));
        QVERIFY2(line, "the desk at risk is not on the wall");
        QVERIFY2(colourAt(*line, WallLook::amber()) > 50, "the line is not amber");
        QCOMPARE(colourAt(*line, WallLook::red()), 0);

        // desk-2 stops recording: in red, with its store's words, above desk-3 at risk (still amber, not cut off the
        // tile's edge by desk-2's words).
        live.link->setDesksRecording({{QStringLiteral("desk-2"), true, QStringLiteral("database or disk is full")}, {QStringLiteral("desk-3"), false, {}}});
        QTRY_COMPARE_WITH_TIMEOUT(figuresSay(), Said(QStringLiteral("\u25B2 NOT RECORDING AT DESK-2: DATABASE OR DISK IS FULL"),
                                                     QStringLiteral("\u25B2 RECORDING AT RISK AT DESK-3")), 5000);
        const auto stopped = lineAt(QStringLiteral("\u25B2 NOT RECORDING AT DESK-2"));
        QVERIFY2(stopped, "the desk that records nothing is not on the wall");
        QVERIFY2(colourAt(*stopped, WallLook::red()) > 50, "the line is not red");
        QCOMPARE(colourAt(*stopped, WallLook::amber()), 0);
        line = lineAt(QStringLiteral("\u25B2 RECORDING AT RISK AT DESK-3"));
        QVERIFY2(line, "the desk at risk is cut off by the desk that stopped");
        QVERIFY2(line->top() >= stopped->bottom(), "the desk at risk is not under the desk that stopped");
        QVERIFY2(colourAt(*line, WallLook::amber()) > 50, "the line is not amber");
        QCOMPARE(colourAt(*line, WallLook::red()), 0);
        // The two lines take the room of figure rows: what is normal gives way there, never an abnormal figure — a cut
        // field link is still said, where "Signals fault/flash 0" was.
        QVERIFY(lineAt(QStringLiteral("Signals fault/flash")) && !lineAt(QStringLiteral("\u25B2 Field link")));
        live.link->cut();
        QTRY_VERIFY_WITH_TIMEOUT(lineAt(QStringLiteral("\u25B2 Field link")), 5000);
        QVERIFY(!lineAt(QStringLiteral("Signals fault/flash")));
        QVERIFY(lineAt(QStringLiteral("\u25B2 RECORDING AT RISK AT DESK-3")));
        // Two stopped: both named, the words left to their desks.
        live.link->setDesksRecording({{QStringLiteral("desk-2"), true, QStringLiteral("database or disk is full")},
                                      {QStringLiteral("desk-4"), true, QStringLiteral("disk I/O error")}});
        QTRY_COMPARE_WITH_TIMEOUT(figuresSay(), Said(QStringLiteral("\u25B2 NOT RECORDING AT DESK-2, DESK-4"), {}), 5000);

        live.link->setDesksRecording({});
        QTRY_COMPARE_WITH_TIMEOUT(figuresSay(), Said(), 5000);
        QVERIFY(!lineAt(QStringLiteral("\u25B2 NOT RECORDING")) && !lineAt(QStringLiteral("\u25B2 RECORDING")));
    }

    void aWallThatRecordsSaysWhenItsRecordingIsInTrouble()
    {
        QTemporaryDir dir;
        const auto figuresOf = [](LiveWall &live) {
            auto *figures = dynamic_cast<KeyFiguresBoard *>(live.wall->tileAt(1, 2));
            return figures;
        };
        const auto says = [](KeyFiguresBoard *figures, const QString &start) {
            (void)figures->grab();
            const std::vector<QString> &texts = figures->drawnTexts();
            return std::any_of(texts.begin(), texts.end(), [&start](const QString &t) { return t.startsWith(start); });
        };
        // Pixels of `color` where the line starting with `start` was drawn (0: not drawn).
        const auto colourOf = [](KeyFiguresBoard *figures, const QString &start, const QColor &color) {
            const QImage image = figures->grab().toImage();
            const std::vector<QString> &texts = figures->drawnTexts();
            for (size_t i = 0; i < texts.size(); ++i)
                if (texts[i].startsWith(start))
                    return countColor(image.copy(figures->drawnTextRects()[i]), color);
            return 0;
        };
        {
            // Plenty of room: nothing said.
            EventStoreOptions options{dir.filePath(QStringLiteral("roomy.store"))};
            options.freeBytes = [] { return std::optional<std::int64_t>(400LL << 30); };
            auto store = EventStore::open(options, *test::networkCity());
            QVERIFY2(store.ok(), qPrintable(store.error()));
            LiveWall live(WallLayout::builtIn(), std::move(store).value());
            QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
            QTRY_VERIFY_WITH_TIMEOUT(live.engine.store()->stats().disk.has_value(), 5000);
            live.wall->refreshNow();
            QVERIFY2(live.wall->feed().figures().recordingTrouble.isEmpty(), qPrintable(live.wall->feed().figures().recordingTrouble));
            QVERIFY(!says(figuresOf(live), QStringLiteral("\u25B2 RECORDING")) && !says(figuresOf(live), QStringLiteral("\u25B2 NOT RECORDING")));
        }
        {
            // 100 MB left on its disk: still recording, said in amber.
            EventStoreOptions options{dir.filePath(QStringLiteral("low.store"))};
            options.freeBytes = [] { return std::optional<std::int64_t>(100LL << 20); };
            auto store = EventStore::open(options, *test::networkCity());
            QVERIFY2(store.ok(), qPrintable(store.error()));
            LiveWall live(WallLayout::builtIn(), std::move(store).value());
            QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
            KeyFiguresBoard *figures = figuresOf(live);
            QVERIFY(figures);
            QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), !live.wall->feed().figures().recordingTrouble.isEmpty()), 5000);
            QCOMPARE(live.wall->feed().figures().recordingTrouble, QStringLiteral("\u25B2 RECORDING DISK: 100 MiB LEFT"));
            QVERIFY(!live.wall->feed().figures().notRecording);
            QVERIFY(says(figures, QStringLiteral("\u25B2 RECORDING DISK: 100 MiB LEFT")));
            QVERIFY2(colourOf(figures, QStringLiteral("\u25B2 RECORDING DISK"), WallLook::amber()) > 50, "the line is not amber");
            QCOMPARE(colourOf(figures, QStringLiteral("\u25B2 RECORDING DISK"), WallLook::red()), 0);
        }
        {
            // Its file at its cap: nothing recorded any more, said in red with the store's own words.
            EventStoreOptions options{dir.filePath(QStringLiteral("capped.store"))};
            options.maxSizeMb = 1;
            auto store = EventStore::open(options, *test::networkCity());
            QVERIFY2(store.ok(), qPrintable(store.error()));
            LiveWall live(WallLayout::builtIn(), std::move(store).value());
            QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
            QTRY_VERIFY_WITH_TIMEOUT((live.wall->refreshNow(), live.wall->feed().figures().notRecording), 30'000);
            const QString said = live.wall->feed().figures().recordingTrouble;
            QVERIFY2(said.startsWith(QStringLiteral("\u25B2 NOT RECORDING: ")) && said.contains(QLatin1String("FULL")), qPrintable(said));
            KeyFiguresBoard *figures = figuresOf(live);
            QVERIFY(says(figures, QStringLiteral("\u25B2 NOT RECORDING: ")));
            QVERIFY2(colourOf(figures, QStringLiteral("\u25B2 NOT RECORDING: "), WallLook::red()) > 50, "the line is not red");
            // Within the tile, whatever the store's sentence: cut, not spilling over the next tile.
            for (const QRect &r : figures->drawnTextRects())
                QVERIFY(figures->rect().contains(r));
        }
        // Filling at a pace, and events already lost (its writer too far behind): both said, in one line.
        EventStore::Stats behind;
        behind.dropped = 12;
        behind.disk = DiskOutlook::Outlook{200LL << 20, 5 * 3600'000LL, 40LL << 20, true};
        QCOMPARE(WallFeed::recordingTroubleOf(behind), QStringLiteral("\u25B2 RECORDING DISK FULL IN 5 H 00 MIN \u00B7 12 EVENT(S) NOT RECORDED"));
        behind.disk->low = false;
        QCOMPARE(WallFeed::recordingTroubleOf(behind), QStringLiteral("\u25B2 12 EVENT(S) NOT RECORDED"));
        behind.checking = true;   // still checking its file: what waits in memory is not lost
        behind.dropped = 0;
        QCOMPARE(WallFeed::recordingTroubleOf(behind), QString());
    }

    /// The field link is cut: every field tile says so across its face, hatched; the clock tile keeps going.
    void aCutLinkIsSaidAcrossEveryTile()
    {
        WallLayout layout = WallLayout::builtIn();
        layout.tiles.push_back({WallTileKind::Clock, 1, 2, 1, 1});
        layout.tiles.erase(layout.tiles.begin() + 4);   // the key figures make room for a clock
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        WallTile *alarms = live.wall->tileAt(1, 1);
        const int hatchBefore = countColor(alarms->grab().toImage(), WallLook::noData(), 40);
        live.link->cut();
        QTRY_VERIFY_WITH_TIMEOUT(!alarms->staleText().isEmpty(), 5000);
        QVERIFY2(alarms->staleText().contains(QLatin1String("FIELD LINK")), qPrintable(alarms->staleText()));
        for (WallTile *t : live.wall->tiles())
            QCOMPARE(t->staleText().isEmpty(), dynamic_cast<ClockTile *>(t) != nullptr);
        const QImage after = alarms->grab().toImage();
        QVERIFY(countColor(after, WallLook::noData(), 40) > hatchBefore + 200);
        const int smallest = *std::min_element(alarms->drawnCapHeights().begin(), alarms->drawnCapHeights().end());
        QVERIFY(smallest >= live.wall->look().minCapPx);
    }

    /// SUMO stops under the embedded simulator: the lamps, feeders and incidents still report, so their tiles stay
    /// clear; the key figures say the link is degraded (and the signals SUMO ran go magenta on the map themselves).
    void aStoppedSumoDoesNotHatchWhatStillReports()
    {
        WallLayout layout = WallLayout::builtIn();
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        live.link->sumoStops();
        QTRY_COMPARE_WITH_TIMEOUT(live.wall->feed().figures().link, LinkState::Degraded, 5000);
        live.wall->refreshNow();
        for (WallTile *t : live.wall->tiles())
            QVERIFY2(t->staleText().isEmpty(), qPrintable(t->staleText()));
        bool said = false;
        for (WallTile *t : live.wall->tiles()) {
            (void)t->grab();   // drawn now, as it stands (not whatever the last paint, maybe before the link turned, drew)
            for (const QString &text : t->drawnTexts())
                said = said || text.contains(Labels::linkState(LinkState::Degraded).toUpper());
        }
        QVERIFY2(said, "the key figures name the degraded link");
    }

    /// Data that stops coming, with the link still up: after the layout's threshold every field tile says how long.
    void dataOlderThanTheThresholdIsSaid()
    {
        LiveWall live;
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        WallFeed &feed = live.wall->feed();
        const std::int64_t real = QDateTime::currentMSecsSinceEpoch();
        feed.setClock([real] { return real + 10 * 60'000; });   // ten minutes later, nothing new
        for (WallTile *t : live.wall->tiles())
            t->checkStale();
        QVERIFY2(live.wall->tileAt(1, 0)->staleText().startsWith(QLatin1String("NO DATA FOR")), qPrintable(live.wall->tileAt(1, 0)->staleText()));
        QVERIFY(countColor(live.wall->tileAt(1, 0)->grab().toImage(), WallLook::noData(), 40) > 200);
    }

    /// Before the field has said anything, the wall says so: no "0.0 MW", every field tile marked NO DATA YET.
    void nothingReportedYetIsNotZero()
    {
        const auto city = test::networkCity();
        Engine engine(city);
        engine.start(std::make_unique<SilentLink>());
        {
            VideoWall wall(engine, WallLayout::builtIn());
            wall.show(false);
            QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 5000);
            wall.refreshNow();
            QVERIFY(!wall.feed().loadKnown());
            WallTile *energy = wall.tileAt(1, 0);
            // The feed hears of the link's state on its own (queued, or the next second's tick).
            QTRY_COMPARE_WITH_TIMEOUT((energy->checkStale(), energy->staleText()), QStringLiteral("NO DATA YET"), 5000);
            QVERIFY(countColor(energy->grab().toImage(), WallLook::noData(), 40) > 200);
        }
        engine.stop();
    }

    /// During replay the whole wall says NOT LIVE across every panel.
    void replayIsNotLive()
    {
        LiveWall live;
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        PastSource past(live.engine, live.engine.clock().nowMs() - 3600'000);
        live.wall->live().setSource(&past);
        live.wall->refreshNow();
        QVERIFY(live.wall->bannerText().startsWith(QLatin1String("NOT LIVE")));
        for (const QImage &panel : live.wall->grabPanels())
            QVERIFY(countColor(panel.copy(0, 0, panel.width(), 60), WallLook::replay()) > 1000);
        live.wall->live().setSource(nullptr);
        live.wall->refreshNow();
        QVERIFY(live.wall->bannerText().isEmpty());
    }

    /// "Show on wall" from a desk on the same machine: the incident appears on the map tile; a made-up incident, a
    /// malformed line and a wall that is not there are answered with a sentence and change nothing.
    void aDeskPutsAnIncidentOnTheWall()
    {
        // Where a wall listens unless told otherwise: a folder only its user may enter, not /tmp where anyone could
        // put a socket of their own under the name first and answer the desks in the wall's place.
        const QFileInfo runtime(QFileInfo(WallRemote::defaultName()).absolutePath());
        QVERIFY2(runtime.isDir() && runtime.ownerId() == ::geteuid(), qPrintable(runtime.absoluteFilePath()));
        QCOMPARE(runtime.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther),
                 QFile::Permissions{});
        QVERIFY(runtime.absoluteFilePath() != QDir::tempPath());
        LiveWall live;
        QTRY_VERIFY_WITH_TIMEOUT(live.settled(), 15'000);
        const QString name = QStringLiteral("cityops-wall-test-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(live.wall->listenForDesks(name));
        auto ask = [&](const WallRequest &request, const QString &server) -> Result<QString> {
            std::optional<Result<QString>> answer;
            sendToWall(request, [&answer](Result<QString> r) { answer = std::move(r); }, server, 3000);
            if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
                return makeError(QStringLiteral("(the test got no answer)"));
            return *answer;
        };
        auto *map = dynamic_cast<WallMapTile *>(live.wall->tileAt(0, 0));
        QVERIFY(map);
        const IncidentId id = live.wall->feed().incidents().front().id;
        WallRequest request;
        request.incident = id;
        request.seconds = 30;
        const auto shown = ask(request, name);
        QVERIFY2(shown, qPrintable(shown.error()));
        QVERIFY(map->pushedTitle().startsWith(QStringLiteral("INCIDENT #%1").arg(id)));
        request.incident = 999'999;
        const auto unknown = ask(request, name);
        QVERIFY(!unknown && unknown.error().contains(QLatin1String("no open incident")));
        request.row = 0;
        request.column = 2;   // the incident board, not a map
        request.incident = id;
        const auto notAMap = ask(request, name);
        QVERIFY(!notAMap && notAMap.error().contains(QLatin1String("does not show a map")));
        QLocalSocket raw;
        raw.connectToServer(name);
        QVERIFY(raw.waitForConnected(3000));
        raw.write("{\"v\":1,\"show\":\"everything\"}\n");
        QTRY_VERIFY_WITH_TIMEOUT(raw.canReadLine(), 3000);
        QVERIFY(raw.readLine().contains("incident, device or district"));
        QVERIFY(map->pushedTitle().startsWith(QStringLiteral("INCIDENT #%1").arg(id)));   // unchanged
        const auto nobody = ask(WallRequest{}, name + QStringLiteral("-nobody"));
        QVERIFY(!nobody && nobody.error().contains(QLatin1String("no wall is listening")));

        // Over the broker the request arrives through the engine (an operations message another console signed, that
        // this wall's directory allowed): the wall shows it; one it cannot read changes nothing and shows no dialog.
        WallRequest device;
        device.kind = WallRequest::Kind::Device;
        device.device = live.city->devices[live.city->signals.front().device].id;
        device.seconds = 20;
        Q_EMIT live.engine.wallRequested(QStringLiteral("olga"), QString::fromUtf8(device.encode()));
        QTRY_VERIFY_WITH_TIMEOUT(map->pushedTitle() == device.device.toUpper(), 3000);
        Q_EMIT live.engine.wallRequested(QStringLiteral("olga"), QStringLiteral("{\"v\":1,\"show\":\"everything\"}"));
        // The engine's signal reaches the wall directly (one thread): refused by the time the emit returns.
        QCOMPARE(map->pushedTitle(), device.device.toUpper());
        QVERIFY(QApplication::activeModalWidget() == nullptr);
    }

    void mapsTakeTurnsAndEachShowsEveryChange()
    {
        WallLayout layout;   // two maps side by side, as the bench's wall has them
        layout.rows = 1;
        layout.columns = 2;
        layout.tiles = {{WallTileKind::CityMap, 0, 0, 1, 1, -1, 0}, {WallTileKind::DistrictMap, 0, 1, 1, 1, 0, 0}};
        LiveWall live(layout);
        QTRY_VERIFY_WITH_TIMEOUT(live.engine.linkStatus().state == LinkState::Connected, 20'000);
        std::vector<WallMapTile *> maps;
        for (WallTile *t : live.wall->tiles())
            if (auto *m = dynamic_cast<WallMapTile *>(t))
                maps.push_back(m);
        QCOMPARE(maps.size(), size_t(2));
        struct PaintCount : QObject {
            std::map<QObject *, int> n;
            bool eventFilter(QObject *o, QEvent *e) override
            {
                if (e->type() == QEvent::Paint)
                    ++n[o];
                return false;
            }
        } paints;
        for (WallMapTile *m : maps)
            m->installEventFilter(&paints);
        // Devices change (the simulated city moves on): one map repaints in this frame, the other waits its turn.
        QSignalSpy changed(&live.wall->live(), &LiveCity::devicesChanged);
        QVERIFY(QTest::qWaitFor([&] {
            live.wall->live().refresh();
            return !changed.isEmpty();
        }, 10'000));
        QCOMPARE(int(std::count_if(maps.begin(), maps.end(), [](WallMapTile *m) { return m->stale(); })), 2);
        QCoreApplication::sendPostedEvents(live.wall.get(), QEvent::MetaCall);   // the refresh is done: one map is served
        QCOMPARE(int(std::count_if(maps.begin(), maps.end(), [](WallMapTile *m) { return m->stale(); })), 1);
        // Within a few frames both have painted what changed.
        QTRY_VERIFY_WITH_TIMEOUT(std::none_of(maps.begin(), maps.end(), [](WallMapTile *m) { return m->stale(); }), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(paints.n[maps[0]] > 0 && paints.n[maps[1]] > 0, 1000);
        for (WallMapTile *m : maps)
            m->removeEventFilter(&paints);
    }

    /// A map draws what changed on the wall's map thread: the paint right after the change still shows the last
    /// frame (nothing was rendered on the GUI thread), and the finished frame shows the change.
    void aMapRendersChangesOffTheGuiThread()
    {
        QuietMapWall quiet;
        const auto &city = quiet.city;
        VideoWall &wall = *quiet.wall;
        QTRY_VERIFY_WITH_TIMEOUT(wall.feed().staleReason().isEmpty(), 5000);   // live data: no overlay over the map
        wall.refreshNow();
        auto *map = quiet.map();
        QVERIFY(map);
        const QColor critical(0xff, 0x3b, 0x30);
        QCOMPARE(countColor(map->grab().toImage(), critical, 30), 0);
        const int rendersBefore = map->backgroundRenders();
        Incident fire;
        fire.id = 77;
        fire.severity = IncidentSeverity::Critical;
        fire.state = IncidentState::New;
        fire.position = city->operationalBounds().center();
        wall.live().scene().incidents.push_back(fire);
        map->markDevicesChanged();
        map->repaintDevices();
        QCOMPARE(countColor(map->grab().toImage(), critical, 30), 0);   // the last frame, until the new one is ready
        QTRY_VERIFY_WITH_TIMEOUT(countColor(map->grab().toImage(), critical, 30) > 20, 5000);
        QVERIFY(map->backgroundRenders() > rendersBefore);   // (the wall may have served it more since)
    }

    /// In a busy city incidents change many times a second; the incident board repaints only when what it shows
    /// changed (a pull that changes nothing on it paints nothing), and at most four times a second.
    void theIncidentBoardRepaintsOnlyForWhatItShows()
    {
        auto city = test::networkCity();
        Engine engine(city);
        engine.start(std::make_unique<OneReportLink>());   // nothing moves: only the test's pulls
        WallLayout layout;
        layout.rows = 1;
        layout.columns = 1;
        layout.tiles = {{WallTileKind::Incidents, 0, 0, 1, 1, -1, 0}};
        VideoWall wall(engine, layout);
        wall.show(false);
        wall.refreshNow();
        auto *board = dynamic_cast<IncidentBoard *>(wall.tileAt(0, 0));
        QVERIFY(board);
        struct PaintCount : QObject {
            int n = 0;
            bool eventFilter(QObject *, QEvent *e) override
            {
                n += e->type() == QEvent::Paint;
                return false;
            }
        } paints;
        (void)board->grab();
        QCoreApplication::processEvents();
        board->installEventFilter(&paints);
        for (int i = 0; i < 50; ++i)
            Q_EMIT wall.feed().incidentsChanged();   // nothing on the board changed
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(paints.n, 0);
        board->removeEventFilter(&paints);
        engine.stop();
    }

    /// A district map shows one district and goes on to the next; a place pushed to it is shown for a while.
    void aDistrictMapRotatesAndTakesAPushedPlace()
    {
        WallLayout layout;
        layout.rows = 1;
        layout.columns = 1;
        layout.tiles = {{WallTileKind::DistrictMap, 0, 0, 1, 1, 0, 5}};
        LiveWall live(layout);
        auto *map = dynamic_cast<WallMapTile *>(live.wall->tileAt(0, 0));
        QVERIFY(map);
        QCOMPARE(map->district(), 0);
        if (live.city->districts.size() > 1)
            QTRY_COMPARE_WITH_TIMEOUT(map->district(), 1, 8000);
        map->showPlace(live.city->devices.front().position, QStringLiteral("INCIDENT #6"), 1);
        QCOMPARE(map->pushedTitle(), QStringLiteral("INCIDENT #6"));
        const int during = map->district();
        QTRY_VERIFY_WITH_TIMEOUT(map->pushedTitle().isEmpty(), 3000);   // back to its layout after its time
        QCOMPARE(map->district(), during);                               // the rotation waited meanwhile
    }
};

QTEST_MAIN(TestWall)
#include "tst_wall.moc"
