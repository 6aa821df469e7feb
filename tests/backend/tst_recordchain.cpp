// The record as an attacker with sqlite3 and the file would edit it, each attack on a fresh copy of a real store
// (written through the console's own pipeline, signed checkpoints every 1,000 rows and at the close): one payload
// byte changed, a row deleted, two rows swapped, a row inserted, the chain recomputed after an edit, a checkpoint
// forged, the tail cut off. The verifier names the first bad seq each time — in the library and through
// cityops-export verify's exit code.
#include "base/sqlitedb.h"
#include "security/commandsigner.h"
#include "store/recordchain.h"
#include "storetesting.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {
struct Recording {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("original.store"));
    std::shared_ptr<const CommandSigner> key = std::make_shared<CommandSigner>(CommandSigner::generate());
    QString publicKey = dir.filePath(QStringLiteral("record.pub"));
    std::uint64_t last = 0;

    Recording()
    {
        EventStoreOptions options;
        options.path = path;
        options.checkpointKey = key;
        options.checkpointEvents = 1000;
        {
            auto store = EventStore::open(options, *fixtureCity());
            if (!store)
                qFatal("%s", qPrintable(store.error()));
            Recorder rec(fixtureCity(), store->get());
            CitySimulator sim(fixtureCity(), 5, berlin(QDate(2026, 11, 22), QTime(6, 0)));
            std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1}}};
            sim.initialState(batch);
            sim.advanceTo(sim.nowMs() + 2 * 3600'000, batch);
            rec.process(std::move(batch));
            store.value()->flush();
            last = rec.sequencer().lastSeq();
        }
        QFile pub(publicKey);
        pub.open(QIODevice::WriteOnly);
        pub.write(key->publicKeyPem());
    }
    /// A copy to attack, with `sql` run on it as sqlite3 would.
    QString attacked(const QString &name, const QString &sql) const
    {
        const QString copy = dir.filePath(name);
        QFile::remove(copy);
        QFile::copy(path, copy);
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
        if (!sql.isEmpty() && !db.value()->exec(sql).ok())
            qFatal("attack failed: %s", qPrintable(db.value()->lastError()));
        return copy;
    }
    recordchain::Verdict check(const QString &store, bool withKey = true) const
    {
        auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
        auto verifier = CommandVerifier::fromPublicKeyPem(key->publicKeyPem());
        auto v = recordchain::verify(*db.value(), withKey ? &verifier.value() : nullptr);
        if (!v)
            qFatal("%s", qPrintable(v.error()));
        return v.value();
    }
};

Recording &recording()
{
    static Recording r;
    return r;
}

int runVerify(const QStringList &args, QString *out)
{
    QProcess p;
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-export"), QStringList{QStringLiteral("verify")} + args);
    p.waitForFinished(60000);
    *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}
} // namespace

