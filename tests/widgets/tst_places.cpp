// Where a device is, in words: a signal by the streets that meet at its junction, a streetlight by its street,
// anything else by the nearest named street — in the alarm list, Details, the hover, the command preview, an order's
// targets and the search box, so an operator never has to look up where "sig/cluster_1292264943_…" is.

#include "city/syntheticdevices.h"
#include "labels.h"
#include "map/mapsearch.h"
#include "map/mapview.h"
#include "panels/alarmpanel.h"
#include "panels/detailspanel.h"
#include "panels/ordertargetmodel.h"
#include "testcity.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The test city with its signal's movements named: two from Rudower Chaussee (each way), one from Wegedornstraße —
/// given in the side street's order first, so "main road first" is the function's doing, not the data's.
std::shared_ptr<const CityModel> junctionCity()
{
    auto city = std::make_shared<CityModel>(*makeCity());
    SignalInfo &signal = city->signals[0];
    signal.links = {{0, QStringLiteral("Wegedornstraße"), 0, QLatin1Char('s'), QStringLiteral("n1")},
                    {1, QStringLiteral("Rudower Chaussee"), 90, QLatin1Char('s'), QStringLiteral("e1")},
                    {2, QStringLiteral("Rudower Chaussee"), 270, QLatin1Char('s'), QStringLiteral("-e1")}};
    // A feeder no street comes near (a kilometre north of the cross-roads).
    const GeoPoint c = city->devices[kSignal].position;
    FeederInfo far = city->feeders[0];
    far.device = city->addDevice({QStringLiteral("fdr/far"), DeviceKind::Feeder, {c.lon, c.lat + 0.01}, 0, int(city->feeders.size()), true});
    city->feeders.push_back(far);
    // Two more signals: the same junction's other carriageway, and another junction on Rudower Chaussee 500 m east.
    SignalInfo carriageway = signal, east = signal;   // copied before the table grows under `signal`
    carriageway.device = city->addDevice({QStringLiteral("sig/J1b"), DeviceKind::SignalController, {c.lon + 0.0002, c.lat}, 0,
                                          int(city->signals.size()), false});
    city->signals.push_back(carriageway);
    east.links[0].approach = QStringLiteral("Kekuléstraße");
    east.device = city->addDevice({QStringLiteral("sig/J2"), DeviceKind::SignalController, {c.lon + 0.0074, c.lat}, 0,
                                   int(city->signals.size()), false});
    city->signals.push_back(east);
    // A bigger junction west of it where Rudower Chaussee and Wegedornstraße meet a third street (listed first).
    SignalInfo three = east;
    three.links = {{0, QStringLiteral("Rudower Chaussee"), 90, QLatin1Char('s'), {}}, {1, QStringLiteral("Rudower Chaussee"), 270, QLatin1Char('s'), {}},
                   {2, QStringLiteral("Wegedornstraße"), 0, QLatin1Char('s'), {}}, {3, QStringLiteral("Ernst-Ruska-Ufer"), 180, QLatin1Char('s'), {}}};
    three.device = city->addDevice({QStringLiteral("sig/J3"), DeviceKind::SignalController, {c.lon - 0.0035, c.lat}, 0, int(city->signals.size()), false});
    city->signals.insert(city->signals.begin(), three);   // first in the table: found first by pieces
    for (size_t k = 0; k < city->signals.size(); ++k)
        city->devices[city->signals[k].device].detail = int(k);
    city->finalize();
    return city;
}

constexpr DeviceIndex kFarFeeder = 4;
constexpr DeviceIndex kCarriageway = 5;
constexpr DeviceIndex kEastSignal = 6;
constexpr DeviceIndex kThreeStreets = 7;

} // namespace

