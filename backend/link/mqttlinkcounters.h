#pragma once

// MqttLink's counters, shared by its source files (mqttlink.cpp, mqttlinkcommands.cpp): written on the link's
// network thread, read by counters() from any thread.
#include "link/mqttlink.h"

#include <atomic>
#include <cstdint>

namespace cityops {

struct MqttLink::AtomicCounters {
    std::atomic<std::uint64_t> accepted{0}, malformed{0}, oversized{0}, unknownVersion{0}, unknownDevice{0}, wrongKind{0}, unknownGateway{0}, notTheirs{0},
        duplicates{0}, untrusted{0}, replayed{0}, gaps{0}, refreshes{0}, skewed{0}, commandsSent{0}, results{0}, unsolicited{0}, sendFailures{0};
};

} // namespace cityops
