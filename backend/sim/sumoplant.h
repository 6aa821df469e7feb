#pragma once

#include "city/citymodel.h"
#include "city/sumonet.h"
#include "model/vehicle.h"
#include "sim/demandrepeat.h"
#include "sim/signalplant.h"

#include <QHash>
#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

class QProcess;

namespace cityops {

/// libtraci's connections are process-wide; one lock for every use of it.
std::mutex &traciLock();


/// How to run SUMO for a city: its network, its demand and the binary.
struct SumoSetup {
    QString networkFile;         ///< .net.xml of the city (the one its package was imported from)
    QStringList demandFiles;     ///< route or trip files (may be empty: signals without vehicles)
    QString sumoBinary = QStringLiteral("sumo");
    QString timezone;            ///< the city's zone: SUMO's clock is seconds since local midnight, as the demand is
    std::uint64_t seed = 1;
    std::int64_t stepMs = 1000;
    QStringList extraArguments;   ///< passed to sumo as they are (outputs such as --tripinfo-output)
    int startTimeoutMs = 20'000;
    /// The TraCI port SUMO listens on; 0: a free one. Found taken by another program as SUMO starts (it quits, or
    /// the other listens there first), SUMO starts again on a free one — up to three tries in all.
    int port = 0;
    /// Traffic SUMO runs on its own before it takes the signals over, so the roads are full when it does (and again
    /// when it restarts): run in one TraCI step before anything is subscribed, so it costs only SUMO's own time.
    std::int64_t warmUpMs = 0;
    /// Emergency vehicles parked at stations spread over the network (call signs ambulance-1 …), tracked and
    /// reported as a fleet; the operator sends them (planRoute, sendRoute).
    int emergencyFleet = 3;
    std::shared_ptr<QTemporaryDir> files;   ///< where the files were extracted to; removed with the last copy
    /// The days of demand after those in demandFiles, added while SUMO runs (null: none after them).
    std::shared_ptr<const DemandRepeat> repeat;
};

/// How long a city's traffic runs in SUMO before it takes the signals over: the roads are full at a peak by then.
inline constexpr std::int64_t kCityTrafficWarmUpMs = 15 * 60'000;

/// SUMO's files from a city package (cityops-import stores them), extracted to a temporary folder, with the city's
/// traffic warm-up; fails with a sentence when the package has no network (imported before packages carried it, or
/// not from SUMO).
Result<SumoSetup> sumoSetupFromPackage(const QString &packagePath, const CityModel &city);

/// The city's signals run by a real SUMO (a child process) through TraCI (libtracicpp): SUMO is started on the
/// city's network with its demand, stepped in lock-step with the simulator's clock and stopped with it. Readings
/// come from TraCI subscriptions (program, phase, next switch, state), so a step costs one round trip whatever
/// the number of signals. Commands become TraCI calls; a state string is checked against the signal's controlled
/// links before it is sent (SUMO quits on a wrong length).
///
/// libtraci keeps its connections in process-wide state; every call here holds one lock and selects this plant's
/// connection first, so two plants in one process do not mix (they do take turns).
class SumoPlant final : public SignalPlant {
public:
    SumoPlant(std::shared_ptr<const CityModel> city, SumoSetup setup);
    ~SumoPlant() override;

    QString name() const override { return QStringLiteral("SUMO"); }
    std::int64_t stepMs() const override { return m_setup.stepMs; }
    bool runs(std::uint32_t signal) const override;
    SignalReading reading(std::uint32_t signal) const override;
    std::vector<ApproachTraffic> traffic(std::uint32_t signal) const override;
    Status advanceTo(std::int64_t untilMs, std::vector<std::uint32_t> &changed) override;
    QString runProgram(std::uint32_t signal, int program) override;
    QString holdPhase(std::uint32_t signal, int phase) override;
    QString flash(std::uint32_t signal) override;
    QString dark(std::uint32_t signal) override;
    /// Starts SUMO (again) with its clock at `nowMs`, after it has run the setup's warm-up on its own; fails with a
    /// sentence when SUMO is missing, dies on start or the network does not match the city (a signal the city has
    /// and the network lacks, another number of links).
    Status start(std::int64_t nowMs) override;

    std::vector<VehiclePayload> vehicles() const override { return m_vehicles; }
    std::vector<RoadTraffic> roadTraffic() override;
    Result<PlannedRoute> planRoute(const QString &vehicle, GeoPoint destination) override;
    Status sendRoute(const PlannedRoute &route) override;

