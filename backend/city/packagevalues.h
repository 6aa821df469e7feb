#pragma once

#include "base/result.h"
#include "city/citymodel.h"

namespace cityops::citypackage {

/// What a package's rows say must be a city the console can run, beyond reading each row: numbers finite and within
/// what streets and grids have, every phase of a signal's programs over its movements in letters SUMO knows, each
/// movement within them, device ids a topic and a log can carry. `cityops-import` writes none of these wrong; a hand
/// edit or a damaged copy can, and the console would compute with them (a feeder of infinite capacity never
/// overloads; a phase shorter than its signal's movements is read past its end; SUMO is killed by a state of the
/// wrong length). The first thing wrong, as a sentence naming the row.
Status checkValues(const CityModel &city);

} // namespace cityops::citypackage
