// Closing a desk's console, as a person at the desk does it: Ctrl+Q or the window's close asks first, says what closing
// leaves undone (this console's orders under way or waiting for approval, the store's check, events not recorded, an
// export), keeps running unless "Close the console" is chosen — Enter and Escape keep it — and records who closed it.
#include "access/closequestion.h"
#include "access/releasebeforeclose.h"
#include "engine/greenwaverun.h"
#include "ops/greenwavefollower.h"
#include "link/simlink.h"
#include "access/accesscontrol.h"
#include "labels.h"
#include "mainwindow.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "ops/workflows.h"
#include "testcity.h"
#include "testpeople.h"

#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTranslator>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The simulator, but its devices never answer a command: what is sent stays under way.
class DeafSimLink : public SimLink {
public:
    using SimLink::SimLink;
    void send(const std::vector<DeviceCommand> &) override {}
};

/// The simulator, carrying out every command but a restore: a release is sent and stays under way.
class DeafToRestoresSimLink : public SimLink {
public:
    using SimLink::SimLink;
    void send(const std::vector<DeviceCommand> &commands) override
    {
        std::vector<DeviceCommand> heard;
        std::copy_if(commands.begin(), commands.end(), std::back_inserter(heard),
                     [](const DeviceCommand &c) { return c.action != CommandAction::SignalRestore; });
        SimLink::send(heard);
    }
};

/// A live console with real accounts whose field never answers commands (or only restores, `deafToRestoresOnly`).
struct Desk {
    std::shared_ptr<const CityModel> city = networkCity();
    People people{*city};
    Engine engine{city};
    std::unique_ptr<MainWindow> window;
    std::uint64_t m_reports = 0;

    explicit Desk(bool deafToRestoresOnly = false)
    {
        DispatchConfig slow;
        slow.answerTimeoutMs = 600'000;   // nothing times out while the test looks
        engine.setDispatchConfig(slow);
        SimLinkOptions sim;
        sim.warmUpHours = 0.1;
        if (deafToRestoresOnly)
            engine.start(std::make_unique<DeafToRestoresSimLink>(city, &engine.clock(), sim));
        else
            engine.start(std::make_unique<DeafSimLink>(city, &engine.clock(), sim));
        window = std::make_unique<MainWindow>(engine, people.get());
        window->resize(1400, 900);
        window->show();
    }
    ~Desk() { engine.stop(); }
    /// The first `n` signals with a phase serving their first link (a green wave can pre-empt them).
    std::vector<std::uint32_t> preemptableSignals(size_t n) const
    {
        std::vector<std::uint32_t> out;
        for (std::uint32_t s = 0; s < city->signals.size() && out.size() < n; ++s)
            if (!city->signals[s].programs.empty() && phaseServing(city->signals[s].programs.front(), 0) >= 0)
                out.push_back(s);
        return out;
    }
    /// A supervisor sends the vehicle on a route crossing `signal` `distanceM` ahead: its green wave starts.
    void sendVehicle(const QString &vehicle, std::uint32_t signal, double distanceM)
    {
        PlannedRoute route;
        route.vehicle = vehicle;
        route.signals = {{signal, 0, distanceM}};
        route.lengthM = distanceM + 500;
        route.travelS = 90;
        window->ops().startWave(vehicle, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, route, nullptr);
    }
    /// The vehicle's report to `wave` at `atMs`, with the signals still ahead of it.
    void report(GreenWaveRun *wave, std::int64_t atMs, std::vector<SignalAhead> ahead)
    {
        VehicleBook::Vehicle r;
        r.timeMs = atMs;
        r.reports = ++m_reports;
        r.report.id = wave->vehicle();
        r.report.speedMps = 10;
        r.report.ahead = std::move(ahead);
        wave->update(r);
    }
    /// Closes with "Stop the green waves, then close" and, when the console waits for the field, keeps it running:
    /// what the wait said, or empty when the console closed without waiting.
    QString stopWavesAndCloseButKeepRunning()
    {
        QString said;
        tryToClose([&](CloseQuestion &q) {
            if (!q.stopWavesButton()) {
                q.close();
                return;
            }
            answerNextDialog([&said](QWidget *dialog) {
                if (auto *releasing = qobject_cast<ReleaseBeforeClose *>(dialog)) {
                    said = releasing->informativeText();
                    QTest::mouseClick(releasing->keepRunningButton(), Qt::LeftButton);
                } else {
                    dialog->close();
                }
            });
            QTest::mouseClick(q.stopWavesButton(), Qt::LeftButton);
        });
        (void)QTest::qWaitFor([&] { return !said.isEmpty(); }, 5000);   // none: the caller says so
        return said;
    }
    bool recorded(const QString &text) const
    {
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        return std::any_of(entries.begin(), entries.end(), [&](const ActivityLog::Entry &e) { return e.text.contains(text); });
    }
    /// Presses Ctrl+Q on the window and lets `answer` handle the question; whether it closed.
    bool tryToClose(const std::function<void(CloseQuestion &)> &answer)
    {
        bool asked = false;
        answerNextDialog([&](QWidget *dialog) {
            auto *question = qobject_cast<CloseQuestion *>(dialog);
            asked = question != nullptr;
            if (question)
                answer(*question);
            else
                dialog->close();
        });
        window->activateWindow();   // the shortcut reaches the active window only
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the console's window is not active");
        QTest::keyClick(window.get(), Qt::Key_Q, Qt::ControlModifier);
        const bool closed = !window->isVisible();
        if (!asked)
            qWarning("the console closed without asking");
        return closed && asked;
    }
};

