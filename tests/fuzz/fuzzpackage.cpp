// A city package's tables beyond their geometry: what a hand edit or a damaged copy can put in a row's columns.
#include "fuzzcommon.h"

#include "base/sqlitedb.h"
#include "city/citypackage.h"
#include "city/sumoimport.h"
#include "sim/citysimulator.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cityops::fuzz {

namespace {

/// The columns an edit may change, table by table (geometry left out: the `geometry` target has it).
struct Table {
    const char *name;
    std::vector<const char *> columns;
};
const std::vector<Table> &tables()
{
    static const std::vector<Table> all{
        {"roads", {"sumo_id", "name", "class", "lanes", "speed_kmh", "oneway"}},
        {"junctions", {"sumo_id", "type"}},
        {"districts", {"district_id", "name", "generated"}},
        {"signals", {"device_id", "sumo_tls_id", "junctions", "link_count", "generated"}},
        {"signal_phases", {"sumo_tls_id", "program_id", "program_type", "program_offset_s", "duration_s", "state", "min_dur_s",
                           "max_dur_s", "phase_index"}},
        {"signal_links", {"sumo_tls_id", "link_index", "approach", "bearing_deg", "direction", "from_edge"}},
        {"substations", {"device_id", "name", "generated"}},
        {"feeders", {"device_id", "substation_id", "capacity_kw", "peak_load_kw", "commercial_share", "priority", "generated"}},
        {"streetlights", {"device_id", "feeder_id", "road_sumo_id", "power_w", "generated"}},
        {"cityops_meta", {"value"}},
    };
    return all;
}

/// The tiny grid imported once, as the bytes of its package.
const QByteArray &basePackage()
{
    static const QByteArray bytes = [] {
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        options.lightSpacingM = 60;
        auto city = importSumoNet(QStringLiteral(CITYOPS_SOURCE_DIR "/tests/data/tiny-grid.net.xml"), options);
        const QString path = scratch().filePath(QStringLiteral("base.gpkg"));
        if (!city || !citypackage::write(city.value(), path)) {
            std::fprintf(stderr, "fuzz: cannot make the base package\n");
            std::abort();
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            std::abort();
        return file.readAll();
    }();
    return bytes;
}

/// One edit: [table][column][row][kind][length][value: length bytes]. The kind says what the value is bound as: a
/// whole number (8 bytes, little-endian), a real (8 bytes), text, a blob, NULL — or deletes the row.
bool applyEdit(SqliteDb &db, const QByteArray &input, qsizetype &at)
{
    if (at + 5 > input.size())
        return false;
    const auto byte = [&](qsizetype i) { return std::uint8_t(input[at + i]); };
    const Table &table = tables()[byte(0) % tables().size()];
    const char *column = table.columns[byte(1) % table.columns.size()];
    const int row = byte(2);
    const int kind = byte(3) % 6;
    const qsizetype length = std::min<qsizetype>(byte(4), input.size() - at - 5);
    const QByteArray value = input.mid(at + 5, length);
    at += 5 + length;
    const QString which = QStringLiteral(" WHERE rowid = (SELECT rowid FROM %1 ORDER BY rowid LIMIT 1 OFFSET %2)")
                              .arg(QLatin1String(table.name)).arg(row);
    if (kind == 5)
        return db.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table.name)) + which).ok();
    auto update = db.prepare(QStringLiteral("UPDATE %1 SET %2 = ?").arg(QLatin1String(table.name), QLatin1String(column)) + which);
    if (!update)
        return false;
    char eight[8] = {};
    std::memcpy(eight, value.constData(), size_t(std::min<qsizetype>(8, value.size())));
    switch (kind) {
    case 0: {
        std::int64_t n = 0;
        std::memcpy(&n, eight, 8);
        update->bind(1, n);
        break;
    }
    case 1: {
        double d = 0;
        std::memcpy(&d, eight, 8);
        update->bind(1, d);
        break;
    }
    case 2: update->bind(1, QString::fromUtf8(value)); break;
    case 3: update->bind(1, value); break;
    default: update->bindNull(1); break;
    }
    return update->run().ok();   // a constraint (NOT NULL, a primary key) may refuse it: that edit is not made
}

