// The snapshot retention keeps stands for events no longer in the store: nothing is left to rebuild it from, and the
// snapshot check (tst_snapshotcheck) starts from it as it stands. Someone with the file who edits it — an incident
// shown closed, a device's state — and writes every later snapshot again as the books make them from the edited one
// passes the rebuild. Every snapshot is therefore sealed when it is written, with the key that signs the checkpoints
// (recordchain::snapshotSealMessage): these tests make that attack on a real store, cut by the store's own retention,
// and show the seal catch it — in the library and through cityops-export verify — and what it cannot catch.
#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "security/commandsigner.h"
#include "state/citybooks.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"
#include "storetesting.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Two hours of the fixture city recorded 25 h ago with its checkpoints (and snapshots) signed by `key`, then opened
/// again with a day's retention: the first hour is deleted up to the snapshot it keeps.
struct Retained {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("retained.store"));
    QString keyFile = dir.filePath(QStringLiteral("record.pub"));
    QString cityFile = dir.filePath(QStringLiteral("city.gpkg"));
    std::shared_ptr<CommandSigner> key = std::make_shared<CommandSigner>(CommandSigner::generate());
    CommandVerifier verifier = CommandVerifier::fromPublicKeyPem(key->publicKeyPem()).value();

    Retained()
    {
        EventStoreOptions options;
        options.path = path;
        options.retainDays = 0;
        options.checkpointKey = key;
        const std::int64_t start = QDateTime::currentMSecsSinceEpoch() - 86'400'000 - 3'600'000;
        {
            auto store = EventStore::open(options, *fixtureCity());
            if (!store)
                qFatal("%s", qPrintable(store.error()));
            Recorder rec(fixtureCity(), store->get(), 500);
            SimParameters busy;   // incidents open in the kept snapshot, to edit
            busy.collisionsPerHour = 12;
            CitySimulator sim(fixtureCity(), 11, start, busy);
            recordRun(rec, sim, 360);
            store.value()->flush();
        }
        options.retainDays = 1;
        if (!EventStore::open(options, *fixtureCity()))
            qFatal("cannot open the store again");
        QFile pub(keyFile);
        if (!pub.open(QIODevice::WriteOnly) || pub.write(key->publicKeyPem()) < 0)
            qFatal("cannot write the public key");
        pub.close();
        if (!citypackage::write(*fixtureCity(), cityFile))
            qFatal("cannot write the city package");
    }
    std::unique_ptr<StoreReader> reader(const QString &store) const { return fixtureReader(store); }
    std::vector<std::pair<std::uint64_t, std::int64_t>> points(const QString &store) const
    {
        return reader(store)->snapshotPoints().value();
    }
    QString copy(const QString &name) const { return copyStore(path, dir.filePath(name)); }
};

Retained &retained()
{
    static Retained r;
    return r;
}

snapshotcheck::Verdict check(const QString &store, const CommandVerifier *key)
{
    auto v = snapshotcheck::verify(*retained().reader(store), key);
    if (!v)
        qFatal("%s", qPrintable(v.error()));
    return v.value();
}

