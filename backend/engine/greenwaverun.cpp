#include "engine/greenwaverun.h"

#include "base/answeron.h"
#include "base/counted.h"

#include "base/logging.h"

#include <QTimer>

#include <cmath>

namespace cityops {
namespace {

/// A report as the book took it: with when its spell began and its stands over every report (what lets the trip be
/// told exactly whichever reports reach the wave).
VehicleFix fixAsBooked(const VehicleBook::Vehicle &report)
{
    VehicleFix fix = fixOf(report.report, report.timeMs);
    fix.spellSinceMs = report.spellSinceMs;
    fix.standsSoFar = report.stands.stands();
    return fix;
}

} // namespace

GreenWaveRun::GreenWaveRun(Engine &engine, QString vehicle, Actor requester, Actor approver, GreenWaveFollower::Settings settings,
                           QObject *parent, std::shared_ptr<const CommandSigner> approvalKey)
    : QObject(parent), m_engine(engine), m_vehicle(std::move(vehicle)), m_requester(std::move(requester)), m_approver(std::move(approver)), m_releaser(m_requester),
      m_approvalKey(std::move(approvalKey)), m_follower(engine.cityPtr(), settings)
{
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] { tick(m_engine.clock().nowMs()); });
    timer->start(1000);
}

void GreenWaveRun::request(const Actor &actor, OpsRequest request, std::function<void(const Result<OpsReceipt> &)> then)
{
    m_engine.request(actor, std::move(request),
                     answerOnMainThread<Result<OpsReceipt>>(this, [then = std::move(then)](GreenWaveRun *, const Result<OpsReceipt> &answer) {
                         then(answer);
                     }));
}

void GreenWaveRun::update(const VehicleBook::Vehicle &report)
{
    // A new report is a new count: two reports may carry the same time (the sequencer stamps none earlier than
    // the event before it, and the console's own orders may be ahead of a field running behind).
    if (report.report.id != m_vehicle || report.reports <= m_lastReport || m_follower.finished())
        return;
    m_lastReport = report.reports;
    const VehicleFix fix = fixAsBooked(report);
    m_trip.add(fix);
    // Parked before it set off (still at its station, the route not taken yet) is not the end of the trip.
    if (report.report.parked && !m_underway)
        return;
    m_underway = true;
    if (lcCore().isDebugEnabled()) {
        QString ahead;
        for (const SignalAhead &a : report.report.ahead)
            ahead += QStringLiteral(" %1/%2@%3").arg(a.signal).arg(a.linkIndex).arg(std::lround(a.distanceM));
        qCDebug(lcCore).noquote() << "green wave for" << m_vehicle << "at" << report.timeMs << "speed" << report.report.speedMps << "ahead" << ahead;
    }
    m_lastReportMs = report.timeMs;
    m_lastPosition = report.report.position;
    m_saidSilent = false;
    carryOut(m_follower.update(fix));
}

void GreenWaveRun::sentFrom(const VehicleBook::Vehicle &report)
{
    if (report.report.id != m_vehicle || report.reports <= m_lastReport || m_trip.started())
        return;
    // The first fix the trip takes: at its station, it sets off when its next spell begins; on its way already
    // (diverted), the trip counts from this report, not from when that spell began (TripTally).
    m_trip.add(fixAsBooked(report));
}

void GreenWaveRun::tick(std::int64_t nowMs)
{
    if (m_follower.finished())
        return;
    if (const auto due = m_follower.tick(nowMs); !due.empty())
        carryOut(due);
    if (m_underway && !m_saidSilent && nowMs - m_lastReportMs >= kSilentFeedMs) {
        m_saidSilent = true;
        Q_EMIT warned(QStringLiteral("no report from %1 for %2 s; its held signals are released if it does not reach them in time")
                          .arg(m_vehicle)
                          .arg((nowMs - m_lastReportMs) / 1000));
    }
}

void GreenWaveRun::takeOver(GreenWaveRun &earlier)
{
    if (&earlier == this || earlier.m_vehicle != m_vehicle || earlier.m_follower.finished())
        return;
    earlier.m_stats.handedOver = true;
    m_follower.adopt(earlier.m_follower.handOver());
    qCInfo(lcCore).noquote() << "green wave for" << m_vehicle << "takes over" << m_follower.held().size() << "held signals from the earlier one";
    Q_EMIT earlier.progressed();
    earlier.sayIfDone();   // done once its own releases in flight are through
    Q_EMIT progressed();
}

Status GreenWaveRun::stop(const Actor &who)
{
    if (!permits(who, Permission::RequestCommand))
        return makeError(refusal(who, Permission::RequestCommand));
    if (m_follower.finished())
        return Ok{};
    m_stats.stoppedBy = who.user;
    m_releaser = who;
    qCInfo(lcCore).noquote() << "green wave for" << m_vehicle << "stopped by" << who.user;
    const std::vector<WaveStep> releases = m_follower.stop();
    m_stats.releasedOnStop = static_cast<int>(releases.size());
    QStringList released;
    for (const WaveStep &step : releases)
        if (step.signal < m_engine.city().signals.size())
            released << m_engine.city().devices[m_engine.city().signals[step.signal].device].id;
    // In the record, beside the send: who ended the wave and what it let go (the releases are orders of their own).
    m_engine.recordOperatorAction(OperatorAction::StopWave, who.user,
                                  QStringLiteral("%1: green wave stopped, release asked for %2%3")
                                      .arg(m_vehicle)
                                      .arg(counted(released.size(), "signal"))
                                      .arg(released.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(released.join(QStringLiteral(", ")))));
    carryOut(releases);
    return Ok{};
}

