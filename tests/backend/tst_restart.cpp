// A restart remembers (issue 16, item 3): act at the console, stop it without a goodbye after its last write,
// start again on the same store — open incidents with their steps, alarm shelves and service states and open orders
// are back exactly as replay shows them at that instant, and the new process takes up the orders.

#include "engine/engine.h"
#include "engine/liveopsloop.h"
#include "sim/citysimulator.h"
#include "store/carryover.h"
#include "store/eventstore.h"
#include "store/replaysession.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"
#include "storetesting.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}};
const Actor sven{QStringLiteral("sven"), {Role::Supervisor}, {}};

std::vector<Incident> incidentsOf(const CityBooks &books)
{
    std::vector<Incident> v;
    books.incidents().snapshot(v);
    return v;
}
std::vector<Alarm> alarmsOf(const CityBooks &books)
{
    std::vector<Alarm> v;
    books.alarms().snapshot(v);
    return v;
}
std::vector<Order> ordersOf(const CityBooks &books)
{
    std::vector<Order> v;
    books.orders().snapshot(v);
    return v;
}

/// What a person sees of an incident, alarm or order (versions are the books' own counters and differ).
QString describe(const Incident &i)
{
    QStringList steps;
    for (const auto &h : i.history)
        steps << QStringLiteral("%1@%2 %3 %4").arg(int(h.state)).arg(h.timeMs).arg(h.user, h.text);
    return QStringLiteral("#%1 %2 %3 [%4]").arg(i.id).arg(int(i.state)).arg(i.district).arg(steps.join(QLatin1Char('|')));
}
QString describe(const Alarm &a)
{
    return QStringLiteral("%1 d%2 c%3 active%4 ack%5 shelved%6@%7 oos%8").arg(a.id).arg(a.device).arg(int(a.cause)).arg(a.active)
        .arg(a.acknowledged).arg(a.shelved).arg(a.shelvedUntilMs).arg(a.outOfService);
}
QString describe(const Order &o)
{
    QStringList targets;
    for (const OrderTarget &t : o.targets)
        targets << QStringLiteral("%1:%2").arg(t.device).arg(int(t.stage));
    return QStringLiteral("%1 %2 by %3 [%4]").arg(o.id).arg(int(o.stage)).arg(o.requestedBy, targets.join(QLatin1Char(',')));
}
template <typename T> QStringList describeAll(const std::vector<T> &items)
{
    QStringList out;
    for (const T &i : items)
        out << describe(i);
    return out;
}

} // namespace

