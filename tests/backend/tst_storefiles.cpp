// Store files that are not as a console left them: foreign and damaged files refused without a byte written (what
// is intact still replays), a read-only archive replayed but not recorded into, a schema-1 store upgraded in place
// (split from tst_eventstore).
#include "base/sqlitedb.h"
#include "storetesting.h"
#include "codec/eventcodec.h"
#include "security/commandsigner.h"
#include "store/chainexport.h"
#include "store/replaysession.h"
#include "store/storelock.h"
#include "store/storeschema.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace cityops;
using namespace cityops::test;

namespace {

QByteArray sha256(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

/// Records `ms` of the simulated city from 06:00 into the open `store` (flushed); the last recorded time.
std::int64_t recordInto(EventStore &store, std::int64_t ms)
{
    Recorder rec(fixtureCity(), &store);
    CitySimulator sim(fixtureCity(), 3, berlin(QDate(2026, 11, 22), QTime(6, 0)));
    std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1}}};
    sim.initialState(batch);
    sim.advanceTo(sim.nowMs() + ms, batch);
    rec.process(std::move(batch));
    store.flush();
    return rec.sequencer().lastTimeMs();
}

} // namespace

class TestStoreFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void refusesForeignAndDamagedFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("random bytes") << "random" << "not a readable CityOps store";
        QTest::newRow("city package") << "gpkg" << "not a CityOps store";
        QTest::newRow("newer schema") << "newer" << "newer CityOps";
        QTest::newRow("other city") << "othercity" << "records the city";
    }
    void refusesForeignAndDamagedFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("x.store"));
        if (kind == QLatin1String("random")) {
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            for (int i = 0; i < 4096; ++i)
                f.putChar(static_cast<char>(i * 31 % 253));
        } else if (kind == QLatin1String("gpkg")) {
            path = dir.filePath(QStringLiteral("city.gpkg"));
            QVERIFY(QFile::copy(QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"), path));
        } else {
            { auto s = EventStore::open({path}, *fixtureCity()); QVERIFY(s.ok()); }
            {
                auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
                if (kind == QLatin1String("newer"))
                    QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = 99")).ok());
                else
                    QVERIFY(db.value()->exec(QStringLiteral("UPDATE store_meta SET value = 'abc' WHERE key = 'city_fingerprint'")).ok());
                // Leave a single, checkpointed file, as a store closed by the console is.
                QVERIFY(db.value()->exec(QStringLiteral("PRAGMA journal_mode = DELETE")).ok());
            }
        }
        const QByteArray before = sha256(path);
        const auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY(!store.ok());
        QVERIFY2(store.error().contains(expected), qPrintable(store.error()));
        QVERIFY(store.error().contains(path));
        const auto reader = StoreReader::open(path, fixtureCity());
        QVERIFY(!reader.ok());
        QBuffer chained;   // the window with its chain reads the rows itself: refused the same way
        QVERIFY(chained.open(QIODevice::WriteOnly));
        const auto exported = chainexport::write(path, *fixtureCity(), 0, std::numeric_limits<std::int64_t>::max(), chained);
        QVERIFY(!exported.ok());
        QVERIFY2(exported.error().contains(expected), qPrintable(exported.error()));
        QVERIFY(chained.data().isEmpty());
        QCOMPARE(sha256(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    /// A store with 64 KiB overwritten in the middle: the console opens it at once (the check of the whole file runs
    /// on the writer thread, before its first write), then refuses to record into it with a sentence that says
    /// damaged — the session's events counted as dropped, not one byte written, not even at close; what is intact
    /// before the damage still replays, read-only.
    void damagedStoreIsNeverWrittenInto()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.store"));
        std::int64_t first = 0;
        {
            auto store = EventStore::open({path}, *fixtureCity());
            QVERIFY(store.ok());
            Recorder rec(fixtureCity(), store->get());
            CitySimulator sim(fixtureCity(), 7, berlin(QDate(2026, 11, 22), QTime(6, 0)));
            first = sim.nowMs();
            std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1}}};
            sim.initialState(batch);
            sim.advanceTo(sim.nowMs() + 6 * 3600'000, batch);
            rec.process(std::move(batch));
            store.value()->flush();
        }
        const qint64 size = QFileInfo(path).size();
        QVERIFY2(size > 1024 * 1024, qPrintable(QString::number(size)));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(size / 2));
            f.write(QByteArray(64 * 1024, '\xa5'));
        }
        const QByteArray before = sha256(path);
        {
            EventStoreOptions options{path};
            options.checkpointKey = std::make_shared<CommandSigner>(CommandSigner::generate());   // it would sign at close
            auto store = EventStore::open(options, *fixtureCity());
            QVERIFY2(store.ok(), qPrintable(store.error()));
            // A session goes on recording while the file is checked: its events wait, then are refused.
            const std::uint64_t next = store.value()->lastSeq() + 1;
            std::vector<Event> session;
            for (std::uint64_t seq = next; seq < next + 50; ++seq)
                session.push_back(Event{seq, first + 7 * 3600'000 + std::int64_t(seq - next), kNoDevice, SessionPayload{2}});
            store.value()->append(session);
            store.value()->flush();
            const EventStore::Stats stats = store.value()->stats();
            QVERIFY(stats.failing && !stats.checking);
            QVERIFY2(stats.error.contains(QLatin1String("damaged")) && stats.error.contains(QLatin1String("not written")),
                     qPrintable(stats.error));
            QCOMPARE(stats.written, std::uint64_t(0));
            QCOMPARE(stats.dropped, std::uint64_t(50));
            store.value()->append({Event{next + 50, first + 8 * 3600'000, kNoDevice, SessionPayload{2}}});   // after the refusal too
            QCOMPARE(store.value()->stats().dropped, std::uint64_t(51));
            QCOMPARE(sha256(path), before);
        }   // a clean close signs a checkpoint and folds the WAL in — not into a damaged file
        QCOMPARE(sha256(path), before);
        // Replay reads what it can, and says so where it cannot; the file stays as it was.
        auto reader = StoreReader::open(path, fixtureCity());
        QVERIFY2(reader.ok(), qPrintable(reader.error()));
        std::vector<Event> events;
        const Status read = reader.value()->readEvents(0, first + 60'000, events, 100'000);
        QVERIFY(read.ok() || !read.error().isEmpty());
        QCOMPARE(sha256(path), before);
    }

    /// A store without write permission (an archive): recording into it is refused, whoever runs the console, with a
    /// sentence that says read-only; replay opens it read-only and shows it.
    void readOnlyStoreReplaysButIsNotRecordedInto()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ro.store"));
        std::int64_t last = 0;
        {
            auto store = EventStore::open({path}, *fixtureCity());
            last = recordInto(*store.value(), 3600'000);
        }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(EventStore::isReadOnlyFile(path));
        const QByteArray before = sha256(path);
        const auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY(!store.ok());
        QVERIFY2(store.error().contains(QLatin1String("read-only")), qPrintable(store.error()));
        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY2(replay.ok(), qPrintable(replay.error()));
        QVERIFY(replay.value()->seekNow(last).ok());
        QVERIFY(replay.value()->states().exportStates().size() == fixtureCity()->devices.size());
        replay.value().reset();
        QCOMPARE(sha256(path), before);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    }

    /// One store, one recording console: a second console opening the same store is refused with who holds it, and
    /// the file is left as it was (before, both recorded and the second lost every write to "UNIQUE constraint failed:
    /// events.seq"); replay reads beside the recording one; once it closes the store opens again; and a lock left by a
    /// console that crashed is taken over.
    void oneConsoleRecordsIntoAStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("desk.store"));
        std::int64_t last = 0;
        {
            auto store = EventStore::open({path}, *fixtureCity());
            QVERIFY2(store, qPrintable(store.error()));
            last = recordInto(*store.value(), 600'000);
            QVERIFY(storelock::heldElsewhere(path));

            const QByteArray before = sha256(path);
            const auto second = EventStore::open({path}, *fixtureCity());
            QVERIFY(!second);
            QVERIFY2(second.error().contains(QLatin1String("is being recorded by another console"))
                         && second.error().contains(QStringLiteral("process %1").arg(QCoreApplication::applicationPid())),
                     qPrintable(second.error()));
            QCOMPARE(sha256(path), before);
            auto replay = ReplaySession::open(fixtureCity(), path);
            QVERIFY2(replay, qPrintable(replay.error()));
            QVERIFY(replay.value()->seekNow(last));
        }
        QVERIFY(!storelock::heldElsewhere(path));
        {
            auto again = EventStore::open({path}, *fixtureCity());
            QVERIFY2(again, qPrintable(again.error()));
        }

        // A console that crashed leaves its lock behind, naming a process that is gone: the next console takes over.
        QProcess gone;
        gone.start(QStringLiteral("true"), {});
        QVERIFY(gone.waitForStarted(5000));
        const qint64 pid = gone.processId();
        QVERIFY(gone.waitForFinished(5000));
        QVERIFY(pid > 0);
        QFile left(path + QStringLiteral(".lock"));
        QVERIFY(left.open(QIODevice::WriteOnly));
        left.write(QByteArray::number(pid) + "\ncityops\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        left.close();
        auto taken = EventStore::open({path}, *fixtureCity());
        QVERIFY2(taken, qPrintable(taken.error()));
    }

    void migratesSchemaOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.store"));
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            const QString v1 = QStringLiteral(
                "PRAGMA application_id = %1; PRAGMA user_version = 1;"
                "CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
                "CREATE TABLE events (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, kind INTEGER NOT NULL, "
                "device INTEGER NOT NULL, payload BLOB NOT NULL);"
                "CREATE INDEX events_by_time ON events(time_ms);"
                "CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, state BLOB NOT NULL);"
                "INSERT INTO store_meta VALUES ('city_fingerprint', '%2'), ('sessions', '1'), ('max_incident_id', '5');")
                                   .arg(storeschema::kApplicationId).arg(storeschema::cityFingerprint(*fixtureCity()));
            QVERIFY(db.value()->exec(v1).ok());
            auto insert = db.value()->prepare(QStringLiteral("INSERT INTO events VALUES (?,?,?,?,?)"));
            const EventPayload raised = IncidentRaisedPayload{5, 0, IncidentKind::Collision, IncidentSeverity::Major, {13.53, 52.43}, 0, -1};
            const EventPayload light = LightPayload{100, false, 60.f};
            int seq = 0;
            for (const EventPayload *p : {&light, &raised, &light}) {
                insert->bind(1, ++seq);
                insert->bind(2, 120'000 + seq * 1000);
                insert->bind(3, static_cast<int>(eventcodec::kindOf(*p)));
                insert->bind(4, static_cast<int>(fixtureCity()->streetlights.front().device));
                insert->bind(5, eventcodec::encode(*p));
                QVERIFY(insert->run().ok());
            }
        }
        // Read-only openers refuse to upgrade; the live store upgrades in place.
        QVERIFY(!StoreReader::open(path, fixtureCity()).ok());
        auto store = EventStore::open({path, 0}, *fixtureCity());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error()));
        QCOMPARE(store.value()->lastSeq(), std::uint64_t(3));
        QCOMPARE(store.value()->maxIncidentId(), std::uint32_t(5));
        store.value().reset();
        auto reader = StoreReader::open(path, fixtureCity());
        QVERIFY(reader.ok());
        const auto markers = reader.value()->markers(0, 1'000'000);
        QCOMPARE(markers->size(), size_t(1));
        QCOMPARE(markers->front().ref, 5LL);
        const auto density = reader.value()->density(0, 1'000'000);
        QCOMPARE(density->size(), size_t(1));
        QCOMPARE(density->front().second, 3LL);
    }
};

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "tst_storefiles.moc"
