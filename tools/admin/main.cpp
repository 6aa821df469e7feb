// cityops-admin: the accounts of the people who sign in at the consoles.
#include "base/secretfile.h"
#include "base/trustfile.h"
#include "adminexit.h"
#include "brokeraccess.h"
#include "city/citypackage.h"
#include "ldapcommand.h"
#include "lockstate.h"
#include "rulescommand.h"
#include "security/approval.h"
#include "security/authenticator.h"
#include "security/consolekeyring.h"
#include "security/keyringjournal.h"
#include "security/ldapdirectory.h"
#include "security/userdirectory.h"

#include "toolcli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <iostream>
#include <string>

#include <termios.h>
#include <unistd.h>

using namespace cityops;

using admin::failure;
using admin::usage;

namespace {

/// One line from the terminal without echo (the password never appears on screen).
Result<QByteArray> askHidden(const char *prompt)
{
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old {};
    const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fprintf(stderr, "\n");
    }
    if (!got)
        return makeError(QStringLiteral("no password given"));
    return QByteArray::fromStdString(line);
}

/// The new password: from --password-file (private to its owner), or typed twice at the terminal.
Result<QByteArray> newPassword(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("password-file"))) {
        auto line = secretfile::readFirstLine(parser.value(QStringLiteral("password-file")));
        if (!line)
            return makeError(line.error());
        return line.value().toUtf8();
    }
    if (!isatty(STDIN_FILENO))
        return makeError(QStringLiteral("give the password with --password-file FILE, or run this at a terminal to type it"));
    auto first = askHidden("New password: ");
    if (!first)
        return first;
    auto second = askHidden("Again: ");
    if (!second)
        return second;
    if (first.value() != second.value())
        return makeError(QStringLiteral("the two passwords differ; nothing was changed"));
    return first;
}

