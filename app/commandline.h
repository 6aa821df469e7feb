#pragma once

#include "base/result.h"
#include "link/mqttclient.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace cityops {

/// What the console was asked to do on its command line.
struct ConsoleOptions {
    QString cityPath;             ///< empty: the default city
    std::uint64_t seed = 1;
    double speed = 1.0;
    QString language;             ///< en, ja, zh_CN; empty: from the system locale
    QString screenshotPath;
    int quitAfterMs = 0;          ///< 0: run until closed
    QString storePath;            ///< empty: the default store for the city in the user's data folder
    bool noStore = false;         ///< run without recording
    int retainDays = 30;
    bool replay = false;          ///< open straight into replay
    std::int64_t fromMs = 0;      ///< replay window (0 = the whole recording)
    std::int64_t toMs = 0;
    QString tilesPath;            ///< offline raster background (MBTiles), empty = none
    int syntheticDevices = 0;     ///< generated devices added to the city, for demonstrations and measurement
    bool useBroker = false;       ///< --link: the field through an MQTT broker instead of the built-in simulator
    MqttOptions mqtt;             ///< broker address, TLS files, user and password (read from --broker-password-file)
    QString commandKeyPath;       ///< Ed25519 private key that signs commands (and this console's operations)
    QString consolesPath;         ///< --consoles: the console keyring; empty: consoles.json in the data folder
    QStringList knownGateways;    ///< --gateways: the only gateways taken (empty: any)
    QHash<QString, QStringList> gatewayDistricts;   ///< --gateways NAME=D1+D2: the districts that gateway serves (by name)
    QString directoryPath;        ///< user directory file or ldap[s]:// address; empty: the default file in the data folder
    QString ldapMapPath;          ///< LDAP groups → roles; empty: ldap-map.json in the data folder
    QString signInUser;           ///< --user: sign in headless as this person
    QByteArray signInPassword;    ///< from --password-file (never logged)
    int idleLockMinutes = 10;     ///< 0: never
    QString wallLayout;           ///< --wall: a layout file or "default"; empty: a desk console
    bool sumoTraffic = false;     ///< --traffic sumo: SUMO runs the signals of the built-in simulator
    bool showHelp = false;
    bool showVersion = false;
};

/// Languages with a translation shipped in the binary (English is the source language).
QStringList supportedLanguages();

/// Parses and validates the console's arguments (argv[0] included). Errors are sentences for the user.
Result<ConsoleOptions> parseConsoleArguments(const QStringList &arguments);

/// Parses an ISO 8601 time (with Z, an offset, or local time) to ms since the epoch.
Result<std::int64_t> parseTime(const QString &text);

/// The --help text.
QString consoleHelpText();

} // namespace cityops