    /// Sets a state string as is (after the length and character checks): the checked door to SUMO's
    /// setRedYellowGreenState.
    QString setState(std::uint32_t signal, const QString &state);
    /// An emergency vehicle (class emergency) on the given edges, departing at `departMs` (SUMO then inserts it
    /// as its own traffic allows), tracked from then on. At the end of its route it leaves the network, or parks on
    /// its last road where a vehicle sent there would (parkingPositionM, no place asked for). Fails with SUMO's
    /// reason (an edge that does not exist, a broken route, a last road it may not stop on).
    enum class RouteEnd { Leaves, Parks };
    Status addEmergencyVehicle(const QString &id, const QStringList &edges, std::int64_t departMs, RouteEnd end = RouteEnd::Leaves);
    /// Where a vehicle SUMO drives is: speed and the signals ahead (from the rest of its route, with the link it
    /// will use at each); `arrived` once it has left the network after having been in it. Nothing while it waits to enter.
    std::optional<VehicleFix> vehicleFix(const QString &id);
    /// How far SUMO has run (simulator time, ms since the epoch). Safe from another thread.
    std::int64_t steppedToMs() const { return m_steppedToMs.load(); }
    /// SUMO's process id (tests kill it to see the console cope); 0 when not running.
    qint64 processId() const;
    /// SUMO's time in seconds for a simulator time.
    double sumoSeconds(std::int64_t ms) const { return m_beginS + static_cast<double>(ms - m_startMs) / 1000.0; }

private:
    Status launch(std::int64_t startMs);
    static constexpr int kPortAttempts = 3;
    /// How far ahead of the step the repeated demand's vehicles are added (they wait in SUMO for their departure).
    static constexpr double kRepeatAheadS = 60;
    /// Starts SUMO listening on m_port (`args` without the port): true once SUMO itself listens there, false when
    /// another program has the port, an error (SUMO stopped) otherwise.
    Result<bool> startListening(const QString &binary, QStringList args, const QString &log);
    void subscribeApproaches(std::uint32_t signal);
    /// Adds the repeated demand's vehicles and people departing up to `untilS` (SUMO's time) that are not added yet;
    /// called with the lock held, on this plant's connection.
    void addRepeatedDemand(double untilS);
    /// Sets a repeated vehicle's stops, its day's `until` times moved with it; throws what TraCI throws.
    void addStops(const DemandRepeat::Due &due);
    /// A person of a repeated day, with each step of its plan; removed again when SUMO will not take one of them.
    void addPerson(const DemandRepeat::Due &due);
    double m_demandAddedToS = 0;   ///< SUMO time up to which the repeated demand's vehicles and people have been added
    long long m_demandDaySaid = -1;   ///< the last day whose repeat was said in the log
    int m_demandRefused = 0;       ///< of that day, vehicles and people SUMO would not take
    void readTraffic();
    struct LaneFigures {
        int halting = 0;
        int vehicles = 0;
        double occupancyPct = 0;
    };
    std::unordered_map<std::string, LaneFigures> m_laneFigures;   ///< the lanes subscribed, as of the last step
    // The roads' traffic (sumoroads.cpp): SUMO's edges of each city road (both directions of a street).
    void mapRoads();
    struct EdgeOfRoad {
        std::uint32_t road = 0;
        bool reverse = false;   ///< SUMO's "-X": against the road's drawn direction
        int lanes = 0;          ///< 0 until read from SUMO (the package keeps the drawn direction's only)
    };
    std::unordered_map<std::string, EdgeOfRoad> m_edgeRoad;
    // The tracked vehicles (sumovehicles.cpp); called with the lock held, on this plant's connection.
    void ensureEmergencyType();
    void placeFleet();
    void readVehicles();
    std::optional<VehiclePayload> readVehicle(const std::string &id);
    const GeoLine &edgeLine(const std::string &edge);
    /// The signals a route crosses, with the movement it takes there and the distance from `fromM` along its first road.
    std::vector<SignalAhead> signalsOn(const std::vector<std::string> &edges, double fromM);
    /// Whether a signal this plant runs controls the far end of `edge` (a movement leaves it through that signal).
    bool endsAtSignal(const std::string &edge) const;
    struct Station {
        QString vehicle;
        std::string edge;
        int lane = 0;   ///< the lane it parks on, halfway along
    };
    std::vector<Station> m_stations;                    ///< where the fleet parks (chosen once, kept across restarts)
    QStringList m_tracked;                              ///< the fleet and vehicles added since
    std::vector<VehiclePayload> m_vehicles;             ///< as of the last step
    std::unordered_map<std::string, GeoLine> m_edgeLines;
    std::unordered_map<std::string, double> m_edgeLengths;
    double edgeLength(const std::string &edge);
    /// (incoming edge, outgoing edge) -> the signal and link index that controls that movement
    std::map<std::pair<std::string, std::string>, SignalAhead> m_movements;
    Status connectAndCheck();
    void shutDown();
    /// Reads one signal's reading directly (after a command: SUMO applies set-calls at once).
    void refresh(std::uint32_t signal);

