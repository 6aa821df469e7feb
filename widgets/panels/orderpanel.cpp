#include "panels/orderpanel.h"

#include "ops/goneconsole.h"

#include "base/counted.h"

#include "labels.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"
#include "ops/opsrules.h"
#include "panels/ordertargetmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cityops {
namespace {
constexpr int kOrderRole = Qt::UserRole + 1;
enum OrderColumn { OrderText, StateColumn, ConfirmedColumn, FailedColumn, OpenColumn, CancelledColumn, ByColumn, ApprovedColumn, OrderColumns };

const Order *findOrder(const std::vector<Order> &orders, std::uint32_t id)
{
    for (const Order &o : orders)
        if (o.id == id)
            return &o;
    return nullptr;
}
} // namespace

OrderPanel::OrderPanel(LiveCity &live, OpsClient &ops, QWidget *parent) : QWidget(parent), m_live(live), m_ops(ops)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_pending = new QLabel(this);
    QFont bold = m_pending->font();
    bold.setBold(true);
    m_pending->setFont(bold);
    // The orders, one line each, with a count per result: nothing of the outcome is hidden by a clipped sentence.
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(OrderColumns);
    m_tree->setHeaderLabels({tr("Order"), tr("State"), tr("Confirmed"), tr("Failed"), tr("Open"), tr("Cancelled"), tr("By"), tr("Approved by")});
    m_tree->setRootIsDecorated(false);
    m_tree->header()->setSectionResizeMode(OrderText, QHeaderView::Stretch);
    for (int c = StateColumn; c < OrderColumns; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("Command orders"));
    m_approve = new QPushButton(tr("A&pprove"), this);
    m_deny = new QPushButton(tr("D&eny…"), this);
    m_cancel = new QPushButton(tr("Ca&ncel order"), this);
    m_restore = new QPushButton(tr("Res&tore"), this);
    m_release = new QPushButton(tr("Re&lease here…"), this);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_approve, m_deny, m_cancel, m_restore, m_release})
        buttons->addWidget(b);
    buttons->addStretch(1);

    // The targets of the order in focus: all of them, in a model, sortable and filterable.
    auto *targets = new QWidget(this);
    auto *targetLayout = new QVBoxLayout(targets);
    targetLayout->setContentsMargins(0, 0, 0, 0);
    m_targetsTitle = new QLabel(targets);
    m_outcome = new QComboBox(targets);
    m_outcome->addItem(tr("All results"), -1);
    m_outcome->addItem(tr("Failed"), int(OrderTargetModel::Outcome::Failed));
    m_outcome->addItem(tr("Open"), int(OrderTargetModel::Outcome::Open));
    m_outcome->addItem(tr("Confirmed"), int(OrderTargetModel::Outcome::Confirmed));
    m_outcome->addItem(tr("Cancelled"), int(OrderTargetModel::Outcome::Cancelled));
    m_outcome->setAccessibleName(tr("Show targets with this result"));
    m_deviceFilter = new QLineEdit(targets);
    m_deviceFilter->setPlaceholderText(tr("Device or street contains…"));
    m_deviceFilter->setClearButtonEnabled(true);
    m_pickFailed = new QPushButton(tr("Pick &failed on map"), targets);
    m_retryFailed = new QPushButton(tr("Retr&y failed…"), targets);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_targetsTitle, 1);
    filterRow->addWidget(m_outcome);
    filterRow->addWidget(m_deviceFilter);
    filterRow->addWidget(m_pickFailed);
    filterRow->addWidget(m_retryFailed);
    m_targetModel = new OrderTargetModel(live.scene(), this);
    m_filter = new OrderTargetFilter(this);
    m_filter->setSourceModel(m_targetModel);
    m_filter->setSortRole(OrderTargetModel::kSortRole);
    m_targetView = new QTableView(targets);
    m_targetView->setModel(m_filter);
    m_targetView->setSortingEnabled(true);
    m_targetView->sortByColumn(OrderTargetModel::ResultColumn, Qt::DescendingOrder);   // failures first
    m_targetView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_targetView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_targetView->verticalHeader()->hide();
    m_targetView->verticalHeader()->setDefaultSectionSize(m_targetView->fontMetrics().height() + 6);
    // Ids and results are read whole (the view measures at most its first thousand rows); the reason takes the rest.
    m_targetView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_targetView->horizontalHeader()->setSectionResizeMode(OrderTargetModel::ReasonColumn, QHeaderView::Stretch);
    m_targetView->horizontalHeader()->setSectionResizeMode(OrderTargetModel::DeviceColumn, QHeaderView::Interactive);   // fitDeviceColumn
    m_targetView->viewport()->installEventFilter(this);   // fitted again when the panel's width changes
    m_targetView->setWordWrap(false);
    m_targetView->setAccessibleName(tr("Targets of the order"));
    targetLayout->addLayout(filterRow);
    targetLayout->addWidget(m_targetView, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(targets);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(m_pending);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    connect(m_approve, &QPushButton::clicked, this, &OrderPanel::approve);
    connect(m_deny, &QPushButton::clicked, this, &OrderPanel::deny);
    connect(m_cancel, &QPushButton::clicked, this, &OrderPanel::cancel);
    connect(m_restore, &QPushButton::clicked, this, &OrderPanel::restore);
    connect(m_release, &QPushButton::clicked, this, &OrderPanel::release);
    connect(m_pickFailed, &QPushButton::clicked, this, &OrderPanel::pickFailed);
    connect(m_retryFailed, &QPushButton::clicked, this, &OrderPanel::retryFailed);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] { m_filter->setOutcome(m_outcome->currentData().toInt()); });
    connect(m_deviceFilter, &QLineEdit::textChanged, m_filter, &OrderTargetFilter::setDeviceText);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        showTargets();
        updateActions();
    });
    connect(&live, &LiveCity::ordersChanged, this, &OrderPanel::reload);
    connect(&ops, &OpsClient::actorChanged, this, &OrderPanel::updateActions);
    // A release needs the broker heard, and a released order's row says when it is not: redrawn when that changes
    // (the simulator's pace changes the link's status too, and a redraw of a long list should not follow each).
    connect(&live.engine(), &Engine::linkStatusChanged, this, [this] {
        if (m_live.cannotHearOtherConsoles() != m_drawnDeaf)
            reload();
        else
            updateActions();
    });
    reload();
}

