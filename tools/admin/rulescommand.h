#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace cityops::admin {

/// `cityops-admin rules show|export|set|reset CITY.gpkg [RULES.json]`: the city's response rules (incident deadlines,
/// hold limits) kept in its package. Returns the process's exit code (2 for a usage mistake).
int runRulesCommand(const QCommandLineParser &parser, const QStringList &args);

} // namespace cityops::admin
