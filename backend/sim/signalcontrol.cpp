// CitySimulator's signal controllers: what a controller does with a command (program switch, hold, pre-emption,
// advance, flash, restore — carried out by the traffic simulation when one runs the signal), the change interval
// (yellow) before a commanded change when the timetable runs it, and the maximum presence that bounds a
// pre-emption.
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
    const QString showing = plantRuns(index) ? QString() : shownState(index);
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
    if (!plantRuns(index))
        beginChange(index, before, showing);
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
    const SignalSim before = sig;
    const QString showing = plantRuns(signal) ? QString() : shownState(signal);
    sig.mode = SignalMode::Normal;
    resyncSignal(signal);
    if (!plantRuns(signal))
        beginChange(signal, before, showing);
    if (plantRuns(signal) && !m_plantDown) {
        if (const QString refusal = drivePlant(signal); !refusal.isEmpty())
            qCWarning(lcSim).noquote() << "the traffic simulation did not take the return to the program:" << refusal;
        adoptReading(signal);
    }
    if (reporting(signal))
        out.push_back(signalEvent(signal));
}

QString CitySimulator::shownState(std::uint32_t signal) const
{
    const SignalSim &sig = m_signals[signal];
    if (sig.fault || !sig.powered || sig.mode == SignalMode::Flash || sig.mode == SignalMode::Off)
        return {};
    if (changing(sig))
        return sig.changeState;
    const auto &program = m_city->signals[signal].programs[static_cast<size_t>(sig.program)];
    return program.phases[static_cast<size_t>(sig.phase)].state;
}

void CitySimulator::beginChange(std::uint32_t signal, const SignalSim &before, const QString &showing)
{
    SignalSim &sig = m_signals[signal];
    const SignalInfo &info = m_city->signals[signal];
    if (sig.mode == SignalMode::Flash || showing.isEmpty()) {
        sig.changeEndsMs = 0;   // a flash ends a yellow at once (the conflict monitor's own answer); no green, no yellow
        return;
    }
    const SignalProgram &was = info.programs[static_cast<size_t>(before.program)];
    const int yellowS = yellowSeconds(was);
    // What follows: the held phase, or what the program shows now and when the yellow ends (greens of neither end).
    const SignalProgram &program = info.programs[static_cast<size_t>(sig.program)];
    std::vector<QString> next;
    if (sig.mode == SignalMode::Normal) {
        for (const std::int64_t at : {m_now, m_now + std::int64_t{yellowS} * 1000}) {
            std::int64_t remainingMs = 0;
            next.push_back(program.phases[static_cast<size_t>(phaseAt(program, at, &remainingMs))].state);
        }
    } else {
        next.push_back(program.phases[static_cast<size_t>(sig.phase)].state);
    }
    const QString during = changeIntervalState(showing, next);
    const bool running = changing(before);
    if (during.isEmpty()) {
        if (!running)
            sig.changeEndsMs = 0;   // nothing to end: carried out at once
        return;                     // else the yellow that runs ends as due: what follows keeps every green left
    }
    // Reported meanwhile: the program's own yellow phase when it shows just that (the console then draws what the
    // signal shows), else the phase being ended.
    sig.showsPhase = running ? before.showsPhase : before.phase;
    for (size_t p = 0; p < was.phases.size(); ++p)
        if (was.phases[p].state == during)
            sig.showsPhase = static_cast<int>(p);
    sig.changeState = during;
    sig.changeEndsMs = m_now + std::int64_t{yellowS} * 1000;
    schedule(sig.changeEndsMs, Task::ChangeEnds, signal);
}

void CitySimulator::endChange(std::uint32_t signal, std::int64_t dueMs, std::vector<Event> &out)
{
    SignalSim &sig = m_signals[signal];
    if (sig.changeEndsMs != dueMs || plantRuns(signal))
        return;   // stale: another change, a flash, a fault or the plant took over since
    sig.changeEndsMs = 0;
    sig.changeState.clear();
    if (reporting(signal))
        out.push_back(signalEvent(signal));   // now showing what was commanded
}

} // namespace cityops
