// Who is at the console, seen as a person at the desk sees it: the sign-in card over a live, read-only console;
// refusals in a sentence and recorded (never the password); the idle lock on a clock the test moves, unlocked by
// the same person or taken over by a supervisor; a wall account that never locks; the password asked again before
// an approval; the shift hand-over and its checklist.
#include "access/accesscontrol.h"
#include "access/accessoverlay.h"
#include "access/approvalkeydialog.h"
#include "access/handoverchecklist.h"
#include "access/passworddialog.h"
#include "city/sumoimport.h"
#include "labels.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "testcity.h"
#include "ops/annunciator.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "ops/workflows.h"
#include "security/approval.h"
#include "testpeople.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QStatusBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace cityops;
using namespace cityops::test;

namespace {
std::shared_ptr<const CityModel> fixtureCity() { return cityops::test::networkCity(); }

/// The room's people, checked by a directory that also asks each person let in to change their password soon (as
/// an LDAP directory's password policy does).
class AskingDirectory : public Authenticator {
public:
    explicit AskingDirectory(Authenticator *people) : m_people(people) {}
    SignInOutcome signIn(const QString &name, const QByteArray &password, std::int64_t nowMs) override
    {
        SignInOutcome outcome = m_people->signIn(name, password, nowMs);
        if (outcome.ok())
            outcome.notice = QStringLiteral("Your password in the directory expires in 3 day(s).");
        return outcome;
    }
    QString describe() const override { return m_people->describe(); }
    Result<std::optional<UserAccount>> lookUp(const QString &name) override { return m_people->lookUp(name); }
    SignInOutcome changePassword(const QString &name, const QByteArray &current, const QByteArray &next, std::int64_t nowMs) override
    {
        return m_people->changePassword(name, current, next, nowMs);
    }

private:
    Authenticator *m_people;
};

/// Whether the widget, as grabbed, shows the amber a refusal is said in.
bool showsAmber(QWidget *widget)
{
    const QImage look = widget->grab().toImage();
    for (int y = 0; y < look.height(); y += 2)
        for (int x = 0; x < look.width(); x += 2)
            if (look.pixelColor(x, y) == QColor(0xff, 0xb0, 0x00))
                return true;
    return false;
}

/// A live console with real accounts; nobody signed in yet.
struct Desk {
    std::shared_ptr<const CityModel> city = fixtureCity();
    People people{*city};
    AskingDirectory asking{people.get()};
    Engine engine{city};
    std::unique_ptr<MainWindow> window;
    std::int64_t now = 1'790'000'000'000;

    explicit Desk(bool askingDirectory = false)
    {
        SimLinkOptions sim;
        sim.warmUpHours = 0.1;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
        window = std::make_unique<MainWindow>(engine, askingDirectory ? static_cast<Authenticator *>(&asking) : people.get());
        window->resize(1400, 900);
        window->show();
        access().setClock([this] { return now; });          // the wall clock (lockouts) ...
        access().setElapsedClock([this] { return now; });   // ... and elapsed time (idle) move together, unless a test steps one
    }
    AccessControl &access() { return window->access(); }
    AccessOverlay &overlay() { return *access().overlay(); }
    OpsClient &client() { return window->ops().client(); }
    void type(const QString &name, const QString &password)
    {
        overlay().nameField()->setText(name);
        overlay().passwordField()->setText(password);
        QTest::mouseClick(overlay().submitButton(), Qt::LeftButton);
        // The card asks the directory on a worker thread; the outcome lands on the GUI thread when it is done.
        QTRY_VERIFY(!access().isChecking());
    }
    /// Whether the record's recent activity has a line containing `text` (it reaches the books through the core).
    bool recorded(const QString &text) const
    {
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        return std::any_of(entries.begin(), entries.end(), [&](const ActivityLog::Entry &e) { return e.text.contains(text); });
    }
    bool recordedAnywhere(const QByteArray &needle) const
    {
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        return std::any_of(entries.begin(), entries.end(), [&](const ActivityLog::Entry &e) { return e.text.toUtf8().contains(needle); });
    }
};

} // namespace

class TestAccess : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;   ///< where the consoles of this test keep people's layouts (not the user's own)

