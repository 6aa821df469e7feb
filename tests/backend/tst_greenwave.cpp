// The green wave that follows an emergency vehicle: which phase serves its movement, when each signal is
// pre-empted and released — fed with vehicle fixes on a manual clock.
#include "ops/greenwavefollower.h"
#include "ops/triptally.h"
#include "state/vehiclebook.h"

#include <QTest>

using namespace cityops;

namespace {

SignalProgram program(std::initializer_list<std::pair<const char *, int>> phases)
{
    SignalProgram p;
    p.programId = QStringLiteral("0");
    for (const auto &[state, seconds] : phases)
        p.phases.push_back({seconds, QString::fromLatin1(state), 0, 0});
    return p;
}

/// Two signals, each with a program whose second movement pair has its own phase.
std::shared_ptr<const CityModel> twoSignals()
{
    auto city = std::make_shared<CityModel>();
    for (int i = 0; i < 2; ++i) {
        SignalInfo s;
        s.device = static_cast<DeviceIndex>(i);
        s.linkCount = 4;
        s.programs.push_back(program({{"GGrr", 30}, {"yyrr", 3}, {"rrGG", 25}, {"rrgG", 10}, {"rryy", 3}}));
        city->signals.push_back(s);
    }
    return city;
}

VehicleFix fix(double seconds, double speed, std::vector<SignalAhead> ahead)
{
    return {static_cast<std::int64_t>(seconds * 1000), speed, std::move(ahead), false};
}

/// A fix as the console's picture passes it on: parked or not, since when (seconds; -1 not known), and the stands
/// the book had counted by then (-1 not known).
VehicleFix seen(double seconds, double speed, bool parked, double spellSince, int stands = -1)
{
    VehicleFix f = fix(seconds, speed, {});
    f.arrived = parked;
    f.spellSinceMs = spellSince < 0 ? -1 : static_cast<std::int64_t>(spellSince * 1000);
    f.standsSoFar = stands;
    return f;
}

Event vehicleReport(double seconds, const char *id, bool parked, double speed = -1)
{
    VehiclePayload p;
    p.id = QString::fromLatin1(id);
    p.parked = parked;
    p.speedMps = speed >= 0 ? speed : parked ? 0 : 10;
    return Event{0, static_cast<std::int64_t>(seconds * 1000), kNoDevice, p};
}

} // namespace

