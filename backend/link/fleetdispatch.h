#pragma once

#include "link/fieldlink.h"
#include "link/fleetwire.h"
#include "security/commandsigner.h"

#include <QHash>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// The console's side of fleet dispatch over the broker (docs/PROTOCOL.md, "Fleet dispatch"): which gateway drives
/// each vehicle (the one its reports come through), the route plans and sends waiting for an answer, and what the
/// answers mean. Publishes nothing itself: MqttLink sends what it makes. Thread-safe (reports and answers arrive
/// on the network thread, requests on the link thread).
class FleetDispatch {
public:
    explicit FleetDispatch(std::shared_ptr<const CityModel> city);

    /// A vehicle reported through `gateway` at `nowMs` (the console's clock): requests for it go there from now on.
    void vehicleReported(const QString &vehicle, const QString &gateway, std::int64_t nowMs);
    /// The gateway whose reports of `vehicle` are current at `nowMs`: the last one heard within
    /// VehicleBook::kSilentMs, as long as the console shows the vehicle. Empty when none.
    std::optional<QString> reportingGateway(const QString &vehicle, std::int64_t nowMs) const;

    struct Outgoing {
        QByteArray topic;
        QByteArray payload;
        QByteArray correlation;
    };
    /// A plan request for `vehicle`, remembered until answered or `nowMs` + timeout; an error when nothing drives it.
    Result<Outgoing> plan(const QString &vehicle, GeoPoint destination, std::int64_t nowMs, FieldLink::RouteCallback done);
    /// A signed send of a planned route; an error without a key or a gateway.
    Result<Outgoing> send(const PlannedRoute &route, const CommandSigner *signer, std::int64_t nowMs, FieldLink::SentCallback done);
    /// The request could not be published: nothing will answer it.
    void forget(const QByteArray &correlation);

    /// Whether this correlation data belongs to a fleet request still waiting (else the answer is a command's).
    bool waitingFor(const QByteArray &correlation) const;
    /// The answer to a waiting request, as the call that tells its caller (to run on the link thread); empty when it
    /// is not one of ours or does not parse (`refusal` then says why).
    std::function<void()> answer(const QByteArray &correlation, const QByteArray &payload, wire::Refused *refusal);
    /// Requests older than the timeout, answered with a sentence.
    std::vector<std::function<void()>> expire(std::int64_t nowMs);

    static constexpr std::int64_t kTimeoutMs = 15'000;

private:
    struct Waiting {
        QString gateway;
        QString vehicle;
        std::int64_t deadlineMs = 0;
        FieldLink::RouteCallback planned;   ///< one of the two
        FieldLink::SentCallback sent;
    };
    Result<QString> gatewayOf(const QString &vehicle) const;

    std::shared_ptr<const CityModel> m_city;
    mutable std::mutex m_mutex;
    struct Reporter {
        QString gateway;
        std::int64_t lastMs = 0;   ///< its last report of the vehicle, on the console's clock
    };
    QHash<QString, Reporter> m_gatewayOfVehicle;
    QHash<QByteArray, Waiting> m_waiting;
};

} // namespace cityops
