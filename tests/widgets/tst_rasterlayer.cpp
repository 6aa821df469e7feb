// Offline raster background: an MBTiles file the test makes (SQLite + PNG tiles), drawn under the city; damaged or
// wrong files refused with a clear reason.
#include "city/mbtiles.h"
#include "base/sqlitedb.h"
#include "map/mapview.h"
#include "map/rasterlayer.h"
#include "testcity.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace cityops;
using namespace cityops::test;

namespace {

QByteArray png(const QColor &colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/// XYZ tile of a point at zoom z.
QPoint tileOf(const GeoPoint &p, int z)
{
    const QPointF w = MapViewport::project(p);
    const double n = std::exp2(z);
    return QPoint(static_cast<int>(w.x() * n), static_cast<int>(w.y() * n));
}

/// Writes an MBTiles file; `tiles` holds (z, x, y in XYZ, data).
void writeMbTiles(const QString &path, const std::vector<std::tuple<int, int, int, QByteArray>> &tiles, const QString &format = "png")
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    QVERIFY(db.ok());
    QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE metadata (name TEXT, value TEXT);"
                                            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"))
                .ok());
    auto meta = db.value()->prepare(QStringLiteral("INSERT INTO metadata VALUES (?, ?)"));
    for (const auto &[k, v] : std::vector<std::pair<QString, QString>>{
             {"name", "Test tiles"}, {"format", format}, {"attribution", "<a href=\"x\">© Test tiles</a>"}}) {
        meta->bind(1, k);
        meta->bind(2, v);
        QVERIFY(meta->run().ok());
    }
    auto insert = db.value()->prepare(QStringLiteral("INSERT INTO tiles VALUES (?, ?, ?, ?)"));
    for (const auto &[z, x, y, data] : tiles) {
        insert->bind(1, z);
        insert->bind(2, x);
        insert->bind(3, (1 << z) - 1 - y);   // TMS rows
        insert->bind(4, data);
        QVERIFY(insert->run().ok());
    }
}

} // namespace

class TestRasterLayer : public QObject {
    Q_OBJECT
    std::shared_ptr<const CityModel> m_city = makeCity();

private Q_SLOTS:
    void drawsTheTilesUnderTheCity()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bg.mbtiles"));
        const GeoPoint centre = m_city->devices.front().position;
        // Red tiles around the city at zoom 15 (3 × 3), one blue tile at 14 for the view zoomed out.
        std::vector<std::tuple<int, int, int, QByteArray>> tiles;
        const QPoint t = tileOf(centre, 15);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                tiles.emplace_back(15, t.x() + dx, t.y() + dy, png(Qt::red));
        const QPoint t14 = tileOf(centre, 14);
        tiles.emplace_back(14, t14.x(), t14.y(), png(Qt::blue));
        writeMbTiles(path, tiles);

        auto opened = MbTiles::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        std::shared_ptr<const MbTiles> mb = std::move(opened).value();
        QCOMPARE(mb->minZoom(), 14);
        QCOMPARE(mb->maxZoom(), 15);
        QCOMPARE(mb->format(), QStringLiteral("png"));
        QVERIFY(!mb->tile(15, t.x(), t.y()).isEmpty());
        QVERIFY(mb->tile(15, t.x() + 5, t.y()).isEmpty());   // not in the file
        QVERIFY(mb->tile(15, -1, 0).isEmpty());               // not a tile at all

