#include "mainwindow.h"

#include "access/accesscontrol.h"
#include "access/handoverchecklist.h"
#include "consolestatusbar.h"
#include "desklayout.h"
#include "labels.h"
#include "map/mapview.h"
#include "panels/detailspanel.h"
#include "panels/energypanel.h"
#include "panels/incidentpanel.h"
#include "ops/annunciator.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "replay/replaybar.h"
#include "replay/replaycontroller.h"
#include "statusline.h"

#include "wall/wallremote.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QToolBar>
#include <QLocale>
#include <QMenuBar>
#include <QPointer>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <QFutureWatcher>
#include <QInputDialog>
#include <QShortcut>
#include <QShowEvent>
#include <QProgressBar>
#include <QToolButton>

namespace cityops {

MainWindow::MainWindow(Engine &engine, Authenticator *directory, QWidget *parent)
    : QMainWindow(parent), m_engine(engine), m_scene(std::make_unique<CityMirror>(engine.cityPtr())),
      m_zone(Labels::zone(engine.city()))
{
    setWindowTitle(tr("CityOps — %1").arg(engine.city().meta.name));
    m_live = new LiveCity(engine, *m_scene, this);

    m_map = new MapView(*m_scene, this);
    m_replay = new ReplayController(engine.cityPtr(), this);
    m_replayBar = new ReplayBar(*m_replay, m_zone, this);
    m_replayBar->hide();
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_replayBar);
    m_annunciatorBanner = new QLabel(this);
    m_annunciatorBanner->setObjectName(QStringLiteral("annunciator"));
    QFont bannerFont = m_annunciatorBanner->font();
    bannerFont.setPointSizeF(bannerFont.pointSizeF() * 1.3);
    m_annunciatorBanner->setFont(bannerFont);
    // A long list of what waits wraps; it never widens the window past its screen.
    m_annunciatorBanner->setWordWrap(true);
    m_annunciatorBanner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    centreLayout->addWidget(m_annunciatorBanner);
    centreLayout->addWidget(m_map, 1);
    setCentralWidget(centre);

