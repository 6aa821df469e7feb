#pragma once

#include "model/device.h"
#include "ops/opsrequest.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace cityops {

class LiveCity;
class OpsClient;
class OrderTargetFilter;
class OrderTargetModel;

/// Command orders and their targets: what was asked, by whom, whether it waits for approval, the count of targets
/// per result, and — for the order in focus — every target with its result and reason, sortable and filterable (to
/// the failed ones, say), however many there are. The failed ones can be picked on the map or retried. Supervisors
/// approve or deny here; the requester (or a supervisor) cancels; a finished order can be restored (undone).
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
    /// A supervisor releases here what a gone console's order holds (ops/goneconsole.h), with a reason.
    void release();
    /// The failed targets of the current order (rejected, timed out, expired).
    std::vector<OrderTargetSpec> failedTargets() const;
    void pickFailed();
    void retryFailed();

    QTableView *targetView() const { return m_targetView; }
    OrderTargetModel *targetModel() const { return m_targetModel; }
    OrderTargetFilter *targetFilter() const { return m_filter; }
    QComboBox *outcomeFilter() const { return m_outcome; }
    QLabel *targetsTitle() const { return m_targetsTitle; }
    QPushButton *releaseButton() const { return m_release; }

Q_SIGNALS:
    /// Put these devices on the map as the picked set (command targets).
    void pickRequested(const std::vector<cityops::DeviceIndex> &devices);
    /// Open the command dialog with this order (the failed targets again).
    void retryRequested(const cityops::OrderSpec &spec);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateActions();
    void showTargets();
    /// Fits the device column to the order's targets, up to a width that leaves the reasons theirs.
    void fitDeviceColumn();

    LiveCity &m_live;
    OpsClient &m_ops;
    QTreeWidget *m_tree;
    QLabel *m_pending;
    QPushButton *m_approve;
    QPushButton *m_deny;
    QPushButton *m_cancel;
    QPushButton *m_restore;
    QPushButton *m_release;
    QLabel *m_targetsTitle;
    QComboBox *m_outcome;
    bool m_drawnDeaf = false;   ///< whether the list was drawn while this console could not hear the broker
    QLineEdit *m_deviceFilter;
    QTableView *m_targetView;
    OrderTargetModel *m_targetModel;
    OrderTargetFilter *m_filter;
    QPushButton *m_pickFailed;
    QPushButton *m_retryFailed;
};

} // namespace cityops
