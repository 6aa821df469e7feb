// The picture of the city's roads when more than one gateway counts traffic: a gateway bound to districts speaks for
// its districts' roads, one serving the whole city for the rest, and a picture nobody renews stops speaking. The
// merge alone (RoadPictureMerge on the default city, districts West and East), then through a real mosquitto with
// gateways by hand, the way a district's gateway would report another's roads.
#include "handgateways.h"
#include "link/districtspokenfor.h"
#include "link/roadpicturemerge.h"
#include "state/trafficbook.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The `n`-th road (from 0) of district `name`, as gateway and console place roads (roadDistricts).
std::uint32_t roadIn(const char *name, int n)
{
    static const std::vector<int> districts = roadDistricts(*city());
    const int wanted = district(name);
    for (size_t r = 0; r < districts.size(); ++r)
        if (districts[r] == wanted && n-- == 0)
            return std::uint32_t(r);
    qFatal("the default city has too few roads in %s", name);
}

RoadTraffic road(std::uint32_t index, int vehicles) { return RoadTraffic{index, std::uint16_t(vehicles), 0, 100, RoadEnd::Unknown}; }

/// The districts a gateway serves, as the link keeps them (by district index; empty: the whole city).
std::vector<bool> serving(const char *name)
{
    std::vector<bool> served(city()->districts.size(), false);
    served[size_t(district(name))] = true;
    return served;
}
const std::vector<bool> kWholeCity;

/// Road index → vehicles, to compare pictures at a glance.
std::map<std::uint32_t, int> counts(const std::vector<RoadTraffic> &roads)
{
    std::map<std::uint32_t, int> out;
    for (const RoadTraffic &r : roads)
        out[r.road] = r.vehicles;
    return out;
}
std::map<std::uint32_t, int> counts(const RoadTrafficPayload &picture) { return counts(picture.roads); }

/// The names of a picture's uncounted districts.
QStringList uncounted(const std::vector<std::uint16_t> &districts)
{
    QStringList names;
    for (const std::uint16_t d : districts)
        names.append(city()->districts[d].name);
    return names;
}

constexpr std::int64_t kT0 = 1'000'000;
constexpr int kNorth = 0, kSouth = 1, kFleet = 2;   // gateway numbers

} // namespace

