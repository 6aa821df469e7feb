#pragma once

#include "engine/engine.h"
#include "security/authenticator.h"

#include <QFuture>
#include <QObject>

#include <functional>
#include <optional>
#include <vector>

class QMainWindow;
class QTimer;
template <typename T> class QFutureWatcher;

namespace cityops {

class PeopleBook;

class AccessOverlay;
class LiveCity;
class OpsClient;

/// Who is at the console, and only that: sign-in against the user directory (local or LDAP) (every attempt recorded, never the
/// password), the idle lock, the password asked again before an approval (step-up) and the shift hand-over. The
/// OpsClient acts as whoever this says is signed in; with nobody signed in, or while locked, nothing can be done
/// and the overlay says so over a still visible, read-only console.
class AccessControl : public QObject {
    Q_OBJECT
public:
    /// `directory` may be null: then nobody can sign in and the console stays read-only (the overlay says why).
    AccessControl(QMainWindow &window, Engine &engine, Authenticator *directory, OpsClient &client, LiveCity &live);
    ~AccessControl() override;

    /// The directory account as the backend's Actor: its role, and its districts by index in this city.
    Actor actorFor(const UserAccount &account) const;
    /// Checks the name and password; on success the console acts as that person (recorded as a sign-in), on
    /// failure the refusal is recorded with the name tried and the reason. Blocks while the directory is asked:
    /// the card itself asks on a worker thread (see isChecking()); this is for headless sign-in and tests.
    SignInOutcome signIn(const QString &name, const QByteArray &password);
    /// The card's name and password are being checked (a hash, or a round trip to the LDAP server).
    bool isChecking() const { return m_checking; }
    void signOut();
    const Actor &actor() const;
    bool isSignedIn() const;

    /// Minutes without input after which the console locks (0: never). Viewers (unattended walls) never lock.
    void setIdleLimit(std::int64_t ms) { m_idleLimitMs = ms; }
    std::int64_t idleLimit() const { return m_idleLimitMs; }
    /// The wall clock sign-in lockouts are dated by (they are stored, so they need dates; tests move their own).
    void setClock(std::function<std::int64_t()> now);
    /// The clock idle time is measured on: elapsed time (elapsedClockMs), never the wall clock, so that NTP setting
    /// the desk's clock forward does not lock a desk in use nor a step back keep an abandoned one open (tests move
    /// their own).
    void setElapsedClock(std::function<std::int64_t()> elapsed);
    /// Input was seen (the application-wide filter calls this).
    void noteActivity();
    /// Locks if the console has been idle past the limit (a timer calls this every second).
    void pollIdle();
    void lock(const QString &why);
    bool isLocked() const { return m_locked; }
    /// The same person's password, or a supervisor's (who then takes over the console).
    SignInOutcome unlock(const QString &name, const QByteArray &password);

    /// Step-up before an approval: asks the signed-in person's password in a dialog; returns it only when it matched
    /// (it opens their approval key next). `why`: the dialog's sentence, when it is not an approval's.
    std::optional<QByteArray> confirmIdentity(const QString &what, const QString &why = {});

    /// A second person present at this console vouching for something in advance (a supervisor pre-approving a whole
    /// green wave): their name and password are checked on a worker against the directory (a wrong one recorded as any
    /// refused sign-in); `done` gets their Actor on the GUI thread, or why not — not a supervisor, or the person who
    /// is signed in (two-person integrity: two people).
    void checkApprover(const QString &name, QByteArray password, QObject *context, std::function<void(const Result<Actor> &)> done);

    /// A person sets their own password, with their current one (Session ▸ Change my password, or the sign-in card):
    /// on a worker, the directory's change (Authenticator::changePassword), then their approval key, if this console
    /// holds one, sealed with the new password (security/approval.h). `done` gets the directory's outcome on the GUI
    /// thread; when the key could not be sealed again, its notice says so. Recorded: a refusal as a refused sign-in
    /// ("change-password: …"); a change, where the directory keeps no journal the consoles record, as the person's
    /// own account change. Does not sign anyone in or out.
    void changePassword(const QString &name, QByteArray current, QByteArray next, QObject *context, std::function<void(const SignInOutcome &)> done);
    /// Opens the dialog for it (access/passworddialog.h): the signed-in person's own (Session ▸ Change my password),
    /// else for the name typed on the sign-in card. Once set, the card (or the status bar) says so.
    void askNewPassword();

