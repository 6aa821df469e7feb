#include "base/sqlitedb.h"
#include "storetesting.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "store/exporter.h"
#include "store/exportjob.h"
#include "store/replaysession.h"
#include "store/storeschema.h"
#include "engine/liveopsloop.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <numeric>
#include <random>
#include <cstdio>

using namespace cityops;
using namespace cityops::test;

namespace {

QByteArray sha256(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool sameDevice(const DeviceState &a, const DeviceState &b)
{
    return a.untilMs == b.untilMs && a.value == b.value && a.phase == b.phase && a.program == b.program && a.mode == b.mode
           && a.level == b.level && a.online == b.online && a.fault == b.fault && a.breakerClosed == b.breakerClosed
           && a.reported == b.reported;
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

class TestEventStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void codecRoundTrip()
    {
        const std::vector<EventPayload> payloads = {
            SignalPayload{1, 7, SignalMode::Flash, 1234567890123, true},
            LightPayload{50, false, 75.5f},
            FeederPayload{4321.25f, false},
            PresencePayload{false},
            PresencePayload{false, QStringLiteral("gateway gw-3 is gone: no heartbeat for 1.5 keep-alives")},
            IncidentRaisedPayload{99, 1700000000000, IncidentKind::FeederOverload, IncidentSeverity::Critical, {13.5, 52.4}, 2, 17},
            IncidentClearedPayload{99},
            SessionPayload{4},
            OperatorActionPayload{OperatorAction::Acknowledge, QStringLiteral("anna"), QStringLiteral("Vorfall #99 — ok")},
            TrafficPayload{{{0, 12, 15, 34, 45}, {3, 0, 1, 2, 0}}},
            TrafficPayload{},
            VehiclePayload{QStringLiteral("ambulance-2"), {13.52, 52.43}, 13.9f, 271.5f, false, 3, {{13.52, 52.43}, {13.53, 52.44}}, {{4, 7, 312.5}}},
            VehiclePayload{QStringLiteral("ambulance-1"), {13.5, 52.4}, 0, 0, true, 0, {}, {}},
            RoadTrafficPayload{{{0, 12, 4, 35}, {7, 3, 0, 90}}},
            RoadTrafficPayload{},
        };
        for (const EventPayload &p : payloads) {
            const auto kind = eventcodec::kindOf(p);
            const QByteArray blob = eventcodec::encode(p);
            const auto back = eventcodec::decode(kind, blob);
            QVERIFY2(back.ok(), qPrintable(eventcodec::kindName(kind)));
            QCOMPARE(eventcodec::encode(back.value()), blob);
            QVERIFY(!eventcodec::decode(kind, blob.left(blob.size() - 1)).ok());   // truncated
            QVERIFY(!eventcodec::decode(kind, blob + QByteArray(1, 'x')).ok());      // trailing junk
        }
        QVERIFY(!eventcodec::decode(static_cast<eventcodec::Kind>(42), QByteArray(4, 0)).ok());
        // A presence recorded before presences could name a cause (one byte) reads back as one without.
        const auto old = eventcodec::decode(eventcodec::Kind::Presence, QByteArray(1, '\0'));
        QVERIFY(old.ok());
        QVERIFY(std::get<PresencePayload>(old.value()).cause.isEmpty());
        // The cause travels in the export's (and the wire's) JSON too, and only as short text.
        const DeviceIndex lamp = 0;
        Event silent{7, 1'795'000'000'000, lamp, PresencePayload{false, QStringLiteral("traffic simulation stopped: SUMO exited")}};
        QJsonObject json = eventjson::eventToJson(silent, *fixtureCity());
        auto back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<PresencePayload>(back.value().payload).cause, QStringLiteral("traffic simulation stopped: SUMO exited"));
        QJsonObject data = json.value(QLatin1String("data")).toObject();
        data.insert(QLatin1String("cause"), 42);
        json.insert(QLatin1String("data"), data);
        QVERIFY(!eventjson::eventFromJson(json, *fixtureCity()).ok());
        data.insert(QLatin1String("cause"), QString(201, QLatin1Char('x')));
        json.insert(QLatin1String("data"), data);
        QVERIFY(!eventjson::eventFromJson(json, *fixtureCity()).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Light, QByteArray("\xff\x00\x00\x00\x00\x00", 6)).ok()); // level 255
        // Traffic: more approaches than a signal may have, an approach index out of range, occupancy over 100 % are
        // refused, in the store's bytes and in JSON.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, QByteArray(1, char(kMaxApproaches + 1))).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, eventcodec::encode(TrafficPayload{{{kMaxApproaches, 1, 1, 1, 7}}})).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, eventcodec::encode(TrafficPayload{{{0, 1, 1, 101, 7}}})).ok());
        const DeviceIndex aSignal = fixtureCity()->signals.front().device;
        Event traffic{8, 1'795'000'000'000, aSignal, TrafficPayload{{{1, 12, 15, 34, 45}}}};
        json = eventjson::eventToJson(traffic, *fixtureCity());
        back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<TrafficPayload>(back.value().payload).approaches, std::get<TrafficPayload>(traffic.payload).approaches);
        for (const char *key : {"approach", "queue", "vehicles", "occupancy_pct", "queue_m"}) {
            QJsonObject bad = json, badData = json.value(QLatin1String("data")).toObject();
            QJsonArray approaches = badData.value(QLatin1String("approaches")).toArray();
            QJsonObject a = approaches.first().toObject();
            a.insert(QLatin1String(key), -1);
            approaches[0] = a;
            badData.insert(QLatin1String("approaches"), approaches);
            bad.insert(QLatin1String("data"), badData);
            QVERIFY2(!eventjson::eventFromJson(bad, *fixtureCity()).ok(), key);
        }
        // A vehicle: its call sign is checked in the store's bytes too; in JSON it names its signals ahead by id.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Vehicle, eventcodec::encode(VehiclePayload{QStringLiteral("amb 1"), {}, 0, 0, true, 0, {}, {}})).ok());
        const VehiclePayload moving{QStringLiteral("ambulance-2"), {13.52, 52.43}, 13.9f, 271.5f, false, 3, {{13.52, 52.43}, {13.53, 52.44}}, {{0, 0, 312.5}}};
        json = eventjson::eventToJson(Event{9, 1'795'000'000'000, kNoDevice, moving}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("ahead")).toArray().first().toObject().value(QLatin1String("signal")).toString(),
                 fixtureCity()->devices[fixtureCity()->signals[0].device].id);
        back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<VehiclePayload>(back.value().payload), moving);
        QVERIFY(back.value().device == kNoDevice);

        // The roads' picture: more standing than on the road, a speed over 100 % or more roads than a report may
        // carry are refused in the store's bytes; in JSON each road is [road, vehicles, halting, speed_pct] of this city.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, eventcodec::encode(RoadTrafficPayload{{{0, 2, 3, 10}}})).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, eventcodec::encode(RoadTrafficPayload{{{0, 2, 1, 101}}})).ok());
        QByteArray tooMany;
        tooMany.append(char((kMaxRoadsReported + 1) & 0xff)).append(char((kMaxRoadsReported + 1) >> 8));
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, tooMany).ok());
        const RoadTrafficPayload roads{{{0, 12, 4, 35}, {1, 3, 0, 90}}};
        json = eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, roads}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("roads"));
        back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<RoadTrafficPayload>(back.value().payload).roads, roads.roads);
        const auto roadsWith = [&](const QJsonArray &road) {
            QJsonObject bad = json, data = json.value(QLatin1String("data")).toObject();
            data.insert(QLatin1String("roads"), QJsonArray{road});
            bad.insert(QLatin1String("data"), data);
            return eventjson::eventFromJson(bad, *fixtureCity());
        };
        QVERIFY(roadsWith(QJsonArray{0, 12, 4, 35}).ok());
        QVERIFY(!roadsWith(QJsonArray{double(fixtureCity()->roads.size()), 12, 4, 35}).ok());   // no such road
        QVERIFY(!roadsWith(QJsonArray{0, 2, 3, 35}).ok());      // more standing than on it
        QVERIFY(!roadsWith(QJsonArray{0, 2, 1, 101}).ok());     // faster than the limit's 100 %
        QVERIFY(!roadsWith(QJsonArray{0, -1, 0, 35}).ok());
        QVERIFY(!roadsWith(QJsonArray{0.5, 2, 1, 35}).ok());
        QVERIFY(!roadsWith(QJsonArray{0, "2", 1, 35}).ok());
        QVERIFY(!roadsWith(QJsonArray{0, 2, 1}).ok());
        QJsonObject asDevice = json;
        asDevice.insert(QLatin1String("device"), fixtureCity()->devices[0].id);
        QVERIFY(!eventjson::eventFromJson(asDevice, *fixtureCity()).ok());   // not a device's
    }

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
        QCOMPARE(sha256(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    /// A store with 64 KiB overwritten in the middle: refused for recording with a sentence that says damaged, not
    /// one byte written; what is intact before the damage still replays, read-only.
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
        const auto store = EventStore::open({path}, *fixtureCity());
        QVERIFY(!store.ok());
        QVERIFY2(store.error().contains(QLatin1String("damaged")) && store.error().contains(QLatin1String("not written")),
                 qPrintable(store.error()));
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
            Recorder rec(fixtureCity(), store->get());
            CitySimulator sim(fixtureCity(), 3, berlin(QDate(2026, 11, 22), QTime(6, 0)));
            std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1}}};
            sim.initialState(batch);
            sim.advanceTo(sim.nowMs() + 3600'000, batch);
            rec.process(std::move(batch));
            store.value()->flush();
            last = rec.sequencer().lastTimeMs();
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

    void exportRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("e.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        Recorder rec(fixtureCity(), store->get());
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(12, 0));
        CitySimulator sim(fixtureCity(), 8, start);
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1}},
                                 Event{0, start, kNoDevice, OperatorActionPayload{OperatorAction::SignIn, QStringLiteral("sup \"one\", two"), {}}}};
        sim.initialState(batch);
        sim.advanceTo(start + 6 * 3600'000, batch);
        rec.process(std::move(batch));
        store.value()->flush();
        auto reader = StoreReader::open(path, fixtureCity());
        QVERIFY(reader.ok());
        const std::int64_t from = start + 3600'000, to = start + 5 * 3600'000;
        std::vector<Event> original;
        QVERIFY(reader.value()->forEachEvent(from, to, [&](const Event &e) { original.push_back(e); }).ok());
        QVERIFY(original.size() > 100);

        QBuffer jsonl;
        jsonl.open(QIODevice::ReadWrite);
        const auto written = exporter::writeEventsJsonl(*reader.value(), from, to, jsonl);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error()));
        QCOMPARE(written.value(), original.size());
        const QList<QByteArray> lines = jsonl.data().split('\n');
        QCOMPARE(lines.size(), qsizetype(original.size() + 1)); // trailing newline
        for (size_t i = 0; i < original.size(); ++i) {
            const auto e = eventjson::eventFromJson(QJsonDocument::fromJson(lines[qsizetype(i)]).object(), *fixtureCity());
            QVERIFY2(e.ok(), qPrintable(e.error()));
            QCOMPARE(e->seq, original[i].seq);
            QCOMPARE(e->timeMs, original[i].timeMs);
            QCOMPARE(e->device, original[i].device);
            QCOMPARE(eventcodec::encode(e->payload), eventcodec::encode(original[i].payload));
        }

        QBuffer csv;
        csv.open(QIODevice::ReadWrite);
        QCOMPARE(exporter::writeEventsCsv(*reader.value(), from, to, csv).value(), original.size());
        QVERIFY(csv.data().startsWith("seq,time_ms,time,kind,device,data\n"));
        QCOMPARE(csv.data().count('\n'), qsizetype(original.size() + 1));

        QBuffer geo;
        geo.open(QIODevice::ReadWrite);
        const auto incidents = exporter::writeIncidentsGeoJson(*reader.value(), start, start + 6 * 3600'000, geo);
        QVERIFY(incidents.ok());
        const QJsonObject collection = QJsonDocument::fromJson(geo.data()).object();
        QCOMPARE(collection.value(QLatin1String("type")).toString(), QStringLiteral("FeatureCollection"));
        const auto features = collection.value(QLatin1String("features")).toArray();
        QCOMPARE(size_t(features.size()), incidents.value());
        QVERIFY(features.size() >= 3);
        for (const auto &f : features) {
            const auto coords = f.toObject().value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
            QVERIFY(coords[0].toDouble() > 13.5 && coords[1].toDouble() > 52.4); // lon, lat order (RFC 7946)
        }
        QVERIFY(!eventjson::eventFromJson(QJsonObject{{"seq", 1}, {"time_ms", 2}, {"kind", "bogus"}}, *fixtureCity()).ok());
        QVERIFY(!eventjson::eventFromJson(QJsonObject{{"seq", 1}, {"time_ms", 2}, {"kind", "presence"}, {"device", "nope"}},
                                         *fixtureCity()).ok());
    }

    /// GeoJSON's "resolved" is the responder's step (with who), not the moment the field cleared the cause.
    void geoJsonResolvedIsThePersonsStep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.store"));
        const std::int64_t t0 = berlin(QDate(2026, 11, 22), QTime(8, 0));
        {
            auto store = EventStore::open({path}, *fixtureCity());
            Recorder rec(fixtureCity(), store->get());
            IncidentRaisedPayload raised;
            raised.id = 5;
            raised.kind = IncidentKind::LampOutage;
            raised.position = fixtureCity()->devices[0].position;
            raised.district = 0;
            IncidentUpdatePayload resolve;
            resolve.id = 5;
            resolve.change = IncidentChange::Transition;
            resolve.state = IncidentState::Resolved;
            resolve.user = QStringLiteral("rita");
            rec.process({Event{0, t0, kNoDevice, SessionPayload{1}}, Event{0, t0 + 1000, 0, raised},
                         Event{0, t0 + 600'000, kNoDevice, resolve}, Event{0, t0 + 900'000, 0, IncidentClearedPayload{5}}});
            store.value()->flush();
        }
        auto reader = StoreReader::open(path, fixtureCity());
        QBuffer geo;
        geo.open(QIODevice::ReadWrite);
        QVERIFY(exporter::writeIncidentsGeoJson(*reader.value(), t0, t0 + 3600'000, geo).ok());
        const QJsonObject p = QJsonDocument::fromJson(geo.data()).object().value(QLatin1String("features")).toArray().at(0).toObject()
                                  .value(QLatin1String("properties")).toObject();
        QCOMPARE(p.value(QLatin1String("resolved")).toString(), eventjson::isoTime(t0 + 600'000));
        QCOMPARE(p.value(QLatin1String("resolved_by")).toString(), QStringLiteral("rita"));
        QCOMPARE(p.value(QLatin1String("cleared_in_field")).toString(), eventjson::isoTime(t0 + 900'000));

        // An export job into a folder that does not exist yet makes it, and its summary says where the files went;
        // a cancelled one leaves nothing behind.
        const QString folder = dir.filePath(QStringLiteral("Documents/reports"));
        ExportJob job{path, t0, t0 + 3600'000, folder + QStringLiteral("/events.jsonl"), folder + QStringLiteral("/incidents.geojson")};
        const auto done = job.run(fixtureCity());
        QVERIFY2(done.ok(), qPrintable(done.error()));
        QVERIFY(QFile::exists(folder + QStringLiteral("/events.jsonl")) && QFile::exists(folder + QStringLiteral("/incidents.geojson")));
        QVERIFY2(done.value().contains(folder), qPrintable(done.value()));
        ExportJob cancelled{path, t0, t0 + 3600'000, folder + QStringLiteral("/never.jsonl"), {}};
        const auto stopped = cancelled.run(fixtureCity(), [](double) { return false; });
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error(), QStringLiteral("cancelled"));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/never.jsonl")));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--writer") == 0) {
        QCoreApplication app(argc, argv);
        return runWriter(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestEventStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_eventstore.moc"
