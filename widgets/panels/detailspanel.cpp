#include "panels/detailspanel.h"

#include "labels.h"
#include "map/mapstyle.h"

#include <QFormLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <numeric>

namespace cityops {

DetailsPanel::DetailsPanel(const CityMirror &scene, const LoadHistory::Series &loads, QWidget *parent)
    : QWidget(parent), m_scene(scene), m_loads(loads), m_zone(Labels::zone(scene.city()))
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_subtitle = new QLabel(this);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(m_form);
    // The next step an incident calls for, one click away (the order still opens for the operator to confirm).
    m_suggestion = new QPushButton(this);
    m_suggestion->hide();
    connect(m_suggestion, &QPushButton::clicked, this, [this] {
        if (!m_suggested.targets.empty())
            Q_EMIT planSuggested(m_suggested);
    });
    layout->addWidget(m_suggestion, 0, Qt::AlignLeft);
    m_follow = new QPushButton(tr("Follow on the map"), this);
    m_follow->setCheckable(true);
    m_follow->setToolTip(tr("Keeps the vehicle in the middle of the map as it drives; moving the map yourself stops it."));
    m_follow->hide();
    connect(m_follow, &QPushButton::toggled, this, [this](bool on) {
        m_follow->setText(on ? tr("Following on the map — click to stop") : tr("Follow on the map"));
        Q_EMIT followRequested(on);
    });
    layout->addWidget(m_follow, 0, Qt::AlignLeft);
    layout->addStretch(1);
    refresh();
}

QPushButton *DetailsPanel::suggestion() const { return m_suggestion->isHidden() ? nullptr : m_suggestion; }

QStringList DetailsPanel::rows() const { return m_rows; }

void DetailsPanel::clearRows()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_rows.clear();
}

void DetailsPanel::addRow(const QString &label, const QString &value, const QString &emphasis, const QString &toolTip)
{
    auto *valueLabel = new QLabel(value, this);
    valueLabel->setToolTip(toolTip);
    valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    valueLabel->setWordWrap(true);
    if (!emphasis.isEmpty())
        valueLabel->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(emphasis));
    m_form->addRow(label + QLatin1Char(':'), valueLabel);
    m_rows << label + QStringLiteral(": ") + value;
}

void DetailsPanel::refresh()
{
    clearRows();
    m_suggestion->hide();
    m_follow->hide();
    m_suggested = {};
    const MapSelection &sel = m_scene.selection;
    if (sel.kind == MapSelection::Kind::Incident) {
        if (const Incident *incident = m_scene.incident(sel.id)) {
            showIncident(*incident);
            return;
        }
    } else if (sel.kind == MapSelection::Kind::Device && sel.id < m_scene.city().devices.size()) {
        switch (m_scene.city().devices[sel.id].kind) {
        case DeviceKind::SignalController: showSignal(sel.id); return;
        case DeviceKind::Streetlight: showStreetlight(sel.id); return;
        case DeviceKind::Feeder: showFeeder(sel.id); return;
        case DeviceKind::Substation: showSubstation(sel.id); return;
        }
    } else if (sel.kind == MapSelection::Kind::Vehicle) {
        if (const VehicleBook::Vehicle *vehicle = m_scene.vehicle(sel.id)) {
            showVehicle(*vehicle);
            return;
        }
    }
    m_title->setText(tr("Nothing selected"));
    // The panel's room while nothing is selected tells a newcomer how to get about without the mouse.
    m_subtitle->setText(tr("Click a signal, feeder, streetlight or incident on the map, or pick an incident from the list.")
                        + QLatin1Char('\n')
                        + tr("Keys: F6 the map · F7 incidents · F8 alarms · F9 commands · Ctrl+F find · F1 every key"));
}

