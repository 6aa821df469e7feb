#include "link/commandtrust.h"

namespace cityops {

CommandTrust::CommandTrust(std::optional<CommandVerifier> key, KeyringState consoles, KeyringState approvers)
    : m_key(key ? std::make_shared<const CommandVerifier>(std::move(*key)) : nullptr), m_consoles(std::move(consoles)), m_approvers(std::move(approvers))
{
}

Result<const CommandVerifier *> CommandTrust::signer(const QString &keyId, const QString &who) const
{
    if (m_key && m_key->keyId() == keyId)
        return m_key.get();
    if (m_consoles.keys)
        if (const CommandVerifier *console = m_consoles.keys->verifierForKey(keyId))
            return console;
    // The key may be the file's, or one the keyring listed: say why it is not believed rather than that it is unknown.
    if (!m_keyUnusable.isEmpty())
        return makeError(QStringLiteral("signed with key %1, and this %2's command key file cannot be believed: %3").arg(keyId, who, m_keyUnusable));
    if (!m_consoles.unusable.isEmpty())
        return makeError(QStringLiteral("signed with key %1, and this %2's console keyring cannot be believed: %3").arg(keyId, who, m_consoles.unusable));
    if (!m_key && !(m_consoles.keys && !m_consoles.keys->isEmpty()))
        return makeError(QStringLiteral("this %1 trusts no command key").arg(who));
    return makeError(QStringLiteral("signed with key %1, which this %2 does not trust").arg(keyId, who));
}

Result<const CommandVerifier *> CommandTrust::approver(const QString &name) const
{
    if (!m_approvers.unusable.isEmpty())
        return makeError(QStringLiteral("approved by %1, but this device's approver keyring cannot be believed: %2").arg(name, m_approvers.unusable));
    const CommandVerifier *approver = m_approvers.keys ? m_approvers.keys->verifierFor(name) : nullptr;
    if (!approver)
        return makeError(QStringLiteral("approved by %1, who is not an approver this device knows").arg(name));
    return approver;
}

} // namespace cityops
