#pragma once

#include "city/citymodel.h"
#include "base/result.h"

#include <QString>

#include <memory>

namespace cityops {

/// City packages are GeoPackage 1.3 files (see docs/CITY.md): feature layers for roads, junctions, districts,
/// signals, substations, feeders and streetlights, an attribute table of signal phases and a cityops_meta table.
namespace citypackage {

constexpr int kFormatVersion = 1;

/// Writes the model to `path` atomically: a temporary file beside it is renamed over the target only once
/// complete, so an interrupted import never leaves a half-written city.
Status write(const CityModel &city, const QString &path);

/// Opens a package read-only and builds the model. Damaged, foreign or newer files are refused with a message
/// that says which file and what is wrong; the file is never modified.
Result<std::shared_ptr<const CityModel>> read(const QString &path);

/// Whether `path` is a city package this CityOps reads (a GeoPackage with cityops_meta of a known format), without
/// loading its layers or its rules — what a tool that changes one entry of it needs to know first.
Status check(const QString &path);

/// The response rules `path` holds now (the defaults when it holds none), without loading its layers: what a
/// running console reads again when the package changes. A file that is not a city, or damaged rules: an error.
Result<ResponseRules> readRules(const QString &path);

} // namespace citypackage
} // namespace cityops
