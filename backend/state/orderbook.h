#pragma once

#include "model/event.h"

#include <QHash>
#include <QVarLengthArray>

#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// Named workflows (ARCHITECTURE §6). Stored with the order so the console and replay can say what it was.
enum class WorkflowKind : std::uint8_t { Single, FlashAndDispatch, DimDistrict, ShedFeeders, GreenWave, Restore };
QString workflowKindName(WorkflowKind kind);   ///< stable English key

struct OrderTarget {
    DeviceIndex device = kNoDevice;
    CommandAction action = CommandAction::SignalRestore;
    std::int32_t value = 0;
    std::uint16_t step = 0;
    std::int64_t offsetMs = 0;     ///< earliest send, after the order is cleared to go
    CommandStage stage = CommandStage::Requested;
    std::uint8_t attempt = 0;
    std::int64_t changedMs = 0;
    QString reason;                ///< why it was rejected, timed out, ...
};

/// Whether a target at `stage` holds its device reserved (select-before-operate): selected, sent, or accepted and acting.
inline bool holdsReservation(CommandStage stage)
{
    return stage == CommandStage::Selected || stage == CommandStage::Sent || stage == CommandStage::InProgress;
}

/// How long past its expiry an order still holds its devices: the devices refuse its commands once it has expired by
/// their own clocks, which may be behind this console's (a signed message may be 30 s off; twice that for safety).
constexpr std::int64_t kExpiryClockGraceMs = 60'000;

/// A command order: one or more targets, each with exactly one terminal result (ARCHITECTURE §6).
struct Order {
    std::uint32_t id = 0;
    WorkflowKind workflow = WorkflowKind::Single;
    std::uint32_t restores = 0;    ///< the order this one undoes
    QString requestedBy;
    QString console;               ///< the other console it was requested at; empty: this console's (CommandPayload::console)
    QString description;
    std::int64_t requestedMs = 0;
    std::int64_t expiresMs = 0;
    bool needsApproval = false;
    CommandStage stage = CommandStage::Requested;   ///< Requested, AwaitingApproval, Approved, Denied or Finished
    QString approvedBy;
    std::int64_t approvedMs = 0;
    QString deniedReason;
    std::vector<OrderTarget> targets;
    std::uint64_t version = 0;
    /// Released at this console by a supervisor while its console was gone (CommandStage::Released), and that console
    /// has not been back nor spoken for it since: it holds no device here. The release's who, why and when stay after
    /// it lapses (releaseLapsedMs), for the record.
    bool releasedHere = false;
    QString releasedBy;
    QString releaseReason;
    std::int64_t releasedMs = 0;
    std::int64_t releaseLapsedMs = 0;   ///< when its console came back or spoke for it again; 0 while it holds

    bool finished() const { return stage == CommandStage::Finished || stage == CommandStage::Denied; }
    /// Requested at another console, and worked (approved, cancelled, sent) there.
    bool isAnotherConsoles() const { return !console.isEmpty(); }
    /// Whether its reservations still hold at `nowMs`: it has not finished, and no device would take its commands
    /// any more (past its expiry and kExpiryClockGraceMs). An order its console never ended — a console that went
    /// down and stays down — holds nothing once it has expired. (No expiry recorded: it holds until it finishes.)
    /// One released here (releasedHere) holds nothing either while the release stands.
    bool holdsDevicesAt(std::int64_t nowMs) const { return !releasedHere && wouldHoldAt(nowMs); }
    /// Whether it would hold its devices at `nowMs` but for a release here.
    bool wouldHoldAt(std::int64_t nowMs) const
    {
        return !finished() && (expiresMs <= 0 || nowMs <= expiresMs + kExpiryClockGraceMs);
    }
    int count(CommandStage s) const;
    int terminalCount() const;
};

/// A device's report and the confirmation of the command that caused it arrive within this of each other (the
/// dispatcher's confirmation timeout is well inside it): a command confirmed longer before a hold was seen to begin
/// did not make that hold.
constexpr std::int64_t kCommandToReportSkewMs = 60'000;

/// The command a held or pre-empted signal shows: the last hold, advance or pre-emption of `device` sent to it, of
/// any order, confirmed or not yet (the device's report can reach the state before its confirmation reaches the
/// order; one refused, timed out or cancelled is not it). Empty when none is known, or when the device has since
/// carried out a restore, program switch or flash (confirmed; one under way has not ended the hold yet), or when
/// the hold was seen to begin (`heldSinceMs`, DeviceState::modeSinceMs; 0 or less: not seen) more than
/// kCommandToReportSkewMs after that command — the controller ended it on its own (a pre-emption's maximum
/// presence) and something else holds the signal now: the hold it shows is then a command this console has no
/// record of — from before the record, or another console's, or set at the cabinet. The pointers are into `orders`.
struct HoldingCommand {
    const Order *order = nullptr;
    const OrderTarget *target = nullptr;
};
std::optional<HoldingCommand> holdingCommand(const std::vector<Order> &orders, DeviceIndex device, std::int64_t heldSinceMs);

/// All orders of the session, a pure function of the command events; also who holds which device reserved
/// (select-before-operate: from selection until the target's terminal result).
class OrderBook {
public:
    void apply(const std::vector<Event> &events);

