#include "store/storeschema.h"

#include "codec/eventcodec.h"
#include "store/recordchain.h"

#include "base/hexdigits.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace cityops::storeschema {
namespace {

// Version 1: the append-only log and its snapshots.
const char *kSchemaV1 = R"SQL(
CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, kind INTEGER NOT NULL, device INTEGER NOT NULL,
                     payload BLOB NOT NULL);
CREATE INDEX events_by_time ON events(time_ms);
CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, state BLOB NOT NULL);
CREATE INDEX snapshots_by_time ON snapshots(time_ms);
)SQL";

// Version 2: summaries for the replay timeline (markers for incidents and operator actions, events per minute).
// Both are derived from `events`, so the migration rebuilds them.
const char *kSchemaV2 = R"SQL(
CREATE TABLE markers (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, kind INTEGER NOT NULL, ref INTEGER NOT NULL,
                      label TEXT NOT NULL);
CREATE INDEX markers_by_time ON markers(time_ms);
CREATE TABLE density (minute INTEGER PRIMARY KEY, events INTEGER NOT NULL);
)SQL";

// Version 3: the tamper-evident record — every row's link in a SHA-256 chain, and signed checkpoints of it.
const char *kSchemaV3 = R"SQL(
ALTER TABLE events ADD COLUMN chain BLOB;
CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, chain BLOB NOT NULL, key_id TEXT NOT NULL,
                          signature BLOB NOT NULL);
)SQL";

// Beside the snapshots, each signal's approaches as the console held them (Snapshot::approaches). Added to stores of
// this schema version where the console writes (addSnapshotApproaches), not as a new version: a release from before
// reads such a store as it did (the table unknown to it), and a reader of a recording without it reads measurements
// back instead.
const char *kSnapshotApproaches = R"SQL(
CREATE TABLE IF NOT EXISTS snapshot_approaches (seq INTEGER PRIMARY KEY, approaches BLOB NOT NULL);
)SQL";

/// Chains every row already recorded, in seq order (an upgraded store's history is chained from its first row; it
/// was not tamper-evident before, and the store's meta says from when it is).
Status migrateV2toV3(SqliteDb &db)
{
    if (auto s = db.exec(QString::fromLatin1(kSchemaV3)); !s)
        return s;
    auto select = db.prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload FROM events ORDER BY seq"));
    auto update = db.prepare(QStringLiteral("UPDATE events SET chain = ? WHERE seq = ?"));
    if (!select || !update)
        return makeError(select ? update.error() : select.error());
    QByteArray chain = recordchain::genesis();
    QString error;
    while (select->step(&error)) {
        chain = recordchain::link(chain, static_cast<std::uint64_t>(select->columnInt(0)), select->columnInt(1), int(select->columnInt(2)),
                                  select->columnInt(3), select->columnBlob(4));
        update->bind(1, chain);
        update->bind(2, select->columnInt(0));
        if (auto s = update->run(); !s)
            return s;
    }
    if (!error.isEmpty())
        return makeError(error);
    auto first = db.prepare(QStringLiteral("SELECT min(seq) FROM events"));
    if (first && first->step() && !first->columnIsNull(0) && first->columnInt(0) > 1) {
        // Retention had already deleted the oldest rows: the chain starts at the first one left.
        auto meta = db.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta VALUES ('chain_anchor', ?), ('chain_anchor_seq', ?)"));
        meta->bind(1, QString::fromLatin1(recordchain::genesis().toHex()));
        meta->bind(2, QString::number(first->columnInt(0) - 1));
        if (auto s = meta->run(); !s)
            return s;
    }
    return db.exec(QStringLiteral("INSERT OR REPLACE INTO store_meta VALUES ('chained_since_utc', '%1')")
                       .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
}

Status migrateV1toV2(SqliteDb &db)
{
    if (auto s = db.exec(QString::fromLatin1(kSchemaV2)); !s)
        return s;
    if (auto s = db.exec(QStringLiteral("INSERT INTO density SELECT time_ms / 60000, count(*) FROM events GROUP BY 1")); !s)
        return s;
    auto select = db.prepare(QStringLiteral("SELECT seq, time_ms, kind, payload FROM events WHERE kind IN (5, 6, 8)"));
    auto insert = db.prepare(QStringLiteral("INSERT INTO markers VALUES (?,?,?,?,?)"));
    if (!select || !insert)
        return makeError(db.lastError());
    QString error;
    while (select->step(&error)) {
        const auto kind = static_cast<eventcodec::Kind>(select->columnInt(2));
        const auto payload = eventcodec::decode(kind, select->columnBlob(3));
        if (!payload)
            continue;
        std::int64_t ref = 0;
        QString label;
        if (!eventcodec::markerFor(Event{0, 0, kNoDevice, payload.value()}, &ref, &label))
            continue;
        insert->bind(1, select->columnInt(0));
        insert->bind(2, select->columnInt(1));
        insert->bind(3, static_cast<std::int64_t>(kind));
        insert->bind(4, ref);
        insert->bind(5, label);
        if (auto s = insert->run(); !s)
            return s;
    }
    if (!error.isEmpty())
        return makeError(error);
    return Ok{};
}

} // namespace

