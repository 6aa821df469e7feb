#pragma once

#include "base/result.h"
#include "security/authenticator.h"
#include "security/peoplebook.h"

#include <QDialog>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cityops {

class AccessControl;
class UserDirectory;

/// Session ▸ People: the local directory's accounts as a sign-in would find them (locked until when, failed sign-ins,
/// disabled, a password to be changed), and what can be done about them at a desk at 3 a.m. without a terminal: a
/// supervisor lifts a lock; an administrator also disables or enables an account and resets a password for one use
/// (drawn here, shown once, after their own password again). Not for their own account. With an LDAP directory, the
/// people this machine's consoles count failed sign-ins for — with what the directory grants them when its mapping
/// has a lookup account, read after the counts (which are shown, and liftable, at once: a directory that hangs holds
/// neither the list nor, when it closes, the desk) — and the lifting of their lock only (the rest is the directory's).
/// Every change goes to the directory's journal as made by that person at this machine, which the consoles record.
/// The directory is read and changed on a worker; the list is read again after each change, and every kRefreshMs
/// while it is open (a lock that began or ended, a change made at another desk or with cityops-admin).
class PeopleDialog : public QDialog {
    Q_OBJECT
public:
    PeopleDialog(AccessControl &access, PeopleBook &book, QWidget *parent);
    /// Waits for a read or a change still running: the directory may go with the console right after.
    ~PeopleDialog() override;

    QTreeWidget *list() const { return m_list; }
    QPushButton *unlockButton() const { return m_unlock; }
    QPushButton *resetButton() const { return m_reset; }
    QPushButton *disableButton() const { return m_disable; }
    /// The line under the list: what was done, or why not.
    QString said() const;
    /// The password a reset drew, while it is shown (empty otherwise).
    QString shownPassword() const;
    /// A read of the list is under way (tests wait for it).
    bool isBusy() const { return m_busy || m_refreshing; }
    /// A read of what the directory grants the people listed is under way, after the list's.
    bool isReadingGrants() const { return m_readingGrants; }
    /// How often the open list is read again on its own.
    static constexpr int kRefreshMs = 15'000;
    /// Test hook: the list read again every `ms` instead.
    void setRefreshInterval(int ms) { m_refresh.setInterval(ms); }

    /// An account's state in words, as the list says it: "locked until 03:12", "2 failed sign-ins", "disabled",
    /// "to set their own password", or "active".
    static QString stateOf(const UserAccount &account, std::int64_t nowMs);

private:
    /// Reads the list again, keeping who is picked (or picking `select`). `quietly`: the periodic read, which leaves
    /// the buttons as they are and gives way to a change or a read under way.
    void reload(const QString &select = {}, bool quietly = false);
    /// Shows `listed` (rows written over in place where the people are the same), keeping who is picked (or picking
    /// `select`).
    void showListed(PeopleList listed, const QString &select);
    /// Reads what the directory grants the listed people, on a worker of its own (one at a time), and shows it.
    void readGrants();
    void updateButtons();
    const UserAccount *selected() const;
    /// Runs `change` on a worker; then says `done` (or the error) and reads the list again.
    void change(const QString &done, std::function<Status()> work, const QByteArray &shown = {});
    void unlockSelected();
    void resetSelected();
    void toggleSelected();
    void say(const QString &sentence, bool refusal);
    /// The line above the list: whose accounts these are (and, for LDAP, that nobody is listed).
    void sayWho();

    AccessControl &m_access;
    QPointer<AccessControl> m_accessAlive;   ///< null once the desk's access control has gone (a window closing)
    PeopleBook &m_book;
    UserDirectory *m_local;   ///< the book, when it keeps the accounts (disable, enable, reset); none for LDAP
    PeopleList m_listed;
    QSet<QString> m_toRead;   ///< whose grants are being read (the others' rows keep what was read of them)
    QLabel *m_intro;
    QTreeWidget *m_list;
    QLabel *m_said;
    QLabel *m_password;
    QPushButton *m_unlock;
    QPushButton *m_reset;
    QPushButton *m_disable;
    bool m_busy = false;
    bool m_refreshing = false;
    bool m_readingGrants = false;
    QTimer m_refresh;
};

} // namespace cityops
