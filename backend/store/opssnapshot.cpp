#include "store/opssnapshot.h"

namespace cityops::opssnapshot {
namespace {
constexpr std::uint32_t kMaxItems = 1'000'000;

bool count(ByteReader &r, std::uint32_t *n) { return r.u32(n) && *n <= kMaxItems; }

template <typename E>
bool enumIn(ByteReader &r, E *out, int max)
{
    std::uint8_t v = 0;
    if (!r.u8(&v) || v > max)
        return false;
    *out = static_cast<E>(v);
    return true;
}
} // namespace

void writeIncidentExtras(ByteWriter &w, const std::vector<Incident> &incidents)
{
    for (const Incident &i : incidents) {
        w.i64(i.ackByMs);
        w.i64(i.onSceneByMs);
        w.u8(static_cast<std::uint8_t>((i.ackOverdue ? 1 : 0) | (i.onSceneOverdue ? 2 : 0)));
        w.u32(i.mergedInto);
        w.str(i.acknowledgedBy);
        w.i64(i.acknowledgedMs);
        w.u32(static_cast<std::uint32_t>(i.history.size()));
        for (const IncidentStep &s : i.history) {
            w.u8(static_cast<std::uint8_t>(s.state));
            w.i64(s.timeMs);
            w.str(s.user);
            w.str(s.text);
        }
        w.u32(static_cast<std::uint32_t>(i.notes.size()));
        for (const IncidentNote &n : i.notes) {
            w.i64(n.timeMs);
            w.str(n.user);
            w.str(n.text);
        }
        w.u32(static_cast<std::uint32_t>(i.linked.size()));
        for (DeviceIndex d : i.linked)
            w.u32(d);
    }
}

bool readIncidentExtras(ByteReader &r, std::vector<Incident> &incidents)
{
    for (Incident &i : incidents) {
        std::uint8_t flags = 0;
        std::uint32_t n = 0;
        if (!r.i64(&i.ackByMs) || !r.i64(&i.onSceneByMs) || !r.u8(&flags) || !r.u32(&i.mergedInto) || !r.str(&i.acknowledgedBy)
            || !r.i64(&i.acknowledgedMs) || !count(r, &n))
            return false;
        i.ackOverdue = flags & 1;
        i.onSceneOverdue = flags & 2;
        i.history.resize(n);
        for (IncidentStep &s : i.history)
            if (!enumIn(r, &s.state, static_cast<int>(IncidentState::Merged)) || !r.i64(&s.timeMs) || !r.str(&s.user) || !r.str(&s.text))
                return false;
        if (!count(r, &n))
            return false;
        i.notes.resize(n);
        for (IncidentNote &note : i.notes)
            if (!r.i64(&note.timeMs) || !r.str(&note.user) || !r.str(&note.text))
                return false;
        if (!count(r, &n))
            return false;
        i.linked.resize(n);
        for (DeviceIndex &d : i.linked)
            if (!r.u32(&d))
                return false;
    }
    return true;
}

void writeAlarms(ByteWriter &w, const AlarmBook::State &s)
{
    w.u32(s.lastId);
    w.u32(static_cast<std::uint32_t>(s.alarms.size()));
    for (const Alarm &a : s.alarms) {
        w.u32(a.id);
        w.u32(a.device);
        w.u8(static_cast<std::uint8_t>(a.cause));
        w.u8(static_cast<std::uint8_t>(a.priority));
        w.u32(static_cast<std::uint32_t>(a.district));
        w.u8(static_cast<std::uint8_t>((a.active ? 1 : 0) | (a.acknowledged ? 2 : 0) | (a.shelved ? 4 : 0) | (a.outOfService ? 8 : 0)
                                       | (a.suppressed ? 16 : 0)));
        w.i64(a.shelvedUntilMs);
        w.u32(a.parent);
        w.i64(a.raisedMs);
        w.i64(a.changedMs);
        w.str(a.acknowledgedBy);
        w.str(a.text);
    }
    w.u32(static_cast<std::uint32_t>(s.recent.size()));
    for (const auto &[time, district] : s.recent) {
        w.i64(time);
        w.u32(static_cast<std::uint32_t>(district));
    }
}

bool readAlarms(ByteReader &r, AlarmBook::State &s)
{
    std::uint32_t n = 0;
    if (!r.u32(&s.lastId) || !count(r, &n))
        return false;
    s.alarms.resize(n);
    for (Alarm &a : s.alarms) {
        std::uint8_t flags = 0;
        std::uint32_t district = 0;
        if (!r.u32(&a.id) || !r.u32(&a.device) || !enumIn(r, &a.cause, kAlarmCauseCount - 1)
            || !enumIn(r, &a.priority, static_cast<int>(AlarmPriority::High)) || !r.u32(&district) || !r.u8(&flags)
            || !r.i64(&a.shelvedUntilMs) || !r.u32(&a.parent) || !r.i64(&a.raisedMs) || !r.i64(&a.changedMs)
            || !r.str(&a.acknowledgedBy) || !r.str(&a.text))
            return false;
        a.district = static_cast<int>(district);
        a.active = flags & 1;
        a.acknowledged = flags & 2;
        a.shelved = flags & 4;
        a.outOfService = flags & 8;
        a.suppressed = flags & 16;
    }
    if (!count(r, &n))
        return false;
    s.recent.resize(n);
    for (auto &[time, district] : s.recent) {
        std::uint32_t d = 0;
        if (!r.i64(&time) || !r.u32(&d))
            return false;
        district = static_cast<int>(d);
    }
    return true;
}

void writeOrders(ByteWriter &w, const OrderBook::State &s)
{
    w.u32(s.lastId);
    w.u32(static_cast<std::uint32_t>(s.orders.size()));
    for (const Order &o : s.orders) {
        w.u32(o.id);
        w.u8(static_cast<std::uint8_t>(o.workflow));
        w.u32(o.restores);
        w.str(o.requestedBy);
        w.str(o.description);
        w.i64(o.requestedMs);
        w.i64(o.expiresMs);
        w.u8(o.needsApproval ? 1 : 0);
        w.u8(static_cast<std::uint8_t>(o.stage));
        w.str(o.approvedBy);
        w.i64(o.approvedMs);
        w.str(o.deniedReason);
        w.str(o.console);
        w.u8(o.releasedHere ? 1 : 0);
        w.str(o.releasedBy);
        w.str(o.releaseReason);
        w.i64(o.releasedMs);
        w.i64(o.releaseLapsedMs);
        w.u32(static_cast<std::uint32_t>(o.targets.size()));
        for (const OrderTarget &t : o.targets) {
            w.u32(t.device);
            w.u8(static_cast<std::uint8_t>(t.action));
            w.u32(static_cast<std::uint32_t>(t.value));
            w.u16(t.step);
            w.i64(t.offsetMs);
            w.u8(static_cast<std::uint8_t>(t.stage));
            w.u8(t.attempt);
            w.i64(t.changedMs);
            w.str(t.reason);
        }
    }
    w.u32(static_cast<std::uint32_t>(s.consoles.size()));
    for (const OrderBook::ConsoleSeen &c : s.consoles) {
        w.str(c.console);
        w.u8(static_cast<std::uint8_t>(c.standing));
        w.i64(c.sinceMs);
    }
}

bool readOrders(ByteReader &r, OrderBook::State &s, std::uint8_t version)
{
    std::uint32_t n = 0;
    if (!r.u32(&s.lastId) || !count(r, &n))
        return false;
    s.orders.resize(n);
    for (Order &o : s.orders) {
        std::uint8_t approval = 0, released = 0;
        if (!r.u32(&o.id) || !enumIn(r, &o.workflow, static_cast<int>(WorkflowKind::Restore)) || !r.u32(&o.restores)
            || !r.str(&o.requestedBy) || !r.str(&o.description) || !r.i64(&o.requestedMs) || !r.i64(&o.expiresMs) || !r.u8(&approval)
            || !enumIn(r, &o.stage, static_cast<int>(CommandStage::Finished)) || !r.str(&o.approvedBy) || !r.i64(&o.approvedMs)
            || !r.str(&o.deniedReason) || (version >= 4 && !r.str(&o.console))
            || (version >= 5
                && (!r.u8(&released) || released > 1 || !r.str(&o.releasedBy) || !r.str(&o.releaseReason) || !r.i64(&o.releasedMs)
                    || !r.i64(&o.releaseLapsedMs)))
            || !count(r, &n))
            return false;
        o.needsApproval = approval != 0;
        o.releasedHere = released != 0;
        o.targets.resize(n);
        for (OrderTarget &t : o.targets) {
            std::uint32_t value = 0;
            if (!r.u32(&t.device) || !enumIn(r, &t.action, kCommandActionCount - 1) || !r.u32(&value) || !r.u16(&t.step)
                || !r.i64(&t.offsetMs) || !enumIn(r, &t.stage, static_cast<int>(CommandStage::Finished)) || !r.u8(&t.attempt)
                || !r.i64(&t.changedMs) || !r.str(&t.reason))
                return false;
            t.value = static_cast<std::int32_t>(value);
        }
    }
    if (version < 5)
        return true;
    if (!count(r, &n))
        return false;
    s.consoles.resize(n);
    for (OrderBook::ConsoleSeen &c : s.consoles) {
        std::uint8_t standing = 0;   // version 5: gone or online; 6: also out of the keyring
        if (!r.str(&c.console) || !r.u8(&standing) || standing > (version >= 6 ? kConsoleStandingMax : 1) || !r.i64(&c.sinceMs))
            return false;
        c.standing = static_cast<ConsoleStanding>(standing);
    }
    return true;
}

} // namespace cityops::opssnapshot
