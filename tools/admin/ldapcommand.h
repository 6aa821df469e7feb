#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace cityops::admin {

/// `cityops-admin user list|unlock NAME --directory ldaps://HOST/BASE-DN`: with a city's LDAP directory, people, roles
/// and passwords are the directory's (managed with its own tools); what is this machine's is the consoles' count of
/// failed sign-ins (FailureBook) — listed, and a lockout lifted, here. Returns the process's exit code (2: usage).
int runLdapUserCommand(const QCommandLineParser &parser, const QStringList &args);

} // namespace cityops::admin
