#pragma once

#include "model/event.h"

#include <QHash>

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
/// Plain value, no locking: the link's network thread owns it.
class FieldIncidentOwners {
public:
    /// Whether gateway `gateway` (the link's number for it) may report `event`: nullopt if so, and it is booked;
    /// otherwise the number of the gateway whose open incident holds the id.
    std::optional<int> claim(const Event &event, int gateway)
    {
        if (const auto *raised = std::get_if<IncidentRaisedPayload>(&event.payload)) {
            const auto it = m_owner.constFind(raised->id);
            if (it != m_owner.constEnd() && it.value() != gateway)
                return it.value();
            m_owner.insert(raised->id, gateway);   // a gateway re-reports what it has open (a refresh, a restart)
        } else if (const auto *cleared = std::get_if<IncidentClearedPayload>(&event.payload)) {
            const auto it = m_owner.constFind(cleared->id);
            if (it != m_owner.constEnd() && it.value() != gateway)
                return it.value();
            m_owner.remove(cleared->id);
        }
        return std::nullopt;
    }
    std::size_t open() const { return static_cast<std::size_t>(m_owner.size()); }

private:
    QHash<IncidentId, int> m_owner;
};

} // namespace cityops
