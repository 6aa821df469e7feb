#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cityops {

class AccessControl;

/// A person sets their own password: their name (their own, fixed, when they are signed in), the current password and
/// the new one twice. Two new ones that differ are said at once, without asking the directory; otherwise the directory
/// is asked on a worker (AccessControl::changePassword) and its refusal said in place — the fields emptied, the
/// dialog open — until it is set, which closes it.
class PasswordDialog : public QDialog {
    Q_OBJECT
public:
    /// `current`: the password the person just signed in with, when the directory wants it changed first (it is
    /// filled in, so that they type only the new one).
    PasswordDialog(AccessControl &access, const QString &name, bool nameFixed, QWidget *parent, const QByteArray &current = {});

    /// The sentence shown under the fields (refusals, or the wait while the directory is asked).
    QString said() const;
    /// What the directory said when it set the password: its notice (an approval key not sealed again), if any.
    const QString &notice() const { return m_notice; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *currentField() const { return m_current; }
    QLineEdit *newField() const { return m_next; }
    QLineEdit *repeatField() const { return m_repeat; }
    QPushButton *setButton() const { return m_set; }

private:
    void submit();
    void say(const QString &sentence);

    AccessControl &m_access;
    QLineEdit *m_name;
    QLineEdit *m_current;
    QLineEdit *m_next;
    QLineEdit *m_repeat;
    QLabel *m_said;
    QPushButton *m_set;
    QString m_notice;
};

} // namespace cityops
