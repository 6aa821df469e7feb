#pragma once

#include "base/result.h"
#include "ops/deskcontext.h"
#include "ops/holdwatch.h"
#include "ops/opsrequest.h"
#include "security/actor.h"

#include <QHash>

#include <functional>
#include <vector>

namespace cityops {

/// Turns device conditions into ISA-18.2 alarms in live operation and carries out operators' alarm requests.
/// Consequential alarms are suppressed by design: lamps that go dark or silent behind a tripped feeder are raised
/// as children of the feeder's trip alarm (one line for the operator, not hundreds), and lamps behind a feeder an
/// operator shed on purpose raise nothing. Signal cabinets draw their power from their nearest feeder
/// (CityModel::signalFeeders) and are treated the same way. Devices that fall silent for one named reason (a presence
/// with a cause: their gateway gone, the traffic simulation stopped) get one parent alarm, "devices silent: common
/// cause", with their own comm-loss alarms as its children. A signal a command holds or pre-empts past a sensible
/// time raises "signal held too long" (HoldWatch). Runs on the core thread.
class AlarmDesk {
public:
    /// `commandedOpen(feeder)` tells whether a feeder's breaker is open because an order opened it.
    AlarmDesk(const DeskContext &context, std::function<bool(DeviceIndex)> commandedOpen);

    /// Looks at a processed batch and emits the alarm events its telemetry calls for.
    void observe(const std::vector<Event> &batch, std::vector<Event> &out);
    /// Unshelves alarms whose shelf has expired.
    void tick(std::int64_t nowMs, std::vector<Event> &out);

    Result<OpsReceipt> acknowledge(const Actor &actor, const request::AcknowledgeAlarms &r, std::vector<Event> &out);
    Result<OpsReceipt> shelve(const Actor &actor, const request::ShelveAlarms &r, std::int64_t nowMs, std::vector<Event> &out);
    Result<OpsReceipt> setService(const Actor &actor, const request::SetAlarmService &r, std::vector<Event> &out);

    /// The city's rules changed while the console runs: the hold limits from the next tick on.
    void setRules(const ResponseRules &rules) { m_holds.setRules(rules); }

    static constexpr std::int64_t kMaxShelveMs = 8 * 3600'000;

private:
    struct Known {
        std::uint32_t id = 0;
        bool active = false;
    };
    std::optional<Known> current(DeviceIndex device, AlarmCause cause) const;
    /// Raises or returns the alarm (device, cause); a new one is born a child of `parent` (or of its feeder's trip).
    void setCondition(DeviceIndex device, AlarmCause cause, bool condition, std::vector<Event> &out, std::uint32_t parent = 0,
                      const QString &text = {});
    /// The parent alarm of devices silent for `cause` (raised for two or more, joined by later ones); 0 for none.
    std::uint32_t commonCauseParent(const QString &cause, const std::vector<DeviceIndex> &devices, std::vector<Event> &out);
    std::uint32_t parentFor(DeviceIndex device, AlarmCause cause) const;
    bool behindCommandedFeeder(DeviceIndex device) const;
    /// Raises or returns the hold-overrun alarms of held and pre-empted signals (HoldWatch).
    void checkHolds(std::int64_t nowMs, std::vector<Event> &out);
    DeviceIndex feederOf(DeviceIndex device) const;

    const DeskContext &m_ctx;
    std::function<bool(DeviceIndex)> m_commandedOpen;
    std::vector<DeviceIndex> m_signalFeeders;   ///< per signal, the feeder its cabinet hangs on
    HoldWatch m_holds;
    struct CauseParent {
        std::uint32_t id = 0;
        DeviceIndex device = kNoDevice;
    };
    QHash<QString, CauseParent> m_causeParents;   ///< active common-cause alarms by their cause
    QHash<quint64, Known> m_overlay;   ///< changes emitted in the current observe() call, not yet in the book
    std::uint32_t m_issued = 0;
    std::int64_t m_lastTickMs = 0;
};

} // namespace cityops