QString shownText(const CloseQuestion &q) { return q.text() + QLatin1Char('\n') + q.informativeText(); }

} // namespace

class TestCloseConsole : public QObject {
    Q_OBJECT
    QTranslator m_english;
private Q_SLOTS:
    void initTestCase()
    {
        // As the console runs in English: "1 order under way", not "1 order(s)".
        QVERIFY(m_english.load(QStringLiteral(QM_DIR "/cityops_en.qm")));
        QCoreApplication::installTranslator(&m_english);
    }

    /// Nobody signed in, nothing under way: the question says the desk stops watching; Enter and Escape keep it running
    /// (a stray Ctrl+Q then Enter closes nothing); "Close the console" closes it, recorded as nobody's.
    void asksFirstAndKeepsRunningByDefault()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QString seen;
        QVERIFY(!desk.tryToClose([&](CloseQuestion &q) {
            seen = shownText(q);
            QCOMPARE(q.defaultButton(), q.keepButton());
            QTest::keyClick(&q, Qt::Key_Return);
        }));
        QVERIFY2(seen.contains(QLatin1String("Close CityOps on this desk?")) && seen.contains(QLatin1String("stops watching the city"))
                     && !seen.contains(QLatin1String("<li>")),
                 qPrintable(seen));
        QVERIFY(desk.window->isVisible());
        QVERIFY(!desk.tryToClose([](CloseQuestion &q) { QTest::keyClick(&q, Qt::Key_Escape); }));
        QVERIFY(desk.window->isVisible());
        QVERIFY(!desk.recorded(QStringLiteral("close-console")));

