#pragma once

#include "base/result.h"
#include "model/event.h"

#include <QByteArray>

namespace cityops::eventcodec {

/// Stable kind numbers as stored in the `events.kind` column. Never renumber: stores outlive releases.
enum class Kind : std::uint8_t {
    Signal = 1, Light = 2, Feeder = 3, Presence = 4, IncidentRaised = 5, IncidentCleared = 6, Session = 7, Operator = 8,
    IncidentUpdate = 9, Alarm = 10, Command = 11, Traffic = 12, Vehicle = 13, Roads = 14,
    Console = 15, SnapshotSeal = 16
};

Kind kindOf(const EventPayload &payload);
QString kindName(Kind kind);   ///< "signal", "light", ... for exports
/// A key's id as CommandSigner gives it: the first 8 bytes of the SHA-256 of its public key, in lowercase hex.
bool isKeyId(const QString &id);

/// Whether an event is a timeline marker (incidents raised and cleared; what people did; orders; escalations;
/// high-priority alarms), with the id it refers to and a one-line English label for the audit list.
bool markerFor(const Event &event, std::int64_t *ref, QString *label);

/// Payload bytes for the `events.payload` column (little-endian, versioned by kind).
QByteArray encode(const EventPayload &payload);
/// Rebuilds a payload; a blob that does not fit its kind is refused.
Result<EventPayload> decode(Kind kind, const QByteArray &blob);

} // namespace cityops::eventcodec