    m_details = new DetailsPanel(*m_scene, m_live->loads(), this);
    // The gateway a device reports through now: not what it was at a replayed moment, so live only.
    m_details->setGatewayLookup([this](DeviceIndex device) -> std::optional<GatewaySummary> {
        return m_live->isLive() ? m_engine.deviceGateway(device) : std::nullopt;
    });
    m_details->setDeskClockLookup([this] { return deskClockOff(m_engine.linkGateways(), m_engine.linkCounters()); });
    auto *detailsDock = new QDockWidget(tr("Details"), this);
    detailsDock->setObjectName(QStringLiteral("details"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);

    m_incidents = new IncidentPanel(*m_scene, this);
    auto *incidentDock = new QDockWidget(tr("Incidents"), this);
    incidentDock->setObjectName(QStringLiteral("incidents"));
    incidentDock->setWidget(m_incidents);
    addDockWidget(Qt::RightDockWidgetArea, incidentDock);

    m_energy = new EnergyPanel(engine.cityPtr(), this);
    auto *energyDock = new QDockWidget(tr("Energy"), this);
    energyDock->setObjectName(QStringLiteral("energy"));
    energyDock->setWidget(m_energy);
    addDockWidget(Qt::BottomDockWidgetArea, energyDock);

    buildMenus();
    buildSearch();
    buildStatusBar();
    m_ops = new OpsConsole(*this, engine, *m_live, *m_map, *m_incidents);
    m_access = new AccessControl(*this, engine, directory, m_ops->client(), *m_live);
    m_ops->setAccess(m_access);
    // Details suggests the next step (a feeder's restore for the signals dark behind it, a signal's restore when held
    // past its limit); the order opens for the operator to check.
    connect(m_details, &DetailsPanel::planSuggested, m_ops, &OpsConsole::openPlan);
    connect(m_access, &AccessControl::handOverWaiting, this, &MainWindow::showHandOver);
    connect(m_access, &AccessControl::noticeForPerson, this, [this](const QString &notice) { m_ops->post(true, notice); });
    buildSessionMenu();
    // Annunciation: new critical items make a sound and ask for attention; the banner counts what waits.
    m_annunciator = new Annunciator(*m_live, *m_annunciatorBanner, this);
    auto *sound = new AnnunciatorSound(this);
    connect(m_annunciator, &Annunciator::soundRequested, sound, &AnnunciatorSound::play);
    connect(m_annunciator, &Annunciator::attentionRequested, this, [this] { QApplication::alert(this); });
    for (auto changed : {&LiveCity::incidentsChanged, &LiveCity::alarmsChanged, &LiveCity::ordersChanged})
        connect(m_live, changed, m_annunciator, &Annunciator::review);
    auto follow = [this] { m_annunciator->setActor(m_access->isLocked() ? Actor{} : m_ops->client().actor()); };
    connect(m_access, &AccessControl::signedIn, this, follow);
    connect(m_access, &AccessControl::signedOut, this, follow);
    connect(m_access, &AccessControl::lockChanged, this, follow);
    auto *silence = new QShortcut(QKeySequence(Qt::Key_F10), this);
    connect(silence, &QShortcut::activated, m_annunciator, &Annunciator::silence);
    // The docks as they ship, and each person's own arrangement from the last time they signed out here.
    connect(m_access, &AccessControl::signedIn, this, [this](const Actor &a) {
        m_layout.signedIn(a.user);
        m_ops->frontMessagesOnlyIfAny();
    });
    connect(m_access, &AccessControl::signedOut, this, [this] { m_layout.keep(); });
    tabifyDockWidget(energyDock, findChild<QDockWidget *>(QStringLiteral("commands")));
    energyDock->raise();

    connect(m_live, &LiveCity::devicesChanged, m_map, &MapView::sceneChanged);
    connect(m_live, &LiveCity::incidentsChanged, m_map, &MapView::sceneChanged);
    connect(m_live, &LiveCity::ordersChanged, m_map, &MapView::sceneChanged);
    connect(m_live, &LiveCity::trafficChanged, m_map, &MapView::sceneChanged);
    connect(m_live, &LiveCity::vehiclesChanged, m_map, &MapView::sceneChanged);
    connect(m_live, &LiveCity::incidentsChanged, m_incidents, &IncidentPanel::reload);
    connect(m_live, &LiveCity::incidentsChanged, m_details, &DetailsPanel::refresh);
    connect(m_live, &LiveCity::loadsChanged, this, [this] { m_energy->setSeries(m_live->loads()); });
    connect(m_live, &LiveCity::secondElapsed, this, [this] {
        m_details->refresh();
        m_incidents->tick();
        updateStatus();
    });
    connect(m_details, &DetailsPanel::followRequested, m_map, &MapView::setFollowing);
    connect(m_map, &MapView::followingChanged, m_details, &DetailsPanel::setFollowing);
    connect(m_map, &MapView::selectionChanged, this, [this](const MapSelection &selection) {
        m_details->refresh();
        m_incidents->showSelection(selection);
    });
    connect(m_map, &MapView::pointerMoved, this, [this](const GeoPoint &p) {
        m_statusLine->showPointer(p);
    });
    connect(m_incidents, &IncidentPanel::incidentActivated, this, &MainWindow::focusIncident);
    connect(m_replayBar, &ReplayBar::returnToLiveRequested, this, &MainWindow::returnToLive);
    connect(m_replay, &ReplayController::opened, this, [this] {
        m_live->setSource(m_replay->session());
        m_replayBar->show();
        m_replayBar->setFocus();
        m_map->setReplayMode(true);
        m_startReplay->setEnabled(false);
        m_returnLive->setEnabled(true);
        m_ops->setReplaying(true);
        m_engine.recordOperatorAction(OperatorAction::StartReplay, currentUser());
        statusBar()->clearMessage();
        updateStatus();
    });
    connect(m_replay, &ReplayController::aboutToClose, this, [this] { m_live->setSource(nullptr); });
    // Previous/next incident in replay: the incident is shown and selected, not only its time.
    connect(m_replay, &ReplayController::incidentReached, this, [this](quint32 id) {
        m_live->refreshAll();
        focusIncident(id);
        m_incidents->showSelection({MapSelection::Kind::Incident, id});
    });
    connect(m_replay, &ReplayController::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Replay: %1").arg(message), 15000);
        m_ops->post(true, tr("Replay: %1").arg(message));
    });
    connect(m_replay, &ReplayController::passedOver, this, [this](quint64 count, quint64, const QString &firstReason) {
        const QString said = Labels::replayPassedOver(count, firstReason);
        statusBar()->showMessage(said, 30000);
        m_ops->post(true, said);
    });
    connect(m_replay, &ReplayController::positionChanged, this, [this] {
        m_live->refresh();
        updateStatus();
    });
    connect(&engine, &Engine::linkStatusChanged, m_statusLine, &StatusLine::showLink);
    connect(&engine, &Engine::linkStatusChanged, this, &MainWindow::showLinkOnMap);
    // New rules reach the desks without a restart (RulesWatch): said where it stays, and Help shows them.
    connect(&engine, &Engine::responseRulesChanged, this, [this] {
        m_scene->rules = m_engine.responseRules();
        const QString said = tr("The city's response rules changed: new incidents get the new deadlines, those open keep theirs "
                                "(Help ▸ Response rules)");
        statusBar()->showMessage(said, 30000);
        m_ops->post(false, said);
    });
    // A restart that could not carry everything over from the recording says so where it stays (Messages).
    const Engine::CarryOverOutcome &carried = engine.carryOverOutcome();
    if (carried.troubled()) {
        const QString said = Labels::carryOver(carried.error, carried.passedOver, m_zone);
        statusBar()->showMessage(said, 60000);
        m_ops->post(true, said);
    }
    m_live->start(30);
    m_layout.captureShipped();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous())
        m_layout.shown();
}

