#pragma once

#include <QWidget>

class QListWidget;

namespace cityops {

class LiveCity;

/// The event log: who did what, newest first — incident steps, orders and approvals, alarm handling,
/// escalations, sign-ins — live, or up to the instant on screen in replay.
class JournalPanel : public QWidget {
    Q_OBJECT
public:
    explicit JournalPanel(LiveCity &live, QWidget *parent = nullptr);
    void reload();
    QListWidget *list() const { return m_list; }

private:
    LiveCity &m_live;
    QListWidget *m_list;
};

} // namespace cityops