void DetailsPanel::showVehicle(const VehicleBook::Vehicle &vehicle)
{
    const VehiclePayload &v = vehicle.report;
    m_title->setText(tr("Emergency vehicle"));
    m_subtitle->setText(v.id);
    // How long it has stood or been on its way, when the console saw that begin (not since a restart of its own).
    const long kmh = std::lround(v.speedMps * 3.6);
    if (vehicle.spellSinceMs < 0) {
        addRow(tr("Status"), v.parked ? tr("standing") : tr("on its way, %1 km/h").arg(kmh));
    } else {
        const QString spell = Labels::duration(std::max<std::int64_t>(0, m_scene.nowMs - vehicle.spellSinceMs));
        addRow(tr("Status"), v.parked ? tr("standing for %1").arg(spell) : tr("on its way for %1, %2 km/h").arg(spell).arg(kmh));
    }
    if (!v.parked && v.route.size() >= 2) {
        double left = 0;
        for (size_t i = 1; i < v.route.size(); ++i)
            left += distanceMetres(v.route[i - 1], v.route[i]);
        addRow(tr("Route left"), tr("%1 km, %n signal(s) on it", nullptr, int(v.ahead.size())).arg(left / 1000.0, 0, 'f', 1));
    }
    if (!v.ahead.empty() && v.ahead.front().signal < m_scene.city().signals.size()) {
        const SignalAhead &next = v.ahead.front();
        const DeviceIndex signal = m_scene.city().signals[next.signal].device;
        const QString state = m_scene.states[signal].mode == static_cast<std::uint8_t>(SignalMode::Preempt) ? tr(" — pre-empted") : QString();
        addRow(tr("Next signal"), tr("%1 in %2 m, %n vehicle(s) queued before it", nullptr, int(v.queueAhead))
                                      .arg(m_scene.city().devices[signal].id).arg(std::lround(next.distanceM)) + state);
    }
    addRow(tr("Last report"), tr("%1 ago").arg(Labels::duration(std::max<std::int64_t>(0, m_scene.nowMs - vehicle.timeMs))));
    m_follow->show();
}

void DetailsPanel::setFollowing(bool following)
{
    const QSignalBlocker quiet(m_follow);   // the map's state shown, not asked for again
    m_follow->setChecked(following);
    m_follow->setText(following ? tr("Following on the map — click to stop") : tr("Follow on the map"));
}

void DetailsPanel::showCommon(DeviceIndex device)
{
    const DeviceInfo &info = m_scene.city().devices[device];
    const DeviceState &s = m_scene.states[device];
    m_title->setText(Labels::deviceKind(info.kind));
    m_subtitle->setText(info.id + (info.generated ? tr(" (generated asset)") : QString()));
    if (const QString place = m_scene.place(device); !place.isEmpty())
        addRow(tr("Where"), place);
    addRow(tr("District"), Labels::district(m_scene.city(), info.district));
    if (!s.reported)
        addRow(tr("Communication"), tr("no report yet"), mapstyle::noData().name());
    else if (!s.online)
        addRow(tr("Communication"), tr("LOST"), mapstyle::noData().name());
    else
        addRow(tr("Communication"), tr("online"));
    // Which gateway: a device silent because its gateway is gone is the gateway's trouble, not the device's.
    if (const std::optional<GatewaySummary> gateway = m_gatewayOf ? m_gatewayOf(device) : std::nullopt) {
        const std::optional<DeskClockOff> deskOff = m_deskClock ? m_deskClock() : std::nullopt;
        if (Labels::clockRefusesCommands(*gateway) && deskOff)   // every clock agrees against this desk's: set this one
            addRow(tr("Reports through"), tr("gateway %1 — %2: set it (NTP)").arg(gateway->name, Labels::deskClock(deskOff->aheadMs)),
                   mapstyle::alarmAmber().name());
        else if (Labels::clockRefusesCommands(*gateway))   // before anyone commands it and wonders why it is refused
            addRow(tr("Reports through"),
                   tr("gateway %1 — %2").arg(gateway->name, Labels::gatewayClock(*gateway->clockAheadMs, true)), mapstyle::alarmAmber().name());
        else if (const QString keyrings = Labels::gatewayKeyrings(*gateway); !keyrings.isEmpty())   // a command from here may be refused
            addRow(tr("Reports through"), tr("gateway %1 — holds %2").arg(gateway->name, keyrings), mapstyle::alarmAmber().name());
        else if (gateway->running)
            addRow(tr("Reports through"), tr("gateway %1").arg(gateway->name));
        else
            addRow(tr("Reports through"),
                   gateway->lastHeardMs > 0 ? tr("gateway %1 — GONE, last heard %2").arg(gateway->name, Labels::clock(gateway->lastHeardMs, m_zone))
                                            : tr("gateway %1 — GONE").arg(gateway->name),
                   mapstyle::noData().name());
    }
    // Select-before-operate: everyone sees who holds the device.
    for (const auto &[reserved, order] : m_scene.reservations) {
        if (reserved != device)
            continue;
        QString by;
        bool gone = false;   // its console cannot end it: abnormal, and a supervisor may release it (Commands panel)
        for (const Order &o : m_scene.orders)
            if (o.id == order) {
                by = Labels::requester(o);
                gone = o.isAnotherConsoles() && consoleGoneSince(m_scene.consoles, o.console);
                if (o.releasedHere)   // in the reservations only while this console cannot hear the broker (LiveCity)
                    by = tr("%1 — released here, held for it again while this console does not hear the broker").arg(by);
                else if (gone)
                    by = tr("%1 — %2: a supervisor may release the order (Commands panel)")
                             .arg(by, Labels::consoleAway(m_scene.consoles, o.console));
            }
        // Dark on the light panel (the map draws reservations in white, on dark): readable, not alarming — unless the
        // console holding it is gone.
        addRow(tr("Reserved"), tr("by order %1 of %2").arg(order).arg(by),
               gone ? mapstyle::alarmAmber().name() : palette().color(QPalette::WindowText).name());
    }
}

