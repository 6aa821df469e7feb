#pragma once

#include "base/result.h"
#include "security/authenticator.h"
#include "security/failurebook.h"
#include "security/peoplebook.h"

#include <QHash>

#include <memory>
#include <mutex>

namespace cityops {

/// How a city's LDAP directory maps onto CityOps: where a person's entry is, which groups they are in, and what
/// each group allows at the console. Read from a small JSON file (docs/SECURITY.md, "Accounts"):
///
///     { "userDn": "uid={user},ou=people,{base}", "groupBase": "ou=groups,{base}",
///       "groupFilter": "(&(objectClass=groupOfNames)(member={dn}))", "groupAttribute": "cn",
///       "caFile": "/etc/cityops/ldap-ca.pem", "startTls": false, "timeoutSeconds": 5,
///       "lookupDn": "cn=cityops-lookup,ou=services,{base}", "lookupPasswordFile": "/etc/cityops/ldap-lookup.password",
///       "groups": { "cityops-supervisors": {"role": "supervisor"},
///                   "north-responders": {"role": "responder", "districts": ["North"]} } }
///
/// Every key but "groups" has the default shown; an unknown key is refused (a typo must not silently loosen a rule).
struct LdapMapping {
    struct Grant {
        Role role = Role::Viewer;
        QStringList districts;
    };
    QString userDn = QStringLiteral("uid={user},ou=people,{base}");
    QString groupBase = QStringLiteral("{base}");
    QString groupFilter = QStringLiteral("(&(objectClass=groupOfNames)(member={dn}))");
    QString groupAttribute = QStringLiteral("cn");
    QString caFile;                 ///< the CA that signed the server's certificate; empty: the system's trust store
    bool startTls = false;          ///< ldap:// upgraded to TLS before the password is sent
    int timeoutSeconds = 5;
    /// A read-only account the console may bind as to look people up who are not signing in here (the people other
    /// consoles' operations name). Both or neither; without it such operations are refused at this console.
    QString lookupDn;
    QString lookupPasswordFile;     ///< private to its owner, first line
    QHash<QString, Grant> groups;   ///< by the group's name (groupAttribute), compared without case

    static Result<LdapMapping> fromJson(const QByteArray &json, const QString &source);
    static Result<LdapMapping> load(const QString &path);
    /// Every district a group grants is one of the city's (`districtNames`, compared without case): a misspelt
    /// district would let its responders sign in to answer for nothing.
    Status checkDistricts(const QStringList &districtNames, const QString &source) const;
};

/// People checked against a city's LDAP directory (OpenLDAP's libldap): the console binds as the person with their
/// password (it holds no service account), then reads the groups they are in and takes the highest role and every
/// district those groups grant. The password goes only over TLS — ldaps://, or ldap:// with StartTLS — with the
/// server's certificate verified against the mapping's CA and its name; plain ldap:// is accepted only to a loopback
/// address. An empty password is refused before anything is sent (LDAP would take it as an anonymous bind).
///
/// Failures are counted here with the same SignInPolicy as the local directory (delay after 3, locked after 10 for
/// 15 minutes), in a FailureBook when the console gives one (kept across restarts, shared by the consoles of one
/// machine, lifted by cityops-admin), else in memory — per console and until it restarts; the directory's own password
/// policy applies on top.
class LdapDirectory : public Authenticator, public PeopleBook {
public:
    /// `uri`: ldap[s]://HOST[:PORT]/BASE-DN. Checks the URI and the mapping; does not connect (a server that is
    /// down must not stop the console from starting — sign-in then says so).
    static Result<std::unique_ptr<LdapDirectory>> open(const QString &uri, LdapMapping mapping);
    /// Whether a --directory value names an LDAP directory (ldap:// or ldaps://) rather than a user directory file.
    static bool isAddress(const QString &directory)
    {
        return directory.startsWith(QLatin1String("ldap://"), Qt::CaseInsensitive) || directory.startsWith(QLatin1String("ldaps://"), Qt::CaseInsensitive);
    }
    /// Whether `uri` is an LDAP address open() would parse (not yet whether it may carry passwords).
    static Status checkAddress(const QString &uri);
    ~LdapDirectory() override;