class TestRecordChain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(recording().last > 5000); }

    void anUntouchedRecordIsIntact()
    {
        const auto v = recording().check(recording().path);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(v.events, recording().last);
        QVERIFY(v.checkpoints >= int(recording().last / 1000));   // every 1,000 rows, and the close
        QString out;
        QCOMPARE(runVerify({QStringLiteral("--store"), recording().path, QStringLiteral("--key"), recording().publicKey}, &out), 0);
        QVERIFY2(out.contains(QLatin1String("intact")), qPrintable(out));
    }

    void attacks_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qulonglong>("firstBad");
        QTest::addColumn<QString>("says");
        QTest::newRow("one payload byte changed")
            << "UPDATE events SET payload = CAST(substr(payload, 1, length(payload) - 1) || x'ff' AS BLOB) WHERE seq = 1234" << 1234ULL << "not as it was recorded";
        QTest::newRow("time moved") << "UPDATE events SET time_ms = time_ms + 1 WHERE seq = 2500" << 2500ULL << "not as it was recorded";
        QTest::newRow("row deleted") << "DELETE FROM events WHERE seq = 2000" << 2000ULL << "missing";
        QTest::newRow("two rows swapped")
            << "UPDATE events SET seq = -1 WHERE seq = 3000; UPDATE events SET seq = 3000 WHERE seq = 3001; UPDATE events SET seq = 3001 WHERE seq = -1"
            << 3000ULL << "not as it was recorded";
        QTest::newRow("row inserted (seq shifted)")
            << "UPDATE events SET seq = seq + 1000000 WHERE seq >= 4000; UPDATE events SET seq = seq - 1000000 + 1 WHERE seq >= 1004000;"
               "INSERT INTO events SELECT 4000, time_ms, kind, device, payload, chain FROM events WHERE seq = 3999"
            << 4000ULL << "not as it was recorded";
        QTest::newRow("tail cut off") << "DELETE FROM events WHERE seq > 4500" << 4501ULL << "cut off";
        QTest::newRow("checkpoint forged") << "UPDATE checkpoints SET signature = zeroblob(64) WHERE seq = 3000" << 3000ULL << "forged or altered";
    }
    void attacks()
    {
        QFETCH(QString, sql);
        QFETCH(qulonglong, firstBad);
        QFETCH(QString, says);
        const QString copy = recording().attacked(QStringLiteral("attacked.store"), sql);
        const auto v = recording().check(copy);
        QVERIFY2(!v.intact, "the attack went unnoticed");
        QCOMPARE(qulonglong(v.firstBadSeq), firstBad);
        QVERIFY2(v.sentence.contains(says), qPrintable(v.sentence));
        QString out;
        QCOMPARE(runVerify({QStringLiteral("--store"), copy, QStringLiteral("--key"), recording().publicKey}, &out), 1);
        QVERIFY2(out.contains(QStringLiteral("first bad seq %1").arg(firstBad)), qPrintable(out));
    }

    /// An attacker who edits a row and recomputes every later link (the chain needs no secret) is caught by the
    /// next signed checkpoint, which vouches for the old value.
    void aRecomputedChainIsCaughtByTheNextCheckpoint()
    {
        const QString copy = recording().attacked(QStringLiteral("rewritten.store"), QStringLiteral("UPDATE events SET time_ms = time_ms + 5 WHERE seq = 1500"));
        {
            auto db = SqliteDb::open(copy, SqliteDb::Mode::Create);
            auto rows = db.value()->prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload FROM events ORDER BY seq"));
            auto update = db.value()->prepare(QStringLiteral("UPDATE events SET chain = ? WHERE seq = ?"));
            QByteArray chain = recordchain::genesis();
            QVERIFY(db.value()->exec(QStringLiteral("BEGIN")).ok());
            while (rows->step()) {
                chain = recordchain::link(chain, std::uint64_t(rows->columnInt(0)), rows->columnInt(1), int(rows->columnInt(2)),
                                          rows->columnInt(3), rows->columnBlob(4));
                update->bind(1, chain);
                update->bind(2, rows->columnInt(0));
                QVERIFY(update->run().ok());
            }
            QVERIFY(db.value()->exec(QStringLiteral("COMMIT")).ok());
        }
        const auto v = recording().check(copy);
        QVERIFY(!v.intact);
        QCOMPARE(v.firstBadSeq, std::uint64_t(2000));   // the first checkpoint after the edit
        QVERIFY2(v.sentence.contains(QLatin1String("rewritten")), qPrintable(v.sentence));
        // Without the key the rewritten chain's checkpoints still disagree, since their chain values were signed.
        QVERIFY(!recording().check(copy, false).intact);
    }

    void theWrongKeyIsNamed()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.pub"));
        QFile f(other);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(CommandSigner::generate().publicKeyPem());
        f.close();
        QString out;
        QCOMPARE(runVerify({QStringLiteral("--store"), recording().path, QStringLiteral("--key"), other}, &out), 1);
        QVERIFY2(out.contains(QLatin1String("signed with key")), qPrintable(out));
        QCOMPARE(runVerify({QStringLiteral("--key"), other}, &out), 2);   // no store: usage
    }
};

QTEST_GUILESS_MAIN(TestRecordChain)
#include "tst_recordchain.moc"
