// cityops-import: turns a SUMO network into a CityOps city package (GeoPackage).
#include "base/counted.h"
#include "city/citypackage.h"
#include "city/sumoimport.h"
#include "city/trafficfiles.h"
#include "sim/demandrepeat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <cstdio>

using namespace cityops;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailed = 1;

/// A day of demand for the network: randomTrips.py (sumo-tools) at the peak rate for 24 h with a fixed seed,
/// routed and checked by duarouter (--validate), then thinned to the daily profile.
Result<QByteArray> generateDemand(const QString &net, double peakPerHour, std::uint64_t seed)
{
    const QString home = qEnvironmentVariable("SUMO_HOME", QStringLiteral("/usr/share/sumo"));
    const QString script = QDir(home).filePath(QStringLiteral("tools/randomTrips.py"));
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!QFileInfo::exists(script) || python.isEmpty())
        return makeError(QStringLiteral("generating demand needs python3 and SUMO's randomTrips.py (Debian package sumo-tools; "
                                        "not found at %1): install it, or pass --demand FILE or --no-demand").arg(script));
    QTemporaryDir work;
    if (!work.isValid())
        return makeError(QStringLiteral("no temporary folder for randomTrips.py: %1").arg(work.errorString()));
    const QString trips = work.filePath(QStringLiteral("trips.xml"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SUMO_HOME"), home);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(work.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(python, {script, QStringLiteral("-n"), QFileInfo(net).absoluteFilePath(), QStringLiteral("-o"), trips,
                     QStringLiteral("-b"), QStringLiteral("0"), QStringLiteral("-e"), QStringLiteral("86400"),
                     QStringLiteral("-p"), QString::number(3600.0 / peakPerHour, 'f', 4),
                     QStringLiteral("--seed"), QString::number(seed % 2'000'000'000), QStringLiteral("--validate"),
                     QStringLiteral("--fringe-factor"), QStringLiteral("5"), QStringLiteral("--min-distance"), QStringLiteral("500")});
    if (!p.waitForFinished(15 * 60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return makeError(QStringLiteral("randomTrips.py failed: %1").arg(QString::fromUtf8(p.readAll()).trimmed().split(QLatin1Char('\n')).last()));
    QFile f(trips);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("randomTrips.py wrote no trips"));
    return trafficfiles::shapeToDailyProfile(f.readAll(), seed);
}

int usageError(const QCommandLineParser &parser, const QString &message)
{
    QTextStream err(stderr);
    err << "cityops-import: " << message << "\n\n" << parser.helpText();
    return kExitUsage;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cityops-import"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYOPS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports a city for CityOps.\n\n"
        "  cityops-import sumo NET.net.xml --out CITY.gpkg [options]\n\n"
        "Reads a georeferenced SUMO network (netconvert output, UTM projection) and writes a GeoPackage city "
        "package: roads, junctions and signals from the network, generated streetlights, substations, feeders and "
        "districts. The network itself and a day of traffic demand are stored in the package for SUMO "
        "(--traffic sumo): generated with SUMO's randomTrips.py and a daily profile unless --demand or --no-demand."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("format"), QStringLiteral("Source format: sumo."));
    parser.addPositionalArgument(QStringLiteral("input"), QStringLiteral("The SUMO .net.xml file."));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("City package to write (.gpkg)."), QStringLiteral("file"));
    const QCommandLineOption nameOption(QStringLiteral("name"), QStringLiteral("City name shown in the console."), QStringLiteral("name"));
    const QCommandLineOption zoneOption(QStringLiteral("timezone"), QStringLiteral("IANA time zone of the city (default UTC)."),
                                        QStringLiteral("zone"), QStringLiteral("UTC"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed for generated assets (default 1)."),
                                        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption spacingOption(QStringLiteral("light-spacing"),
                                           QStringLiteral("Metres between streetlights on residential roads (default 30)."),
                                           QStringLiteral("m"), QStringLiteral("30"));
    const QCommandLineOption forceOption(QStringLiteral("force"), QStringLiteral("Overwrite an existing output file."));
    const QCommandLineOption demandOption(QStringLiteral("demand"), QStringLiteral("A day of traffic (SUMO route or trip file) to store instead of generating one."),
                                          QStringLiteral("file"));
    const QCommandLineOption noDemandOption(QStringLiteral("no-demand"), QStringLiteral("Store no traffic demand (signals run without vehicles)."));
    const QCommandLineOption peakOption(QStringLiteral("peak-vehicles"), QStringLiteral("Vehicles entering in the evening peak hour when generating demand (default 2400)."),
                                        QStringLiteral("n"), QStringLiteral("2400"));
    parser.addOptions({outOption, nameOption, zoneOption, seedOption, spacingOption, forceOption, demandOption, noDemandOption, peakOption});

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "cityops-import " << CITYOPS_VERSION << "\n";
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(parser, QStringLiteral("expected a format and an input file"));
    if (args[0] != QLatin1String("sumo"))
        return usageError(parser, QStringLiteral("unknown format \"%1\"; supported: sumo").arg(args[0]));
    if (!parser.isSet(outOption))
        return usageError(parser, QStringLiteral("--out is required"));
    const QString out = parser.value(outOption);
    if (!out.endsWith(QLatin1String(".gpkg"), Qt::CaseInsensitive))
        return usageError(parser, QStringLiteral("--out must name a .gpkg file"));
    if (QFileInfo::exists(out) && !parser.isSet(forceOption))
        return usageError(parser, QStringLiteral("%1 exists; pass --force to overwrite it").arg(out));

    ImportOptions options;
    options.name = parser.value(nameOption);
    options.timezone = parser.value(zoneOption);
    if (!QTimeZone(options.timezone.toUtf8()).isValid())
        return usageError(parser, QStringLiteral("unknown time zone \"%1\"").arg(options.timezone));
    bool ok = false;
    options.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return usageError(parser, QStringLiteral("--seed must be a non-negative integer"));
    options.lightSpacingM = parser.value(spacingOption).toDouble(&ok);
    if (!ok || options.lightSpacingM < 5 || options.lightSpacingM > 500)
        return usageError(parser, QStringLiteral("--light-spacing must be a number of metres between 5 and 500"));

    if (parser.isSet(demandOption) && parser.isSet(noDemandOption))
        return usageError(parser, QStringLiteral("--demand and --no-demand exclude each other"));
    const double peak = parser.value(peakOption).toDouble(&ok);
    if (!ok || peak < 1 || peak > 100'000)
        return usageError(parser, QStringLiteral("--peak-vehicles must be a number of vehicles from 1 to 100000"));
    // The network as given, read once: checked against the demand and stored in the package as it is.
    QByteArray network;
    {
        QFile net(args[1]);
        if (!net.exists())
            return usageError(parser, QStringLiteral("the network %1 does not exist").arg(net.fileName()));
        if (!net.open(QIODevice::ReadOnly))
            return usageError(parser, QStringLiteral("cannot read the network %1: %2").arg(net.fileName(), net.errorString()));
        network = net.readAll();
    }
    QByteArray demand;
    if (parser.isSet(demandOption)) {
        QFile f(parser.value(demandOption));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(parser, QStringLiteral("cannot read the demand %1: %2").arg(f.fileName(), f.errorString()));
        demand = f.readAll();
        if (auto checked = trafficfiles::checkDemand(demand); !checked)
            return usageError(parser, QStringLiteral("%1: %2").arg(f.fileName(), checked.error()));
        if (auto fits = trafficfiles::checkDemandFitsNetwork(demand, network); !fits)
            return usageError(parser, QStringLiteral("%1: %2").arg(f.fileName(), fits.error()));
    }

    QTextStream err(stderr);
    auto city = importSumoNet(args[1], options);
    if (!city) {
        err << "cityops-import: " << city.error() << "\n";
        return kExitFailed;
    }
    // A city's response rules are its policy, not its roads: a package imported anew over the old one keeps them.
    if (QFileInfo::exists(out)) {
        if (const auto previous = citypackage::read(out); previous && previous.value()->rules.cityOwn) {
            city.value().rules = previous.value()->rules;
            err << "cityops-import: keeping the city's own response rules of " << out << " (cityops-admin rules show)\n";
        } else if (!previous) {
            err << "cityops-import: replacing a package that cannot be read (" << previous.error()
                << "); response rules it may have held are not carried over (cityops-admin rules set)\n";
        }
    }
    if (auto s = citypackage::write(city.value(), out); !s) {
        err << "cityops-import: " << s.error() << "\n";
        return kExitFailed;
    }
    // SUMO's files: the network as given, and a day of demand.
    if (auto s = trafficfiles::store(out, trafficfiles::kNetwork, network); !s) {
        err << "cityops-import: " << s.error() << "\n";
        return kExitFailed;
    }
    if (!parser.isSet(demandOption) && !parser.isSet(noDemandOption)) {
        err << "cityops-import: generating a day of traffic (randomTrips.py, " << peak << " vehicles in the peak hour) ...\n";
        err.flush();
        auto generated = generateDemand(args[1], peak, options.seed);
        if (!generated) {
            err << "cityops-import: " << generated.error() << "\n";
            return kExitFailed;
        }
        demand = std::move(generated).value();
    }
    if (!demand.isEmpty()) {
        if (auto s = trafficfiles::store(out, trafficfiles::kDemand, demand); !s) {
            err << "cityops-import: " << s.error() << "\n";
            return kExitFailed;
        }
    }
    // What of the day SUMO's plant can repeat after the two days the file holds (DemandRepeat): said now, to the
    // person who chose the demand, not first in the console's log two days into a run.
    QString perDay = QStringLiteral(", no demand");
    if (!demand.isEmpty()) {
        auto repeat = DemandRepeat::fromDay(demand, trafficfiles::kDemandDaysWritten);
        if (!repeat) {
            err << "cityops-import: " << repeat.error() << "\n";
            return kExitFailed;
        }
        perDay = QStringLiteral(" and %1 vehicles of demand a day that SUMO repeats for as long as it runs").arg(repeat->repeated());
        if (repeat->repeatedPeople() > 0)
            perDay += QStringLiteral(", with %1 on foot").arg(counted(repeat->repeatedPeople(), "person", "people"));
        if (repeat->runOn() > 0)
            perDay += QStringLiteral(" (and %1 without an end, which SUMO runs on by itself)").arg(counted(repeat->runOn(), "flow"));
        if (repeat->notRepeated() > 0)
            err << "cityops-import: note: " << counted(repeat->notRepeated(), "element")
                << " of the demand" << (repeat->notRepeated() == 1 ? " is" : " are") << " not repeated after its first day or two (people who ride, trips between "
                   "zones or junctions, stops at stopping places or triggered, flows past midnight): docs/TRAFFIC.md\n";
    }
    const CityModel &c = city.value();
    QTextStream(stdout) << "wrote " << out << ": " << c.roads.size() << " roads, " << c.junctions.size() << " junctions, "
                        << c.signals.size() << " signals, " << c.streetlights.size() << " streetlights, "
                        << c.feeders.size() << " feeders, " << c.substations.size() << " substations, "
                        << c.districts.size() << " districts; SUMO network"
                        << perDay
                        << "\n";
    return 0;
}