void OrderPanel::reload()
{
    m_drawnDeaf = m_live.cannotHearOtherConsoles();
    const std::uint32_t current = currentOrder();
    m_tree->clear();
    int awaiting = 0;
    // Newest first: the order being worked on is at the top.
    const auto &orders = m_live.scene().orders;
    for (auto it = orders.rbegin(); it != orders.rend(); ++it) {
        const Order &o = *it;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(OrderText, kOrderRole, o.id);
        item->setText(OrderText, QStringLiteral("%1 · %2 — %3").arg(o.id).arg(Labels::workflow(o.workflow), o.description));
        item->setToolTip(OrderText, item->text(OrderText));
        int count[4] = {0, 0, 0, 0};
        for (const OrderTarget &t : o.targets)
            ++count[int(OrderTargetModel::outcomeOf(t.stage))];
        QString state = Labels::commandStage(o.stage == CommandStage::Requested && !o.targets.empty() ? CommandStage::InProgress : o.stage);
        if (o.stage == CommandStage::Denied)
            state = tr("Denied: %1").arg(o.deniedReason);
        else if (o.releasedHere) {
            // While released, its console cannot be online (that ends the release): gone, or out of the keyring.
            state = tr("Released here by %1 while %2: %3")
                        .arg(o.releasedBy, Labels::consoleAway(m_live.scene().consoles, o.console), o.releaseReason);
            // A console gone may be back unheard while this console cannot hear the broker: new orders leave its
            // devices alone until it can (ops/goneconsole.h). One out of the keyring is refused here whatever it does.
            if (m_live.cannotHearOtherConsoles() && consoleStanding(m_live.scene().consoles, o.console) == ConsoleStanding::Gone)
                state += tr(" — its devices are held for it again while this console does not hear the broker");
        } else if (o.isAnotherConsoles() && !o.finished() && !o.holdsDevicesAt(m_live.scene().nowMs))
            // Its console never ended it (down, most likely): its devices are free here, and the person should know why.
            state = tr("Past its expiry: %1 has not ended it; its devices are free").arg(o.console);
        const bool heldByGone = heldByGoneConsole(o, m_live.scene().consoles, m_live.scene().nowMs);
        if (heldByGone)
            // Abnormal: devices held by a console that cannot end its order. Amber, and what may be done about it.
            state = tr("%1: its devices stay held here until the order expires or a supervisor releases them")
                        .arg(Labels::consoleAway(m_live.scene().consoles, o.console));
        item->setText(StateColumn, state);
        item->setToolTip(StateColumn, state);
        if (heldByGone) {   // as the command preview marks a held device: amber behind black, readable from afar
            item->setBackground(StateColumn, mapstyle::alarmAmber());
            item->setForeground(StateColumn, Qt::black);
        }
        const std::pair<int, OrderTargetModel::Outcome> columns[] = {{ConfirmedColumn, OrderTargetModel::Outcome::Confirmed},
                                                                     {FailedColumn, OrderTargetModel::Outcome::Failed},
                                                                     {OpenColumn, OrderTargetModel::Outcome::Open},
                                                                     {CancelledColumn, OrderTargetModel::Outcome::Cancelled}};
        for (const auto &[column, outcome] : columns) {
            item->setText(column, QString::number(count[int(outcome)]));
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        }
        // Another console's order is worked at that console: say where.
        item->setText(ByColumn, Labels::requester(o));
        item->setText(ApprovedColumn, o.approvedBy);
        if (o.stage == CommandStage::AwaitingApproval) {
            ++awaiting;
            QFont f = item->font(0);
            f.setBold(true);
            for (int c = 0; c < OrderColumns; ++c)
                item->setFont(c, f);
        }
        if (count[int(OrderTargetModel::Outcome::Failed)] > 0)
            item->setForeground(FailedColumn, mapstyle::severityColor(IncidentSeverity::Major));
        if (o.id == current)
            m_tree->setCurrentItem(item);
    }
    if (!m_tree->currentItem() && m_tree->topLevelItemCount() > 0 && current == 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    m_pending->setText(awaiting ? tr("%n order(s) waiting for a supervisor's approval", nullptr, awaiting) : QString());
    m_pending->setVisible(awaiting > 0);
    showTargets();
    updateActions();
}

void OrderPanel::showTargets()
{
    const Order *o = findOrder(m_live.scene().orders, currentOrder());
    if (!o) {
        m_targetModel->clear();
        m_targetsTitle->setText(tr("No order selected"));
        return;
    }
    const bool another = o->id != m_targetModel->order();
    m_targetModel->setOrder(*o);
    if (another)
        fitDeviceColumn();
    m_targetsTitle->setText(tr("Order %1: %n target(s)", nullptr, int(o->targets.size())).arg(o->id));
}

bool OrderPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_targetView->viewport() && event->type() == QEvent::Resize
        && static_cast<QResizeEvent *>(event)->oldSize().width() != static_cast<QResizeEvent *>(event)->size().width())
        fitDeviceColumn();
    return QWidget::eventFilter(watched, event);
}