class TestPlaces : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachDeviceIsPlacedByItsStreets()
    {
        const auto city = junctionCity();
        QCOMPARE(signalStreets(city->signals[size_t(city->devices[kSignal].detail)]), QStringList({QStringLiteral("Rudower Chaussee"), QStringLiteral("Wegedornstraße")}));
        QCOMPARE(Labels::place(*city, kSignal), QStringLiteral("Rudower Chaussee / Wegedornstraße"));
        QCOMPARE(Labels::place(*city, kLight), QStringLiteral("Rudower Chaussee"));             // its own road
        QCOMPARE(Labels::place(*city, kFeeder), QStringLiteral("near Rudower Chaussee"));       // 170 m off it
        QCOMPARE(Labels::place(*city, kFarFeeder), QString());                                 // nothing named within 250 m
        QCOMPARE(Labels::place(*city, 99), QString());                                         // no such device
        // A signal whose movements carry no names is placed like any device: by the nearest named street.
        QCOMPARE(Labels::place(*makeCity(), kSignal), QStringLiteral("near Rudower Chaussee"));
        QCOMPARE(Labels::deviceWithPlace(QStringLiteral("sig/J1"), QStringLiteral("Rudower Chaussee / Wegedornstraße")),
                 QStringLiteral("Rudower Chaussee / Wegedornstraße (sig/J1)"));
        QCOMPARE(Labels::deviceWithPlace(QStringLiteral("fdr/far"), {}), QStringLiteral("fdr/far"));
    }

    /// An incident a signal raised (a fault, signals dark) is where its junction is; others where their road is.
    void anIncidentOfASignalIsAtItsJunction()
    {
        const auto city = junctionCity();
        Incident fault;
        fault.kind = IncidentKind::SignalFault;
        fault.device = kSignal;
        fault.position = city->devices[kSignal].position;
        fault.road = 1;
        fault.district = 0;
        QCOMPARE(Labels::where(*city, fault), QStringLiteral("Rudower Chaussee / Wegedornstraße · Centre"));
        Incident collision = fault;
        collision.kind = IncidentKind::Collision;
        collision.device = kNoDevice;
        QCOMPARE(Labels::where(*city, collision), QStringLiteral("Wegedornstraße · Centre"));
        collision.device = kLight;   // a streetlight's incident: its road, as before
        QCOMPARE(Labels::where(*city, collision), QStringLiteral("Wegedornstraße · Centre"));
        fault.device = kSignal;
        QCOMPARE(Labels::where(*makeCity(), fault), QStringLiteral("Wegedornstraße · Centre"));   // no names: the road
    }

    /// A generated signal is a copy of a real one put somewhere else: named by where it stands, not by its template.
    void aGeneratedSignalIsNotNamedAfterItsTemplate()
    {
        auto city = std::make_shared<CityModel>(*networkCity());
        const size_t real = city->signals.size();
        addSyntheticDevices(*city, 4000, 3);
        city->finalize();
        QVERIFY(city->signals.size() > real);
        for (size_t s = real; s < city->signals.size(); ++s) {
            const SignalInfo &signal = city->signals[s];
            QVERIFY(!signal.links.empty());   // its heads are still drawn per approach
            QVERIFY2(signalStreets(signal).isEmpty(), qPrintable(signalStreets(signal).join(QLatin1Char('|'))));
            QVERIFY(std::all_of(signal.links.begin(), signal.links.end(), [](const SignalLink &l) { return l.fromEdge.isEmpty(); }));
            const QString place = Labels::place(*city, signal.device);
            QVERIFY2(place.isEmpty() || place.startsWith(QLatin1String("near ")), qPrintable(place));
        }
    }

    void theAlarmListSaysWhereTheDeviceIs()
    {
        const auto city = junctionCity();
        CityMirror scene(city);
        setNormal(scene);
        AlarmTableModel model(scene);
        AlarmRow signalFault;
        signalFault.cause = AlarmCause::SignalFault;
        signalFault.device = kSignal;
        signalFault.priority = AlarmPriority::High;
        AlarmRow silentFeeder;
        silentFeeder.cause = AlarmCause::CommLoss;
        silentFeeder.device = kFarFeeder;
        model.setRows({signalFault, silentFeeder});
        const auto text = [&](int row) { return model.data(model.index(row, AlarmTableModel::Alarm), Qt::DisplayRole).toString(); };
        QCOMPARE(text(0), QStringLiteral("Signal controller fault — Rudower Chaussee / Wegedornstraße (sig/J1)"));
        QCOMPARE(text(1), QStringLiteral("No communication — fdr/far"));
        // A column too narrow for all of it cuts the id's end (the place stays readable): the whole on hover.
        QCOMPARE(model.data(model.index(0, AlarmTableModel::Alarm), Qt::ToolTipRole).toString(), text(0));
    }

    /// An order's targets say where each device is; they sort by id (a wide order's every row needs no search).
    void anOrdersTargetsSayWhereTheyAre()
    {
        const auto city = junctionCity();
        CityMirror scene(city);
        OrderTargetModel model(scene);
        Order order;
        order.id = 7;
        OrderTarget signal;
        signal.device = kSignal;
        signal.action = CommandAction::SignalFlash;
        OrderTarget feeder = signal;
        feeder.device = kFarFeeder;
        feeder.action = CommandAction::FeederShed;
        order.targets = {signal, feeder};
        model.setOrder(order);
        const auto cell = [&](int row, int role) { return model.data(model.index(row, OrderTargetModel::DeviceColumn), role).toString(); };
        QCOMPARE(cell(0, Qt::DisplayRole), QStringLiteral("Rudower Chaussee / Wegedornstraße (sig/J1)"));
        QCOMPARE(cell(0, Qt::ToolTipRole), cell(0, Qt::DisplayRole));
        QCOMPARE(cell(0, OrderTargetModel::kSortRole), QStringLiteral("sig/J1"));
        QCOMPARE(cell(1, Qt::DisplayRole), QStringLiteral("fdr/far"));
        // The panel's filter takes a street as well as an id.
        OrderTargetFilter filter;
        filter.setSourceModel(&model);
        filter.setDeviceText(QStringLiteral("wegedorn"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, OrderTargetModel::DeviceColumn).data(OrderTargetModel::kSortRole).toString(), QStringLiteral("sig/J1"));
        filter.setDeviceText(QStringLiteral("fdr/"));
        QCOMPARE(filter.rowCount(), 1);
    }

    void detailsSayWhereTheSignalIs()
    {
        const auto city = junctionCity();
        CityMirror scene(city);
        setNormal(scene);
        scene.selection = {MapSelection::Kind::Device, kSignal};
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Where: Rudower Chaussee / Wegedornstraße")), qPrintable(details.rows().join(QLatin1Char('\n'))));
        scene.selection = {MapSelection::Kind::Device, kFarFeeder};
        details.refresh();
        QVERIFY(details.rows().filter(QStringLiteral("Where:")).isEmpty());   // no row rather than an empty one
    }

    void theMapsHoverSaysWhereTheSignalIs()
    {
        const auto city = junctionCity();
        CityMirror scene(city);
        setNormal(scene);
        MapView view(scene);
        QVERIFY2(view.describe({MapSelection::Kind::Device, kSignal}).startsWith(QStringLiteral("Signal controller — Rudower Chaussee / Wegedornstraße (sig/J1)\n")),
                 qPrintable(view.describe({MapSelection::Kind::Device, kSignal})));
    }

    void theSearchFindsAJunctionByItsStreets()
    {
        const auto city = junctionCity();
        CityMirror scene(city);
        // Its whole name, as the completer offers it: that junction, though a bigger one (found first) has both streets.
        const auto named = searchCity(scene, QStringLiteral("Rudower Chaussee / Wegedornstraße"));
        QVERIFY(named && named->kind == SearchHit::Kind::Device && named->id == kSignal);
        QCOMPARE(named->label, QStringLiteral("Rudower Chaussee / Wegedornstraße"));   // nothing more to type
        QVERIFY(!named->box.contains(city->devices[kThreeStreets].position));
        // Pieces of the names, in any order: the first junction they fit, and how many more.
        for (const QString &query : {QStringLiteral("wegedorn & rudower"), QStringLiteral(" rudower/ wegedorn ")}) {
            const auto hit = searchCity(scene, query);
            QVERIFY2(hit && hit->kind == SearchHit::Kind::Device && hit->id == kThreeStreets, qPrintable(query));
            QCOMPARE(hit->label, QStringLiteral("Rudower Chaussee / Wegedornstraße / Ernst-Ruska-Ufer (1 other junction(s) match too: type more of a name)"));
        }
        const auto three = searchCity(scene, QStringLiteral("wegedorn / ruska / rudower"));
        QVERIFY(three && three->id == kThreeStreets && three->label == QStringLiteral("Rudower Chaussee / Wegedornstraße / Ernst-Ruska-Ufer"));
        // Both controllers of the junction are shown, the junction east of it is not.
        const auto both = searchCity(scene, QStringLiteral("Rudower Chaussee / Wegedornstraße"));
        QVERIFY(both->box.contains(city->devices[kCarriageway].position));
        QVERIFY(!both->box.contains(city->devices[kEastSignal].position));
        const auto east = searchCity(scene, QStringLiteral("Kekulé / Rudower"));
        QVERIFY(east && east->id == kEastSignal);
        // Pieces that fit more than one junction: the first, and how many others, so the operator types more.
        const auto either = searchCity(scene, QStringLiteral("Rudower / Kek"));
        QVERIFY(either && either->id == kEastSignal);
        QCOMPARE(either->label, QStringLiteral("Rudower Chaussee / Kekuléstraße"));
        const auto any = searchCity(scene, QStringLiteral("Rudower / straße"));
        QVERIFY(any && any->id == kThreeStreets);
        QCOMPARE(any->label, QStringLiteral("Rudower Chaussee / Wegedornstraße / Ernst-Ruska-Ufer (2 other junction(s) match too: type more of a name)"));
        QVERIFY(!any->box.contains(city->devices[kEastSignal].position));
        // Each piece names a street of its own: two pieces of one street are not a junction.
        QVERIFY(!searchCity(scene, QStringLiteral("Rudower / Chaussee")));
        // A street that does not meet the other there finds no junction (and no street of that name either).
        QVERIFY(!searchCity(scene, QStringLiteral("Rudower / Alexanderplatz")));
        // A device id with a slash is still the device, not a junction.
        const auto feeder = searchCity(scene, QStringLiteral("fdr/1-1"));
        QVERIFY(feeder && feeder->id == kFeeder);
        QVERIFY(searchVocabulary(*city).contains(QStringLiteral("Rudower Chaussee / Wegedornstraße")));
        QVERIFY(!searchVocabulary(*makeCity()).join(QLatin1Char('|')).contains(QLatin1String(" / ")));   // no names, no junction
    }
};

QTEST_MAIN(TestPlaces)
#include "tst_places.moc"
