#pragma once

#include "link/wireprotocol.h"
#include "model/vehicle.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace cityops::wire {

// The emergency fleet's dispatch over the broker (docs/PROTOCOL.md, "Fleet dispatch"): a console asks the gateway
// that drives a vehicle (the one its reports come from) to plan a route to a place, shows it, then sends the vehicle
// on it. Requests go to fleet/<gateway>/plan and fleet/<gateway>/send with the console's response topic and a
// 16-byte nonce as correlation data; the gateway answers there. A plan only reads, a send moves an ambulance: sends
// are signed with the console's command key and checked like commands (expiry, replay, trusted key).

QByteArray fleetPlanTopic(const QString &gateway);
QByteArray fleetSendTopic(const QString &gateway);

/// Largest fleet message either side takes: a planned route answer carries up to 1,024 roads, 256 points and 32
/// signals (about 45 KB).
constexpr int kMaxFleetPayloadBytes = 64 * 1024;
constexpr int kMaxRouteEdges = 1024;
/// The longest road a vehicle is told to park on, in metres (SUMO's longest edges are a few kilometres).
constexpr double kMaxParkM = 100'000;

struct RoutePlanRequest {
    QString vehicle;
    GeoPoint destination;
};
QByteArray encodePlanRequest(const RoutePlanRequest &request);
Parsed<RoutePlanRequest> decodePlanRequest(const QByteArray &payload);

/// Sends a vehicle on a route its gateway planned (the roads and where it parks on the last: the gateway drives it,
/// the rest was for showing).
struct RouteSend {
    QString gateway;        ///< in the signed bytes: a send for one gateway's vehicle cannot be replayed to another
    QString vehicle;
    QStringList edges;
    std::int64_t issuedMs = 0;
    std::int64_t expiresMs = 0;
    QByteArray nonce;       ///< 16 random bytes
    QString keyId;
    QByteArray signature;   ///< Ed25519 over canonical()
    /// Where it parks along the last road, in decimetres (whole numbers sign the same on both sides); -1 not said:
    /// the gateway's own rule, and the signed bytes are those of a send from before (cityops-fleet-route-v1).
    std::int32_t parkDm = -1;

    QByteArray canonical() const;
};
QByteArray encodeRouteSend(const RouteSend &send);
/// `gateway` is the topic's: the signed bytes are checked against the gateway the message was sent to.
Parsed<RouteSend> decodeRouteSend(const QByteArray &payload, const QString &gateway);

/// A gateway's answer on the console's response topic.
struct FleetAnswer {
    enum class Kind { Planned, Sent, Refused } kind = Kind::Refused;
    QString vehicle;
    QString reason;        ///< Refused: why, in a sentence
    PlannedRoute route;    ///< Planned
};
QByteArray encodeFleetAnswer(const FleetAnswer &answer, const CityModel &city);
Parsed<FleetAnswer> decodeFleetAnswer(const QByteArray &payload, const CityModel &city);

} // namespace cityops::wire
