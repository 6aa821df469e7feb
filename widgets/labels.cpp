#include "labels.h"

#include "link/wireprotocol.h"
#include "ops/opsrules.h"
#include "security/approval.h"
#include "security/keyringjournal.h"
#include "security/userdirectory.h"
#include "store/recordgap.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>
#include <climits>
#include <limits>

namespace cityops {

QString Labels::deviceKind(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::SignalController: return tr("Signal controller");
    case DeviceKind::Streetlight: return tr("Streetlight");
    case DeviceKind::Feeder: return tr("Feeder");
    case DeviceKind::Substation: return tr("Substation");
    }
    return {};
}

QString Labels::signalMode(SignalMode mode)
{
    switch (mode) {
    case SignalMode::Normal: return tr("Normal");
    case SignalMode::Manual: return tr("Manual");
    case SignalMode::Flash: return tr("Flashing");
    case SignalMode::Off: return tr("Off");
    case SignalMode::Preempt: return tr("Pre-empted");
    }
    return {};
}

QString Labels::requester(const Order &order)
{
    return order.isAnotherConsoles() ? tr("%1 at %2").arg(order.requestedBy, order.console) : order.requestedBy;
}

QString Labels::consoleAway(const std::vector<OrderBook::ConsoleSeen> &roll, const QString &console)
{
    switch (consoleStanding(roll, console)) {
    case ConsoleStanding::Online: return tr("%1 is on the broker").arg(console);
    case ConsoleStanding::Gone: return tr("%1 is gone").arg(console);
    case ConsoleStanding::OutOfKeyring: return tr("%1 is out of the console keyring").arg(console);
    }
    return console;
}

QString Labels::unrecordedHolder()
{
    return tr("a command this console has no record of");
}

QString Labels::incidentKind(IncidentKind kind)
{
    switch (kind) {
    case IncidentKind::Collision: return tr("Collision");
    case IncidentKind::SignalFault: return tr("Signal fault");
    case IncidentKind::LampOutage: return tr("Lamp outage");
    case IncidentKind::FeederOverload: return tr("Feeder overload");
    case IncidentKind::Reported: return tr("Reported");
    case IncidentKind::FieldWork: return tr("Field work");
    case IncidentKind::SignalsDark: return tr("Signals dark");
    }
    return {};
}

QString Labels::severity(IncidentSeverity severity)
{
    switch (severity) {
    case IncidentSeverity::Critical: return tr("Critical");
    case IncidentSeverity::Major: return tr("Major");
    case IncidentSeverity::Minor: return tr("Minor");
    case IncidentSeverity::Info: return tr("Info");
    }
    return {};
}

QString Labels::incidentState(IncidentState state)
{
    switch (state) {
    case IncidentState::New: return tr("New");
    case IncidentState::Acknowledged: return tr("Acknowledged");
    case IncidentState::Dispatched: return tr("Dispatched");
    case IncidentState::OnScene: return tr("On scene");
    case IncidentState::Resolved: return tr("Resolved");
    case IncidentState::Closed: return tr("Closed");
    case IncidentState::Cancelled: return tr("Cancelled");
    case IncidentState::Merged: return tr("Merged");
    }
    return {};
}

QString Labels::linkState(LinkState state)
{
    switch (state) {
    case LinkState::Starting: return tr("starting");
    case LinkState::Connected: return tr("connected");
    case LinkState::Degraded: return tr("degraded");
    case LinkState::Disconnected: return tr("disconnected");
    }
    return {};
}

QString Labels::linkState(const LinkStatus &status)
{
    if (status.reconnecting())
        return tr("reconnecting", "a field link that lost its broker");
    return linkState(status.state);
}

