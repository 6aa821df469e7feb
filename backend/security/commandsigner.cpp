#include "security/commandsigner.h"

#include "base/hexdigits.h"
#include "base/trustfile.h"

#include <QCryptographicHash>
#include <QFile>

#include <cstring>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace cityops {
namespace {

struct PkeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};

QString keyIdOf(EVP_PKEY *key)
{
    unsigned char raw[32];
    size_t len = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1)
        return {};
    const QByteArray digest = QCryptographicHash::hash(QByteArray(reinterpret_cast<const char *>(raw), static_cast<int>(len)),
                                                       QCryptographicHash::Sha256);
    return hexdigits::sixteenOf(digest);
}

/// Hands OpenSSL the password of an encrypted key; with none, it says "no password" instead of OpenSSL's default of
/// asking on the terminal (a console or gateway given an encrypted key must fail, not wait for a keyboard).
int passwordCallback(char *buf, int size, int, void *userdata)
{
    const auto *password = static_cast<const QByteArray *>(userdata);
    if (!password || password->isEmpty() || password->size() > size)
        return 0;
    std::memcpy(buf, password->constData(), static_cast<size_t>(password->size()));
    return static_cast<int>(password->size());
}

Pkey readPem(const QByteArray &pem, bool isPrivate, const QByteArray *password = nullptr)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return {};
    EVP_PKEY *key = isPrivate ? PEM_read_bio_PrivateKey(bio, nullptr, passwordCallback, const_cast<QByteArray *>(password))
                              : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return Pkey(key);
}

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray out(data, static_cast<int>(len));
    BIO_free(bio);
    return out;
}

Result<QByteArray> readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read key file %1: %2").arg(path, file.errorString()));
    if (file.size() > 64 * 1024)
        return makeError(QStringLiteral("%1 is too large to be a key file").arg(path));
    return file.readAll();
}

} // namespace

struct CommandSigner::Key {
    Pkey pkey;
};
struct CommandVerifier::Key {
    Pkey pkey;
};

CommandSigner::CommandSigner(std::unique_ptr<Key> key) : m_key(std::move(key)) {}
CommandSigner::~CommandSigner() = default;
CommandSigner::CommandSigner(CommandSigner &&) noexcept = default;
CommandSigner &CommandSigner::operator=(CommandSigner &&) noexcept = default;

Result<CommandSigner> CommandSigner::fromPrivateKeyFile(const QString &path)
{
    auto pem = readKeyFile(path);
    if (!pem)
        return Error{pem.error()};
    Pkey key = readPem(pem.value(), true);
    if (!key)
        return makeError(QStringLiteral("%1 is not a PEM private key").arg(path));
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return makeError(QStringLiteral("%1 is not an Ed25519 key (make one with: openssl genpkey -algorithm ed25519)").arg(path));
    return CommandSigner(std::make_unique<Key>(Key{std::move(key)}));
}

Result<CommandSigner> CommandSigner::fromEncryptedPem(const QByteArray &pem, const QByteArray &password)
{
    if (!pem.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        return makeError(QStringLiteral("not a password-protected private key"));
    Pkey key = readPem(pem, true, &password);
    if (!key)
        return makeError(QStringLiteral("the password does not open this key"));
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return makeError(QStringLiteral("not an Ed25519 key"));
    return CommandSigner(std::make_unique<Key>(Key{std::move(key)}));
}

CommandSigner CommandSigner::generate()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    Q_ASSERT(key);
    return CommandSigner(std::make_unique<Key>(Key{Pkey(key)}));
}

QByteArray CommandSigner::sign(const QByteArray &message) const
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    QByteArray signature(64, '\0');
    size_t len = static_cast<size_t>(signature.size());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key->pkey.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &len,
                          reinterpret_cast<const unsigned char *>(message.constData()), static_cast<size_t>(message.size())) != 1)
        return {};
    signature.resize(static_cast<int>(len));
    return signature;
}

QByteArray CommandSigner::publicKeyPem() const
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, m_key->pkey.get());
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, static_cast<int>(len));
    BIO_free(bio);
    return pem;
}

QString CommandSigner::keyId() const { return keyIdOf(m_key->pkey.get()); }

QByteArray CommandSigner::encryptedPrivateKeyPem(const QByteArray &password) const
{
    // PKCS#8 with PBES2: the key is derived with scrypt (N = 2^14, r = 8, p = 1: tens of milliseconds and 16 MB
    // per guess; OpenSSL refuses more than 32 MB when it opens the key), then AES-256-CBC. OpenSSL's own default
    // (PBKDF2 with 2048 rounds) is too cheap to guess against.
    X509_ALGOR *pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, 0, nullptr, 1u << 14, 8, 1);
    PKCS8_PRIV_KEY_INFO *info = EVP_PKEY2PKCS8(m_key->pkey.get());
    X509_SIG *sealed = pbe && info ? PKCS8_set0_pbe(password.constData(), static_cast<int>(password.size()), info, pbe) : nullptr;
    PKCS8_PRIV_KEY_INFO_free(info);
    if (!sealed) {
        X509_ALGOR_free(pbe);
        return {};
    }
    BIO *bio = BIO_new(BIO_s_mem());
    const bool written = PEM_write_bio_PKCS8(bio, sealed) == 1;
    X509_SIG_free(sealed);
    QByteArray pem = drain(bio);
    return written ? pem : QByteArray();
}

QByteArray CommandSigner::privateKeyPem() const
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, m_key->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, static_cast<int>(len));
    BIO_free(bio);
    return pem;
}

CommandVerifier::CommandVerifier(std::unique_ptr<Key> key) : m_key(std::move(key)) {}
CommandVerifier::~CommandVerifier() = default;
CommandVerifier::CommandVerifier(CommandVerifier &&) noexcept = default;
CommandVerifier &CommandVerifier::operator=(CommandVerifier &&) noexcept = default;

Result<CommandVerifier> CommandVerifier::fromPublicKeyPem(const QByteArray &pem)
{
    Pkey key = readPem(pem, false);
    if (!key)
        return makeError(QStringLiteral("not a PEM public key"));
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return makeError(QStringLiteral("not an Ed25519 public key"));
    return CommandVerifier(std::make_unique<Key>(Key{std::move(key)}));
}

namespace {
/// The verifier of the PEM `read` from `path`, or why not (naming the file).
Result<CommandVerifier> verifierFrom(const QString &path, const Result<QByteArray> &pem)
{
    if (!pem)
        return Error{pem.error()};
    auto verifier = CommandVerifier::fromPublicKeyPem(pem.value());
    if (!verifier)
        return makeError(QStringLiteral("%1: %2").arg(path, verifier.error()));
    return verifier;
}
} // namespace

Result<CommandVerifier> CommandVerifier::fromPublicKeyFile(const QString &path) { return verifierFrom(path, readKeyFile(path)); }

Result<CommandVerifier> CommandVerifier::fromTrustedPublicKeyFile(const QString &path)
{
    return verifierFrom(path, trustfile::read(path, QStringLiteral("the command key"), 64 * 1024));
}

bool CommandVerifier::verify(const QByteArray &message, const QByteArray &signature) const
{
    if (signature.size() != 64)
        return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_key->pkey.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()), 64,
                            reinterpret_cast<const unsigned char *>(message.constData()), static_cast<size_t>(message.size())) == 1;
}

QString CommandVerifier::keyId() const { return keyIdOf(m_key->pkey.get()); }

} // namespace cityops
