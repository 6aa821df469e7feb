#pragma once

#include "model/event.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace cityops {

/// Which gateway raised each open field incident this console has heard in this run. A field incident's id is its
/// gateway's own number, and two gateways' numbering can meet: two started in the same second (systemd starting a
/// district's gateways at boot) drew the same range before the gateway's name was part of it, and one running long
/// enough walks into a range another drew. Then one gateway's "cleared" closed the other's open incident — a
/// real problem taken off every screen — and its own new incident was dropped as a copy. Now a clear from any gateway
/// but the raiser is refused, and so is a raise of an id another gateway's open incident holds: the first keeps it,
/// and the log says which. An incident left open by mistake can be resolved by a person; one closed by mistake is
/// not seen at all. Ids raised before this console started are learned again from the gateways' full picture, which
/// the console asks for on connecting and which re-raises their open incidents; a clear of one not known is taken.
///
/// A gateway also holds at most `maxOpenPerGateway` open incidents: one that raises without end (a fault in its
/// software, or an account someone took) would otherwise grow every console until it fails, and bury the incidents
/// that matter in a list nobody can work. Its further raises are refused until it clears some.
/// Plain value, no locking: the link's network thread owns it.
class FieldIncidentOwners {
public:
    explicit FieldIncidentOwners(std::size_t maxOpenPerGateway) : m_max(maxOpenPerGateway) {}

    struct Claim {
        enum Verdict { Taken, HeldByAnother, TooMany } verdict = Taken;
        int holder = -1;   ///< HeldByAnother: the gateway whose open incident holds the id
        bool firstRefusal = false;   ///< TooMany: the first refusal since the gateway last held fewer (worth a log line)
    };
    /// Whether gateway `gateway` (the link's number for it) may report `event`; booked when Taken.
    Claim claim(const Event &event, int gateway)
    {
        if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload)) {
            const auto it = m_owner.constFind(raised->id);
            if (it != m_owner.constEnd())   // a gateway re-reports what it has open (a refresh, a restart)
                return it.value() == gateway ? Claim{} : Claim{Claim::HeldByAnother, it.value()};
            std::size_t &open = m_open[gateway];
            if (open >= m_max) {
                const bool first = !m_full.contains(gateway);
                m_full.insert(gateway);
                return {Claim::TooMany, -1, first};
            }
            ++open;
            m_owner.insert(raised->id, gateway);
        } else if (const auto *cleared = std::get_if<IncidentClearedPayload>(&event.payload)) {
            const auto it = m_owner.constFind(cleared->id);
            if (it != m_owner.constEnd() && it.value() != gateway)
                return {Claim::HeldByAnother, it.value()};
            if (it != m_owner.constEnd()) {
                --m_open[gateway];
                m_full.remove(gateway);
                m_owner.erase(it);
            }
        }
        return {};
    }
    std::size_t open() const { return static_cast<std::size_t>(m_owner.size()); }
    std::size_t maxOpenPerGateway() const { return m_max; }

private:
    std::size_t m_max;
    QHash<IncidentId, int> m_owner;
    QHash<int, std::size_t> m_open;   ///< per gateway: its incidents in m_owner
    QSet<int> m_full;                 ///< gateways whose raises are refused since they reached m_max
};

} // namespace cityops
