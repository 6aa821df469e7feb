// The event codecs: every kind's stored bytes and its JSON (export, and the wire's field events) round trip, and
// every damaged, truncated or out-of-range figure is refused with an error rather than read. The snapshot codec:
// when a signal's mode began round trips, and a snapshot from before it was kept reads back as not known. Traffic's
// figures, vehicles and road pictures: tst_trafficcodec.
#include "storetesting.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "store/snapshot.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

using namespace cityops;
using namespace cityops::test;

class TestEventCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void everyKindRoundTripsAndDamageIsRefused()
    {
        const std::vector<EventPayload> payloads = {
            SignalPayload{1, 7, SignalMode::Flash, 1234567890123, true},
            LightPayload{50, false, 75.5f},
            FeederPayload{4321.25f, false},
            PresencePayload{false, {}},
            PresencePayload{false, QStringLiteral("gateway gw-3 is gone: no heartbeat for 1.5 keep-alives")},
            IncidentRaisedPayload{99, 1700000000000, IncidentKind::FeederOverload, IncidentSeverity::Critical, {13.5, 52.4}, 2, 17},
            IncidentClearedPayload{99},
            SessionPayload{4},
            OperatorActionPayload{OperatorAction::Acknowledge, QStringLiteral("anna"), QStringLiteral("Vorfall #99 — ok")},
            TrafficPayload{{{0, 12, 15, 34, 45}, {3, 0, 1, 2, 0}}},
            TrafficPayload{},
            VehiclePayload{QStringLiteral("ambulance-2"), {13.52, 52.43}, 13.9f, 271.5f, false, 3, {{13.52, 52.43}, {13.53, 52.44}}, {{4, 7, 312.5}}},
            VehiclePayload{QStringLiteral("ambulance-1"), {13.5, 52.4}, 0, 0, true, 0, {}, {}},
            VehiclePayload{QStringLiteral("ambulance-3"), {13.5, 52.4}, 0, 0, true, 0, {}, {}, 1'794'999'280'000},
            RoadTrafficPayload{{{0, 12, 4, 35, RoadEnd::Last}, {7, 3, 0, 90}, {9, 8, 8, 0, RoadEnd::First}}, {}, {}},
            RoadTrafficPayload{},
            RoadTrafficPayload{{{0, 12, 4, 35, RoadEnd::Last}}, {0, 3}, {}},
            RoadTrafficPayload{{}, {1}, {}},
            RoadTrafficPayload{{}, {1, 4}, {4}},
            ConsolePayload{QStringLiteral("console-b"), ConsoleStanding::Gone},
            ConsolePayload{QStringLiteral("desk 2 (north)"), ConsoleStanding::Online},
            ConsolePayload{QStringLiteral("desk-3"), ConsoleStanding::OutOfKeyring},
            SnapshotSealPayload{7027, QStringLiteral("0123456789abcdef")},
            CommandPayload{0x0050'0003, CommandStage::Released, CommandAction::LightDim, 0, 0, 0, 1'794'999'000'000, QStringLiteral("sven"),
                           QStringLiteral("console-b crashed"), {}},
            CommandPayload{0x0050'0003, CommandStage::Approved, CommandAction::FeederShed, 0, 0, 0, 0, QStringLiteral("sven"), QStringLiteral("storm"), {}},
            CommandPayload{0x0050'0003, CommandStage::Requested, CommandAction::LightDim, 40, 1, 1, 1'794'999'280'000, QStringLiteral("olga"), {},
                           QStringLiteral("console-b")},
        };
        for (const EventPayload &p : payloads) {
            const auto kind = eventcodec::kindOf(p);
            const QByteArray blob = eventcodec::encode(p);
            const auto back = eventcodec::decode(kind, blob);
            QVERIFY2(back.ok(), qPrintable(eventcodec::kindName(kind)));
            QCOMPARE(eventcodec::encode(back.value()), blob);
            QVERIFY(!eventcodec::decode(kind, blob.left(blob.size() - 1)).ok());   // truncated
            // trailing junk (one byte after a session marker of before is the snapshot version it may say: two)
            QVERIFY(!eventcodec::decode(kind, blob + QByteArray(kind == eventcodec::Kind::Session ? 2 : 1, 'x')).ok());
        }
        QVERIFY(!eventcodec::decode(static_cast<eventcodec::Kind>(42), QByteArray(4, 0)).ok());
        // A presence recorded before presences could name a cause (one byte) reads back as one without.
        const auto old = eventcodec::decode(eventcodec::Kind::Presence, QByteArray(1, '\0'));
        QVERIFY(old.ok());
        QVERIFY(std::get<PresencePayload>(old.value()).cause.isEmpty());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Light, QByteArray("\xff\x00\x00\x00\x00\x00", 6)).ok()); // level 255
        // A session marker says which snapshots its run writes; one from before says nothing and reads back as 0.
        const QByteArray said = eventcodec::encode(SessionPayload{4, 7});
        QCOMPARE(said, QByteArray("\x04\x00\x00\x00\x07", 5));
        QCOMPARE(std::get<SessionPayload>(eventcodec::decode(eventcodec::Kind::Session, said).value()).snapshotVersion, 7);
        QCOMPARE(std::get<SessionPayload>(eventcodec::decode(eventcodec::Kind::Session, said.left(4)).value()).snapshotVersion, 0);
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Session, QByteArray("\x04\x00\x00\x00\x00", 5)).ok());   // said as 0
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Session, said + 'x').ok());
        // A console's own order steps are written as before the other console's name was kept (a release before it
        // reads them); only another console's carry the name.
        CommandPayload own{7, CommandStage::Requested, CommandAction::LightDim, 40, 0, 0, 0, QStringLiteral("olga"), QStringLiteral("dim"), {}};
        QCOMPARE(eventcodec::encode(own).size(), 4 + 1 + 1 + 4 + 2 + 1 + 8 + (2 + 4) + (2 + 3));
        CommandPayload theirs = own;
        theirs.console = QStringLiteral("console-b");
        QCOMPARE(eventcodec::encode(theirs), eventcodec::encode(own) + QByteArray("\x09\x00", 2) + "console-b");   // length, little-endian
        const auto json = eventjson::eventFromJson(eventjson::eventToJson(Event{1, 5, kNoDevice, theirs}, *fixtureCity()), *fixtureCity());
        QVERIFY(json.ok());
        QCOMPARE(std::get<CommandPayload>(json.value().payload).console, QStringLiteral("console-b"));
        QVERIFY(!eventjson::eventToJson(Event{1, 5, kNoDevice, own}, *fixtureCity()).value(QLatin1String("data")).toObject().contains(QLatin1String("console")));
    }

    /// Snapshots keep the console each order was requested at (version 4); one from before reads back with none.
    void aSnapshotKeepsWhoseEachOrderIs()
    {
        Snapshot s;
        s.states.resize(1);
        Order theirs;
        theirs.id = 0x0050'0003;
        theirs.requestedBy = QStringLiteral("kai");
        theirs.description = QStringLiteral("shed F3");
        theirs.console = QStringLiteral("console-b");
        Order own = theirs;
        own.id = 0x0060'0001;
        own.console.clear();
        s.orders.orders = {theirs, own};
        auto back = snapshotcodec::decode(snapshotcodec::encode(s), 1, 0);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->orders.orders.at(0).console, QStringLiteral("console-b"));
        QVERIFY(back->orders.orders.at(1).console.isEmpty());

        // As version 4 wrote it: no release after the console, no roll of consoles after the orders.
        s.orders.orders = {own};
        QByteArray raw = qUncompress(snapshotcodec::encode(s));
        QCOMPARE(raw.at(4), char(snapshotcodec::kCheckableVersion));
        const qsizetype afterDescription = raw.indexOf(QByteArrayLiteral("shed F3")) + 7;
        const qsizetype console = afterDescription + 8 + 8 + 1 + 1 + 2 + 8 + 2;   // times, approval, stage, approver, its time, reason
        constexpr qsizetype kRelease = 1 + 2 + 2 + 8 + 8;                         // released, by, why, when, lapsed
        QCOMPARE(raw.mid(console + 2, kRelease), QByteArray(kRelease, '\0'));
        QCOMPARE(raw.right(4), QByteArray(4, '\0'));   // no console heard of
        raw.remove(console + 2, kRelease);
        raw.chop(4);
        raw[4] = char(4);
        back = snapshotcodec::decode(qCompress(raw), 1, 0);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->orders.orders.at(0).description, QStringLiteral("shed F3"));
        QVERIFY(!back->orders.orders.at(0).releasedHere);
        QVERIFY(back->orders.consoles.empty());

        // As version 3 wrote it: no console after each order's denial reason either.
        QCOMPARE(raw.mid(console, 2), QByteArray(2, '\0'));
        raw.remove(console, 2);
        raw[4] = char(3);
        back = snapshotcodec::decode(qCompress(raw), 1, 0);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->orders.orders.at(0).description, QStringLiteral("shed F3"));
        QVERIFY(back->orders.orders.at(0).console.isEmpty());
        raw[4] = char(4);   // the same bytes said to be version 4: cut inside the console, refused
        QVERIFY(!snapshotcodec::decode(qCompress(raw), 1, 0).ok());
    }

    /// The roll of consoles: a console out of the keyring is kept (version 6); version 5 knew only gone and online, so
    /// its bytes with that standing are damage, and without it they read as they did.
    void aSnapshotKeepsAConsoleOutOfTheKeyring()
    {
        Snapshot s;
        s.states.resize(1);
        s.orders.consoles = {{QStringLiteral("desk-2"), ConsoleStanding::Gone, 1'794'999'000'000},
                             {QStringLiteral("desk-3"), ConsoleStanding::OutOfKeyring, 1'794'999'100'000}};
        auto back = snapshotcodec::decode(snapshotcodec::encode(s), 1, 0);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->orders.consoles.size(), size_t(2));
        QCOMPARE(back->orders.consoles[0].standing, ConsoleStanding::Gone);
        QCOMPARE(back->orders.consoles[1].standing, ConsoleStanding::OutOfKeyring);
        QCOMPARE(back->orders.consoles[1].sinceMs, 1'794'999'100'000);

        QByteArray raw = qUncompress(snapshotcodec::encode(s));
        const qsizetype standing = raw.size() - 8 - 1;   // the last console's: its standing, then since when
        QCOMPARE(raw.at(standing), char(2));
        raw[4] = char(5);
        QVERIFY(!snapshotcodec::decode(qCompress(raw), 1, 0).ok());
        raw[standing] = char(1);
        back = snapshotcodec::decode(qCompress(raw), 1, 0);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->orders.consoles[1].standing, ConsoleStanding::Online);
    }

    void aSnapshotKeepsWhenASignalsModeBeganAndAnOlderOneReadsBack()
    {
        Snapshot s;
        s.seq = 41;
        s.timeMs = 1'794'999'000'000;
        s.states.resize(3);
        s.states[0] = DeviceState{.modeSinceMs = 1'794'998'400'000, .phase = 2, .program = 1, .mode = std::uint8_t(SignalMode::Manual),
                                  .online = true, .reported = true};
        s.states[1].modeSinceMs = 0;   // held at its first report: since when not known
        s.states[1].reported = true;
        s.states[2].value = 4321.5f;   // a feeder, never a signal report
        s.loads.current = {4321.5f};
        auto back = snapshotcodec::decode(snapshotcodec::encode(s), 3, 1);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        QCOMPARE(back->seq, s.seq);
        QCOMPARE(back->states[0].modeSinceMs, 1'794'998'400'000);
        QCOMPARE(back->states[0].mode, std::uint8_t(SignalMode::Manual));
        QCOMPARE(back->states[1].modeSinceMs, 0);
        QCOMPARE(back->states[2].modeSinceMs, -1);
        QCOMPARE(back->states[2].value, 4321.5f);

        // The same snapshot as version 2 wrote it (stores recorded before): each device record 8 bytes shorter.
        QByteArray raw = qUncompress(snapshotcodec::encode(s));
        constexpr int kHeader = 4 + 1 + 8 + 8 + 4, kRecordV2 = 8 + 4 + 2 + 4;
        QCOMPARE(raw.at(4), char(snapshotcodec::kCheckableVersion));
        raw.chop(4);   // version 5's roll of consoles (none)
        raw[4] = char(2);
        for (int d = 2; d >= 0; --d)
            raw.remove(kHeader + d * (kRecordV2 + 8) + kRecordV2, 8);
        back = snapshotcodec::decode(qCompress(raw), 3, 1);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
        for (int d = 0; d < 3; ++d)
            QCOMPARE(back->states[d].modeSinceMs, -1);   // not known: a hold seen in it is dated by its command
        QCOMPARE(back->states[0].mode, std::uint8_t(SignalMode::Manual));
        QCOMPARE(back->states[2].value, 4321.5f);
        QVERIFY(back->states[1].reported);

        // Cut inside the new field: refused, not read short.
        raw = qUncompress(snapshotcodec::encode(s));
        raw.truncate(kHeader + kRecordV2 + 4);
        QVERIFY(!snapshotcodec::decode(qCompress(raw), 3, 1).ok());

        // A damaged row whose size word claims a gigabyte is refused before anything is allocated for it (found by
        // tests/fuzz: qUncompress allocates what the word says first).
        QByteArray claimsAGigabyte = snapshotcodec::encode(s);
        qToBigEndian<quint32>(1u << 30, reinterpret_cast<uchar *>(claimsAGigabyte.data()));
        back = snapshotcodec::decode(claimsAGigabyte, 3, 1);
        QVERIFY(!back.ok());
        QVERIFY2(back.error().contains(QLatin1String("claims 1024 MB uncompressed")), qPrintable(back.error()));
        QVERIFY(!snapshotcodec::decode(QByteArray("\0\0", 2), 3, 1).ok());
    }

    void aPresenceCauseIsShortText()
    {
        // The cause travels in the export's (and the wire's) JSON too, and only as short text.
        const DeviceIndex lamp = 0;
        Event silent{7, 1'795'000'000'000, lamp, PresencePayload{false, QStringLiteral("traffic simulation stopped: SUMO exited")}};
        QJsonObject json = eventjson::eventToJson(silent, *fixtureCity());
        auto back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<PresencePayload>(back.value().payload).cause, QStringLiteral("traffic simulation stopped: SUMO exited"));
        QJsonObject data = json.value(QLatin1String("data")).toObject();
        data.insert(QLatin1String("cause"), 42);
        json.insert(QLatin1String("data"), data);
        QVERIFY(!eventjson::eventFromJson(json, *fixtureCity()).ok());
        data.insert(QLatin1String("cause"), QString(201, QLatin1Char('x')));
        json.insert(QLatin1String("data"), data);
        QVERIFY(!eventjson::eventFromJson(json, *fixtureCity()).ok());
    }

    /// A console's standing in the export: out of the keyring said by name; an export from before says only online; a
    /// standing unknown, or one that online contradicts, is refused.
    /// The record's word that a snapshot is sealed: the snapshot's seq and the key's id, nothing else read into it.
    void aSnapshotSealNamesItsSnapshotAndKey()
    {
        const QByteArray blob = eventcodec::encode(SnapshotSealPayload{7027, QStringLiteral("0123456789abcdef")});
        QCOMPARE(blob, QByteArray("\x73\x1b\x00\x00\x00\x00\x00\x00\x10\x00", 10) + "0123456789abcdef");
        const auto back = eventcodec::decode(eventcodec::Kind::SnapshotSeal, blob);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<SnapshotSealPayload>(back.value()).snapshotSeq, 7027u);
        for (const QString &key : {QStringLiteral("0123456789ABCDEF"), QStringLiteral("0123456789abcde"), QString(),
                                   QStringLiteral("0123456789abcdefa"), QStringLiteral("0123456789abcdeg")})
            QVERIFY2(!eventcodec::decode(eventcodec::Kind::SnapshotSeal, eventcodec::encode(SnapshotSealPayload{7027, key})).ok(), qPrintable(key));
        QVERIFY(!eventcodec::decode(eventcodec::Kind::SnapshotSeal, eventcodec::encode(SnapshotSealPayload{0, QStringLiteral("0123456789abcdef")})).ok());
        QVERIFY(!eventcodec::decode(eventcodec::Kind::SnapshotSeal, QByteArray(8, '\xff') + blob.mid(8)).ok());   // a negative seq

        const Event out{7028, 1'795'000'000'000, kNoDevice, SnapshotSealPayload{7027, QStringLiteral("0123456789abcdef")}};
        const QJsonObject json = eventjson::eventToJson(out, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("snapshot-seal"));
        QCOMPARE(json.value(QLatin1String("data")).toObject(), (QJsonObject{{"snapshot_seq", 7027}, {"key_id", "0123456789abcdef"}}));
        auto read = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(eventcodec::encode(read.value().payload), blob);
        for (const QJsonObject &data : {QJsonObject{{"snapshot_seq", 7027}, {"key_id", "0123456789ABCDEF"}}, QJsonObject{{"snapshot_seq", 7027}},
                                        QJsonObject{{"snapshot_seq", 0}, {"key_id", "0123456789abcdef"}},
                                        QJsonObject{{"snapshot_seq", 70.5}, {"key_id", "0123456789abcdef"}}}) {
            QJsonObject changed = json;
            changed.insert(QLatin1String("data"), data);
            QVERIFY2(!eventjson::eventFromJson(changed, *fixtureCity()).ok(), QJsonDocument(data).toJson().constData());
        }
    }

    void aConsoleStandingTravelsInTheExport()
    {
        const Event out{3, 1'795'000'000'000, kNoDevice, ConsolePayload{QStringLiteral("desk-2"), ConsoleStanding::OutOfKeyring}};
        QJsonObject json = eventjson::eventToJson(out, *fixtureCity());
        auto back = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<ConsolePayload>(back.value().payload).standing, ConsoleStanding::OutOfKeyring);
        const auto with = [&](const char *key, const QJsonValue &value) {
            QJsonObject data = json.value(QLatin1String("data")).toObject();
            if (value.isUndefined())
                data.remove(QLatin1String(key));
            else
                data.insert(QLatin1String(key), value);
            QJsonObject changed = json;
            changed.insert(QLatin1String("data"), data);
            return eventjson::eventFromJson(changed, *fixtureCity());
        };
        QVERIFY(!with("standing", QStringLiteral("stolen")).ok());
        QVERIFY(!with("standing", 2).ok());
        QVERIFY(!with("online", true).ok());   // online, and out of the keyring?
        json = eventjson::eventToJson(Event{3, 1'795'000'000'000, kNoDevice, ConsolePayload{QStringLiteral("desk-2"), ConsoleStanding::Gone}},
                                      *fixtureCity());
        back = with("standing", QJsonValue(QJsonValue::Undefined));   // as exported before there was a standing
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(std::get<ConsolePayload>(back.value().payload).standing, ConsoleStanding::Gone);
    }

    void aHoldOverrunAlarmRoundTripsAndAnUnknownCauseIsRefused()
    {
        // The newest alarm cause is stored and exported by its number and name; one past it is damage.
        AlarmPayload alarm;
        alarm.alarm = 1048581;
        alarm.cause = AlarmCause::HoldOverrun;
        alarm.priority = AlarmPriority::Medium;
        alarm.text = QStringLiteral("pre-empted by order 1048577 for more than 5 min");
        const QByteArray blob = eventcodec::encode(alarm);
        const auto back = eventcodec::decode(eventcodec::Kind::Alarm, blob);
        QVERIFY(back.ok());
        QCOMPARE(std::get<AlarmPayload>(back.value()).cause, AlarmCause::HoldOverrun);
        QByteArray unknown = blob;
        unknown[5] = char(kAlarmCauseCount);   // after the id (4 bytes) and the change (1)
        QVERIFY(!eventcodec::decode(eventcodec::Kind::Alarm, unknown).ok());

        const Event e{9, 1'795'000'000'000, 0, alarm};
        QJsonObject json = eventjson::eventToJson(e, *fixtureCity());
        QCOMPARE(json.value(QLatin1String("data")).toObject().value(QLatin1String("cause")).toString(), QStringLiteral("hold-overrun"));
        const auto fromJson = eventjson::eventFromJson(json, *fixtureCity());
        QVERIFY2(fromJson.ok(), qPrintable(fromJson.error()));
        QCOMPARE(std::get<AlarmPayload>(fromJson.value().payload).cause, AlarmCause::HoldOverrun);
    }

    /// A row a newer release wrote — well formed, with a value added since (an incident kind, an alarm cause, a
    /// command, a person's action, a kind of event) — is refused saying so; the same row cut short is damage.
    void aNewerReleasesValueIsToldFromDamage_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<int>("at");         // the byte holding the value
        QTest::addColumn<QString>("named");
        IncidentRaisedPayload raised;
        raised.id = 7;
        raised.ackWithinMs = 300'000;
        raised.onSceneWithinMs = 900'000;
        QTest::newRow("incident kind") << int(eventcodec::Kind::IncidentRaised) << eventcodec::encode(raised) << 12
                                       << QStringLiteral("an incident kind (number %1)");
        IncidentRaisedPayload older = raised;   // recorded before a city could set its own response times
        older.ackWithinMs = older.onSceneWithinMs = -1;
        QTest::newRow("incident kind, older layout") << int(eventcodec::Kind::IncidentRaised) << eventcodec::encode(older) << 12
                                                     << QStringLiteral("an incident kind (number %1)");
        AlarmPayload alarm;
        alarm.text = QStringLiteral("lamp");
        QTest::newRow("alarm cause") << int(eventcodec::Kind::Alarm) << eventcodec::encode(alarm) << 5 << QStringLiteral("an alarm cause (number %1)");
        CommandPayload command;
        command.user = QStringLiteral("olga");
        QTest::newRow("command") << int(eventcodec::Kind::Command) << eventcodec::encode(command) << 5 << QStringLiteral("a command (number %1)");
        QTest::newRow("command stage") << int(eventcodec::Kind::Command) << eventcodec::encode(command) << 4 << QStringLiteral("a command stage (number %1)");
        OperatorActionPayload action{OperatorAction::Lock, QStringLiteral("olga"), {}};
        QTest::newRow("person's action") << int(eventcodec::Kind::Operator) << eventcodec::encode(action) << 0
                                         << QStringLiteral("a person's action (number %1)");
    }

    void aNewerReleasesValueIsToldFromDamage()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, blob);
        QFETCH(int, at);
        QFETCH(QString, named);
        QVERIFY2(eventcodec::decode(eventcodec::Kind(kind), blob).ok(), "the row as this release writes it");
        QByteArray newer = blob;
        newer[at] = char(200);
        const auto refused = eventcodec::decode(eventcodec::Kind(kind), newer);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error() == named.arg(200) + QLatin1String(" this release of CityOps does not know: recorded by a newer one?"),
                 qPrintable(refused.error()));
        newer.chop(1);   // and cut short: damage, whatever the value
        const auto damaged = eventcodec::decode(eventcodec::Kind(kind), newer);
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.error().startsWith(QLatin1String("malformed")), qPrintable(damaged.error()));
        const auto unknownKind = eventcodec::decode(eventcodec::Kind(99), blob);
        QVERIFY(unknownKind.error().startsWith(QLatin1String("an event kind (number 99) this release of CityOps does not know")));
    }

    /// The format also grows by fields added at the end of a payload: a row with bytes after everything this release
    /// reads is a newer release's, said as such (and still not read without them); cut inside a field it is damage.
    void aNewerReleasesFieldIsToldFromDamage()
    {
        IncidentRaisedPayload raised;
        raised.id = 7;
        raised.ackWithinMs = 300'000;
        raised.onSceneWithinMs = 900'000;
        const std::vector<std::pair<eventcodec::Kind, QByteArray>> rows{
            {eventcodec::Kind::IncidentRaised, eventcodec::encode(raised)},
            {eventcodec::Kind::Presence, eventcodec::encode(PresencePayload{false, QStringLiteral("feeder F3 tripped")})},
            {eventcodec::Kind::Operator, eventcodec::encode(OperatorActionPayload{OperatorAction::Lock, QStringLiteral("olga"), {}})},
        };
        for (const auto &[kind, blob] : rows) {
            QVERIFY2(eventcodec::decode(kind, blob).ok(), "the row as this release writes it");
            const auto newer = eventcodec::decode(kind, blob + QByteArray::fromHex("0000002a"));
            QVERIFY(!newer.ok());
            QVERIFY2(newer.error().startsWith(QLatin1String("a later field of the "))
                         && newer.error().endsWith(QLatin1String(" payload (4 bytes) this release of CityOps does not know: recorded by a newer one?")),
                     qPrintable(newer.error()));
            const auto damaged = eventcodec::decode(kind, blob.chopped(1));
            QVERIFY(!damaged.ok());
            QVERIFY2(damaged.error().startsWith(QLatin1String("malformed")), qPrintable(damaged.error()));
        }
    }
};

QTEST_GUILESS_MAIN(TestEventCodec)
#include "tst_eventcodec.moc"
