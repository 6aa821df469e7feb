#include "ops/interlocks.h"

#include "ops/goneconsole.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>

namespace cityops {
namespace {

bool holdsPeopleOnSite(const Incident &i)
{
    if (!i.isOpen())
        return false;
    return i.kind == IncidentKind::FieldWork || i.state == IncidentState::Dispatched || i.state == IncidentState::OnScene;
}

/// What people wrote about it first: the dispatch text of a field-work incident, a reporter's note.
QString firstText(const Incident &i)
{
    for (const IncidentStep &s : i.history)
        if (!s.text.isEmpty())
            return s.text;
    return i.notes.empty() ? QString() : i.notes.front().text;
}

} // namespace

QString requesterOf(const Order &order)
{
    return order.isAnotherConsoles() ? QStringLiteral("%1 at %2").arg(order.requestedBy, order.console) : order.requestedBy;
}

std::vector<Interlock> findInterlocks(const CityModel &city, const IncidentBook &incidents, const AlarmBook &alarms,
                                      const OrderBook &orders, const OrderSpec &spec, std::int64_t nowMs, bool hearsOtherConsoles)
{
    QSet<DeviceIndex> targets;
    for (const OrderTargetSpec &t : spec.targets)
        targets.insert(t.device);
    std::vector<Interlock> out;
    if (targets.isEmpty())
        return out;
    const auto idOf = [&](DeviceIndex d) { return d < city.devices.size() ? city.devices[d].id : QString::number(d); };

    std::vector<Incident> open;
    incidents.snapshot(open);
    for (const Incident &i : open) {
        if (!holdsPeopleOnSite(i))
            continue;
        for (const DeviceIndex d : i.linked) {
            if (!targets.contains(d))
                continue;
            const QString what = i.kind == IncidentKind::FieldWork
                                     ? QStringLiteral("field-work incident #%1").arg(i.id)
                                     : QStringLiteral("incident #%1, whose responders are %2").arg(i.id).arg(
                                           i.state == IncidentState::OnScene ? QStringLiteral("on scene") : QStringLiteral("on their way"));
            const QString note = firstText(i).isEmpty() ? QString() : QStringLiteral(" (%1)").arg(firstText(i));
            out.push_back({d, HoldKind::FieldWork, i.id, QStringLiteral("%1 is held by %2%3").arg(idOf(d), what, note)});
        }
    }

    std::vector<Order> all;
    orders.snapshot(all);
    QHash<std::uint32_t, QString> requesters;   // once per holding order: a wide order holds thousands of devices
    const auto heldBy = [&](const std::vector<std::pair<DeviceIndex, std::uint32_t>> &reservations,
                            const std::function<QString(const Order &)> &noteOf, const QString &until) {
        for (const auto &[device, order] : reservations) {
            if (!targets.contains(device))
                continue;
            auto by = requesters.constFind(order);
            if (by == requesters.constEnd()) {
                const auto it = std::find_if(all.begin(), all.end(), [id = order](const Order &o) { return o.id == id; });
                by = requesters.insert(order, it == all.end() ? QStringLiteral("another console") : requesterOf(*it) + noteOf(*it));
            }
            out.push_back({device, HoldKind::RunningOrder, order,
                           QStringLiteral("%1 is reserved by order %2 of %3%4").arg(idOf(device)).arg(order).arg(by.value(), until)});
        }
    };
    // A console that is gone cannot end its order: say so, and what a supervisor may do.
    heldBy(orders.reservations(nowMs), [&orders](const Order &o) { return goneConsoleNote(orders, o); },
           QStringLiteral(" until it has its result"));
    if (!hearsOtherConsoles)   // released here, held again while whether its console is back is not known
        heldBy(orders.releasedReservations(nowMs), [](const Order &o) { return unheardReleaseNote(o); }, QString());
    const QHash<DeviceIndex, std::uint32_t> shed = feedersShedOnPurpose(all);
    for (auto it = shed.begin(); it != shed.end(); ++it) {
        if (!targets.contains(it.key()) || spec.restores == it.value())
            continue;
        out.push_back({it.key(), HoldKind::ShedFeeder, it.value(),
                       QStringLiteral("%1 was shed on purpose by order %2 (restoring that order recloses it)").arg(idOf(it.key())).arg(it.value())});
    }

    std::vector<Alarm> alarmList;
    alarms.snapshot(alarmList);
    for (const Alarm &a : alarmList) {
        if (!a.outOfService || !targets.contains(a.device))
            continue;
        out.push_back({a.device, HoldKind::OutOfService, a.id,
                       QStringLiteral("%1 is out of service for maintenance (alarm %2, %3)").arg(idOf(a.device)).arg(a.id).arg(alarmCauseName(a.cause))});
    }
    std::stable_sort(out.begin(), out.end(), [](const Interlock &a, const Interlock &b) { return a.device < b.device; });
    return out;
}

QHash<DeviceIndex, std::uint32_t> feedersShedOnPurpose(const std::vector<Order> &orders)
{
    std::vector<std::tuple<std::int64_t, DeviceIndex, bool, std::uint32_t>> changes;
    for (const Order &o : orders)
        for (const OrderTarget &t : o.targets)
            if (t.stage == CommandStage::Confirmed && (t.action == CommandAction::FeederShed || t.action == CommandAction::FeederRestore))
                changes.emplace_back(t.changedMs, t.device, t.action == CommandAction::FeederShed, o.id);
    std::sort(changes.begin(), changes.end());
    QHash<DeviceIndex, std::uint32_t> shed;
    for (const auto &[when, feeder, opened, order] : changes) {
        if (opened)
            shed.insert(feeder, order);
        else
            shed.remove(feeder);
    }
    return shed;
}

OrderSpec withoutHeld(const OrderSpec &spec, const std::vector<Interlock> &interlocks)
{
    QSet<DeviceIndex> held;
    for (const Interlock &i : interlocks)
        held.insert(i.device);
    OrderSpec out = spec;
    out.targets.clear();
    for (const OrderTargetSpec &t : spec.targets)
        if (!held.contains(t.device))
            out.targets.push_back(t);
    return out;
}

} // namespace cityops
