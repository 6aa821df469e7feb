#include "store/recordcheck.h"

#include "base/sqlitedb.h"
#include "security/commandsigner.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"

#include <optional>

namespace cityops::recordcheck {

Result<Outcome> run(const QString &storePath, std::shared_ptr<const CityModel> city, const QByteArray &publicKeyPem,
                    const std::function<bool(double)> &progress)
{
    std::optional<CommandVerifier> key;
    if (!publicKeyPem.isEmpty()) {
        auto k = CommandVerifier::fromPublicKeyPem(publicKeyPem);
        if (!k)
            return makeError(k.error());
        key = std::move(k).value();
    }
    Outcome out;
    {
        auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
        if (!db)
            return makeError(db.error());
        auto chain = recordchain::verify(*db.value(), key ? &*key : nullptr);
        if (!chain)
            return makeError(chain.error());
        out.chain = chain.value();
        if (!out.chain.intact)
            return out;
    }
    if (progress && !progress(0.0))
        return makeError(QStringLiteral("cancelled"));
    auto reader = StoreReader::open(storePath, std::move(city));
    if (!reader)
        return makeError(reader.error());
    bool cancelled = false;
    auto snapshots = snapshotcheck::verify(*reader.value(), [&](std::uint64_t seq, std::uint64_t last) {
        cancelled = progress && !progress(last > 0 ? double(seq) / double(last) : 1.0);
        return !cancelled;
    });
    if (cancelled)
        return makeError(QStringLiteral("cancelled"));
    if (!snapshots)
        return makeError(snapshots.error());
    out.snapshots = snapshots.value();
    return out;
}

} // namespace cityops::recordcheck
