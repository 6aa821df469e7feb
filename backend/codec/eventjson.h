#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "model/event.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

/// One event as JSON: the shape shared by the export files (JSON Lines, CSV's data column) and the field link's
/// wire payloads, so that both sides of the store and the link read and write the same thing.
/// {"seq":12,"time_ms":...,"time":"2026-11-22T03:14:00.000Z","kind":"signal","device":"sig/J1","data":{...}}
namespace cityops::eventjson {

QJsonObject eventToJson(const Event &event, const CityModel &city);
/// Validates everything and refuses what does not fit the city or the schema.
Result<Event> eventFromJson(const QJsonObject &object, const CityModel &city);
/// The largest whole number a JSON number (a double) keeps exactly: counts and times beyond it are not ours.
constexpr double kMaxWhole = 9007199254740991.0;
/// `value` as a whole number from [min, max], or nothing (not a number, fractional, out of range). Every figure read
/// from outside goes through this (or a range check of its own) before it is cast: casting a double beyond the
/// target's range is undefined behaviour (found by tests/fuzz). The wire's codecs and the export verifier use it too.
std::optional<double> wholeIn(const QJsonValue &value, double min, double max);
/// Finite degrees of longitude and latitude in range.
bool validPosition(double lon, double lat);
/// ISO 8601 UTC with milliseconds.
QString isoTime(std::int64_t ms);

/// A line as [[lon, lat], ...]; reading refuses anything but degrees and more than maxPoints points.
QJsonArray lineToJson(const GeoLine &line);
Result<GeoLine> lineFromJson(const QJsonValue &value, int maxPoints);
/// Signals on a route as [{"signal": device id, "link", "distance_m"}]; reading refuses what is not a signal of the
/// city, a link the signal does not have (bounded by its link count) and more than maxSignals.
QJsonArray signalsToJson(const std::vector<SignalAhead> &signals, const CityModel &city);
Result<std::vector<SignalAhead>> signalsFromJson(const QJsonValue &value, const CityModel &city, int maxSignals);

} // namespace cityops::eventjson
