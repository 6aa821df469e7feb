#pragma once

#include "base/result.h"
#include "security/authenticator.h"

#include <QString>

#include <vector>

namespace cityops {

/// What a desk's People list (Session ▸ People) reads and changes of the directory its people sign in against: the
/// accounts as a sign-in would find them, and the lifting of a lock — the one thing a supervisor must be able to do at
/// 3 a.m. without a terminal, whichever directory the city has. The local directory lists everyone; an LDAP
/// directory only the people this machine's consoles count failed sign-ins for (the accounts are the directory's, and
/// so is everything else done to them).
class PeopleBook {
public:
    virtual ~PeopleBook() = default;
    /// By name: name, failures and lock always; role, districts and the rest where the book keeps them.
    virtual Result<std::vector<UserAccount>> people() = 0;
    /// Clears `name`'s failed sign-ins and lock; the file's journal says it was made by `by` ("sven@desk-1") at a
    /// console (adminjournal::kAtConsoleDetail), which every console sharing the file records.
    virtual Status unlockPerson(const QString &name, const QString &by) = 0;
};

} // namespace cityops