void DetailsPanel::showSignal(DeviceIndex device)
{
    showCommon(device);
    const SignalInfo &info = m_scene.city().signals[m_scene.city().devices[device].detail];
    const DeviceState &s = m_scene.states[device];
    addRow(tr("SUMO id"), info.sumoTlsId);
    const auto mode = static_cast<SignalMode>(s.mode);
    // Flashing or dark is abnormal (amber, as on the map); held or pre-empted by a command is deliberate (plain).
    const bool held = heldByCommand(mode);
    addRow(tr("Mode"), Labels::signalMode(mode), mode == SignalMode::Normal || held ? QString() : mapstyle::alarmAmber().name());
    if (held) {
        const auto holding = holdingCommand(m_scene.orders, device, s.modeSinceMs);
        addHolder(holding);
        // When the hold watch will ask about it (the city's response rules): a person holding a junction for the
        // police knows when the alarm comes, and can renew the hold before it does.
        addRow(tr("Alarm if held over"), Labels::duration(m_scene.rules.holdLimitFor(mode)));
        if (s.online)
            suggestRestore(device, mode, holding);
    }
    if (s.program < info.programs.size()) {
        const SignalProgram &program = info.programs[s.program];
        addRow(tr("Program"), tr("%1 (%2, cycle %3 s)").arg(program.programId, program.type).arg(program.cycleS()));
        if (held && s.phase < program.phases.size()) {
            // What it holds: the phase and what each approach may do meanwhile.
            addRow(tr("Holding"), tr("phase %1 of %2").arg(s.phase + 1).arg(program.phases.size()));
            if (info.links.empty())
                addRow(tr("Aspect"), program.phases[s.phase].state);
            else
                addMovements(info, program.phases[s.phase].state);
        } else if (mode == SignalMode::Normal && s.phase < program.phases.size()) {
            addRow(tr("Phase"), tr("%1 of %2, %3 s").arg(s.phase + 1).arg(program.phases.size())
                                     .arg(program.phases[s.phase].durationS));
            if (info.links.empty())
                addRow(tr("Aspect"), program.phases[s.phase].state);   // a package without movements: SUMO's own string
            else
                addMovements(info, program.phases[s.phase].state);
            if (s.untilMs > 0)
                addRow(tr("Next switch in"), Labels::duration(std::max<std::int64_t>(0, s.untilMs - m_scene.nowMs) + 999));
        }
    }
    addRow(tr("Controlled movements"), QString::number(info.linkCount));
    if (s.online)
        addTraffic(m_scene.city().devices[device].detail);
}

void DetailsPanel::addHolder(const std::optional<HoldingCommand> &holding)
{
    if (!holding) {
        addRow(tr("Held by"), Labels::unrecordedHolder());
        return;
    }
    const Order &holder = *holding->order;
    const QString approval = holder.approvedBy.isEmpty() ? QString() : tr(", approved by %1").arg(holder.approvedBy);
    const QString workflow = holder.workflow == WorkflowKind::Single ? QString() : QStringLiteral(" (%1)").arg(Labels::workflow(holder.workflow));
    addRow(tr("Held by"), tr("order %1%2 of %3%4, for %5")
                              .arg(holder.id)
                              .arg(workflow, Labels::requester(holder), approval,
                                   Labels::duration(std::max<std::int64_t>(0, m_scene.nowMs - holding->target->changedMs))));
}