    // Change intervals (sumochange.cpp): a command that would take a green straight to red shows those movements
    // yellow for the program's yellow time first, and is carried out when it ends. Called with the lock held.
    struct Change {
        double untilS = 0;      ///< SUMO time when the yellow ends and the command is carried out
        bool hold = true;       ///< hold `value` (a phase of the running program), else run program `value`
        int value = 0;
        int showsPhase = 0;     ///< the phase reported meanwhile: the program's own yellow phase when one shows just that, else the one ended
    };
    /// Begins (or extends) the change interval before `next` (what the signal will show); false when nothing needs
    /// clearing and no interval runs: the caller then acts at once.
    bool beginChange(std::uint32_t signal, const std::string &tls, const std::vector<QString> &next, Change change);
    /// Carries out the commands whose change interval has ended by `nowS`.
    void finishChanges(double nowS, std::vector<std::uint32_t> &changed);
    double nextChangeS() const;
    void holdNow(std::uint32_t signal, const std::string &tls, int phase);
    void runProgramNow(std::uint32_t signal, const std::string &tls, int program);
    /// The reading of a signal in its change interval: showsPhase, switching when the yellow ends.
    void reportChange(std::uint32_t signal, SignalReading &r) const;
    std::unordered_map<std::uint32_t, Change> m_changes;
    bool m_stepped = false;   ///< SUMO has run a step since it started (before, nothing was shown: no yellow needed)
    QString died(const char *what, const std::exception &e);
    /// One command to a signal through TraCI: SUMO's refusal comes back as a sentence, a broken connection stops
    /// the plant; afterwards the signal's reading is what SUMO then shows.
    QString command(std::uint32_t signal, const char *what, const std::function<void(const std::string &tls)> &call);
    std::int64_t nextSwitchMs(double sumoSwitchS, double sumoNowS) const;

    std::shared_ptr<const CityModel> m_city;
    SumoSetup m_setup;
    std::unique_ptr<QProcess> m_process;
    std::string m_label;
    int m_port = 0;
    QString m_errorLog;   ///< SUMO's --error-log, read when it stops on start, removed with it
    bool m_connected = false;
    QString m_failure;                                  ///< why the plant stopped (empty while it runs)
    std::int64_t m_startMs = 0;   ///< simulator time of SUMO's first step (m_beginS), its warm-up's start
    std::int64_t m_liveMs = 0;    ///< simulator time at which it takes the signals over (the warm-up's end)
    std::atomic<std::int64_t> m_steppedToMs{0};
    double m_beginS = 0;
    std::vector<std::string> m_tls;                     ///< SUMO id per city signal ("" = not run by SUMO)
    std::vector<int> m_linkCount;                       ///< controlled links per signal, from SUMO itself
    std::vector<SignalReading> m_readings;
    /// Per signal, per approach: the incoming lanes of its links (SUMO's getControlledLinks), subscribed for their
    /// halting vehicles, vehicles and occupancy, which make the approach's figures at each step.
    std::vector<std::vector<std::vector<std::string>>> m_approachLanes;
    std::vector<std::vector<ApproachTraffic>> m_traffic;
    std::vector<QHash<QString, int>> m_programIndex;    ///< SUMO programID -> city program index, per signal
    QHash<QString, std::uint32_t> m_signalByTls;
    QHash<QString, bool> m_seenVehicles;                ///< tracked vehicles that have entered the network
    int m_routesAdded = 0;                              ///< names each added vehicle's route apart (SUMO keeps routes for good)
    /// Each tracked vehicle's present spell as the plant saw it begin: parked or not, and the step it began at.
    struct Spell {
        bool parked = false;
        std::int64_t sinceMs = -1;
    };
    QHash<QString, Spell> m_spells;
};

} // namespace cityops
