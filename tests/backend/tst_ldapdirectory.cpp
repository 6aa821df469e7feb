// The LDAP directory against a real slapd that the test starts on loopback (plain and TLS listeners, a generated
// database and a throwaway CA), and stops — including in the middle, to see the console's side of a dead server.
// Lockouts kept in the record of failed sign-ins: across a restart, across two consoles, lifted by an administrator.

#include "slapdtesting.h"
#include "base/sqlitedb.h"
#include "security/failurebook.h"
#include "security/ldapdirectory.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

LdapMapping mapping(const QString &caFile = {})
{
    auto m = LdapMapping::fromJson(QStringLiteral(R"({"groupBase": "ou=groups,{base}", "caFile": "%1", "groups": {
        "operators": {"role": "operator"}, "Supervisors": {"role": "supervisor"},
        "north-responders": {"role": "responder", "districts": ["North"]}}})").arg(caFile).toUtf8().replace(R"("caFile": "",)", ""),
                                   QStringLiteral("test mapping"));
    if (!m)
        qFatal("mapping: %s", qPrintable(m.error()));
    return m.value();
}

std::unique_ptr<LdapDirectory> directory(const QString &url, const LdapMapping &m)
{
    auto d = LdapDirectory::open(url, m);
    if (!d)
        qFatal("open %s: %s", qPrintable(url), qPrintable(d.error()));
    return std::move(d).value();
}

} // namespace

class TestLdapDirectory : public QObject {
    Q_OBJECT
    std::unique_ptr<TestSlapd> m_slapd;