void DetailsPanel::suggestRestore(DeviceIndex device, SignalMode mode, const std::optional<HoldingCommand> &holding)
{
    if (holding && m_scene.nowMs - holding->target->changedMs <= m_scene.rules.holdLimitFor(mode))
        return;   // in its time: a wave releases its own junctions, a hold by hand is what someone meant
    const QString id = m_scene.city().devices[device].id;
    OrderSpec plan;
    plan.description = holding ? QStringLiteral("restore %1: held by order %2 past its limit").arg(id).arg(holding->order->id)
                               : QStringLiteral("restore %1: held by a command this console has no record of").arg(id);
    plan.targets.push_back({device, CommandAction::SignalRestore, 0, 0, 0});
    suggest(tr("Restore %1 to its program…").arg(id),
            tr("Opens the order that returns %1 to its signal program, for you to check and send.").arg(id), std::move(plan));
}

void DetailsPanel::suggest(const QString &text, const QString &toolTip, OrderSpec plan)
{
    m_suggested = std::move(plan);
    m_suggestion->setText(text);
    m_suggestion->setToolTip(toolTip);
    m_suggestion->show();
}

int DetailsPanel::compassPoint(int arrivalBearingDeg) { return ((arrivalBearingDeg + 180 + 22) % 360 + 360) % 360 / 45; }

QString DetailsPanel::fromCompass(int point)
{
    // Where the traffic comes from: the opposite of the way it drives as it arrives.
    static const char *const from[] = {QT_TR_NOOP("From the north"), QT_TR_NOOP("From the north-east"), QT_TR_NOOP("From the east"),
                                        QT_TR_NOOP("From the south-east"), QT_TR_NOOP("From the south"), QT_TR_NOOP("From the south-west"),
                                        QT_TR_NOOP("From the west"), QT_TR_NOOP("From the north-west")};
    return tr(from[point % 8]);
}

void DetailsPanel::addTraffic(int signal)
{
    if (signal < 0 || size_t(signal) >= m_scene.traffic.size() || m_scene.traffic[size_t(signal)].timeMs == 0)
        return;
    const TrafficBook::Signal &traffic = m_scene.traffic[size_t(signal)];
    addRow(tr("Traffic"), tr("measured %1 ago").arg(Labels::duration(std::max<std::int64_t>(0, m_scene.nowMs - traffic.timeMs))));
    const std::vector<SignalApproach> &approaches = m_scene.approaches(size_t(signal));
    for (const ApproachTraffic &a : traffic.approaches) {
        if (a.approach >= approaches.size())
            continue;
        const SignalApproach &approach = approaches[a.approach];
        const QueueLevel level = queueLevel(a);
        const QString street = approach.street.isEmpty() ? QString() : approach.street + QStringLiteral(": ");
        const QString mark = level == QueueLevel::Spillback ? tr("\u25C6 spills back, ") : level == QueueLevel::Long ? tr("\u25B2 long, ") : QString();
        addRow(fromCompass(compassPoint(approach.bearingDeg)),
               street + mark + tr("queue %1 m · %2 standing · %3 vehicles · %4 % occupied").arg(a.queueM).arg(a.queue).arg(a.vehicles).arg(a.occupancyPct),
               level == QueueLevel::Normal ? QString() : mapstyle::queueColor(level).name(),
               tr("Queue: the longest lane's standing vehicles × 7.5 m. Long over %1 m, spilling back over %2 m.").arg(kLongQueueM).arg(kSpillbackQueueM));
    }
}

