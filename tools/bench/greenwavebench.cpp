#include "greenwavebench.h"

#include "benchutil.h"

#ifdef CITYOPS_HAVE_SUMO
#include "base/random.h"
#include "city/trafficfiles.h"
#include "engine/engine.h"
#include "link/simlink.h"
#include "engine/greenwaverun.h"
#include "ops/greenwavefollower.h"
#include "sim/sumoplant.h"
#include "sumobench.h"
#include "triptrace.h"

#include <libsumo/libtraci.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>
#include <QXmlStreamReader>

#include <atomic>

#include <fcntl.h>
#include <unistd.h>
#endif

namespace cityops::bench {

#ifndef CITYOPS_HAVE_SUMO
int runGreenWaveBench(const QCommandLineParser &, const QString &)
{
    std::fprintf(stderr, "cityops-bench greenwave: this build has no SUMO client (install the Debian package sumo and build again)\n");
    return 2;
}
#else
namespace {

const QString kVehicle = QStringLiteral("ev");

struct Route {
    QStringList edges;
    int signals = 0;
    double lengthM = 0;
};

/// A route from the seed through 5 to 12 signalised junctions and at least 1.5 km long: probe vehicles in a SUMO of
/// the bare network, SUMO's own router and its own list of the signals a vehicle will meet.
Route chooseRoute(const QString &network, std::uint64_t seed)
{
    Route chosen;
    {
        // libtraci says "Could not connect ... Retrying" on standard output while SUMO loads: keep stdout JSON only.
        std::fflush(stdout);
        const int saved = ::dup(1), null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        libtraci::Simulation::start({"sumo", "-n", network.toStdString(), "--no-step-log", "--no-warnings"}, -1, 60, "route-choice");
        std::fflush(stdout);
        ::dup2(saved, 1);
        ::close(saved);
        ::close(null);
    }
    std::vector<std::string> edges;
    for (const std::string &e : libtraci::Edge::getIDList()) {
        if (e.empty() || e.front() == ':')
            continue;
        const auto allowed = libtraci::Lane::getAllowed(e + "_0");   // cars may start and end there
        if (allowed.empty() || std::find(allowed.begin(), allowed.end(), "passenger") != allowed.end())
            edges.push_back(e);
    }
    Random random(seed * 7919 + 11);
    for (int attempt = 0; attempt < 4000 && chosen.edges.isEmpty(); ++attempt) {
        const std::string &from = edges[random.below(edges.size())], &to = edges[random.below(edges.size())];
        libsumo::TraCIStage stage;
        try {
            stage = libtraci::Simulation::findRoute(from, to);
        } catch (const libsumo::TraCIException &) {
            continue;
        }
        if (stage.edges.size() < 2 || stage.length < 1500)
            continue;
        const std::string probe = "probe" + std::to_string(attempt), route = "r" + std::to_string(attempt);
        try {
            libtraci::Route::add(route, stage.edges);
            libtraci::Vehicle::add(probe, route);
            libtraci::Simulation::step();
            const auto signals = libtraci::Vehicle::getNextTLS(probe);
            if (signals.size() >= 5 && signals.size() <= 12) {
                for (const std::string &e : stage.edges)
                    chosen.edges << QString::fromStdString(e);
                chosen.signals = static_cast<int>(signals.size());
                chosen.lengthM = stage.length;
            }
            libtraci::Vehicle::remove(probe);
        } catch (const libsumo::TraCIException &) {
        }
    }
    libtraci::Simulation::close();
    return chosen;
}

enum class Mode {
    Base,
    Wave,
    Bluelight,
    WaveAndBluelight,
    WaveParked,   ///< the wave, the vehicle parking at the end of its route (as one sent from the console does)
};

struct RunResult {
    bool arrived = false;
    double travelS = 0;
    double timeLossS = 0;   // SUMO's time lost against driving at its desired speed all the way
    int stops = 0;
    double speedFactor = 1;     // the vehicle's, as SUMO drew it
    double lossAtSignalsS = 0;  // its time loss on the roads into signals and in their junctions (from its trace)
    double lossElsewhereS = 0;
    double othersDelayS = 0;
    int others = 0;
    int preempted = 0;
    int ordersRefused = 0;
    int holdsExpired = 0;   // pre-emptions released because the vehicle had not come within the longest hold
    int stopsSeen = 0;      // stops as the console's wave counted them in the vehicle's reports
    double tripSeenS = -1;  // the trip as the console's wave timed it: only when the vehicle parks at the end
    double departS = -1;    // SUMO's: when the vehicle entered the network ...
    double parkedS = -1;    // ... and when it parked at the end (WaveParked)
    double lagP50S = 0;   // how far SUMO ran behind the console's clock while the vehicle drove
    double lagP95S = 0;
};

/// Reads SUMO's tripinfo: the vehicle's own figures and the mean time loss of the others that departed in a window
/// around it (unfinished trips included, as SUMO writes them at the end).
void readTripinfo(const QString &path, std::int64_t windowFromS, std::int64_t windowToS, RunResult &r)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QXmlStreamReader xml(&f);
    double lossSum = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != u"tripinfo")
            continue;
        const auto a = xml.attributes();
        if (a.value(QStringLiteral("id")) == kVehicle) {
            r.arrived = a.value(QStringLiteral("arrival")).toDouble() > 0;   // an unfinished trip says -1
            r.departS = a.value(QStringLiteral("depart")).toDouble();
            r.travelS = a.value(QStringLiteral("duration")).toDouble();
            r.timeLossS = a.value(QStringLiteral("timeLoss")).toDouble();
            r.stops = a.value(QStringLiteral("waitingCount")).toInt();
            r.speedFactor = a.value(QStringLiteral("speedFactor")).toDouble();
            continue;
        }
        const double depart = a.value(QStringLiteral("depart")).toDouble();
        if (depart >= windowFromS && depart <= windowToS) {
            lossSum += a.value(QStringLiteral("timeLoss")).toDouble();
            ++r.others;
        }
    }
    r.othersDelayS = r.others > 0 ? lossSum / r.others : 0;
}

