#pragma once

#include "city/utm.h"
#include "base/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace cityops {

/// A SUMO network as read from .net.xml, still in SUMO's local metric coordinates (x, y relative to netOffset).
/// Only what a city package needs: drivable and walkable edges, junctions, traffic-light programs and which
/// junctions each traffic light controls.
struct SumoNet {
    struct Point { double x = 0, y = 0; };
    struct Edge {
        QString id, from, to, name, type;
        std::vector<Point> shape;   ///< empty: straight between the junctions
        int lanes = 0;
        double speedMs = 13.89;
    };
    struct Junction {
        QString id, type;
        Point position;
    };
    struct Phase {
        double duration = 0, minDur = 0, maxDur = 0;
        QString state;
    };
    struct TlLogic {
        QString id, type, programId;
        double offset = 0;
        std::vector<Phase> phases;
    };
    struct TlLink {
        int index = 0;
        QString from;   ///< incoming edge
        QChar dir;      ///< s, l, r, t, L, R
    };
    struct TlControl {
        QStringList fromEdges;
        int maxLinkIndex = -1;
        std::vector<TlLink> links;   ///< in the order the connections appear
    };

    double offsetX = 0, offsetY = 0;
    UtmZone zone;
    QString projection;
    std::vector<Edge> edges;
    std::vector<Junction> junctions;
    std::vector<TlLogic> tlLogics;
    QHash<QString, TlControl> tlControls;   ///< by traffic-light id
    QHash<QString, int> edgeIndex;
    QHash<QString, int> junctionIndex;

    /// Converts a local SUMO position to WGS84 (E = x - netOffset.x, N = y - netOffset.y, inverse UTM).
    GeoPoint toWgs84(const Point &p) const { return utmToWgs84(zone, p.x - offsetX, p.y - offsetY); }
};

/// A SUMO lane id split into its road and the lane's index on it: SUMO names every lane "<edge>_<index>", and the
/// road's own id may hold underscores (OpenStreetMap clusters) and '#'.
struct SumoLaneRef {
    std::string edge;
    int index = 0;
    bool indexed = false;   ///< the id ended in "_<digits>"; otherwise `edge` is the whole id and `index` 0
};
SumoLaneRef splitLaneId(const std::string &laneId);

/// Whether every letter of a phase's state is one SUMO knows (r R y Y g G s u o O): SUMO refuses a program with
/// another, and is killed by one sent to it. The importer reads states with it, and a package's are checked with it.
bool isSumoSignalState(QStringView state);
/// The letters, as the refusals name them.
inline constexpr const char *kSumoStateLetters = "r R y Y g G s u o O";

/// Parses a .net.xml file. Missing files, other XML documents, networks without geo-reference and truncated or
/// malformed XML are refused with a message naming the file and, for XML errors, the line.
Result<SumoNet> parseSumoNet(const QString &path);

} // namespace cityops
