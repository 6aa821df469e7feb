#include "city/mbtiles.h"

#include <QFileInfo>

namespace cityops {
namespace {

QString sniffFormat(const QByteArray &data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("png");
    if (data.startsWith("\xff\xd8\xff"))
        return QStringLiteral("jpg");
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QStringLiteral("webp");
    if (data.startsWith("\x1f\x8b"))
        return QStringLiteral("pbf");   // gzip: vector tiles
    return {};
}

} // namespace

MbTiles::MbTiles(std::unique_ptr<SqliteDb> db, SqliteStatement select) : m_db(std::move(db)), m_select(std::move(select)) {}

Result<std::unique_ptr<MbTiles>> MbTiles::open(const QString &path)
{
    const auto bad = [&path](const QString &why) { return makeError(QStringLiteral("%1 is not a usable MBTiles file: %2").arg(path, why)); };
    if (!QFileInfo(path).isFile())
        return makeError(QStringLiteral("tiles file %1 does not exist").arg(path));
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db)
        return bad(db.error());
    // The columns the format requires; a view is fine (many MBTiles files deduplicate images that way).
    auto probe = db.value()->prepare(QStringLiteral("SELECT min(zoom_level), max(zoom_level), count(*) FROM tiles"));
    if (!probe)
        return bad(QStringLiteral("no tiles table with zoom_level, tile_column, tile_row, tile_data (%1)").arg(probe.error()));
    QString error;
    if (!probe->step(&error))
        return bad(error.isEmpty() ? QStringLiteral("the tiles table cannot be read") : error);
    if (probe->columnInt(2) == 0)
        return bad(QStringLiteral("it holds no tiles"));
    const int minZoom = static_cast<int>(probe->columnInt(0));
    const int maxZoom = static_cast<int>(probe->columnInt(1));
    if (minZoom < 0 || maxZoom > 24)
        return bad(QStringLiteral("zoom levels %1..%2 are outside 0..24").arg(minZoom).arg(maxZoom));
    auto select = db.value()->prepare(QStringLiteral("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?"));
    if (!select)
        return bad(select.error());

    QString format, name, attribution;
    if (auto meta = db.value()->prepare(QStringLiteral("SELECT name, value FROM metadata")); meta) {
        while (meta->step()) {
            const QString key = meta->columnText(0);
            if (key == QLatin1String("format"))
                format = meta->columnText(1).toLower();
            else if (key == QLatin1String("name"))
                name = meta->columnText(1);
            else if (key == QLatin1String("attribution"))
                attribution = meta->columnText(1);
        }
    }
    auto first = db.value()->prepare(QStringLiteral("SELECT tile_data FROM tiles LIMIT 1"));
    if (!first || !first->step())
        return bad(QStringLiteral("the first tile cannot be read"));
    const QString sniffed = sniffFormat(first->columnBlob(0));
    if (format.isEmpty() || format == QLatin1String("jpeg"))
        format = sniffed == QLatin1String("jpg") || format == QLatin1String("jpeg") ? QStringLiteral("jpg") : sniffed;
    if (format == QLatin1String("pbf"))
        return bad(QStringLiteral("it holds vector tiles (pbf); the console draws raster tiles (png, jpg)"));
    if (format != QLatin1String("png") && format != QLatin1String("jpg"))
        return bad(QStringLiteral("tile images are not png or jpg"));
    std::unique_ptr<MbTiles> tiles(new MbTiles(std::move(db).value(), std::move(select).value()));
    tiles->m_minZoom = minZoom;
    tiles->m_maxZoom = maxZoom;
    tiles->m_format = format;
    tiles->m_name = name;
    tiles->m_attribution = attribution;
    return tiles;
}

QByteArray MbTiles::tile(int z, int x, int y) const
{
    if (z < 0 || z > 30)
        return {};
    const std::int64_t n = std::int64_t(1) << z;
    if (x < 0 || y < 0 || x >= n || y >= n)
        return {};
    std::lock_guard lock(m_mutex);
    m_select.reset();
    m_select.bind(1, z);
    m_select.bind(2, static_cast<std::int64_t>(x));
    m_select.bind(3, n - 1 - y);   // TMS rows count from the south
    QByteArray data;
    if (m_select.step())
        data = m_select.columnBlob(0);
    m_select.reset();
    return data;
}

} // namespace cityops
