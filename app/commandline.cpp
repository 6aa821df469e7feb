#include "commandline.h"

#include <QCommandLineParser>

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
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit.")};
    QCommandLineOption version{{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit.")};

    Parser()
    {
        parser.setApplicationDescription(QStringLiteral("CityOps — operations console for city control rooms."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOptions({city, seed, speed, lang, screenshot, quitAfter, help, version});
    }
};

} // namespace

QStringList supportedLanguages() { return {QStringLiteral("en"), QStringLiteral("ja"), QStringLiteral("zh_CN")}; }

QString consoleHelpText()
{
    // Built by hand rather than QCommandLineParser::helpText() so it does not need an application object.
    Parser p;
    QString text = QStringLiteral("Usage: cityops [options]\n%1\n\nOptions:\n").arg(p.parser.applicationDescription());
    for (const QCommandLineOption *o : {&p.city, &p.seed, &p.speed, &p.lang, &p.screenshot, &p.quitAfter, &p.help, &p.version}) {
        QStringList names;
        for (const QString &n : o->names())
            names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        QString left = names.join(QStringLiteral(", "));
        if (!o->valueName().isEmpty())
            left += QStringLiteral(" <%1>").arg(o->valueName());
        text += QStringLiteral("  %1%2\n").arg(left.leftJustified(28), o->description());
    }
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
    return o;
}

} // namespace cityops