class TestGreenWave : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thePhaseThatServesTheMovement()
    {
        const SignalProgram p = program({{"GGrr", 30}, {"yyrr", 3}, {"rrGG", 25}, {"rrgG", 10}, {"rryy", 3}});
        QCOMPARE(phaseServing(p, 0), 0);
        QCOMPARE(phaseServing(p, 2), 2);   // protected green, not the permissive one
        QCOMPARE(phaseServing(p, 3), 2);   // green in two phases: the longer
        QCOMPARE(phaseServing(p, 9), -1);  // no such link
        QCOMPARE(phaseServing(program({{"rrrr", 10}, {"rgrr", 5}}), 0), -1);   // never green
        QCOMPARE(phaseServing(program({{"rrrr", 10}, {"grrr", 5}}), 0), 1);    // only a permissive green
    }

    void preemptsWhenTheVehicleIsCloseAndReleasesOnceItPassed()
    {
        GreenWaveFollower wave(twoSignals(), {20, 2, 3, 3000});
        // 500 m and 800 m away at 10 m/s: 50 and 80 s, beyond the lead time.
        QVERIFY(wave.update(fix(0, 10, {{0, 2, 500}, {1, 0, 800}})).empty());
        // 15 s from the first: its phase for link 2 (phase 2); the second, 45 s away, waits.
        auto steps = wave.update(fix(35, 10, {{0, 2, 150}, {1, 0, 450}}));
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].kind, WaveStep::Kind::Preempt);
        QCOMPARE(steps[0].signal, 0u);
        QCOMPARE(steps[0].phase, 2);
        QCOMPARE(steps[0].etaS, 15.0);
        // Asked once only.
        QVERIFY(wave.update(fix(36, 10, {{0, 2, 140}, {1, 0, 440}})).empty());
        // Stuck behind a queue (speed 0) 50 m before the second: its ETA is taken at a crawl (17 s): pre-empted.
        steps = wave.update(fix(50, 0, {{0, 2, 5}, {1, 0, 50}}));
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].signal, 1u);
        QCOMPARE(steps[0].phase, 0);
        // Past the first at 52 s: released 3 s later, not before.
        QVERIFY(wave.update(fix(52, 8, {{1, 0, 30}})).empty());
        QVERIFY(wave.update(fix(54.9, 8, {{1, 0, 10}})).empty());
        steps = wave.update(fix(55, 8, {{1, 0, 9}}));
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].kind, WaveStep::Kind::Release);
        QCOMPARE(steps[0].signal, 0u);
        QCOMPARE(wave.held(), std::vector<std::uint32_t>{1});
        // A released signal is not pre-empted again on this trip, even if the feed lists it once more.
        QVERIFY(wave.update(fix(56, 8, {{0, 2, 5}, {1, 0, 5}})).empty());
        // Arrived: whatever is still held is released, and the wave is over.
        VehicleFix arrived = fix(60, 0, {});
        arrived.arrived = true;
        steps = wave.update(arrived);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].kind, WaveStep::Kind::Release);
        QCOMPARE(steps[0].signal, 1u);
        QVERIFY(wave.finished());
        QVERIFY(wave.update(fix(61, 10, {{0, 2, 5}})).empty());
    }

    void aHoldTheVehicleDoesNotReachIsReleased()
    {
        // Pre-empted at 10 s with the vehicle 150 m away (due at 25 s); it stops short and stays there (or its feed
        // falls silent): 2 min after it was due the signal is released, said as expired, and not pre-empted again.
        GreenWaveFollower::Settings s{20, 2, 3, 3000};
        s.maxHoldMs = 120'000;
        GreenWaveFollower wave(twoSignals(), s);
        QCOMPARE(wave.update(fix(10, 10, {{0, 2, 150}, {1, 0, 900}})).size(), size_t(1));
        QVERIFY(wave.update(fix(60, 0, {{0, 2, 80}, {1, 0, 830}})).empty());   // standing
        QVERIFY(wave.tick(144'999).empty());
        auto steps = wave.tick(145'000);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].kind, WaveStep::Kind::Release);
        QCOMPARE(steps[0].signal, 0u);
        QVERIFY(steps[0].expired);
        QVERIFY(wave.held().empty());
        QVERIFY(wave.update(fix(150, 5, {{0, 2, 10}, {1, 0, 760}})).empty());   // moving again: the first stays released
        QVERIFY(!wave.finished());
        // Passing a held signal in time is an ordinary release, not an expiry.
        QCOMPARE(wave.update(fix(300, 10, {{1, 0, 150}})).size(), size_t(1));
        steps = wave.update(fix(330, 10, {}));
        QVERIFY(steps.empty());
        steps = wave.tick(333'000);
        QCOMPARE(steps.size(), size_t(1));
        QVERIFY(!steps[0].expired);
    }

    void aPassedSignalIsReleasedWhenTheFeedFallsSilent()
    {
        // The last report says the vehicle is past the signal; no report comes after it: time alone releases it.
        GreenWaveFollower wave(twoSignals(), {20, 2, 3, 3000});
        QCOMPARE(wave.update(fix(0, 10, {{0, 2, 100}, {1, 0, 900}})).size(), size_t(1));
        QVERIFY(wave.update(fix(12, 10, {{1, 0, 780}})).empty());
        QVERIFY(wave.tick(14'999).empty());
        const auto steps = wave.tick(15'000);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].signal, 0u);
        QVERIFY(!steps[0].expired);
    }

    void stoppingReleasesEverythingHeld()
    {
        GreenWaveFollower wave(twoSignals(), {20, 2, 3, 3000});
        QCOMPARE(wave.update(fix(0, 10, {{0, 2, 100}, {1, 0, 150}})).size(), size_t(2));
        auto steps = wave.stop();
        QCOMPARE(steps.size(), size_t(2));
        for (const WaveStep &step : steps)
            QCOMPARE(step.kind, WaveStep::Kind::Release);
        QVERIFY(wave.finished());
        QVERIFY(wave.held().empty());
        // Nothing more after a stop: no pre-emption for the vehicle still driving, nothing on the clock.
        QVERIFY(wave.update(fix(5, 10, {{0, 2, 50}, {1, 0, 100}})).empty());
        QVERIFY(wave.tick(500'000).empty());
        QVERIFY(wave.stop().empty());
    }

    void aNewWaveTakesOverTheHoldsOfTheEarlier()
    {
        // The vehicle is sent again on a new route: the earlier wave hands what it holds to the new one, releasing
        // nothing itself; the new one keeps what is still ahead (not asked again), releases what is not, and counts
        // the longest hold from when the vehicle was first due at each.
        GreenWaveFollower earlier(twoSignals(), {20, 2, 3, 3000}), later(twoSignals(), {20, 2, 3, 3000});
        QCOMPARE(earlier.update(fix(0, 10, {{0, 2, 100}, {1, 0, 150}})).size(), size_t(2));
        const auto holds = earlier.handOver();
        QCOMPARE(holds.size(), size_t(2));
        QVERIFY(earlier.finished() && earlier.held().empty());
        QVERIFY(earlier.update(fix(1, 10, {{0, 2, 90}})).empty());
        later.adopt(holds);
        QCOMPARE(later.held().size(), size_t(2));
        QVERIFY(later.update(fix(5, 10, {{1, 0, 100}})).empty());   // signal 1 is held already
        auto steps = later.tick(8'000);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].signal, 0u);   // off the new route: released
        QVERIFY(!steps[0].expired);
        QVERIFY(later.tick(134'999).empty());   // signal 1 was due at 15 s
        steps = later.tick(135'000);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].signal, 1u);
        QVERIFY(steps[0].expired);
    }

    void aQueueAheadBringsThePreemptionForward()
    {
        // 300 m at 10 m/s is 30 s: beyond a 20 s lead — unless six vehicles stand before the signal (2 s each to
        // drain): then it is asked now, so the queue is gone when the vehicle gets there. Only for the next signal.
        GreenWaveFollower wave(twoSignals(), {20, 2, 3, 3000});
        VehicleFix f = fix(0, 10, {{0, 2, 300}, {1, 0, 310}});
        f.queueAhead = 4;   // 28 s
        QVERIFY(wave.update(f).empty());
        f.timeMs = 1000;
        f.queueAhead = 6;   // 32 s
        const auto steps = wave.update(f);
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps[0].signal, 0u);
    }

    void aMovementNoPhaseServesIsLeftAlone()
    {
        auto city = std::make_shared<CityModel>(*twoSignals());
        city->signals[0].programs[0] = program({{"rGrr", 30}, {"rrGG", 30}});
        GreenWaveFollower wave(city, {});
        QVERIFY(wave.update(fix(0, 10, {{0, 0, 50}, {5, 0, 60}})).empty());   // link 0 never green; signal 5 unknown
        QVERIFY(wave.held().empty());
    }

    /// After the wave, the console says how the trip went: how long from setting off to parking, and how often the
    /// vehicle came to a stand — a queue crept through is one stop, standing at the start and parking are none.
    void theTripIsTalliedFromTheVehiclesReports()
    {
        TripTally trip;
        QVERIFY(!trip.started() && !trip.arrived());
        trip.add(fix(100, 0, {}));      // reported standing at its station: not a stop
        trip.add(fix(101, 1.5, {}));    // pulling out, not yet moving
        trip.add(fix(102, 0.05, {}));
        trip.add(fix(103, 8, {}));
        QCOMPARE(trip.stops(), 0);
        trip.add(fix(110, 0.05, {}));   // a red ahead: one stop
        trip.add(fix(112, 1.0, {}));    // creeping up in the queue ...
        trip.add(fix(113, 0.0, {}));    // ... and standing again: still that one stop
        trip.add(fix(120, 12, {}));
        QCOMPARE(trip.stops(), 1);
        QCOMPARE(trip.tripMs(), 0);     // not there yet
        trip.add(fix(150, 0.08, {}));   // a second stop
        trip.add(fix(151, 13, {}));
        VehicleFix parked = fix(190, 0, {});
        parked.arrived = true;
        trip.add(parked);               // parking at the destination ends the trip, it is no stop
        QVERIFY(trip.arrived());
        QCOMPARE(trip.stops(), 2);
        QCOMPARE(trip.tripMs(), 90'000);
        trip.add(fix(200, 10, {}));     // what comes after the trip changes nothing
        trip.add(fix(201, 0, {}));
        QCOMPARE(trip.stops(), 2);
        QCOMPARE(trip.tripMs(), 90'000);
    }

    /// The console's picture passes on the reports it has at each refresh and may skip one under load — the one in
    /// which the vehicle set off, or the one in which it parked. The trip is still timed from those moments, from
    /// when each report says its spell began.
    void theTripIsTimedFromSettingOffToParkingWhateverReportsAreSkipped()
    {
        TripTally trip;
        trip.add(seen(100, 0, true, -1));     // parked at its station (since before the console knew)
        QVERIFY(!trip.started() && !trip.arrived());   // standing at its station is neither the start nor the end
        trip.add(seen(104, 12, false, 102));   // on its way since 102: the report at 102 was skipped
        QVERIFY(trip.started());
        trip.add(seen(130, 14, false, 102));
        trip.add(seen(190, 0, true, 187));     // parked since 187: the reports from 187 to 189 were skipped
        QVERIFY(trip.arrived());
        QCOMPARE(trip.tripMs(), 85'000);       // 102 to 187, not 104 to 190

        // First seen on its way (a vehicle diverted while driving): timed from that report, not from when it set
        // off on its earlier route.
        TripTally diverted;
        diverted.add(seen(500, 10, false, 300));
        diverted.add(seen(560, 0, true, 555));
        QCOMPARE(diverted.tripMs(), 55'000);

        // A spell said to begin before the report seen before it, or after its own report, is not believed (a
        // book cleared and refilled in between): the report's own time counts.
        TripTally confused;
        confused.add(seen(100, 0, true, -1));
        confused.add(seen(110, 10, false, 90));    // on its way since before it was seen standing
        confused.add(seen(150, 10, false, 110));
        confused.add(seen(170, 0, true, 140));     // parked since before it was last seen driving
        QCOMPARE(confused.tripMs(), 60'000);
        TripTally unknown;                          // no spell times at all: as the reports come
        unknown.add(seen(100, 0, true, -1));
        unknown.add(seen(104, 12, false, -1));
        unknown.add(seen(190, 0, true, -1));
        QCOMPARE(unknown.tripMs(), 86'000);
    }

    /// A stand whose reports the picture all skipped is still a stop: once the vehicle has arrived, its stops are the
    /// book's count over every report since it set off.
    void theStopsAreCountedOverEveryReport()
    {
        TripTally trip;
        trip.add(seen(100, 0, true, -1, 4));        // at its station, after four stands on earlier trips
        trip.add(seen(104, 12, false, 102, 4));
        trip.add(seen(130, 0.05, false, 102, 5));   // a stand the picture saw
        trip.add(seen(140, 12, false, 102, 6));     // ... and one it did not (the book counted it)
        QCOMPARE(trip.stops(), 1);                  // on the way: what the picture showed
        trip.add(seen(190, 0, true, 187, 6));
        QCOMPARE(trip.stops(), 2);
        // Diverted, first seen on its way: counted from that report's count.
        TripTally diverted;
        diverted.add(seen(500, 10, false, 300, 7));
        diverted.add(seen(560, 0, true, 555, 8));
        QCOMPARE(diverted.stops(), 1);
        // A count that went back (the book cleared and refilled on the way): the picture's own count stands.
        TripTally cleared;
        cleared.add(seen(100, 0, true, -1, 4));
        cleared.add(seen(104, 12, false, 102, 4));
        cleared.add(seen(130, 0, false, 102, 5));
        cleared.add(seen(190, 0, true, 187, 0));
        QCOMPARE(cleared.stops(), 1);
    }

    /// The book keeps, for each vehicle, when its present spell (parked, or on its way) began: the first report
    /// that said so — not known for the spell it was in when first reported.
    void theBookSaysWhenEachVehiclesSpellBegan()
    {
        VehicleBook book(twoSignals());
        book.apply({vehicleReport(100, "amb-1", true), vehicleReport(100, "amb-2", false)});
        VehicleBook::Vehicle one, two;
        QVERIFY(book.find(QStringLiteral("amb-1"), &one) && book.find(QStringLiteral("amb-2"), &two));
        QCOMPARE(one.spellSinceMs, -1);   // parked since before the book heard of it: since when it cannot tell
        QCOMPARE(two.spellSinceMs, -1);
        book.apply({vehicleReport(101, "amb-1", true), vehicleReport(102, "amb-1", false), vehicleReport(103, "amb-1", false)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.spellSinceMs, 102'000);   // set off at 102, whatever came after
        QCOMPARE(one.timeMs, 103'000);
        book.apply({vehicleReport(110, "amb-1", true), vehicleReport(115, "amb-1", true), vehicleReport(115, "amb-2", true)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one) && book.find(QStringLiteral("amb-2"), &two));
        QCOMPARE(one.spellSinceMs, 110'000);
        QCOMPARE(two.spellSinceMs, 115'000);
        // Silent long enough to be dropped, then back: a new vehicle to the book, since when not known again.
        book.apply({vehicleReport(200, "amb-2", true)});
        QVERIFY(!book.find(QStringLiteral("amb-1"), &one));
        book.apply({vehicleReport(201, "amb-1", false)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.spellSinceMs, -1);
        QCOMPARE(one.stands.stands(), 0u);
        // Its stands over every report: a red (creeping up in the queue is the same stand), a second, then parking,
        // which is no stand.
        book.apply({vehicleReport(202, "amb-1", false, 12), vehicleReport(203, "amb-1", false, 0.05), vehicleReport(204, "amb-1", false, 1),
                    vehicleReport(205, "amb-1", false, 0), vehicleReport(206, "amb-1", false, 13), vehicleReport(207, "amb-1", false, 0),
                    vehicleReport(208, "amb-1", false, 9), vehicleReport(209, "amb-1", true, 0)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.stands.stands(), 2u);
    }

    /// A book that hears of a vehicle mid-spell (a console started or joined late) knows since when if the source
    /// says so; a source's time is believed only between the report before and this one.
    void theBookTakesSinceWhenFromTheSource()
    {
        const auto said = [](double seconds, const char *id, bool parked, double sinceS) {
            Event e = vehicleReport(seconds, id, parked);
            std::get<VehiclePayload>(e.payload).sinceMs = static_cast<std::int64_t>(sinceS * 1000);
            return e;
        };
        VehicleBook book(twoSignals());
        book.apply({said(500, "amb-1", true, 80), said(500, "amb-2", false, 490), said(500, "amb-3", true, 501)});
        VehicleBook::Vehicle one, two, three;
        QVERIFY(book.find(QStringLiteral("amb-1"), &one) && book.find(QStringLiteral("amb-2"), &two) && book.find(QStringLiteral("amb-3"), &three));
        QCOMPARE(one.spellSinceMs, 80'000);    // parked since long before the book heard of it
        QCOMPARE(two.spellSinceMs, 490'000);
        QCOMPARE(three.spellSinceMs, -1);      // after its own report: not believed
        // amb-3's source says it later: taken then.
        book.apply({said(501, "amb-3", true, 300)});
        QVERIFY(book.find(QStringLiteral("amb-3"), &three));
        QCOMPARE(three.spellSinceMs, 300'000);
        // amb-1 sets off: the source's time of it, the feed having skipped the first report on its way (a picture
        // refreshed a few times a second) ...
        book.apply({said(510, "amb-1", false, 507)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.spellSinceMs, 507'000);
        // ... but not a time from within the spell before (the report at 510 was already on its way): the book's own.
        book.apply({said(520, "amb-1", true, 505)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.spellSinceMs, 520'000);
        // A report that says nothing leaves what is known.
        book.apply({vehicleReport(521, "amb-1", true)});
        QVERIFY(book.find(QStringLiteral("amb-1"), &one));
        QCOMPARE(one.spellSinceMs, 520'000);
    }
};

QTEST_GUILESS_MAIN(TestGreenWave)
#include "tst_greenwave.moc"