void DetailsPanel::addMovements(const SignalInfo &info, const QString &state)
{
    const auto aspect = [](QChar c) {
        switch (c.unicode()) {
        case 'G': return tr("green");
        case 'g': return tr("green, yield");
        case 'y':
        case 'Y': return tr("yellow");
        case 'r': return tr("red");
        case 'u': return tr("red-yellow");
        case 's': return tr("stop, then go");
        case 'o':
        case 'O': return tr("off");
        default: return QString(c);
        }
    };
    const auto turn = [](QChar d) {
        switch (d.unicode()) {
        case 's': return tr("straight");
        case 'l': return tr("left");
        case 'r': return tr("right");
        case 't': return tr("U-turn");
        case 'L': return tr("half left");
        case 'R': return tr("half right");
        default: return QString(d);
        }
    };
    // Approaches in compass order; within one, each turn once with the aspects its lanes show.
    std::map<std::pair<int, QString>, std::vector<std::pair<QChar, QChar>>> approaches;
    for (const SignalLink &l : info.links)
        if (l.index >= 0 && l.index < state.size())
            approaches[{compassPoint(l.bearingDeg), l.approach}].emplace_back(l.direction, state.at(l.index));
    for (const auto &[key, moves] : approaches) {
        QStringList turns;
        std::vector<QChar> done;
        for (const auto &[direction, first] : moves) {
            if (std::find(done.begin(), done.end(), direction) != done.end())
                continue;
            done.push_back(direction);
            QStringList aspects;
            for (const auto &[d, c] : moves)
                if (d == direction && !aspects.contains(aspect(c)))
                    aspects << aspect(c);
            turns << tr("%1 %2").arg(turn(direction), aspects.join(QStringLiteral("/")));
        }
        const QString street = key.second.isEmpty() ? QString() : key.second + QStringLiteral(": ");
        addRow(fromCompass(key.first), street + turns.join(QStringLiteral(" · ")), QString(),
               tr("SUMO state of this phase: %1").arg(state));
    }
}

void DetailsPanel::showStreetlight(DeviceIndex device)
{
    showCommon(device);
    const CityModel &city = m_scene.city();
    const StreetlightInfo &info = city.streetlights[city.devices[device].detail];
    const DeviceState &s = m_scene.states[device];
    if (s.fault)
        addRow(tr("Lamp"), tr("FAULT"), mapstyle::alarmAmber().name());
    else
        addRow(tr("Lamp"), s.level == 0 ? tr("off") : s.level >= 100 ? tr("on") : tr("dimmed to %1 %").arg(s.level));
    addRow(tr("Power"), tr("%1 W of %2 W").arg(qRound(s.value)).arg(qRound(info.powerW)));
    if (info.road >= 0)
        addRow(tr("Street"), city.roads[info.road].name.isEmpty() ? city.roads[info.road].sumoId : city.roads[info.road].name);
    if (info.feeder != kNoDevice)
        addRow(tr("Feeder"), city.devices[info.feeder].id);
}

void DetailsPanel::showFeeder(DeviceIndex device)
{
    showCommon(device);
    const CityModel &city = m_scene.city();
    const int detail = city.devices[device].detail;
    const FeederInfo &info = city.feeders[detail];
    const DeviceState &s = m_scene.states[device];
    const double ratio = s.value / info.capacityKw;
    addRow(tr("Substation"), city.substations[city.devices[info.substation].detail].name);
    addRow(tr("Load"), tr("%1 kW (%2 % of capacity)").arg(qRound(s.value)).arg(qRound(ratio * 100)),
           ratio >= 0.8 ? mapstyle::feederColor(ratio).name() : QString());
    addRow(tr("Capacity"), tr("%1 kW").arg(qRound(info.capacityKw)));
    // Trend over the last ten minutes of history.
    if (detail < static_cast<int>(m_loads.feederKw.size()) && m_loads.feederKw[detail].size() > 60) {
        const auto &series = m_loads.feederKw[detail];
        const double delta = series.back() - series[series.size() - 61];
        const QString arrow = delta > 20 ? QStringLiteral("▲") : delta < -20 ? QStringLiteral("▼") : QStringLiteral("▶");
        addRow(tr("Trend (10 min)"), tr("%1 %2 kW").arg(arrow).arg(delta >= 0 ? QStringLiteral("+%1").arg(qRound(delta))
                                                                              : QString::number(qRound(delta))));
        addRow(tr("Peak (1 h)"), tr("%1 kW").arg(qRound(m_loads.feederPeakKw[detail])));
    }
    addRow(tr("Priority"), tr("%1 (1 = shed last)").arg(info.priority));
}

void DetailsPanel::showSubstation(DeviceIndex device)
{
    showCommon(device);
    const CityModel &city = m_scene.city();
    const SubstationInfo &info = city.substations[city.devices[device].detail];
    m_title->setText(info.name);
    double load = 0, capacity = 0;
    int feeders = 0;
    for (const FeederInfo &f : city.feeders) {
        if (f.substation == device) {
            load += m_scene.states[f.device].value;
            capacity += f.capacityKw;
            ++feeders;
        }
    }
    addRow(tr("Feeders"), QString::number(feeders));
    addRow(tr("Load"), tr("%1 kW of %2 kW").arg(qRound(load)).arg(qRound(capacity)));
}

