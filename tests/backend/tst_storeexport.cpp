// Export from the event store: JSON lines and CSV of a window read back as what was recorded, incidents as GeoJSON
// (RFC 7946, the responder's steps), and the background export job's folder and cancel.
#include "storetesting.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "store/exporter.h"
#include "store/exportjob.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestStoreExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void exportRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("e.store"));
        auto store = EventStore::open({path}, *fixtureCity());
        Recorder rec(fixtureCity(), store->get());
        const std::int64_t start = berlin(QDate(2026, 11, 22), QTime(12, 0));
        CitySimulator sim(fixtureCity(), 8, start);
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1}},
                                 Event{0, start, kNoDevice, OperatorActionPayload{OperatorAction::SignIn, QStringLiteral("sup \"one\", two"), {}}}};
        sim.initialState(batch);
        sim.advanceTo(start + 6 * 3600'000, batch);
        rec.process(std::move(batch));
        store.value()->flush();
        auto reader = StoreReader::open(path, fixtureCity());
        QVERIFY(reader.ok());
        const std::int64_t from = start + 3600'000, to = start + 5 * 3600'000;
        std::vector<Event> original;
        QVERIFY(reader.value()->forEachEvent(from, to, [&](const Event &e) { original.push_back(e); }).ok());
        QVERIFY(original.size() > 100);

        QBuffer jsonl;
        jsonl.open(QIODevice::ReadWrite);
        const auto written = exporter::writeEventsJsonl(*reader.value(), from, to, jsonl);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error()));
        QCOMPARE(written.value(), original.size());
        const QList<QByteArray> lines = jsonl.data().split('\n');
        QCOMPARE(lines.size(), qsizetype(original.size() + 1)); // trailing newline
        for (size_t i = 0; i < original.size(); ++i) {
            const auto e = eventjson::eventFromJson(QJsonDocument::fromJson(lines[qsizetype(i)]).object(), *fixtureCity());
            QVERIFY2(e.ok(), qPrintable(e.error()));
            QCOMPARE(e->seq, original[i].seq);
            QCOMPARE(e->timeMs, original[i].timeMs);
            QCOMPARE(e->device, original[i].device);
            QCOMPARE(eventcodec::encode(e->payload), eventcodec::encode(original[i].payload));
        }

        QBuffer csv;
        csv.open(QIODevice::ReadWrite);
        QCOMPARE(exporter::writeEventsCsv(*reader.value(), from, to, csv).value(), original.size());
        QVERIFY(csv.data().startsWith("seq,time_ms,time,kind,device,data\n"));
        QCOMPARE(csv.data().count('\n'), qsizetype(original.size() + 1));

        QBuffer geo;
        geo.open(QIODevice::ReadWrite);
        const auto incidents = exporter::writeIncidentsGeoJson(*reader.value(), start, start + 6 * 3600'000, geo);
        QVERIFY(incidents.ok());
        const QJsonObject collection = QJsonDocument::fromJson(geo.data()).object();
        QCOMPARE(collection.value(QLatin1String("type")).toString(), QStringLiteral("FeatureCollection"));
        const auto features = collection.value(QLatin1String("features")).toArray();
        QCOMPARE(size_t(features.size()), incidents.value());
        QVERIFY(features.size() >= 3);
        for (const auto &f : features) {
            const auto coords = f.toObject().value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
            QVERIFY(coords[0].toDouble() > 13.5 && coords[1].toDouble() > 52.4); // lon, lat order (RFC 7946)
        }
        QVERIFY(!eventjson::eventFromJson(QJsonObject{{"seq", 1}, {"time_ms", 2}, {"kind", "bogus"}}, *fixtureCity()).ok());
        QVERIFY(!eventjson::eventFromJson(QJsonObject{{"seq", 1}, {"time_ms", 2}, {"kind", "presence"}, {"device", "nope"}},
                                         *fixtureCity()).ok());
    }

    /// GeoJSON's "resolved" is the responder's step (with who), not the moment the field cleared the cause.
    void geoJsonResolvedIsThePersonsStep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.store"));
        const std::int64_t t0 = berlin(QDate(2026, 11, 22), QTime(8, 0));
        {
            auto store = EventStore::open({path}, *fixtureCity());
            Recorder rec(fixtureCity(), store->get());
            IncidentRaisedPayload raised;
            raised.id = 5;
            raised.kind = IncidentKind::LampOutage;
            raised.position = fixtureCity()->devices[0].position;
            raised.district = 0;
            IncidentUpdatePayload resolve;
            resolve.id = 5;
            resolve.change = IncidentChange::Transition;
            resolve.state = IncidentState::Resolved;
            resolve.user = QStringLiteral("rita");
            rec.process({Event{0, t0, kNoDevice, SessionPayload{1}}, Event{0, t0 + 1000, 0, raised},
                         Event{0, t0 + 600'000, kNoDevice, resolve}, Event{0, t0 + 900'000, 0, IncidentClearedPayload{5}}});
            store.value()->flush();
        }
        auto reader = StoreReader::open(path, fixtureCity());
        QBuffer geo;
        geo.open(QIODevice::ReadWrite);
        QVERIFY(exporter::writeIncidentsGeoJson(*reader.value(), t0, t0 + 3600'000, geo).ok());
        const QJsonObject p = QJsonDocument::fromJson(geo.data()).object().value(QLatin1String("features")).toArray().at(0).toObject()
                                  .value(QLatin1String("properties")).toObject();
        QCOMPARE(p.value(QLatin1String("resolved")).toString(), eventjson::isoTime(t0 + 600'000));
        QCOMPARE(p.value(QLatin1String("resolved_by")).toString(), QStringLiteral("rita"));
        QCOMPARE(p.value(QLatin1String("cleared_in_field")).toString(), eventjson::isoTime(t0 + 900'000));

        // An export job into a folder that does not exist yet makes it, and its summary says where the files went;
        // a cancelled one leaves nothing behind.
        const QString folder = dir.filePath(QStringLiteral("Documents/reports"));
        ExportJob job{path, t0, t0 + 3600'000, folder + QStringLiteral("/events.jsonl"), folder + QStringLiteral("/incidents.geojson")};
        const auto done = job.run(fixtureCity());
        QVERIFY2(done.ok(), qPrintable(done.error()));
        QVERIFY(QFile::exists(folder + QStringLiteral("/events.jsonl")) && QFile::exists(folder + QStringLiteral("/incidents.geojson")));
        QVERIFY2(done.value().contains(folder), qPrintable(done.value()));
        ExportJob cancelled{path, t0, t0 + 3600'000, folder + QStringLiteral("/never.jsonl"), {}};
        const auto stopped = cancelled.run(fixtureCity(), [](double) { return false; });
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error(), QStringLiteral("cancelled"));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/never.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestStoreExport)
#include "tst_storeexport.moc"
