#include "ldapcommand.h"

#include "adminexit.h"
#include "lockstate.h"

#include "security/failurebook.h"
#include "security/ldapdirectory.h"
#include "security/userdirectory.h"

#include <QDateTime>
#include <QFileInfo>

#include <cstdio>

namespace cityops::admin {
namespace {

QString describe(const FailureBook::Entry &e, const SignInPolicy &policy, std::int64_t now)
{
    // A row is only kept with a failure, so there is always a state.
    return QStringLiteral("%1\t%2").arg(e.counts.name, lockState(e.counts, policy, now));
}

} // namespace

int runLdapUserCommand(const QCommandLineParser &parser, const QStringList &args)
{
    for (const QString &option : parser.optionNames())
        if (option != QLatin1String("directory"))
            return usage(QStringLiteral("--%1 does not belong to the commands for an LDAP directory (user list, user unlock NAME)").arg(option));
    const QString verb = args.value(1);
    if (verb != QLatin1String("list") && verb != QLatin1String("unlock"))
        return usage(QStringLiteral("with an LDAP directory, people, roles and passwords are the directory's (change them with its own "
                                    "tools); cityops-admin lists this machine's lockouts and lifts them: user list, user unlock NAME"));
    const bool unlock = verb == QLatin1String("unlock");
    if (args.size() != (unlock ? 3 : 2))
        return usage(unlock ? QStringLiteral("user unlock takes one user name") : QStringLiteral("user list takes no name"));
    if (auto address = LdapDirectory::checkAddress(parser.value(QStringLiteral("directory"))); !address)
        return usage(QStringLiteral("--directory: %1").arg(address.error()));
    const QString name = unlock ? args[2] : QString();
    if (unlock)
        if (auto s = UserDirectory::checkName(name); !s)
            return usage(s.error());

    const QString path = FailureBook::defaultPath();
    if (!QFileInfo::exists(path)) {
        // No console of this machine has counted a failure against the directory: nobody is locked.
        std::printf("%s\n", qPrintable(unlock ? QStringLiteral("%1 was not locked: no failed sign-ins are counted at this machine's consoles").arg(name)
                                              : QStringLiteral("no failed sign-ins are counted at this machine's consoles")));
        return 0;
    }
    auto book = FailureBook::open(path, unlock ? FailureBook::Mode::Existing : FailureBook::Mode::ReadOnly);
    if (!book)
        return failure(book.error());
    if (!unlock) {
        auto entries = book.value()->list();
        if (!entries)
            return failure(entries.error());
        std::printf("name\tstate\n");
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        // Names the directory did not know are counted (a guess waits as long as a real name would) but not shown, as
        // the console's People list and its record do not show them: people type passwords into the name field.
        int unknown = 0;
        for (const FailureBook::Entry &e : entries.value()) {
            if (e.known)
                std::printf("%s\n", qPrintable(describe(e, SignInPolicy{}, now)));
            else
                ++unknown;
        }
        if (unknown > 0)
            std::printf("%s\n", qPrintable(QStringLiteral("(and %1 name(s) the directory did not know, not shown: people type passwords "
                                                           "into the name field; they cannot sign in, locked or not)")
                                               .arg(unknown)));
        return 0;
    }
    auto removed = book.value()->unlock(name, QDateTime::currentMSecsSinceEpoch());
    if (!removed)
        return failure(removed.error());
    // A running console reads the book at each attempt: the next sign-in is taken at once, without a restart.
    std::printf("%s\n", qPrintable(removed.value() ? QStringLiteral("%1 unlocked: failed sign-ins cleared").arg(name)
                                                   : QStringLiteral("%1 was not locked: no failed sign-ins counted").arg(name)));
    return 0;
}

} // namespace cityops::admin
