#pragma once
// What the fuzz targets share (not a public header): the default city, an hour of its events to seed from, and how a
// target says what became of an input. Each family of targets lives in its own file: fuzzwire.cpp (the MQTT wire),
// fuzzrecord.cpp (the store's rows, exported lines, verifiable exports), fuzzimport.cpp (package geometry, SUMO
// networks and demands), fuzzpackage.cpp (a package's tables), fuzzroom.cpp (the wall layout, the LDAP mapping, keyrings).

#include "fuzztargets.h"

#include "model/event.h"

#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace cityops::fuzz {

std::shared_ptr<const CityModel> sharedCity();
/// An hour of the default city from a winter evening, as its simulator reports it.
const std::vector<Event> &simulatedHour();
/// The kinds the embedded simulator does not report (people's steps, alarms, orders, SUMO's traffic and vehicles).
const std::vector<Event> &madeByHand();
/// The hour and the events made by hand.
std::vector<Event> allEvents();
/// What a gateway reports on its events topic rather than a device's.
bool isFieldEvent(const Event &e);
/// A folder of this process's own for the files a target needs.
QTemporaryDir &scratch();

/// Up to `count` events of the hour, spread over all of it, that `keep` accepts.
template <typename Keep>
std::vector<Event> sample(size_t count, Keep keep)
{
    std::vector<Event> kept;
    for (const Event &e : allEvents())
        if (keep(e))
            kept.push_back(e);
    if (kept.size() <= count)
        return kept;
    std::vector<Event> out;
    for (size_t i = 0; i < count; ++i)
        out.push_back(kept[i * kept.size() / count]);
    return out;
}

/// The input was accepted, but `what` went wrong on its way back.
Outcome broken(const char *what, const QString &detail = {});
inline const Outcome kRefused{false, {}};
inline const Outcome kKept{true, {}};

Outcome checkWire(const QByteArray &input);
std::vector<QByteArray> wireSeeds();
Outcome checkStoreRow(const QByteArray &input);
std::vector<QByteArray> storeRowSeeds();
Outcome checkJson(const QByteArray &input);
std::vector<QByteArray> jsonSeeds();
Outcome checkChainExport(const QByteArray &input);
std::vector<QByteArray> chainExportSeeds();
Outcome checkGeometry(const QByteArray &blob);
std::vector<QByteArray> geometrySeeds();
Outcome checkSumoNet(const QByteArray &input);
std::vector<QByteArray> sumoNetSeeds();
Outcome checkDemand(const QByteArray &input);
std::vector<QByteArray> demandSeeds();
Outcome checkPackage(const QByteArray &input);
std::vector<QByteArray> packageSeeds();
Outcome checkRoomFile(const QByteArray &input);
std::vector<QByteArray> roomFileSeeds();

} // namespace cityops::fuzz
