#include "storetesting.h"
#include "state/statestore.h"
#include "sim/citysimulator.h"
#include "sim/roadcount.h"
#include "sim/solar.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

using namespace cityops;
using namespace cityops::test;

namespace {

/// A stable text form of an event, to compare whole streams.
QString describe(const Event &e)
{
    QString payload = std::visit(
        [](const auto &p) -> QString {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SignalPayload>)
                return QStringLiteral("sig %1 %2 %3").arg(p.phase).arg(int(p.mode)).arg(p.nextSwitchMs);
            else if constexpr (std::is_same_v<T, LightPayload>)
                return QStringLiteral("light %1 %2").arg(p.level).arg(p.lampFault);
            else if constexpr (std::is_same_v<T, FeederPayload>)
                return QStringLiteral("feeder %1").arg(double(p.loadKw), 0, 'f', 3);
            else if constexpr (std::is_same_v<T, PresencePayload>)
                return QStringLiteral("presence %1").arg(p.online);
            else if constexpr (std::is_same_v<T, IncidentRaisedPayload>)
                return QStringLiteral("raised %1 %2 %3 %4,%5").arg(p.id).arg(int(p.kind)).arg(int(p.severity))
                    .arg(p.position.lon, 0, 'f', 7).arg(p.position.lat, 0, 'f', 7);
            else if constexpr (std::is_same_v<T, IncidentClearedPayload>)
                return QStringLiteral("cleared %1").arg(p.id);
            else
                return QStringLiteral("other");
        },
        e.payload);
    return QStringLiteral("%1 %2 %3").arg(e.timeMs).arg(e.device).arg(payload);
}

