#pragma once

#include "city/citymodel.h"
#include "state/citystatesource.h"
#include "engine/corepipeline.h"
#include "state/eventqueue.h"
#include "state/incidentbook.h"
#include "state/loadhistory.h"
#include "state/sequencer.h"
#include "base/consoleclock.h"
#include "state/statestore.h"
#include "link/consolestatus.h"
#include "link/fieldlink.h"
#include "engine/liveopsloop.h"
#include "store/eventstore.h"
#include "store/storereader.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace cityops {

/// The backend's one entry point for the console: owns the city, the live state and the threads of the data flow
/// in ARCHITECTURE §2 — link thread -> bounded queue -> sequencer (core thread) -> StateStore, IncidentBook,
/// LoadHistory. The GUI only reads versioned snapshots from it; it never receives a signal per event.
class Engine : public QObject, public CityStateSource {
    Q_OBJECT
public:
    explicit Engine(std::shared_ptr<const CityModel> city, QObject *parent = nullptr);
    ~Engine() override;

    /// Records every sequenced event (and periodic snapshots) to `store`; call before start(). The sequence
    /// continues where the store ends.
    void attachStore(std::unique_ptr<EventStore> store);
    EventStore *store() const { return m_store.get(); }
    /// How the restart carried on from the recording (attachStore): `error` says why when nothing could be carried
    /// over (the console then starts with empty books, which a person must be told); otherwise the rows it went on
    /// without. Set before start(), read-only after.
    struct CarryOverOutcome {
        QString error;
        StoreReader::PassedOver passedOver;
        bool failed() const { return !error.isEmpty(); }
        bool troubled() const { return failed() || passedOver.count > 0 || passedOver.stateLostBeforeMs > 0; }
    };
    const CarryOverOutcome &carryOverOutcome() const { return m_carryOver; }
    /// Reads what the attached store already says of the gateways' and desks' keyrings, for MqttLinkOptions::recordedKeyringTurns
    /// (on whatever thread calls it, with a reader of its own); empty when nothing is recorded (no store).
    std::function<Result<QStringList>()> recordedKeyringTurns() const;
    /// How the attached store's recording stands, for MqttLinkOptions::ownRecording: its verdict (a store still
    /// checking its file loses nothing: recording) and its own words when it records nothing. Empty without a store
    /// (nothing to say). Cheap and thread-safe (a copy of the store's figures); valid until stop().
    std::function<std::pair<wire::ConsoleStatus::Recording, QString>()> ownRecording() const;

    /// Starts the core thread and the link on its own thread. The link is moved to that thread. The first event
    /// marks the session's start at `sessionStartMs` — the earliest time the link will report (the simulator
    /// replays recent history on start); 0 means now. The sign-in of `user` follows once the link is live.
    void start(std::unique_ptr<FieldLink> link, const QString &user = QString(), std::int64_t sessionStartMs = 0);
    /// Records something a person did as an event (thread-safe, never blocks: it does not wait on the core queue).
    void recordOperatorAction(OperatorAction action, const QString &user, const QString &detail = QString());
    /// Asks the live ops logic to do something on behalf of `actor` (acknowledge, approve, issue an order ...).
    /// Thread-safe and asynchronous: `done` is called on the core thread with the receipt or the refusal, after
    /// the resulting events have been applied. Before start() or after stop() it is refused at once.
    using OpsCallback = std::function<void(const Result<OpsReceipt> &)>;
    void request(const Actor &actor, OpsRequest request, OpsCallback done = {});
    /// A route for a tracked vehicle, planned by the link (co-simulation: SUMO's router); asynchronous, `done` is
    /// called on the link's thread. Refused at once when no link runs.
    void planRoute(const QString &vehicle, GeoPoint destination, FieldLink::RouteCallback done);
    /// Sends the vehicle on a planned route through the link; `done` on the link's thread.
    void sendRoute(const PlannedRoute &route, FieldLink::SentCallback done);
    /// Timeouts of the command pipeline; call before start().
    void setDispatchConfig(const DispatchConfig &config) { m_dispatchConfig = config; }
    /// Consoles sharing one field (MqttLink) allocate incident and order ids in the same space: a salt per
    /// console (e.g. from its broker client id) keeps their ranges apart. Call before start().
    void setIdSalt(std::uint32_t salt) { m_idSalt = salt; }
    /// Without a store there is no count of sessions to take the next number from (it is 1 then). A console on a
    /// shared field gives a fresh one here for each run, so that its orders do not take the numbers of its own
    /// earlier run, which other consoles still hold in their books (and refuse again). Call before start().
    void setSessionWithoutStore(std::uint32_t session) { m_sessionWithoutStore = std::max<std::uint32_t>(session, 1); }
    /// The session number this run's ids are made unique with: the store's, or the one given without a store.
    std::uint32_t session() const { return m_store ? m_store->session() : m_sessionWithoutStore; }
    /// Who people are in this console's directory, for re-authorising other consoles' operations (PeerGate); called
    /// on the core thread. Set before start().
    void setRoster(Roster roster) { m_roster = std::move(roster); }
    /// The city's response rules changed while the console runs (RulesWatch): incidents taken in from the core's next
    /// batch get these deadlines (those in keep theirs) and held signals these limits. Recorded as the city's action
    /// `rules-changed` with `changes` (ResponseRules::changesFrom). Thread-safe, never blocks.
    void setResponseRules(const ResponseRules &rules, const QString &changes);
    /// The rules in force: the city's as loaded, or the last set.
    ResponseRules responseRules() const;
    /// Who a change of the city's rules is recorded as: no person (a user name cannot hold parentheses).
    static inline const QString kCityActor = QStringLiteral("(city)");
    /// Whether order `id` was issued by this run of the console (not an earlier one, nor another console on the broker):
    /// the orders whose results this process follows — numbered in this run's range and booked as this console's own.
    /// Valid once start() has been called.
    bool issuedHere(std::uint32_t orderId) const;
    /// Stops the link, drains the queue and joins the threads. Safe to call twice.
    void stop();

