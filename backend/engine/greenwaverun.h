#pragma once

#include "engine/engine.h"
#include "ops/greenwavefollower.h"
#include "ops/triptally.h"
#include "state/vehiclebook.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>

namespace cityops {

/// One green wave in the console: follows a vehicle's reports from the location feed and, for each signal ahead,
/// asks for a pre-emption of the phase serving the vehicle's movement when its ETA drops below the lead time, and
/// a restore once it has passed (GreenWaveFollower decides; this turns its steps into ordinary orders).
///
/// Every pre-emption is an ordinary high-risk order issued by the person who started the wave; the supervisor who
/// pre-approved the whole wave approves each as it is issued (their approval is recorded per order, as any other).
/// A release waits until its signal's pre-emption is confirmed (the signal is reserved until then) and is asked
/// again until taken. Lives on the thread that feeds it (the GUI thread); answers from the engine come back to it.
///
/// Time passes for it on the console's clock even when no report comes (`tick`, every second on a timer): a hold
/// the vehicle does not reach in time is released and said (GreenWaveFollower's longest hold), and a feed that falls
/// silent is said once. A person may stop it at any time (`stop`): every held signal is released.
class GreenWaveRun : public QObject {
    Q_OBJECT
public:
    struct Stats {
        int preemptionsAsked = 0;
        int preemptionsApproved = 0;
        int releasesAsked = 0;
        int refused = 0;            ///< requests the ops logic refused (the last reason in lastRefusal)
        QString lastRefusal;
        int expired = 0;            ///< holds released because the vehicle had not come in time
        QString stoppedBy;          ///< who stopped the wave before the vehicle arrived (empty: nobody)
        int releasedOnStop = 0;     ///< signals it held when stopped
        bool handedOver = false;    ///< a new wave for the same vehicle took over what it held
    };

    /// `approvalKey`: the approver's own key, opened with their password when they pre-approved the wave; it signs
    /// each pre-emption's approval for the devices (on a broker they refuse a pre-emption without it) and is dropped
    /// with the run. Null where the devices do not check approvals (the embedded link).
    GreenWaveRun(Engine &engine, QString vehicle, Actor requester, Actor approver, GreenWaveFollower::Settings settings = {},
                 QObject *parent = nullptr, std::shared_ptr<const CommandSigner> approvalKey = {});

    const QString &vehicle() const { return m_vehicle; }
    const Actor &requester() const { return m_requester; }
    const Actor &approver() const { return m_approver; }
    /// The route the vehicle was sent on: its router's time and where it parks, against which the trip is told
    /// (without it, parking anywhere counts as arriving, and no planned time is said).
    void setPlan(const PlannedRoute &route);
    /// A vehicle that parks farther than this from where it was sent has not arrived (it stopped on the way: a
    /// patient found sooner, a road closed; or its simulation restarted it at its station).
    static constexpr double kArrivedWithinM = 100;
    /// The vehicle as the console's book had it when it was sent (its last report before): the trip is timed from
    /// its setting off after that — exactly, even when the reports fed later skip that one — or, were it already on
    /// its way (diverted), from then. Only the trip takes it; the wave follows the reports fed by `update`.
    void sentFrom(const VehicleBook::Vehicle &report);
    /// Feeds the vehicle's latest report (ignored when it is the one fed last).
    void update(const VehicleBook::Vehicle &report);
    /// Time passes with no report: releases what is due at `nowMs` (the console's clock) and says when the
    /// vehicle's feed has been silent too long. Called every second by the run's own timer.
    void tick(std::int64_t nowMs);
    /// The vehicle was sent again on a new route (diverted) while `earlier` followed it: this wave takes over what
    /// the earlier one holds (on the new route still held, the others released once behind or off it) and the
    /// earlier one ends without releasing anything itself.
    void takeOver(GreenWaveRun &earlier);
    /// A person ends the wave before the vehicle arrives: every held signal is released in their name, nothing
    /// more is pre-empted. Refused with a sentence for someone who may not command signals (the wave goes on).
    Status stop(const Actor &who);
    /// The trip is over (the vehicle parked at its destination, or the wave was stopped) and every held signal has
    /// been released.
    bool finished() const { return m_follower.finished() && m_releases.empty(); }
    const Stats &stats() const { return m_stats; }
    /// The vehicle's trip as its reports to this wave tell it: how long, how many stops.
    const TripTally &trip() const { return m_trip; }
    /// Once it has parked: how far from where it was sent (metres), -1 when no plan says where that is.
    double parkedFromDestinationM() const;
    /// It parked where it was sent (within kArrivedWithinM; anywhere, when no plan says where).
    bool arrivedAtDestination() const { return m_trip.arrived() && parkedFromDestinationM() <= kArrivedWithinM; }
    double plannedTravelS() const { return m_plannedTravelS; }
    /// Signals pre-empted for the vehicle and not released yet.
    std::vector<std::uint32_t> held() const { return m_follower.held(); }
    /// Signals whose release it is still asking for (its order not issued yet: most often the pre-emption is not
    /// confirmed yet).
    std::vector<std::uint32_t> releasing() const
    {
        std::vector<std::uint32_t> out;
        for (const auto &[signal, asked] : m_releases)
            out.push_back(signal);
        return out;
    }

Q_SIGNALS:
    /// Something changed that a person watching the wave would want to see (a step asked, answered, refused).
    void progressed();
    /// Something a person must know and may have to act on (a request refused, a hold released because the vehicle
    /// did not come, a silent feed), as a sentence.
    void warned(const QString &what);
    void done();

private:
    static constexpr int kReleaseRetryMs = 250;
    static constexpr int kReleaseAttempts = 240;   ///< a minute of asking, four times a second
    static constexpr std::int64_t kSilentFeedMs = 30'000;   ///< no report for this long while under way is said
    void carryOut(const std::vector<WaveStep> &steps);
    void sayIfDone();
    /// The wave's end, in the record beside its send: the trip and the signals it pre-empted (arrived only).
    void recordTheTrip();
    void askRelease(std::uint32_t signal, int attempt);
    void refusedWith(const QString &why);
    /// Runs `then` on this object's thread with the engine's answer (the engine answers on its core thread).
    void request(const Actor &actor, OpsRequest request, std::function<void(const Result<OpsReceipt> &)> then);

    Engine &m_engine;
    QString m_vehicle;
    Actor m_requester;
    Actor m_approver;
    Actor m_releaser;   ///< who releases the held signals: the requester, or whoever stopped the wave
    std::shared_ptr<const CommandSigner> m_approvalKey;
    GreenWaveFollower m_follower;
    TripTally m_trip;
    std::uint64_t m_lastReport = 0;
    std::int64_t m_lastReportMs = 0;   ///< console time of the last report fed
    bool m_saidSilent = false;
    bool m_underway = false;   ///< has been reported on its way (a parked report before that is its station)
    std::map<std::uint32_t, bool> m_releases;   ///< signal -> a release request is on its way
    Stats m_stats;
    bool m_saidDone = false;
    double m_plannedTravelS = 0;
    std::optional<GeoPoint> m_destination;
    GeoPoint m_lastPosition;   ///< of the last report fed
};

} // namespace cityops
