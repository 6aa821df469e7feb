// A running console takes the city's new response rules without a restart (engine/ruleswatch.h): on a real package
// file, changed the way cityops-admin changes it (and replaced the way an import with --force replaces it), the
// watch reads the rules again and says what changed; damaged rules are said once and those in force stay; the
// engine applies the new rules to incidents from then on and records the change as the city's, not a person's.
#include "city/citypackage.h"
#include "city/cityrules.h"
#include "engine/engine.h"
#include "engine/ruleswatch.h"
#include "link/simlink.h"
#include "storetesting.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

constexpr std::int64_t kMinute = 60'000;

ResponseRules rulesFrom(const char *json)
{
    auto rules = ResponseRules::fromJson(json);
    if (!rules)
        qFatal("%s", qPrintable(rules.error()));
    return rules.value();
}

/// A city package of its own in a folder of its own, written with the defaults and watched from them.
struct WatchedPackage {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("city.gpkg"));
    bool written = citypackage::write(*test::fixtureCity(), path).ok();
    RulesWatch watch{path, ResponseRules::defaults()};
    QSignalSpy changed{&watch, &RulesWatch::rulesChanged};
    QSignalSpy unusable{&watch, &RulesWatch::rulesUnusable};
    QSignalSpy checked{&watch, &RulesWatch::checked};
};

} // namespace

class TestRulesWatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changesAreSaidRuleByRule()
    {
        const ResponseRules defaults = ResponseRules::defaults();
        QCOMPARE(defaults.changesFrom(defaults), QString());
        const ResponseRules own = rulesFrom(R"({"acknowledge_within_min": {"critical": 7}, "on_scene_within_min": {"info": 90},
                                                "preempt_limit_min": 3})");
        QCOMPARE(own.changesFrom(defaults),
                 QStringLiteral("critical acknowledgement deadline: 2 min → 7 min; info on-scene deadline: none → 90 min; "
                                "alarm on a pre-emption after: 5 min → 3 min; now the city's own rules"));
        QCOMPARE(defaults.changesFrom(own),
                 QStringLiteral("critical acknowledgement deadline: 7 min → 2 min; info on-scene deadline: 90 min → none; "
                                "alarm on a pre-emption after: 3 min → 5 min; now the default rules"));
    }

    void aRunningConsoleTakesTheRulesTheAdministratorSets()
    {
        WatchedPackage p;
        QVERIFY(p.written);
        const QString &path = p.path;
        RulesWatch &watch = p.watch;
        QSignalSpy &changed = p.changed, &unusable = p.unusable, &checked = p.checked;

        const ResponseRules own = rulesFrom(R"({"acknowledge_within_min": {"critical": 7}, "hold_limit_min": 20})");
        QVERIFY(citypackage::setResponseRules(path, own));   // as `cityops-admin rules set` does
        QVERIFY(changed.wait());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<ResponseRules>(), own);
        QCOMPARE(changed.at(0).at(1).toString(),
                 QStringLiteral("critical acknowledgement deadline: 2 min → 7 min; alarm on a phase held by hand after: 30 min → 20 min; "
                                "now the city's own rules"));
        QCOMPARE(watch.current(), own);

        // The same rules written again: read, and nothing to say.
        const int reads = checked.count();
        QVERIFY(citypackage::setResponseRules(path, own));
        QTRY_VERIFY(checked.count() > reads);
        QCOMPARE(changed.count(), 1);

        // Taken out: the defaults again.
        QVERIFY(citypackage::setResponseRules(path, std::nullopt));
        QVERIFY(changed.wait());
        QCOMPARE(changed.last().at(0).value<ResponseRules>(), ResponseRules::defaults());
        QCOMPARE(unusable.count(), 0);
    }

    void damagedRulesAreSaidOnceAndThoseInForceStay()
    {
        WatchedPackage p;
        QVERIFY(p.written);
        const QString &path = p.path;
        RulesWatch &watch = p.watch;
        QSignalSpy &changed = p.changed, &unusable = p.unusable, &checked = p.checked;
        const ResponseRules own = rulesFrom(R"({"acknowledge_within_min": {"critical": 7}})");
        QVERIFY(citypackage::setResponseRules(path, own));
        QVERIFY(changed.wait());
        changed.clear();

        QVERIFY(test::storeRulesText(path, R"({"hold_limit_min": 5000})"));   // over a day: refused
        QVERIFY(unusable.wait());
        const QString why = unusable.at(0).at(0).toString();
        QVERIFY2(why.contains(path) && why.contains(QLatin1String("hold_limit_min")), qPrintable(why));
        QCOMPARE(watch.current(), own);   // the rules in force stay
        QCOMPARE(changed.count(), 0);

        // Read again, the same damage: not said again.
        const int reads = checked.count();
        watch.checkNow();
        QTRY_VERIFY(checked.count() > reads);
        QCOMPARE(unusable.count(), 1);

        // Mended: taken, and a later damage is said again.
        const ResponseRules mended = rulesFrom(R"({"acknowledge_within_min": {"critical": 9}})");
        QVERIFY(citypackage::setResponseRules(path, mended));
        QVERIFY(changed.wait());
        QCOMPARE(watch.current(), mended);
        QVERIFY(test::storeRulesText(path, "not json"));
        QVERIFY(unusable.wait());
        QCOMPARE(unusable.count(), 2);
        QCOMPARE(watch.current(), mended);
    }

    void aPackageReplacedOrRemovedAndBackIsStillWatched()
    {
        WatchedPackage p;
        QVERIFY(p.written);
        const QString &path = p.path;
        RulesWatch &watch = p.watch;
        QSignalSpy &changed = p.changed, &unusable = p.unusable;

        // A new import over the package (written beside it and renamed over it), carrying rules of the city's own.
        auto city = std::make_shared<CityModel>(*test::fixtureCity());
        city->rules = rulesFrom(R"({"preempt_limit_min": 3})");
        QVERIFY(citypackage::write(*city, path));
        QVERIFY(changed.wait());
        QCOMPARE(watch.current(), city->rules);

        // Removed: said (the rules in force stay); back again, watched again.
        QVERIFY(QFile::remove(path));
        QVERIFY(unusable.wait());
        QVERIFY2(unusable.at(0).at(0).toString().contains(QLatin1String("does not exist")), qPrintable(unusable.at(0).at(0).toString()));
        QCOMPARE(watch.current(), city->rules);
        city->rules = rulesFrom(R"({"preempt_limit_min": 4})");
        QVERIFY(citypackage::write(*city, path));
        QVERIFY(changed.wait());
        QCOMPARE(watch.current(), city->rules);
        QVERIFY(citypackage::setResponseRules(path, rulesFrom(R"({"preempt_limit_min": 2})")));
        QVERIFY(changed.wait());   // and the file that came back is the one watched
        QCOMPARE(watch.current().preemptLimitMs, 2 * kMinute);
    }

    void thePackageIsReadAgainUntoldForSharesThatDoNotTell()
    {
        // A package on a network share changes without a notification here: the watch reads it every so often anyway.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("city.gpkg"));
        QVERIFY(citypackage::write(*test::fixtureCity(), path));
        RulesWatch watch(path, ResponseRules::defaults(), 200);
        QSignalSpy checked(&watch, &RulesWatch::checked);
        QSignalSpy changed(&watch, &RulesWatch::rulesChanged);
        QTRY_VERIFY(checked.count() >= 2);   // nothing changed, nothing said, and read all the same
        QCOMPARE(changed.count(), 0);
    }

    void theEngineAppliesNewRulesFromNowOnAndRecordsThemAsTheCitys()
    {
        const auto city = test::fixtureCity();
        Engine engine(city);
        SimLinkOptions sim;
        sim.speed = 1;
        sim.warmUpHours = 0;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10000);
        const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}};
        // A person reports a critical incident through the engine; its id, 0 when refused or unanswered.
        const auto report = [&]() -> std::uint32_t {
            auto answer = std::make_shared<std::optional<Result<OpsReceipt>>>();
            auto mutex = std::make_shared<std::mutex>();
            engine.request(olga, request::ReportIncident{city->devices.front().position, IncidentSeverity::Critical, QStringLiteral("smoke"), kNoDevice},
                           [answer, mutex](const Result<OpsReceipt> &r) { std::lock_guard lock(*mutex); *answer = r; });
            (void)QTest::qWaitFor([&] { std::lock_guard lock(*mutex); return answer->has_value(); });   // unanswered: 0 below
            std::lock_guard lock(*mutex);
            return answer->has_value() && answer->value().ok() ? answer->value().value().ref : 0;
        };
        const auto ackWithin = [&](std::uint32_t id) {
            const auto incident = engine.incidents().find(id);
            return incident ? incident->ackByMs - incident->raisedMs : -1;
        };

        const std::uint32_t before = report();
        QVERIFY(before);
        QCOMPARE(ackWithin(before), 2 * kMinute);

        QSignalSpy said(&engine, &Engine::responseRulesChanged);
        const ResponseRules own = rulesFrom(R"({"acknowledge_within_min": {"critical": 7}})");
        engine.setResponseRules(own, own.changesFrom(ResponseRules::defaults()));
        QCOMPARE(said.count(), 1);
        QCOMPARE(engine.responseRules(), own);
        const std::uint32_t after = report();
        QVERIFY(after);
        QCOMPARE(ackWithin(after), 7 * kMinute);
        QCOMPARE(ackWithin(before), 2 * kMinute);   // an incident already in keeps the deadline it was given

        // In the record as the city's action, with what changed: no person's name.
        std::vector<ActivityLog::Entry> journal;
        engine.books().activity().snapshot(journal);
        const auto recorded = std::find_if(journal.begin(), journal.end(), [](const ActivityLog::Entry &e) {
            return e.text.startsWith(QLatin1String("rules-changed"));
        });
        QVERIFY(recorded != journal.end());
        QCOMPARE(recorded->text, QStringLiteral("rules-changed (city): critical acknowledgement deadline: 2 min → 7 min; now the city's own rules"));
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestRulesWatch)
#include "tst_ruleswatch.moc"
