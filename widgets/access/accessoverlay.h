#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace cityops {

/// What covers the console while nobody may act at it: the sign-in card before anyone has signed in, and the lock
/// card while it is locked. The backdrop is translucent, so the map and the lists behind it stay visible (read-only,
/// as control rooms expect of an unattended console); the card itself is large and plain. A failed attempt says
/// why in a sentence; a growing delay counts down on the button.
class AccessOverlay : public QWidget {
    Q_OBJECT
public:
    explicit AccessOverlay(QWidget *parent);
    /// Where a refusal is said, on the card and in the password dialog: amber, hidden until it has something to say.
    static QLabel *refusalLabel(QWidget *parent);
    /// Its look: amber with dark text.
    static QString refusalStyle();

    /// The sign-in card: name and password.
    void showSignIn(const QString &subtitle = {});
    /// The lock card: who is signed in, what is going on (counts), and their password to unlock; a supervisor
    /// may put their own name to take over.
    void showLocked(const QString &user, const QString &summary);
    /// Updates the counts on the lock card without touching what is being typed.
    void setSummary(const QString &summary);
    /// A sentence under the fields (refusals in amber, never red: nothing is on fire).
    void showMessage(const QString &sentence);
    /// Keeps the button disabled for `ms`, counting down.
    void holdFor(qint64 ms);
    /// While the directory is asked: fields and button disabled, the button says so.
    void setChecking(bool checking);

    QLabel *title() const { return m_title; }
    QLabel *summary() const { return m_summary; }
    QLabel *message() const { return m_message; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *passwordField() const { return m_password; }
    QPushButton *submitButton() const { return m_submit; }
    QPushButton *changePasswordButton() const { return m_change; }

Q_SIGNALS:
    void submitted(const QString &name, const QByteArray &password);
    /// The sign-in card's "Change password…": the name typed so far.
    void changePasswordRequested(const QString &name);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void tickHold();
    void place();
    void present(const QString &action, QWidget *focus);

    QWidget *m_card;
    QLabel *m_title;
    QLabel *m_summary;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QPushButton *m_submit;
    QPushButton *m_change;   ///< on the sign-in card: a password that must be changed first, or one to change before signing in
    QLabel *m_message;
    QTimer *m_hold;
    qint64 m_holdLeftMs = 0;
    QString m_submitText;
};

} // namespace cityops
