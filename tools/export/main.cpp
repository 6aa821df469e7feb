// cityops-export: a recorded time window to files for reports and open data.
#include "city/citypackage.h"
#include "security/commandsigner.h"
#include "store/exportjob.h"
#include "store/chainexport.h"
#include "store/recordcheck.h"

#include "toolcli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>

#include <cstdio>

using namespace cityops;

namespace {
constexpr int kExitUsage = 2;

Result<std::int64_t> parseTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return makeError(QStringLiteral("\"%1\" is not an ISO 8601 time such as 2026-11-22T08:15:00Z").arg(text));
    return t.toMSecsSinceEpoch();
}

int usage(const QString &message)
{
    std::fprintf(stderr, "cityops-export: %s\nTry 'cityops-export --help'.\n", qPrintable(message));
    return kExitUsage;
}
QString cityPathOf(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("city")) ? parser.value(QStringLiteral("city")) : tool::defaultCityPath();
}

/// verify --export FILE --key PUBLIC.pem: a third party's check of an export that carries the chain.
int verifyExport(const QCommandLineParser &parser)
{
    for (const char *other : {"from", "to", "events", "incidents", "store", "verifiable", "pass-over-unreadable"})
        if (parser.isSet(QLatin1String(other)))
            return usage(QStringLiteral("--%1 does not go with verify --export").arg(QLatin1String(other)));
    if (!parser.isSet(QStringLiteral("key")))
        return usage(QStringLiteral("verify --export needs --key (the console's public key): without it anyone could have written the file"));
    auto key = CommandVerifier::fromPublicKeyFile(parser.value(QStringLiteral("key")));
    if (!key)
        return usage(QStringLiteral("--key: %1").arg(key.error()));
    QFile file(parser.value(QStringLiteral("export")));
    if (!file.open(QIODevice::ReadOnly))
        return usage(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    auto city = citypackage::read(cityPathOf(parser));
    if (!city) {
        std::fprintf(stderr, "cityops-export: %s\n", qPrintable(city.error()));
        return 1;
    }
    auto verdict = chainexport::verify(file, *city.value(), key.value());
    if (!verdict) {
        std::fprintf(stderr, "cityops-export: cannot verify %s: %s\n", qPrintable(file.fileName()), qPrintable(verdict.error()));
        return 1;
    }
    if (!verdict->intact) {
        std::printf("TAMPERED: %s (first bad seq %llu)\n", qPrintable(verdict->sentence), static_cast<unsigned long long>(verdict->firstBadSeq));
        return 1;
    }
    std::printf("%s\n", qPrintable(verdict->sentence));
    return 0;
}

/// verify --store FILE: the events' chain and its signed checkpoints, then every snapshot rebuilt from the events
/// (store/recordcheck.h, as the desk's "Check the record" does). 0 intact, 1 tampered or unreadable, 2 a wrong call —
/// including a city that is not the recording's, for the snapshots need it.
int verify(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("export")))
        return verifyExport(parser);
    if (!parser.isSet(QStringLiteral("store")))
        return usage(QStringLiteral("verify needs --store (or --export)"));
    for (const char *other : {"from", "to", "events", "incidents", "pass-over-unreadable"})
        if (parser.isSet(QLatin1String(other)))
            return usage(QStringLiteral("--%1 does not go with verify").arg(QLatin1String(other)));
    std::optional<CommandVerifier> key;
    if (parser.isSet(QStringLiteral("key"))) {
        auto k = CommandVerifier::fromPublicKeyFile(parser.value(QStringLiteral("key")));
        if (!k)
            return usage(QStringLiteral("--key: %1").arg(k.error()));
        key = std::move(k).value();
    }
    const QString path = parser.value(QStringLiteral("store"));
    if (!QFileInfo(path).isFile())
        return usage(QStringLiteral("store %1 does not exist").arg(path));
    const QString cityPath = cityPathOf(parser);
    const recordcheck::CityOf cityOf = [&cityPath] { return citypackage::read(cityPath); };
    QElapsedTimer sinceSaid;
    sinceSaid.start();
    auto checked = recordcheck::run(path, key ? &*key : nullptr, cityOf, [&sinceSaid](double done) {
        if (sinceSaid.elapsed() >= 2000) {
            sinceSaid.restart();
            std::fprintf(stderr, "cityops-export: checking snapshots: %d %%\n", int(done * 100));
        }
        return true;
    });
    if (!checked) {
        std::fprintf(stderr, "cityops-export: cannot verify %s: %s\n", qPrintable(path), qPrintable(checked.error()));
        return 1;
    }
    const recordcheck::Outcome &o = checked.value();
    if (!o.chain.intact) {
        std::printf("TAMPERED: %s (first bad seq %llu)\n", qPrintable(o.chain.sentence), static_cast<unsigned long long>(o.chain.firstBadSeq));
        return 1;
    }
    std::printf("%s%s\n", qPrintable(o.chain.sentence), key ? "" : " (signatures not checked: give --key)");
    if (!o.snapshots) {   // the city given is not the recording's, or cannot be read
        std::fprintf(stderr, "cityops-export: snapshots not checked: %s — give --city the city it records\n", qPrintable(o.snapshotsNotChecked));
        return kExitUsage;
    }
    const snapshotcheck::Verdict &snapshots = *o.snapshots;
    if (!snapshots.intact) {
        std::printf("TAMPERED: %s (snapshot after seq %llu)\n", qPrintable(snapshots.sentence),
                    static_cast<unsigned long long>(snapshots.badSnapshotSeq));
        return 1;
    }
    const bool noneRead = snapshots.checked == 0 && snapshots.unreadable > 0;
    std::printf("%s%s\n", qPrintable(snapshots.sentence), noneRead ? " — is --city the city it records?" : "");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cityops-export"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Exports a time window of a CityOps event store.\n\n"
        "  cityops-export --store FILE --from TIME --to TIME [--events OUT.jsonl|OUT.csv] [--incidents OUT.geojson]\n"
        "  cityops-export --store FILE --from TIME --to TIME --verifiable OUT.jsonl\n"
        "  cityops-export verify --store FILE [--key PUBLIC.pem] [--city FILE]\n"
        "  cityops-export verify --export OUT.jsonl --key PUBLIC.pem [--city FILE]\n\n"
        "--verifiable writes the window with the record's chain, the rows up to the next signed checkpoint and the\n"
        "checkpoints, so that anyone with the console's public key can check it with verify --export.\n\n"
        "verify walks the record's hash chain and its signed checkpoints (with the console's public key, record.pub in\n"
        "its data folder or its command key's public half) and names the first row that is not as recorded: exit 0 when\n"
        "intact, 1 when not. It then rebuilds each snapshot from the events before it (for the city, --city) and names\n"
        "the first that is not as they make it.\n\n"
        "Times are ISO 8601 (2026-11-22T08:00:00Z, or with an offset; without one, local time)."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("store"), QStringLiteral("The event store."), QStringLiteral("file")},
        {QStringLiteral("city"), QStringLiteral("The city it records (default: Berlin-Adlershof)."), QStringLiteral("file.gpkg")},
        {QStringLiteral("from"), QStringLiteral("Start of the window."), QStringLiteral("time")},
        {QStringLiteral("to"), QStringLiteral("End of the window."), QStringLiteral("time")},
        {QStringLiteral("events"), QStringLiteral("Write the events here (.jsonl or .csv)."), QStringLiteral("file")},
        {QStringLiteral("incidents"), QStringLiteral("Write the incidents here (.geojson)."), QStringLiteral("file")},
        {QStringLiteral("key"), QStringLiteral("verify: the public key the checkpoints must be signed with (PEM)."), QStringLiteral("file")},
        {QStringLiteral("verifiable"), QStringLiteral("Write the window with its chain and checkpoints here (.jsonl)."), QStringLiteral("file")},
        {QStringLiteral("export"), QStringLiteral("verify: an export written with --verifiable."), QStringLiteral("file")},
        {QStringLiteral("pass-over-unreadable"),
         QStringLiteral("--events/--incidents: leave out rows this release cannot read (written by a newer CityOps, or damaged) "
                        "and say how many, instead of refusing the export.")},
    });
    if (const auto done = tool::parseOrExit(parser, "cityops-export"))
        return *done;
    if (parser.positionalArguments() == QStringList{QStringLiteral("verify")})
        return verify(parser);
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    for (const char *required : {"store", "from", "to"})
        if (!parser.isSet(QLatin1String(required)))
            return usage(QStringLiteral("--%1 is required").arg(QLatin1String(required)));
    if (parser.isSet(QStringLiteral("export")))
        return usage(QStringLiteral("--export belongs to verify"));
    if (parser.isSet(QStringLiteral("verifiable"))) {
        if (parser.isSet(QStringLiteral("events")) || parser.isSet(QStringLiteral("incidents")))
            return usage(QStringLiteral("--verifiable is written on its own (not with --events or --incidents)"));
        if (parser.isSet(QStringLiteral("pass-over-unreadable")))   // a verifiable window is whole or it is not verifiable
            return usage(QStringLiteral("--pass-over-unreadable does not go with --verifiable: a window with rows left out could not be checked"));
        if (!QFileInfo(parser.value(QStringLiteral("store"))).isFile())
            return usage(QStringLiteral("store %1 does not exist").arg(parser.value(QStringLiteral("store"))));
    }
    ExportJob job;
    job.storePath = parser.value(QStringLiteral("store"));
    job.eventsPath = parser.value(QStringLiteral("events"));
    job.incidentsPath = parser.value(QStringLiteral("incidents"));
    job.verifiablePath = parser.value(QStringLiteral("verifiable"));
    job.passOverUnreadable = parser.isSet(QStringLiteral("pass-over-unreadable"));
    const auto from = parseTime(parser.value(QStringLiteral("from")));
    const auto to = parseTime(parser.value(QStringLiteral("to")));
    if (!from || !to)
        return usage(from ? to.error() : from.error());
    job.fromMs = from.value();
    job.toMs = to.value();
    if (auto s = job.validate(); !s)
        return usage(s.error());
    const QString cityPath = cityPathOf(parser);
    auto city = citypackage::read(cityPath);
    if (!city) {
        std::fprintf(stderr, "cityops-export: %s\n", qPrintable(city.error()));
        return 1;
    }
    auto done = job.run(city.value());
    if (!done) {
        std::fprintf(stderr, "cityops-export: %s\n", qPrintable(done.error()));
        return 1;
    }
    std::printf("exported %s\n", qPrintable(done.value()));
    return 0;
}
