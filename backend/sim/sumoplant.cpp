#include "sim/sumoplant.h"

#include "base/logging.h"
#include "city/trafficfiles.h"
#include "sim/changeinterval.h"
#include "sim/citysimulator.h"
#include "sim/localport.h"
#include "sim/sumofiles.h"

#include <QDateTime>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimeZone>

#include <libsumo/libtraci.h>

#include <cctype>

#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cmath>
#include <functional>
#include <mutex>

namespace cityops {

std::mutex &traciLock()
{
    static std::mutex lock;
    return lock;
}

namespace {

std::atomic<int> g_nextLabel{0};

QString tail(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll().trimmed();
    const QList<QByteArray> lines = all.split('\n');
    QStringList last;
    for (qsizetype i = std::max<qsizetype>(0, lines.size() - 3); i < lines.size(); ++i)
        last << QString::fromUtf8(lines[i]).trimmed();
    return last.join(QStringLiteral(" | "));
}

} // namespace

Result<SumoSetup> sumoSetupFromPackage(const QString &packagePath, const CityModel &city)
{
    sumofiles::sweepStale();
    SumoSetup setup;
    setup.files = std::make_shared<QTemporaryDir>(sumofiles::folderTemplate());
    if (!setup.files->isValid())
        return makeError(QStringLiteral("no temporary folder for SUMO's files: %1").arg(setup.files->errorString()));
    auto extracted = trafficfiles::extract(packagePath, setup.files->path());
    if (!extracted)
        return makeError(QStringLiteral("this city cannot run in SUMO: %1").arg(extracted.error()));
    setup.networkFile = extracted->network;
    if (!extracted->demand.isEmpty()) {
        setup.demandFiles << extracted->demand;
        auto repeat = DemandRepeat::fromDay(extracted->day, trafficfiles::kDemandDaysWritten);
        if (!repeat)
            return makeError(QStringLiteral("this city cannot run in SUMO: %1").arg(repeat.error()));
        setup.repeat = std::make_shared<const DemandRepeat>(std::move(repeat).value());
    }
    setup.timezone = city.meta.timezone;
    setup.warmUpMs = kCityTrafficWarmUpMs;
    return setup;
}

SumoPlant::SumoPlant(std::shared_ptr<const CityModel> city, SumoSetup setup)
    : m_city(std::move(city)), m_setup(std::move(setup))
{
    const size_t n = m_city->signals.size();
    m_tls.resize(n);
    m_linkCount.assign(n, 0);
    m_readings.resize(n);
    m_approachLanes.assign(n, {});
    m_traffic.assign(n, {});
    m_programIndex.resize(n);
    mapRoads();
    m_failure = QStringLiteral("the traffic simulation has not started");
    for (size_t i = 0; i < n; ++i) {   // generated controllers are not on SUMO's network: the simulator keeps them
        m_tls[i] = m_city->signals[i].sumoTlsId.toStdString();
        if (!m_tls[i].empty())
            m_signalByTls.insert(m_city->signals[i].sumoTlsId, static_cast<std::uint32_t>(i));
    }
}

SumoPlant::~SumoPlant() { shutDown(); }

Status SumoPlant::start(std::int64_t nowMs)
{
    if (m_setup.stepMs < 10 || m_setup.stepMs > 10'000)
        return makeError(QStringLiteral("SUMO's step must be from 10 ms to 10 s, not %1 ms").arg(m_setup.stepMs));
    if (!QFileInfo(m_setup.networkFile).isReadable())
        return makeError(QStringLiteral("the city's road network for SUMO is missing (%1)").arg(m_setup.networkFile));
    auto launched = launch(nowMs);
    if (!launched)
        m_failure = launched.error();
    return launched;
}

Status SumoPlant::launch(std::int64_t startMs)
{
    shutDown();
    m_failure.clear();
    m_changes.clear();   // a new SUMO shows its programs from the start: nothing to end
    m_stepped = false;
    m_laneFigures.clear();   // a new SUMO: its lanes are subscribed again
    for (auto &t : m_traffic)
        t.clear();
    // A connection that broke cannot be closed cleanly and keeps its name in libtraci: every start takes a new one.
    m_label = "cityops-" + std::to_string(g_nextLabel++);
    // Writing to a SUMO that died must be an error to handle, not the end of the process.
    std::signal(SIGPIPE, SIG_IGN);
    const QString binary = QStandardPaths::findExecutable(m_setup.sumoBinary).isEmpty() && !QFileInfo(m_setup.sumoBinary).isExecutable()
                               ? QString() : m_setup.sumoBinary;
    if (binary.isEmpty())
        return makeError(QStringLiteral("SUMO is not installed (no \"%1\" to run): install the Debian package sumo").arg(m_setup.sumoBinary));
    // SUMO's clock is seconds since the city's local midnight, as the demand is; whole steps line up with ours.
    // It begins where its warm-up does (past midnight it runs on into the next day, as the demand does).
    QTimeZone zone(m_setup.timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const std::int64_t beginMs = startMs - std::max<std::int64_t>(0, m_setup.warmUpMs);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(beginMs, zone);
    const std::int64_t intoDay = local.time().msecsSinceStartOfDay();
    const std::int64_t aligned = intoDay - intoDay % m_setup.stepMs;
    m_startMs = beginMs - (intoDay - aligned);
    m_beginS = static_cast<double>(aligned) / 1000.0;
    m_liveMs = m_startMs + (startMs - m_startMs) / m_setup.stepMs * m_setup.stepMs;
    m_steppedToMs = m_startMs;
    m_demandAddedToS = m_beginS;   // a new SUMO starts within the days its demand file holds

    const QString log = m_errorLog = sumofiles::logPath(QString::fromStdString(m_label));
    QStringList args{QStringLiteral("--net-file"), m_setup.networkFile,
                     QStringLiteral("--begin"), QString::number(m_beginS, 'f', 3),
                     QStringLiteral("--step-length"), QString::number(static_cast<double>(m_setup.stepMs) / 1000.0, 'f', 3),
                     QStringLiteral("--num-clients"), QStringLiteral("1"),
                     QStringLiteral("--seed"), QString::number(m_setup.seed % 2'000'000'000),
                     QStringLiteral("--no-step-log"), QStringLiteral("true"),
                     QStringLiteral("--no-warnings"), QStringLiteral("true"),
                     QStringLiteral("--duration-log.disable"), QStringLiteral("true"),
                     QStringLiteral("--ignore-route-errors"), QStringLiteral("true"),
                     QStringLiteral("--time-to-teleport"), QStringLiteral("300"),
                     QStringLiteral("--xml-validation"), QStringLiteral("never"),
                     QStringLiteral("--error-log"), log};
    if (!m_setup.demandFiles.isEmpty())
        args << QStringLiteral("--route-files") << m_setup.demandFiles.join(QLatin1Char(','));
    args << m_setup.extraArguments;
    // The port is free when picked, but another program may take it before SUMO binds it: SUMO then quits saying
    // so — or, still reading its network, has not bound yet while the other already listens. So only SUMO's own
    // listening socket counts, and a port taken means starting SUMO again on another.
    for (int attempt = 1;; ++attempt) {
        m_port = attempt == 1 && m_setup.port > 0 ? m_setup.port : localport::freePort();
        if (m_port <= 0)
            return makeError(QStringLiteral("no free local port for SUMO"));
        auto listening = startListening(binary, args, log);
        if (!listening)
            return makeError(listening.error());
        if (listening.value())
            break;
        shutDown();
        if (attempt == kPortAttempts)
            return makeError(QStringLiteral("SUMO found its TraCI port taken by another program %1 times").arg(kPortAttempts));
        qCInfo(lcSim).noquote() << QStringLiteral("port %1 was taken by another program before SUMO could listen there: trying another").arg(m_port);
    }
    return connectAndCheck();
}

Result<bool> SumoPlant::startListening(const QString &binary, QStringList args, const QString &log)
{
    args << QStringLiteral("--remote-port") << QString::number(m_port);
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binary);
    m_process->setArguments(args);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(log);
    // SUMO goes with us even when we are killed (PR_SET_PDEATHSIG: when the thread that started it ends; a plant is
    // stopped by its owner before that).
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(5000))
        return makeError(QStringLiteral("SUMO did not start: %1").arg(m_process->errorString()));
    // Wait until it listens (it reads the network first), or says why it cannot.
    const QDeadlineTimer deadline(m_setup.startTimeoutMs);
    while (!localport::listensOn(m_process->processId(), m_port)) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0)) {
            const QString why = tail(log);
            if (why.contains(QLatin1String("Address already in use")))
                return false;
            shutDown();   // and its log with it
            return makeError(QStringLiteral("SUMO stopped on start: %1").arg(why.isEmpty() ? QStringLiteral("no message") : why));
        }
        if (deadline.hasExpired()) {
            shutDown();
            return makeError(QStringLiteral("SUMO did not open its TraCI port within %1 s").arg(m_setup.startTimeoutMs / 1000));
        }
        QThread::msleep(10);
    }
    return true;
}