    std::uint64_t version() const;
    std::uint64_t snapshot(std::vector<Order> &out) const;
    std::optional<Order> find(std::uint32_t id) const;
    /// Whether the book holds order `id` (of any console), without copying it.
    bool contains(std::uint32_t id) const;
    /// The order holding `device` reserved, or 0, as the record has it (whatever the time).
    std::uint32_t reservedBy(DeviceIndex device) const;
    /// The order holding `device` reserved at `nowMs` (Order::holdsDevicesAt), or 0.
    std::uint32_t holderAt(DeviceIndex device, std::int64_t nowMs) const;
    /// The order released here (Order::releasedHere) that would hold `device` at `nowMs` but for the release, and whose
    /// console was last heard gone from the broker, or 0: while this console cannot hear the broker, that console may be
    /// back already (ops/goneconsole.h). Not one whose console is out of the keyring: its steps are refused here
    /// whatever it does on the broker.
    std::uint32_t releasedHolderAt(DeviceIndex device, std::int64_t nowMs) const;
    /// Every reserved device with its order (for the map): as the record has it, or as they hold at `nowMs`.
    std::vector<std::pair<DeviceIndex, std::uint32_t>> reservations() const;
    std::vector<std::pair<DeviceIndex, std::uint32_t>> reservations(std::int64_t nowMs) const;
    /// The devices orders released here would hold at `nowMs` but for their release, of consoles last heard gone
    /// (releasedHolderAt): held for them again while this console cannot hear the broker.
    std::vector<std::pair<DeviceIndex, std::uint32_t>> releasedReservations(std::int64_t nowMs) const;
    std::uint32_t lastId() const;
    /// Whether the device's answer `p` would be the result of a target of this console's own order (recorded with
    /// no other console's name): the target is open, and a refusal answers its latest attempt. The field answers
    /// only the console that sent a command; the others learn its results from that console (LiveOpsLoop::ingest).
    bool endsOwnTarget(DeviceIndex device, const CommandPayload &p) const;

    /// Another console as this one last heard (ConsolePayload): online, or gone or out of the keyring since `sinceMs`.
    struct ConsoleSeen {
        QString console;
        ConsoleStanding standing = ConsoleStanding::Online;
        std::int64_t sinceMs = 0;
    };
    /// Since when `console` cannot end its orders — gone (its status said offline, or its Will was published) or taken
    /// out of the console keyring — or nothing while it is online or has never been heard of.
    std::optional<std::int64_t> consoleGoneSince(const QString &console) const;
    /// Where `console` stands: online when it has never been heard of.
    ConsoleStanding consoleStanding(const QString &console) const;
    /// The roll (a copy: ask consoleGoneSince(roll, …) of it as often as needed).
    std::vector<ConsoleSeen> consoles() const;

    struct State {
        std::vector<Order> orders;
        std::uint32_t lastId = 0;
        std::vector<ConsoleSeen> consoles;
    };
    State exportState() const;
    void restore(const State &state);

private:
    void applyOne(const Event &event, const CommandPayload &p);
    void applyConsole(const Event &event, const ConsolePayload &p);
    /// The release of `o` here ends: its console is back, or spoke for it again.
    void lapseRelease(Order &o, std::int64_t timeMs);
    void rebuildReservations();
    /// One more (fewer) of `order`'s targets holds `device`; the order holds it while any does.
    void hold(std::uint32_t order, DeviceIndex device);
    void unhold(std::uint32_t order, DeviceIndex device);
    void addHolder(DeviceIndex device, std::uint32_t order);
    void removeHolder(DeviceIndex device, std::uint32_t order);
    std::uint32_t holderAtLocked(DeviceIndex device, std::int64_t nowMs) const;
    std::uint32_t releasedHolderAtLocked(DeviceIndex device, std::int64_t nowMs) const;
    static quint64 targetKey(DeviceIndex device, std::uint16_t step) { return (quint64(device) << 16) | step; }

    mutable std::mutex m_mutex;
    std::vector<Order> m_orders;
    QHash<std::uint32_t, size_t> m_byId;
    /// Per device, the orders holding it, lowest id first: one, or two while consoles that selected it at the same
    /// moment settle it (the lower id keeps it), or more when an order past its expiry that its console never ended
    /// still holds it in the record and a later one holds it in fact.
    QHash<DeviceIndex, QVarLengthArray<std::uint32_t, 2>> m_holders;
    /// (order, device) -> how many of the order's targets hold the device: a workflow may have several steps on one
    /// device (a shed feeder and, minutes later, its restore), selected together; one step's result must not free it.
    QHash<quint64, int> m_holdCounts;
    QHash<std::uint32_t, QHash<quint64, int>> m_targets;   ///< per order: (device, step) -> index into its targets
    std::uint32_t m_lastId = 0;
    std::uint64_t m_version = 0;
    /// Consoles of the keyring as their status last said; bounded by the keyring (the link passes no others).
    std::vector<ConsoleSeen> m_consoles;
};

/// Since when `console` has been gone by `roll` (OrderBook::consoles()), or nothing: online, or never heard of.
std::optional<std::int64_t> consoleGoneSince(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console);
/// Where `console` stands on the roll: online when it has never been heard of.
ConsoleStanding consoleStanding(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console);

} // namespace cityops
