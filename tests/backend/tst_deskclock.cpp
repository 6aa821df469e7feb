// Whose clock is off (deskClockOff): two clocks apart cannot say which is wrong, but every other clock the link judges
// — running gateways', and other consoles' as their operations said — agreeing against this desk's says it is this
// desk's; a console whose operations were taken speaks for it. The verdict alone,
// then from the real link's judgement of gateways by hand on a real mosquitto. The widgets' words for it:
// tst_statusline, tst_details.
#include "handgateways.h"
#include "link/deskclock.h"

#include <QTest>

#include <algorithm>

using namespace cityops;
using namespace cityops::test;

namespace {

GatewaySummary gateway(const char *name, std::optional<std::int64_t> aheadMs, bool running = true)
{
    GatewaySummary g;
    g.name = QString::fromLatin1(name);
    g.heard = true;
    g.running = running;
    g.devices = 3;
    g.clockAheadMs = aheadMs;
    return g;
}

PeerClock console(const char *name, std::int64_t aheadMs) { return {QString::fromLatin1(name), aheadMs}; }

} // namespace

class TestDeskClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gatewaysAgreeingAgainstTheDeskNameTheDesk()
    {
        // Both gateways' clocks run 42-45 s ahead of this desk's: it is this desk that runs behind.
        const auto verdict = deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", 45'000), gateway("gw-north", 43'500)}, {}, {});
        QVERIFY(verdict.has_value());
        QCOMPARE(verdict->aheadMs, -43'500);   // the middle one
        QCOMPARE(verdict->gateways, (QStringList{"gw-west", "gw-east", "gw-north"}));
        QVERIFY(verdict->consoles.isEmpty());
        // The other way: the desk runs an hour ahead of both.
        const auto ahead = deskClockOff({gateway("gw-west", -3600'000), gateway("gw-east", -3598'000)}, {}, {});
        QVERIFY(ahead.has_value());
        QCOMPARE(ahead->aheadMs, 3599'000);   // of two, halfway
    }

    void oneClockApartCannotSayWhichIsWrong()
    {
        QCOMPARE(deskClockOff({gateway("gw-west", 42'000)}, {}, {}), std::nullopt);
        QCOMPARE(deskClockOff({}, {console("desk-2", -45'000)}, {}), std::nullopt);
        QCOMPARE(deskClockOff({}, {}, {}), std::nullopt);
        // A gateway gone, or one whose clock is not judged yet, is no witness.
        QCOMPARE(deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", 42'000, false), gateway("gw-south", std::nullopt)}, {}, {}), std::nullopt);
    }

    void aClockOfTheFieldInStepWithTheDeskSpeaksForIt()
    {
        QCOMPARE(deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", 42'000), gateway("gw-south", 800)}, {}, {}), std::nullopt);
        // Only just off: not beyond what a command's issue time tolerates.
        QCOMPARE(deskClockOff({gateway("gw-west", 35'000), gateway("gw-east", 30'000)}, {}, {}), std::nullopt);
        QCOMPARE(deskClockOff({gateway("gw-west", -35'000), gateway("gw-east", -30'000)}, {}, {}), std::nullopt);
        QVERIFY(deskClockOff({gateway("gw-west", 35'000), gateway("gw-east", 30'001)}, {}, {}).has_value());
    }

    void clocksThatDisagreeAmongThemselvesSayNothingOfTheDesks()
    {
        QCOMPARE(deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", -42'000)}, {}, {}), std::nullopt);
        QCOMPARE(deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", 42'000 + kClocksAgreeWithinMs + 1)}, {}, {}), std::nullopt);
        QVERIFY(deskClockOff({gateway("gw-west", 42'000), gateway("gw-east", 42'000 + kClocksAgreeWithinMs)}, {}, {}).has_value());
    }

    void otherConsolesRefusedForTheirTimeAreWitnessesToo()
    {
        // Two desks whose operations this desk refused, both 45 s behind it: this desk runs ahead.
        const auto verdict = deskClockOff({}, {console("desk-2", -45'000), console("desk-3", -46'000)}, {});
        QVERIFY(verdict.has_value());
        QCOMPARE(verdict->aheadMs, 45'500);
        QCOMPARE(verdict->consoles, (QStringList{"desk-2", "desk-3"}));
        // With a gateway that agrees, and one that does not.
        const auto both = deskClockOff({gateway("gw-west", -44'000)}, {console("desk-2", -45'000)}, {});
        QVERIFY(both.has_value());
        QCOMPARE(both->gateways, QStringList{"gw-west"});
        QCOMPARE(both->consoles, QStringList{"desk-2"});
        QCOMPARE(deskClockOff({gateway("gw-west", 0)}, {console("desk-2", -45'000), console("desk-3", -45'000)}, {}), std::nullopt);
    }

    void aDeskWhoseOperationsAreTakenSpeaksForThisDesksClock()
    {
        // Two gateways 42 s ahead (one wrong time source for both), and another desk whose operations this one takes
        // (its clock within the window of this one's): this desk's clock is not the odd one out.
        const std::vector<GatewaySummary> both{gateway("gw-west", 42'000), gateway("gw-east", 42'000)};
        QVERIFY(deskClockOff(both, {}, {}).has_value());
        QCOMPARE(deskClockOff(both, {}, {console("desk-2", 300)}), std::nullopt);
        // As a link's counters have them.
        LinkCounters counters;
        counters.consolesInStep = {console("desk-2", 300)};
        QCOMPARE(deskClockOff(both, counters), std::nullopt);
        counters.consolesInStep.clear();
        counters.consolesOffClock = {console("desk-2", 41'000)};
        const auto verdict = deskClockOff(both, counters);
        QVERIFY(verdict.has_value());
        QCOMPARE(verdict->consoles, QStringList{"desk-2"});
    }

    void theLinksJudgementOfRealReportsNamesTheDesk()
    {
        // Two gateways whose reports are dated 45 s ahead of the console's clock (the times they put on the wire): the
        // link judges each from its reports, and its summaries say the desk runs behind. A third gateway in step with
        // the desk speaks for it.
        NorthAndSouth room;
        QVERIFY2(room.up().isEmpty(), qPrintable(room.up()));
        const std::vector<DeviceIndex> some = lamps(3);
        QVERIFY(room.north.status(true, 1) && room.south.status(true, 1));
        QVERIFY(room.north.light(some[0], 30, room.now() + 45'000) && room.south.light(some[1], 60, room.now() + 45'500));
        const auto judged = [&room](const char *name) {
            const std::optional<GatewaySummary> g = room.console.gateway(name);
            return g && g->running && g->clockAheadMs.has_value();
        };
        QTRY_VERIFY_WITH_TIMEOUT(judged("gw-north") && judged("gw-south"), 10'000);
        const std::optional<DeskClockOff> verdict = deskClockOff(room.console.link->gateways(), room.counters());
        QVERIFY(verdict.has_value());
        QVERIFY2(std::llabs(verdict->aheadMs + 45'000) < 2'000, qPrintable(QString::number(verdict->aheadMs)));
        QStringList named = verdict->gateways;
        named.sort();
        QCOMPARE(named, (QStringList{"gw-north", "gw-south"}));

        HandGateway west(room.broker.plainUrl(), "gw-west");
        QVERIFY(west.connected() && west.status(true, 1) && west.light(some[2], 10, room.now()));
        QTRY_VERIFY_WITH_TIMEOUT(judged("gw-west"), 10'000);
        QCOMPARE(deskClockOff(room.console.link->gateways(), room.counters()), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestDeskClock)
#include "tst_deskclock.moc"
