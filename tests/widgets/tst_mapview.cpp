#include "labels.h"
#include "map/mapsearch.h"
#include "map/mapstyle.h"
#include "map/labellayer.h"
#include "map/mapview.h"
#include "testcity.h"

#include "base/random.h"

#include <QSignalSpy>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {
/// A map view over the test city, shown at 800 x 600 with every device normal.
struct ShownView {
    CityMirror scene;
    MapView view;
    explicit ShownView(std::shared_ptr<const CityModel> city) : scene(std::move(city)), view(scene)
    {
        setNormal(scene);
        view.resize(800, 600);
        view.show();
    }
};
} // namespace

class TestMapView : public QObject {
    Q_OBJECT
    std::shared_ptr<const CityModel> m_city = makeCity();

private Q_SLOTS:
    void streetNamesAsSpaceAllows()
    {
        ShownView shown(m_city);
        MapView &view = shown.view;
        view.renderer().setAsyncBasemap(false);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto *labels = dynamic_cast<const LabelLayer *>(view.renderer().layer(QStringLiteral("labels")));
        QVERIFY(labels);
        const GeoPoint c = m_city->devices.front().position;
        // Zoomed out: no street names (district names only).
        view.centerOn(c, 14.0);
        QVERIFY(labels->place(view.viewport()).empty());
        // Close up: the main road first, nothing overlapping, inside the view.
        view.centerOn(c, 17.5);
        const auto placed = labels->place(view.viewport());
        QVERIFY(!placed.empty());
        QCOMPARE(placed.front().text, QStringLiteral("Rudower Chaussee"));
        for (size_t i = 0; i < placed.size(); ++i) {
            QVERIFY(QRectF(view.rect()).contains(placed[i].box));
            QVERIFY(std::abs(placed[i].angleDeg) <= 90.0);   // never upside down
            for (size_t j = i + 1; j < placed.size(); ++j)
                QVERIFY(!placed[i].box.intersects(placed[j].box));
            // Clear of the signal at the junction.
            QVERIFY(!placed[i].box.contains(view.viewport().toScreen(m_city->devices[kSignal].position)));
        }
        // Drawn: light text pixels inside the label's box that are not there without the layer.
        const QImage with = view.grab().toImage();
        view.setLayerVisible(QStringLiteral("labels"), false);
        const QImage without = view.grab().toImage();
        int differing = 0;
        const QRect box = placed.front().box.toAlignedRect();
        for (int y = box.top(); y <= box.bottom(); ++y)
            for (int x = box.left(); x <= box.right(); ++x)
                differing += with.pixel(x, y) != without.pixel(x, y);
        QVERIFY2(differing > 30, qPrintable(QString::number(differing)));
    }

