// The green-wave dialog at a live console whose fleet SUMO drives: the operator picks a vehicle for the selected
// place, sees SUMO's route on the map before sending, a supervisor pre-approves the wave (refused for the operator
// themselves and for a wrong password), and the wave runs to the end in the console. (A wave under way at the desk:
// tst_wavedesk.)
#include "access/accesscontrol.h"
#include "access/handoverchecklist.h"
#include "access/releasebeforeclose.h"
#include "engine/greenwaverun.h"
#include "labels.h"
#include "link/simlink.h"
#include "livecity.h"
#include "mainwindow.h"
#include "panels/detailspanel.h"
#include "map/devicelayers.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "ops/greenwavedialog.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "sim/sumoplant.h"
#include "testcity.h"
#include "testpeople.h"

#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <optional>

using namespace cityops;
using namespace cityops::test;

namespace {

int routePixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixelColor(x, y) == mapstyle::vehicleRoute())
                ++n;
    return n;
}

} // namespace

class TestGreenWaveUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path()); }

    void sendAVehicleWithAWaveFromTheConsole()
    {
        auto city = networkCity();
        QVERIFY(city);
        People people(*city);
        Engine engine(city);
        SimLinkOptions sim;
        sim.speed = 10;
        sim.warmUpHours = 0.1;
        sim.parameters.signalMtbfHours = 1e12;
        sim.parameters.signalCommLossMtbfHours = 1e12;
        sim.parameters.commandRejectRate = 0;
        sim.signalPlant = [city] {
            SumoSetup setup;
            setup.networkFile = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");
            setup.timezone = QStringLiteral("Europe/Berlin");
            return std::make_unique<SumoPlant>(city, setup);
        };
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), {}, QDateTime::currentMSecsSinceEpoch() - 600'000);
        MainWindow window(engine, people.get());
        window.resize(1400, 900);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 20'000);
        QVERIFY(window.access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        // The fleet reaches the console's scene; the destination is a signal near ambulance-3's station.
        QTRY_VERIFY_WITH_TIMEOUT(window.liveCity().scene().vehicles.size() == 3, 10'000);
        GeoPoint station;
        for (const VehicleBook::Vehicle &v : window.liveCity().scene().vehicles)
            if (v.report.id == QStringLiteral("ambulance-3"))
                station = v.report.position;
        DeviceIndex nearest = kNoDevice;
        for (const SignalInfo &s : city->signals)
            if (nearest == kNoDevice || distanceMetres(city->devices[s.device].position, station) < distanceMetres(city->devices[nearest].position, station))
                nearest = s.device;
        window.mapView()->select({MapSelection::Kind::Device, nearest});

        GreenWaveDialog dialog(engine, window.liveCity(), *window.mapView(), window.ops().client(), window.access(),
                               city->devices[nearest].position, city->devices[nearest].id, &window);
        dialog.show();
        QCOMPARE(dialog.vehicles()->count(), 3);
        const int one = dialog.vehicles()->findData(QStringLiteral("ambulance-1"));
        QVERIFY(one >= 0);
        dialog.vehicles()->setCurrentIndex(one);
        QVERIFY(!dialog.sendButton()->isEnabled());   // nothing is sent before the route is seen

        // SUMO's route, shown in words and drawn dashed on the map before anything goes out.
        const int before = routePixels(window.mapView()->grab().toImage());
        dialog.plan();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().contains(QStringLiteral(" km")), 5000);
        QVERIFY2(dialog.signalList()->count() >= 1, qPrintable(dialog.statusLabel()->text()));
        QVERIFY(dialog.sendButton()->isEnabled());
        // ... and where it will stand: by the signal's junction, short of its stop line.
        const long parksM = std::lround(distanceMetres(window.liveCity().scene().plannedRoute.destination, city->devices[nearest].position));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("It parks %1 m from the destination.").arg(parksM)),
                 qPrintable(dialog.statusLabel()->text()));
        QVERIFY(parksM < 150);
        // The router's time, to the second (59.6 s reads 1 min 00 s, not 0 min 00 s).
        const double travelS = window.liveCity().scene().plannedRoute.travelS;
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("about %1 at today's speeds").arg(Labels::minutesAndSeconds(std::llround(travelS * 1000)))),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(Labels::minutesAndSeconds(59'600), QStringLiteral("1 min 00 s"));
        QCOMPARE(Labels::minutesAndSeconds(125'400), QStringLiteral("2 min 05 s"));
        QCOMPARE(Labels::minutesAndSeconds(44'000), QStringLiteral("44 s"));
        window.mapView()->fitCity();
        QVERIFY2(routePixels(window.mapView()->grab().toImage()) > before + 50, "the planned route is on the map");
        // The summary is there in full, every line of it, at the dialog's size (the route list gives way).
        QCoreApplication::processEvents();
        QLabel *summary = dialog.statusLabel();
        QVERIFY2(summary->height() >= summary->heightForWidth(summary->width()),
                 qPrintable(QStringLiteral("%1 px tall, needs %2").arg(summary->height()).arg(summary->heightForWidth(summary->width()))));
        QVERIFY(summary->heightForWidth(summary->width()) > summary->fontMetrics().height() * 3 / 2);   // more than one line

        // The operator cannot approve their own wave; a wrong password approves nothing.
        QSignalSpy approved(&dialog, &GreenWaveDialog::waveApproved);
        dialog.supervisorName()->setText(QStringLiteral("olga"));
        dialog.supervisorPassword()->setText(QString::fromLatin1(People::kPassword));
        dialog.send();
        QTRY_VERIFY(dialog.statusLabel()->text().contains(QStringLiteral("second person")));
        QVERIFY(dialog.supervisorPassword()->text().isEmpty());   // not kept
        dialog.supervisorName()->setText(QStringLiteral("otto"));   // an operator
        dialog.supervisorPassword()->setText(QString::fromLatin1(People::kPassword));
        dialog.send();
        QTRY_VERIFY(dialog.statusLabel()->text().contains(QStringLiteral("may not approve")));
        dialog.supervisorName()->setText(QStringLiteral("sven"));
        dialog.supervisorPassword()->setText(QStringLiteral("wrong"));
        dialog.send();
        QTRY_VERIFY(dialog.sendButton()->isEnabled());
        QCOMPARE(approved.count(), 0);
        QVERIFY(window.ops().waves().empty());

        // sven, present, approves the whole wave once: the vehicle goes and the console's wave follows it.
        connect(&dialog, &GreenWaveDialog::waveApproved, &window.ops(), &OpsConsole::startWave);
        dialog.supervisorPassword()->setText(QString::fromLatin1(People::kPassword));
        // On the simulation's time, as the vehicle's reports are (the console's clock may run up to a quarter of a wall
        // second ahead of a simulation running at ten times): its last report before it is sent.
        // Standing at its station (once added, SUMO drives it a few metres there first).
        VehicleBook::Vehicle beforeSending;
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &beforeSending) && beforeSending.report.parked, 30'000);
        const std::int64_t sentAtMs = beforeSending.timeMs;
        dialog.send();
        QTRY_VERIFY2_WITH_TIMEOUT(approved.count() == 1, qPrintable(dialog.statusLabel()->text()), 5000);
        QCOMPARE(int(window.ops().waves().size()), 1);
        // The junctions it holds are framed on the map as SUMO's reports show them pre-empted (the map's own picture:
        // a signal its scene holds in pre-emption has the frame's tone at its four corners).
        window.mapView()->fitCity();
        const auto aHeldSignalIsFramed = [&] {
            const QImage image = window.mapView()->grab().toImage();
            const CityMirror &scene = window.liveCity().scene();
            const MapViewport &view = window.mapView()->viewport();
            const double half = SignalLayer::overrideFrameHalf(view.zoom());
            for (const SignalInfo &signal : city->signals) {
                if (SignalMode(scene.states[signal.device].mode) != SignalMode::Preempt)
                    continue;
                const QPointF at = view.worldToScreen(scene.deviceWorld()[signal.device]);
                int corners = 0;
                for (const QPointF corner : {QPointF(half, half), QPointF(-half, half), QPointF(half, -half), QPointF(-half, -half)}) {
                    bool seen = false;
                    for (int dx = -1; dx <= 1; ++dx)
                        for (int dy = -1; dy <= 1; ++dy)
                            seen = seen || image.pixelColor((at + corner + QPointF(dx, dy)).toPoint()) == mapstyle::commandOverride();
                    corners += seen ? 1 : 0;
                }
                if (corners == 4)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(aHeldSignalIsFramed(), 60'000);

        // On its way, the vehicle is clicked on the map: Details says who it is, how fast, what is ahead of it.
        VehicleBook::Vehicle moving;
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &moving) && !moving.report.parked
                                     && moving.report.speedMps > 2, 30'000);
        const std::int64_t setOffMs = moving.spellSinceMs;   // its first report on its way, in the engine's book
        QVERIFY2(setOffMs > sentAtMs, qPrintable(QString::number(setOffMs)));
        window.mapView()->centerOn(moving.report.position, 16);
        QTRY_VERIFY(window.mapView()->viewport().zoom() == 16);
        // It moves (ten simulated seconds a second): clicked where the map draws it now (the map's own picture, which
        // may trail the engine's by a frame or two under load), as a person would click again if the first click
        // fell just behind it.
        const auto clickIt = [&] {
            const CityMirror &scene = window.liveCity().scene();
            const auto drawn = std::find_if(scene.vehicles.begin(), scene.vehicles.end(),
                                            [](const VehicleBook::Vehicle &v) { return v.report.id == QStringLiteral("ambulance-1"); });
            if (drawn == scene.vehicles.end())
                return false;
            QTest::mouseClick(window.mapView(), Qt::LeftButton, {}, window.mapView()->viewport().toScreen(drawn->report.position).toPoint());
            QTest::qWait(50);
            // (how long for: the console saw it set off)
            return window.detailsPanel()->rows().join(u'|').contains(QStringLiteral("Status: on its way for "));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(clickIt(), qPrintable(window.detailsPanel()->rows().join(u'|')), 10'000);
        // What is ahead of it, as the map's picture holds it now (the panel refreshes every second; the vehicle may
        // have passed its last signal since the report above was read).
        window.detailsPanel()->refresh();
        const QString details = window.detailsPanel()->rows().join(u'|');
        QVERIFY2(details.contains(QStringLiteral("Route left: ")) && details.contains(QStringLiteral("Last report: ")), qPrintable(details));
        const VehicleBook::Vehicle *shown = window.liveCity().scene().vehicle(window.liveCity().scene().selection.id);
        QVERIFY(shown && shown->report.id == QStringLiteral("ambulance-1"));
        if (!shown->report.ahead.empty()) {
            const QString next = city->devices[city->signals[shown->report.ahead.front().signal].device].id;
            QVERIFY2(details.contains(QStringLiteral("Next signal: %1 in ").arg(next)), qPrintable(details));
        } else {
            QVERIFY2(!details.contains(QStringLiteral("Next signal")), qPrintable(details));
        }
        const QList<QLabel *> labels = window.detailsPanel()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) { return l->text() == QStringLiteral("ambulance-1") && l->isVisible(); }));

        // Followed, it stays in the middle of the map as it drives; the operator moving the map ends that.
        QPushButton *follow = window.detailsPanel()->followButton();
        QVERIFY(follow->isVisible() && !follow->isChecked());
        follow->click();
        QVERIFY(window.mapView()->isFollowing());
        QVERIFY(follow->isChecked() && follow->text().contains(QStringLiteral("click to stop")));
        const GeoPoint startedAt = moving.report.position;
        const auto middle = [&] { return window.mapView()->viewport().toGeo(QPointF(window.mapView()->width() / 2.0, window.mapView()->height() / 2.0)); };
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &moving)
                                     && (moving.report.parked || distanceMetres(moving.report.position, startedAt) > 100), 30'000);
        // (the map draws the last report it has pulled; the book may be a report ahead: 14 m at most here)
        QTRY_VERIFY2(engine.vehicles().find(QStringLiteral("ambulance-1"), &moving) && distanceMetres(middle(), moving.report.position) < 40,
                     "the map is centred on the vehicle");
        QVERIFY(distanceMetres(middle(), startedAt) > 50 || moving.report.parked);
        QTest::keyClick(window.mapView(), Qt::Key_Left);
        QVERIFY(!window.mapView()->isFollowing());
        QVERIFY(!follow->isChecked());
        QCOMPARE(follow->text(), QStringLiteral("Follow on the map"));
        QTRY_VERIFY_WITH_TIMEOUT(window.ops().waves().empty(), 90'000);   // arrived, every signal released
        std::vector<Order> orders;
        engine.orders().snapshot(orders);
        int preempts = 0;
        for (const Order &o : orders)
            if (o.targets.size() == 1 && o.targets.front().action == CommandAction::SignalPreempt) {
                ++preempts;
                QCOMPARE(o.requestedBy, QStringLiteral("olga"));
                QCOMPARE(o.approvedBy, QStringLiteral("sven"));
            }
        QVERIFY(preempts >= 1);
        // The console says how the trip went: the time from setting off to parking, beside the plan, its stops, and
        // the signals the wave pre-empted (each one an order above).
        const QString over = window.ops().messages()->item(0)->text();
        static const QRegularExpression said(QStringLiteral("Green wave for ambulance-1 over: it arrived (?:(\\d+) min )?(\\d+) s after setting "
                                                            "off \\(planned (?:\\d+ min )?\\d+ s\\), with (\\d+) stop\\(s\\) on the way; "
                                                            "(\\d+) signal\\(s\\) pre-empted and released$"));
        const QRegularExpressionMatch m = said.match(over);
        QVERIFY2(m.hasMatch(), qPrintable(over));
        QCOMPARE(m.captured(4).toInt(), preempts);
        // The trip is the time from its first report on its way to its first report parked, as the engine's book
        // took them — whichever of them the console's picture (refreshed a few times a second) skipped under load.
        VehicleBook::Vehicle parked;
        QVERIFY(engine.vehicles().find(QStringLiteral("ambulance-1"), &parked) && parked.report.parked);
        const int tripS = m.captured(1).toInt() * 60 + m.captured(2).toInt();
        const QString seen = QStringLiteral("%1 — set off at %2, parked at %3 (ms)").arg(over).arg(setOffMs).arg(parked.spellSinceMs);
        QVERIFY2(parked.spellSinceMs > setOffMs, qPrintable(seen));
        QVERIFY2(tripS == (parked.spellSinceMs - setOffMs + 500) / 1000, qPrintable(seen));
        // ... and its stops those the engine's book counted over every report between.
        QCOMPARE(m.captured(3).toUInt(), parked.stands.stands() - beforeSending.stands.stands());
        // How it went is in the record too, in olga's name, with the same trip and signals as the message.
        static const QRegularExpression recordedTrip(QStringLiteral("^wave-over olga: ambulance-1: arrived (\\d+) s after setting off "
                                                                    "\\(planned \\d+ s\\), (\\d+) stops? on the way; (\\d+) signals? "
                                                                    "pre-empted and released$"));
        std::vector<ActivityLog::Entry> entries;
        QRegularExpressionMatch trip;
        QTRY_VERIFY([&] {
            engine.books().activity().snapshot(entries);
            for (const ActivityLog::Entry &e : entries)
                if ((trip = recordedTrip.match(e.text)).hasMatch())
                    return true;
            return false;
        }());
        QCOMPARE(trip.captured(1).toInt(), tripS);
        QCOMPARE(trip.captured(2), m.captured(3));
        QCOMPARE(trip.captured(3).toInt(), preempts);
        // What was done is in the record, with who pre-approved it.
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const ActivityLog::Entry &e) {
            return e.text.contains(QStringLiteral("ambulance-1")) && e.text.contains(QStringLiteral("pre-approved by sven"));
        }));
        dialog.close();
        engine.stop();
    }
};

QTEST_MAIN(TestGreenWaveUi)
#include "tst_greenwaveui.moc"
