#include "state/alarmsummary.h"

#include <QHash>

#include <algorithm>

namespace cityops {

AlarmSummary summarizeAlarms(const AlarmBook &book, const QList<int> &districts, std::int64_t nowMs)
{
    std::vector<Alarm> alarms;
    book.snapshot(alarms);
    return summarizeAlarms(alarms, districts, book.annunciatedSince(nowMs, kFloodWindowMs, districts));
}

AlarmSummary summarizeAlarms(const std::vector<Alarm> &alarms, const QList<int> &districts, int ratePer10Min)
{
    AlarmSummary s;
    s.ratePer10Min = ratePer10Min;
    s.flood = ratePer10Min > kFloodThreshold;
    QHash<std::uint32_t, int> children;
    for (const Alarm &a : alarms) {
        if (!districts.isEmpty() && !districts.contains(a.district))
            continue;
        if (a.suppressed) {
            ++s.suppressed;
            if (a.parent)
                ++children[a.parent];
        }
        s.shelved += a.shelved;
        s.outOfService += a.outOfService;
    }
    QHash<quint64, size_t> groupOf;
    for (const Alarm &a : alarms) {
        if (!a.annunciated() || (!districts.isEmpty() && !districts.contains(a.district)))
            continue;
        AlarmRow *row = nullptr;
        if (s.flood) {
            const quint64 key = (quint64(a.cause) << 32) | quint32(a.district);
            const auto it = groupOf.constFind(key);
            if (it == groupOf.constEnd()) {
                groupOf.insert(key, s.rows.size());
                s.rows.push_back({});
                row = &s.rows.back();
                row->cause = a.cause;
                row->district = a.district;
                row->grouped = true;
            } else {
                row = &s.rows[it.value()];
            }
        } else {
            s.rows.push_back({});
            row = &s.rows.back();
            row->cause = a.cause;
            row->district = a.district;
            row->device = a.device;
            row->text = a.text;
        }
        row->alarms.push_back(a.id);
        row->priority = std::max(row->priority, a.priority);
        row->unacknowledged += !a.acknowledged;
        row->active += a.active;
        row->consequential += children.value(a.id);
        row->latestMs = std::max(row->latestMs, a.changedMs);
    }
    for (AlarmRow &row : s.rows)
        if (row.alarms.size() == 1 && row.grouped)
            row.grouped = false;   // a group of one is just the alarm
    // Most urgent first: unacknowledged, then priority, then the newest.
    std::stable_sort(s.rows.begin(), s.rows.end(), [](const AlarmRow &a, const AlarmRow &b) {
        if ((a.unacknowledged > 0) != (b.unacknowledged > 0))
            return a.unacknowledged > 0;
        if (a.priority != b.priority)
            return a.priority > b.priority;
        return a.latestMs > b.latestMs;
    });
    return s;
}

} // namespace cityops
