// Snapshots as an attacker with sqlite3 and the file would edit them — the part of the store the hash chain does not
// cover, from which a replay and a restarted console start. Each attack on a fresh copy of a real store (written
// through the console's own pipeline, a snapshot every 30 s of event time): an incident's state, a device's state,
// an incident removed or added, who requested an order, an older snapshot moved over a newer one, the approaches kept
// beside one. The check rebuilds every snapshot from the events before it and names the first one edited — in the
// library and through cityops-export verify's exit code; an untouched store, one retention has cut and one with a
// snapshot this release cannot read are not called tampered.
#include "base/sqlitedb.h"
#include "engine/liveopsloop.h"
#include "city/citypackage.h"
#include "security/commandsigner.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"
#include "storetesting.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {
constexpr std::uint32_t kOrder = 0x0001'0007;

struct Recording {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("original.store"));
    QString cityFile = dir.filePath(QStringLiteral("city.gpkg"));
    std::uint64_t last = 0;

    Recording()
    {
        EventStoreOptions options;
        options.path = path;
        options.checkpointKey = std::make_shared<CommandSigner>(CommandSigner::generate());
        {
            auto store = EventStore::open(options, *fixtureCity());
            if (!store)
                qFatal("%s", qPrintable(store.error()));
            Recorder rec(fixtureCity(), store->get(), 500);
            CitySimulator sim(fixtureCity(), 5, berlin(QDate(2026, 11, 22), QTime(6, 0)));
            // The marker of a console that says it writes checkable snapshots, as the engine's does.
            std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1, snapshotcodec::kCheckableVersion}}};
            sim.initialState(batch);
            rec.process(std::move(batch));
            const auto run = [&](int batches) {   // batches of 20 s, as the live link hands them over in pieces
                for (int i = 0; i < batches; ++i) {
                    std::vector<Event> more;
                    sim.advanceTo(sim.nowMs() + 20'000, more);
                    // Queues on the first signals' first approach, as co-simulation reports them.
                    for (int k = 0; k < 3; ++k) {
                        const auto q = static_cast<std::uint16_t>((i * 7 + k) % 13);
                        more.push_back(Event{0, sim.nowMs(), fixtureCity()->signals[size_t(k)].device,
                                             TrafficPayload{{ApproachTraffic{0, q, std::uint16_t(q + 2), std::uint8_t(q * 5), std::uint16_t(q * 7.5)}}}});
                    }
                    rec.process(std::move(more));
                }
            };
            run(180);
            // An order olga requested, open in every snapshot after it.
            std::vector<Event> order{Event{0, sim.nowMs(), kNoDevice,
                                           CommandPayload{kOrder, CommandStage::Requested, CommandAction::LightDim, 40, 0, 0,
                                                          sim.nowMs() + 7200'000, QStringLiteral("olga"), QStringLiteral("storm"), {}}}};
            rec.process(std::move(order));
            run(180);
            store.value()->flush();
            last = rec.sequencer().lastSeq();
        }
        if (!citypackage::write(*fixtureCity(), cityFile))
            qFatal("cannot write the city package");
    }
    std::unique_ptr<StoreReader> reader(const QString &store) const { return fixtureReader(store); }
    snapshotcheck::Verdict check(const QString &store) const
    {
        auto v = snapshotcheck::verify(*reader(store));
        if (!v)
            qFatal("%s", qPrintable(v.error()));
        return v.value();
    }
    /// Every snapshot's seq, oldest first.
    std::vector<std::uint64_t> snapshots() const
    {
        std::vector<std::uint64_t> out;
        const auto points = reader(path)->snapshotPoints().value();
        for (const auto &[seq, time] : points)
            out.push_back(seq);
        return out;
    }
    /// The first snapshot whose state `pick` finds something in.
    template <class Pick>
    std::uint64_t firstWith(Pick pick) const
    {
        auto r = reader(path);
        for (std::uint64_t seq : snapshots()) {
            auto s = r->snapshotAt(seq);
            if (!s)
                qFatal("%s", qPrintable(s.error()));
            if (pick(s.value()))
                return seq;
        }
        qFatal("no snapshot has what the test needs");
    }
    QString copy(const QString &name) const { return copyStore(path, dir.filePath(name)); }
    /// A copy whose snapshot `seq` was decoded, changed by `edit` and written back as the console would have.
    template <class Edit>
    QString edited(const QString &name, std::uint64_t seq, Edit edit) const
    {
        Snapshot s = reader(path)->snapshotAt(seq).value();
        edit(s);
        const QString to = copy(name);
        writeBlob(to, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"), snapshotcodec::encode(s), seq);
        return to;
    }
    /// `blob` as the same snapshot in codec version `version` (the layout of 6 and 7 is one).
    static QByteArray asVersion(const QByteArray &blob, char version)
    {
        QByteArray raw = qUncompress(blob);
        raw[4] = version;
        return qCompress(raw, 6);
    }
    /// A copy whose session markers say nothing of snapshots (a release from before) and whose snapshots up to the
    /// `upTo`th are in version 6: what an earlier release recorded, this one carrying on after.
    QString earlierRelease(const QString &name, size_t upTo) const
    {
        const QString to = copy(name);
        auto db = SqliteDb::open(to, SqliteDb::Mode::Create);
        QByteArray marker;
        marker.append(char(1)).append(3, char(0));   // session 1, nothing after it
        auto st = db.value()->prepare(QStringLiteral("UPDATE events SET payload = ? WHERE kind = %1").arg(int(eventcodec::Kind::Session)));
        st->bind(1, marker);
        if (!st->run())
            qFatal("attack failed");
        const auto seqs = snapshots();
        for (size_t i = 0; i < upTo && i < seqs.size(); ++i) {
            auto read = db.value()->prepare(QStringLiteral("SELECT state FROM snapshots WHERE seq = %1").arg(seqs[i]));
            read->step();
            const QByteArray old = asVersion(read->columnBlob(0), 6);
            auto write = db.value()->prepare(QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = %1").arg(seqs[i]));
            write->bind(1, old);
            if (!write->run())
                qFatal("attack failed");
        }
        return to;
    }
    static void writeBlob(const QString &store, const QString &sql, const QByteArray &blob, std::uint64_t seq)
    {
        auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
        auto st = db.value()->prepare(sql);
        st->bind(1, blob);
        st->bind(2, static_cast<std::int64_t>(seq));
        if (!st->run())
            qFatal("attack failed");
    }
};

Recording &recording()
{
    static Recording r;
    return r;
}

int runVerify(const QString &store, QString *out, const QString &city = recording().cityFile)
{
    QProcess p;
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-export"),
            {QStringLiteral("verify"), QStringLiteral("--store"), store, QStringLiteral("--city"), city});
    p.waitForFinished(60000);
    *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}
} // namespace

class TestSnapshotCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(recording().snapshots().size() >= 100); }

    void anUntouchedRecordingIsAsItsEventsMakeIt()
    {
        const auto v = recording().check(recording().path);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(size_t(v.checked), recording().snapshots().size());
        QCOMPARE(v.unreadable, 0);
        QString out;
        QCOMPARE(runVerify(recording().path, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("%1 snapshot(s) rebuilt from their events and found as recorded").arg(v.checked)), qPrintable(out));
    }

    /// The snapshots are rebuilt for the recording's city, which the caller gives: a city that cannot be read, or
    /// another city's, is a wrong call (exit 2, the chain's verdict said first), not a finding about the record. The
    /// city is asked for only after the chain: an edited event row is TAMPERED whatever city is given.
    void theRecordingsCityIsTheCallersToGive()
    {
        QString out;
        QCOMPARE(runVerify(recording().path, &out, recording().dir.filePath(QStringLiteral("no-such-city.gpkg"))), 2);
        QVERIFY2(out.contains(QLatin1String("rows chained")) && out.contains(QLatin1String("snapshots not checked:"))
                     && out.contains(QLatin1String("no-such-city.gpkg")),
                 qPrintable(out));
        QCOMPARE(runVerify(recording().path, &out, QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg")), 2);
        QVERIFY2(out.contains(QLatin1String("snapshots not checked:")) && out.contains(QLatin1String("give --city the city it records")), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("TAMPERED")), qPrintable(out));

        const QString edited = recording().copy(QStringLiteral("row-edited.store"));
        {
            auto db = SqliteDb::open(edited, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE events SET time_ms = time_ms + 1 WHERE seq = 300")).ok());
        }
        QCOMPARE(runVerify(edited, &out, recording().dir.filePath(QStringLiteral("no-such-city.gpkg"))), 1);
        QVERIFY2(out.startsWith(QLatin1String("TAMPERED:")) && out.contains(QLatin1String("first bad seq 300")), qPrintable(out));
    }

    void attacks_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<quint64>("bad");
        QTest::addColumn<QString>("named");
        Recording &r = recording();
        const auto withIncident = [](const Snapshot &s) { return !s.incidents.empty(); };
        const auto withOrder = [](const Snapshot &s) {
            return std::any_of(s.orders.orders.begin(), s.orders.orders.end(), [](const Order &o) { return o.id == kOrder; });
        };
        {
            const std::uint64_t at = r.firstWith(withIncident);
            Snapshot s = r.reader(r.path)->snapshotAt(at).value();
            const QString id = QStringLiteral("#%1").arg(s.incidents.front().id);
            QTest::newRow("an incident shown resolved") << r.edited(QStringLiteral("resolved.store"), at, [](Snapshot &x) {
                x.incidents.front().state = IncidentState::Resolved;
                x.incidents.front().resolvedMs = x.timeMs;
            }) << quint64(at) << QStringLiteral("its incident %1 is not as the events before it make it").arg(id);
            QTest::newRow("an incident removed") << r.edited(QStringLiteral("removed.store"), at, [](Snapshot &x) {
                x.incidents.erase(x.incidents.begin());
            }) << quint64(at) << QStringLiteral("it lacks incident %1").arg(id);
            QTest::newRow("an incident added") << r.edited(QStringLiteral("added.store"), at, [](Snapshot &x) {
                Incident extra = x.incidents.front();
                extra.id = 999'999;
                x.incidents.push_back(extra);
            }) << quint64(at) << QStringLiteral("it holds incident #999999, which the events before it do not");
        }
        const std::uint64_t middle = r.snapshots()[r.snapshots().size() / 2];
        const QString device = fixtureCity()->devices[3].id;
        QTest::newRow("a device's state") << r.edited(QStringLiteral("device.store"), middle, [](Snapshot &x) {
            x.states[3].online = !x.states[3].online;
        }) << quint64(middle) << QStringLiteral("its state of device %1").arg(device);
        {
            const std::uint64_t at = r.firstWith(withOrder);
            QTest::newRow("who requested an order") << r.edited(QStringLiteral("requester.store"), at, [](Snapshot &x) {
                for (Order &o : x.orders.orders)
                    if (o.id == kOrder)
                        o.requestedBy = QStringLiteral("mallory");
            }) << quint64(at) << QStringLiteral("its order %1 is not as the events before it make it").arg(kOrder);
        }
        {
            // An older snapshot's state moved over a newer one (each decodes; only its place is wrong).
            const std::uint64_t older = r.snapshots()[10], newer = r.snapshots()[40];
            auto db = SqliteDb::open(r.path, SqliteDb::Mode::ReadOnly);
            auto st = db.value()->prepare(QStringLiteral("SELECT state FROM snapshots WHERE seq = ?"));
            st->bind(1, static_cast<std::int64_t>(older));
            QVERIFY(st->step());
            const QString moved = r.copy(QStringLiteral("moved.store"));
            Recording::writeBlob(moved, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"), st->columnBlob(0), newer);
            QTest::newRow("an older snapshot moved over a newer one") << moved << quint64(newer) << QStringLiteral("is not as recorded");
        }
        {
            const std::uint64_t at = r.firstWith([&r](const Snapshot &s) {
                auto kept = r.reader(r.path)->approachesAt(s.seq);
                return kept.ok() && kept->has_value() && !kept->value().empty();
            });
            std::vector<Event> kept = r.reader(r.path)->approachesAt(at).value().value();
            std::get<TrafficPayload>(kept.front().payload).approaches.front().queueM += 120;
            const QString signal = fixtureCity()->devices[kept.front().device].id;
            const QString changed = r.copy(QStringLiteral("approaches.store"));
            Recording::writeBlob(changed, QStringLiteral("UPDATE snapshot_approaches SET approaches = ? WHERE seq = ?"),
                                 snapshotcodec::encodeApproaches(kept), at);
            QTest::newRow("an approach's queue kept beside a snapshot") << changed << quint64(at)
                                                                        << QStringLiteral("the approaches kept beside it for %1 are not the last ones recorded").arg(signal);
        }
    }

    void attacks()
    {
        QFETCH(QString, store);
        QFETCH(quint64, bad);
        QFETCH(QString, named);
        const auto v = recording().check(store);
        QVERIFY2(!v.intact, qPrintable(v.sentence));
        QCOMPARE(v.badSnapshotSeq, bad);
        QVERIFY2(v.sentence.contains(QStringLiteral("the snapshot taken after event %1 is not as recorded").arg(bad)), qPrintable(v.sentence));
        QVERIFY2(v.sentence.contains(named), qPrintable(v.sentence));
        QString out;
        QCOMPARE(runVerify(store, &out), 1);
        QVERIFY2(out.contains(QLatin1String("TAMPERED")) && out.contains(named), qPrintable(out));
    }

    /// The version byte set back to an earlier release's, so that the edited snapshot would be taken as it stands:
    /// the console's own marker, in the chain, says it writes version 7.
    void aSnapshotPassedOffAsAnEarlierReleasesIsNamed()
    {
        Recording &r = recording();
        const std::uint64_t at = r.snapshots()[50];
        Snapshot s = r.reader(r.path)->snapshotAt(at).value();
        s.states[3].online = !s.states[3].online;
        const QString store = r.copy(QStringLiteral("downgraded.store"));
        Recording::writeBlob(store, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"),
                             Recording::asVersion(snapshotcodec::encode(s), 6), at);
        const auto v = r.check(store);
        QVERIFY(!v.intact);
        QCOMPARE(v.badSnapshotSeq, at);
        QVERIFY2(v.sentence.contains(QLatin1String("in an earlier release's format (version 6), but the console that wrote it writes version 7")),
                 qPrintable(v.sentence));
    }

    /// A recording of an earlier release (markers that say nothing, version 6 snapshots): taken as it stands, not
    /// called tampered; where this release carried on after it, its snapshots are checked from the last of those.
    void anEarlierReleasesSnapshotsAreTakenAsTheyStand()
    {
        Recording &r = recording();
        const size_t all = r.snapshots().size();
        const auto before = r.check(r.earlierRelease(QStringLiteral("earlier.store"), all));
        QVERIFY2(before.intact, qPrintable(before.sentence));
        QCOMPARE(before.checked, 0);
        QCOMPARE(size_t(before.earlier), all);
        QVERIFY2(before.sentence.contains(QStringLiteral("%1 written by an earlier release, taken as they stand").arg(all)), qPrintable(before.sentence));

        // Half by an earlier release whose last snapshot someone edited (an incident added): taken as it stands, the
        // next one of this release — rebuilt from it — says so.
        const QString mixed = r.earlierRelease(QStringLiteral("mixed.store"), all / 2);
        const auto v = r.check(mixed);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(size_t(v.earlier), all / 2);
        QCOMPARE(size_t(v.checked), all - all / 2);
        const std::uint64_t lastEarlier = r.snapshots()[all / 2 - 1];
        Snapshot s = r.reader(mixed)->snapshotAt(lastEarlier).value();
        QVERIFY(!s.incidents.empty());
        Incident extra = s.incidents.front();
        extra.id = 999'999;
        s.incidents.push_back(extra);
        Recording::writeBlob(mixed, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"),
                             Recording::asVersion(snapshotcodec::encode(s), 6), lastEarlier);
        const auto edited = r.check(mixed);
        QVERIFY(!edited.intact);
        QCOMPARE(edited.badSnapshotSeq, r.snapshots()[all / 2]);
        QVERIFY2(edited.sentence.contains(QLatin1String("it lacks incident #999999")), qPrintable(edited.sentence));
    }

    /// A snapshot this release cannot read (a newer one's format, or damage) is passed over, as replay passes over it:
    /// not tampering — the events rebuild the same state — and the next ones are still checked.
    void aSnapshotThisReleaseCannotReadIsPassedOver()
    {
        Recording &r = recording();
        const std::uint64_t at = r.snapshots()[5];
        const QString store = r.copy(QStringLiteral("unreadable.store"));
        Recording::writeBlob(store, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"), QByteArray("not a snapshot"), at);
        const auto v = r.check(store);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(v.unreadable, 1);
        QCOMPARE(size_t(v.checked), r.snapshots().size() - 1);
        QVERIFY2(v.sentence.contains(QLatin1String("1 this release cannot read")), qPrintable(v.sentence));
    }

    /// Retention deleted the start: the snapshot where the kept events begin stands for what came before and is not
    /// checked; an edit after it still is.
    void afterRetentionTheFirstKeptSnapshotStandsForTheDeletedEvents()
    {
        Recording &r = recording();
        const std::uint64_t cut = r.snapshots()[20];
        const QString store = r.copy(QStringLiteral("retained.store"));
        {
            auto db = SqliteDb::open(store, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM events WHERE seq <= %1; DELETE FROM snapshots WHERE seq < %1").arg(cut)).ok());
        }
        const auto v = r.check(store);
        QVERIFY2(v.intact, qPrintable(v.sentence));
        QCOMPARE(v.anchorSeq, cut);
        QCOMPARE(size_t(v.checked), r.snapshots().size() - 21);
        QVERIFY2(v.sentence.contains(QStringLiteral("from the one after event %1").arg(cut)), qPrintable(v.sentence));

        const std::uint64_t later = r.snapshots()[30];
        Snapshot s = r.reader(store)->snapshotAt(later).value();
        s.states[3].online = !s.states[3].online;
        Recording::writeBlob(store, QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"), snapshotcodec::encode(s), later);
        const auto edited = r.check(store);
        QVERIFY(!edited.intact);
        QCOMPARE(edited.badSnapshotSeq, later);
    }

    /// The guard on snapshotcodec::kCheckableVersion: what the books make of two fixed hours of the fixture city, by the
    /// SHA-256 of the snapshot's bytes. A change to a book that makes something else of the same events changes it —
    /// then the version must go up (or a rebuild would call the snapshots of the release before edited) and the digest
    /// here be renewed with it. A change to the simulator or the fixture changes it too: then the digest alone.
    void theBooksStillMakeWhatThisSnapshotVersionMade()
    {
        Recorder rec(fixtureCity(), nullptr);
        LiveOpsLoop ops(rec, fixtureCity(), 1);   // alarms, escalations: the desk's own rules at work
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        SimParameters busy;   // incidents, lamps failing: every book has something to keep
        busy.collisionsPerHour = 12;
        busy.lampMtbfHours = 10;
        CitySimulator sim(fixtureCity(), 23, start, busy);
        DeviceIndex firstSignal = 0;
        while (fixtureCity()->devices[firstSignal].kind != DeviceKind::SignalController)
            ++firstSignal;
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1, snapshotcodec::kCheckableVersion}}};
        sim.initialState(batch);
        ops.ingest(batch);
        for (int i = 0; i < 360; ++i) {
            std::vector<Event> more;
            sim.advanceTo(sim.nowMs() + 20'000, more);
            if (i == 100)
                more.push_back(Event{0, sim.nowMs(), kNoDevice,
                                     CommandPayload{kOrder, CommandStage::Requested, CommandAction::LightDim, 40, 0, 0,
                                                    sim.nowMs() + 7200'000, QStringLiteral("olga"), QStringLiteral("storm"), {}}});
            if (i == 200)   // a signal reports flashing, then runs its program again: when each mode began is kept
                more.push_back(Event{0, sim.nowMs(), firstSignal, SignalPayload{0, 0, SignalMode::Flash, sim.nowMs() + 60'000, false}});
            ops.ingest(more);
            ops.tick(sim.nowMs());
        }
        Snapshot s;
        static_cast<CityBooks::State &>(s) = rec.books().exportState();
        QVERIFY2(s.states[firstSignal].modeSinceMs > start + 200 * 20'000, qPrintable(QString::number(s.states[firstSignal].modeSinceMs)));
        QVERIFY2(!s.incidents.empty() && !s.alarms.alarms.empty() && !s.orders.orders.empty(), qPrintable(QStringLiteral("%1 %2 %3").arg(s.incidents.size()).arg(s.alarms.alarms.size()).arg(s.orders.orders.size())));
        const QByteArray digest = QCryptographicHash::hash(qUncompress(snapshotcodec::encode(s)), QCryptographicHash::Sha256).toHex();
        QCOMPARE(int(snapshotcodec::kCheckableVersion), 7);
        QVERIFY2(digest == QByteArrayLiteral("aba7fb5de6dabee0528519ebd33678183c50f3f49aa6cfd1df3ae04534682ca3"),
                 qPrintable(QStringLiteral("the books now make %1 of the same events: if a book changed, raise "
                                           "snapshotcodec::kCheckableVersion and renew the digest with it").arg(QString::fromLatin1(digest))));
    }

    /// Retention (EventStore::retainDays) deletes a prefix ending at the newest snapshot older than its cutoff and
    /// keeps that snapshot: the events after it are all there, so a replay there is exact, the chain is intact from
    /// its anchor and every snapshot after the kept one is rebuilt and checked.
    void retentionKeepsEveryEventAfterTheSnapshotItKeeps()
    {
        QTemporaryDir dir;
        EventStoreOptions options;
        options.path = dir.filePath(QStringLiteral("retained.store"));
        options.retainDays = 0;
        const std::int64_t start = QDateTime::currentMSecsSinceEpoch() - 86'400'000 - 3'600'000;   // 25 h ago
        {
            auto store = EventStore::open(options, *fixtureCity());
            QVERIFY(store.ok());
            Recorder rec(fixtureCity(), store->get(), 500);
            CitySimulator sim(fixtureCity(), 7, start);
            std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1, snapshotcodec::kCheckableVersion}}};
            sim.initialState(batch);
            rec.process(std::move(batch));
            for (int i = 0; i < 360; ++i) {   // two hours: one before the cutoff a day ago, one after
                std::vector<Event> more;
                sim.advanceTo(sim.nowMs() + 20'000, more);
                rec.process(std::move(more));
            }
            store.value()->flush();
        }
        options.retainDays = 1;   // opened again: retention runs
        const std::int64_t cutoff = QDateTime::currentMSecsSinceEpoch() - 86'400'000;
        { QVERIFY(EventStore::open(options, *fixtureCity()).ok()); }
        auto reader = StoreReader::open(options.path, fixtureCity());
        QVERIFY(reader.ok());
        const auto range = reader.value()->range().value();
        const auto points = reader.value()->snapshotPoints().value();
        QVERIFY2(range.firstSeq > 100 && points.size() > 50, qPrintable(QStringLiteral("first %1 last %2 snapshots %3 first at %4 cutoff %5").arg(range.firstSeq).arg(range.lastSeq).arg(points.size()).arg(points.empty() ? 0 : points.front().second).arg(cutoff)));
        QCOMPARE(points.front().first, range.firstSeq - 1);   // the kept snapshot, and every event after it
        QVERIFY(points.front().second < cutoff + 5000 && points[1].second >= cutoff);   // the store took its cutoff a moment later
        const auto v = snapshotcheck::verify(*reader.value());
        QVERIFY(v.ok());
        QVERIFY2(v->intact, qPrintable(v->sentence));
        QCOMPARE(v->anchorSeq, points.front().first);
        QCOMPARE(size_t(v->checked), points.size() - 1);
        auto db = SqliteDb::open(options.path, SqliteDb::Mode::ReadOnly);
        const auto chain = recordchain::verify(*db.value(), nullptr);
        QVERIFY2(chain.ok() && chain->intact, qPrintable(chain.ok() ? chain->sentence : chain.error()));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotCheck)
#include "tst_snapshotcheck.moc"
