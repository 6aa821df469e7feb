// The snapshot retention keeps stands for events no longer in the store: nothing is left to rebuild it from, and the
// snapshot check (tst_snapshotcheck) starts from it as it stands. Someone with the file who edits it — an incident
// shown closed, a device's state — and writes every later snapshot again as the books make them from the edited one
// passes the rebuild. Every snapshot is therefore sealed when it is written, with the key that signs the checkpoints
// (recordchain::snapshotSealMessage), and the event right after each says so (SnapshotSealPayload), chained and signed
// with the others, so that a seal cannot go without a trace: these tests make the attacks on a real store, cut by the
// store's own retention, and show them caught — in the library and through cityops-export verify.
#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "security/commandsigner.h"
#include "state/citybooks.h"
#include "codec/eventcodec.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"
#include "storetesting.h"

#include <QFile>
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
    return runExport({QStringLiteral("verify"), QStringLiteral("--store"), store, QStringLiteral("--key"), retained().keyFile,
                      QStringLiteral("--city"), retained().cityFile},
                     out);
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
        // The record's word of each seal is the event right after its snapshot — the kept one's too, the first event
        // retention kept.
        auto reader = retained().reader(retained().path);
        for (const auto &[at, time] : points) {
            std::vector<Event> next;
            QVERIFY(reader->readEventSeqs(at, at + 1, next, 1).ok());
            QCOMPARE(next.size(), size_t(1));
            const auto *word = std::get_if<SnapshotSealPayload>(&next.front().payload);
            QVERIFY2(word && word->snapshotSeq == at && word->keyId == retained().key->keyId(), qPrintable(QString::number(at)));
        }
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
        QCOMPARE(size_t(v.claimed), points.size());
        QVERIFY(v.anchorClaimed);
        QVERIFY2(v.sentence.contains(QLatin1String("which stands for the events retention deleted: its seal verified"))
                     && v.sentence.contains(QStringLiteral("%1 seal(s) verified with the key, every one the record says was made among them")
                                                .arg(points.size())),
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
        QVERIFY2(unkeyed.intact && unkeyed.sentence.contains(QLatin1String("sealed, as the record says; the seal not checked, give the key")),
                 qPrintable(unkeyed.sentence));

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
        // Without the key: the record says whose seal it is.
        const auto unkeyed = check(store, nullptr);
        QVERIFY2(!unkeyed.intact && unkeyed.badSnapshotSeq == anchor, qPrintable(unkeyed.sentence));
        QCOMPARE(unkeyed.sentence, QStringLiteral("the snapshot taken after event %1 is sealed with key %2, though the record says (event %3) the "
                                                  "console sealed it with key %4").arg(anchor).arg(mallory.keyId()).arg(anchor + 1).arg(retained().key->keyId()));
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

    /// The seals deleted along with the edit. The record says, in the event after each snapshot, that it was sealed
    /// and with which key — chained and signed with the other events — so a missing seal is a finding, without the
    /// key as well as with it. (Deleting only the kept one's seal: with the key the later snapshots, written again,
    /// no longer fit theirs first.)
    void aDeletedSealIsAFinding()
    {
        const QString store = rewritten(QStringLiteral("unsealed.store"), closeAnIncident);
        const auto points = retained().points(store);
        const std::uint64_t anchor = points.front().first;
        const QString deleted = QStringLiteral("the snapshot taken after event %1 has no seal, though the record says (event %2) the console "
                                               "sealed it with key %3: its seal was deleted").arg(anchor).arg(anchor + 1).arg(retained().key->keyId());
        QVERIFY(execute(store, QStringLiteral("DELETE FROM snapshot_seals WHERE seq = %1").arg(anchor)));
        const auto some = check(store, &retained().verifier);
        QVERIFY2(!some.intact && some.badSnapshotSeq > anchor, qPrintable(some.sentence));
        const auto someUnkeyed = check(store, nullptr);
        QVERIFY2(!someUnkeyed.intact && someUnkeyed.badSnapshotSeq == anchor, qPrintable(someUnkeyed.sentence));
        QCOMPARE(someUnkeyed.sentence, deleted);
        QVERIFY(execute(store, QStringLiteral("DELETE FROM snapshot_seals")));
        for (const CommandVerifier *key : {static_cast<const CommandVerifier *>(&retained().verifier), static_cast<const CommandVerifier *>(nullptr)}) {
            const auto v = check(store, key);
            QVERIFY2(!v.intact && v.badSnapshotSeq == anchor, qPrintable(v.sentence));
            QCOMPARE(v.sentence, deleted);
        }
        QString out;
        QCOMPARE(runVerify(store, &out), 1);
        QVERIFY2(out.contains(QLatin1String("TAMPERED: ") + deleted), qPrintable(out));
    }

    /// A snapshot deleted with its seal — one in the middle, or the last, whose word is among the events after every
    /// snapshot — is named: the record says it was written.
    void aDeletedSnapshotIsAFinding()
    {
        const auto points = retained().points(retained().path);
        for (const std::uint64_t gone : {points[5].first, points.back().first}) {
            const QString store = retained().copy(QStringLiteral("without-%1.store").arg(gone));
            for (const char *table : {"snapshots", "snapshot_seals", "snapshot_approaches"})
                QVERIFY(execute(store, QStringLiteral("DELETE FROM %1 WHERE seq = %2").arg(QLatin1String(table)).arg(gone)));
            const auto v = check(store, nullptr);
            QVERIFY2(!v.intact && v.badSnapshotSeq == gone, qPrintable(v.sentence));
            QCOMPARE(v.sentence, QStringLiteral("the record says the snapshot taken after event %1 was sealed (event %2), but the store has "
                                                "no such snapshot: deleted").arg(gone).arg(gone + 1));
        }
    }

    /// The word itself cannot be taken back or changed: it is an event of the chain. Deleting it with the seal, or
    /// making it name the attacker's key, is a row not as the console wrote it (the check of the record runs the
    /// chain first).
    void theRecordsWordIsChained()
    {
        const auto points = retained().points(retained().path);
        const std::uint64_t at = points[5].first;
        const CommandSigner mallory = CommandSigner::generate();
        const QString named = retained().copy(QStringLiteral("renamed.store"));
        const QString gone = retained().copy(QStringLiteral("unsaid.store"));
        {
            auto db = SqliteDb::open(named, SqliteDb::Mode::Create);
            auto st = db.value()->prepare(QStringLiteral("UPDATE events SET payload = ? WHERE seq = ?"));
            st->bind(1, eventcodec::encode(SnapshotSealPayload{at, mallory.keyId()}));
            st->bind(2, static_cast<std::int64_t>(at + 1));
            QVERIFY(st->run().ok());
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE snapshot_seals SET key_id = '%1' WHERE seq = %2").arg(mallory.keyId()).arg(at)).ok());
        }
        QVERIFY(execute(gone, QStringLiteral("DELETE FROM snapshot_seals WHERE seq = %1; DELETE FROM events WHERE seq = %2").arg(at).arg(at + 1)));
        for (const QString &store : {named, gone}) {
            QString out;
            QCOMPARE(runVerify(store, &out), 1);
            QVERIFY2(out.contains(QLatin1String("TAMPERED")) && out.contains(QString::number(at + 1)), qPrintable(out));
        }
    }
};

QTEST_MAIN(TestSnapshotSeal)
#include "tst_snapshotseal.moc"
