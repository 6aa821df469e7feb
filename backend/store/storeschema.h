#pragma once

#include "city/citymodel.h"
#include "base/sqlitedb.h"
#include "base/result.h"

#include <QString>

namespace cityops::storeschema {

constexpr qint64 kApplicationId = 0x434F5053; // "COPS"
constexpr int kSchemaVersion = 3;   // 3: the chained record and its checkpoints

/// A short stable fingerprint of a city's device registry: events store dense device indexes, so a store can only
/// be read with the city it was written for.
QString cityFingerprint(const CityModel &city);

/// Checks an existing store (or creates a new one when `create` and the file is empty): application id, schema
/// version (older versions are migrated in one transaction; newer ones refused), and the city fingerprint.
/// Nothing is written to a file that fails these checks.
Status prepare(SqliteDb &db, const QString &path, const CityModel &city, bool create);
/// Adds the table of the signals' approaches kept beside snapshots (snapshot_approaches) if the store has none: a
/// store of this schema recorded before there was one. Written by the store's writer once the file is checked.
Status addSnapshotApproaches(SqliteDb &db);
/// The snapshots' seals (recordchain::snapshotSealMessage), added as the approaches are: a release from before
/// reads the store as it did and writes no seals.
Status addSnapshotSeals(SqliteDb &db);

/// Reads one store_meta value.
QString meta(SqliteDb &db, const QString &key);

} // namespace cityops::storeschema
