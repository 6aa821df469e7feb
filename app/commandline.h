#pragma once

#include "core/result.h"

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
    bool showHelp = false;
    bool showVersion = false;
};

/// Languages with a translation shipped in the binary (English is the source language).
QStringList supportedLanguages();

/// Parses and validates the console's arguments (argv[0] included). Errors are sentences for the user.
Result<ConsoleOptions> parseConsoleArguments(const QStringList &arguments);

/// The --help text.
QString consoleHelpText();

} // namespace cityops