MainWindow::~MainWindow()
{
    m_layout.keep();
    // A running export is told to stop and waited for: no thread outlives the window.
    if (m_export->isRunning()) {
        disconnect(m_export, nullptr, this, nullptr);
        m_export->cancel();
        m_export->waitForFinished();
    }
    // Children outlive our members during ~QWidget; leave replay while the scene still exists.
    disconnect(m_replay, nullptr, this, nullptr);
    m_live->setSource(nullptr);
    m_replay->close();
    // Everything that reads the scene goes before it (members die before child widgets). The map view waits for
    // its basemap tile worker, which reads the scene's road geometry.
    delete m_map;
    delete m_details;
    delete m_incidents;
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        delete dock;   // the alarm, order and log panels read the scene too
    delete m_access;   // acts through the ops console's client
    delete m_ops;
    delete m_live;
}

void MainWindow::refreshNow()
{
    m_live->refreshAll();
    m_energy->setSeries(m_live->loads()); // whatever is on screen: live or the replay at T
    m_incidents->reload();
    m_details->refresh();
    updateStatus();
    m_map->update();
}

void MainWindow::startReplay(std::int64_t startMs, std::int64_t fromMs, std::int64_t toMs)
{
    if (recordingPath().isEmpty()) {
        statusBar()->showMessage(tr("Replay needs a recording, and this console is not recording."), 10000);
        return;
    }
    // No flush here: the GUI never waits for the disk. The replay reaches the last group commit (≤ 50 ms ago) and
    // its timeline follows the growing recording.
    statusBar()->showMessage(tr("Opening the recording…"), 5000);
    m_replay->open(recordingPath(), startMs, fromMs, toMs);
}

void MainWindow::returnToLive()
{
    if (!m_replay->isOpen())
        return;
    m_replay->close();
    m_replayBar->hide();
    m_map->setReplayMode(false);
    m_map->setFocus();
    m_startReplay->setEnabled(!recordingPath().isEmpty());
    m_returnLive->setEnabled(false);
    m_ops->setReplaying(false);
    m_engine.recordOperatorAction(OperatorAction::StopReplay, currentUser());
    updateStatus();
}

bool MainWindow::isReplaying() const { return m_replay->isOpen(); }

void MainWindow::setArchive(const QString &path, const QString &why)
{
    m_archivePath = path;
    m_archiveWhy = why;
    m_startReplay->setEnabled(!recordingPath().isEmpty());
    m_exportAction->setEnabled(!recordingPath().isEmpty());
    updateStatus();
}

QString MainWindow::recordingPath() const { return m_engine.store() ? m_engine.store()->path() : m_archivePath; }

QString MainWindow::currentUser() const { return m_ops ? m_ops->client().actor().user : QString(); }

void MainWindow::buildSessionMenu()
{
    QMenu *session = new QMenu(tr("&Session"), menuBar());
    QAction *lock = session->addAction(tr("&Lock the console"), this, [this] { m_access->lock(tr("locked by hand")); });
    lock->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_L);   // Ctrl+Shift+L is the legend
    session->addAction(tr("&Hand over the shift…"), this, &MainWindow::handOverShift);
    session->addAction(tr("&Change my password…"), this, [this] { m_access->askNewPassword(); });
    QAction *people = session->addAction(tr("&People…"), this, [this] { m_access->openPeople(); });
    people->setObjectName(QStringLiteral("people"));
    QAction *approvalKey = session->addAction(tr("&Approval key…"), this, [this] { m_access->openApprovalKeyDialog(); });
    approvalKey->setObjectName(QStringLiteral("approvalKey"));
    session->addSeparator();
    session->addAction(tr("Sign &out"), this, [this] { m_access->signOut(); });
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), session);
    auto enable = [this, lock, session, people, approvalKey] {
        const bool in = m_access->isSignedIn() && !m_access->isLocked();
        lock->setEnabled(in);
        for (QAction *a : session->actions())
            a->setEnabled(in);
        // A supervisor's or an administrator's: all the accounts of the console's own directory, this machine's
        // lockouts of an LDAP one.
        people->setEnabled(m_access->mayOpenPeople());
        people->setVisible(m_access->peopleBook() != nullptr);
        // Whoever may approve, where the devices want approvals signed (a broker): their key and their password.
        approvalKey->setEnabled(m_access->mayMoveApprovalKey());
        approvalKey->setVisible(!m_ops->client().approvalKeys().isEmpty());
    };
    connect(m_access, &AccessControl::signedIn, this, enable);
    connect(m_access, &AccessControl::signedOut, this, enable);
    connect(m_access, &AccessControl::lockChanged, this, enable);
    enable();
}

