#pragma once

#include "base/result.h"
#include "model/device.h"
#include "model/geo.h"
#include "model/responserules.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cityops {

/// OSM-style road classes, ordered from most to least important (drawing order and level of detail use it).
enum class RoadClass : std::uint8_t {
    Motorway, Trunk, Primary, Secondary, Tertiary, Residential, Unclassified, LivingStreet, Service, Path, Rail
};
constexpr int kRoadClassCount = 11;
QString roadClassName(RoadClass cls);                ///< stable key stored in the package ("primary", ...)
RoadClass roadClassFromName(const QString &name);    ///< unknown names map to Unclassified

struct Road {
    QString sumoId;
    QString name;
    RoadClass cls = RoadClass::Unclassified;
    int lanes = 1;
    float speedKmh = 50.0f;
    bool oneway = true;
    GeoLine line;
};

struct Junction {
    QString sumoId;
    QString type;
    GeoPoint position;
};

struct District {
    QString id;
    QString name;
    std::vector<GeoPoint> ring;   ///< closed ring is implied; first point is not repeated
    bool generated = true;
};

/// One entry per device, in dense index order; kind-specific data lives in the tables below.
struct DeviceInfo {
    QString id;            ///< the DeviceId of the outside world, e.g. "sig/1525212345"
    DeviceKind kind = DeviceKind::Streetlight;
    GeoPoint position;
    int district = -1;
    int detail = -1;       ///< index into the kind's table (signals, streetlights, feeders, substations)
    bool generated = false;
};

/// One phase of a SUMO tlLogic: the state string has one character per controlled link
/// (r/y/g/G/s/u/o/O as in SUMO).
struct SignalPhase {
    int durationS = 0;
    QString state;
    int minDurS = 0;
    int maxDurS = 0;
};

struct SignalProgram {
    QString programId;
    QString type;          ///< static / actuated / ...
    int offsetS = 0;
    std::vector<SignalPhase> phases;
    int cycleS() const;
};

/// One controlled link of a signal (a SUMO connection under the traffic light): the movement that the character at
/// `index` of a phase's state string drives.
struct SignalLink {
    int index = 0;             ///< position in the phase state string
    QString approach;          ///< the incoming street's name (empty when the road has none)
    int bearingDeg = 0;        ///< the way vehicles drive as they arrive (0 = north, clockwise)
    QChar direction;           ///< SUMO's dir: s straight, l left, r right, t turn, L / R partly left / right
    QString fromEdge;          ///< SUMO's incoming edge ("-X": the other direction of X); empty in older packages
};

/// The links of a signal that arrive from one street in one direction: what a driver calls an approach ("from the
/// west on Rudower Chaussee"), with the lanes the traffic simulation counts its queue on.
struct SignalApproach {
    QString street;            ///< the incoming street's name (may be empty)
    int bearingDeg = 0;        ///< the way vehicles drive as they arrive (of its first link)
    std::vector<int> links;    ///< indexes into the state string
};

struct SignalInfo {
    DeviceIndex device = kNoDevice;
    QString sumoTlsId;
    QStringList junctions;
    int linkCount = 0;
    std::vector<SignalProgram> programs;
    std::vector<SignalLink> links;   ///< by index; empty in packages made before links were stored
};

/// How many controlled links (movements) a signal has: the length of its state strings. `links` may leave out an index
/// with no connection left, so its size is not the bound; a package without link counts allows up to 256.
inline int movementsOf(const SignalInfo &signal)
{
    return signal.linkCount > 0 ? signal.linkCount : signal.links.empty() ? 256 : int(signal.links.size());
}

/// A signal's approaches, in the order of their first link: links with the same street whose arrival bearings
/// differ by at most 45° are one approach (at most kMaxApproaches; the rest join the nearest). Empty without links.
std::vector<SignalApproach> signalApproaches(const SignalInfo &signal);

/// The named streets that arrive at a signal, the one with most movements first (the main road before the side
/// street; ties in the order of their first link): what people call the junction by. Empty without named links.
QStringList signalStreets(const SignalInfo &signal);
/// A junction's name from its streets, "Rudower Chaussee / Wegedornstraße" (three at most: a list's column must hold
/// it), the way the search box takes it too; empty without named links.
QString junctionName(const SignalInfo &signal);

