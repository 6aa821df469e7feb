#pragma once

#include "base/result.h"
#include "security/authenticator.h"

#include <QString>

#include <vector>

namespace cityops {

/// What a desk's People list shows: the accounts, and how far the book can say what each may do at the console.
struct PeopleList {
    /// What the directory grants a listed person at this console.
    enum class Standing : std::uint8_t {
        Granted,          ///< the account's role and districts
        NoRole,           ///< known, but none of their groups gives a role here (a sign-in is refused)
        NotInDirectory,   ///< the directory no longer has their entry (counted when it did)
    };
    /// Whether the list says the people's roles at all.
    enum class Grants : std::uint8_t {
        Said,      ///< every person's standing is read (the local directory; LDAP with a lookup account)
        NotKept,   ///< the book cannot read them (LDAP without a lookup account)
        Unread,    ///< it could not read them now (`whyUnread`: the directory down, the lookup account refused)
        NotAsked,  ///< it could, but was asked for the counts alone (PeopleBook::Read::CountsOnly)
    };
    struct Person {
        UserAccount account;
        Standing standing = Standing::Granted;
    };
    std::vector<Person> people;   ///< by name
    Grants grants = Grants::Said;
    QString whyUnread;
};

/// What a desk's People list (Session ▸ People) reads and changes of the directory its people sign in against: the
/// accounts as a sign-in would find them, and the lifting of a lock — the one thing a supervisor must be able to do at
/// 3 a.m. without a terminal, whichever directory the city has. The local directory lists everyone; an LDAP
/// directory only the people this machine's consoles count failed sign-ins for (the accounts are the directory's, and
/// so is everything else done to them).
class PeopleBook {
public:
    virtual ~PeopleBook() = default;
    /// What people() reads: this machine's counts alone (at once), or what the directory grants them too (which takes
    /// the directory's time — or hangs with it — where the accounts are a city directory's).
    enum class Read : std::uint8_t { CountsOnly, WithGrants };
    /// By name: name, failures and lock always; role and districts where the book can read them (`grants`) and was
    /// asked to, and the rest where the book keeps them.
    virtual Result<PeopleList> people(Read read) = 0;
    /// Clears `name`'s failed sign-ins and lock; the file's journal says it was made by `by` ("sven@desk-1") at a
    /// console (adminjournal::kAtConsoleDetail), which every console sharing the file records.
    virtual Status unlockPerson(const QString &name, const QString &by) = 0;
};

} // namespace cityops