QStringList run(std::uint64_t seed, std::int64_t start, std::int64_t hours)
{
    CitySimulator sim(fixtureCity(), seed, start);
    std::vector<Event> events;
    sim.initialState(events);
    sim.advanceTo(start + hours * 3600'000, events);
    QStringList out;
    for (const Event &e : events)
        out << describe(e);
    return out;
}

/// A simulated city whose controllers neither fail, go silent nor refuse: what a test commands is what happens.
SimParameters withoutRandomFaults()
{
    SimParameters p;
    p.signalMtbfHours = 1e12;
    p.signalCommLossMtbfHours = 1e12;
    p.commandRejectRate = 0;
    return p;
}

/// One signal controller of the fixture city (sig/1560223979), in a city without random faults from 10:00: commands
/// given to it and the mode it reports.
struct OneSignal {
    std::shared_ptr<const CityModel> city = fixtureCity();
    DeviceIndex device = city->deviceIndex(QStringLiteral("sig/1560223979"));
    std::int64_t start = berlin(QDate(2026, 11, 22), QTime(10, 0, 0));
    CitySimulator sim{city, 3, start, withoutRandomFaults()};
    std::vector<Event> events;

    OneSignal() { sim.initialState(events); }
    /// The last mode it reported between the previous call and `t`, if any.
    std::optional<SignalMode> modeAt(std::int64_t t)
    {
        events.clear();
        sim.advanceTo(t, events);
        std::optional<SignalMode> last;
        for (const Event &e : events)
            if (const auto *s = std::get_if<SignalPayload>(&e.payload); s && e.device == device)
                last = s->mode;
        return last;
    }
    void command(std::uint32_t order, CommandAction action, int value, std::uint8_t attempt = 1)
    {
        DeviceCommand c;
        c.order = order;
        c.attempt = attempt;
        c.device = device;
        c.action = action;
        c.value = value;
        sim.command(c);
    }
};

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void deterministicForASeed()
    {
        const auto start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        const QStringList a = run(7, start, 6);
        const QStringList b = run(7, start, 6);
        const QStringList c = run(8, start, 6);
        QVERIFY(a.size() > 1000);
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void eventsComeInTimeOrder()
    {
        const auto start = berlin(QDate(2026, 11, 22), QTime(6, 0));
        CitySimulator sim(fixtureCity(), 1, start);
        std::vector<Event> events;
        sim.advanceTo(start + 2 * 3600'000, events);
        for (size_t i = 1; i < events.size(); ++i)
            QVERIFY(events[i].timeMs >= events[i - 1].timeMs);
        QVERIFY(events.back().timeMs <= start + 2 * 3600'000);
    }

    void signalRunsEveryPhaseOfItsProgram()
    {
        const auto city = fixtureCity();
        const DeviceIndex device = city->deviceIndex(QStringLiteral("sig/1560223979"));
        QVERIFY(device != kNoDevice);
        const SignalProgram &program = city->signals[city->devices[device].detail].programs.front();
        const std::int64_t cycleMs = program.cycleS() * 1000LL;
        QCOMPARE(cycleMs, 90'000LL);
        const auto start = berlin(QDate(2026, 11, 22), QTime(10, 0, 7));
        CitySimulator sim(city, 3, start);
        std::vector<Event> events;
        sim.advanceTo(start + 2 * cycleMs, events);
        std::vector<std::pair<std::int64_t, int>> switches;
        for (const Event &e : events)
            if (e.device == device)
                if (const auto *s = std::get_if<SignalPayload>(&e.payload); s && !s->fault)
                    switches.push_back({e.timeMs, s->phase});
        // With a fault possible at any time, look only at normal operation: within one cycle every phase shows,
        // in program order, each lasting exactly its programmed duration.
        QVERIFY(switches.size() >= program.phases.size() + 1);
        std::set<int> seen;
        for (size_t i = 0; i + 1 < switches.size(); ++i) {
            const int phase = switches[i].second;
            seen.insert(phase);
            QCOMPARE(switches[i + 1].second, (phase + 1) % int(program.phases.size()));
            if (i > 0) // the first phase was already running at the start
                QCOMPARE(switches[i + 1].first - switches[i].first, program.phases[phase].durationS * 1000LL);
        }
        QCOMPARE(seen.size(), program.phases.size());
    }

    void aPreemptionNobodyReleasesTimesOut()
    {
        // A controller holds a pre-emption at most its maximum presence (3 min), then returns to its program on its
        // own: a console that went quiet, or a vehicle that never came, cannot hold the junction. A second call
        // while held starts the timer again; a released signal is not touched by the old timer.
        OneSignal signal;
        QVERIFY(signal.device != kNoDevice);
        const std::int64_t start = signal.start;
        const auto modeAt = [&](std::int64_t t) { return signal.modeAt(t); };
        const auto order = [&](std::uint32_t id, CommandAction action, int value) { signal.command(id, action, value); };
        order(1, CommandAction::SignalPreempt, 2);
        QCOMPARE(modeAt(start + 2'000), std::optional(SignalMode::Preempt));   // latency is under a second
        const std::optional<SignalMode> normal(SignalMode::Normal);
        QVERIFY(modeAt(start + 179'000) != normal);                             // held (its yellow's end reported)
        const auto back = modeAt(start + 182'000);
        QCOMPARE(back, std::optional(SignalMode::Normal));                      // dropped at 3 min after it arrived
        QVERIFY(modeAt(start + 300'000).has_value());                           // and runs its program again

        // Called again 100 s into a second pre-emption: held until 3 min after the second call.
        order(2, CommandAction::SignalPreempt, 2);
        QCOMPARE(modeAt(start + 302'000), std::optional(SignalMode::Preempt));
        QVERIFY(modeAt(start + 400'000) != normal);
        order(3, CommandAction::SignalPreempt, 0);
        QCOMPARE(modeAt(start + 402'000), std::optional(SignalMode::Preempt));
        QVERIFY(modeAt(start + 579'000) != normal);                             // the first call's timer did nothing
        QCOMPARE(modeAt(start + 582'000), std::optional(SignalMode::Normal));

        // Released in time: the timer finds it released and leaves it be (no second report).
        order(4, CommandAction::SignalPreempt, 2);
        QCOMPARE(modeAt(start + 602'000), std::optional(SignalMode::Preempt));
        order(5, CommandAction::SignalRestore, 0);
        QCOMPARE(modeAt(start + 622'000), std::optional(SignalMode::Normal));
        signal.events.clear();
        signal.sim.advanceTo(start + 800'000, signal.events);
        for (const Event &e : signal.events)
            if (const auto *s = std::get_if<SignalPayload>(&e.payload); s && e.device == signal.device)
                QCOMPARE(s->mode, SignalMode::Normal);
    }

    void aRetryIsNotCarriedOutTwiceButARestartedConsolesOrderIs()
    {
        // A retry (attempt 2) of the command a controller carried out last is acknowledged, not carried out again:
        // the pre-emption's 3-min timer runs from the first call. A console that restarted without its record numbers
        // its orders as its earlier run did; its attempt 1 with the same order and step is a new command — after the
        // controller dropped the first pre-emption, it pre-empts again.
        OneSignal signal;
        QVERIFY(signal.device != kNoDevice);
        const std::int64_t start = signal.start;
        const auto modeAt = [&](std::int64_t t) { return signal.modeAt(t); };
        const auto preempt = [&](std::uint8_t attempt) { signal.command(7, CommandAction::SignalPreempt, 2, attempt); };
        preempt(1);
        QCOMPARE(modeAt(start + 2'000), std::optional(SignalMode::Preempt));
        const std::optional<SignalMode> normal(SignalMode::Normal);
        QVERIFY(modeAt(start + 100'000) != normal);
        preempt(2);                                                          // the console's retry, 100 s later
        QVERIFY(modeAt(start + 179'000) != normal);
        QCOMPARE(modeAt(start + 182'000), normal);                          // 3 min after the first call, not the retry
        preempt(1);                                                          // the restarted console's order 7
        QCOMPARE(modeAt(start + 184'000), std::optional(SignalMode::Preempt));
    }

    void aDevicesAnswerToARetryIsWhatItDid()
    {
        // The console takes the answer to its latest attempt as the target's result. Each lamp gets attempt 1 and,
        // at once, the console's retry — as after an outage, when both reach the gateway together. The device's
        // answer to the retry must say what it did: accepted exactly when the lamp ends at the level. Before the
        // device took its commands in the order they came, a retry that overtook attempt 1 (latencies 0-5 s) and was
        // refused ("busy") left the lamp dimmed by attempt 1 arriving after it, under a refusal.
        const auto city = fixtureCity();
        SimParameters p = withoutRandomFaults();
        p.lampMtbfHours = 1e12;
        p.commandRejectRate = 0.5;
        p.commandLatencyMinMs = 0;
        p.commandLatencyMaxMs = 5000;
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(10, 0, 0));
        CitySimulator sim{city, 11, start, p};
        std::vector<Event> events;
        sim.initialState(events);
        std::vector<DeviceIndex> lamps;
        for (DeviceIndex d = 0; d < city->devices.size() && lamps.size() < 200; ++d)
            if (city->devices[d].kind == DeviceKind::Streetlight)
                lamps.push_back(d);
        QCOMPARE(int(lamps.size()), 200);
        for (DeviceIndex d : lamps)
            for (std::uint8_t attempt : {1, 2}) {
                DeviceCommand c;
                c.order = 9;
                c.attempt = attempt;
                c.device = d;
                c.action = CommandAction::LightDim;
                c.value = 37;
                sim.command(c);
            }
        events.clear();
        sim.advanceTo(start + 10'000, events);
        std::map<DeviceIndex, std::vector<std::pair<std::uint8_t, CommandStage>>> answers;
        std::set<DeviceIndex> dimmed;
        for (const Event &e : events) {
            if (const auto *c = std::get_if<CommandPayload>(&e.payload))
                answers[e.device].emplace_back(c->attempt, c->stage);
            else if (const auto *l = std::get_if<LightPayload>(&e.payload); l && l->level == 37)
                dimmed.insert(e.device);
        }
        int refusedRetries = 0;
        QStringList disagreeing;
        for (DeviceIndex d : lamps) {
            const auto &said = answers[d];
            QCOMPARE(int(said.size()), 2);
            const auto retry = std::find_if(said.begin(), said.end(), [](const auto &a) { return a.first == 2; });
            QVERIFY(retry != said.end());
            const bool retryAccepted = retry->second == CommandStage::InProgress;
            refusedRetries += retryAccepted ? 0 : 1;
            if (retryAccepted != dimmed.contains(d))
                disagreeing << QStringLiteral("%1 (retry %2, lamp %3)")
                                   .arg(city->devices[d].id, retryAccepted ? "accepted" : "refused", dimmed.contains(d) ? "dimmed" : "not dimmed");
        }
        QVERIFY2(disagreeing.isEmpty(), qPrintable(disagreeing.join(QStringLiteral(", "))));
        for (DeviceIndex d : lamps)
            QCOMPARE(answers[d].front().first, std::uint8_t(1));   // answered in the order they were sent
        QVERIFY(refusedRetries > 20);   // refusals happened (both attempts refused: about one lamp in four)
    }

    void aCommandEndsGreensThroughYellow()
    {
        // A controller never takes a green straight to red: a command that ends greens shows them yellow for the
        // program's yellow time (3 s here) first, reporting the program's own yellow phase when it shows just
        // that, else the phase being ended; what ends no green, and a flash, are carried out at once.
        const auto city = fixtureCity();
        const DeviceIndex device = city->deviceIndex(QStringLiteral("sig/1560223979"));
        QVERIFY(device != kNoDevice);
        const SignalProgram &program = city->signals[static_cast<size_t>(city->devices[device].detail)].programs.front();
        QCOMPARE(program.phases[1].state, QStringLiteral("rrrrgGggrrrrgGggrrrr"));   // phase 0 less its crossings
        QCOMPARE(program.phases[2].state, QStringLiteral("rrrryyyyrrrryyyyrrrr"));   // the yellow that ends it
        SimParameters quiet = withoutRandomFaults();
        quiet.commandLatencyMinMs = quiet.commandLatencyMaxMs = 500;
        const auto start = berlin(QDate(2026, 11, 22), QTime(10, 0, 0));
        CitySimulator sim(city, 3, start, quiet);
        std::vector<Event> events;
        sim.initialState(events);
        struct Report {
            std::int64_t timeMs;
            int phase;
            SignalMode mode;
        };
        const auto reportsUntil = [&](std::int64_t t) {
            events.clear();
            sim.advanceTo(t, events);
            std::vector<Report> reports;
            for (const Event &e : events)
                if (const auto *s = std::get_if<SignalPayload>(&e.payload); s && e.device == device)
                    reports.push_back({e.timeMs, s->phase, s->mode});
            return reports;
        };
        std::uint32_t orders = 0;
        const auto send = [&](CommandAction action, int value) {
            DeviceCommand c;
            c.order = ++orders;
            c.device = device;
            c.action = action;
            c.value = value;
            sim.command(c);
            return sim.nowMs() + 500;   // when it arrives
        };
        // The first time from `from` at which the program shows `phase` for 4.5 s more (a command sent then
        // arrives during it).
        const auto whenShowing = [&](std::int64_t from, int phase) {
            for (std::int64_t t = from;; t += 100) {
                std::int64_t remainingMs = 0;
                if (CitySimulator::phaseAt(program, t, &remainingMs) == phase && remainingMs >= 4500)
                    return t;
            }
        };

        // The signal's one report up to `t`, as "phase P mode" (else how many there were).
        const auto oneReport = [&](std::int64_t t) {
            const auto reports = reportsUntil(t);
            return reports.size() != 1 ? QStringLiteral("%1 reports").arg(reports.size())
                                       : QStringLiteral("phase %1 %2").arg(reports[0].phase).arg(signalModeName(reports[0].mode));
        };

        // From phase 1 to phase 3: the yellow shown is the program's own phase 2, and reported as such.
        reportsUntil(whenShowing(start + 1000, 1));
        std::int64_t arrives = send(CommandAction::SignalPreempt, 3);
        QCOMPARE(oneReport(arrives), QStringLiteral("phase 2 preempt"));
        QVERIFY(reportsUntil(arrives + 2999).empty());
        QCOMPARE(oneReport(arrives + 3000), QStringLiteral("phase 3 preempt"));

        // Asked for what it shows already: at once.
        arrives = send(CommandAction::SignalHoldPhase, 3);
        QCOMPARE(oneReport(arrives), QStringLiteral("phase 3 manual"));
        QVERIFY(reportsUntil(arrives + 10'000).empty());

        // Back to the program while it is in phase 0: phase 3's greens end through a yellow that is none of the
        // program's phases (its crossings too), so the phase being ended is reported until the program takes over.
        reportsUntil(whenShowing(sim.nowMs(), 0));
        arrives = send(CommandAction::SignalRestore, 0);
        QCOMPARE(oneReport(arrives), QStringLiteral("phase 3 normal"));
        QVERIFY(reportsUntil(arrives + 2999).empty());
        QCOMPARE(oneReport(arrives + 3000), QStringLiteral("phase 0 normal"));

        // A flash during a yellow ends it at once, and the yellow's end says nothing more.
        reportsUntil(whenShowing(sim.nowMs(), 0));
        arrives = send(CommandAction::SignalPreempt, 3);
        QCOMPARE(oneReport(arrives), QStringLiteral("phase 0 preempt"));   // ending phase 0
        reportsUntil(arrives + 1000);
        const std::int64_t flashes = send(CommandAction::SignalFlash, 0);
        const auto reports = reportsUntil(arrives + 10'000);
        QCOMPARE(reports.size(), size_t(1));
        QCOMPARE(reports[0].timeMs, flashes);
        QCOMPARE(reports[0].mode, SignalMode::Flash);
    }

    void theRoadsPictureJudgesEachDirectionsLine()
    {
        // A two-way street of one lane a direction, 100 m: ten cars stand at each end, facing each other.
        CityModel city;
        const auto road = [&](int lanes, bool oneway) {
            Road r;
            r.lanes = lanes;
            r.oneway = oneway;
            r.speedKmh = 36.0f;   // 10 m/s
            city.roads.push_back(r);
        };
        road(1, false);
        road(2, false);
        road(2, true);
        RoadCounter counter(city);
        for (int k = 0; k < 10; ++k) {
            counter.add(0, false, 1, 0.0);
            counter.add(0, true, 1, 0.05);   // below SUMO's 0.1 m/s: standing
        }
        // Road 1: its drawn direction has two lanes, three standing in each; the other direction one lane, five standing
        // and one moving: the longer line is the one-lane direction's, as long as ten on the road's two lanes.
        for (int k = 0; k < 6; ++k)
            counter.add(1, false, 2, 0.0);
        for (int k = 0; k < 5; ++k)
            counter.add(1, true, 1, 0.0);
        counter.add(1, true, 1, 12.0);
        // Road 2 moves at 7.5 m/s; a road the city does not have is not counted; NaN speed counts as standing.
        counter.add(2, false, 2, 7.5);
        counter.add(2, false, 2, 7.5);
        counter.add(3, false, 1, 0.0);
        counter.add(2, false, 2, std::nan(""));

        const std::vector<RoadTraffic> picture = counter.picture();
        QCOMPARE(picture.size(), size_t(3));
        QCOMPARE(picture[0], (RoadTraffic{0, 20, 10, 0, RoadEnd::Last}));   // 20 on it, but each line is ten long, not twenty
        QCOMPARE(roadLevel(picture[0], 100, 1, false), RoadLevel::Busy);   // 75 m a lane: full, not a block's line
        QCOMPARE(picture[1], (RoadTraffic{1, 12, 10, 10, RoadEnd::First}));   // mean 12/12 m/s over 10 m/s: 10 %; the line drives against the drawing
        QCOMPARE(picture[2], (RoadTraffic{2, 3, 1, 50, RoadEnd::Last}));

        // Twenty standing in one direction is a long line: per direction, nothing is lost.
        RoadCounter oneWay(city);
        for (int k = 0; k < 20; ++k)
            oneWay.add(0, true, 1, 0.0);
        QCOMPARE(oneWay.picture().front(), (RoadTraffic{0, 20, 20, 0, RoadEnd::First}));
        QCOMPARE(roadLevel(oneWay.picture().front(), 100, 1, false), RoadLevel::Long);

        // More roads than a report carries: the busiest, in road order.
        CityModel wide;
        wide.roads.resize(kMaxRoadsReported + 5);
        RoadCounter many(wide);
        for (std::uint32_t r = 0; r < wide.roads.size(); ++r)
            for (std::uint32_t k = 0; k < (r % 7 == 0 ? 2u : 1u); ++k)
                many.add(r, false, 1, 5.0);
        const auto busiest = many.picture();
        QCOMPARE(busiest.size(), size_t(kMaxRoadsReported));
        QVERIFY(std::is_sorted(busiest.begin(), busiest.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.road < b.road; }));
        QCOMPARE(std::count_if(busiest.begin(), busiest.end(), [](const RoadTraffic &t) { return t.vehicles == 2; }),
                 std::ptrdiff_t((wide.roads.size() + 6) / 7));   // every road with two kept
        // All of it moves: no line, so no end it stands at.
        QVERIFY(std::all_of(busiest.begin(), busiest.end(), [](const RoadTraffic &t) { return t.standsAt == RoadEnd::Unknown; }));
    }

    void phaseFollowsAbsoluteTime()
    {
        SignalProgram p;
        p.offsetS = 10;
        p.phases = {{30, QStringLiteral("Gr"), 0, 0}, {5, QStringLiteral("yr"), 0, 0}, {25, QStringLiteral("rG"), 0, 0}};
        std::int64_t remaining = 0;
        QCOMPARE(CitySimulator::phaseAt(p, 10'000, &remaining), 0);
        QCOMPARE(remaining, 30'000LL);
        QCOMPARE(CitySimulator::phaseAt(p, 42'000, &remaining), 1);
        QCOMPARE(remaining, 3'000LL);
        QCOMPARE(CitySimulator::phaseAt(p, 69'999, &remaining), 2);
        QCOMPARE(remaining, 1LL);
        QCOMPARE(CitySimulator::phaseAt(p, 70'000, &remaining), 0); // next cycle
        QCOMPARE(CitySimulator::phaseAt(p, 5'000, &remaining), 2);  // before the offset: previous cycle
    }

    void lightsFollowTheSun()
    {
        const auto city = fixtureCity();
        const GeoPoint c = city->bounds.center();
        const QDate date(2026, 11, 22);
        const auto sun = solar::sunTimes(date, c.lat, c.lon);
        QVERIFY(sun.sunsetUtcMs);
        // Run from two hours before sunset to one hour after.
        const std::int64_t start = *sun.sunsetUtcMs - 2 * 3600'000;
        CitySimulator sim(city, 11, start);
        StateStore store(city->devices.size());
        std::vector<Event> events;
        sim.initialState(events);
        store.apply(events);
        int onBefore = 0;
        for (const auto &l : city->streetlights)
            onBefore += store.state(l.device).level > 0 ? 1 : 0;
        QCOMPARE(onBefore, 0); // daylight
        events.clear();
        sim.advanceTo(*sun.sunsetUtcMs + 3600'000, events);
        store.apply(events);
        int on = 0, faulty = 0;
        for (const auto &l : city->streetlights) {
            const DeviceState s = store.state(l.device);
            if (s.fault)
                ++faulty;
            else {
                QVERIFY2(s.level > 0, "a working lamp is dark one hour after sunset");
                QVERIFY(s.value > 0);
                ++on;
            }
        }
        QVERIFY(on > 0);
        QVERIFY(faulty < int(city->streetlights.size()) / 10);

        // ...and all off at noon.
        const std::int64_t noon = QDateTime(date, QTime(12, 0), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        CitySimulator day(city, 11, noon - 3600'000);
        StateStore dayStore(city->devices.size());
        events.clear();
        day.initialState(events);
        day.advanceTo(noon, events);
        dayStore.apply(events);
        for (const auto &l : city->streetlights)
            QCOMPARE(dayStore.state(l.device).level, std::uint8_t(0));
    }

    void feederLoadsFollowTheDay()
    {
        const auto city = fixtureCity();
        const auto start = berlin(QDate(2026, 11, 24), QTime(0, 0)); // a Tuesday
        CitySimulator sim(city, 5, start);
        std::vector<Event> events;
        sim.advanceTo(start + 24 * 3600'000, events);
        std::map<int, double> byHour;
        std::map<int, int> samples;
        for (const Event &e : events) {
            if (const auto *f = std::get_if<FeederPayload>(&e.payload)) {
                const DeviceInfo &d = city->devices[e.device];
                QCOMPARE(d.kind, DeviceKind::Feeder);
                QVERIFY(f->loadKw > 0);
                QVERIFY(f->loadKw < 2 * city->feeders[d.detail].capacityKw);
                const int hour = QDateTime::fromMSecsSinceEpoch(e.timeMs, QTimeZone("Europe/Berlin")).time().hour();
                byHour[hour] += f->loadKw;
                ++samples[hour];
            }
        }
        QCOMPARE(samples[3], int(city->feeders.size()) * 360); // every feeder every 10 s
        const double night = byHour[3] / samples[3], day = byHour[11] / samples[11], evening = byHour[19] / samples[19];
        QVERIFY2(day > 1.3 * night, qPrintable(QStringLiteral("day %1 night %2").arg(day).arg(night)));
        QVERIFY(evening > 1.3 * night);
    }

    void incidentsAriseAndClear()
    {
        const auto city = fixtureCity();
        const auto start = berlin(QDate(2026, 11, 22), QTime(0, 0));
        CitySimulator sim(city, 9, start);
        std::vector<Event> events;
        sim.advanceTo(start + 48 * 3600'000, events);
        std::map<IncidentId, IncidentRaisedPayload> raised;
        std::set<IncidentId> cleared;
        std::map<IncidentKind, int> kinds;
        for (const Event &e : events) {
            if (const auto *r = std::get_if<IncidentRaisedPayload>(&e.payload)) {
                QVERIFY(!raised.count(r->id));
                raised[r->id] = *r;
                ++kinds[r->kind];
                if (r->kind == IncidentKind::Collision) {
                    QVERIFY(r->road >= 0); // on a road...
                    QVERIFY(city->nearestRoad(r->position, 2.0) >= 0);
                } else {
                    QVERIFY(e.device != kNoDevice); // ...or at the device that failed
                }
            } else if (const auto *c = std::get_if<IncidentClearedPayload>(&e.payload)) {
                QVERIFY2(raised.count(c->id), "cleared an incident that was never raised");
                cleared.insert(c->id);
            }
        }
        QVERIFY(kinds[IncidentKind::Collision] >= 30);   // 1.5 per hour over 48 h
        QVERIFY(kinds[IncidentKind::LampOutage] >= 1);
        QVERIFY(cleared.size() >= raised.size() * 3 / 4);
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