        CityMirror scene(m_city);
        setNormal(scene);
        MapView view(scene);
        view.renderer().setAsyncBasemap(false);
        view.resize(600, 400);
        view.setRasterBasemap(mb);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.renderer().layerIds().contains(QStringLiteral("raster")));

        auto redAt = [&view](const QPoint &p) {
            const QColor c = view.grab().toImage().pixelColor(p);
            return c.red() > c.green() + 40 && c.red() > c.blue() + 40;
        };
        auto blueAt = [&view](const QPoint &p) {
            const QColor c = view.grab().toImage().pixelColor(p);
            return c.blue() > c.red() + 40 && c.blue() > c.green() + 40;
        };
        // At zoom 15, a corner of the view (off the roads) shows the red tiles, dimmed under the dark theme.
        view.centerOn(centre, 15.0);
        QVERIFY(redAt(QPoint(20, 20)));
        // Zoomed in past the file's deepest level its tiles are scaled up.
        view.centerOn(centre, 17.2);
        QVERIFY(redAt(QPoint(20, 20)));
        // At 14 the blue tile.
        view.centerOn(centre, 14.0);
        // A point of the blue tile inside the view, as far from the city (drawn on top) as possible.
        const QRectF tileOnScreen(view.viewport().worldToScreen(QPointF(t14.x() / 16384.0, t14.y() / 16384.0)),
                                  view.viewport().worldToScreen(QPointF((t14.x() + 1) / 16384.0, (t14.y() + 1) / 16384.0)));
        const QRectF visibleTile = tileOnScreen.intersected(QRectF(view.rect())).adjusted(4, 4, -4, -4);
        QVERIFY(!visibleTile.isEmpty());
        const QPointF city = view.viewport().toScreen(centre);
        QPointF far = visibleTile.topLeft();
        for (const QPointF &corner : {visibleTile.topRight(), visibleTile.bottomLeft(), visibleTile.bottomRight()})
            if (QLineF(corner, city).length() > QLineF(far, city).length())
                far = corner;
        QVERIFY(blueAt(far.toPoint()));
        // Hidden like any layer.
        view.setLayerVisible(QStringLiteral("raster"), false);
        view.centerOn(centre, 15.0);
        QVERIFY(!redAt(QPoint(20, 20)));
    }

    void badFilesAreRefusedWithTheReason()
    {
        QTemporaryDir dir;
        auto expectError = [](const QString &path, const char *fragment) {
            const auto r = MbTiles::open(path);
            QVERIFY(!r.ok());
            QVERIFY2(r.error().contains(QLatin1String(fragment)), qPrintable(r.error()));
        };
        expectError(dir.filePath(QStringLiteral("missing.mbtiles")), "does not exist");

        const QString text = dir.filePath(QStringLiteral("text.mbtiles"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database, just some text that is long enough to look like a header..........");
        f.close();
        expectError(text, "not a usable MBTiles file");

        const QString noTable = dir.filePath(QStringLiteral("notable.mbtiles"));
        {
            auto db = SqliteDb::open(noTable, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE other (x);")).ok());
        }
        expectError(noTable, "no tiles table");

        const QString empty = dir.filePath(QStringLiteral("empty.mbtiles"));
        writeMbTiles(empty, {});
        expectError(empty, "holds no tiles");

        const QString vector = dir.filePath(QStringLiteral("vector.mbtiles"));
        writeMbTiles(vector, {{14, 1, 1, QByteArray("\x1f\x8b\x08\x00rest", 8)}}, QStringLiteral("pbf"));
        expectError(vector, "vector tiles");

        const QString gif = dir.filePath(QStringLiteral("gif.mbtiles"));
        writeMbTiles(gif, {{14, 1, 1, QByteArray("GIF89a....")}}, QString());
        expectError(gif, "not png or jpg");

        // A damaged tile inside a good file is left out; the others draw.
        const QString damaged = dir.filePath(QStringLiteral("damaged.mbtiles"));
        writeMbTiles(damaged, {{14, 1, 1, png(Qt::red)}, {14, 2, 1, QByteArray("\x89PNG\r\n\x1a\n garbage")}});
        auto ok = MbTiles::open(damaged);
        QVERIFY(ok.ok());
        CityMirror scene(m_city);
        RasterLayer layer(scene, std::move(ok).value());
        QImage image(512, 256, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        QPainter painter(&image);
        MapViewport v;
        v.setSize(image.size());
        v.setZoom(14);
        v.setCenter(QPointF(2.0 / 16384, 1.5 / 16384));
        layer.render(painter, v);   // must not crash on the damaged tile
        painter.end();
        QVERIFY(image.pixelColor(128, 128).red() > 60);   // the good tile
        QCOMPARE(image.pixelColor(384, 128), QColor(Qt::black));   // the damaged one: nothing
    }
};

QTEST_MAIN(TestRasterLayer)
#include "tst_rasterlayer.moc"
