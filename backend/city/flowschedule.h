#pragma once

#include "base/result.h"

#include <QXmlStreamAttributes>

#include <cstdint>
#include <vector>

namespace cityops {

/// When the vehicles of a SUMO `<flow>` depart, by SUMO's own rules (measured on SUMO 1.15 with
/// `--vehroute-output.intended-depart`): with `period` (or `vehsPerHour`, a period of 3600/v s) at begin + i·period;
/// with `number` and `end` alone, `number` of them equally spaced from `begin`; with `probability`, each second from
/// `begin` with that chance; never at or after `end`, never more than `number`. A flow with neither `end` nor `number`
/// runs for as long as SUMO does (SUMO 1.15 does not stop it after 24 h).
///
/// What a city's repeated day needs of it: whether its vehicles all depart within the day it is written for, so the
/// day can be written again a day later (trafficfiles) or added through TraCI (DemandRepeat) without doubling any.
class FlowSchedule {
public:
    enum class Span {
        WithinDay,   ///< every departure in [0, 86400) s: the day can be repeated
        RunsOn,      ///< no end: SUMO goes on adding its vehicles, day after day, by itself
        PastTheDay,  ///< departures past midnight: its next day would overlap with it
    };

    /// Reads a flow's attributes; fails with a sentence when its timing is not one SUMO 1.15 takes as a time
    /// (`begin="triggered"`, `period="exp(…)"`, no rate at all).
    static Result<FlowSchedule> read(const QXmlStreamAttributes &flow);

    Span span() const { return m_span; }
    /// Its departures, seconds from the day's midnight, in order; a probability flow's drawn from `seed`, so the
    /// same seed gives the same day. Only for a flow WithinDay.
    std::vector<double> departures(std::uint64_t seed) const;

    static constexpr double kDayS = 86400;

private:
    Span m_span = Span::WithinDay;
    double m_beginS = 0;
    double m_endS = 0;            ///< exclusive; infinity when the flow gives none
    double m_periodS = 0;         ///< 0: a probability flow
    double m_probability = 0;
    long long m_number = -1;      ///< -1: no limit
};

} // namespace cityops
