#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <optional>

namespace cityops::tool {

constexpr int kExitUsage = 2;

/// Parses a tool's arguments the same way for every tool: bad ones get the parser's sentence and exit code 2,
/// --help prints the help and exits 0. Nothing means: go on.
inline std::optional<int> parseOrExit(QCommandLineParser &parser, const char *tool)
{
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "%s: %s\nTry '%s --help'.\n", tool, qPrintable(parser.errorText()), tool);
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    return std::nullopt;
}

#ifdef CITYOPS_SOURCE_DIR
/// The default city: the installed package (bin/../share/cityops/cities) first, then the source tree the tool was
/// built from.
inline QString defaultCityPath()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/cityops/cities/adlershof.gpkg"));
    return QFileInfo::exists(installed) ? QDir::cleanPath(installed) : QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg");
}
#endif

} // namespace cityops::tool