/// Reads SUMO's stopinfo: when the vehicle's first stop began (-1: it made none).
double readStopStart(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"stopinfo"
            && xml.attributes().value(QStringLiteral("id")) == kVehicle)
            return xml.attributes().value(QStringLiteral("started")).toDouble();
    return -1;
}

/// What every run of one bench shares.
struct RunSetting {
    std::shared_ptr<const CityModel> city;
    double speed = 20;
    std::int64_t liveMs = 0;
    double leadS = GreenWaveFollower::Settings{}.leadS;
    SignalApproaches approaches;
    QString traceDir;   // empty: the traces are not kept
};

/// One trip of the vehicle on `route`; `name` ("base", "wave" …) names its kept trace.
RunResult runOnce(const RunSetting &setting, const Route &route, std::uint64_t seed, Mode mode, const char *name)
{
    const auto &city = setting.city;
    const double speed = setting.speed, leadS = setting.leadS;
    const std::int64_t liveMs = setting.liveMs;
    RunResult result;
    auto setup = sumoSetupFromPackage(defaultCityPackage(), *city);
    if (!setup) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(setup.error()));
        return result;
    }
    QTemporaryDir out;
    const QString prefix = setting.traceDir.isEmpty() ? out.filePath(QStringLiteral("run"))
                                                      : QDir(setting.traceDir).filePath(QStringLiteral("seed-%1-%2").arg(seed).arg(QLatin1String(name)));
    const QString tripinfo = prefix + QStringLiteral(".tripinfo.xml"), fcd = prefix + QStringLiteral(".fcd.xml");
    const QString stopinfo = prefix + QStringLiteral(".stopinfo.xml");
    setup->seed = seed;
    setup->extraArguments << QStringLiteral("--tripinfo-output") << tripinfo << QStringLiteral("--tripinfo-output.write-unfinished")
                          << QStringLiteral("true");
    if (mode == Mode::Bluelight || mode == Mode::WaveAndBluelight)
        setup->extraArguments << QStringLiteral("--device.bluelight.explicit") << kVehicle;
    if (mode == Mode::WaveParked)
        setup->extraArguments << QStringLiteral("--stop-output") << stopinfo << QStringLiteral("--stop-output.write-unfinished") << QStringLiteral("true");
    // The vehicle second by second: where its time went.
    setup->extraArguments << QStringLiteral("--fcd-output") << fcd << QStringLiteral("--device.fcd.explicit") << kVehicle;
    const std::int64_t departMs = liveMs + 30'000;
    const std::int64_t windowEndMs = departMs + 600'000;
    double departS = 0;
    {
        Engine engine(city);
        SimLinkOptions options;
        options.seed = seed;
        options.speed = speed;
        options.startMs = liveMs;
        options.warmUpHours = 0.25;
        options.parameters.signalMtbfHours = 1e12;        // the comparison is about traffic, not random faults
        options.parameters.signalCommLossMtbfHours = 1e12;
        options.parameters.commandRejectRate = 0;
        std::atomic<SumoPlant *> plant{nullptr};
        if (!startWithSumo(engine, city, options, setup.value(), liveMs - 15 * 60'000, plant)
            || !plant.load()->addEmergencyVehicle(kVehicle, route.edges, departMs,
                                                  mode == Mode::WaveParked ? SumoPlant::RouteEnd::Parks : SumoPlant::RouteEnd::Leaves)) {
            std::fprintf(stderr, "cityops-bench: the emergency vehicle could not be added\n");
            return result;
        }
        const Actor operatorOnDuty{QStringLiteral("bench-operator"), {Role::Operator}, {}};
        const Actor supervisor{QStringLiteral("bench-supervisor"), {Role::Supervisor}, {}};
        GreenWaveFollower::Settings wave;
        wave.leadS = leadS;
        // The console's own wave: fed by the vehicle's location feed as it reaches the console's books (a report a
        // simulated second), each pre-emption an order the supervisor pre-approved, each release an order.
        std::unique_ptr<GreenWaveRun> run;
        if (mode == Mode::Wave || mode == Mode::WaveAndBluelight || mode == Mode::WaveParked)
            run = std::make_unique<GreenWaveRun>(engine, kVehicle, operatorOnDuty, supervisor, wave);
        departS = plant.load()->sumoSeconds(departMs);
        std::vector<double> lagS;
        while (engine.clock().nowMs() < windowEndMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            QThread::msleep(10);
            if (const std::int64_t now = engine.clock().nowMs(); now >= departMs)
                lagS.push_back(std::max<std::int64_t>(0, now - plant.load()->steppedToMs()) / 1000.0);
            VehicleBook::Vehicle report;
            if (run && engine.vehicles().find(kVehicle, &report))
                run->update(report);
        }
        result.lagP50S = percentile(lagS, 50);
        result.lagP95S = percentile(lagS, 95);
        if (run) {
            result.preempted = run->stats().preemptionsAsked;
            result.stopsSeen = run->trip().stops();
            if (run->trip().arrived())
                result.tripSeenS = run->trip().tripMs() / 1000.0;
            result.ordersRefused = run->stats().refused;
            result.holdsExpired = run->stats().expired;
            if (run->stats().refused > 0)
                std::fprintf(stderr, "cityops-bench greenwave: %d request(s) refused, the last: %s\n", run->stats().refused,
                             qPrintable(run->stats().lastRefusal));
        }
        engine.stop();
    }   // the link and SUMO stop here: tripinfo is complete
    // The others: whoever departed from two minutes before to four minutes after the emergency vehicle.
    readTripinfo(tripinfo, static_cast<std::int64_t>(departS) - 120, static_cast<std::int64_t>(departS) + 240, result);
    if (mode == Mode::WaveParked)
        result.parkedS = readStopStart(stopinfo);
    if (const auto split = splitTimeLoss(fcd, kVehicle, result.speedFactor, setting.approaches)) {
        result.lossAtSignalsS = split->atSignalsS;
        result.lossElsewhereS = split->elsewhereS;
    } else {
        std::fprintf(stderr, "cityops-bench greenwave: %s\n", qPrintable(split.error()));
    }
    return result;
}

