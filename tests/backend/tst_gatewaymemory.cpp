// What a gateway remembers of the commands it took, and when it forgets it, on a clock the test moves by hand: a real
// mosquitto, the gateway in this process, and commands made and signed by hand as an attacker who captured them from
// the command topic would send them again. A gateway must forget (it runs for months), but only what can no longer
// act: a captured command sent again after its nonce was forgotten must still be refused, and so must an older attempt
// sent after the gateway forgot that a newer one had arrived.
#include "mqttconsole.h"

#include "link/devicegateway.h"

#include <QTest>

#include <atomic>

using namespace cityops;
using namespace cityops::test;

namespace {

/// A real mosquitto, the gateway "gw1" on the default city trusting `key`, on a clock that stands where the test puts
/// it, and an attacker on the broker with captures of commands signed by that key.
struct GatewayOnAClock {
    TestBroker broker;
    const CommandSigner key = CommandSigner::generate();
    std::atomic<std::int64_t> nowMs{QDateTime::currentMSecsSinceEpoch()};
    std::unique_ptr<DeviceGateway> gateway;
    ByHand attacker{broker.plainUrl()};

    explicit GatewayOnAClock(const SimParameters &parameters)
    {
        GatewayOptions options;
        options.mqtt = brokerOptions(broker.plainUrl(), QStringLiteral("gw1"));
        options.warmUpHours = 0.01;
        options.parameters = parameters;
        options.clock = [this] { return nowMs.load(); };
        gateway = std::make_unique<DeviceGateway>(city(), options, CommandVerifier::fromPublicKeyPem(key.publicKeyPem()).value());
    }
    /// The broker up, the gateway started and heard (its retained status), the attacker listening; else why not.
    QString up()
    {
        if (!broker.ok())
            return broker.log();
        if (auto started = gateway->start(); !started)
            return started.error();
        if (!attacker.listening() || !QTest::qWaitFor([&] { return attacker.raw.waiting() > 0; }, 10'000))
            return QStringLiteral("the gateway's status did not reach the attacker");
        return {};
    }
    /// Moves the clock and waits for the gateway to have tidied its memory at that time (it does on its ticks).
    bool moveTo(std::int64_t ms, const std::function<bool(const GatewayMemory &)> &until)
    {
        nowMs = ms;
        return QTest::qWaitFor([&] { const GatewayMemory m = gateway->memory(); return m.tidiedAtMs >= ms && until(m); }, 5000);
    }
};

SimParameters answeringAtOnce()
{
    SimParameters p;
    p.commandLatencyMinMs = p.commandLatencyMaxMs = 0;
    p.commandRejectRate = 0;
    p.lampMtbfHours = 1e12;
    return p;
}

} // namespace

class TestGatewayMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(city(), "the default city package must be readable"); }

