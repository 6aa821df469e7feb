// The green-wave dialog at a live console whose fleet SUMO drives: the operator picks a vehicle for the selected
// place, sees SUMO's route on the map before sending, a supervisor pre-approves the wave (refused for the operator
// themselves and for a wrong password), and the wave runs to the end in the console.
#include "access/accesscontrol.h"
#include "engine/greenwaverun.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "panels/detailspanel.h"
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
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

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
        window.mapView()->fitCity();
        QVERIFY2(routePixels(window.mapView()->grab().toImage()) > before + 50, "the planned route is on the map");

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
        dialog.send();
        QTRY_VERIFY2_WITH_TIMEOUT(approved.count() == 1, qPrintable(dialog.statusLabel()->text()), 5000);
        QCOMPARE(int(window.ops().waves().size()), 1);

        // On its way, the vehicle is clicked on the map: Details says who it is, how fast, what is ahead of it.
        VehicleBook::Vehicle moving;
        QTRY_VERIFY_WITH_TIMEOUT(engine.vehicles().find(QStringLiteral("ambulance-1"), &moving) && !moving.report.parked
                                     && moving.report.speedMps > 2, 30'000);
        window.mapView()->centerOn(moving.report.position, 16);
        QTRY_VERIFY(window.mapView()->viewport().zoom() == 16);
        // It moves (ten simulated seconds a second): clicked where it is now, as a person would click again if the
        // first click fell just behind it.
        const auto clickIt = [&] {
            engine.vehicles().find(QStringLiteral("ambulance-1"), &moving);
            QTest::mouseClick(window.mapView(), Qt::LeftButton, {}, window.mapView()->viewport().toScreen(moving.report.position).toPoint());
            QTest::qWait(50);
            return window.detailsPanel()->rows().join(u'|').contains(QStringLiteral("Status: on its way"));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(clickIt(), qPrintable(window.detailsPanel()->rows().join(u'|')), 10'000);
        const QString details = window.detailsPanel()->rows().join(u'|');
        QVERIFY2(details.contains(QStringLiteral("Route left: ")) && details.contains(QStringLiteral("Last report: ")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("Next signal: sig/")) || moving.report.ahead.empty());
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
        // What was done is in the record, with who pre-approved it.
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const ActivityLog::Entry &e) {
            return e.text.contains(QStringLiteral("ambulance-1")) && e.text.contains(QStringLiteral("pre-approved by sven"));
        }));
        dialog.close();
        engine.stop();
    }

    void stopAWaveFromTheConsole()
    {
        // The embedded timetable runs the signals; the vehicle's reports are given by the test (no SUMO needed):
        // a wave holds two signals, the status bar says so, a viewer cannot stop it, the operator can — in her
        // name, every held signal back on its program, and the console says so.
        auto city = networkCity();
        QVERIFY(city);
        People people(*city);
        Engine engine(city);
        SimLinkOptions sim;
        sim.speed = 1;   // the wave's longest hold (2 min) is far off while the test runs
        sim.parameters.signalMtbfHours = 1e12;
        sim.parameters.signalCommLossMtbfHours = 1e12;
        sim.parameters.commandRejectRate = 0;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), {}, QDateTime::currentMSecsSinceEpoch() - 600'000);
        MainWindow window(engine, people.get());
        window.resize(1400, 900);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 20'000);
        QVERIFY(window.access().signIn(QStringLiteral("olga"), People::kPassword).ok());

        std::vector<SignalAhead> ahead;
        for (std::uint32_t i = 0; i < city->signals.size() && ahead.size() < 2; ++i)
            if (!city->signals[i].programs.empty() && phaseServing(city->signals[i].programs.front(), 0) >= 0)
                ahead.push_back({i, 0, 100.0 * double(ahead.size() + 1)});
        QCOMPARE(ahead.size(), size_t(2));
        const auto mode = [&](size_t k) { return SignalMode(engine.books().states().state(city->signals[ahead[k].signal].device).mode); };
        PlannedRoute route;
        route.vehicle = QStringLiteral("ambulance-9");
        route.signals = ahead;
        route.lengthM = 1200;
        QVERIFY(!window.ops().waveLabel()->isVisible());
        window.ops().startWave(route.vehicle, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, route, nullptr);
        QCOMPARE(int(window.ops().waves().size()), 1);
        VehicleBook::Vehicle report;
        report.timeMs = engine.clock().nowMs();
        report.reports = 1;
        report.report.id = route.vehicle;
        report.report.speedMps = 10;
        report.report.ahead = ahead;   // 10 and 20 s away: both within the lead
        window.ops().waves().front()->update(report);
        QTRY_VERIFY_WITH_TIMEOUT(mode(0) == SignalMode::Preempt && mode(1) == SignalMode::Preempt, 20'000);
        QTRY_COMPARE(window.ops().waveLabel()->text(), QStringLiteral("Green wave: ambulance-9 (2 held)"));
        QVERIFY(window.ops().waveLabel()->isVisible());
        QAction *stopAction = nullptr;
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text().contains(QStringLiteral("top a green wave")))
                stopAction = a;
        QVERIFY(stopAction);
        QCOMPARE(stopAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
        // Operations ▸ Stop a green wave lists the waves with what each holds, for the person to pick (or cancel).
        const auto choose = [&](bool accept) {
            QStringList offered;
            QTimer::singleShot(0, &window, [&] {
                for (QInputDialog *d : window.findChildren<QInputDialog *>()) {
                    if (!d->isVisible())
                        continue;
                    offered = d->comboBoxItems();
                    accept ? d->accept() : d->reject();
                }
            });
            stopAction->trigger();
            return offered;
        };

        // The wall's viewer may not stop it: refused, said, and nothing released.
        QCOMPARE(choose(false), QStringList{QStringLiteral("ambulance-9 — 2 signal(s) held")});   // cancelled: nothing
        QCOMPARE(int(window.ops().waves().size()), 1);
        window.access().signOut();
        QVERIFY(window.access().signIn(QStringLiteral("wall"), People::kPassword).ok());
        choose(true);
        const QString refused = window.ops().messages()->item(0)->text();
        QVERIFY2(refused.contains(QStringLiteral("Refused")) && refused.contains(QStringLiteral("wall")), qPrintable(refused));
        QCOMPARE(int(window.ops().waves().size()), 1);
        QTest::qWait(1500);
        QVERIFY(mode(0) == SignalMode::Preempt && mode(1) == SignalMode::Preempt);

        // The operator stops it: both signals return to their programs, released in her name; the wave is over.
        window.access().signOut();
        QVERIFY(window.access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        choose(true);
        QTRY_VERIFY_WITH_TIMEOUT(window.ops().waves().empty(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(mode(0) == SignalMode::Normal && mode(1) == SignalMode::Normal, 20'000);
        std::vector<Order> orders;
        engine.orders().snapshot(orders);
        int releases = 0;
        for (const Order &o : orders)
            if (o.targets.size() == 1 && o.targets.front().action == CommandAction::SignalRestore && o.description.contains(route.vehicle)) {
                ++releases;
                QCOMPARE(o.requestedBy, QStringLiteral("olga"));
            }
        QCOMPARE(releases, 2);
        QVERIFY(!window.ops().waveLabel()->isVisible());
        stopAction->trigger();   // nothing left to stop: said, no dialog
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("No green wave is under way."));
        QStringList said;
        for (int i = 0; i < window.ops().messages()->count(); ++i)
            said << window.ops().messages()->item(i)->text();
        QVERIFY2(said.join(u'|').contains(QStringLiteral("Green wave for ambulance-9 stopped by olga; 2 signal(s) released")), qPrintable(said.join(u'|')));
        engine.stop();
    }
};

QTEST_MAIN(TestGreenWaveUi)
#include "tst_greenwaveui.moc"
