#include "fuzzcommon.h"

#include "link/consolestatus.h"
#include "link/fleetwire.h"
#include "link/wireprotocol.h"

namespace cityops::fuzz {

namespace {

QByteArray prefixed(std::uint8_t selector, std::uint16_t pick, const QByteArray &payload)
{
    QByteArray input;
    input.append(char(selector));
    input.append(char(pick >> 8));
    input.append(char(pick & 0xff));
    return input + payload;
}

template <typename T>
const T *accepted(const wire::Parsed<T> &parsed)
{
    return std::get_if<T>(&parsed);
}
template <typename T>
QString refusalOf(const wire::Parsed<T> &parsed)
{
    const auto *r = std::get_if<wire::Refused>(&parsed);
    return r ? wire::refusalName(r->reason) + QStringLiteral(" — ") + r->detail : QString();
}

/// decode → encode → decode → encode: the second encoding must be accepted and equal the first. A re-encoding that is
/// only refused for its size is not a broken promise (escaping can lengthen what was accepted near the limit).
template <typename T, typename Decode, typename Encode>
Outcome roundTrip(const QByteArray &payload, Decode decode, Encode encode)
{
    const wire::Parsed<T> first = decode(payload);
    const T *value = accepted(first);
    if (!value)
        return kRefused;
    const QByteArray once = encode(*value);
    const wire::Parsed<T> second = decode(once);
    const T *again = accepted(second);
    if (!again) {
        const auto *r = std::get_if<wire::Refused>(&second);
        if (r->reason == wire::Refusal::Oversized)
            return kKept;
        return broken("accepted, but its own encoding is refused", refusalOf(second) + QStringLiteral(" — ") + QString::fromUtf8(once.left(300)));
    }
    const QByteArray twice = encode(*again);
    if (twice != once)
        return broken("accepted, but encoding is not stable", QString::fromUtf8(once.left(300)) + QStringLiteral(" ≠ ") + QString::fromUtf8(twice.left(300)));
    return kKept;
}

enum WireDecoder : std::uint8_t { State, Presence_, FieldEvent_, Gateway, Command_, Result_, Refresh_, Ops_, SignedOps_, PlanRequest_,
                                  RouteSend_, FleetAnswer_, Topic, ConsoleStatus_, kWireDecoders };

} // namespace

Outcome checkWire(const QByteArray &input)
{
    if (input.size() < 3)
        return kRefused;
    const CityModel &c = city();
    const auto decoder = WireDecoder(std::uint8_t(input[0]) % kWireDecoders);
    const std::uint16_t pick = std::uint16_t(std::uint8_t(input[1]) << 8 | std::uint8_t(input[2]));
    const QByteArray payload = input.mid(3);
    switch (decoder) {
    case State:
    case Presence_: {
        const QString device = c.devices[pick % c.devices.size()].id;
        const auto channel = decoder == State ? wire::TopicRef::DeviceState : wire::TopicRef::DevicePresence;
        return roundTrip<wire::DeviceReport>(payload, [&](const QByteArray &p) { return wire::decodeDeviceReport(p, device, channel, c); },
                                             [&](const wire::DeviceReport &r) { return wire::encodeDeviceReport(r, c); });
    }
    case FieldEvent_:
        return roundTrip<wire::FieldEvent>(payload, [&](const QByteArray &p) { return wire::decodeFieldEvent(p, c); },
                                           [&](const wire::FieldEvent &e) { return wire::encodeFieldEvent(e, c); });
    case Gateway:
        return roundTrip<wire::Presence>(payload, &wire::decodePresence, &wire::encodePresence);
    case Command_:
        return roundTrip<wire::SignedCommand>(payload, &wire::decodeCommand, &wire::encodeCommand);
    case Result_:
        return roundTrip<wire::CommandResult>(payload, &wire::decodeResult, &wire::encodeResult);
    case Refresh_:
        return roundTrip<wire::RefreshRequest>(payload, &wire::decodeRefresh, &wire::encodeRefresh);
    case Ops_:
        return roundTrip<wire::OpsMessage>(payload, [&](const QByteArray &p) { return wire::decodeOps(p, c); },
                                           [&](const wire::OpsMessage &m) { return wire::encodeOps(m, c); });
    case SignedOps_:
        return roundTrip<wire::SignedOps>(payload, &wire::decodeSignedOps, &wire::encodeSignedOps);
    case PlanRequest_:
        return roundTrip<wire::RoutePlanRequest>(payload, &wire::decodePlanRequest, &wire::encodePlanRequest);
    case RouteSend_: {
        const QString gateway = QStringLiteral("gw-%1").arg(pick % 3);
        return roundTrip<wire::RouteSend>(payload, [&](const QByteArray &p) { return wire::decodeRouteSend(p, gateway); }, &wire::encodeRouteSend);
    }
    case FleetAnswer_:
        return roundTrip<wire::FleetAnswer>(payload, [&](const QByteArray &p) { return wire::decodeFleetAnswer(p, c); },
                                            [&](const wire::FleetAnswer &a) { return wire::encodeFleetAnswer(a, c); });
    case Topic: {
        const wire::TopicRef ref = wire::parseTopic(payload);
        // What a topic names must be what the same names build (a device topic read back names that device).
        if (ref.kind == wire::TopicRef::DeviceState && wire::deviceTopic(ref.gateway, ref.device, "state") != payload)
            return broken("a device state topic that its own names do not build", QString::fromUtf8(payload.left(300)));
        return ref.kind == wire::TopicRef::Unknown ? kRefused : kKept;
    }
    case ConsoleStatus_:
        return roundTrip<wire::ConsoleStatus>(payload, &wire::decodeConsoleStatus, &wire::encodeConsoleStatus);
    case kWireDecoders:
        break;
    }
    return kRefused;
}

std::vector<QByteArray> wireSeeds()
{
    const CityModel &c = city();
    std::vector<QByteArray> seeds;
    std::uint64_t seq = 1;
    for (const Event &e : sample(60, [](const Event &e) { return e.device != kNoDevice && !std::holds_alternative<CommandPayload>(e.payload); })) {
        const bool presence = std::holds_alternative<PresencePayload>(e.payload);
        seeds.push_back(prefixed(presence ? Presence_ : State, std::uint16_t(e.device), wire::encodeDeviceReport({3, seq++, e}, c)));
    }
    for (const Event &e : sample(20, isFieldEvent))
        seeds.push_back(prefixed(FieldEvent_, 0, wire::encodeFieldEvent({3, seq++, e}, c)));
    const std::int64_t now = simulatedHour().back().timeMs;
    seeds.push_back(prefixed(Gateway, 0, wire::encodePresence({true, 7, 1200, 30})));
    seeds.push_back(prefixed(Gateway, 0, wire::encodePresence({true, 7, 1200, 30, QStringLiteral("0123456789abcdef"), QStringLiteral("fedcba9876543210")})));
    seeds.push_back(prefixed(Gateway, 0, wire::encodePresence({false, 7, 0, 0})));
    seeds.push_back(prefixed(ConsoleStatus_, 0, wire::encodeConsoleStatus({true, 1'790'000'000'000'000, QStringLiteral("abcd"), QByteArray(64, '\x03')})));
    seeds.push_back(prefixed(ConsoleStatus_, 0, wire::encodeConsoleStatus({false, 12, {}, {}})));
    wire::SignedCommand command;
    command.device = c.devices[0].id;
    command.order = 77;
    command.step = 3;
    command.action = CommandAction::SignalPreempt;
    command.value = 2;
    command.issuedMs = now;
    command.expiresMs = now + 60'000;
    command.nonce = QByteArray(16, '\x5a');
    command.keyId = QStringLiteral("abcd");
    command.approver = QStringLiteral("vera");
    command.approvedUntilMs = now + 300'000;
    command.approval = QByteArray(64, '\x02');
    command.signature = QByteArray(64, '\x01');
    seeds.push_back(prefixed(Command_, 0, wire::encodeCommand(command)));
    seeds.push_back(prefixed(Result_, 0, wire::encodeResult({c.devices[0].id, 77, 3, 1, false, false, QStringLiteral("device busy")})));
    seeds.push_back(prefixed(Refresh_, 0, wire::encodeRefresh({QStringLiteral("desk-1"), {c.devices[0].id, c.devices[1].id}})));
    std::vector<Event> shared;
    for (const Event &e : madeByHand())
        if (wire::isShared(e))
            shared.push_back(e);
    const QByteArray ops = wire::encodeOps({QStringLiteral("desk-1"), shared}, c);
    seeds.push_back(prefixed(Ops_, 0, ops));
    seeds.push_back(prefixed(SignedOps_, 0, wire::encodeSignedOps({QStringLiteral("desk-1"), 12, now, ops, QByteArray(64, '\x03')})));
    seeds.push_back(prefixed(PlanRequest_, 0, wire::encodePlanRequest({QStringLiteral("ambulance-1"), c.devices[5].position})));
    wire::RouteSend send;
    send.gateway = QStringLiteral("gw-1");
    send.vehicle = QStringLiteral("ambulance-1");
    send.edges = {c.roads[0].sumoId, c.roads[1].sumoId};
    send.issuedMs = now;
    send.expiresMs = now + 60'000;
    send.nonce = QByteArray(16, '\x44');
    send.keyId = QStringLiteral("abcd");
    send.signature = QByteArray(64, '\x05');
    send.parkDm = 415;
    seeds.push_back(prefixed(RouteSend_, 1, wire::encodeRouteSend(send)));
    PlannedRoute route;
    route.vehicle = QStringLiteral("ambulance-1");
    route.edges = send.edges;
    route.line = {c.devices[0].position, c.devices[1].position, c.devices[2].position};
    route.signals = {SignalAhead{0, 1, 120.5}, SignalAhead{1, 0, 400}};
    route.lengthM = 812.5;
    route.travelS = 71;
    route.destination = c.devices[2].position;
    route.parkAtM = 41.5;
    seeds.push_back(prefixed(FleetAnswer_, 0, wire::encodeFleetAnswer({wire::FleetAnswer::Kind::Planned, route.vehicle, {}, route}, c)));
    seeds.push_back(prefixed(FleetAnswer_, 0, wire::encodeFleetAnswer({wire::FleetAnswer::Kind::Refused, route.vehicle, QStringLiteral("no road there"), {}}, c)));
    seeds.push_back(prefixed(Topic, 0, wire::deviceTopic(QStringLiteral("gw-1"), c.devices[0].id, "state")));
    seeds.push_back(prefixed(Topic, 0, wire::commandTopic(QStringLiteral("gw-1"), c.devices[0].id)));
    return seeds;
}

} // namespace cityops::fuzz