private Q_SLOTS:
    void initTestCase() { QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path()); }

    void signInCardOverTheLiveConsole()
    {
        Desk desk;
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        QVERIFY(desk.overlay().isVisible());
        QCOMPARE(desk.overlay().title()->text(), QStringLiteral("Sign in to CityOps"));
        QVERIFY(!desk.client().actor().isValid());
        QVERIFY(!desk.client().may(Permission::AcknowledgeIncident));
        QCOMPARE(desk.window->ops().personLabel()->text(), QStringLiteral("Not signed in"));
        // What a person sees: the light card in the middle, the console dimmed but there around it.
        QImage shot = desk.window->grab().toImage();
        const QPoint card = desk.overlay().findChild<QWidget *>(QStringLiteral("accessCard"))->geometry().center();
        QCOMPARE(shot.pixelColor(card.x(), desk.overlay().findChild<QWidget *>(QStringLiteral("accessCard"))->geometry().top() + 4),
                 QColor(0xf2, 0xf2, 0xf2));
        QVERIFY(shot.pixelColor(5, shot.height() / 2).lightness() < 200);   // dimmed, not hidden

        // A wrong password: a sentence, recorded with the name (it exists) and never the password.
        desk.type(QStringLiteral("olga"), QStringLiteral("not her password"));
        QVERIFY(desk.overlay().message()->isVisible());
        QVERIFY(desk.overlay().message()->text().contains(QLatin1String("wrong")));
        QVERIFY(!desk.client().actor().isValid());
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused olga: wrong name or password")));
        // A name that is no account is not recorded as typed (it may be a password typed into the wrong field).
        desk.type(QStringLiteral("correct horse 1"), QStringLiteral("x"));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused (unknown name)")));
        QVERIFY(!desk.recordedAnywhere("not her password"));
        QVERIFY(!desk.recordedAnywhere("correct horse"));
        shot = desk.window->grab().toImage();
        const QRect message = desk.overlay().message()->geometry().translated(desk.overlay().findChild<QWidget *>(QStringLiteral("accessCard"))->pos());
        QCOMPARE(shot.pixelColor(message.left() + 3, message.center().y()), QColor(0xff, 0xb0, 0x00));   // amber, readable

        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QVERIFY(!desk.overlay().isVisible());
        QCOMPARE(desk.client().actor().user, QStringLiteral("olga"));
        QVERIFY(desk.client().may(Permission::RequestCommand));
        QCOMPARE(desk.window->ops().personLabel()->text(), QStringLiteral("olga · operator"));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in olga: operator")));
        QCOMPARE(desk.window->currentUser(), QStringLiteral("olga"));
    }

    /// What the directory asks of a person it lets in (a password about to expire) is said once they are in, in the
    /// messages, in amber — not on the card, which is gone by then.
    void whatTheDirectoryAsksIsSaidOnceIn()
    {
        Desk desk(true);
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        desk.window->ops().messages()->clear();
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QCOMPARE(desk.client().actor().user, QStringLiteral("olga"));
        QListWidget *messages = desk.window->ops().messages();
        QCOMPARE(messages->count(), 1);
        QVERIFY2(messages->item(0)->text().contains(QLatin1String("Your password in the directory expires in 3 day(s).")),
                 qPrintable(messages->item(0)->text()));
        // On amber, as what needs doing is: seen in the list as drawn.
        QTRY_VERIFY(messages->isVisible());
        const QRect row = messages->visualItemRect(messages->item(0));
        QCOMPARE(messages->viewport()->grab().toImage().pixelColor(row.left() + 2, row.center().y()), QColor(0xff, 0xb0, 0x00));
    }

    /// A responder whose account names no district of this city (misspelt, or made for another city) is refused with
    /// a sentence and the refusal recorded; signed in, they would sit at a console where nothing is theirs.
    void aResponderOfNoDistrictHereIsRefused()
    {
        Desk desk;
        QVERIFY(desk.people.get()->add(QStringLiteral("rosa"), Role::Responder, {QStringLiteral("Atlantis")}, People::kPassword));
        desk.type(QStringLiteral("rosa"), QString::fromLatin1(People::kPassword));
        QVERIFY(!desk.client().actor().isValid());
        QVERIFY(desk.overlay().isVisible());
        QVERIFY2(desk.overlay().message()->text().contains(QLatin1String("Atlantis, which this city does not have")),
                 qPrintable(desk.overlay().message()->text()));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused rosa: no district of this city (Atlantis)")));
        // One of the city's districts among them is enough: she answers for that one.
        const QString north = desk.city->districts.front().name;
        QVERIFY(desk.people.get()->setRole(QStringLiteral("rosa"), Role::Responder, {QStringLiteral("Atlantis"), north.toUpper()}));
        desk.type(QStringLiteral("rosa"), QString::fromLatin1(People::kPassword));
        QCOMPARE(desk.client().actor().user, QStringLiteral("rosa"));
        QCOMPARE(desk.client().actor().districts, QList<int>{0});
    }

    void growingDelayOnTheCard()
    {
        Desk desk;
        for (int i = 0; i < 4; ++i)
            desk.type(QStringLiteral("otto"), QStringLiteral("guess"));
        // The fifth try comes too soon: the button waits and says for how long.
        desk.type(QStringLiteral("otto"), QString::fromLatin1(People::kPassword));
        QVERIFY(desk.overlay().message()->text().contains(QLatin1String("wait")));
        QVERIFY(!desk.overlay().submitButton()->isEnabled());
        QVERIFY(desk.overlay().submitButton()->text().startsWith(QLatin1String("Wait")));
        QVERIFY(!desk.client().actor().isValid());
        desk.now += 1000;
        desk.overlay().holdFor(0);
        desk.type(QStringLiteral("otto"), QString::fromLatin1(People::kPassword));
        QCOMPARE(desk.client().actor().user, QStringLiteral("otto"));
    }

    void idleLockAndUnlock()
    {
        Desk desk;
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        desk.access().setIdleLimit(10 * 60'000);
        desk.now += 9 * 60'000;
        desk.access().pollIdle();
        QVERIFY(!desk.access().isLocked());
        desk.now += 60'000;
        desk.access().pollIdle();
        QVERIFY(desk.access().isLocked());
        QVERIFY(desk.overlay().isVisible());
        QCOMPARE(desk.overlay().title()->text(), QStringLiteral("Console locked — olga"));
        QVERIFY(desk.overlay().summary()->text().contains(QLatin1String("open incident")));
        QVERIFY(desk.window->ops().personLabel()->text().contains(QLatin1String("locked")));
        QTRY_VERIFY(desk.recorded(QStringLiteral("lock olga: no input for 10 minute")));
        // Nothing can be done while locked.
        QSignalSpy answers(&desk.client(), &OpsClient::answered);
        desk.client().ask(request::NoteIncident{1, QStringLiteral("x")});
        QCOMPARE(answers.count(), 1);
        QCOMPARE(answers.at(0).at(0).toBool(), false);
        QVERIFY(answers.at(0).at(1).toString().contains(QLatin1String("locked")));
        // Another operator cannot unlock it; the same person can.
        desk.type(QStringLiteral("otto"), QString::fromLatin1(People::kPassword));
        QVERIFY(desk.access().isLocked());
        QVERIFY(desk.overlay().message()->text().contains(QLatin1String("Only olga or a supervisor")));
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QVERIFY(!desk.access().isLocked());
        QCOMPARE(desk.client().actor().user, QStringLiteral("olga"));
        // Locked by hand, taken over by a supervisor.
        desk.access().lock(QStringLiteral("by hand"));
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        QVERIFY(!desk.access().isLocked());
        QCOMPARE(desk.client().actor().user, QStringLiteral("sven"));
        QTRY_VERIFY(desk.recorded(QStringLiteral("unlock sven: took over from olga")));
        // Input keeps it open: activity resets the idle time.
        desk.now += 9 * 60'000;
        desk.access().noteActivity();
        desk.now += 9 * 60'000;
        desk.access().pollIdle();
        QVERIFY(!desk.access().isLocked());
    }

    void aStepOfTheDesksClockNeitherLocksItNorKeepsItOpen()
    {
        // NTP setting the desk's clock an hour forward is not an hour without input, and setting it back does not hold
        // off the lock of a desk left alone: idle is elapsed time.
        Desk desk;
        std::int64_t wall = desk.now;
        desk.access().setClock([&wall] { return wall; });
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        desk.access().setIdleLimit(10 * 60'000);
        wall += 3600'000;
        desk.now += 1000;
        desk.access().pollIdle();
        QVERIFY(!desk.access().isLocked());
        wall -= 2 * 3600'000;
        desk.now += 10 * 60'000;
        desk.access().pollIdle();
        QVERIFY(desk.access().isLocked());
        QTRY_VERIFY(desk.recorded(QStringLiteral("lock olga: no input for 10 minute")));
    }

    void wallNeverLocks()
    {
        Desk desk;
        desk.type(QStringLiteral("wall"), QString::fromLatin1(People::kPassword));
        QCOMPARE(desk.client().actor().highestRole(), Role::Viewer);
        desk.now += 7 * 24 * 3600'000LL;
        desk.access().pollIdle();
        QVERIFY(!desk.access().isLocked());
        QVERIFY(!desk.client().may(Permission::AcknowledgeIncident));   // and it can do nothing anyway
    }

    void approvalAsksThePasswordAgain()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QSignalSpy answers(&desk.client(), &OpsClient::answered);
        desk.client().ask(request::IssueOrder{workflows::flashAndDispatch(*desk.city, {desk.city->signals.front().device})});
        QTRY_COMPARE(answers.count(), 1);
        QVERIFY2(answers.at(0).at(0).toBool(), qPrintable(answers.at(0).at(1).toString()));
        const std::uint32_t order = answers.at(0).at(2).toUInt();
        desk.access().signOut();
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));

        // The wrong password: the approval does not happen, and the failure counts like any other.
        answerNextDialog([](QWidget *dialog) {
            dialog->findChild<QLineEdit *>()->setText(QStringLiteral("guess"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        });
        desk.client().ask(request::DecideOrder{order, true, {}, {}});
        QTRY_COMPARE(answers.count(), 2);
        QCOMPARE(answers.at(1).at(0).toBool(), false);
        QVERIFY(answers.at(1).at(1).toString().contains(QLatin1String("password again")));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused sven: step-up")));
        QCOMPARE(desk.engine.orders().find(order)->stage, CommandStage::AwaitingApproval);

        // The right one: approved, by sven.
        answerNextDialog([](QWidget *dialog) {
            dialog->findChild<QLineEdit *>()->setText(QString::fromLatin1(People::kPassword));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        desk.client().ask(request::DecideOrder{order, true, {}, {}});
        QTRY_COMPARE(answers.count(), 3);
        QVERIFY2(answers.at(2).at(0).toBool(), qPrintable(answers.at(2).at(1).toString()));
        QTRY_COMPARE(desk.engine.orders().find(order)->approvedBy, QStringLiteral("sven"));
    }

    /// On a broker the devices want the approver's own signature (issue 13): the step-up password opens the
    /// supervisor's sealed approval key; without one, or with one sealed under another password, the approval is
    /// refused here with the reason instead of every target being refused by the devices later.
    void approvalOnABrokerNeedsTheApproversOwnKey()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        QTemporaryDir keys;
        desk.client().setApprovalKeys(keys.path(), true);
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QSignalSpy answers(&desk.client(), &OpsClient::answered);
        desk.client().ask(request::IssueOrder{workflows::flashAndDispatch(*desk.city, {desk.city->signals.front().device})});
        QTRY_COMPARE(answers.count(), 1);
        const std::uint32_t order = answers.at(0).at(2).toUInt();
        desk.access().signOut();
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        auto typePassword = [] {
            answerNextDialog([](QWidget *dialog) {
                dialog->findChild<QLineEdit *>()->setText(QString::fromLatin1(People::kPassword));
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            });
        };

        typePassword();
        desk.client().ask(request::DecideOrder{order, true, {}, {}});
        QTRY_COMPARE(answers.count(), 2);
        QCOMPARE(answers.at(1).at(0).toBool(), false);
        QVERIFY2(answers.at(1).at(1).toString().contains(QLatin1String("cityops-admin approver add sven")), qPrintable(answers.at(1).at(1).toString()));
        QCOMPARE(desk.engine.orders().find(order)->stage, CommandStage::AwaitingApproval);

        // A key sealed with another password does not open with the sign-in password.
        QTemporaryDir other;
        QVERIFY(approval::create(other.path(), QStringLiteral("sven"), "not the sign-in password").ok());
        desk.client().setApprovalKeys(other.path(), true);
        typePassword();
        desk.client().ask(request::DecideOrder{order, true, {}, {}});
        QTRY_COMPARE(answers.count(), 3);
        QCOMPARE(answers.at(2).at(0).toBool(), false);
        QVERIFY2(answers.at(2).at(1).toString().contains(QLatin1String("password does not open")), qPrintable(answers.at(2).at(1).toString()));
        // ... and the answer says what he can do about it himself.
        QVERIFY2(answers.at(2).at(1).toString().contains(QStringLiteral("Session ▸ Approval key")), qPrintable(answers.at(2).at(1).toString()));

        // Sealed with his sign-in password: approved.
        QVERIFY(approval::create(keys.path(), QStringLiteral("sven"), People::kPassword).ok());
        desk.client().setApprovalKeys(keys.path(), true);
        typePassword();
        desk.client().ask(request::DecideOrder{order, true, {}, {}});
        QTRY_COMPARE(answers.count(), 4);
        QVERIFY2(answers.at(3).at(0).toBool(), qPrintable(answers.at(3).at(1).toString()));
        QTRY_COMPARE(desk.engine.orders().find(order)->approvedBy, QStringLiteral("sven"));
    }

    void aPersonSetsTheirOwnPasswordAtTheConsole()
    {
        // Session ▸ Change my password: the signed-in person's own name, fixed; two new ones that differ are said
        // without asking the directory; a wrong current one is refused in place and recorded as a refused sign-in;
        // the right one sets it — and the approval key sealed with the old password follows, so sven still approves.
        // From the sign-in card, for the name typed there.
        Desk desk;
        QTemporaryDir keys;
        QVERIFY(approval::create(keys.path(), QStringLiteral("sven"), People::kPassword).ok());
        desk.client().setApprovalKeys(keys.path(), true);
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        QVERIFY(desk.access().isSignedIn());
        QAction *change = nullptr;
        for (QAction *menu : desk.window->menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Change my password…"))
                        change = a;
        QVERIFY(change);
        change->trigger();
        PasswordDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = desk.window->findChild<PasswordDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("sven"));
        QVERIFY(dialog->nameField()->isReadOnly());
        const auto fill = [&](const QString &current, const QString &next, const QString &again) {
            dialog->currentField()->setText(current);
            dialog->newField()->setText(next);
            dialog->repeatField()->setText(again);
            QTest::mouseClick(dialog->setButton(), Qt::LeftButton);
        };
        fill(QString::fromLatin1(People::kPassword), QStringLiteral("svens new one"), QStringLiteral("svens new won"));
        QVERIFY2(dialog->said().contains(QLatin1String("differ")), qPrintable(dialog->said()));
        // Said where the person looks, in amber.
        QVERIFY(showsAmber(dialog));

        fill(QStringLiteral("not his password"), QStringLiteral("svens new one"), QStringLiteral("svens new one"));
        QTRY_VERIFY2(dialog->said().contains(QLatin1String("name or the password is wrong")), qPrintable(dialog->said()));
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->currentField()->text().isEmpty() && dialog->newField()->text().isEmpty());
        QTRY_VERIFY(desk.recorded(QStringLiteral("change-password: wrong name or password")));

        QPointer<PasswordDialog> open = dialog;
        fill(QString::fromLatin1(People::kPassword), QStringLiteral("svens new one"), QStringLiteral("svens new one"));
        QTRY_VERIFY(!open || !open->isVisible());
        QTRY_COMPARE(desk.window->statusBar()->currentMessage(), QStringLiteral("Your password is set."));
        QVERIFY(approval::open(keys.path(), QStringLiteral("sven"), "svens new one").ok());
        QVERIFY(!approval::open(keys.path(), QStringLiteral("sven"), People::kPassword).ok());
        desk.access().signOut();
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        QVERIFY(!desk.access().isSignedIn());
        desk.type(QStringLiteral("sven"), QStringLiteral("svens new one"));
        QVERIFY(desk.access().isSignedIn());

        // On the card, for whoever's name is typed — olga's approval key sealed with another password than hers: her
        // password is set, the key left as it was, and she is told to have a new one made.
        QVERIFY(approval::create(keys.path(), QStringLiteral("olga"), "another password").ok());
        QSignalSpy told(&desk.access(), &AccessControl::noticeForPerson);
        desk.access().signOut();
        desk.overlay().nameField()->setText(QStringLiteral("olga"));
        QVERIFY(desk.overlay().changePasswordButton()->isVisible());
        QTest::mouseClick(desk.overlay().changePasswordButton(), Qt::LeftButton);
        QTRY_VERIFY((dialog = desk.window->findChild<PasswordDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("olga"));
        QVERIFY(!dialog->nameField()->isReadOnly());
        open = dialog;
        fill(QString::fromLatin1(People::kPassword), QStringLiteral("olgas own one"), QStringLiteral("olgas own one"));
        QTRY_VERIFY(!open || !open->isVisible());
        QTRY_VERIFY2(desk.overlay().message()->text().contains(QLatin1String("Sign in with the new one")), qPrintable(desk.overlay().message()->text()));
        QVERIFY(!desk.access().isSignedIn());
        QCOMPARE(told.count(), 1);
        QVERIFY2(told.at(0).at(0).toString().contains(QLatin1String("not sealed with the new password")), qPrintable(told.at(0).at(0).toString()));
        QVERIFY(approval::open(keys.path(), QStringLiteral("olga"), "another password").ok());
        desk.type(QStringLiteral("olga"), QStringLiteral("olgas own one"));
        QVERIFY(desk.access().isSignedIn());
    }

    /// sven's password was changed where this console could not follow (the city directory's own tools, an expiry):
    /// his approval key, sealed with the earlier one, is said at sign-in — not when a junction must be held — and he
    /// moves it himself with Session ▸ Approval key: the earlier password opens it, the one now (checked with the
    /// directory) seals it. A wrong earlier or a wrong current password moves nothing; the same key opens afterwards.
    void aKeySealedWithAnEarlierPasswordIsSaidAtSignInAndMovedByItsOwner()
    {
        Desk desk;
        QTemporaryDir keys;
        const auto made = approval::create(keys.path(), QStringLiteral("sven"), "svens earlier one");
        QVERIFY(made.ok());
        desk.client().setApprovalKeys(keys.path(), true);
        QSignalSpy told(&desk.access(), &AccessControl::noticeForPerson);
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        QVERIFY(desk.access().isSignedIn());
        QCOMPARE(told.count(), 1);
        QVERIFY2(told.at(0).at(0).toString().contains(QLatin1String("sealed with an earlier one"))
                     && told.at(0).at(0).toString().contains(QStringLiteral("Session ▸ Approval key")),
                 qPrintable(told.at(0).at(0).toString()));

        QAction *move = desk.window->findChild<QAction *>(QStringLiteral("approvalKey"));
        QVERIFY(move && move->isVisible() && move->isEnabled());
        move->trigger();
        ApprovalKeyDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = desk.window->findChild<ApprovalKeyDialog *>()) && dialog->isVisible());
        // Its sentences whole, not cut off at the dialog's edge: every wrapped line has its room.
        const auto whole = [&] {
            const auto labels = dialog->findChildren<QLabel *>();
            return std::all_of(labels.begin(), labels.end(), [](const QLabel *l) {
                return !l->isVisible() || !l->wordWrap() || l->height() >= l->heightForWidth(l->width());
            });
        };
        QVERIFY(whole());
        const auto fill = [&](const QString &earlier, const QString &now) {
            dialog->earlierField()->setText(earlier);
            dialog->nowField()->setText(now);
            QTest::mouseClick(dialog->moveButton(), Qt::LeftButton);
        };
        QPointer<ApprovalKeyDialog> open = dialog;   // it closes (and goes) once the key is moved
        const auto answered = [&] { return QTest::qWaitFor([&] { return !open || open->moveButton()->isEnabled(); }) && open; };
        const auto keyOpensWith = [&](const QByteArray &password) {
            return approval::check(keys.path(), QStringLiteral("sven"), password).fit == approval::KeyFit::Opens;
        };
        // A guess at the earlier password: said in place, in amber; the key as it was.
        fill(QStringLiteral("a guess at it"), QString::fromLatin1(People::kPassword));
        QVERIFY(answered());
        QVERIFY2(dialog->said().contains(QLatin1String("not moved")) && dialog->said().contains(QLatin1String("password does not open")),
                 qPrintable(dialog->said()));
        QVERIFY(dialog->isVisible() && dialog->earlierField()->text().isEmpty() && dialog->nowField()->text().isEmpty());
        QVERIFY(showsAmber(dialog));
        QVERIFY(whole());
        QVERIFY(keyOpensWith("svens earlier one"));
        // The right earlier password with one the directory does not take: the key is never sealed with it.
        fill(QStringLiteral("svens earlier one"), QStringLiteral("a password of my choosing"));
        QVERIFY(answered());
        QVERIFY2(dialog->said().contains(QLatin1String("name or the password is wrong")), qPrintable(dialog->said()));
        QVERIFY(keyOpensWith("svens earlier one") && !keyOpensWith("a password of my choosing"));
        QTRY_VERIFY(desk.recorded(QStringLiteral("approval key: wrong name or password")));
        // Both right: moved, the dialog closes, and the same key (the gateways' public half) opens with his password now.
        fill(QStringLiteral("svens earlier one"), QString::fromLatin1(People::kPassword));
        QTRY_VERIFY(!open || !open->isVisible());
        QTRY_COMPARE(desk.window->statusBar()->currentMessage(), QStringLiteral("Your approval key opens with your password now."));
        QVERIFY(keyOpensWith(People::kPassword) && !keyOpensWith("svens earlier one"));
        const CommandVerifier gateways = CommandVerifier::fromPublicKeyPem(made.value()).value();
        QVERIFY(gateways.verify("m", approval::open(keys.path(), QStringLiteral("sven"), People::kPassword).value().sign("m")));
        QTRY_VERIFY(desk.recorded(QStringLiteral("approval-key-resealed sven")));
        std::vector<ActivityLog::Entry> entries;
        desk.engine.books().activity().snapshot(entries);
        const auto moved = std::find_if(entries.begin(), entries.end(), [](const ActivityLog::Entry &e) { return e.text.contains(QLatin1String("approval-key-resealed")); });
        QVERIFY2(Labels::activity(moved->text).startsWith(QLatin1String("sven@")) // at this machine
                     && Labels::activity(moved->text).contains(QLatin1String(" moved their approval key to their password now")),
                 qPrintable(Labels::activity(moved->text)));
        // Signed in again: nothing more to say.
        desk.access().signOut();
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        QVERIFY(desk.access().isSignedIn());
        QCOMPARE(told.count(), 1);
        // An operator approves nothing: the entry is there, greyed.
        desk.access().signOut();
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QVERIFY(move->isVisible() && !move->isEnabled());
        // A supervisor taking over olga's locked desk is told as at a sign-in: she approves here now.
        QVERIFY(approval::create(keys.path(), QStringLiteral("sara"), "saras earlier one").ok());
        desk.access().lock(QStringLiteral("by hand"));
        desk.type(QStringLiteral("sara"), QString::fromLatin1(People::kPassword));
        QCOMPARE(desk.client().actor().user, QStringLiteral("sara"));
        QCOMPARE(told.count(), 2);
        QVERIFY2(told.at(1).at(0).toString().contains(QLatin1String("sealed with an earlier one")), qPrintable(told.at(1).at(0).toString()));
        QVERIFY(move->isEnabled());
    }

    /// An administrator reset otto's password for one use: signing in with it opens the change of password at once,
    /// his name and that password filled in, the new one to type; set, the card asks him to sign in with it. The
    /// temporary one never signs him in, and a wrong one opens nothing.
    void aPasswordSetForOneUseAsksForTheirOwnAtOnce()
    {
        Desk desk;
        QVERIFY(desk.people.get()->resetPassword(QStringLiteral("otto"), "otto, for once", UserDirectory::PasswordUse::Once).ok());
        desk.type(QStringLiteral("otto"), QStringLiteral("not it at all"));
        QVERIFY(!desk.window->findChild<PasswordDialog *>());
        desk.type(QStringLiteral("otto"), QStringLiteral("otto, for once"));
        QVERIFY(!desk.access().isSignedIn());
        QVERIFY2(desk.overlay().message()->text().contains(QLatin1String("set your own")), qPrintable(desk.overlay().message()->text()));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused otto: password to be changed first")));
        PasswordDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = desk.window->findChild<PasswordDialog *>()) && dialog->isVisible());
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("otto"));
        QCOMPARE(dialog->currentField()->text(), QStringLiteral("otto, for once"));
        QTRY_VERIFY(dialog->newField()->hasFocus());
        QPointer<PasswordDialog> open = dialog;
        dialog->newField()->setText(QStringLiteral("otto's very own"));
        dialog->repeatField()->setText(QStringLiteral("otto's very own"));
        QTest::mouseClick(dialog->setButton(), Qt::LeftButton);
        QTRY_VERIFY(!open || !open->isVisible());
        QTRY_VERIFY2(desk.overlay().message()->text().contains(QLatin1String("Sign in with the new one")), qPrintable(desk.overlay().message()->text()));
        desk.type(QStringLiteral("otto"), QStringLiteral("otto, for once"));
        QVERIFY(!desk.access().isSignedIn());
        desk.type(QStringLiteral("otto"), QStringLiteral("otto's very own"));
        QVERIFY(desk.access().isSignedIn());
        QCOMPARE(desk.access().actor().user, QStringLiteral("otto"));
    }

    /// A password for one use typed after its 72 hours: right, but it opens nothing — no change of password, the card
    /// says to ask an administrator, the record says "password expired" (not a disabled account, not a guess).
    void aPasswordForOneUseTypedTooLateOpensNothing()
    {
        Desk desk;
        QVERIFY(desk.people.get()->resetPassword(QStringLiteral("otto"), "otto, for once", UserDirectory::PasswordUse::Once).ok());
        desk.now = desk.people.get()->find(QStringLiteral("otto")).value()->onceUntilMs;
        desk.type(QStringLiteral("otto"), QStringLiteral("otto, for once"));
        QVERIFY(!desk.access().isSignedIn());
        QVERIFY2(desk.overlay().message()->text().contains(QLatin1String("has expired: ask an administrator")),
                 qPrintable(desk.overlay().message()->text()));
        QTRY_VERIFY(desk.recorded(QStringLiteral("sign-in-refused otto: password expired")));
        QVERIFY(!desk.window->findChild<PasswordDialog *>());
        QCOMPARE(desk.people.get()->find(QStringLiteral("otto")).value()->failures, 0);
    }

    /// Each person's docks come back as they left them; View ▸ Reset the layout puts the shipped arrangement back.
    void layoutPerPerson()
    {
        Desk desk;
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        auto *energy = desk.window->findChild<QDockWidget *>(QStringLiteral("energy"));
        auto *details = desk.window->findChild<QDockWidget *>(QStringLiteral("details"));
        auto *incidents = desk.window->findChild<QDockWidget *>(QStringLiteral("incidents"));
        auto *eventLog = desk.window->findChild<QDockWidget *>(QStringLiteral("eventlog"));
        QVERIFY(energy && details && incidents && eventLog);
        // As shipped, once the window has its size: the incident list (the desk's queue) taller than Details, which is
        // empty until something is picked; the event log a sixth of the width. Asked for before the first show, these
        // came out as they fell: Details 379 px over the list's 340, the log 217 px wide.
        const auto shipped = [&] {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            return incidents->height() > details->height() * 3 / 2 && eventLog->width() * 6 >= desk.window->width();
        };
        QTRY_VERIFY2(shipped(), qPrintable(QStringLiteral("details %1 px, incidents %2 px, event log %3 px wide")
                                               .arg(details->height()).arg(incidents->height()).arg(eventLog->width())));
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        energy->hide();
        details->hide();
        desk.access().signOut();
        desk.type(QStringLiteral("otto"), QString::fromLatin1(People::kPassword));
        QVERIFY(!energy->isHidden());   // otto never arranged anything: the shipped layout, not olga's
        desk.access().signOut();
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QVERIFY(energy->isHidden());
        QVERIFY(details->isHidden());
        QAction *reset = nullptr;
        for (QAction *menu : desk.window->menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (a->text() == QLatin1String("Reset the &layout"))
                        reset = a;
        QVERIFY(reset);
        reset->trigger();
        QVERIFY(!energy->isHidden());
        QVERIFY(!details->isHidden());
        QTRY_VERIFY(shipped());
        desk.window->resizeDocks({details}, {600}, Qt::Vertical);   // Details pulled down over the list...
        QTRY_VERIFY(!shipped());
        reset->trigger();                                             // ... and put back as shipped
        QTRY_VERIFY2(shipped(), qPrintable(QStringLiteral("details %1 px, incidents %2 px, event log %3 px wide")
                                               .arg(details->height()).arg(incidents->height()).arg(eventLog->width())));

        // A refusal put the messages in front, and the layout kept that; messages are not kept across sessions, so
        // the next time, with nothing in them, the event log beside them is in front — not an empty list.
        auto *messages = desk.window->findChild<QDockWidget *>(QStringLiteral("messagesDock"));
        auto *log = desk.window->findChild<QDockWidget *>(QStringLiteral("eventlog"));
        QVERIFY(messages && log);
        desk.window->ops().post(true, QStringLiteral("Refused — the test's"));
        QTRY_VERIFY(!messages->visibleRegion().isEmpty());
        desk.access().signOut();
        desk.window->ops().messages()->clear();   // as a new process has them
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QTRY_VERIFY(!log->visibleRegion().isEmpty());
        QVERIFY(messages->visibleRegion().isEmpty());
        // With something in them they stay where the person left them.
        desk.window->ops().post(true, QStringLiteral("Refused — the test's, again"));
        QTRY_VERIFY(!messages->visibleRegion().isEmpty());
        desk.access().signOut();
        QVERIFY(desk.window->ops().messages()->count() > 0);
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        QTRY_VERIFY(!messages->visibleRegion().isEmpty());
        QVERIFY(log->visibleRegion().isEmpty());
    }

    /// What must not go unnoticed: a new order to approve asks for a low sound and the banner counts it; F10 silences
    /// without acknowledging; a new critical incident asks for the high sound again and turns the banner red.
    void annunciation()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        desk.type(QStringLiteral("sven"), QString::fromLatin1(People::kPassword));
        desk.window->refreshNow();
        Annunciator &a = desk.window->annunciator();
        QSignalSpy sounds(&a, &Annunciator::soundRequested);
        QSignalSpy attention(&a, &Annunciator::attentionRequested);
        const Actor olga{QStringLiteral("olga"), {Role::Operator}, {}};
        desk.engine.request(olga, request::IssueOrder{workflows::flashAndDispatch(*desk.city, {desk.city->signals.front().device})});
        QTRY_VERIFY(sounds.count() >= 1);
        QCOMPARE(sounds.last().at(0).value<Annunciator::Priority>(), Annunciator::Priority::Low);
        QVERIFY(attention.count() >= 1);
        auto *banner = desk.window->findChild<QLabel *>(QStringLiteral("annunciator"));
        QTRY_VERIFY(banner->isVisible() && banner->text().contains(QLatin1String("waiting for your approval")));
        QVERIFY(banner->text().contains(QLatin1String("F10")));
        QTest::keyClick(desk.window.get(), Qt::Key_F10);
        QVERIFY(a.isSilenced());
        QVERIFY(banner->text().contains(QLatin1String("silenced")));
        QVERIFY(banner->isVisible());   // silenced, not acknowledged

        const int before = sounds.count();
        desk.engine.request(olga, request::ReportIncident{desk.city->bounds.center(), IncidentSeverity::Critical, QStringLiteral("pile-up")});
        QTRY_VERIFY(sounds.count() > before);
        QCOMPARE(sounds.last().at(0).value<Annunciator::Priority>(), Annunciator::Priority::High);
        QVERIFY(!a.isSilenced());
        QTRY_VERIFY(banner->text().contains(QLatin1String("critical or major incident")));
        const QImage shot = banner->grab().toImage();
        QCOMPARE(shot.pixelColor(2, shot.height() / 2), QColor(0xff, 0x3b, 0x30));   // red while a critical one waits
        // On a desk too narrow for one line the banner breaks between its counts, never inside one (nor the hint:
        // "sound" alone on a second line).
        const QStringList parts = a.bannerParts();
        QVERIFY(parts.size() >= 3);
        QTextDocument shown;
        shown.setDefaultFont(banner->font());
        shown.setHtml(banner->text());
        shown.setTextWidth(shown.idealWidth() * 0.6);
        QStringList lines;
        for (QTextBlock b = shown.begin(); b.isValid(); b = b.next())
            for (int i = 0; i < b.layout()->lineCount(); ++i)
                lines << b.text().mid(b.layout()->lineAt(i).textStart(), b.layout()->lineAt(i).textLength());
        QVERIFY2(lines.size() >= 2, qPrintable(lines.join(QLatin1Char('|'))));
        for (const QString &part : parts) {
            const QString unbroken = QString(part).replace(QLatin1Char(' '), QChar(QChar::Nbsp));
            QVERIFY2(std::any_of(lines.begin(), lines.end(), [&](QString line) { return line.replace(QLatin1Char(' '), QChar(QChar::Nbsp)).contains(unbroken); }),
                     qPrintable(part + QStringLiteral(" broken across lines: ") + lines.join(QLatin1Char('|'))));
        }

        // A wall hears nothing and shows no banner.
        desk.access().signOut();
        desk.type(QStringLiteral("wall"), QString::fromLatin1(People::kPassword));
        const int onWall = sounds.count();
        const size_t open = desk.engine.incidents().openCount();
        desk.engine.request(olga, request::ReportIncident{desk.city->bounds.center(), IncidentSeverity::Critical, QStringLiteral("again")});
        QTRY_VERIFY(desk.engine.incidents().openCount() > open);   // it happened ...
        desk.window->refreshNow();                                  // ... and the console has looked at it
        QCOMPARE(sounds.count(), onWall);
        QVERIFY(!banner->isVisible());
    }

    void shiftHandOver()
    {
        Desk desk;
        QTRY_VERIFY_WITH_TIMEOUT(desk.engine.linkStatus().state == LinkState::Connected, 10000);
        desk.type(QStringLiteral("olga"), QString::fromLatin1(People::kPassword));
        desk.access().handOver(QStringLiteral("Feeder F3 runs hot; crew on site at Rudower Chaussee."));
        QVERIFY(!desk.client().actor().isValid());
        QVERIFY(desk.overlay().summary()->text().contains(QLatin1String("olga has handed over")));
        QTRY_VERIFY(desk.recorded(QStringLiteral("hand-over olga: Feeder F3 runs hot")));

        // The incoming person signs in and gets the checklist; it takes a tick to accept.
        QString seenNote;
        int rows = -1;
        QImage seen;
        answerNextDialog([&](QWidget *dialog) {
            auto *checklist = qobject_cast<HandOverChecklist *>(dialog);
            QVERIFY(checklist);
            seenNote = checklist->findChild<QLabel *>()->text();
            rows = checklist->items()->topLevelItemCount();
            seen = checklist->grab().toImage();
            QVERIFY(!checklist->acceptButton()->isEnabled());
            checklist->readBox()->setChecked(true);
            checklist->acceptButton()->click();
        });
        desk.type(QStringLiteral("otto"), QString::fromLatin1(People::kPassword));
        QVERIFY(seenNote.contains(QLatin1String("Feeder F3 runs hot")));
        QCOMPARE(rows, 3);   // open incidents, shelved alarms, running orders
        QVERIFY(!seen.isNull() && seen.width() > 400);
        QTRY_VERIFY(desk.recorded(QStringLiteral("take-over otto: from olga")));
        QCOMPARE(desk.client().actor().user, QStringLiteral("otto"));
    }
};

QTEST_MAIN(TestAccess)
#include "tst_access.moc"