    void gridPickingMatchesEveryDevice()
    {
        // A few thousand lamps scattered over the test city: the grid's answers must equal looking at every device.
        auto city = std::make_shared<CityModel>(*m_city);
        Random rng(5);
        const GeoPoint c = city->devices.front().position;
        for (int i = 0; i < 3000; ++i) {
            const GeoPoint p{c.lon - 0.006 + rng.uniform() * 0.012, c.lat - 0.004 + rng.uniform() * 0.008};
            StreetlightInfo lamp;
            lamp.device = city->addDevice({QStringLiteral("sl/r%1").arg(i), DeviceKind::Streetlight, p, 0,
                                           static_cast<int>(city->streetlights.size()), true});
            city->streetlights.push_back(lamp);
        }
        city->finalize();
        ShownView shown(city);
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.centerOn(c, 17.0);
        const MapViewport &vp = view.viewport();

        // Hit-testing: nearest lamp within 10 px, ties to the lower index.
        for (int k = 0; k < 300; ++k) {
            const QPointF pos(rng.uniform() * 800, rng.uniform() * 600);
            double best = 100.0;
            std::optional<DeviceIndex> expected;
            for (DeviceIndex d = 0; d < city->devices.size(); ++d) {
                if (city->devices[d].kind != DeviceKind::Streetlight)
                    continue;
                const QPointF v = vp.toScreen(city->devices[d].position) - pos;
                const double d2 = v.x() * v.x() + v.y() * v.y();
                if (d2 < best || (d2 == best && expected && d < *expected)) {
                    best = d2;
                    expected = d;
                }
            }
            const auto hit = view.renderer().layer(QStringLiteral("streetlights"))->hitTest(vp, pos, 10.0);
            QCOMPARE(hit.has_value(), expected.has_value());
            if (hit)
                QCOMPARE(hit->id, *expected);
        }

        // Lasso: a star-shaped polygon picks exactly the drawn devices inside it.
        QPolygonF star;
        for (int i = 0; i < 10; ++i) {
            const double a = i * M_PI / 5, r = i % 2 ? 120 : 280;
            star << QPointF(400 + r * std::cos(a), 300 + r * std::sin(a));
        }
        std::vector<DeviceIndex> expected;
        for (DeviceIndex d = 0; d < city->devices.size(); ++d)
            if (star.containsPoint(vp.toScreen(city->devices[d].position), Qt::OddEvenFill))
                expected.push_back(d);
        QVERIFY(expected.size() > 100);
        QCOMPARE(view.devicesIn(star), expected);
        // Hidden layers cannot be picked.
        view.setLayerVisible(QStringLiteral("streetlights"), false);
        for (DeviceIndex d : view.devicesIn(star))
            QVERIFY(city->devices[d].kind != DeviceKind::Streetlight);
        view.setLayerVisible(QStringLiteral("streetlights"), true);

        // Rubber band with the mouse: Shift+drag picks the rectangle's devices, drawn ringed; Esc clears.
        QSignalSpy picked(&view, &MapView::pickedChanged);
        const QPoint a(200, 150), b(520, 430);
        QTest::mousePress(&view, Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(&view, QPoint(300, 250));
        QTest::mouseMove(&view, b);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::ShiftModifier, b);
        QCOMPARE(picked.count(), 1);
        const std::vector<DeviceIndex> inRect = view.devicesIn(QPolygonF(QRectF(a, b)));
        QCOMPARE(shown.scene.picked, inRect);
        QCOMPARE(picked.at(0).at(0).toInt(), int(inRect.size()));
        // Each picked device gets a white ring (radius 7 px): look for near-white pixels on it.
        const QImage shot = view.grab().toImage();
        int ringed = 0;
        for (DeviceIndex d : inRect) {
            const QPointF p = vp.toScreen(city->devices[d].position);
            bool white = false;
            for (int k = 0; k < 16 && !white; ++k) {
                const QPoint q = (p + QPointF(7 * std::cos(k * M_PI / 8), 7 * std::sin(k * M_PI / 8))).toPoint();
                const QColor c = shot.pixelColor(q);
                white = c.red() > 215 && c.green() > 215 && c.blue() > 215;
            }
            ringed += white;
        }
        QVERIFY2(ringed > int(inRect.size()) * 9 / 10, qPrintable(QStringLiteral("%1 of %2 ringed").arg(ringed).arg(inRect.size())));
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(shown.scene.picked.empty());
        // A plain drag still pans and picks nothing.
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(&view, b);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, b);
        QVERIFY(shown.scene.picked.empty());
    }

    void showsTheCityFittedAndLive()
    {
        CityMirror scene(m_city);
        setNormal(scene, 3);
        MapView view(scene);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Whole city in view on start.
        for (const DeviceInfo &d : m_city->devices)
            QVERIFY(view.rect().contains(view.viewport().toScreen(d.position).toPoint()));
        QImage shot = view.grab().toImage();
        const QPoint signal = view.viewport().toScreen(m_city->devices[kSignal].position).toPoint();
        QCOMPARE(shot.pixelColor(signal), mapstyle::signalRunning());
        // Live change: a fault shows after sceneChanged().
        scene.states[kSignal].fault = true;
        view.sceneChanged();
        shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(signal), mapstyle::alarmAmber());
    }

    void keyboardNavigation()
    {
        ShownView shown(m_city);
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const double z0 = view.viewport().zoom();
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.viewport().zoom(), z0 + 0.5);
        QTest::keyClick(&view, Qt::Key_PageDown);
        QTest::keyClick(&view, Qt::Key_Minus);
        QCOMPARE(view.viewport().zoom(), z0 - 0.5);
        const QPointF before = view.viewport().center();
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(view.viewport().center().x() > before.x()); // the map moves so we see further east
        QTest::keyClick(&view, Qt::Key_Up);
        QVERIFY(view.viewport().center().y() < before.y()); // and further north
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.viewport().zoom(), z0);
    }

    void clickSelectsAndEscapeClears()
    {
        ShownView shown(m_city);
        CityMirror &scene = shown.scene;
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &MapView::selectionChanged);
        const QPoint feeder = view.viewport().toScreen(m_city->devices[kFeeder].position).toPoint();
        QTest::mouseClick(&view, Qt::LeftButton, {}, feeder + QPoint(2, 1));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(scene.selection, (MapSelection{MapSelection::Kind::Device, kFeeder}));
        // The selection ring is drawn in white around it.
        const QImage shot = view.grab().toImage();
        QVERIFY(colourDistance(shot.pixelColor(feeder + QPoint(15, 0)), mapstyle::selection()) < 80);
        QTest::keyClick(&view, Qt::Key_Escape);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(scene.selection.kind, MapSelection::Kind::None);
    }

    void legendAndDescriptions()
    {
        ShownView shown(m_city);
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // The legend box sits bottom left, above the scale bar, in its dark panel colour.
        const QImage withLegend = view.grab().toImage();
        view.setLegendVisible(false);
        const QImage without = view.grab().toImage();
        int differing = 0;
        for (int y = view.height() / 2; y < view.height() - 40; y += 2)
            for (int x = 10; x < 200; x += 2)
                differing += withLegend.pixelColor(x, y) != without.pixelColor(x, y) ? 1 : 0;
        QVERIFY2(differing > 500, qPrintable(QString::number(differing)));
        // Tooltips describe what is under the pointer in words.
        shown.scene.states[kFeeder].value = 4600;
        QVERIFY(view.describe({MapSelection::Kind::Device, kFeeder}).contains(QLatin1String("92 % of rating")));
        QVERIFY(view.describe({MapSelection::Kind::Device, kSignal}).contains(QLatin1String("GGr")));
        shown.scene.states[kLight].fault = true;
        QVERIFY(view.describe({MapSelection::Kind::Device, kLight}).contains(QLatin1String("lamp fault")));
        QVERIFY(view.describe({}).isEmpty());
    }

    void theLegendNamesTheDistrictsWhoseTrafficNobodyCounts()
    {
        // Roads are shaded where traffic stands; a district nobody counts has bare roads that would read as free-flowing,
        // so the legend names it, with a line in the not-reporting colour.
        ShownView shown(m_city);
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        shown.scene.nowMs = 1'000'000;
        shown.scene.roads.timeMs = shown.scene.nowMs;
        shown.scene.roads.roads = {RoadTraffic{0, 4, 0, 80, RoadEnd::Unknown}};
        const auto inLegend = [&](const QColor &colour) {
            view.update();
            const QImage image = view.grab().toImage();
            int pixels = 0;
            for (int y = view.height() / 3; y < view.height() - 40; ++y)
                for (int x = 10; x < 40; ++x)
                    pixels += image.pixelColor(x, y) == colour ? 1 : 0;
            return pixels;
        };
        const auto notReportingInLegend = [&] { return inLegend(mapstyle::noData()); };
        const int counted = notReportingInLegend();   // the "Not reporting" device's ring only
        const int greyCounted = inLegend(mapstyle::signalDark());   // its dark disc
        shown.scene.roads.uncounted = {0};
        const int uncounted = notReportingInLegend();
        QVERIFY2(uncounted > counted + 10, qPrintable(QStringLiteral("%1 against %2").arg(uncounted).arg(counted)));
        QCOMPARE(inLegend(mapstyle::signalDark()), greyCounted);
        // Its gateway has just started and its first count is awaited: said in grey, not in the not-reporting colour.
        shown.scene.roads.awaited = {0};
        QCOMPARE(notReportingInLegend(), counted);
        const int greyAwaited = inLegend(mapstyle::signalDark());
        QVERIFY2(greyAwaited > greyCounted + 10, qPrintable(QStringLiteral("%1 against %2").arg(greyAwaited).arg(greyCounted)));
        shown.scene.roads.awaited.clear();
        // Only while traffic is measured: an old picture says nothing about anybody's roads.
        shown.scene.nowMs += kRoadTrafficStaleMs + 1;
        QCOMPARE(notReportingInLegend(), counted);

        // In words: the districts by name, the first few of a long list, and all of several as "any district".
        CityModel many = *m_city;
        for (const char *name : {"Nord", "Süd", "Ost", "West", "Mitte"})
            many.districts.push_back({QString::fromUtf8(name), QString::fromUtf8(name), {}, false});
        QCOMPARE(Labels::trafficNotCounted(*m_city, {0}), QStringLiteral("Traffic not counted in Centre"));
        QCOMPARE(Labels::trafficNotCounted(many, {1, 3}), QStringLiteral("Traffic not counted in Nord; Ost"));
        QCOMPARE(Labels::trafficNotCounted(many, {0, 1, 2, 3, 4}), QStringLiteral("Traffic not counted in Centre; Nord; Süd and 2 more"));
        QCOMPARE(Labels::trafficNotCounted(many, {0, 1, 2, 3, 4, 5}), QStringLiteral("Traffic not counted in any district"));
        QCOMPARE(Labels::trafficAwaited(many, {1, 3}), QStringLiteral("Traffic not yet counted in Nord; Ost"));
        QCOMPARE(Labels::trafficAwaited(many, {0, 1, 2, 3, 4, 5}), QStringLiteral("Traffic not yet counted in any district"));
    }

    void search()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        Incident incident;
        incident.id = 42;
        incident.position = m_city->devices[kFeeder].position;
        scene.incidents = {incident};
        auto hit = searchCity(scene, QStringLiteral("#42"));
        QVERIFY(hit && hit->kind == SearchHit::Kind::Incident && hit->id == 42);
        hit = searchCity(scene, QStringLiteral("42"));
        QVERIFY(hit && hit->kind == SearchHit::Kind::Incident);
        hit = searchCity(scene, QStringLiteral("sig/J1"));
        QVERIFY(hit && hit->kind == SearchHit::Kind::Device && hit->id == kSignal);
        hit = searchCity(scene, QStringLiteral("fdr/1")); // unique prefix
        QVERIFY(hit && hit->kind == SearchHit::Kind::Device && hit->id == kFeeder);
        hit = searchCity(scene, QStringLiteral("rudower"));  // street, case-insensitive prefix
        QVERIFY(hit && hit->kind == SearchHit::Kind::Street);
        QCOMPARE(hit->label, QStringLiteral("Rudower Chaussee"));
        QVERIFY(hit->box.maxLon - hit->box.minLon > 0.007); // the whole street
        hit = searchCity(scene, QStringLiteral("dornstr"));  // contained
        QVERIFY(hit && hit->label == QStringLiteral("Wegedornstraße"));
        QVERIFY(!searchCity(scene, QStringLiteral("Alexanderplatz")));
        QVERIFY(!searchCity(scene, QStringLiteral("   ")));
        QVERIFY(!searchCity(scene, QStringLiteral("#7"))); // no such incident
        QVERIFY(searchVocabulary(*m_city).contains(QStringLiteral("Rudower Chaussee")));
        QVERIFY(!searchVocabulary(*m_city).contains(QStringLiteral("sl/e1/1"))); // streetlights would drown the list
    }

    void dragPansAndWheelZoomsAboutThePointer()
    {
        ShownView shown(m_city);
        CityMirror &scene = shown.scene;
        MapView &view = shown.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPointF signalBefore = view.viewport().toScreen(m_city->devices[kSignal].position);
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(100, 100));
        QMouseEvent move(QEvent::MouseMove, QPointF(160, 130), view.mapToGlobal(QPointF(160, 130)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(160, 130));
        const QPointF signalAfter = view.viewport().toScreen(m_city->devices[kSignal].position);
        QVERIFY((signalAfter - signalBefore - QPointF(60, 30)).manhattanLength() < 0.5);
        QCOMPARE(scene.selection.kind, MapSelection::Kind::None); // a drag is not a click

        const QPointF anchor(300, 200);
        const GeoPoint under = view.viewport().toGeo(anchor);
        QWheelEvent wheel(anchor, view.mapToGlobal(anchor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        const QPointF still = view.viewport().toScreen(under);
        QVERIFY((still - anchor).manhattanLength() < 0.01);
    }
};

QTEST_MAIN(TestMapView)
#include "tst_mapview.moc"
