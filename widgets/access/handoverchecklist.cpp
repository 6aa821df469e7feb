#include "access/handoverchecklist.h"

#include "ops/goneconsole.h"

#include "engine/greenwaverun.h"
#include "labels.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cityops {

HandOverChecklist::HandOverChecklist(const CityStateSource &source, const CityModel &city, const QString &from, const QString &note,
                                     const std::vector<GreenWaveRun *> &waves, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Shift hand-over from %1").arg(from));
    auto *layout = new QVBoxLayout(this);
    auto *noteLabel = new QLabel(note.isEmpty() ? tr("%1 left no note.").arg(from) : tr("Note from %1: %2").arg(from, note), this);
    noteLabel->setWordWrap(true);
    QFont f = noteLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    noteLabel->setFont(f);
    layout->addWidget(noteLabel);

    m_items = new QTreeWidget(this);
    m_items->setColumnCount(2);
    m_items->setHeaderLabels({tr("What"), tr("State")});
    m_items->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_items->setRootIsDecorated(true);

    std::vector<Incident> incidents;
    source.incidents().snapshot(incidents);
    std::erase_if(incidents, [](const Incident &i) { return !i.isOpen(); });
    std::sort(incidents.begin(), incidents.end(), [](const Incident &a, const Incident &b) {
        return a.severity != b.severity ? a.severity > b.severity : a.raisedMs < b.raisedMs;
    });
    auto *incidentGroup = new QTreeWidgetItem(m_items, {tr("Open incidents (%1)").arg(incidents.size())});
    for (const Incident &i : incidents)
        new QTreeWidgetItem(incidentGroup, {QStringLiteral("#%1 %2 — %3").arg(i.id).arg(Labels::incidentKind(i.kind), Labels::district(city, i.district)),
                                            QStringLiteral("%1, %2%3").arg(Labels::severity(i.severity), Labels::incidentState(i.state),
                                                                           i.escalated() ? tr(", overdue") : QString())});

    // Devices as the desk's lists name them (CityMirror::deviceName, uncached: a checklist names a handful).
    const auto named = [&city](DeviceIndex d) { return Labels::deviceWithPlace(city.devices[d].id, Labels::place(city, d)); };
    std::vector<Alarm> alarms;
    source.alarms().snapshot(alarms);
    std::erase_if(alarms, [](const Alarm &a) { return !a.shelved && !a.outOfService; });
    auto *alarmGroup = new QTreeWidgetItem(m_items, {tr("Shelved or out-of-service alarms (%1)").arg(alarms.size())});
    for (const Alarm &a : alarms) {
        const QString device = a.device < city.devices.size() ? named(a.device) : QString();
        new QTreeWidgetItem(alarmGroup, {QStringLiteral("%1 — %2").arg(Labels::alarmCause(a.cause), device),
                                         a.outOfService ? tr("out of service") : tr("shelved")});
    }

    std::vector<Order> allOrders;
    source.orders().snapshot(allOrders);
    std::vector<Order> orders = allOrders;
    std::erase_if(orders, [](const Order &o) { return o.finished(); });
    auto *orderGroup = new QTreeWidgetItem(m_items, {tr("Orders still running (%1)").arg(orders.size())});
    const std::vector<OrderBook::ConsoleSeen> roll = source.orders().consoles();
    for (const Order &o : orders) {
        // Another console's order whose console is gone is the next person's to know about: held or released here.
        QString state = o.stage == CommandStage::AwaitingApproval ? tr("waits for approval")
                                                                  : tr("%1 of %2 done").arg(o.terminalCount()).arg(o.targets.size());
        if (o.releasedHere)
            state = tr("released here by %1 while %2").arg(o.releasedBy, Labels::consoleAway(roll, o.console));
        else if (heldByGoneConsole(o, roll, source.nowMs()))
            state = tr("%1: holds its devices here").arg(Labels::consoleAway(roll, o.console));
        new QTreeWidgetItem(orderGroup, {tr("Order %1: %2 (%3)").arg(o.id).arg(o.description, Labels::requester(o)), state});
    }
    // Signals a command left off their programs (a held phase is held until someone restores it): what the next
    // person must know is still in force, and whose it is.
    std::vector<std::pair<DeviceIndex, DeviceState>> held;
    for (const SignalInfo &signal : city.signals) {
        if (signal.device >= source.states().deviceCount())
            continue;
        const DeviceState s = source.states().state(signal.device);
        if (s.reported && heldByCommand(SignalMode(s.mode)))
            held.emplace_back(signal.device, s);
    }
    if (!held.empty()) {
        auto *heldGroup = new QTreeWidgetItem(m_items, {tr("Signals held or pre-empted (%1)").arg(held.size())});
        for (const auto &[device, s] : held) {
            const auto holding = holdingCommand(allOrders, device, s.modeSinceMs);   // its order has usually finished
            const QString by = holding ? tr("order %1 of %2").arg(holding->order->id).arg(Labels::requester(*holding->order))
                                       : Labels::unrecordedHolder();
            new QTreeWidgetItem(heldGroup, {tr("%1 — phase %2, %3").arg(named(device)).arg(s.phase + 1).arg(by),
                                            Labels::signalMode(SignalMode(s.mode))});
        }
    }
    if (!waves.empty()) {
        auto *waveGroup = new QTreeWidgetItem(m_items, {tr("Green waves under way (%1)").arg(waves.size())});
        for (const GreenWaveRun *w : waves)
            new QTreeWidgetItem(waveGroup, {tr("%1 — started by %2, pre-approved by %3").arg(w->vehicle(), w->requester().user, w->approver().user),
                                            tr("%n signal(s) held", nullptr, int(w->held().size()))});
    }
    m_items->expandAll();
    layout->addWidget(m_items, 1);

    m_summary = tr("%n open incident(s)", nullptr, int(incidents.size()))
              + tr(", %n shelved or out-of-service alarm(s)", nullptr, int(alarms.size()))
              + tr(", %n running order(s)", nullptr, int(orders.size()));
    if (!held.empty())
        m_summary += tr(", %n signal(s) held or pre-empted", nullptr, int(held.size()));
    if (!waves.empty())
        m_summary += tr(", %n green wave(s) under way", nullptr, int(waves.size()));
    m_read = new QCheckBox(tr("I have gone through this list and take over the console"), this);
    layout->addWidget(m_read);
    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(tr("Take over"), QDialogButtonBox::AcceptRole);
    m_accept->setEnabled(false);
    buttons->addButton(tr("Not now (sign out)"), QDialogButtonBox::RejectRole);
    connect(m_read, &QCheckBox::toggled, m_accept, &QPushButton::setEnabled);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 520);
}

} // namespace cityops
