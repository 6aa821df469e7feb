// The event store: replay equals live (devices, incidents, alarms, orders, roads, queues) at any instant; retention
// takes a snapshot's approaches with it. Sequences across sessions, a killed writer, a full disk: tst_storedurability.
// Damaged, foreign, read-only and older stores: tst_storefiles; the codecs:
// tst_eventcodec; export: tst_storeexport.
#include "base/sqlitedb.h"
#include "storetesting.h"
#include "store/replaysession.h"
#include "engine/liveopsloop.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

using namespace cityops;
using namespace cityops::test;

namespace {

bool sameDevice(const DeviceState &a, const DeviceState &b)
{
    return a.untilMs == b.untilMs && a.value == b.value && a.phase == b.phase && a.program == b.program && a.mode == b.mode
           && a.level == b.level && a.online == b.online && a.fault == b.fault && a.breakerClosed == b.breakerClosed
           && a.reported == b.reported && a.modeSinceMs == b.modeSinceMs;
}

bool sameIncidents(std::vector<Incident> a, std::vector<Incident> b)
{
    auto byId = [](const Incident &x, const Incident &y) { return x.id < y.id; };
    std::sort(a.begin(), a.end(), byId);
    std::sort(b.begin(), b.end(), byId);
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].state != b[i].state || a[i].raisedMs != b[i].raisedMs || a[i].resolvedMs != b[i].resolvedMs
            || !(a[i].position == b[i].position) || a[i].severity != b[i].severity || a[i].device != b[i].device
            || a[i].history.size() != b[i].history.size() || a[i].notes.size() != b[i].notes.size() || a[i].linked != b[i].linked
            || a[i].acknowledgedBy != b[i].acknowledgedBy || a[i].ackOverdue != b[i].ackOverdue || a[i].onSceneOverdue != b[i].onSceneOverdue
            || a[i].ackByMs != b[i].ackByMs)
            return false;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t h = 0; h < a[i].history.size(); ++h)
            if (a[i].history[h].user != b[i].history[h].user || a[i].history[h].state != b[i].history[h].state
                || a[i].history[h].timeMs != b[i].history[h].timeMs)
                return false;
    return true;
}

bool sameAlarms(std::vector<Alarm> a, std::vector<Alarm> b)
{
    auto byId = [](const Alarm &x, const Alarm &y) { return x.id < y.id; };
    std::sort(a.begin(), a.end(), byId);
    std::sort(b.begin(), b.end(), byId);
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].device != b[i].device || a[i].cause != b[i].cause || a[i].active != b[i].active
            || a[i].acknowledged != b[i].acknowledged || a[i].shelved != b[i].shelved || a[i].shelvedUntilMs != b[i].shelvedUntilMs
            || a[i].suppressed != b[i].suppressed || a[i].parent != b[i].parent || a[i].acknowledgedBy != b[i].acknowledgedBy)
            return false;
    return true;
}

bool sameOrders(const std::vector<Order> &a, const std::vector<Order> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].id != b[i].id || a[i].stage != b[i].stage || a[i].approvedBy != b[i].approvedBy || a[i].targets.size() != b[i].targets.size())
            return false;
        for (size_t t = 0; t < a[i].targets.size(); ++t)
            if (a[i].targets[t].device != b[i].targets[t].device || a[i].targets[t].stage != b[i].targets[t].stage
                || a[i].targets[t].attempt != b[i].targets[t].attempt)
                return false;
    }
    return true;
}

} // namespace

class TestEventStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void replayEqualsLiveAtRandomInstants()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error()));
        Recorder rec(fixtureCity(), store->get(), 1500);

        // Twelve simulated hours, recording the live state at 40 random instants. At each instant every event
        // with time <= t has been processed and none after, so "the state at t" is well defined.
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        CitySimulator sim(fixtureCity(), 21, start);
        std::vector<Event> initial;
        initial.push_back(Event{0, start, kNoDevice, SessionPayload{1}});
        sim.initialState(initial);
        rec.process(std::move(initial));
        QRandomGenerator rng(7);
        std::vector<std::int64_t> instants;
        for (int i = 0; i < 40; ++i)
            instants.push_back(start + static_cast<std::int64_t>(rng.bounded(12 * 3600)) * 1000 + rng.bounded(1000));
        std::sort(instants.begin(), instants.end());
        struct Recorded {
            std::int64_t t;
            std::vector<DeviceState> states;
            std::vector<Incident> incidents;
            LoadHistory::Series loads;
        };
        std::vector<Recorded> recorded;
        for (std::int64_t t : instants) {
            std::vector<Event> batch;
            sim.advanceTo(t, batch);
            rec.process(std::move(batch));
            Recorded r{t, rec.books().states().exportStates(), {}, rec.books().loads().snapshot()};
            rec.books().incidents().snapshot(r.incidents);
            recorded.push_back(std::move(r));
        }
        store.value()->flush();
        QVERIFY(store.value()->stats().snapshots > 10);
        QCOMPARE(store.value()->stats().dropped, std::uint64_t(0));

        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY2(replay.ok(), replay.ok() ? "" : qPrintable(replay.error()));
        // Seek in random order (backwards jumps, snapshot seeks and incremental steps all happen).
        std::vector<size_t> order(recorded.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(3));
        for (size_t k : order) {
            const Recorded &r = recorded[k];
            QVERIFY(replay.value()->seekNow(r.t).ok());
            const auto states = replay.value()->states().exportStates();
            for (size_t d = 0; d < states.size(); ++d)
                QVERIFY2(sameDevice(states[d], r.states[d]), qPrintable(QStringLiteral("device %1 at instant %2").arg(d).arg(k)));
            std::vector<Incident> incidents;
            replay.value()->incidents().snapshot(incidents);
            QVERIFY2(sameIncidents(incidents, r.incidents), qPrintable(QStringLiteral("incidents at instant %1").arg(k)));
            const auto loads = replay.value()->loads().snapshot();
            QCOMPARE(loads.timesMs, r.loads.timesMs);
            QCOMPARE(loads.totalKw, r.loads.totalKw);
            QCOMPARE(replay.value()->nowMs(), r.t);
        }

        // Playback runs on the wall time it is given: one second at 60x is one recorded minute; past the end of
        // the recording it stops there and pauses.
        QVERIFY(replay.value()->seekNow(instants.front()).ok());
        replay.value()->play(60.0);
        replay.value()->advancePlayback(1000);
        QCOMPARE(replay.value()->nowMs(), instants.front() + 60'000);
        replay.value()->advancePlayback(250);
        QCOMPARE(replay.value()->nowMs(), instants.front() + 75'000);
        replay.value()->pause();
        replay.value()->advancePlayback(1000);   // paused: nothing moves
        QCOMPARE(replay.value()->nowMs(), instants.front() + 75'000);
        replay.value()->play(3600.0);
        replay.value()->advancePlayback(24 * 3600'000);
        QVERIFY(!replay.value()->isPlaying());
        QCOMPARE(replay.value()->nowMs(), replay.value()->range().lastMs);
    }

    void aReplayShowsTheRoadsAsTheyWereCounted()
    {
        // The roads' pictures are recorded as they came — a district nobody counted named as such — and a replay
        // shows each from its moment, forwards and back. Measurements are not in snapshots: a seek that restores one
        // reads back the 30 s of measurements before it (a snapshot after every event here, so every
        // seek restores one after the picture and the vehicle's report).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error()));
        Recorder rec(fixtureCity(), store->get(), 1);
        const std::int64_t t0 = berlin(QDate(2026, 11, 22), QTime(17, 0));
        const RoadTrafficPayload counted{{{0, 12, 4, 35, RoadEnd::Last}, {1, 3, 0, 90}}, {}, {}};
        const RoadTrafficPayload gone{{{1, 5, 0, 80}}, {0}, {}};   // the district's gateway gone: not counted
        VehiclePayload ambulance;
        ambulance.id = QStringLiteral("amb-1");
        ambulance.position = fixtureCity()->devices.front().position;
        rec.process({Event{0, t0, kNoDevice, SessionPayload{1}}});
        rec.process({Event{0, t0 + 1000, kNoDevice, counted}});
        rec.process({Event{0, t0 + 2000, kNoDevice, ambulance}});
        const DeviceIndex signal = fixtureCity()->signals.front().device;   // a queue, reported once (unchanged since)
        rec.process({Event{0, t0 + 3000, signal, TrafficPayload{{ApproachTraffic{0, 4, 6, 30, 30}}}}});
        rec.process({Event{0, t0 + 9000, kNoDevice, SessionPayload{1}}});   // a snapshot after all of them
        rec.process({Event{0, t0 + 20'000, kNoDevice, gone}});
        rec.process({Event{0, t0 + 25'000, kNoDevice, SessionPayload{1}}});
        store.value()->flush();
        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY2(replay.ok(), replay.ok() ? "" : qPrintable(replay.error()));
        const auto roadsAt = [&](std::int64_t t) {
            TrafficBook::Roads roads;
            if (!replay.value()->seekNow(t).ok())
                return roads;
            replay.value()->books().traffic().snapshot(roads);
            return roads;
        };
        TrafficBook::Roads later = roadsAt(t0 + 30'000);
        QCOMPARE(later.roads, gone.roads);
        QCOMPARE(later.uncounted, std::vector<std::uint16_t>{0});
        TrafficBook::Roads earlier = roadsAt(t0 + 10'000);
        QCOMPARE(earlier.roads, counted.roads);
        QVERIFY(earlier.uncounted.empty());
        VehicleBook::Vehicle vehicle;
        QVERIFY(replay.value()->books().vehicles().find(QStringLiteral("amb-1"), &vehicle));
        QCOMPARE(vehicle.report.position, ambulance.position);
        // Playing forward past a snapshot keeps what it had and reads what came in between: from before the
        // ambulance's report to after the snapshot that follows it.
        QVERIFY(replay.value()->seekNow(t0 + 1500).ok());
        QVERIFY(!replay.value()->books().vehicles().find(QStringLiteral("amb-1"), &vehicle));
        QCOMPARE(roadsAt(t0 + 10'000).roads, counted.roads);
        QVERIFY(replay.value()->books().vehicles().find(QStringLiteral("amb-1"), &vehicle));
        // A jump forward from long before a snapshot does not keep what it had: from after the queue's report to
        // after the snapshot following the second picture, 138 s of recording later, the queue is shown as the
        // console held it then (kept beside the snapshot), not as read back.
        rec.process({Event{0, t0 + 140'000, kNoDevice, SessionPayload{1}}});
        rec.process({Event{0, t0 + 141'000, kNoDevice, counted}});
        rec.process({Event{0, t0 + 142'000, kNoDevice, SessionPayload{1}}});
        store.value()->flush();
        auto jumping = ReplaySession::open(fixtureCity(), path);
        QVERIFY(jumping.ok() && jumping.value()->seekNow(t0 + 5000).ok());
        std::vector<TrafficBook::Signal> queues;
        jumping.value()->books().traffic().snapshot(queues);
        QCOMPARE(queues.front().timeMs, t0 + 3000);
        QVERIFY(jumping.value()->seekNow(t0 + 143'000).ok());
        TrafficBook::Roads jumped;
        jumping.value()->books().traffic().snapshot(jumped);
        QCOMPARE(jumped.timeMs, t0 + 141'000);
        jumping.value()->books().traffic().snapshot(queues);
        QCOMPARE(queues.front().timeMs, t0 + 3000);   // measured then, unchanged since
        QVERIFY(!jumping.value()->books().vehicles().find(QStringLiteral("amb-1"), &vehicle));   // 141 s silent
        // Only 30 s back: a seek long after the last picture shows none.
        rec.process({Event{0, t0 + 200'000, kNoDevice, SessionPayload{1}}});   // 59 s after the last picture
        store.value()->flush();
        auto reopened = ReplaySession::open(fixtureCity(), path);
        QVERIFY(reopened.ok() && reopened.value()->seekNow(t0 + 200'000).ok());
        TrafficBook::Roads none;
        reopened.value()->books().traffic().snapshot(none);
        QCOMPARE(none.timeMs, std::int64_t(0));
    }

    void aReplaySaysWhereTheRecordMissesEvents()
    {
        // Events 101–399 and 450–459 never reached the file (the writer's queue was full: dropped and counted, their
        // numbers left out), the second gap inside one group. The writer marks each where it is; a replay says it in
        // its log at that place, once, whether it plays across it or seeks past it, and its timeline holds it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gaps.store"));
        const std::int64_t t0 = berlin(QDate(2026, 11, 22), QTime(17, 0));
        const auto selected = [t0](std::uint64_t seq) {
            return Event{seq, t0 + static_cast<std::int64_t>(seq) * 1000, kNoDevice,
                         OperatorActionPayload{OperatorAction::Select, QStringLiteral("olga"), QString::number(seq)}};
        };
        {
            auto store = EventStore::open({path}, *fixtureCity());
            QVERIFY(store.ok());
            std::vector<Event> before, after;
            for (std::uint64_t seq = 1; seq <= 100; ++seq)
                before.push_back(selected(seq));
            for (std::uint64_t seq = 400; seq < 500; ++seq)
                if (seq < 450 || seq >= 460)
                    after.push_back(selected(seq));
            store.value()->append(before);
            store.value()->flush();
            store.value()->append(after);
            store.value()->flush();
        }
        const auto markers = fixtureReader(path)->markers(0, std::numeric_limits<std::int64_t>::max());
        QVERIFY(markers.ok());
        std::vector<StoreReader::Marker> gaps;
        for (const StoreReader::Marker &m : markers.value())
            if (m.isGap())
                gaps.push_back(m);
        QCOMPARE(gaps.size(), size_t(2));
        QCOMPARE(gaps[0].seq, std::uint64_t(101));
        QCOMPARE(gaps[0].ref, std::int64_t(299));
        QCOMPARE(gaps[0].timeMs, t0 + 100'000);   // from the last event recorded before it
        QCOMPARE(gaps[0].label, QStringLiteral("unrecorded 299 events over 300000 ms"));
        QCOMPARE(gaps[1].seq, std::uint64_t(450));
        QCOMPARE(gaps[1].label, QStringLiteral("unrecorded 10 events over 11000 ms"));

        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY(replay.ok());
        const ReplaySession::Timeline timeline = replay.value()->timeline();
        QCOMPARE(std::count_if(timeline.markers.begin(), timeline.markers.end(), [](const StoreReader::Marker &m) { return m.isGap(); }), 2);
        // The log's gap lines, each with the seq of the entry before it.
        const auto gapsLogged = [&] {
            std::vector<ActivityLog::Entry> log;
            replay.value()->books().activity().snapshot(log);
            std::vector<std::pair<std::uint64_t, std::uint64_t>> said;   // (gap's seq, seq of the line before it)
            for (size_t i = 0; i < log.size(); ++i)
                if (log[i].text.startsWith(QLatin1String("unrecorded ")))
                    said.emplace_back(log[i].seq, i > 0 ? log[i - 1].seq : 0);
            return said;
        };
        using Said = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
        QVERIFY(replay.value()->seekNow(t0 + 480'000).ok());   // sought past both
        QCOMPARE(gapsLogged(), (Said{{101, 100}, {450, 449}}));
        QVERIFY(replay.value()->seekNow(t0 + 50'000).ok());    // back before them: not said
        QCOMPARE(gapsLogged(), Said{});
        QVERIFY(replay.value()->seekNow(t0 + 405'000).ok());   // played across the first
        QCOMPARE(gapsLogged(), (Said{{101, 100}}));
        QVERIFY(replay.value()->seekNow(t0 + 455'000).ok());   // at the second's first missing moment: not yet across
        QCOMPARE(gapsLogged(), (Said{{101, 100}}));
        QVERIFY(replay.value()->seekNow(t0 + 470'000).ok());   // across it
        QCOMPARE(gapsLogged(), (Said{{101, 100}, {450, 449}}));

        // Nothing recorded before the first events written: the gap is known from 1, at the first event's time.
        QCOMPARE(recordgap::find(0, 0, {selected(5), selected(6)}), (std::vector<recordgap::Gap>{{1, 4, t0 + 5000, t0 + 5000}}));
        QVERIFY(recordgap::find(4, t0, {selected(5), selected(6)}).empty());
        QVERIFY(!recordgap::read(QStringLiteral("unrecorded many events over 3 ms")));
    }

    void aReplayShowsAQueueReportedLongBeforeAsTheConsoleHeldIt()
    {
        // A signal's approaches are reported only when they change: a quiet one stands for minutes. The store keeps
        // each signal's figures beside a snapshot, so a seek shows them as the live console did, however long ago
        // they were measured — and shows none once the signal went silent. A recording without them (made before
        // they were kept), or with them damaged, is read back as before: 30 s of reports.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("quiet.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error()));
        Recorder rec(fixtureCity(), store->get(), 1);   // a snapshot after every event
        const std::int64_t t0 = berlin(QDate(2026, 12, 5), QTime(3, 0));
        const DeviceIndex signal = fixtureCity()->signals.front().device;
        const TrafficPayload queue{{ApproachTraffic{0, 2, 3, 12, 10}}};
        rec.process({Event{0, t0, kNoDevice, SessionPayload{1}}});
        rec.process({Event{0, t0 + 1000, signal, queue}});
        rec.process({Event{0, t0 + 300'000, kNoDevice, SessionPayload{1}}});   // five quiet minutes
        rec.process({Event{0, t0 + 390'000, signal, queue}});
        rec.process({Event{0, t0 + 400'000, signal, PresencePayload{false, QStringLiteral("cabinet lost")}}});
        rec.process({Event{0, t0 + 500'000, kNoDevice, SessionPayload{1}}});
        store.value()->flush();
        const auto measuredAt = [&](std::int64_t t) -> std::optional<std::int64_t> {
            auto replay = ReplaySession::open(fixtureCity(), path);   // a fresh one: every seek restores a snapshot
            if (!replay.ok() || !replay.value()->seekNow(t).ok())
                return std::nullopt;
            std::vector<TrafficBook::Signal> signals;
            replay.value()->books().traffic().snapshot(signals);
            const TrafficBook::Signal &s = signals[size_t(fixtureCity()->devices[signal].detail)];
            if (s.timeMs != 0 && !(s.approaches == queue.approaches))
                return -1;   // figures other than those reported
            return s.timeMs;
        };
        QCOMPARE(measuredAt(t0 + 301'000), std::optional<std::int64_t>(t0 + 1000));
        // Silent since: no figures — also within 30 s of its last report, which a read-back would have found.
        QCOMPARE(measuredAt(t0 + 401'000), std::optional<std::int64_t>(0));
        QCOMPARE(measuredAt(t0 + 501'000), std::optional<std::int64_t>(0));
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE snapshot_approaches SET approaches = x'0000ffff00'")).ok());
        }
        QCOMPARE(measuredAt(t0 + 301'000), std::optional<std::int64_t>(0));           // damaged: read back, too old
        QCOMPARE(measuredAt(t0 + 20'000), std::optional<std::int64_t>(t0 + 1000));    // read back, within 30 s
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE snapshot_approaches")).ok());
        }
        QCOMPARE(measuredAt(t0 + 301'000), std::optional<std::int64_t>(0));           // recorded before: the same
        QCOMPARE(measuredAt(t0 + 20'000), std::optional<std::int64_t>(t0 + 1000));
        // The console writing to it again adds the table, and its next snapshots keep the figures.
        store.value().reset();
        auto again = EventStore::open({path}, *fixtureCity());
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error()));
        Recorder more(fixtureCity(), again->get(), 1);
        more.process({Event{0, t0 + 600'000, signal, queue}});
        more.process({Event{0, t0 + 900'000, kNoDevice, SessionPayload{1}}});
        again.value()->flush();
        QCOMPARE(measuredAt(t0 + 901'000), std::optional<std::int64_t>(t0 + 600'000));
    }

    void retentionDeletesTheApproachesWithTheirSnapshots()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("retained.store"));
        const DeviceIndex signal = fixtureCity()->signals.front().device;
        const std::int64_t recent = QDateTime::currentMSecsSinceEpoch() - 3'600'000, old = recent - 40LL * 86'400'000;
        {
            auto store = EventStore::open({path}, *fixtureCity());   // keeps 30 days
            QVERIFY(store.ok());
            Recorder rec(fixtureCity(), store->get(), 1);
            for (int i = 0; i < 5; ++i)
                rec.process({Event{0, old + i * 1000, signal, TrafficPayload{{ApproachTraffic{0, 2, 3, 12, 10}}}}});
            for (int i = 0; i < 3; ++i)
                rec.process({Event{0, recent + i * 1000, kNoDevice, SessionPayload{1}}});
            store.value()->flush();
        }
        const auto count = [&](const char *sql) {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
            auto st = db.value()->prepare(QString::fromLatin1(sql));
            return st && st->step() ? st->columnInt(0) : -1;
        };
        QCOMPARE(count("SELECT count(*) FROM snapshot_approaches"), 8LL);
        { auto next = EventStore::open({path}, *fixtureCity()); QVERIFY(next.ok()); }   // retention, as the next session begins
        QCOMPARE(count("SELECT count(*) FROM snapshots"), 4LL);   // the last old one stays: the events after it need it
        QCOMPARE(count("SELECT count(*) FROM snapshot_approaches"), 4LL);
        QCOMPARE(count("SELECT count(*) FROM snapshot_approaches WHERE seq NOT IN (SELECT seq FROM snapshots)"), 0LL);
    }

    void aSnapshotsApproachesAreReadForThisCityOnly()
    {
        const DeviceIndex signal = fixtureCity()->signals.front().device;
        const std::vector<Event> approaches{Event{0, 1'795'000'000'000, signal, TrafficPayload{{ApproachTraffic{0, 2, 3, 12, 10}}}}};
        const QByteArray blob = snapshotcodec::encodeApproaches(approaches);
        auto back = snapshotcodec::decodeApproaches(blob, *fixtureCity());
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back.value().size(), size_t(1));
        QCOMPARE(back.value().front().device, signal);
        QCOMPARE(back.value().front().timeMs, std::int64_t(1'795'000'000'000));
        QCOMPARE(std::get<TrafficPayload>(back.value().front().payload).approaches, std::get<TrafficPayload>(approaches.front().payload).approaches);
        // Not a signal of this city, a device it does not have, a cut blob, a claim of gigabytes: refused.
        const auto &devices = fixtureCity()->devices;
        const DeviceIndex notASignal = DeviceIndex(std::find_if(devices.begin(), devices.end(), [](const DeviceInfo &d) {
                                                       return d.kind != DeviceKind::SignalController;
                                                   }) - devices.begin());
        QVERIFY(notASignal < devices.size());
        QVERIFY(!snapshotcodec::decodeApproaches(snapshotcodec::encodeApproaches({Event{0, 1, notASignal, TrafficPayload{}}}), *fixtureCity()).ok());
        QVERIFY(!snapshotcodec::decodeApproaches(snapshotcodec::encodeApproaches({Event{0, 1, DeviceIndex(fixtureCity()->devices.size()), TrafficPayload{}}}),
                                                 *fixtureCity()).ok());
        QVERIFY(!snapshotcodec::decodeApproaches(qCompress(qUncompress(blob).chopped(1)), *fixtureCity()).ok());
        QVERIFY(!snapshotcodec::decodeApproaches(QByteArray("\x7f\xff\xff\xff", 4) + blob.mid(4), *fixtureCity()).ok());
    }

    void opsReplayEqualsLive()
    {
        // Three simulated hours with people at work: incidents acknowledged, alarms shelved, orders issued,
        // approved, confirmed by the simulated devices and restored. Replay at any instant must show exactly the
        // incident histories, alarms, orders and reservations live had then (snapshots included).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ops.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY(store.ok());
        Recorder rec(fixtureCity(), store->get(), 400);
        LiveOpsLoop driver(rec, fixtureCity(), store.value()->session());
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(16, 0));
        SimParameters params;
        params.lampMtbfHours = 20;          // plenty of alarms
        params.collisionsPerHour = 4;
        CitySimulator sim(fixtureCity(), 5, start, params);
        std::vector<Event> initial{Event{0, start, kNoDevice, SessionPayload{store.value()->session()}}};
        sim.initialState(initial);
        driver.ingest(initial);

        const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}};
        const Actor sven{QStringLiteral("sven"), {Role::Supervisor}, {}};
        const CityModel &city = *fixtureCity();
        std::vector<DeviceIndex> lamps;
        for (const StreetlightInfo &l : city.streetlights)
            if (lamps.size() < 6)
                lamps.push_back(l.device);
        const DeviceIndex signal = city.signals.front().device;
        std::uint32_t dimOrder = 0, flashOrder = 0;
        struct Recorded {
            std::int64_t t;
            std::vector<Incident> incidents;
            std::vector<Alarm> alarms;
            std::vector<Order> orders;
            std::vector<std::pair<DeviceIndex, std::uint32_t>> reservations;
        };
        std::vector<Recorded> recorded;
        for (int step = 1; step <= 360; ++step) {
            const std::int64_t t = start + step * 30'000LL + (step % 7) * 113;
            std::vector<Event> batch;
            sim.advanceTo(t, batch);
            driver.ingest(batch);
            if (step % 30 == 0) {   // acknowledge the oldest new incident
                std::vector<Incident> open;
                rec.books().incidents().snapshot(open);
                for (const Incident &i : open)
                    if (i.state == IncidentState::New) {
                        QVERIFY(driver.request(olga, request::TransitionIncident{i.id, IncidentState::Acknowledged, QStringLiteral("seen")}, t).ok());
                        break;
                    }
            }
            if (step == 40) {
                OrderSpec dim;
                for (DeviceIndex d : lamps)
                    dim.targets.push_back({d, CommandAction::LightDim, 30, 0, 0});
                const auto r = driver.request(olga, request::IssueOrder{dim}, t);
                QVERIFY2(r.ok(), qPrintable(r.error()));
                dimOrder = r->ref;
            }
            if (step == 60) {
                OrderSpec flash;
                flash.workflow = WorkflowKind::FlashAndDispatch;
                flash.targets.push_back({signal, CommandAction::SignalFlash, 0, 0, 0});
                const auto r = driver.request(olga, request::IssueOrder{flash}, t);
                QVERIFY(r.ok());
                flashOrder = r->ref;
            }
            if (step == 62)
                QVERIFY(driver.request(sven, request::DecideOrder{flashOrder, true, QStringLiteral("ok"), {}}, t).ok());
            if (step == 100) {
                std::vector<Alarm> alarms;
                rec.books().alarms().snapshot(alarms);
                if (!alarms.empty())
                    QVERIFY(driver.request(olga, request::ShelveAlarms{{alarms.front().id}, 20 * 60'000}, t).ok());
                if (alarms.size() > 1)
                    QVERIFY(driver.request(olga, request::AcknowledgeAlarms{{alarms.back().id}}, t).ok());
            }
            if (step == 140)
                QVERIFY(driver.request(olga, request::RestoreOrder{dimOrder, {}}, t).ok());
            driver.tick(t);
            for (const DeviceCommand &c : driver.takeCommands())
                sim.command(c);
            if (step % 9 == 0) {
                Recorded r{t, {}, {}, {}, rec.books().orders().reservations()};
                rec.books().incidents().snapshot(r.incidents);
                rec.books().alarms().snapshot(r.alarms);
                rec.books().orders().snapshot(r.orders);
                std::sort(r.reservations.begin(), r.reservations.end());
                recorded.push_back(std::move(r));
            }
        }
        store.value()->flush();
        // The story happened: orders confirmed, a field-work incident dispatched, alarms raised.
        QCOMPARE(rec.books().orders().find(dimOrder)->count(CommandStage::Confirmed) + rec.books().orders().find(dimOrder)->count(CommandStage::Rejected), int(lamps.size()));
        QCOMPARE(rec.books().orders().find(flashOrder)->stage, CommandStage::Finished);
        QVERIFY(store.value()->stats().snapshots > 5);
        std::vector<Alarm> finalAlarms;
        rec.books().alarms().snapshot(finalAlarms);
        QVERIFY(!finalAlarms.empty() || rec.books().alarms().lastId() > 0);

        // And the instants compared are not empty ones.
        int withAlarms = 0, withOrders = 0, withHistory = 0, withReservations = 0;
        for (const Recorded &r : recorded) {
            withAlarms += !r.alarms.empty();
            withOrders += !r.orders.empty();
            withReservations += !r.reservations.empty();
            withHistory += std::any_of(r.incidents.begin(), r.incidents.end(), [](const Incident &i) { return i.history.size() > 1; });
        }
        QVERIFY2(withAlarms > 10 && withOrders > 10 && withHistory > 10,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(withAlarms).arg(withOrders).arg(withHistory)));
        Q_UNUSED(withReservations);

        auto replay = ReplaySession::open(fixtureCity(), path);
        QVERIFY(replay.ok());
        std::vector<size_t> order(recorded.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(9));
        for (size_t k : order) {
            const Recorded &r = recorded[k];
            QVERIFY(replay.value()->seekNow(r.t).ok());
            std::vector<Incident> incidents;
            replay.value()->incidents().snapshot(incidents);
            QVERIFY2(sameIncidents(incidents, r.incidents), qPrintable(QStringLiteral("incidents at %1").arg(k)));
            std::vector<Alarm> alarms;
            replay.value()->alarms().snapshot(alarms);
            QVERIFY2(sameAlarms(alarms, r.alarms), qPrintable(QStringLiteral("alarms at %1").arg(k)));
            std::vector<Order> orders;
            replay.value()->orders().snapshot(orders);
            QVERIFY2(sameOrders(orders, r.orders), qPrintable(QStringLiteral("orders at %1").arg(k)));
            auto reservations = replay.value()->orders().reservations();
            std::sort(reservations.begin(), reservations.end());
            QCOMPARE(reservations, r.reservations);
        }
    }
};

QTEST_GUILESS_MAIN(TestEventStore)

#include "tst_eventstore.moc"
