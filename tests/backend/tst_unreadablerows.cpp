// A recorded row this release cannot read — a person's action added by a newer release (a console rolled back after
// an upgrade), or a damaged row — is passed over by a restart and by replay, counted and said; it no longer costs the
// console every incident, alarm and order it had open. An export still refuses rather than leave a row out unsaid.

#include "city/citypackage.h"
#include "engine/engine.h"
#include "store/exporter.h"
#include "store/replaysession.h"
#include "storetesting.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

QStringList openIncidents(const CityBooks &books)
{
    std::vector<Incident> v;
    books.incidents().snapshot(v);
    QStringList out;
    for (const Incident &i : v)
        if (i.isOpen())
            out << QStringLiteral("#%1 %2").arg(i.id).arg(int(i.state));
    return out;
}

bool editRow(const QString &path, std::uint64_t seq, const QString &payloadExpression)
{
    return execute(path, QStringLiteral("UPDATE events SET payload = %1 WHERE seq = %2").arg(payloadExpression).arg(seq));
}

/// Half an hour of the city recorded, with a person's action after the last snapshot and an incident raised after
/// that: what a restart must carry over lies on both sides of the row that will be made unreadable.
struct Recording {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("city.store"));
    std::uint64_t actionSeq = 0;
    std::int64_t endMs = 0;
    QStringList open;     ///< the open incidents when the recording ended
    IncidentId lateIncident = 0;

    bool record()
    {
        const auto city = fixtureCity();
        auto store = EventStore::open({path}, *city);
        if (!store)
            return false;
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(18, 0));
        SimParameters params;
        params.collisionsPerHour = 12;
        params.lampMtbfHours = 10;
        Recorder rec(city, store->get(), 500);
        CitySimulator sim(city, 5, start, params);
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{store.value()->session()}}};
        sim.initialState(batch);
        rec.process(batch);
        std::int64_t t = start;
        for (int step = 1; step <= 60; ++step) {
            t = start + step * 30'000LL;
            batch.clear();
            sim.advanceTo(t, batch);
            rec.process(batch);
        }
        rec.process({Event{0, t + 1, kNoDevice, OperatorActionPayload{OperatorAction::Lock, QStringLiteral("olga"), {}}}});
        lateIncident = 9000;
        IncidentRaisedPayload late;
        late.id = lateIncident;
        late.kind = IncidentKind::Collision;
        late.severity = IncidentSeverity::Major;
        late.position = city->devices[city->signals.front().device].position;
        late.district = 0;
        rec.process({Event{0, t + 2, kNoDevice, late}});
        endMs = t + 2;
        open = openIncidents(rec.books());
        store.value()->flush();
        const std::int64_t action = figure(path, QStringLiteral("SELECT max(seq) FROM events WHERE kind = 8"));
        actionSeq = static_cast<std::uint64_t>(std::max<std::int64_t>(action, 0));
        return actionSeq > 0 && open.contains(QStringLiteral("#%1 %2").arg(lateIncident).arg(int(IncidentState::New)));
    }
    /// A console restarting on the recording as it is now: `engine` carries over what it can (carryOverOutcome).
    bool carryOverInto(Engine &engine) const
    {
        auto store = EventStore::open({path}, *fixtureCity());
        if (!store)
            return false;
        engine.attachStore(std::move(store).value());
        return true;
    }
};

} // namespace