QString cityFingerprint(const CityModel &city)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const DeviceInfo &d : city.devices) {
        hash.addData(d.id.toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    return hexdigits::sixteenOf(hash.result());
}

QString meta(SqliteDb &db, const QString &key)
{
    auto stmt = db.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    if (!stmt)
        return {};
    stmt->bind(1, key);
    return stmt->step() ? stmt->columnText(0) : QString();
}

Status prepare(SqliteDb &db, const QString &path, const CityModel &city, bool create)
{
    auto appId = db.pragmaInt(QStringLiteral("application_id"));
    if (!appId)
        return makeError(QStringLiteral("%1 is not a readable CityOps store: %2").arg(path, appId.error()));
    auto version = db.pragmaInt(QStringLiteral("user_version"));
    auto tables = db.pragmaInt(QStringLiteral("schema_version")); // 0 for a brand-new, empty database
    if (!version || !tables)
        return makeError(QStringLiteral("%1 is not a readable CityOps store").arg(path));

    if (appId.value() == 0 && tables.value() == 0) {
        if (!create)
            return makeError(QStringLiteral("%1 is empty: it holds no recording").arg(path));
        const QString setup = QStringLiteral("PRAGMA application_id = %1; PRAGMA user_version = %2; BEGIN; %3 %4 %5")
                                  .arg(kApplicationId).arg(kSchemaVersion)
                                  .arg(QString::fromLatin1(kSchemaV1), QString::fromLatin1(kSchemaV2), QString::fromLatin1(kSchemaV3));
        if (auto s = db.exec(setup); !s)
            return makeError(QStringLiteral("cannot create store %1: %2").arg(path, s.error()));
        auto meta = db.prepare(QStringLiteral("INSERT INTO store_meta VALUES (?, ?)"));
        const std::pair<QString, QString> rows[] = {
            {QStringLiteral("format"), QStringLiteral("cityops-store")},
            {QStringLiteral("city_name"), city.meta.name},
            {QStringLiteral("city_fingerprint"), cityFingerprint(city)},
            {QStringLiteral("device_count"), QString::number(city.devices.size())},
            {QStringLiteral("created_utc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("sessions"), QStringLiteral("0")},
            {QStringLiteral("max_incident_id"), QStringLiteral("0")},
        };
        for (const auto &[k, v] : rows) {
            meta->bind(1, k);
            meta->bind(2, v);
            if (auto s = meta->run(); !s)
                return makeError(s.error());
        }
        if (auto s = db.exec(QStringLiteral("COMMIT")); !s)
            return makeError(s.error());
        return Ok{};
    }
    if (appId.value() != kApplicationId)
        return makeError(QStringLiteral("%1 is not a CityOps store (it is another kind of SQLite file); it was left untouched")
                             .arg(path));
    if (version.value() > kSchemaVersion)
        return makeError(QStringLiteral("%1 was written by a newer CityOps (store schema %2; this one reads up to %3)")
                             .arg(path).arg(version.value()).arg(kSchemaVersion));
    const QString fingerprint = meta(db, QStringLiteral("city_fingerprint"));
    if (fingerprint != cityFingerprint(city))
        return makeError(QStringLiteral("%1 records the city \"%2\", not \"%3\" (device registries differ)")
                             .arg(path, meta(db, QStringLiteral("city_name")), city.meta.name));
    if (version.value() < kSchemaVersion) {
        if (!create)
            return makeError(QStringLiteral("%1 uses store schema %2; open it once in the live console to upgrade it")
                                 .arg(path).arg(version.value()));
        if (auto s = db.exec(QStringLiteral("BEGIN")); !s)
            return s;
        Status migrated = Ok{};
        if (version.value() == 1)
            migrated = migrateV1toV2(db);
        if (migrated && version.value() <= 2)
            migrated = migrateV2toV3(db);
        if (migrated)
            migrated = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
        if (!migrated) {
            (void)db.exec(QStringLiteral("ROLLBACK"));
            return makeError(QStringLiteral("cannot upgrade %1: %2").arg(path, migrated.error()));
        }
        if (auto s = db.exec(QStringLiteral("COMMIT")); !s)
            return s;
    }
    return Ok{};
}

Status addSnapshotApproaches(SqliteDb &db)
{
    return db.exec(QString::fromLatin1(kSnapshotApproaches));
}

Status addSnapshotSeals(SqliteDb &db)
{
    return db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS snapshot_seals (seq INTEGER PRIMARY KEY, key_id TEXT NOT NULL, "
                                  "signature BLOB NOT NULL)"));
}

} // namespace cityops::storeschema