    SignInOutcome signIn(const QString &name, const QByteArray &password, std::int64_t nowMs) override;
    /// Bound as the person with their current password (also one the directory's policy wants changed first: reset
    /// by an administrator, or expired with sign-ins left), the password modify operation (RFC 3062) on their entry;
    /// what the policy says of a refused one (too short, used before, too young) is said as the refusal. The account
    /// of a success holds the name only (the groups are read at the next sign-in). The directory must let people
    /// write their own password (`by self write`).
    SignInOutcome changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t nowMs) override;
    QString describe() const override;
    /// Who `name` is, read with the mapping's lookup account (the person's entry and their mapped groups); an error
    /// without a lookup account — the console then refuses other consoles' operations (docs/SECURITY.md).
    Result<std::optional<UserAccount>> lookUp(const QString &name) override;

    void setPolicy(const SignInPolicy &policy) { m_policy = policy; }
    /// Counts failures in `book` from now on. Should it become unreadable (damage), they are counted in memory, and
    /// the log says so: a sign-in is never refused for the book, nor a lockout taken as lifted.
    void setFailureBook(std::unique_ptr<FailureBook> book);
    /// PeopleBook: the people this machine's consoles count failed sign-ins for (the book's, or this console's memory
    /// without one), only names the directory knew when it counted — people type their password into the name field,
    /// and a desk's list must not show it. With the mapping's lookup account, what the directory grants each of them
    /// now (read on one connection; the list without it, and why, when the directory cannot answer); without one,
    /// roles are not said. Unlocking clears the counts in the book, with the journal's line that the consoles record
    /// (as `cityops-admin user unlock` does).
    Result<PeopleList> people(Read read) override;
    Status unlockPerson(const QString &name, const QString &by) override;

    const QString &baseDn() const { return m_base; }
    /// The person's entry: the mapping's userDn with {user} and {base} filled in.
    QString userDnFor(const QString &name) const;

private:
    LdapDirectory(QString server, QString base, LdapMapping mapping);
    using Failures = FailureBook::Entry;
    // Under m_mutex: the counts of `name` as the book has them (as memory has them without a book or when the book
    // cannot be read); changed in both; cleared in both.
    Failures failuresOf(const QString &name, std::int64_t nowMs);
    /// `name`'s counts as `change` makes them of the book's, read and written in one step (in memory without a book).
    Failures changeCounts(const QString &name, const std::function<void(Failures &)> &change, std::int64_t nowMs);
    void clear(const QString &name);
    void forgetOldFailures(std::int64_t nowMs);
    struct Connection;
    /// A connection with the mapping's options and TLS (StartTLS done), not bound yet.
    Result<std::unique_ptr<Connection>> connect() const;
    /// A connection bound as the person, and what the policy said of their password.
    struct BoundAs {
        Connection &connection;
        QByteArray dn;
        QString name;
        int expiresInS = -1;
        int graceLeft = -1;
    };
    /// The person's bind with their password, as a sign-in makes it — refused before it is tried while this desk's
    /// counts say wait, a wrong password counted, the directory's lock said — then `then` on the bound connection.
    /// A password the policy wants changed first is refused, unless `mayChangeFirst` (a change of password).
    SignInOutcome bindThen(const QString &name, const QByteArray &password, std::int64_t nowMs, bool mayChangeFirst,
                           const std::function<SignInOutcome(BoundAs &)> &then);
    SignInOutcome unavailable(const QString &why) const;
    /// A connection bound as the mapping's lookup account (an error without one, or when it cannot bind).
    Result<std::unique_ptr<Connection>> connectAsLookup() const;
    struct Found {
        UserAccount account;   ///< the name, and with Granted the role and districts
        PeopleList::Standing standing = PeopleList::Standing::Granted;
    };
    /// What the directory grants `name` (a checked name), asked on `c` bound as the lookup account.
    Result<Found> find(Connection &c, const QString &name) const;
    /// The mapped role and districts of the entry `dn` (`granted` false: in no mapped group), read on `c`.
    Result<UserAccount> readGrants(Connection &c, const QByteArray &dn, const QString &name, bool *granted) const;

    QString m_server;   ///< scheme://host:port
    QString m_base;
    LdapMapping m_mapping;
    SignInPolicy m_policy;

    std::mutex m_mutex;       ///< signIn may run on a worker thread
    QHash<QString, Failures> m_failures;
    std::unique_ptr<FailureBook> m_book;
};

/// Escapes a value for an LDAP search filter (RFC 4515: * ( ) \ and NUL).
QString ldapFilterEscape(const QString &value);

} // namespace cityops