class TestUnreadableRows : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    /// The row holds action number 40, well formed: what a newer release's new action looks like to this one.
    void aRestartCarriesOnWithoutANewerReleasesAction()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(editRow(r.path, r.actionSeq, QStringLiteral("X'28' || substr(payload, 2)")));
        Engine engine(fixtureCity());
        QVERIFY2(r.carryOverInto(engine), "the store did not open");
        const Engine::CarryOverOutcome &carried = engine.carryOverOutcome();
        QVERIFY2(!carried.failed(), qPrintable(carried.error));
        QVERIFY(carried.troubled());
        QCOMPARE(carried.passedOver.count, 1u);
        QCOMPARE(carried.passedOver.firstSeq, r.actionSeq);
        QVERIFY2(carried.passedOver.firstReason.contains(QStringLiteral("event %1: a person's action (number 40) this release of CityOps "
                                                                        "does not know").arg(r.actionSeq)),
                 qPrintable(carried.passedOver.firstReason));
        // Everything open is carried over, the incident raised after the row included.
        QCOMPARE(openIncidents(engine.books()), r.open);
    }

    void aDamagedRowIsPassedOverToo()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(editRow(r.path, r.actionSeq, QStringLiteral("X'00ff'")));
        Engine engine(fixtureCity());
        QVERIFY2(r.carryOverInto(engine), "the store did not open");
        QCOMPARE(engine.carryOverOutcome().passedOver.count, 1u);
        QVERIFY2(engine.carryOverOutcome().passedOver.firstReason.contains(QLatin1String("malformed operator payload")),
                 qPrintable(engine.carryOverOutcome().passedOver.firstReason));
        QCOMPARE(openIncidents(engine.books()), r.open);
    }

    /// A snapshot it cannot read (a newer release's format, a damaged blob): the one before it, and the events since.
    void aSnapshotItCannotReadGivesWayToTheOneBefore()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY2(figure(r.path, QStringLiteral("SELECT count(*) FROM snapshots")) >= 2, "the recording has fewer than two snapshots");
        QVERIFY(execute(r.path, QStringLiteral("UPDATE snapshots SET state = X'00ff00' WHERE seq = (SELECT max(seq) FROM snapshots)")));
        Engine engine(fixtureCity());
        QVERIFY2(r.carryOverInto(engine), "the store did not open");
        QVERIFY2(!engine.carryOverOutcome().troubled(), qPrintable(engine.carryOverOutcome().error));
        QCOMPARE(openIncidents(engine.books()), r.open);
        // An export reads no snapshot; a replay seeks past the damaged one too.
        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(replay.ok());
        QVERIFY(replay.value()->seekNow(r.endMs).ok());
        QCOMPARE(openIncidents(replay.value()->books()), r.open);
    }

    /// Retention has deleted the first half of the recording, keeping the snapshot the rest needs; when that one and
    /// every later one cannot be read, what was open before the oldest kept event cannot be rebuilt: the restart says
    /// from when (it carries the rest over). With the snapshots readable it carries everything over and says nothing.
    void aTrimmedRecordingWithoutAReadableSnapshotSaysWhatItLacks()
    {
        for (const bool readable : {true, false}) {
            Recording r;
            QVERIFY(r.record());
            QVERIFY2(figure(r.path, QStringLiteral("SELECT count(*) FROM snapshots")) >= 3, "the recording has too few snapshots");
            // As EventStore::applyRetention leaves it, with the cut at the second snapshot.
            const std::int64_t cut = figure(r.path, QStringLiteral("SELECT time_ms FROM snapshots ORDER BY seq LIMIT 1 OFFSET 1")) + 1;
            QVERIFY(execute(r.path, QStringLiteral("BEGIN;"
                                                   "INSERT OR REPLACE INTO store_meta SELECT 'chain_anchor', hex(chain) FROM events WHERE time_ms < %1 "
                                                   "  ORDER BY seq DESC LIMIT 1;"
                                                   "DELETE FROM checkpoints WHERE seq <= (SELECT max(seq) FROM events WHERE time_ms < %1);"
                                                   "DELETE FROM events WHERE time_ms < %1;"
                                                   "DELETE FROM snapshots WHERE time_ms < %1 AND seq < (SELECT max(seq) FROM snapshots WHERE time_ms < %1);"
                                                   "DELETE FROM markers WHERE time_ms < %1;"
                                                   "COMMIT;").arg(cut)));
            const std::int64_t oldestKept = figure(r.path, QStringLiteral("SELECT time_ms FROM events ORDER BY seq LIMIT 1"));
            QVERIFY(oldestKept >= cut);
            if (!readable)
                QVERIFY(execute(r.path, QStringLiteral("UPDATE snapshots SET state = X'00ff00'")));
            Engine engine(fixtureCity());
            QVERIFY2(r.carryOverInto(engine), "the store did not open");
            const Engine::CarryOverOutcome &carried = engine.carryOverOutcome();
            QVERIFY2(!carried.failed(), qPrintable(carried.error));
            QCOMPARE(carried.passedOver.count, 0u);   // every row read; the snapshots are not rows
            if (readable) {
                QVERIFY(!carried.troubled());
                QCOMPARE(openIncidents(engine.books()), r.open);
            } else {
                QVERIFY(carried.troubled());
                QCOMPARE(carried.passedOver.stateLostBeforeMs, oldestKept);
                QVERIFY(openIncidents(engine.books()).contains(QStringLiteral("#%1 %2").arg(r.lateIncident).arg(int(IncidentState::New))));
            }
        }
    }

    /// A rolled-back console replaying a store whose every later snapshot is in a newer format: playing forward
    /// carries on from where it is rather than going back to the one snapshot it can read at every snapshot it
    /// passes — each event is applied once.
    void playingPastSnapshotsItCannotReadAppliesEachEventOnce()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY2(figure(r.path, QStringLiteral("SELECT count(*) FROM snapshots")) >= 4, "the recording has too few snapshots");
        const auto events = static_cast<std::uint64_t>(figure(r.path, QStringLiteral("SELECT count(*) FROM events")));
        QVERIFY(execute(r.path, QStringLiteral("UPDATE snapshots SET state = X'00ff00' WHERE seq > (SELECT min(seq) FROM snapshots)")));
        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(replay.ok());
        const auto range = replay.value()->range();
        QVERIFY(replay.value()->seekNow(range.firstMs).ok());
        for (std::int64_t t = range.firstMs; t <= r.endMs; t += 5'000)
            QVERIFY(replay.value()->seekNow(t).ok());
        QVERIFY(replay.value()->seekNow(r.endMs).ok());
        QCOMPARE(openIncidents(replay.value()->books()), r.open);
        QVERIFY2(replay.value()->eventsApplied() <= events,
                 qPrintable(QStringLiteral("%1 events applied for a recording of %2").arg(replay.value()->eventsApplied()).arg(events)));
    }

    /// Seeking back and forth over a run of snapshots it cannot read: each is read (and said) once, not again on
    /// every seek — a supervisor scrubbing such a recording would wait for them all each time.
    void seekingBackReadsEachUnreadableSnapshotOnce()
    {
        Recording r;
        QVERIFY(r.record());
        const std::int64_t snapshots = figure(r.path, QStringLiteral("SELECT count(*) FROM snapshots"));
        QVERIFY2(snapshots >= 4, "the recording has too few snapshots");
        QVERIFY(execute(r.path, QStringLiteral("UPDATE snapshots SET state = X'00ff00' WHERE seq > (SELECT min(seq) FROM snapshots)")));
        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(replay.ok());
        static int said = 0;
        said = 0;
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
            said += message.contains(QLatin1String("passing over snapshot")) ? 1 : 0;
        });
        const auto range = replay.value()->range();
        bool seeks = true;
        for (int i = 0; i < 5; ++i) {   // to the end and back to the middle, as a supervisor scrubs
            seeks = seeks && replay.value()->seekNow(r.endMs).ok();
            seeks = seeks && replay.value()->seekNow(range.firstMs + (r.endMs - range.firstMs) / 2).ok();
        }
        seeks = seeks && replay.value()->seekNow(r.endMs).ok();
        qInstallMessageHandler(previous);
        QVERIFY(seeks);
        QCOMPARE(openIncidents(replay.value()->books()), r.open);
        QCOMPARE(said, int(snapshots - 1));
    }

    /// Once a replay has passed the snapshots it cannot read, a seek back among them starts from what it held there,
    /// not from the last snapshot it can read: the events since that one are not replayed again on every seek, and
    /// the state is the same as a replay that went the long way.
    void aSeekBackAmongUnreadableSnapshotsStartsFromWhatReplayHeldThere()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(execute(r.path, QStringLiteral("UPDATE snapshots SET state = X'00ff00' WHERE seq > (SELECT min(seq) FROM snapshots)")));
        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(replay.ok());
        // Between two snapshots three quarters in, so that events after the one it starts from are replayed.
        const std::int64_t snapshots = figure(r.path, QStringLiteral("SELECT count(*) FROM snapshots"));
        QVERIFY2(snapshots >= 8, "the recording has too few snapshots");
        const auto timeOf = [&](std::int64_t nth) {
            return figure(r.path, QStringLiteral("SELECT time_ms FROM snapshots ORDER BY seq LIMIT 1 OFFSET %1").arg(nth));
        };
        const std::int64_t late = (timeOf(snapshots * 3 / 4) + timeOf(snapshots * 3 / 4 + 1)) / 2;
        QVERIFY(replay.value()->seekNow(r.endMs).ok());
        const std::uint64_t before = replay.value()->eventsApplied();
        QVERIFY(replay.value()->seekNow(late).ok());
        const std::int64_t since = figure(r.path, QStringLiteral("SELECT count(*) FROM events WHERE time_ms <= %1 AND seq > "
                                                                 "(SELECT max(seq) FROM snapshots WHERE time_ms <= %1)").arg(late));
        const std::int64_t fromReadable = figure(r.path, QStringLiteral("SELECT count(*) FROM events WHERE time_ms <= %1 AND seq > "
                                                                        "(SELECT min(seq) FROM snapshots)").arg(late));
        QVERIFY2(since > 0 && since < fromReadable / 4, qPrintable(QStringLiteral("%1 / %2").arg(since).arg(fromReadable)));
        QVERIFY2(replay.value()->eventsApplied() - before <= std::uint64_t(since),
                 qPrintable(QStringLiteral("%1 events applied for a seek back; %2 since the snapshot before it, %3 since the last readable one")
                                .arg(replay.value()->eventsApplied() - before).arg(since).arg(fromReadable)));
        auto longWay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(longWay.ok() && longWay.value()->seekNow(late).ok());
        QCOMPARE(longWay.value()->eventsApplied(), std::uint64_t(fromReadable));
        const auto layout = [](const CityBooks &books) {
            Snapshot s;
            static_cast<CityBooks::State &>(s) = books.exportState();
            return snapshotcodec::layout(s);
        };
        QVERIFY(layout(replay.value()->books()) == layout(longWay.value()->books()));
        QCOMPARE(openIncidents(replay.value()->books()), openIncidents(longWay.value()->books()));
    }

    void aRecordingReadInFullIsNotTroubled()
    {
        Recording r;
        QVERIFY(r.record());
        Engine engine(fixtureCity());
        QVERIFY2(r.carryOverInto(engine), "the store did not open");
        QVERIFY(!engine.carryOverOutcome().troubled());
        QCOMPARE(openIncidents(engine.books()), r.open);
    }

    /// Replay shows the rest of the recording and says what it went without, once however often it passes the row.
    void replayGoesOnAndSaysSoOnce()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(editRow(r.path, r.actionSeq, QStringLiteral("X'28' || substr(payload, 2)")));
        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY2(replay.ok(), qPrintable(replay.error()));
        QSignalSpy said(replay.value().get(), &ReplaySession::passedOver);
        QSignalSpy failed(replay.value().get(), &ReplaySession::failed);
        const auto range = replay.value()->range();
        replay.value()->seek(range.lastMs);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(openIncidents(replay.value()->books()), r.open);
        QCOMPARE(said.count(), 1);
        QCOMPARE(said.at(0).at(0).toULongLong(), 1u);
        QCOMPARE(said.at(0).at(1).toULongLong(), r.actionSeq);
        QVERIFY(said.at(0).at(2).toString().contains(QLatin1String("number 40")));
        // Back to the start and over the row again: the same row, not said again.
        replay.value()->seek(range.firstMs);
        replay.value()->seek(range.lastMs);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(said.count(), 1);
        QCOMPARE(replay.value()->unreadable().count, 1u);
    }

    /// A newer release that adds a field to every streetlight report makes thousands of rows unreadable here: each is
    /// counted once however often and in whatever pieces it is read, and a playing replay says so a few times, not on
    /// every tick.
    void aNewerFormatOfAWholeKindIsCountedOnceAndSaidSparingly()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(execute(r.path, QStringLiteral("UPDATE events SET payload = payload || X'01' WHERE kind = 2")));
        const auto lights = static_cast<std::uint64_t>(figure(r.path, QStringLiteral("SELECT count(*) FROM events WHERE kind = 2")));
        const auto lastSeq = static_cast<std::uint64_t>(figure(r.path, QStringLiteral("SELECT max(seq) FROM events")));
        QVERIFY2(lights >= 100, "the recording has too few streetlight reports");
        auto reader = StoreReader::open(r.path, fixtureCity());
        QVERIFY(reader.ok());
        reader.value()->setPassOverUnreadable(true);
        std::vector<Event> events;
        // In pieces, out of order, overlapping: (1000, 2000], (500, 1500], then everything twice.
        QVERIFY(reader.value()->readEvents(1000, r.endMs, events, 1000).ok());
        QVERIFY(reader.value()->readEvents(500, r.endMs, events, 1000).ok());
        const std::uint64_t partly = reader.value()->passedOver().count;
        QVERIFY(partly > 0 && partly < lights);
        for (int pass = 0; pass < 2; ++pass) {
            events.clear();
            QVERIFY(reader.value()->readEvents(0, r.endMs, events, lastSeq).ok());
            QCOMPARE(reader.value()->passedOver().count, lights);
        }
        QVERIFY2(reader.value()->passedOver().firstReason.contains(QLatin1String(": a later field of the light payload (1 byte) this release")),
                 qPrintable(reader.value()->passedOver().firstReason));

        auto replay = ReplaySession::open(fixtureCity(), r.path);
        QVERIFY(replay.ok());
        QSignalSpy said(replay.value().get(), &ReplaySession::passedOver);
        const auto range = replay.value()->range();
        // A replay reads what it needs (from the snapshot before T): not every row, and each it reads once.
        const auto play = [&] {
            for (std::int64_t t = range.firstMs; t <= range.lastMs; t += 5'000)   // playback's small steps
                replay.value()->seek(t);
            replay.value()->seek(range.lastMs);
        };
        play();
        const std::uint64_t once = replay.value()->unreadable().count;
        QVERIFY(once > 0 && once <= lights);
        play();
        QCOMPARE(replay.value()->unreadable().count, once);
        QVERIFY2(said.count() >= 1 && said.count() <= 3, qPrintable(QString::number(said.count())));   // 1, 10, 100 at most
        QCOMPARE(openIncidents(replay.value()->books()), r.open);
    }

    /// An export must hold the whole window or say it cannot: it names the row instead of leaving it out.
    void anExportRefusesRatherThanLeaveTheRowOut()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(editRow(r.path, r.actionSeq, QStringLiteral("X'28' || substr(payload, 2)")));
        auto reader = StoreReader::open(r.path, fixtureCity());
        QVERIFY(reader.ok());
        const auto range = reader.value()->range();
        QVERIFY(range.ok());
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto written = exporter::writeEventsJsonl(*reader.value(), range.value().firstMs, range.value().lastMs, out);
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(QStringLiteral("event %1: a person's action (number 40)").arg(r.actionSeq)), qPrintable(written.error()));
        QCOMPARE(reader.value()->passedOver().count, 0u);
    }

    /// From a shell: refused with the row named and the way round it; with --pass-over-unreadable the rest is written
    /// and the summary says what was left out; a verifiable window cannot leave anything out (bad usage, exit 2).
    void theExportToolLeavesRowsOutOnlyWhenAsked()
    {
        Recording r;
        QVERIFY(r.record());
        QVERIFY(editRow(r.path, r.actionSeq, QStringLiteral("X'28' || substr(payload, 2)")));
        const QString cityFile = r.dir.filePath(QStringLiteral("city.gpkg"));
        QVERIFY(citypackage::write(*fixtureCity(), cityFile));
        const QString events = r.dir.filePath(QStringLiteral("window.jsonl"));
        const auto exportTool = [&](const QStringList &extra, QString *said) {
            return runExport(QStringList{QStringLiteral("--store"), r.path, QStringLiteral("--city"), cityFile, QStringLiteral("--from"),
                                         QStringLiteral("2026-11-22T00:00:00Z"), QStringLiteral("--to"), QStringLiteral("2026-11-23T00:00:00Z")}
                                 + extra,
                             said);
        };
        QString said;
        QCOMPARE(exportTool({QStringLiteral("--events"), events}, &said), 1);
        QVERIFY2(said.contains(QStringLiteral("event %1: a person's action (number 40)").arg(r.actionSeq))
                     && said.contains(QLatin1String("nothing was written (cityops-export --pass-over-unreadable")),
                 qPrintable(said));
        QVERIFY(!QFileInfo::exists(events));

        QCOMPARE(exportTool({QStringLiteral("--events"), events, QStringLiteral("--pass-over-unreadable")}, &said), 0);
        QVERIFY2(said.contains(QStringLiteral("left out 1 event it could not read (the first: event %1:").arg(r.actionSeq)), qPrintable(said));
        QFile written(events);
        QVERIFY(written.open(QIODevice::ReadOnly));
        qint64 lines = 0;
        bool rowThere = false;
        while (!written.atEnd()) {
            const QByteArray line = written.readLine();
            ++lines;
            rowThere |= line.startsWith(QStringLiteral("{\"seq\":%1,").arg(r.actionSeq).toUtf8());
        }
        QVERIFY(!rowThere);
        QCOMPARE(quint64(lines), r.actionSeq);   // the recording is seq 1 .. actionSeq + 1: every event but that one

        QCOMPARE(exportTool({QStringLiteral("--verifiable"), r.dir.filePath(QStringLiteral("v.jsonl")), QStringLiteral("--pass-over-unreadable")}, &said), 2);
    }
};

QTEST_GUILESS_MAIN(TestUnreadableRows)
#include "tst_unreadablerows.moc"
