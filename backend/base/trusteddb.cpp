#include "base/trusteddb.h"

#include "base/trustfile.h"

#include <QFileInfo>

namespace cityops {

Result<std::unique_ptr<SqliteDb>> openTrustedDb(const QString &path, TrustedDbMode mode, const TrustedDbKind &kind)
{
    const QFileInfo info(path);
    const bool exists = info.exists() && info.size() > 0;
    if (!exists && mode != TrustedDbMode::CreateIfMissing)
        return makeError(kind.whenMissing.arg(path));
    const QString the = QStringLiteral("the ") + kind.what;
    if (auto trusted = info.exists() ? trustfile::check(path, the) : trustfile::checkPlace(path, the); !trusted)
        return makeError(trusted.error());
    auto db = SqliteDb::open(path, mode == TrustedDbMode::ReadOnly ? SqliteDb::Mode::ReadOnly : SqliteDb::Mode::Create);
    if (!db)
        return makeError(db.error());
    SqliteDb &d = *db.value();
    (void)d.exec(QStringLiteral("PRAGMA busy_timeout = 3000"));
    if (exists) {
        // Read before anything is written: a file that is not ours stays exactly as it was.
        const auto id = d.pragmaInt(QStringLiteral("application_id"));
        const auto version = d.pragmaInt(QStringLiteral("user_version"));
        if (!id || id.value() != kind.applicationId)
            return makeError(QStringLiteral("%1 is not a CityOps %2%3; it was left untouched")
                                 .arg(path, kind.what, id ? QString() : QStringLiteral(" (%1)").arg(id.error())));
        const int oldest = kind.version - int(kind.upgrades.size());
        if (!version || version.value() < oldest || version.value() > kind.version)
            return makeError(QStringLiteral("%1 is a %2 of another version (%3); it was left untouched")
                                 .arg(path, kind.what)
                                 .arg(version ? version.value() : -1));
        if (version.value() < kind.version) {
            if (mode == TrustedDbMode::ReadOnly)
                return makeError(QStringLiteral("%1 is a %2 of an earlier release (version %3); it was left untouched: the console, or "
                                                "any change made with cityops-admin, brings it up to date")
                                     .arg(path, kind.what)
                                     .arg(version.value()));
            // All steps or none: a file left half-upgraded would be read by neither release.
            QString steps;
            for (auto v = version.value(); v < kind.version; ++v)
                steps += kind.upgrades[int(v - oldest)] + QLatin1Char(';');
            const Status upgraded =
                d.exec(QStringLiteral("BEGIN IMMEDIATE; %1 PRAGMA user_version = %2; COMMIT;").arg(steps).arg(kind.version));
            if (!upgraded) {
                (void)d.exec(QStringLiteral("ROLLBACK"));
                return makeError(QStringLiteral("cannot bring %1 %2 up to date (version %3 to %4): %5")
                                     .arg(the, path)
                                     .arg(version.value())
                                     .arg(kind.version)
                                     .arg(upgraded.error()));
            }
        }
    } else {
        const Status created = d.exec(QStringLiteral("BEGIN IMMEDIATE; %1; PRAGMA application_id = %2; PRAGMA user_version = %3; COMMIT;")
                                          .arg(kind.schema)
                                          .arg(kind.applicationId)
                                          .arg(kind.version));
        if (!created) {
            (void)d.exec(QStringLiteral("ROLLBACK"));
            return makeError(QStringLiteral("cannot create %1 %2: %3").arg(the, path, created.error()));
        }
    }
    (void)d.exec(QStringLiteral("PRAGMA synchronous = FULL"));
    return db;
}

} // namespace cityops
