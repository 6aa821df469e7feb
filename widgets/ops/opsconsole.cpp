#include "ops/opsconsole.h"

#include "labels.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "engine/greenwaverun.h"
#include "ops/greenwavedialog.h"
#include "ops/opsclient.h"
#include "ops/workflows.h"
#include "panels/alarmpanel.h"
#include "panels/commanddialog.h"
#include "panels/incidentpanel.h"
#include "panels/journalpanel.h"
#include "panels/orderpanel.h"

#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>

namespace cityops {

OpsConsole::OpsConsole(QMainWindow &window, Engine &engine, LiveCity &live, MapView &map, IncidentPanel &incidents)
    : QObject(&window), m_window(window), m_engine(engine), m_live(live), m_map(map), m_incidents(incidents)
{
    // Nobody acts until someone signs in (AccessControl sets the person).
    m_client = new OpsClient(engine, Actor{}, this);
    m_incidents.setOps(m_client);

    m_alarms = new AlarmPanel(live, *m_client, &window);
    auto *alarmDock = new QDockWidget(tr("Alarms"), &window);
    alarmDock->setObjectName(QStringLiteral("alarms"));
    alarmDock->setWidget(m_alarms);
    window.addDockWidget(Qt::BottomDockWidgetArea, alarmDock);

    m_orders = new OrderPanel(live, *m_client, &window);
    auto *orderDock = new QDockWidget(tr("Commands"), &window);
    orderDock->setObjectName(QStringLiteral("commands"));
    orderDock->setWidget(m_orders);
    window.addDockWidget(Qt::BottomDockWidgetArea, orderDock);

    // What the console answered, kept: refusals and errors do not vanish with the status bar's few seconds.
    m_messages = new QListWidget(&window);
    m_messages->setObjectName(QStringLiteral("messages"));
    m_messages->setWordWrap(true);
    auto *messageDock = new QDockWidget(tr("Messages"), &window);
    messageDock->setObjectName(QStringLiteral("messagesDock"));
    messageDock->setWidget(m_messages);
    m_messageDock = messageDock;

    m_journal = new JournalPanel(live, &window);
    auto *journalDock = new QDockWidget(tr("Event log"), &window);
    journalDock->setObjectName(QStringLiteral("eventlog"));
    journalDock->setWidget(m_journal);
    m_journalDock = journalDock;
    window.addDockWidget(Qt::BottomDockWidgetArea, journalDock);
    // Along the bottom: energy and commands (tabbed, by the main window), then alarms, then the event log.
    window.splitDockWidget(orderDock, alarmDock, Qt::Horizontal);
    window.splitDockWidget(alarmDock, journalDock, Qt::Horizontal);
    window.tabifyDockWidget(journalDock, messageDock);   // beside the event log: what the console said back
    journalDock->raise();

    m_waveLabel = new QLabel(&window);   // before the person: the waves under way, hidden when none
    m_waveLabel->setObjectName(QStringLiteral("waveLabel"));
    m_waveLabel->setStyleSheet(QStringLiteral("QLabel { padding: 0 6px; }"));
    m_waveLabel->hide();
    window.statusBar()->addPermanentWidget(m_waveLabel);
    m_personLabel = new QLabel(&window);
    m_personLabel->setObjectName(QStringLiteral("personLabel"));
    window.statusBar()->addPermanentWidget(m_personLabel);

    buildMenus();
    // The waves under way follow their vehicles' reports as they reach the console.
    connect(&m_live, &LiveCity::vehiclesChanged, this, [this] {
        for (GreenWaveRun *run : std::vector<GreenWaveRun *>(m_waves))
            for (const VehicleBook::Vehicle &v : m_live.scene().vehicles)
                if (v.report.id == run->vehicle())
                    run->update(v);
    });
    connect(m_client, &OpsClient::answered, this, [this](bool ok, const QString &message, std::uint32_t ref, const QString &context) {
        showAnswer(ok, message, context);
        if (ok && ref != 0 && m_live.scene().incident(ref) == nullptr)
            m_orders->selectOrder(ref);
    });
    connect(m_client, &OpsClient::actorChanged, this, [this](const Actor &a) {
        QStringList districts;
        for (int d : a.districts)
            districts << Labels::district(m_engine.city(), d);
        // Who acts here, always in sight; nobody, or a locked console, is the abnormal case and says so in amber.
        const bool abnormal = !a.isValid() || m_client->isLocked();
        m_personLabel->setStyleSheet(abnormal ? QStringLiteral("QLabel { background: %1; color: black; padding: 0 6px; font-weight: bold; }")
                                                    .arg(mapstyle::alarmAmber().name())
                                              : QStringLiteral("QLabel { padding: 0 6px; font-weight: bold; }"));
        if (!a.isValid())
            m_personLabel->setText(tr("Not signed in"));
        else
            m_personLabel->setText(tr("%1 · %2%3%4")
                                       .arg(a.user, Labels::role(a.highestRole()),
                                            districts.isEmpty() ? QString() : QStringLiteral(", ") + districts.join(QStringLiteral(", ")),
                                            m_client->isLocked() ? tr(" · locked") : QString()));
    });
    connect(&map, &MapView::contextRequested, this, &OpsConsole::showContextMenu);
    connect(&map, &MapView::pickedChanged, this, [this](int count) {
        if (count > 0)
            m_window.statusBar()->showMessage(tr("%n device(s) picked — Ctrl+K commands them, Esc clears", nullptr, count), 10000);
    });
    connect(m_alarms, &AlarmPanel::deviceActivated, this, [this](DeviceIndex d) { m_map.select({MapSelection::Kind::Device, d}); });
    connect(m_orders, &OrderPanel::pickRequested, this, [this](const std::vector<DeviceIndex> &devices) { m_map.pick(devices); });
    connect(m_orders, &OrderPanel::retryRequested, this, &OpsConsole::openPlan);
    Q_EMIT m_client->actorChanged(m_client->actor());
}

void OpsConsole::setReplaying(bool replaying)
{
    m_client->setReadOnly(replaying, tr("Replay shows the past and changes nothing: return to live (Ctrl+L) to act."));
}

void OpsConsole::buildMenus()
{
    QMenuBar *bar = m_window.menuBar();
    QMenu *ops = new QMenu(tr("&Operations"), bar);
    QAction *command = ops->addAction(tr("&Command selected devices…"), this, &OpsConsole::commandSelection);
    command->setShortcut(Qt::CTRL | Qt::Key_K);
    ops->addSeparator();
    ops->addAction(tr("&Flash intersection and dispatch responders…"), this, &OpsConsole::flashAndDispatch);
    ops->addAction(tr("&Dim a district…"), this, &OpsConsole::dimDistrict);
    ops->addAction(tr("&Shed feeders, then restore…"), this, &OpsConsole::shedFeeders);
    QAction *vehicle = ops->addAction(tr("Send an emergency &vehicle with a green wave…"), this, &OpsConsole::sendVehicle);
    vehicle->setShortcut(Qt::CTRL | Qt::Key_G);
    QAction *stop = ops->addAction(tr("S&top a green wave…"), this, &OpsConsole::chooseWaveToStop);
    stop->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
    ops->addAction(tr("Emergency &green wave on a timetable…"), this, &OpsConsole::greenWave);
    ops->addSeparator();
    QAction *report = ops->addAction(tr("&Report an incident at the map centre…"), this,
                                     [this] { reportIncident(m_map.viewport().toGeo(QPointF(m_map.width() / 2.0, m_map.height() / 2.0))); });
    report->setShortcut(Qt::CTRL | Qt::Key_I);
    QAction *alarms = ops->addAction(tr("Focus &alarm list"), this, [this] { m_alarms->view()->setFocus(); });
    alarms->setShortcut(Qt::Key_F8);
    QAction *orders = ops->addAction(tr("Focus c&ommand orders"), this, [this] { m_orders->tree()->setFocus(); });
    orders->setShortcut(Qt::Key_F9);

    // Before Help.
    const QList<QAction *> menus = bar->actions();
    QAction *before = menus.isEmpty() ? nullptr : menus.back();
    bar->insertMenu(before, ops);
}

std::vector<DeviceIndex> OpsConsole::selectedDevices() const
{
    if (!m_live.scene().picked.empty())
        return m_live.scene().picked;   // rubber band or lasso
    const MapSelection &sel = m_live.scene().selection;
    if (sel.kind == MapSelection::Kind::Device)
        return {sel.id};
    if (sel.kind == MapSelection::Kind::Incident)
        if (const Incident *i = m_live.scene().incident(sel.id))
            return i->linked;
    return {};
}

void OpsConsole::hearTheLink(CommandDialog &dialog)
{
    dialog.setHearing([this] { return m_engine.hearsOtherConsoles(); });
    connect(&m_engine, &Engine::linkStatusChanged, &dialog, &CommandDialog::refreshHolds);
}

void OpsConsole::openPlan(const OrderSpec &plan)
{
    if (plan.targets.empty()) {
        m_window.statusBar()->showMessage(tr("Nothing to command there."), 8000);
        return;
    }
    CommandDialog dialog(m_live.scene(), *m_client, m_live.source().books(), &m_window);
    dialog.setPlan(plan);
    hearTheLink(dialog);
    dialog.exec();
}

void OpsConsole::commandSelection()
{
    CommandDialog dialog(m_live.scene(), *m_client, m_live.source().books(), &m_window);
    dialog.setTargets(selectedDevices());
    hearTheLink(dialog);
    dialog.exec();
}

void OpsConsole::flashAndDispatch()
{
    std::vector<DeviceIndex> signals_;
    for (DeviceIndex d : selectedDevices())
        if (m_engine.city().devices[d].kind == DeviceKind::SignalController)
            signals_.push_back(d);
    if (signals_.empty()) {
        m_window.statusBar()->showMessage(tr("Select an intersection (a signal controller) on the map first."), 8000);
        return;
    }
    openPlan(workflows::flashAndDispatch(m_engine.city(), signals_));
}

void OpsConsole::dimDistrict()
{
    const CityModel &city = m_engine.city();
    QStringList names;
    for (int d = 0; d < int(city.districts.size()); ++d)
        names << Labels::district(city, d);
    if (names.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getItem(&m_window, tr("Dim a district"), tr("District:"), names, 0, false, &ok);
    if (!ok)
        return;
    const int percent = QInputDialog::getInt(&m_window, tr("Dim a district"), tr("Dim the streetlights to (%):"), 30, 1, 100, 5, &ok);
    if (ok)
        openPlan(workflows::dimDistrict(city, static_cast<int>(names.indexOf(name)), percent));
}

void OpsConsole::shedFeeders()
{
    // The feeders of the selected substation (or the selected feeder), else every feeder of the city.
    const CityModel &city = m_engine.city();
    std::vector<DeviceIndex> feeders;
    for (DeviceIndex d : selectedDevices()) {
        if (city.devices[d].kind == DeviceKind::Feeder)
            feeders.push_back(d);
        if (city.devices[d].kind == DeviceKind::Substation)
            for (const FeederInfo &f : city.feeders)
                if (f.substation == d)
                    feeders.push_back(f.device);
    }
    if (feeders.empty())
        for (const FeederInfo &f : city.feeders)
            feeders.push_back(f.device);
    bool ok = false;
    const int minutes = QInputDialog::getInt(&m_window, tr("Shed feeders"),
                                             tr("Shed %n feeder(s), least critical first, and restore them after (minutes):", nullptr,
                                                static_cast<int>(feeders.size())),
                                             15, 0, 240, 5, &ok);
    if (ok)
        openPlan(workflows::shedFeeders(city, feeders, minutes * 60'000LL));
}

void OpsConsole::greenWave()
{
    const CityModel &city = m_engine.city();
    QStringList start;
    for (DeviceIndex d : selectedDevices())
        start << city.devices[d].id;
    bool ok = false;
    const QString text = QInputDialog::getText(&m_window, tr("Emergency green wave"),
                                               tr("The route, as the signals or devices it passes in order (ids, comma-separated):"),
                                               QLineEdit::Normal, start.join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    std::vector<GeoPoint> route;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const DeviceIndex d = city.deviceIndex(part.trimmed());
        if (d == kNoDevice) {
            m_window.statusBar()->showMessage(tr("Unknown device %1").arg(part.trimmed()), 8000);
            return;
        }
        route.push_back(city.devices[d].position);
    }
    if (route.size() < 2) {
        m_window.statusBar()->showMessage(tr("A route needs at least two points."), 8000);
        return;
    }
    const int speed = QInputDialog::getInt(&m_window, tr("Emergency green wave"), tr("Vehicle speed (km/h):"), 50, 10, 120, 5, &ok);
    if (ok)
        openPlan(workflows::greenWave(city, m_engine.states(), route, speed).spec);
}

void OpsConsole::sendVehicle()
{
    const MapSelection &sel = m_live.scene().selection;
    const CityModel &city = m_engine.city();
    GeoPoint destination;
    QString where;
    if (sel.kind == MapSelection::Kind::Incident && m_live.scene().incident(sel.id)) {
        const Incident *incident = m_live.scene().incident(sel.id);
        destination = incident->position;
        where = tr("incident #%1 (%2)").arg(incident->id).arg(Labels::incidentKind(incident->kind));
    } else if (sel.kind == MapSelection::Kind::Device && sel.id < city.devices.size()) {
        destination = city.devices[sel.id].position;
        where = city.devices[sel.id].id;
    } else {
        m_window.statusBar()->showMessage(tr("Select where the vehicle goes first: an incident or a device on the map."), 8000);
        return;
    }
    if (!m_access)
        return;
    GreenWaveDialog dialog(m_engine, m_live, m_map, *m_client, *m_access, destination, where, &m_window);
    connect(&dialog, &GreenWaveDialog::waveApproved, this, &OpsConsole::startWave);
    dialog.exec();
}

void OpsConsole::startWave(const QString &vehicle, const Actor &approver, const PlannedRoute &route,
                           std::shared_ptr<const CommandSigner> approvalKey, const VehicleBook::Vehicle &asSent)
{
    auto *run = new GreenWaveRun(m_engine, vehicle, m_client->actor(), approver, {}, this, std::move(approvalKey));
    run->setPlan(route);
    run->sentFrom(asSent);
    m_waves.push_back(run);
    post(false, tr("%1 is on its way (%2 km); green wave over %n signal(s), pre-approved by %3", nullptr, int(route.signals.size()))
                    .arg(vehicle)
                    .arg(route.lengthM / 1000.0, 0, 'f', 1)
                    .arg(approver.user));
    connect(run, &GreenWaveRun::progressed, this, &OpsConsole::showWaves);
    connect(run, &GreenWaveRun::warned, this, [this, run](const QString &what) { post(true, tr("Green wave for %1: %2").arg(run->vehicle(), what)); });
    connect(run, &GreenWaveRun::done, this, [this, run] {
        // (a wave a newer one took over for the same vehicle was said when that happened)
        if (!run->stats().handedOver && run->stats().stoppedBy.isEmpty()) {
            // How the trip went beside what was planned: what a supervisor asks first after a wave.
            const QString trip = Labels::minutesAndSeconds(run->trip().tripMs()), planned = Labels::minutesAndSeconds(std::llround(run->plannedTravelS() * 1000.0));
            const QString over = run->arrivedAtDestination()
                                     ? tr("Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stop(s) on the way", nullptr,
                                          run->trip().stops()).arg(run->vehicle(), trip, planned)
                                     // Parked on the way: said so (and on amber), lest the operator take it for arrived.
                                     : tr("Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), "
                                          "with %n stop(s) on the way", nullptr, run->trip().stops())
                                           .arg(run->vehicle()).arg(std::llround(run->parkedFromDestinationM())).arg(trip, planned);
            post(!run->arrivedAtDestination(), over + QStringLiteral("; ") + tr("%n signal(s) pre-empted and released", nullptr, run->stats().preemptionsAsked));
        } else if (!run->stats().handedOver)
            post(false, tr("Green wave for %1 stopped by %2; %n signal(s) released", nullptr, run->stats().releasedOnStop)
                            .arg(run->vehicle(), run->stats().stoppedBy));
        std::erase(m_waves, run);
        std::erase(m_handedOver, run);
        run->deleteLater();
        showWaves();
    });
    // Sent again while an earlier wave follows it (diverted): the new wave takes over what the earlier one holds
    // rather than releasing a junction it is about to need again.
    for (GreenWaveRun *earlier : std::vector<GreenWaveRun *>(m_waves))
        if (earlier != run && earlier->vehicle() == vehicle && !earlier->stats().handedOver) {
            run->takeOver(*earlier);
            // Out of the list now (nothing to show or stop there); it deletes itself once its releases in flight are through.
            std::erase(m_waves, earlier);
            if (!earlier->finished())
                m_handedOver.push_back(earlier);
            post(false, tr("The earlier green wave for %1 ends: its %n held signal(s) go to the new one (released there if not on the new route)",
                           nullptr, int(run->held().size()))
                            .arg(vehicle));
        }
    showWaves();
}

void OpsConsole::chooseWaveToStop()
{
    if (m_waves.empty()) {
        m_window.statusBar()->showMessage(tr("No green wave is under way."), 6000);
        return;
    }
    QStringList items, vehicles;   // by call sign: a wave may end while the person chooses
    for (const GreenWaveRun *run : m_waves) {
        items << tr("%1 — %n signal(s) held", nullptr, int(run->held().size())).arg(run->vehicle());
        vehicles << run->vehicle();
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(&m_window, tr("Stop a green wave"),
                                                 tr("Its held signals return to their programs; the vehicle drives on without a wave."), items, 0,
                                                 false, &ok);
    if (ok && items.contains(chosen))
        stopWave(vehicles[items.indexOf(chosen)]);
}

void OpsConsole::stopWave(const QString &vehicle)
{
    const auto it = std::find_if(m_waves.begin(), m_waves.end(), [&](const GreenWaveRun *run) { return run->vehicle() == vehicle; });
    if (it == m_waves.end())
        return;
    // Locked, in replay or nobody signed in: nothing is changed from here (the backend checks the person's role).
    if (const QString blocked = m_client->whyNot(); !blocked.isEmpty()) {
        post(true, tr("Refused — green wave for %1: %2").arg(vehicle, blocked));
        return;
    }
    if (const Status stopped = (*it)->stop(m_client->actor()); !stopped)
        post(true, tr("Refused — green wave for %1: %2").arg(vehicle, stopped.error()));
}

void OpsConsole::showWaves()
{
    QStringList waves;
    for (const GreenWaveRun *run : m_waves)
        waves << tr("%1 (%n held)", nullptr, int(run->held().size())).arg(run->vehicle());
    m_waveLabel->setText(tr("Green wave: %1").arg(waves.join(QStringLiteral(", "))));
    m_waveLabel->setVisible(!waves.isEmpty());
}

void OpsConsole::reportIncident(const GeoPoint &at)
{
    const QStringList severities{Labels::severity(IncidentSeverity::Minor), Labels::severity(IncidentSeverity::Major),
                                 Labels::severity(IncidentSeverity::Critical)};
    bool ok = false;
    const QString severity = QInputDialog::getItem(&m_window, tr("Report an incident"), tr("Severity:"), severities, 0, false, &ok);
    if (!ok)
        return;
    const QString note = QInputDialog::getText(&m_window, tr("Report an incident"), tr("What is it?"), QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const auto level = static_cast<IncidentSeverity>(static_cast<int>(IncidentSeverity::Minor) + severities.indexOf(severity));
    m_client->ask(request::ReportIncident{at, level, note.left(kMaxNoteLength)}, tr("Report"));
}

void OpsConsole::showContextMenu(const GeoPoint &at, const MapSelection &under, const QPoint &globalPos)
{
    QMenu menu(&m_window);
    if (under.kind == MapSelection::Kind::Device) {
        menu.addAction(tr("Command…"), this, &OpsConsole::commandSelection);
        if (m_engine.city().devices[under.id].kind == DeviceKind::SignalController)
            menu.addAction(tr("Flash and dispatch responders…"), this, &OpsConsole::flashAndDispatch);
    } else if (under.kind == MapSelection::Kind::Incident) {
        for (auto [state, label] : {std::pair{IncidentState::Acknowledged, tr("Acknowledge")}, std::pair{IncidentState::Dispatched, tr("Dispatch")},
                                    std::pair{IncidentState::OnScene, tr("On scene")}, std::pair{IncidentState::Resolved, tr("Resolve")}})
            menu.addAction(label, this, [this, id = under.id, state = state] { m_client->ask(request::TransitionIncident{id, state, {}}, tr("Incident #%1").arg(id)); });
    }
    menu.addAction(tr("Report an incident here…"), this, [this, at] { reportIncident(at); });
    menu.exec(globalPos);
}

void OpsConsole::showAnswer(bool ok, const QString &message, const QString &context)
{
    const QString text = context.isEmpty() ? message : QStringLiteral("%1: %2").arg(context, message);
    // A refusal must be read: it stays longer and is marked as such, and it stays in the message list.
    m_window.statusBar()->showMessage(ok ? text : tr("Refused — %1").arg(text), ok ? 6000 : 15000);
    post(!ok, ok ? text : tr("Refused — %1").arg(text));
}

void OpsConsole::frontMessagesOnlyIfAny()
{
    if (m_messages->count() == 0 && m_window.tabifiedDockWidgets(m_messageDock).contains(m_journalDock))
        m_journalDock->raise();
}

void OpsConsole::post(bool problem, const QString &text)
{
    // Newest first; problems on amber (ISA-101: colour only for what is abnormal), and the word says it too.
    // Stamped in the city's time by the console's clock, as the status bar's clock and the event log are (the
    // machine's own zone and pace may differ from both: a desk in UTC, a simulated city at --speed 10).
    const QString at = Labels::clock(m_engine.clock().nowMs(), Labels::zone(m_engine.city()));
    auto *item = new QListWidgetItem(QStringLiteral("%1  %2").arg(at, text));
    item->setToolTip(text);
    if (problem) {
        item->setBackground(mapstyle::alarmAmber());
        item->setForeground(Qt::black);
    }
    m_messages->insertItem(0, item);
    if (problem)
        m_messageDock->raise();   // a refusal or an error is put in front of the person, and stays there
    while (m_messages->count() > kMaxMessages)
        delete m_messages->takeItem(m_messages->count() - 1);
}

} // namespace cityops
