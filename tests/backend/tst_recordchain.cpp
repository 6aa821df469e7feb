// The record as an attacker with sqlite3 and the file would edit it, each attack on a fresh copy of a real store
// (written through the console's own pipeline, signed checkpoints every 1,000 rows and at the close): one payload
// byte changed, a row deleted, two rows swapped, a row inserted, the chain recomputed after an edit, a checkpoint
// forged, the tail cut off. The verifier names the first bad seq each time — in the library and through
// cityops-export verify's exit code.
#include "base/sqlitedb.h"
#include "security/commandsigner.h"
#include "city/citypackage.h"
#include "store/chainexport.h"
#include "store/exportjob.h"
#include "store/recordchain.h"
#include "storetesting.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

/// The recording's city as a package, for the tool's --city.
QString fixturePackage()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("city.gpkg"));
        if (!citypackage::write(*fixtureCity(), file))
            qFatal("cannot write the city package");
        return file;
    }();
    return path;
}

int runVerify(QStringList args, QString *out)
{
    if (args.contains(QStringLiteral("--store")) && !args.contains(QStringLiteral("--city")))   // its snapshots are checked for it
        args << QStringLiteral("--city") << fixturePackage();
    return runExport(QStringList{QStringLiteral("verify")} + args, out);
}
} // namespace

