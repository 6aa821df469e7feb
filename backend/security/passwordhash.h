#pragma once

#include "base/result.h"

#include <QByteArray>

#include <cstdint>

namespace cityops::passwordhash {

/// Argon2id cost. OWASP's minimum (19 MiB, 2 passes, 1 lane) measured 29 ms per verification on the project's
/// 2-core machine, under the 50-500 ms a deliberate cost should take; 64 MiB with 2 passes (stronger than OWASP's
/// minimum, RFC 9106's memory) took 172 ms (p50) there (`cityops-bench signin`, docs/BENCHMARKS.md). Hashes carry
/// their cost, so older ones keep verifying if this changes.
struct Cost {
    std::uint32_t memoryKiB = 64 * 1024;
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
