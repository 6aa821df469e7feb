#include "commandline.h"

#include "base/secretfile.h"
#include "security/ldapdirectory.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace cityops {
namespace {

struct Parser {
    QCommandLineParser parser;
    QCommandLineOption city{QStringLiteral("city"), QStringLiteral("City package to open (default: Berlin-Adlershof)."),
                            QStringLiteral("file.gpkg")};
    QCommandLineOption seed{QStringLiteral("seed"), QStringLiteral("Seed of the simulated city (default 1)."), QStringLiteral("n")};
    QCommandLineOption speed{QStringLiteral("speed"),
                             QStringLiteral("Simulated seconds per real second, 0.1 to 3600 (default 1)."), QStringLiteral("x")};
    QCommandLineOption lang{QStringLiteral("lang"), QStringLiteral("User interface language: en, ja or zh_CN."), QStringLiteral("language")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the main window just before quitting (works without a display)."),
                                  QStringLiteral("file.png")};
    QCommandLineOption quitAfter{QStringLiteral("quit-after"),
                                 QStringLiteral("Quit after this many milliseconds (default 3000 with --screenshot)."),
                                 QStringLiteral("ms")};
    QCommandLineOption store{QStringLiteral("store"),
                             QStringLiteral("Event store to record to and replay from (default: one per city in the user's data folder)."),
                             QStringLiteral("file")};
    QCommandLineOption noStore{QStringLiteral("no-store"), QStringLiteral("Do not record (the console says so on screen).")};
    QCommandLineOption retain{QStringLiteral("retain-days"), QStringLiteral("Delete recorded events older than this (default 30; 0 keeps all)."),
                              QStringLiteral("n")};
    QCommandLineOption replay{QStringLiteral("replay"), QStringLiteral("Open straight into replay of the store.")};
    QCommandLineOption from{QStringLiteral("from"), QStringLiteral("Replay from this time (ISO 8601, e.g. 2026-11-22T08:00 or with Z/offset)."),
                            QStringLiteral("time")};
    QCommandLineOption to{QStringLiteral("to"), QStringLiteral("Replay up to this time (ISO 8601)."), QStringLiteral("time")};
    QCommandLineOption synthetic{QStringLiteral("synthetic-devices"),
                                 QStringLiteral("Add N generated devices (streetlights and signals along the roads) to the city, up to 1000000."),
                                 QStringLiteral("n")};
    QCommandLineOption tiles{QStringLiteral("tiles"), QStringLiteral("Draw an offline raster background from an MBTiles file under the city."),
                             QStringLiteral("file.mbtiles")};
    QCommandLineOption link{QStringLiteral("link"),
                            QStringLiteral("Reach the field through an MQTT broker instead of the built-in simulator: mqtts://HOST:PORT (or mqtt:// on this machine)."),
                            QStringLiteral("url")};
    QCommandLineOption ca{QStringLiteral("ca"), QStringLiteral("CA certificate(s) to verify the broker with (default: the system's)."), QStringLiteral("file")};
    QCommandLineOption cert{QStringLiteral("cert"), QStringLiteral("Client certificate for the broker."), QStringLiteral("file")};
    QCommandLineOption key{QStringLiteral("key"), QStringLiteral("Key of the client certificate."), QStringLiteral("file")};
    QCommandLineOption brokerUser{QStringLiteral("broker-user"), QStringLiteral("User name on the broker."), QStringLiteral("name")};
    // People and secrets: every password file must be private to its owner (docs/SECURITY.md).
    QCommandLineOption brokerPasswordFile{QStringLiteral("broker-password-file"), QStringLiteral("Broker password (first line)."), QStringLiteral("file")};
    QCommandLineOption directory{QStringLiteral("directory"),
                                 QStringLiteral("Who may sign in: a user directory file (default: users.db, data folder) or ldaps://HOST/BASE-DN."),
                                 QStringLiteral("file|url")};
    QCommandLineOption ldapMap{QStringLiteral("ldap-map"), QStringLiteral("LDAP groups to roles and districts (default: ldap-map.json, data folder)."),
                               QStringLiteral("file")};
    QCommandLineOption user{QStringLiteral("user"), QStringLiteral("Sign in as this person, no sign-in card."), QStringLiteral("name")};
    QCommandLineOption passwordFile{QStringLiteral("password-file"), QStringLiteral("The --user's password (first line)."), QStringLiteral("file")};
    QCommandLineOption idleLock{QStringLiteral("idle-lock"), QStringLiteral("Lock after so many idle minutes (10; 0 never)."), QStringLiteral("min")};
    QCommandLineOption commandKey{QStringLiteral("command-key"),
                                  QStringLiteral("Ed25519 private key (PEM) that signs commands; without it commands are refused."),
                                  QStringLiteral("file")};
    QCommandLineOption gateways{QStringLiteral("gateways"),
                                QStringLiteral("Take field reports only from these gateways (names, comma-separated; default: any). "
                                               "NAME=DISTRICT+DISTRICT: that one serves only those districts' devices and incidents."),
                                QStringLiteral("names")};
    QCommandLineOption consoleId{QStringLiteral("console-id"), QStringLiteral("This console's name on the broker (default: console-HOST-PID)."),
                                 QStringLiteral("name")};
    QCommandLineOption consoles{QStringLiteral("consoles"),
                                QStringLiteral("Keyring of the consoles whose operations are taken (default: consoles.json in the data folder)."),
                                QStringLiteral("file")};
    QCommandLineOption wall{QStringLiteral("wall"),
                            QStringLiteral("Run as a video wall with this layout: a JSON file, or \"default\" (docs/WALL.md)."),
                            QStringLiteral("layout")};
    QCommandLineOption traffic{QStringLiteral("traffic"),
                               QStringLiteral("Who runs the built-in simulator's signals: embedded (their timetables, default) or sumo "
                                              "(SUMO with the city's network and demand)."),
                               QStringLiteral("embedded|sumo")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit.")};
    QCommandLineOption version{{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit.")};

    Parser()
    {
        parser.setApplicationDescription(QStringLiteral("CityOps — operations console for city control rooms."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        for (const QCommandLineOption *o : all())
            parser.addOption(*o);
    }
    std::vector<const QCommandLineOption *> all() const
    {
        return {&city, &seed, &speed, &lang, &screenshot, &quitAfter, &store, &noStore, &retain, &replay, &from, &to, &synthetic,
                &tiles, &directory, &ldapMap, &user, &passwordFile, &idleLock, &link, &ca, &cert, &key, &brokerUser, &brokerPasswordFile,
                &commandKey, &gateways, &consoleId, &consoles, &wall, &traffic, &help, &version};
    }
};

Status parseLinkOptions(const Parser &p, ConsoleOptions &o)
{
    const auto &parser = p.parser;
    if (parser.isSet(p.traffic)) {
        const QString traffic = parser.value(p.traffic);
        if (traffic != QLatin1String("embedded") && traffic != QLatin1String("sumo"))
            return makeError(QStringLiteral("--traffic must be embedded or sumo, not \"%1\"").arg(traffic));
        o.sumoTraffic = traffic == QLatin1String("sumo");
        if (o.sumoTraffic && parser.isSet(p.link))
            return makeError(QStringLiteral("--traffic sumo is for the built-in simulator; with --link give it to cityops-sim"));
        if (o.sumoTraffic && o.replay)
            return makeError(QStringLiteral("--traffic sumo runs live traffic; it cannot be combined with --replay"));
    }
    if (!parser.isSet(p.link)) {
        for (const QCommandLineOption *only : {&p.ca, &p.cert, &p.key, &p.brokerUser, &p.brokerPasswordFile, &p.commandKey, &p.consoleId, &p.gateways, &p.consoles})
            if (parser.isSet(*only))
                return makeError(QStringLiteral("--%1 only makes sense with --link").arg(only->names().first()));
        return Ok{};
    }
    if (o.replay)
        return makeError(QStringLiteral("--replay reads the store; it cannot be combined with --link"));
    auto url = BrokerUrl::parse(parser.value(p.link));
    if (!url)
        return Error{url.error()};
    o.useBroker = true;
    o.mqtt.url = url.value();
    o.mqtt.caFile = parser.value(p.ca);
    o.mqtt.certFile = parser.value(p.cert);
    o.mqtt.keyFile = parser.value(p.key);
    o.mqtt.user = parser.value(p.brokerUser);
    o.mqtt.clientId = parser.value(p.consoleId);
    if (parser.isSet(p.consoleId)
        && (o.mqtt.clientId.isEmpty() || o.mqtt.clientId.contains(QLatin1Char('/')) || o.mqtt.clientId.contains(QLatin1Char('+'))
            || o.mqtt.clientId.contains(QLatin1Char('#')) || o.mqtt.clientId.size() > 64))
        return makeError(QStringLiteral("--console-id must be 1 to 64 characters without /, + or #"));
    if (parser.isSet(p.gateways)) {
        for (const QString &entry : parser.value(p.gateways).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            // NAME, or NAME=DISTRICT+DISTRICT (checked against the city once it is read).
            const qsizetype equals = entry.indexOf(QLatin1Char('='));
            const QString g = entry.left(equals).trimmed();
            if (g.isEmpty() || g.contains(QLatin1Char('/')) || g.contains(QLatin1Char('+')) || g.contains(QLatin1Char('#')) || g.size() > 64)
                return makeError(QStringLiteral("--gateways: \"%1\" is not a gateway name (1 to 64 characters without /, + or #)").arg(g));
            if (o.knownGateways.contains(g))
                return makeError(QStringLiteral("--gateways: %1 is named twice (give its districts once: %1=DISTRICT+DISTRICT)").arg(g));
            if (equals >= 0) {
                QStringList districts;
                for (const QString &d : entry.mid(equals + 1).split(QLatin1Char('+')))
                    if (!d.trimmed().isEmpty())
                        districts << d.trimmed();
                if (districts.isEmpty())
                    return makeError(QStringLiteral("--gateways: %1= names no district (NAME=DISTRICT+DISTRICT)").arg(g));
                o.gatewayDistricts.insert(g, districts);
            }
            o.knownGateways << g;
        }
        if (o.knownGateways.isEmpty())
            return makeError(QStringLiteral("--gateways needs at least one gateway name"));
    }
    o.commandKeyPath = parser.value(p.commandKey);
    o.consolesPath = parser.value(p.consoles);
    if (!o.commandKeyPath.isEmpty())
        if (auto s = secretfile::checkPrivate(o.commandKeyPath); !s)
            return makeError(QStringLiteral("--command-key: %1").arg(s.error()));
    if (parser.isSet(p.brokerPasswordFile) && parser.value(p.brokerUser).isEmpty())
        return makeError(QStringLiteral("--broker-password-file needs --broker-user"));
    if (parser.isSet(p.brokerPasswordFile))
        if (auto s = secretfile::checkPrivate(parser.value(p.brokerPasswordFile)); !s)
            return makeError(QStringLiteral("--broker-password-file: %1").arg(s.error()));
    return completeTlsOptions(o.mqtt, parser.value(p.brokerPasswordFile));
}

} // namespace

QStringList supportedLanguages() { return {QStringLiteral("en"), QStringLiteral("ja"), QStringLiteral("zh_CN")}; }

QString consoleHelpText()
{
    // Built by hand rather than QCommandLineParser::helpText() so it does not need an application object.
    Parser p;
    QString text = QStringLiteral("Usage: cityops [options]\n%1\n\nOptions:\n").arg(p.parser.applicationDescription());
    QList<QPair<QString, QString>> rows;
    qsizetype width = 0;
    for (const QCommandLineOption *o : p.all()) {
        QStringList names;
        for (const QString &n : o->names())
            names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        QString left = names.join(QStringLiteral(", "));
        if (!o->valueName().isEmpty())
            left += QStringLiteral(" <%1>").arg(o->valueName());
        width = std::max(width, left.size());
        rows.append({left, o->description()});
    }
    // Every description starts in one column, two spaces past the longest option, so none runs into its option.
    for (const auto &[left, description] : std::as_const(rows))
        text += QStringLiteral("  %1  %2\n").arg(left.leftJustified(width), description);
    return text;
}

Result<ConsoleOptions> parseConsoleArguments(const QStringList &arguments)
{
    Parser p;
    if (!p.parser.parse(arguments))
        return makeError(p.parser.errorText());
    if (!p.parser.positionalArguments().isEmpty())
        return makeError(QStringLiteral("unexpected argument \"%1\"").arg(p.parser.positionalArguments().first()));
    ConsoleOptions o;
    o.showHelp = p.parser.isSet(p.help);
    o.showVersion = p.parser.isSet(p.version);
    o.cityPath = p.parser.value(p.city);
    if (p.parser.isSet(p.city) && o.cityPath.isEmpty())
        return makeError(QStringLiteral("--city needs a file name"));
    bool ok = true;
    if (p.parser.isSet(p.seed)) {
        o.seed = p.parser.value(p.seed).toULongLong(&ok);
        if (!ok)
            return makeError(QStringLiteral("--seed must be a non-negative integer, not \"%1\"").arg(p.parser.value(p.seed)));
    }
    if (p.parser.isSet(p.speed)) {
        o.speed = p.parser.value(p.speed).toDouble(&ok);
        if (!ok || !(o.speed >= 0.1 && o.speed <= 3600.0))
            return makeError(QStringLiteral("--speed must be a number from 0.1 to 3600, not \"%1\"").arg(p.parser.value(p.speed)));
    }
    if (p.parser.isSet(p.lang)) {
        o.language = p.parser.value(p.lang);
        if (!supportedLanguages().contains(o.language))
            return makeError(QStringLiteral("--lang must be one of %1, not \"%2\"")
                                 .arg(supportedLanguages().join(QStringLiteral(", ")), o.language));
    }
    o.wallLayout = p.parser.value(p.wall);
    if (p.parser.isSet(p.wall) && o.wallLayout.isEmpty())
        return makeError(QStringLiteral("--wall needs a layout file, or \"default\""));
    o.screenshotPath = p.parser.value(p.screenshot);
    if (p.parser.isSet(p.screenshot) && !o.screenshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return makeError(QStringLiteral("--screenshot must name a .png file"));
    if (p.parser.isSet(p.quitAfter)) {
        o.quitAfterMs = p.parser.value(p.quitAfter).toInt(&ok);
        if (!ok || o.quitAfterMs <= 0)
            return makeError(QStringLiteral("--quit-after must be a positive number of milliseconds, not \"%1\"")
                                 .arg(p.parser.value(p.quitAfter)));
    } else if (!o.screenshotPath.isEmpty()) {
        o.quitAfterMs = 3000;
    }
    o.storePath = p.parser.value(p.store);
    if (p.parser.isSet(p.store) && o.storePath.isEmpty())
        return makeError(QStringLiteral("--store needs a file name"));
    o.noStore = p.parser.isSet(p.noStore);
    if (o.noStore && p.parser.isSet(p.store))
        return makeError(QStringLiteral("--store and --no-store contradict each other"));
    if (p.parser.isSet(p.retain)) {
        o.retainDays = p.parser.value(p.retain).toInt(&ok);
        if (!ok || o.retainDays < 0 || o.retainDays > 36500)
            return makeError(QStringLiteral("--retain-days must be a number of days from 0 to 36500, not \"%1\"").arg(p.parser.value(p.retain)));
    }
    if (p.parser.isSet(p.tiles))
        o.tilesPath = p.parser.value(p.tiles);
    if (p.parser.isSet(p.synthetic)) {
        o.syntheticDevices = p.parser.value(p.synthetic).toInt(&ok);
        if (!ok || o.syntheticDevices < 0 || o.syntheticDevices > 1'000'000)
            return makeError(QStringLiteral("--synthetic-devices must be a number from 0 to 1000000, not \"%1\"")
                                 .arg(p.parser.value(p.synthetic)));
    }
    o.replay = p.parser.isSet(p.replay);
    if (!o.wallLayout.isEmpty() && o.replay)
        return makeError(QStringLiteral("--wall shows the live city; replay at a desk console"));
    if (o.replay && o.noStore)
        return makeError(QStringLiteral("--replay needs a store; it cannot be combined with --no-store"));
    for (auto [option, target] : {std::pair{&p.from, &o.fromMs}, std::pair{&p.to, &o.toMs}}) {
        if (!p.parser.isSet(*option))
            continue;
        if (!o.replay)
            return makeError(QStringLiteral("--%1 only makes sense with --replay").arg(option->names().first()));
        const auto t = parseTime(p.parser.value(*option));
        if (!t)
            return makeError(QStringLiteral("--%1: %2").arg(option->names().first(), t.error()));
        *target = t.value();
    }
    if (o.fromMs > 0 && o.toMs > 0 && o.toMs <= o.fromMs)
        return makeError(QStringLiteral("--to must be later than --from"));
    o.directoryPath = p.parser.value(p.directory);
    if (p.parser.isSet(p.directory) && o.directoryPath.isEmpty())
        return makeError(QStringLiteral("--directory needs a file name or an ldaps:// address"));
    o.ldapMapPath = p.parser.value(p.ldapMap);
    if (p.parser.isSet(p.ldapMap) && !LdapDirectory::isAddress(o.directoryPath))
        return makeError(QStringLiteral("--ldap-map only makes sense with --directory ldaps://HOST/BASE-DN"));
    if (p.parser.isSet(p.user) != p.parser.isSet(p.passwordFile))
        return makeError(QStringLiteral("--user and --password-file go together: the name and the file with its password"));
    if (p.parser.isSet(p.user)) {
        o.signInUser = p.parser.value(p.user);
        auto password = secretfile::readFirstLine(p.parser.value(p.passwordFile));
        if (!password)
            return makeError(QStringLiteral("--password-file: %1").arg(password.error()));
        o.signInPassword = password.value().toUtf8();
    }
    if (p.parser.isSet(p.idleLock)) {
        o.idleLockMinutes = p.parser.value(p.idleLock).toInt(&ok);
        if (!ok || o.idleLockMinutes < 0 || o.idleLockMinutes > 24 * 60)
            return makeError(QStringLiteral("--idle-lock must be a number of minutes from 0 (never) to 1440, not \"%1\"").arg(p.parser.value(p.idleLock)));
    }
    if (auto link = parseLinkOptions(p, o); !link)
        return Error{link.error()};
    return o;
}

Result<std::int64_t> parseTime(const QString &text)
{
    // Without an offset the time is read as local time of this machine, like every other desktop program.
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return makeError(QStringLiteral("\"%1\" is not an ISO 8601 time such as 2026-11-22T08:15:00Z").arg(text));
    return t.toMSecsSinceEpoch();
}

} // namespace cityops
