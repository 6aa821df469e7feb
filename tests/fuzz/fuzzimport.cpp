#include "fuzzcommon.h"

#include "city/gpkggeometry.h"
#include "city/sumoimport.h"
#include "city/trafficfiles.h"
#include "codec/eventjson.h"

#include <QFile>

#include <cstdio>
#include <cstdlib>

namespace cityops::fuzz {

Outcome checkGeometry(const QByteArray &blob)
{
    auto first = gpkg::decode(blob);
    if (!first)
        return kRefused;
    const gpkg::Geometry &g = first.value();
    QByteArray once;
    switch (g.type) {
    case gpkg::GeometryType::Point:
        if (g.points.size() != 1)
            return broken("a point read as other than one point");
        once = gpkg::encodePoint(g.points.front());
        break;
    case gpkg::GeometryType::LineString: once = gpkg::encodeLineString(g.points); break;
    case gpkg::GeometryType::Polygon: once = gpkg::encodePolygon(g.points); break;
    }
    auto second = gpkg::decode(once);
    if (!second)
        return broken("a geometry accepted, but its own blob is refused", second.error());
    if (second.value().type != g.type || second.value().points != g.points)
        return broken("a geometry accepted, but its blob reads back as another");
    return kKept;
}

std::vector<QByteArray> geometrySeeds()
{
    const CityModel &c = city();
    return {gpkg::encodePoint(c.devices[0].position), gpkg::encodeLineString(c.roads[0].line), gpkg::encodePolygon(c.districts[0].ring)};
}


// --- a SUMO network and a demand from someone else (cityops-import) ------------------------------------------------

namespace {

QByteArray tinyGrid()
{
    static const QByteArray net = [] {
        QFile file(QStringLiteral(CITYOPS_SOURCE_DIR "/tests/data/tiny-grid.net.xml"));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "fuzz: cannot read %s\n", qPrintable(file.fileName()));
            std::abort();
        }
        return file.readAll();
    }();
    return net;
}

/// The importer reads a network from a file: each input is written to one in a folder of this process's own.
QString asFile(const QByteArray &content)
{
    const QString path = scratch().filePath(QStringLiteral("input.net.xml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

} // namespace

Outcome checkSumoNet(const QByteArray &input)
{
    ImportOptions options;
    options.timezone = QStringLiteral("Europe/Berlin");
    options.lightSpacingM = 60;
    auto imported = importSumoNet(asFile(input), options);
    if (!imported)
        return kRefused;
    // A city the console can use: everything on the globe, every signal's movements within its state, every signal
    // device pointing at a signal.
    const CityModel &c = imported.value();
    for (const DeviceInfo &d : c.devices)
        if (!eventjson::validPosition(d.position.lon, d.position.lat))
            return broken("a device placed off the globe", d.id);
    for (const Road &r : c.roads)
        for (const GeoPoint &p : r.line)
            if (!eventjson::validPosition(p.lon, p.lat))
                return broken("a road off the globe", r.sumoId);
    for (const SignalInfo &signal : c.signals) {
        if (signal.device >= c.devices.size())
            return broken("a signal without its device", signal.sumoTlsId);
        for (const SignalProgram &program : signal.programs)
            for (const SignalPhase &phase : program.phases)
                if (phase.state.size() != movementsOf(signal) && !signal.links.empty())
                    return broken("a phase whose state does not cover the signal's links", signal.sumoTlsId + QStringLiteral(" ") + phase.state);
    }
    return kKept;
}

std::vector<QByteArray> sumoNetSeeds() { return {tinyGrid()}; }

Outcome checkDemand(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const QByteArray demand = input.mid(1);
    switch (std::uint8_t(input[0]) % 3) {
    case 0:
        return trafficfiles::checkDemand(demand) ? kKept : kRefused;
    case 1:
        return trafficfiles::checkDemand(demand) && trafficfiles::checkDemandFitsNetwork(demand, tinyGrid()) ? kKept : kRefused;
    default: {
        auto shaped = trafficfiles::shapeToDailyProfile(demand, 7);
        if (!shaped)
            return kRefused;
        // What the import stores must itself be a demand the package accepts.
        if (auto checked = trafficfiles::checkDemand(shaped.value()); !checked)
            return broken("a demand shaped to the day that is not a demand", checked.error());
        return kKept;
    }
    }
}

std::vector<QByteArray> demandSeeds()
{
    const QByteArray routes = R"(<routes>
    <vType id="car" accel="2.6" decel="4.5" length="5" maxSpeed="14"/>
    <route id="r1" edges="A0A1 A1B1 B1C1"/>
    <vehicle id="v1" type="car" route="r1" depart="10"/>
    <vehicle id="v2" depart="20.5"><route edges="C2B2 B2A2"/><stop lane="B2A2_0" duration="30"/></vehicle>
    <trip id="t1" depart="30" from="A0B0" to="C1C2" via="B0B1"/>
    <flow id="f1" begin="0" end="3600" vehsPerHour="120" from="A1A2" to="C2C1"/>
    <flow id="f2" begin="100" end="900" number="20" route="r1"/>
    <person id="p1" depart="40"><walk edges="A0A1 A1A2"/></person>
</routes>
)";
    const QByteArray trips = R"(<routes>
    <trip id="0" depart="0.00" from="A0A1" to="B1C1"/>
    <trip id="1" depart="1.00" from="C2B2" to="B1B0"/>
    <trip id="2" depart="2.00" from="A2A1" to="C0C1"/>
</routes>
)";
    return {'\0' + routes, '\1' + routes, '\2' + trips};
}

} // namespace cityops::fuzz
