// CitySimulator's signal controllers: what a controller does with a command (program switch, hold, pre-emption,
// advance, flash, restore — carried out by the traffic simulation when one runs the signal), and the maximum
// presence that bounds a pre-emption.
#include "sim/citysimulator.h"

#include "base/logging.h"
#include "sim/changeinterval.h"

namespace cityops {

QString CitySimulator::applyToSignal(const DeviceCommand &c, std::uint32_t index, std::vector<Event> &out)
{
    SignalSim &sig = m_signals[index];
    const SignalInfo &signal = m_city->signals[index];
    if (sig.fault)
        return QStringLiteral("controller in fault flash");
    const SignalSim before = sig;
    const auto phases = static_cast<int>(signal.programs[static_cast<size_t>(sig.program)].phases.size());
    switch (c.action) {
    case CommandAction::SignalSwitchProgram:
        if (c.value < 0 || c.value >= static_cast<int>(signal.programs.size()))
            return QStringLiteral("no such program");
        sig.program = c.value;
        sig.mode = SignalMode::Normal;
        resyncSignal(index);
        break;
    case CommandAction::SignalHoldPhase:
    case CommandAction::SignalPreempt:
        if (c.value < 0 || c.value >= phases)
            return QStringLiteral("no such phase");
        sig.phase = c.value;
        sig.mode = c.action == CommandAction::SignalHoldPhase ? SignalMode::Manual : SignalMode::Preempt;
        if (sig.mode == SignalMode::Preempt && m_params.preemptMaxPresenceMs > 0) {
            sig.preemptEndsMs = m_now + m_params.preemptMaxPresenceMs;   // a new call starts the timer again
            schedule(sig.preemptEndsMs, Task::PreemptMaxPresence, index);
        }
        break;
    case CommandAction::SignalAdvancePhase:
        // To the next phase that gives a movement green, as a controller's manual advance does (the change
        // interval between is the plant's to show): holding a yellow phase would face drivers with it for good.
        sig.phase = nextGreenPhase(signal.programs[static_cast<size_t>(sig.program)], sig.phase);
        sig.mode = SignalMode::Manual;
        break;
    case CommandAction::SignalFlash:
        sig.mode = SignalMode::Flash;
        break;
    case CommandAction::SignalRestore:
        sig.mode = SignalMode::Normal;
        resyncSignal(index);
        break;
    default:
        return QStringLiteral("not a signal command");
    }
    if (plantRuns(index)) {
        // The traffic simulation carries it out, and what it then shows is what the controller reports.
        if (const QString refusal = drivePlant(index); !refusal.isEmpty()) {
            sig = before;
            return refusal;
        }
        adoptReading(index);
    }
    out.push_back(signalEvent(index));
    return {};
}

void CitySimulator::dropPreemption(std::uint32_t signal, std::int64_t dueMs, std::vector<Event> &out)
{
    SignalSim &sig = m_signals[signal];
    if (sig.mode != SignalMode::Preempt || sig.preemptEndsMs != dueMs)
        return;   // released, commanded otherwise or pre-empted again since
    qCInfo(lcSim).noquote() << m_city->devices[m_city->signals[signal].device].id << "drops a pre-emption held for"
                            << m_params.preemptMaxPresenceMs / 1000 << "s and returns to its program";
    sig.mode = SignalMode::Normal;
    resyncSignal(signal);
    if (plantRuns(signal) && !m_plantDown) {
        if (const QString refusal = drivePlant(signal); !refusal.isEmpty())
            qCWarning(lcSim).noquote() << "the traffic simulation did not take the return to the program:" << refusal;
        adoptReading(signal);
    }
    if (reporting(signal))
        out.push_back(signalEvent(signal));
}

} // namespace cityops
