#pragma once

#include "base/sqlitedb.h"
#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <mutex>

namespace cityops {

/// An offline raster basemap in an MBTiles file (SQLite: `tiles(zoom_level, tile_column, tile_row, tile_data)`,
/// rows in TMS order, plus a `metadata(name, value)` table). Read-only, never fetched from a network. Thread-safe:
/// the map's tile worker reads it.
class MbTiles {
public:
    /// Opens and checks the file: a SQLite database with a tiles table (or view) of the MBTiles columns, holding
    /// at least one tile, in an image format the console can draw (png, jpg; by metadata or by the first tile).
    static Result<std::unique_ptr<MbTiles>> open(const QString &path);

    /// The encoded image of tile (z, x, y) in XYZ numbering (y down, as the map uses), or empty when absent.
    QByteArray tile(int z, int x, int y) const;
    int minZoom() const { return m_minZoom; }
    int maxZoom() const { return m_maxZoom; }
    QString format() const { return m_format; }
    QString name() const { return m_name; }
    QString attribution() const { return m_attribution; }

private:
    MbTiles(std::unique_ptr<SqliteDb> db, SqliteStatement select);

    std::unique_ptr<SqliteDb> m_db;
    mutable std::mutex m_mutex;
    mutable SqliteStatement m_select;
    int m_minZoom = 0;
    int m_maxZoom = 0;
    QString m_format;
    QString m_name;
    QString m_attribution;
};

} // namespace cityops