Status SumoPlant::connectAndCheck()
{
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::init(m_port, 3, "localhost", m_label);
        m_connected = true;
        libtraci::Simulation::switchConnection(m_label);
        // The fleet first: parked at its stations by the time the console sees it.
        placeFleet();
        // The warm-up in one step and before any subscription: SUMO reports nothing in between, so this costs its
        // own simulation time only (a step at a time with the signals and lanes subscribed took four to five times
        // as long).
        if (m_liveMs > m_startMs) {
            QElapsedTimer warmUp;
            warmUp.start();
            libtraci::Simulation::step(sumoSeconds(m_liveMs));
            m_steppedToMs = m_liveMs;
            qCInfo(lcSim).noquote() << QStringLiteral("SUMO ran %1 s of traffic on its own in %2 ms").arg((m_liveMs - m_startMs) / 1000).arg(warmUp.elapsed());
        }
        const std::vector<std::string> ids = libtraci::TrafficLight::getIDList();
        for (std::uint32_t i = 0; i < m_city->signals.size(); ++i) {
            const SignalInfo &signal = m_city->signals[i];
            if (m_tls[i].empty())
                continue;
            const std::string &id = m_tls[i];
            if (std::find(ids.begin(), ids.end(), id) == ids.end())
                return makeError(QStringLiteral("SUMO's network has no traffic light \"%1\": it is not the network this city was imported from").arg(signal.sumoTlsId));
            // The length of its state string (getControlledLinks leaves out indexes with no connection left).
            const int links = static_cast<int>(libtraci::TrafficLight::getRedYellowGreenState(id).size());
            if (signal.linkCount > 0 && links != signal.linkCount)
                return makeError(QStringLiteral("traffic light \"%1\" controls %2 links in SUMO and %3 in the city: not the same network")
                                     .arg(signal.sumoTlsId).arg(links).arg(signal.linkCount));
            m_linkCount[i] = links;
            m_programIndex[i].clear();
            for (const libsumo::TraCILogic &logic : libtraci::TrafficLight::getAllProgramLogics(id))
                for (size_t k = 0; k < signal.programs.size(); ++k)
                    if (signal.programs[k].programId.toStdString() == logic.programID)
                        m_programIndex[i].insert(signal.programs[k].programId, static_cast<int>(k));
            libtraci::TrafficLight::subscribe(id, {libsumo::TL_CURRENT_PROGRAM, libsumo::TL_CURRENT_PHASE,
                                                   libsumo::TL_NEXT_SWITCH, libsumo::TL_RED_YELLOW_GREEN_STATE});
            subscribeApproaches(i);
        }
    } catch (const std::exception &e) {
        const QString why = died("connecting", e);
        return makeError(why);
    }
    for (std::uint32_t i = 0; i < m_tls.size(); ++i)
        if (!m_tls[i].empty())
            refresh(i);
    if (!m_failure.isEmpty())
        return makeError(m_failure);
    qCInfo(lcSim) << "SUMO runs" << std::count_if(m_tls.begin(), m_tls.end(), [](const std::string &s) { return !s.empty(); })
                  << "signals from" << sumoSeconds(m_liveMs) << "s of the day";
    return Ok{};
}