        // Alt+C, the close button's key, closes it: from the keyboard alone, on purpose.
        QVERIFY(desk.tryToClose([](CloseQuestion &q) {
            q.activateWindow();   // its Alt shortcuts reach the active window only
            if (!QTest::qWaitForWindowActive(&q))
                qWarning("the close question is not active");
            QTest::keyClick(&q, Qt::Key_C, Qt::AltModifier);
        }));
        QVERIFY(!desk.window->isVisible());
        QTRY_VERIFY(desk.recorded(QStringLiteral("close-console (nobody)")));
    }

    /// olga's orders: one sent and not answered, one waiting for sven's approval. The question names both and what
    /// closing does to them; she keeps the console, then closes it — recorded in her name with what it left.
    void saysWhatClosingLeavesUndone()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QVERIFY(desk.window->access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        const Actor olga = desk.window->ops().client().actor();
        desk.engine.request(olga, request::IssueOrder{workflows::dimDistrict(*desk.city, 0, 40)});
        desk.engine.request(olga, request::IssueOrder{workflows::flashAndDispatch(*desk.city, {desk.city->signals.front().device})});
        QTRY_VERIFY(desk.window->closingCosts().lines.size() == 2);
        const ClosingCosts costs = desk.window->closingCosts();
        QVERIFY2(costs.lines[0].startsWith(QStringLiteral("1 order under way — order ")) && costs.lines[0].contains(QLatin1String("dim"))
                     && costs.lines[0].contains(QLatin1String("marked timed out")),
                 qPrintable(costs.lines[0]));
        QVERIFY2(costs.lines[1].startsWith(QStringLiteral("1 order waiting for approval — order ")) && costs.lines[1].contains(QLatin1String("flash"))
                     && costs.lines[1].contains(QLatin1String("it waits again")),
                 qPrintable(costs.lines[1]));
        QCOMPARE(costs.record, QStringLiteral("left 1 order under way, 1 order waiting for approval"));

        QString seen;
        QImage look;
        QVERIFY(!desk.tryToClose([&](CloseQuestion &q) {
            seen = shownText(q);
            look = q.grab().toImage();
            QTest::mouseClick(q.keepButton(), Qt::LeftButton);
        }));
        QVERIFY2(seen.contains(QLatin1String("olga is signed out")) && seen.contains(QLatin1String("1 order under way"))
                     && seen.contains(QLatin1String("1 order waiting for approval")),
                 qPrintable(seen));
        QVERIFY(look.width() > 300 && look.height() > 150);   // drawn, with room for its lines
        // Closed at the lock card, it may have been anyone: the record says it was locked.
        desk.window->access().lock(QStringLiteral("by hand"));
        QVERIFY(desk.tryToClose([](CloseQuestion &q) { QTest::mouseClick(q.closeButton(), Qt::LeftButton); }));
        QTRY_VERIFY(desk.recorded(QStringLiteral("close-console olga: while locked; left 1 order under way, 1 order waiting for approval")));
    }

    /// Another console's orders on the same field are not this console's to follow: closing leaves them as they are.
    void ordersOfOtherRunsAreNotCounted()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}};
        desk.engine.request(olga, request::IssueOrder{workflows::dimDistrict(*desk.city, 0, 40)});
        QTRY_VERIFY(desk.window->closingCosts().lines.size() == 1);
        std::vector<Order> orders;
        desk.engine.books().orders().snapshot(orders);
        QCOMPARE(orders.size(), size_t(1));
        QVERIFY(desk.engine.issuedHere(orders[0].id));
        // The same order number from another session of this store, or from a console with another salt, is not ours.
        QVERIFY(!desk.engine.issuedHere(orders[0].id ^ (1u << 20)));
        QVERIFY(!desk.engine.issuedHere(orders[0].id ^ (0x7ffu << 20)));
        // Nor one in this run's range it never issued: another console's ids meet a run's for one run pair in 4,096.
        QVERIFY(!desk.engine.issuedHere(orders[0].id + 1));
        ClosingContext other{desk.engine, [](std::uint32_t) { return false; }, {}, {}, {}};
        QVERIFY(closingCosts(other).lines.isEmpty());
        QVERIFY(closingCosts(other).record.isEmpty());
    }

    /// A green wave whose signals do not answer (the field is deaf): the question offers to stop the wave first —
    /// not to nobody signed in, who may not — and then waits, saying so, for as long as the person lets it:
    /// "Keep running" keeps the console with the wave stopped, "Close now" closes it, recorded with what it left.
    void aWaveWhoseSignalsDoNotAnswerLeavesTheChoiceToThePerson()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QVERIFY(desk.window->access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        std::uint32_t signal = 0;
        while (signal < desk.city->signals.size()
               && (desk.city->signals[signal].programs.empty() || phaseServing(desk.city->signals[signal].programs.front(), 0) < 0))
            ++signal;
        QVERIFY(signal < desk.city->signals.size());
        const QString vehicle = QStringLiteral("ambulance-3");
        PlannedRoute route;
        route.vehicle = vehicle;
        route.signals = {{signal, 0, 100.0}};
        route.lengthM = 800;
        route.travelS = 70;
        desk.window->ops().startWave(vehicle, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, route, nullptr);
        QCOMPARE(int(desk.window->ops().waves().size()), 1);
        GreenWaveRun *wave = desk.window->ops().waves().front();
        VehicleBook::Vehicle report;
        report.timeMs = desk.engine.clock().nowMs();
        report.reports = 1;
        report.report.id = vehicle;
        report.report.speedMps = 10;
        report.report.ahead = route.signals;   // 10 s away: within the lead, its pre-emption is asked
        wave->update(report);
        QTRY_COMPARE(int(wave->held().size()), 1);

        // Nobody signed in may not stop it: only "Close the console" and "Keep running".
        desk.window->access().signOut();
        bool offered = true;
        QVERIFY(!desk.tryToClose([&](CloseQuestion &q) {
            offered = q.stopWavesButton() != nullptr;
            QTest::mouseClick(q.keepButton(), Qt::LeftButton);
        }));
        QVERIFY(!offered);
        QVERIFY(desk.window->access().signIn(QStringLiteral("olga"), People::kPassword).ok());

        QString asked;
        const auto stopThenAnswer = [&](bool closeNow) -> QString {
            QString said;
            const auto answerTheWait = [&said, closeNow](QWidget *dialog) {
                auto *releasing = qobject_cast<ReleaseBeforeClose *>(dialog);
                if (!releasing) {
                    dialog->close();
                    return;
                }
                said = releasing->informativeText();
                QTest::mouseClick(closeNow ? releasing->closeNowButton() : releasing->keepRunningButton(), Qt::LeftButton);
            };
            QString offeredAs;
            desk.tryToClose([&](CloseQuestion &q) {
                asked = shownText(q);
                if (!q.stopWavesButton())
                    return QTest::mouseClick(q.keepButton(), Qt::LeftButton);
                offeredAs = q.stopWavesButton()->text();
                answerNextDialog(answerTheWait);   // the wait that follows the question
                QTest::mouseClick(q.stopWavesButton(), Qt::LeftButton);
            });
            if (!QTest::qWaitFor([&] { return !said.isEmpty(); }))
                qWarning("the console did not show what it waits for");
            return offeredAs + QLatin1Char('\n') + said;   // what the question offered, then what the wait said
        };
        const QString waiting = stopThenAnswer(false);
        QVERIFY2(waiting.startsWith(QStringLiteral("&Stop the green wave, then close\n")) && waiting.contains(QLatin1String("back on its program")) && waiting.contains(QLatin1String("The releases are being asked for."))
                     && waiting.contains(QLatin1String("Close now to leave them to their controllers")),
                 qPrintable(waiting));
        // Kept running: the console is there, the wave stopped in olga's name (its release still asked for), and said.
        QTRY_VERIFY(!desk.window->findChild<ReleaseBeforeClose *>());
        QVERIFY(desk.window->isVisible());
        QCOMPARE(wave->stats().stoppedBy, QStringLiteral("olga"));
        QCOMPARE(desk.window->statusBar()->currentMessage(), QStringLiteral("Kept running: the green waves are stopped."));
        QVERIFY(!desk.recorded(QStringLiteral("close-console")));

        // Asked again, still waiting: the question says the wave was stopped and its signals are still being released;
        // "Close now" closes it, the record saying the signals were not released yet.
        stopThenAnswer(true);
        QVERIFY2(asked.contains(QLatin1String("The green wave for ambulance-3 was stopped by olga, and its signals are still being released")),
                 qPrintable(asked));
        QTRY_VERIFY(!desk.window->isVisible());
        // (the pre-emption the deaf field never confirmed is the order under way)
        QTRY_VERIFY(desk.recorded(QStringLiteral("close-console olga: before its green waves' signals were released; "
                                                 "left 1 order under way, 1 green wave under way")));
    }

    /// A vehicle sent again after its wave had asked for a release the field has not allowed yet (the pre-emption not
    /// confirmed): the earlier wave is out of the list, still asking. Closing with the new wave stopped waits for it
    /// too, instead of closing as soon as the new wave (holding nothing yet) has ended.
    void closingWaitsForAnEarlierWaveStillReleasing()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QVERIFY(desk.window->access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        const std::vector<std::uint32_t> signals = desk.preemptableSignals(2);
        QCOMPARE(int(signals.size()), 2);
        const QString vehicle = QStringLiteral("ambulance-4");
        OpsConsole &ops = desk.window->ops();
        desk.sendVehicle(vehicle, signals[0], 100);
        GreenWaveRun *earlier = ops.waves().front();
        const std::int64_t t0 = desk.engine.clock().nowMs();
        desk.report(earlier, t0, {{signals[0], 0, 100.0}});   // within the lead: its pre-emption is asked
        QTRY_COMPARE(int(earlier->held().size()), 1);
        const auto preemptionSent = [&] {   // approved and sent; the deaf field never answers it
            std::vector<Order> all;
            desk.engine.orders().snapshot(all);
            return std::any_of(all.begin(), all.end(), [](const Order &o) {
                return o.description.contains(QLatin1String("pre-empt")) && o.targets.front().stage == CommandStage::Sent;
            });
        };
        QTRY_VERIFY(preemptionSent());
        desk.report(earlier, t0 + 12'000, {});                // passed it
        desk.report(earlier, t0 + 16'000, {});                // its release is due, refused while the pre-emption is unconfirmed
        QTRY_COMPARE(int(earlier->releasing().size()), 1);
        QVERIFY(earlier->held().empty());
        desk.sendVehicle(vehicle, signals[1], 3000);          // sent again: the next signal far ahead, nothing held yet
        QCOMPARE(int(ops.waves().size()), 1);
        QCOMPARE(ops.handedOverWaves(), std::vector<GreenWaveRun *>{earlier});
        QVERIFY(ops.waves().front()->held().empty());

        const QString said = desk.stopWavesAndCloseButKeepRunning();
        QVERIFY2(!said.isEmpty(), "the console closed without waiting for the earlier wave's release");
        QVERIFY2(said.contains(QLatin1String("The releases are being asked for.")), qPrintable(said));
        QTRY_VERIFY(!desk.window->findChild<ReleaseBeforeClose *>());
        QVERIFY(desk.window->isVisible());
        QVERIFY(ops.waves().empty());
        QCOMPARE(int(earlier->releasing().size()), 1);   // still asking, the console still there
    }

    /// A release already sent — its wave holding nothing more — leaves the junction pre-empted until the field carries
    /// it out. Closing with the wave stopped waits for the field to report it back on its program, instead of closing
    /// as soon as the wave (holding nothing) has ended.
    void closingWaitsForAReleaseAlreadySent()
    {
        Desk desk(true);
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QVERIFY(desk.window->access().signIn(QStringLiteral("olga"), People::kPassword).ok());
        const std::vector<std::uint32_t> signals = desk.preemptableSignals(1);
        QCOMPARE(int(signals.size()), 1);
        const DeviceIndex junction = desk.city->signals[signals[0]].device;
        desk.sendVehicle(QStringLiteral("ambulance-4"), signals[0], 100);
        GreenWaveRun *wave = desk.window->ops().waves().front();
        const std::int64_t t0 = desk.engine.clock().nowMs();
        desk.report(wave, t0, {{signals[0], 0, 100.0}});   // within the lead: pre-empted, and the field carries it out
        const auto mode = [&] { return SignalMode(desk.engine.states().state(junction).mode); };
        QTRY_COMPARE_WITH_TIMEOUT(mode(), SignalMode::Preempt, 10'000);
        desk.report(wave, t0 + 12'000, {});                // passed it
        desk.report(wave, t0 + 16'000, {});                // its release is due: sent, and never carried out
        const auto releaseSent = [&] {
            std::vector<Order> all;
            desk.engine.orders().snapshot(all);
            return std::any_of(all.begin(), all.end(), [](const Order &o) {
                return o.description.endsWith(QLatin1String(": release")) && o.targets.front().stage == CommandStage::Sent;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(releaseSent(), 10'000);
        QTRY_VERIFY(wave->held().empty() && wave->releasing().empty());   // the wave has taken the answer too
        QCOMPARE(mode(), SignalMode::Preempt);

        const QString said = desk.stopWavesAndCloseButKeepRunning();
        QVERIFY2(!said.isEmpty(), "the console closed with the junction still pre-empted");
        QVERIFY2(said.contains(QLatin1String("1 signal still pre-empted: ")) && said.contains(desk.city->devices[junction].id), qPrintable(said));
        QTRY_VERIFY(!desk.window->findChild<ReleaseBeforeClose *>());
        QVERIFY(desk.window->isVisible());
    }

    /// The store: while it is checked, closing waits for the check (said, nothing counted lost); while it cannot be
    /// written, what waits is lost (said and recorded); an export not finished is stopped.
    void theStoreAndAnExportAreSaid()
    {
        const auto city = networkCity();
        Engine idle{city};
        EventStore::Stats checking;
        checking.checking = true;
        checking.backlog = 1200;
        ClosingContext context{idle, [](std::uint32_t) { return true; }, {}, checking, {}};
        ClosingCosts costs = closingCosts(context);
        QCOMPARE(costs.lines.size(), 1);
        QVERIFY2(costs.lines[0].contains(QLatin1String("still being checked")) && costs.lines[0].contains(QLatin1String("1200 events waiting")),
                 qPrintable(costs.lines[0]));
        QVERIFY(costs.record.isEmpty());

        EventStore::Stats failing;
        failing.failing = true;
        failing.backlog = 1;
        failing.error = QStringLiteral("database or disk is full");
        context.store = failing;
        context.exportUnderWay = QStringLiteral("21:00:00 .. 22:00:00");
        costs = closingCosts(context);
        QCOMPARE(costs.lines.size(), 2);
        QVERIFY2(costs.lines[0].startsWith(QLatin1String("1 event could not be recorded yet (database or disk is full)")), qPrintable(costs.lines[0]));
        QVERIFY2(costs.lines[1].contains(QLatin1String("export of 21:00:00 .. 22:00:00 is not finished")), qPrintable(costs.lines[1]));
        QCOMPARE(costs.record, QStringLiteral("left 1 event not recorded, an export stopped"));

        // A long list is named by its first three and how many more (orders here, junctions while closing waits).
        const auto named = [](size_t i) { return QStringLiteral("order %1").arg(i + 1); };
        QCOMPARE(Labels::firstFew(5, named), QStringLiteral("order 1; order 2; order 3 and 2 more"));
        QCOMPARE(Labels::firstFew(3, named), QStringLiteral("order 1; order 2; order 3"));
        QCOMPARE(Labels::firstFew(0, named), QString());
    }
};

QTEST_MAIN(TestCloseConsole)
#include "tst_closeconsole.moc"
