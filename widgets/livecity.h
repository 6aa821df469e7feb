#pragma once

#include "engine/engine.h"
#include "state/loadhistory.h"
#include "citymirror.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>

namespace cityops {

/// The GUI's window onto the engine: once per frame it pulls "what changed since version V" from the StateStore
/// and the IncidentBook into the CityMirror mirror, and emits at most one coarse signal per kind of change. Nothing
/// here waits on I/O, and the engine never calls into the GUI.
class LiveCity : public QObject {
    Q_OBJECT
public:
    LiveCity(Engine &engine, CityMirror &scene, QObject *parent = nullptr);

    void start(int framesPerSecond = 30);
    /// Pulls changes now (the frame timer calls this; tests and screenshots may too).
    void refresh();
    /// Pulls everything now, the rate-limited lists too (screenshots, tests).
    void refreshAll();

    Engine &engine() { return m_engine; }
    CityMirror &scene() { return m_scene; }
    const LoadHistory::Series &loads() const { return m_loads; }
    double eventsPerSecond() const { return m_eventsPerSecond; }
    /// The instant on screen: the live clock, or the replay position.
    std::int64_t nowMs() const { return m_source->nowMs(); }

    /// Shows another source (a replay) instead of the live engine; nullptr returns to live. Everything on screen
    /// is re-read from the new source at once.
    void setSource(const CityStateSource *source);
    bool isLive() const { return m_source == &m_engine; }
    /// Live, and this console cannot hear the broker now (Engine::hearsOtherConsoles): what it knows of the other
    /// consoles is as last heard. Never in replay.
    bool cannotHearOtherConsoles() const { return isLive() && !m_engine.hearsOtherConsoles(); }
    /// The stores on screen (thread-safe readers), for panels that need more than the scene mirrors.
    const CityStateSource &source() const { return *m_source; }

Q_SIGNALS:
    void devicesChanged();
    void incidentsChanged();
    void alarmsChanged();
    void ordersChanged();
    void journalChanged();
    void loadsChanged();
    void trafficChanged();
    void vehiclesChanged();
    /// Once a second: clock, event rate, link status.
    void secondElapsed();

private:
    void tick();

    Engine &m_engine;
    const CityStateSource *m_source;
    CityMirror &m_scene;
    QTimer m_frame;
    std::uint64_t m_stateVersion = 0;
    std::uint64_t m_incidentVersion = ~std::uint64_t(0);
    std::uint64_t m_loadVersion = ~std::uint64_t(0);
    std::uint64_t m_alarmVersion = ~std::uint64_t(0);
    std::uint64_t m_orderVersion = ~std::uint64_t(0);
    bool m_reservationsDeaf = false;   ///< the reservations were read while this console could not hear the broker
    std::int64_t m_reservationLapseMs = 0;   ///< when the next order still holding devices stops holding them; 0: none
    std::uint64_t m_journalVersion = ~std::uint64_t(0);
    std::uint64_t m_trafficVersion = ~std::uint64_t(0);
    std::uint64_t m_vehicleVersion = ~std::uint64_t(0);
    std::vector<StateStore::Change> m_changes;
    LoadHistory::Series m_loads;
    bool m_loadsPending = false;   ///< live history changed since the chart last heard
    QElapsedTimer m_second;
    QElapsedTimer m_lastLists;   ///< when the alarm, order and log lists were last pulled
    std::deque<std::pair<std::int64_t, std::uint64_t>> m_processedHistory;   ///< (elapsedClockMs, events processed)
    double m_eventsPerSecond = 0;
};

} // namespace cityops
