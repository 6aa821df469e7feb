#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cityops {

class AccessControl;

/// Session ▸ Approval key: a supervisor whose sign-in password was changed where this console could not follow (the
/// city directory's own tools, an expiry) moves their approval key to it — the earlier password once, which opens
/// the key, and the password now, which the directory checks and the key is then sealed with. The same key: the
/// gateways' approver keyrings need nothing new. Asked on a worker (AccessControl::moveApprovalKey); a refusal is said
/// in place, the fields emptied, the dialog open, until the key is moved, which closes it.
class ApprovalKeyDialog : public QDialog {
    Q_OBJECT
public:
    ApprovalKeyDialog(AccessControl &access, QWidget *parent);

    /// The sentence under the fields (a refusal, or the wait while the directory is asked).
    QString said() const;
    QLineEdit *earlierField() const { return m_earlier; }
    QLineEdit *nowField() const { return m_now; }
    QPushButton *moveButton() const { return m_move; }

private:
    void submit();
    void say(const QString &sentence);

    AccessControl &m_access;
    QLineEdit *m_earlier;
    QLineEdit *m_now;
    QLabel *m_said;
    QPushButton *m_move;
};

} // namespace cityops
