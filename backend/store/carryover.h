#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "state/citybooks.h"
#include "store/storereader.h"

#include <memory>

namespace cityops {

class EventStore;

/// A restart carries on from the recording: `books` become exactly what replay shows at the store's last event —
/// incidents with their steps, alarms with their shelves and service states, orders, the feeder-load hour. (The
/// session marker the new process records then clears the device states, and its dispatcher takes up the orders
/// that were left open: Dispatcher::resume.) A store without events leaves the books as they are. Rows that cannot be
/// read (a newer release's, damaged ones) are passed over, not a reason to carry nothing over: what is returned says
/// how many and which, for the console to say.
Result<StoreReader::PassedOver> carryOver(const std::shared_ptr<const CityModel> &city, const EventStore &store, CityBooks &books);

} // namespace cityops
