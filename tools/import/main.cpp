// cityops-import: turns a SUMO network into a CityOps city package (GeoPackage).
#include "city/citypackage.h"
#include "city/sumoimport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <QTimeZone>

#include <cstdio>

using namespace cityops;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailed = 1;

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
        "districts."));
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
    parser.addOptions({outOption, nameOption, zoneOption, seedOption, spacingOption, forceOption});

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

    QTextStream err(stderr);
    auto city = importSumoNet(args[1], options);
    if (!city) {
        err << "cityops-import: " << city.error() << "\n";
        return kExitFailed;
    }
    if (auto s = citypackage::write(city.value(), out); !s) {
        err << "cityops-import: " << s.error() << "\n";
        return kExitFailed;
    }
    const CityModel &c = city.value();
    QTextStream(stdout) << "wrote " << out << ": " << c.roads.size() << " roads, " << c.junctions.size() << " junctions, "
                        << c.signals.size() << " signals, " << c.streetlights.size() << " streetlights, "
                        << c.feeders.size() << " feeders, " << c.substations.size() << " substations, "
                        << c.districts.size() << " districts\n";
    return 0;
}
