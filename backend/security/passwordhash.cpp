#include "security/passwordhash.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <vector>

namespace cityops::passwordhash {
namespace {
constexpr std::uint32_t kSaltBytes = 16;
constexpr std::uint32_t kHashBytes = 32;
} // namespace

Result<QByteArray> hash(const QByteArray &password, const Cost &cost)
{
    unsigned char salt[kSaltBytes];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return makeError(QStringLiteral("the system's random generator failed"));
    const size_t length = argon2_encodedlen(cost.passes, cost.memoryKiB, cost.lanes, kSaltBytes, kHashBytes, Argon2_id);
    std::vector<char> encoded(length);
    const int rc = argon2id_hash_encoded(cost.passes, cost.memoryKiB, cost.lanes, password.constData(), size_t(password.size()), salt,
                                         kSaltBytes, kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        return makeError(QStringLiteral("cannot hash the password: %1").arg(QString::fromLatin1(argon2_error_message(rc))));
    return QByteArray(encoded.data());
}

bool verify(const QByteArray &encoded, const QByteArray &password)
{
    if (!encoded.startsWith("$argon2id$"))
        return false;
    return argon2id_verify(encoded.constData(), password.constData(), size_t(password.size())) == ARGON2_OK;
}

void burn(const QByteArray &password)
{
    // A fixed hash of the default cost: verifying against it costs what a real verification costs.
    static const QByteArray dummy = [] {
        auto h = hash(QByteArrayLiteral("cityops-no-such-user"));
        return h ? h.value() : QByteArray();
    }();
    (void)verify(dummy, password);
}

} // namespace cityops::passwordhash
