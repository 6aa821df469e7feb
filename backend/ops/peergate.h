#pragma once

#include "base/logging.h"
#include "model/event.h"
#include "ops/deskcontext.h"
#include "security/actor.h"

#include <QHash>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace cityops {

/// Who a person is in this console's own directory (roles, districts), or nothing when the directory does not know
/// them, has them disabled, or cannot be asked. Called on the core thread.
using Roster = std::function<std::optional<Actor>(const QString &user)>;

/// Re-authorises operations received from other consoles before they reach the books (docs/SECURITY.md, "Operations
/// between consoles"). The link has already checked that a console in the keyring signed the message; this checks
/// what the message *says* against this console's own directory and books, never the sender's claim:
/// - the person named must exist here and hold the permission the step needs, for the incident's district;
/// - an order is spoken for only by the console that requested it (not ours, not another's), and an approval is
///   never by the person who requested it;
/// - no device is reserved for an order that waits for an approval it never got;
/// - an incident is reported by a person allowed to report, under an id nobody uses yet.
/// What is refused is dropped (never recorded as done), counted and logged with its reason. A handed-over step the
/// books already hold (bookedsteps.h: a hand-over re-telling what a restarted console carried over, or what it took
/// in live as well) is dropped too, but not refused: it is nothing new.
class PeerGate {
public:
    explicit PeerGate(Roster roster = {}) : m_roster(std::move(roster)) {}
    void setRoster(Roster roster) { m_roster = std::move(roster); }

    /// Removes from `batch` the events of other consoles (origin ≠ 0) that are not allowed; the rest stay in order.
    void filter(std::vector<Event> &batch, const DeskContext &ctx);

    std::uint64_t refused() const { return m_refused; }
    /// Handed-over steps passed over as already booked.
    std::uint64_t retold() const { return m_retold; }
    /// The reason of the last refusal (tests, the log).
    const QString &lastRefusal() const { return m_lastRefusal; }

private:
    struct PeerOrder {
        std::uint16_t origin = 0;
        QString requestedBy;
        bool needsApproval = false;
        bool approved = false;
    };
    struct IncidentSeen {
        IncidentState state = IncidentState::New;
        int district = -1;
    };

    /// Empty when the event may pass; otherwise why not.
    QString check(const std::vector<Event> &batch, size_t index, const DeskContext &ctx);
    QString checkCommand(const Event &e, const CommandPayload &c, const DeskContext &ctx);
    QString checkIncidentRaised(const std::vector<Event> &batch, size_t index, const IncidentRaisedPayload &raised, const DeskContext &ctx);
    QString checkIncidentUpdate(const IncidentUpdatePayload &u, const DeskContext &ctx);
    /// The person named, as this console's directory knows them; `why` says what is missing otherwise.
    std::optional<Actor> lookUp(const QString &user, QString *why) const;
    std::optional<IncidentSeen> incident(IncidentId id, const DeskContext &ctx) const;
    static bool isOurs(std::uint32_t order, const DeskContext &ctx);

    Roster m_roster;
    QHash<std::uint32_t, PeerOrder> m_orders;              ///< other consoles' orders, until finished
    QHash<IncidentId, IncidentSeen> m_pending;            ///< incidents as this batch leaves them (books lag a batch)
    IncidentId m_reportNote = 0;                          ///< a report just taken: its next event is the reporter's note
    std::uint64_t m_refused = 0;
    std::uint64_t m_retold = 0;
    QString m_lastRefusal;
    LogThrottle m_warnings;
    static constexpr int kMaxPeerOrders = 100'000;        ///< bounded: a flood of made-up orders cannot grow it further
};

} // namespace cityops
