// The order panel: a large order's every target and its failures, and another console's order, which is worked at
// that console — what a person sees in the list and why the buttons they cannot use are greyed, and what the shift
// hand-over says of it.
#include "access/handoverchecklist.h"
#include "engine/engine.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "ops/annunciator.h"
#include "ops/opsclient.h"
#include "panels/commanddialog.h"
#include "panels/orderpanel.h"
#include "panels/ordertargetmodel.h"
#include "testcity.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace cityops;

namespace {

/// Books the test writes, as the panel reads the live ones.
struct Books : CityStateSource {
    std::shared_ptr<const CityModel> city;
    CityBooks b;
    explicit Books(std::shared_ptr<const CityModel> c) : city(c), b(std::move(c)) {}
    const CityBooks &books() const override { return b; }
    std::int64_t now = 10'000;
    std::uint64_t seq = 0;
    std::int64_t nowMs() const override { return now; }
};

/// The order panel over `source`'s books, for `actor`, shown.
struct ShownPanel {
    Engine engine;
    CityMirror scene;
    LiveCity live{engine, scene};
    OpsClient client;
    OrderPanel panel{live, client};

    ShownPanel(Books &source, const Actor &actor) : engine(source.city), scene(source.city), client(engine, actor)
    {
        live.setSource(&source);
        live.refreshAll();
        panel.resize(1400, 700);
        panel.show();
    }
};

QPushButton *button(const QWidget &panel, const QString &text)
{
    for (QPushButton *b : panel.findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

/// Another console's operations as the broker link hands them to the core (origin set, console named), pushed once
/// when the link starts.
class PeerLink : public FieldLink {
public:
    explicit PeerLink(std::vector<Event> batch) : m_batch(std::move(batch)) {}
    void start() override
    {
        setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("a peer's operations")));
        sink()->push(std::move(m_batch), Overflow::DropNewest);
    }
    void stop() override {}
    void send(const std::vector<DeviceCommand> &) override {}
    /// This console loses the broker, and hears it again (thread-safe, as a link's status is).
    void drop() { setStatus(LinkStatus::network(LinkState::Disconnected, QStringLiteral("the broker went away"))); }
    void reconnect() { setStatus(LinkStatus::network(LinkState::Connected, QStringLiteral("a peer's operations"))); }

private:
    std::vector<Event> m_batch;
};

/// Order `order` of kai at console-b, with one target on `device`, through `stages` (order-level for the order's own
/// stages, the target's for Requested after the first and Selected), as console-b shared it just now.
std::vector<Event> peerOrder(std::uint32_t order, DeviceIndex device, CommandAction action, std::initializer_list<CommandStage> stages)
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    std::vector<Event> batch;
    bool first = true;
    for (const CommandStage stage : stages) {
        const bool onTarget = stage == CommandStage::Selected || (stage == CommandStage::Requested && !first);
        CommandPayload c;
        c.order = order;
        c.stage = stage;
        c.action = action;
        c.value = action == CommandAction::LightDim ? 30 : 0;
        c.user = first ? QStringLiteral("kai") : QString();
        c.console = QStringLiteral("console-b");
        c.timeMs = onTarget ? 0 : now + 3600'000;
        batch.push_back(Event{0, now, onTarget ? device : kNoDevice, c, 1});
        first = false;
    }
    return batch;
}

/// `engine` started on a PeerLink with `batch`, its directory knowing kai (who requested the peer's order) as an operator.
PeerLink *startWithPeer(Engine &engine, std::vector<Event> batch)
{
    engine.setRoster([](const QString &user) -> std::optional<Actor> {
        if (user == QLatin1String("kai"))
            return Actor{user, {Role::Operator}, {}};
        return std::nullopt;
    });
    auto link = std::make_unique<PeerLink>(std::move(batch));
    PeerLink *raw = link.get();
    engine.start(std::move(link));
    return raw;
}

CommandPayload step(std::uint32_t order, CommandStage stage, const QString &user = {}, const QString &console = {})
{
    CommandPayload c;
    c.order = order;
    c.stage = stage;
    c.action = CommandAction::SignalFlash;
    c.user = user;
    c.console = console;
    c.timeMs = 3600'000;
    return c;
}