    /// The signed-in supervisor's approval key, sealed with an earlier password (changed where this console could not
    /// reseal it: the city directory's own tools, an expiry), sealed again with their sign-in password now — the same
    /// key, so every gateway's approver keyring stays right (security/approval.h). On a worker: `now` checked with the
    /// directory first (a refusal recorded as a refused step-up), then the key opened with `earlier`. `done` gets, on
    /// the GUI thread, that it moved or why not. Recorded as the person's own account change.
    void moveApprovalKey(QByteArray earlier, QByteArray now, QObject *context, std::function<void(const Result<bool> &)> done);
    /// Session ▸ Approval key (access/approvalkeydialog.h), for whoever may approve, where approvals are signed.
    void openApprovalKeyDialog();
    bool mayMoveApprovalKey() const;

    /// Shift hand-over, outgoing side: records the note and signs out; the next sign-in gets the checklist.
    void handOver(const QString &note);
    /// Incoming side: the checklist was accepted (recorded with what it held).
    void acceptHandOver(const QString &summary);
    /// The note of a hand-over waiting for the next person, and who wrote it.
    QString pendingHandOverNote() const { return m_handOverNote; }
    QString pendingHandOverFrom() const { return m_handOverFrom; }

    AccessOverlay *overlay() const { return m_overlay; }
    /// The wall clock lockouts are dated by.
    std::int64_t nowMs() const { return m_now(); }
    /// What Session ▸ People reads and changes of the directory people sign in against: all of the console's own
    /// user directory; of an LDAP directory, this machine's lockouts (security/peoplebook.h).
    PeopleBook *peopleBook() const;
    /// Session ▸ People (access/peopledialog.h), for a supervisor or an administrator.
    void openPeople();
    bool mayOpenPeople() const;
    /// Keeps a worker that uses the directory until it is done, when what started it goes first — a read a closed
    /// People list no longer wants: a directory that does not answer must not hold the desk. Waited for when this goes
    /// (before the directory does).
    void keepUntilDone(QFuture<void> work);
    /// Such workers still running.
    int workersLeft() const;
    /// One line of what is going on, for the lock card: open incidents, unacknowledged alarms, running orders.
    QString situation() const;

Q_SIGNALS:
    /// The card's check has finished (signed in, unlocked or refused).
    void checkFinished();
    void signedIn(const cityops::Actor &actor);
    /// Said once a person is in (also a supervisor taking over a locked desk): what their directory asks of them soon,
    /// or an approval key of theirs that will not open (SignInOutcome::notice).
    void noticeForPerson(const QString &notice);
    void signedOut();
    void lockChanged(bool locked);
    /// A person signed in after a hand-over: the window shows the checklist.
    void handOverWaiting(const QString &from, const QString &note);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onSubmitted(const QString &name, const QByteArray &password);
    void openPasswordDialog(const QString &name, bool ownAccount, const QByteArray &current = {});
    SignInOutcome applySignIn(const QString &name, const SignInOutcome &outcome);
    SignInOutcome applyUnlock(const QString &name, SignInOutcome outcome);
    void recordRefusal(const QString &name, const SignInOutcome &outcome, const QString &prefix = {});
    void record(OperatorAction action, const QString &user, const QString &detail = {});
    void showRefusal(const SignInOutcome &outcome);
    /// At sign-in, on the worker: whether the person's approval key opens with the password they signed in with; a
    /// notice says what to do when it does not (learnt now, not when a junction must be held at 3 a.m.).
    static void noteApprovalKey(SignInOutcome &outcome, const QString &keys, const QByteArray &password);

    QMainWindow &m_window;
    Engine &m_engine;
    Authenticator *m_directory;
    QFutureWatcher<SignInOutcome> *m_check;
    std::vector<QFuture<SignInOutcome>> m_stepUps;   ///< step-up checks (waited for on destruction)
    std::vector<QFuture<void>> m_leftWork;           ///< keepUntilDone (waited for on destruction)
    bool m_checking = false;
    OpsClient &m_client;
    LiveCity &m_live;
    AccessOverlay *m_overlay;
    QTimer *m_idleTimer;
    std::function<std::int64_t()> m_now;       ///< wall clock: lockouts
    std::function<std::int64_t()> m_elapsed;   ///< elapsed time: idle
    std::int64_t m_lastInputMs = 0;            ///< on m_elapsed
    std::int64_t m_idleLimitMs = 10 * 60'000;
    bool m_locked = false;
    QString m_handOverNote;
    QString m_handOverFrom;
};

} // namespace cityops