QString SumoPlant::died(const char *what, const std::exception &e)
{
    QString why = QString::fromStdString(e.what()).trimmed();
    if (m_process && (m_process->state() != QProcess::Running || m_process->waitForFinished(0)))
        why = QStringLiteral("SUMO exited (code %1)").arg(m_process->exitCode());
    m_failure = QStringLiteral("traffic simulation stopped while %1: %2").arg(QLatin1String(what), why);
    qCWarning(lcSim).noquote() << m_failure;
    return m_failure;
}

void SumoPlant::shutDown()
{
    if (m_connected) {
        std::lock_guard lock(traciLock());
        try {
            libtraci::Simulation::switchConnection(m_label);
            libtraci::Simulation::close();
        } catch (const std::exception &) {
            // already gone: nothing to close
        }
        m_connected = false;
    }
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(2000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
        QFile::remove(m_errorLog);
        m_process.reset();
    }
}

std::int64_t SumoPlant::nextSwitchMs(double sumoSwitchS, double sumoNowS) const
{
    // An actuated phase that may end at any step reports "now": its end is not known in advance.
    if (sumoSwitchS <= sumoNowS + 1e-6)
        return 0;
    return m_startMs + std::llround((sumoSwitchS - m_beginS) * 1000.0);
}

bool SumoPlant::runs(std::uint32_t signal) const { return signal < m_tls.size() && !m_tls[signal].empty(); }