double median(std::vector<double> v) { return percentile(std::move(v), 50); }

/// Runs the wave on `route` once more with the vehicle parking at the end, and prints the trip and stops as SUMO
/// saw them (tripinfo's depart to the parking stop's start, its waiting count) beside the console's account.
void checkTripAccount(const RunSetting &setting, const Route &route, std::uint64_t seed)
{
    const RunResult parked = runOnce(setting, route, seed, Mode::WaveParked, "wave-parked");
    // (null: that side never saw the vehicle park)
    const QJsonValue sumoTrip = parked.departS >= 0 && parked.parkedS >= 0 ? QJsonValue(round2(parked.parkedS - parked.departS)) : QJsonValue();
    const QJsonValue consoleTrip = parked.tripSeenS >= 0 ? QJsonValue(round2(parked.tripSeenS)) : QJsonValue();
    emit({{"bench", "greenwave-parked"}, {"seed", double(seed)}, {"ev_trip_s_sumo", sumoTrip}, {"ev_trip_s_console", consoleTrip},
          {"trip_difference_s", sumoTrip.isNull() || consoleTrip.isNull() ? QJsonValue() : QJsonValue(round2(consoleTrip.toDouble() - sumoTrip.toDouble()))},
          {"stops_sumo", parked.stops}, {"stops_console", parked.stopsSeen}});
}

} // namespace

