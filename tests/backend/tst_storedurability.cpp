// The event store's durability: sequences continue across sessions, a writer killed mid-write loses no committed
// event, a full disk is reported and corrupts nothing. Replay against live: tst_eventstore.
#include "base/sqlitedb.h"
#include "storetesting.h"
#include "security/commandsigner.h"
#include "store/chainexport.h"
#include "store/recordchain.h"
#include "store/recordcheck.h"
#include "store/replaysession.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <limits>
#include <csignal>
#include <cstdio>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Child mode: append events to a store as fast as possible, printing each committed seq, until killed.
int runWriter(const QString &path)
{
    auto store = EventStore::open({path, 0, 0, 20}, *fixtureCity());
    if (!store)
        return 3;
    Recorder rec(fixtureCity(), store->get(), 5000);
    CitySimulator sim(fixtureCity(), 1, berlin(QDate(2026, 11, 22), QTime(0, 0)));
    std::int64_t t = sim.nowMs();
    while (true) {
        std::vector<Event> batch;
        t += 60'000;
        sim.advanceTo(t, batch);
        rec.process(std::move(batch));
        store.value()->flush();
        std::printf("committed %llu\n", static_cast<unsigned long long>(rec.sequencer().lastSeq()));
        std::fflush(stdout);
    }
}

} // namespace