Result<QStringList> districtsOf(const QCommandLineParser &parser)
{
    QStringList districts;
    for (const QString &d : parser.value(QStringLiteral("districts")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = d.trimmed();
        if (name.isEmpty() || name.size() > 100 || name.contains(QLatin1Char('\n')))
            return makeError(QStringLiteral("\"%1\" is not a district name").arg(d));
        districts << name;
    }
    return districts;
}

/// The districts named are the city's (the console refuses a responder of none of its districts at sign-in): 0, or
/// the exit code after saying what is wrong.
int checkDistricts(const QCommandLineParser &parser, const QStringList &districts)
{
    const bool named = parser.isSet(QStringLiteral("city"));
    const QString path = named ? parser.value(QStringLiteral("city")) : tool::defaultCityPath();
    auto city = citypackage::read(path);
    if (!city)
        return named ? usage(QStringLiteral("--city: %1").arg(city.error())) : failure(QStringLiteral("cannot read the default city: %1").arg(city.error()));
    if (auto known = city.value()->districtIndexes(districts); !known)
        return usage(known.error() + (named ? QString() : QStringLiteral("; name the city the accounts are for with --city PACKAGE")));
    return 0;
}

QString describe(const UserAccount &a, const SignInPolicy &policy, std::int64_t now)
{
    QStringList state;
    if (a.disabled)
        state << QStringLiteral("disabled");
    if (const QString lock = admin::lockState(a, policy, now); !lock.isEmpty())
        state << lock;
    if (a.mustChangePassword)
        state << (a.oncePasswordExpired(now) ? QStringLiteral("password for one use expired %1").arg(admin::whenText(a.onceUntilMs))
                  : a.onceUntilMs > 0 ? QStringLiteral("password to be changed at first sign-in, by %1").arg(admin::whenText(a.onceUntilMs))
                                      : QStringLiteral("password to be changed at first sign-in"));
    return QStringLiteral("%1\t%2\t%3\t%4")
        .arg(a.name, roleName(a.role), a.districts.isEmpty() ? QStringLiteral("-") : a.districts.join(QLatin1Char(',')),
             state.isEmpty() ? QStringLiteral("active") : state.join(QStringLiteral(", ")));
}

const char *const kHelp =
        "Manages the accounts that sign in at CityOps consoles.\n\n"
        "  cityops-admin user add NAME --role ROLE [--districts A,B] [--password-file FILE] [--temporary]\n"
        "  cityops-admin user list\n"
        "  cityops-admin user set-role NAME --role ROLE [--districts A,B]\n"
        "  cityops-admin user reset-password NAME [--password-file FILE] [--temporary]\n"
        "  cityops-admin user disable NAME | enable NAME | unlock NAME\n"
        "  cityops-admin user list | unlock NAME   --directory ldaps://HOST/BASE-DN   (this machine's lockouts of an LDAP directory's people)\n"
        "  cityops-admin console add NAME PUBLIC-KEY-FILE | list | remove NAME   [--keyring FILE]\n"
        "  cityops-admin approver add NAME [--password-file FILE] | list | remove NAME   [--keyring FILE] [--keys DIR]\n"
        "  cityops-admin broker init DIR --consoles A,B --gateways G1,G2 [--walls W]\n"
        "  cityops-admin rules show CITY.gpkg | export CITY.gpkg | set CITY.gpkg RULES.json | reset CITY.gpkg\n\n"
        "Roles: viewer, responder, operator, supervisor, admin. Responders need --districts, names of the city's districts\n"
        "(checked against --city PACKAGE, by default the console's default city).\n"
        "Without --password-file the password is typed twice at the terminal; it is never shown, stored or logged,\n"
        "only its Argon2id hash. A password file must be private to its owner (chmod 600). With --temporary it signs in\n"
        "nobody: at the sign-in card it lets its person set their own, and only then sign in; after 72 hours not even that.\n"
        "The console keyring lists the consoles whose operations a console takes: each console's name (its --console-id)\n"
        "and the public half of its --command-key (openssl pkey -in KEY -pubout). Give every console the same keyring.\n"
        "approver add makes a supervisor's approval key, sealed with the password they type (their sign-in password: the\n"
        "console opens it when they approve), in DIR/NAME.key (default: approvers/ in the console's data folder), and lists\n"
        "its public half in the approver keyring (default approvers.json there) that the gateways take (cityops-sim\n"
        "--approvers): devices act on a high-risk command only with an approver's signature.\n"
        "broker init writes the broker's accounts and roles (mosquitto's dynamic security plugin) into DIR: one account per\n"
        "console, gateway and wall, bound to its client id, with a random password in DIR/NAME.password (docs/SECURITY.md).\n"
        "rules: the city's response rules in its package — how soon an incident of each severity must be acknowledged and\n"
        "responders on scene, and how long a signal may be held or pre-empted before it is an alarm. export prints them as\n"
        "JSON to edit (whole minutes, 0: no deadline), set stores such a file (checked first), reset goes back to the\n"
        "defaults. Consoles running on the package take new rules at once (docs/OPERATIONS.md).\n"
        "Every change to an account or a keyring is written, with this account and machine, to a journal in the file it\n"
        "changes, together with the change; the consoles record it (docs/SECURITY.md).";

QStringList namesOf(const QCommandLineParser &parser, const char *option)
{
    QStringList out;
    for (const QString &n : parser.value(QString::fromLatin1(option)).split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << n.trimmed();
    return out;
}

/// cityops-admin broker init DIR …: accounts and roles for the field broker.
int runBrokerCommand(const QCommandLineParser &parser, const QStringList &args)
{
    for (const char *other : {"directory", "role", "districts", "city", "password-file", "temporary", "keyring", "keys"})
        if (parser.isSet(QString::fromLatin1(other)))
            return usage(QStringLiteral("--%1 does not belong to broker init").arg(QString::fromLatin1(other)));
    if (args.value(1) != QLatin1String("init") || args.size() != 3)
        return usage(QStringLiteral("say what to do: broker init DIR --consoles A,B --gateways G1,G2 [--walls W]"));
    BrokerAccess access{namesOf(parser, "consoles"), namesOf(parser, "gateways"), namesOf(parser, "walls")};
    if (auto ok = access.validate(); !ok)
        return usage(ok.error());
    auto written = access.writeTo(args[2]);
    if (!written)
        return failure(written.error());
    std::printf("wrote %s/dynsec.json and a password file per account; add to mosquitto.conf:\n%s", qPrintable(args[2]), qPrintable(written.value()));
    return 0;
}

/// What changed in `keyring` since cityops-admin's last change other than by it, as its journal tells; empty when
/// nothing, or when the journal does not say.
QString changedOutside(const ConsoleKeyring &keyring, const keyringjournal::Keys &found, int shown)
{
    const auto left = keyringjournal::left(keyring.journal());
    return left && left.value() && left.value()->keys != found ? keyringjournal::differences(left.value()->keys, found, shown) : QString();
}

/// Warns when the keyring a list shows was changed other than by cityops-admin since its last change.
void warnIfChangedOutside(const ConsoleKeyring &keyring, const keyringjournal::Keys &found)
{
    if (const QString outside = changedOutside(keyring, found, 8); !outside.isEmpty())
        std::fprintf(stderr, "warning: the keyring was changed since cityops-admin's last change, by something else: %s\n", qPrintable(outside));
}

/// Notes a change to a keyring in its own journal, saved with it (security/keyringjournal.h): the consoles record it.
/// `found`: the keys as the file held them before the change. Where they are not what the journal's last change left
/// — someone changed the file another way — the line says so too (the tool warns), so that the record keeps it even
/// when no console saw the file in between.
Status noteChange(ConsoleKeyring &keyring, const keyringjournal::Keys &found, const QString &what, const QString &name, QString detail)
{
    if (const QString outside = changedOutside(keyring, found, 3); !outside.isEmpty()) {
        std::fprintf(stderr, "warning: the keyring was changed since cityops-admin's last change, by something else: %s; this change's journal "
                             "line says so\n",
                     qPrintable(outside));
        detail += QStringLiteral("; before it, changed outside cityops-admin: ") + outside;
        if (detail.size() > 400)
            detail = detail.left(399) + QChar(0x2026);
    }
    return keyringjournal::write(keyring.journal(), {0, 0, adminjournal::account(), what, name, detail}, QDateTime::currentMSecsSinceEpoch(),
                                 keyringjournal::keysOf(keyring));
}

/// The key `name` holds in `keyring`, or empty.
QString keyOf(const ConsoleKeyring &keyring, const QString &name)
{
    for (const ConsoleKeyring::Entry &e : keyring.entries())
        if (e.name == name)
            return e.keyId;
    return {};
}

/// cityops-admin console …: the keyring of the consoles whose signed operations are believed.
int runConsoleCommand(const QCommandLineParser &parser, const QStringList &args)
{
    for (const char *userOnly : {"directory", "role", "districts", "city", "password-file", "temporary", "keys"})
        if (parser.isSet(QString::fromLatin1(userOnly)))
            return usage(QStringLiteral("--%1 does not belong to the console commands").arg(QString::fromLatin1(userOnly)));
    const QString verb = args.value(1);
    const int expected = verb == QLatin1String("add") ? 4 : verb == QLatin1String("remove") ? 3 : verb == QLatin1String("list") ? 2 : -1;
    if (expected < 0)
        return usage(QStringLiteral("say what to do: console add NAME PUBLIC-KEY-FILE | list | remove NAME"));
    if (args.size() != expected)
        return usage(verb == QLatin1String("add")    ? QStringLiteral("console add takes a console name and a public key file")
                     : verb == QLatin1String("remove") ? QStringLiteral("console remove takes one console name")
                                                       : QStringLiteral("console list takes no name"));
    const QString path = parser.isSet(QStringLiteral("keyring")) ? parser.value(QStringLiteral("keyring")) : ConsoleKeyring::defaultPath();
    if (path.isEmpty())
        return usage(QStringLiteral("--keyring needs a file name"));
    if (verb != QLatin1String("list"))
        if (auto s = ConsoleKeyring::checkName(args[2]); !s)
            return usage(s.error());
    auto keyring = ConsoleKeyring::load(path, verb == QLatin1String("add") || verb == QLatin1String("list"));
    if (!keyring)
        return failure(keyring.error());
    ConsoleKeyring &k = keyring.value();
    const keyringjournal::Keys found = keyringjournal::keysOf(k);
    if (verb == QLatin1String("list")) {
        warnIfChangedOutside(k, found);
        std::printf("console\tkey\n");
        for (const ConsoleKeyring::Entry &e : k.entries())
            std::printf("%s\t%s\n", qPrintable(e.name), qPrintable(e.keyId));
        return 0;
    }
    QString said;
    const QString was = keyOf(k, args[2]);
    Status noted = Ok{};
    if (verb == QLatin1String("add")) {
        QFile file(args[3]);
        if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024)
            return usage(QStringLiteral("cannot read the public key file %1%2").arg(args[3], file.error() ? QStringLiteral(": ") + file.errorString() : QString()));
        if (auto added = k.add(args[2], file.readAll()); !added)
            return usage(added.error());
        const QString key = keyOf(k, args[2]);
        if (key == was) {   // nothing to change, so nothing to journal
            std::printf("console %s already has key %s: nothing changed\n", qPrintable(args[2]), qPrintable(key));
            return 0;
        }
        said = was.isEmpty() ? QStringLiteral("added console %1 (key %2)").arg(args[2], key)
                             : QStringLiteral("new key for console %1 (key %2)").arg(args[2], key);
        noted = noteChange(k, found, QStringLiteral("console-add"), args[2],
                           was.isEmpty() ? QStringLiteral("key %1").arg(key) : QStringLiteral("key %1 in place of %2").arg(key, was));
    } else {
        if (!k.remove(args[2]))
            return failure(QStringLiteral("there is no console %1 in %2").arg(args[2], path));
        said = QStringLiteral("removed console %1: the gateways and consoles reading this keyring refuse its commands and operations "
                              "at once; copy it to those that read another").arg(args[2]);
        noted = noteChange(k, found, QStringLiteral("console-remove"), args[2], QStringLiteral("key %1").arg(was));
    }
    // A change the consoles could not record is not made.
    if (!noted)
        return failure(noted.error());
    if (auto folder = trustfile::makeFolder(QFileInfo(path).absolutePath()); !folder)
        return failure(folder.error());
    if (auto saved = k.save(path); !saved)
        return failure(saved.error());
    std::printf("%s\n", qPrintable(said));
    return 0;
}

/// cityops-admin approver …: the supervisors' approval keys and the keyring the devices check them with.
int runApproverCommand(const QCommandLineParser &parser, const QStringList &args)
{
    for (const char *userOnly : {"directory", "role", "districts", "city", "temporary"})
        if (parser.isSet(QString::fromLatin1(userOnly)))
            return usage(QStringLiteral("--%1 belongs to the user commands").arg(QString::fromLatin1(userOnly)));
    const QString verb = args.value(1);
    const int expected = verb == QLatin1String("add") || verb == QLatin1String("remove") ? 3 : verb == QLatin1String("list") ? 2 : -1;
    if (expected < 0)
        return usage(QStringLiteral("say what to do: approver add NAME | list | remove NAME"));
    if (args.size() != expected)
        return usage(verb == QLatin1String("list") ? QStringLiteral("approver list takes no name")
                                                   : QStringLiteral("approver %1 takes one supervisor's sign-in name").arg(verb));
    if (verb != QLatin1String("add") && parser.isSet(QStringLiteral("password-file")))
        return usage(QStringLiteral("--password-file belongs to approver add"));
    const QString path = parser.isSet(QStringLiteral("keyring")) ? parser.value(QStringLiteral("keyring"))
                                                                 : ConsoleKeyring::defaultPath(ConsoleKeyring::Kind::Approvers);
    const QString keys = parser.isSet(QStringLiteral("keys")) ? parser.value(QStringLiteral("keys")) : approval::defaultFolder();
    if (path.isEmpty() || keys.isEmpty())
        return usage(QStringLiteral("--keyring and --keys need a name"));
    const QString name = args.value(2);
    if (verb != QLatin1String("list"))
        if (auto s = UserDirectory::checkName(name); !s)
            return usage(s.error());
    auto keyring = ConsoleKeyring::load(path, verb != QLatin1String("remove"), ConsoleKeyring::Kind::Approvers);
    if (!keyring)
        return failure(keyring.error());
    ConsoleKeyring &k = keyring.value();
    const keyringjournal::Keys found = keyringjournal::keysOf(k);
    if (verb == QLatin1String("list")) {
        warnIfChangedOutside(k, found);
        std::printf("approver\tkey\tsealed key here\n");
        for (const ConsoleKeyring::Entry &e : k.entries())
            std::printf("%s\t%s\t%s\n", qPrintable(e.name), qPrintable(e.keyId),
                        QFileInfo::exists(approval::keyPath(keys, e.name)) ? "yes" : "no");
        return 0;
    }
    QString said;
    if (verb == QLatin1String("add")) {
        if (k.verifierFor(name))
            return failure(QStringLiteral("%1 is already an approver; remove them first to give them a new key").arg(name));
        auto password = newPassword(parser);
        if (!password)
            return usage(password.error());
        auto publicKey = approval::create(keys, name, password.value());
        if (!publicKey)
            return failure(publicKey.error());
        Status added = k.add(name, publicKey.value());
        if (added)   // a change the consoles could not record is not made
            added = noteChange(k, found, QStringLiteral("approver-add"), name, QStringLiteral("key %1").arg(keyOf(k, name)));
        if (!added) {
            QFile::remove(approval::keyPath(keys, name));
            return failure(added.error());
        }
        said = QStringLiteral("%1 approves with key %2 (sealed in %3); give the gateways the keyring %4")
                   .arg(name, keyOf(k, name), approval::keyPath(keys, name), path);
    } else {
        const QString was = keyOf(k, name);
        if (was.isEmpty() && !QFileInfo::exists(approval::keyPath(keys, name)))
            return failure(QStringLiteral("%1 is not an approver in %2").arg(name, path));
        // A change the consoles could not record is not made; the sealed key goes once the keyring without it is saved.
        k.remove(name);
        if (auto noted = noteChange(k, found, QStringLiteral("approver-remove"), name,
                                    was.isEmpty() ? QStringLiteral("not in the keyring; sealed key deleted") : QStringLiteral("key %1").arg(was));
            !noted)
            return failure(noted.error());
        // Not in the keyring: deleting the sealed key is the whole change, and its line says it was deleted — so it is
        // deleted before the line is saved, and nothing is saved when it cannot be.
        if (const QString sealed = approval::keyPath(keys, name); was.isEmpty() && !QFile::remove(sealed))
            return failure(QStringLiteral("the sealed key %1 cannot be deleted: nothing changed").arg(sealed));
    }
    if (auto folder = trustfile::makeFolder(QFileInfo(path).absolutePath()); !folder)
        return failure(folder.error());
    if (auto saved = k.save(path); !saved)
        return failure(saved.error());
    if (verb == QLatin1String("remove"))
        said = QStringLiteral("%1 no longer approves (keyring %2%3): gateways reading this keyring refuse their approvals at once; "
                              "copy it to the gateways that read another")
                   .arg(name, path, QFile::remove(approval::keyPath(keys, name)) ? QStringLiteral(", sealed key deleted") : QString());
    std::printf("%s\n", qPrintable(said));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cityops-admin"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kHelp));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("directory"), QStringLiteral("The user directory (default: users.db in the console's data folder), or the consoles' "
                                                    "LDAP directory (ldaps://HOST/BASE-DN) for user list and unlock."),
         QStringLiteral("file")},
        {QStringLiteral("role"), QStringLiteral("viewer, responder, operator, supervisor or admin."), QStringLiteral("role")},
        {QStringLiteral("districts"), QStringLiteral("Comma-separated district names (responders)."), QStringLiteral("names")},
        {QStringLiteral("city"), QStringLiteral("The city package whose districts --districts names (default: the console's default city)."),
         QStringLiteral("package")},
        {QStringLiteral("password-file"), QStringLiteral("Read the password from the first line of this file."), QStringLiteral("file")},
        {QStringLiteral("temporary"), QStringLiteral("user add, reset-password: the password is for one use, to set their own with.")},
        {QStringLiteral("keyring"), QStringLiteral("The console keyring (default: consoles.json in the console's data folder), or for approver the "
                                                  "approver keyring (default: approvers.json there)."),
         QStringLiteral("file")},
        {QStringLiteral("keys"), QStringLiteral("approver: the folder of sealed approval keys (default: approvers/ in the console's data folder)."),
         QStringLiteral("dir")},
        {QStringLiteral("consoles"), QStringLiteral("broker init: the consoles' names (their --console-id)."), QStringLiteral("names")},
        {QStringLiteral("gateways"), QStringLiteral("broker init: the gateways' names (their --id)."), QStringLiteral("names")},
        {QStringLiteral("walls"), QStringLiteral("broker init: the walls' names (read-only consoles)."), QStringLiteral("names")},
    });
    if (const auto done = tool::parseOrExit(parser, "cityops-admin"))
        return *done;
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && args[0] == QLatin1String("console"))
        return runConsoleCommand(parser, args);
    if (!args.isEmpty() && args[0] == QLatin1String("broker"))
        return runBrokerCommand(parser, args);
    if (!args.isEmpty() && args[0] == QLatin1String("approver"))
        return runApproverCommand(parser, args);
    if (!args.isEmpty() && args[0] == QLatin1String("rules"))
        return admin::runRulesCommand(parser, args);
    if (parser.isSet(QStringLiteral("keys")))
        return usage(QStringLiteral("--keys belongs to the approver commands"));
    for (const char *brokerOnly : {"consoles", "gateways", "walls"})
        if (parser.isSet(QString::fromLatin1(brokerOnly)))
            return usage(QStringLiteral("--%1 belongs to broker init").arg(QString::fromLatin1(brokerOnly)));
    if (parser.isSet(QStringLiteral("keyring")))
        return usage(QStringLiteral("--keyring belongs to the console and approver commands"));
    if (!args.isEmpty() && args[0] == QLatin1String("user") && LdapDirectory::isAddress(parser.value(QStringLiteral("directory"))))
        return admin::runLdapUserCommand(parser, args);
    if (args.size() < 2 || args[0] != QLatin1String("user"))
        return usage(QStringLiteral("say what to do: user add|list|set-role|reset-password|disable|enable|unlock, console add|list|remove, "
                                    "approver add|list|remove, or rules show|export|set|reset"));
    const QString verb = args[1];
    static const QStringList verbs{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("set-role"), QStringLiteral("reset-password"),
                                   QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("unlock")};
    if (!verbs.contains(verb))
        return usage(QStringLiteral("unknown command \"user %1\"").arg(verb));
    const bool needsName = verb != QLatin1String("list");
    if (args.size() != (needsName ? 3 : 2))
        return usage(needsName ? QStringLiteral("user %1 takes one user name").arg(verb) : QStringLiteral("user list takes no name"));
    const QString name = needsName ? args[2] : QString();
    if (needsName)
        if (auto s = UserDirectory::checkName(name); !s)
            return usage(s.error());
    const bool takesRole = verb == QLatin1String("add") || verb == QLatin1String("set-role");
    Role role = Role::Viewer;
    if (takesRole) {
        if (!parser.isSet(QStringLiteral("role")))
            return usage(QStringLiteral("user %1 needs --role").arg(verb));
        if (!roleFromName(parser.value(QStringLiteral("role")), &role))
            return usage(QStringLiteral("--role must be viewer, responder, operator, supervisor or admin, not \"%1\"")
                             .arg(parser.value(QStringLiteral("role"))));
    } else if (parser.isSet(QStringLiteral("role")) || parser.isSet(QStringLiteral("districts"))) {
        return usage(QStringLiteral("--role and --districts belong to user add and user set-role"));
    }
    auto districts = districtsOf(parser);
    if (!districts)
        return usage(districts.error());
    if (takesRole && role == Role::Responder && districts.value().isEmpty())
        return usage(QStringLiteral("a responder needs --districts (the districts they answer for)"));
    if (parser.isSet(QStringLiteral("city")) && districts.value().isEmpty())
        return usage(QStringLiteral("--city says whose districts --districts names (user add and set-role)"));
    if (!districts.value().isEmpty())
        if (const int refused = checkDistricts(parser, districts.value()); refused != 0)
            return refused;
    const bool takesPassword = verb == QLatin1String("add") || verb == QLatin1String("reset-password");
    for (const char *passwordOnly : {"password-file", "temporary"})
        if (!takesPassword && parser.isSet(QString::fromLatin1(passwordOnly)))
            return usage(QStringLiteral("--%1 belongs to user add and user reset-password").arg(QString::fromLatin1(passwordOnly)));
    const auto use = parser.isSet(QStringLiteral("temporary")) ? UserDirectory::PasswordUse::Once : UserDirectory::PasswordUse::Lasting;

    const QString path = parser.isSet(QStringLiteral("directory")) ? parser.value(QStringLiteral("directory")) : UserDirectory::defaultPath();
    if (path.isEmpty())
        return usage(QStringLiteral("--directory needs a file name"));
    if (verb == QLatin1String("add"))
        if (auto folder = trustfile::makeFolder(QFileInfo(path).absolutePath()); !folder)
            return failure(folder.error());
    auto directory = UserDirectory::open(path, verb == QLatin1String("add") ? UserDirectory::Mode::CreateIfMissing
                                               : verb == QLatin1String("list") ? UserDirectory::Mode::ReadOnly
                                                                               : UserDirectory::Mode::Existing);
    if (!directory)
        return failure(directory.error());
    UserDirectory &d = *directory.value();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();

    if (verb == QLatin1String("list")) {
        auto users = d.list();
        if (!users)
            return failure(users.error());
        std::printf("name\trole\tdistricts\tstate\n");
        for (const UserAccount &a : users.value())
            std::printf("%s\n", qPrintable(describe(a, d.policy(), now)));
        return 0;
    }
    Status done = Ok{};
    QString said;
    if (verb == QLatin1String("add") || verb == QLatin1String("reset-password")) {
        if (verb == QLatin1String("add")) {
            auto existing = d.find(name);
            if (!existing)
                return failure(existing.error());
            if (existing.value())
                return failure(QStringLiteral("there is already a user %1").arg(name));
        }
        auto password = newPassword(parser);
        if (!password)
            return usage(password.error());
        if (auto s = UserDirectory::checkPassword(password.value()); !s)
            return usage(s.error());
        done = verb == QLatin1String("add") ? d.add(name, role, districts.value(), password.value(), use)
                                            : d.resetPassword(name, password.value(), use);
        said = verb == QLatin1String("add") ? QStringLiteral("added %1 (%2)").arg(name, roleName(role))
                                            : QStringLiteral("new password for %1; failures cleared").arg(name);
        if (use == UserDirectory::PasswordUse::Once && done) {
            // Until when, as the file has it (what the list and the sign-in go by).
            auto set = d.find(name);
            said += QStringLiteral("; it is for one use: %1 sets their own at the sign-in card before signing in, by %2")
                        .arg(name, admin::whenText(set && set.value() ? set.value()->onceUntilMs : now + UserDirectory::kOnceValidMs));
        }
    } else if (verb == QLatin1String("set-role")) {
        done = d.setRole(name, role, districts.value());
        said = QStringLiteral("%1 is now %2").arg(name, roleName(role));
    } else if (verb == QLatin1String("disable") || verb == QLatin1String("enable")) {
        done = d.setDisabled(name, verb == QLatin1String("disable"));
        said = QStringLiteral("%1 %2").arg(name, verb == QLatin1String("disable") ? QStringLiteral("disabled") : QStringLiteral("enabled"));
    } else if (verb == QLatin1String("unlock")) {
        done = d.unlock(name);
        said = QStringLiteral("%1 unlocked").arg(name);
    }
    if (!done)
        return failure(done.error());
    std::printf("%s\n", qPrintable(said));
    return 0;
}