SignalReading SumoPlant::reading(std::uint32_t signal) const { return m_readings.at(signal); }

std::vector<ApproachTraffic> SumoPlant::traffic(std::uint32_t signal) const { return m_traffic.at(signal); }

void SumoPlant::subscribeApproaches(std::uint32_t signal)
{
    // Called with the lock held, on this plant's connection.
    const std::vector<SignalApproach> approaches = signalApproaches(m_city->signals[signal]);
    const std::vector<std::vector<libsumo::TraCILink>> links = libtraci::TrafficLight::getControlledLinks(m_tls[signal]);
    std::vector<std::vector<std::string>> lanes(approaches.size());
    // Which movement a route's turn from one edge onto the next is (the green wave needs the link it uses).
    const auto edgeOf = [](const std::string &lane) { return splitLaneId(lane).edge; };
    for (size_t k = 0; k < links.size(); ++k)
        for (const libsumo::TraCILink &l : links[k])
            if (!l.fromLane.empty() && l.fromLane.front() != ':' && !l.toLane.empty())
                m_movements.emplace(std::pair{edgeOf(l.fromLane), edgeOf(l.toLane)}, SignalAhead{signal, static_cast<int>(k), 0});
    for (size_t a = 0; a < approaches.size(); ++a)
        for (const int k : approaches[a].links)
            if (k >= 0 && size_t(k) < links.size())
                for (const libsumo::TraCILink &l : links[size_t(k)])
                    // Internal lanes (a pedestrian crossing starts on a walking area) carry no queue of vehicles.
                    if (!l.fromLane.empty() && l.fromLane.front() != ':'
                        && std::find(lanes[a].begin(), lanes[a].end(), l.fromLane) == lanes[a].end())
                        lanes[a].push_back(l.fromLane);
    for (const auto &approachLanes : lanes)
        for (const std::string &lane : approachLanes)
            if (!m_laneFigures.contains(lane)) {
                libtraci::Lane::subscribe(lane, {libsumo::LAST_STEP_VEHICLE_HALTING_NUMBER, libsumo::LAST_STEP_VEHICLE_NUMBER,
                                                 libsumo::LAST_STEP_OCCUPANCY});
                m_laneFigures.emplace(lane, LaneFigures{});
            }
    m_approachLanes[signal] = std::move(lanes);
}

