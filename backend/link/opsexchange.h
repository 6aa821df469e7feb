#pragma once

#include "city/citymodel.h"
#include "link/peerclock.h"
#include "link/consolestatus.h"
#include "link/wirenumbers.h"
#include "link/wireprotocol.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "security/keyringwatch.h"

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace cityops {

/// The consoles' shared operations over one broker (docs/PROTOCOL.md, "Operations shared between consoles"):
/// publishes this console's operations on the ops topic, signed with its key; takes in the others' when they are
/// signed by a console in the keyring, fresh and not seen before; and keeps the shared history of orders and incidents
/// still open (and of those that ended last) so a console that joins late can be handed what it missed.
/// Thread-safe: the link thread shares and hands over, the network thread receives.
///
/// What it checks is who *sent* a message. Whether the people named in it may do what it says is the core's check
/// against this console's own directory (ops/peergate.h), for which received events carry their console's origin tag.
class OpsExchange {
public:
    /// Wall time in ms since the epoch (the freshness window is about real time, whatever the console's clock speed).
    using WallClock = std::function<std::int64_t()>;
    /// Messages sent further than this from our wall time (either way) are refused as stale.
    static constexpr std::int64_t kFreshnessMs = 30'000;
    /// How long operations taken from a console say its clock is in step with ours (consoleClocks): a clock set wrong
    /// since would otherwise be spoken for by an old message.
    static constexpr std::int64_t kInStepForMs = 10 * 60'000;

    /// `signer`: this console's key (null: nothing is shared — a console without a key only watches). `keyring`: the
    /// consoles whose operations are taken (null or empty: none). `numbers`: where the counters of what we send come
    /// from (null: numbers above this object's own, from the wall clock).
    OpsExchange(const CityModel &city, QString consoleId, const CommandSigner *signer, std::shared_ptr<const ConsoleKeyring> keyring,
                WallClock wall = {}, std::shared_ptr<WireNumbers> numbers = {});

    /// How a message reaches the broker (QoS 1, not retained); false when it could not be sent. Until it is set
    /// nothing is shared or handed over.
    using Publish = std::function<bool(const QByteArray &topic, const QByteArray &payload)>;
    void setPublisher(Publish publish) { m_publish = std::move(publish); }
    /// Our operations, in the order they happened.
    void share(const std::vector<Event> &events);
    /// A message on the ops topic or on our hand-over topic: the events to apply (none for our own), each tagged with
    /// the origin of the console it came from, or a refusal (malformed, untrusted, replayed).
    wire::Parsed<std::vector<Event>> receive(const QByteArray &payload, bool handover);
    /// Another console has just come online: publish the history of what is still open, and of what ended
    /// last, to its hand-over topic (only to consoles in the keyring: nobody else could take it).
    void handOver(const QString &console);
    /// The console keyring as read again while the console runs (KeyringWatch): from the next message on, only the
    /// consoles in it are believed — none while it is `unusable`.
    void setKeyring(const KeyringState &keyring);

    /// The other consoles' clocks as their last signed operations said, by name: refused only because they were sent
    /// too far from our wall time (LinkCounters::consolesOffClock), or taken within kInStepForMs
    /// (LinkCounters::consolesInStep). Only consoles the keyring lists while it can be believed.
    struct ConsoleClocks {
        std::vector<PeerClock> offClock;
        std::vector<PeerClock> inStep;
    };
    ConsoleClocks consoleClocks() const;
    /// Whether `console` is in the console keyring as it stands (whose orders this console takes); false while it cannot
    /// be believed.
    bool inKeyring(const QString &console) const;
    /// The same, taken at once with whether the keyring can be believed: nothing while it cannot (ConsoleRoll keeps
    /// each console's standing then).
    std::optional<bool> keyringSays(const QString &console) const;
    /// Whether a status heard on `console`'s status topic was signed with that console's key in the keyring as it
    /// stands: nothing when it was, the refusal when not (unsigned, another key, altered, or no keyring to believe).
    std::optional<wire::Refused> checkStatus(const QString &console, const wire::ConsoleStatus &status) const;
    /// Why the console keyring cannot be believed now; empty while it can.
    QString keyringProblem() const { return keyring().unusable; }
    /// The console whose operations carry the origin tag `origin` (ours for 0; empty for a tag never given).
    QString originName(std::uint16_t origin) const;

    std::uint64_t shared() const { return m_shared.load(); }
    std::uint64_t received() const { return m_received.load(); }
    std::uint64_t failures() const { return m_failures.load(); }

private:
    void remember(const Event &event);
    /// The keyring in force (and why none is, when it cannot be believed), taken under the lock: it may be replaced.
    KeyringState keyring() const;
    /// The origin tag of a console's operations: given the first time that console is taken and kept while the console
    /// runs, whatever becomes of the keyring (events already in the core carry it). Locks.
    std::uint16_t originOf(const QString &console);
    /// Publishes `events` as `origin`'s operations, signed by us, in chunks.
    void publish(const QByteArray &topic, const QString &origin, const std::vector<Event> &events);

    const CityModel &m_city;
    const QString m_console;
    const CommandSigner *m_signer;
    WallClock m_wall;
    Publish m_publish;
    mutable std::mutex m_mutex;
    KeyringState m_keyring;                                     ///< replaced by setKeyring
    std::vector<QString> m_origins;                             ///< origin tag - 1 -> console (consoles of the keyring only)
    std::shared_ptr<WireNumbers> m_numbers;                     ///< our messages' counters
    std::map<QString, std::uint64_t> m_lastCounter;             ///< per keyring console: the newest counter taken
    /// Per keyring console: how far ahead of ours its last operations were sent, and whether they were taken (in step)
    /// or refused for their time (off).
    struct HeardClock {
        std::int64_t aheadMs = 0;
        bool inStep = false;
        std::int64_t heardMs = 0;   ///< our wall time when they arrived
    };
    std::map<QString, HeardClock> m_clocks;
    std::map<std::uint32_t, std::vector<Event>> m_openOrders;   ///< shared events of orders not yet finished
    /// The histories of what ended last (orders finished, incidents closed, cancelled or merged), oldest first,
    /// within both bounds: handed over too, so that a console restarted on a record that has one open learns how
    /// it ended (PeerGate passes over what the books hold).
    struct Ended {
        std::deque<std::vector<Event>> histories;
        size_t events = 0;
        static constexpr size_t kMaxEvents = 10'000, kMaxHistories = 500;
        void add(std::vector<Event> &&history);
    };
    Ended m_finishedOrders, m_endedIncidents;
    std::map<IncidentId, std::vector<Event>> m_openIncidents;   ///< shared steps on incidents still open
    QString m_handoverFrom;                                     ///< the one console whose hand-over we took
    std::atomic<std::uint64_t> m_shared{0}, m_received{0}, m_failures{0};
    std::atomic<bool> m_warnedNoKey{false};
};

} // namespace cityops
