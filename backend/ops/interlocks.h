#pragma once

#include "city/citymodel.h"
#include "ops/opsrequest.h"
#include "state/alarmbook.h"
#include "state/incidentbook.h"
#include "state/orderbook.h"

#include <QHash>

#include <vector>

namespace cityops {

/// Why a device must not simply be changed by a new order (issue 16, item 1: an emergency green wave once ended a
/// signal's maintenance flash while responders were on their way to it).
enum class HoldKind : std::uint8_t {
    FieldWork,      ///< an open field-work incident links it, or responders of an open incident are on the way or there
    RunningOrder,   ///< another order holds it reserved (select-before-operate): cannot be overridden
    ShedFeeder,     ///< a feeder an order opened on purpose (only restoring that order recloses it without override)
    OutOfService,   ///< one of its alarms is out of service: it is being maintained
};

struct Interlock {
    DeviceIndex device = kNoDevice;
    HoldKind kind = HoldKind::FieldWork;
    std::uint32_t holder = 0;     ///< the incident, order or alarm id
    QString sentence;             ///< "K-12 is held by field-work incident #… (…)": names the holder
    bool overridable() const { return kind != HoldKind::RunningOrder; }
};

/// Who requested `order`, and where when another console did ("olga at console-a": it is worked there). For the
/// backend's sentences; the desk's words are Labels::requester.
QString requesterOf(const Order &order);

/// What holds the devices `spec` would change at `nowMs`, read from the books (the same answer on the core thread,
/// which decides, and in the console's preview, which shows it). One entry per device and hold; none for a target
/// whose hold the order itself undoes (restoring the order that shed a feeder). While this console cannot hear the
/// broker (`hearsOtherConsoles` false), an order released here holds its devices again: its console may be back.
std::vector<Interlock> findInterlocks(const CityModel &city, const IncidentBook &incidents, const AlarmBook &alarms,
                                      const OrderBook &orders, const OrderSpec &spec, std::int64_t nowMs,
                                      bool hearsOtherConsoles = true);

/// Feeders whose breaker an order opened and no later order closed (confirmed results, in time order): feeder ->
/// the order that shed it. The interlocks and a restarted dispatcher read the same answer.
QHash<DeviceIndex, std::uint32_t> feedersShedOnPurpose(const std::vector<Order> &orders);

/// The spec without the targets that are held (the preview's "leave them out").
OrderSpec withoutHeld(const OrderSpec &spec, const std::vector<Interlock> &interlocks);

} // namespace cityops
