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

constexpr qint64 kGpkgApplicationId = 0x47504B47; // "GPKG"
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
                                   .arg(kGpkgApplicationId).arg(kGpkgUserVersion);
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

namespace {

class PackageReader {
public:
    PackageReader(SqliteDb &db, const QString &path) : m_db(db), m_path(path) {}

    Status check()
    {
        auto appId = scalarInt(QStringLiteral("PRAGMA application_id"));
        if (!appId)
            return makeError(QStringLiteral("%1 is not a readable SQLite/GeoPackage file: %2").arg(m_path, appId.error()));
        if (appId.value() != kGpkgApplicationId)
            return makeError(QStringLiteral("%1 is not a GeoPackage (application_id is 0x%2)")
                                 .arg(m_path).arg(static_cast<quint32>(appId.value()), 8, 16, QLatin1Char('0')));
        auto meta = m_db.prepare(QStringLiteral("SELECT key, value FROM cityops_meta"));
        if (!meta)
            return makeError(QStringLiteral("%1 is a GeoPackage but not a CityOps city (no cityops_meta table)").arg(m_path));
        QString error;
        while (meta->step(&error))
            m_meta.insert(meta->columnText(0), meta->columnText(1));
        if (!error.isEmpty())
            return makeError(QStringLiteral("%1: cannot read cityops_meta: %2").arg(m_path, error));
        bool okVersion = false;
        const int version = m_meta.value(QStringLiteral("format_version")).toInt(&okVersion);
        if (!okVersion)
            return makeError(QStringLiteral("%1: cityops_meta has no valid format_version").arg(m_path));
        if (version > kFormatVersion)
            return makeError(QStringLiteral("%1 uses city format %2; this CityOps reads up to format %3")
                                 .arg(m_path).arg(version).arg(kFormatVersion));
        return Ok{};
    }

    Result<ResponseRules> rules() const
    {
        const auto stored = m_meta.constFind(kResponseRulesKey);
        return responseRulesFrom(stored == m_meta.constEnd() ? std::nullopt : std::optional<QString>(stored.value()), m_path);
    }

    Result<std::shared_ptr<const CityModel>> load()
    {
        auto city = std::make_shared<CityModel>();
        city->meta.formatVersion = m_meta.value(QStringLiteral("format_version")).toInt();
        city->meta.name = m_meta.value(QStringLiteral("name"));
        city->meta.source = m_meta.value(QStringLiteral("source"));
        city->meta.attribution = m_meta.value(QStringLiteral("attribution"));
        city->meta.timezone = m_meta.value(QStringLiteral("timezone"), QStringLiteral("UTC"));
        city->meta.createdUtc = m_meta.value(QStringLiteral("created_utc"));
        city->meta.generator = m_meta.value(QStringLiteral("generator"));
        auto rules = this->rules();
        if (!rules)
            return makeError(rules.error());
        city->rules = rules.value();

        Status s = Ok{};
        s = forEach(QStringLiteral("roads"), QStringLiteral("geom, sumo_id, name, class, lanes, speed_kmh, oneway"),
                    gpkg::GeometryType::LineString, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        Road road;
                        road.line = g.points;
                        road.sumoId = row.columnText(1);
                        road.name = row.columnText(2);
                        road.cls = roadClassFromName(row.columnText(3));
                        road.lanes = static_cast<int>(row.columnInt(4));
                        road.speedKmh = static_cast<float>(row.columnDouble(5));
                        road.oneway = row.columnInt(6) != 0;
                        city->roads.push_back(std::move(road));
                    });
        if (!s) return makeError(s.error());
        s = forEach(QStringLiteral("junctions"), QStringLiteral("geom, sumo_id, type"), gpkg::GeometryType::Point,
                    [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        city->junctions.push_back({row.columnText(1), row.columnText(2), g.points.front()});
                    });
        if (!s) return makeError(s.error());
        s = forEach(QStringLiteral("districts"), QStringLiteral("geom, district_id, name, generated"),
                    gpkg::GeometryType::Polygon, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        city->districts.push_back({row.columnText(1), row.columnText(2), g.points, row.columnInt(3) != 0});
                    });
        if (!s) return makeError(s.error());

