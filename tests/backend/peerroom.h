#pragma once
// Two consoles on one broker without the broker: two live ops loops, where what A really emits is handed to B as the
// link would (tagged with A's origin and recorded with A's name), and B re-authorises it against its own directory.
#include "link/wireprotocol.h"
#include "opstesting.h"

namespace cityops::test {

constexpr std::uint16_t kFromA = 1, kFromC = 2;

/// B's directory: who these people are at B, whatever A claims.
inline std::optional<Actor> directoryOfB(const QString &user)
{
    if (user == QLatin1String("olga") || user == QLatin1String("kai"))
        return actor(user, Role::Operator);
    if (user == QLatin1String("sven") || user == QLatin1String("maria"))
        return actor(user, Role::Supervisor);
    if (user == QLatin1String("rolf"))
        return actor(user, Role::Responder, {1});
    if (user == QLatin1String("wall"))
        return actor(user, Role::Viewer);
    return std::nullopt;
}

constexpr std::uint32_t kSaltA = 0x111, kSaltB = 0x222;

/// The name the link records with a console's order steps (OpsExchange sets it from who signed).
inline QString consoleName(std::uint16_t origin) { return origin == kFromA ? QStringLiteral("console-a") : QStringLiteral("console-c"); }

struct Room {
    OpsBench a;
    OpsBench b;

    /// Each console in the run of its store given.
    explicit Room(std::uint32_t sessionA = 1, std::uint32_t sessionB = 1) : a({}, kSaltA, sessionA), b({}, kSaltB, sessionB)
    {
        a.driver.setShareFilter(wire::isShared);
        b.driver.setRoster(directoryOfB);
    }
    /// What A shared since the last call, as B's link hands it to B's core.
    std::vector<Event> fromA(std::uint16_t origin = kFromA)
    {
        std::vector<Event> events = a.driver.takeShared();
        for (Event &e : events) {
            e.origin = origin;
            if (auto *c = std::get_if<CommandPayload>(&e.payload))
                c->console = consoleName(origin);
        }
        return events;
    }
    void deliver(std::vector<Event> events) { b.feed(std::move(events)); }
    std::uint64_t refused() const { return b.driver.gate().refused(); }
    QString why() const { return b.driver.gate().lastRefusal(); }
    /// A's incident, reported by olga at A and delivered to B.
    IncidentId reportedIncident(int *district = nullptr)
    {
        const GeoPoint at = a.city->devices[a.first(DeviceKind::Streetlight)].position;
        auto r = a.ask(actor(QStringLiteral("olga"), Role::Operator), request::ReportIncident{at, IncidentSeverity::Major, QStringLiteral("fallen tree"), kNoDevice});
        if (!r)
            qFatal("report refused: %s", qPrintable(r.error()));
        deliver(fromA());
        if (district)
            *district = a.pipeline.books().incidents().find(r->ref)->district;
        return r->ref;
    }
    Event step(IncidentId id, IncidentState to, const QString &user) const
    {
        IncidentUpdatePayload u;
        u.id = id;
        u.state = to;
        u.user = user;
        return Event{0, a.now, kNoDevice, u, kFromA};
    }
    std::uint32_t highRiskOrder(const char *by)
    {
        OrderSpec spec;
        spec.description = QStringLiteral("shed");
        spec.targets.push_back({a.first(DeviceKind::Feeder), CommandAction::FeederShed, 0, 0, 0});
        auto r = a.ask(actor(QString::fromLatin1(by), Role::Supervisor), request::IssueOrder{spec});
        if (!r)
            qFatal("order refused: %s", qPrintable(r.error()));
        return r->ref;
    }
    Event orderEvent(std::uint32_t order, CommandStage stage, const QString &user = {}, DeviceIndex device = kNoDevice,
                     std::uint16_t origin = kFromA) const
    {
        CommandPayload c;
        c.order = order;
        c.stage = stage;
        c.user = user;
        c.action = CommandAction::FeederShed;
        c.console = consoleName(origin);
        return Event{0, a.now, device, c, origin};
    }
};

/// A's order dimming two lamps, sent to the field; B has heard it.
struct DimAtA {
    Room &room;
    std::uint32_t order = 0;
    std::vector<DeviceCommand> sent;
    std::vector<Event> history;   ///< what B was told of it

    explicit DimAtA(Room &r) : room(r)
    {
        OrderSpec dim;
        dim.description = QStringLiteral("dim");
        dim.targets.push_back({room.a.first(DeviceKind::Streetlight), CommandAction::LightDim, 40, 0, 0});
        dim.targets.push_back({room.a.first(DeviceKind::Streetlight, 1), CommandAction::LightDim, 40, 0, 0});
        const auto issued = room.a.ask(actor(QStringLiteral("olga"), Role::Operator), request::IssueOrder{dim});
        if (!issued)
            qFatal("dim refused: %s", qPrintable(issued.error()));
        order = issued->ref;
        room.a.advance(1000);
        sent = room.a.driver.takeCommands();
        history = room.fromA();
        room.deliver(history);
    }
    /// The field's answer to A (it answers only the console that sent the command).
    void fieldAnswers(size_t target, CommandStage stage, const QString &reason = {})
    {
        room.a.feed({Event{0, room.a.now, sent[target].device, commandAnswer(sent[target], stage, reason)}});
    }
    Order atB() const { return *room.b.pipeline.books().orders().find(order); }
};

/// B started again on what it recorded (the books it carried over): a new ops loop in run `session` of its store.
struct RestartedB {
    Room &room;
    LiveOpsLoop loop;

    RestartedB(Room &r, std::uint32_t session) : room(r), loop(r.b.pipeline, r.b.city, session, {}, kSaltB)
    {
        loop.setRoster(directoryOfB);
        take({Event{0, 0, kNoDevice, SessionPayload{session}}});
    }
    /// Events at B's time; `handedOver`: as another console's hand-over brings them.
    void take(std::vector<Event> events, bool handedOver = false)
    {
        for (Event &e : events) {
            e.timeMs = room.b.now;
            e.handedOver = handedOver;
        }
        loop.ingest(events);
    }
};

} // namespace cityops::test
