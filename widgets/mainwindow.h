#pragma once

#include "engine/engine.h"
#include "livecity.h"
#include "citymirror.h"
#include "desklayout.h"
#include "store/exportjob.h"
#include "access/closequestion.h"
#include "wall/wallremote.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QTimeZone>

#include <memory>

class QLabel;
class QProgressBar;
class QToolButton;
class QLineEdit;
class QMenu;

namespace cityops {

class MapView;
class DetailsPanel;
class IncidentPanel;
class EnergyPanel;
class ReplayBar;
class ReplayController;
class OpsConsole;
class ReleaseBeforeClose;
class AccessControl;
class Annunciator;
class Authenticator;
class StatusLine;
class RecordCheckRunner;

/// The console: map in the middle, details and incidents on the right, energy below, status along the bottom.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// People sign in against `directory` (null: nobody can, and the console stays read-only).
    explicit MainWindow(Engine &engine, Authenticator *directory, QWidget *parent = nullptr);
    ~MainWindow() override;

    MapView *mapView() const { return m_map; }
    LiveCity &liveCity() { return *m_live; }
    IncidentPanel *incidentPanel() const { return m_incidents; }
    DetailsPanel *detailsPanel() const { return m_details; }
    EnergyPanel *energyPanel() const { return m_energy; }
    /// Pulls the latest state into every panel at once (used before screenshots).
    void refreshNow();

    /// Opens the recording in replay at `startMs` (0: its end), limited to [fromMs, toMs] when given.
    void startReplay(std::int64_t startMs = 0, std::int64_t fromMs = 0, std::int64_t toMs = 0);
    void returnToLive();
    /// File ▸ Export: asks for a window and formats, then exports in the background.
    void exportWindow();
    /// Flies the map to what a search text names (see searchCity); false and a status message when nothing matches.
    bool showSearchResult(const QString &query);
    bool isReplaying() const;
    ReplayController &replay() { return *m_replay; }
    ReplayBar *replayBar() const { return m_replayBar; }
    OpsConsole &ops() { return *m_ops; }
    AccessControl &access() { return *m_access; }
    Annunciator &annunciator() { return *m_annunciator; }
    /// Who is signed in (empty: nobody).
    QString currentUser() const;
    /// A recording to replay and export when this console does not record into it (a read-only or damaged store,
    /// opened read-only); `why` is shown where "Recording" would be.
    void setArchive(const QString &path, const QString &why);
    /// The recording replay and export read: the live store, or the archive.
    QString recordingPath() const;
    /// Puts the selected incident or device on the video wall of this machine (WallRemote), for a minute.
    void showOnWall();
    /// The local socket the wall listens on (tests use their own).
    void setWallName(const QString &name) { m_wallName = name; }
    /// On a broker, "Show on the wall" goes to the walls there as a signed operations message instead of a local socket.
    void setWallOverBroker(bool overBroker) { m_wallOverBroker = overBroker; }
    /// The city's package was changed but its response rules cannot be used (RulesWatch): said, those in force stay.
    void showRulesProblem(const QString &why);

    /// What closing the console now would leave undone (CloseQuestion says it before the console closes).
    ClosingCosts closingCosts() const;
    /// A run that ends on its own (--quit-after: screenshots, soaks) closes without the question; it is recorded all the same.
    void setAskBeforeClosing(bool ask) { m_askBeforeClosing = ask; }
    /// Closes without the question, because of `why` (the system stopping the console: "stopped by SIGTERM"), recorded
    /// with what closing left undone.
    void closeBecause(const QString &why);
protected:
    /// The first show puts the shipped docks at their sizes (DeskLayout).
    void showEvent(QShowEvent *event) override;
    /// Asks first (CloseQuestion), and records who closed the console and what it left undone.
    void closeEvent(QCloseEvent *event) override;

private:
    /// What a background export came to (the job's result, or why it stopped).
    struct ExportOutcome {
        bool ok = false;
        bool cancelled = false;
        QString text;   ///< the summary, or the error
        bool unreadable = false;   ///< refused for a row this release cannot read
    };
    /// Runs an export on the thread pool, with progress and cancel in the status bar.
    void startExport(const std::vector<ExportJob> &jobs);
    void exportFinished();
    /// After a refusal for rows this release cannot read: asks whether to export without them.
    void offerExportWithoutUnreadable(const QString &why);
    /// "Stop the green waves, then close": stops them and closes once the field shows their signals released.
    void closeOnceWavesReleased();
    void buildSessionMenu();
    void handOverShift();
    void showHandOver(const QString &from, const QString &note);
    void buildMenus();
    /// Replay ▸ Check the record (mainwindowcheck.cpp).
    void buildRecordCheck(QMenu *replay);
    void buildStatusBar();
    void buildSearch();
    void updateStatus();
    /// A field behind a broker that cannot be reached: the map says it shows the last reports, not the field now.
    void showLinkOnMap(const LinkStatus &status);
    void focusIncident(IncidentId id);
    void showResponseRules();
    void showAbout();
    void showShortcuts();

    Engine &m_engine;
    std::unique_ptr<CityMirror> m_scene;
    ReplayController *m_replay;
    ReplayBar *m_replayBar;
    LiveCity *m_live;
    MapView *m_map;
    DetailsPanel *m_details;
    IncidentPanel *m_incidents;
    EnergyPanel *m_energy;
    OpsConsole *m_ops = nullptr;
    AccessControl *m_access = nullptr;
    Annunciator *m_annunciator = nullptr;
    QLabel *m_annunciatorBanner = nullptr;
    QTimeZone m_zone;
    std::int64_t m_fieldSilentSinceMs = 0;   ///< the console's time the network link went down (0: it is up)
    QLineEdit *m_search = nullptr;
    StatusLine *m_statusLine = nullptr;
    QAction *m_startReplay = nullptr;
    QAction *m_returnLive = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_checkRecord = nullptr;
    QAction *m_stopRecordCheck = nullptr;
    RecordCheckRunner *m_recordCheck = nullptr;
    QFutureWatcher<ExportOutcome> *m_export = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QToolButton *m_exportCancel = nullptr;
    QString m_exportWindow;
    QString m_exportUser;
    std::vector<ExportJob> m_exportJobs;   ///< the export running or last run (offered again without unreadable rows)
    QString m_archivePath;
    DeskLayout m_layout{*this};
    QString m_archiveWhy;
    bool m_askBeforeClosing = true;
    QString m_closeReason;        ///< why it closes without asking (closeBecause), for the record
    bool m_closeRecorded = false;   ///< recorded once, however many close events follow
    QPointer<ReleaseBeforeClose> m_releasing;   ///< waiting for the waves' signals before closing
    QString m_wallName = WallRemote::defaultName();
    bool m_wallOverBroker = false;
};

} // namespace cityops