class TestRecordChain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(recording().last > 5000); }

    /// The chain is what docs/STORE.md says — SHA-256 of the previous value and the row's canonical bytes — checked
    /// with another SHA-256 (Qt's), so the writer's fast path cannot drift from what a third party recomputes.
    void eachLinkIsSha256OfThePreviousAndTheRow()
    {
        QByteArray chain = recordchain::genesis();
        for (int i = 0; i < 200; ++i) {
            const QByteArray payload(i * 7 % 300, char('a' + i % 26));
            const std::int64_t time = 1'795'000'000'000 + i, device = i % 3 == 0 ? -1 : i * 31;
            const QByteArray expected = QCryptographicHash::hash(QByteArray(chain + recordchain::rowBytes(std::uint64_t(i + 1), time, i % 11, device, payload)),
                                                                 QCryptographicHash::Sha256);
            const QByteArray got = recordchain::link(chain, std::uint64_t(i + 1), time, i % 11, device, payload);
            QCOMPARE(got.toHex(), expected.toHex());
            chain = got;
        }
    }

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

    // --- exports that carry the chain: checked by a third party with the public key alone ---

    /// A window in the middle of the recording, as cityops-export --verifiable writes it, as lines to attack.
    static QList<QByteArray> windowLines()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        auto written = chainexport::write(recording().path, *fixtureCity(), start + 1800'000, start + 2400'000, out);
        if (!written || written.value() < 100)
            qFatal("export: %s", written ? "too few events" : qPrintable(written.error()));
        return out.data().trimmed().split('\n');
    }
    static recordchain::Verdict checkLines(const QList<QByteArray> &lines, const CommandSigner *signer = nullptr)
    {
        QBuffer in;
        in.setData(lines.join('\n') + '\n');
        in.open(QIODevice::ReadOnly);
        auto verifier = CommandVerifier::fromPublicKeyPem((signer ? signer : recording().key.get())->publicKeyPem());
        auto v = chainexport::verify(in, *fixtureCity(), verifier.value());
        if (!v)
            qFatal("%s", qPrintable(v.error()));
        return v.value();
    }
    static int eventLine(const QList<QByteArray> &lines, int nth)
    {
        for (int i = 0; i < lines.size(); ++i)
            if (lines[i].contains("\"row\"") && nth-- == 0)
                return i;
        return -1;
    }

    void aVerifiableExportIsIntact()
    {
        const QList<QByteArray> lines = windowLines();
        const auto v = checkLines(lines);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QVERIFY(v.events >= 100 && v.checkpoints >= 1);
        // And from a shell, as a third party would.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("window.jsonl"));
        const QString cityFile = dir.filePath(QStringLiteral("city.gpkg"));   // the recording's city as a package
        QVERIFY(citypackage::write(*fixtureCity(), cityFile));
        QString out;
        const int exported = runExport({QStringLiteral("--store"), recording().path, QStringLiteral("--city"), cityFile, QStringLiteral("--from"),
                                        QStringLiteral("2026-11-22T05:30:00Z"), QStringLiteral("--to"), QStringLiteral("2026-11-22T05:40:00Z"),
                                        QStringLiteral("--verifiable"), file},
                                       &out);
        QVERIFY2(exported == 0, qPrintable(out));
        QCOMPARE(runVerify({QStringLiteral("--export"), file, QStringLiteral("--key"), recording().publicKey, QStringLiteral("--city"), cityFile}, &out), 0);
        QVERIFY2(out.contains(QLatin1String("intact")), qPrintable(out));
        QCOMPARE(runVerify({QStringLiteral("--export"), file}, &out), 2);   // no key: usage
    }

    /// The desk's export job writes the same file (File ▸ Export, "with their chain"), checked the same way; it is
    /// written on its own and never with rows left out.
    void anExportJobWritesTheWindowWithItsChain()
    {
        QTemporaryDir dir;
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        ExportJob job;
        job.storePath = recording().path;
        job.fromMs = start + 1800'000;
        job.toMs = start + 2400'000;
        job.verifiablePath = dir.filePath(QStringLiteral("deep/window-verifiable.jsonl"));
        QVERIFY2(job.validate().ok(), qPrintable(job.validate().error()));
        const auto done = job.run(fixtureCity());
        QVERIFY2(done.ok(), qPrintable(done.error()));
        QVERIFY2(done.value().contains(QLatin1String("events with their chain to ")), qPrintable(done.value()));
        QFile file(job.verifiablePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines, windowLines());   // byte for byte what cityops-export --verifiable writes
        const auto v = checkLines(lines);
        QVERIFY2(v.intact, qPrintable(v.sentence));

        // The desk's progress bar moves with the rows written, and Cancel stops it leaving no file behind.
        std::vector<double> told;
        const auto followed = job.run(fixtureCity(), [&told](double f) { told.push_back(f); return true; });
        QVERIFY2(followed.ok(), qPrintable(followed.error()));
        QVERIFY2(told.size() >= 3, qPrintable(QString::number(told.size())));
        QVERIFY(std::is_sorted(told.begin(), told.end()));
        QVERIFY(told.front() < 0.1 && told.back() > 0.5 && told.back() <= 1.0);
        ExportJob cancelled = job;
        cancelled.verifiablePath = dir.filePath(QStringLiteral("cancelled-verifiable.jsonl"));
        int asked = 0;
        const auto stopped = cancelled.run(fixtureCity(), [&asked](double) { return ++asked < 2; });
        QCOMPARE(stopped.error(), QStringLiteral("cancelled"));
        QCOMPARE(asked, 2);
        QVERIFY(!QFile::exists(cancelled.verifiablePath));

        ExportJob mixed = job;
        mixed.eventsPath = dir.filePath(QStringLiteral("events.jsonl"));
        QVERIFY(mixed.validate().error().contains(QLatin1String("on its own")));
        ExportJob leaving = job;
        leaving.passOverUnreadable = true;
        QVERIFY(leaving.validate().error().contains(QLatin1String("could not be checked")));
        ExportJob csv = job;
        csv.verifiablePath = dir.filePath(QStringLiteral("window.csv"));
        QVERIFY(csv.validate().error().contains(QLatin1String("must end in .jsonl")));
    }

    void attacksOnAnExport()
    {
        const QList<QByteArray> original = windowLines();
        // A value changed in an event's line (its row left alone).
        QList<QByteArray> lines = original;
        int i = eventLine(lines, 20);
        QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
        o.insert(QStringLiteral("time_ms"), o.value(QStringLiteral("time_ms")).toDouble() + 1000);
        lines[i] = QJsonDocument(o).toJson(QJsonDocument::Compact);
        auto v = checkLines(lines);
        QVERIFY(!v.intact && v.sentence.contains(QLatin1String("not as it was recorded")));
        // The data edited, the row too (its payload): the chain breaks there.
        lines = original;
        o = QJsonDocument::fromJson(lines[i]).object();
        QJsonObject row = o.value(QStringLiteral("row")).toObject();
        QByteArray payload = QByteArray::fromBase64(row.value(QStringLiteral("payload")).toString().toLatin1());
        payload[0] = char(payload[0] ^ 1);
        row.insert(QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()));
        o.insert(QStringLiteral("row"), row);
        lines[i] = QJsonDocument(o).toJson(QJsonDocument::Compact);
        v = checkLines(lines);
        QVERIFY2(!v.intact, qPrintable(v.sentence));
        // Only the words of a line changed, its row and chain kept: the line no longer says what its row says.
        lines = original;
        o = QJsonDocument::fromJson(lines[i]).object();
        QJsonObject data = o.value(QStringLiteral("data")).toObject();
        data.insert(QStringLiteral("forged"), true);
        o.insert(QStringLiteral("data"), data);
        lines[i] = QJsonDocument(o).toJson(QJsonDocument::Compact);
        v = checkLines(lines);
        QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("does not say what its recorded row says")), qPrintable(v.sentence));
        // A line deleted.
        lines = original;
        lines.removeAt(eventLine(lines, 30));
        v = checkLines(lines);
        QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("missing")), qPrintable(v.sentence));
        // The whole chain recomputed after an edit: the signed checkpoint no longer matches.
        lines = original;
        QByteArray chain = QByteArray::fromHex(QJsonDocument::fromJson(lines[0]).object().value(QStringLiteral("chain_before")).toString().toLatin1());
        for (int k = 1; k < lines.size(); ++k) {
            QJsonObject line = QJsonDocument::fromJson(lines[k]).object();
            if (line.contains(QStringLiteral("checkpoint")))
                continue;
            const bool tail = line.contains(QStringLiteral("tail"));
            QJsonObject r = tail ? line.value(QStringLiteral("tail")).toObject() : line.value(QStringLiteral("row")).toObject();
            const QJsonObject &where = tail ? r : line;
            QByteArray p = QByteArray::fromBase64(r.value(QStringLiteral("payload")).toString().toLatin1());
            if (k == i)
                p[0] = char(p[0] ^ 1);   // the edit (its line's words would also be rewritten by a careful forger)
            chain = recordchain::link(chain, std::uint64_t(where.value(QStringLiteral("seq")).toDouble()),
                                      std::int64_t(where.value(QStringLiteral("time_ms")).toDouble()), r.value(QStringLiteral("kind")).toInt(),
                                      std::int64_t(r.value(QStringLiteral("device")).toDouble()), p);
            r.insert(QStringLiteral("payload"), QString::fromLatin1(p.toBase64()));
            if (tail) {
                line.insert(QStringLiteral("tail"), r);
            } else {
                line.insert(QStringLiteral("row"), r);
                line.insert(QStringLiteral("chain"), QString::fromLatin1(chain.toHex()));
            }
            lines[k] = QJsonDocument(line).toJson(QJsonDocument::Compact);
        }
        v = checkLines(lines);
        QVERIFY2(!v.intact && (v.sentence.contains(QLatin1String("signed checkpoint")) || v.sentence.contains(QLatin1String("does not say"))),
                 qPrintable(v.sentence));
        // Checked with another key (a forger's), or with the checkpoints dropped: nothing vouches for it.
        const CommandSigner stranger = CommandSigner::generate();
        v = checkLines(original, &stranger);
        QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("not signed by the given key")), qPrintable(v.sentence));
        lines = original;
        lines.erase(std::remove_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.startsWith("{\"checkpoint\""); }), lines.end());
        v = checkLines(lines);
        QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("no signed checkpoint vouches")), qPrintable(v.sentence));
        // Figures no row can hold (found by tests/fuzz: casting them was undefined behaviour): a line's seq or time
        // beyond any, a row's kind beyond a byte, a checkpoint's seq not a number — each a line not as written.
        for (const auto &[key, inRow, value] : {std::tuple{"seq", false, QJsonValue(5e77)}, std::tuple{"time_ms", false, QJsonValue(1.8e24)},
                                                std::tuple{"kind", true, QJsonValue(300)}, std::tuple{"device", true, QJsonValue(-7)}}) {
            lines = original;
            o = QJsonDocument::fromJson(lines[i]).object();
            if (inRow) {
                QJsonObject r = o.value(QStringLiteral("row")).toObject();
                r.insert(QLatin1String(key), value);
                o.insert(QStringLiteral("row"), r);
            } else {
                o.insert(QLatin1String(key), value);
            }
            lines[i] = QJsonDocument(o).toJson(QJsonDocument::Compact);
            v = checkLines(lines);
            QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("is not an event of this export")), qPrintable(key + QStringLiteral(": ") + v.sentence));
        }
        lines = original;
        const int cp = int(std::find_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.startsWith("{\"checkpoint\""); }) - lines.begin());
        o = QJsonDocument::fromJson(lines[cp]).object();
        QJsonObject c = o.value(QStringLiteral("checkpoint")).toObject();
        c.insert(QStringLiteral("time_ms"), 1e300);
        o.insert(QStringLiteral("checkpoint"), c);
        lines[cp] = QJsonDocument(o).toJson(QJsonDocument::Compact);
        v = checkLines(lines);
        QVERIFY2(!v.intact && v.sentence.contains(QLatin1String("not signed by the given key")), qPrintable(v.sentence));
        // A first line that does not say which events it holds: not an export to check. Nor one that says it holds
        // none (found by tests/fuzz: a header alone, last before first, was "intact" with nothing checked).
        auto verifier = CommandVerifier::fromPublicKeyPem(recording().key->publicKeyPem());
        o = QJsonDocument::fromJson(original[0]).object();
        for (const auto &[key, value] : {std::pair{"first_seq", -3.0}, std::pair{"last_seq", 0.0}}) {
            QJsonObject header = o;
            header.insert(QLatin1String(key), value);
            QBuffer in;
            const QByteArray first = QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n';
            in.setData(key == std::string_view("last_seq") ? first : QByteArray(first + original.mid(1).join('\n') + '\n'));
            in.open(QIODevice::ReadOnly);
            const auto refused = chainexport::verify(in, *fixtureCity(), verifier.value());
            QVERIFY2(!refused, key);
            QVERIFY2(refused.error().contains(QLatin1String("does not say which events it holds")), qPrintable(refused.error()));
        }
    }
};

QTEST_GUILESS_MAIN(TestRecordChain)
#include "tst_recordchain.moc"
