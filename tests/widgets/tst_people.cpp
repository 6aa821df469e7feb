// Session ▸ People as the people at a desk meet it: a supervisor lifts olga's lock at 3 a.m. without a terminal; an
// administrator resets otto's password for one use (after their own password again), disables and enables him; nobody
// manages their own account there, an operator not at all; every change is in the directory's journal as made by that
// person at a console — and the real directory (a file) does what the list says. With a city's LDAP directory (a
// real slapd), the lockouts of this machine's consoles, and their lifting, only.
#include "access/accesscontrol.h"
#include "access/peopledialog.h"
#include "base/sqlitedb.h"
#include "labels.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "testcity.h"
#include "testpeople.h"
#include "security/failurebook.h"
#include "security/ldapdirectory.h"
#include "slapdtesting.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

/// A desk's window on a running simulator, signing people in against `directory`, its clocks at kNow.
std::unique_ptr<MainWindow> deskWindow(Engine &engine, const std::shared_ptr<const CityModel> &city, Authenticator *directory)
{
    SimLinkOptions sim;
    sim.warmUpHours = 0.1;
    engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
    auto window = std::make_unique<MainWindow>(engine, directory);
    window->resize(1200, 800);
    window->show();
    window->access().setClock([] { return kNow; });
    window->access().setElapsedClock([] { return kNow; });
    return window;
}

QAction *peopleActionOf(const MainWindow &window) { return window.findChild<QAction *>(QStringLiteral("people")); }

/// Session ▸ People, once it is shown and has read its list.
PeopleDialog *openPeople(MainWindow &window)
{
    peopleActionOf(window)->trigger();
    PeopleDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<PeopleDialog *>()) && dialog->isVisible() && !dialog->isBusy(); }))
        return nullptr;
    return dialog;
}

struct Desk {
    std::shared_ptr<const CityModel> city = networkCity();
    People people{*city};
    Engine engine{city};
    std::unique_ptr<MainWindow> window;

    Desk()
    {
        if (!people.get()->add(QStringLiteral("ada"), Role::Admin, {}, People::kPassword))
            qFatal("cannot add ada");
        window = deskWindow(engine, city, people.get());
    }
    AccessControl &access() { return window->access(); }
    void signIn(const char *name) { QVERIFY(access().signIn(QString::fromLatin1(name), People::kPassword).ok()); }
    QAction *peopleAction() const { return peopleActionOf(*window); }
    PeopleDialog *open() { return openPeople(*window); }
};

/// A desk whose people sign in against the city's LDAP directory (a real slapd on loopback), its lockouts counted in
/// this machine's book; `lookup`: the mapping has the directory's read-only lookup account (its password in
/// lookupSecret()); `more`: more of the mapping's keys (JSON, after a comma).
struct LdapDesk {
    TestSlapd slapd;
    QTemporaryDir dir;
    std::unique_ptr<LdapDirectory> ldap;
    std::shared_ptr<const CityModel> city = networkCity();
    Engine engine{city};
    std::unique_ptr<MainWindow> window;