/// What the console takes from an opened package without asking again: every movement within every phase, every
/// reference a device of its kind, every number finite and within its range.
QString unusable(const CityModel &c)
{
    for (const DeviceInfo &d : c.devices) {
        if (d.id.isEmpty() || c.deviceIndex(d.id) >= c.devices.size() || c.devices[c.deviceIndex(d.id)].id != d.id)
            return QStringLiteral("a device its id does not find: ") + d.id;
        if (d.district < -1 || d.district >= int(c.districts.size()))
            return QStringLiteral("a device in no district of the city: ") + d.id;
    }
    for (const Road &r : c.roads)
        if (!std::isfinite(r.speedKmh) || r.speedKmh < 0 || r.lanes < 0)
            return QStringLiteral("a road of no speed or lanes: ") + r.sumoId;
    for (const SignalInfo &s : c.signals) {
        if (s.device >= c.devices.size() || c.devices[s.device].kind != DeviceKind::SignalController)
            return QStringLiteral("a signal without its device: ") + s.sumoTlsId;
        const int movements = movementsOf(s);
        for (const SignalProgram &p : s.programs) {
            if (p.phases.empty() || p.cycleS() <= 0)
                return QStringLiteral("a program without a cycle: ") + s.sumoTlsId;
            for (const SignalPhase &phase : p.phases)
                if (phase.state.size() != movements)
                    return QStringLiteral("a phase not over its signal's movements: ") + s.sumoTlsId;
        }
        for (const SignalLink &l : s.links)
            if (l.index < 0 || l.index >= movements)
                return QStringLiteral("a movement beyond its signal's states: ") + s.sumoTlsId;
        (void)signalApproaches(s);
        (void)junctionName(s);
    }
    for (const FeederInfo &f : c.feeders)
        if (f.substation >= c.devices.size() || c.devices[f.substation].kind != DeviceKind::Substation || !std::isfinite(f.capacityKw)
            || f.capacityKw <= 0 || !std::isfinite(f.peakLoadKw) || !(f.commercialShare >= 0 && f.commercialShare <= 1))
            return QStringLiteral("a feeder the grid cannot use: ") + c.devices[f.device].id;
    for (const StreetlightInfo &l : c.streetlights)
        if ((l.feeder != kNoDevice && (l.feeder >= c.devices.size() || c.devices[l.feeder].kind != DeviceKind::Feeder))
            || l.road < -1 || l.road >= int(c.roads.size()) || !std::isfinite(l.powerW) || l.powerW < 0)
            return QStringLiteral("a streetlight the grid cannot use: ") + c.devices[l.device].id;
    return {};
}

} // namespace

Outcome checkPackage(const QByteArray &input)
{
    const QString path = scratch().filePath(QStringLiteral("input.gpkg"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(basePackage()) != basePackage().size()) {
            std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
            std::abort();
        }
    }
    {
        auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
        if (!db)
            std::abort();
        qsizetype at = 0;
        for (int edits = 0; edits < 16 && at < input.size(); ++edits)
            (void)applyEdit(*db.value(), input, at);
    }
    auto read = citypackage::read(path);
    if (!read)
        return kRefused;
    const std::shared_ptr<const CityModel> city = std::move(read).value();
    if (const QString why = unusable(*city); !why.isEmpty())
        return broken("a package opened that the console cannot use", why);
    // The console runs it: ten minutes of the embedded simulator over its signals, lamps and feeders (the
    // sanitizers watch for what a value makes of its arithmetic).
    const std::int64_t start = QDateTime(QDate(2026, 12, 1), QTime(17, 0), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
    CitySimulator sim(city, 3, start);
    std::vector<Event> events;
    sim.initialState(events);
    sim.advanceTo(start + 600'000, events);
    return kKept;
}

std::vector<QByteArray> packageSeeds()
{
    // The package as imported; a road renamed (text); a lamp's power set (a real: 150.0); a feeder's priority (2).
    QByteArray rename("\x00\x01\x00\x02\x0bRudower Weg", 16);
    QByteArray power("\x08\x03\x01\x01\x08", 5);
    const double watts = 150.0;
    power.append(reinterpret_cast<const char *>(&watts), 8);
    QByteArray priority("\x07\x05\x00\x00\x08\x02\x00\x00\x00\x00\x00\x00\x00", 13);
    return {QByteArray(), rename, power, priority, rename + power + priority};
}

} // namespace cityops::fuzz
