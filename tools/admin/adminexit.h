#pragma once
// How cityops-admin ends on a mistake, the same for every command: a usage mistake exits 2 with a pointer to
// --help, anything else that failed exits 1; one sentence on stderr either way.
#include <QString>

#include <cstdio>

namespace cityops::admin {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

inline int usage(const QString &message)
{
    std::fprintf(stderr, "cityops-admin: %s\nTry 'cityops-admin --help'.\n", qPrintable(message));
    return kExitUsage;
}

inline int failure(const QString &message)
{
    std::fprintf(stderr, "cityops-admin: %s\n", qPrintable(message));
    return kExitFailure;
}

} // namespace cityops::admin
