#pragma once

#include "link/offlinegrace.h"
#include "model/event.h"

#include <QHash>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// Where the other consoles stand, from their signed retained statuses and the console keyring (docs/PROTOCOL.md):
/// each change, as a ConsolePayload event (the order book keeps the roll; a supervisor may release what a console
/// that cannot end its orders holds here). An offline status — a goodbye, or the Will the broker publishes when a
/// console's connection dies — counts after a grace second, and not at all if our own connection drops in it: a
/// broker shutting down publishes every client's Will on its way out. A console taken out of the keyring stands out
/// of it from then on, whatever its status says; put back, it stands as its status last said. Only consoles that are
/// or were in the keyring are kept (a flood of made-up names costs nothing). Each status belongs to one of the console's
/// connections, numbered upwards: one of an older connection than a status already heard is a replay (an old Will
/// copied off the broker) and changes nothing. Thread-safe.
class ConsoleRoll {
public:
    /// Whether a console is in the keyring as it stands; nothing while the keyring cannot be believed (then each
    /// console keeps the standing it had: a keyring made unreadable by mistake does not put every desk out of it).
    using InKeyring = std::optional<bool>;

    using KeyringLookup = std::function<InKeyring(const QString &)>;

    /// What a status was to the roll.
    enum class Heard {
        Stale,           ///< of an older connection than one heard, or online for a connection already ended: ignored
        Same,            ///< of the connection last heard (its retained status again, or the offline that ends it)
        NewConnection,   ///< the first status of a connection
    };
    /// A console's status, signed by its key, heard at `nowMs`: online (told at once, if it is news) or offline (told by
    /// tick()). `inKeyring` is asked under the roll's lock, so a keyring change told meanwhile is not undone.
    Heard heard(const QString &console, bool online, std::uint64_t connection, const KeyringLookup &inKeyring, std::int64_t nowMs,
                std::vector<Event> &out);
    /// The keyring was read again: the consoles taken out of it, and those put back, are told.
    void keyringChanged(const KeyringLookup &inKeyring, std::int64_t nowMs, std::vector<Event> &out);
    /// Our own connection dropped: the offline statuses not yet told are not believed (see the class comment).
    void lostBroker();
    /// The offline statuses whose grace second has passed.
    void tick(std::int64_t nowMs, std::vector<Event> &out);
    /// How many consoles the roll keeps (those that are or were in the keyring: made-up names must not grow it).
    std::size_t kept();

private:
    struct Life {
        std::optional<ConsoleStanding> told;   ///< what the console was last said to be (nothing: never told)
        bool heardOnline = false;              ///< what its status last said, believed or not
        std::uint64_t connection = 0;          ///< the connection its status last said
        bool inKeyring = true;
        OfflineGrace offline;                  ///< an offline it said, not told yet
    };
    /// Takes the keyring's word on `life` (told when its standing changes by it).
    static void settle(const QString &console, Life &life, bool inKeyring, std::int64_t nowMs, std::vector<Event> &out);
    static void tell(const QString &console, Life &life, ConsoleStanding standing, std::int64_t nowMs, std::vector<Event> &out);

    std::mutex m_mutex;
    QHash<QString, Life> m_consoles;
};

} // namespace cityops
