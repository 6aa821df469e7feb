#pragma once

#include "core/engine.h"
#include "livecity.h"
#include "map/mapscene.h"

#include <QMainWindow>
#include <QTimeZone>

#include <memory>

class QLabel;

namespace cityops {

class MapView;
class DetailsPanel;
class IncidentPanel;
class EnergyPanel;

/// The console: map in the middle, details and incidents on the right, energy below, status along the bottom.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Engine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    MapView *mapView() const { return m_map; }
    LiveCity &liveCity() { return *m_live; }
    IncidentPanel *incidentPanel() const { return m_incidents; }
    DetailsPanel *detailsPanel() const { return m_details; }
    EnergyPanel *energyPanel() const { return m_energy; }
    /// Pulls the latest state into every panel at once (used before screenshots).
    void refreshNow();

private:
    void buildMenus();
    void buildStatusBar();
    void updateStatus();
    void showLinkStatus(const LinkStatus &status);
    void focusIncident(IncidentId id);
    void showAbout();
    void showShortcuts();

    Engine &m_engine;
    std::unique_ptr<MapScene> m_scene;
    LiveCity *m_live;
    MapView *m_map;
    DetailsPanel *m_details;
    IncidentPanel *m_incidents;
    EnergyPanel *m_energy;
    QTimeZone m_zone;
    QLabel *m_linkLabel;
    QLabel *m_rateLabel;
    QLabel *m_dropLabel;
    QLabel *m_offlineLabel;
    QLabel *m_pointerLabel;
    QLabel *m_clockLabel;
};

} // namespace cityops
