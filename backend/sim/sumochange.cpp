// SumoPlant's change intervals: a command never takes a green straight to red. A real controller ends a green
// through its yellow before it serves what was commanded (its conflict monitor would put it into flash otherwise),
// and so does the plant: SUMO shows the ending movements yellow for the program's yellow time, then carries out the
// hold or the program switch. Meanwhile the signal reports the phase it is ending, so an order is confirmed when the
// commanded phase is really shown.
#include "sim/sumoplant.h"

#include "base/logging.h"
#include "sim/changeinterval.h"
#include "sim/citysimulator.h"

#include <libsumo/libtraci.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cityops {

bool SumoPlant::beginChange(std::uint32_t signal, const std::string &tls, const std::vector<QString> &next, Change change)
{
    if (!m_stepped) {   // SUMO has just started: nothing has been shown yet, so nothing to end
        m_changes.erase(signal);
        return false;
    }
    const QString showing = QString::fromStdString(libtraci::TrafficLight::getRedYellowGreenState(tls));
    const QString during = changeIntervalState(showing, next);
    const auto running = m_changes.find(signal);
    if (during.isEmpty() && running == m_changes.end())
        return false;
    if (running != m_changes.end())
        change.showsPhase = running->second.showsPhase;   // still ending the phase it ended first
    if (during.isEmpty()) {
        change.untilS = running->second.untilS;   // a yellow already runs and what follows keeps every green left
    } else {
        const auto &programs = m_city->signals[signal].programs;
        const SignalProgram &program = programs[static_cast<size_t>(std::clamp(m_readings[signal].program, 0, int(programs.size()) - 1))];
        const int yellowS = yellowSeconds(program);
        // Most often the yellow is one of the program's own phases (the one after the green it ends): reported as
        // that phase, the console draws what the signal shows. Otherwise it reports the phase being ended.
        for (size_t p = 0; p < program.phases.size(); ++p)
            if (program.phases[p].state == during)
                change.showsPhase = static_cast<int>(p);
        const double stepS = static_cast<double>(m_setup.stepMs) / 1000.0;
        change.untilS = libtraci::Simulation::getTime() + std::ceil(yellowS / stepS - 1e-9) * stepS;
        libtraci::TrafficLight::setRedYellowGreenState(tls, during.toStdString());
    }
    m_changes[signal] = change;
    return true;
}

void SumoPlant::finishChanges(double nowS, std::vector<std::uint32_t> &changed)
{
    for (auto it = m_changes.begin(); it != m_changes.end();) {
        if (it->second.untilS > nowS + 1e-6) {
            ++it;
            continue;
        }
        const std::uint32_t signal = it->first;
        const Change change = it->second;
        it = m_changes.erase(it);
        try {
            if (change.hold)
                holdNow(signal, m_tls[signal], change.value);
            else
                runProgramNow(signal, m_tls[signal], change.value);
        } catch (const libsumo::TraCIException &e) {
            // SUMO refused what it accepted a yellow ago (it cannot, short of a bug): the signal runs its program.
            qCWarning(lcSim).noquote() << "after its yellow," << QString::fromStdString(m_tls[signal]) << "refused the command:" << e.what();
            runProgramNow(signal, m_tls[signal], std::max(0, m_readings[signal].program));
        }
        refresh(signal);
        if (std::find(changed.begin(), changed.end(), signal) == changed.end())
            changed.push_back(signal);
    }
}

double SumoPlant::nextChangeS() const
{
    double next = std::numeric_limits<double>::infinity();
    for (const auto &[signal, change] : m_changes)
        next = std::min(next, change.untilS);
    return next;
}

void SumoPlant::holdNow(std::uint32_t signal, const std::string &tls, int phase)
{
    // Back on the program first (after a flash or a yellow SUMO runs an ad-hoc state), then the phase, held for days.
    const auto &programs = m_city->signals[signal].programs;
    libtraci::TrafficLight::setProgram(tls, programs[static_cast<size_t>(m_readings[signal].program)].programId.toStdString());
    libtraci::TrafficLight::setPhase(tls, phase);
    libtraci::TrafficLight::setPhaseDuration(tls, 1e6);
}

void SumoPlant::runProgramNow(std::uint32_t signal, const std::string &tls, int program)
{
    const auto &programs = m_city->signals[signal].programs;
    libtraci::TrafficLight::setProgram(tls, programs[program].programId.toStdString());
    // Back in step with the program's cycle and offset, as the controller's clock has it (SUMO would go on from
    // the phase it left, with what remained of a held phase: days).
    std::int64_t remainingMs = 0;
    const int phase = CitySimulator::phaseAt(programs[program], std::llround(libtraci::Simulation::getTime() * 1000.0), &remainingMs);
    libtraci::TrafficLight::setPhase(tls, phase);
    libtraci::TrafficLight::setPhaseDuration(tls, static_cast<double>(remainingMs) / 1000.0);
    m_readings[signal].program = program;
}

void SumoPlant::reportChange(std::uint32_t signal, SignalReading &r) const
{
    const auto it = m_changes.find(signal);
    if (it == m_changes.end())
        return;
    r.phase = it->second.showsPhase;
    r.nextSwitchMs = m_startMs + std::llround((it->second.untilS - m_beginS) * 1000.0);
}

} // namespace cityops
