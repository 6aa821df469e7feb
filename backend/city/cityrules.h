#pragma once

#include "base/result.h"
#include "model/responserules.h"

#include <QString>

#include <optional>

namespace cityops::citypackage {

/// The key of a city's own response rules in its package's cityops_meta table (the rules' JSON, docs/CITY.md).
inline const QString kResponseRulesKey = QStringLiteral("response_rules");

/// A city's response rules from the text its package holds: the defaults when it holds none; a damaged or invalid
/// text refused with a sentence naming the package (a console must not quietly run other deadlines than the city's).
Result<ResponseRules> responseRulesFrom(const std::optional<QString> &stored, const QString &path);

/// Stores `rules` as the city's own in the package at `path`, or with no rules takes the city's own out (the
/// defaults apply again). The package is checked to be a readable city first and changed in one statement, so a
/// failure leaves it as it was. Consoles running on the package read them again (RulesWatch).
Status setResponseRules(const QString &path, const std::optional<ResponseRules> &rules);

} // namespace cityops::citypackage
