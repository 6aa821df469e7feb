#include "city/citypackage.h"
#include "base/sqlitedb.h"
#include "city/sumoimport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {
const QString kFixture = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");
const QString kDefaultCity = QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg");

QByteArray sha256(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString importFixture(const QTemporaryDir &dir, const QString &name = QStringLiteral("fixture.gpkg"))
{
    ImportOptions options;
    options.name = QStringLiteral("Fixture");
    options.timezone = QStringLiteral("Europe/Berlin");
    auto city = importSumoNet(kFixture, options);
    if (!city)
        return {};
    const QString path = dir.filePath(name);
    return citypackage::write(city.value(), path).ok() ? path : QString();
}
} // namespace

class TestCityPackage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        const auto imported = importSumoNet(kFixture, options);
        QVERIFY(imported.ok());
        const QString path = dir.filePath(QStringLiteral("city.gpkg"));
        const auto written = citypackage::write(imported.value(), path);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("city.gpkg")}); // no temp left

        const auto read = citypackage::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error()));
        const CityModel &a = imported.value();
        const CityModel &b = *read.value();
        QCOMPARE(b.meta.timezone, QStringLiteral("Europe/Berlin"));
        QCOMPARE(b.meta.formatVersion, citypackage::kFormatVersion);
        QCOMPARE(b.roads.size(), a.roads.size());
        QCOMPARE(b.junctions.size(), a.junctions.size());
        QCOMPARE(b.districts.size(), a.districts.size());
        QCOMPARE(b.devices.size(), a.devices.size());
        for (const DeviceInfo &d : a.devices) {
            const DeviceIndex i = b.deviceIndex(d.id);
            QVERIFY2(i != kNoDevice, qPrintable(d.id));
            QCOMPARE(b.devices[i].kind, d.kind);
            QCOMPARE(b.devices[i].position, d.position); // doubles survive exactly
            QCOMPARE(b.devices[i].generated, d.generated);
            QCOMPARE(b.devices[i].district, d.district);
        }
        for (const SignalInfo &s : a.signals) {
            const SignalInfo &t = b.signals[b.devices[b.deviceIndex(a.devices[s.device].id)].detail];
            QCOMPARE(t.sumoTlsId, s.sumoTlsId);
            QCOMPARE(t.programs.size(), s.programs.size());
            QCOMPARE(t.programs[0].phases.size(), s.programs[0].phases.size());
            for (size_t p = 0; p < s.programs[0].phases.size(); ++p) {
                QCOMPARE(t.programs[0].phases[p].state, s.programs[0].phases[p].state);
                QCOMPARE(t.programs[0].phases[p].durationS, s.programs[0].phases[p].durationS);
            }
            // The movements travel with the signal.
            QCOMPARE(t.links.size(), s.links.size());
            for (size_t l = 0; l < s.links.size(); ++l) {
                QCOMPARE(t.links[l].index, s.links[l].index);
                QCOMPARE(t.links[l].approach, s.links[l].approach);
                QCOMPARE(t.links[l].bearingDeg, s.links[l].bearingDeg);
                QCOMPARE(t.links[l].direction, s.links[l].direction);
                QCOMPARE(t.links[l].fromEdge, s.links[l].fromEdge);
            }
        }
        for (size_t r = 0; r < a.roads.size(); ++r) {
            QCOMPARE(b.roads[r].line, a.roads[r].line);
            QCOMPARE(b.roads[r].cls, a.roads[r].cls);
            QCOMPARE(b.roads[r].name, a.roads[r].name);
        }
    }

    void committedDefaultCity()
    {
        const auto city = citypackage::read(kDefaultCity);
        QVERIFY2(city.ok(), city.ok() ? "" : qPrintable(city.error()));
        const CityModel &c = *city.value();
        QCOMPARE(c.meta.name, QStringLiteral("Berlin-Adlershof"));
        QCOMPARE(c.meta.timezone, QStringLiteral("Europe/Berlin"));
        QVERIFY(c.meta.attribution.contains(QLatin1String("OpenStreetMap")));
        QCOMPARE(c.signals.size(), size_t(88));   // 15 SUMO programs, the rest from netconvert --tls.guess
        QCOMPARE(c.junctions.size(), size_t(1033));
        QVERIFY(c.streetlights.size() > 1000);
        QVERIFY(c.feeders.size() >= 12);
        QVERIFY(c.districts.size() >= 2);
        // The big junction at SUMO x,y = 1450.87,720.69 is signalised and sits where SUMO puts it on Earth.
        const DeviceIndex sig = c.deviceIndex(QStringLiteral("sig/GS_cluster_1704693650_1866350919_38920778_671564358"));
        QVERIFY(sig != kNoDevice);
        QVERIFY(distanceMetres(c.devices[sig].position, {13.532695400, 52.430798189}) < 40.0);
        // Every signal knows what each character of its state string drives: the incoming street and the turn.
        for (const SignalInfo &s : c.signals) {
            QVERIFY2(!s.links.empty() && int(s.links.size()) <= s.linkCount, qPrintable(s.sumoTlsId));
            for (const SignalLink &l : s.links)
                QVERIFY(QStringLiteral("slrtLR").contains(l.direction));
            // ... and the road each approach arrives on (its queue is drawn back along it); a crossing has none.
            const std::vector<SignalApproach> approaches = signalApproaches(s);
            const std::vector<ApproachRoad> roads = c.approachRoads(s, approaches);
            for (size_t a = 0; a < approaches.size(); ++a)
                QVERIFY2(roads[a].road >= 0 || approaches[a].street.isEmpty(), qPrintable(s.sumoTlsId + approaches[a].street));
        }
        // Every device has a responsible district, even on the outskirts.
        for (const DeviceInfo &d : c.devices)
            QVERIFY2(d.district >= 0, qPrintable(d.id));
    }

    void validForGdal()
    {
        const QString ogrinfo = QStandardPaths::findExecutable(QStringLiteral("ogrinfo"));
        if (ogrinfo.isEmpty())
            QSKIP("ogrinfo (gdal-bin) is not installed; GeoPackage validity checked by our own reader only");
        for (const QString &path : {kDefaultCity}) {
            QProcess p;
            p.start(ogrinfo, {QStringLiteral("-ro"), QStringLiteral("-so"), QStringLiteral("-al"), path});
            QVERIFY(p.waitForFinished(60000));
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(out.contains(QLatin1String("using driver `GPKG' successful")), qPrintable(out.left(400)));
            for (const char *layer : {"roads", "junctions", "districts", "signals", "substations", "feeders", "streetlights"})
                QVERIFY2(out.contains(QStringLiteral("Layer name: %1").arg(QLatin1String(layer))), layer);
            QVERIFY(out.contains(QLatin1String("Geometry: Line String")));
            QVERIFY(out.contains(QLatin1String("WGS 84")));
            QVERIFY2(!err.contains(QLatin1String("ERROR")) && !err.contains(QLatin1String("Warning")), qPrintable(err));
        }
    }

    void refusesDamagedFiles_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("random bytes") << "random" << "not a readable";
        QTest::newRow("truncated") << "truncate" << "";
        QTest::newRow("foreign sqlite") << "foreign" << "not a GeoPackage";
        QTest::newRow("geopackage, not a city") << "nometa" << "not a CityOps city";
        QTest::newRow("newer format") << "newer" << "uses city format 99";
        QTest::newRow("broken geometry") << "geometry" << "layer signals";
        QTest::newRow("missing layer") << "nolayer" << "layer feeders is missing";
    }
    void refusesDamagedFiles()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path = importFixture(dir);
        QVERIFY(!path.isEmpty());
        if (damage == QLatin1String("random")) {
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            QByteArray junk(8192, '\0');
            for (int i = 0; i < junk.size(); ++i)
                junk[i] = static_cast<char>((i * 7919) % 251);
            f.write(junk);
        } else if (damage == QLatin1String("truncate")) {
            QFile f(path);
            f.resize(f.size() / 3);
        } else {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            if (damage == QLatin1String("foreign"))
                QVERIFY(db.value()->exec(QStringLiteral("PRAGMA application_id = 0")).ok());
            else if (damage == QLatin1String("nometa"))
                QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE cityops_meta")).ok());
            else if (damage == QLatin1String("newer"))
                QVERIFY(db.value()->exec(QStringLiteral("UPDATE cityops_meta SET value = '99' WHERE key = 'format_version'")).ok());
            else if (damage == QLatin1String("geometry"))
                QVERIFY(db.value()->exec(QStringLiteral("UPDATE signals SET geom = x'4750000102' WHERE fid = 3")).ok());
            else if (damage == QLatin1String("nolayer"))
                QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE feeders")).ok());
        }
        const QByteArray before = sha256(path);
        const auto city = citypackage::read(path);
        QVERIFY(!city.ok());
        QVERIFY2(city.error().contains(path), qPrintable(city.error()));
        QVERIFY2(city.error().contains(expected), qPrintable(city.error()));
        QCOMPARE(sha256(path), before); // reading never modifies the file
    }

    void refusesValuesNoCityHas_data()
    {
        // A hand edit or a damaged copy, row by row: each value the console would compute with wrongly is refused with
        // a sentence naming the row — never read past a state's end, never a feeder that cannot overload.
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        const QString lastPhase = QStringLiteral(" WHERE id = (SELECT max(id) FROM signal_phases)");
        QTest::newRow("phase shorter than its signal") << "UPDATE signal_phases SET state = substr(state, 2)" + lastPhase << "a phase of";
        QTest::newRow("phase longer than its signal") << "UPDATE signal_phases SET state = state || 'r'" + lastPhase << "a phase of";
        QTest::newRow("signal counts other movements") << "UPDATE signals SET link_count = link_count + 1 WHERE fid = 1" << "movements";
        QTest::newRow("signal without a link count") << "UPDATE signals SET link_count = 0 WHERE fid = 1" << "link_count 0 is not 1 to 4096";
        QTest::newRow("letter SUMO does not know") << "UPDATE signal_phases SET state = 'Q' || substr(state, 2)" + lastPhase << "a letter SUMO does not know";
        QTest::newRow("movement beyond the states") << "UPDATE signal_links SET link_index = 4000 WHERE id = (SELECT min(id) FROM signal_links)" << "beyond its";
        QTest::newRow("offset beyond a day") << "UPDATE signal_phases SET program_offset_s = 86401" << "not within a day";
        QTest::newRow("offset beyond an int (wraps to -1)") << "UPDATE signal_phases SET program_offset_s = 9223372036854775807" << "not within a day";
        QTest::newRow("phase longer than a day") << "UPDATE signal_phases SET duration_s = 86401" + lastPhase << "within a day";
        QTest::newRow("negative min_dur_s") << "UPDATE signal_phases SET min_dur_s = -5" + lastPhase << "min_dur_s";
        QTest::newRow("infinite capacity") << "UPDATE feeders SET capacity_kw = 9e999 WHERE fid = 1" << "capacity_kw";
        QTest::newRow("negative peak load") << "UPDATE feeders SET peak_load_kw = -1 WHERE fid = 1" << "peak_load_kw";
        QTest::newRow("commercial share 1.5") << "UPDATE feeders SET commercial_share = 1.5 WHERE fid = 1" << "commercial_share";
        QTest::newRow("priority 0") << "UPDATE feeders SET priority = 0 WHERE fid = 1" << "priority";
        QTest::newRow("priority 2^32 + 1 (wraps to 1)") << "UPDATE feeders SET priority = 4294967297 WHERE fid = 1" << "priority";
        QTest::newRow("feeder of no capacity") << "UPDATE feeders SET capacity_kw = 0 WHERE fid = 1" << "capacity_kw must be above 0";
        QTest::newRow("feeder on a substation the package lacks") << "UPDATE feeders SET substation_id = 'sub/none' WHERE fid = 1"
                                                                  << "names a substation the package does not have";
        QTest::newRow("phase of no time") << "UPDATE signal_phases SET duration_s = 0" + lastPhase << "within a day";
        QTest::newRow("feeder fed by a signal") << "UPDATE feeders SET substation_id = (SELECT device_id FROM signals LIMIT 1) WHERE fid = 1"
                                                << "is not a substation";
        QTest::newRow("lamp on a substation") << "UPDATE streetlights SET feeder_id = (SELECT device_id FROM substations LIMIT 1) WHERE fid = 1"
                                              << "is not a feeder";
        QTest::newRow("lamp on a feeder the package lacks") << "UPDATE streetlights SET feeder_id = 'fdr/none' WHERE fid = 1"
                                                            << "names a feeder the package does not have";
        QTest::newRow("lamp of 1e308 W") << "UPDATE streetlights SET power_w = 1e308 WHERE fid = 1" << "power_w";
        QTest::newRow("lamp of negative power") << "UPDATE streetlights SET power_w = -60 WHERE fid = 1" << "power_w";
        QTest::newRow("road at -50 km/h") << "UPDATE roads SET speed_kmh = -50 WHERE fid = 1" << "km/h";
        QTest::newRow("road of a million lanes") << "UPDATE roads SET lanes = 1000000 WHERE fid = 1" << "lanes";
        QTest::newRow("empty device id") << "UPDATE streetlights SET device_id = '' WHERE fid = 1" << "0 characters";
        QTest::newRow("device id over 1024 characters") << "UPDATE streetlights SET device_id = 'sl/' || printf('%.1100c', 'x') WHERE fid = 1"
                                                        << "1103 characters";
        QTest::newRow("control character in an id") << "UPDATE streetlights SET device_id = 'sl/a' || char(10) || 'b' WHERE fid = 1"
                                                     << "control character";
    }
    void refusesValuesNoCityHas()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = importFixture(dir);
        QVERIFY(!path.isEmpty());
        QVERIFY(citypackage::read(path).ok());
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            const Status changed = db.value()->exec(damage);
            QVERIFY2(changed.ok(), changed.ok() ? "" : qPrintable(changed.error()));
        }
        const QByteArray before = sha256(path);
        const auto city = citypackage::read(path);
        QVERIFY2(!city.ok(), qPrintable(damage));
        QVERIFY2(city.error().startsWith(path + QStringLiteral(": ")) && city.error().contains(expected), qPrintable(city.error()));
        QCOMPARE(sha256(path), before);
    }

    void packagesWithoutMovementsStillOpen()
    {
        // A package written before signal_links existed: it opens, and its signals simply have no movements.
        QTemporaryDir dir;
        const QString path = importFixture(dir);
        QVERIFY(!path.isEmpty());
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE signal_links; DELETE FROM gpkg_contents WHERE table_name = 'signal_links'")).ok());
        }
        const auto read = citypackage::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error()));
        QVERIFY(!read.value()->signals.empty());
        for (const SignalInfo &s : read.value()->signals)
            QVERIFY(s.links.empty());
        // A movement out of range is refused with the file named.
        const QString bad = importFixture(dir, QStringLiteral("bad.gpkg"));
        {
            auto db = SqliteDb::open(bad, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE signal_links SET bearing_deg = 720 WHERE id = 1")).ok());
        }
        const auto refused = citypackage::read(bad);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("signal_links")), qPrintable(refused.error()));
    }

    void packagesWithoutIncomingEdgesStillOpen()
    {
        // A package written before the movements' incoming edges were stored: its movements open without them, and
        // no approach claims a road (the map draws its queue straight back, as it did).
        QTemporaryDir dir;
        const QString path = importFixture(dir);
        QVERIFY(!path.isEmpty());
        const auto withEdges = citypackage::read(path);
        QVERIFY2(withEdges.ok(), withEdges.ok() ? "" : qPrintable(withEdges.error()));
        int roadsFound = 0;
        for (const SignalInfo &s : withEdges.value()->signals)
            for (const ApproachRoad &r : withEdges.value()->approachRoads(s, signalApproaches(s)))
                roadsFound += r.road >= 0 ? 1 : 0;
        QVERIFY(roadsFound > 0);
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("ALTER TABLE signal_links DROP COLUMN from_edge")).ok());
        }
        const auto read = citypackage::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error()));
        QCOMPARE(read.value()->signals.size(), withEdges.value()->signals.size());
        for (const SignalInfo &s : read.value()->signals) {
            QVERIFY(!s.links.empty());
            for (const SignalLink &l : s.links)
                QVERIFY(l.fromEdge.isEmpty());
            for (const ApproachRoad &r : read.value()->approachRoads(s, signalApproaches(s)))
                QCOMPARE(r.road, -1);
        }
    }

    void missingFile()
    {
        const auto city = citypackage::read(QStringLiteral("/nonexistent/x.gpkg"));
        QVERIFY(!city.ok());
        QVERIFY(city.error().contains(QLatin1String("does not exist")));
    }

    void writeIntoMissingFolderFails()
    {
        CityModel empty;
        const auto s = citypackage::write(empty, QStringLiteral("/nonexistent/folder/x.gpkg"));
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(QLatin1String("does not exist")));
    }

    void otherSumoNetwork()
    {
        // Acceptance: another georeferenced network from sumo-tools imports into a city that opens.
        const QString net = QStringLiteral("/usr/share/sumo/tools/game/A10KW/osm.net.xml");
        if (!QFile::exists(net))
            QSKIP("sumo-tools is not installed (A10KW network absent)");
        const auto city = importSumoNet(net, {});
        QVERIFY2(city.ok(), city.ok() ? "" : qPrintable(city.error()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a10kw.gpkg"));
        QVERIFY(citypackage::write(city.value(), path).ok());
        const auto read = citypackage::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error()));
        QVERIFY(!read.value()->roads.empty());
        // Königs Wusterhausen lies around 13.6 E, 52.3 N.
        const GeoPoint c = read.value()->bounds.center();
        QVERIFY(c.lon > 13.3 && c.lon < 13.9 && c.lat > 52.1 && c.lat < 52.5);
    }
};

QTEST_GUILESS_MAIN(TestCityPackage)
#include "tst_citypackage.moc"