QString Labels::duration(std::int64_t ms)
{
    const std::int64_t s = std::max<std::int64_t>(0, ms / 1000);
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min").arg(s / 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString Labels::recordGap(std::uint64_t count, std::int64_t spanMs)
{
    const int n = static_cast<int>(std::min<std::uint64_t>(count, std::numeric_limits<int>::max()));
    return tr("%Ln event(s) not recorded over %1: the console could not write them (its disk full, or its recording too far "
              "behind) — the record's check names them", nullptr, n).arg(duration(spanMs));
}

QString Labels::dataSize(std::int64_t bytes)
{
    double inUnit = static_cast<double>(std::max<std::int64_t>(0, bytes));
    while (inUnit >= 1024)
        inUnit /= 1024;
    return QLocale().formattedDataSize(bytes, inUnit >= 10 || bytes < 1024 ? 0 : 1);
}

bool Labels::clockRefusesCommands(const GatewaySummary &g)
{
    return g.running && g.clockAheadMs && std::llabs(*g.clockAheadMs) > wire::kMaxIssueSkewMs;
}

QString Labels::gatewayClock(std::int64_t aheadMs, bool inTheWay)
{
    const QString by = duration(std::llabs(aheadMs));
    if (!inTheWay)
        return aheadMs < 0 ? tr("clock %1 behind (its reports dated on arrival)").arg(by) : tr("clock %1 ahead (its reports dated on arrival)").arg(by);
    return aheadMs < 0 ? tr("clock %1 behind: it refuses this desk's commands as issued in its future — set its clock (NTP)").arg(by)
                       : tr("clock %1 ahead: it refuses a command of this desk valid for less as expired — set its clock (NTP)").arg(by);
}

QString Labels::gatewayClockInTheWay(const QString &gateway, std::int64_t aheadMs)
{
    const QString by = duration(std::llabs(aheadMs));
    return aheadMs < 0 ? tr("%1 clock %2 behind").arg(gateway, by) : tr("%1 clock %2 ahead").arg(gateway, by);
}

QString Labels::gatewayKeyrings(const GatewaySummary &g)
{
    return g.running ? otherKeyrings(g.consoleKeysDiffer, g.approverKeysDiffer) : QString();
}

QString Labels::otherKeyrings(bool consoleKeysDiffer, bool approverKeysDiffer)
{
    if (!consoleKeysDiffer && !approverKeysDiffer)
        return {};
    return consoleKeysDiffer && approverKeysDiffer ? tr("other console and approver keyrings than this console")
           : consoleKeysDiffer                     ? tr("another console keyring than this console")
                                                   : tr("another approver keyring than this console");
}

QString Labels::keyringsDiffer(const QString &name, bool consoleKeysDiffer, bool approverKeysDiffer)
{
    // Short, as a clock's news is: which keyring, and what to do, in the tooltip line.
    const QString differs = consoleKeysDiffer && approverKeysDiffer ? tr("%1 keyrings differ", "a gateway or a console")
                            : consoleKeysDiffer                    ? tr("%1 console keyring differs", "a gateway or a console")
                                                                   : tr("%1 approver keyring differs", "a gateway or a console");
    return differs.arg(name);
}

QString Labels::consoleClockOff(const QString &console, std::int64_t aheadMs)
{
    const QString by = duration(std::llabs(aheadMs));
    return aheadMs < 0 ? tr("%1 clock %2 behind: its operations refused").arg(console, by)
                       : tr("%1 clock %2 ahead: its operations refused").arg(console, by);
}

QString Labels::deskClock(std::int64_t aheadMs)
{
    const QString by = duration(std::llabs(aheadMs));
    return aheadMs < 0 ? tr("this desk's clock %1 behind").arg(by) : tr("this desk's clock %1 ahead").arg(by);
}

QString Labels::deskClockDetail(const DeskClockOff &off)
{
    const QString by = duration(std::llabs(off.aheadMs));
    const QString agreeing = (off.gateways + off.consoles).join(QStringLiteral(", "));
    return off.aheadMs < 0 ? tr("This desk's clock is likely the one off: %1 behind every other clock it judges (%2). The field refuses "
                                "its commands valid for less as expired, other desks its operations — set this desk's clock (NTP)")
                                 .arg(by, agreeing)
                           : tr("This desk's clock is likely the one off: %1 ahead of every other clock it judges (%2). The field refuses "
                                "its commands as issued in its future, other desks its operations — set this desk's clock (NTP)")
                                 .arg(by, agreeing);
}

QString Labels::carryOver(const QString &error, const StoreReader::PassedOver &passedOver, const QTimeZone &zone)
{
    if (!error.isEmpty())
        return tr("The incidents, alarms and orders open when this console last stopped were NOT carried over (%1): this desk "
                  "starts without them. Replay the recording (Ctrl+R) to see them.").arg(error);
    QStringList said;
    // The worse first: what was open before the oldest event kept is missing altogether.
    if (passedOver.stateLostBeforeMs > 0)
        said << tr("No snapshot of the recording could be read, and it keeps events only from %1: the incidents, alarms and orders "
                   "open before then are NOT on this desk — check them in the field.")
                    .arg(QDateTime::fromMSecsSinceEpoch(passedOver.stateLostBeforeMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (passedOver.count > 0)
        said << tr("Carried on from the recording without %n event(s) it could not read (the first: %1); what they recorded is not "
                   "on this desk.", "", int(std::min<std::uint64_t>(passedOver.count, INT_MAX))).arg(passedOver.firstReason);
    return said.join(QLatin1Char(' '));
}

QString Labels::clockOrDate(std::int64_t utcMs, std::int64_t nowMs, const QTimeZone &zone)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(utcMs, zone);
    return at.date() == QDateTime::fromMSecsSinceEpoch(nowMs, zone).date() ? clock(utcMs, zone, false)
                                                                            : at.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString Labels::replayPassedOver(std::uint64_t count, const QString &firstReason)
{
    return tr("The replay goes on without %n recorded event(s) it cannot read (the first: %1).", "",
              int(std::min<std::uint64_t>(count, INT_MAX))).arg(firstReason);
}

QString Labels::responseRules(const ResponseRules &rules)
{
    const auto deadline = [](std::int64_t ms) { return ms > 0 ? duration(ms) : tr("no deadline"); };
    QString rows;
    for (const IncidentSeverity s : {IncidentSeverity::Critical, IncidentSeverity::Major, IncidentSeverity::Minor, IncidentSeverity::Info})
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                    .arg(severity(s), deadline(rules.slaFor(s).ackWithinMs), deadline(rules.slaFor(s).onSceneWithinMs));
    return (rules.cityOwn ? tr("<p>The city's own response rules (set with <i>cityops-admin rules</i>).</p>")
                          : tr("<p>The default response rules: this city has set none of its own (<i>cityops-admin rules</i>).</p>"))
        + QStringLiteral("<table cellspacing=\"6\"><tr><th></th><th>%1</th><th>%2</th></tr>%3</table>")
              .arg(tr("Acknowledge within"), tr("On scene within"), rows)
        + tr("<p>Past a deadline the incident is escalated to the supervisors. A signal held on a phase for more than "
             "<b>%1</b>, or pre-empted for more than <b>%2</b>, raises an alarm.</p>")
              .arg(duration(rules.holdLimitFor(SignalMode::Manual)), duration(rules.holdLimitFor(SignalMode::Preempt)))
        + tr("<p>Each incident keeps the deadlines it was given when it arose.</p>");
}

QString Labels::minutesAndSeconds(std::int64_t ms)
{
    const std::int64_t s = std::max<std::int64_t>(0, (ms + 500) / 1000);
    if (s < 60)
        return tr("%1 s").arg(s);
    return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString Labels::alarmChange(AlarmChange change)
{
    switch (change) {
    case AlarmChange::Raised: return tr("raised");
    case AlarmChange::Returned: return tr("returned to normal");
    case AlarmChange::Acknowledged: return tr("acknowledged");
    case AlarmChange::Shelved: return tr("shelved");
    case AlarmChange::Unshelved: return tr("unshelved");
    case AlarmChange::OutOfService: return tr("taken out of service");
    case AlarmChange::InService: return tr("returned to service");
    case AlarmChange::Suppressed: return tr("suppressed");
    case AlarmChange::Unsuppressed: return tr("no longer suppressed");
    }
    return {};
}

QString Labels::operatorAction(OperatorAction action)
{
    switch (action) {
    case OperatorAction::SignIn: return tr("signed in");
    case OperatorAction::SignOut: return tr("signed out");
    case OperatorAction::StartReplay: return tr("started replay");
    case OperatorAction::StopReplay: return tr("stopped replay");
    case OperatorAction::Export: return tr("exported");
    case OperatorAction::Select: return tr("selected");
    case OperatorAction::Acknowledge: return tr("acknowledged");
    case OperatorAction::Approve: return tr("approved");
    case OperatorAction::SignInRefused: return tr("sign-in refused");
    case OperatorAction::Lock: return tr("locked the console");
    case OperatorAction::Unlock: return tr("unlocked the console");
    case OperatorAction::HandOver: return tr("handed over the shift");
    case OperatorAction::TakeOver: return tr("took over the shift");
    case OperatorAction::InterlockOverride: return tr("overrode an interlock");
    case OperatorAction::ShowOnWall: return tr("put on the video wall");
    case OperatorAction::SendVehicle: return tr("sent a vehicle");
    case OperatorAction::StopWave: return tr("stopped a green wave");
    case OperatorAction::WaveOver: return tr("started a green wave, now over", "the vehicle of a wave this person started has parked");
    case OperatorAction::RulesChanged: return tr("changed the response rules", "recorded as the city's, not a person's: see activity()");
    case OperatorAction::CloseConsole: return tr("closed the console");
    case OperatorAction::AccountChanged: return tr("changed an account", "an administrator, with cityops-admin: see activity()");
    case OperatorAction::KeyringChanged: return tr("changed a keyring", "an administrator, with cityops-admin: see activity()");
    }
    return {};
}

QString Labels::activity(const QString &recorded)
{
    // The record keeps stable English keys (codec/eventcodec markerFor); people read them in their language.
    static const QRegularExpression action(QStringLiteral("^(\\S+) (\\S+)(?:: (.*))?$"), QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression incident(QStringLiteral("^incident #(\\d+) (\\S+)(?: by (\\S+))?(?:: (.*))?$"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression alarm(QStringLiteral("^alarm (\\d+) (\\S+) (\\S+)(?: by (\\S+))?$"));
    static const QRegularExpression order(QStringLiteral("^order (\\d+) (\\S+)(?: by (\\S+))?(?:: (.*))?$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression console(QStringLiteral("^console (\\S+) (online|gone|out-of-keyring)$"));
    const auto with = [](QString line, const QString &user, const QString &text) {
        if (!user.isEmpty())
            line = tr("%1 by %2", "incident, alarm or order step by a person").arg(line, user);
        if (!text.isEmpty())
            line = tr("%1 — %2").arg(line, text);
        return line;
    };
    if (const auto gap = recordgap::read(recorded))
        return recordGap(gap->count, gap->spanMs);
    if (const auto m = incident.match(recorded); m.hasMatch()) {
        QString step = m.captured(2);
        for (int s = 0; s <= int(IncidentState::Merged); ++s)
            if (step == incidentStateName(IncidentState(s)))
                step = incidentState(IncidentState(s));
        if (step == incidentChangeName(IncidentChange::Note))
            step = tr("note");
        else if (step == incidentChangeName(IncidentChange::AckOverdue))
            step = tr("acknowledgement overdue");
        else if (step == incidentChangeName(IncidentChange::OnSceneOverdue))
            step = tr("on scene overdue");
        return with(tr("Incident #%1: %2").arg(m.captured(1), step), m.captured(3), m.captured(4));
    }
    if (const auto m = alarm.match(recorded); m.hasMatch()) {
        QString cause = m.captured(2), change = m.captured(3);
        for (int c = 0; c < kAlarmCauseCount; ++c)
            if (cause == alarmCauseName(AlarmCause(c)))
                cause = alarmCause(AlarmCause(c));
        for (int c = 0; c <= int(AlarmChange::Unsuppressed); ++c)
            if (change == alarmChangeName(AlarmChange(c)))
                change = alarmChange(AlarmChange(c));
        return with(tr("Alarm %1 (%2): %3").arg(m.captured(1), cause, change), m.captured(4), {});
    }
    if (const auto m = order.match(recorded); m.hasMatch()) {
        QString stage = m.captured(2);
        for (int s = 0; s <= int(CommandStage::Released); ++s)
            if (stage == commandStageName(CommandStage(s)))
                stage = commandStage(CommandStage(s));
        return with(tr("Order %1: %2").arg(m.captured(1), stage), m.captured(3), m.captured(4));
    }
    if (const auto m = console.match(recorded); m.hasMatch()) {
        if (m.captured(2) == QLatin1String("out-of-keyring"))
            return tr("Console %1 was taken out of the console keyring: its operations are refused here").arg(m.captured(1));
        return m.captured(2) == QLatin1String("online") ? tr("Console %1 is on the broker").arg(m.captured(1))
                                                        : tr("Console %1 is gone from the broker").arg(m.captured(1));
    }
    if (const auto m = action.match(recorded); m.hasMatch())
        for (int a = 0; a < kOperatorActionCount; ++a)
            if (m.captured(1) == operatorActionName(OperatorAction(a))) {
                // No person changed them here: the city's package did (cityops-admin rules), as the record says.
                if (OperatorAction(a) == OperatorAction::RulesChanged)
                    return with(tr("The city's response rules changed"), {}, m.captured(3));
                // Nor at a console: an administrator did, with cityops-admin; the record names the account in parentheses.
                const QString admin = m.captured(2).remove(QLatin1Char('(')).remove(QLatin1Char(')'));
                // A person's own new password, at a console: by them, not an administrator.
                if (OperatorAction(a) == OperatorAction::AccountChanged && m.captured(3).startsWith(QLatin1String("change-password ")))
                    return with(tr("%1 set their own password").arg(admin), {}, m.captured(3));
                // Or their approval key, moved to their password now (Session ▸ Approval key).
                if (OperatorAction(a) == OperatorAction::AccountChanged && m.captured(3).startsWith(QLatin1String(approval::kMovedDetail)))
                    return with(tr("%1 moved their approval key to their password now").arg(admin), {}, m.captured(3));
                // Or someone at a console, with Session ▸ People: the journal's detail says so ("unlock olga: at a console …").
                static const QRegularExpression atConsole(QStringLiteral("^[a-z-]+ \\S+: ") + QLatin1String(adminjournal::kAtConsoleDetail));
                if (OperatorAction(a) == OperatorAction::AccountChanged && atConsole.match(m.captured(3)).hasMatch())
                    return with(tr("%1 changed an account at a console").arg(admin), {}, m.captured(3));
                if (OperatorAction(a) == OperatorAction::AccountChanged)
                    return with(tr("An administrator (%1) changed an account with cityops-admin").arg(admin), {}, m.captured(3));
                // A keyring changed by other means (engine/adminwatch.h): nobody the record can name did it.
                const QString outside = QLatin1String(keyringjournal::kOutsideChange) + QLatin1Char(' ');
                if (OperatorAction(a) == OperatorAction::KeyringChanged && m.captured(3).startsWith(outside))
                    return with(tr("Whose keys are believed was changed outside cityops-admin; nobody is recorded as having done it"), {},
                                m.captured(3).mid(outside.size()));
                // Nor did anyone at a gateway: the link recorded its keyrings turning other than this console's, or back.
                const QString gateway = QLatin1String(keyringjournal::kGatewayKeyrings) + QLatin1Char(' ');
                if (OperatorAction(a) == OperatorAction::KeyringChanged && m.captured(3).startsWith(gateway))
                    return with(tr("A gateway's keyrings compared with this console's"), {}, m.captured(3).mid(gateway.size()));
                // Nor at the room's other desk: its status said which keys it believes, other than this console's, or back.
                const QString desk = QLatin1String(keyringjournal::kDeskKeyrings) + QLatin1Char(' ');
                if (OperatorAction(a) == OperatorAction::KeyringChanged && m.captured(3).startsWith(desk))
                    return with(tr("Another desk's keyrings compared with this console's"), {}, m.captured(3).mid(desk.size()));
                if (OperatorAction(a) == OperatorAction::KeyringChanged)
                    return with(tr("An administrator (%1) changed whose keys are believed with cityops-admin").arg(admin), {}, m.captured(3));
                return with(tr("%1 %2").arg(m.captured(2), operatorAction(OperatorAction(a))), {}, m.captured(3));
            }
    return recorded;
}

QString Labels::linkDescription(const LinkStatus &status)
{
    // The link's own parts in the desk's language (built each time: the language may change while the console runs).
    LinkStatus::Words words;
    words.retrying = tr("%1 — retrying: %2", "%1: the broker's address; %2: why it failed, in its words");
    words.failed = tr("%1 — %2");
    words.simulator = tr("simulator ×%1");
    words.paceKept = tr(" (keeps ×%1: the city's time follows it)", "the simulation runs slower than asked");
    words.bySumo = tr(" · signals by SUMO");
    words.sumoStopped = tr(" — %1; signals not reporting until it runs again", "%1: what happened to SUMO, in its words");
    return status.describe(words);
}

QString Labels::clock(std::int64_t utcMs, const QTimeZone &zone, bool withSeconds)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, zone);
    return t.toString(withSeconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString Labels::alarmCause(AlarmCause cause)
{
    switch (cause) {
    case AlarmCause::LampFault: return tr("Lamp failed");
    case AlarmCause::SignalFault: return tr("Signal controller fault");
    case AlarmCause::CommLoss: return tr("No communication");
    case AlarmCause::FeederOverload: return tr("Feeder overloaded");
    case AlarmCause::FeederTrip: return tr("Feeder breaker tripped");
    case AlarmCause::LinkLoss: return tr("Devices silent: common cause");
    case AlarmCause::HoldOverrun: return tr("Signal held too long");
    }
    return {};
}

QString Labels::alarmPriority(AlarmPriority priority)
{
    switch (priority) {
    case AlarmPriority::Low: return tr("Low");
    case AlarmPriority::Medium: return tr("Medium");
    case AlarmPriority::High: return tr("High");
    }
    return {};
}

bool Labels::takesPhase(CommandAction action)
{
    return action == CommandAction::SignalHoldPhase || action == CommandAction::SignalPreempt;
}

QString Labels::commandWithValue(CommandAction action, int value)
{
    if (!commandSpec(action).takesValue)
        return commandAction(action);
    if (takesPhase(action))
        return tr("%1 %2", "action and phase number").arg(commandAction(action)).arg(value + 1);
    if (action == CommandAction::LightDim)
        return tr("Dim to %1 %").arg(value);   // not "Dim to %" + the number: "Dim to % 40" read wrong
    return tr("%1 %2", "action and value").arg(commandAction(action)).arg(value);
}

QString Labels::commandAction(CommandAction action)
{
    switch (action) {
    case CommandAction::SignalSwitchProgram: return tr("Switch program");
    case CommandAction::SignalHoldPhase: return tr("Hold phase");
    case CommandAction::SignalAdvancePhase: return tr("Advance phase");
    case CommandAction::SignalFlash: return tr("Flash");
    case CommandAction::SignalPreempt: return tr("Pre-empt (hold green)");
    case CommandAction::SignalRestore: return tr("Restore normal operation");
    case CommandAction::LightOn: return tr("Switch on");
    case CommandAction::LightOff: return tr("Switch off");
    case CommandAction::LightDim: return tr("Dim to %");
    case CommandAction::LightAuto: return tr("Automatic (photocell)");
    case CommandAction::FeederShed: return tr("Shed (open breaker)");
    case CommandAction::FeederRestore: return tr("Restore (close breaker)");
    }
    return {};
}

QString Labels::commandStage(CommandStage stage)
{
    switch (stage) {
    case CommandStage::Requested: return tr("Requested");
    case CommandStage::AwaitingApproval: return tr("Awaiting approval");
    case CommandStage::Approved: return tr("Approved");
    case CommandStage::Denied: return tr("Denied");
    case CommandStage::Selected: return tr("Reserved");
    case CommandStage::Sent: return tr("Sent");
    case CommandStage::InProgress: return tr("In progress");
    case CommandStage::Confirmed: return tr("Confirmed");
    case CommandStage::Rejected: return tr("Rejected");
    case CommandStage::TimedOut: return tr("Timed out");
    case CommandStage::Expired: return tr("Expired");
    case CommandStage::Cancelled: return tr("Cancelled");
    case CommandStage::Finished: return tr("Finished");
    case CommandStage::Released: return tr("Released here");
    }
    return {};
}

QString Labels::role(Role role)
{
    switch (role) {
    case Role::Viewer: return tr("viewer");
    case Role::Responder: return tr("responder");
    case Role::Operator: return tr("operator");
    case Role::Supervisor: return tr("supervisor");
    case Role::Admin: return tr("administrator");
    }
    return {};
}

QString Labels::workflow(WorkflowKind kind)
{
    switch (kind) {
    case WorkflowKind::Single: return tr("Command");
    case WorkflowKind::FlashAndDispatch: return tr("Flash intersection and dispatch responders");
    case WorkflowKind::DimDistrict: return tr("Dim district");
    case WorkflowKind::ShedFeeders: return tr("Shed feeders, then restore");
    case WorkflowKind::GreenWave: return tr("Emergency green wave");
    case WorkflowKind::Restore: return tr("Restore");
    }
    return {};
}

QTimeZone Labels::zone(const CityModel &city)
{
    const QTimeZone zone(city.meta.timezone.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

} // namespace cityops