    void aCapturedCommandSentAgainAfterItsNonceWasForgottenIsStillRefused()
    {
        GatewayOnAClock gw(answeringAtOnce());
        const QString problem = gw.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ByHand &attacker = gw.attacker;
        const CommandSigner &key = gw.key;

        const QString lamp = city()->devices[lamps(1).front()].id;
        const std::int64_t t0 = gw.nowMs;
        const wire::SignedCommand captured = dimCommand(key, lamp, 1, t0, t0 + 60'000);
        QJsonObject r = attacker.send(captured);
        QVERIFY2(acted(r), qPrintable(reasonOf(r)));
        QCOMPARE(gw.gateway->memory().nonces, 1);
        QCOMPARE(gw.gateway->stats().executed, 1u);

        // Within its life it is known by its nonce, to the last millisecond.
        QVERIFY(gw.moveTo(t0 + 59'999, [](const GatewayMemory &) { return true; }));
        r = attacker.send(captured);
        QVERIFY2(reasonOf(r).startsWith(QLatin1String("replayed: this exact command was received before")), qPrintable(reasonOf(r)));

        // Once it has expired the nonce is forgotten (memory stays bounded) — and the command is refused as expired.
        QVERIFY2(gw.moveTo(t0 + 60'001, [](const GatewayMemory &m) { return m.nonces == 0; }), "the expired nonce is kept");
        r = attacker.send(captured);
        QVERIFY2(!acted(r) && reasonOf(r).startsWith(QLatin1String("expired 1 ms ago")), qPrintable(reasonOf(r)));
        QCOMPARE(gw.gateway->stats().executed, 1u);
        QCOMPARE(gw.gateway->memory().nonces, 0);   // a refused command is not remembered
    }

    void anOlderAttemptStaysSupersededUntilItCanNoLongerAct()
    {
        GatewayOnAClock gw(answeringAtOnce());
        const QString problem = gw.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ByHand &attacker = gw.attacker;
        const CommandSigner &key = gw.key;

        // The console's first attempt, valid for the longest a command may be, never reached the gateway (the
        // attacker held it back); its second, a second later, did and acted.
        const QString lamp = city()->devices[lamps(1).front()].id;
        const std::int64_t t0 = gw.nowMs;
        const wire::SignedCommand first = dimCommand(key, lamp, 7, t0, t0 + wire::kMaxCommandLifetimeMs, 1);
        const wire::SignedCommand second = dimCommand(key, lamp, 7, t0 + 1000, t0 + 1000 + 60'000, 2);
        QVERIFY(gw.moveTo(t0 + 1000, [](const GatewayMemory &) { return true; }));
        QJsonObject r = attacker.send(second);
        QVERIFY2(acted(r), qPrintable(reasonOf(r)));
        QCOMPARE(gw.gateway->memory().steps, 1);

        // Long after the second attempt's own nonce has gone, the first, sent now, would undo what the console had
        // last asked for: it is superseded, to its last valid millisecond.
        QVERIFY(gw.moveTo(first.expiresMs - 1, [](const GatewayMemory &m) { return m.nonces == 0; }));
        QCOMPARE(gw.gateway->memory().steps, 1);
        r = attacker.send(first);
        QVERIFY2(!acted(r) && reasonOf(r).startsWith(QLatin1String("superseded: attempt 2 of this command already arrived")),
                 qPrintable(reasonOf(r)));

        // The step is forgotten only when every attempt older than the newest has expired.
        QVERIFY2(gw.moveTo(second.issuedMs + wire::kMaxCommandLifetimeMs + 1, [](const GatewayMemory &m) { return m.steps == 0; }),
                 "the step is kept");
        r = attacker.send(first);
        QVERIFY2(!acted(r) && reasonOf(r).startsWith(QLatin1String("expired")), qPrintable(reasonOf(r)));
        QCOMPARE(gw.gateway->stats().executed, 1u);
    }

    /// The gateway started with its clock 10 min ahead, and NTP set it right. A command issued since is not refused as
    /// "issued before this gateway started" for the next 10 min: the start is counted on the clock as it now stands.
    /// One issued before that start (a capture from the gateway's earlier run) still is.
    void aGatewayWhoseClockIsSetBackTakesWhatWasIssuedSinceItStarted()
    {
        GatewayOnAClock gw(answeringAtOnce());
        const std::int64_t t0 = gw.nowMs;
        gw.nowMs = t0 + 600'000;
        const QString problem = gw.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(gw.moveTo(t0 + 1000, [](const GatewayMemory &) { return true; }));   // set right: it started at t0 + 1 s

        const QString lamp = city()->devices[lamps(1).front()].id;
        QJsonObject r = gw.attacker.send(dimCommand(gw.key, lamp, 1, t0 + 1000, t0 + 61'000));
        QVERIFY2(acted(r), qPrintable(reasonOf(r)));
        r = gw.attacker.send(dimCommand(gw.key, lamp, 2, t0 + 500, t0 + 60'500));
        QVERIFY2(!acted(r) && reasonOf(r).startsWith(QLatin1String("replayed: issued 1 s before this gateway started")), qPrintable(reasonOf(r)));
        QCOMPARE(gw.gateway->stats().executed, 1u);
    }

    /// Any account that may ask for a fresh picture (a console, a wall, a gateway) asks for it two hundred times at
    /// once: one small message each, a report of every device each. The gateway sends one picture, and the rest as one
    /// more a second later, on its clock: none is lost, and the broker carries two pictures, not two hundred.
    void aFloodOfRefreshRequestsCostsOnePictureASecond()
    {
        GatewayOnAClock gw(answeringAtOnce());
        const QString problem = gw.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        RawClient &wall = gw.attacker.raw;   // an account that may ask for fresh pictures
        const auto published = [&gw] { return gw.gateway->stats().published; };
        const auto pictures = [&gw] { return gw.gateway->stats().pictures; };
        // Its first ticks behind it, on a clock that stands, the gateway sends nothing but what it is asked for.
        const std::int64_t t0 = gw.nowMs + 1;
        QVERIFY(gw.moveTo(t0, [](const GatewayMemory &) { return true; }));
        const std::uint64_t before = pictures();   // the one sent on connecting was not asked for
        const std::uint64_t p0 = published();

        for (int i = 0; i < 200; ++i)
            wall.client->publish(wire::refreshTopic(), wire::encodeRefresh({QStringLiteral("wall-1"), {}}), 1);
        QTRY_COMPARE_WITH_TIMEOUT(gw.gateway->stats().refreshes, 200u, 10'000);
        QCOMPARE(pictures(), before + 1);
        const std::uint64_t onePicture = published() - p0;   // a report of every device, and its open incidents
        QVERIFY2(onePicture >= city()->devices.size(), qPrintable(QString::number(onePicture)));
        QVERIFY(gw.moveTo(t0 + 999, [](const GatewayMemory &) { return true; }));
        QCOMPARE(pictures(), before + 1);
        const std::uint64_t p1 = published();
        QVERIFY(gw.moveTo(t0 + 1000, [&](const GatewayMemory &) { return pictures() == before + 2; }));
        QVERIFY(published() - p1 >= onePicture);   // the other 199, as one whole picture (and a millisecond's events)
        QVERIFY(gw.moveTo(t0 + 5000, [](const GatewayMemory &) { return true; }));
        QCOMPARE(pictures(), before + 2);   // nothing more was asked

        // After a quiet second a console's request for one device is served at once, with that device alone.
        const std::uint64_t p2 = published();
        const QString lamp = city()->devices[lamps(1).front()].id;
        wall.client->publish(wire::refreshTopic(), wire::encodeRefresh({QStringLiteral("console-a"), {lamp}}), 1);
        QTRY_COMPARE_WITH_TIMEOUT(pictures(), before + 3, 10'000);
        QVERIFY2(published() - p2 >= 1 && published() - p2 <= 2, qPrintable(QString::number(published() - p2)));   // its state (and presence)
    }

    void anAnswerNoDeviceGaveIsForgottenAMinuteAfterItsCommandExpired()
    {
        // A device that takes an hour to answer (cut off, or gone): the console has long given up, and the gateway
        // must not keep where to answer it for good.
        SimParameters slow = answeringAtOnce();
        slow.commandLatencyMinMs = slow.commandLatencyMaxMs = 3600'000;
        GatewayOnAClock gw(slow);
        const QString problem = gw.up();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ByHand &attacker = gw.attacker;
        const CommandSigner &key = gw.key;

        const std::int64_t t0 = gw.nowMs;
        for (int i = 0; i < 20; ++i) {
            const QString lamp = city()->devices[lamps(20).at(i)].id;
            const wire::SignedCommand c = dimCommand(key, lamp, 100 + i, t0, t0 + 60'000);
            attacker.raw.client->publish(wire::commandTopic("gw1", c.device), wire::encodeCommand(c), 1, false, wire::resultTopic("by-hand"),
                                         c.nonce);
        }
        QTRY_COMPARE_WITH_TIMEOUT(gw.gateway->memory().pendingAnswers, 20, 10'000);
        QVERIFY(gw.moveTo(t0 + 120'000, [](const GatewayMemory &m) { return m.nonces == 0; }));
        QCOMPARE(gw.gateway->memory().pendingAnswers, 20);
        QVERIFY2(gw.moveTo(t0 + 120'001, [](const GatewayMemory &m) { return m.pendingAnswers == 0; }), "the answers are kept");
        for (const MqttClient::Message &m : attacker.raw.take())   // nobody was answered
            QVERIFY2(m.topic != wire::resultTopic("by-hand"), m.payload.constData());
    }
};

QTEST_GUILESS_MAIN(TestGatewayMemory)
#include "tst_gatewaymemory.moc"
