#include "fuzzcommon.h"

namespace cityops::fuzz {

const std::vector<Target> &targets()
{
    static const std::vector<Target> all{
        {"wire", &checkWire, &wireSeeds},
        {"storerow", &checkStoreRow, &storeRowSeeds},
        {"json", &checkJson, &jsonSeeds},
        {"geometry", &checkGeometry, &geometrySeeds},
        {"sumonet", &checkSumoNet, &sumoNetSeeds},
        {"demand", &checkDemand, &demandSeeds},
        {"chainexport", &checkChainExport, &chainExportSeeds},
        {"package", &checkPackage, &packageSeeds},
        {"roomfiles", &checkRoomFile, &roomFileSeeds},
    };
    return all;
}

const Target *target(const QByteArray &name)
{
    for (const Target &t : targets())
        if (name == t.name)
            return &t;
    return nullptr;
}

} // namespace cityops::fuzz
