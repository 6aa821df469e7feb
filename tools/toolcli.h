#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>

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

} // namespace cityops::tool
