#pragma once

#include "base/result.h"
#include "security/commandsigner.h"
#include "security/keyringwatch.h"
#include "security/publickeywatch.h"

#include <optional>

namespace cityops {

/// Whom a gateway's devices take commands from: the keys consoles sign with — one key (`cityops-sim
/// --command-pubkey`) and every console of a console keyring (`--consoles`: each desk of a room with its own key) —
/// and the supervisors whose approval a high-risk command needs (`--approvers`). The keyrings are replaced while the
/// gateway runs (KeyringWatch): a key taken out of the file is refused from the next command on, and while a
/// keyring cannot be believed nobody in it is.
class CommandTrust {
public:
    CommandTrust(std::optional<CommandVerifier> key, KeyringState consoles, KeyringState approvers);

    /// The key that verifies a message signed with key id `keyId`, or why nothing here does (worded for `who`, "device"
    /// or "gateway": "signed with key X, which this device does not trust").
    Result<const CommandVerifier *> signer(const QString &keyId, const QString &who) const;
    /// The approval key of the supervisor `name`, or why the devices do not take their approval.
    Result<const CommandVerifier *> approver(const QString &name) const;

    void setConsoles(KeyringState consoles) { m_consoles = std::move(consoles); }
    void setApprovers(KeyringState approvers) { m_approvers = std::move(approvers); }
    /// The one key given besides the keyring, as its file was read again (PublicKeyWatch).
    void setKey(PublicKeyState key)
    {
        m_key = std::move(key.key);
        m_keyUnusable = std::move(key.unusable);
    }

private:
    std::shared_ptr<const CommandVerifier> m_key;   ///< the one key given besides the keyring (--command-pubkey), or null
    QString m_keyUnusable;   ///< why the key's file cannot be believed now; empty while it can
    KeyringState m_consoles;
    KeyringState m_approvers;
};

} // namespace cityops