class TestRoadPictures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(city(), "the default city package must be readable");
        QCOMPARE(city()->districtNames(), (QStringList{QStringLiteral("West"), QStringLiteral("East")}));
    }

    void oneGatewaysPictureIsTheWholePicture()
    {
        RoadPictureMerge merge(city());
        const std::uint32_t east = roadIn("East", 0), west = roadIn("West", 0);
        const std::uint32_t none = std::uint32_t(city()->roads.size());   // a road this city does not have
        QCOMPARE(counts(merge.take(kFleet, kWholeCity, {road(east, 4), road(west, 7), road(none, 1)}, kT0)),
                 (std::map<std::uint32_t, int>{{east, 4}, {west, 7}}));
        // The next picture replaces it: a road it does not name is empty — every district is counted.
        const RoadTrafficPayload next = merge.take(kFleet, kWholeCity, {road(west, 2)}, kT0 + 10'000);
        QCOMPARE(counts(next), (std::map<std::uint32_t, int>{{west, 2}}));
        QVERIFY(next.uncounted.empty());
    }

    void aDistrictNobodySpeaksForIsUncounted()
    {
        // The roads of a district whose gateway is gone, or never counted, are unknown, not empty: the picture says so.
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), westA = roadIn("West", 0);
        RoadTrafficPayload picture = merge.take(kNorth, serving("East"), {road(eastA, 5), road(westA, 9)}, kT0);
        QCOMPARE(counts(picture), (std::map<std::uint32_t, int>{{eastA, 5}}));
        QCOMPARE(uncounted(picture.uncounted), QStringList{QStringLiteral("West")});
        picture = merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 1000);
        QVERIFY(picture.uncounted.empty());
        // North stops counting: once its picture is too old to speak, East is uncounted.
        picture = merge.take(kSouth, serving("West"), {road(westA, 4)}, kT0 + kRoadTrafficStaleMs);
        QVERIFY(picture.uncounted.empty());
        picture = merge.take(kSouth, serving("West"), {road(westA, 4)}, kT0 + kRoadTrafficStaleMs + 1);
        QCOMPARE(counts(picture), (std::map<std::uint32_t, int>{{westA, 4}}));
        QCOMPARE(uncounted(picture.uncounted), QStringList{QStringLiteral("East")});
        // A whole-city gateway speaks for it again.
        picture = merge.take(kFleet, kWholeCity, {road(eastA, 1), road(westA, 8)}, kT0 + kRoadTrafficStaleMs + 2);
        QCOMPARE(counts(picture), (std::map<std::uint32_t, int>{{eastA, 1}, {westA, 4}}));
        QVERIFY(picture.uncounted.empty());
    }

    void eachDistrictsRoadsComeFromTheGatewayBoundToIt()
    {
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), eastB = roadIn("East", 1), westA = roadIn("West", 0), westB = roadIn("West", 1);
        // North (East) counts West's roads too (a whole simulation, or an older gateway): only its East roads count.
        QCOMPARE(counts(merge.take(kNorth, serving("East"), {road(eastA, 5), road(westA, 9)}, kT0)), (std::map<std::uint32_t, int>{{eastA, 5}}));
        QCOMPARE(counts(merge.take(kSouth, serving("West"), {road(westB, 3), road(eastB, 4)}, kT0 + 1000)),
                 (std::map<std::uint32_t, int>{{eastA, 5}, {westB, 3}}));
        // North's next picture leaves South's roads as they are.
        QCOMPARE(counts(merge.take(kNorth, serving("East"), {road(eastB, 1)}, kT0 + 10'000)),
                 (std::map<std::uint32_t, int>{{eastB, 1}, {westB, 3}}));
    }

    void aWholeCityPictureSpeaksForTheDistrictsNoBoundGatewayCovers()
    {
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), eastC = roadIn("East", 2), westC = roadIn("West", 2), westD = roadIn("West", 3);
        QCOMPARE(counts(merge.take(kFleet, kWholeCity, {road(eastC, 6), road(westC, 8)}, kT0)),
                 (std::map<std::uint32_t, int>{{eastC, 6}, {westC, 8}}));
        QCOMPARE(counts(merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0 + 1000)),
                 (std::map<std::uint32_t, int>{{eastA, 5}, {westC, 8}}));
        // A newer whole-city picture does not speak over East's own gateway.
        QCOMPARE(counts(merge.take(kFleet, kWholeCity, {road(eastC, 1), road(westD, 2)}, kT0 + 2000)),
                 (std::map<std::uint32_t, int>{{eastA, 5}, {westD, 2}}));
    }

    void aPictureNobodyRenewsStopsSpeaking()
    {
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), eastF = roadIn("East", 5), westB = roadIn("West", 1), westC = roadIn("West", 2);
        merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0);
        merge.take(kSouth, serving("West"), {road(westB, 3)}, kT0);
        // North stops counting. Its picture speaks for East until it is older than a roads picture may be, then the
        // whole-city picture does.
        QCOMPARE(counts(merge.take(kFleet, kWholeCity, {road(eastF, 2), road(westC, 2)}, kT0 + kRoadTrafficStaleMs)),
                 (std::map<std::uint32_t, int>{{eastA, 5}, {westB, 3}}));
        QCOMPARE(counts(merge.take(kSouth, serving("West"), {road(westC, 7)}, kT0 + kRoadTrafficStaleMs + 1)),
                 (std::map<std::uint32_t, int>{{eastF, 2}, {westC, 7}}));
    }

    void aGoneGatewayStopsSpeakingAtOnce()
    {
        // Its goodbye, or its heartbeat missed: its roads are unknown from now, not as it last counted them for 90 s.
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), westA = roadIn("West", 0);
        merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0);
        merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 1000);
        QVERIFY(!merge.forget(kFleet, kT0 + 2000));   // it counted nothing: nothing changes
        const std::optional<RoadTrafficPayload> withoutNorth = merge.forget(kNorth, kT0 + 2000);
        QVERIFY(withoutNorth);
        QCOMPARE(counts(*withoutNorth), (std::map<std::uint32_t, int>{{westA, 3}}));
        QCOMPARE(uncounted(withoutNorth->uncounted), QStringList{QStringLiteral("East")});
        QVERIFY(!merge.forget(kNorth, kT0 + 3000));   // once
        // The last one gone: nobody counts anything.
        const std::optional<RoadTrafficPayload> nobody = merge.forget(kSouth, kT0 + 3000);
        QVERIFY(nobody && nobody->roads.empty());
        QCOMPARE(uncounted(nobody->uncounted), (QStringList{QStringLiteral("West"), QStringLiteral("East")}));
        // A whole-city gateway alone, gone: the same.
        merge.take(kFleet, kWholeCity, {road(eastA, 1), road(westA, 2)}, kT0 + 4000);
        const std::optional<RoadTrafficPayload> fleetGone = merge.forget(kFleet, kT0 + 5000);
        QVERIFY(fleetGone && fleetGone->roads.empty() && fleetGone->uncounted.size() == 2);
        // What is left is judged by its age then too: South's picture, 90 s old, speaks no more.
        merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 10'000);
        merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0 + 10'000 + kRoadTrafficStaleMs);
        const std::optional<RoadTrafficPayload> bothOld = merge.forget(kNorth, kT0 + 10'001 + kRoadTrafficStaleMs);
        QVERIFY(bothOld && bothOld->roads.empty() && bothOld->uncounted.size() == 2);
    }

    void aStartedGatewaysDistrictsAreAwaitedNotUncounted()
    {
        // A gateway known to run whose first picture has not come yet (it started, or the console did): its district
        // is unknown for a moment — named uncounted and awaited — and not counted once the wait is over.
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), westA = roadIn("West", 0);
        QVERIFY(!merge.expect(kSouth, serving("West"), kT0));   // no picture stands: none to change
        RoadTrafficPayload picture = merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0 + 1000);
        QCOMPARE(uncounted(picture.uncounted), QStringList{QStringLiteral("West")});
        QCOMPARE(uncounted(picture.awaited), QStringList{QStringLiteral("West")});
        // Its first picture: counted.
        picture = merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 2000);
        QVERIFY(picture.uncounted.empty() && picture.awaited.empty());
        QVERIFY(!merge.expect(kSouth, serving("West"), kT0 + 2500));   // its picture stands: nothing awaited
        // Gone: not counted. Back: awaited at once (the picture is sent again), and once only.
        picture = *merge.forget(kSouth, kT0 + 3000);
        QCOMPARE(uncounted(picture.uncounted), QStringList{QStringLiteral("West")});
        QVERIFY(picture.awaited.empty());
        const std::int64_t back = kT0 + 4000;
        const std::optional<RoadTrafficPayload> backAgain = merge.expect(kSouth, serving("West"), back);
        QVERIFY(backAgain);
        QCOMPARE(uncounted(backAgain->awaited), QStringList{QStringLiteral("West")});
        QCOMPARE(counts(*backAgain), (std::map<std::uint32_t, int>{{eastA, 5}}));
        QVERIFY(!merge.expect(kSouth, serving("West"), back + 1000));   // said again: the wait is not lengthened
        // It never sends one: awaited as long as a picture's first may take from when it was met, then not counted —
        // said when the wait ends (the link asks every second), not only with the next picture.
        picture = merge.take(kNorth, serving("East"), {road(eastA, 6)}, back + kRoadPictureAwaitedMs);
        QCOMPARE(uncounted(picture.awaited), QStringList{QStringLiteral("West")});
        QVERIFY(!merge.expire(back + kRoadPictureAwaitedMs));
        const std::optional<RoadTrafficPayload> waitOver = merge.expire(back + kRoadPictureAwaitedMs + 1);
        QVERIFY(waitOver);
        QCOMPARE(uncounted(waitOver->uncounted), QStringList{QStringLiteral("West")});
        QVERIFY(waitOver->awaited.empty());
        QCOMPARE(counts(*waitOver), (std::map<std::uint32_t, int>{{eastA, 6}}));
        QVERIFY(!merge.expire(back + kRoadPictureAwaitedMs + 2));   // once
        picture = merge.take(kNorth, serving("East"), {road(eastA, 6)}, back + kRoadPictureAwaitedMs + 3);
        QCOMPARE(uncounted(picture.uncounted), QStringList{QStringLiteral("West")});
        QVERIFY(picture.awaited.empty());
        // A whole-city gateway starting would count West too; gone before its first picture, West is not counted.
        const std::optional<RoadTrafficPayload> fleetStarts = merge.expect(kFleet, kWholeCity, back + kRoadPictureAwaitedMs + 2);
        QVERIFY(fleetStarts);
        QCOMPARE(uncounted(fleetStarts->awaited), QStringList{QStringLiteral("West")});
        const std::optional<RoadTrafficPayload> fleetGone = merge.forget(kFleet, back + kRoadPictureAwaitedMs + 3);
        QVERIFY(fleetGone);
        QCOMPARE(uncounted(fleetGone->uncounted), QStringList{QStringLiteral("West")});
        QVERIFY(fleetGone->awaited.empty());
    }

    void aWaitThatChangesNothingEndsQuietly()
    {
        // The end of a wait sends the picture again only when it changes what the picture says: not for a gateway
        // whose first picture came, nor for a whole-city one whose districts others count.
        RoadPictureMerge merge(city());
        const std::uint32_t eastA = roadIn("East", 0), westA = roadIn("West", 0);
        QVERIFY(!merge.expect(kSouth, serving("West"), kT0));
        merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0 + 1000);
        QVERIFY(merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 2000).uncounted.empty());
        QVERIFY(!merge.expect(kFleet, kWholeCity, kT0 + 3000));   // every district counted: nothing changes
        merge.take(kNorth, serving("East"), {road(eastA, 5)}, kT0 + 40'000);
        merge.take(kSouth, serving("West"), {road(westA, 3)}, kT0 + 40'000);
        QVERIFY(!merge.expire(kT0 + kRoadPictureAwaitedMs + 1));
        QVERIFY(!merge.expire(kT0 + 3000 + kRoadPictureAwaitedMs + 1));
    }

    void aPicturePutTogetherCarriesWhatOnePictureCan()
    {
        // Two districts' pictures of 500 roads each: the console keeps the 600 busiest, as one picture carries and the
        // store records — else a replay would show fewer roads than the live console did.
        RoadPictureMerge merge(city());
        std::vector<RoadTraffic> east, west;
        for (int i = 0; i < 500; ++i) {
            east.push_back(road(roadIn("East", i), 1));
            west.push_back(road(roadIn("West", i), 2));
        }
        merge.take(kNorth, serving("East"), east, kT0);
        const std::vector<RoadTraffic> city = merge.take(kSouth, serving("West"), west, kT0 + 1000).roads;
        QCOMPARE(int(city.size()), kMaxRoadsReported);
        QCOMPARE(std::count_if(city.begin(), city.end(), [](const RoadTraffic &r) { return r.vehicles == 2; }), 500);   // all of West's
        QVERIFY(std::is_sorted(city.begin(), city.end(), [](const RoadTraffic &a, const RoadTraffic &b) { return a.road < b.road; }));
    }

    void theConsoleShowsEachDistrictsRoadsFromItsGateway()
    {
        // --gateways gw-north=East,gw-south=West, each counting the whole city's roads: the console's picture has
        // North's East and South's West, nothing refused (a picture is cut, not a claim on another's road).
        NorthAndSouth room(boundToTheirDistricts);
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(room.north.status(true, 7) && room.south.status(true, 9));
        const std::uint32_t east = roadIn("East", 0), west = roadIn("West", 0);
        const auto picture = [&](int eastCars, int westCars) {
            return Event{0, 0, kNoDevice, RoadTrafficPayload{{road(west, westCars), road(east, eastCars)}, {}, {}}};
        };
        const auto book = [&] {
            TrafficBook::Roads roads;
            room.console.engine.books().traffic().snapshot(roads);
            return roads;
        };
        const auto shown = [&] { return counts(book().roads); };
        QVERIFY(room.north.field(picture(11, 12), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(shown(), (std::map<std::uint32_t, int>{{east, 11}}), 10'000);
        // South runs and has counted nothing yet: West is awaited, not "not counted".
        QCOMPARE(uncounted(book().uncounted), QStringList{QStringLiteral("West")});
        QTRY_COMPARE_WITH_TIMEOUT(uncounted(book().awaited), QStringList{QStringLiteral("West")}, 10'000);
        QVERIFY(room.south.field(picture(21, 22), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(shown(), (std::map<std::uint32_t, int>{{east, 11}, {west, 22}}), 10'000);
        QVERIFY(book().uncounted.empty());
        // North says goodbye: East's roads are not counted from now (not shown as North last counted them).
        QVERIFY(room.north.status(false, 7));
        QTRY_COMPARE_WITH_TIMEOUT(uncounted(book().uncounted), QStringList{QStringLiteral("East")}, 10'000);
        QCOMPARE(shown(), (std::map<std::uint32_t, int>{{west, 22}}));
        QVERIFY(book().awaited.empty());
        // North starts again: East is awaited at once, before its first picture.
        QVERIFY(room.north.status(true, 8));
        QTRY_COMPARE_WITH_TIMEOUT(uncounted(book().awaited), QStringList{QStringLiteral("East")}, 10'000);
        QVERIFY(room.north.field(picture(13, 0), room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(shown(), (std::map<std::uint32_t, int>{{east, 13}, {west, 22}}), 10'000);
        QVERIFY(book().uncounted.empty() && book().awaited.empty());
        QCOMPARE(room.counters().notTheirs, std::uint64_t(0));
    }

    void aGatewayThatNeverCountsIsNamedNotCountedWhenItsWaitEnds()
    {
        // The console's clock moved by hand (its link reads the same clock): South runs and counts nothing; the
        // link's own timer ends its wait, with no other picture to say so.
        HandClock clock;
        NorthAndSouth room([&clock](MqttLinkOptions &o) {
            boundToTheirDistricts(o);
            clock.drive(o);
        });
        const QString problem = room.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(room.now(), clock.now());
        QVERIFY(room.north.status(true, 7) && room.south.status(true, 9));
        const std::uint32_t east = roadIn("East", 0);
        const auto book = [&] {
            TrafficBook::Roads roads;
            room.console.engine.books().traffic().snapshot(roads);
            return roads;
        };
        QVERIFY(room.north.field(Event{0, 0, kNoDevice, RoadTrafficPayload{{road(east, 11)}, {}, {}}}, room.now()));
        QTRY_COMPARE_WITH_TIMEOUT(counts(book().roads), (std::map<std::uint32_t, int>{{east, 11}}), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(uncounted(book().awaited), QStringList{QStringLiteral("West")}, 10'000);
        clock.advance(kRoadPictureAwaitedMs + 1000);
        QTRY_VERIFY_WITH_TIMEOUT(book().awaited.empty(), 10'000);
        QCOMPARE(uncounted(book().uncounted), QStringList{QStringLiteral("West")});
        QCOMPARE(counts(book().roads), (std::map<std::uint32_t, int>{{east, 11}}));   // North's picture still speaks
        for (const GatewaySummary &gateway : room.console.link->gateways())
            QVERIFY2(gateway.running, qPrintable(gateway.name));   // neither missed a heartbeat: 46 s < 1.5 x 60 s
    }
};

QTEST_GUILESS_MAIN(TestRoadPictures)
#include "tst_roadpictures.moc"
