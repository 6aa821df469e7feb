#include "access/accesscontrol.h"

#include "access/accessoverlay.h"
#include "access/approvalkeydialog.h"
#include "access/passworddialog.h"
#include "access/peopledialog.h"
#include "base/elapsedclock.h"
#include "livecity.h"
#include "ops/opsclient.h"
#include "security/adminjournal.h"
#include "security/approval.h"
#include "security/userdirectory.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace cityops {

AccessControl::AccessControl(QMainWindow &window, Engine &engine, Authenticator *directory, OpsClient &client, LiveCity &live)
    : QObject(&window), m_window(window), m_engine(engine), m_directory(directory), m_check(new QFutureWatcher<SignInOutcome>(this)),
      m_client(client), m_live(live), m_overlay(new AccessOverlay(&window)), m_idleTimer(new QTimer(this)),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); }), m_elapsed(elapsedClockMs)
{
    connect(m_overlay, &AccessOverlay::submitted, this, &AccessControl::onSubmitted);
    connect(m_overlay, &AccessOverlay::changePasswordRequested, this, [this](const QString &name) { openPasswordDialog(name, false); });
    m_idleTimer->setInterval(1000);
    connect(m_idleTimer, &QTimer::timeout, this, &AccessControl::pollIdle);
    m_idleTimer->start();
    qApp->installEventFilter(this);
    m_lastInputMs = m_elapsed();
    m_client.setStepUp([this](const QString &what) { return confirmIdentity(what); });
    if (!isSignedIn())
        m_overlay->showSignIn(m_directory ? QString()
                                          : tr("No user directory could be opened, so nobody can sign in; the console is read-only."));
}

AccessControl::~AccessControl()
{
    qApp->removeEventFilter(this);
    m_check->disconnect(this);
    m_check->waitForFinished();   // the workers use the directory, which outlives this
    for (QFuture<SignInOutcome> &stepUp : m_stepUps)
        stepUp.waitForFinished();
    for (QFuture<void> &work : m_leftWork)
        work.waitForFinished();
}

void AccessControl::keepUntilDone(QFuture<void> work)
{
    std::erase_if(m_leftWork, [](const QFuture<void> &f) { return f.isFinished(); });
    if (!work.isFinished())
        m_leftWork.push_back(std::move(work));
}

int AccessControl::workersLeft() const
{
    return int(std::count_if(m_leftWork.begin(), m_leftWork.end(), [](const QFuture<void> &f) { return !f.isFinished(); }));
}

void AccessControl::setClock(std::function<std::int64_t()> now)
{
    m_now = std::move(now);
}

void AccessControl::setElapsedClock(std::function<std::int64_t()> elapsed)
{
    m_elapsed = std::move(elapsed);
    m_lastInputMs = m_elapsed();
}

const Actor &AccessControl::actor() const { return m_client.actor(); }
bool AccessControl::isSignedIn() const { return m_client.actor().isValid(); }

Actor AccessControl::actorFor(const UserAccount &account) const
{
    return cityops::actorFor(account, m_engine.city().districtNames());
}

void AccessControl::record(OperatorAction action, const QString &user, const QString &detail)
{
    m_engine.recordOperatorAction(action, user, detail);
}

void AccessControl::showRefusal(const SignInOutcome &outcome)
{
    m_overlay->showMessage(outcome.sentence);
    const std::int64_t now = m_now();
    if (outcome.refusal == SignInRefusal::TooSoon && outcome.retryAtMs > now)
        m_overlay->holdFor(outcome.retryAtMs - now);
}

SignInOutcome AccessControl::signIn(const QString &name, const QByteArray &password)
{
    if (!m_directory)
        return {SignInRefusal::Unavailable, tr("No user directory could be opened, so nobody can sign in.")};
    SignInOutcome outcome = m_directory->signIn(name, password, m_now());
    noteApprovalKey(outcome, m_client.approvalKeys(), password);
    return applySignIn(name, outcome);
}

