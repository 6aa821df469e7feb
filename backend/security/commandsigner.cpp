#include "security/commandsigner.h"

#include <QCryptographicHash>
#include <QFile>

#include <openssl/evp.h>
#include <openssl/pem.h>

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
    return QString::fromLatin1(digest.left(8).toHex());
}

Pkey readPem(const QByteArray &pem, bool isPrivate)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return {};
    EVP_PKEY *key = isPrivate ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return Pkey(key);
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

Result<CommandVerifier> CommandVerifier::fromPublicKeyFile(const QString &path)
{
    auto pem = readKeyFile(path);
    if (!pem)
        return Error{pem.error()};
    auto verifier = fromPublicKeyPem(pem.value());
    if (!verifier)
        return makeError(QStringLiteral("%1: %2").arg(path, verifier.error()));
    return verifier;
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
