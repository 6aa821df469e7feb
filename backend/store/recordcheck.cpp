#include "store/recordcheck.h"

#include "base/sqlitedb.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"
#include "store/storereader.h"

namespace cityops::recordcheck {

Result<Outcome> run(const QString &storePath, const CommandVerifier *key, const CityOf &cityOf,
                    const std::function<bool(double)> &progress)
{
    Outcome out;
    {
        auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
        if (!db)
            return makeError(db.error());
        auto chain = recordchain::verify(*db.value(), key);
        if (!chain)
            return makeError(chain.error());
        out.chain = chain.value();
        if (!out.chain.intact)
            return out;
    }
    if (progress && !progress(0.0))
        return makeError(QStringLiteral("cancelled"));
    auto city = cityOf();
    if (!city) {
        out.snapshotsNotChecked = city.error();
        return out;
    }
    auto reader = StoreReader::open(storePath, std::move(city).value());
    if (!reader) {   // the chain has just read the file: what it records is not this city
        out.snapshotsNotChecked = reader.error();
        return out;
    }
    bool cancelled = false;
    auto snapshots = snapshotcheck::verify(*reader.value(), key, [&](std::uint64_t seq, std::uint64_t last) {
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
