#include "store/recordgap.h"

#include <QRegularExpression>

namespace cityops::recordgap {

std::vector<Gap> find(std::uint64_t lastSeq, std::int64_t lastTimeMs, const std::vector<Event> &events)
{
    std::vector<Gap> gaps;
    std::uint64_t seq = lastSeq;
    std::int64_t timeMs = lastTimeMs;
    for (const Event &e : events) {
        if (e.seq > seq + 1) {
            // Nothing recorded before: the gap is known to start only where the first event written is.
            const std::int64_t from = seq == 0 ? e.timeMs : timeMs;
            gaps.push_back({seq + 1, e.seq - seq - 1, from, std::max(from, e.timeMs)});
        }
        seq = std::max(seq, e.seq);
        timeMs = e.timeMs;
    }
    return gaps;
}

QString label(const Gap &gap)
{
    return QStringLiteral("unrecorded %1 events over %2 ms").arg(gap.count).arg(gap.untilMs - gap.fromMs);
}

std::optional<Said> read(const QString &label)
{
    static const QRegularExpression said(QStringLiteral("^unrecorded (\\d+) events over (\\d+) ms$"));
    const QRegularExpressionMatch m = said.match(label);
    if (!m.hasMatch())
        return std::nullopt;
    bool countOk = false, spanOk = false;
    const Said out{m.captured(1).toULongLong(&countOk), m.captured(2).toLongLong(&spanOk)};
    if (!countOk || !spanOk)
        return std::nullopt;
    return out;
}

} // namespace cityops::recordgap