        std::map<QString, std::map<QString, SignalProgram>> programs;
        auto phases = m_db.prepare(QStringLiteral("SELECT sumo_tls_id, program_id, program_type, program_offset_s, "
                                                  "duration_s, state, min_dur_s, max_dur_s FROM signal_phases "
                                                  "ORDER BY sumo_tls_id, program_id, phase_index"));
        if (!phases)
            return makeError(QStringLiteral("%1: signal_phases: %2").arg(m_path, phases.error()));
        QString error;
        while (phases->step(&error)) {
            SignalProgram &program = programs[phases->columnText(0)][phases->columnText(1)];
            program.programId = phases->columnText(1);
            program.type = phases->columnText(2);
            program.offsetS = static_cast<int>(phases->columnInt(3));
            SignalPhase phase{static_cast<int>(phases->columnInt(4)), phases->columnText(5),
                              static_cast<int>(phases->columnInt(6)), static_cast<int>(phases->columnInt(7))};
            if (phase.durationS <= 0)
                return makeError(QStringLiteral("%1: signal %2 has a phase of non-positive duration")
                                     .arg(m_path, phases->columnText(0)));
            program.phases.push_back(std::move(phase));
        }
        if (!error.isEmpty())
            return makeError(QStringLiteral("%1: signal_phases: %2").arg(m_path, error));

        // Movements: packages made before they were stored have no signal_links table (Details then shows the raw
        // state string).
        std::map<QString, std::vector<SignalLink>> movements;
        if (auto has = m_db.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signal_links'"));
            has && has->step(&error)) {
            // The incoming edges came later: a package without them draws queues as straight lines.
            bool hasEdges = false;
            if (auto column = m_db.prepare(QStringLiteral("SELECT 1 FROM pragma_table_info('signal_links') WHERE name = 'from_edge'")))
                hasEdges = column->step(&error);
            auto rows = m_db.prepare(QStringLiteral("SELECT sumo_tls_id, link_index, approach, bearing_deg, direction, %1 FROM signal_links "
                                                    "ORDER BY sumo_tls_id, link_index")
                                         .arg(hasEdges ? QStringLiteral("from_edge") : QStringLiteral("NULL")));
            if (!rows)
                return makeError(QStringLiteral("%1: signal_links: %2").arg(m_path, rows.error()));
            while (rows->step(&error)) {
                const QString direction = rows->columnText(4);
                const std::int64_t index = rows->columnInt(1), bearing = rows->columnInt(3);
                if (index < 0 || index > 4096 || bearing < 0 || bearing >= 360 || direction.size() != 1)
                    return makeError(QStringLiteral("%1: signal_links: a movement of %2 is out of range").arg(m_path, rows->columnText(0)));
                movements[rows->columnText(0)].push_back({int(index), rows->columnText(2), int(bearing), direction.front(), rows->columnText(5)});
            }
            if (!error.isEmpty())
                return makeError(QStringLiteral("%1: signal_links: %2").arg(m_path, error));
        }

        s = forEach(QStringLiteral("signals"), QStringLiteral("geom, device_id, sumo_tls_id, junctions, link_count, generated"),
                    gpkg::GeometryType::Point, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        SignalInfo info;
                        info.sumoTlsId = row.columnText(2);
                        info.junctions = row.columnText(3).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                        info.linkCount = static_cast<int>(row.columnInt(4));
                        for (auto &[id, program] : programs[info.sumoTlsId])
                            info.programs.push_back(program);
                        info.links = movements[info.sumoTlsId];
                        info.device = city->addDevice({row.columnText(1), DeviceKind::SignalController, g.points.front(),
                                                       -1, static_cast<int>(city->signals.size()), row.columnInt(5) != 0});
                        city->signals.push_back(std::move(info));
                    });
        if (!s) return makeError(s.error());
        for (const SignalInfo &signal : city->signals) {
            if (signal.programs.empty())
                return makeError(QStringLiteral("%1: signal %2 has no program in signal_phases")
                                     .arg(m_path, city->devices[signal.device].id));
        }
        s = forEach(QStringLiteral("substations"), QStringLiteral("geom, device_id, name, generated"),
                    gpkg::GeometryType::Point, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        SubstationInfo info;
                        info.name = row.columnText(2);
                        info.device = city->addDevice({row.columnText(1), DeviceKind::Substation, g.points.front(), -1,
                                                       static_cast<int>(city->substations.size()), row.columnInt(3) != 0});
                        city->substations.push_back(std::move(info));
                    });
        if (!s) return makeError(s.error());
        QString badReference;
        s = forEach(QStringLiteral("feeders"),
                    QStringLiteral("geom, device_id, substation_id, capacity_kw, peak_load_kw, commercial_share, priority, generated"),
                    gpkg::GeometryType::Point, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        FeederInfo info;
                        info.substation = city->deviceIndex(row.columnText(2));
                        info.capacityKw = static_cast<float>(row.columnDouble(3));
                        info.peakLoadKw = static_cast<float>(row.columnDouble(4));
                        info.commercialShare = static_cast<float>(row.columnDouble(5));
                        info.priority = static_cast<int>(row.columnInt(6));
                        if (info.substation == kNoDevice || info.capacityKw <= 0)
                            badReference = row.columnText(1);
                        info.device = city->addDevice({row.columnText(1), DeviceKind::Feeder, g.points.front(), -1,
                                                       static_cast<int>(city->feeders.size()), row.columnInt(7) != 0});
                        city->feeders.push_back(info);
                    });
        if (!s) return makeError(s.error());
        if (!badReference.isEmpty())
            return makeError(QStringLiteral("%1: feeder %2 has an unknown substation or no capacity").arg(m_path, badReference));

        QHash<QString, int> roadBySumoId;
        for (size_t i = 0; i < city->roads.size(); ++i)
            roadBySumoId.insert(city->roads[i].sumoId, static_cast<int>(i));
        s = forEach(QStringLiteral("streetlights"), QStringLiteral("geom, device_id, feeder_id, road_sumo_id, power_w, generated"),
                    gpkg::GeometryType::Point, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        StreetlightInfo info;
                        info.feeder = row.columnIsNull(2) ? kNoDevice : city->deviceIndex(row.columnText(2));
                        info.road = roadBySumoId.value(row.columnText(3), -1);
                        info.powerW = static_cast<float>(row.columnDouble(4));
                        info.device = city->addDevice({row.columnText(1), DeviceKind::Streetlight, g.points.front(), -1,
                                                       static_cast<int>(city->streetlights.size()), row.columnInt(5) != 0});
                        city->streetlights.push_back(info);
                    });
        if (!s) return makeError(s.error());

        city->finalize();
        if (city->deviceByName.size() != static_cast<qsizetype>(city->devices.size()))
            return makeError(QStringLiteral("%1: device ids are not unique across layers").arg(m_path));
        for (DeviceInfo &device : city->devices)
            device.district = city->responsibleDistrict(device.position);
        return std::shared_ptr<const CityModel>(std::move(city));
    }

