#pragma once

#include "citymirror.h"
#include "ops/opsrequest.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QDialogButtonBox;

namespace cityops {

class OpsClient;

/// Asks for a command before anything is sent: the targets (from the map selection, or typed ids), the action
/// from the catalogue for their kind, its value, and a preview of what will change on each device, with the risk
/// (a supervisor's approval) stated. A workflow's plan is shown the same way, fixed.
class CommandDialog : public QDialog {
    Q_OBJECT
public:
    CommandDialog(const CityMirror &scene, OpsClient &ops, QWidget *parent = nullptr);

    /// Edit mode: one action over these devices (the operator may change the list).
    void setTargets(const std::vector<DeviceIndex> &devices);
    /// Plan mode: a workflow's order, shown as it will run.
    void setPlan(const OrderSpec &plan);

    /// The order as it would be sent now, or an empty spec with the reason in `problem`.
    OrderSpec spec(QString *problem = nullptr) const;
    QTableWidget *preview() const { return m_preview; }
    QString riskText() const;
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
    QDialogButtonBox *m_buttons;
};

} // namespace cityops