/// The road an approach's traffic arrives on: `reverse` when it drives the road against the order of its line (the
/// other direction of a two-way street, which the city draws once).
struct ApproachRoad {
    int road = -1;   ///< index into CityModel::roads; -1 when none was found
    bool reverse = false;
};

struct StreetlightInfo {
    DeviceIndex device = kNoDevice;
    DeviceIndex feeder = kNoDevice;
    int road = -1;
    float powerW = 100.0f;
};

struct FeederInfo {
    DeviceIndex device = kNoDevice;
    DeviceIndex substation = kNoDevice;
    float capacityKw = 0.0f;
    float peakLoadKw = 0.0f;      ///< typical daily peak, for the simulator's load profile
    float commercialShare = 0.5f; ///< 0 = purely residential profile, 1 = purely commercial
    int priority = 1;             ///< 1 = most critical (hospitals...), shed last
};

struct SubstationInfo {
    DeviceIndex device = kNoDevice;
    QString name;
};

struct CityMeta {
    QString name;
    QString source;
    QString attribution;
    QString timezone;       ///< IANA id used for the console clock
    QString createdUtc;
    QString generator;
    int formatVersion = 0;
};

/// The static city: geometry and device registry, read from a city package. Immutable once loaded and shared
/// read-only between threads.
struct CityModel {
    CityMeta meta;
    ResponseRules rules = ResponseRules::defaults();   ///< the city's own from its package, else the defaults
    std::vector<Road> roads;
    std::vector<Junction> junctions;
    std::vector<District> districts;
    std::vector<DeviceInfo> devices;
    std::vector<SignalInfo> signals;
    std::vector<StreetlightInfo> streetlights;
    std::vector<FeederInfo> feeders;
    std::vector<SubstationInfo> substations;
    QHash<QString, DeviceIndex> deviceByName;
    GeoBox bounds;

    /// Adds a device to the registry and returns its dense index.
    DeviceIndex addDevice(DeviceInfo info);
    /// Rebuilds deviceByName, roadBySumoId and bounds after loading.
    void finalize();
    /// Index of the district containing p, or -1.
    int districtAt(const GeoPoint &p) const;
    /// The district answerable for p: the one containing it, else the nearest one (devices and incidents on the
    /// outskirts still belong to somebody). -1 only when the city has no districts.
    int responsibleDistrict(const GeoPoint &p) const;
    /// The feeder each signal's cabinet draws its power from (by index into `signals`): the nearest feeder, as
    /// distribution networks feed street furniture locally. kNoDevice when the city has no feeders.
    std::vector<DeviceIndex> signalFeeders() const;
    QHash<QString, int> roadBySumoId;   ///< built by finalize()

    /// The road SUMO's edge `sumoEdge` is ("X", or "-X" the other direction of two-way street X), or none.
    ApproachRoad roadOfEdge(const QString &sumoEdge) const;
    /// The road each of a signal's approaches arrives on (same order as `approaches`): the incoming edge of its first
    /// movement that has one; none in packages made before the edges were stored, and for a crossing.
    std::vector<ApproachRoad> approachRoads(const SignalInfo &signal, const std::vector<SignalApproach> &approaches) const;
    /// Nearest road to p within maxMetres, or -1.
    int nearestRoad(const GeoPoint &p, double maxMetres, bool namedOnly = false) const;
    DeviceIndex deviceIndex(const QString &id) const { return deviceByName.value(id, kNoDevice); }
    /// The area operators look after: the districts' extent when there are districts, else everything.
    GeoBox operationalBounds() const;
    /// The districts' names, in the order of `districts` (what accounts, mappings and wall layouts name them by).
    QStringList districtNames() const;
    /// District `district`'s name; empty for none (-1) or one the city does not have.
    QString districtName(int district) const
    {
        return district >= 0 && district < static_cast<int>(districts.size()) ? districts[size_t(district)].name : QString();
    }
    /// The districts named (case as the people type it), by index; or a sentence naming the first the city does not
    /// have, with the ones it has.
    Result<std::vector<int>> districtIndexes(const QStringList &names) const;
};

bool pointInRing(const std::vector<GeoPoint> &ring, const GeoPoint &p);

} // namespace cityops