void GreenWaveRun::carryOut(const std::vector<WaveStep> &steps)
{
    const CityModel &city = m_engine.city();
    for (const WaveStep &step : steps) {
        if (step.signal >= city.signals.size())
            continue;
        const QString &signalId = city.devices[city.signals[step.signal].device].id;
        qCDebug(lcCore).noquote() << "green wave for" << m_vehicle << (step.kind == WaveStep::Kind::Release ? "release" : "pre-empt")
                                  << signalId << "phase" << step.phase << "eta" << step.etaS;
        if (step.kind == WaveStep::Kind::Release) {
            if (step.expired) {
                ++m_stats.expired;
                Q_EMIT warned(QStringLiteral("%1 had not reached signal %2 %3 s after it was due there: released")
                                  .arg(m_vehicle, signalId)
                                  .arg(m_follower.settings().maxHoldMs / 1000));
            }
            askRelease(step.signal, 0);
            continue;
        }
        OrderSpec spec;
        spec.description = QStringLiteral("Green wave for %1: pre-empt (ETA %2 s)").arg(m_vehicle).arg(std::lround(step.etaS));
        spec.targets.push_back({city.signals[step.signal].device, CommandAction::SignalPreempt, step.phase, 0, 0});
        ++m_stats.preemptionsAsked;
        request(m_requester, request::IssueOrder{spec}, [this](const Result<OpsReceipt> &issued) {
            if (!issued)
                return refusedWith(issued.error());
            // The supervisor approved the whole wave when it started: each of its orders is approved as it comes.
            request(m_approver, request::DecideOrder{issued.value().ref, true, {}, m_approvalKey}, [this](const Result<OpsReceipt> &approved) {
                if (!approved)
                    return refusedWith(approved.error());
                ++m_stats.preemptionsApproved;
                Q_EMIT progressed();
            });
        });
    }
    Q_EMIT progressed();
    sayIfDone();
}

void GreenWaveRun::sayIfDone()
{
    if (finished() && !m_saidDone) {
        m_saidDone = true;
        if (m_trip.arrived() && m_stats.stoppedBy.isEmpty() && !m_stats.handedOver)
            recordTheTrip();
        Q_EMIT done();
    }
}

void GreenWaveRun::setPlan(const PlannedRoute &route)
{
    m_plannedTravelS = route.travelS;
    m_destination = route.destination;
}

double GreenWaveRun::parkedFromDestinationM() const
{
    return m_destination ? distanceMetres(m_lastPosition, *m_destination) : -1;
}

void GreenWaveRun::recordTheTrip()
{
    // Stable English, as every detail in the record (people read it in their language through Labels::activity);
    // whole seconds, so a supervisor can set it beside the plan and the vehicle's stored reports.
    const long long tripS = std::llround(m_trip.tripMs() / 1000.0);
    QString detail = arrivedAtDestination()
                         ? QStringLiteral("%1: arrived %2 s after setting off").arg(m_vehicle).arg(tripS)
                         : QStringLiteral("%1: parked %2 m from where it was sent, %3 s after setting off")
                               .arg(m_vehicle).arg(std::llround(parkedFromDestinationM())).arg(tripS);
    if (m_plannedTravelS > 0)
        detail += QStringLiteral(" (planned %1 s)").arg(std::llround(m_plannedTravelS));
    detail += QStringLiteral(", %1 on the way; %2 pre-empted and released").arg(counted(m_trip.stops(), "stop"), counted(m_stats.preemptionsAsked, "signal"));
    if (m_stats.expired > 0)
        detail += QStringLiteral(", %1 of them released before it came (not reached in time)").arg(m_stats.expired);
    m_engine.recordOperatorAction(OperatorAction::WaveOver, m_requester.user, detail);
}

void GreenWaveRun::askRelease(std::uint32_t signal, int attempt)
{
    m_releases[signal] = true;
    if (attempt == 0)
        ++m_stats.releasesAsked;
    OrderSpec spec;
    spec.description = QStringLiteral("Green wave for %1: release").arg(m_vehicle);
    spec.targets.push_back({m_engine.city().signals[signal].device, CommandAction::SignalRestore, 0, 0, 0});
    request(m_releaser, request::IssueOrder{spec}, [this, signal, attempt](const Result<OpsReceipt> &issued) {
        if (issued) {
            m_releases.erase(signal);
            Q_EMIT progressed();
            sayIfDone();
            return;
        }
        // Most often the pre-emption is not confirmed yet (its signal still reserved): ask again shortly, for as long
        // as a command may take to be confirmed; then say so and leave the signal to a person.
        if (attempt >= kReleaseAttempts) {
            m_releases.erase(signal);
            return refusedWith(QStringLiteral("signal %1 was not released: %2").arg(m_engine.city().devices[m_engine.city().signals[signal].device].id, issued.error()));
        }
        QTimer::singleShot(kReleaseRetryMs, this, [this, signal, attempt] { askRelease(signal, attempt + 1); });
    });
}

void GreenWaveRun::refusedWith(const QString &why)
{
    ++m_stats.refused;
    m_stats.lastRefusal = why;
    qCWarning(lcCore).noquote() << "green wave for" << m_vehicle << "- refused:" << why;
    Q_EMIT warned(why);
    Q_EMIT progressed();
}

} // namespace cityops
