#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace cityops {

/// How the record tells another holder of keys — a gateway, or another desk of the room — turning to hold other
/// keyrings than this console, and the same again (MqttLink::recordKeyringTurns): KeyringChanged by "(" its name ")",
/// the detail "gateway-keyrings gw-west holds another console keyring than this console (its keys 1a2b…, this
/// console's 9f8e…)" or "desk-keyrings desk-2 holds the same approver keyring as this console again (keys 9f8e…)".
/// Written and read back here, so that what one run recorded is what the next run takes up from.
namespace keyringturnrecord {

enum class Holder { Gateway, Desk };
enum class Keyring { Console, Approver };

/// The detail of one turn of `name`: `differ`, it holds other keys (`theirs`) than this console (`ours`); else the
/// same again.
QString detail(Holder holder, const QString &name, Keyring keyring, bool differ, const QString &theirs, const QString &ours);

/// What the record last said of one holder's keyrings: for each, whether it held other keys; nothing when the record
/// says nothing of it (then it is taken as in step, as one first met is).
struct LastSaid {
    std::optional<bool> consoleDiffers, approverDiffers;
};
struct Recorded {
    QHash<QString, LastSaid> gateways, desks;
};

/// From the record's marker labels of KeyringChanged ("keyring-changed (gw-west): gateway-keyrings …"), newest first:
/// what each gateway's and each desk's last line said. Labels of anything else (an administrator's change, an outside
/// change, a line whose holder named in the detail is not the one that is its actor) are passed over.
Recorded lastSaid(const QStringList &labelsNewestFirst);

/// What every such label starts with, and a part each holds: how the record is searched for them.
QString labelStart();
QString labelPart();

} // namespace keyringturnrecord
} // namespace cityops
