#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace cityops {

/// Ed25519 keys for signing field commands (docs/PROTOCOL.md §Commands). The console holds the private key; each
/// device (cityops-sim) holds the public key and refuses anything that does not verify. Keys are PEM files as
/// `openssl genpkey -algorithm ed25519` writes them.
class CommandSigner {
public:
    ~CommandSigner();
    CommandSigner(CommandSigner &&) noexcept;
    CommandSigner &operator=(CommandSigner &&) noexcept;

    /// A private key (PEM, PKCS#8) from a file; refuses other key types.
    static Result<CommandSigner> fromPrivateKeyFile(const QString &path);
    /// A password-protected private key (PEM "ENCRYPTED PRIVATE KEY", as encryptedPrivateKeyPem() writes it).
    static Result<CommandSigner> fromEncryptedPem(const QByteArray &pem, const QByteArray &password);
    /// A freshly generated key pair (tests, the bench).
    static CommandSigner generate();

    /// 64-byte Ed25519 signature of `message`.
    QByteArray sign(const QByteArray &message) const;
    /// The public half as PEM (SubjectPublicKeyInfo), for the devices.
    QByteArray publicKeyPem() const;
    /// The private key as PEM (PKCS#8), to be written to a file only its owner may read.
    QByteArray privateKeyPem() const;
    /// The private key as PEM sealed with `password` (scrypt + AES-256): a file that is worthless without it.
    QByteArray encryptedPrivateKeyPem(const QByteArray &password) const;
    /// Short id of the key (first 8 bytes of SHA-256 of the raw public key, hex): names the key in commands so a
    /// device can tell "signed by a key I do not trust" from "altered".
    QString keyId() const;

private:
    struct Key;
    explicit CommandSigner(std::unique_ptr<Key> key);
    std::unique_ptr<Key> m_key;
};

/// The device side: verifies signatures against one trusted public key.
class CommandVerifier {
public:
    ~CommandVerifier();
    CommandVerifier(CommandVerifier &&) noexcept;
    CommandVerifier &operator=(CommandVerifier &&) noexcept;

    static Result<CommandVerifier> fromPublicKeyPem(const QByteArray &pem);
    static Result<CommandVerifier> fromPublicKeyFile(const QString &path);
    /// The key a device believes: as fromPublicKeyFile, from a file only its owner — this program's user or root —
    /// could have written (trustfile::read): whoever could change it could sign commands.
    static Result<CommandVerifier> fromTrustedPublicKeyFile(const QString &path);

    bool verify(const QByteArray &message, const QByteArray &signature) const;
    QString keyId() const;

private:
    struct Key;
    explicit CommandVerifier(std::unique_ptr<Key> key);
    std::unique_ptr<Key> m_key;
};

} // namespace cityops