void AccessControl::noteApprovalKey(SignInOutcome &outcome, const QString &keys, const QByteArray &password)
{
    if (!outcome.ok() || keys.isEmpty())
        return;
    const approval::KeyCheck key = approval::check(keys, outcome.account.name, password);
    QString notice;
    if (key.fit == approval::KeyFit::OtherPassword)
        notice = tr("Your approval key does not open with the password you signed in with: it is sealed with an earlier one. "
                    "Before you approve anything, move it to this password with Session ▸ Approval key… (you need the earlier "
                    "password), or ask an administrator for a new key, which every gateway must then be given.");
    else if (key.fit == approval::KeyFit::Unusable)
        notice = tr("Your approval key cannot be used: %1. Ask an administrator before you approve anything.").arg(key.why);
    if (!notice.isEmpty())
        outcome.notice = outcome.notice.isEmpty() ? notice : outcome.notice + QLatin1Char(' ') + notice;
}

void AccessControl::recordRefusal(const QString &name, const SignInOutcome &outcome, const QString &prefix)
{
    // A name that is not an account is not recorded as typed: people type passwords into the name field.
    // A password the directory wants changed first is right, not an account disabled: the replay must not say so.
    const QString why = outcome.mustChangePassword ? QStringLiteral("password to be changed first") : refusalKey(outcome.refusal);
    record(OperatorAction::SignInRefused, outcome.nameKnown ? name : QStringLiteral("(unknown name)"), prefix + why);
}

SignInOutcome AccessControl::applySignIn(const QString &name, const SignInOutcome &outcome)
{
    if (!outcome.ok()) {
        recordRefusal(name, outcome);
        showRefusal(outcome);
        return outcome;
    }
    const Actor a = actorFor(outcome.account);
    if (a.highestRole() == Role::Responder && a.districts.isEmpty()) {
        // A responder answers for districts; one whose districts are none of this city's (a misspelt name, an
        // account made for another city) would sit at a console where nothing is theirs to work.
        SignInOutcome refused{SignInRefusal::NoRole,
                              tr("Your account answers for %1, which this city does not have, so nothing here is yours to work. "
                                 "Ask an administrator to correct your districts.")
                                  .arg(outcome.account.districts.isEmpty() ? tr("no district") : outcome.account.districts.join(QStringLiteral(", ")))};
        refused.nameKnown = true;
        record(OperatorAction::SignInRefused, name,
               QStringLiteral("no district of this city (%1)").arg(outcome.account.districts.join(QStringLiteral(", "))));
        showRefusal(refused);
        return refused;
    }
    m_client.setActor(a);
    m_client.setLocked(false);
    m_locked = false;
    record(OperatorAction::SignIn, a.user, roleName(a.highestRole()));
    m_overlay->hide();
    m_lastInputMs = m_elapsed();
    Q_EMIT signedIn(a);
    if (!outcome.notice.isEmpty())
        Q_EMIT noticeForPerson(outcome.notice);
    if (!m_handOverFrom.isEmpty())
        Q_EMIT handOverWaiting(m_handOverFrom, m_handOverNote);
    return outcome;
}

void AccessControl::signOut()
{
    if (!isSignedIn())
        return;
    record(OperatorAction::SignOut, actor().user);
    m_client.setActor(Actor{});
    m_client.setLocked(false);
    m_locked = false;
    m_overlay->showSignIn(m_handOverFrom.isEmpty() ? QString()
                                                   : tr("%1 has handed over the shift: sign in to take over.").arg(m_handOverFrom));
    Q_EMIT signedOut();
}

void AccessControl::noteActivity() { m_lastInputMs = m_elapsed(); }

