#pragma once

#include "state/alarmbook.h"

#include <QList>

#include <vector>

namespace cityops {

/// One line of an operator's alarm list: a single alarm, or a group (a flood grouped by cause and district).
/// Consequential alarms (suppressed by design) never get lines of their own; they are counted on their parent's.
struct AlarmRow {
    std::vector<std::uint32_t> alarms;   ///< the alarms the line stands for (acknowledging the line acknowledges them)
    AlarmCause cause = AlarmCause::LampFault;
    AlarmPriority priority = AlarmPriority::Low;
    int district = -1;
    DeviceIndex device = kNoDevice;      ///< for a single alarm
    QString text;                        ///< for a single alarm: what raised it says (a common cause names itself)
    int unacknowledged = 0;
    int active = 0;
    int consequential = 0;               ///< suppressed children of these alarms
    std::int64_t latestMs = 0;
    bool grouped = false;
};

struct AlarmSummary {
    std::vector<AlarmRow> rows;
    int ratePer10Min = 0;    ///< alarms annunciated to this operator in the last 10 minutes
    bool flood = false;      ///< more than kFloodThreshold of them: rows are grouped by cause
    int shelved = 0;
    int outOfService = 0;
    int suppressed = 0;
};

constexpr int kFloodThreshold = 10;                 ///< ISA-18.2: more than 10 new alarms in 10 minutes
constexpr std::int64_t kFloodWindowMs = 600'000;
constexpr double kManageableRatePer10Min = 1.0;     ///< EEMUA 191: one alarm per 10 minutes is manageable

/// What an operator responsible for `districts` (empty = the whole city) sees of the alarm list at `nowMs`.
AlarmSummary summarizeAlarms(const AlarmBook &book, const QList<int> &districts, std::int64_t nowMs);
/// The same from a copy of the list and a known rate (tests and replay).
AlarmSummary summarizeAlarms(const std::vector<Alarm> &alarms, const QList<int> &districts, int ratePer10Min);

} // namespace cityops
