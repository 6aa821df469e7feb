#include "labels.h"
#include "livecity.h"
#include "mainwindow.h"
#include "map/mapstyle.h"
#include "ops/opsconsole.h"
#include "map/mapview.h"
#include "replay/replaybar.h"
#include "replay/replaycontroller.h"
#include "replay/timelinewidget.h"
#include "storetesting.h"
#include "link/simlink.h"
#include "wall/videowall.h"
#include "wall/wallboards.h"
#include "wall/wallfeed.h"
#include "wall/walllook.h"
#include "testpeople.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QTest>
#include <QToolTip>
#include <QHelpEvent>
#include <QTimeZone>

using namespace cityops;
using namespace cityops::test;

class TestReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::int64_t m_start = 0;
    std::int64_t m_t1 = 0;
    std::vector<DeviceState> m_statesAtT1;
    std::vector<Incident> m_incidentsAtT1;
    std::vector<std::int64_t> m_raisedTimes;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(fixtureCity());
        m_path = m_dir.filePath(QStringLiteral("replay.store"));
        auto store = EventStore::open({m_path}, *fixtureCity());
        QVERIFY(store.ok());
        Recorder rec(fixtureCity(), store->get(), 2000);
        m_start = berlin(QDate(2026, 11, 22), QTime(17, 0));
        CitySimulator sim(fixtureCity(), 12, m_start);
        std::vector<Event> batch{Event{0, m_start, kNoDevice, SessionPayload{1}}};
        sim.initialState(batch);
        rec.process(std::move(batch));
        m_t1 = m_start + 80 * 60'000 + 500;
        for (std::int64_t t : {m_t1, m_start + 4 * 3600'000}) {
            std::vector<Event> events;
            sim.advanceTo(t, events);
            for (const Event &e : events)
                if (std::holds_alternative<IncidentRaisedPayload>(e.payload))
                    m_raisedTimes.push_back(e.timeMs);
            rec.process(std::move(events));
            if (t == m_t1) {
                m_statesAtT1 = rec.books().states().exportStates();
                rec.books().incidents().snapshot(m_incidentsAtT1);
            }
        }
        store.value()->flush();
        QVERIFY(m_raisedTimes.size() >= 2);
    }

    void consoleShowsTheRecordedStateAtT()
    {
        Engine engine(fixtureCity()); // not started: only the live source the console falls back to
        CityMirror scene(fixtureCity());
        LiveCity live(engine, scene);
        ReplayController controller(fixtureCity());
        QSignalSpy opened(&controller, &ReplayController::opened);
        controller.open(m_path, m_t1);
        QTRY_COMPARE(opened.count(), 1);
        live.setSource(controller.session());
        QTRY_COMPARE(controller.session()->nowMs(), m_t1);
        live.refresh();
        QVERIFY(!live.isLive());
        QCOMPARE(live.nowMs(), m_t1);
        for (size_t d = 0; d < m_statesAtT1.size(); ++d) {
            QCOMPARE(scene.states[d].phase, m_statesAtT1[d].phase);
            QCOMPARE(scene.states[d].level, m_statesAtT1[d].level);
            QCOMPARE(scene.states[d].value, m_statesAtT1[d].value);
            QCOMPARE(scene.states[d].online, m_statesAtT1[d].online);
        }
        QCOMPARE(scene.incidents.size(), m_incidentsAtT1.size());

        // Returning to live forgets the replayed picture at once.
        live.setSource(nullptr);
        QVERIFY(live.isLive());
        QVERIFY(scene.incidents.empty());
        QVERIFY(std::none_of(scene.states.begin(), scene.states.end(), [](const DeviceState &s) { return s.reported; }));
    }

    void goToTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");   // city time, or empty for refused
        QTest::newRow("minutes") << "15:30" << "2026-11-22 15:30:00";
        QTest::newRow("seconds") << "15:30:20" << "2026-11-22 15:30:20";
        QTest::newRow("one-digit hour") << "9:05" << "2026-11-22 09:05:00";
        QTest::newRow("with a date") << "2026-11-21 23:59" << "2026-11-21 23:59:00";
        QTest::newRow("ISO") << "2026-11-21T23:59:30" << "2026-11-21 23:59:30";
        QTest::newRow("spaces") << "  15:30 " << "2026-11-22 15:30:00";
        QTest::newRow("no minutes") << "15" << "";
        QTest::newRow("words") << "half past three" << "";
        QTest::newRow("impossible") << "25:61" << "";
    }
    void goToTimes()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QTimeZone berlin("Europe/Berlin");
        const auto parsed = ReplayBar::parseGoTo(text, QDate(2026, 11, 22), berlin);
        if (expected.isEmpty()) {
            QVERIFY(!parsed);
            return;
        }
        QVERIFY(parsed);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(*parsed, berlin).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), expected);
    }

    void transportControls()
    {
        ReplayController controller(fixtureCity());
        ReplayBar bar(controller, QTimeZone("Europe/Berlin"));
        bar.resize(1400, 180);
        bar.show();
        QSignalSpy opened(&controller, &ReplayController::opened);
        controller.open(m_path, m_t1);
        QTRY_COMPARE(opened.count(), 1);
        QTRY_COMPARE(controller.position(), m_t1);
        QTRY_COMPARE(controller.session()->nowMs(), m_t1);
        QTRY_VERIFY(bar.bannerText().contains(QLatin1String("18:20:00")));   // 17:00 + 80 min, city time
        QVERIFY(bar.bannerText().startsWith(QLatin1String("REPLAY")));
        QVERIFY(bar.bannerText().contains(QLatin1String("paused")));
        // Who did what reads: a third of the bar and seven lines, not 190 × 60 px (issue 16, item 11).
        auto *who = bar.findChild<QListWidget *>();
        QVERIFY(who);
        QVERIFY2(who->width() >= 440 && who->height() >= 7 * who->fontMetrics().height(),
                 qPrintable(QStringLiteral("%1 × %2").arg(who->width()).arg(who->height())));

        // A typed time means that minute, not the old seconds: "18:05" is 18:05:00, city time.
        bar.goToField()->setFocus();
        bar.goToField()->setText(QStringLiteral("18:05"));
        QTest::keyClick(bar.goToField(), Qt::Key_Return);
        const std::int64_t typed = QDateTime(QDateTime::fromMSecsSinceEpoch(m_t1, QTimeZone("Europe/Berlin")).date(), QTime(18, 5),
                                             QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        QTRY_COMPARE(controller.session()->nowMs(), typed);
        QTRY_VERIFY(bar.bannerText().contains(QLatin1String("18:05:00")));
        // Nonsense is refused in place, and nothing moves.
        bar.goToField()->setText(QStringLiteral("half past six"));
        QTest::keyClick(bar.goToField(), Qt::Key_Return);
        QVERIFY(bar.goToField()->styleSheet().contains(QLatin1String("#ffb000")));
        QCOMPARE(controller.position(), typed);
        controller.seek(m_t1);
        QTRY_COMPARE(controller.session()->nowMs(), m_t1);   // the session is there, not only the request

        // Unmistakable: the banner is drawn in the replay colour.
        const QImage shot = bar.grab().toImage();
        QCOMPARE(shot.pixelColor(10, 10), QColor(0x6f, 0x8c, 0xff));

        QTest::keyClick(&bar, Qt::Key_Right);
        QTRY_COMPARE(controller.session()->nowMs(), m_t1 + 10'000);
        QTest::keyClick(&bar, Qt::Key_Left, Qt::ShiftModifier);
        QTRY_COMPARE(controller.session()->nowMs(), m_t1 + 10'000 - 60'000);

        // Next incident: the first incident raised after the position.
        const std::int64_t here = controller.session()->nowMs();
        const auto next = std::find_if(m_raisedTimes.begin(), m_raisedTimes.end(), [here](std::int64_t t) { return t > here; });
        QVERIFY(next != m_raisedTimes.end());
        QSignalSpy reached(&controller, &ReplayController::incidentReached);
        QTest::keyClick(&bar, Qt::Key_PageDown);
        QTRY_COMPARE(controller.session()->nowMs(), *next);
        // ... and says which incident it reached, so the console can show and select it.
        QTRY_COMPARE(reached.count(), 1);
        const quint32 incident = reached.at(0).at(0).toUInt();
        QVERIFY(incident != 0);
        std::vector<Incident> there;
        controller.session()->incidents().snapshot(there);
        QVERIFY(std::any_of(there.begin(), there.end(), [&](const Incident &i) { return i.id == incident; }));

        // Space plays (the rate itself is checked on simulated time in tst_eventstore): the session runs at the
        // bar's speed and moves forward.
        const std::int64_t before = controller.session()->nowMs();
        QTest::keyClick(&bar, Qt::Key_Space);
        QTRY_VERIFY(bar.bannerText().contains(QLatin1String("playing")));
        QVERIFY(controller.session()->isPlaying());
        QTRY_VERIFY(controller.session()->nowMs() > before);
        QTest::keyClick(&bar, Qt::Key_Space);
        QTRY_VERIFY(bar.bannerText().contains(QLatin1String("paused")));
    }

    /// A restart and a replay that meet a row this release cannot read (here a person's action numbered as a newer
    /// release would number a new one) go on without it, and the desk says so where it stays: in Messages, on amber,
    /// with the row and why. The incidents on both sides of the row are on the desk.
    /// A recording of the fixture's first 80 minutes (busy: incidents stay open) whose last person's action is one a
    /// newer release added (number 40); how many incidents were open at its end, 0 when it could not be made.
    std::size_t recordWithANewerRow(const QString &path) const
    {
        std::size_t open = 0;
        {
            auto store = EventStore::open({path}, *fixtureCity());
            if (!store.ok())
                return 0;
            Recorder rec(fixtureCity(), store->get(), 2000);
            SimParameters busy;
            busy.collisionsPerHour = 12;
            CitySimulator sim(fixtureCity(), 12, m_start, busy);
            std::vector<Event> batch{Event{0, m_start, kNoDevice, SessionPayload{1}}};
            sim.initialState(batch);
            sim.advanceTo(m_t1, batch);
            rec.process(std::move(batch));
            rec.process({Event{0, m_t1 + 1, kNoDevice, OperatorActionPayload{OperatorAction::Lock, QStringLiteral("olga"), {}}}});
            open = rec.books().incidents().openCount();
            store.value()->flush();
        }
        auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
        if (!db.ok() || !db.value()->exec(QStringLiteral("UPDATE events SET payload = X'28' || substr(payload, 2) "
                                                         "WHERE seq = (SELECT max(seq) FROM events WHERE kind = 8)")).ok())
            return 0;
        return open;
    }

    /// `engine` carried over from such a recording: every incident open at its end there.
    bool carriedOverFromANewerRow(const QString &path, Engine &engine) const
    {
        const std::size_t open = recordWithANewerRow(path);
        auto store = EventStore::open({path}, *fixtureCity());
        if (open == 0 || !store.ok())
            return false;
        engine.attachStore(std::move(store).value());
        return engine.books().incidents().openCount() == open;
    }

    void aRowThisReleaseCannotReadIsSaidOnTheDesk()
    {
        QTemporaryDir dir;
        Engine engine(fixtureCity());
        QVERIFY(carriedOverFromANewerRow(dir.filePath(QStringLiteral("newer.store")), engine));
        const auto cityTime = [&engine] {
            return QDateTime::fromMSecsSinceEpoch(engine.clock().nowMs(), QTimeZone("Europe/Berlin")).time();
        };
        const QTime before = cityTime();
        MainWindow window(engine, nullptr);
        const QTime after = cityTime();
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QListWidget *messages = window.ops().messages();
        QCOMPARE(messages->count(), 1);
        const QString said = messages->item(0)->text();
        QVERIFY2(said.contains(QLatin1String("Carried on from the recording without 1 event(s) it could not read"))
                     && said.contains(QLatin1String("a person's action (number 40) this release of CityOps does not know")),
                 qPrintable(said));
        QCOMPARE(messages->item(0)->background().color(), mapstyle::alarmAmber());
        // Stamped in the city's time, as the clock beside it (this machine's own zone may be another).
        const QTime stamped = QTime::fromString(said.left(8), QStringLiteral("HH:mm:ss"));
        const QTime from = before.addMSecs(-before.msec());
        const bool inTime = after >= from ? stamped >= from && stamped <= after : stamped >= from || stamped <= after;   // midnight
        QVERIFY2(stamped.isValid() && inTime,
                 qPrintable(QStringLiteral("%1 not within %2..%3").arg(said.left(8), before.toString(), after.toString())));
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QLatin1String("Carried on from the recording")),
                 qPrintable(window.statusBar()->currentMessage()));

        // Replayed to its end, over the row: the replay shows the recording and says what it went without.
        window.startReplay(0);
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), 2, 20'000);
        QVERIFY2(messages->item(0)->text().contains(QLatin1String("The replay goes on without 1 recorded event(s) it cannot read")),
                 qPrintable(messages->item(0)->text()));
        QCOMPARE(messages->item(0)->background().color(), mapstyle::alarmAmber());

        // Exported from the desk (Ctrl+E), the window over the row is refused, nothing written; the console then asks —
        // Cancel the default — whether to export without what it cannot read, and doing so says what it left out.
        QTemporaryDir out;
        const auto cityFields = [](std::int64_t ms) {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone("Europe/Berlin"));
            return QDateTime(t.date(), t.time(), Qt::UTC);   // the dialog's edits hold the city's wall-clock fields
        };
        answerNextDialog([&](QWidget *dialog) {
            const QList<QDateTimeEdit *> edits = dialog->findChildren<QDateTimeEdit *>();
            if (edits.size() == 2) {
                edits[0]->setDateTime(cityFields(m_start - 1000));
                edits[1]->setDateTime(cityFields(m_t1 + 1000));
                dialog->findChild<QLineEdit *>()->setText(out.path());
                for (QCheckBox *box : dialog->findChildren<QCheckBox *>())   // and the window with its chain
                    if (box->text().contains(QLatin1String("with their chain")))
                        box->setChecked(true);
            }
            qobject_cast<QDialog *>(dialog)->accept();
        });
        window.exportWindow();
        QString offered;
        answerNextDialog([&](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            if (!box) {
                dialog->close();
                return;
            }
            offered = box->text() + QLatin1Char('\n') + box->informativeText() + QLatin1Char('\n') + box->detailedText();
            QAbstractButton *without = nullptr;
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QStringLiteral("Export &without them"))
                    without = b;
            if (!without || box->defaultButton() != box->button(QMessageBox::Cancel))
                return box->button(QMessageBox::Cancel)->click();
            without->click();
        });
        QTRY_VERIFY_WITH_TIMEOUT(messages->item(0)->text().contains(QLatin1String("Export failed:")), 20'000);
        QVERIFY2(messages->item(0)->text().contains(QLatin1String("number 40")) && messages->item(0)->text().contains(QLatin1String("nothing was written")),
                 qPrintable(messages->item(0)->text()));
        QTRY_VERIFY_WITH_TIMEOUT(messages->item(0)->text().contains(QLatin1String("Exported ")), 20'000);
        QVERIFY2(offered.contains(QLatin1String("The recording holds events this console cannot read, so nothing was exported."))
                     && offered.contains(QLatin1String("number 40"))
                     && offered.contains(QLatin1String("The events with their chain are not written: with events left out they could not be checked.")),
                 qPrintable(offered));
        const QString exported = messages->item(0)->text();
        QVERIFY2(exported.contains(QLatin1String("left out 1 event it could not read (the first: event ")) && exported.contains(QLatin1String("number 40")),
                 qPrintable(exported));
        const QStringList files = QDir(out.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);   // the events and the incidents, both whole but for the row; no chain
        QVERIFY2(!files.join(u' ').contains(QLatin1String("verifiable")), qPrintable(files.join(u' ')));

        // When nothing could be carried over (the file could not be read), the sentence says the desk starts empty
        // and where to look; with everything carried over there is nothing to say.
        const QString nothing = Labels::carryOver(QStringLiteral("disk I/O error"), {}, QTimeZone::utc());
        QVERIFY2(nothing.contains(QLatin1String("were NOT carried over (disk I/O error): this desk starts without them"))
                     && nothing.contains(QLatin1String("Replay the recording (Ctrl+R)")),
                 qPrintable(nothing));
        QVERIFY(Labels::carryOver({}, {}, QTimeZone::utc()).isEmpty());
        // Retention deleted what came before and no snapshot could be read: from when the desk lacks what was open,
        // in the city's time and with its date (it lies days back), before the rows passed over.
        StoreReader::PassedOver lost;
        lost.stateLostBeforeMs = m_start;
        lost.count = 2;
        lost.firstReason = QStringLiteral("event 7: malformed");
        const QString lacking = Labels::carryOver({}, lost, QTimeZone("Europe/Berlin"));
        QVERIFY2(lacking.startsWith(QLatin1String("No snapshot of the recording could be read, and it keeps events only from 2026-11-22 17:00: "
                                                  "the incidents, alarms and orders open before then are NOT on this desk"))
                     && lacking.contains(QLatin1String("without 2 event(s) it could not read (the first: event 7: malformed)")),
                 qPrintable(lacking));
        QCOMPARE(Labels::clockOrDate(m_start, m_start + 3600'000, QTimeZone("Europe/Berlin")), QStringLiteral("17:00"));
        QCOMPARE(Labels::clockOrDate(m_start, m_start + 86'400'000, QTimeZone("Europe/Berlin")), QStringLiteral("2026-11-22 17:00"));
    }

    void theWallSaysWhatItStartedWithout()
    {
        // A wall started on the same recording: nobody there reads a message, so its incident board says, in amber above
        // its incidents for as long as it runs, that it went without an event it could not read.
        QTemporaryDir dir;
        Engine engine(fixtureCity());
        QVERIFY(carriedOverFromANewerRow(dir.filePath(QStringLiteral("newer.store")), engine));
        SimLinkOptions sim;
        sim.warmUpHours = 0.1;
        engine.start(std::make_unique<SimLink>(fixtureCity(), &engine.clock(), sim));
        VideoWall wall(engine, WallLayout::builtIn());
        wall.show(false);
        // Live and fresh, so that nothing is hatched over the board.
        QTRY_VERIFY_WITH_TIMEOUT((wall.refreshNow(), wall.feed().staleReason().isEmpty()), 20'000);
        WallTile *board = nullptr;
        for (WallTile *t : wall.tiles())
            if (dynamic_cast<IncidentBoard *>(t))
                board = t;
        QVERIFY(board);
        const QImage look = board->grab().toImage();
        const std::vector<QString> &texts = board->drawnTexts();
        QVERIFY2(std::find(texts.begin(), texts.end(), QStringLiteral("\u25B2 1 RECORDED EVENT(S) UNREADABLE")) != texts.end(),
                 qPrintable(QStringList(texts.begin(), texts.end()).join(u'|')));
        // In amber, first under the title (the second line of type from the top of the tile).
        const QImage titleLine = look.copy(0, wall.look().minCapPx * 2, look.width(), wall.look().minCapPx * 2);
        int amber = 0;
        for (int y = 0; y < titleLine.height(); ++y)
            for (int x = 0; x < titleLine.width(); ++x)
                amber += titleLine.pixelColor(x, y) == WallLook::amber() ? 1 : 0;
        QVERIFY2(amber > 50, qPrintable(QString::number(amber)));
        // A wall whose recording was read whole says nothing of the kind.
        Engine plain(fixtureCity());
        VideoWall quiet(plain, WallLayout::builtIn());
        QVERIFY(quiet.feed().startGap().isEmpty());
        engine.stop();
    }

    void eventsMissingFromTheRecordAreSeenAndSaid()
    {
        // The writer could not record events 101–399 (its queue full): the timeline draws their five minutes amber,
        // its tooltip and the bar's list say what is missing, in words.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gap.store"));
        const std::int64_t t0 = berlin(QDate(2026, 11, 22), QTime(17, 0));
        {
            auto store = EventStore::open({path}, *fixtureCity());
            QVERIFY(store.ok());
            for (const auto &[first, last] : {std::pair{1, 100}, std::pair{400, 500}}) {
                std::vector<Event> events;
                for (int seq = first; seq <= last; ++seq)
                    events.push_back(Event{std::uint64_t(seq), t0 + seq * 1000LL, kNoDevice,
                                           OperatorActionPayload{OperatorAction::Select, QStringLiteral("olga"), {}}});
                store.value()->append(events);
                store.value()->flush();
            }
        }
        ReplayController controller(fixtureCity());
        ReplayBar bar(controller, QTimeZone("Europe/Berlin"));
        bar.resize(1400, 180);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QSignalSpy opened(&controller, &ReplayController::opened);
        controller.open(path, t0 + 450'000);
        QTRY_COMPARE(opened.count(), 1);
        QTRY_COMPARE(controller.session()->nowMs(), t0 + 450'000);
        const QString said = QStringLiteral("not recorded over 5 min");   // "299 event(s)": no English catalogue here
        auto *list = bar.findChild<QListWidget *>();
        QTRY_VERIFY(!list->findItems(said, Qt::MatchContains).isEmpty());
        QCOMPARE(list->findItems(said, Qt::MatchContains).front()->text().left(14), QStringLiteral("17:01:40  299 "));   // where it starts

        auto *timeline = bar.findChild<TimelineWidget *>();
        QVERIFY(timeline);
        QTRY_VERIFY(timeline->xAt(t0 + 250'000) > 0);
        const QImage look = timeline->grab().toImage();
        const auto amberAt = [&](std::int64_t t) {
            const QColor c = look.pixelColor(int(timeline->xAt(t)), look.height() / 2);
            return c.red() > 2 * c.blue() && c.green() > 2 * c.blue();
        };
        QVERIFY(amberAt(t0 + 150'000));
        QVERIFY(amberAt(t0 + 350'000));
        QVERIFY(!amberAt(t0 + 50'000));
        QVERIFY(!amberAt(t0 + 470'000));
        QHelpEvent over(QEvent::ToolTip, QPoint(int(timeline->xAt(t0 + 250'000)), timeline->height() / 2),
                        timeline->mapToGlobal(QPoint(int(timeline->xAt(t0 + 250'000)), timeline->height() / 2)));
        QCoreApplication::sendEvent(timeline, &over);
        QVERIFY2(QToolTip::text().startsWith(QLatin1String("299 ")) && QToolTip::text().contains(said), qPrintable(QToolTip::text()));
        QHelpEvent elsewhere(QEvent::ToolTip, QPoint(int(timeline->xAt(t0 + 50'000)), timeline->height() / 2), QPoint());
        QCoreApplication::sendEvent(timeline, &elsewhere);
        QTRY_VERIFY(QToolTip::text().isEmpty());

        // A window after the gap shows none of it, not even at its edge.
        TimelineWidget later(QTimeZone("Europe/Berlin"));
        later.resize(800, 64);
        later.setTimeline(controller.session()->timeline(), t0 + 420'000, t0 + 500'000);
        const QImage after = later.grab().toImage();
        for (int x = 0; x < 40; ++x) {
            const QColor c = after.pixelColor(x, after.height() / 2);
            QVERIFY2(!(c.red() > 2 * c.blue() && c.green() > 2 * c.blue()), qPrintable(QStringLiteral("amber at x %1").arg(x)));
        }
    }

    void mapIsMarkedInReplay()
    {
        CityMirror scene(fixtureCity());
        MapView view(scene);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QColor edgeLive = view.grab().toImage().pixelColor(6, 200);
        view.setReplayMode(true);
        const QImage replay = view.grab().toImage();
        QCOMPARE(replay.pixelColor(6, 200), QColor(0x6f, 0x8c, 0xff)); // the frame
        QVERIFY(edgeLive != replay.pixelColor(6, 200));
        // The map under it is tinted (bluer than live).
        const QImage live = [&] { view.setReplayMode(false); return view.grab().toImage(); }();
        QVERIFY(replay.pixelColor(300, 200).blue() > live.pixelColor(300, 200).blue());
    }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
