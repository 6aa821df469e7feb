// The green-wave dialog at a live console whose fleet SUMO drives: the operator picks a vehicle for the selected
// place, sees SUMO's route on the map before sending, a supervisor pre-approves the wave (refused for the operator
// themselves and for a wrong password), and the wave runs to the end in the console. And a wave under way at the
// console (on its embedded link, the vehicle's reports given by the test): shown, handed over, stopped by a person
// (not by a viewer), and carried over when the vehicle is sent again.
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

/// The console on its embedded link (the timetable runs the signals, no SUMO; no faults, no refusals), olga signed
/// in, and two signals with a phase serving link 0 for a wave whose vehicle's reports the test gives.
struct WaveConsole {
    static inline const QString kVehicle = QStringLiteral("ambulance-9");
    std::shared_ptr<const CityModel> city = networkCity();
    People people{*city};
    Engine engine{city};
    std::unique_ptr<MainWindow> window;
    std::vector<SignalAhead> ahead;
    std::uint64_t reports = 0;
    StandCounter stands;
    GeoPoint destination{13.5412, 52.4313};   ///< where the test's waves send the vehicle

    bool start()
    {
        SimLinkOptions sim;
        sim.speed = 1;   // the wave's longest hold (2 min) is far off while a test runs
        sim.parameters.signalMtbfHours = 1e12;
        sim.parameters.signalCommLossMtbfHours = 1e12;
        sim.parameters.commandRejectRate = 0;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), {}, QDateTime::currentMSecsSinceEpoch() - 600'000);
        window = std::make_unique<MainWindow>(engine, people.get());
        window->resize(1400, 900);
        window->show();
        for (std::uint32_t i = 0; i < city->signals.size() && ahead.size() < 2; ++i)
            if (!city->signals[i].programs.empty() && phaseServing(city->signals[i].programs.front(), 0) >= 0)
                ahead.push_back({i, 0, 100.0 * double(ahead.size() + 1)});
        return QTest::qWaitFor([this] { return engine.linkStatus().state == LinkState::Connected; }, 20'000) && ahead.size() == 2
               && window->access().signIn(QStringLiteral("olga"), People::kPassword).ok();
    }
    SignalMode mode(size_t k) const { return SignalMode(engine.books().states().state(city->signals[ahead[k].signal].device).mode); }
    /// A wave pre-approved by sven over `signals`, started at the console as the dialog does.
    void startWave(std::vector<SignalAhead> signals)
    {
        PlannedRoute route;
        route.vehicle = kVehicle;
        route.signals = std::move(signals);
        route.lengthM = 1200;
        route.travelS = 95;
        route.destination = destination;
        window->ops().startWave(kVehicle, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, route, nullptr);
    }
    /// The vehicle reports, at 10 m/s, these signals ahead (at the console's time now, or at `atMs`); it is at
    /// `position`, or at its destination when none is given.
    void report(std::vector<SignalAhead> signalsAhead, std::int64_t atMs = 0, double speedMps = 10, bool parked = false,
                std::optional<GeoPoint> position = std::nullopt)
    {
        VehicleBook::Vehicle r;
        r.timeMs = atMs > 0 ? atMs : engine.clock().nowMs();
        r.reports = ++reports;
        r.report.id = kVehicle;
        r.report.speedMps = speedMps;
        r.report.parked = parked;
        r.report.position = position.value_or(destination);
        r.report.ahead = std::move(signalsAhead);
        stands.add(speedMps, parked);   // as the book counts them over every report
        r.stands = stands;
        for (GreenWaveRun *run : window->ops().waves())
            run->update(r);
    }
    /// Orders of the waves for the vehicle with this action at the k-th signal.
    std::vector<Order> orders(CommandAction action, size_t k) const
    {
        std::vector<Order> all, out;
        engine.orders().snapshot(all);
        for (const Order &o : all)
            if (o.targets.size() == 1 && o.targets.front().action == action && o.description.contains(kVehicle)
                && o.targets.front().device == city->signals[ahead[k].signal].device)
                out.push_back(o);
        return out;
    }
    /// A wave over both signals under way: the vehicle's first report (at the returned time, a second ahead of the
    /// console's clock) and both signals pre-empted.
    std::int64_t waveUnderWay()
    {
        startWave(ahead);
        const std::int64_t t0 = engine.clock().nowMs() + 1000;
        report(ahead, t0);
        return QTest::qWaitFor([this] { return mode(0) == SignalMode::Preempt && mode(1) == SignalMode::Preempt; }, 20'000) ? t0 : 0;
    }
    /// The wave is over and both signals are back on their programs.
    bool overWithSignalsReleased() const
    {
        return QTest::qWaitFor([this] { return window->ops().waves().empty(); }, 20'000)
               && QTest::qWaitFor([this] { return mode(0) == SignalMode::Normal && mode(1) == SignalMode::Normal; }, 20'000);
    }
    /// What the record holds so far (the activity the books keep of the recorded events), oldest first.
    QStringList recorded() const
    {
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        QStringList out;
        for (const ActivityLog::Entry &e : entries)
            out << e.text;
        return out;
    }
    QStringList said() const
    {
        QStringList out;
        for (int i = 0; i < window->ops().messages()->count(); ++i)
            out << window->ops().messages()->item(i)->text();
        return out;
    }
};

/// Calls `then` when `widget` is hidden (a window closing), before anything else hears of it.
class WhenHidden : public QObject {
public:
    WhenHidden(QWidget &widget, std::function<void()> then)
        : m_then(std::move(then))
    {
        widget.installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Hide && m_then)
            std::exchange(m_then, {})();
        return false;
    }

private:
    std::function<void()> m_then;
};

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

    void stopAWaveFromTheConsole()
    {
        // A wave holds two signals, the status bar and the hand-over say so, a viewer cannot stop it, the operator
        // can — in her name, every held signal back on its program, and the console and the record say so.
        WaveConsole c;
        QVERIFY(c.start());
        MainWindow &window = *c.window;
        QVERIFY(!window.ops().waveLabel()->isVisible());
        c.startWave(c.ahead);
        QCOMPARE(int(window.ops().waves().size()), 1);
        c.report(c.ahead);   // 10 and 20 s away: both within the lead
        QTRY_VERIFY_WITH_TIMEOUT(c.mode(0) == SignalMode::Preempt && c.mode(1) == SignalMode::Preempt, 20'000);
        QTRY_COMPARE(window.ops().waveLabel()->text(), QStringLiteral("Green wave: ambulance-9 (2 held)"));
        QVERIFY(window.ops().waveLabel()->isVisible());
        // A shift hand-over now lists the wave: it goes on in olga's name after she leaves.
        {
            HandOverChecklist checklist(window.liveCity().source(), *c.city, QStringLiteral("olga"), {}, window.ops().waves(), &window);
            QTreeWidgetItem *waves = nullptr;
            for (int i = 0; i < checklist.items()->topLevelItemCount(); ++i)
                if (checklist.items()->topLevelItem(i)->text(0) == QStringLiteral("Green waves under way (1)"))
                    waves = checklist.items()->topLevelItem(i);
            QVERIFY(waves && waves->childCount() == 1);
            QCOMPARE(waves->child(0)->text(0), QStringLiteral("ambulance-9 — started by olga, pre-approved by sven"));
            QCOMPARE(waves->child(0)->text(1), QStringLiteral("2 signal(s) held"));
            // ... and the two junctions it holds, each with the phase and the order (olga's, the wave's own).
            QTreeWidgetItem *held = nullptr;
            for (int i = 0; i < checklist.items()->topLevelItemCount(); ++i)
                if (checklist.items()->topLevelItem(i)->text(0) == QStringLiteral("Signals held or pre-empted (2)"))
                    held = checklist.items()->topLevelItem(i);
            QVERIFY(held && held->childCount() == 2);
            for (int k = 0; k < 2; ++k) {
                // Named where it is, with its id: "Kekuléstraße / Magnusstraße (sig/1560223979) — phase 4, …".
                const DeviceIndex device = c.city->signals[c.ahead[size_t(k)].signal].device;
                const QString id = c.city->devices[device].id;
                const QString named = Labels::deviceWithPlace(id, Labels::place(*c.city, device));
                QVERIFY2(named != id, qPrintable(id));
                bool listed = false;
                for (int i = 0; i < held->childCount(); ++i)
                    listed = listed || (held->child(i)->text(0).startsWith(named + QStringLiteral(" — phase ")) && held->child(i)->text(0).contains(QStringLiteral(" of olga"))
                                        && held->child(i)->text(1) == QStringLiteral("Pre-empted"));
                QStringList shown;
                for (int i = 0; i < held->childCount(); ++i)
                    shown << held->child(i)->text(0) + QStringLiteral(" | ") + held->child(i)->text(1);
                QVERIFY2(listed, qPrintable(id + QStringLiteral(": ") + shown.join(QStringLiteral("; "))));
            }
            QVERIFY2(checklist.summary().endsWith(QStringLiteral(", 2 signal(s) held or pre-empted, 1 green wave(s) under way")), qPrintable(checklist.summary()));
        }
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
        QVERIFY(c.mode(0) == SignalMode::Preempt && c.mode(1) == SignalMode::Preempt);

        // The operator stops it: both signals return to their programs, released in her name; the wave is over.
        window.access().signOut();
        QVERIFY(window.access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        choose(true);
        QTRY_VERIFY_WITH_TIMEOUT(window.ops().waves().empty(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(c.mode(0) == SignalMode::Normal && c.mode(1) == SignalMode::Normal, 20'000);
        for (size_t k = 0; k < 2; ++k) {
            const std::vector<Order> releases = c.orders(CommandAction::SignalRestore, k);
            QCOMPARE(releases.size(), size_t(1));
            QCOMPARE(releases.front().requestedBy, QStringLiteral("olga"));
        }
        QVERIFY(!window.ops().waveLabel()->isVisible());
        stopAction->trigger();   // nothing left to stop: said, no dialog
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("No green wave is under way."));
        QVERIFY2(c.said().join(u'|').contains(QStringLiteral("Green wave for ambulance-9 stopped by olga; 2 signal(s) released")),
                 qPrintable(c.said().join(u'|')));
        // In the record for the supervisor's replay: who stopped it and which signals it let go.
        std::vector<ActivityLog::Entry> entries;
        QTRY_VERIFY([&] {
            c.engine.books().activity().snapshot(entries);
            return std::any_of(entries.begin(), entries.end(), [&](const ActivityLog::Entry &e) {
                return e.text.contains(QStringLiteral("olga")) && e.text.contains(QStringLiteral("ambulance-9: green wave stopped, release asked for 2 signals (sig/"));
            });
        }());
        // A wave stopped ends without its vehicle parking: no trip is recorded for it.
        QVERIFY(!c.recorded().join(u'|').contains(QStringLiteral("wave-over")));
        c.engine.stop();
    }

    void aWaveWhoseVehicleArrivesIsRecordedWithItsTrip()
    {
        // The vehicle sets off, stands once at a red, passes both signals (released) and parks 61.4 s after its
        // first report on the way: the record holds how the trip went, in the name of the one who started the wave,
        // beside the router's time — what a supervisor's replay shows of it.
        WaveConsole c;
        QVERIFY(c.start());
        const std::int64_t t0 = c.waveUnderWay();
        QVERIFY(t0 > 0);
        c.report(c.ahead, t0 + 20'000, 0);     // came to a stand
        c.report(c.ahead, t0 + 25'000, 10);    // and moves on
        c.report({}, t0 + 30'000);             // both signals behind it
        c.report({}, t0 + 61'400, 0, true);    // parked at the destination
        QVERIFY(c.overWithSignalsReleased());
        const QString expected = QStringLiteral("wave-over olga: ambulance-9: arrived 61 s after setting off (planned 95 s), "
                                                "1 stop on the way; 2 signals pre-empted and released");
        QTRY_VERIFY2(c.recorded().contains(expected), qPrintable(c.recorded().join(u'|')));
        // In the desk's words: who, that the wave went through, and the trip.
        QCOMPARE(Labels::activity(expected), QStringLiteral("olga started a green wave, now over — ambulance-9: arrived 61 s after setting off "
                                                            "(planned 95 s), 1 stop on the way; 2 signals pre-empted and released"));
        QVERIFY2(c.said().front().contains(QStringLiteral("Green wave for ambulance-9 over: it arrived 1 min 01 s after setting off "
                                                            "(planned 1 min 35 s), with 1 stop(s) on the way")),
                 qPrintable(c.said().join(u'|')));
        c.engine.stop();
    }

    void aVehicleThatParksOnTheWayHasNotArrived()
    {
        // It parks 1.2 km from where it was sent (a patient found on the way; or its simulation restarted it at its
        // station): the wave ends, its signals released, but neither the console nor the record says it arrived.
        WaveConsole c;
        QVERIFY(c.start());
        const std::int64_t t0 = c.waveUnderWay();
        QVERIFY(t0 > 0);
        const GeoPoint away{c.destination.lon, c.destination.lat + 1200.0 / 111'195.0};
        c.report({}, t0 + 40'000, 0, true, away);
        QVERIFY(c.overWithSignalsReleased());
        const QString recorded = QStringLiteral("wave-over olga: ambulance-9: parked 1200 m from where it was sent, 40 s after setting off "
                                                "(planned 95 s), 0 stops on the way; 2 signals pre-empted and released");
        QTRY_VERIFY2(c.recorded().contains(recorded), qPrintable(c.recorded().join(u'|')));
        QVERIFY2(c.said().front().contains(QStringLiteral("Green wave for ambulance-9 over: it parked 1200 m from where it was sent, 40 s after "
                                                          "setting off (planned 1 min 35 s), with 0 stop(s) on the way")),
                 qPrintable(c.said().join(u'|')));
        // Said on amber: not the outcome the operator sent it for.
        QCOMPARE(c.window->ops().messages()->item(0)->background().color(), mapstyle::alarmAmber());
        c.engine.stop();
    }

    void closingStopsTheWavesAndWaitsForTheirSignals()
    {
        // Olga closes the console with a wave holding two junctions: the question offers to stop the wave first; she
        // takes it. The console stops the wave in her name and stays open — saying what it waits for — until the
        // field reports both signals back on their programs, and only then closes; the record says so.
        WaveConsole c;
        QVERIFY(c.start());
        QVERIFY(c.waveUnderWay() > 0);
        QStringList offered;
        bool waited = false;
        answerNextDialog([&](QWidget *dialog) {
            auto *question = qobject_cast<CloseQuestion *>(dialog);
            if (!question) {
                dialog->close();
                return;
            }
            for (QAbstractButton *b : question->buttons())
                offered << b->text();
            QCOMPARE(question->defaultButton(), question->keepButton());   // Enter still keeps the console
            if (question->stopWavesButton())
                QTest::keyClick(question, Qt::Key_S, Qt::AltModifier);
            else
                question->keepButton()->click();
        });
        // What the field reported at the moment the window went away.
        SignalMode atClose[2] = {SignalMode::Preempt, SignalMode::Preempt};
        WhenHidden hidden(*c.window, [&] {
            atClose[0] = c.mode(0);
            atClose[1] = c.mode(1);
            waited = c.window->findChild<ReleaseBeforeClose *>() != nullptr;
        });
        c.window->close();
        QVERIFY2(offered.contains(QStringLiteral("&Stop the green wave(s), then close")), qPrintable(offered.join(u'|')));
        // Still open, waiting, the wave stopped in olga's name.
        QVERIFY(c.window->isVisible());
        auto *releasing = c.window->findChild<ReleaseBeforeClose *>();
        QVERIFY(releasing && releasing->isVisible());
        // Both junctions still pre-empted (the field answers 150 ms at the soonest), named where they stand.
        const QString waiting = releasing->informativeText();
        QVERIFY2(waiting.contains(QStringLiteral("back on its program")) && waiting.contains(QStringLiteral("2 signal(s) still pre-empted: ")),
                 qPrintable(waiting));
        for (size_t k = 0; k < 2; ++k) {
            const DeviceIndex device = c.city->signals[c.ahead[k].signal].device;
            QVERIFY2(waiting.contains(Labels::deviceWithPlace(c.city->devices[device].id, Labels::place(*c.city, device))), qPrintable(waiting));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!c.window->isVisible(), 20'000);
        QVERIFY(waited);
        QCOMPARE(atClose[0], SignalMode::Normal);
        QCOMPARE(atClose[1], SignalMode::Normal);
        QTRY_VERIFY2(c.recorded().contains(QStringLiteral("close-console olga: after its green waves' signals were released")),
                     qPrintable(c.recorded().join(u'|')));
        QVERIFY2(c.recorded().join(u'|').contains(QStringLiteral("stop-wave olga: ambulance-9: green wave stopped, release asked for 2 signals")),
                 qPrintable(c.recorded().join(u'|')));
        c.engine.stop();
    }

    void aVehicleSentAgainKeepsWhatItsWaveHolds()
    {
        // Diverted mid-trip: sent again on a route that still crosses the second signal but no longer the first.
        // The new wave takes over both holds: the second stays pre-empted (not asked again), the first — behind
        // the vehicle now — is released; one wave is left.
        WaveConsole c;
        QVERIFY(c.start());
        MainWindow &window = *c.window;
        c.startWave(c.ahead);
        c.report(c.ahead);
        QTRY_VERIFY_WITH_TIMEOUT(c.mode(0) == SignalMode::Preempt && c.mode(1) == SignalMode::Preempt, 20'000);
        c.startWave({c.ahead[1]});
        QCOMPARE(int(window.ops().waves().size()), 1);
        QVERIFY2(c.said().front().contains(QStringLiteral("The earlier green wave for ambulance-9 ends: its 2 held signal(s) go to the new one")),
                 qPrintable(c.said().join(u'|')));
        SignalAhead second = c.ahead[1];
        second.distanceM = 150;
        c.report({second});
        QTRY_VERIFY_WITH_TIMEOUT(c.mode(0) == SignalMode::Normal, 20'000);
        QTRY_COMPARE(window.ops().waveLabel()->text(), QStringLiteral("Green wave: ambulance-9 (1 held)"));
        QCOMPARE(c.mode(1), SignalMode::Preempt);
        QCOMPARE(c.orders(CommandAction::SignalPreempt, 1).size(), size_t(1));   // held throughout, never asked twice
        QCOMPARE(c.orders(CommandAction::SignalRestore, 0).size(), size_t(1));
        QCOMPARE(c.orders(CommandAction::SignalRestore, 1).size(), size_t(0));
        // The earlier wave ended by being taken over, not by the vehicle arriving: nothing of a trip recorded for it.
        QTest::qWait(500);
        QVERIFY(!c.recorded().join(u'|').contains(QStringLiteral("wave-over")));
        c.engine.stop();
    }
};

QTEST_MAIN(TestGreenWaveUi)
#include "tst_greenwaveui.moc"