void AccessControl::pollIdle()
{
    if (m_locked)
        m_overlay->setSummary(situation());   // the counts stay current on the lock card
    if (!isSignedIn() || m_locked || m_idleLimitMs <= 0)
        return;
    // An unattended wall (viewer) is never locked: nothing can be done from it, and it must keep showing the city.
    if (actor().highestRole() == Role::Viewer)
        return;
    if (m_elapsed() - m_lastInputMs >= m_idleLimitMs)
        lock(tr("no input for %n minute(s)", nullptr, int(m_idleLimitMs / 60'000)));
}

void AccessControl::lock(const QString &why)
{
    if (!isSignedIn() || m_locked)
        return;
    m_locked = true;
    m_client.setLocked(true, tr("The console is locked: %1 must unlock it (or a supervisor take over).").arg(actor().user));
    record(OperatorAction::Lock, actor().user, why);
    m_overlay->showLocked(actor().user, situation());
    Q_EMIT lockChanged(true);
}

SignInOutcome AccessControl::unlock(const QString &name, const QByteArray &password)
{
    if (!m_locked || !m_directory)
        return {SignInRefusal::Unavailable, tr("The console is not locked.")};
    SignInOutcome outcome = m_directory->signIn(name, password, m_now());
    noteApprovalKey(outcome, m_client.approvalKeys(), password);
    return applyUnlock(name, outcome);
}

SignInOutcome AccessControl::applyUnlock(const QString &name, SignInOutcome outcome)
{
    if (outcome.ok() && name != actor().user && outcome.account.role < Role::Supervisor)
        outcome = {SignInRefusal::WrongCredentials, tr("Only %1 or a supervisor can unlock this console.").arg(actor().user), {}, 0, true};
    if (!outcome.ok()) {
        recordRefusal(name, outcome, QStringLiteral("unlock: "));
        showRefusal(outcome);
        return outcome;
    }
    const QString was = actor().user;
    if (name != was)
        m_client.setActor(actorFor(outcome.account));   // a supervisor takes over the console
    m_locked = false;
    m_client.setLocked(false);
    record(OperatorAction::Unlock, name, name == was ? QString() : tr("took over from %1").arg(was));
    m_overlay->hide();
    m_lastInputMs = m_elapsed();
    Q_EMIT lockChanged(false);
    // A supervisor taking over is told what a sign-in would have told them (an approval key that will not open, a
    // password about to expire): they are the one who approves at this desk now. The same person was told at theirs.
    if (name != was && !outcome.notice.isEmpty())
        Q_EMIT noticeForPerson(outcome.notice);
    return outcome;
}

std::optional<QByteArray> AccessControl::confirmIdentity(const QString &what, const QString &why)
{
    QDialog dialog(&m_window);
    dialog.setWindowTitle(what);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(why.isEmpty() ? tr("%1 needs a second person, and the record must show it was you: %2, enter your password again.")
                                                 .arg(what, actor().user)
                                           : why,
                             &dialog);
    label->setWordWrap(true);
    auto *password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    auto *message = new QLabel(&dialog);
    message->setWordWrap(true);
    message->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(label);
    layout->addWidget(password);
    layout->addWidget(message);
    layout->addWidget(buttons);
    std::optional<QByteArray> confirmed;
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    // The password is checked on a worker (Argon2id, or the city's LDAP: never on the GUI thread); the dialog stays
    // responsive and may be cancelled meanwhile. A wrong password is recorded by the worker, also after a cancel.
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&, ok] {
        if (!m_directory || !isSignedIn()) {
            message->setText(tr("Nobody is signed in."));
            message->show();
            return;
        }
        QByteArray typed = password->text().toUtf8();
        password->clear();
        ok->setEnabled(false);
        message->setText(tr("Checking…"));
        message->show();
        auto *check = new QFutureWatcher<SignInOutcome>(&dialog);
        connect(check, &QFutureWatcher<SignInOutcome>::finished, &dialog, [&, check, ok, typed]() mutable {
            const SignInOutcome outcome = check->result();
            ok->setEnabled(true);
            if (outcome.ok()) {
                confirmed = typed;   // it opens the approver's approval key next, then it is wiped
                dialog.accept();
                return;
            }
            typed.fill('\0');
            message->setText(outcome.sentence);
            if (outcome.refusal == SignInRefusal::Locked || outcome.refusal == SignInRefusal::Disabled || outcome.refusal == SignInRefusal::Expired)
                dialog.reject();
        });
        std::erase_if(m_stepUps, [](const QFuture<SignInOutcome> &f) { return f.isFinished(); });
        m_stepUps.push_back(QtConcurrent::run([directory = m_directory, engine = &m_engine, user = actor().user, typed, now = m_now()] {
            SignInOutcome outcome = directory->signIn(user, typed, now);
            if (!outcome.ok())
                engine->recordOperatorAction(OperatorAction::SignInRefused, outcome.nameKnown ? user : QStringLiteral("(unknown name)"),
                                             QStringLiteral("step-up: ") + refusalKey(outcome.refusal));
            return outcome;
        }));
        check->setFuture(m_stepUps.back());
    });
    dialog.exec();
    return confirmed;
}

void AccessControl::checkApprover(const QString &name, QByteArray password, QObject *context, std::function<void(const Result<Actor> &)> done)
{
    if (!m_directory || !isSignedIn()) {
        password.fill('\0');
        return done(makeError(tr("Nobody is signed in at this console.")));
    }
    if (name.compare(actor().user, Qt::CaseInsensitive) == 0) {
        password.fill('\0');
        return done(makeError(tr("%1 is signed in here: the approval needs a second person, a supervisor.").arg(name)));
    }
    auto *check = new QFutureWatcher<SignInOutcome>(context);
    connect(check, &QFutureWatcher<SignInOutcome>::finished, context, [this, check, done = std::move(done)] {
        check->deleteLater();
        const SignInOutcome outcome = check->result();
        if (!outcome.ok())
            return done(makeError(outcome.sentence));
        const Actor approver = actorFor(outcome.account);
        if (!permits(approver, Permission::ApproveCommand))
            return done(makeError(tr("%1 may not approve commands: a supervisor must.").arg(approver.user)));
        done(approver);
    });
    std::erase_if(m_stepUps, [](const QFuture<SignInOutcome> &f) { return f.isFinished(); });
    m_stepUps.push_back(QtConcurrent::run([directory = m_directory, engine = &m_engine, name, password, now = m_now()]() mutable {
        SignInOutcome outcome = directory->signIn(name, password, now);
        password.fill('\0');
        if (!outcome.ok())
            engine->recordOperatorAction(OperatorAction::SignInRefused, outcome.nameKnown ? name : QStringLiteral("(unknown name)"),
                                         QStringLiteral("approval in advance: ") + refusalKey(outcome.refusal));
        return outcome;
    }));
    check->setFuture(m_stepUps.back());
}

void AccessControl::changePassword(const QString &name, QByteArray current, QByteArray next, QObject *context,
                                   std::function<void(const SignInOutcome &)> done)
{
    if (!m_directory) {
        current.fill('\0');
        next.fill('\0');
        return done({SignInRefusal::Unavailable, tr("No user directory could be opened, so no password can be set.")});
    }
    auto *change = new QFutureWatcher<SignInOutcome>(context);
    connect(change, &QFutureWatcher<SignInOutcome>::finished, context, [change, done = std::move(done)] {
        change->deleteLater();
        done(change->result());
    });
    std::erase_if(m_stepUps, [](const QFuture<SignInOutcome> &f) { return f.isFinished(); });
    m_stepUps.push_back(QtConcurrent::run([directory = m_directory, engine = &m_engine, keys = m_client.approvalKeys(), name, current, next,
                                           now = m_now()]() mutable {
        SignInOutcome outcome = directory->changePassword(name, current, next, now);
        if (!outcome.ok()) {
            engine->recordOperatorAction(OperatorAction::SignInRefused, outcome.nameKnown ? name : QStringLiteral("(unknown name)"),
                                         QStringLiteral("change-password: ") + refusalKey(outcome.refusal));
        } else {
            if (!directory->journalsChanges())
                engine->recordOperatorAction(OperatorAction::AccountChanged, QStringLiteral("(%1)").arg(adminjournal::account(name)),
                                             QStringLiteral("change-password %1 (in %2)").arg(name, directory->describe()));
            // Sealed with the sign-in password, the approval key must follow it, or the next approval cannot open it.
            if (!keys.isEmpty())
                if (const auto resealed = approval::reseal(keys, name, current, next); !resealed)
                    outcome.notice = tr("Your approval key was not sealed with the new password: %1. Ask an administrator to make you a "
                                        "new one before you approve anything.").arg(resealed.error());
        }
        current.fill('\0');
        next.fill('\0');
        return outcome;
    }));
    change->setFuture(m_stepUps.back());
}

PeopleBook *AccessControl::peopleBook() const { return dynamic_cast<PeopleBook *>(m_directory); }

bool AccessControl::mayOpenPeople() const
{
    return peopleBook() && isSignedIn() && !m_locked && permits(actor(), Permission::UnlockAccount);
}

void AccessControl::openPeople()
{
    if (!mayOpenPeople())
        return;
    auto *dialog = new PeopleDialog(*this, *peopleBook(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Whoever signs in next is not the one who opened it.
    connect(this, &AccessControl::signedOut, dialog, &QDialog::reject);
    connect(this, &AccessControl::lockChanged, dialog, [dialog](bool locked) {
        if (locked)
            dialog->reject();
    });
    dialog->open();
}

void AccessControl::askNewPassword()
{
    if (isSignedIn() && !m_locked)
        openPasswordDialog(actor().user, true);
}

void AccessControl::openPasswordDialog(const QString &name, bool ownAccount, const QByteArray &current)
{
    auto *dialog = new PasswordDialog(*this, name, ownAccount, &m_window, current);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ownAccount] {
        const QString set = tr("Your password is set.");
        if (ownAccount)
            m_window.statusBar()->showMessage(set, 10'000);
        else
            m_overlay->showMessage(set + QLatin1Char(' ') + tr("Sign in with the new one."));
        if (!dialog->notice().isEmpty())
            Q_EMIT noticeForPerson(dialog->notice());
    });
    dialog->open();
}

bool AccessControl::mayMoveApprovalKey() const
{
    return m_directory && isSignedIn() && !m_locked && !m_client.approvalKeys().isEmpty() && permits(actor(), Permission::ApproveCommand);
}

void AccessControl::openApprovalKeyDialog()
{
    if (!mayMoveApprovalKey())
        return;
    auto *dialog = new ApprovalKeyDialog(*this, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &AccessControl::signedOut, dialog, &QDialog::reject);
    connect(this, &AccessControl::lockChanged, dialog, [dialog](bool locked) {
        if (locked)
            dialog->reject();
    });
    connect(dialog, &QDialog::accepted, this, [this] {
        m_window.statusBar()->showMessage(tr("Your approval key opens with your password now."), 10'000);
    });
    dialog->open();
}

void AccessControl::moveApprovalKey(QByteArray earlier, QByteArray now, QObject *context, std::function<void(const Result<bool> &)> done)
{
    if (!mayMoveApprovalKey()) {
        earlier.fill('\0');
        now.fill('\0');
        return done(makeError(tr("Nobody who may approve is signed in at this console, or approvals are not signed here.")));
    }
    auto *move = new QFutureWatcher<Result<bool>>(context);
    connect(move, &QFutureWatcher<Result<bool>>::finished, context, [move, done = std::move(done)] {
        move->deleteLater();
        done(move->result());
    });
    move->setFuture(QtConcurrent::run([directory = m_directory, engine = &m_engine, keys = m_client.approvalKeys(), user = actor().user, earlier,
                                       now, at = m_now()]() mutable -> Result<bool> {
        const auto wipe = [&] {
            earlier.fill('\0');
            now.fill('\0');
        };
        // The password now is the directory's to say: a key is never sealed with one the person could not sign in with.
        const SignInOutcome outcome = directory->signIn(user, now, at);
        if (!outcome.ok()) {
            wipe();
            engine->recordOperatorAction(OperatorAction::SignInRefused, outcome.nameKnown ? user : QStringLiteral("(unknown name)"),
                                         QStringLiteral("approval key: ") + refusalKey(outcome.refusal));
            return makeError(outcome.sentence);
        }
        auto moved = approval::reseal(keys, user, earlier, now);
        wipe();
        if (!moved)
            return makeError(tr("Your approval key was not moved: %1. Nothing changed.").arg(moved.error()));
        if (!moved.value())
            return makeError(tr("You have no approval key at this console: an administrator makes one (cityops-admin approver add %1).").arg(user));
        engine->recordOperatorAction(OperatorAction::AccountChanged, QStringLiteral("(%1)").arg(adminjournal::account(user)),
                                     QLatin1String(approval::kMovedDetail) + user + QStringLiteral(" (sealed again with their sign-in password at this console)"));
        return true;
    }));
    keepUntilDone(QFuture<void>(move->future()));
}

void AccessControl::handOver(const QString &note)
{
    if (!isSignedIn())
        return;
    m_handOverFrom = actor().user;
    m_handOverNote = note;
    record(OperatorAction::HandOver, actor().user, note);
    signOut();
}

void AccessControl::acceptHandOver(const QString &summary)
{
    if (!isSignedIn() || m_handOverFrom.isEmpty())
        return;
    record(OperatorAction::TakeOver, actor().user, tr("from %1: %2").arg(m_handOverFrom, summary));
    m_handOverFrom.clear();
    m_handOverNote.clear();
}

QString AccessControl::situation() const
{
    const CityStateSource &s = m_live.source();
    std::vector<Alarm> alarms;
    s.alarms().snapshot(alarms);
    int unacknowledged = 0;
    for (const Alarm &a : alarms)
        unacknowledged += a.annunciated() && !a.acknowledged;
    std::vector<Order> orders;
    s.orders().snapshot(orders);
    const auto running = std::count_if(orders.begin(), orders.end(), [](const Order &o) { return !o.finished(); });
    const QString dot = QStringLiteral(" · ");
    return tr("%n open incident(s)", nullptr, int(s.incidents().openCount())) + dot
         + tr("%n unacknowledged alarm(s)", nullptr, unacknowledged) + dot
         + tr("%n order(s) running.", nullptr, int(running)) + QLatin1Char(' ')
         + tr("The map behind stays live; nothing can be done until the console is unlocked.");
}

void AccessControl::onSubmitted(const QString &name, const QByteArray &password)
{
    if (m_checking)
        return;
    if (!m_directory) {
        (void)signIn(name, password);   // says that nobody can sign in
        return;
    }
    // The check (an Argon2id hash, or a round trip to the LDAP server) runs on a worker: the map and the lists
    // behind the card keep moving, and a slow directory cannot freeze the console.
    m_checking = true;
    m_overlay->setChecking(true);
    const bool unlocking = m_locked;
    Authenticator *directory = m_directory;
    const std::int64_t now = m_now();
    m_check->disconnect(this);
    connect(m_check, &QFutureWatcher<SignInOutcome>::finished, this, [this, name, typed = QByteArray(password), unlocking]() mutable {
        m_checking = false;
        m_overlay->setChecking(false);
        const SignInOutcome outcome = m_check->result();
        if (unlocking && m_locked) {
            (void)applyUnlock(name, outcome);
        } else if (!unlocking && !isSignedIn()) {
            // The directory takes this password only to set another: ask for it at once, the current one filled in.
            if (!applySignIn(name, outcome).ok() && outcome.mustChangePassword)
                openPasswordDialog(name, false, typed);
        }
        typed.fill('\0');   // this connection stays until the next attempt: the password does not
        Q_EMIT checkFinished();
    });
    m_check->setFuture(QtConcurrent::run([directory, name, password, now, keys = m_client.approvalKeys()] {
        SignInOutcome outcome = directory->signIn(name, password, now);
        noteApprovalKey(outcome, keys, password);
        return outcome;
    }));
}

bool AccessControl::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        noteActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace cityops
