// Details and the command dialog on a city the test sets up (no live console): what a signal's and an incident's
// Details say, and the phase numbers people read (split from tst_dispatchui).
#include "city/citypackage.h"
#include "labels.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"
#include "panels/commanddialog.h"
#include "panels/detailspanel.h"
#include "testcity.h"

#include <QComboBox>
#include <QDateTime>
#include <QTimeZone>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace cityops;

namespace {

/// Clicks Details' suggestion and returns the one plan it asked the console to open (empty if not exactly one).
OrderSpec takeSuggestion(DetailsPanel &details, QPushButton *suggestion)
{
    QSignalSpy asked(&details, &DetailsPanel::planSuggested);
    suggestion->click();
    return asked.count() == 1 ? asked.at(0).at(0).value<OrderSpec>() : OrderSpec{};
}

/// Selects the first streetlight of the scene's city, reporting and online, and returns it.
DeviceIndex selectALamp(CityMirror &scene)
{
    DeviceIndex lamp = 0;
    while (scene.city().devices[lamp].kind != DeviceKind::Streetlight)
        ++lamp;
    scene.states[lamp].reported = scene.states[lamp].online = true;
    scene.selection = {MapSelection::Kind::Device, lamp};
    return lamp;
}

} // namespace

class TestDetails : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void phaseNumbersAgreeAndValuesRead()
    {
        QCOMPARE(Labels::commandWithValue(CommandAction::SignalHoldPhase, 3), QStringLiteral("Hold phase 4"));
        QCOMPARE(Labels::commandWithValue(CommandAction::LightDim, 40), QStringLiteral("Dim to 40 %"));
        QCOMPARE(Labels::commandWithValue(CommandAction::SignalFlash, 0), Labels::commandAction(CommandAction::SignalFlash));

        const auto city = test::networkCity();
        Engine engine(city);
        CityMirror scene(city);
        const DeviceIndex signal = city->signals.front().device;
        DeviceState &s = scene.states[signal];
        s.reported = s.online = true;
        s.mode = std::uint8_t(SignalMode::Normal);
        s.program = 0;
        s.phase = 3;
        OpsClient client(engine, Actor{QStringLiteral("olga"), {Role::Operator}, {}});
        CommandDialog dialog(scene, client, engine.books());
        dialog.setTargets({signal});
        auto *action = dialog.findChild<QComboBox *>();
        action->setCurrentIndex(action->findData(int(CommandAction::SignalHoldPhase)));
        auto *value = dialog.findChild<QSpinBox *>();
        QCOMPARE(value->minimum(), 1);   // phases from 1 for people
        value->setValue(4);
        QCOMPARE(dialog.spec().targets.front().value, 3);   // the device gets SUMO's index
        bool before = false, after = false;
        for (int c = 0; c < dialog.preview()->columnCount(); ++c) {
            const QString text = dialog.preview()->item(0, c) ? dialog.preview()->item(0, c)->text() : QString();
            before = before || text.contains(QLatin1String("phase 4"));
            after = after || text == QLatin1String("Hold phase 4");
        }
        QVERIFY2(before && after, "the preview names the phase as Details does");
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        scene.selection = {MapSelection::Kind::Device, signal};
        details.refresh();
        QVERIFY2(details.rows().filter(QStringLiteral("Phase: 4 of")).size() == 1, qPrintable(details.rows().join(QLatin1Char('\n'))));
    }

    /// Issue 15: the signals-dark incident suggested the restore only in its note; Details now offers it as a
    /// button while the feeder is open, and says nothing once it is closed again.
    void signalsDarkOfferTheRestoreOfTheirFeeder()
    {
        const auto city = test::networkCity();
        CityMirror scene(city);
        DeviceIndex feeder = kNoDevice;
        for (DeviceIndex d = 0; d < city->devices.size() && feeder == kNoDevice; ++d)
            if (city->devices[d].kind == DeviceKind::Feeder)
                feeder = d;
        QVERIFY(feeder != kNoDevice);
        DeviceState &state = scene.states[feeder];
        state.reported = state.online = true;
        state.breakerClosed = false;
        Incident dark;
        dark.id = 42;
        dark.kind = IncidentKind::SignalsDark;
        dark.severity = IncidentSeverity::Critical;
        dark.device = feeder;
        dark.linked = {feeder, city->signals.front().device};
        scene.incidents.push_back(dark);
        scene.selection = {MapSelection::Kind::Incident, 42};
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.resize(500, 700);
        details.refresh();
        QPushButton *restore = details.suggestion();
        QVERIFY(restore);
        QCOMPARE(restore->text(), QStringLiteral("Restore feeder %1…").arg(city->devices[feeder].id));
        details.show();
        QVERIFY(QTest::qWaitForWindowExposed(&details));
        QVERIFY(restore->isVisible());
        QVERIFY2(details.rect().contains(restore->geometry()), "the button lies within the panel a person sees");
        const OrderSpec plan = takeSuggestion(details, restore);
        QCOMPARE(plan.targets.size(), size_t(1));
        QCOMPARE(plan.targets.front().device, feeder);
        QCOMPARE(plan.targets.front().action, CommandAction::FeederRestore);
        QVERIFY2(plan.description.contains(QLatin1String("incident #42")), qPrintable(plan.description));
        // Closed again: nothing to suggest.
        state.breakerClosed = true;
        details.refresh();
        QVERIFY(!details.suggestion());
        // Another kind of incident suggests nothing either.
        state.breakerClosed = false;
        scene.incidents.front().kind = IncidentKind::Collision;
        details.refresh();
        QVERIFY(!details.suggestion());
    }

    /// Issue 15: Details of a signal whose traffic is measured shows each approach's queue, marked by shape and
    /// word when it is long or spills back; nothing once the signal is silent.
    /// A console that starts (or joins the broker) while a vehicle stands at its station or drives: Details says
    /// since when from the source's own time in the report; without it, only that it stands.
    void anIncidentSaysTheDeadlinesItWasGiven()
    {
        const auto city = test::networkCity();
        CityMirror scene(city);
        const QTimeZone zone = Labels::zone(*city);
        const std::int64_t raised = QDateTime(QDate(2026, 3, 2), QTime(10, 0), zone).toMSecsSinceEpoch();
        Incident incident;
        incident.id = 7;
        incident.severity = IncidentSeverity::Critical;
        incident.raisedMs = raised;
        incident.ackByMs = raised + 7 * 60'000;        // the city's rules when it arose
        incident.onSceneByMs = raised + 25 * 60'000;
        incident.position = city->devices.front().position;
        scene.incidents.push_back(incident);
        scene.selection = {MapSelection::Kind::Incident, 7};
        scene.nowMs = raised + 60'000;
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        const auto deadlines = [&] {
            details.refresh();
            return details.rows().filter(QStringLiteral("Deadlines: ")).join(QLatin1Char('|'));
        };
        QCOMPARE(deadlines(), QStringLiteral("Deadlines: acknowledge by 10:07 · on scene by 10:25"));
        scene.incidents.front().acknowledgedBy = QStringLiteral("rita");
        scene.incidents.front().state = IncidentState::Acknowledged;
        QCOMPARE(deadlines(), QStringLiteral("Deadlines: on scene by 10:25"));
        scene.incidents.front().state = IncidentState::OnScene;
        QCOMPARE(deadlines(), QString());   // met: nothing left to say
        scene.incidents.front().state = IncidentState::New;
        scene.incidents.front().acknowledgedBy.clear();
        scene.incidents.front().ackByMs = scene.incidents.front().onSceneByMs = 0;   // an info incident a city gave none
        QCOMPARE(deadlines(), QString());
    }

    void aVehicleHeardOfMidSpellSaysSinceWhen()
    {
        const auto city = test::networkCity();
        CityMirror scene(city);
        VehicleBook book(city);
        const std::int64_t nowMs = 1'795'000'000'000;
        VehiclePayload standing;
        standing.id = QStringLiteral("ambulance-3");
        standing.parked = true;
        standing.sinceMs = nowMs - 12 * 60'000;   // parked twelve minutes before this console heard of it
        VehiclePayload driving;
        driving.id = QStringLiteral("ambulance-1");
        driving.speedMps = 13.4f;
        driving.sinceMs = nowMs - 125'000;
        VehiclePayload unsaid = standing;
        unsaid.id = QStringLiteral("ambulance-2");
        unsaid.sinceMs = -1;
        book.apply({Event{1, nowMs, kNoDevice, standing}, Event{2, nowMs, kNoDevice, driving}, Event{3, nowMs, kNoDevice, unsaid}});
        book.snapshot(scene.vehicles);
        scene.nowMs = nowMs + 1000;
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        const auto statusOf = [&](const QString &id) {
            scene.selection = {MapSelection::Kind::Vehicle, vehicleKey(id)};
            details.refresh();
            return details.rows().filter(QStringLiteral("Status: ")).join(QLatin1Char('|'));
        };
        QCOMPARE(statusOf(QStringLiteral("ambulance-3")), QStringLiteral("Status: standing for 12 min"));
        QCOMPARE(statusOf(QStringLiteral("ambulance-1")), QStringLiteral("Status: on its way for 2 min, 48 km/h"));
        QCOMPARE(statusOf(QStringLiteral("ambulance-2")), QStringLiteral("Status: standing"));
    }

    void signalDetailsShowTheQueueOfEachApproach()
    {
        const auto city = test::networkCity();
        std::uint32_t signal = 0;
        while (signal < city->signals.size() && signalApproaches(city->signals[signal]).size() < 2)
            ++signal;
        QVERIFY(signal < city->signals.size());
        const auto approaches = signalApproaches(city->signals[signal]);
        const DeviceIndex device = city->signals[signal].device;
        CityMirror scene(city);
        DeviceState &state = scene.states[device];
        state.reported = state.online = true;
        scene.nowMs = 100'000;
        scene.traffic.resize(city->signals.size());
        scene.traffic[signal] = {92'000, {{0, 40, 45, 80, 300}, {1, 2, 3, 4, 15}}};
        scene.selection = {MapSelection::Kind::Device, device};
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.refresh();
        const QStringList rows = details.rows();
        QVERIFY2(rows.filter(QStringLiteral("Traffic: measured 8 s ago")).size() == 1, qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY2(rows.filter(QStringLiteral("\u25C6 spills back, queue 300 m · 40 standing · 45 vehicles · 80 % occupied")).size() == 1,
                 qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY(rows.filter(QStringLiteral("queue 15 m · 2 standing · 3 vehicles · 4 % occupied")).size() == 1);
        if (!approaches[0].street.isEmpty())
            QVERIFY(rows.filter(approaches[0].street + QStringLiteral(": \u25C6 spills back")).size() == 1);
        state.online = false;
        details.refresh();
        QVERIFY(details.rows().filter(QStringLiteral("queue")).isEmpty());
    }
    /// A signal held or pre-empted by a command says by which order, whose, approved by whom and for how long, and
    /// which phase it holds with what each approach may do — without alarm colour; flashing stays amber.
    void aDeviceSaysWhichGatewayItReportsThrough()
    {
        // A lamp gone silent because its gateway is gone: its Details name the gateway, gone since when (the city's
        // clock), in the colour of a device that does not report.
        CityMirror scene(test::networkCity());
        const DeviceIndex lamp = selectALamp(scene);
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.resize(420, 600);
        details.refresh();
        QVERIFY(details.rows().filter(QStringLiteral("Reports through")).isEmpty());   // no gateways: no row

        const std::int64_t heard = QDateTime(QDate(2026, 12, 5), QTime(9, 12, 3), QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
        GatewaySummary gateway{QStringLiteral("gw-west"), true, true, heard, 723, {QStringLiteral("West")}, {}};
        details.setGatewayLookup([&gateway, lamp](DeviceIndex d) { return d == lamp ? std::optional(gateway) : std::nullopt; });
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: gateway gw-west")), qPrintable(details.rows().join('\n')));
        // Its gateway's clock 42 s behind: it would refuse a command to this lamp, said where the operator looks.
        gateway.clockAheadMs = -42'000;
        details.refresh();
        const QString late = QStringLiteral("gateway gw-west — clock 42 s behind: it refuses this desk's commands as issued in its future — set its clock (NTP)");
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: ") + late), qPrintable(details.rows().join('\n')));
        details.show();
        QVERIFY(QTest::qWaitForWindowExposed(&details));
        const auto drawnIn = [&details](const QString &text, const QColor &colour) {
            for (QLabel *label : details.findChildren<QLabel *>())
                if (label->text() == text) {
                    const QImage image = label->grab().toImage();
                    for (int y = 0; y < image.height(); ++y)
                        for (int x = 0; x < image.width(); ++x)
                            if (image.pixelColor(x, y) == colour)
                                return true;
                }
            return false;
        };
        QVERIFY2(drawnIn(late, mapstyle::alarmAmber()), "a gateway clock that refuses commands is not drawn in amber");
        // Every clock the link judges agrees against this desk's: the gateway is not told to set a clock that is right.
        std::optional<DeskClockOff> deskOff = DeskClockOff{42'000, {QStringLiteral("gw-west"), QStringLiteral("gw-east")}, {}};
        details.setDeskClockLookup([&deskOff] { return deskOff; });
        details.refresh();
        const QString ours = QStringLiteral("gateway gw-west — this desk's clock 42 s ahead: set it (NTP)");
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: ") + ours), qPrintable(details.rows().join('\n')));
        QVERIFY2(drawnIn(ours, mapstyle::alarmAmber()), "this desk's clock in the way is not drawn in amber");
        deskOff.reset();
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: ") + late), qPrintable(details.rows().join('\n')));
        gateway.clockAheadMs = -8000;   // dated on arrival, nothing refused: not news here
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: gateway gw-west")), qPrintable(details.rows().join('\n')));
        // It holds another console keyring than this desk: a command from here may be refused — said here, in amber.
        gateway.consoleKeysDiffer = true;
        details.refresh();
        const QString keys = QStringLiteral("gateway gw-west — holds another console keyring than this console");
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: ") + keys), qPrintable(details.rows().join('\n')));
        QVERIFY2(drawnIn(keys, mapstyle::alarmAmber()), "a gateway holding other keyrings is not drawn in amber");
        gateway.consoleKeysDiffer = false;

        gateway.running = false;
        scene.states[lamp].online = false;
        details.refresh();
        const QString gone = QStringLiteral("gateway gw-west — GONE, last heard 09:12:03");
        QVERIFY2(details.rows().contains(QStringLiteral("Reports through: ") + gone), qPrintable(details.rows().join('\n')));
        QVERIFY2(drawnIn(gone, mapstyle::noData()), "the gone gateway is not drawn in the not-reporting colour");
    }

    /// A lamp another console's order holds: Details names who; once that console is gone, that too, and what may be
    /// done about it.
    void aReservedDeviceSaysWhenItsConsoleIsGone()
    {
        CityMirror scene(test::networkCity());
        const DeviceIndex lamp = selectALamp(scene);
        Order o;
        o.id = 17;
        o.requestedBy = QStringLiteral("kai");
        o.console = QStringLiteral("desk-2");
        scene.orders = {o};
        scene.reservations = {{lamp, 17}};
        scene.consoles = {OrderBook::ConsoleSeen{QStringLiteral("desk-2"), ConsoleStanding::Online, 0}};
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reserved: by order 17 of kai at desk-2")), qPrintable(details.rows().join('\n')));
        scene.consoles.front().standing = ConsoleStanding::Gone;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reserved: by order 17 of kai at desk-2 — desk-2 is gone: a supervisor may release the order (Commands panel)")),
                 qPrintable(details.rows().join('\n')));
        scene.consoles.front().standing = ConsoleStanding::OutOfKeyring;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reserved: by order 17 of kai at desk-2 — desk-2 is out of the console keyring: a supervisor "
                                                        "may release the order (Commands panel)")),
                 qPrintable(details.rows().join('\n')));
        // Released here, and held for it again while this console cannot hear the broker (the live city then lists
        // it among the reservations): no release to offer, and why it holds.
        scene.consoles.front().standing = ConsoleStanding::Gone;
        scene.orders.front().releasedHere = true;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Reserved: by order 17 of kai at desk-2 — released here, held for it again while this console "
                                                        "does not hear the broker")),
                 qPrintable(details.rows().join('\n')));
    }

    void aHeldSignalSaysWhoHoldsItAndWhat()
    {
        const auto city = test::networkCity();
        std::uint32_t signal = 0;
        while (signal < city->signals.size() && (city->signals[signal].links.empty() || city->signals[signal].programs.empty()
                                                  || city->signals[signal].programs[0].phases.size() < 2))
            ++signal;
        QVERIFY(signal < city->signals.size());
        const SignalInfo &info = city->signals[signal];
        const DeviceIndex device = info.device;
        CityMirror scene(city);
        DeviceState &state = scene.states[device];
        state.reported = state.online = true;
        state.mode = std::uint8_t(SignalMode::Preempt);
        state.program = 0;
        state.phase = 1;
        scene.nowMs = 1'000'000;
        const auto order = [](std::uint32_t id, WorkflowKind workflow, DeviceIndex d, CommandAction action, CommandStage stage, std::int64_t atMs) {
            Order o;
            o.id = id;
            o.workflow = workflow;
            o.requestedBy = QStringLiteral("olga");
            o.approvedBy = QStringLiteral("sven");
            OrderTarget target;
            target.device = d;
            target.action = action;
            target.value = 1;
            target.stage = stage;
            target.changedMs = atMs;
            o.targets.push_back(target);
            return o;
        };
        scene.orders = {order(5, WorkflowKind::Single, device, CommandAction::SignalHoldPhase, CommandStage::Confirmed, 700'000),   // before
                        order(7, WorkflowKind::GreenWave, device, CommandAction::SignalPreempt, CommandStage::Confirmed, 925'000),   // it
                        order(8, WorkflowKind::GreenWave, device, CommandAction::SignalPreempt, CommandStage::Rejected, 990'000),     // refused
                        order(9, WorkflowKind::GreenWave, device + 1, CommandAction::SignalPreempt, CommandStage::Confirmed, 995'000)}; // another
        scene.selection = {MapSelection::Kind::Device, device};
        const LoadHistory::Series loads;
        DetailsPanel details(scene, loads);
        details.refresh();
        QStringList rows = details.rows();
        const QString all = rows.join(QLatin1Char('\n'));
        QVERIFY2(rows.contains(QStringLiteral("Mode: Pre-empted")), qPrintable(all));
        QVERIFY2(rows.contains(QStringLiteral("Held by: order 7 (Emergency green wave) of olga, approved by sven, for 1 min")), qPrintable(all));
        QVERIFY2(rows.contains(QStringLiteral("Alarm if held over: 5 min")), qPrintable(all));   // a pre-emption, by the default rules
        {
            // A city that questions pre-emptions sooner: its own limit.
            auto ownRules = std::make_shared<CityModel>(*city);
            ownRules->rules = ResponseRules::fromJson(R"({"preempt_limit_min": 3})").value();
            CityMirror own(ownRules);
            own.states = scene.states;
            own.orders = scene.orders;
            own.selection = scene.selection;
            own.nowMs = scene.nowMs;
            DetailsPanel ownDetails(own, loads);
            ownDetails.refresh();
            QVERIFY2(ownDetails.rows().contains(QStringLiteral("Alarm if held over: 3 min")), qPrintable(ownDetails.rows().join(QLatin1Char('\n'))));
            // The city's rules changed while the console runs: the limit in force, not the one it started with.
            own.rules = ResponseRules::fromJson(R"({"preempt_limit_min": 4})").value();
            ownDetails.refresh();
            QVERIFY2(ownDetails.rows().contains(QStringLiteral("Alarm if held over: 4 min")), qPrintable(ownDetails.rows().join(QLatin1Char('\n'))));
        }
        QVERIFY2(rows.contains(QStringLiteral("Holding: phase 2 of %1").arg(info.programs[0].phases.size())), qPrintable(all));
        QVERIFY2(rows.filter(QStringLiteral("From the ")).size() >= 1, qPrintable(all));   // the held phase's movements
        QVERIFY(rows.filter(QStringLiteral("Next switch in")).isEmpty());
        // Plain, not amber: the value's label carries no emphasis.
        const auto emphasised = [&details](const QString &text) {
            for (const QLabel *l : details.findChildren<QLabel *>())
                if (l->text() == text)
                    return !l->styleSheet().isEmpty();
            return true;
        };
        QVERIFY(!emphasised(QStringLiteral("Pre-empted")));
        // A wave's pre-emption in its time: the wave releases it, nothing to suggest. Past its limit (5 min), the way
        // back is one click away — the order opens for the operator to check.
        QVERIFY(!details.suggestion());
        scene.nowMs = 925'000 + 5 * 60'000 + 1000;
        details.refresh();
        QPushButton *restore = details.suggestion();
        QVERIFY(restore);
        const QString id = city->devices[device].id;
        QCOMPARE(restore->text(), QStringLiteral("Restore %1 to its program…").arg(id));
        const OrderSpec plan = takeSuggestion(details, restore);
        QCOMPARE(plan.targets.size(), size_t(1));
        QCOMPARE(plan.targets.front().device, device);
        QCOMPARE(plan.targets.front().action, CommandAction::SignalRestore);
        QCOMPARE(plan.description, QStringLiteral("restore %1: held by order 7 past its limit").arg(id));
        // Silent: its mode is not known now, so no restore is offered on it.
        state.online = false;
        details.refresh();
        QVERIFY(!details.suggestion());
        state.online = true;
        scene.nowMs = 1'000'000;

        // Held with a single command from another console's session, unknown here.
        state.mode = std::uint8_t(SignalMode::Manual);
        scene.orders.clear();
        details.refresh();
        rows = details.rows();
        QVERIFY2(rows.contains(QStringLiteral("Held by: a command this console has no record of")), qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY(details.suggestion());   // nobody here will release it
        scene.orders = {order(5, WorkflowKind::Single, device, CommandAction::SignalHoldPhase, CommandStage::Confirmed, 990'000)};
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: order 5 of olga, approved by sven, for 10 s")), qPrintable(details.rows().join(QLatin1Char('\n'))));
        QVERIFY(!details.suggestion());   // a hold by hand has half an hour
        // A restore under way has not ended that hold yet; once the signal carried it out, the hold it shows now is
        // someone else's, not order 5.
        scene.orders.push_back(order(6, WorkflowKind::Single, device, CommandAction::SignalRestore, CommandStage::InProgress, 995'000));
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: order 5 of olga, approved by sven, for 10 s")), qPrintable(details.rows().join(QLatin1Char('\n'))));
        scene.orders.back().targets.front().stage = CommandStage::Confirmed;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: a command this console has no record of")), qPrintable(details.rows().join(QLatin1Char('\n'))));
        QVERIFY(details.suggestion());
        scene.orders.pop_back();

        // The device's report can reach the state before its confirmation reaches the order: a pre-emption under way
        // holds it then; one that timed out does not.
        state.mode = std::uint8_t(SignalMode::Preempt);
        scene.orders.push_back(order(11, WorkflowKind::GreenWave, device, CommandAction::SignalPreempt, CommandStage::InProgress, 998'000));
        scene.orders.push_back(order(12, WorkflowKind::GreenWave, device, CommandAction::SignalPreempt, CommandStage::TimedOut, 999'000));
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: order 11 (Emergency green wave) of olga, approved by sven, for 2 s")),
                 qPrintable(details.rows().join(QLatin1Char('\n'))));
        // Seen to begin with that command (its report a second after): order 11's still.
        state.modeSinceMs = 999'000;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: order 11 (Emergency green wave) of olga, approved by sven, for 2 s")),
                 qPrintable(details.rows().join(QLatin1Char('\n'))));
        // The controller dropped that pre-emption on its own (no restore in the orders) and, minutes later, the
        // signal is held again: the state says this hold began long after order 11, which did not make it.
        state.mode = std::uint8_t(SignalMode::Manual);
        state.modeSinceMs = 1'300'000;
        scene.nowMs = 1'400'000;
        details.refresh();
        QVERIFY2(details.rows().contains(QStringLiteral("Held by: a command this console has no record of")), qPrintable(details.rows().join(QLatin1Char('\n'))));
        QVERIFY(details.suggestion());   // nobody here will release it
        state.modeSinceMs = -1;
        scene.nowMs = 1'000'000;

        // Flashing is abnormal: amber, and nobody "holds" it.
        state.mode = std::uint8_t(SignalMode::Flash);
        details.refresh();
        QVERIFY(details.rows().filter(QStringLiteral("Held by")).isEmpty());
        QVERIFY(emphasised(QStringLiteral("Flashing")));
        QVERIFY(!details.suggestion());
    }
};

QTEST_MAIN(TestDetails)
#include "tst_details.moc"
