#pragma once

#include "base/result.h"
#include "model/device.h"
#include "model/incident.h"

#include <QByteArray>

#include <array>
#include <cstdint>

namespace cityops {

/// How soon the city wants its incidents answered and how long a signal may stay off its program before someone is
/// asked about it. These are the city's own service levels — a contract with its districts, not a property of this
/// software — so a city package may carry its own (`cityops-admin rules set`); without them the defaults below
/// (`slaFor`, and the hold limits long used) apply. Read when the console starts, and again whenever the package's
/// rules change while it runs (RulesWatch).
struct ResponseRules {
    std::array<SlaPolicy, 4> sla{};              ///< by IncidentSeverity (Info, Minor, Major, Critical)
    std::int64_t holdLimitMs = 30 * 60'000;      ///< a phase held by hand: half an hour before it is questioned
    std::int64_t preemptLimitMs = 5 * 60'000;    ///< a pre-emption: a wave's lasts seconds to two minutes
    bool cityOwn = false;                        ///< set by the city (its package), not the defaults

    static ResponseRules defaults();

    SlaPolicy slaFor(IncidentSeverity severity) const { return sla[static_cast<size_t>(severity)]; }
    /// How long a signal held by a command in `mode` may stay so before it is an alarm (HoldWatch).
    std::int64_t holdLimitFor(SignalMode mode) const { return mode == SignalMode::Preempt ? preemptLimitMs : holdLimitMs; }

    /// The rules as the file a city writes: whole minutes, by severity name; 0 = no deadline.
    QByteArray toJson() const;
    /// Reads such a file. A key left out keeps its default; an unknown key, a value that is not a whole number of
    /// minutes in range, or an on-scene time before the acknowledgement time is refused with a sentence naming it.
    static Result<ResponseRules> fromJson(const QByteArray &json);

    /// One line per rule, for a person (the admin tool, the console's Help).
    QString describe() const;
    /// What differs from `before`, rule by rule ("critical acknowledgement deadline: 5 min → 7 min; alarm on a phase
    /// held by hand after: 30 min → 20 min"); empty when nothing does. For the record when a running console takes new rules.
    QString changesFrom(const ResponseRules &before) const;

    bool operator==(const ResponseRules &) const = default;

    static constexpr std::int64_t kMaxDeadlineMin = 24 * 60;   ///< a day: anything later is not a response time
    static constexpr std::int64_t kMaxHoldLimitMin = 24 * 60;
    static constexpr std::int64_t kMaxPreemptLimitMin = 60;    ///< a controller drops a pre-emption long before (3 min)
};

} // namespace cityops
