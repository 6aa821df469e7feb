// cityops-sim: the city's devices as their own process, behind one MQTT connection (a field gateway), with
// fault injection. The console reaches them with --link mqtt[s]://HOST:PORT.
#include "city/citypackage.h"
#include "city/syntheticdevices.h"
#include "base/logging.h"
#include "base/stopsignals.h"
#include "link/devicegateway.h"
#include "security/keyringwatch.h"
#include "security/publickeywatch.h"
#ifdef CITYOPS_HAVE_SUMO
#include "sim/sumoplant.h"
#endif

#include "toolcli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

#include <optional>
#include <tuple>
#include <cstdio>

using namespace cityops;

namespace {
constexpr int kExitUsage = 2;

int usage(const QString &message)
{
    std::fprintf(stderr, "cityops-sim: %s\nTry 'cityops-sim --help'.\n", qPrintable(message));
    return kExitUsage;
}

/// A number option within [lo, hi], or a sentence saying what is wrong with it.
Result<double> number(const QCommandLineParser &p, const QString &name, double fallback, double lo, double hi)
{
    if (!p.isSet(name))
        return fallback;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok || v < lo || v > hi)
        return makeError(QStringLiteral("--%1 must be a number from %2 to %3, not \"%4\"").arg(name).arg(lo).arg(hi).arg(p.value(name)));
    return v;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cityops-sim"));
    // SIGTERM / SIGINT / SIGHUP, from now on: say goodbye on the broker (retained offline status), stop SUMO and
    // remove its files, print what we did. One during start-up (SUMO starting) waits until the gateway runs.
    StopSignals stopSignals;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The city's devices as a separate process, publishing to an MQTT broker (docs/PROTOCOL.md).\n\n"
        "  cityops-sim --broker mqtt[s]://HOST:PORT [--city FILE] [--ca FILE --cert FILE --key FILE --user U --password-file F]\n"
        "              [--consoles FILE] [--command-pubkey FILE] [--approvers FILE] [--replay-memory FILE] [--traffic sumo]\n"
        "              [--districts NAMES] [fault injection]\n\n"
        "Without --consoles or --command-pubkey every command is refused (nothing is trusted); without --approvers every\n"
        "high-risk one (hold, advance, flash, pre-empt, shed) is (nobody's approval is known). The keyrings and the\n"
        "--command-pubkey file are read again whenever they change: a console, approver or key removed is refused from\n"
        "the next command on."));
    parser.addHelpOption();
    const QString n = QStringLiteral("n"), ms = QStringLiteral("ms"), pct = QStringLiteral("percent"), file = QStringLiteral("file");
    parser.addOptions({
        {QStringLiteral("broker"), QStringLiteral("Broker address, mqtt://127.0.0.1:1883 or mqtts://HOST:8883."), QStringLiteral("url")},
        {QStringLiteral("city"), QStringLiteral("City package (default: Berlin-Adlershof)."), file},
        {QStringLiteral("synthetic-devices"), QStringLiteral("Add this many generated devices (as the console's option; use the same number and seed)."), n},
        {QStringLiteral("id"), QStringLiteral("Gateway name on the broker (default: sim-HOST)."), QStringLiteral("name")},
        {QStringLiteral("districts"), QStringLiteral("Serve only these districts' devices and incidents (names, comma-separated; "
                                                     "default: the whole city)."), QStringLiteral("names")},
        {QStringLiteral("ca"), QStringLiteral("CA certificate(s) to verify the broker."), file},
        {QStringLiteral("cert"), QStringLiteral("Client certificate."), file},
        {QStringLiteral("key"), QStringLiteral("Client certificate's key."), file},
        {QStringLiteral("user"), QStringLiteral("User name on the broker."), QStringLiteral("name")},
        {QStringLiteral("password-file"), QStringLiteral("File whose first line is the password."), file},
        {QStringLiteral("consoles"), QStringLiteral("Console keyring (cityops-admin console add): commands signed by any console listed "
                                                    "there are taken, each console with its own key."), file},
        {QStringLiteral("command-pubkey"), QStringLiteral("Ed25519 public key (PEM) commands may be signed with (one console's)."), file},
        {QStringLiteral("approvers"), QStringLiteral("Approver keyring (cityops-admin approver add): the supervisors whose signature a "
                                                     "high-risk command must carry."), file},
        {QStringLiteral("replay-memory"), QStringLiteral("File where the gateway remembers the commands it acted on, so a captured one "
                                                         "stays refused after a restart (made if missing, private to its owner)."), file},
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), n},
        {QStringLiteral("traffic"), QStringLiteral("Who runs the signals: embedded (their timetables, the default) or sumo (SUMO with the city's "
                                                   "network and demand; needs the Debian package sumo)."), QStringLiteral("embedded|sumo")},
        {QStringLiteral("keepalive"), QStringLiteral("MQTT keep-alive in seconds (default 10; the broker declares us gone after 1.5 x)."), QStringLiteral("s")},
        {QStringLiteral("answer-latency"), QStringLiteral("Device command latency range in ms, MIN:MAX (default 150:900)."), QStringLiteral("min:max")},
        {QStringLiteral("reject-rate"), QStringLiteral("Share of commands healthy devices refuse, percent (default 2)."), pct},
        {QStringLiteral("drop"), QStringLiteral("Fault: drop this share of reports."), pct},
        {QStringLiteral("delay"), QStringLiteral("Fault: hold every report back this long."), ms},
        {QStringLiteral("duplicate"), QStringLiteral("Fault: publish this share of reports twice."), pct},
        {QStringLiteral("malformed"), QStringLiteral("Fault: publish garbage instead of this share of reports."), pct},
        {QStringLiteral("offline"), QStringLiteral("Fault: this many devices at a time fall silent."), n},
        {QStringLiteral("offline-for"), QStringLiteral("Fault: ... for this many seconds each (default 60)."), QStringLiteral("s")},
        {QStringLiteral("clock-skew"), QStringLiteral("Fault: this gateway's clock is off by this much (may be negative)."), ms},
    });
    if (const auto done = tool::parseOrExit(parser, "cityops-sim"))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("broker")))
        return usage(QStringLiteral("--broker is required"));

    GatewayOptions options;
    auto url = BrokerUrl::parse(parser.value(QStringLiteral("broker")));
    if (!url)
        return usage(url.error());
    options.mqtt.url = url.value();
    options.mqtt.clientId = parser.isSet(QStringLiteral("id")) ? parser.value(QStringLiteral("id"))
                                                               : QStringLiteral("sim-%1").arg(QHostInfo::localHostName());
    if (options.mqtt.clientId.contains(QLatin1Char('/')) || options.mqtt.clientId.contains(QLatin1Char('+'))
        || options.mqtt.clientId.contains(QLatin1Char('#')) || options.mqtt.clientId.isEmpty())
        return usage(QStringLiteral("--id must not be empty or contain /, + or #"));
    options.mqtt.caFile = parser.value(QStringLiteral("ca"));
    options.mqtt.certFile = parser.value(QStringLiteral("cert"));
    options.mqtt.keyFile = parser.value(QStringLiteral("key"));
    options.mqtt.user = parser.value(QStringLiteral("user"));
    if (auto tls = completeTlsOptions(options.mqtt, parser.value(QStringLiteral("password-file"))); !tls)
        return usage(tls.error());

    struct NumberOption { const char *name; double fallback, lo, hi; double *out; };
    double seed = 1, keepalive = 10, rejectRate = 2, offline = 0, offlineFor = 60, delay = 0, skew = 0, synthetic = 0;
    FaultInjection &f = options.faults;
    for (const NumberOption &o : std::initializer_list<NumberOption>{
             {"seed", 1, 0, 9e15, &seed}, {"keepalive", 10, 5, 3600, &keepalive}, {"reject-rate", 2, 0, 100, &rejectRate},
             {"drop", 0, 0, 100, &f.dropPercent}, {"duplicate", 0, 0, 100, &f.duplicatePercent},
             {"malformed", 0, 0, 100, &f.malformedPercent}, {"offline", 0, 0, 1e6, &offline}, {"offline-for", 60, 1, 86400, &offlineFor},
             {"delay", 0, 0, 600'000, &delay}, {"clock-skew", 0, -86'400'000, 86'400'000, &skew},
             {"synthetic-devices", 0, 0, 1e6, &synthetic}}) {
        auto v = number(parser, QLatin1String(o.name), o.fallback, o.lo, o.hi);
        if (!v)
            return usage(v.error());
        *o.out = v.value();
    }
    options.seed = static_cast<std::uint64_t>(seed);
    options.mqtt.keepAliveS = static_cast<int>(keepalive);
    options.parameters.commandRejectRate = rejectRate / 100.0;
    f.offlineDevices = static_cast<int>(offline);
    f.offlineForMs = static_cast<std::int64_t>(offlineFor * 1000);
    f.delayMs = static_cast<std::int64_t>(delay);
    f.clockSkewMs = static_cast<std::int64_t>(skew);
    if (parser.isSet(QStringLiteral("answer-latency"))) {
        const QStringList range = parser.value(QStringLiteral("answer-latency")).split(QLatin1Char(':'));
        bool ok1 = false, ok2 = false;
        const qint64 lo = range.value(0).toLongLong(&ok1), hi = range.value(1).toLongLong(&ok2);
        if (range.size() != 2 || !ok1 || !ok2 || lo < 0 || hi < lo || hi > 600'000)
            return usage(QStringLiteral("--answer-latency must be MIN:MAX in ms with 0 <= MIN <= MAX, e.g. 150:900"));
        options.parameters.commandLatencyMinMs = lo;
        options.parameters.commandLatencyMaxMs = hi;
    }
    std::optional<CommandVerifier> verifier;
    QString commandKeyId;   // watched once the gateway exists
    if (parser.isSet(QStringLiteral("command-pubkey"))) {
        auto v = CommandVerifier::fromTrustedPublicKeyFile(parser.value(QStringLiteral("command-pubkey")));
        if (!v)
            return usage(v.error());
        verifier = std::move(v).value();
        commandKeyId = verifier->keyId();
    }
    options.replayMemoryPath = parser.value(QStringLiteral("replay-memory"));
    if (parser.isSet(QStringLiteral("replay-memory")) && options.replayMemoryPath.isEmpty())
        return usage(QStringLiteral("--replay-memory needs a file name"));
    // The keyrings: read now (a bad one is a usage error), then watched (KeyringWatch) once the gateway exists.
    for (const auto &[option, kind, target] : {std::tuple{"consoles", ConsoleKeyring::Kind::Consoles, &options.consoles},
                                               std::tuple{"approvers", ConsoleKeyring::Kind::Approvers, &options.approvers}}) {
        if (!parser.isSet(QLatin1String(option)))
            continue;
        auto keyring = ConsoleKeyring::load(parser.value(QLatin1String(option)), false, kind);
        if (!keyring)
            return usage(keyring.error());
        *target = std::make_shared<const ConsoleKeyring>(std::move(keyring).value());
    }

    const bool userCity = parser.isSet(QStringLiteral("city"));
    auto city = citypackage::read(userCity ? parser.value(QStringLiteral("city")) : tool::defaultCityPath());
    if (!city) {
        std::fprintf(stderr, "cityops-sim: cannot open the city: %s\n", qPrintable(city.error()));
        return userCity ? kExitUsage : 1;
    }
    if (synthetic > 0) {
        auto enlarged = std::make_shared<CityModel>(*city.value());
        addSyntheticDevices(*enlarged, static_cast<size_t>(synthetic), options.seed);
        city = std::shared_ptr<const CityModel>(std::move(enlarged));
    }

    if (parser.isSet(QStringLiteral("districts"))) {
        QStringList names;
        for (const QString &name : parser.value(QStringLiteral("districts")).split(QLatin1Char(',')))
            if (!name.trimmed().isEmpty())
                names << name.trimmed();
        auto districts = city.value()->districtIndexes(names);
        if (!districts)
            return usage(QStringLiteral("--districts: %1").arg(districts.error()));
        if (districts.value().empty())
            return usage(QStringLiteral("--districts needs at least one district name"));
        options.districts = std::move(districts).value();
    }

    const QString traffic = parser.value(QStringLiteral("traffic"));
    if (!traffic.isEmpty() && traffic != QLatin1String("embedded") && traffic != QLatin1String("sumo"))
        return usage(QStringLiteral("--traffic must be embedded or sumo, not \"%1\"").arg(traffic));
    if (traffic == QLatin1String("sumo")) {
#ifdef CITYOPS_HAVE_SUMO
        if (QStandardPaths::findExecutable(QStringLiteral("sumo")).isEmpty())
            return usage(QStringLiteral("--traffic sumo needs SUMO, which is not installed: install the Debian package sumo"));
        auto setup = sumoSetupFromPackage(userCity ? parser.value(QStringLiteral("city")) : tool::defaultCityPath(), *city.value());
        if (!setup)
            return usage(setup.error());
        setup->seed = options.seed;
        options.signalPlant = [c = city.value(), s = setup.value()] { return std::make_unique<SumoPlant>(c, s); };
#else
        return usage(QStringLiteral("--traffic sumo: this build has no SUMO client (install the Debian package sumo and build again)"));
#endif
    }

    DeviceGateway gateway(city.value(), options, std::move(verifier));
    QObject::connect(&gateway, &DeviceGateway::connectionChanged, &app, [&](bool connected, const QString &why) {
        if (connected)
            std::fprintf(stderr, "cityops-sim: %s connected to %s with %zu devices\n", qPrintable(gateway.id()),
                         qPrintable(options.mqtt.url.toString()), size_t(gateway.servedDevices()));
        else
            std::fprintf(stderr, "cityops-sim: broker connection: %s (retrying)\n", qPrintable(why));
    });
    std::optional<PublicKeyWatch> commandKeyWatch;
    if (!commandKeyId.isEmpty()) {
        commandKeyWatch.emplace(parser.value(QStringLiteral("command-pubkey")), commandKeyId);
        QObject::connect(&*commandKeyWatch, &PublicKeyWatch::changed, &gateway, &DeviceGateway::setCommandKey);
    }
    std::optional<KeyringWatch> consolesWatch, approversWatch;
    if (options.consoles) {
        consolesWatch.emplace(parser.value(QStringLiteral("consoles")), ConsoleKeyring::Kind::Consoles, options.consoles);
        QObject::connect(&*consolesWatch, &KeyringWatch::changed, &gateway, &DeviceGateway::setConsoles);
    }
    if (options.approvers) {
        approversWatch.emplace(parser.value(QStringLiteral("approvers")), ConsoleKeyring::Kind::Approvers, options.approvers);
        QObject::connect(&*approversWatch, &KeyringWatch::changed, &gateway, &DeviceGateway::setApprovers);
    }
    if (auto started = gateway.start(); !started) {
        std::fprintf(stderr, "cityops-sim: %s\n", qPrintable(started.error()));
        return 1;
    }

    stopSignals.onStop(&app, [&app](const QString &name) {
        std::fprintf(stderr, "cityops-sim: %s received: stopping\n", qPrintable(name));
        app.quit();
    });
    const int rc = app.exec();
    const GatewayStats s = gateway.stats();
    gateway.stop();
    const QJsonObject stats{{"gateway", gateway.id()}, {"published", double(s.published)}, {"dropped", double(s.dropped)},
                            {"commands", double(s.commands)}, {"executed", double(s.executed)}, {"repeats", double(s.repeats)},
                            {"refused", double(s.refused)}, {"refreshes", double(s.refreshes)}, {"fleet_requests", double(s.fleetRequests)}};
    std::printf("%s\n", QJsonDocument(stats).toJson(QJsonDocument::Compact).constData());
    return rc;
}
