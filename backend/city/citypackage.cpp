#include "city/citypackage.h"
#include "city/cityrules.h"

#include "city/gpkggeometry.h"
#include "base/sqlitedb.h"
#include "base/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <map>

namespace cityops::citypackage {
namespace {

constexpr int kGpkgUserVersion = 10300;            // GeoPackage 1.3.0

const char *kCoreSchema = R"SQL(
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326,
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
  'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE roads (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom LINESTRING NOT NULL, sumo_id TEXT NOT NULL,
  name TEXT, class TEXT NOT NULL, lanes INTEGER NOT NULL, speed_kmh REAL NOT NULL, oneway INTEGER NOT NULL);
CREATE TABLE junctions (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL, sumo_id TEXT NOT NULL,
  type TEXT);
CREATE TABLE districts (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POLYGON NOT NULL,
  district_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, generated INTEGER NOT NULL);
CREATE TABLE signals (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL,
  device_id TEXT NOT NULL UNIQUE, sumo_tls_id TEXT NOT NULL, junctions TEXT, link_count INTEGER NOT NULL,
  generated INTEGER NOT NULL);
CREATE TABLE signal_phases (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, sumo_tls_id TEXT NOT NULL,
  program_id TEXT NOT NULL, program_type TEXT, program_offset_s INTEGER NOT NULL, phase_index INTEGER NOT NULL,
  duration_s INTEGER NOT NULL, state TEXT NOT NULL, min_dur_s INTEGER, max_dur_s INTEGER);
CREATE TABLE substations (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL,
  device_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, generated INTEGER NOT NULL);
CREATE TABLE feeders (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL,
  device_id TEXT NOT NULL UNIQUE, substation_id TEXT NOT NULL, capacity_kw REAL NOT NULL, peak_load_kw REAL NOT NULL,
  commercial_share REAL NOT NULL, priority INTEGER NOT NULL, generated INTEGER NOT NULL);
CREATE TABLE streetlights (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL,
  device_id TEXT NOT NULL UNIQUE, feeder_id TEXT, road_sumo_id TEXT, power_w REAL NOT NULL, generated INTEGER NOT NULL);
CREATE TABLE signal_links (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, sumo_tls_id TEXT NOT NULL,
  link_index INTEGER NOT NULL, approach TEXT, bearing_deg INTEGER NOT NULL, direction TEXT NOT NULL, from_edge TEXT);
CREATE TABLE cityops_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)SQL";

struct LayerDef {
    const char *table;
    const char *geometryType;   // nullptr for attribute tables
    const char *description;
};

const LayerDef kLayers[] = {
    {"roads", "LINESTRING", "Road centre lines from the SUMO network (OpenStreetMap)"},
    {"junctions", "POINT", "Junctions from the SUMO network (OpenStreetMap)"},
    {"districts", "POLYGON", "Operational districts (generated)"},
    {"signals", "POINT", "Traffic signal controllers (SUMO traffic lights)"},
    {"substations", "POINT", "Substations (generated)"},
    {"feeders", "POINT", "Distribution feeder cabinets (generated)"},
    {"streetlights", "POINT", "Streetlights (generated along roads)"},
    {"signal_phases", nullptr, "Signal programs: one row per phase (SUMO tlLogic)"},
    {"signal_links", nullptr, "Signal movements: one row per controlled link (SUMO connections)"},
    {"cityops_meta", nullptr, "CityOps package metadata"},
};

