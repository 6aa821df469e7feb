#include "city/flowschedule.h"

#include "base/random.h"

#include <cmath>
#include <limits>

namespace cityops {
namespace {

constexpr std::size_t kMostDeparturesADay = 1'000'000;

/// A number attribute: absent (nullopt in `present`), or its value; false when present but not a finite number.
bool number(const QXmlStreamAttributes &a, QLatin1StringView name, bool &present, double &value)
{
    present = a.hasAttribute(name);
    if (!present)
        return true;
    bool ok = false;
    value = a.value(name).toDouble(&ok);
    return ok && std::isfinite(value);
}

} // namespace

Result<FlowSchedule> FlowSchedule::read(const QXmlStreamAttributes &a)
{
    FlowSchedule f;
    bool hasBegin = false, hasEnd = false, hasPeriod = false, hasRate = false, hasProbability = false, hasNumber = false;
    double begin = 0, end = 0, period = 0, rate = 0, probability = 0, count = 0;
    if (!number(a, QLatin1StringView("begin"), hasBegin, begin) || begin < 0)
        return makeError(QStringLiteral("its begin is not a time of day"));
    if (!number(a, QLatin1StringView("end"), hasEnd, end))
        return makeError(QStringLiteral("its end is not a time"));
    if (!number(a, QLatin1StringView("period"), hasPeriod, period) || (hasPeriod && period <= 0))
        return makeError(QStringLiteral("its period is not a number of seconds above 0"));
    if (!number(a, QLatin1StringView("vehsPerHour"), hasRate, rate) || (hasRate && rate <= 0))
        return makeError(QStringLiteral("its vehsPerHour is not a number above 0"));
    if (!number(a, QLatin1StringView("probability"), hasProbability, probability) || (hasProbability && (probability <= 0 || probability > 1)))
        return makeError(QStringLiteral("its probability is not a chance above 0 and at most 1"));
    if (!number(a, QLatin1StringView("number"), hasNumber, count) || (hasNumber && (count < 0 || count != std::floor(count))))
        return makeError(QStringLiteral("its number is not a whole number of vehicles"));
    if (int(hasPeriod) + int(hasRate) + int(hasProbability) > 1)
        return makeError(QStringLiteral("it gives more than one of period, vehsPerHour and probability"));
    if ((hasPeriod || hasRate || hasProbability) && hasEnd && hasNumber)
        return makeError(QStringLiteral("it gives a rate with both an end and a number (SUMO takes one of them)"));
    if (hasEnd && end <= begin)
        return makeError(QStringLiteral("it ends before it begins"));
    f.m_beginS = begin;
    f.m_endS = hasEnd ? end : std::numeric_limits<double>::infinity();
    f.m_number = hasNumber ? static_cast<long long>(count) : -1;
    if (hasProbability)
        f.m_probability = probability;
    else if (hasPeriod || hasRate)
        f.m_periodS = hasPeriod ? period : 3600.0 / rate;
    else if (hasNumber && hasEnd && count > 0)
        f.m_periodS = (end - begin) / count;
    else
        return makeError(QStringLiteral("it gives no rate (period, vehsPerHour, probability, or number with an end)"));

    if (!hasEnd && !hasNumber)
        f.m_span = Span::RunsOn;
    else if (hasEnd && end <= kDayS)
        f.m_span = Span::WithinDay;
    else if (hasNumber && f.m_periodS > 0 && (count == 0 || begin + (count - 1) * f.m_periodS < kDayS))
        f.m_span = Span::WithinDay;
    else
        f.m_span = Span::PastTheDay;   // a probability flow bounded by its number alone may run into tomorrow, too
    if (f.m_span == Span::WithinDay && f.m_periodS > 0) {
        const double within = std::min(f.m_endS, kDayS) - begin;
        const double most = std::ceil(within / f.m_periodS);
        if (most > static_cast<double>(kMostDeparturesADay) && (f.m_number < 0 || f.m_number > static_cast<long long>(kMostDeparturesADay)))
            return makeError(QStringLiteral("it departs more than %1 vehicles a day").arg(kMostDeparturesADay));
    }
    return f;
}

std::vector<double> FlowSchedule::departures(std::uint64_t seed) const
{
    std::vector<double> out;
    if (m_span != Span::WithinDay)
        return out;
    const double end = std::min(m_endS, kDayS);
    const auto full = [this, &out] { return m_number >= 0 && static_cast<long long>(out.size()) >= m_number; };
    if (m_periodS > 0) {
        for (long long i = 0;; ++i) {
            const double t = m_beginS + static_cast<double>(i) * m_periodS;   // not summed: no drift over a day
            if (t >= end || full())
                break;
            out.push_back(t);
        }
    } else {
        Random draw(seed);
        for (double t = m_beginS; t < end && !full(); t += 1.0) {
            if (draw.uniform() < m_probability)
                out.push_back(t);
        }
    }
    return out;
}

} // namespace cityops
