#include "city/syntheticdevices.h"
#include "base/random.h"
#include "map/devicelayers.h"
#include "map/maprenderer.h"
#include "map/mapstyle.h"
#include "testcity.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestMapRenderer : public QObject {
    Q_OBJECT

    std::shared_ptr<const CityModel> m_city = makeCity();

    MapViewport viewport(double zoom = 16.5) const
    {
        MapViewport v;
        v.setSize(QSize(800, 600));
        v.setCenterGeo(m_city->devices[kSignal].position);
        v.setZoom(zoom);
        return v;
    }

    QImage render(CityMirror &scene, const MapViewport &v, MapRenderer *renderer = nullptr) const
    {
        QImage image(v.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        QPainter painter(&image);
        MapRenderer own(scene);
        (renderer ? *renderer : own).render(painter, v);
        return image;
    }

    /// The test city with 20,000 synthetic lamps along its roads.
    std::shared_ptr<const CityModel> withManyLamps() const
    {
        auto big = std::make_shared<CityModel>(*m_city);
        addSyntheticDevices(*big, 20'000, 3);
        return big;
    }
    static void allLit(CityMirror &scene)
    {
        for (DeviceState &s : scene.states) {
            s.reported = s.online = true;
            s.level = 100;
            s.version = 1;
        }
    }
    static MapViewport wholeCity(const CityModel &city)
    {
        MapViewport v;
        v.setSize(QSize(800, 600));
        v.fit(city.bounds);
        return v;
    }

    QColor at(const QImage &image, const MapViewport &v, DeviceIndex device, QPointF offset = {}) const
    {
        const QPointF p = v.toScreen(m_city->devices[device].position) + offset;
        return image.pixelColor(p.toPoint());
    }

private Q_SLOTS:
    void viewportProjection()
    {
        MapViewport v = viewport();
        const GeoPoint p = m_city->devices[kFeeder].position;
        const GeoPoint back = v.toGeo(v.toScreen(p));
        QVERIFY(std::abs(back.lon - p.lon) < 1e-9 && std::abs(back.lat - p.lat) < 1e-9);
        QCOMPARE(v.toScreen(m_city->devices[kSignal].position), QPointF(400, 300)); // centred
        // North is up, east is right.
        QVERIFY(v.toScreen({p.lon, p.lat + 0.001}).y() < v.toScreen(p).y());
        QVERIFY(v.toScreen({p.lon + 0.001, p.lat}).x() > v.toScreen(p).x());
        // Web Mercator at zoom 0: the world is 256 px; Greenwich/equator at its centre.
        QCOMPARE(MapViewport::project({0, 0}), QPointF(0.5, 0.5));
        // Fitting the city shows all of it.
        v.fit(m_city->bounds);
        for (const DeviceInfo &d : m_city->devices)
            QVERIFY(QRectF(QPointF(0, 0), QSizeF(v.size())).contains(v.toScreen(d.position)));
    }

    /// A signal running its program is grey at any distance, whatever its aspect (ISA-101: a map of green discs with a
    /// red one at each all-red would be colour for what is normal); close in, its heads show the aspects.
    void aSignalRunningItsProgramIsGrey_data()
    {
        QTest::addColumn<int>("phase");
        QTest::newRow("GGr") << 0;
        QTest::newRow("yyr") << 1;
        QTest::newRow("rrG") << 2;
        QTest::newRow("rrr (all red)") << 3;
    }
    void aSignalRunningItsProgramIsGrey()
    {
        QFETCH(int, phase);
        for (double zoom : {14.0, 16.5, 18.0}) {
            CityMirror scene(m_city);
            setNormal(scene, phase);
            const MapViewport v = viewport(zoom);
            const QImage image = render(scene, v);
            QCOMPARE(at(image, v, kSignal), mapstyle::signalRunning());
        }
    }

    /// Queues on a signal's approaches (co-simulation): drawn back the way the traffic comes, as long as the queue;
    /// quiet grey while normal, amber when long, red when it spills back; nothing for a signal that is silent.
    void queuesDrawnBackAlongTheirApproach()
    {
        auto city = std::make_shared<CityModel>(*m_city);
        city->signals[0].links = {{0, QStringLiteral("Main Street"), 90, u's', {}}, {1, QStringLiteral("Side Street"), 0, u's', {}}};
        QCOMPARE(city->signals[0].device, kSignal);
        CityMirror scene(city);
        setNormal(scene);
        scene.traffic.resize(city->signals.size());
        // From the west (driving east), 300 m: it spills back. From the south (driving north), 160 m: long.
        scene.traffic[0] = {1, {{0, 40, 45, 80, 300}, {1, 21, 25, 60, 160}}};
        const MapViewport v = viewport(16.0);
        const double px = 1.0 / v.metresPerPixel();
        QImage image = render(scene, v);
        QVERIFY(colourDistance(at(image, v, kSignal, {-80 * px, 0}), mapstyle::alarmRed()) < 60);    // west, on the queue
        QVERIFY(colourDistance(at(image, v, kSignal, {-280 * px, 0}), mapstyle::alarmRed()) < 60);   // its far end
        QVERIFY(colourDistance(at(image, v, kSignal, {80 * px, 0}), mapstyle::alarmRed()) > 150);    // nothing east
        QVERIFY(colourDistance(at(image, v, kSignal, {0, 100 * px}), mapstyle::alarmAmber()) < 60);  // south, long
        QVERIFY(colourDistance(at(image, v, kSignal, {0, -100 * px}), mapstyle::alarmAmber()) > 150); // nothing north
        // A normal queue (60 m) is grey: no alarm colour on it.
        scene.traffic[0].approaches[1].queueM = 60;
        image = render(scene, v);
        QVERIFY(colourDistance(at(image, v, kSignal, {0, 45 * px}), mapstyle::queueColor(QueueLevel::Normal)) < 60);
        // A signal that is not reporting shows no queue: nobody measures it now.
        scene.states[kSignal].online = false;
        image = render(scene, v);
        QVERIFY(colourDistance(at(image, v, kSignal, {-80 * px, 0}), mapstyle::alarmRed()) > 150);
    }

    /// A queue follows the street it stands on, from that street's stop line: round a bend, and up a two-way street
    /// whose other direction the city draws; without the street (an older package), straight back as before.
    void queuesFollowTheStreetTheyStandOn()
    {
        auto city = std::make_shared<CityModel>(*m_city);
        const GeoPoint c = city->devices[kSignal].position;
        // Bent Street comes down from the north and turns east into the junction (about 222 m, then 102 m);
        // Short Street leaves it southwards, and is two-way: "-s1" is the traffic that comes up it to the signal.
        city->roads.push_back({QStringLiteral("w1"), QStringLiteral("Bent Street"), RoadClass::Residential, 1, 30, true,
                               {{c.lon - 0.0015, c.lat + 0.002}, {c.lon - 0.0015, c.lat}, c}});
        city->roads.push_back({QStringLiteral("s1"), QStringLiteral("Short Street"), RoadClass::Residential, 1, 30, false,
                               {c, {c.lon, c.lat - 0.002}}});
        city->finalize();
        city->signals[0].links = {{0, QStringLiteral("Bent Street"), 90, u's', QStringLiteral("w1")},
                                  {1, QStringLiteral("Short Street"), 0, u's', QStringLiteral("-s1")}};
        CityMirror scene(city);
        setNormal(scene);
        scene.traffic.resize(city->signals.size());
        // 300 m standing on Bent Street (it spills back), 200 m coming up Short Street (long).
        scene.traffic[0] = {1, {{0, 40, 45, 80, 300}, {1, 26, 30, 60, 200}}};
        const MapViewport v = viewport(16.0);
        const auto pixel = [&](const QImage &image, double dLon, double dLat) {
            return image.pixelColor(v.toScreen({c.lon + dLon, c.lat + dLat}).toPoint());
        };
        QImage image = render(scene, v);
        QVERIFY(colourDistance(pixel(image, -0.0008, 0), mapstyle::alarmRed()) < 60);        // the last 55 m, into the junction
        QVERIFY(colourDistance(pixel(image, -0.0015, 0.001), mapstyle::alarmRed()) < 60);    // round the bend, 111 m up
        QVERIFY(colourDistance(pixel(image, -0.0015, 0.00195), mapstyle::alarmRed()) > 150); // beyond its 300 m
        QVERIFY(colourDistance(pixel(image, -0.003, 0), mapstyle::alarmRed()) > 150);        // not straight on westwards
        QVERIFY(colourDistance(pixel(image, 0, -0.0009), mapstyle::alarmAmber()) < 60);      // 100 m down Short Street
        QVERIFY(colourDistance(pixel(image, 0, -0.0019), mapstyle::alarmAmber()) > 150);     // beyond its 200 m
        // A package that does not know the streets: straight back along the arrival bearing, as before.
        for (SignalLink &l : city->signals[0].links)
            l.fromEdge.clear();
        CityMirror unknown(city);
        setNormal(unknown);
        unknown.traffic = scene.traffic;
        image = render(unknown, v);
        QVERIFY(colourDistance(pixel(image, -0.003, 0), mapstyle::alarmRed()) < 60);
        QVERIFY(colourDistance(pixel(image, -0.0015, 0.001), mapstyle::alarmRed()) > 150);
    }

    /// Traffic on the roads (co-simulation): a road shaded only where traffic stands a block (amber) or two (red) per
    /// lane, as far back as it stands from the end that holds it; a busy road that moves is a quiet grey; a few cars,
    /// or an old picture, nothing.
    void roadTrafficShadedOnlyWhereItStands()
    {
        // The rule: standing traffic per lane against the queues' lengths; fill against both directions' lanes.
        QCOMPARE(roadLevel({0, 40, 30, 5}, 500, 2, false), RoadLevel::Long);        // 30 × 7.5 m / 2 lanes = 112 m
        QCOMPARE(roadLevel({0, 40, 29, 5}, 500, 2, false), RoadLevel::Free);        // 109 m: a long red; 300 m of cars on 2 km of lane
        QCOMPARE(roadLevel({0, 70, 29, 5}, 500, 2, false), RoadLevel::Busy);        // 525 m of cars: over a quarter
        QCOMPARE(roadLevel({0, 40, 30, 5}, 500, 1, true), RoadLevel::Spillback);    // 225 m in one lane
        QCOMPARE(roadLevel({0, 3, 3, 0}, 20, 1, true), RoadLevel::Free);            // a short block's few cars at a red
        QCOMPARE(roadLevel({0, 10, 0, 90}, 400, 1, true), RoadLevel::Free);         // 75 m of cars on 400 m: under a quarter
        QCOMPARE(roadLevel({0, 14, 0, 90}, 400, 1, true), RoadLevel::Busy);

        CityMirror scene(m_city);
        setNormal(scene);
        scene.nowMs = 1'000'000;
        const MapViewport v = viewport(16.0);
        const GeoPoint c = m_city->devices[kSignal].position;
        const auto onEast = [&](const QImage &image) { return image.pixelColor(v.toScreen({c.lon + 0.002, c.lat}).toPoint()); };
        const auto onNorth = [&](const QImage &image) { return image.pixelColor(v.toScreen({c.lon, c.lat + 0.0012}).toPoint()); };
        const QImage quiet = render(scene, v);

        // Road 0 (two lanes each way): 70 standing, 262 m a lane: red. Road 1: 30 moving on 445 m, both ways: grey.
        scene.roads = {scene.nowMs - 5'000, {{0, 80, 70, 5}, {1, 30, 0, 80}}, {}, {}};
        QImage image = render(scene, v);
        QVERIFY(colourDistance(onEast(image), mapstyle::alarmRed()) < 60);
        QVERIFY(onNorth(image) != onNorth(quiet));
        QVERIFY(colourDistance(onNorth(image), mapstyle::alarmAmber()) > 150 && colourDistance(onNorth(image), mapstyle::alarmRed()) > 150);
        // A picture that does not say where the line stands: the whole road (540 m, west to east).
        const auto onWest = [&](const QImage &image) { return image.pixelColor(v.toScreen({c.lon - 0.002, c.lat}).toPoint()); };
        QVERIFY(colourDistance(onWest(image), mapstyle::alarmRed()) < 60);
        // Held at the road's last point (its east end): drawn 262 m back from there, short of the road's west part;
        // held at its first point (traffic driving west), from the west end.
        scene.roads.roads[0].standsAt = RoadEnd::Last;
        image = render(scene, v);
        QVERIFY(colourDistance(onEast(image), mapstyle::alarmRed()) < 60);
        QCOMPARE(onWest(image), onWest(quiet));
        scene.roads.roads[0].standsAt = RoadEnd::First;
        image = render(scene, v);
        QVERIFY(colourDistance(onWest(image), mapstyle::alarmRed()) < 60);
        QCOMPARE(onEast(image), onEast(quiet));
        // 40 standing on road 0 (150 m a lane): amber.
        scene.roads.roads[0].halting = 40;
        scene.roads.roads[0].standsAt = RoadEnd::Last;
        image = render(scene, v);
        QVERIFY(colourDistance(onEast(image), mapstyle::alarmAmber()) < 60);
        QCOMPARE(onWest(image), onWest(quiet));
        // A few cars: nothing drawn.
        scene.roads.roads = {{0, 3, 3, 0}, {1, 2, 0, 90}};
        image = render(scene, v);
        QCOMPARE(onEast(image), onEast(quiet));
        QCOMPARE(onNorth(image), onNorth(quiet));
        // The same congestion from a picture 91 s old (the traffic simulation stopped): not shown as current.
        scene.roads = {scene.nowMs - 91'000, {{0, 80, 70, 5}, {1, 30, 0, 80}}, {}, {}};
        image = render(scene, v);
        QCOMPARE(onEast(image), onEast(quiet));
        QCOMPARE(onNorth(image), onNorth(quiet));
    }

    /// Close in, each approach has its own signal head on the side its traffic comes from, in its own aspect.
    void signalHeadsPerApproachAtCloseZoom()
    {
        auto city = std::make_shared<CityModel>(*m_city);
        // Links 0 and 1 arrive driving east (from the west), link 2 driving north (from the south).
        city->signals[0].links = {{0, QStringLiteral("Main Street"), 90, u's', {}}, {1, QStringLiteral("Main Street"), 95, u'l', {}},
                                  {2, QStringLiteral("Side Street"), 0, u's', {}}};
        city->signals[0].linkCount = 3;
        for (SignalProgram &program : city->signals[0].programs)
            for (SignalPhase &phase : program.phases)
                phase.state = phase.state.left(3).leftJustified(3, u'r');
        city->signals[0].programs[0].phases[0].state = QStringLiteral("Grr");   // the west may go, the south waits
        CityMirror scene(city);
        setNormal(scene, 0);
        const MapViewport v = viewport(SignalLayer::kHeadsZoom + 0.5);
        QImage image = render(scene, v);
        QVERIFY(colourDistance(at(image, v, kSignal, SignalLayer::headOffset(90, v.zoom())), mapstyle::signalGreen()) < 40);
        QVERIFY(colourDistance(at(image, v, kSignal, SignalLayer::headOffset(0, v.zoom())), mapstyle::signalRed()) < 40);
        // Further out, no heads: the disc alone.
        const MapViewport far = viewport(SignalLayer::kHeadsZoom - 1.0);
        image = render(scene, far);
        QVERIFY(colourDistance(at(image, far, kSignal, SignalLayer::headOffset(90, SignalLayer::kHeadsZoom + 0.5)), mapstyle::signalGreen()) > 60);
    }

    void abnormalSignalsStandOut()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        scene.states[kSignal].fault = true;
        scene.states[kSignal].mode = static_cast<std::uint8_t>(SignalMode::Flash);
        const MapViewport v = viewport();
        QImage image = render(scene, v);
        QCOMPARE(at(image, v, kSignal), mapstyle::alarmAmber());
        // ...with a halo ring around it.
        const double r = SignalLayer::discRadius(v.zoom()) + 4;
        QVERIFY(colourDistance(at(image, v, kSignal, {r, 0}), mapstyle::alarmAmber()) < 60);

        setNormal(scene);
        scene.states[kSignal].online = false;
        image = render(scene, v);
        const double ring = SignalLayer::discRadius(v.zoom()) + 1;
        QVERIFY(colourDistance(at(image, v, kSignal, {ring, 0}), mapstyle::noData()) < 60);
        QCOMPARE(at(image, v, kSignal), mapstyle::signalDark()); // no state shown: we do not know it
    }

    /// A signal held or pre-empted by a command is framed by a square in the route's light tone (its corners are
    /// where a ring is not); one on its program, or faulted, is not.
    void heldAndPreemptedSignalsAreFramed_data()
    {
        QTest::addColumn<int>("mode");   // a SignalMode
        QTest::addColumn<bool>("framed");
        QTest::newRow("on its program") << int(SignalMode::Normal) << false;
        QTest::newRow("held") << int(SignalMode::Manual) << true;
        QTest::newRow("pre-empted") << int(SignalMode::Preempt) << true;
        QTest::newRow("flashing") << int(SignalMode::Flash) << false;
    }
    void heldAndPreemptedSignalsAreFramed()
    {
        QFETCH(int, mode);
        QFETCH(bool, framed);
        CityMirror scene(m_city);
        setNormal(scene);
        scene.states[kSignal].mode = static_cast<std::uint8_t>(mode);
        for (const double zoom : {14.0, SignalLayer::kHeadsZoom + 0.5}) {
            const MapViewport v = viewport(zoom);
            const QImage image = render(scene, v);
            const double half = SignalLayer::overrideFrameHalf(zoom);
            for (const QPointF corner : {QPointF(half, half), QPointF(-half, half), QPointF(half, -half), QPointF(-half, -half)}) {
                int distance = 1000;   // the nearest to the frame's tone within a pixel of the corner (a 2 px line)
                for (int dx = -1; dx <= 1; ++dx)
                    for (int dy = -1; dy <= 1; ++dy)
                        distance = std::min(distance, colourDistance(at(image, v, kSignal, corner + QPointF(dx, dy)), mapstyle::commandOverride()));
                QVERIFY2(framed ? distance < 40 : distance > 100, qPrintable(QStringLiteral("zoom %1, corner (%2, %3): distance %4")
                                                                                  .arg(zoom).arg(corner.x()).arg(corner.y()).arg(distance)));
            }
            // The disc inside the frame is as it would be without it (grey; amber when flashing): the frame is around it.
            QCOMPARE(at(image, v, kSignal), mode == int(SignalMode::Flash) ? mapstyle::alarmAmber() : mapstyle::signalRunning());
        }
    }

    void feederColouredByLoad_data()
    {
        QTest::addColumn<double>("load");
        QTest::addColumn<QColor>("colour");
        QTest::newRow("50 %") << 0.5 << mapstyle::feederNormal();
        QTest::newRow("90 %") << 0.9 << mapstyle::alarmAmber();
        QTest::newRow("120 %") << 1.2 << mapstyle::alarmRed();
    }
    void feederColouredByLoad()
    {
        QFETCH(double, load);
        QFETCH(QColor, colour);
        CityMirror scene(m_city);
        setNormal(scene, 0, load);
        const MapViewport v = viewport();
        QCOMPARE(at(render(scene, v), v, kFeeder), colour);
    }

    void incidentsBySeverityAndOnlyWhileOpen()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        Incident incident;
        incident.id = 42;
        incident.severity = IncidentSeverity::Critical;
        incident.position = {m_city->devices[kSignal].position.lon + 0.001, m_city->devices[kSignal].position.lat - 0.0005};
        scene.incidents = {incident};
        const MapViewport v = viewport();
        QImage image = render(scene, v);
        const QPointF p = v.toScreen(incident.position);
        const double size = std::clamp(v.zoom() * 1.3, 16.0, 26.0);
        const QPoint inside = (p + QPointF(size * 0.25, size * 0.2)).toPoint();
        QCOMPARE(image.pixelColor(inside), mapstyle::severityColor(IncidentSeverity::Critical));

        scene.incidents[0].severity = IncidentSeverity::Minor;
        image = render(scene, v);
        QCOMPARE(image.pixelColor(inside), mapstyle::severityColor(IncidentSeverity::Minor));

        scene.incidents[0].state = IncidentState::Resolved;
        image = render(scene, v);
        QVERIFY(colourDistance(image.pixelColor(inside), mapstyle::severityColor(IncidentSeverity::Minor)) > 100);
    }

    void hiddenLayerDrawsNothing()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        MapRenderer renderer(scene);
        const MapViewport v = viewport();
        scene.states[kSignal].fault = true;   // amber: nothing else on the map is
        QCOMPARE(at(render(scene, v, &renderer), v, kSignal), mapstyle::alarmAmber());
        QVERIFY(renderer.layerIds().contains(QStringLiteral("signals")));
        renderer.setLayerVisible(QStringLiteral("signals"), false);
        QVERIFY(!renderer.isLayerVisible(QStringLiteral("signals")));
        QVERIFY(colourDistance(at(render(scene, v, &renderer), v, kSignal), mapstyle::alarmAmber()) > 100);
        // Hidden basemap layers drop out of the cache too.
        renderer.setLayerVisible(QStringLiteral("roads"), false);
        renderer.setLayerVisible(QStringLiteral("districts"), false);
        const QImage bare = render(scene, v, &renderer);
        const QPointF onRoad = v.toScreen({m_city->devices[kSignal].position.lon + 0.0015, m_city->devices[kSignal].position.lat});
        QCOMPARE(bare.pixelColor(onRoad.toPoint()), mapstyle::background());
    }

    void roadsAndLampsVisible()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        const MapViewport v = viewport();
        const QImage image = render(scene, v);
        const QPointF onRoad = v.toScreen({m_city->devices[kSignal].position.lon + 0.0015, m_city->devices[kSignal].position.lat});
        QCOMPARE(image.pixelColor(onRoad.toPoint()), mapstyle::roadColor(RoadClass::Primary));
        QCOMPARE(at(image, v, kLight), mapstyle::lampOn());
        scene.states[kLight].fault = true;
        const double ring = 5.0;
        QVERIFY(colourDistance(at(render(scene, v), v, kLight, {ring, 0}), mapstyle::alarmAmber()) < 60);
    }

    void streetlightsAggregateWhenZoomedOut()
    {
        // 20,000 lamps along the test city's two roads: zoomed out they are drawn as coverage cells, and a faulty
        // lamp still shows individually in amber.
        const auto big = withManyLamps();
        CityMirror scene(big);
        allLit(scene);
        const DeviceIndex faulty = big->streetlights.back().device;
        scene.states[faulty].fault = true;
        const MapViewport v = wholeCity(*big);
        // The test city is small, so this is a close zoom: more than 6,000 visible lamps aggregate anyway.
        const QImage image = render(scene, v);
        // Along the east-west road, cells are lit (warm grey, not the road's or background's colour).
        int litCells = 0;
        const QPointF west = v.toScreen(big->roads[0].line.front()), east = v.toScreen(big->roads[0].line.back());
        for (int x = static_cast<int>(west.x()) + 20; x < static_cast<int>(east.x()) - 20; x += 3) {
            const QColor c = image.pixelColor(x, static_cast<int>(west.y()));
            litCells += colourDistance(c, mapstyle::lampOn()) < 60 ? 1 : 0;
        }
        QVERIFY2(litCells > 20, qPrintable(QString::number(litCells)));
        const QPointF f = v.toScreen(big->devices[faulty].position);
        // A small amber ring (radius 3): a low-priority alarm among thousands of lamps.
        QVERIFY(colourDistance(image.pixelColor((f + QPointF(3, 0)).toPoint()), mapstyle::alarmAmber()) < 80
                || colourDistance(image.pixelColor((f + QPointF(-3, 0)).toPoint()), mapstyle::alarmAmber()) < 80);
    }

    void coverageIsCachedButLampChangesStillShow()
    {
        // Held still, the zoomed-out view reuses its composed basemap with the lamp coverage on it; a lamp that
        // fails afterwards still appears at once, and lamps switching off change the coverage.
        const auto big = withManyLamps();
        CityMirror scene(big);
        allLit(scene);
        const MapViewport v = wholeCity(*big);
        MapRenderer renderer(scene);
        renderer.setLayerVisible(QStringLiteral("signals"), false);   // the road's signals are grey as a lit lamp's edge
        render(scene, v, &renderer);
        QVERIFY(renderer.lastFrameWasMoving());   // a new view: drawn the quick way
        const QImage still = render(scene, v, &renderer);
        QVERIFY(!renderer.lastFrameWasMoving());
        const DeviceIndex faulty = big->streetlights.back().device;
        scene.states[faulty].fault = true;
        const QImage withFault = render(scene, v, &renderer);
        const QPointF f = v.toScreen(big->devices[faulty].position);
        const auto amberBeside = [&](const QImage &image) {
            return colourDistance(image.pixelColor((f + QPointF(3, 0)).toPoint()), mapstyle::alarmAmber()) < 80
                || colourDistance(image.pixelColor((f + QPointF(-3, 0)).toPoint()), mapstyle::alarmAmber()) < 80;
        };
        QVERIFY(!amberBeside(still));
        QVERIFY(amberBeside(withFault));
        const QPointF west = v.toScreen(big->roads[0].line.front()), east = v.toScreen(big->roads[0].line.back());
        auto litCells = [&](const QImage &image) {
            int n = 0;
            for (int x = static_cast<int>(west.x()) + 20; x < static_cast<int>(east.x()) - 20; x += 3)
                n += colourDistance(image.pixelColor(x, static_cast<int>(west.y())), mapstyle::lampOn()) < 60 ? 1 : 0;
            return n;
        };
        QVERIFY(litCells(still) > 20);
        for (DeviceState &s : scene.states)
            s.level = 0;
        QCOMPARE(litCells(render(scene, v, &renderer)), 0);
    }

    void manyIncidentsAreGrouped()
    {
        // 200 minor incidents in a small area and one critical among them: grouped, the view shows a handful of
        // markers, and the group holding the critical one is drawn in the critical colour.
        CityMirror scene(m_city);
        setNormal(scene);
        const MapViewport v = viewport();
        Random rng(5);
        for (IncidentId id = 1; id <= 200; ++id) {
            Incident i;
            i.id = id;
            i.severity = IncidentSeverity::Minor;
            i.position = v.toGeo(QPointF(250 + rng.uniform(0, 300), 150 + rng.uniform(0, 300)));
            scene.incidents.push_back(i);
        }
        scene.incidents[100].severity = IncidentSeverity::Critical;
        const QImage image = render(scene, v);
        int minorPixels = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                minorPixels += image.pixelColor(x, y) == mapstyle::severityColor(IncidentSeverity::Minor) ? 1 : 0;
        QVERIFY2(minorPixels < 9000, qPrintable(QString::number(minorPixels))); // ungrouped: well over 20,000
        const QPointF critical = v.toScreen(scene.incidents[100].position);
        const double size = std::clamp(v.zoom() * 1.3, 16.0, 26.0) + 4;
        QCOMPARE(image.pixelColor((critical + QPointF(size * 0.25, size * 0.2)).toPoint()),
                 mapstyle::severityColor(IncidentSeverity::Critical));
    }

    void hitTesting()
    {
        CityMirror scene(m_city);
        setNormal(scene);
        Incident incident;
        incident.id = 7;
        incident.position = m_city->devices[kFeeder].position;
        incident.position.lat -= 0.0004;
        scene.incidents = {incident};
        MapRenderer renderer(scene);
        const MapViewport v = viewport();
        auto hit = renderer.hitTest(v, v.toScreen(m_city->devices[kSignal].position) + QPointF(3, -2), 10);
        QVERIFY(hit);
        QCOMPARE(*hit, (MapSelection{MapSelection::Kind::Device, kSignal}));
        hit = renderer.hitTest(v, v.toScreen(incident.position), 10);
        QVERIFY(hit);
        QCOMPARE(*hit, (MapSelection{MapSelection::Kind::Incident, 7}));
        hit = renderer.hitTest(v, v.toScreen(m_city->devices[kFeeder].position), 10);
        QCOMPARE(*hit, (MapSelection{MapSelection::Kind::Device, kFeeder}));
        QVERIFY(!renderer.hitTest(v, QPointF(5, 5), 10)); // empty corner
        renderer.setLayerVisible(QStringLiteral("signals"), false);
        QVERIFY(!renderer.hitTest(v, v.toScreen(m_city->devices[kSignal].position), 4)); // hidden: not pickable
    }
};

QTEST_MAIN(TestMapRenderer)
#include "tst_maprenderer.moc"