void SumoPlant::readTraffic()
{
    // SUMO's default car is 5 m long and stands 2.5 m behind the one in front.
    constexpr double kMetresPerQueuedVehicle = 7.5;
    // Called with the lock held, after a step: one round trip for every lane subscribed.
    for (const auto &[lane, variables] : libtraci::Lane::getAllSubscriptionResults()) {
        auto it = m_laneFigures.find(lane);
        if (it == m_laneFigures.end())
            continue;
        for (const auto &[variable, value] : variables) {
            if (variable == libsumo::LAST_STEP_VEHICLE_HALTING_NUMBER)
                it->second.halting = static_cast<const libsumo::TraCIInt &>(*value).value;
            else if (variable == libsumo::LAST_STEP_VEHICLE_NUMBER)
                it->second.vehicles = static_cast<const libsumo::TraCIInt &>(*value).value;
            else if (variable == libsumo::LAST_STEP_OCCUPANCY)
                it->second.occupancyPct = static_cast<const libsumo::TraCIDouble &>(*value).value;
        }
    }
    for (size_t i = 0; i < m_approachLanes.size(); ++i) {
        std::vector<ApproachTraffic> &traffic = m_traffic[i];
        traffic.clear();
        for (size_t a = 0; a < m_approachLanes[i].size(); ++a) {
            if (m_approachLanes[i][a].empty())
                continue;   // no lane of vehicles (a crossing): nothing to count
            int halting = 0, vehicles = 0, longest = 0;
            double occupancy = 0;
            for (const std::string &lane : m_approachLanes[i][a]) {
                const LaneFigures &f = m_laneFigures.at(lane);
                halting += f.halting;
                longest = std::max(longest, f.halting);
                vehicles += f.vehicles;
                occupancy += f.occupancyPct;
            }
            const size_t n = std::max<size_t>(1, m_approachLanes[i][a].size());
            traffic.push_back({static_cast<std::uint8_t>(a), static_cast<std::uint16_t>(std::clamp(halting, 0, 65535)),
                               static_cast<std::uint16_t>(std::clamp(vehicles, 0, 65535)),
                               static_cast<std::uint8_t>(std::clamp(std::lround(occupancy / double(n)), 0L, 100L)),
                               static_cast<std::uint16_t>(std::clamp(std::lround(longest * kMetresPerQueuedVehicle), 0L, 65535L))});
        }
    }
}

qint64 SumoPlant::processId() const { return m_process ? m_process->processId() : 0; }

Status SumoPlant::advanceTo(std::int64_t untilMs, std::vector<std::uint32_t> &changed)
{
    if (!m_failure.isEmpty())
        return makeError(m_failure);
    const std::int64_t steps = (untilMs - m_startMs) / m_setup.stepMs;
    const double target = m_beginS + static_cast<double>(steps * m_setup.stepMs) / 1000.0;
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        if (target <= libtraci::Simulation::getTime() + 1e-6)
            return Ok{};
        addRepeatedDemand(target + kRepeatAheadS);
        // Steps to the end of each change interval on the way, so that a yellow lasts what it should.
        for (double due = nextChangeS(); due < target - 1e-6; due = nextChangeS()) {
            if (due > libtraci::Simulation::getTime() + 1e-6)
                libtraci::Simulation::step(due);
            finishChanges(libtraci::Simulation::getTime(), changed);
        }
        libtraci::Simulation::step(target);
        m_stepped = true;
        m_steppedToMs = m_startMs + steps * m_setup.stepMs;
        readTraffic();
        readVehicles();
        const libsumo::SubscriptionResults results = libtraci::TrafficLight::getAllSubscriptionResults();
        for (std::uint32_t i = 0; i < m_tls.size(); ++i) {
            if (m_tls[i].empty())
                continue;
            const auto it = results.find(m_tls[i]);
            if (it == results.end())
                continue;
            SignalReading r = m_readings[i];
            for (const auto &[variable, value] : it->second) {
                if (variable == libsumo::TL_CURRENT_PHASE)
                    r.phase = static_cast<const libsumo::TraCIInt &>(*value).value;
                else if (variable == libsumo::TL_CURRENT_PROGRAM)
                    r.program = m_programIndex[i].value(QString::fromStdString(value->getString()), r.program);
                else if (variable == libsumo::TL_NEXT_SWITCH)
                    r.nextSwitchMs = nextSwitchMs(static_cast<const libsumo::TraCIDouble &>(*value).value, target);
                else if (variable == libsumo::TL_RED_YELLOW_GREEN_STATE)
                    r.state = QString::fromStdString(value->getString());
            }
            reportChange(i, r);
            if (!(r == m_readings[i])) {
                m_readings[i] = std::move(r);
                if (std::find(changed.begin(), changed.end(), i) == changed.end())
                    changed.push_back(i);
            }
        }
        finishChanges(target, changed);
    } catch (const std::exception &e) {
        return makeError(died("stepping", e));
    }
    return Ok{};
}

