#pragma once

#include "model/device.h"
#include "model/ops.h"

#include <QHash>
#include <QString>

#include <map>
#include <utility>
#include <vector>

namespace cityops {

struct DispatchConfig {
    std::int64_t answerTimeoutMs = 5'000;    ///< a device must accept or reject within this
    std::int64_t confirmTimeoutMs = 20'000;  ///< and show it in its reported state within this after accepting
    int maxAttempts = 3;                     ///< sends per target, retries only for idempotent actions
    std::int64_t selectSettleMs = 0;         ///< wait after selecting before sending (consoles sharing a field)
};

/// The commands this console has in the field, and nothing else — the way QGroundControl's MavCommandQueue stands
/// apart from its Vehicle: each in-flight command's attempts, its answer and confirmation deadlines, and the
/// device state it found (what a restore returns to). A command leaves the queue when its target gets its one
/// terminal result (finish()). Only idempotent set-points are sent again; anything else gets one attempt, because a
/// phase advance that succeeds on the third try six seconds late is worse than a clear "no answer".
class CommandQueue {
public:
    using Key = std::pair<std::uint32_t, std::uint32_t>;   ///< (order, target index within the order)
    struct InFlight {
        DeviceCommand command;        ///< the latest attempt's message
        bool idempotent = true;
        bool accepted = false;        ///< the device said it is acting
        std::int64_t sentMs = 0;      ///< latest attempt
        std::int64_t acceptedMs = 0;
        DeviceState before;           ///< the device's state when the first attempt went out
    };
    struct Verdict {
        Key key;
        QString reason;
    };

    explicit CommandQueue(const DispatchConfig &config) : m_config(config) {}

    /// A target's first attempt at `nowMs`; returns the message to send.
    DeviceCommand send(Key key, DeviceCommand command, bool idempotent, const DeviceState &before, std::int64_t nowMs);
    /// The device accepted: true the first time (later copies of the answer change nothing).
    bool accept(Key key, std::int64_t atMs);
    /// The in-flight commands on `device` that its reported state `now` shows done.
    std::vector<Key> confirmedBy(DeviceIndex device, const DeviceState &now) const;
    /// Retries and timeouts due at `nowMs`. Retries (attempt counted) are appended to `resend`; timed-out commands
    /// to `timedOut` with the reason — the caller records the terminal result and calls finish().
    void tick(std::int64_t nowMs, std::vector<std::pair<Key, DeviceCommand>> &resend, std::vector<Verdict> &timedOut);
    /// Forgets a command whose target has its terminal result.
    void finish(Key key);

    const InFlight *find(Key key) const;
    bool awaits(DeviceIndex device) const { return m_byDevice.contains(device); }
    size_t size() const { return m_inFlight.size(); }

private:
    DispatchConfig m_config;
    std::map<Key, InFlight> m_inFlight;
    QMultiHash<DeviceIndex, Key> m_byDevice;
};

} // namespace cityops
