// A city's response rules (model/responserules.h): read from the file a city writes, every mistake refused with a
// sentence; kept in its package (a damaged entry refused when a console opens it, and still replaceable); stamped
// on every incident the live loop takes in — from the field, from another console, raised here — over whatever the
// event said, so the deadlines and the escalations are the city's and a replay shows the ones the people then had;
// the hold alarm at the city's limit. Real ops loop and scripted devices, on a clock the test moves.
#include "city/citypackage.h"
#include "city/cityrules.h"
#include "codec/eventcodec.h"
#include "dispatchrig.h"

#include <QTemporaryDir>
#include <QTest>


using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kMinute = 60'000;

/// The test city with its own rules: a critical incident acknowledged within 7 min and on scene within 25, a hold
/// by hand questioned after 10 min.
std::shared_ptr<const CityModel> cityWithRules()
{
    auto city = std::make_shared<CityModel>(*fixtureCity());
    auto rules = ResponseRules::fromJson(R"({"acknowledge_within_min": {"critical": 7}, "on_scene_within_min": {"critical": 25},
                                             "hold_limit_min": 10})");
    if (!rules)
        qFatal("%s", qPrintable(rules.error()));
    city->rules = rules.value();
    return city;
}

IncidentRaisedPayload critical(IncidentId id, const CityModel &city)
{
    IncidentRaisedPayload raised;
    raised.id = id;
    raised.kind = IncidentKind::Collision;
    raised.severity = IncidentSeverity::Critical;
    raised.position = city.devices.front().position;
    return raised;
}

} // namespace

class TestResponseRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aCityFileSetsWhatItNamesAndKeepsTheRest()
    {
        const ResponseRules defaults = ResponseRules::defaults();
        QVERIFY(!defaults.cityOwn);
        QCOMPARE(defaults.slaFor(IncidentSeverity::Critical).ackWithinMs, slaFor(IncidentSeverity::Critical).ackWithinMs);
        QCOMPARE(defaults.holdLimitFor(SignalMode::Manual), 30 * kMinute);
        QCOMPARE(defaults.holdLimitFor(SignalMode::Preempt), 5 * kMinute);

        const auto rules = ResponseRules::fromJson(R"({"acknowledge_within_min": {"critical": 3, "info": 0},
                                                       "on_scene_within_min": {"minor": 45}, "preempt_limit_min": 4})");
        QVERIFY2(rules, qPrintable(rules.error()));
        QVERIFY(rules->cityOwn);
        QCOMPARE(rules->slaFor(IncidentSeverity::Critical).ackWithinMs, 3 * kMinute);
        QCOMPARE(rules->slaFor(IncidentSeverity::Info).ackWithinMs, 0);                 // 0: no deadline
        QCOMPARE(rules->slaFor(IncidentSeverity::Minor).onSceneWithinMs, 45 * kMinute);
        QCOMPARE(rules->slaFor(IncidentSeverity::Major), defaults.slaFor(IncidentSeverity::Major));   // not named: kept
        QCOMPARE(rules->holdLimitFor(SignalMode::Preempt), 4 * kMinute);
        QCOMPARE(rules->holdLimitFor(SignalMode::Manual), 30 * kMinute);

        // What export prints, set takes back as it was.
        const auto again = ResponseRules::fromJson(rules->toJson());
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again.value(), rules.value());
        QVERIFY(rules->describe().contains(QLatin1String("critical: acknowledge within 3 min, on scene within 10 min")));
        QVERIFY2(rules->describe().contains(QLatin1String("info: no acknowledgement deadline, no on-scene deadline")), qPrintable(rules->describe()));
    }

    void everyMistakeIsRefusedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("not JSON") << QByteArray("{\"hold_limit_min\": 10") << "not JSON";
        QTest::newRow("a list") << QByteArray("[10]") << "one JSON object";
        QTest::newRow("a typo'd key") << QByteArray(R"({"hold_limit": 10})") << "no \"hold_limit\"";
        QTest::newRow("an unknown severity") << QByteArray(R"({"acknowledge_within_min": {"urgent": 1}})") << "no severity \"urgent\"";
        QTest::newRow("not by severity") << QByteArray(R"({"acknowledge_within_min": 5})") << "object of minutes by severity";
        QTest::newRow("part of a minute") << QByteArray(R"({"acknowledge_within_min": {"critical": 2.5}})") << "acknowledge_within_min.critical must be a whole number";
        QTest::newRow("negative") << QByteArray(R"({"on_scene_within_min": {"major": -1}})") << "on_scene_within_min.major must be";
        QTest::newRow("text") << QByteArray(R"({"hold_limit_min": "10"})") << "hold_limit_min must be a whole number of minutes from 1 to 1440";
        QTest::newRow("longer than a day") << QByteArray(R"({"acknowledge_within_min": {"minor": 1441}})") << "from 0 to 1440";
        QTest::newRow("no hold limit") << QByteArray(R"({"hold_limit_min": 0})") << "hold_limit_min must be";
        QTest::newRow("pre-emption for an hour and more") << QByteArray(R"({"preempt_limit_min": 61})") << "from 1 to 60";
        QTest::newRow("on scene before acknowledged") << QByteArray(R"({"acknowledge_within_min": {"major": 30}})")
                                                      << "a major incident's on-scene time (20 min) comes before its acknowledgement time (30 min)";
        QTest::newRow("too long") << QByteArray(5000, ' ') << "at most 4096 bytes";
    }
    void everyMistakeIsRefusedWithASentence()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const auto rules = ResponseRules::fromJson(json);
        QVERIFY(!rules);
        QVERIFY2(rules.error().contains(says), qPrintable(rules.error()));
    }

    void thePackageKeepsTheCitysRules()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.gpkg"));
        QVERIFY(citypackage::write(*fixtureCity(), path));
        auto city = citypackage::read(path);
        QVERIFY2(city, qPrintable(city.error()));
        QCOMPARE(city.value()->rules, ResponseRules::defaults());   // none stored: the defaults

        const ResponseRules own = cityWithRules()->rules;
        QVERIFY(citypackage::setResponseRules(path, own));
        city = citypackage::read(path);
        QVERIFY2(city, qPrintable(city.error()));
        QCOMPARE(city.value()->rules, own);

        // A package written with the city's rules carries them too.
        const QString copy = dir.filePath(QStringLiteral("copy.gpkg"));
        QVERIFY(citypackage::write(*city.value(), copy));
        QCOMPARE(citypackage::read(copy).value()->rules, own);

        QVERIFY(citypackage::setResponseRules(path, std::nullopt));
        QCOMPARE(citypackage::read(path).value()->rules, ResponseRules::defaults());
    }

    void damagedRulesKeepTheConsoleOutAndCanBeReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.gpkg"));
        QVERIFY(citypackage::write(*fixtureCity(), path));
        QVERIFY(test::storeRulesText(path, R"({"hold_limit_min": 5000})"));
        const auto city = citypackage::read(path);
        QVERIFY(!city);   // a console must not run other deadlines than the city's without saying so
        QVERIFY2(city.error().contains(QLatin1String("the city's response rules (cityops_meta.response_rules) cannot be used: hold_limit_min")),
                 qPrintable(city.error()));
        QVERIFY(city.error().contains(path));

        QVERIFY(citypackage::setResponseRules(path, cityWithRules()->rules));   // the administrator mends it
        QCOMPARE(citypackage::read(path).value()->rules, cityWithRules()->rules);

        // Not a city at all: refused, and not created.
        const QString nothing = dir.filePath(QStringLiteral("none.gpkg"));
        QVERIFY(!citypackage::setResponseRules(nothing, std::nullopt));
        QVERIFY(!QFile::exists(nothing));
    }

    void incidentsTakenInCarryTheCitysDeadlines()
    {
        Rig rig(cityWithRules());
        const CityModel &city = *rig.city;
        // From the field, claiming deadlines of its own (a gateway has no say in them).
        IncidentRaisedPayload forged = critical(901, city);
        forged.ackWithinMs = 999 * 24 * 60 * kMinute;
        forged.onSceneWithinMs = 999 * 24 * 60 * kMinute;
        std::vector<Event> batch{Event{0, rig.bench.now, kNoDevice, forged}};
        rig.bench.driver.ingest(batch);
        const auto &stamped = std::get<IncidentRaisedPayload>(batch.front().payload);
        QCOMPARE(stamped.ackWithinMs, 7 * kMinute);
        QCOMPARE(stamped.onSceneWithinMs, 25 * kMinute);
        const auto incident = rig.books().incidents().find(901);
        QVERIFY(incident);
        QCOMPARE(incident->ackByMs, incident->raisedMs + 7 * kMinute);
        QCOMPARE(incident->onSceneByMs, incident->raisedMs + 25 * kMinute);

        // Raised here by a person: the same rules.
        const auto reported = rig.ask(rig.olga, request::ReportIncident{city.devices.front().position, IncidentSeverity::Critical,
                                                                        QStringLiteral("smoke"), kNoDevice});
        QVERIFY2(reported, qPrintable(reported.error()));
        const auto own = rig.books().incidents().find(reported->ref);
        QVERIFY(own);
        QCOMPARE(own->ackByMs - own->raisedMs, 7 * kMinute);

        // The escalation comes at the city's seven minutes, not the default two.
        rig.run(6 * kMinute + 50'000);
        QVERIFY(!rig.books().incidents().find(901)->ackOverdue);
        rig.run(20'000);
        QVERIFY(rig.books().incidents().find(901)->ackOverdue);
    }

    void aReplayShowsTheDeadlinesOfTheirDay()
    {
        const auto city = cityWithRules();
        IncidentRaisedPayload stamped = critical(7, *city);
        stamped.ackWithinMs = 7 * kMinute;
        stamped.onSceneWithinMs = 25 * kMinute;
        IncidentRaisedPayload older = critical(8, *city);   // recorded before a city had rules: no stamp
        const std::int64_t t = berlin({2026, 3, 2}, {9, 0});
        // Recorded and read back, then applied as replay does — on a city whose rules have changed since (the
        // defaults): the recorded deadlines stand.
        std::vector<Event> replayed;
        for (const IncidentRaisedPayload &p : {stamped, older}) {
            auto decoded = eventcodec::decode(eventcodec::Kind::IncidentRaised, eventcodec::encode(p));
            QVERIFY2(decoded, qPrintable(decoded.error()));
            replayed.push_back(Event{0, t, kNoDevice, decoded.value()});
        }
        QCOMPARE(std::get<IncidentRaisedPayload>(replayed[0].payload).ackWithinMs, 7 * kMinute);
        QCOMPARE(std::get<IncidentRaisedPayload>(replayed[1].payload).ackWithinMs, -1);
        CorePipeline replay(fixtureCity());
        replay.process(replayed);
        QCOMPARE(replay.books().incidents().find(7)->ackByMs, t + 7 * kMinute);
        QCOMPARE(replay.books().incidents().find(7)->onSceneByMs, t + 25 * kMinute);
        QCOMPARE(replay.books().incidents().find(8)->ackByMs, t + slaFor(IncidentSeverity::Critical).ackWithinMs);

        // A row cut inside the deadlines is refused, not read as half a rule.
        const QByteArray bytes = eventcodec::encode(stamped);
        QVERIFY(!eventcodec::decode(eventcodec::Kind::IncidentRaised, bytes.left(bytes.size() - 8)));
        QVERIFY(!eventcodec::decode(eventcodec::Kind::IncidentRaised, bytes.left(bytes.size() - 1)));
    }

    void aHoldIsQuestionedAtTheCitysLimit()
    {
        Rig rig(cityWithRules());
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 1);
        const auto issued = rig.order(CommandAction::SignalHoldPhase, {signal}, 1);
        QVERIFY2(issued, qPrintable(issued.error()));
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{issued->ref, true, {}, {}}));
        QVERIFY(rig.runUntil(rig.finishing(issued->ref)));
        QCOMPARE(rig.books().states().state(signal).mode, std::uint8_t(SignalMode::Manual));
        rig.run(9 * kMinute + 50'000);
        QVERIFY(!rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun));
        rig.run(20'000);
        const auto alarm = rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun);
        QVERIFY(alarm && alarm->active);
        QVERIFY2(alarm->text.contains(QStringLiteral("held by order %1 for more than 10 min").arg(issued->ref)), qPrintable(alarm->text));
    }

    void newRulesWhileHeldMoveTheHoldsLimit()
    {
        Rig rig;   // the defaults: a hold by hand is questioned after 30 min
        const DeviceIndex signal = rig.nth(DeviceKind::SignalController, 1);
        const auto issued = rig.order(CommandAction::SignalHoldPhase, {signal}, 1);
        QVERIFY2(issued, qPrintable(issued.error()));
        QVERIFY(rig.ask(rig.sven, request::DecideOrder{issued->ref, true, {}, {}}));
        QVERIFY(rig.runUntil(rig.finishing(issued->ref)));
        rig.run(12 * kMinute);
        QVERIFY(!rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun));

        // The city says 10 min while the signal is held: the hold is past it at the next look.
        rig.bench.driver.setRules(cityWithRules()->rules);
        QCOMPARE(rig.bench.driver.rules(), cityWithRules()->rules);
        rig.run(2'000);
        auto alarm = rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun);
        QVERIFY(alarm && alarm->active);

        // And back to half an hour: the hold is within it again, the alarm returns.
        rig.bench.driver.setRules(ResponseRules::defaults());
        rig.run(2'000);
        alarm = rig.books().alarms().forDevice(signal, AlarmCause::HoldOverrun);
        QVERIFY(alarm && !alarm->active);
    }

    void newRulesReachIncidentsFromThenOn()
    {
        Rig rig;
        const CityModel &city = *rig.city;
        std::vector<Event> first{Event{0, rig.bench.now, kNoDevice, critical(901, city)}};
        rig.bench.driver.ingest(first);
        rig.bench.driver.setRules(cityWithRules()->rules);
        std::vector<Event> second{Event{0, rig.bench.now, kNoDevice, critical(902, city)}};
        rig.bench.driver.ingest(second);
        const auto old = rig.books().incidents().find(901), fresh = rig.books().incidents().find(902);
        QVERIFY(old && fresh);
        QCOMPARE(old->ackByMs - old->raisedMs, 2 * kMinute);   // keeps the deadline it was given
        QCOMPARE(fresh->ackByMs - fresh->raisedMs, 7 * kMinute);
        QCOMPARE(fresh->onSceneByMs - fresh->raisedMs, 25 * kMinute);
    }
};

QTEST_GUILESS_MAIN(TestResponseRules)
#include "tst_responserules.moc"