class TestRestart : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aRestartCarriesOnWhereTheRecordingEnds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.store"));
        const auto city = fixtureCity();
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(18, 0));
        SimParameters params;
        params.lampMtbfHours = 10;   // alarms to shelve
        params.collisionsPerHour = 6;
        std::uint32_t shelved = 0, outOfService = 0, waiting = 0, underWay = 0;
        IncidentId acknowledged = 0, fieldWork = 0;
        std::int64_t end = 0;
        QStringList before[3];
        {
            // The first run: an hour of the city with people at work.
            auto store = EventStore::open({path}, *city);
            QVERIFY(store.ok());
            Recorder rec(city, store->get(), 500);
            LiveOpsLoop driver(rec, city, store.value()->session());
            CitySimulator sim(city, 11, start, params);
            std::vector<Event> initial{Event{0, start, kNoDevice, SessionPayload{store.value()->session()}}};
            sim.initialState(initial);
            driver.ingest(initial);
            std::int64_t t = start;
            for (int step = 1; step <= 120; ++step) {
                t = start + step * 30'000LL;
                std::vector<Event> batch;
                sim.advanceTo(t, batch);
                driver.ingest(batch);
                driver.tick(t);
                for (const DeviceCommand &c : driver.takeCommands())
                    Q_UNUSED(c);   // the field never answers this run's commands: they stay under way
            }
            for (const Incident &i : incidentsOf(rec.books()))
                if (i.isOpen() && i.state == IncidentState::New && !acknowledged) {
                    QVERIFY(driver.request(olga, request::TransitionIncident{i.id, IncidentState::Acknowledged, QStringLiteral("seen")}, t).ok());
                    acknowledged = i.id;
                }
            QVERIFY2(acknowledged, "the hour raised no incident to acknowledge");
            const DeviceIndex signal = city->signals.front().device;
            auto report = driver.request(olga, request::ReportIncident{city->devices[signal].position, IncidentSeverity::Major,
                                                                       QStringLiteral("crew at the junction"), signal}, t);
            QVERIFY2(report.ok(), qPrintable(report.error()));
            fieldWork = IncidentId(report.value().ref);
            std::vector<Alarm> alarms = alarmsOf(rec.books());
            QVERIFY2(alarms.size() >= 2, "the hour raised fewer than two alarms");
            shelved = alarms[0].id;
            outOfService = alarms[1].id;
            QVERIFY(driver.request(olga, request::ShelveAlarms{{shelved}, 2 * 3600'000}, t).ok());
            QVERIFY(driver.request(sven, request::SetAlarmService{outOfService, false}, t).ok());
            OrderSpec flash;   // high risk: waits for a second person
            flash.description = QStringLiteral("flash for the crew");
            flash.targets.push_back({signal, CommandAction::SignalFlash, 0, 0, 0});
            auto w = driver.request(olga, request::IssueOrder{flash}, t);
            QVERIFY(w.ok());
            waiting = w.value().ref;
            OrderSpec dim;     // goes at once, and the field does not answer before the "crash"
            dim.description = QStringLiteral("dim");
            dim.targets.push_back({city->streetlights[0].device, CommandAction::LightDim, 40, 0, 0});
            dim.targets.push_back({city->streetlights[1].device, CommandAction::LightDim, 40, 0, 0});
            auto u = driver.request(olga, request::IssueOrder{dim}, t);
            QVERIFY(u.ok());
            underWay = u.value().ref;
            t += 1000;
            driver.tick(t);
            QCOMPARE(rec.books().orders().find(underWay)->count(CommandStage::Sent), 2);
            end = t;
            before[0] = describeAll(incidentsOf(rec.books()));
            before[1] = describeAll(alarmsOf(rec.books()));
            before[2] = describeAll(ordersOf(rec.books()));
            // The process ends here without closing anything ("kill -9" after the store's last commit).
            store.value()->flush();
        }

        // Started again on the same store: the engine's books are what replay shows at the recording's end, and what
        // the first run showed when it stopped.
        {
            auto store = EventStore::open({path}, *city);
            QVERIFY(store.ok());
            Engine engine(city);
            engine.attachStore(std::move(store).value());
            auto replay = ReplaySession::open(city, path);
            QVERIFY(replay.ok());
            QVERIFY(replay.value()->seekNow(engine.store()->lastTimeMs()));
            QCOMPARE(describeAll(incidentsOf(engine.books())), describeAll(incidentsOf(replay.value()->books())));
            QCOMPARE(describeAll(alarmsOf(engine.books())), describeAll(alarmsOf(replay.value()->books())));
            QCOMPARE(describeAll(ordersOf(engine.books())), describeAll(ordersOf(replay.value()->books())));
            QCOMPARE(describeAll(incidentsOf(engine.books())), before[0]);
            QCOMPARE(describeAll(alarmsOf(engine.books())), before[1]);
            QCOMPARE(describeAll(ordersOf(engine.books())), before[2]);
            const auto ack = engine.books().incidents().find(acknowledged);
            QVERIFY(ack && ack->state == IncidentState::Acknowledged);   // not "New / ACK OVERDUE" under a new number
            QVERIFY(engine.books().incidents().find(fieldWork) && engine.books().incidents().find(fieldWork)->isOpen());
        }

        // The new process runs: its session marker, the field's first reports, and the dispatcher's take-up.
        auto store = EventStore::open({path}, *city);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->session(), 3u);   // the look above opened it too
        Recorder rec(city, store->get(), 500);
        QVERIFY(carryOver(city, *store.value(), rec.books()).ok());
        LiveOpsLoop driver(rec, city, store.value()->session());
        const std::uint64_t restartSeq = store.value()->lastSeq();
        const std::int64_t restart = end + 60'000;
        params.carriedIncidents = {};
        CitySimulator sim(city, 12, restart, params);
        std::vector<Event> initial{Event{0, restart, kNoDevice, SessionPayload{store.value()->session()}}};
        sim.initialState(initial);
        driver.ingest(initial);
        // Incidents and alarm states came through the marker; device states were reported afresh.
        QCOMPARE(rec.books().incidents().find(acknowledged)->state, IncidentState::Acknowledged);
        QVERIFY(rec.books().incidents().find(fieldWork)->isOpen());
        QVERIFY(rec.books().alarms().find(outOfService) && rec.books().alarms().find(outOfService)->outOfService);
        if (const auto s = rec.books().alarms().find(shelved))   // still shelved unless its lamp came back meanwhile
            QVERIFY(s->shelved);
        // The order waiting for approval waits here too, and a supervisor of the new session can approve it.
        QCOMPARE(rec.books().orders().find(waiting)->stage, CommandStage::AwaitingApproval);
        QVERIFY(!driver.request(olga, request::DecideOrder{waiting, true, {}, {}}, restart).ok());   // still not the requester
        auto approved = driver.request(sven, request::DecideOrder{waiting, true, QStringLiteral("crew is there"), {}}, restart);
        QVERIFY2(approved.ok(), qPrintable(approved.error()));
        // The order under way got one honest result per target, and released its lamps.
        const auto dim = rec.books().orders().find(underWay);
        QVERIFY(dim->finished());
        QCOMPARE(dim->count(CommandStage::TimedOut), 2);
        QVERIFY(dim->targets[0].reason.contains(QLatin1String("check the device")));
        QCOMPARE(rec.books().orders().reservedBy(city->streetlights[0].device), 0u);
        // ... and a new order on them is taken.
        OrderSpec again;
        again.description = QStringLiteral("dim again");
        again.targets.push_back({city->streetlights[0].device, CommandAction::LightDim, 40, 0, 0});
        QVERIFY(driver.request(olga, request::IssueOrder{again}, restart).ok());
        // Replay of the whole store shows the same across the restart.
        store.value()->flush();
        auto replay = ReplaySession::open(city, path);
        QVERIFY(replay.ok());
        QVERIFY(replay.value()->seekNow(store.value()->lastTimeMs()));
        QCOMPARE(describeAll(ordersOf(replay.value()->books())), describeAll(ordersOf(rec.books())));
        QCOMPARE(describeAll(incidentsOf(replay.value()->books())), describeAll(incidentsOf(rec.books())));

        // Every snapshot — the first run's with people at work, and the restarted run's, carried on from it — is what
        // the events before it make: what cityops-export verify checks holds across a restart.
        for (int step = 1; step <= 20; ++step) {
            std::vector<Event> batch;
            sim.advanceTo(restart + step * 30'000LL, batch);
            driver.ingest(batch);
            driver.tick(restart + step * 30'000LL);
        }
        store.value()->flush();
        auto reader = StoreReader::open(path, city);
        QVERIFY(reader.ok());
        auto snapshots = snapshotcheck::verify(*reader.value());
        QVERIFY2(snapshots.ok(), qPrintable(snapshots.error()));
        QVERIFY2(snapshots->intact, qPrintable(snapshots->sentence));
        const auto points = reader.value()->snapshotPoints();
        QVERIFY(points.ok() && points->size() > 100 && points->back().first > restartSeq);
        QCOMPARE(size_t(snapshots->checked), points->size());
    }

    void theSimulatedFieldClearsWhatItLeftOpen()
    {
        const auto city = fixtureCity();
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(18, 0));
        SimParameters params;
        params.collisionsPerHour = 0;
        params.carriedIncidents = {41, 42};
        CitySimulator sim(city, 3, start, params);
        std::vector<Event> out;
        sim.initialState(out);
        sim.advanceTo(start + 61 * 60'000, out);
        QList<IncidentId> cleared;
        for (const Event &e : out)
            if (const auto *c = std::get_if<IncidentClearedPayload>(&e.payload))
                cleared << c->id;
        QVERIFY(cleared.contains(41));
        QVERIFY(cleared.contains(42));
    }

    void ownOrdersOfEarlierSessionsOnly()
    {
        const auto city = fixtureCity();
        CityBooks books(city);
        const auto context = [&](std::uint32_t session, std::uint32_t salt) {
            return DeskContext{*city, books.states(), books.incidents(), books.alarms(), books.orders(), session, salt};
        };
        const DeskContext third = context(3, 0);
        QVERIFY(third.issuedEarlier(context(1, 0).idBase() + 5));
        QVERIFY(third.issuedEarlier(context(2, 0).idBase() + 5));
        QVERIFY(!third.issuedEarlier(third.idBase() + 5));           // this session's own
        QVERIFY(!third.issuedEarlier(context(7, 0).idBase() + 5));   // a later session: not ours to take up
        // On a broker, another console's salt makes its ids someone else's.
        const DeskContext salted = context(3, 0x5a5);
        QVERIFY(salted.issuedEarlier(context(2, 0x5a5).idBase() + 1));
        QVERIFY(!salted.issuedEarlier(context(2, 0x111).idBase() + 1));
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "tst_restart.moc"