void OrderPanel::fitDeviceColumn()
{
    // A device's place and id can be long (three streets and a cluster's id): the failures' reasons keep the room
    // they need, the device takes the rest (at least 40 characters), the rest of a long name shows on hover.
    m_targetView->resizeColumnToContents(OrderTargetModel::DeviceColumn);
    const QAbstractItemView *view = m_targetView;   // sizeHintForColumn is public here
    int others = 0;
    for (int c = 0; c < OrderTargetModel::ColumnCount; ++c)
        if (c != OrderTargetModel::DeviceColumn)
            others += c == OrderTargetModel::ReasonColumn ? view->sizeHintForColumn(c) : m_targetView->columnWidth(c);
    const int most = std::max(m_targetView->fontMetrics().averageCharWidth() * 40, m_targetView->viewport()->width() - others);
    if (m_targetView->columnWidth(OrderTargetModel::DeviceColumn) > most)
        m_targetView->setColumnWidth(OrderTargetModel::DeviceColumn, most);
}

std::vector<OrderTargetSpec> OrderPanel::failedTargets() const
{
    std::vector<OrderTargetSpec> out;
    for (const OrderTarget &t : m_targetModel->targets())
        if (OrderTargetModel::outcomeOf(t.stage) == OrderTargetModel::Outcome::Failed)
            out.push_back({t.device, t.action, t.value, 0, 0});
    return out;
}

void OrderPanel::pickFailed()
{
    std::vector<DeviceIndex> devices;
    for (const OrderTargetSpec &t : failedTargets())
        if (std::find(devices.begin(), devices.end(), t.device) == devices.end())
            devices.push_back(t.device);
    if (!devices.empty())
        Q_EMIT pickRequested(devices);
}

void OrderPanel::retryFailed()
{
    OrderSpec spec;
    spec.targets = failedTargets();
    if (spec.targets.empty())
        return;
    spec.description = QStringLiteral("retry of the %1 of order %2").arg(counted(qint64(spec.targets.size()), "failed target")).arg(m_targetModel->order());
    Q_EMIT retryRequested(spec);
}

std::uint32_t OrderPanel::currentOrder() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(OrderText, kOrderRole).toUInt() : 0;
}

void OrderPanel::selectOrder(std::uint32_t id)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, kOrderRole).toUInt() == id)
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
}

