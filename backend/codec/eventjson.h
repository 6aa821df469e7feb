#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "model/event.h"

#include <QJsonObject>

/// One event as JSON: the shape shared by the export files (JSON Lines, CSV's data column) and the field link's
/// wire payloads, so that both sides of the store and the link read and write the same thing.
/// {"seq":12,"time_ms":...,"time":"2026-11-22T03:14:00.000Z","kind":"signal","device":"sig/J1","data":{...}}
namespace cityops::eventjson {

QJsonObject eventToJson(const Event &event, const CityModel &city);
/// Validates everything and refuses what does not fit the city or the schema.
Result<Event> eventFromJson(const QJsonObject &object, const CityModel &city);
/// ISO 8601 UTC with milliseconds.
QString isoTime(std::int64_t ms);

} // namespace cityops::eventjson
