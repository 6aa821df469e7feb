#pragma once

#include "model/event.h"

#include <QHash>

#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// Which other consoles are on the broker, from their retained status topics (docs/PROTOCOL.md): each change, as a
/// ConsolePayload event (the order book keeps the roll; a supervisor may release what a gone console holds here). An
/// offline status — a goodbye, or the Will the broker publishes when a console's connection dies — counts after a
/// grace second, and not at all if our own connection drops meanwhile: a broker shutting down publishes every
/// client's Will on its way out. The caller passes only consoles of the keyring. Thread-safe.
class ConsoleRoll {
public:
    static constexpr std::int64_t kOfflineGraceMs = 1000;

    /// A console's status heard at `nowMs`: online (told at once, if it is news) or offline (told by tick()).
    void heard(const QString &console, bool online, std::int64_t nowMs, std::vector<Event> &out);
    /// Our own connection dropped: the offline statuses not yet told are not believed (see the class comment).
    void lostBroker();
    /// The offline statuses whose grace second has passed.
    void tick(std::int64_t nowMs, std::vector<Event> &out);

private:
    struct Life {
        std::optional<bool> told;         ///< what the console was last said to be (nothing: never told)
        std::int64_t offlineSaidMs = 0;   ///< it said offline then; 0: it did not, or that is told already
    };
    std::mutex m_mutex;
    QHash<QString, Life> m_consoles;
};

} // namespace cityops
