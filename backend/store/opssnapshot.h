#pragma once

#include "state/alarmbook.h"
#include "state/orderbook.h"
#include "codec/bytes.h"

#include <vector>

namespace cityops::opssnapshot {

// The dispatch work's part of a snapshot (format version 2): what incidents carry beyond the field's report
// (lifecycle history, notes, linked devices, SLA), the alarm list and the session's orders.

void writeIncidentExtras(ByteWriter &w, const std::vector<Incident> &incidents);
bool readIncidentExtras(ByteReader &r, std::vector<Incident> &incidents);
void writeAlarms(ByteWriter &w, const AlarmBook::State &alarms);
bool readAlarms(ByteReader &r, AlarmBook::State &alarms);
void writeOrders(ByteWriter &w, const OrderBook::State &orders);
/// `version`: the snapshot's (4 added each order's console).
bool readOrders(ByteReader &r, OrderBook::State &orders, std::uint8_t version);

} // namespace cityops::opssnapshot
