// The console's side of fleet dispatch without a broker: where requests go, which answers are taken, and what the
// caller hears when a gateway answers wrongly or not at all. Time is the test's own (no sleeps).
#include "link/fleetdispatch.h"
#include "state/vehiclebook.h"
#include "storetesting.h"

#include <QtTest>

#include <cmath>
#include <optional>

using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

QByteArray answerPayload(wire::FleetAnswer answer) { return wire::encodeFleetAnswer(answer, *fixtureCity()); }

PlannedRoute aRoute(const QString &vehicle)
{
    PlannedRoute r;
    r.vehicle = vehicle;
    r.edges = {QStringLiteral("e1"), QStringLiteral("e2")};
    r.line = {fixtureCity()->devices[0].position, fixtureCity()->devices[1].position};
    r.lengthM = 420;
    r.travelS = 40;
    r.destination = fixtureCity()->devices[1].position;
    return r;
}

} // namespace

class TestFleetRequests : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void requestsGoToTheGatewayThatDrivesTheVehicle()
    {
        FleetDispatch fleet(fixtureCity());
        std::optional<Result<PlannedRoute>> heard;
        auto nowhere = fleet.plan(QStringLiteral("ambulance-1"), {13.5, 52.4}, kNow, [&heard](const Result<PlannedRoute> &r) { heard = r; });
        QVERIFY(!nowhere);
        QVERIFY2(nowhere.error().contains(QLatin1String("has not reported through any gateway")), qPrintable(nowhere.error()));

        fleet.vehicleReported(QStringLiteral("ambulance-1"), QStringLiteral("gw-south"), kNow);
        fleet.vehicleReported(QStringLiteral("ambulance-1"), QStringLiteral("gw-north"), kNow);   // it moved to another gateway's area
        auto out = fleet.plan(QStringLiteral("ambulance-1"), {13.5, 52.4}, kNow, [&heard](const Result<PlannedRoute> &r) { heard = r; });
        QVERIFY(out);
        QCOMPARE(out->topic, wire::fleetPlanTopic(QStringLiteral("gw-north")));
        QCOMPARE(out->correlation.size(), 16);
        QVERIFY(fleet.waitingFor(out->correlation));

        // An answer about another vehicle, or for a request nobody made, is refused and tells nobody anything.
        wire::Refused why{wire::Refusal::Malformed, {}};
        QVERIFY(!fleet.answer(out->correlation, answerPayload({wire::FleetAnswer::Kind::Planned, QStringLiteral("ambulance-2"), {}, aRoute(QStringLiteral("ambulance-2"))}), &why));
        QCOMPARE(why.reason, wire::Refusal::WrongKind);
        QVERIFY(!fleet.answer(QByteArray(16, 'x'), answerPayload({wire::FleetAnswer::Kind::Sent, QStringLiteral("ambulance-1"), {}, {}}), &why));
        QVERIFY(!fleet.answer(out->correlation, "{not json", &why));
        QCOMPARE(why.reason, wire::Refusal::Malformed);
        QVERIFY(!heard);

        // The right answer reaches the caller once; a second copy is not waited for any more.
        const QByteArray planned = answerPayload({wire::FleetAnswer::Kind::Planned, QStringLiteral("ambulance-1"), {}, aRoute(QStringLiteral("ambulance-1"))});
        auto tell = fleet.answer(out->correlation, planned, &why);
        QVERIFY(tell);
        tell();
        QVERIFY(heard && heard->ok());
        QCOMPARE(heard->value().edges, aRoute(QString()).edges);
        QVERIFY(!fleet.waitingFor(out->correlation));
        QVERIFY(!fleet.answer(out->correlation, planned, &why));
    }

    void theGatewayReportingAVehicleIsKnownWhileItsReportsAreCurrent()
    {
        // The link refuses another gateway's report of a vehicle while its gateway's reports are current
        // (MqttLink::vehicleHeldByAnother): current means as long as the console still shows the vehicle.
        FleetDispatch fleet(fixtureCity());
        const QString ambulance = QStringLiteral("ambulance-1");
        QVERIFY(!fleet.reportingGateway(ambulance, kNow));
        fleet.vehicleReported(ambulance, QStringLiteral("gw-1"), kNow);
        QCOMPARE(fleet.reportingGateway(ambulance, kNow + VehicleBook::kSilentMs), QStringLiteral("gw-1"));
        QVERIFY(!fleet.reportingGateway(ambulance, kNow + VehicleBook::kSilentMs + 1));
        QVERIFY(!fleet.reportingGateway(QStringLiteral("ambulance-2"), kNow));
        // Route requests still go to the gateway last heard, however long ago: a silent vehicle is asked for where it was.
        auto out = fleet.plan(ambulance, {13.5, 52.4}, kNow + 60'000, [](const Result<PlannedRoute> &) {});
        QVERIFY(out);
        QCOMPARE(out->topic, wire::fleetPlanTopic(QStringLiteral("gw-1")));
    }

    void sendsAreSignedAndAWrongOrMissingAnswerIsSaid()
    {
        FleetDispatch fleet(fixtureCity());
        fleet.vehicleReported(QStringLiteral("ambulance-1"), QStringLiteral("gw-1"), kNow);
        std::optional<Status> sent;
        const auto remember = [&sent](const Status &s) { sent = s; };
        auto keyless = fleet.send(aRoute(QStringLiteral("ambulance-1")), nullptr, kNow, remember);
        QVERIFY(!keyless);
        QVERIFY(keyless.error().contains(QLatin1String("no command signing key")));

        const CommandSigner key = CommandSigner::generate();
        auto out = fleet.send(aRoute(QStringLiteral("ambulance-1")), &key, kNow, remember);
        QVERIFY(out);
        QCOMPARE(out->topic, wire::fleetSendTopic(QStringLiteral("gw-1")));
        // What goes out verifies with the console's public key, for this gateway only, valid for a minute.
        auto decoded = wire::decodeRouteSend(out->payload, QStringLiteral("gw-1"));
        QVERIFY(std::holds_alternative<wire::RouteSend>(decoded));
        const wire::RouteSend &s = std::get<wire::RouteSend>(decoded);
        const CommandVerifier verifier = CommandVerifier::fromPublicKeyPem(key.publicKeyPem()).value();
        QVERIFY(verifier.verify(s.canonical(), s.signature));
        QCOMPARE(s.nonce, out->correlation);
        QCOMPARE(s.expiresMs - s.issuedMs, 60'000);
        auto elsewhere = wire::decodeRouteSend(out->payload, QStringLiteral("gw-2"));
        QVERIFY(!verifier.verify(std::get<wire::RouteSend>(elsewhere).canonical(), s.signature));
        QCOMPARE(s.parkDm, -1);   // the plan did not say where it parks: nor does the send
        // Where the plan parks it goes out signed, to the decimetre.
        PlannedRoute parking = aRoute(QStringLiteral("ambulance-1"));
        parking.parkAtM = 61.43;
        auto parks = fleet.send(parking, &key, kNow, remember);
        QVERIFY(parks);
        const wire::RouteSend p = std::get<wire::RouteSend>(wire::decodeRouteSend(parks->payload, QStringLiteral("gw-1")));
        QCOMPARE(p.parkDm, 614);
        QVERIFY(verifier.verify(p.canonical(), p.signature));
        fleet.forget(parks->correlation);
        // A place beyond any road (a plan of 100 km and more along one road, or none at all) is refused, not left out.
        for (const double beyond : {100'001.0, std::nan("")}) {
            parking.parkAtM = beyond;
            auto nowhere = fleet.send(parking, &key, kNow, remember);
            QVERIFY(!nowhere);
            QVERIFY2(nowhere.error().contains(QLatin1String("beyond any road: not sent")), qPrintable(nowhere.error()));
        }

        // A plan where a send was answered is a gateway's mistake, said as such.
        wire::Refused why{wire::Refusal::Malformed, {}};
        auto tell = fleet.answer(out->correlation, answerPayload({wire::FleetAnswer::Kind::Planned, QStringLiteral("ambulance-1"), {}, aRoute(QStringLiteral("ambulance-1"))}), &why);
        QVERIFY(tell);
        tell();
        QVERIFY(sent && !sent->ok());
        QVERIFY2(sent->error().contains(QLatin1String("answered a send with a plan")), qPrintable(sent->error()));

        // A refusal reaches the operator with the gateway's reason.
        sent.reset();
        auto again = fleet.send(aRoute(QStringLiteral("ambulance-1")), &key, kNow, remember);
        QVERIFY(again);
        tell = fleet.answer(again->correlation, answerPayload({wire::FleetAnswer::Kind::Refused, QStringLiteral("ambulance-1"),
                                                                QStringLiteral("ambulance-1 cannot take that route now"), {}}), &why);
        QVERIFY(tell);
        tell();
        QCOMPARE(sent->error(), QStringLiteral("ambulance-1 cannot take that route now"));

        // Nobody answers: after the timeout, and not before, the caller hears so once.
        sent.reset();
        auto lost = fleet.send(aRoute(QStringLiteral("ambulance-1")), &key, kNow, remember);
        QVERIFY(lost);
        QVERIFY(fleet.expire(kNow + FleetDispatch::kTimeoutMs - 1).empty());
        auto expired = fleet.expire(kNow + FleetDispatch::kTimeoutMs);
        QCOMPARE(expired.size(), size_t(1));
        expired.front()();
        QVERIFY(sent && sent->error().contains(QLatin1String("gw-1 did not answer within 15 s")));
        QVERIFY(fleet.expire(kNow + 10 * FleetDispatch::kTimeoutMs).empty());
        QVERIFY(!fleet.waitingFor(lost->correlation));
    }
};

QTEST_GUILESS_MAIN(TestFleetRequests)
#include "tst_fleetrequests.moc"
