#pragma once

#include "base/result.h"

#include <QByteArray>

#include <cstdint>

namespace cityops::passwordhash {

/// Argon2id cost. The default is OWASP's recommendation (19 MiB, 2 passes, 1 lane): a deliberate cost of tens to
/// hundreds of milliseconds per guess on this kind of machine (`cityops-bench signin` measures it).
struct Cost {
    std::uint32_t memoryKiB = 19 * 1024;
    std::uint32_t passes = 2;
    std::uint32_t lanes = 1;
};

/// A new PHC string ("$argon2id$v=19$m=…,t=…,p=…$salt$hash") for `password` with 16 fresh random bytes of salt.
Result<QByteArray> hash(const QByteArray &password, const Cost &cost = {});
/// Whether `password` matches the PHC string; false for anything that is not an Argon2id string.
bool verify(const QByteArray &encoded, const QByteArray &password);
/// The same work as a verification that fails, for names that do not exist (so that timing does not tell).
void burn(const QByteArray &password);

} // namespace cityops::passwordhash
