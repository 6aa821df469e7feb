#pragma once

#include "citymirror.h"

#include <QStringList>

#include <optional>

namespace cityops {

/// What the search box found: a device, an incident, or a street (with the box to show).
struct SearchHit {
    enum class Kind { Device, Incident, Street };
    Kind kind = Kind::Device;
    std::uint32_t id = 0;   ///< device index, incident id or road index
    GeoBox box;             ///< the area to show
    QString label;          ///< what was found, in words
};

/// Search over the city the map shows: "#42" or "42" finds incident 42 (open or recent), a device id finds that
/// device (exactly, then by unique prefix), "street / street" (or "&") the signal of the junction where they meet
/// (its whole name, or a piece of each street's; the label says how many other junctions fit the pieces), otherwise
/// the street whose name matches (exactly, then starting with, then containing the text, case-insensitive).
std::optional<SearchHit> searchCity(const CityMirror &scene, const QString &query);

/// Completion candidates for the search box: device ids of signals, feeders and substations, street names, and
/// junctions by their streets (junctionName).
QStringList searchVocabulary(const CityModel &city);

} // namespace cityops