Status insertAll(SqliteDb &db, const CityModel &city)
{
    auto roads = db.prepare(QStringLiteral("INSERT INTO roads (geom, sumo_id, name, class, lanes, speed_kmh, oneway) "
                                           "VALUES (?,?,?,?,?,?,?)"));
    if (!roads)
        return makeError(roads.error());
    for (const Road &road : city.roads) {
        roads->bind(1, gpkg::encodeLineString(road.line));
        roads->bind(2, road.sumoId);
        road.name.isEmpty() ? roads->bindNull(3) : roads->bind(3, road.name);
        roads->bind(4, roadClassName(road.cls));
        roads->bind(5, road.lanes);
        roads->bind(6, static_cast<double>(road.speedKmh));
        roads->bind(7, road.oneway ? 1 : 0);
        if (auto s = roads->run(); !s)
            return s;
    }
    auto junctions = db.prepare(QStringLiteral("INSERT INTO junctions (geom, sumo_id, type) VALUES (?,?,?)"));
    if (!junctions)
        return makeError(junctions.error());
    for (const Junction &j : city.junctions) {
        junctions->bind(1, gpkg::encodePoint(j.position));
        junctions->bind(2, j.sumoId);
        junctions->bind(3, j.type);
        if (auto s = junctions->run(); !s)
            return s;
    }
    auto districts = db.prepare(QStringLiteral("INSERT INTO districts (geom, district_id, name, generated) VALUES (?,?,?,?)"));
    if (!districts)
        return makeError(districts.error());
    for (const District &d : city.districts) {
        districts->bind(1, gpkg::encodePolygon(d.ring));
        districts->bind(2, d.id);
        districts->bind(3, d.name);
        districts->bind(4, d.generated ? 1 : 0);
        if (auto s = districts->run(); !s)
            return s;
    }
    auto signals = db.prepare(QStringLiteral("INSERT INTO signals (geom, device_id, sumo_tls_id, junctions, link_count, "
                                             "generated) VALUES (?,?,?,?,?,?)"));
    auto phases = db.prepare(QStringLiteral("INSERT INTO signal_phases (sumo_tls_id, program_id, program_type, "
                                            "program_offset_s, phase_index, duration_s, state, min_dur_s, max_dur_s) "
                                            "VALUES (?,?,?,?,?,?,?,?,?)"));
    auto links = db.prepare(QStringLiteral("INSERT INTO signal_links (sumo_tls_id, link_index, approach, bearing_deg, direction, "
                                           "from_edge) VALUES (?,?,?,?,?,?)"));
    if (!signals || !phases || !links)
        return makeError(db.lastError());
    for (const SignalInfo &s : city.signals) {
        const DeviceInfo &d = city.devices[s.device];
        signals->bind(1, gpkg::encodePoint(d.position));
        signals->bind(2, d.id);
        signals->bind(3, s.sumoTlsId);
        signals->bind(4, s.junctions.join(QLatin1Char(' ')));
        signals->bind(5, s.linkCount);
        signals->bind(6, d.generated ? 1 : 0);
        if (auto st = signals->run(); !st)
            return st;
        for (const SignalLink &link : s.links) {
            links->bind(1, s.sumoTlsId);
            links->bind(2, link.index);
            link.approach.isEmpty() ? links->bindNull(3) : links->bind(3, link.approach);
            links->bind(4, link.bearingDeg);
            links->bind(5, QString(link.direction));
            link.fromEdge.isEmpty() ? links->bindNull(6) : links->bind(6, link.fromEdge);
            if (auto st = links->run(); !st)
                return st;
        }
        for (const SignalProgram &program : s.programs) {
            for (size_t i = 0; i < program.phases.size(); ++i) {
                const SignalPhase &phase = program.phases[i];
                phases->bind(1, s.sumoTlsId);
                phases->bind(2, program.programId);
                phases->bind(3, program.type);
                phases->bind(4, program.offsetS);
                phases->bind(5, static_cast<int>(i));
                phases->bind(6, phase.durationS);
                phases->bind(7, phase.state);
                phases->bind(8, phase.minDurS);
                phases->bind(9, phase.maxDurS);
                if (auto st = phases->run(); !st)
                    return st;
            }
        }
    }
    auto substations = db.prepare(QStringLiteral("INSERT INTO substations (geom, device_id, name, generated) VALUES (?,?,?,?)"));
    if (!substations)
        return makeError(substations.error());
    for (const SubstationInfo &s : city.substations) {
        const DeviceInfo &d = city.devices[s.device];
        substations->bind(1, gpkg::encodePoint(d.position));
        substations->bind(2, d.id);
        substations->bind(3, s.name);
        substations->bind(4, d.generated ? 1 : 0);
        if (auto st = substations->run(); !st)
            return st;
    }
    auto feeders = db.prepare(QStringLiteral("INSERT INTO feeders (geom, device_id, substation_id, capacity_kw, "
                                             "peak_load_kw, commercial_share, priority, generated) VALUES (?,?,?,?,?,?,?,?)"));
    if (!feeders)
        return makeError(feeders.error());
    for (const FeederInfo &f : city.feeders) {
        const DeviceInfo &d = city.devices[f.device];
        feeders->bind(1, gpkg::encodePoint(d.position));
        feeders->bind(2, d.id);
        feeders->bind(3, city.devices[f.substation].id);
        feeders->bind(4, static_cast<double>(f.capacityKw));
        feeders->bind(5, static_cast<double>(f.peakLoadKw));
        feeders->bind(6, static_cast<double>(f.commercialShare));
        feeders->bind(7, f.priority);
        feeders->bind(8, d.generated ? 1 : 0);
        if (auto st = feeders->run(); !st)
            return st;
    }
    auto lights = db.prepare(QStringLiteral("INSERT INTO streetlights (geom, device_id, feeder_id, road_sumo_id, power_w, "
                                            "generated) VALUES (?,?,?,?,?,?)"));
    if (!lights)
        return makeError(lights.error());
    for (const StreetlightInfo &l : city.streetlights) {
        const DeviceInfo &d = city.devices[l.device];
        lights->bind(1, gpkg::encodePoint(d.position));
        lights->bind(2, d.id);
        l.feeder == kNoDevice ? lights->bindNull(3) : lights->bind(3, city.devices[l.feeder].id);
        l.road < 0 ? lights->bindNull(4) : lights->bind(4, city.roads[l.road].sumoId);
        lights->bind(5, static_cast<double>(l.powerW));
        lights->bind(6, d.generated ? 1 : 0);
        if (auto st = lights->run(); !st)
            return st;
    }
    auto meta = db.prepare(QStringLiteral("INSERT INTO cityops_meta (key, value) VALUES (?,?)"));
    if (!meta)
        return makeError(meta.error());
    const std::map<QString, QString> entries = {
        {QStringLiteral("format_version"), QString::number(kFormatVersion)},
        {QStringLiteral("name"), city.meta.name},
        {QStringLiteral("source"), city.meta.source},
        {QStringLiteral("attribution"), city.meta.attribution},
        {QStringLiteral("timezone"), city.meta.timezone},
        {QStringLiteral("created_utc"), city.meta.createdUtc},
        {QStringLiteral("generator"), city.meta.generator},
    };
    std::map<QString, QString> all = entries;
    if (city.rules.cityOwn)
        all.emplace(kResponseRulesKey, QString::fromUtf8(city.rules.toJson()));
    for (const auto &[key, value] : all) {
        meta->bind(1, key);
        meta->bind(2, value);
        if (auto st = meta->run(); !st)
            return st;
    }
    return Ok{};
}

