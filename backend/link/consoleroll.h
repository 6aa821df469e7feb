#pragma once

#include "model/event.h"

#include <QHash>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// Where the other consoles stand, from their retained status topics and the console keyring (docs/PROTOCOL.md):
/// each change, as a ConsolePayload event (the order book keeps the roll; a supervisor may release what a console
/// that cannot end its orders holds here). An offline status — a goodbye, or the Will the broker publishes when a
/// console's connection dies — counts after a grace second, and not at all if our own connection drops in it: a
/// broker shutting down publishes every client's Will on its way out. A console taken out of the keyring stands out
/// of it from then on, whatever its status says; put back, it stands as its status last said. Only consoles that are
/// or were in the keyring are kept (a flood of made-up names costs nothing). Thread-safe.
class ConsoleRoll {
public:
    static constexpr std::int64_t kOfflineGraceMs = 1000;

    /// Whether a console is in the keyring as it stands; nothing while the keyring cannot be believed (then each
    /// console keeps the standing it had: a keyring made unreadable by mistake does not put every desk out of it).
    using InKeyring = std::optional<bool>;

    /// A console's status heard at `nowMs`: online (told at once, if it is news) or offline (told by tick()).
    void heard(const QString &console, bool online, InKeyring inKeyring, std::int64_t nowMs, std::vector<Event> &out);
    /// The keyring was read again: the consoles taken out of it, and those put back, are told.
    void keyringChanged(const std::function<InKeyring(const QString &)> &inKeyring, std::int64_t nowMs, std::vector<Event> &out);
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
        bool inKeyring = true;
        std::int64_t offlineSaidMs = 0;        ///< it said offline then, not told yet; 0: it did not, or told already
    };
    /// Takes the keyring's word on `life` (told when its standing changes by it).
    static void settle(const QString &console, Life &life, bool inKeyring, std::int64_t nowMs, std::vector<Event> &out);
    static void tell(const QString &console, Life &life, ConsoleStanding standing, std::int64_t nowMs, std::vector<Event> &out);

    std::mutex m_mutex;
    QHash<QString, Life> m_consoles;
};

} // namespace cityops
