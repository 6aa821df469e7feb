#include "city/citypackage.h"
#include "city/cityrules.h"

#include "base/logging.h"
#include "base/sqlitedb.h"
#include "city/gpkggeometry.h"
#include "city/packagevalues.h"

#include <QFileInfo>

#include <limits>
#include <map>

// Reading a city package: checked first (a GeoPackage, a CityOps city of a format this build reads), then its layers
// and tables into a CityModel, each row's geometry and references checked as it is read, the whole city's values
// after (packagevalues.h).
namespace cityops::citypackage {
namespace {

/// A whole number of a row as an int; one beyond an int's range as the lowest int, which every check refuses (a
/// plain cast would wrap 2^63 - 1 to -1, a value that passes).
int narrow(std::int64_t value)
{
    return value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max() ? std::numeric_limits<int>::min() : int(value);
}

class PackageReader {
public:
    PackageReader(SqliteDb &db, const QString &path) : m_db(db), m_path(path) {}

    Status check()
    {
        auto appId = scalarInt(QStringLiteral("PRAGMA application_id"));
        if (!appId)
            return makeError(QStringLiteral("%1 is not a readable SQLite/GeoPackage file: %2").arg(m_path, appId.error()));
        if (appId.value() != gpkg::kApplicationId)
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
                        road.lanes = narrow(row.columnInt(4));
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
            program.offsetS = narrow(phases->columnInt(3));
            SignalPhase phase{narrow(phases->columnInt(4)), phases->columnText(5),
                              narrow(phases->columnInt(6)), narrow(phases->columnInt(7))};
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
                        info.linkCount = narrow(row.columnInt(4));
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
                        info.priority = narrow(row.columnInt(6));
                        if (info.substation == kNoDevice)
                            badReference = row.columnText(1);   // its values are checkValues' (capacity above 0, …)
                        info.device = city->addDevice({row.columnText(1), DeviceKind::Feeder, g.points.front(), -1,
                                                       static_cast<int>(city->feeders.size()), row.columnInt(7) != 0});
                        city->feeders.push_back(info);
                    });
        if (!s) return makeError(s.error());
        if (!badReference.isEmpty())
            return makeError(QStringLiteral("%1: feeder %2 names a substation the package does not have").arg(m_path, badReference));

        QHash<QString, int> roadBySumoId;
        for (size_t i = 0; i < city->roads.size(); ++i)
            roadBySumoId.insert(city->roads[i].sumoId, static_cast<int>(i));
        s = forEach(QStringLiteral("streetlights"), QStringLiteral("geom, device_id, feeder_id, road_sumo_id, power_w, generated"),
                    gpkg::GeometryType::Point, [&](const gpkg::Geometry &g, const SqliteStatement &row) {
                        StreetlightInfo info;
                        info.feeder = row.columnIsNull(2) ? kNoDevice : city->deviceIndex(row.columnText(2));
                        if (!row.columnIsNull(2) && info.feeder == kNoDevice && badReference.isEmpty())
                            badReference = row.columnText(1);
                        info.road = roadBySumoId.value(row.columnText(3), -1);
                        info.powerW = static_cast<float>(row.columnDouble(4));
                        info.device = city->addDevice({row.columnText(1), DeviceKind::Streetlight, g.points.front(), -1,
                                                       static_cast<int>(city->streetlights.size()), row.columnInt(5) != 0});
                        city->streetlights.push_back(info);
                    });
        if (!s) return makeError(s.error());
        if (!badReference.isEmpty())
            return makeError(QStringLiteral("%1: streetlight %2 names a feeder the package does not have").arg(m_path, badReference));

        city->finalize();
        if (city->deviceByName.size() != static_cast<qsizetype>(city->devices.size()))
            return makeError(QStringLiteral("%1: device ids are not unique across layers").arg(m_path));
        if (auto values = checkValues(*city); !values)
            return makeError(QStringLiteral("%1: %2").arg(m_path, values.error()));
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