void OrderPanel::updateActions()
{
    // A greyed button says why: nothing selected, nothing to do for this order, blocked, or this person's role.
    const Order *o = findOrder(m_live.scene().orders, currentOrder());
    const Actor &me = m_ops.actor();
    const QString nothing = tr("Select an order in the list first.");
    const bool anyFailed = !failedTargets().empty();
    const QString noFailures = tr("No target of this order has failed.");
    OpsClient::explain(m_pickFailed, !o ? nothing : anyFailed ? QString() : noFailures,
                       tr("Put the failed targets on the map as the picked devices (Ctrl+K commands them)"));
    OpsClient::explain(m_retryFailed, !o ? nothing : !anyFailed ? noFailures : m_ops.whyNot(Permission::RequestCommand),
                       tr("Open the command dialog with the failed targets and the same commands"));
    QString approveWhy;
    if (!o)
        approveWhy = nothing;
    else if (o->stage != CommandStage::AwaitingApproval)
        approveWhy = tr("This order is not waiting for approval.");
    else if (o->isAnotherConsoles())
        approveWhy = tr("This order was requested at console %1: it is approved or refused there.").arg(o->console);
    else if (!(approveWhy = m_ops.whyNot(Permission::ApproveCommand)).isEmpty())
        ;
    else if (o->requestedBy == me.user)
        approveWhy = tr("You requested this order: a second person must approve it.");
    OpsClient::explain(m_approve, approveWhy, tr("Approve the order: its devices are reserved and the commands go out"));
    OpsClient::explain(m_deny, approveWhy, tr("Refuse the order, with a reason"));
    QString cancelWhy;
    if (!o)
        cancelWhy = nothing;
    else if (o->finished())
        cancelWhy = tr("This order has finished.");
    else if (o->isAnotherConsoles())
        cancelWhy = tr("This order was requested at console %1: it is cancelled there.").arg(o->console);
    else if (!(cancelWhy = m_ops.whyNot(Permission::CancelCommand)).isEmpty())
        ;
    else if (o->requestedBy != me.user && me.highestRole() < Role::Supervisor)
        cancelWhy = tr("Only %1, who requested it, or a supervisor may cancel this order.").arg(o->requestedBy);
    OpsClient::explain(m_cancel, cancelWhy, tr("Stop everything of the order not yet sent"));
    QString releaseWhy;
    const std::int64_t now = m_live.scene().nowMs;
    if (!o)
        releaseWhy = nothing;
    else if (!o->isAnotherConsoles())
        releaseWhy = tr("Only another console's order is released here; this console's own is cancelled.");
    else if (o->releasedHere)
        releaseWhy = tr("Already released here by %1.").arg(o->releasedBy);
    else if (devicesHeldBy(*o, now) == 0)
        releaseWhy = tr("This order holds no device here.");
    else if (!consoleGoneSince(m_live.scene().consoles, o->console))
        releaseWhy = tr("Console %1 is on the broker (or not known to be gone or out of the keyring): it still works this order.").arg(o->console);
    else if (m_live.cannotHearOtherConsoles() && consoleStanding(m_live.scene().consoles, o->console) == ConsoleStanding::Gone)
        releaseWhy = tr("This console does not hear the broker now: whether %1 is still gone is not known.").arg(o->console);
    else
        releaseWhy = m_ops.whyNot(Permission::OverrideInterlock);
    OpsClient::explain(m_release, releaseWhy, tr("Free the devices this order holds here for a console that cannot end it, with a reason (recorded)"));
    OpsClient::explain(m_restore,
                       !o ? nothing
                       : o->count(CommandStage::Confirmed) == 0 ? tr("Nothing of this order was carried out, so there is nothing to undo.")
                                                                 : m_ops.whyNot(Permission::RequestCommand),
                       tr("Undo what the order changed: put its devices back as they were"));
}

void OrderPanel::approve()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::DecideOrder{id, true, {}, {}}, tr("Order %1").arg(id));
}

void OrderPanel::deny()
{
    const std::uint32_t id = currentOrder();
    if (!id)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Deny order %1").arg(id), tr("Reason:"), QLineEdit::Normal, {}, &ok);
    if (ok)
        m_ops.ask(request::DecideOrder{id, false, reason.left(kMaxNoteLength), {}}, tr("Order %1").arg(id));
}

void OrderPanel::cancel()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::CancelOrder{id}, tr("Order %1").arg(id));
}

void OrderPanel::release()
{
    const Order *o = findOrder(m_live.scene().orders, currentOrder());
    if (!o)
        return;
    const std::uint32_t id = o->id;
    const QString until = Labels::clock(o->expiresMs + kExpiryClockGraceMs, Labels::zone(m_live.scene().city()), false);
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Release order %1 here").arg(id),
        tr("%1 and cannot end order %2. Releasing it lets this console order its %n device(s); commands it already sent "
           "may still act until %3. If %4 comes back, its order holds them again.\n\nReason (recorded):",
           nullptr, devicesHeldBy(*o, m_live.scene().nowMs))
            .arg(Labels::consoleAway(m_live.scene().consoles, o->console))
            .arg(id)
            .arg(until, o->console),
        QLineEdit::Normal, {}, &ok);
    if (ok && !reason.trimmed().isEmpty())
        m_ops.ask(request::ReleaseOrder{id, reason.left(kMaxNoteLength)}, tr("Order %1").arg(id));
}

void OrderPanel::restore()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::RestoreOrder{id, {}}, tr("Order %1").arg(id));
}

} // namespace cityops
