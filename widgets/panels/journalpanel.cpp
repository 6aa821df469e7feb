#include "panels/journalpanel.h"

#include "labels.h"
#include "livecity.h"

#include <QListWidget>
#include <QVBoxLayout>

namespace cityops {

JournalPanel::JournalPanel(LiveCity &live, QWidget *parent) : QWidget(parent), m_live(live)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Event log"));
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list);
    connect(&live, &LiveCity::journalChanged, this, &JournalPanel::reload);
    reload();
}

void JournalPanel::reload()
{
    const QTimeZone zone = Labels::zone(m_live.scene().city());
    m_list->clear();
    const auto &journal = m_live.scene().journal;
    for (auto it = journal.rbegin(); it != journal.rend(); ++it)
        m_list->addItem(QStringLiteral("%1  %2").arg(Labels::clock(it->timeMs, zone), Labels::activity(it->text)));
}

} // namespace cityops
