// Replay ▸ Check the record, at the desk: the console's own recording checked as cityops-export verify checks it —
// the events' chain with the console's key, then every snapshot rebuilt — off the GUI thread, its verdict in
// Messages: plain when intact, on amber with the snapshot or row named when someone has edited the file under it.
#include "base/sqlitedb.h"
#include "map/mapstyle.h"
#include "mainwindow.h"
#include "ops/opsconsole.h"
#include "replay/recordcheckrunner.h"
#include "security/commandsigner.h"
#include "store/storereader.h"
#include "storetesting.h"

#include <QAction>
#include <QListWidget>
#include <QStatusBar>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {
/// Half an hour of the fixture city recorded through the console's pipeline with its checkpoints signed by `key`.
bool record(const QString &path, std::shared_ptr<const CommandSigner> key)
{
    EventStoreOptions options;
    options.path = path;
    options.checkpointKey = std::move(key);
    options.checkpointEvents = 1000;
    auto store = EventStore::open(options, *fixtureCity());
    if (!store)
        return false;
    Recorder rec(fixtureCity(), store->get(), 500);
    const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(17, 0));
    CitySimulator sim(fixtureCity(), 3, start);
    recordRun(rec, sim, 90);
    store.value()->flush();
    return true;
}

QAction *actionNamed(MainWindow &window, const char *text)
{
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == QLatin1String(text))
            return a;
    return nullptr;
}

QAction *checkAction(MainWindow &window)
{
    return actionNamed(window, "&Check the record");
}

/// A console recording to a store of half an hour whose checkpoints and snapshots it signs with its own key, its
/// window shown.
struct Desk {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("desk.store"));
    std::shared_ptr<CommandSigner> key = std::make_shared<CommandSigner>(CommandSigner::generate());
    Engine engine{fixtureCity()};
    std::unique_ptr<MainWindow> window;

    bool open()
    {
        if (!record(path, key))
            return false;
        EventStoreOptions options;
        options.path = path;
        options.checkpointKey = key;
        auto store = EventStore::open(options, *fixtureCity());
        if (!store)
            return false;
        engine.attachStore(std::move(store).value());
        window = std::make_unique<MainWindow>(engine, nullptr);
        window->resize(1400, 900);
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }
};
} // namespace

class TestRecordCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDeskChecksItsOwnRecord()
    {
        Desk desk;
        QVERIFY(desk.open());
        MainWindow &window = *desk.window;
        const QString &path = desk.path;
        QListWidget *messages = window.ops().messages();
        const int before = messages->count();
        QAction *check = checkAction(window);
        QVERIFY(check);

        // Intact: said plainly, with what was checked.
        check->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), before + 1, 20'000);
        const QString intact = messages->item(0)->text();
        QVERIFY2(intact.contains(QLatin1String("The record is intact:")) && intact.contains(QLatin1String("checkpoints signed with this console's key"))
                     && intact.contains(QLatin1String("snapshot(s) rebuilt from their events and found as recorded"))
                     && intact.contains(QLatin1String("seal(s) verified with the key")),
                 qPrintable(intact));
        QVERIFY(messages->item(0)->background().style() == Qt::NoBrush);   // nothing abnormal: no colour
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("The record is intact")), qPrintable(window.statusBar()->currentMessage()));

        // Someone with the file edits a snapshot under the running console: an incident's state, where a replay
        // would start.
        std::uint64_t at = 0;
        {
            auto reader = StoreReader::open(path, fixtureCity());
            QVERIFY(reader.ok());
            const auto points = reader.value()->snapshotPoints().value();
            for (const auto &[seq, time] : points) {
                auto s = reader.value()->snapshotAt(seq);
                QVERIFY(s.ok());
                if (s->incidents.empty())
                    continue;
                s->incidents.front().state = IncidentState::Closed;
                auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
                auto st = db.value()->prepare(QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"));
                st->bind(1, snapshotcodec::encode(s.value()));
                st->bind(2, static_cast<std::int64_t>(seq));
                QVERIFY(st->run().ok());
                at = seq;
                break;
            }
        }
        QVERIFY2(at != 0, "no snapshot with an incident to edit");
        check->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), before + 2, 20'000);
        const QString edited = messages->item(0)->text();
        QVERIFY2(edited.contains(QStringLiteral("The record is NOT intact: the snapshot taken after event %1 is not as recorded").arg(at))
                     && edited.contains(QLatin1String("is not as the events before it make it")),
                 qPrintable(edited));
        QCOMPARE(messages->item(0)->background().color(), mapstyle::alarmAmber());

        // An event row edited: the chain names it first.
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE events SET time_ms = time_ms + 1 WHERE seq = 200")).ok());
        }
        check->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), before + 3, 20'000);
        const QString row = messages->item(0)->text();
        QVERIFY2(row.contains(QLatin1String("The record is NOT intact:")) && row.contains(QLatin1String("200")), qPrintable(row));
        QCOMPARE(messages->item(0)->background().color(), mapstyle::alarmAmber());

        // What a person sees: the verdict in Messages, on amber.
        const QImage shot = messages->grab().toImage();
        const QRect first = messages->visualItemRect(messages->item(0));
        int amber = 0;
        for (int x = first.left(); x < first.right(); x += 2)
            amber += shot.pixelColor(x, first.center().y()) == mapstyle::alarmAmber() ? 1 : 0;
        QVERIFY2(amber > first.width() / 8, qPrintable(QString::number(amber)));
    }

    /// A month's record takes minutes to check: the one who started it can stop it. Stopped, it says so in the status
    /// bar and leaves no verdict in Messages; the next check runs to its end.
    void aCheckCanBeStopped()
    {
        Desk desk;
        QVERIFY(desk.open());
        MainWindow &window = *desk.window;
        QListWidget *messages = window.ops().messages();
        const int before = messages->count();
        QAction *check = actionNamed(window, "&Check the record");
        QAction *stop = actionNamed(window, "S&top checking the record");
        QVERIFY(check && stop);
        QVERIFY(!stop->isEnabled());   // nothing to stop

        // The pool's one thread kept busy, so that the check is still waiting its turn when it is stopped, whatever
        // the machine's speed.
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        pool->setMaxThreadCount(1);
        QSemaphore busy, release;
        pool->start([&] {
            busy.release();
            release.acquire();
        });
        busy.acquire();
        check->trigger();
        QVERIFY(stop->isEnabled());
        stop->trigger();
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(!stop->isEnabled(), 20'000);
        pool->setMaxThreadCount(threads);
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("The check of the record was stopped at 0 %, before its verdict."));
        QCOMPARE(messages->count(), before);

        check->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), before + 1, 20'000);
        QVERIFY2(messages->item(0)->text().contains(QLatin1String("The record is intact:")), qPrintable(messages->item(0)->text()));
        QVERIFY(!stop->isEnabled());
    }

    /// Not recording: nothing to check, and the desk says so rather than doing nothing.
    void withoutARecordTheDeskSaysSo()
    {
        Engine engine(fixtureCity());
        MainWindow window(engine, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *check = checkAction(window);
        QVERIFY(check);
        check->trigger();
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("This console is not recording: there is no record to check."));
    }
};

QTEST_MAIN(TestRecordCheck)
#include "tst_recordcheck.moc"
