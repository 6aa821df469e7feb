#include "panels/orderpanel.h"

#include "labels.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"
#include "ops/opsrules.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cityops {
namespace {
constexpr int kOrderRole = Qt::UserRole + 1;
constexpr int kMaxTargetsShown = 300;

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
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Order"), tr("State"), tr("Progress"), tr("By"), tr("Approved by")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setAccessibleName(tr("Command orders"));
    m_approve = new QPushButton(tr("A&pprove"), this);
    m_deny = new QPushButton(tr("D&eny…"), this);
    m_cancel = new QPushButton(tr("Ca&ncel order"), this);
    m_restore = new QPushButton(tr("Res&tore"), this);
    m_restore->setToolTip(tr("Undo what the order changed: put its devices back as they were"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_approve, m_deny, m_cancel, m_restore})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addWidget(m_pending);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    connect(m_approve, &QPushButton::clicked, this, &OrderPanel::approve);
    connect(m_deny, &QPushButton::clicked, this, &OrderPanel::deny);
    connect(m_cancel, &QPushButton::clicked, this, &OrderPanel::cancel);
    connect(m_restore, &QPushButton::clicked, this, &OrderPanel::restore);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &OrderPanel::updateActions);
    connect(&live, &LiveCity::ordersChanged, this, &OrderPanel::reload);
    connect(&ops, &OpsClient::actorChanged, this, &OrderPanel::updateActions);
    reload();
}

void OrderPanel::reload()
{
    const std::uint32_t current = currentOrder();
    QSet<std::uint32_t> expanded;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->isExpanded())
            expanded.insert(m_tree->topLevelItem(i)->data(0, kOrderRole).toUInt());
    m_tree->clear();
    const CityModel &city = m_live.scene().city();
    int awaiting = 0;
    // Newest first: the order being worked on is at the top.
    const auto &orders = m_live.scene().orders;
    for (auto it = orders.rbegin(); it != orders.rend(); ++it) {
        const Order &o = *it;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(0, kOrderRole, o.id);
        item->setText(0, QStringLiteral("%1 · %2 — %3").arg(o.id).arg(Labels::workflow(o.workflow), o.description));
        const int confirmed = o.count(CommandStage::Confirmed);
        const int failed = o.count(CommandStage::Rejected) + o.count(CommandStage::TimedOut) + o.count(CommandStage::Expired);
        const int cancelled = o.count(CommandStage::Cancelled);
        QString state = Labels::commandStage(o.stage == CommandStage::Requested && !o.targets.empty() ? CommandStage::InProgress : o.stage);
        if (o.stage == CommandStage::Denied)
            state = tr("Denied: %1").arg(o.deniedReason);
        item->setText(1, state);
        item->setText(2, tr("%1/%2 confirmed").arg(confirmed).arg(o.targets.size())
                             + (failed ? tr(", %1 failed").arg(failed) : QString()) + (cancelled ? tr(", %1 cancelled").arg(cancelled) : QString()));
        item->setText(3, o.requestedBy);
        item->setText(4, o.approvedBy);
        if (o.stage == CommandStage::AwaitingApproval) {
            ++awaiting;
            QFont f = item->font(0);
            f.setBold(true);
            for (int c = 0; c < 5; ++c)
                item->setFont(c, f);
        }
        if (failed > 0)
            item->setForeground(2, mapstyle::severityColor(IncidentSeverity::Major));
        int shown = 0;
        for (const OrderTarget &t : o.targets) {
            if (++shown > kMaxTargetsShown) {
                auto *more = new QTreeWidgetItem(item);
                more->setText(0, tr("… and %n more target(s)", nullptr, int(o.targets.size()) - kMaxTargetsShown));
                break;
            }
            auto *child = new QTreeWidgetItem(item);
            child->setData(0, kOrderRole, o.id);
            child->setText(0, QStringLiteral("%1: %2").arg(t.device < city.devices.size() ? city.devices[t.device].id : QString(),
                                                            Labels::commandWithValue(t.action, t.value)));
            child->setText(1, Labels::commandStage(t.stage) + (t.reason.isEmpty() ? QString() : QStringLiteral(" — ") + t.reason));
            child->setText(2, t.attempt > 1 ? tr("attempt %1").arg(t.attempt) : QString());
            if (t.stage == CommandStage::Rejected || t.stage == CommandStage::TimedOut || t.stage == CommandStage::Expired)
                child->setForeground(1, mapstyle::severityColor(IncidentSeverity::Major));
        }
        item->setExpanded(expanded.contains(o.id) || o.targets.size() <= 3);
        if (o.id == current)
            m_tree->setCurrentItem(item);
    }
    m_pending->setText(awaiting ? tr("%n order(s) waiting for a supervisor's approval", nullptr, awaiting) : QString());
    m_pending->setVisible(awaiting > 0);
    updateActions();
}

std::uint32_t OrderPanel::currentOrder() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, kOrderRole).toUInt() : 0;
}

void OrderPanel::selectOrder(std::uint32_t id)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, kOrderRole).toUInt() == id)
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
}

void OrderPanel::updateActions()
{
    const Order *o = findOrder(m_live.scene().orders, currentOrder());
    const Actor &me = m_ops.actor();
    const bool awaiting = o && o->stage == CommandStage::AwaitingApproval;
    m_approve->setEnabled(awaiting && m_ops.may(Permission::ApproveCommand) && o->requestedBy != me.user);
    m_deny->setEnabled(m_approve->isEnabled());
    m_cancel->setEnabled(o && !o->finished() && m_ops.may(Permission::CancelCommand)
                         && (o->requestedBy == me.user || me.highestRole() >= Role::Supervisor));
    m_restore->setEnabled(o && o->count(CommandStage::Confirmed) > 0 && m_ops.may(Permission::RequestCommand));
    if (awaiting && o->requestedBy == me.user)
        m_approve->setToolTip(tr("You requested this order: a second person must approve it"));
    else
        m_approve->setToolTip(QString());
}

void OrderPanel::approve()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::DecideOrder{id, true, {}}, tr("Order %1").arg(id));
}

void OrderPanel::deny()
{
    const std::uint32_t id = currentOrder();
    if (!id)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Deny order %1").arg(id), tr("Reason:"), QLineEdit::Normal, {}, &ok);
    if (ok)
        m_ops.ask(request::DecideOrder{id, false, reason.left(kMaxNoteLength)}, tr("Order %1").arg(id));
}

void OrderPanel::cancel()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::CancelOrder{id}, tr("Order %1").arg(id));
}

void OrderPanel::restore()
{
    if (const std::uint32_t id = currentOrder())
        m_ops.ask(request::RestoreOrder{id}, tr("Order %1").arg(id));
}

} // namespace cityops
