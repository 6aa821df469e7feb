#pragma once

#include "store/storereader.h"

#include <QIODevice>
#include <QJsonObject>

#include <functional>

namespace cityops::exporter {

/// Told how far through the window an export is (0..1, by event time) every few thousand events; returning false
/// stops the export with the error "cancelled". Empty = run to the end.
using Progress = std::function<bool(double fraction)>;

/// Events of a time window, one JSON object per line:
/// {"seq":12,"time_ms":...,"time":"2026-11-22T03:14:00.000Z","kind":"signal","device":"sig/J1","data":{...}}
Result<size_t> writeEventsJsonl(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                              const Progress &progress = {});
/// The same rows as CSV (RFC 4180): seq,time_ms,time,kind,device,data — data is the JSON object of the payload.
Result<size_t> writeEventsCsv(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                              const Progress &progress = {});
/// Incidents raised in the window as a GeoJSON FeatureCollection of Points (RFC 7946), with their resolution time
/// when it falls in the window.
Result<size_t> writeIncidentsGeoJson(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                              const Progress &progress = {});

} // namespace cityops::exporter