int runGreenWaveBench(const QCommandLineParser &parser, const QString &cityPath)
{
    if (!cityPath.isEmpty()) {
        std::fprintf(stderr, "cityops-bench greenwave: runs on the default city (its evening peak is the measured case)\n");
        return 2;
    }
    auto city = loadCity({});
    if (!city)
        return 1;
    bool seedOk = true;
    const std::uint64_t seed = parser.isSet(QStringLiteral("seed")) ? parser.value(QStringLiteral("seed")).toULongLong(&seedOk) : 1;
    if (!seedOk) {
        std::fprintf(stderr, "cityops-bench greenwave: --seed must be a non-negative whole number\n");
        return 2;
    }
    const int runs = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : 3;
    const double speed = parser.isSet(QStringLiteral("speed")) ? parser.value(QStringLiteral("speed")).toDouble() : 20;
    const double leadS = parser.isSet(QStringLiteral("lead")) ? parser.value(QStringLiteral("lead")).toDouble() : GreenWaveFollower::Settings{}.leadS;   // the console's own
    if (runs < 1 || runs > 50 || speed < 1 || speed > 100 || !(leadS >= 5 && leadS <= 300)) {
        std::fprintf(stderr, "cityops-bench greenwave: --runs must be 1 to 50, --speed 1 to 100 and --lead 5 to 300\n");
        return 2;
    }
    RunSetting setting;
    setting.traceDir = parser.value(QStringLiteral("trace"));
    if (parser.isSet(QStringLiteral("trace")) && !QFileInfo(setting.traceDir).isDir()) {
        std::fprintf(stderr, "cityops-bench greenwave: --trace needs an existing folder (\"%s\" is not one)\n", qPrintable(setting.traceDir));
        return 2;
    }
    const std::int64_t liveMs = eveningPeakMs(*city);
    QTemporaryDir files;
    auto extracted = trafficfiles::extract(defaultCityPackage(), files.path(), 1);
    if (!extracted) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(extracted.error()));
        return 1;
    }
    auto approaches = SignalApproaches::read(extracted->network);
    if (!approaches) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(approaches.error()));
        return 1;
    }
    setting.city = city;
    setting.speed = speed;
    setting.liveMs = liveMs;
    setting.leadS = leadS;
    setting.approaches = std::move(approaches).value();
    std::vector<double> signalLossBase, signalLossWave, otherLossBase, otherLossWave, signalCeiling;
    std::vector<double> baseS, waveS, stopsBase, stopsWave, delayBase, delayWave, cut, delayChange, signals, idealS, ceiling, removed;
    QJsonArray perRun;
    std::vector<Route> routes;
    RunResult firstBase;
    for (int k = 0; k < runs; ++k) {
        const std::uint64_t s = seed + static_cast<std::uint64_t>(k);
        const Route route = chooseRoute(extracted->network, s);
        if (route.edges.isEmpty()) {
            std::fprintf(stderr, "cityops-bench greenwave: no route through five signals found for seed %llu\n", static_cast<unsigned long long>(s));
            return 1;
        }
        const RunResult base = runOnce(setting, route, s, Mode::Base, "base");
        routes.push_back(route);
        if (k == 0)
            firstBase = base;
        const RunResult wave = runOnce(setting, route, s, Mode::Wave, "wave");
        if (!base.arrived || !wave.arrived || base.travelS <= 0 || wave.travelS <= 0) {
            std::fprintf(stderr, "cityops-bench greenwave: the emergency vehicle did not arrive (seed %llu)\n", static_cast<unsigned long long>(s));
            return 1;
        }
        baseS.push_back(base.travelS);
        waveS.push_back(wave.travelS);
        stopsBase.push_back(base.stops);
        stopsWave.push_back(wave.stops);
        delayBase.push_back(base.othersDelayS);
        delayWave.push_back(wave.othersDelayS);
        cut.push_back(100.0 * (base.travelS - wave.travelS) / base.travelS);
        // What no signal can buy back: the trip at the vehicle's desired speed all the way (SUMO's duration less its
        // time loss), so the cut has a ceiling; and how much of the time lost the wave removed.
        const double ideal = base.travelS - base.timeLossS;
        idealS.push_back(ideal);
        ceiling.push_back(100.0 * base.timeLossS / base.travelS);
        removed.push_back(base.timeLossS > 0 ? 100.0 * (base.travelS - wave.travelS) / base.timeLossS : 0);
        delayChange.push_back(base.othersDelayS > 0 ? 100.0 * (wave.othersDelayS - base.othersDelayS) / base.othersDelayS : 0);
        signals.push_back(route.signals);
        // What the wave could at most have cut: its own trip less every second it still lost at signals.
        signalCeiling.push_back(100.0 * (base.travelS - (wave.travelS - wave.lossAtSignalsS)) / base.travelS);
        signalLossBase.push_back(base.lossAtSignalsS);
        signalLossWave.push_back(wave.lossAtSignalsS);
        otherLossBase.push_back(base.lossElsewhereS);
        otherLossWave.push_back(wave.lossElsewhereS);
        perRun.append(QJsonObject{{"seed", double(s)}, {"signals", route.signals}, {"route_m", std::round(route.lengthM)},
                                  {"ev_s_base", base.travelS}, {"ev_s_wave", wave.travelS}, {"ev_s_ideal", round2(ideal)},
                                  {"cut_pct", round2(cut.back())}, {"cut_ceiling_pct", round2(ceiling.back())},
                                  {"time_loss_removed_pct", round2(removed.back())}, {"stops_base", base.stops}, {"stops_wave", wave.stops},
                                  {"ev_loss_at_signals_s_base", round2(base.lossAtSignalsS)}, {"ev_loss_at_signals_s_wave", round2(wave.lossAtSignalsS)},
                                  {"ev_loss_elsewhere_s_base", round2(base.lossElsewhereS)}, {"ev_loss_elsewhere_s_wave", round2(wave.lossElsewhereS)},
                                  {"cut_ceiling_signals_pct", round2(signalCeiling.back())},
                                  {"stops_wave_seen", wave.stopsSeen},
                                  {"others", base.others}, {"others_delay_s_base", round2(base.othersDelayS)},
                                  {"others_delay_s_wave", round2(wave.othersDelayS)}, {"preempted", wave.preempted},
                                  {"orders_refused", wave.ordersRefused}, {"holds_expired", wave.holdsExpired}, {"sim_lag_s_p50_wave", round2(wave.lagP50S)},
                                  {"sim_lag_s_p95_wave", round2(wave.lagP95S)}});
        std::fprintf(stderr, "cityops-bench greenwave: seed %llu: %.0f s -> %.0f s through %d signals (SUMO behind the clock: p50 %.1f s, p95 %.1f s)\n",
                     static_cast<unsigned long long>(s), base.travelS, wave.travelS, route.signals, wave.lagP50S, wave.lagP95S);
    }
    const Route &first = routes.front();
    QJsonArray edges;
    for (const QString &e : first.edges)
        edges.append(e);
    emit({{"bench", "greenwave"}, {"runs", runs}, {"speed", speed}, {"lead_s", leadS}, {"signals_on_route", median(signals)},
          {"ev_travel_s_base", median(baseS)}, {"ev_travel_s_wave", median(waveS)}, {"cut_pct", round2(median(cut))},
          {"ev_travel_s_ideal", round2(median(idealS))}, {"cut_ceiling_pct", round2(median(ceiling))},
          {"time_loss_removed_pct", round2(median(removed))},
          {"ev_loss_at_signals_s_base", round2(median(signalLossBase))}, {"ev_loss_at_signals_s_wave", round2(median(signalLossWave))},
          {"ev_loss_elsewhere_s_base", round2(median(otherLossBase))}, {"ev_loss_elsewhere_s_wave", round2(median(otherLossWave))},
          {"cut_ceiling_signals_pct", round2(median(signalCeiling))},
          {"stops_base", median(stopsBase)}, {"stops_wave", median(stopsWave)},
          {"others_delay_s_base", round2(median(delayBase))}, {"others_delay_s_wave", round2(median(delayWave))},
          {"others_delay_change_pct", round2(median(delayChange))}, {"per_run", perRun}, {"route_edges_first", edges}});
    // The same first route with SUMO's bluelight device instead of the console (the vehicle may cross a red slowly).
    const RunResult &base = firstBase;   // the same seed and route: SUMO's run without commands is the same
    const RunResult bluelight = runOnce(setting, first, seed, Mode::Bluelight, "bluelight");
    // And both, as a real emergency vehicle has them: the siren (others make way) and the green wave.
    const RunResult both = runOnce(setting, first, seed, Mode::WaveAndBluelight, "wave-bluelight");
    emit({{"bench", "greenwave-bluelight"}, {"seed", double(seed)}, {"ev_travel_s_base", base.travelS},
          {"ev_travel_s_bluelight", bluelight.travelS}, {"cut_pct", round2(100.0 * (base.travelS - bluelight.travelS) / std::max(1.0, base.travelS))},
          {"stops_base", base.stops}, {"stops_bluelight", bluelight.stops},
          {"others_delay_s_base", round2(base.othersDelayS)}, {"others_delay_s_bluelight", round2(bluelight.othersDelayS)},
          {"ev_travel_s_wave_and_bluelight", both.travelS}, {"stops_wave_and_bluelight", both.stops},
          {"cut_pct_wave_and_bluelight", round2(100.0 * (base.travelS - both.travelS) / std::max(1.0, base.travelS))},
          {"others_delay_s_wave_and_bluelight", round2(both.othersDelayS)}});
    // The console's own account of a trip against SUMO's: the same wave, the vehicle parking at the end as one sent
    // from the console does (the runs above leave the network, which ends no trip the console can see). On the first
    // route, or with --check-trips on every one.
    const int checked = parser.isSet(QStringLiteral("check-trips")) ? runs : 1;
    for (int k = 0; k < checked; ++k)
        checkTripAccount(setting, routes[size_t(k)], seed + static_cast<std::uint64_t>(k));
    return 0;
}
#endif

} // namespace cityops::bench
