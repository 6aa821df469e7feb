#pragma once

#include <QWidget>

#include <cstdint>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cityops {

class LiveCity;
class OpsClient;

/// Command orders and their targets: what was asked, by whom, whether it waits for approval, and each target's
/// progress to its one terminal result. Supervisors approve or deny here; the requester (or a supervisor)
/// cancels; a finished order can be restored (undone).
class OrderPanel : public QWidget {
    Q_OBJECT
public:
    OrderPanel(LiveCity &live, OpsClient &ops, QWidget *parent = nullptr);

    void reload();
    QTreeWidget *tree() { return m_tree; }
    std::uint32_t currentOrder() const;
    void selectOrder(std::uint32_t id);
    void approve();
    void deny();
    void cancel();
    void restore();

private:
    void updateActions();

    LiveCity &m_live;
    OpsClient &m_ops;
    QTreeWidget *m_tree;
    QLabel *m_pending;
    QPushButton *m_approve;
    QPushButton *m_deny;
    QPushButton *m_cancel;
    QPushButton *m_restore;
};

} // namespace cityops