void DetailsPanel::showIncident(const Incident &incident)
{
    const CityModel &city = m_scene.city();
    m_title->setText(Labels::incidentKind(incident.kind));
    m_subtitle->setText(tr("Incident #%1").arg(incident.id));
    addRow(tr("Severity"), Labels::severity(incident.severity),
           incident.isOpen() ? mapstyle::severityColor(incident.severity).name() : QString());
    addRow(tr("State"), Labels::incidentState(incident.state));
    addRow(tr("Where"), Labels::where(city, incident));
    addRow(tr("District"), Labels::district(city, incident.district));
    addRow(tr("Since"), tr("%1 (%2 ago)").arg(Labels::clock(incident.raisedMs, m_zone, false),
                                              Labels::duration(m_scene.nowMs - incident.raisedMs)));
    // The deadlines still to meet, as this incident was given them (the city's response rules when it arose).
    QStringList due;
    if (incident.ackDueMs() > 0)
        due << tr("acknowledge by %1").arg(Labels::clock(incident.ackDueMs(), m_zone, false));
    if (incident.onSceneDueMs() > 0)
        due << tr("on scene by %1").arg(Labels::clock(incident.onSceneDueMs(), m_zone, false));
    if (!due.isEmpty())
        addRow(tr("Deadlines"), due.join(QStringLiteral(" · ")));
    if (!incident.isOpen())
        addRow(tr("Resolved"), Labels::clock(incident.resolvedMs, m_zone, false));
    if (!incident.acknowledgedBy.isEmpty())
        addRow(tr("Acknowledged"), tr("by %1 at %2").arg(incident.acknowledgedBy, Labels::clock(incident.acknowledgedMs, m_zone, false)));
    if (incident.ackOverdue || incident.onSceneOverdue)
        addRow(tr("Escalated"), incident.ackOverdue ? tr("not acknowledged in time") : tr("nobody on scene in time"),
               mapstyle::severityColor(IncidentSeverity::Critical).name());
    QStringList linked;
    for (DeviceIndex d : incident.linked)
        if (d < city.devices.size())
            linked << city.devices[d].id;
    if (!linked.isEmpty())
        addRow(tr("Devices"), linked.join(QStringLiteral(", ")));
    addRow(tr("Position"), QStringLiteral("%1, %2").arg(incident.position.lat, 0, 'f', 5).arg(incident.position.lon, 0, 'f', 5));
    // Who moved it, and when: the newest last, as it happened.
    for (const IncidentStep &step : incident.history) {
        if (step.state == IncidentState::New && step.user.isEmpty())
            continue;
        addRow(Labels::clock(step.timeMs, m_zone, false),
               tr("%1 by %2").arg(Labels::incidentState(step.state), step.user.isEmpty() ? tr("the field") : step.user)
                   + (step.text.isEmpty() ? QString() : QStringLiteral(" — ") + step.text));
    }
    for (const IncidentNote &note : incident.notes)
        addRow(Labels::clock(note.timeMs, m_zone, false), tr("note by %1: %2").arg(note.user, note.text));
    // Signals dark behind an open feeder: the way back is closing that breaker.
    const DeviceIndex feeder = incident.device;
    if (incident.kind == IncidentKind::SignalsDark && incident.isOpen() && feeder < city.devices.size()
        && city.devices[feeder].kind == DeviceKind::Feeder && m_scene.states[feeder].reported && !m_scene.states[feeder].breakerClosed) {
        OrderSpec plan;
        plan.description = QStringLiteral("restore feeder %1: signals dark (incident #%2)").arg(city.devices[feeder].id).arg(incident.id);
        plan.targets.push_back({feeder, CommandAction::FeederRestore, 0, 0, 0});
        suggest(tr("Restore feeder %1…").arg(city.devices[feeder].id),
                tr("Opens the order that closes the breaker of %1 again, for you to check and send; its signals come back in "
                   "step with their programs.")
                    .arg(city.devices[feeder].id),
                std::move(plan));
    }
}

} // namespace cityops