class TestStoreDurability : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void sequenceContinuesAcrossSessions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.store"));
        std::uint64_t lastSeq = 0;
        std::int64_t lastTime = 0;
        for (int session = 1; session <= 2; ++session) {
            auto store = EventStore::open({path}, *fixtureCity());
            QVERIFY(store.ok());
            QCOMPARE(store.value()->session(), std::uint32_t(session));
            QCOMPARE(store.value()->lastSeq(), lastSeq);
            Recorder rec(fixtureCity(), store->get());
            CitySimulator sim(fixtureCity(), session, berlin(QDate(2026, 11, 22), QTime(session * 2, 0)));
            std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{store.value()->session()}}};
            sim.initialState(batch);
            sim.advanceTo(sim.nowMs() + 3600'000, batch);
            rec.process(std::move(batch));
            store.value()->flush();
            QVERIFY(rec.sequencer().lastSeq() > lastSeq);
            QVERIFY(rec.sequencer().lastTimeMs() >= lastTime);
            lastSeq = rec.sequencer().lastSeq();
            lastTime = rec.sequencer().lastTimeMs();
        }
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        auto gaps = db.value()->prepare(QStringLiteral("SELECT count(*), min(seq), max(seq) FROM events"));
        QVERIFY(gaps->step());
        QCOMPARE(gaps->columnInt(0), static_cast<std::int64_t>(lastSeq));
        QCOMPARE(gaps->columnInt(1), 1LL);
        QCOMPARE(gaps->columnInt(2), static_cast<std::int64_t>(lastSeq));
    }

    void killedWriterLosesNoCommittedEvent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kill.store"));
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--writer"), path});
        QVERIFY(child.waitForStarted());
        std::uint64_t committed = 0;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 2500 && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith("committed "))
                    committed = line.mid(10).toULongLong();
            }
        }
        QVERIFY2(committed > 1000, qPrintable(QString::number(committed)));
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL); // no chance to clean up
        child.waitForFinished();
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto db = SqliteDb::open(path, SqliteDb::Mode::Create); // as the next console would
        QVERIFY(db.ok());
        auto check = db.value()->prepare(QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(check->step());
        QCOMPARE(check->columnText(0), QStringLiteral("ok"));
        auto seqs = db.value()->prepare(QStringLiteral("SELECT count(*), min(seq), max(seq) FROM events"));
        QVERIFY(seqs->step());
        const auto count = seqs->columnInt(0), max = seqs->columnInt(2);
        QCOMPARE(seqs->columnInt(1), 1LL);
        QCOMPARE(count, max); // contiguous
        QVERIFY2(static_cast<std::uint64_t>(max) >= committed, qPrintable(QStringLiteral("%1 < %2").arg(max).arg(committed)));
        // And a new session continues after it.
        auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY(store.ok());
        QCOMPARE(store.value()->lastSeq(), static_cast<std::uint64_t>(max));
    }

    void aDiskThatFillsIsForeseenWhileTheStoreRecords()
    {
        // The writer reads its disk's free space once a minute of its clock (here a hand-moved one, and a disk that
        // says what the test gives it): 100 MB a minute less from 4 GB is foreseen as full in some twenty minutes; an
        // hour on, with the disk steady, nothing is foreseen. The recording goes on throughout.
        constexpr std::int64_t mb = 1024 * 1024;
        QTemporaryDir dir;
        std::atomic<std::int64_t> now{0}, free{4096 * mb};
        std::atomic<int> readings{0};
        EventStoreOptions options{dir.filePath(QStringLiteral("disk.store"))};
        options.monotonicMs = [&now] { return now.load(); };
        options.freeBytes = [&free, &readings] {
            ++readings;
            return std::optional<std::int64_t>(free.load());
        };
        auto store = EventStore::open(options, *fixtureCity());
        QVERIFY(store.ok());
        Recorder rec(fixtureCity(), store->get(), 1'000'000);
        CitySimulator sim(fixtureCity(), 5, berlin(QDate(2026, 11, 22), QTime(0, 0)));
        const auto minuteOn = [&](std::int64_t less) {
            const int before = readings.load();
            free -= less;
            now += 60'000;
            std::vector<Event> batch;
            sim.advanceTo(sim.nowMs() + 60'000, batch);
            rec.process(std::move(batch));
            return QTest::qWaitFor([&] { return readings.load() > before; }, 5000);
        };
        QTRY_VERIFY_WITH_TIMEOUT(store.value()->stats().disk, 5000);   // read at once
        QCOMPARE(store.value()->stats().disk->freeBytes, 4096 * mb);
        QVERIFY(!store.value()->stats().disk->low);
        for (int i = 0; i < 3; ++i) {   // the writer goes round, committing; its clock stands: not read again
            std::vector<Event> batch;
            sim.advanceTo(sim.nowMs() + 60'000, batch);
            rec.process(std::move(batch));
            store.value()->flush();
        }
        QCOMPARE(readings.load(), 1);
        for (int m = 1; m <= 20; ++m)
            QVERIFY(minuteOn(100 * mb));
        store.value()->flush();
        DiskOutlook::Outlook disk = *store.value()->stats().disk;
        QCOMPARE(disk.freeBytes, 2096 * mb);
        QCOMPARE(disk.bytesPerHour, 6000 * mb);
        QVERIFY(disk.fullInMs);
        QCOMPARE(*disk.fullInMs, 2096 * 60'000 / 100);   // 20.96 min
        QVERIFY(disk.low);
        for (int m = 1; m <= 61; ++m)
            QVERIFY(minuteOn(0));
        store.value()->flush();
        disk = *store.value()->stats().disk;
        QVERIFY(!disk.fullInMs);
        QVERIFY(!disk.low);
        QVERIFY(!store.value()->stats().failing);
        QVERIFY(store.value()->stats().written > 0);
    }

    void eventsTheConsoleCouldNotRecordAreNotTakenForDeletedOnes()
    {
        // The writer holds 500 events waiting; an hour of the city handed over at once (some 6,500 events) is more:
        // they are dropped and counted, and their numbers are missing from the record. The check still finds it
        // intact — the chain goes on across the gap as the console wrote it, a signed checkpoint after it vouches,
        // the snapshot after it is taken as it stands — and says what the console could not record. Attacked: rows
        // deleted after the gap are found; the checkpoints after the gap deleted, nothing vouches for it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.store"));
        const auto key = std::make_shared<CommandSigner>(CommandSigner::generate());
        EventStoreOptions options{path};
        options.queueCapacity = 500;
        options.checkpointKey = key;
        std::uint64_t dropped = 0;
        const auto verifier = CommandVerifier::fromPublicKeyPem(key->publicKeyPem()).value();
        const auto chainOf = [&verifier](const QString &store) {
            auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
            return recordchain::verify(*db.value(), &verifier).value();
        };
        {
            auto store = EventStore::open(options, *fixtureCity());
            QVERIFY(store.ok());
            Recorder rec(fixtureCity(), store->get(), 2000);
            CitySimulator sim(fixtureCity(), 5, berlin(QDate(2026, 11, 22), QTime(0, 0)));
            recordRun(rec, sim, 1);
            store.value()->flush();
            std::vector<Event> hour;
            sim.advanceTo(sim.nowMs() + 3600'000, hour);
            QVERIFY(hour.size() > 2000);
            rec.process(std::move(hour));
            QVERIFY(store.value()->stats().failing);   // said at once: "the recorder fell behind and dropped events"
            for (int i = 0; i < 30; ++i) {
                std::vector<Event> batch;
                sim.advanceTo(sim.nowMs() + 20'000, batch);
                rec.process(std::move(batch));
                // Recording again from the next commit on (a flush returns at once while it is failing).
                QTRY_VERIFY_WITH_TIMEOUT(!store.value()->stats().failing, 5000);
                store.value()->flush();
                if (i == 0) {
                    // Checked while the console still records, far from its next checkpoint: the group that wrote
                    // the gap signed one, so the gap already reads as lost, not deleted.
                    const recordchain::Verdict early = chainOf(path);
                    QVERIFY2(early.intact && early.unrecorded.size() == 1, qPrintable(early.sentence));
                }
            }
            dropped = store.value()->stats().dropped;
        }   // a clean close: a signed checkpoint
        QVERIFY(dropped > 2000);

        const recordchain::Verdict chain = chainOf(path);
        QVERIFY2(chain.intact, qPrintable(chain.sentence));
        QCOMPARE(chain.unrecorded.size(), size_t(1));
        QCOMPARE(chain.unrecorded.front().second - chain.unrecorded.front().first + 1, dropped);
        QVERIFY2(chain.sentence.contains(QStringLiteral("%1 events the console could not record").arg(dropped)), qPrintable(chain.sentence));
        const auto whole = recordcheck::run(path, &verifier, [] { return Result<std::shared_ptr<const CityModel>>(fixtureCity()); });
        QVERIFY(whole.ok());
        QVERIFY2(whole->intact(), qPrintable(whole->chain.sentence + QLatin1String(" | ") + (whole->snapshots ? whole->snapshots->sentence : QString())));
        QVERIFY(whole->snapshots->afterGaps >= 1);
        QVERIFY(whole->snapshots->checked >= 1);

        // A replay says it where it happened, once: the writer marked the gap at its first number, and a seek past
        // it restores a snapshot taken after that number (the one taken at the end of the hour handed over).
        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY(replay.ok());
        std::vector<StoreReader::Marker> gaps;
        for (const StoreReader::Marker &m : replay.value()->timeline().markers)
            if (m.isGap())
                gaps.push_back(m);
        QCOMPARE(gaps.size(), size_t(1));
        QCOMPARE(gaps.front().seq, chain.unrecorded.front().first);
        QCOMPARE(std::uint64_t(gaps.front().ref), dropped);
        const auto said = recordgap::read(gaps.front().label);
        QVERIFY(said && said->count == dropped && said->spanMs > 3000'000);   // the hour handed over at once
        QVERIFY(replay.value()->seekNow(gaps.front().timeMs + said->spanMs + 60'000).ok());
        std::vector<ActivityLog::Entry> log;
        replay.value()->books().activity().snapshot(log);
        QCOMPARE(std::count_if(log.begin(), log.end(), [&](const ActivityLog::Entry &e) { return e.text == gaps.front().label; }), 1);

        // A verifiable export of the hour across the gap: intact, saying the same; a line taken out of it is found.
        QBuffer exported;
        QVERIFY(exported.open(QIODevice::ReadWrite));
        QVERIFY(chainexport::write(path, *fixtureCity(), 0, std::numeric_limits<std::int64_t>::max(), exported).ok());
        exported.seek(0);
        const auto window = chainexport::verify(exported, *fixtureCity(), verifier);
        QVERIFY(window.ok());
        QVERIFY2(window->intact && window->unrecorded == chain.unrecorded, qPrintable(window->sentence));
        QVERIFY2(window->sentence.contains(QStringLiteral("%1 events the console could not record").arg(dropped)), qPrintable(window->sentence));
        QList<QByteArray> lines = exported.data().split('\n');
        const QByteArray afterGap = QByteArrayLiteral("\"seq\":") + QByteArray::number(quint64(chain.unrecorded.front().second + 3)) + ',';
        const qsizetype cut = std::find_if(lines.begin(), lines.end(), [&](const QByteArray &l) { return l.contains(afterGap); }) - lines.begin();
        QVERIFY(cut < lines.size());
        lines.removeAt(cut);
        QBuffer shortened;
        shortened.setData(lines.join('\n'));
        QVERIFY(shortened.open(QIODevice::ReadOnly));
        const auto cutWindow = chainexport::verify(shortened, *fixtureCity(), verifier);
        QVERIFY(cutWindow.ok());
        QVERIFY(!cutWindow->intact);
        QVERIFY2(cutWindow->sentence.contains(QLatin1String("missing")) && cutWindow->sentence.contains(QLatin1String("deleted")), qPrintable(cutWindow->sentence));

        const auto attacked = [&](const QString &name, const QString &sql) {
            const QString copy = dir.filePath(name);
            QFile::copy(path, copy);
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            return db && db.value()->exec(sql).ok() ? copy : QString();
        };
        const std::uint64_t after = chain.unrecorded.front().second + 1;   // the first row after the gap
        const QString deleted = attacked(QStringLiteral("deleted.store"), QStringLiteral("DELETE FROM events WHERE seq BETWEEN %1 AND %2").arg(after + 5).arg(after + 7));
        QVERIFY(!deleted.isEmpty());
        const recordchain::Verdict found = chainOf(deleted);
        QVERIFY(!found.intact);
        QCOMPARE(found.firstBadSeq, after + 5);
        QVERIFY2(found.sentence.contains(QLatin1String("deleted")), qPrintable(found.sentence));
        const QString unvouched = attacked(QStringLiteral("unvouched.store"), QStringLiteral("DELETE FROM checkpoints WHERE seq >= %1").arg(after));
        QVERIFY(!unvouched.isEmpty());
        const recordchain::Verdict open = chainOf(unvouched);
        QVERIFY(!open.intact);
        QCOMPARE(open.firstBadSeq, chain.unrecorded.front().first);
        QVERIFY2(open.sentence.contains(QLatin1String("no signed checkpoint after it vouches")), qPrintable(open.sentence));
    }

    void fullDiskIsReportedAndNothingIsCorrupted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.store"));
        EventStoreOptions options{path};
        options.maxSizeMb = 1;
        auto store = EventStore::open(options, *fixtureCity());
        QVERIFY(store.ok());
        Recorder rec(fixtureCity(), store->get(), 1'000'000);
        CitySimulator sim(fixtureCity(), 5, berlin(QDate(2026, 11, 22), QTime(0, 0)));
        for (int hour = 1; hour <= 24 && !store.value()->stats().failing; ++hour) {
            std::vector<Event> batch;
            sim.advanceTo(sim.nowMs() + 3600'000, batch);
            rec.process(std::move(batch)); // never blocks, whatever the disk does
            store.value()->flush();
        }
        const auto stats = store.value()->stats();
        QVERIFY(stats.failing);
        QVERIFY2(stats.error.contains(QLatin1String("full")), qPrintable(stats.error));
        store.value().reset();
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        auto check = db.value()->prepare(QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(check->step());
        QCOMPARE(check->columnText(0), QStringLiteral("ok"));
        auto seqs = db.value()->prepare(QStringLiteral("SELECT count(*), max(seq) FROM events"));
        QVERIFY(seqs->step());
        QVERIFY(seqs->columnInt(0) > 0);
        QCOMPARE(seqs->columnInt(0), seqs->columnInt(1));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--writer") == 0) {
        QCoreApplication app(argc, argv);
        return runWriter(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestStoreDurability test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storedurability.moc"