Status registerLayers(SqliteDb &db, const CityModel &city)
{
    auto contents = db.prepare(QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                                              "min_x, min_y, max_x, max_y, srs_id) VALUES (?,?,?,?,?,?,?,?,?)"));
    auto columns = db.prepare(QStringLiteral("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)"));
    if (!contents || !columns)
        return makeError(db.lastError());
    for (const LayerDef &layer : kLayers) {
        const QString table = QString::fromLatin1(layer.table);
        contents->bind(1, table);
        contents->bind(2, QString::fromLatin1(layer.geometryType ? "features" : "attributes"));
        contents->bind(3, table);
        contents->bind(4, QString::fromLatin1(layer.description));
        if (layer.geometryType) {
            contents->bind(5, city.bounds.minLon);
            contents->bind(6, city.bounds.minLat);
            contents->bind(7, city.bounds.maxLon);
            contents->bind(8, city.bounds.maxLat);
            contents->bind(9, gpkg::kWgs84SrsId);
        }
        if (auto s = contents->run(); !s)
            return s;
        if (layer.geometryType) {
            columns->bind(1, table);
            columns->bind(2, QString::fromLatin1(layer.geometryType));
            if (auto s = columns->run(); !s)
                return s;
        }
    }
    return Ok{};
}

} // namespace

Status write(const CityModel &city, const QString &path)
{
    const QFileInfo target(path);
    QDir dir = target.absoluteDir();
    if (!dir.exists())
        return makeError(QStringLiteral("cannot write %1: folder %2 does not exist").arg(path, dir.path()));
    QString tempPath;
    {
        QTemporaryFile temp(dir.filePath(target.fileName() + QStringLiteral(".XXXXXX.part")));
        temp.setAutoRemove(false);
        if (!temp.open())
            return makeError(QStringLiteral("cannot write in %1: %2").arg(dir.path(), temp.errorString()));
        tempPath = temp.fileName();
    }
    auto fail = [&tempPath](const QString &message) -> Status {
        QFile::remove(tempPath);
        return makeError(message);
    };
    {
        auto db = SqliteDb::open(tempPath, SqliteDb::Mode::Create);
        if (!db)
            return fail(db.error());
        SqliteDb &d = *db.value();
        const QString header = QStringLiteral("PRAGMA application_id = %1; PRAGMA user_version = %2; PRAGMA journal_mode = DELETE;")
                                   .arg(gpkg::kApplicationId).arg(kGpkgUserVersion);
        if (auto s = d.exec(header); !s)
            return fail(s.error());
        if (auto s = d.exec(QStringLiteral("BEGIN")); !s)
            return fail(s.error());
        if (auto s = d.exec(QString::fromLatin1(kCoreSchema)); !s)
            return fail(QStringLiteral("schema: ") + s.error());
        if (auto s = registerLayers(d, city); !s)
            return fail(QStringLiteral("layers: ") + s.error());
        if (auto s = insertAll(d, city); !s)
            return fail(QStringLiteral("features: ") + s.error());
        if (auto s = d.exec(QStringLiteral("COMMIT")); !s)
            return fail(s.error());
        (void)d.exec(QStringLiteral("VACUUM")); // compaction only; the package is complete without it
    }
    QFile::remove(path);
    if (!QFile::rename(tempPath, path))
        return fail(QStringLiteral("cannot replace %1").arg(path));
    // QTemporaryFile creates owner-only files; a city package is meant to be shared with the GIS team.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return Ok{};
}

} // namespace cityops::citypackage
