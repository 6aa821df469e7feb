#pragma once

#include "model/event.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

/// Events the console could not record — its writer fell too far behind, or its disk was full for long: EventStore
/// drops and counts them — leave a gap in the record's numbers. The writer marks each gap where it writes the first
/// event after it: a marker of a kind of its own, numbered with the gap's first missing number (no event has it), so
/// that a replay says it where it happened rather than passing over it in silence. What the marker says is the
/// writer's word; the record's check tells the same from the chain (recordchain::Verdict::unrecorded) and is what
/// vouches for it.
namespace cityops::recordgap {

/// The markers' `kind` for a gap: no event kind (eventcodec::Kind stays far below it).
constexpr std::int64_t kMarkerKind = 255;

struct Gap {
    std::uint64_t firstSeq = 0;   ///< the first number missing
    std::uint64_t count = 0;      ///< how many numbers are missing
    std::int64_t fromMs = 0;      ///< the time of the last event recorded before it (of the first after it, at the start)
    std::int64_t untilMs = 0;     ///< the time of the first event recorded after it
    bool operator==(const Gap &) const = default;
};

/// The gaps in `events` (in seq order, as the writer takes them) after the last event recorded, `lastSeq` at
/// `lastTimeMs` (0: nothing recorded yet — a gap before the first event written then starts at 1).
std::vector<Gap> find(std::uint64_t lastSeq, std::int64_t lastTimeMs, const std::vector<Event> &events);

/// The marker's stable English label, as the record keeps labels (people read it in their language):
/// "unrecorded 6483 events over 209000 ms".
QString label(const Gap &gap);

struct Said {
    std::uint64_t count = 0;
    std::int64_t spanMs = 0;
};
/// What a gap's label says; nothing for any other label.
std::optional<Said> read(const QString &label);

} // namespace cityops::recordgap
