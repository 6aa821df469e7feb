#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "model/event.h"

#include <QJsonArray>
#include <QJsonObject>

/// One event as JSON: the shape shared by the export files (JSON Lines, CSV's data column) and the field link's
/// wire payloads, so that both sides of the store and the link read and write the same thing.
/// {"seq":12,"time_ms":...,"time":"2026-11-22T03:14:00.000Z","kind":"signal","device":"sig/J1","data":{...}}
namespace cityops::eventjson {

QJsonObject eventToJson(const Event &event, const CityModel &city);
/// Validates everything and refuses what does not fit the city or the schema.
Result<Event> eventFromJson(const QJsonObject &object, const CityModel &city);
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
