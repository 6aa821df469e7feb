#pragma once

#include "base/result.h"
#include "model/ops.h"
#include "ops/commandqueue.h"
#include "ops/deskcontext.h"
#include "ops/opsrequest.h"
#include "ops/reservationledger.h"
#include "ops/interlocks.h"
#include "ops/restorelog.h"
#include "security/actor.h"

#include <QHash>
#include <QSet>

#include <functional>
#include <map>
#include <vector>

namespace cityops {

/// The command pipeline of ARCHITECTURE §6 in live operation: Requested → [approval by a second person] →
/// Selected (reserved) → Sent → InProgress → Confirmed by the device's reported state, or Rejected / TimedOut /
/// Expired / Cancelled — exactly one terminal result per target. Runs on the core thread: requests, the link's
/// answers and the clock all arrive here in order, so there are no races between them.
///
/// It decides; the pieces it uses keep one thing each: the CommandQueue the commands in flight (attempts and
/// deadlines), the ReservationLedger who holds which device, the RestoreLog what each order changed. Everyone
/// else (panels, other consoles, replay) reads orders from the OrderBook, which these decisions' events build.
class Dispatcher {
public:
    /// `fieldWork(device, user, text, out)` raises the incident of a "flash and dispatch" workflow.
    using FieldWorkFn = std::function<void(DeviceIndex, const QString &, const QString &, std::vector<Event> &)>;
    Dispatcher(const DeskContext &context, DispatchConfig config, FieldWorkFn fieldWork);

    Result<OpsReceipt> issue(const Actor &actor, const OrderSpec &spec, std::int64_t nowMs, std::vector<Event> &out);
    Result<OpsReceipt> decide(const Actor &actor, const request::DecideOrder &r, std::int64_t nowMs, std::vector<Event> &out);
    Result<OpsReceipt> cancel(const Actor &actor, const request::CancelOrder &r, std::vector<Event> &out);
    Result<OpsReceipt> restore(const Actor &actor, const request::RestoreOrder &r, std::int64_t nowMs, std::vector<Event> &out);

    /// A restart (the session marker): takes up this console's orders from earlier sessions that the books carried
    /// over unfinished. One still waiting for approval waits again (a supervisor may approve it here); one already
    /// under way cannot be followed up — the new process does not know what the old one sent — so each target
    /// without its result gets one: timed out ("check the device") when it had been sent, cancelled when not.
    /// Breakers those orders opened count as commanded again.
    void resume(std::vector<Event> &out);
    /// Device answers and reported states in a processed batch.
    void observe(const std::vector<Event> &batch, std::vector<Event> &out);
    /// Selects, sends, retries, times out and expires; commands to send are appended to `send`.
    void tick(std::int64_t nowMs, std::vector<Event> &out, std::vector<DeviceCommand> &send);

    /// Whether a feeder's breaker is open because an order opened it (and no order closed it since).
    bool commandedOpen(DeviceIndex feeder) const { return m_shedFeeders.contains(feeder); }
    size_t liveOrders() const { return m_orders.size(); }

private:
    struct Target {
        OrderTargetSpec spec;
        CommandStage stage = CommandStage::Requested;
        std::uint8_t attempt = 0;   ///< as recorded (the queue counts them while in flight)
        bool idempotent = true;
        QByteArray approval;        ///< high risk: the approver's signature for this target (approval::statement)
    };
    struct LiveOrder {
        std::uint32_t id = 0;
        WorkflowKind workflow = WorkflowKind::Single;
        QString requestedBy;
        QString approvedBy;
        std::int64_t expiresMs = 0;
        bool awaitingApproval = false;
        std::uint32_t restores = 0;          ///< the order this one undoes
        bool interlocksOverridden = false;   ///< a supervisor ordered held devices anyway
        bool selected = false;          ///< cleared to go and its targets reserved
        std::int64_t startMs = 0;
        std::vector<Target> targets;
        QHash<quint64, std::uint32_t> byDeviceStep;   ///< (device, step) -> index into targets
        QHash<DeviceIndex, int> openPerDevice;         ///< targets not yet terminal, per device (reservation release)

        static quint64 key(DeviceIndex device, std::uint16_t step) { return (quint64(device) << 16) | step; }
        /// The lowest step that still has a target without its result (targets of later steps wait for it).
        std::uint16_t lowestOpenStep() const;
    };

    static QString interlockSummary(const std::vector<Interlock> &held);
    Event targetEvent(const LiveOrder &o, const Target &t, CommandStage stage, const QString &text = {}) const;
    Event orderEvent(const LiveOrder &o, CommandStage stage, const QString &user = {}, const QString &text = {}) const;
    void finishTarget(LiveOrder &o, Target &t, CommandStage stage, const QString &reason, std::vector<Event> &out);
    void select(LiveOrder &o, std::vector<Event> &out);
    QString requesterOf(std::uint32_t order) const;
    /// The order holding `device` against a selection for order `except` (0: a new order), or 0: the ledger's holder,
    /// or — while this console cannot hear the broker — an order released here, whose console may be back already.
    std::uint32_t holderAgainst(DeviceIndex device, std::uint32_t except) const;
    /// Another console selected `device` for order `rival`: if we hold it with a higher order id, we let go.
    void yieldToRival(DeviceIndex device, std::uint32_t rival, std::vector<Event> &out);
    void onConfirmed(LiveOrder &o, Target &t, std::vector<Event> &out);
    /// The command for a target's first attempt (with the approver's signature when the order has one).
    static DeviceCommand commandFor(const LiveOrder &o, const Target &t);
    void sendFirst(LiveOrder &o, Target &t, std::vector<Event> &out, std::vector<DeviceCommand> &send);
    /// The order and target a queued command belongs to (nullptr pair when the order is gone).
    std::pair<LiveOrder *, Target *> lookup(CommandQueue::Key key);
    static CommandQueue::Key keyOf(const LiveOrder &o, const Target &t)
    {
        return {o.id, static_cast<std::uint32_t>(&t - o.targets.data())};
    }

    const DeskContext &m_ctx;
    DispatchConfig m_config;
    FieldWorkFn m_fieldWork;
    std::map<std::uint32_t, LiveOrder> m_orders;               ///< not yet finished
    CommandQueue m_queue;
    ReservationLedger m_reservations;
    RestoreLog m_restoreLog;
    QSet<DeviceIndex> m_shedFeeders;                           ///< breakers our orders opened
    std::uint32_t m_issued = 0;
    std::int64_t m_nowMs = 0;
};

} // namespace cityops
