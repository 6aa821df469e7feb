#pragma once

#include "city/citymodel.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace cityops::fuzz {

// The parsers that read what someone else wrote — the wire from a broker, a store's rows and snapshots, an export's
// lines, a package's geometry blobs and its tables' values, a city's rules file — each as a function of arbitrary
// bytes. A parser may refuse anything; what it accepts it must be able to write again, and what it writes it must
// read back to the same bytes (else an accepted value is one the console cannot keep, relay or record faithfully);
// a package it opens must be one the console can use and run. Crashes, reads out of bounds and undefined behaviour
// are the sanitizers' to catch (scripts/fuzz builds these with libFuzzer, ASan and UBSan); tst_fuzzcorpus replays
// the kept inputs in every test run.

/// What a parser made of one input: refused (`accepted` false), or accepted — then `broken` says which promise the
/// round trip broke, empty when it kept them.
struct Outcome {
    bool accepted = false;
    QString broken;
};

/// A parser under test. `seeds` are valid inputs to start from (the encoders' own output on the default city's
/// devices and a simulated hour of its events); each is accepted.
struct Target {
    const char *name;
    Outcome (*check)(const QByteArray &input);
    std::vector<QByteArray> (*seeds)();
};

const std::vector<Target> &targets();
const Target *target(const QByteArray &name);

/// The default city (resources/cities/adlershof.gpkg), loaded once.
const CityModel &city();

} // namespace cityops::fuzz
