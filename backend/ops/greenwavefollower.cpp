#include "ops/greenwavefollower.h"

#include <algorithm>

namespace cityops {

int phaseServing(const SignalProgram &program, int linkIndex)
{
    for (const QChar wanted : {QChar(u'G'), QChar(u'g')}) {
        int best = -1;
        for (size_t i = 0; i < program.phases.size(); ++i) {
            const QString &state = program.phases[i].state;
            if (linkIndex < 0 || linkIndex >= state.size() || state[linkIndex] != wanted)
                continue;
            if (best < 0 || program.phases[i].durationS > program.phases[static_cast<size_t>(best)].durationS)
                best = static_cast<int>(i);
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

GreenWaveFollower::GreenWaveFollower(std::shared_ptr<const CityModel> city, Settings settings)
    : m_city(std::move(city)), m_settings(settings)
{
}

void GreenWaveFollower::releaseDue(std::int64_t nowMs, std::vector<WaveStep> &steps)
{
    for (auto it = m_held.begin(); it != m_held.end();) {
        const Hold &h = it->second;
        const bool passed = h.passedAtMs != 0 && nowMs - h.passedAtMs >= m_settings.releaseAfterMs;
        const bool expired = h.passedAtMs == 0 && nowMs - h.dueAtMs >= m_settings.maxHoldMs;
        if (passed || expired) {
            WaveStep step{WaveStep::Kind::Release, it->first, 0, 0};
            step.expired = expired;
            steps.push_back(step);
            m_done.insert(it->first);
            it = m_held.erase(it);
        } else {
            ++it;
        }
    }
}

std::vector<WaveStep> GreenWaveFollower::tick(std::int64_t nowMs)
{
    std::vector<WaveStep> steps;
    if (!m_finished)
        releaseDue(nowMs, steps);
    return steps;
}

std::vector<WaveStep> GreenWaveFollower::stop()
{
    std::vector<WaveStep> steps;
    for (const auto &[signal, hold] : m_held) {
        steps.push_back({WaveStep::Kind::Release, signal, 0, 0});
        m_done.insert(signal);
    }
    m_held.clear();
    m_finished = true;
    return steps;
}

std::vector<WaveStep> GreenWaveFollower::update(const VehicleFix &fix)
{
    std::vector<WaveStep> steps;
    if (m_finished)
        return steps;
    // Passed: held signals no longer ahead are released a little later (the vehicle's tail clears the junction).
    for (auto &[signal, hold] : m_held) {
        const bool ahead = std::any_of(fix.ahead.begin(), fix.ahead.end(), [s = signal](const SignalAhead &a) { return a.signal == s; });
        if (!ahead && hold.passedAtMs == 0)
            hold.passedAtMs = fix.timeMs;
    }
    if (fix.arrived) {
        for (const auto &[signal, hold] : m_held)
            steps.push_back({WaveStep::Kind::Release, signal, 0, 0});
        m_held.clear();
        m_finished = true;
        return steps;
    }
    releaseDue(fix.timeMs, steps);
    const double speed = std::max(fix.speedMps, m_settings.crawlMps);
    for (size_t k = 0; k < fix.ahead.size(); ++k) {
        const SignalAhead &a = fix.ahead[k];
        const double lead = m_settings.leadS + (k == 0 ? fix.queueAhead * m_settings.headwayS : 0.0);
        if (a.signal >= m_city->signals.size() || m_held.count(a.signal) || m_done.count(a.signal))
            continue;
        const double eta = a.distanceM / speed;
        if (eta > lead)
            break;   // the ones after it are further still
        const SignalInfo &info = m_city->signals[a.signal];
        if (info.programs.empty())
            continue;
        const int phase = phaseServing(info.programs.front(), a.linkIndex);
        if (phase < 0)
            continue;   // no phase gives that movement a green (a link the program never serves): leave it be
        steps.push_back({WaveStep::Kind::Preempt, a.signal, phase, eta});
        m_held[a.signal] = Hold{fix.timeMs + static_cast<std::int64_t>(eta * 1000.0), 0};
    }
    return steps;
}

std::map<std::uint32_t, std::int64_t> GreenWaveFollower::handOver()
{
    std::map<std::uint32_t, std::int64_t> holds;
    for (const auto &[signal, hold] : m_held)
        holds[signal] = hold.dueAtMs;
    m_held.clear();
    m_finished = true;
    return holds;
}

void GreenWaveFollower::adopt(const std::map<std::uint32_t, std::int64_t> &holds)
{
    for (const auto &[signal, dueAtMs] : holds)
        if (!m_held.count(signal))
            m_held[signal] = Hold{dueAtMs, 0};
}

std::vector<std::uint32_t> GreenWaveFollower::held() const
{
    std::vector<std::uint32_t> out;
    for (const auto &[signal, hold] : m_held)
        out.push_back(signal);
    return out;
}

} // namespace cityops
