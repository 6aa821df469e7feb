#pragma once

#include "base/result.h"
#include "security/adminjournal.h"

#include <QJsonValue>

#include <cstdint>

namespace cityops {

/// The administrators' changes to a keyring — which consoles' operations are believed, which supervisors' approvals
/// the devices take (`cityops-admin console add / remove`, `approver add / remove`) — kept in the keyring file itself,
/// under "journal": `{"id":"5f0c…","changes":[{"id":1,"time_ms":…,"by":"root@ops-1","what":"console-add",
/// "name":"desk-2","detail":"key 1a2b3c4d5e6f7a8b"}]}`. The keyring is written whole and at once (ConsoleKeyring::save),
/// so a change and its line are saved together or not at all, as the accounts' journal is in its transaction
/// (security/adminjournal.h); the consoles record the lines (engine/adminwatch.h). Gateways and older releases read
/// the keys and pass the journal over. It keeps the last `kKept` changes.
namespace keyringjournal {

/// Fewer than the accounts' journal: the keyring is copied to every gateway, and read whole whenever it changes.
constexpr int kKept = 1'000;

/// Adds `change` (numbered and timed here) to `journal` (a keyring's "journal" value, undefined when it has none yet:
/// then made with this line). A journal that cannot be read is not written to: the change is refused, so that nothing
/// it held is lost unrecorded.
Status write(QJsonValue &journal, AdminChange change, std::int64_t nowMs);

/// The changes numbered after `afterId`, in order, at most `limit` (0: only which journal). A line whose figures or
/// words cannot be a keyring's change, or out of order, is an error naming it, never passed over.
Result<adminjournal::Read> read(const QJsonValue &journal, std::int64_t afterId, int limit);

} // namespace keyringjournal
} // namespace cityops