/// Books order `order` of `by` on one `device` — another console's when `console` is given — requested, then taken
/// through `then` (the order's own stages; Selected is the target's).
void bookOrder(Books &source, std::uint32_t order, DeviceIndex device, const QString &by, const QString &console = {},
               std::initializer_list<CommandStage> then = {})
{
    std::vector<Event> events{Event{++source.seq, 1000, kNoDevice, step(order, CommandStage::Requested, by, console)},
                              Event{++source.seq, 1000, device, step(order, CommandStage::Requested, {}, console)}};
    for (const CommandStage stage : then)
        events.push_back(Event{++source.seq, 1000, stage == CommandStage::Selected ? device : kNoDevice, step(order, stage, {}, console)});
    source.b.apply(events);
}

/// console-b's status as this console's link records it, at `atMs`.
void consoleBSaid(Books &source, ConsoleStanding standing, std::int64_t atMs)
{
    source.b.apply({Event{++source.seq, atMs, kNoDevice, ConsolePayload{QStringLiteral("console-b"), standing}}});
}

/// sven released order `order` here at `atMs`, because console-b crashed.
void releasedBySven(Books &source, std::uint32_t order, std::int64_t atMs)
{
    CommandPayload released = step(order, CommandStage::Released, QStringLiteral("sven"));
    released.text = QStringLiteral("console-b crashed");
    source.b.apply({Event{++source.seq, atMs, kNoDevice, released}});
}

} // namespace

class TestOrderPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aLargeOrderShowsEveryTargetAndItsFailures()
    {
        // Issue 16, item 8: "639/657 con…", 300 targets then "… and 357 more", "Rejected — d…". Now: a count per
        // result, every target in a model, sorted and filtered to the failures, which can be picked or retried.
        const auto city = test::networkCity();
        Books source(city);
        const int devices = int(city->devices.size());
        constexpr int kTargets = 10'000, kFailed = 18;
        const QString reason = QStringLiteral("device busy: the controller is under local manual control by the maintenance crew");
        std::vector<Event> events;
        std::uint64_t seq = 0;
        CommandPayload order;
        order.order = 77;
        order.stage = CommandStage::Requested;
        order.user = QStringLiteral("olga");
        order.text = QStringLiteral("dim everything");
        order.timeMs = 3600'000;
        events.push_back(Event{++seq, 1000, kNoDevice, order});
        for (int i = 0; i < kTargets; ++i) {
            CommandPayload t;
            t.order = 77;
            t.action = CommandAction::LightDim;
            t.value = 40;
            t.step = std::uint16_t(i / devices);
            t.stage = CommandStage::Requested;
            const DeviceIndex d = DeviceIndex(i % devices);
            events.push_back(Event{++seq, 1000, d, t});
            t.stage = i % (kTargets / kFailed) == 5 && i / (kTargets / kFailed) < kFailed ? CommandStage::Rejected : CommandStage::Confirmed;
            t.text = t.stage == CommandStage::Rejected ? reason : QString();
            events.push_back(Event{++seq, 2000, d, t});
        }
        source.b.apply(events);

        ShownPanel shown(source, Actor{QStringLiteral("olga"), {Role::Operator}, {}});
        QVERIFY(QTest::qWaitForWindowExposed(&shown.panel));
        OrderPanel &panel = shown.panel;
        OpsClient &client = shown.client;
        QCOMPARE(panel.tree()->topLevelItemCount(), 1);
        QTreeWidgetItem *row = panel.tree()->topLevelItem(0);
        panel.tree()->setCurrentItem(row);
        QCOMPARE(row->text(2), QString::number(kTargets - kFailed));   // Confirmed
        QCOMPARE(row->text(3), QString::number(kFailed));              // Failed, in its own column: never clipped away
        QCOMPARE(row->text(4), QStringLiteral("0"));                   // Open
        QCOMPARE(panel.tree()->headerItem()->text(3), QStringLiteral("Failed"));

        // Every target, failures first.
        QCOMPARE(panel.targetModel()->rowCount(), kTargets);
        QCOMPARE(panel.targetFilter()->rowCount(), kTargets);
        QCOMPARE(panel.targetFilter()->index(0, OrderTargetModel::ResultColumn).data().toString(), QStringLiteral("Rejected"));
        QVERIFY(panel.targetsTitle()->text().contains(QStringLiteral("10000")) || panel.targetsTitle()->text().contains(QStringLiteral("10,000")));
        // Filtered to the failed ones: 18 rows, each with its whole reason, in a column wide enough to read it.
        panel.outcomeFilter()->setCurrentIndex(panel.outcomeFilter()->findData(int(OrderTargetModel::Outcome::Failed)));
        QCOMPARE(panel.targetFilter()->rowCount(), kFailed);
        QCOMPARE(panel.targetFilter()->index(0, OrderTargetModel::ReasonColumn).data().toString(), reason);
        const int reasonWidth = panel.targetView()->columnWidth(OrderTargetModel::ReasonColumn);
        QVERIFY2(reasonWidth >= panel.targetView()->fontMetrics().horizontalAdvance(reason),
                 qPrintable(QStringLiteral("reason column %1 px").arg(reasonWidth)));
        // What a person sees: the failure's result in the "major" colour, and in words.
        const QImage shot = panel.grab().toImage();
        const QRect cell = panel.targetView()->visualRect(panel.targetFilter()->index(0, OrderTargetModel::ResultColumn));
        const QPoint at = panel.targetView()->viewport()->mapTo(&panel, cell.topLeft());
        bool coloured = false;
        for (int x = at.x(); x < at.x() + cell.width() && !coloured; ++x)
            for (int y = at.y(); y < at.y() + cell.height() && !coloured; ++y)
                coloured = shot.pixelColor(x, y) == mapstyle::severityColor(IncidentSeverity::Major);
        QVERIFY2(coloured, "the failed result is not drawn in the major colour");
        // Sorted by device id (each row shows where its device is, with the id).
        panel.targetView()->sortByColumn(OrderTargetModel::DeviceColumn, Qt::AscendingOrder);
        QStringList ids;
        for (int r = 0; r < panel.targetFilter()->rowCount(); ++r) {
            const QModelIndex device = panel.targetFilter()->index(r, OrderTargetModel::DeviceColumn);
            ids << device.data(OrderTargetModel::kSortRole).toString();
            QVERIFY(device.data().toString().endsWith(ids.back()) || device.data().toString().endsWith(ids.back() + QLatin1Char(')')));
        }
        QStringList sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(ids, sorted);

        // The failed ones onto the map, or into a retry with the same command.
        QSignalSpy picked(&panel, &OrderPanel::pickRequested);
        QSignalSpy retried(&panel, &OrderPanel::retryRequested);
        panel.pickFailed();
        QCOMPARE(picked.size(), 1);
        QCOMPARE(picked.front().front().value<std::vector<DeviceIndex>>().size(), size_t(kFailed));
        panel.retryFailed();
        QCOMPARE(retried.size(), 1);
        const auto retry = retried.front().front().value<OrderSpec>();
        QCOMPARE(retry.targets.size(), size_t(kFailed));
        QCOMPARE(retry.targets.front().action, CommandAction::LightDim);
        QCOMPARE(retry.targets.front().value, 40);

        // Greyed buttons say why (issue 16, item 10).
        QPushButton *approve = button(panel, QStringLiteral("A&pprove"));
        QVERIFY(approve && !approve->isEnabled());
        QVERIFY2(approve->toolTip().contains(QLatin1String("not waiting for approval")), qPrintable(approve->toolTip()));
        QVERIFY(button(panel, QStringLiteral("Res&tore"))->isEnabled());
        client.setReadOnly(true, QStringLiteral("Replay shows the past and changes nothing."));
        panel.reload();
        QVERIFY(!button(panel, QStringLiteral("Res&tore"))->isEnabled());
        QVERIFY(button(panel, QStringLiteral("Res&tore"))->toolTip().contains(QLatin1String("Replay shows the past")));
        QVERIFY(button(panel, QStringLiteral("Pick &failed on map"))->isEnabled());   // looking is not acting
    }

    /// An order another console requested waits for approval at that console: a supervisor here sees whose it is
    /// and where, and the greyed Approve and Cancel say to go there (they used to be offered, and then refused with
    /// "not waiting for approval").
    void anotherConsolesOrderIsWorkedThere()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"), {CommandStage::AwaitingApproval});
        bookOrder(source, 42, signal + 1, QStringLiteral("olga"), {}, {CommandStage::AwaitingApproval});
        ShownPanel shown(source, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        QVERIFY(QTest::qWaitForWindowExposed(&shown.panel));
        OrderPanel &panel = shown.panel;
        QCOMPARE(panel.tree()->topLevelItemCount(), 2);
        QTreeWidgetItem *theirs = nullptr, *ours = nullptr;
        for (int i = 0; i < 2; ++i) {
            QTreeWidgetItem *row = panel.tree()->topLevelItem(i);
            (row->text(0).contains(QLatin1String("41")) ? theirs : ours) = row;
        }
        QVERIFY(theirs && ours);
        int by = -1;
        for (int c = 0; c < panel.tree()->columnCount(); ++c)
            if (panel.tree()->headerItem()->text(c) == QLatin1String("By"))
                by = c;
        QVERIFY(by >= 0);
        QCOMPARE(theirs->text(by), QStringLiteral("kai at console-b"));
        QCOMPARE(ours->text(by), QStringLiteral("olga"));
        QVERIFY(panel.tree()->columnWidth(by) >= panel.tree()->fontMetrics().horizontalAdvance(theirs->text(by)));

        panel.tree()->setCurrentItem(theirs);
        QPushButton *approve = button(panel, QStringLiteral("A&pprove"));
        QPushButton *cancel = button(panel, QStringLiteral("Ca&ncel order"));
        QVERIFY(approve && cancel);
        QVERIFY(!approve->isEnabled() && !cancel->isEnabled());
        QVERIFY2(approve->toolTip().contains(QLatin1String("requested at console console-b")), qPrintable(approve->toolTip()));
        QVERIFY2(cancel->toolTip().contains(QLatin1String("requested at console console-b")), qPrintable(cancel->toolTip()));
        const QImage greyed = approve->grab().toImage();
        panel.tree()->setCurrentItem(ours);
        QVERIFY(approve->isEnabled() && cancel->isEnabled());
        QVERIFY(approve->grab().toImage() != greyed);   // what a person sees tells one from the other
    }

    /// The shift hand-over lists it with where it is worked, as the order list does.
    void theHandOverSaysWhereAnotherConsolesOrderIsWorked()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"));
        bookOrder(source, 42, signal + 1, QStringLiteral("olga"));
        HandOverChecklist checklist(source, *city, QStringLiteral("olga"), QStringLiteral("quiet night"), {});
        QStringList running;
        for (int i = 0; i < checklist.items()->topLevelItemCount(); ++i)
            if (QTreeWidgetItem *group = checklist.items()->topLevelItem(i); group->text(0).startsWith(QLatin1String("Orders still running")))
                for (int j = 0; j < group->childCount(); ++j)
                    running << group->child(j)->text(0);
        running.sort();
        QCOMPARE(running.size(), 2);
        QVERIFY2(running[0].startsWith(QLatin1String("Order 41")) && running[0].endsWith(QLatin1String("(kai at console-b)")), qPrintable(running[0]));
        QVERIFY2(running[1].startsWith(QLatin1String("Order 42")) && running[1].endsWith(QLatin1String("(olga)")), qPrintable(running[1]));
    }

    /// The next person is told of another console's order whose console is gone: holding its devices here, and once
    /// released, by whom.
    void theHandOverSaysWhatAGoneConsolesOrderHolds()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"), {CommandStage::Selected});
        consoleBSaid(source, ConsoleStanding::Gone, 2000);
        const auto stateOf41 = [&] {
            HandOverChecklist checklist(source, *city, QStringLiteral("olga"), QStringLiteral("quiet night"), {});
            for (int i = 0; i < checklist.items()->topLevelItemCount(); ++i)
                if (QTreeWidgetItem *group = checklist.items()->topLevelItem(i); group->text(0).startsWith(QLatin1String("Orders still running")))
                    for (int j = 0; j < group->childCount(); ++j)
                        if (group->child(j)->text(0).startsWith(QLatin1String("Order 41")))
                            return group->child(j)->text(1);
            return QString();
        };
        QCOMPARE(stateOf41(), QStringLiteral("console-b is gone: holds its devices here"));
        releasedBySven(source, 41, 3000);
        QCOMPARE(stateOf41(), QStringLiteral("released here by sven while console-b is gone"));
    }

    /// Its console went down and never ended it: past its expiry it holds nothing (the map draws no reservation),
    /// and the list says why.
    void anotherConsolesOrderPastItsExpiryIsSaidToHoldNothing()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"), {CommandStage::Selected});
        ShownPanel shown(source, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        QCOMPARE(shown.scene.reservations.size(), size_t(1));
        QTreeWidgetItem *row = shown.panel.tree()->topLevelItem(0);
        QVERIFY2(!row->text(1).contains(QLatin1String("expiry")), qPrintable(row->text(1)));
        source.now = step(41, CommandStage::Requested).timeMs + kExpiryClockGraceMs + 1;
        shown.live.refreshAll();
        QVERIFY(shown.scene.reservations.empty());
        row = shown.panel.tree()->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("Past its expiry: console-b has not ended it; its devices are free"));
    }

    /// Its console is gone: the row says so in amber (abnormal: devices no one can free), and a supervisor — only a
    /// supervisor, only while that console is gone — may release it here; once released, the row says by whom and why.
    void aGoneConsolesOrderMayBeReleasedHereByASupervisor()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"), {CommandStage::Selected});
        consoleBSaid(source, ConsoleStanding::Online, 2000);
        ShownPanel shown(source, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        QVERIFY(QTest::qWaitForWindowExposed(&shown.panel));
        OrderPanel &panel = shown.panel;
        panel.tree()->setCurrentItem(panel.tree()->topLevelItem(0));
        QPushButton *release = panel.releaseButton();
        QCOMPARE(release->text(), QStringLiteral("Re&lease here…"));
        QVERIFY(!release->isEnabled());
        QVERIFY2(release->toolTip().contains(QLatin1String("console-b is on the broker")), qPrintable(release->toolTip()));
        // What a person sees of the list (the row not selected: a selection paints its own colours), amber or not:
        // the text's core pixels are the colour, its edges blend into the background.
        const auto amberShown = [&panel] {
            panel.tree()->clearSelection();
            const QImage image = panel.tree()->grab().toImage();
            const QColor amber = mapstyle::alarmAmber();
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (std::abs(c.red() - amber.red()) + std::abs(c.green() - amber.green()) + std::abs(c.blue() - amber.blue()) < 40)
                        return true;
                }
            return false;
        };
        QVERIFY(!amberShown());

        consoleBSaid(source, ConsoleStanding::Gone, 3000);
        shown.live.refreshAll();
        QTreeWidgetItem *row = panel.tree()->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("console-b is gone: its devices stay held here until the order expires or a supervisor releases them"));
        QVERIFY(amberShown());
        QVERIFY2(release->isEnabled(), qPrintable(release->toolTip()));
        QVERIFY2(release->toolTip().contains(QLatin1String("for a console that cannot end it")), qPrintable(release->toolTip()));
        {
            ShownPanel operatorDesk(source, Actor{QStringLiteral("olga"), {Role::Operator}, {}});
            operatorDesk.panel.tree()->setCurrentItem(operatorDesk.panel.tree()->topLevelItem(0));
            QVERIFY(!operatorDesk.panel.releaseButton()->isEnabled());
            QVERIFY2(operatorDesk.panel.releaseButton()->toolTip().contains(QLatin1String("olga")), qPrintable(operatorDesk.panel.releaseButton()->toolTip()));
        }
        // Taken out of the keyring as well (its laptop stolen): the row says that, and it may still be released.
        consoleBSaid(source, ConsoleStanding::OutOfKeyring, 3500);
        shown.live.refreshAll();
        row = panel.tree()->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("console-b is out of the console keyring: its devices stay held here until the order expires or a "
                                              "supervisor releases them"));
        QVERIFY(amberShown());
        QVERIFY2(release->isEnabled(), qPrintable(release->toolTip()));

        releasedBySven(source, 41, 4000);
        shown.live.refreshAll();
        row = panel.tree()->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("Released here by sven while console-b is out of the console keyring: console-b crashed"));
        QVERIFY(shown.scene.reservations.empty());
        QVERIFY(!amberShown());
        QVERIFY(!release->isEnabled());
        QVERIFY2(release->toolTip().contains(QLatin1String("Already released here by sven")), qPrintable(release->toolTip()));
    }

    /// A release stands on what this console last heard of the other. While it cannot hear the broker, console-b may
    /// be back and working its order: the command preview holds the released signal again and says why, and nothing
    /// can be sent to it; once the broker is heard again (console-b still gone), the signal is free.
    void aReleasedDeviceIsHeldAgainInThePreviewWhileTheBrokerIsNotHeard()
    {
        const auto city = test::networkCity();
        Books source(city);
        const DeviceIndex signal = city->signals.front().device;
        bookOrder(source, 41, signal, QStringLiteral("kai"), QStringLiteral("console-b"), {CommandStage::Selected});
        consoleBSaid(source, ConsoleStanding::Gone, 3000);
        releasedBySven(source, 41, 4000);
        ShownPanel shown(source, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        bool hears = false;
        CommandDialog dialog(shown.scene, shown.client, source.b);
        dialog.setHearing([&hears] { return hears; });
        dialog.setTargets({signal});
        dialog.resize(900, 480);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton *send = button(dialog, QStringLiteral("&Send"));
        QVERIFY(send);
        QCOMPARE(dialog.preview()->rowCount(), 1);
        QVERIFY2(dialog.preview()->item(0, 3)->text().contains(QLatin1String("order 41 of kai at console-b, released here while console-b was gone; "
                                                                             "this console does not hear the broker now")),
                 qPrintable(dialog.preview()->item(0, 3)->text()));
        QVERIFY(dialog.holdsLabel()->isVisible());
        QVERIFY(!send->isEnabled());
        QVERIFY(!dialog.overrideReason()->isVisible() || !dialog.overrideReason()->isEnabled());   // another order's hold: no override
        // What a person sees: the held row in amber.
        const auto rowAmber = [&dialog] {
            const QImage shot = dialog.grab().toImage();
            const QRect cell = dialog.preview()->visualItemRect(dialog.preview()->item(0, 1));
            const QPoint origin = dialog.preview()->viewport()->mapTo(&dialog, QPoint(0, 0));
            return shot.pixelColor(origin + QPoint(cell.right() - 2, cell.center().y())) == mapstyle::alarmAmber();
        };
        QVERIFY(rowAmber());
        // Under the buttons, why Send is greyed — not an override nobody may give to another order's hold.
        const auto says = [&dialog](const QString &text) {
            const auto labels = dialog.findChildren<QLabel *>();
            return std::any_of(labels.begin(), labels.end(), [&](const QLabel *l) { return l->isVisible() && l->text() == text; });
        };
        QVERIFY(says(QStringLiteral("Held devices: leave them out, or wait for the order that holds them.")));
        QVERIFY(!says(QStringLiteral("Held devices: leave them out, or a supervisor gives a reason.")));

        hears = true;
        dialog.refreshHolds();
        QVERIFY(dialog.preview()->item(0, 3)->text().isEmpty());
        QVERIFY(!dialog.holdsLabel()->isVisible());
        QVERIFY(!rowAmber());
        QVERIFY(!says(QStringLiteral("Held devices: leave them out, or wait for the order that holds them.")));
        QVERIFY2(send->isEnabled(), qPrintable(send->toolTip()));
    }

    /// The desk tells a supervisor — who alone may release it — without anyone opening the Commands panel; an operator is not
    /// told of what they cannot act on.
    void aGoneConsolesOrderIsAnnouncedToASupervisor()
    {
        const auto city = test::networkCity();
        Engine engine(city);
        DeviceIndex lamp = 0;
        while (city->devices[lamp].kind != DeviceKind::Streetlight)
            ++lamp;
        // console-b's order holding a lamp; then console-b is gone, as this console's link says it.
        std::vector<Event> batch = peerOrder(43, lamp, CommandAction::LightDim, {CommandStage::Requested, CommandStage::Requested, CommandStage::Selected});
        batch.push_back(Event{0, batch.back().timeMs, kNoDevice, ConsolePayload{QStringLiteral("console-b"), ConsoleStanding::Gone}});
        PeerLink *link = startWithPeer(engine, std::move(batch));
        QTRY_VERIFY(engine.orders().consoleGoneSince(QStringLiteral("console-b")).has_value());
        QCOMPARE(engine.orders().holderAt(lamp, engine.clock().nowMs()), 43u);
        CityMirror scene(city);
        LiveCity live(engine, scene);
        live.refreshAll();
        QLabel banner;
        Annunciator annunciator(live, banner);
        annunciator.setActor(Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        QCOMPARE(annunciator.waiting(), 1);
        QVERIFY2(banner.text().contains(QLatin1String("of a console that is gone")), qPrintable(banner.text()));
        QVERIFY(!banner.isHidden());
        annunciator.setActor(Actor{QStringLiteral("olga"), {Role::Operator}, {}});
        QCOMPARE(annunciator.waiting(), 0);
        QVERIFY(banner.isHidden());
        // The supervisor's Release button, and how it greys while this console cannot hear the broker.
        {
            OpsClient client(engine, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
            OrderPanel panel(live, client);
            panel.tree()->setCurrentItem(panel.tree()->topLevelItem(0));
            QVERIFY2(panel.releaseButton()->isEnabled(), qPrintable(panel.releaseButton()->toolTip()));
            link->drop();
            QTRY_VERIFY(!panel.releaseButton()->isEnabled());
            QVERIFY2(panel.releaseButton()->toolTip().contains(QLatin1String("does not hear the broker now")),
                     qPrintable(panel.releaseButton()->toolTip()));
        }
        // Released here: nothing left to tell (the link back first: a release needs the broker heard).
        link->reconnect();
        QTRY_COMPARE(engine.linkStatus().state, LinkState::Connected);
        engine.request(Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, request::ReleaseOrder{43, QStringLiteral("console-b crashed")});
        QTRY_VERIFY(engine.orders().find(43)->releasedHere);
        annunciator.setActor(Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        QCOMPARE(annunciator.waiting(), 0);
        // The released order's row, and what it says while this console cannot hear the broker: console-b may be
        // back, and new orders leave its lamp alone until this console hears again.
        {
            live.refreshAll();
            OpsClient client(engine, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
            OrderPanel panel(live, client);
            const auto row = [&panel] { return panel.tree()->topLevelItem(0)->text(1); };
            const QString heldAgain = QStringLiteral("its devices are held for it again while this console does not hear the broker");
            QVERIFY2(row().startsWith(QLatin1String("Released here by sven while console-b is gone")) && !row().contains(heldAgain), qPrintable(row()));
            // The map and Details read the reservations: the lamp is held for order 43 again while deaf.
            const auto onTheMap = [&] {
                live.refreshAll();
                return std::count(scene.reservations.begin(), scene.reservations.end(), std::pair<DeviceIndex, std::uint32_t>{lamp, 43u});
            };
            QCOMPARE(onTheMap(), 0);
            link->drop();
            QTRY_VERIFY2(row().contains(heldAgain), qPrintable(row()));
            QTRY_COMPARE(onTheMap(), 1);
            link->reconnect();
            QTRY_VERIFY2(!row().contains(heldAgain), qPrintable(row()));
            QTRY_COMPARE(onTheMap(), 0);
        }
        engine.stop();
    }

    /// Nor does the desk announce it as waiting for this supervisor's approval: only this console's own order counts.
    /// On the real engine, the other console's order arriving as the link hands it over (its origin and console set).
    void anotherConsolesOrderIsNotAnnouncedForApproval()
    {
        const auto city = test::networkCity();
        Engine engine(city);
        startWithPeer(engine, peerOrder(41, city->signals.front().device, CommandAction::SignalFlash,
                                        {CommandStage::Requested, CommandStage::Requested, CommandStage::AwaitingApproval}));
        QTRY_VERIFY(engine.orders().find(41) && engine.orders().find(41)->stage == CommandStage::AwaitingApproval);
        CityMirror scene(city);
        LiveCity live(engine, scene);
        live.refreshAll();
        QLabel banner;
        Annunciator annunciator(live, banner);
        annunciator.setActor(Actor{QStringLiteral("sven"), {Role::Supervisor}, {}});
        annunciator.review();
        QCOMPARE(annunciator.waiting(), 0);
        QVERIFY(banner.isHidden());
        // This console's own order is.
        OrderSpec flash;
        flash.description = QStringLiteral("flash");
        flash.targets.push_back({city->signals.back().device, CommandAction::SignalFlash, 0, 0, 0});
        engine.request(Actor{QStringLiteral("olga"), {Role::Operator}, {}}, request::IssueOrder{flash});
        QTRY_VERIFY((annunciator.review(), annunciator.waiting() == 1));
        QVERIFY2(banner.text().contains(QLatin1String("waiting for your approval")), qPrintable(banner.text()));
        engine.stop();
    }
};

QTEST_MAIN(TestOrderPanel)
#include "tst_orderpanel.moc"
