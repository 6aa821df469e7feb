#include "codec/eventcodec.h"

#include "codec/bytes.h"

#include <algorithm>

namespace cityops::eventcodec {

bool isKeyId(const QString &id)
{
    return id.size() == 16 && std::all_of(id.begin(), id.end(), [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

Kind kindOf(const EventPayload &payload)
{
    return std::visit(
        [](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SignalPayload>) return Kind::Signal;
            else if constexpr (std::is_same_v<T, LightPayload>) return Kind::Light;
            else if constexpr (std::is_same_v<T, FeederPayload>) return Kind::Feeder;
            else if constexpr (std::is_same_v<T, PresencePayload>) return Kind::Presence;
            else if constexpr (std::is_same_v<T, IncidentRaisedPayload>) return Kind::IncidentRaised;
            else if constexpr (std::is_same_v<T, IncidentClearedPayload>) return Kind::IncidentCleared;
            else if constexpr (std::is_same_v<T, SessionPayload>) return Kind::Session;
            else if constexpr (std::is_same_v<T, OperatorActionPayload>) return Kind::Operator;
            else if constexpr (std::is_same_v<T, IncidentUpdatePayload>) return Kind::IncidentUpdate;
            else if constexpr (std::is_same_v<T, AlarmPayload>) return Kind::Alarm;
            else if constexpr (std::is_same_v<T, TrafficPayload>) return Kind::Traffic;
            else if constexpr (std::is_same_v<T, VehiclePayload>) return Kind::Vehicle;
            else if constexpr (std::is_same_v<T, RoadTrafficPayload>) return Kind::Roads;
            else if constexpr (std::is_same_v<T, ConsolePayload>) return Kind::Console;
            else if constexpr (std::is_same_v<T, SnapshotSealPayload>) return Kind::SnapshotSeal;
            else return Kind::Command;
        },
        payload);
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Signal: return QStringLiteral("signal");
    case Kind::Light: return QStringLiteral("light");
    case Kind::Feeder: return QStringLiteral("feeder");
    case Kind::Presence: return QStringLiteral("presence");
    case Kind::IncidentRaised: return QStringLiteral("incident-raised");
    case Kind::IncidentCleared: return QStringLiteral("incident-cleared");
    case Kind::Session: return QStringLiteral("session");
    case Kind::Operator: return QStringLiteral("operator");
    case Kind::IncidentUpdate: return QStringLiteral("incident-update");
    case Kind::Alarm: return QStringLiteral("alarm");
    case Kind::Command: return QStringLiteral("command");
    case Kind::Traffic: return QStringLiteral("traffic");
    case Kind::Vehicle: return QStringLiteral("vehicle");
    case Kind::Roads: return QStringLiteral("roads");
    case Kind::Console: return QStringLiteral("console");
    case Kind::SnapshotSeal: return QStringLiteral("snapshot-seal");
    }
    return QStringLiteral("unknown");
}

bool markerFor(const Event &e, std::int64_t *ref, QString *label)
{
    *ref = 0;
    label->clear();
    const auto by = [](const QString &user) { return user.isEmpty() ? QString() : QStringLiteral(" by ") + user; };
    const auto colon = [](const QString &text) { return text.isEmpty() ? QString() : QStringLiteral(": ") + text; };
    if (const auto *r = std::get_if<IncidentRaisedPayload>(&e.payload)) {
        *ref = r->id;
        return true;
    }
    if (const auto *c = std::get_if<IncidentClearedPayload>(&e.payload)) {
        *ref = c->id;
        return true;
    }
    if (const auto *o = std::get_if<OperatorActionPayload>(&e.payload)) {
        *label = operatorActionName(o->action) + QLatin1Char(' ') + o->user + colon(o->detail);
        return true;
    }
    if (const auto *u = std::get_if<IncidentUpdatePayload>(&e.payload)) {
        if (u->change == IncidentChange::LinkDevice)
            return false;
        *ref = u->id;
        *label = QStringLiteral("incident #%1 %2%3%4")
                     .arg(u->id)
                     .arg(u->change == IncidentChange::Transition ? incidentStateName(u->state) : incidentChangeName(u->change), by(u->user),
                          colon(u->text));
        return true;
    }
    if (const auto *a = std::get_if<AlarmPayload>(&e.payload)) {
        // Alarms can be many: mark what people did with them and the raising of high-priority ones.
        if (a->user.isEmpty() && !(a->change == AlarmChange::Raised && a->priority == AlarmPriority::High))
            return false;
        *ref = a->alarm;
        *label = QStringLiteral("alarm %1 %2 %3%4").arg(a->alarm).arg(alarmCauseName(a->cause), alarmChangeName(a->change), by(a->user));
        return true;
    }
    if (const auto *c = std::get_if<CommandPayload>(&e.payload)) {
        // Orders, not their thousands of targets.
        if (e.device != kNoDevice || c->stage == CommandStage::AwaitingApproval)
            return false;
        *ref = c->order;
        *label = QStringLiteral("order %1 %2%3%4").arg(c->order).arg(commandStageName(c->stage), by(c->user), colon(c->text));
        return true;
    }
    if (const auto *console = std::get_if<ConsolePayload>(&e.payload)) {
        *label = QStringLiteral("console %1 %2").arg(console->console, consoleStandingName(console->standing));
        return true;
    }
    return false;
}

QByteArray encode(const EventPayload &payload)
{
    ByteWriter w;
    std::visit(
        [&w](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SignalPayload>) {
                w.u8(p.program);
                w.u16(p.phase);
                w.u8(static_cast<std::uint8_t>(p.mode));
                w.i64(p.nextSwitchMs);
                w.u8(p.fault ? 1 : 0);
            } else if constexpr (std::is_same_v<T, LightPayload>) {
                w.u8(p.level);
                w.u8(p.lampFault ? 1 : 0);
                w.f32(p.powerW);
            } else if constexpr (std::is_same_v<T, VehiclePayload>) {
                w.str(p.id);
                w.f64(p.position.lon);
                w.f64(p.position.lat);
                w.f32(p.speedMps);
                w.f32(p.headingDeg);
                w.u8(p.parked ? 1 : 0);
                w.u16(p.queueAhead);
                const size_t points = std::min<size_t>(p.route.size(), kMaxRoutePoints);
                w.u16(static_cast<std::uint16_t>(points));
                for (size_t i = 0; i < points; ++i) {
                    w.f64(p.route[i].lon);
                    w.f64(p.route[i].lat);
                }
                const size_t ahead = std::min<size_t>(p.ahead.size(), kMaxSignalsAhead);
                w.u8(static_cast<std::uint8_t>(ahead));
                for (size_t i = 0; i < ahead; ++i) {
                    w.u32(p.ahead[i].signal);
                    w.u16(static_cast<std::uint16_t>(std::clamp(p.ahead[i].linkIndex, 0, 65535)));
                    w.f32(static_cast<float>(p.ahead[i].distanceM));
                }
                w.i64(p.sinceMs);   // (records from before it end with the signals ahead)
            } else if constexpr (std::is_same_v<T, TrafficPayload>) {
                w.u8(static_cast<std::uint8_t>(std::min<size_t>(p.approaches.size(), kMaxApproaches)));
                for (size_t i = 0; i < p.approaches.size() && i < size_t(kMaxApproaches); ++i) {
                    const ApproachTraffic &a = p.approaches[i];
                    w.u8(a.approach);
                    w.u16(a.queue);
                    w.u16(a.vehicles);
                    w.u8(a.occupancyPct);
                    w.u16(a.queueM);
                }
            } else if constexpr (std::is_same_v<T, RoadTrafficPayload>) {
                const size_t n = std::min<size_t>(p.roads.size(), kMaxRoadsReported);
                w.u16(static_cast<std::uint16_t>(n));
                for (size_t i = 0; i < n; ++i) {
                    w.u32(p.roads[i].road);
                    w.u16(p.roads[i].vehicles);
                    w.u16(p.roads[i].halting);
                    w.u8(p.roads[i].speedPct);
                }
                // Where each line stands, after the roads: rows from before there was one end here, and read back.
                for (size_t i = 0; i < n; ++i)
                    w.u8(static_cast<std::uint8_t>(p.roads[i].standsAt));
                // The districts nobody counts, after that, only when there are any: a row without them reads as
                // before, and a release from before reads every whole-city picture still.
                if (!p.uncounted.empty()) {
                    const size_t u = std::min<size_t>(p.uncounted.size(), kMaxDistrictsUncounted);
                    w.u16(static_cast<std::uint16_t>(u));
                    for (size_t i = 0; i < u; ++i)
                        w.u16(p.uncounted[i]);
                    // Of them, those awaited (their gateway just started), after that, only when there are any.
                    if (!p.awaited.empty()) {
                        const size_t a = std::min(p.awaited.size(), u);
                        w.u16(static_cast<std::uint16_t>(a));
                        for (size_t i = 0; i < a; ++i)
                            w.u16(p.awaited[i]);
                    }
                }
            } else if constexpr (std::is_same_v<T, ConsolePayload>) {
                w.str(p.console);
                w.u8(static_cast<std::uint8_t>(p.standing));
            } else if constexpr (std::is_same_v<T, FeederPayload>) {
                w.f32(p.loadKw);
                w.u8(p.breakerClosed ? 1 : 0);
            } else if constexpr (std::is_same_v<T, PresencePayload>) {
                w.u8(p.online ? 1 : 0);
                if (!p.cause.isEmpty())
                    w.str(p.cause);   // absent in rows from before there was one: both read back
            } else if constexpr (std::is_same_v<T, IncidentRaisedPayload>) {
                w.u32(p.id);
                w.i64(p.sinceMs);
                w.u8(static_cast<std::uint8_t>(p.kind));
                w.u8(static_cast<std::uint8_t>(p.severity));
                w.f64(p.position.lon);
                w.f64(p.position.lat);
                w.u32(static_cast<std::uint32_t>(p.district));
                w.u32(static_cast<std::uint32_t>(p.road));
                if (p.ackWithinMs >= 0) {   // absent in rows from before a city had rules of its own: both read back
                    w.i64(p.ackWithinMs);
                    w.i64(p.onSceneWithinMs);
                }
            } else if constexpr (std::is_same_v<T, IncidentClearedPayload>) {
                w.u32(p.id);
            } else if constexpr (std::is_same_v<T, SnapshotSealPayload>) {
                w.i64(static_cast<std::int64_t>(p.snapshotSeq));
                w.str(p.keyId);
            } else if constexpr (std::is_same_v<T, SessionPayload>) {
                w.u32(p.session);
                if (p.snapshotVersion != 0)
                    w.u8(p.snapshotVersion);
            } else if constexpr (std::is_same_v<T, OperatorActionPayload>) {
                w.u8(static_cast<std::uint8_t>(p.action));
                w.str(p.user);
                w.str(p.detail);
            } else if constexpr (std::is_same_v<T, IncidentUpdatePayload>) {
                w.u32(p.id);
                w.u8(static_cast<std::uint8_t>(p.change));
                w.u8(static_cast<std::uint8_t>(p.state));
                w.u32(p.mergedInto);
                w.str(p.user);
                w.str(p.text);
            } else if constexpr (std::is_same_v<T, AlarmPayload>) {
                w.u32(p.alarm);
                w.u8(static_cast<std::uint8_t>(p.change));
                w.u8(static_cast<std::uint8_t>(p.cause));
                w.u8(static_cast<std::uint8_t>(p.priority));
                w.u32(p.parent);
                w.i64(p.untilMs);
                w.str(p.user);
                w.str(p.text);
            } else {
                w.u32(p.order);
                w.u8(static_cast<std::uint8_t>(p.stage));
                w.u8(static_cast<std::uint8_t>(p.action));
                w.u32(static_cast<std::uint32_t>(p.value));
                w.u16(p.step);
                w.u8(p.attempt);
                w.i64(p.timeMs);
                w.str(p.user);
                w.str(p.text);
                if (!p.console.isEmpty())   // added after the first release: only another console's steps carry it
                    w.str(p.console);
            }
        },
        payload);
    return w.data();
}

Result<EventPayload> decode(Kind kind, const QByteArray &blob)
{
    ByteReader r(blob);
    bool ok = false;
    QString newer;   ///< a value this release does not know, in a payload otherwise well formed
    EventPayload out;
    switch (kind) {
    case Kind::Signal: {
        SignalPayload p;
        std::uint8_t mode = 0, fault = 0;
        ok = r.u8(&p.program) && r.u16(&p.phase) && r.u8(&mode) && r.i64(&p.nextSwitchMs) && r.u8(&fault) && mode <= 4;
        p.mode = static_cast<SignalMode>(mode);
        p.fault = fault != 0;
        out = p;
        break;
    }
    case Kind::Light: {
        LightPayload p;
        std::uint8_t fault = 0;
        ok = r.u8(&p.level) && r.u8(&fault) && r.f32(&p.powerW) && p.level <= 100;
        p.lampFault = fault != 0;
        out = p;
        break;
    }
    case Kind::Feeder: {
        FeederPayload p;
        std::uint8_t closed = 0;
        ok = r.f32(&p.loadKw) && r.u8(&closed);
        p.breakerClosed = closed != 0;
        out = p;
        break;
    }
    case Kind::Traffic: {
        TrafficPayload p;
        std::uint8_t n = 0;
        ok = r.u8(&n) && n <= kMaxApproaches;
        for (int i = 0; ok && i < n; ++i) {
            ApproachTraffic a;
            ok = r.u8(&a.approach) && r.u16(&a.queue) && r.u16(&a.vehicles) && r.u8(&a.occupancyPct) && r.u16(&a.queueM) && a.approach < kMaxApproaches
                 && a.occupancyPct <= 100;
            p.approaches.push_back(a);
        }
        out = p;
        break;
    }
    case Kind::Vehicle: {
        VehiclePayload p;
        std::uint8_t parked = 0, ahead = 0;
        std::uint16_t points = 0;
        ok = r.str(&p.id) && validVehicleId(p.id) && r.f64(&p.position.lon) && r.f64(&p.position.lat) && r.f32(&p.speedMps)
             && r.f32(&p.headingDeg) && r.u8(&parked) && r.u16(&p.queueAhead) && r.u16(&points) && points <= kMaxRoutePoints;
        p.parked = parked != 0;
        for (int i = 0; ok && i < points; ++i) {
            GeoPoint g;
            ok = r.f64(&g.lon) && r.f64(&g.lat);
            p.route.push_back(g);
        }
        ok = ok && r.u8(&ahead) && ahead <= kMaxSignalsAhead;
        for (int i = 0; ok && i < ahead; ++i) {
            SignalAhead a;
            std::uint16_t link = 0;
            float distance = 0;
            ok = r.u32(&a.signal) && r.u16(&link) && r.f32(&distance);
            a.linkIndex = link;
            a.distanceM = distance;
            p.ahead.push_back(a);
        }
        if (ok && !r.atEnd())
            ok = r.i64(&p.sinceMs) && p.sinceMs >= -1;
        out = p;
        break;
    }
    case Kind::Roads: {
        RoadTrafficPayload p;
        std::uint16_t n = 0;
        ok = r.u16(&n) && n <= kMaxRoadsReported;
        for (int i = 0; ok && i < n; ++i) {
            RoadTraffic t;
            ok = r.u32(&t.road) && r.u16(&t.vehicles) && r.u16(&t.halting) && r.u8(&t.speedPct) && t.speedPct <= 100
                 && t.halting <= t.vehicles;
            p.roads.push_back(t);
        }
        if (ok && !r.atEnd())
            for (RoadTraffic &t : p.roads) {
                std::uint8_t end = 0;
                ok = ok && r.u8(&end) && end <= static_cast<std::uint8_t>(RoadEnd::First);
                t.standsAt = static_cast<RoadEnd>(end);
            }
        if (ok && !r.atEnd()) {
            std::uint16_t u = 0;
            ok = r.u16(&u) && u > 0 && u <= kMaxDistrictsUncounted;
            for (int i = 0; ok && i < u; ++i) {
                std::uint16_t district = 0;
                ok = r.u16(&district) && (p.uncounted.empty() || district > p.uncounted.back());
                p.uncounted.push_back(district);
            }
        }
        if (ok && !r.atEnd()) {
            std::uint16_t a = 0;
            ok = r.u16(&a) && a > 0 && a <= p.uncounted.size();
            for (int i = 0; ok && i < a; ++i) {
                std::uint16_t district = 0;
                ok = r.u16(&district) && (p.awaited.empty() || district > p.awaited.back())
                     && std::binary_search(p.uncounted.begin(), p.uncounted.end(), district);
                p.awaited.push_back(district);
            }
        }
        out = p;
        break;
    }
    case Kind::Console: {
        ConsolePayload p;
        std::uint8_t standing = 0;
        ok = r.str(&p.console) && r.u8(&standing) && standing <= kConsoleStandingMax && !p.console.isEmpty();
        p.standing = static_cast<ConsoleStanding>(standing);
        out = p;
        break;
    }
    case Kind::Presence: {
        std::uint8_t online = 0;
        PresencePayload p;
        ok = r.u8(&online) && (r.atEnd() || r.str(&p.cause));
        p.online = online != 0;
        out = p;
        break;
    }
    case Kind::IncidentRaised: {
        IncidentRaisedPayload p;
        std::uint8_t k = 0, s = 0;
        std::uint32_t district = 0, road = 0;
        const bool fields = r.u32(&p.id) && r.i64(&p.sinceMs) && r.u8(&k) && r.u8(&s) && r.f64(&p.position.lon) && r.f64(&p.position.lat)
                            && r.u32(&district) && r.u32(&road);
        const bool timesGiven = fields && !r.atEnd();   // recorded since a city could set its own response times
        const bool times = !timesGiven || (r.i64(&p.ackWithinMs) && r.i64(&p.onSceneWithinMs) && p.ackWithinMs >= 0 && p.onSceneWithinMs >= 0);
        ok = fields && times && k <= kIncidentKindMax && s <= 3;
        if (fields && times && s <= 3 && k > kIncidentKindMax)
            newer = QStringLiteral("an incident kind (number %1)").arg(k);
        p.kind = static_cast<IncidentKind>(k);
        p.severity = static_cast<IncidentSeverity>(s);
        p.district = static_cast<int>(district);
        p.road = static_cast<int>(road);
        out = p;
        break;
    }
    case Kind::IncidentCleared: {
        IncidentClearedPayload p;
        ok = r.u32(&p.id);
        out = p;
        break;
    }
    case Kind::Session: {
        SessionPayload p;
        ok = r.u32(&p.session) && (r.atEnd() || (r.u8(&p.snapshotVersion) && p.snapshotVersion != 0));
        out = p;
        break;
    }
    case Kind::SnapshotSeal: {
        SnapshotSealPayload p;
        std::int64_t seq = 0;
        ok = r.i64(&seq) && r.str(&p.keyId) && seq > 0 && isKeyId(p.keyId);
        p.snapshotSeq = static_cast<std::uint64_t>(seq);
        out = p;
        break;
    }
    case Kind::Operator: {
        OperatorActionPayload p;
        std::uint8_t action = 0;
        const bool fields = r.u8(&action) && r.str(&p.user) && r.str(&p.detail);
        ok = fields && action < kOperatorActionCount;
        if (fields && action >= kOperatorActionCount)
            newer = QStringLiteral("a person's action (number %1)").arg(action);
        p.action = static_cast<OperatorAction>(action);
        out = p;
        break;
    }
    case Kind::IncidentUpdate: {
        IncidentUpdatePayload p;
        std::uint8_t change = 0, state = 0;
        ok = r.u32(&p.id) && r.u8(&change) && r.u8(&state) && r.u32(&p.mergedInto) && r.str(&p.user) && r.str(&p.text)
             && change <= static_cast<std::uint8_t>(IncidentChange::OnSceneOverdue) && state <= static_cast<std::uint8_t>(IncidentState::Merged);
        p.change = static_cast<IncidentChange>(change);
        p.state = static_cast<IncidentState>(state);
        out = p;
        break;
    }
    case Kind::Alarm: {
        AlarmPayload p;
        std::uint8_t change = 0, cause = 0, priority = 0;
        const bool fields = r.u32(&p.alarm) && r.u8(&change) && r.u8(&cause) && r.u8(&priority) && r.u32(&p.parent) && r.i64(&p.untilMs)
                            && r.str(&p.user) && r.str(&p.text) && change <= static_cast<std::uint8_t>(AlarmChange::Unsuppressed)
                            && priority <= static_cast<std::uint8_t>(AlarmPriority::High);
        ok = fields && cause < kAlarmCauseCount;
        if (fields && cause >= kAlarmCauseCount)
            newer = QStringLiteral("an alarm cause (number %1)").arg(cause);
        p.change = static_cast<AlarmChange>(change);
        p.cause = static_cast<AlarmCause>(cause);
        p.priority = static_cast<AlarmPriority>(priority);
        out = p;
        break;
    }
    case Kind::Command: {
        CommandPayload p;
        std::uint8_t stage = 0, action = 0;
        std::uint32_t value = 0;
        const bool fields = r.u32(&p.order) && r.u8(&stage) && r.u8(&action) && r.u32(&value) && r.u16(&p.step) && r.u8(&p.attempt)
                            && r.i64(&p.timeMs) && r.str(&p.user) && r.str(&p.text) && (r.atEnd() || r.str(&p.console));
        ok = fields && action < kCommandActionCount && stage <= static_cast<std::uint8_t>(CommandStage::Released);
        if (fields && action >= kCommandActionCount)
            newer = QStringLiteral("a command (number %1)").arg(action);
        else if (fields && stage > static_cast<std::uint8_t>(CommandStage::Released))
            newer = QStringLiteral("a command stage (number %1)").arg(stage);
        p.stage = static_cast<CommandStage>(stage);
        p.action = static_cast<CommandAction>(action);
        p.value = static_cast<std::int32_t>(value);
        out = p;
        break;
    }
    default:
        return makeError(QStringLiteral("an event kind (number %1) this release of CityOps does not know: recorded by a newer one?")
                             .arg(static_cast<int>(kind)));
    }
    // Well formed but for a value added after this release (the way this format grows: new values, and new fields
    // at the end of a payload): said as such, so a person reading the refusal or the count of rows passed over knows
    // it is not damage. A row with a later field is still refused, not read without it: the export would drop
    // the field without a word, and what it changes in the state is not known here.
    if (ok && newer.isEmpty() && !r.atEnd())
        newer = QStringLiteral("a later field of the %1 payload (%2 byte%3)").arg(kindName(kind)).arg(r.remaining()).arg(r.remaining() == 1 ? "" : "s");
    if (!newer.isEmpty() && (r.atEnd() || ok))
        return makeError(QStringLiteral("%1 this release of CityOps does not know: recorded by a newer one?").arg(newer));
    if (!ok || !r.atEnd())
        return makeError(QStringLiteral("malformed %1 payload (%2 bytes)").arg(kindName(kind)).arg(blob.size()));
    return out;
}

} // namespace cityops::eventcodec
