// The traffic codecs: queue figures, a vehicle's signals ahead and its spell, and the roads' picture with the
// districts it counts, in the store's bytes and in JSON — every figure out of range refused with an error. The
// other kinds: tst_eventcodec.
#include "storetesting.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestTrafficCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void trafficFiguresAreChecked()
    {
        // Traffic: more approaches than a signal may have, an approach index out of range, occupancy over 100 % are
        // refused, in the store's bytes and in JSON.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, QByteArray(1, char(kMaxApproaches + 1))).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, eventcodec::encode(TrafficPayload{{{kMaxApproaches, 1, 1, 1, 7}}})).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Traffic, eventcodec::encode(TrafficPayload{{{0, 1, 1, 101, 7}}})).ok());
        const DeviceIndex aSignal = fixtureCity()->signals.front().device;
        Event traffic{8, 1'795'000'000'000, aSignal, TrafficPayload{{{1, 12, 15, 34, 45}}}};
        QJsonObject json = eventjson::eventToJson(traffic, *fixtureCity());
        auto back = eventjson::eventFromJson(json, *fixtureCity());
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
    }

    void aVehicleNamesItsSignalsAhead()
    {
        // A vehicle: its call sign is checked in the store's bytes too; in JSON it names its signals ahead by id.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Vehicle, eventcodec::encode(VehiclePayload{QStringLiteral("amb 1"), {}, 0, 0, true, 0, {}, {}})).ok());
        const VehiclePayload moving{QStringLiteral("ambulance-2"), {13.52, 52.43}, 13.9f, 271.5f, false, 3, {{13.52, 52.43}, {13.53, 52.44}}, {{0, 0, 312.5}}};
        const QJsonObject json = eventjson::eventToJson(Event{9, 1'795'000'000'000, kNoDevice, moving}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("ahead")).toArray().first().toObject().value(QLatin1String("signal")).toString(),
                 fixtureCity()->devices[fixtureCity()->signals[0].device].id);
        const auto back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<VehiclePayload>(back.value().payload), moving);
        QVERIFY(back.value().device == kNoDevice);

    }

    /// Since when a vehicle has been parked or on its way, as its source says: kept in the store's bytes and the
    /// wire's JSON; a record from before it was said reads as not said; anything but a time is refused.
    void aVehicleSaysSinceWhen()
    {
        const VehiclePayload parked{QStringLiteral("ambulance-3"), {13.5, 52.4}, 0, 0, true, 0, {}, {}, 1'794'999'280'000};
        const QByteArray blob = eventcodec::encode(parked);
        const auto back = eventcodec::decode(eventcodec::Kind::Vehicle, blob);
        QVERIFY(back.ok());
        QCOMPARE(std::get<VehiclePayload>(back.value()).sinceMs, parked.sinceMs);
        const auto older = eventcodec::decode(eventcodec::Kind::Vehicle, blob.left(blob.size() - 8));   // recorded before
        QVERIFY(older.ok());
        QCOMPARE(std::get<VehiclePayload>(older.value()).sinceMs, std::int64_t(-1));
        VehiclePayload negative = parked;
        negative.sinceMs = -5;
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Vehicle, eventcodec::encode(negative)).ok());

        const auto json = [](const VehiclePayload &v) {
            return eventjson::eventToJson(Event{9, 1'795'000'000'000, kNoDevice, v}, *fixtureCity());
        };
        const QJsonObject said = json(parked);
        QCOMPARE(said.value(QLatin1String("data")).toObject().value(QLatin1String("since_ms")).toDouble(), 1'794'999'280'000.0);
        const auto fromJson = eventjson::eventFromJson(said, *fixtureCity());
        QVERIFY2(fromJson.ok(), qPrintable(fromJson.error()));
        QCOMPARE(std::get<VehiclePayload>(fromJson.value().payload), parked);
        VehiclePayload unsaid = parked;
        unsaid.sinceMs = -1;
        QVERIFY(!json(unsaid).value(QLatin1String("data")).toObject().contains(QLatin1String("since_ms")));   // left out
        for (const QJsonValue &bad : {QJsonValue(QStringLiteral("yesterday")), QJsonValue(-1), QJsonValue(1.5), QJsonValue(5e12), QJsonValue(true)}) {
            QJsonObject event = said;
            QJsonObject data = event.value(QLatin1String("data")).toObject();
            data.insert(QLatin1String("since_ms"), bad);
            event.insert(QLatin1String("data"), data);
            const auto refused = eventjson::eventFromJson(event, *fixtureCity());
            QVERIFY2(!refused.ok(), qPrintable(bad.toVariant().toString()));
            QVERIFY2(refused.error().contains(QLatin1String("since_ms")), qPrintable(refused.error()));
        }
    }

    void theRoadsPictureIsChecked()
    {
        // The roads' picture: more standing than on the road, a speed over 100 % or more roads than a report may
        // carry are refused in the store's bytes; in JSON each road is [road, vehicles, halting, speed_pct] of this city.
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, eventcodec::encode(RoadTrafficPayload{{{0, 2, 3, 10}}, {}, {}})).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, eventcodec::encode(RoadTrafficPayload{{{0, 2, 1, 101}}, {}, {}})).ok());
        QByteArray tooMany;
        tooMany.append(char((kMaxRoadsReported + 1) & 0xff)).append(char((kMaxRoadsReported + 1) >> 8));
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, tooMany).ok());
        // Where each line stands follows the roads: a row from before it was recorded (none) reads as not said; an
        // end that is neither of the road's is refused.
        const RoadTrafficPayload roads{{{0, 12, 4, 35, RoadEnd::First}, {1, 3, 0, 90}}, {}, {}};
        const QByteArray blob = eventcodec::encode(roads);
        const auto older = eventcodec::decode(eventcodec::Kind::Roads, blob.left(blob.size() - 2));
        QVERIFY(older.ok());
        QCOMPARE(std::get<RoadTrafficPayload>(older.value()).roads.front().standsAt, RoadEnd::Unknown);
        QCOMPARE(std::get<RoadTrafficPayload>(older.value()).roads.front().halting, std::uint16_t(4));
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, blob.left(blob.size() - 2) + QByteArray("\x03\x00", 2)).ok());
        const QJsonObject json = eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, roads}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("roads"));
        const auto back = eventjson::eventFromJson(json, *fixtureCity());
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
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("roads")).toArray().at(0).toArray(),
                 (QJsonArray{0, 12, 4, 35, 2}));   // stands before its first point
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("roads")).toArray().at(1).toArray().size(), 4);
        QVERIFY(roadsWith(QJsonArray{0, 12, 4, 35, 1}).ok());
        QVERIFY(roadsWith(QJsonArray{0, 12, 4, 35, 0}).ok());     // not said
        QVERIFY(!roadsWith(QJsonArray{0, 12, 4, 35, 3}).ok());    // no such end
        QVERIFY(!roadsWith(QJsonArray{0, 12, 4, 35, "first"}).ok());
        QVERIFY(!roadsWith(QJsonArray{0, 12, 4, 35, 1, 1}).ok());
        QJsonObject asDevice = json;
        asDevice.insert(QLatin1String("device"), fixtureCity()->devices[0].id);
        QVERIFY(!eventjson::eventFromJson(asDevice, *fixtureCity()).ok());   // not a device's
    }

    void aPictureNamesTheDistrictsNobodyCounts()
    {
        // After where each line stands, the districts nobody counts (a console's picture put together by district):
        // a row without them reads as before; an empty, unordered or repeated list is refused.
        const RoadTrafficPayload roads{{{0, 12, 4, 35, RoadEnd::First}}, {0, 1}, {}};
        const QByteArray blob = eventcodec::encode(roads);
        QCOMPARE(blob.size(), eventcodec::encode(RoadTrafficPayload{roads.roads, {}, {}}).size() + 6);
        const auto back = eventcodec::decode(eventcodec::Kind::Roads, blob);
        QVERIFY(back.ok());
        QCOMPARE(std::get<RoadTrafficPayload>(back.value()).uncounted, (std::vector<std::uint16_t>{0, 1}));
        const QByteArray before = blob.left(blob.size() - 6);
        QVERIFY(eventcodec::decode(eventcodec::Kind::Roads, before).ok());
        QVERIFY(std::get<RoadTrafficPayload>(eventcodec::decode(eventcodec::Kind::Roads, before).value()).uncounted.empty());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x00\x00", 2)).ok());                  // none
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x02\x00\x01\x00\x00\x00", 6)).ok());  // 1, 0
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x02\x00\x01\x00\x01\x00", 6)).ok());  // 1, 1
        QVERIFY(eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x01\x00\x01\x00", 4)).ok());

        // In JSON, "uncounted": district indexes of this city (the fixture has one), ascending; left out when none.
        QCOMPARE(fixtureCity()->districts.size(), size_t(1));
        const RoadTrafficPayload oneDistrict{roads.roads, {0}, {}};
        const QJsonObject json = eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, oneDistrict}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("uncounted")).toArray(), (QJsonArray{0}));
        const auto fromJson = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(fromJson.ok(), qPrintable(fromJson.error()));
        QCOMPARE(std::get<RoadTrafficPayload>(fromJson.value().payload).uncounted, oneDistrict.uncounted);
        QVERIFY(!eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, RoadTrafficPayload{roads.roads, {}, {}}}, *fixtureCity())
                     .value(QLatin1String("data")).toObject().contains(QLatin1String("uncounted")));
        const auto uncountedAs = [&](const QJsonValue &value) {
            QJsonObject changed = json, data = json.value(QLatin1String("data")).toObject();
            data.insert(QLatin1String("uncounted"), value);
            changed.insert(QLatin1String("data"), data);
            return eventjson::eventFromJson(changed, *fixtureCity());
        };
        QVERIFY(uncountedAs(QJsonArray{}).ok());
        QVERIFY(!uncountedAs(QJsonArray{1}).ok());   // no such district
        QVERIFY(!uncountedAs(QJsonArray{0, 0}).ok());
        QVERIFY(!uncountedAs(QJsonArray{-1}).ok());
        QVERIFY(!uncountedAs(QJsonArray{"West"}).ok());
        QVERIFY(!uncountedAs(1).ok());
    }

    void aPictureNamesTheDistrictsWhoseFirstCountIsAwaited()
    {
        // After the uncounted districts, those of them awaited (their gateway just started), only when there are any:
        // a row without them reads as before; an empty or unordered list, or one naming a counted district, refused.
        const RoadTrafficPayload roads{{{0, 12, 4, 35, RoadEnd::First}}, {0, 2, 5}, {2, 5}};
        const QByteArray blob = eventcodec::encode(roads);
        const QByteArray before = eventcodec::encode(RoadTrafficPayload{roads.roads, roads.uncounted, {}});
        QCOMPARE(blob.size(), before.size() + 6);
        const auto back = eventcodec::decode(eventcodec::Kind::Roads, blob);
        QVERIFY(back.ok());
        QCOMPARE(std::get<RoadTrafficPayload>(back.value()).uncounted, (std::vector<std::uint16_t>{0, 2, 5}));
        QCOMPARE(std::get<RoadTrafficPayload>(back.value()).awaited, (std::vector<std::uint16_t>{2, 5}));
        QVERIFY(std::get<RoadTrafficPayload>(eventcodec::decode(eventcodec::Kind::Roads, before).value()).awaited.empty());
        QVERIFY(eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x01\x00\x00\x00", 4)).ok());              // 0
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x00\x00", 2)).ok());                     // none
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x01\x00\x01\x00", 4)).ok());             // 1: counted
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x02\x00\x05\x00\x02\x00", 6)).ok());   // 5, 2
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, before + QByteArray("\x04\x00\x00\x00\x02\x00\x05\x00\x06\x00", 10)).ok());   // more than uncounted
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Roads, blob + QByteArray("\x00", 1)).ok());   // trailing junk

        // In JSON, "awaited": of the uncounted districts, ascending; left out when none.
        const RoadTrafficPayload oneDistrict{roads.roads, {0}, {0}};
        const QJsonObject json = eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, oneDistrict}, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("awaited")).toArray(), (QJsonArray{0}));
        const auto fromJson = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(fromJson.ok(), qPrintable(fromJson.error()));
        QCOMPARE(std::get<RoadTrafficPayload>(fromJson.value().payload).awaited, oneDistrict.awaited);
        QVERIFY(!eventjson::eventToJson(Event{10, 1'795'000'000'000, kNoDevice, RoadTrafficPayload{roads.roads, {0}, {}}}, *fixtureCity())
                     .value(QLatin1String("data")).toObject().contains(QLatin1String("awaited")));
        const auto with = [&](const QJsonValue &uncounted, const QJsonValue &awaited) {
            QJsonObject changed = json, data = json.value(QLatin1String("data")).toObject();
            data.insert(QLatin1String("uncounted"), uncounted);
            data.insert(QLatin1String("awaited"), awaited);
            changed.insert(QLatin1String("data"), data);
            return eventjson::eventFromJson(changed, *fixtureCity());
        };
        QVERIFY(with(QJsonArray{0}, QJsonArray{}).ok());
        const auto notUncounted = with(QJsonArray{}, QJsonArray{0});
        QVERIFY(!notUncounted.ok());
        QVERIFY2(notUncounted.error().contains(QLatin1String("uncounted")), qPrintable(notUncounted.error()));
        QVERIFY(!with(QJsonArray{0}, QJsonArray{1}).ok());   // no such district
        QVERIFY(!with(QJsonArray{0}, QJsonArray{0, 0}).ok());
        QVERIFY(!with(QJsonArray{0}, 0).ok());
    }
};

QTEST_GUILESS_MAIN(TestTrafficCodec)
#include "tst_trafficcodec.moc"
