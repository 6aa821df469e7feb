// A wave under way at the console (on its embedded link, the vehicle's reports given by the test): shown, handed
// over, stopped by a person (not by a viewer), ended by the vehicle's arrival (not by its parking on the way),
// carried over when the vehicle is sent again, and released before the console closes.
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
#include "waveconsole.h"

using namespace cityops;
using namespace cityops::test;

class TestWaveDesk : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path()); }

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
        // Nothing released: the signals stay held — and below, after the operator's stop, each signal has exactly one
        // release, in her name (a release the wall's refused stop had let out would be a second, or in its name).
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
            // Another dialog first would leave the close question unanswered: fail, naming it (answerNextDialog rejects it).
            QVERIFY2(question, dialog->metaObject()->className());
            for (QAbstractButton *b : question->buttons())
                offered << b->text();
            QCOMPARE(question->defaultButton(), question->keepButton());   // Enter still keeps the console
            if (question->stopWavesButton()) {
                // A button's Alt shortcut reaches the active window only (a busy machine may not have activated it
                // yet: the key would go nowhere and the question would wait for ever).
                question->activateWindow();
                QVERIFY(QTest::qWaitForWindowActive(question));
                QTest::keyClick(question, Qt::Key_S, Qt::AltModifier);
            }
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
        // The earlier wave ended by being taken over, not by the vehicle arriving: nothing of a trip recorded for it
        // (asked once the engine has stopped, which takes in everything handed to it before).
        c.engine.stop();
        QVERIFY(!c.recorded().join(u'|').contains(QStringLiteral("wave-over")));
    }
};

QTEST_MAIN(TestWaveDesk)
#include "tst_wavedesk.moc"
