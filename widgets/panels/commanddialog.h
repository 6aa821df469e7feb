#pragma once

#include "citymirror.h"
#include "ops/interlocks.h"
#include "ops/opsrequest.h"
#include "state/citybooks.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QDialogButtonBox;
class QPushButton;

namespace cityops {

class OpsClient;

/// Asks for a command before anything is sent: the targets (from the map selection, or typed ids), the action
/// from the catalogue for their kind, its value, and a preview of what will change on each device, with the risk
/// (a supervisor's approval) stated. A workflow's plan is shown the same way, fixed. Devices that field work, a
/// shed on purpose, maintenance or another order holds are marked with their holder (ops/interlocks.h): the operator
/// leaves them out, or a supervisor overrides with a reason; nothing held is sent silently.
class CommandDialog : public QDialog {
    Q_OBJECT
public:
    /// `books`: where the holds are read (the live city's, or replay's).
    CommandDialog(const CityMirror &scene, OpsClient &ops, const CityBooks &books, QWidget *parent = nullptr);
    ~CommandDialog() override;

    /// Edit mode: one action over these devices (the operator may change the list).
    void setTargets(const std::vector<DeviceIndex> &devices);
    /// Plan mode: a workflow's order, shown as it will run.
    void setPlan(const OrderSpec &plan);

    /// The order as it would be sent now, or an empty spec with the reason in `problem`.
    OrderSpec spec(QString *problem = nullptr) const;
    QTableWidget *preview() const { return m_preview; }
    QString riskText() const;
    /// What holds the targets now (as the dispatcher will see it).
    const std::vector<Interlock> &interlocks() const { return m_interlocks; }
    QLabel *holdsLabel() const { return m_holds; }
    QPushButton *leaveOutButton() const { return m_leaveOut; }
    QLineEdit *overrideReason() const { return m_override; }
    /// Whether this console hears the other consoles' broker now (asked at each redraw of the holds; none set: it
    /// does): while it cannot, a device released here from a gone console's order is held again (ops/interlocks.h).
    void setHearing(std::function<bool()> hears);
    /// Reads the holds again (the link came or went).
    void refreshHolds() { updatePreview(); }
    /// Removes the held devices from the order (the "Leave them out" button).
    void leaveHeldOut();
    /// Sends the order (as the Send button does).
    void send();

private:
    void parseTargets();
    void fillActions();
    void updatePreview();
    QString stateText(DeviceIndex device) const;
    QString afterText(CommandAction action, int value) const;

    const CityMirror &m_scene;
    OpsClient &m_ops;
    const CityBooks &m_books;
    std::vector<Interlock> m_interlocks;
    std::function<bool()> m_hears;
    bool m_reuseHolds = false;   ///< while the override reason is typed
    bool m_planMode = false;
    OrderSpec m_plan;
    std::vector<DeviceIndex> m_targets;
    QLineEdit *m_targetsEdit;
    QComboBox *m_action;
    QSpinBox *m_value;
    QSpinBox *m_validMinutes;
    QTableWidget *m_preview;
    QLabel *m_risk;
    QLabel *m_problem;
    QLabel *m_holds;
    QPushButton *m_leaveOut;
    QLineEdit *m_override;
    QDialogButtonBox *m_buttons;
};

} // namespace cityops
