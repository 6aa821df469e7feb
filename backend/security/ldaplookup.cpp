#include "security/ldapdirectory.h"

#include "base/secretfile.h"
#include "security/ldapconnection_p.h"
#include "security/userdirectory.h"

#include <ldap.h>

#include <QDateTime>

#include <algorithm>

// LdapDirectory: people other consoles' operations name (the mapping's lookup account), and what Session ▸ People
// reads and lifts of them.

namespace cityops {

Result<std::unique_ptr<LdapDirectory::Connection>> LdapDirectory::connectAsLookup() const
{
    if (m_mapping.lookupDn.isEmpty())
        return makeError(QStringLiteral("the LDAP mapping has no lookup account (lookupDn)"));
    auto password = secretfile::readFirstLine(m_mapping.lookupPasswordFile);
    if (!password)
        return makeError(password.error());
    auto connection = connect();
    if (!connection)
        return makeError(connection.error());
    Connection &h = *connection.value();
    QString lookupDn = m_mapping.lookupDn;
    lookupDn.replace(QLatin1String("{base}"), m_base);
    const QByteArray secret = password.value().toUtf8();
    berval credentials{ber_len_t(secret.size()), const_cast<char *>(secret.constData())};
    if (const int rc = ldap_sasl_bind_s(h.ld(), lookupDn.toUtf8().constData(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
        rc != LDAP_SUCCESS)
        return makeError(QStringLiteral("the lookup account cannot bind: %1").arg(ldapError(h.ld(), rc)));
    return connection;
}

Result<LdapDirectory::Found> LdapDirectory::find(Connection &h, const QString &name) const
{
    Found found;
    found.account.name = name;
    const QByteArray dn = userDnFor(name).toUtf8();
    LDAPMessage *result = nullptr;
    char noAttributes[] = LDAP_NO_ATTRS;
    char *attrs[] = {noAttributes, nullptr};
    timeval timeout{m_mapping.timeoutSeconds, 0};
    const int searched = ldap_search_ext_s(h.ld(), dn.constData(), LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, nullptr, nullptr, &timeout, 1, &result);
    const bool exists = searched == LDAP_SUCCESS && ldap_count_entries(h.ld(), result) > 0;
    ldap_msgfree(result);
    // No such entry is an answer; anything else (the server gone, a time-out) is not "nobody".
    if (searched != LDAP_SUCCESS && searched != LDAP_NO_SUCH_OBJECT)
        return makeError(QStringLiteral("%1 cannot be looked up: %2").arg(name, ldapError(h.ld(), searched)));
    if (!exists) {
        found.standing = PeopleList::Standing::NotInDirectory;
        return found;
    }
    bool granted = false;
    auto account = readGrants(h, dn, name, &granted);
    if (!account)
        return makeError(account.error());
    found.account = std::move(account).value();
    found.standing = granted ? PeopleList::Standing::Granted : PeopleList::Standing::NoRole;
    return found;
}

Result<std::optional<UserAccount>> LdapDirectory::lookUp(const QString &name)
{
    if (m_mapping.lookupDn.isEmpty())
        return makeError(QStringLiteral("the LDAP mapping has no lookup account (lookupDn), so %1 cannot be looked up").arg(name));
    if (!UserDirectory::checkName(name))
        return std::optional<UserAccount>();   // not a name: nobody (and never sent to the server)
    auto connection = connectAsLookup();
    if (!connection)
        return makeError(connection.error());
    auto found = find(*connection.value(), name);
    if (!found)
        return makeError(found.error());
    if (found->standing != PeopleList::Standing::Granted)
        return std::optional<UserAccount>();
    return std::optional<UserAccount>(std::move(found->account));
}

Result<PeopleList> LdapDirectory::people(Read read)
{
    std::vector<Failures> counted;
    {
        std::lock_guard lock(m_mutex);
        if (m_book) {
            auto listed = m_book->list();
            if (!listed)
                return makeError(QStringLiteral("cannot read the failed sign-ins counted in %1: %2").arg(m_book->path(), listed.error()));
            counted = std::move(listed).value();
        } else {
            counted.assign(m_failures.cbegin(), m_failures.cend());
        }
    }
    PeopleList out;
    for (const Failures &f : counted)
        if (f.known)
            out.people.push_back({f.counts});
    std::sort(out.people.begin(), out.people.end(), [](const auto &a, const auto &b) { return a.account.name < b.account.name; });
    if (m_mapping.lookupDn.isEmpty()) {
        out.grants = PeopleList::Grants::NotKept;
        return out;
    }
    if (read == Read::CountsOnly) {
        out.grants = PeopleList::Grants::NotAsked;
        return out;
    }
    if (out.people.empty())
        return out;
    // What the directory grants them now, on one connection as the lookup account; the counts are this machine's
    // and are listed whatever the directory answers (a lock must be liftable while the directory is down).
    // All or nothing: a list that said some people's roles and not others' would read as if those had none.
    const auto unread = [&out](const QString &why) {
        out.grants = PeopleList::Grants::Unread;
        out.whyUnread = why;
        return std::move(out);
    };
    auto connection = connectAsLookup();
    if (!connection)
        return unread(connection.error());
    std::vector<Found> found;
    for (const PeopleList::Person &p : out.people) {
        if (!UserDirectory::checkName(p.account.name)) {   // the book is a file: never send what is not a name
            found.push_back({p.account, PeopleList::Standing::NotInDirectory});
            continue;
        }
        auto one = find(*connection.value(), p.account.name);
        if (!one)
            return unread(one.error());
        found.push_back(std::move(one).value());
    }
    for (size_t i = 0; i < out.people.size(); ++i) {
        out.people[i].account.role = found[i].account.role;
        out.people[i].account.districts = found[i].account.districts;
        out.people[i].standing = found[i].standing;
    }
    return out;
}

Status LdapDirectory::unlockPerson(const QString &name, const QString &by)
{
    std::lock_guard lock(m_mutex);
    m_failures.remove(name);
    if (!m_book)
        return Ok{};   // counted in this console's memory only: nothing else to clear, no journal to write
    if (auto done = m_book->unlock(name, QDateTime::currentMSecsSinceEpoch(), by); !done)
        return makeError(QStringLiteral("cannot clear %1's failed sign-ins in %2: %3").arg(name, m_book->path(), done.error()));
    return Ok{};
}

} // namespace cityops