void SumoPlant::refresh(std::uint32_t signal)
{
    // Called with the lock held (by a command, or by the start-up checks).
    SignalReading &r = m_readings[signal];
    const std::string &id = m_tls[signal];
    try {
        libtraci::Simulation::switchConnection(m_label);
        r.phase = libtraci::TrafficLight::getPhase(id);
        r.program = m_programIndex[signal].value(QString::fromStdString(libtraci::TrafficLight::getProgram(id)), r.program);
        r.nextSwitchMs = nextSwitchMs(libtraci::TrafficLight::getNextSwitch(id), libtraci::Simulation::getTime());
        r.state = QString::fromStdString(libtraci::TrafficLight::getRedYellowGreenState(id));
        reportChange(signal, r);
    } catch (const std::exception &e) {
        died("reading a signal", e);
    }
}

QString SumoPlant::runProgram(std::uint32_t signal, int program)
{
    if (!runs(signal))
        return QStringLiteral("not run by SUMO");
    const auto &programs = m_city->signals[signal].programs;
    if (program < 0 || program >= static_cast<int>(programs.size()) || !m_programIndex[signal].contains(programs[program].programId))
        return QStringLiteral("no such program");
    return command(signal, "switching a program", [&](const std::string &tls) {
        // What the program will show when the yellow of what runs now ends (and when it starts, should the
        // program switch meanwhile): greens of neither are ended first.
        const SignalReading &now = m_readings[signal];
        const double nowS = libtraci::Simulation::getTime();
        const int yellowS = yellowSeconds(programs[static_cast<size_t>(std::clamp(now.program, 0, int(programs.size()) - 1))]);
        std::vector<QString> next;
        for (const double atS : {nowS, nowS + yellowS}) {
            std::int64_t remainingMs = 0;
            next.push_back(programs[program].phases[CitySimulator::phaseAt(programs[program], std::llround(atS * 1000.0), &remainingMs)].state);
        }
        if (!beginChange(signal, tls, next, Change{0, false, program, now.phase}))
            runProgramNow(signal, tls, program);
    });
}

QString SumoPlant::holdPhase(std::uint32_t signal, int phase)
{
    if (!runs(signal))
        return QStringLiteral("not run by SUMO");
    const SignalReading &now = m_readings[signal];
    const auto &programs = m_city->signals[signal].programs;
    if (now.program < 0 || now.program >= static_cast<int>(programs.size())
        || phase < 0 || phase >= static_cast<int>(programs[now.program].phases.size()))
        return QStringLiteral("no such phase");
    return command(signal, "holding a phase", [&](const std::string &tls) {
        if (!beginChange(signal, tls, {programs[now.program].phases[phase].state}, Change{0, true, phase, now.phase}))
            holdNow(signal, tls, phase);
    });
}

QString SumoPlant::setState(std::uint32_t signal, const QString &state)
{
    if (!runs(signal))
        return QStringLiteral("not run by SUMO");
    if (state.size() != m_linkCount[signal])
        return QStringLiteral("a state of %1 characters for a signal with %2 links").arg(state.size()).arg(m_linkCount[signal]);
    for (const QChar c : state)
        if (!QStringLiteral("rygGsuoO").contains(c))
            return QStringLiteral("\"%1\" is not a signal state").arg(c);
    return command(signal, "setting a state", [&](const std::string &tls) {
        m_changes.erase(signal);   // a state set as is (a flash) ends a change interval at once
        libtraci::TrafficLight::setRedYellowGreenState(tls, state.toStdString());
    });
}

QString SumoPlant::flash(std::uint32_t signal)
{
    if (!runs(signal))
        return QStringLiteral("not run by SUMO");   // (m_linkCount is per signal: check before reading it)
    return setState(signal, QString(m_linkCount[signal], QLatin1Char('o')));
}

QString SumoPlant::dark(std::uint32_t signal)
{
    if (!runs(signal))
        return QStringLiteral("not run by SUMO");
    return command(signal, "switching a signal off", [&](const std::string &tls) {
        m_changes.erase(signal);   // no power: dark now, whatever it was changing to
        libtraci::TrafficLight::setProgram(tls, "off");
    });
}

QString SumoPlant::command(std::uint32_t signal, const char *what, const std::function<void(const std::string &)> &call)
{
    std::lock_guard lock(traciLock());
    try {
        libtraci::Simulation::switchConnection(m_label);
        call(m_tls[signal]);
    } catch (const libsumo::TraCIException &e) {
        return QStringLiteral("SUMO refused: %1").arg(QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        return died(what, e);
    }
    refresh(signal);
    return m_failure;
}

} // namespace cityops
