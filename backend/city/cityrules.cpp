#include "city/cityrules.h"

#include "base/logging.h"
#include "base/sqlitedb.h"
#include "city/citypackage.h"

namespace cityops::citypackage {

Result<ResponseRules> responseRulesFrom(const std::optional<QString> &stored, const QString &path)
{
    if (!stored)
        return ResponseRules::defaults();
    auto rules = ResponseRules::fromJson(stored->toUtf8());
    if (!rules)
        return makeError(QStringLiteral("%1: the city's response rules (cityops_meta.%2) cannot be used: %3 "
                                        "(cityops-admin rules set or rules reset mends them)")
                             .arg(path, kResponseRulesKey, rules.error()));
    return rules;
}

Status setResponseRules(const QString &path, const std::optional<ResponseRules> &rules)
{
    if (auto city = check(path); !city)   // not read(): damaged rules must be replaceable
        return makeError(city.error());
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    if (!db)
        return makeError(db.error());
    auto statement = db.value()->prepare(rules ? QStringLiteral("INSERT OR REPLACE INTO cityops_meta (key, value) VALUES (?, ?)")
                                               : QStringLiteral("DELETE FROM cityops_meta WHERE key = ?"));
    if (!statement)
        return makeError(QStringLiteral("%1: %2").arg(path, statement.error()));
    statement->bind(1, kResponseRulesKey);
    if (rules)
        statement->bind(2, QString::fromUtf8(rules->toJson()));
    if (auto done = statement->run(); !done)
        return makeError(QStringLiteral("%1: cannot store the response rules: %2").arg(path, done.error()));
    qCInfo(lcCity) << (rules ? "response rules set in" : "response rules taken out of") << path;
    return Ok{};
}

} // namespace cityops::citypackage
