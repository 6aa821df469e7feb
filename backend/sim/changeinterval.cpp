#include "sim/changeinterval.h"

#include <algorithm>

namespace cityops {

namespace {

bool isGreen(QChar c) { return c == u'G' || c == u'g'; }

} // namespace

QString changeIntervalState(const QString &showing, const std::vector<QString> &next)
{
    QString during = showing;
    bool clears = false;
    for (qsizetype i = 0; i < showing.size(); ++i) {
        if (!isGreen(showing[i]))
            continue;
        const bool staysGreen = std::all_of(next.begin(), next.end(), [&](const QString &state) {
            return state.size() == showing.size() && isGreen(state[i]);
        });
        if (!staysGreen) {
            during[i] = u'y';
            clears = true;
        }
    }
    return clears ? during : QString();
}

int nextGreenPhase(const SignalProgram &program, int phase)
{
    const int n = static_cast<int>(program.phases.size());
    if (n == 0)
        return 0;
    for (int k = 1; k < n; ++k) {
        const int candidate = (phase + k) % n;
        if (std::any_of(program.phases[candidate].state.begin(), program.phases[candidate].state.end(), isGreen))
            return candidate;
    }
    return (phase + 1) % n;
}

int yellowSeconds(const SignalProgram &program)
{
    int longest = 0;
    for (const SignalPhase &phase : program.phases)
        if (phase.state.contains(u'y') && !phase.state.contains(u'G') && !phase.state.contains(u'g'))
            longest = std::max(longest, phase.durationS);
    return longest > 0 ? longest : 3;
}

} // namespace cityops
