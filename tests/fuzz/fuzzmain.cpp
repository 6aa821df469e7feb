// libFuzzer's entry for one parser (CITYOPS_FUZZ_TARGET, set per executable by tests/fuzz/CMakeLists.txt). Built only
// with clang and CITYOPS_FUZZ=ON (scripts/fuzz); a broken round trip aborts with the sentence, so libFuzzer keeps the
// input as a crash like any sanitizer report.
#include "fuzztargets.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>

namespace {
const cityops::fuzz::Target &theTarget()
{
    static const cityops::fuzz::Target *t = cityops::fuzz::target(CITYOPS_FUZZ_TARGET);
    return *t;
}
} // namespace

/// With CITYOPS_FUZZ_SEEDS=DIR, writes the target's seeds into DIR first (scripts/fuzz starts each corpus from them).
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    if (!cityops::fuzz::target(CITYOPS_FUZZ_TARGET)) {
        std::fprintf(stderr, "fuzz: no target named %s\n", CITYOPS_FUZZ_TARGET);
        std::abort();
    }
    cityops::fuzz::city();   // load the city before the first input, not inside it
    const QByteArray folder = qgetenv("CITYOPS_FUZZ_SEEDS");
    if (!folder.isEmpty()) {
        QDir().mkpath(QString::fromLocal8Bit(folder));
        int n = 0;
        for (const QByteArray &seed : theTarget().seeds()) {
            QFile file(QString::fromLocal8Bit(folder) + QStringLiteral("/seed-%1").arg(++n, 3, 10, QLatin1Char('0')));
            if (!file.open(QIODevice::WriteOnly) || file.write(seed) != seed.size()) {
                std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(file.fileName()));
                std::abort();
            }
        }
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const auto outcome = theTarget().check(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!outcome.broken.isEmpty()) {
        std::fprintf(stderr, "fuzz %s: %s\n", CITYOPS_FUZZ_TARGET, qPrintable(outcome.broken));
        std::abort();
    }
    return 0;
}