void writeSnapshot(SqliteDb &db, const Snapshot &s)
{
    auto st = db.prepare(QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"));
    st->bind(1, snapshotcodec::encode(s));
    st->bind(2, static_cast<std::int64_t>(s.seq));
    if (!st->run())
        qFatal("attack failed");
}

/// The attack: the kept snapshot edited by `edit`, and every later one written again as the books make them from it
/// and the events — what the rebuild makes, so that it finds nothing.
template <class Edit>
QString rewritten(const QString &name, Edit edit)
{
    const QString store = retained().copy(name);
    auto reader = retained().reader(store);
    const auto points = reader->snapshotPoints().value();
    Snapshot anchor = reader->snapshotAt(points.front().first).value();
    edit(anchor);
    auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
    writeSnapshot(*db.value(), anchor);
    CityBooks books(fixtureCity());
    books.restore(anchor);
    books.applyMeasurements(reader->approachesAt(anchor.seq).value().value_or(std::vector<Event>{}));
    std::uint64_t applied = anchor.seq;
    for (size_t i = 1; i < points.size(); ++i) {
        while (applied < points[i].first) {
            std::vector<Event> events;
            if (!reader->readEventSeqs(applied, points[i].first, events, 10'000) || events.empty())
                qFatal("cannot read the events");
            books.apply(events);
            applied = events.back().seq;
        }
        Snapshot s = reader->snapshotAt(points[i].first).value();
        static_cast<CityBooks::State &>(s) = books.exportState();
        writeSnapshot(*db.value(), s);
    }
    return store;
}

/// An incident open in the kept snapshot shown closed.
void closeAnIncident(Snapshot &s)
{
    for (Incident &i : s.incidents)
        if (i.state != IncidentState::Closed) {
            i.state = IncidentState::Closed;
            return;
        }
    qFatal("no open incident in the kept snapshot");
}

int runVerify(const QString &store, QString *out)
{
    QProcess p;
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-export"), {QStringLiteral("verify"), QStringLiteral("--store"), store,
                                                               QStringLiteral("--key"), retained().keyFile, QStringLiteral("--city"),
                                                               retained().cityFile});
    p.waitForFinished(60000);
    *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestSnapshotSeal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const auto range = retained().reader(retained().path)->range().value();
        const auto points = retained().points(retained().path);
        QVERIFY2(range.firstSeq > 100 && points.size() > 50, qPrintable(QStringLiteral("first %1, %2 snapshots").arg(range.firstSeq).arg(points.size())));
        QCOMPARE(points.front().first, range.firstSeq - 1);   // retention kept this one, standing for what came before
        auto db = SqliteDb::open(retained().path, SqliteDb::Mode::ReadOnly);
        auto seals = db.value()->prepare(QStringLiteral("SELECT count(*), min(seq) FROM snapshot_seals"));
        QVERIFY(seals->step());
        QCOMPARE(size_t(seals->columnInt(0)), points.size());   // the deleted snapshots' seals went with them
        QCOMPARE(std::uint64_t(seals->columnInt(1)), points.front().first);
    }

    /// Untouched: every snapshot's seal verifies, the kept one's included, and the check says so.
    void everySnapshotIsSealed()
    {
        const auto points = retained().points(retained().path);
        const auto v = check(retained().path, &retained().verifier);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(v.anchorSeq, points.front().first);
        QVERIFY(v.anchorSealed);
        QCOMPARE(size_t(v.sealed), points.size());
        QVERIFY2(v.sentence.contains(QLatin1String("which stands for the events retention deleted: its seal verified"))
                     && v.sentence.contains(QStringLiteral("%1 seal(s) verified with the key").arg(points.size())),
                 qPrintable(v.sentence));
        QString out;
        QCOMPARE(runVerify(retained().path, &out), 0);
        QVERIFY2(out.contains(QLatin1String("its seal verified")), qPrintable(out));
    }

    /// The kept snapshot edited and every later one written again to match: the rebuild alone finds nothing (that is
    /// the gap the seal closes, and what a check without the key still says); with the key its seal does not verify.
    void anEditedKeptSnapshotBreaksItsSeal()
    {
        const QString store = rewritten(QStringLiteral("closed.store"), closeAnIncident);
        const std::uint64_t anchor = retained().points(store).front().first;
        const auto unkeyed = check(store, nullptr);
        QVERIFY2(unkeyed.intact && unkeyed.sentence.contains(QLatin1String("its seal not checked, give the key")), qPrintable(unkeyed.sentence));

        const auto v = check(store, &retained().verifier);
        QVERIFY2(!v.intact, qPrintable(v.sentence));
        QCOMPARE(v.badSnapshotSeq, anchor);
        QCOMPARE(v.sentence, QStringLiteral("the snapshot taken after event %1 is not as the console sealed it: edited since it was written").arg(anchor));
        QString out;
        QCOMPARE(runVerify(store, &out), 1);
        QVERIFY2(out.contains(QStringLiteral("TAMPERED: the snapshot taken after event %1 is not as the console sealed it").arg(anchor)), qPrintable(out));
    }

    /// A device's state in the kept snapshot, and a seal made by the attacker's own key in place of the console's:
    /// another key's seal is a finding, not a pass.
    void aSealOfAnotherKeyIsRefused()
    {
        const QString store = rewritten(QStringLiteral("resealed.store"), [](Snapshot &s) { s.states[0].fault = !s.states[0].fault; });
        const std::uint64_t anchor = retained().points(store).front().first;
        const CommandSigner mallory = CommandSigner::generate();
        {
            auto reader = retained().reader(store);
            auto seal = reader->sealAt(anchor).value();
            QVERIFY(seal.has_value());
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            auto st = db.value()->prepare(QStringLiteral("UPDATE snapshot_seals SET key_id = ?, signature = ? WHERE seq = ?"));
            st->bind(1, mallory.keyId());
            st->bind(2, mallory.sign(seal->message));   // the message made from the edited bytes: mallory's seal verifies with mallory's key
            st->bind(3, static_cast<std::int64_t>(anchor));
            QVERIFY(st->run().ok());
        }
        const auto v = check(store, &retained().verifier);
        QVERIFY2(!v.intact && v.sentence.contains(QStringLiteral("is sealed with key %1, not the given key %2").arg(mallory.keyId(), retained().key->keyId())),
                 qPrintable(v.sentence));
        // Signed with the console's key id but by mallory: the signature does not verify.
        {
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE snapshot_seals SET key_id = '%1' WHERE seq = %2").arg(retained().key->keyId()).arg(anchor)).ok());
        }
        const auto forged = check(store, &retained().verifier);
        QVERIFY2(!forged.intact && forged.sentence.contains(QLatin1String("is not as the console sealed it")), qPrintable(forged.sentence));
    }

    /// A seal moved from one snapshot to another does not fit it: the seal names the snapshot it was made for.
    void aSealMovedToAnotherSnapshotDoesNotFit()
    {
        const QString store = retained().copy(QStringLiteral("moved.store"));
        const auto points = retained().points(store);
        {
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE snapshot_seals SET signature = (SELECT signature FROM snapshot_seals WHERE seq = %1) "
                                                    "WHERE seq = %2").arg(points[2].first).arg(points[3].first)).ok());
        }
        const auto v = check(store, &retained().verifier);
        QVERIFY2(!v.intact && v.badSnapshotSeq == points[3].first, qPrintable(v.sentence));
    }

    /// What the seal cannot stop, said rather than hidden: the attacker who deletes the seals along with the edit
    /// leaves snapshots that are not sealed — as a console without a key, or a release from before, leaves them — and
    /// the check says the kept one is taken as it stands. Deleting only the kept one's seal is not enough: the later
    /// snapshots, written again, no longer fit theirs.
    void aDeletedSealIsSaid()
    {
        const QString store = rewritten(QStringLiteral("unsealed.store"), closeAnIncident);
        const auto points = retained().points(store);
        {
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM snapshot_seals WHERE seq = %1").arg(points.front().first)).ok());
        }
        const auto some = check(store, &retained().verifier);
        QVERIFY2(!some.intact && some.badSnapshotSeq > points.front().first, qPrintable(some.sentence));
        {
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM snapshot_seals")).ok());
        }
        const auto v = check(store, &retained().verifier);
        QVERIFY2(v.intact && !v.anchorSealed && v.sealed == 0 && v.sentence.contains(QLatin1String("not sealed, it is taken as it stands")),
                 qPrintable(v.sentence));
    }
};

QTEST_MAIN(TestSnapshotSeal)
#include "tst_snapshotseal.moc"