private:
    Result<qint64> scalarInt(const QString &sql)
    {
        auto stmt = m_db.prepare(sql);
        if (!stmt)
            return makeError(stmt.error());
        QString error;
        if (!stmt->step(&error))
            return makeError(error.isEmpty() ? QStringLiteral("no result") : error);
        return stmt->columnInt(0);
    }

    template <typename Fn>
    Status forEach(const QString &table, const QString &columns, gpkg::GeometryType expected, Fn &&fn)
    {
        auto stmt = m_db.prepare(QStringLiteral("SELECT %1 FROM %2 ORDER BY fid").arg(columns, table));
        if (!stmt)
            return makeError(QStringLiteral("%1: layer %2 is missing or unreadable: %3").arg(m_path, table, stmt.error()));
        QString error;
        int row = 0;
        while (stmt->step(&error)) {
            ++row;
            auto geometry = gpkg::decode(stmt->columnBlob(0));
            if (!geometry)
                return makeError(QStringLiteral("%1: layer %2, feature %3: %4").arg(m_path, table).arg(row).arg(geometry.error()));
            if (geometry->type != expected || geometry->points.empty())
                return makeError(QStringLiteral("%1: layer %2, feature %3 has the wrong geometry type").arg(m_path, table).arg(row));
            fn(geometry.value(), stmt.value());
        }
        if (!error.isEmpty())
            return makeError(QStringLiteral("%1: layer %2: %3").arg(m_path, table, error));
        return Ok{};
    }

    SqliteDb &m_db;
    QString m_path;
    QHash<QString, QString> m_meta;
};

} // namespace

namespace {
Result<std::unique_ptr<SqliteDb>> openReadable(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("city file %1 does not exist").arg(path));
    if (!info.isFile() || !info.isReadable())
        return makeError(QStringLiteral("city file %1 is not a readable file").arg(path));
    return SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
}

/// Opens `path` read-only, checks it is a city this CityOps reads, and hands the reader to `use`.
template <typename T, typename Use>
Result<T> readChecked(const QString &path, Use use)
{
    auto db = openReadable(path);
    if (!db)
        return makeError(db.error());
    PackageReader reader(*db.value(), path);
    if (auto s = reader.check(); !s)
        return makeError(s.error());
    return use(reader);
}
} // namespace

Status check(const QString &path)
{
    return readChecked<Ok>(path, [](PackageReader &) -> Result<Ok> { return Ok{}; });
}

Result<ResponseRules> readRules(const QString &path)
{
    return readChecked<ResponseRules>(path, [](PackageReader &reader) { return reader.rules(); });
}

Result<std::shared_ptr<const CityModel>> read(const QString &path)
{
    auto city = readChecked<std::shared_ptr<const CityModel>>(path, [](PackageReader &reader) { return reader.load(); });
    if (city)
        qCInfo(lcCity) << "loaded" << path << city.value()->devices.size() << "devices" << city.value()->roads.size() << "roads"
                       << (city.value()->rules.cityOwn ? "with the city's own response rules" : "");
    return city;
}

} // namespace cityops::citypackage