    const CityModel &city() const { return *m_city; }
    std::shared_ptr<const CityModel> cityPtr() const { return m_city; }
    const CityBooks &books() const override { return m_pipeline.books(); }
    std::int64_t nowMs() const override { return m_clock.nowMs(); }
    /// The console's "now", started from the link's time base at start(); links and the GUI only read it.
    const ConsoleClock &clock() const { return m_clock; }

    struct Stats {
        std::uint64_t processed = 0;   ///< events sequenced since start
        std::uint64_t dropped = 0;     ///< events lost to a full queue (must stay 0; shown when not)
        std::uint64_t lastSeq = 0;
        std::uint64_t peerRefused = 0;   ///< other consoles' operations refused on re-authorisation
    };
    Stats stats() const;
    LinkStatus linkStatus() const;
    /// Whether this console hears the broker the other consoles speak on now: its link is connected. While it is not,
    /// what it knows of them is as last heard (ops/goneconsole.h). Thread-safe.
    bool hearsOtherConsoles() const { return linkStatus().state == LinkState::Connected; }
    LinkCounters linkCounters() const { return m_link ? m_link->counters() : LinkCounters{}; }
    std::vector<GatewaySummary> linkGateways() const { return m_link ? m_link->gateways() : std::vector<GatewaySummary>{}; }
    /// The gateway `device` reports through, as the link's tooltip tells of it; none on a link without gateways.
    std::optional<GatewaySummary> deviceGateway(DeviceIndex device) const;

Q_SIGNALS:
    /// Coarse notification (queued to the receiver's thread) that the link changed state.
    void linkStatusChanged(cityops::LinkStatus status);
    /// A person at another console put something on the video wall (re-authorised here); `request` is the wall
    /// request's JSON line (docs/WALL.md). Rare: one signal per request, queued to the receiver's thread.
    void wallRequested(const QString &user, const QString &request);
    /// setResponseRules was called (on the caller's thread): the rules in force are others now.
    void responseRulesChanged(const QString &changes);

private:
    struct PendingRequest {
        Actor actor;
        OpsRequest request;
        OpsCallback done;
    };
    void coreLoop();
    void serveRequests(bool live);
    void takeOperatorActions(std::vector<Event> &batch);

    std::shared_ptr<const CityModel> m_city;
    ConsoleClock m_clock;
    EventQueue m_queue;
    CorePipeline m_pipeline;
    std::atomic<std::uint64_t> m_processed{0};
    std::atomic<bool> m_running{false};
    std::thread m_core;
    QThread m_linkThread;
    std::unique_ptr<FieldLink> m_link;
    std::unique_ptr<EventStore> m_store;
    CarryOverOutcome m_carryOver;
    DispatchConfig m_dispatchConfig;
    std::uint32_t m_idSalt = 0;
    std::uint32_t m_sessionWithoutStore = 1;
    Roster m_roster;
    std::atomic<std::uint64_t> m_peerRefused{0};
    std::unique_ptr<LiveOpsLoop> m_driver;   ///< used on the core thread only
    mutable std::mutex m_requestMutex;
    std::vector<PendingRequest> m_requests;
    std::vector<Event> m_actions;   ///< operator actions waiting for the core (guarded by m_requestMutex)
    ResponseRules m_rules;          ///< in force (guarded by m_requestMutex)
    bool m_rulesChanged = false;    ///< not yet handed to the core (guarded by m_requestMutex)
};

} // namespace cityops
