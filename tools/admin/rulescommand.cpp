#include "rulescommand.h"

#include "adminexit.h"

#include "city/citypackage.h"
#include "city/cityrules.h"

#include <QFile>

#include <cstdio>

namespace cityops::admin {

int runRulesCommand(const QCommandLineParser &parser, const QStringList &args)
{
    if (const QStringList options = parser.optionNames(); !options.isEmpty())
        return usage(QStringLiteral("--%1 does not belong to the rules commands").arg(options.first()));
    const QString verb = args.value(1);
    const int expected = verb == QLatin1String("set") ? 4 : (verb == QLatin1String("show") || verb == QLatin1String("export") || verb == QLatin1String("reset")) ? 3 : -1;
    if (expected < 0)
        return usage(QStringLiteral("say what to do: rules show CITY | export CITY | set CITY RULES.json | reset CITY"));
    if (args.size() != expected)
        return usage(verb == QLatin1String("set") ? QStringLiteral("rules set takes a city package and a rules file")
                                                  : QStringLiteral("rules %1 takes one city package").arg(verb));
    const QString &cityPath = args[2];

    if (verb == QLatin1String("show") || verb == QLatin1String("export")) {
        auto city = citypackage::read(cityPath);
        if (!city)
            return failure(city.error());
        const ResponseRules &rules = city.value()->rules;
        if (verb == QLatin1String("export")) {
            std::printf("%s", rules.toJson().constData());
            return 0;
        }
        std::printf("%s\n%s\n", qPrintable(rules.cityOwn ? QStringLiteral("The city's own response rules:")
                                                         : QStringLiteral("The default response rules (the city has set none):")),
                    qPrintable(rules.describe()));
        return 0;
    }
    std::optional<ResponseRules> rules;
    if (verb == QLatin1String("set")) {
        QFile file(args[3]);
        if (!file.open(QIODevice::ReadOnly))
            return usage(QStringLiteral("cannot read the rules file %1: %2").arg(args[3], file.errorString()));
        auto read = ResponseRules::fromJson(file.read(qint64(64) * 1024));
        if (!read)
            return failure(QStringLiteral("%1: %2; the city's rules were not changed").arg(args[3], read.error()));
        rules = read.value();
    }
    if (auto done = citypackage::setResponseRules(cityPath, rules); !done)
        return failure(done.error());
    std::printf("%s\n%s\nConsoles running on this package take them within a second; new incidents get the new deadlines.\n",
                qPrintable(rules ? QStringLiteral("The city's response rules are now:") : QStringLiteral("The city's own rules taken out; the defaults apply:")),
                qPrintable((rules ? *rules : ResponseRules::defaults()).describe()));
    return 0;
}

} // namespace cityops::admin
