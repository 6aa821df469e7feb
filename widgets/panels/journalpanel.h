#pragma once

#include "state/activitylog.h"

#include <QTimeZone>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace cityops {

class LiveCity;

/// The event log: who did what, newest first — incident steps, orders and approvals, alarm handling,
/// escalations, sign-ins — live, or up to the instant on screen in replay.
class JournalPanel : public QWidget {
    Q_OBJECT
public:
    explicit JournalPanel(LiveCity &live, QWidget *parent = nullptr);
    /// Brings the list to the log as it stands: the entries added since at the top and the ones the log let go
    /// of dropped at the bottom, so what a person scrolled to or selected stays put; built anew when the log was
    /// replaced (a seek in replay).
    void reload();
    QListWidget *list() const { return m_list; }
    /// Shows only the lines that contain its text (any case); Esc empties it.
    QLineEdit *filter() const { return m_filter; }
    /// While filtering: how many lines of how many are shown.
    QLabel *shownCount() const { return m_shownCount; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void applyFilter(QListWidgetItem *item) const;
    void showCount();
    QListWidgetItem *item(const QTimeZone &zone, const ActivityLog::Entry &entry) const;

    LiveCity &m_live;
    QLineEdit *m_filter;
    QLabel *m_shownCount;
    QListWidget *m_list;
    std::vector<ActivityLog::Entry> m_shown;   ///< the log as the list shows it, oldest first
};

} // namespace cityops
