#pragma once

#include "engine/engine.h"
#include "ops/greenwavefollower.h"
#include "state/vehiclebook.h"

#include <QObject>

#include <map>
#include <memory>

namespace cityops {

/// One green wave in the console: follows a vehicle's reports from the location feed and, for each signal ahead,
/// asks for a pre-emption of the phase serving the vehicle's movement when its ETA drops below the lead time, and
/// a restore once it has passed (GreenWaveFollower decides; this turns its steps into ordinary orders).
///
/// Every pre-emption is an ordinary high-risk order issued by the person who started the wave; the supervisor who
/// pre-approved the whole wave approves each as it is issued (their approval is recorded per order, as any other).
/// A release waits until its signal's pre-emption is confirmed (the signal is reserved until then) and is asked
/// again until taken. Lives on the thread that feeds it (the GUI thread); answers from the engine come back to it.
class GreenWaveRun : public QObject {
    Q_OBJECT
public:
    struct Stats {
        int preemptionsAsked = 0;
        int preemptionsApproved = 0;
        int releasesAsked = 0;
        int refused = 0;            ///< requests the ops logic refused (the last reason in lastRefusal)
        QString lastRefusal;
    };

    /// `approvalKey`: the approver's own key, opened with their password when they pre-approved the wave; it signs
    /// each pre-emption's approval for the devices (on a broker they refuse a pre-emption without it) and is dropped
    /// with the run. Null where the devices do not check approvals (the embedded link).
    GreenWaveRun(Engine &engine, QString vehicle, Actor requester, Actor approver, GreenWaveFollower::Settings settings = {},
                 QObject *parent = nullptr, std::shared_ptr<const CommandSigner> approvalKey = {});

    const QString &vehicle() const { return m_vehicle; }
    /// Feeds the vehicle's latest report (ignored when it is the one fed last).
    void update(const VehicleBook::Vehicle &report);
    /// The trip is over (the vehicle parked at its destination) and every held signal has been released.
    bool finished() const { return m_follower.finished() && m_releases.empty(); }
    const Stats &stats() const { return m_stats; }
    /// Signals pre-empted for the vehicle and not released yet.
    std::vector<std::uint32_t> held() const { return m_follower.held(); }

Q_SIGNALS:
    /// Something changed that a person watching the wave would want to see (a step asked, answered, refused).
    void progressed();
    void done();

private:
    static constexpr int kReleaseRetryMs = 250;
    static constexpr int kReleaseAttempts = 240;   ///< a minute of asking, four times a second
    void sayIfDone();
    void askRelease(std::uint32_t signal, int attempt);
    void refusedWith(const QString &why);
    /// Runs `then` on this object's thread with the engine's answer (the engine answers on its core thread).
    void request(const Actor &actor, OpsRequest request, std::function<void(const Result<OpsReceipt> &)> then);

    Engine &m_engine;
    QString m_vehicle;
    Actor m_requester;
    Actor m_approver;
    std::shared_ptr<const CommandSigner> m_approvalKey;
    GreenWaveFollower m_follower;
    std::uint64_t m_lastReport = 0;
    bool m_underway = false;   ///< has been reported on its way (a parked report before that is its station)
    std::map<std::uint32_t, bool> m_releases;   ///< signal -> a release request is on its way
    Stats m_stats;
    bool m_saidDone = false;
};

} // namespace cityops