    explicit LdapDesk(bool lookup = false, const QString &more = {})
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/sbin/slapd")))
            qFatal("slapd is not installed (Debian: slapd, ldap-utils; scripts/test installs them)");
        if (!slapd.ok())
            return;
        QString json = QStringLiteral(R"({"groupBase": "ou=groups,{base}", "caFile": "%1", "groups": {"operators": {"role": "operator"},
            "Supervisors": {"role": "supervisor"}, "north-responders": {"role": "responder", "districts": ["North"]}})")
                           .arg(slapd.path("ca.crt"));
        if (lookup) {
            if (!writeLookupSecret(kPassword))
                qFatal("cannot write the lookup password");
            json += QStringLiteral(R"(, "lookupDn": "uid=lookup,ou=people,{base}", "lookupPasswordFile": "%1")").arg(lookupSecret());
        }
        if (!more.isEmpty())
            json += QStringLiteral(", ") + more;
        auto mapping = LdapMapping::fromJson((json + QLatin1Char('}')).toUtf8(), QStringLiteral("test mapping"));
        if (!mapping)
            qFatal("mapping: %s", qPrintable(mapping.error()));
        ldap = std::move(LdapDirectory::open(slapd.tlsUrl(), mapping.value())).value();
        ldap->setFailureBook(FailureBook::open(bookPath(), FailureBook::Mode::CreateIfMissing).value());
        window = deskWindow(engine, city, ldap.get());
    }
    bool ok() const { return window != nullptr; }
    LdapDirectory &directory() { return *ldap; }
    QString bookPath() const { return dir.filePath(QStringLiteral("ldap-failures.db")); }
    QString lookupSecret() const { return dir.filePath(QStringLiteral("lookup.password")); }
    bool writeLookupSecret(const QByteArray &password) const
    {
        QFile f(lookupSecret());
        return f.open(QIODevice::WriteOnly) && f.write(password + "\n") == password.size() + 1
               && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    QAction *peopleAction() const { return peopleActionOf(*window); }
    PeopleDialog *open() { return openPeople(*window); }
};

QTreeWidgetItem *row(PeopleDialog *dialog, const QString &name)
{
    const auto found = dialog->list()->findItems(name, Qt::MatchExactly, 0);
    return found.isEmpty() ? nullptr : found.front();
}

/// Picks `name` and clicks `button`, then waits for the change and the list read again.
void act(PeopleDialog *dialog, const QString &name, QPushButton *button)
{
    dialog->list()->setCurrentItem(row(dialog, name));
    QVERIFY2(button->isEnabled(), qPrintable(button->text()));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isBusy() && !dialog->said().isEmpty());
}

/// How many pixels of the dialog's grab are the lock's amber.
int amberPixels(QWidget *widget)
{
    const QImage look = widget->grab().toImage();
    int n = 0;
    for (int y = 0; y < look.height(); ++y)
        for (int x = 0; x < look.width(); ++x)
            n += look.pixelColor(x, y) == QColor(0xff, 0xb0, 0x00);
    return n;
}

/// Whether a label of the dialog says `words`.
bool dialogSays(PeopleDialog *dialog, const QString &words)
{
    const auto labels = dialog->findChildren<QLabel *>();
    return std::any_of(labels.begin(), labels.end(), [&](const QLabel *l) { return l->isVisible() && l->text().contains(words); });
}

} // namespace