    std::unique_ptr<LdapDirectory> tls() { return directory(m_slapd->tlsUrl(), mapping(m_slapd->path("ca.crt"))); }
    /// The mapping with the directory's read-only lookup account, its password in `secret`.
    LdapMapping withLookup(const QString &secret) const
    {
        LdapMapping m = mapping(m_slapd->path("ca.crt"));
        m.lookupDn = QStringLiteral("uid=lookup,ou=people,{base}");
        m.lookupPasswordFile = secret;
        return m;
    }
    /// The lookup account's password file, private to its owner as the console wants it.
    static bool writeSecret(const QString &path, const QByteArray &password)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(password + "\n") == password.size() + 1
               && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/sbin/slapd")))
            QFAIL("slapd is not installed (Debian: slapd, ldap-utils; scripts/test installs them)");
        m_slapd = std::make_unique<TestSlapd>();
        QVERIFY2(m_slapd->ok(), "slapd did not start on loopback");
    }

    void bindGivesTheMappedRoleAndDistricts()
    {
        auto d = tls();
        const SignInOutcome olga = d->signIn(QStringLiteral("olga"), kPassword, kNow);
        QVERIFY2(olga.ok(), qPrintable(olga.sentence));
        QCOMPARE(olga.account.name, QStringLiteral("olga"));
        QCOMPARE(olga.account.role, Role::Operator);
        // In two mapped groups: the higher role (group names compared without case: "Supervisors" maps "supervisors").
        const SignInOutcome sven = d->signIn(QStringLiteral("sven"), kPassword, kNow);
        QVERIFY(sven.ok());
        QCOMPARE(sven.account.role, Role::Supervisor);
        const SignInOutcome rita = d->signIn(QStringLiteral("rita"), kPassword, kNow);
        QVERIFY(rita.ok());
        QCOMPARE(rita.account.role, Role::Responder);
        QCOMPARE(rita.account.districts, QStringList{QStringLiteral("North")});
    }

    void wrongPasswordAndUnknownNameLookAlike()
    {
        auto d = tls();
        const SignInOutcome wrong = d->signIn(QStringLiteral("olga"), "not her password", kNow);
        QCOMPARE(wrong.refusal, SignInRefusal::WrongCredentials);
        QVERIFY(wrong.nameKnown);   // the record may name olga
        const SignInOutcome nobody = d->signIn(QStringLiteral("mallory"), kPassword, kNow);
        QCOMPARE(nobody.refusal, SignInRefusal::WrongCredentials);
        QVERIFY(!nobody.nameKnown);   // ... but not a made-up name (it may be a password typed in the wrong field)
        QCOMPARE(nobody.sentence, wrong.sentence);   // the person cannot tell which it was
    }

    void anEmptyPasswordIsNotAnAnonymousBind()
    {
        // The attack: LDAP takes a simple bind with a DN and no password as an anonymous bind and answers success.
        // A directory that only looked at the bind's result would let anyone in as olga.
        auto d = tls();
        const SignInOutcome outcome = d->signIn(QStringLiteral("olga"), QByteArray(), kNow);
        QCOMPARE(outcome.refusal, SignInRefusal::WrongCredentials);
        QVERIFY(!outcome.account.name.size());
    }

    void namesWithFilterOrDnSyntaxNeverReachTheServer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("wildcard") << QStringLiteral("*");
        QTest::newRow("filter injection") << QStringLiteral("olga)(uid=*");
        QTest::newRow("dn injection") << QStringLiteral("olga,ou=people,dc=city,dc=test");
        QTest::newRow("another entry") << QStringLiteral("cn=admin");
        QTest::newRow("upper case") << QStringLiteral("OLGA");
        QTest::newRow("empty") << QString();
    }
    void namesWithFilterOrDnSyntaxNeverReachTheServer()
    {
        QFETCH(QString, name);
        auto d = tls();
        const SignInOutcome outcome = d->signIn(name, kPassword, kNow);
        QCOMPARE(outcome.refusal, SignInRefusal::WrongCredentials);
        QVERIFY(!outcome.nameKnown);
    }

    void filterValuesAreEscaped()
    {
        QCOMPARE(ldapFilterEscape(QStringLiteral("a*b(c)d\\e")), QStringLiteral("a\\2ab\\28c\\29d\\5ce"));
        QCOMPARE(ldapFilterEscape(QStringLiteral("uid=olga,ou=people")), QStringLiteral("uid=olga,ou=people"));
    }

    void aPersonInNoMappedGroupIsRefused()
    {
        auto d = tls();
        const SignInOutcome nora = d->signIn(QStringLiteral("nora"), kPassword, kNow);
        QCOMPARE(nora.refusal, SignInRefusal::NoRole);
        QVERIFY(nora.sentence.contains(QLatin1String("none of your groups")));
        QVERIFY(nora.nameKnown);
    }

    void failuresDelayThenLock()
    {
        auto d = tls();
        std::int64_t now = kNow;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(d->signIn(QStringLiteral("sven"), "guess", now).refusal, SignInRefusal::WrongCredentials);
        const SignInOutcome fourth = d->signIn(QStringLiteral("sven"), "guess", now);
        QCOMPARE(fourth.refusal, SignInRefusal::WrongCredentials);
        // Now the right password too early is refused without being tried.
        const SignInOutcome early = d->signIn(QStringLiteral("sven"), kPassword, now);
        QCOMPARE(early.refusal, SignInRefusal::TooSoon);
        now = early.retryAtMs;
        QVERIFY(d->signIn(QStringLiteral("sven"), kPassword, now).ok());   // a success clears the count
        for (int i = 0; i < 10; ++i) {
            const SignInOutcome o = d->signIn(QStringLiteral("sven"), "guess", now);
            QCOMPARE(o.refusal, i < 9 ? SignInRefusal::WrongCredentials : SignInRefusal::Locked);
            if (o.refusal == SignInRefusal::WrongCredentials)
                now = std::max(now, o.retryAtMs);   // each guess waits out the growing delay
        }
        const SignInOutcome locked = d->signIn(QStringLiteral("sven"), kPassword, now);
        QCOMPARE(locked.refusal, SignInRefusal::Locked);
        QVERIFY(d->signIn(QStringLiteral("sven"), kPassword, now + 15 * 60'000).ok());
        // Another person is not affected by sven's lock.
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
        // The clock ran an hour ahead while olga was locked out, then NTP set it right: her lock lasts fifteen
        // minutes from now at most, not an hour and fifteen.
        std::int64_t ahead = kNow + 3600'000;
        for (int i = 0; i < 10; ++i) {
            const SignInOutcome o = d->signIn(QStringLiteral("olga"), "guess", ahead);
            if (o.refusal == SignInRefusal::WrongCredentials)
                ahead = std::max(ahead, o.retryAtMs);
        }
        const SignInOutcome settled = d->signIn(QStringLiteral("olga"), kPassword, kNow + 1);
        QCOMPARE(settled.refusal, SignInRefusal::Locked);
        QCOMPARE(settled.retryAtMs, kNow + 1 + 15 * 60'000);
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow + 1 + 15 * 60'000).ok());
    }

    void aLockoutOutlastsARestartAndAnAdministratorLiftsIt()
    {
        // The attack: ten guesses lock sven out; a console restart (or a second console of this machine) would have
        // given ten more. With the book, neither does; only the time or an administrator lifts it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        const auto withBook = [&] {
            auto d = tls();
            auto book = FailureBook::open(path, FailureBook::Mode::CreateIfMissing);
            if (!book)
                qFatal("%s", qPrintable(book.error()));
            d->setFailureBook(std::move(book).value());
            return d;
        };
        std::int64_t now = kNow;
        {
            auto first = withBook();
            for (int i = 0; i < 10; ++i) {
                const SignInOutcome o = first->signIn(QStringLiteral("sven"), "guess", now);
                if (o.refusal == SignInRefusal::WrongCredentials)
                    now = std::max(now, o.retryAtMs);
            }
            QCOMPARE(first->signIn(QStringLiteral("sven"), kPassword, now).refusal, SignInRefusal::Locked);
        }
        auto restarted = withBook();
        const SignInOutcome afterRestart = restarted->signIn(QStringLiteral("sven"), kPassword, now + 60'000);
        QCOMPARE(afterRestart.refusal, SignInRefusal::Locked);
        QVERIFY(afterRestart.nameKnown);
        QCOMPARE(afterRestart.retryAtMs, kNow + (now - kNow) + 15 * 60'000);
        auto second = withBook();   // another console of this machine
        QCOMPARE(second->signIn(QStringLiteral("sven"), kPassword, now + 60'000).refusal, SignInRefusal::Locked);
        // The administrator lifts it (cityops-admin user unlock sven --directory ldaps://…): the running consoles
        // take the right password at once.
        QVERIFY(FailureBook::open(path, FailureBook::Mode::Existing).value()->forget(QStringLiteral("sven")).value());
        QVERIFY(restarted->signIn(QStringLiteral("sven"), kPassword, now + 60'000).ok());
        // Guesses spread over two consoles count together: five on each lock sven out on both.
        for (int i = 0; i < 10; ++i) {
            LdapDirectory &at = i % 2 ? *second : *restarted;
            const SignInOutcome o = at.signIn(QStringLiteral("sven"), "guess", now);
            if (o.refusal == SignInRefusal::WrongCredentials)
                now = std::max(now, o.retryAtMs);
        }
        QCOMPARE(restarted->signIn(QStringLiteral("sven"), kPassword, now).refusal, SignInRefusal::Locked);
        QCOMPARE(second->signIn(QStringLiteral("sven"), kPassword, now).refusal, SignInRefusal::Locked);
        // A success clears the book too: the next console starts sven at no failures.
        QVERIFY(restarted->signIn(QStringLiteral("sven"), kPassword, now + 15 * 60'000).ok());
        QVERIFY(!FailureBook::open(path, FailureBook::Mode::ReadOnly).value()->find(QStringLiteral("sven")).value());
    }

    void aDeskListsThisMachinesLockoutsAndLiftsThem()
    {
        // Session ▸ People with a city's directory: the supervisor at 3 a.m. sees who is locked out at this machine's
        // consoles and lifts it, as cityops-admin would — named in the book's journal as the person at the desk.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        const auto withBook = [&] {
            auto d = tls();
            d->setFailureBook(FailureBook::open(path, FailureBook::Mode::CreateIfMissing).value());
            return d;
        };
        auto desk = withBook();
        QVERIFY(desk->people(PeopleBook::Read::WithGrants).value().people.empty());
        std::int64_t now = kNow;
        for (int i = 0; i < 10; ++i) {
            const SignInOutcome o = desk->signIn(QStringLiteral("sven"), "guess", now);
            if (o.refusal == SignInRefusal::WrongCredentials)
                now = std::max(now, o.retryAtMs);
        }
        QCOMPARE(desk->signIn(QStringLiteral("olga"), "guess", now).refusal, SignInRefusal::WrongCredentials);
        // Someone typed their password into the name field: counted (a guesser gets no more tries by making names
        // up), never listed.
        QCOMPARE(desk->signIn(QStringLiteral("tr0ub4dor-and-3"), "guess", now).refusal, SignInRefusal::WrongCredentials);
        const auto listed = [](LdapDirectory &d) {
            QStringList out;
            const auto people = d.people(PeopleBook::Read::WithGrants);   // kept: a range over a temporary's value() would dangle
            for (const auto &[a, standing] : people.value().people)
                out << QStringLiteral("%1 %2 %3").arg(a.name).arg(a.failures).arg(a.lockedUntilMs > 0 ? QStringLiteral("locked") : QStringLiteral("-"));
            return out;
        };
        QCOMPARE(listed(*desk), (QStringList{QStringLiteral("olga 1 -"), QStringLiteral("sven 10 locked")}));
        auto other = withBook();   // another console of this machine sees the same
        QCOMPARE(listed(*other), listed(*desk));
        QVERIFY(desk->unlockPerson(QStringLiteral("sven"), QStringLiteral("ada@desk-1")).ok());
        QCOMPARE(listed(*other), QStringList{QStringLiteral("olga 1 -")});
        QVERIFY(other->signIn(QStringLiteral("sven"), kPassword, now).ok());   // at once, at the other console too
        auto journal = FailureBook::open(path, FailureBook::Mode::ReadOnly).value()->changesAfter(0, 10);
        QVERIFY2(journal, qPrintable(journal.error()));
        QCOMPARE(journal->changes.size(), size_t(1));
        const AdminChange &line = journal->changes.front();
        QCOMPARE(line.by, QStringLiteral("ada@desk-1"));
        QCOMPARE(line.what, QStringLiteral("unlock"));
        QCOMPARE(line.name, QStringLiteral("sven"));
        QCOMPARE(line.detail, QLatin1String(adminjournal::kAtConsoleDetail));

        // A console whose book could not be opened counts in its memory: listed and lifted there.
        auto alone = tls();
        QCOMPARE(alone->signIn(QStringLiteral("rita"), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(alone->signIn(QStringLiteral("mallory"), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        QCOMPARE(listed(*alone), QStringList{QStringLiteral("rita 1 -")});
        QVERIFY(alone->unlockPerson(QStringLiteral("rita"), QStringLiteral("ada@desk-1")).ok());
        QVERIFY(listed(*alone).isEmpty());
    }

    void aDamagedBookNeitherRefusesNorLifts()
    {
        // A row damaged after olga was locked: the console neither refuses everyone for it nor takes it as "no
        // failures" — it counts in memory from what it held, and the damaged file is left as it is.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        auto d = tls();
        d->setFailureBook(FailureBook::open(path, FailureBook::Mode::CreateIfMissing).value());
        std::int64_t now = kNow;
        for (int i = 0; i < 10; ++i) {
            const SignInOutcome o = d->signIn(QStringLiteral("olga"), "guess", now);
            if (o.refusal == SignInRefusal::WrongCredentials)
                now = std::max(now, o.retryAtMs);
        }
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE failures SET failures = -3, locked_until_ms = 0")).ok());
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray damaged = file.readAll();
        file.close();
        QCOMPARE(d->signIn(QStringLiteral("olga"), kPassword, now).refusal, SignInRefusal::Locked);   // not lifted
        QVERIFY(d->signIn(QStringLiteral("sven"), kPassword, now).ok());                              // nobody else refused
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), damaged);
    }

    void theServerMustProveItsName()
    {
        // A console that trusts another CA refuses the server before the password leaves.
        auto other = directory(m_slapd->tlsUrl(), mapping(m_slapd->path("other.crt")));
        const SignInOutcome o = other->signIn(QStringLiteral("olga"), kPassword, kNow);
        QCOMPARE(o.refusal, SignInRefusal::Unavailable);
        QVERIFY(o.sentence.contains(QLatin1String("cannot be asked")));
        // Plain ldap:// is only for this machine; to another host it would carry passwords in clear.
        auto plain = directory(m_slapd->plainUrl(), mapping());
        QVERIFY(plain->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
        const auto remote = LdapDirectory::open(QStringLiteral("ldap://ldap.city.example/dc=city,dc=test"), mapping());
        QVERIFY(!remote.ok());
        QVERIFY(remote.error().contains(QLatin1String("in clear")));
    }

    void aDeadServerIsSaidAndSurvived()
    {
        auto d = tls();
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
        m_slapd->stop();
        const SignInOutcome down = d->signIn(QStringLiteral("olga"), kPassword, kNow);
        QCOMPARE(down.refusal, SignInRefusal::Unavailable);
        QVERIFY2(down.sentence.contains(QLatin1String("directory server")), qPrintable(down.sentence));
        // Not the person's fault: no failure is counted, no delay follows.
        QVERIFY(m_slapd->start());
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
    }

    /// A server that takes the connection and then answers nothing (hung, or a firewall that swallows what follows
    /// the handshake) is given up on after the mapping's time-out, over TLS (ldaps://, and StartTLS) as over plain
    /// LDAP: the sign-in says the directory cannot be asked, counts nothing, and works once the server is back.
    void aServerThatHangsIsGivenUpOnAfterTheTimeout_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("ldaps") << QStringLiteral("ldaps");
        QTest::newRow("starttls") << QStringLiteral("starttls");
        QTest::newRow("plain loopback") << QStringLiteral("plain");
    }
    void aServerThatHangsIsGivenUpOnAfterTheTimeout()
    {
        QFETCH(QString, how);
        LdapMapping m = mapping(m_slapd->path("ca.crt"));
        m.timeoutSeconds = 1;
        m.startTls = how == QLatin1String("starttls");
        auto d = directory(how == QLatin1String("ldaps") ? m_slapd->tlsUrl() : m_slapd->plainUrl(), m);
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
        m_slapd->freeze();
        const SignInOutcome hung = d->signIn(QStringLiteral("olga"), kPassword, kNow);
        m_slapd->thaw();
        QCOMPARE(hung.refusal, SignInRefusal::Unavailable);
        QVERIFY2(hung.sentence.contains(QLatin1String("directory server")), qPrintable(hung.sentence));
        QVERIFY(d->signIn(QStringLiteral("olga"), kPassword, kNow).ok());
    }

    /// Other consoles' operations name people who are not signing in here: with the mapping's read-only lookup
    /// account the console reads who they are; without one it says it cannot (and refuses their operations).
    void peopleAreLookedUpWithTheLookupAccount()
    {
        QTemporaryDir dir;
        const QString secret = dir.filePath(QStringLiteral("lookup.password"));
        QVERIFY(writeSecret(secret, kPassword));
        QVERIFY(!tls()->lookUp(QStringLiteral("rita")));   // no lookup account: an error, never a guess
        auto d = directory(m_slapd->tlsUrl(), withLookup(secret));
        const auto rita = d->lookUp(QStringLiteral("rita"));
        QVERIFY2(rita, qPrintable(rita.error()));
        QVERIFY(rita.value().has_value());
        QCOMPARE(rita.value()->role, Role::Responder);
        QCOMPARE(rita.value()->districts, QStringList{QStringLiteral("North")});
        QCOMPARE(d->lookUp(QStringLiteral("sven")).value()->role, Role::Supervisor);
        QVERIFY(!d->lookUp(QStringLiteral("nora")).value().has_value());       // in no mapped group: nobody here
        QVERIFY(!d->lookUp(QStringLiteral("mallory")).value().has_value());    // no entry
        QVERIFY(!d->lookUp(QStringLiteral("olga)(uid=*")).value().has_value()); // not a name: never sent
        // A wrong lookup password is an error (the operation is refused), not "nobody".
        QVERIFY(writeSecret(secret, "not the password"));
        const auto broken = d->lookUp(QStringLiteral("rita"));
        QVERIFY(!broken && broken.error().contains(QLatin1String("cannot bind")));
    }

    /// Session ▸ People with the city's directory: beside this machine's counts, what the directory grants each
    /// listed person now — read with the lookup account — so a supervisor lifting a lock sees whom they let back in.
    /// Without a lookup account roles are not said; a directory that cannot answer leaves the counts listed, and why.
    void aDesksListSaysWhatTheDirectoryGrantsThem()
    {
        QTemporaryDir dir;
        const QString secret = dir.filePath(QStringLiteral("lookup.password"));
        QVERIFY(writeSecret(secret, kPassword));
        const QString path = dir.filePath(QStringLiteral("ldap-failures.db"));
        auto d = directory(m_slapd->tlsUrl(), withLookup(secret));
        d->setFailureBook(FailureBook::open(path, FailureBook::Mode::CreateIfMissing).value());
        for (const char *name : {"rita", "nora", "sven"})
            QCOMPARE(d->signIn(QLatin1String(name), "guess", kNow).refusal, SignInRefusal::WrongCredentials);
        // Counted when the directory had an entry of this name; it has none now (the person has left).
        FailureBook::Entry left;
        left.counts.name = QStringLiteral("leon");
        left.counts.failures = 2;
        left.known = true;
        QVERIFY(FailureBook::open(path, FailureBook::Mode::Existing).value()->put(left, kNow, SignInPolicy{}).ok());
        const auto said = [](LdapDirectory &directory) {
            QStringList out;
            const auto listed = directory.people(PeopleBook::Read::WithGrants);
            if (!listed)
                return QStringList{listed.error()};
            for (const auto &[a, standing] : listed->people) {
                const QString grant = standing == PeopleList::Standing::NoRole           ? QStringLiteral("no role")
                                    : standing == PeopleList::Standing::NotInDirectory ? QStringLiteral("gone")
                                                                                       : QString::number(int(a.role)) + QLatin1Char(' ') + a.districts.join(QLatin1Char(','));
                out << QStringLiteral("%1 %2: %3").arg(a.name).arg(a.failures).arg(grant);
            }
            return out;
        };
        QCOMPARE(d->people(PeopleBook::Read::WithGrants).value().grants, PeopleList::Grants::Said);
        // The counts alone (shown at once; the grants follow): asked, not read.
        const auto counts = d->people(PeopleBook::Read::CountsOnly);
        QCOMPARE(counts.value().grants, PeopleList::Grants::NotAsked);
        QCOMPARE(counts.value().people.size(), size_t(4));
        QVERIFY(std::all_of(counts.value().people.begin(), counts.value().people.end(),
                            [](const PeopleList::Person &p) { return p.account.role == Role::Viewer && p.account.districts.isEmpty(); }));
        QCOMPARE(said(*d), (QStringList{QStringLiteral("leon 2: gone"), QStringLiteral("nora 1: no role"),
                                        QStringLiteral("rita 1: %1 North").arg(int(Role::Responder)),
                                        QStringLiteral("sven 1: %1 ").arg(int(Role::Supervisor))}));

        // Without the lookup account (the same book): the counts, no roles.
        auto plain = tls();
        plain->setFailureBook(FailureBook::open(path, FailureBook::Mode::CreateIfMissing).value());
        QCOMPARE(plain->people(PeopleBook::Read::WithGrants).value().grants, PeopleList::Grants::NotKept);
        QCOMPARE(plain->people(PeopleBook::Read::WithGrants).value().people.size(), size_t(4));

        // The lookup account refused, then the directory down: the counts listed all the same, and why not the roles.
        QVERIFY(writeSecret(secret, "not the password"));
        auto refused = d->people(PeopleBook::Read::WithGrants);
        QVERIFY2(refused, qPrintable(refused.error()));
        QCOMPARE(refused->grants, PeopleList::Grants::Unread);
        QVERIFY2(refused->whyUnread.contains(QLatin1String("cannot bind")), qPrintable(refused->whyUnread));
        QCOMPARE(refused->people.size(), size_t(4));
        QVERIFY(writeSecret(secret, kPassword));
        m_slapd->stop();
        auto down = d->people(PeopleBook::Read::WithGrants);
        const auto downCounts = d->people(PeopleBook::Read::CountsOnly);
        QVERIFY(m_slapd->start());
        QVERIFY2(down, qPrintable(down.error()));
        QCOMPARE(down->grants, PeopleList::Grants::Unread);
        QVERIFY(!down->whyUnread.isEmpty());
        QCOMPARE(down->people.size(), size_t(4));
        QCOMPARE(downCounts.value().people.size(), size_t(4));
        QVERIFY(d->unlockPerson(QStringLiteral("rita"), QStringLiteral("ada@desk-1")).ok());   // liftable all the same
        QCOMPARE(said(*d), (QStringList{QStringLiteral("leon 2: gone"), QStringLiteral("nora 1: no role"),
                                        QStringLiteral("sven 1: %1 ").arg(int(Role::Supervisor))}));
    }

    void addressesAreChecked_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("says");
        QTest::newRow("not ldap") << QStringLiteral("http://ldap.city.example/dc=city") << QStringLiteral("not an LDAP address");
        QTest::newRow("no base") << QStringLiteral("ldaps://ldap.city.example") << QStringLiteral("no base DN");
        QTest::newRow("no host") << QStringLiteral("ldaps:///dc=city,dc=test") << QStringLiteral("names no server");
        QTest::newRow("bad dn") << QStringLiteral("ldaps://ldap.city.example/not a dn") << QStringLiteral("not a valid DN");
        QTest::newRow("garbage") << QStringLiteral("ldaps//") << QStringLiteral("not an LDAP address");
    }
    void addressesAreChecked()
    {
        QFETCH(QString, uri);
        QFETCH(QString, says);
        const auto d = LdapDirectory::open(uri, mapping());
        QVERIFY(!d.ok());
        QVERIFY2(d.error().contains(says), qPrintable(d.error()));
    }

    void mappingsAreChecked_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("not json") << QByteArray("{groups:") << QStringLiteral("not valid JSON");
        QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("one JSON object");
        QTest::newRow("typo") << QByteArray(R"({"userDN": "uid={user},{base}", "groups": {"a": {"role": "operator"}}})") << QStringLiteral("unknown key \"userDN\"");
        QTest::newRow("no groups") << QByteArray(R"({})") << QStringLiteral("at least one directory group");
        QTest::newRow("bad role") << QByteArray(R"({"groups": {"a": {"role": "god"}}})") << QStringLiteral("needs a \"role\"");
        QTest::newRow("responder without districts") << QByteArray(R"({"groups": {"a": {"role": "responder"}}})") << QStringLiteral("names no districts");
        QTest::newRow("no {user}") << QByteArray(R"({"userDn": "uid=olga,{base}", "groups": {"a": {"role": "operator"}}})") << QStringLiteral("{user}");
        QTest::newRow("bad timeout") << QByteArray(R"({"timeoutSeconds": 0, "groups": {"a": {"role": "operator"}}})") << QStringLiteral("timeoutSeconds");
        QTest::newRow("missing CA") << QByteArray(R"({"caFile": "/nonexistent/ca.pem", "groups": {"a": {"role": "operator"}}})") << QStringLiteral("cannot be read");
        QTest::newRow("grant typo") << QByteArray(R"({"groups": {"a": {"role": "operator", "district": ["North"]}}})") << QStringLiteral("unknown key \"district\"");
        QTest::newRow("group named twice") << QByteArray(R"({"groups": {"Ops": {"role": "supervisor"}, "ops": {"role": "viewer"}}})")
                                           << QStringLiteral("group \"ops\" is named twice");
        QTest::newRow("group without a name") << QByteArray(R"({"groups": {"": {"role": "operator"}}})") << QStringLiteral("a group needs a name");
        QTest::newRow("lookup without password") << QByteArray(R"({"lookupDn": "cn=x,{base}", "groups": {"a": {"role": "operator"}}})")
                                                 << QStringLiteral("go together");
        QTest::newRow("lookup password missing") << QByteArray(R"({"lookupDn": "cn=x,{base}", "lookupPasswordFile": "/nonexistent/pw", "groups": {"a": {"role": "operator"}}})")
                                                 << QStringLiteral("/nonexistent/pw");
    }
    /// A mapping's districts against the city's (the console checks at start): a misspelt one is refused with the
    /// city's own names; case does not matter, as at sign-in.
    void aMappingNamesTheCitysDistricts()
    {
        const auto m = LdapMapping::fromJson(R"({"groups": {"north-responders": {"role": "responder", "districts": ["Nrth"]},
                                                            "south-responders": {"role": "responder", "districts": ["south"]}}})",
                                             QStringLiteral("map.json"));
        QVERIFY2(m, qPrintable(m.error()));
        const QStringList city{QStringLiteral("North"), QStringLiteral("South")};
        const Status refused = m.value().checkDistricts(city, QStringLiteral("map.json"));
        QVERIFY(!refused);
        QCOMPARE(refused.error(), QStringLiteral("map.json: group \"north-responders\" names the district \"Nrth\", which this city does not have "
                                                 "(its districts: North, South)"));
        const auto mended = LdapMapping::fromJson(R"({"groups": {"north-responders": {"role": "responder", "districts": ["north"]}}})",
                                                  QStringLiteral("map.json"));
        QVERIFY(mended.value().checkDistricts(city, QStringLiteral("map.json")));
    }

    void mappingsAreChecked()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const auto m = LdapMapping::fromJson(json, QStringLiteral("map.json"));
        QVERIFY(!m.ok());
        QVERIFY2(m.error().contains(says), qPrintable(m.error()));
        QVERIFY(m.error().startsWith(QLatin1String("map.json")));
    }
};

QTEST_GUILESS_MAIN(TestLdapDirectory)
#include "tst_ldapdirectory.moc"
