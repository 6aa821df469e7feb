// The acceptance story in the console, on the simulated city: select an intersection, request flash, see
// it wait for approval, approve as a supervisor, see the device reserved, confirmed and drawn flashing, the
// incident dispatched to the district, refused for a responder of another district and acknowledged by one of
// that district — and the whole story in the event log.
#include "city/citypackage.h"
#include "city/sumoimport.h"
#include "labels.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "ops/workflows.h"
#include "panels/alarmpanel.h"
#include "panels/commanddialog.h"
#include "panels/detailspanel.h"
#include "panels/incidentpanel.h"
#include "panels/journalpanel.h"
#include "panels/orderpanel.h"
#include "panels/ordertargetmodel.h"
#include "livecity.h"
#include "access/accesscontrol.h"
#include "testcity.h"
#include "testpeople.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace cityops;

namespace {

bool near(const QColor &a, const QColor &b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <= tolerance;
}

/// Whether any pixel within `radius` of `centre` has (about) the colour `c`.
bool colourAround(const QImage &image, const QPointF &centre, int radius, const QColor &c)
{
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre.toPoint() + QPoint(dx, dy);
            if (image.rect().contains(p) && near(image.pixelColor(p), c))
                return true;
        }
    return false;
}

bool journalHas(JournalPanel *journal, const QString &a, const QString &b = {})
{
    for (int i = 0; i < journal->list()->count(); ++i) {
        const QString text = journal->list()->item(i)->text();
        if (text.contains(a) && (b.isEmpty() || text.contains(b)))
            return true;
    }
    return false;
}

/// The console on the simulated network, olga signed in, shown.
struct OlgasConsole {
    std::shared_ptr<const CityModel> city = test::networkCity();
    Engine engine{city};
    test::People people{*city};
    MainWindow window{engine, people.get()};

    explicit OlgasConsole(double warmUpHours)
    {
        SimLinkOptions sim;
        sim.warmUpHours = warmUpHours;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
        window.access().signIn(QStringLiteral("olga"), test::People::kPassword);
        window.resize(1600, 1000);
        window.show();
    }
    bool live()
    {
        return QTest::qWaitFor([this] { return engine.linkStatus().state == LinkState::Connected; }, 10000)
               && window.currentUser() == QLatin1String("olga");
    }
};

} // namespace

class TestDispatchUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flashApproveDispatchAcknowledge()
    {
        // The default city: it has two districts, so "another district" exists.
        auto package = citypackage::read(QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"));
        QVERIFY2(package.ok(), qPrintable(package.error()));
        auto city = package.value();
        QVERIFY(city->districts.size() >= 2);
        Engine engine(city);
        SimLinkOptions sim;
        sim.seed = 11;
        sim.warmUpHours = 1;
        sim.parameters.commandRejectRate = 0.0;        // this story is about the happy path
        sim.parameters.commandLatencyMinMs = 1500;     // long enough to see the reservation on screen
        sim.parameters.commandLatencyMaxMs = 1600;
        sim.parameters.signalMtbfHours = 1e9;          // no faults getting in the way
        sim.parameters.signalCommLossMtbfHours = 1e9;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QString(), QDateTime::currentMSecsSinceEpoch() - 3600'000);

        test::People people(*city);
        MainWindow window(engine, people.get());
        QVERIFY(window.access().signIn(QStringLiteral("olga"), test::People::kPassword).ok());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10000);
        OpsConsole &ops = window.ops();
        QCOMPARE(ops.client().actor().user, QStringLiteral("olga"));
        QCOMPARE(ops.personLabel()->text(), QStringLiteral("olga · operator"));

        // Select an intersection on the map.
        const DeviceIndex signal = city->signals.front().device;
        const int district = city->devices[signal].district;
        QVERIFY(district >= 0);
        MapView *map = window.mapView();
        map->centerOn(city->devices[signal].position, 17.5);
        map->select({MapSelection::Kind::Device, signal});

        // Request flash through the workflow: the preview names the device and says it needs approval.
        CommandDialog dialog(window.liveCity().scene(), ops.client(), window.liveCity().source().books(), &window);
        dialog.setPlan(workflows::flashAndDispatch(*city, {signal}));
        QCOMPARE(dialog.preview()->rowCount(), 1);
        QCOMPARE(dialog.preview()->item(0, 0)->text(), Labels::deviceWithPlace(city->devices[signal].id, Labels::place(*city, signal)));
        QVERIFY2(dialog.preview()->item(0, 0)->text().contains(QLatin1String(" / ")), qPrintable(dialog.preview()->item(0, 0)->text()));
        QVERIFY(dialog.riskText().contains(QLatin1String("supervisor")));
        dialog.send();

        OrderPanel *orders = ops.orderPanel();
        QTRY_COMPARE(orders->tree()->topLevelItemCount(), 1);
        QTreeWidgetItem *item = orders->tree()->topLevelItem(0);
        QTRY_COMPARE(orders->tree()->topLevelItem(0)->text(1), QStringLiteral("Awaiting approval"));
        orders->tree()->setCurrentItem(orders->tree()->topLevelItem(0));
        auto *approve = orders->findChild<QPushButton *>();
        QVERIFY(approve);
        QVERIFY(!approve->isEnabled());   // olga requested it: not hers to approve
        const std::uint32_t orderId = orders->currentOrder();
        QVERIFY(orderId != 0);
        Q_UNUSED(item);

        // Approve as a supervisor, who signs in at this console and gives the password again to approve.
        auto signInAs = [&](const QString &name) {
            window.access().signOut();
            QVERIFY(window.access().signIn(name, test::People::kPassword).ok());
        };
        signInAs(QStringLiteral("sven"));
        orders->selectOrder(orderId);
        QVERIFY(approve->isEnabled());
        test::answerNextDialog([](QWidget *dialog) {
            dialog->findChild<QLineEdit *>()->setText(QString::fromLatin1(test::People::kPassword));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        orders->approve();

        // Reserved, visibly: a dashed ring around the device on the map.
        auto &scene = window.liveCity().scene();
        QTRY_VERIFY(std::any_of(scene.reservations.begin(), scene.reservations.end(), [&](const auto &r) { return r.first == signal; }));
        window.refreshNow();
        const QPointF at = map->viewport().toScreen(city->devices[signal].position);
        QVERIFY(colourAround(map->grab().toImage(), at + QPointF(11, 0), 2, mapstyle::selection()));
        // And in Details, dark on the light panel (it was white on light grey, issue 16 item 11).
        {
            window.detailsPanel()->refresh();
            QLabel *reserved = nullptr;
            for (QLabel *l : window.detailsPanel()->findChildren<QLabel *>())
                if (l->text().startsWith(QLatin1String("by order")))
                    reserved = l;
            QVERIFY(reserved);
            const QImage label = reserved->grab().toImage();
            int darkest = 255, lightest = 0;
            for (int y = 0; y < label.height(); ++y)
                for (int x = 0; x < label.width(); ++x) {
                    darkest = std::min(darkest, label.pixelColor(x, y).lightness());
                    lightest = std::max(lightest, label.pixelColor(x, y).lightness());
                }
            QVERIFY2(darkest < 80 && lightest > 180, qPrintable(QStringLiteral("text %1 on %2").arg(darkest).arg(lightest)));
        }

        // Confirmed by the device and drawn flashing (alarm amber).
        QTRY_VERIFY_WITH_TIMEOUT(engine.orders().find(orderId) && engine.orders().find(orderId)->stage == CommandStage::Finished, 15000);
        QCOMPARE(engine.orders().find(orderId)->targets.front().stage, CommandStage::Confirmed);
        window.refreshNow();
        QCOMPARE(SignalMode(scene.states[signal].mode), SignalMode::Flash);
        // (The field-work incident it raises is drawn on top of the junction; look under it.)
        map->setLayerVisible(QStringLiteral("incidents"), false);
        QVERIFY(colourAround(map->grab().toImage(), at, 3, mapstyle::alarmAmber()));
        map->setLayerVisible(QStringLiteral("incidents"), true);

        // The incident is dispatched to the district.
        IncidentId work = 0;
        QTRY_VERIFY([&] {
            for (const Incident &i : scene.incidents)
                if (i.kind == IncidentKind::FieldWork)
                    work = i.id;
            return work != 0;
        }());
        QCOMPARE(scene.incident(work)->state, IncidentState::Dispatched);
        QCOMPARE(scene.incident(work)->district, district);

        // A responder of another district: the list hides it from their queue, and a request is refused.
        IncidentPanel *incidents = window.incidentPanel();
        QVERIFY(city->districts.size() >= 2);
        const QString elsewhere = test::People::responderOf((district + 1) % int(city->districts.size()));
        signInAs(elsewhere);
        QVERIFY(incidents->model()->rowOf(work) < 0);
        QSignalSpy answers(&ops.client(), &OpsClient::answered);
        ops.client().ask(request::TransitionIncident{work, IncidentState::Acknowledged, {}});
        QTRY_COMPARE(answers.count(), 1);
        QCOMPARE(answers.at(0).at(0).toBool(), false);
        QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(QLatin1String("Refused")));
        // ... and the refusal stays in the messages after the status bar has moved on, marked amber and in words.
        QListWidget *messages = ops.messages();
        QVERIFY(messages->count() >= 1);
        QVERIFY2(messages->item(0)->text().contains(QLatin1String("Refused")), qPrintable(messages->item(0)->text()));
        QCOMPARE(messages->item(0)->background().color(), mapstyle::alarmAmber());
        window.statusBar()->clearMessage();
        QVERIFY(messages->item(0)->text().contains(QLatin1String("Refused")));

        // A responder of that district acknowledges it with one keystroke.
        const QString here = test::People::responderOf(district);
        signInAs(here);
        const int row = incidents->model()->rowOf(work);
        QVERIFY(row >= 0);
        incidents->view()->setCurrentIndex(incidents->model()->index(row, 0));
        incidents->view()->setFocus();
        QTest::keyClick(incidents->view(), Qt::Key_A);
        QTRY_COMPARE(engine.incidents().find(work)->acknowledgedBy, here);

        // The whole story in the event log.
        JournalPanel *journal = ops.journalPanel();
        const QString order = QStringLiteral("Order %1: ").arg(orderId);
        QTRY_VERIFY(journalHas(journal, order + QStringLiteral("Requested by olga")));
        QTRY_VERIFY(journalHas(journal, order + QStringLiteral("Approved by sven")));
        QTRY_VERIFY(journalHas(journal, order + QStringLiteral("Finished")));
        QTRY_VERIFY(journalHas(journal, QStringLiteral("Incident #%1: Dispatched by olga").arg(work)));
        QTRY_VERIFY(journalHas(journal, QStringLiteral("Incident #%1: Acknowledged by %2").arg(work).arg(here)));
        QTRY_VERIFY(journalHas(journal, QStringLiteral("sven signed in")));
    }

    /// Select an incident, then click a signal on the map: no row is highlighted any more, so nothing may act on the
    /// incident — no enabled button, and the keystroke does nothing.
    void buttonsActOnlyOnWhatIsVisiblySelected()
    {
        OlgasConsole console(2);
        QVERIFY(console.live());
        const auto &city = console.city;
        Engine &engine = console.engine;
        MainWindow &window = console.window;
        QSignalSpy answers(&window.ops().client(), &OpsClient::answered);
        const auto reported = [&] {
            window.ops().client().ask(request::ReportIncident{city->bounds.center(), IncidentSeverity::Minor, {}});
            return true;
        }();
        QVERIFY(reported);
        QTRY_COMPARE(answers.count(), 1);
        const IncidentId id = answers.at(0).at(2).toUInt();
        window.refreshNow();
        IncidentPanel *incidents = window.incidentPanel();
        QTRY_VERIFY(incidents->model()->rowOf(id) >= 0);
        incidents->view()->setCurrentIndex(incidents->model()->index(incidents->model()->rowOf(id), 0));
        QCOMPARE(incidents->currentIncident(), id);
        auto *acknowledge = incidents->findChild<QPushButton *>(QStringLiteral("step-acknowledged"));
        QVERIFY(acknowledge);
        QVERIFY(acknowledge->isEnabled());

        window.mapView()->select({MapSelection::Kind::Device, city->signals.front().device});
        QCOMPARE(incidents->currentIncident(), IncidentId(0));
        QVERIFY(incidents->view()->selectionModel()->selectedRows().isEmpty());
        QVERIFY(!acknowledge->isEnabled());
        QCOMPARE(acknowledge->toolTip(), QStringLiteral("Select an incident in the list first."));   // greyed, and says why
        // In replay the same button says that replay changes nothing; a step that is not one says so too.
        window.ops().setReplaying(true);
        incidents->view()->setCurrentIndex(incidents->model()->index(incidents->model()->rowOf(id), 0));
        QVERIFY(!acknowledge->isEnabled());
        QVERIFY2(acknowledge->toolTip().contains(QLatin1String("Replay")), qPrintable(acknowledge->toolTip()));
        window.ops().setReplaying(false);
        incidents->view()->setCurrentIndex(incidents->model()->index(incidents->model()->rowOf(id), 0));
        auto *close = incidents->findChild<QPushButton *>(QStringLiteral("step-closed"));
        QVERIFY(acknowledge->isEnabled() && acknowledge->toolTip().isEmpty());
        QVERIFY(!close->isEnabled());
        QVERIFY2(!close->toolTip().isEmpty(), "a greyed Close says why");
        window.mapView()->select({MapSelection::Kind::Device, city->signals.front().device});
        incidents->view()->setFocus();
        QTest::keyClick(incidents->view(), Qt::Key_A);
        // The keystroke asked for nothing: the core answers in the order it is asked, so a request asked after the
        // keystroke — a note on an incident that does not exist, which changes nothing — is the first answered.
        window.ops().client().ask(request::NoteIncident{999'999, QStringLiteral("probe")});
        QTRY_COMPARE(answers.count(), 2);
        QVERIFY2(!answers.at(1).at(0).toBool() && answers.at(1).at(1).toString().contains(QLatin1String("999999")),
                 qPrintable(answers.at(1).at(1).toString()));
        QCOMPARE(engine.incidents().find(id)->state, IncidentState::New);
    }

    /// What Details suggests (a feeder's restore, a signal's restore when held past its limit) opens as an order in
    /// the console's command dialog, for the operator to check and send — nothing is sent by the click.
    void aSuggestedPlanOpensInTheCommandDialog()
    {
        OlgasConsole console(0.1);
        QVERIFY(console.live());
        const DeviceIndex signal = console.city->signals.front().device;
        OrderSpec plan;
        plan.description = QStringLiteral("restore sig: held by order 7 past its limit");
        plan.targets.push_back({signal, CommandAction::SignalRestore, 0, 0, 0});
        QString seenDevice, seenAction;
        bool dialogShown = false;
        test::answerNextDialog([&](QWidget *dialog) {
            if (auto *command = qobject_cast<CommandDialog *>(dialog); command && command->preview()->rowCount() == 1) {
                dialogShown = true;
                seenDevice = command->preview()->item(0, 0)->text();
                for (int c = 0; c < command->preview()->columnCount(); ++c)
                    if (command->preview()->item(0, c) && command->preview()->item(0, c)->text().contains(QLatin1String("Restore")))
                        seenAction = command->preview()->item(0, c)->text();
            }
            dialog->close();
        });
        Q_EMIT console.window.detailsPanel()->planSuggested(plan);
        QVERIFY(dialogShown);
        QCOMPARE(seenDevice, Labels::deviceWithPlace(console.city->devices[signal].id, Labels::place(*console.city, signal)));
        QCOMPARE(seenAction, QStringLiteral("Restore normal operation"));
        QCOMPARE(console.engine.orders().lastId(), 0u);   // closed unsent: no order
    }

    /// One numbering of phases everywhere a person reads them (from 1, as Details), while the order carries SUMO's
    /// 0-based index; and values read as sentences ("Dim to 40 %", never "Dim to % 40").
    void heldDevicesAreShownWithTheirHolder()
    {
        // Issue 16, item 1: the green wave that silently ended a maintenance flash. The preview marks what holds a
        // device, names the holder, and sends nothing held without a decision.
        const auto city = test::networkCity();
        Engine engine(city);
        CityMirror scene(city);
        CityBooks books(city);
        const DeviceIndex held = city->signals.front().device, free = city->signals[1].device;
        const IncidentId crew = kConsoleIncidentBase + 7;
        IncidentRaisedPayload raised;
        raised.id = crew;
        raised.kind = IncidentKind::FieldWork;
        raised.severity = IncidentSeverity::Major;
        raised.position = city->devices[held].position;
        IncidentUpdatePayload dispatched;
        dispatched.id = crew;
        dispatched.change = IncidentChange::Transition;
        dispatched.state = IncidentState::Dispatched;
        dispatched.user = QStringLiteral("olga");
        dispatched.text = QStringLiteral("maintenance crew on the way");
        books.apply({Event{1, 1000, held, raised}, Event{2, 1000, kNoDevice, dispatched}});

        OpsClient olga(engine, Actor{QStringLiteral("olga"), {Role::Operator}, {}});
        CommandDialog dialog(scene, olga, books);
        dialog.setPlan(workflows::flashAndDispatch(*city, {held, free}));
        dialog.resize(900, 480);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.preview()->rowCount(), 2);
        QCOMPARE(dialog.preview()->horizontalHeaderItem(3)->text(), QStringLiteral("Held by"));
        QVERIFY(dialog.preview()->item(0, 3)->text().contains(QStringLiteral("field-work incident #%1").arg(crew)));
        QVERIFY(dialog.preview()->item(0, 3)->text().contains(QLatin1String("maintenance crew on the way")));
        QVERIFY(dialog.preview()->item(1, 3)->text().isEmpty());
        QVERIFY(dialog.holdsLabel()->isVisible());
        QVERIFY(dialog.holdsLabel()->text().contains(QStringLiteral("#%1").arg(crew)));
        QVERIFY(dialog.holdsLabel()->text().contains(QLatin1String("ask a supervisor")));
        QPushButton *sendButton = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Send"))
                sendButton = b;
        QVERIFY(sendButton);
        QVERIFY(!sendButton->isEnabled());                 // nothing held goes without a decision
        QVERIFY(!dialog.overrideReason()->isEnabled());    // and an operator cannot make it
        // What a person sees: the held row in amber, the free one plain.
        const QImage shot = dialog.grab().toImage();
        const QRect heldCell = dialog.preview()->visualItemRect(dialog.preview()->item(0, 1));
        const QRect freeCell = dialog.preview()->visualItemRect(dialog.preview()->item(1, 1));
        const QPoint origin = dialog.preview()->viewport()->mapTo(&dialog, QPoint(0, 0));
        QCOMPARE(shot.pixelColor(origin + QPoint(heldCell.right() - 2, heldCell.center().y())), mapstyle::alarmAmber());
        QVERIFY(shot.pixelColor(origin + QPoint(freeCell.right() - 2, freeCell.center().y())) != mapstyle::alarmAmber());
        const QRect holds = dialog.holdsLabel()->geometry();
        QCOMPARE(shot.pixelColor(holds.left() + 2, holds.top() + 2), mapstyle::alarmAmber());

        // Leave them out: the free junction alone, and it can go.
        dialog.leaveOutButton()->click();
        QCOMPARE(dialog.preview()->rowCount(), 1);
        QCOMPARE(dialog.preview()->item(0, 0)->text(), Labels::deviceWithPlace(city->devices[free].id, Labels::place(*city, free)));
        QVERIFY(!dialog.holdsLabel()->isVisible());
        QVERIFY(sendButton->isEnabled());

        // A supervisor may order it anyway, with a reason that goes with the order.
        OpsClient sven(engine, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        CommandDialog second(scene, sven, books);
        second.setPlan(workflows::flashAndDispatch(*city, {held}));
        second.show();
        QVERIFY(second.overrideReason()->isVisible() && second.overrideReason()->isEnabled());
        QVERIFY(second.holdsLabel()->text().contains(QLatin1String("give a reason")));
        QPushButton *secondSend = nullptr;
        for (QPushButton *b : second.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Send"))
                secondSend = b;
        QVERIFY(!secondSend->isEnabled());
        second.overrideReason()->setText(QStringLiteral("crew asked for it by radio"));
        QVERIFY(secondSend->isEnabled());
        QCOMPARE(second.spec().interlockOverride, QStringLiteral("crew asked for it by radio"));
    }

    void greyedAlarmButtonsSayWhy()
    {
        OlgasConsole console(0.5);
        AlarmPanel *alarms = console.window.ops().alarmPanel();
        auto button = [&](const QString &text) {
            for (QPushButton *b : alarms->findChildren<QPushButton *>())
                if (b->text() == text)
                    return b;
            return static_cast<QPushButton *>(nullptr);
        };
        QPushButton *ack = button(QStringLiteral("&Acknowledge"));
        QVERIFY(ack);
        alarms->findChild<QTableView *>()->clearSelection();
        alarms->findChild<QTableView *>()->setCurrentIndex({});
        QVERIFY(!ack->isEnabled());
        QVERIFY2(ack->toolTip().contains(QLatin1String("Select one or more alarms")), qPrintable(ack->toolTip()));
        QPushButton *service = button(QStringLiteral("Out of service"));
        QVERIFY(service && service->toolTip().contains(QLatin1String("maintenance")));
    }

    void replayIsReadOnly()
    {
        OlgasConsole console(0.5);
        QVERIFY(console.live());
        const auto &city = console.city;
        MainWindow &window = console.window;
        window.ops().setReplaying(true);
        QSignalSpy answers(&window.ops().client(), &OpsClient::answered);
        window.ops().client().ask(request::ReportIncident{city->bounds.center(), IncidentSeverity::Minor, {}});
        QCOMPARE(answers.count(), 1);
        QCOMPARE(answers.at(0).at(0).toBool(), false);
        QVERIFY(answers.at(0).at(1).toString().contains(QLatin1String("live")));
        window.ops().setReplaying(false);
        window.ops().client().ask(request::ReportIncident{city->bounds.center(), IncidentSeverity::Minor, {}});
        QTRY_COMPARE(answers.count(), 2);
        QCOMPARE(answers.at(1).at(0).toBool(), true);
    }
};

QTEST_MAIN(TestDispatchUi)
#include "tst_dispatchui.moc"