class TestPeople : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase() { QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path()); }

    void aSupervisorLiftsALockAtTheDesk()
    {
        Desk desk;
        UserDirectory &users = *desk.people.get();
        // olga locked out by guesses (ten in a row), otto with two.
        std::int64_t t = kNow - 600'000;
        for (int failures = 0; failures < 10; ++failures) {
            t += users.policy().delayAfter(failures);
            (void)users.signIn(QStringLiteral("olga"), "guess", t);
        }
        QCOMPARE(users.signIn(QStringLiteral("olga"), People::kPassword, kNow).refusal, SignInRefusal::Locked);

        // An operator has no People; nor anyone before signing in.
        QVERIFY(desk.peopleAction() && desk.peopleAction()->isVisible());
        QVERIFY(!desk.peopleAction()->isEnabled());
        desk.signIn("otto");
        QVERIFY(!desk.peopleAction()->isEnabled());
        desk.access().signOut();
        for (int i = 0; i < 2; ++i)
            (void)users.signIn(QStringLiteral("otto"), "guess", kNow - 1000 + i);

        desk.signIn("sven");
        QVERIFY(desk.peopleAction()->isEnabled());
        PeopleDialog *dialog = desk.open();
        QVERIFY(dialog);
        QVERIFY(row(dialog, QStringLiteral("olga")) && row(dialog, QStringLiteral("ada")) && row(dialog, QStringLiteral("wall")));
        QVERIFY2(row(dialog, QStringLiteral("olga"))->text(3).startsWith(QLatin1String("locked until ")), qPrintable(row(dialog, QStringLiteral("olga"))->text(3)));
        QCOMPARE(row(dialog, QStringLiteral("otto"))->text(3), QStringLiteral("2 failed sign-in(s)"));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(3), QStringLiteral("active"));
        // The lock is the one abnormal thing on the list: amber, seen.
        QVERIFY(amberPixels(dialog->list()->viewport()) > 1000);

        // A supervisor lifts locks; resetting and disabling are an administrator's.
        dialog->list()->setCurrentItem(row(dialog, QStringLiteral("olga")));
        QVERIFY(dialog->unlockButton()->isEnabled());
        QVERIFY(!dialog->resetButton()->isEnabled() && !dialog->disableButton()->isEnabled());
        QVERIFY(dialog->resetButton()->toolTip().contains(QLatin1String("administrator")));
        dialog->list()->setCurrentItem(row(dialog, QStringLiteral("rita")));
        QVERIFY(!dialog->unlockButton()->isEnabled());   // nothing to lift
        act(dialog, QStringLiteral("olga"), dialog->unlockButton());
        QCOMPARE(dialog->said(), QStringLiteral("olga is unlocked."));
        QCOMPARE(row(dialog, QStringLiteral("olga"))->text(3), QStringLiteral("active"));
        QCOMPARE(amberPixels(dialog->list()->viewport()), 0);
        QVERIFY(users.signIn(QStringLiteral("olga"), People::kPassword, kNow).ok());

        // In the journal as sven's, at a console — and said so in the record's words.
        const auto journal = users.changesAfter(0, 100);
        QVERIFY(journal.ok());
        const AdminChange &last = journal->changes.back();
        QCOMPARE(last.what, QStringLiteral("unlock"));
        QCOMPARE(last.name, QStringLiteral("olga"));
        QVERIFY2(last.by.startsWith(QLatin1String("sven@")), qPrintable(last.by));
        QCOMPARE(last.detail, QStringLiteral("at a console"));
        const QString said = Labels::activity(QStringLiteral("account-changed (%1): unlock olga: at a console (users.db change 9 of journal "
                                                             "0123456789abcdef, made 2026-12-07T03:12:00Z)")
                                                  .arg(last.by));
        QVERIFY2(said.startsWith(last.by + QStringLiteral(" changed an account at a console")), qPrintable(said));
        // cityops-admin's own changes are still said as an administrator's.
        QVERIFY(Labels::activity(QStringLiteral("account-changed (root@ops-1): unlock olga (users.db change 9 of journal 0123456789abcdef, "
                                                "made 2026-12-07T03:12:00Z)"))
                    .startsWith(QLatin1String("An administrator (root@ops-1) changed an account with cityops-admin")));

        // Signed out, the dialog goes: the next person did not open it.
        QPointer<PeopleDialog> open = dialog;
        desk.access().signOut();
        QTRY_VERIFY(!open || !open->isVisible());
    }

    void anAdministratorResetsAPasswordForOneUseAndDisablesAnAccount()
    {
        Desk desk;
        UserDirectory &users = *desk.people.get();
        desk.signIn("ada");
        PeopleDialog *dialog = desk.open();
        QVERIFY(dialog);

        // Not her own account: that is Session ▸ Change my password.
        dialog->list()->setCurrentItem(row(dialog, QStringLiteral("ada")));
        QVERIFY(!dialog->resetButton()->isEnabled() && !dialog->disableButton()->isEnabled());
        QVERIFY(dialog->resetButton()->toolTip().contains(QLatin1String("Change my password")));

        // Her password again first; a wrong one resets nothing.
        answerNextDialog([](QWidget *asked) {
            asked->findChild<QLineEdit *>()->setText(QStringLiteral("not ada's"));
            asked->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QTRY_VERIFY(asked->findChildren<QLabel *>().back()->text().contains(QLatin1String("wrong")));
            asked->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        });
        dialog->list()->setCurrentItem(row(dialog, QStringLiteral("sven")));
        QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
        QVERIFY(dialog->shownPassword().isEmpty());
        QVERIFY(users.signIn(QStringLiteral("sven"), People::kPassword, kNow).ok());

        answerNextDialog([](QWidget *asked) {
            QVERIFY(asked->findChild<QLabel *>()->text().contains(QLatin1String("set sven's password")));
            asked->findChild<QLineEdit *>()->setText(QString::fromLatin1(People::kPassword));
            asked->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        act(dialog, QStringLiteral("sven"), dialog->resetButton());
        const QString drawn = dialog->shownPassword();
        static const QRegularExpression readable(QStringLiteral("^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$"));
        QVERIFY2(readable.match(drawn).hasMatch(), qPrintable(drawn));
        QVERIFY2(dialog->said().contains(QLatin1String("approval key")), qPrintable(dialog->said()));   // a supervisor's
        QVERIFY2(row(dialog, QStringLiteral("sven"))->text(3).startsWith(QLatin1String("to set their own password by ")),
                 qPrintable(row(dialog, QStringLiteral("sven"))->text(3)));
        const QString shown = dialog->findChild<QLabel *>(QStringLiteral("temporaryPassword"))->text();
        QVERIFY2(shown.contains(QLatin1String("within 72 hours")), qPrintable(shown));
        // What the directory now does with it: the old one is gone, the drawn one signs in nobody but lets sven set his.
        QCOMPARE(users.signIn(QStringLiteral("sven"), People::kPassword, kNow).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(users.signIn(QStringLiteral("sven"), drawn.toLatin1(), kNow).mustChangePassword);
        QVERIFY(users.changePassword(QStringLiteral("sven"), drawn.toLatin1(), "svens own again", kNow).ok());
        // Another reset draws another password.
        answerNextDialog([](QWidget *asked) {
            asked->findChild<QLineEdit *>()->setText(QString::fromLatin1(People::kPassword));
            asked->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        act(dialog, QStringLiteral("otto"), dialog->resetButton());
        QVERIFY(!dialog->shownPassword().isEmpty() && dialog->shownPassword() != drawn);
        QVERIFY(!dialog->said().contains(QLatin1String("approval key")));   // an operator has none

        // Disabled, then enabled: the button says which, the directory follows.
        act(dialog, QStringLiteral("rita"), dialog->disableButton());
        QVERIFY(dialog->shownPassword().isEmpty());   // shown once: gone with the next change
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(3), QStringLiteral("disabled"));
        QCOMPARE(users.signIn(QStringLiteral("rita"), People::kPassword, kNow).refusal, SignInRefusal::Disabled);
        dialog->list()->setCurrentItem(row(dialog, QStringLiteral("rita")));
        QCOMPARE(dialog->disableButton()->text().remove(QLatin1Char('&')), QStringLiteral("Enable"));
        act(dialog, QStringLiteral("rita"), dialog->disableButton());
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(3), QStringLiteral("active"));
        QVERIFY(users.signIn(QStringLiteral("rita"), People::kPassword, kNow).ok());

        // Someone removed wall's account from the file meanwhile (another tool, another desk): the change is refused in
        // amber, saying why, and the list read again shows what is there.
        {
            auto other = SqliteDb::open(users.path(), SqliteDb::Mode::Create);
            QVERIFY(other.ok() && other.value()->exec(QStringLiteral("DELETE FROM users WHERE name = 'wall'")).ok());
        }
        QCOMPARE(amberPixels(dialog), 0);
        act(dialog, QStringLiteral("wall"), dialog->disableButton());
        QCOMPARE(dialog->said(), QStringLiteral("Not done: there is no user wall"));
        QVERIFY(amberPixels(dialog) > 1000);
        QVERIFY(!row(dialog, QStringLiteral("wall")));

        const auto journal = users.changesAfter(0, 100);
        QVERIFY(journal.ok());
        QStringList lines;
        for (const AdminChange &c : journal->changes)
            if (c.by.startsWith(QLatin1String("ada@")))
                lines << c.what + QLatin1Char(' ') + c.name + QStringLiteral(": ") + c.detail;
        QCOMPARE(lines, (QStringList{QStringLiteral("reset-password sven: at a console; to be changed at first sign-in"),
                                     QStringLiteral("reset-password otto: at a console; to be changed at first sign-in"),
                                     QStringLiteral("disable rita: at a console"), QStringLiteral("enable rita: at a console")}));
    }

    /// The list is what a sign-in would find now, not when it was opened: read again on its own, it shows a lock
    /// that began at another desk, a password reset with cityops-admin meanwhile, a lock that ended — and a password
    /// for one use not taken within its 72 hours, in amber (its person cannot sign in until someone sets another).
    void withTheCitysDirectoryASupervisorLiftsThisMachinesLockouts()
    {
        // The city signs people in against its LDAP directory: the accounts, roles and passwords are the directory's,
        // but the lockouts of this machine's consoles are ours (their book) — and a supervisor at 3 a.m. must be able
        // to lift one without a terminal, as with the console's own directory.
        LdapDesk desk;
        QVERIFY2(desk.ok(), "slapd did not start on loopback");
        LdapDirectory &directory = desk.directory();
        const QString bookPath = desk.bookPath();
        MainWindow &window = *desk.window;
        QAction *people = desk.peopleAction();
        const auto open = [&] { return desk.open(); };

        QVERIFY(people && people->isVisible() && !people->isEnabled());
        QVERIFY(window.access().signIn(QStringLiteral("olga"), kPassword).ok());   // an operator: not hers
        QVERIFY(!people->isEnabled());
        window.access().signOut();
        QVERIFY(window.access().signIn(QStringLiteral("sven"), kPassword).ok());   // a supervisor
        PeopleDialog *dialog = open();
        QVERIFY(dialog);
        QCOMPARE(dialog->list()->topLevelItemCount(), 0);
        QVERIFY(dialogSays(dialog, QStringLiteral("Nobody's sign-in has failed at this machine's consoles")));
        // Roles, districts, passwords and disabling are the directory's: not offered here.
        QVERIFY(dialog->list()->isColumnHidden(1) && dialog->list()->isColumnHidden(2));
        QVERIFY(!dialog->resetButton()->isVisible() && !dialog->disableButton()->isVisible());
        dialog->reject();
        QTRY_VERIFY(!window.findChild<PeopleDialog *>());

        // olga locked out by ten guesses at this desk; someone typed a password into the name field.
        std::int64_t t = kNow - 600'000;
        for (int i = 0; i < 10; ++i) {
            const SignInOutcome o = directory.signIn(QStringLiteral("olga"), "guess", t);
            if (o.refusal == SignInRefusal::WrongCredentials)
                t = std::max(t, o.retryAtMs);
        }
        QCOMPARE(directory.signIn(QStringLiteral("olga"), kPassword, kNow).refusal, SignInRefusal::Locked);
        QCOMPARE(directory.signIn(QStringLiteral("tr0ub4dor-and-3"), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        dialog = open();
        QVERIFY(dialog);
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);   // the password typed as a name is not shown
        QVERIFY(row(dialog, QStringLiteral("olga")));
        QVERIFY2(row(dialog, QStringLiteral("olga"))->text(3).startsWith(QLatin1String("locked until ")), qPrintable(row(dialog, QStringLiteral("olga"))->text(3)));
        QVERIFY(dialogSays(dialog, QStringLiteral("whose sign-ins failed at this machine's consoles")));
        QVERIFY2(amberPixels(dialog) > 200, "the lock is not amber");
        act(dialog, QStringLiteral("olga"), dialog->unlockButton());
        QCOMPARE(dialog->said(), QStringLiteral("olga is unlocked."));
        QCOMPARE(dialog->list()->topLevelItemCount(), 0);
        QCOMPARE(amberPixels(dialog), 0);
        // The book's journal names sven at this machine, as the consoles record it; olga signs in at once.
        auto journal = FailureBook::open(bookPath, FailureBook::Mode::ReadOnly).value()->changesAfter(0, 10);
        QVERIFY2(journal && journal->changes.size() == 1, qPrintable(journal ? QString::number(journal->changes.size()) : journal.error()));
        QCOMPARE(journal->changes.front().by, adminjournal::account(QStringLiteral("sven")));
        QCOMPARE(journal->changes.front().detail, QLatin1String(adminjournal::kAtConsoleDetail));
        // As a console records it (engine/adminwatch.h) and a replay says it: by sven, at a console.
        const QString recorded = QStringLiteral("account-changed (%1): %2")
                                     .arg(journal->changes.front().by,
                                          adminjournal::recordedDetail(journal->changes.front(), QStringLiteral("ldap-failures.db"), journal->journalId));
        QVERIFY2(Labels::activity(recorded).startsWith(adminjournal::account(QStringLiteral("sven")) + QStringLiteral(" changed an account at a console")),
                 qPrintable(Labels::activity(recorded)));
        dialog->reject();
        window.access().signOut();
        QVERIFY(window.access().signIn(QStringLiteral("olga"), kPassword).ok());
    }

    /// With the directory's lookup account in the mapping, the list says what the directory grants each person now
    /// — a supervisor lifting a lock sees whom they let back in, and that a person in none of the console's groups
    /// could not sign in anyway. When the directory cannot answer, the locks are still listed and liftable, and the
    /// line above the list says why the roles are not.
    void withALookupAccountTheListSaysWhatTheDirectoryGrants()
    {
        LdapDesk desk(true);
        QVERIFY2(desk.ok(), "slapd did not start on loopback");
        for (const char *name : {"rita", "nora"})
            QCOMPARE(desk.directory().signIn(QLatin1String(name), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(desk.window->access().signIn(QStringLiteral("sven"), kPassword).ok());
        PeopleDialog *dialog = desk.open();
        QVERIFY(dialog);
        QVERIFY(!dialog->list()->isColumnHidden(1) && !dialog->list()->isColumnHidden(2));
        QCOMPARE(dialog->list()->topLevelItemCount(), 2);
        // The counts at once, then what the directory grants them.
        QTRY_COMPARE(row(dialog, QStringLiteral("rita"))->text(1), Labels::role(Role::Responder));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(2), QStringLiteral("North"));
        QCOMPARE(row(dialog, QStringLiteral("nora"))->text(1), QStringLiteral("none at this console"));
        QCOMPARE(row(dialog, QStringLiteral("nora"))->text(2), QString());
        QVERIFY(!dialogSays(dialog, QStringLiteral("cannot be read now")));
        // Seen as a person sees it: the role's words are in the grabbed list (the column is not squeezed out).
        const QRect roleCell = dialog->list()->visualItemRect(row(dialog, QStringLiteral("nora")));
        QVERIFY(roleCell.width() > 0 && dialog->list()->columnWidth(1) >= dialog->list()->fontMetrics().horizontalAdvance(QStringLiteral("none at this console")));

        // The lookup account's password changed in the directory but not here: the counts stay, the roles are not said.
        QVERIFY(desk.writeLookupSecret("an old password"));
        dialog->setRefreshInterval(20);
        QTRY_VERIFY(dialogSays(dialog, QStringLiteral("What the directory grants them cannot be read now: the lookup account cannot bind")));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(1), QStringLiteral("not read"));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(2), QString());
        QCOMPARE(row(dialog, QStringLiteral("nora"))->text(1), QStringLiteral("not read"));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(3), QStringLiteral("1 failed sign-in(s)"));   // without the English plurals loaded
        dialog->setRefreshInterval(PeopleDialog::kRefreshMs);
        act(dialog, QStringLiteral("rita"), dialog->unlockButton());
        QCOMPARE(dialog->said(), QStringLiteral("rita is unlocked."));
        QCOMPARE(dialog->list()->topLevelItemCount(), 1);
        // Mended: said again at the next read.
        QVERIFY(desk.writeLookupSecret(kPassword));
        dialog->setRefreshInterval(20);
        QTRY_COMPARE(row(dialog, QStringLiteral("nora"))->text(1), QStringLiteral("none at this console"));
        QVERIFY(!dialogSays(dialog, QStringLiteral("cannot be read now")));
    }

    /// A city directory that hangs (it takes connections and answers nothing) holds neither People nor the desk: the
    /// counts are shown, and a lock lifted, at once, the roles said to be on their way; closing the list does not wait
    /// for the directory (the read is the desk's to wait for as it closes). Without the split, the list waited on the
    /// directory for its counts, and closing it froze the desk until the directory's time-out.
    void aDirectoryThatHangsHoldsNeitherTheListNorTheDesk()
    {
        // The longest time-out a mapping may set: the directory hangs for as long as the test needs.
        LdapDesk desk(true, QStringLiteral(R"("timeoutSeconds": 60)"));
        QVERIFY2(desk.ok(), "slapd did not start on loopback");
        for (const char *name : {"rita", "nora"})
            QCOMPARE(desk.directory().signIn(QLatin1String(name), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(desk.window->access().signIn(QStringLiteral("sven"), kPassword).ok());
        desk.slapd.freeze();
        desk.peopleAction()->trigger();
        QPointer<PeopleDialog> dialog;
        QTRY_VERIFY((dialog = desk.window->findChild<PeopleDialog *>()) && dialog->list()->topLevelItemCount() == 2);
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(1), QStringLiteral("reading…"));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(3), QStringLiteral("1 failed sign-in(s)"));
        QVERIFY(dialog->isReadingGrants());   // hanging with the directory
        act(dialog, QStringLiteral("rita"), dialog->unlockButton());
        QCOMPARE(dialog->said(), QStringLiteral("rita is unlocked."));
        QTRY_COMPARE(dialog->list()->topLevelItemCount(), 1);
        // Closed (as the idle lock or a sign-out closes it): gone, while its read still waits on the directory.
        dialog->reject();
        QTRY_VERIFY(!dialog);
        QCOMPARE(desk.window->access().workersLeft(), 1);
        desk.slapd.thaw();
        QTRY_COMPARE_WITH_TIMEOUT(desk.window->access().workersLeft(), 0, 30'000);
    }

    /// Someone counted while the list is open (a wrong password at another desk) is read alone: the rows already read
    /// keep their roles meanwhile, rather than every row saying "reading…" again for as long as the directory takes.
    void aPersonCountedWhileTheListIsOpenIsReadTheOthersKeepTheirRoles()
    {
        LdapDesk desk(true, QStringLiteral(R"("timeoutSeconds": 60)"));
        QVERIFY2(desk.ok(), "slapd did not start on loopback");
        QCOMPARE(desk.directory().signIn(QStringLiteral("rita"), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        QVERIFY(desk.window->access().signIn(QStringLiteral("sven"), kPassword).ok());
        QPointer<PeopleDialog> dialog = desk.open();
        QVERIFY(dialog);
        QTRY_COMPARE(row(dialog, QStringLiteral("rita"))->text(1), Labels::role(Role::Responder));
        QTRY_VERIFY(!dialog->isReadingGrants());
        // The directory hangs; olga's wrong password is counted on this machine (another desk's sign-in).
        desk.slapd.freeze();
        auto book = FailureBook::open(desk.bookPath(), FailureBook::Mode::Existing);
        QVERIFY2(book, qPrintable(book.error()));
        QVERIFY(book.value()->update(QStringLiteral("olga"), [](FailureBook::Entry &e) {
            e.known = true;
            e.counts.failures = 1;
            e.counts.lastFailureMs = kNow;
        }, kNow, SignInPolicy{}));
        dialog->setRefreshInterval(20);
        QTRY_COMPARE(dialog->list()->topLevelItemCount(), 2);
        dialog->setRefreshInterval(PeopleDialog::kRefreshMs);
        QCOMPARE(row(dialog, QStringLiteral("olga"))->text(1), QStringLiteral("reading…"));
        QCOMPARE(row(dialog, QStringLiteral("olga"))->text(3), QStringLiteral("1 failed sign-in(s)"));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(1), Labels::role(Role::Responder));
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(2), QStringLiteral("North"));
        QVERIFY(dialog->isReadingGrants());
        // The directory answers again: olga's role is said beside rita's.
        desk.slapd.thaw();
        QTRY_COMPARE_WITH_TIMEOUT(row(dialog, QStringLiteral("olga"))->text(1), Labels::role(Role::Operator), 30'000);
        QCOMPARE(row(dialog, QStringLiteral("rita"))->text(1), Labels::role(Role::Responder));
    }

    void theOpenListFollowsTheDirectoryAndTheTime()
    {
        std::int64_t now = kNow;   // before the desk, which may read it as it goes
        Desk desk;
        UserDirectory &users = *desk.people.get();
        desk.access().setClock([&now] { return now; });
        desk.signIn("ada");
        PeopleDialog *dialog = desk.open();
        QVERIFY(dialog);
        QCOMPARE(row(dialog, QStringLiteral("olga"))->text(3), QStringLiteral("active"));
        QTreeWidgetItem *rita = row(dialog, QStringLiteral("rita"));
        dialog->list()->setCurrentItem(rita);
        dialog->setRefreshInterval(20);

        // Elsewhere: olga locked by guesses at another desk, otto's password reset for one use with cityops-admin.
        std::int64_t t = kNow - 600'000;
        for (int failures = 0; failures < 10; ++failures) {
            t += users.policy().delayAfter(failures);
            (void)users.signIn(QStringLiteral("olga"), "guess", t);
        }
        QVERIFY(users.resetPassword(QStringLiteral("otto"), "otto, for once", UserDirectory::PasswordUse::Once).ok());
        QTRY_VERIFY(row(dialog, QStringLiteral("olga"))->text(3).startsWith(QLatin1String("locked until ")));
        QTRY_VERIFY(row(dialog, QStringLiteral("otto"))->text(3).startsWith(QLatin1String("to set their own password by ")));
        QVERIFY(amberPixels(dialog->list()->viewport()) > 1000);
        // Read again in place, the same people on the same rows (the list does not jump under the reader), who was
        // picked still picked.
        QCOMPARE(row(dialog, QStringLiteral("rita")), rita);
        QCOMPARE(dialog->list()->currentItem(), rita);

        // Past otto's 72 hours (and olga's lock): his row says so in amber; hers, her failures, in grey.
        now = users.find(QStringLiteral("otto")).value()->onceUntilMs;
        QTRY_COMPARE(row(dialog, QStringLiteral("otto"))->text(3), QStringLiteral("password for one use expired"));
        QCOMPARE(row(dialog, QStringLiteral("olga"))->text(3), QStringLiteral("10 failed sign-in(s)"));
        QTRY_VERIFY(amberPixels(dialog->list()->viewport()) > 1000);
        QCOMPARE(users.signIn(QStringLiteral("otto"), "otto, for once", now).refusal, SignInRefusal::Expired);
        // A reset gives him a new one; his row is no longer amber.
        answerNextDialog([](QWidget *asked) {
            asked->findChild<QLineEdit *>()->setText(QString::fromLatin1(People::kPassword));
            asked->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        act(dialog, QStringLiteral("otto"), dialog->resetButton());
        QVERIFY2(row(dialog, QStringLiteral("otto"))->text(3).startsWith(QLatin1String("to set their own password by ")),
                 qPrintable(row(dialog, QStringLiteral("otto"))->text(3)));
        QCOMPARE(amberPixels(dialog->list()->viewport()), 0);
    }
};

QTEST_MAIN(TestPeople)
#include "tst_people.moc"
