#include "livecity.h"

#include "base/elapsedclock.h"

namespace cityops {

LiveCity::LiveCity(Engine &engine, CityMirror &scene, QObject *parent)
    : QObject(parent), m_engine(engine), m_source(&engine), m_scene(scene)
{
    connect(&m_frame, &QTimer::timeout, this, &LiveCity::tick);
    // The simulator's warm-up replays hours of history in a moment; the rate shown is the live rate only.
    connect(&engine, &Engine::linkStatusChanged, this, [this](const LinkStatus &status) {
        if (status.state == LinkState::Connected) {
            m_processedHistory.clear();
            m_processedHistory.push_back({elapsedClockMs(), m_engine.stats().processed});
        }
    });
}

void LiveCity::start(int framesPerSecond)
{
    m_second.start();
    m_processedHistory.push_back({elapsedClockMs(), m_engine.stats().processed});
    m_frame.start(1000 / std::clamp(framesPerSecond, 1, 60));
    refresh();
}

void LiveCity::setSource(const CityStateSource *source)
{
    m_source = source ? source : &m_engine;
    // Forget everything from the previous source: versions of different stores are not comparable.
    std::fill(m_scene.states.begin(), m_scene.states.end(), DeviceState{});
    m_scene.incidents.clear();
    m_stateVersion = 0;
    m_incidentVersion = ~std::uint64_t(0);
    m_alarmVersion = m_orderVersion = m_journalVersion = m_trafficVersion = m_vehicleVersion = ~std::uint64_t(0);
    m_reservationLapseMs = 0;
    m_lastLists.invalidate();
    m_loadVersion = ~std::uint64_t(0);
    refresh();
    m_loadVersion = m_source->loads().version();
    m_loads = m_source->loads().snapshot();
    m_loadsPending = false;
    Q_EMIT loadsChanged();
}

void LiveCity::refresh()
{
    m_scene.nowMs = m_source->nowMs();
    if (m_source->loads().version() != m_loadVersion) {
        m_loadVersion = m_source->loads().version();
        m_loads = m_source->loads().snapshot();
        if (isLive())
            m_loadsPending = true; // live, the chart follows at most once a second (tick)
        else
            Q_EMIT loadsChanged();
    }
    m_changes.clear();
    const std::uint64_t version = m_source->states().changedSince(m_stateVersion, m_changes);
    if (version != m_stateVersion) {
        for (const StateStore::Change &c : m_changes)
            m_scene.states[c.index] = c.state;
        m_stateVersion = version;
        Q_EMIT devicesChanged();
    }
    if (m_source->incidents().version() != m_incidentVersion) {
        m_incidentVersion = m_source->incidents().snapshot(m_scene.incidents);
        Q_EMIT incidentsChanged();
    }
    // Alarm, order and log lists are copied and rebuilt by their panels: live, at most four times a second (a
    // 10,000-target order changes every frame while it runs); in replay, at once.
    if (isLive() && m_lastLists.isValid() && m_lastLists.elapsed() < 250)
        return;
    m_lastLists.start();
    if (m_source->alarms().version() != m_alarmVersion) {
        m_alarmVersion = m_source->alarms().snapshot(m_scene.alarms);
        Q_EMIT alarmsChanged();
    }
    // Reservations as they hold now: an order past its expiry that its console never ended holds nothing
    // (Order::holdsDevicesAt), so they change with time as well as with the orders.
    const bool lapsed = m_reservationLapseMs > 0 && m_scene.nowMs >= m_reservationLapseMs;
    // While this console cannot hear the broker, what it released from a gone console's order is held for that order
    // again (ops/goneconsole.h): the map and Details show it so, as the dispatcher refuses it.
    const bool deaf = cannotHearOtherConsoles();
    if (m_source->orders().version() != m_orderVersion || lapsed || deaf != m_reservationsDeaf) {
        m_orderVersion = m_source->orders().snapshot(m_scene.orders);
        m_scene.reservations = m_source->orders().reservations(m_scene.nowMs);
        if (deaf)
            for (const auto &held : m_source->orders().releasedReservations(m_scene.nowMs))
                m_scene.reservations.push_back(held);
        m_reservationsDeaf = deaf;
        m_scene.consoles = m_source->orders().consoles();
        m_reservationLapseMs = 0;
        for (const Order &o : m_scene.orders)
            if (o.holdsDevicesAt(m_scene.nowMs) && o.expiresMs > 0) {
                const std::int64_t lapse = o.expiresMs + kExpiryClockGraceMs + 1;
                m_reservationLapseMs = m_reservationLapseMs == 0 ? lapse : std::min(m_reservationLapseMs, lapse);
            }
        Q_EMIT ordersChanged();
    }
    if (m_source->traffic().version() != m_trafficVersion) {
        m_trafficVersion = m_source->traffic().snapshot(m_scene.traffic);
        m_source->traffic().snapshot(m_scene.roads);
        Q_EMIT trafficChanged();
    }
    if (m_source->vehicles().version() != m_vehicleVersion) {
        m_vehicleVersion = m_source->vehicles().snapshot(m_scene.vehicles);
        Q_EMIT vehiclesChanged();
    }
    if (m_source->activity().version() != m_journalVersion) {
        m_journalVersion = m_source->activity().snapshot(m_scene.journal);
        Q_EMIT journalChanged();
    }

}

void LiveCity::refreshAll()
{
    m_lastLists.invalidate();
    refresh();
}

void LiveCity::tick()
{
    refresh();
    if (m_second.elapsed() >= 1000) {
        // Rate over the last five seconds: steady enough to read, recent enough to notice a stall.
        m_second.restart();
        m_processedHistory.push_back({elapsedClockMs(), m_engine.stats().processed});
        if (m_processedHistory.size() > 6)
            m_processedHistory.pop_front();
        const auto &[t0, n0] = m_processedHistory.front();
        const auto &[t1, n1] = m_processedHistory.back();
        m_eventsPerSecond = t1 > t0 ? static_cast<double>(n1 - n0) * 1000.0 / static_cast<double>(t1 - t0) : 0.0;
        if (m_loadsPending) {
            m_loadsPending = false;
            Q_EMIT loadsChanged();
        }
        Q_EMIT secondElapsed();
    }
}

} // namespace cityops