void MainWindow::handOverShift()
{
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(this, tr("Hand over the shift"),
                                                        tr("A note for the person taking over (what to watch, what is pending):"),
                                                        QString(), &ok);
    if (!ok)
        return;
    m_access->handOver(note.left(kMaxNoteLength));
}

void MainWindow::showHandOver(const QString &from, const QString &note)
{
    HandOverChecklist checklist(m_live->source(), m_engine.city(), from, note, m_ops->waves(), this);
    if (checklist.exec() == QDialog::Accepted)
        m_access->acceptHandOver(checklist.summary());
    else
        m_access->signOut();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_exportAction = file->addAction(tr("&Export a time window…"), this, &MainWindow::exportWindow);
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_exportAction->setEnabled(!recordingPath().isEmpty());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(Qt::CTRL | Qt::Key_Q);   // as F1 says, on every platform (QKeySequence::Quit is empty on some)

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit = view->addAction(tr("&Whole city"), m_map, &MapView::fitCity);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    view->addSeparator();
    QMenu *layers = view->addMenu(tr("&Layers"));
    int n = 0;
    for (const QString &id : m_map->renderer().layerIds()) {
        const MapLayer *layer = m_map->renderer().layer(id);
        if (id == QLatin1String("selection"))
            continue;
        QAction *toggle = layers->addAction(layer->title());
        toggle->setCheckable(true);
        toggle->setChecked(m_map->renderer().isLayerVisible(id));
        if (++n <= 9)
            toggle->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)));
        connect(toggle, &QAction::toggled, this, [this, id](bool on) { m_map->setLayerVisible(id, on); });
    }
    QAction *legend = view->addAction(tr("L&egend"));
    legend->setCheckable(true);
    legend->setChecked(m_map->isLegendVisible());
    legend->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_L);
    connect(legend, &QAction::toggled, m_map, &MapView::setLegendVisible);
    view->addSeparator();
    QAction *focusMap = view->addAction(tr("Focus &map"), this, [this] { m_map->setFocus(); });
    focusMap->setShortcut(Qt::Key_F6);
    QAction *focusList = view->addAction(tr("Focus &incident list"), this, [this] {
        m_incidents->view()->setFocus();
    });
    focusList->setShortcut(Qt::Key_F7);
    QAction *onWall = view->addAction(tr("Show on the &wall"), this, &MainWindow::showOnWall);
    onWall->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    onWall->setToolTip(tr("Puts the selected incident or device on the video wall's map for a minute"));
    view->addSeparator();
    // Each person's docks come back as they left them; this puts them back as the console ships.
    view->addAction(tr("Reset the &layout"), this, [this] { m_layout.reset(); });

    QMenu *replay = menuBar()->addMenu(tr("&Replay"));
    m_startReplay = replay->addAction(tr("&Replay the recording"), this, [this] { startReplay(); });
    m_startReplay->setShortcut(Qt::CTRL | Qt::Key_R);
    m_startReplay->setEnabled(!recordingPath().isEmpty());
    m_returnLive = replay->addAction(tr("Return to &live"), this, &MainWindow::returnToLive);
    m_returnLive->setShortcut(Qt::CTRL | Qt::Key_L);
    m_returnLive->setEnabled(false);
    buildRecordCheck(replay);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Response rules"), this, &MainWindow::showResponseRules);
    help->addAction(tr("&About CityOps"), this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar()
{
    setStatusBar(new ConsoleStatusBar(this));   // its figures stay shown under a message
    // A background export: its progress and a way to cancel it, shown only while it runs.
    m_export = new QFutureWatcher<ExportOutcome>(this);
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setRange(0, 1000);
    m_exportProgress->setMaximumWidth(160);
    m_exportProgress->setFormat(tr("Export %p%"));
    m_exportProgress->hide();
    m_exportCancel = new QToolButton(this);
    m_exportCancel->setText(tr("Cancel export"));
    m_exportCancel->setToolTip(tr("Stops the export; nothing half-written is left behind"));
    m_exportCancel->hide();
    connect(m_exportCancel, &QToolButton::clicked, m_export, &QFutureWatcher<ExportOutcome>::cancel);
    connect(m_export, &QFutureWatcher<ExportOutcome>::progressValueChanged, m_exportProgress, &QProgressBar::setValue);
    connect(m_export, &QFutureWatcher<ExportOutcome>::finished, this, &MainWindow::exportFinished);
    statusBar()->addPermanentWidget(m_exportProgress);
    statusBar()->addPermanentWidget(m_exportCancel);
    m_statusLine = new StatusLine(statusBar());
    updateStatus();
}

void MainWindow::updateStatus()
{
    const LinkStatus link = m_engine.linkStatus();   // the queued signal is the fast path; this keeps the label honest
    m_statusLine->showLink(link);
    m_statusLine->showGateways(m_engine.linkGateways(), m_zone);
    showLinkOnMap(link);
    m_statusLine->showLinkTrouble(m_engine.linkCounters(), m_engine.stats().peerRefused);
    StatusLine::Figures figures;
    figures.eventsPerSecond = m_live->eventsPerSecond();
    figures.dropped = m_engine.stats().dropped;
    if (EventStore *store = m_engine.store())
        figures.recording = {store->stats(), {}};
    else
        figures.recording = {std::nullopt, m_archiveWhy};
    figures.live = m_live->isLive();
    figures.nowMs = m_live->nowMs();
    figures.zone = m_zone;
    for (const DeviceState &s : m_scene->states)
        figures.offline += (s.reported && !s.online) ? 1 : 0;
    m_statusLine->show(figures);
}

void MainWindow::showLinkOnMap(const LinkStatus &status)
{
    // A network link's devices cannot be heard while the broker is away, and they are not marked silent one by one —
    // the console cannot tell a quiet device from its own lost connection — so the whole map says it.
    if (!status.fieldSilent()) {
        m_fieldSilentSinceMs = 0;
        m_map->setNotice({});
        return;
    }
    if (m_fieldSilentSinceMs == 0)
        m_fieldSilentSinceMs = m_engine.clock().nowMs();
    m_map->setNotice(status.reconnecting()
                         ? tr("No field data since %1 — the map shows the last reports; the link is retrying")
                               .arg(Labels::clock(m_fieldSilentSinceMs, m_zone, true))
                         : tr("No field data — the field link is not connected"));
}

void MainWindow::focusIncident(IncidentId id)
{
    const Incident *incident = m_scene->incident(id);
    if (!incident)
        return;
    m_map->centerOn(incident->position, std::max(m_map->viewport().zoom(), 16.0));
    m_map->select({MapSelection::Kind::Incident, id});
}

void MainWindow::showOnWall()
{
    WallRequest request;
    const MapSelection &selected = m_scene->selection;
    if (selected.kind == MapSelection::Kind::Incident) {
        request.kind = WallRequest::Kind::Incident;
        request.incident = selected.id;
    } else if (selected.kind == MapSelection::Kind::Device && selected.id < m_scene->city().devices.size()) {
        request.kind = WallRequest::Kind::Device;
        request.device = m_scene->city().devices[selected.id].id;
    } else {
        statusBar()->showMessage(tr("Select an incident or a device to show on the wall."), 8000);
        return;
    }
    if (m_wallOverBroker) {
        // The walls are on the broker: the request is an operations message, signed, recorded and re-checked by each
        // wall against its own directory; there is no answer to wait for.
        if (const QString why = m_ops->client().whyNot(Permission::DriveWall); !why.isEmpty()) {
            statusBar()->showMessage(tr("Not on the wall: %1").arg(why), 10000);
            return;
        }
        m_engine.recordOperatorAction(OperatorAction::ShowOnWall, currentUser(), QString::fromUtf8(request.encode()).trimmed());
        statusBar()->showMessage(tr("Sent to the walls on the broker for %1 s").arg(request.seconds), 10000);
        return;
    }
    statusBar()->showMessage(tr("Asking the wall…"), 3000);
    sendToWall(request, [this](Result<QString> answer) {
        statusBar()->showMessage(answer ? tr("On the wall: %1").arg(answer.value()) : tr("Not on the wall: %1").arg(answer.error()), 10000);
    }, m_wallName, 2000, this);
}

} // namespace cityops
