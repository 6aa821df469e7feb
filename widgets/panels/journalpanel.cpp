#include "panels/journalpanel.h"

#include "labels.h"
#include "livecity.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cityops {

JournalPanel::JournalPanel(LiveCity &live, QWidget *parent) : QWidget(parent), m_live(live)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    // "Who did what to incident #8?", "what did olga do?": a supervisor narrows the log to the lines that say it.
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("journalFilter"));
    m_filter->setPlaceholderText(tr("Show only lines with… (a name, #incident, device)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the event log"));
    layout->addWidget(m_filter);
    m_filter->installEventFilter(this);   // Esc empties it
    m_shownCount = new QLabel(this);
    m_shownCount->setObjectName(QStringLiteral("journalShownCount"));
    m_shownCount->hide();
    layout->addWidget(m_shownCount);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Event log"));
    // Entries wrap: the log shares the bottom row with energy and alarms, and a line cut at the dock's edge leaves
    // the operator scrolling sideways to read who did what. (At most ActivityLog::kCapacity entries are laid out.)
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setResizeMode(QListView::Adjust);
    layout->addWidget(m_list);
    connect(&live, &LiveCity::journalChanged, this, &JournalPanel::reload);
    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        for (int i = 0; i < m_list->count(); ++i)
            applyFilter(m_list->item(i));
        showCount();
    });
    reload();
}

bool JournalPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape
        && !m_filter->text().isEmpty()) {
        m_filter->clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void JournalPanel::applyFilter(QListWidgetItem *item) const
{
    const QString wanted = m_filter->text().trimmed();
    item->setHidden(!wanted.isEmpty() && !item->text().contains(wanted, Qt::CaseInsensitive));
}

void JournalPanel::showCount()
{
    if (m_filter->text().trimmed().isEmpty()) {
        m_shownCount->hide();
        return;
    }
    int shown = 0;
    for (int i = 0; i < m_list->count(); ++i)
        shown += m_list->item(i)->isHidden() ? 0 : 1;
    m_shownCount->setText(tr("%1 of %n line(s) shown", nullptr, m_list->count()).arg(shown));
    m_shownCount->show();
}

namespace {
bool sameEntry(const ActivityLog::Entry &a, const ActivityLog::Entry &b)
{
    return a.seq == b.seq && a.timeMs == b.timeMs && a.text == b.text;
}
} // namespace

QListWidgetItem *JournalPanel::item(const QTimeZone &zone, const ActivityLog::Entry &entry) const
{
    return new QListWidgetItem(QStringLiteral("%1  %2").arg(Labels::clock(entry.timeMs, zone), Labels::activity(entry.text)));
}

void JournalPanel::reload()
{
    // New lines are added above, not the list rebuilt: the line a person selected and where they scrolled stay put.
    // (The list lays its wrapped lines out again either way: ~4 ms for 500, BENCHMARKS.md.)
    const auto &journal = m_live.scene().journal;
    if (journal.empty() || m_shown.empty()) {
        rebuild();
        return;
    }
    // The log only grows at its end and lets go at its front: the newest entry shown is still in it, and what
    // came before it is the end of what is shown. Anything else (a seek in replay, another recording) is a new log.
    const auto anchor = std::find_if(journal.rbegin(), journal.rend(), [&](const auto &e) { return sameEntry(e, m_shown.back()); });
    const auto kept = static_cast<size_t>(journal.rend() - anchor);   // entries up to and including the anchor
    if (anchor == journal.rend() || kept > m_shown.size() || !sameEntry(journal.front(), m_shown[m_shown.size() - kept])) {
        rebuild();
        return;
    }
    const QTimeZone zone = Labels::zone(m_live.scene().city());
    for (size_t i = kept; i < journal.size(); ++i) {
        m_list->insertItem(0, item(zone, journal[i]));
        applyFilter(m_list->item(0));   // (an item is hidden by its list: only once it is in one)
    }
    while (m_list->count() > static_cast<int>(journal.size()))
        delete m_list->takeItem(m_list->count() - 1);
    m_shown = journal;
    showCount();
}

void JournalPanel::rebuild()
{
    m_list->clear();
    const auto &journal = m_live.scene().journal;
    m_shown = journal;
    const QTimeZone zone = Labels::zone(m_live.scene().city());
    for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
        m_list->addItem(item(zone, *it));
        applyFilter(m_list->item(m_list->count() - 1));
    }
    showCount();
}

} // namespace cityops
