// Which districts a gateway serves, on the command line: the console's `--gateways NAME=DISTRICT+DISTRICT` (what it
// believes of each gateway) and cityops-sim's `--districts` (what a gateway serves). Names the city does not have
// are usage errors (exit 2) that say which districts it has.
#include "commandline.h"
#include "programtesting.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

Result<ConsoleOptions> parse(const QString &gateways)
{
    return parseConsoleArguments({QStringLiteral("cityops"), QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"),
                                  QStringLiteral("--gateways"), gateways});
}

} // namespace

class TestGatewayOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theConsoleReadsWhichDistrictsEachGatewayServes()
    {
        const auto o = parse(QStringLiteral("gw-north=East+West , gw-south=west,gw-fleet"));
        QVERIFY2(o.ok(), o.ok() ? "" : qPrintable(o.error()));
        QCOMPARE(o->knownGateways, (QStringList{"gw-north", "gw-south", "gw-fleet"}));
        QCOMPARE(o->gatewayDistricts.size(), 2);
        QCOMPARE(o->gatewayDistricts.value(QStringLiteral("gw-north")), (QStringList{"East", "West"}));
        QCOMPARE(o->gatewayDistricts.value(QStringLiteral("gw-south")), (QStringList{"west"}));
        QVERIFY(!o->gatewayDistricts.contains(QStringLiteral("gw-fleet")));   // serves the whole city

        const auto none = parse(QStringLiteral("gw-north=+"));
        QVERIFY(!none.ok() && none.error().contains(QLatin1String("names no district")));
        const auto twice = parse(QStringLiteral("gw-north=East,gw-north=West"));
        QVERIFY(!twice.ok() && twice.error().contains(QLatin1String("named twice")));
        const auto nameless = parse(QStringLiteral("=East"));
        QVERIFY(!nameless.ok() && nameless.error().contains(QLatin1String("is not a gateway name")));
    }

    void aDistrictTheCityDoesNotHaveIsAUsageError()
    {
        const Run console = runProgram(QStringLiteral("cityops"),
                                       {QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:%1").arg(closedPort()), QStringLiteral("--gateways"),
                                        QStringLiteral("gw-north=East+Nowhere"), QStringLiteral("--no-store"), QStringLiteral("--quit-after"),
                                        QStringLiteral("1000")});
        QCOMPARE(console.exitCode, 2);
        QVERIFY2(console.err.contains(QLatin1String("gw-north")) && console.err.contains(QLatin1String("no district \"Nowhere\""))
                     && console.err.contains(QLatin1String("West, East")),
                 qPrintable(console.err));

        const QStringList broker{QStringLiteral("--broker"), QStringLiteral("mqtt://127.0.0.1:%1").arg(closedPort())};
        Run sim = runProgram(QStringLiteral("cityops-sim"), broker + QStringList{QStringLiteral("--districts"), QStringLiteral("east,Nowhere")});
        QCOMPARE(sim.exitCode, 2);
        QVERIFY2(sim.err.contains(QLatin1String("--districts")) && sim.err.contains(QLatin1String("no district \"Nowhere\"")), qPrintable(sim.err));
        sim = runProgram(QStringLiteral("cityops-sim"), broker + QStringList{QStringLiteral("--districts"), QStringLiteral(" , ")});
        QCOMPARE(sim.exitCode, 2);
        QVERIFY2(sim.err.contains(QLatin1String("at least one district")), qPrintable(sim.err));
    }
};

QTEST_GUILESS_MAIN(TestGatewayOptions)
#include "tst_gatewayoptions.moc"
