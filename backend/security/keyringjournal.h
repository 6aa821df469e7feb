#pragma once

#include "base/result.h"
#include "security/adminjournal.h"

#include <QJsonValue>

#include <cstdint>
#include <map>
#include <optional>

namespace cityops {

class ConsoleKeyring;

/// The administrators' changes to a keyring — which consoles' operations are believed, which supervisors' approvals
/// the devices take (`cityops-admin console add / remove`, `approver add / remove`) — kept in the keyring file itself,
/// under "journal": `{"id":"5f0c…","changes":[{"id":1,"time_ms":…,"by":"root@ops-1","what":"console-add",
/// "name":"desk-2","detail":"key 1a2b3c4d5e6f7a8b"}],"left":{"desk-1":"9f8e…","desk-3":"…"}}` — "left": whose keys
/// the last change left the keyring with, so that a keyring changed since by anything else (an edit by hand, an older
/// release's cityops-admin) is told from the file alone, also after the fact. The keyring is written whole and at once (ConsoleKeyring::save),
/// so a change and its line are saved together or not at all, as the accounts' journal is in its transaction
/// (security/adminjournal.h); the consoles record the lines (engine/adminwatch.h). Gateways and older releases read
/// the keys and pass the journal over. It keeps the last `kKept` changes.
namespace keyringjournal {

/// Fewer than the accounts' journal: the keyring is copied to every gateway, and read whole whenever it changes.
constexpr int kKept = 1'000;

/// How the record tells a keyring changed by anything but cityops-admin (engine/adminwatch.h): this word opens the
/// detail, and the one who did it is this, since nobody the record can name did.
constexpr const char *kOutsideChange = "outside-change";
constexpr const char *kNobodyRecorded = "unknown";
/// How the record tells a gateway's keyrings turning other than the console's, or the same again (link/mqttlink.h):
/// KeyringChanged by "(" the gateway ")", the detail opening with this word.
constexpr const char *kGatewayKeyrings = "gateway-keyrings";
/// The same of another desk of the room (its signed status says which keys it believes): by "(" the desk ")".
constexpr const char *kDeskKeyrings = "desk-keyrings";

/// Whose keys a keyring holds: each name and its key's id (CommandVerifier::keyId, 16 hex digits).
using Keys = std::map<QString, QString>;
Keys keysOf(const ConsoleKeyring &keyring);

/// Adds `change` (numbered and timed here) to `journal` (a keyring's "journal" value, undefined when it has none yet:
/// then made with this line), with `left`: the keys the keyring holds after the change. A journal that cannot be read
/// is not written to: the change is refused, so that nothing it held is lost unrecorded.
Status write(QJsonValue &journal, AdminChange change, std::int64_t nowMs, const Keys &left);

/// The keys the journal's last change left, and that change's number; nothing when the journal does not say (no
/// journal, or one whose last line an earlier release wrote). A "left" that cannot be one is an error.
struct Left {
    std::int64_t change = 0;
    Keys keys;
};
Result<std::optional<Left>> left(const QJsonValue &journal);

/// What differs in `now` from `before`, in words: "desk-9 added (key …); desk-2 removed (key …); kai's key replaced
/// (… in place of …)"; at most `shown` of them named, then how many more. Empty when they are the same.
QString differences(const Keys &before, const Keys &now, int shown = 8);
/// 16 hex digits that stand for `keys` (SHA-256 of the names and key ids): the same keys, the same digits.
QString digest(const Keys &keys);
/// The digest of what `keyring` holds, as a gateway's status says it: a keyring that cannot be believed (null) holds
/// nobody. `alsoKeyId`: one key believed beside it (a gateway's `--command-pubkey`), held as kAlsoBelieved when the
/// keyring does not list it — a key believed that the room's keyring does not list makes the digest another.
QString digestOf(const ConsoleKeyring *keyring, const QString &alsoKeyId = {});
/// Whether two digests (digestOf, as statuses say them) stand for other keys; nothing when either side says none
/// (not judged). What every figure and record of "holds other keys than this console" is.
inline std::optional<bool> digestsDiffer(const QString &ours, const QString &theirs)
{
    return ours.isEmpty() || theirs.isEmpty() ? std::nullopt : std::optional<bool>(ours != theirs);
}
/// The name a key believed outside the keyring is held under: no keyring can list it (ConsoleKeyring::checkName).
constexpr const char *kAlsoBelieved = "(command key)";

/// The changes numbered after `afterId`, in order, at most `limit` (0: only which journal). A line whose figures or
/// words cannot be a keyring's change, or out of order, is an error naming it, never passed over.
Result<adminjournal::Read> read(const QJsonValue &journal, std::int64_t afterId, int limit);

} // namespace keyringjournal
} // namespace cityops
