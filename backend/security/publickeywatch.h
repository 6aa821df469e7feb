#pragma once

#include "base/filewatch.h"
#include "security/commandsigner.h"

#include <QObject>

#include <memory>

namespace cityops {

/// One trusted public key as read from its file (`cityops-sim --command-pubkey`): the key, or why the file cannot be
/// believed now (then no command signed with it is taken).
struct PublicKeyState {
    std::shared_ptr<const CommandVerifier> key;   ///< null while `unusable`
    QString unusable;
};

/// Reads a trusted public key file again whenever it may have changed (FileWatch), as KeyringWatch does a keyring:
/// the one desk of a room without a keyring has its key replaced (a laptop stolen) without restarting its gateways,
/// and a file others may now change stops being believed at once.
class PublicKeyWatch : public QObject {
    Q_OBJECT
public:
    /// `currentKeyId`: the key's id as read from `path` at start.
    PublicKeyWatch(const QString &path, QString currentKeyId, int pollMs = 30'000, QObject *parent = nullptr);

    /// Reads the file now; `changed` follows if what is believed changed.
    void checkNow();

Q_SIGNALS:
    void changed(const cityops::PublicKeyState &state);

private:
    FileWatch m_watch;
    QString m_keyId;      ///< the last key read
    QString m_unusable;   ///< why the file cannot be believed now; empty while it can
};

} // namespace cityops
