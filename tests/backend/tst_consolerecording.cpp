// How each desk's recording stands, said to the room through a real mosquitto on loopback: a desk that records says
// its store's verdict in its signed status ("rec" under "rsig"), and says it again when it turns; the other desks
// (and a wall that records nothing itself) name a desk whose recording stopped or is at risk. Attacked as someone on
// an open broker would: a copy of a desk's status with "recording" put in, with the recording taken out, or an
// earlier turn ("recording", from before it stopped) published again — each refused, the desk still named. The
// signatures themselves: tst_consolestatus; what the operator sees: tst_statusline, tst_wall.
#include "link/consolestatus.h"
#include "mqttconsole.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <mutex>

using namespace cityops;
using namespace cityops::test;

namespace {

const QString kConsoleA = QStringLiteral("console-a");
const QString kConsoleB = QStringLiteral("console-b");

/// What `c` says of the other desks' recordings: "console-b not recording: why" / "console-b at risk".
QStringList namedBy(const Console &c)
{
    QStringList named;
    for (const LinkCounters::DeskRecording &d : c.link->counters().consolesRecordingTrouble)
        named << d.console + (d.notRecording ? QStringLiteral(" not recording: ") + d.why : QStringLiteral(" at risk"));
    return named;
}

/// Every status of console-b that `spy` heard, as it travelled, in order.
QList<QByteArray> statusesOfB(RawClient &spy, QList<QByteArray> &heard)
{
    for (const MqttClient::Message &m : spy.take())
        if (m.topic == wire::consoleStatusTopic(kConsoleB))
            heard << m.payload;
    return heard;
}

/// A recording the test turns: the real store's verdict (Engine::ownRecording) until told otherwise.
struct TurnedRecording {
    std::mutex mutex;
    std::optional<std::pair<wire::ConsoleStatus::Recording, QString>> forced;
    void force(wire::ConsoleStatus::Recording r, const QString &why = {})
    {
        std::lock_guard lock(mutex);
        forced = std::pair{r, why};
    }
};

} // namespace

class TestConsoleRecording : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void aDeskWhoseRecordingStopsIsNamedAtTheOther()
    {
        TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        QVERIFY(room().ok);
        QTemporaryDir dir;
        RawClient spy(brokerOptions(broker.plainUrl(), QStringLiteral("spy")));
        QVERIFY(listensToStatusOf(spy, kConsoleB));
        TurnedRecording recordingOfB;
        Console a(brokerOptions(broker.plainUrl(), "console-a"), room().privateKey("console-a"));   // records nothing: says nothing
        bool saysItsStore = false;
        auto b = std::make_unique<Console>(brokerOptions(broker.plainUrl(), "console-b"), room().privateKey("console-b"),
                                           [&](MqttLinkOptions &o) {
                                               saysItsStore = bool(o.ownRecording);   // B records: its store's verdict is said
                                               o.ownRecording = [&recordingOfB, store = o.ownRecording] {
                                                   std::lock_guard lock(recordingOfB.mutex);
                                                   return recordingOfB.forced ? *recordingOfB.forced : store();
                                               };
                                           },
                                           1, dir.filePath(QStringLiteral("b.store")));
        QVERIFY(saysItsStore);
        QTRY_VERIFY_WITH_TIMEOUT(knownOnline(a, kConsoleB) && knownOnline(*b, kConsoleA), 10'000);
        // B's store records: its status says so, and A names nobody.
        QList<QByteArray> heard;
        QTRY_VERIFY_WITH_TIMEOUT(!statusesOfB(spy, heard).isEmpty()
                                     && json(heard.last()).value(QLatin1String("rec")).toString() == QLatin1String("recording"),
                                 10'000);
        const QByteArray recording = heard.last();
        QVERIFY(namedBy(a).isEmpty() && namedBy(*b).isEmpty());
        QVERIFY(!json(recording).contains(QLatin1String("rwhy")));

        // B's disk fills: it stops recording, and says so at once — A names it, with its store's words.
        recordingOfB.force(wire::ConsoleStatus::Recording::NotRecording, QStringLiteral("database or disk is full"));
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(a), QStringList{QStringLiteral("console-b not recording: database or disk is full")}, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(json(statusesOfB(spy, heard).last()).value(QLatin1String("rec")).toString() == QLatin1String("not-recording"), 10'000);
        const QByteArray stopped = heard.last();
        QCOMPARE(json(stopped).value(QLatin1String("conn")), json(recording).value(QLatin1String("conn")));   // the same connection, said again
        QVERIFY(json(stopped).value(QLatin1String("rturn")).toInteger() > json(recording).value(QLatin1String("rturn")).toInteger());

        // Someone on the broker hides it: B's status with "recording" put in, with the recording taken out, or B's
        // own earlier status (validly signed, from before it stopped) published again. Each refused; B still named.
        const QByteArray forged = edited(stopped, [](QJsonObject &o) {
            o.insert(QLatin1String("rec"), QStringLiteral("recording"));
            o.remove(QLatin1String("rwhy"));
        });
        const QByteArray stripped = edited(stopped, [](QJsonObject &o) {
            for (const char *field : {"rec", "rwhy", "rturn", "rsig"})
                o.remove(QLatin1String(field));
        });
        const struct {
            QByteArray payload;
            std::uint64_t LinkCounters::*counter;
        } attacks[] = {{forged, &LinkCounters::untrusted}, {stripped, &LinkCounters::untrusted}, {recording, &LinkCounters::replayed}};
        for (const auto &attack : attacks) {
            const std::uint64_t before = a.link->counters().*attack.counter;
            QVERIFY(spy.client->publish(wire::consoleStatusTopic(kConsoleB), attack.payload, 1));
            QTRY_VERIFY2_WITH_TIMEOUT(a.link->counters().*attack.counter > before, attack.payload.constData(), 5000);
            QCOMPARE(namedBy(a), QStringList{QStringLiteral("console-b not recording: database or disk is full")});
        }
        QVERIFY(knownOnline(a, kConsoleB));
        // B said its own status again over each copy (the broker keeps the last): what a desk joining now reads is B's word.
        QTRY_COMPARE_WITH_TIMEOUT(statusesOfB(spy, heard).last(), stopped, 5000);

        // At risk, then well again: said at each turn.
        recordingOfB.force(wire::ConsoleStatus::Recording::AtRisk);
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(a), QStringList{QStringLiteral("console-b at risk")}, 10'000);
        {
            std::lock_guard lock(recordingOfB.mutex);
            recordingOfB.forced.reset();   // its real store again, which records
        }
        QTRY_VERIFY_WITH_TIMEOUT(namedBy(a).isEmpty(), 10'000);

        // Stopped again, then gone: a desk that left is named as gone (the roll), not as recording nothing.
        recordingOfB.force(wire::ConsoleStatus::Recording::NotRecording, QStringLiteral("disk I/O error"));
        QTRY_COMPARE_WITH_TIMEOUT(namedBy(a), QStringList{QStringLiteral("console-b not recording: disk I/O error")}, 10'000);
        b.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!knownOnline(a, kConsoleB), 10'000);
        QVERIFY(namedBy(a).isEmpty());
    }
};

QTEST_MAIN(TestConsoleRecording)
#include "tst_consolerecording.moc"
