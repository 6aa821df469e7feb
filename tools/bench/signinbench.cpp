#include "signinbench.h"

#include "access/accesscontrol.h"
#include "benchutil.h"
#include "city/citypackage.h"
#include "engine/adminwatch.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "security/consolekeyring.h"
#include "security/failurebook.h"
#include "security/keyringjournal.h"
#include "security/passwordhash.h"
#include "security/userdirectory.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

namespace cityops::bench {
namespace {

/// What the record of failed LDAP sign-ins adds to an attempt, on this machine's disk: reading a name's counts
/// (every attempt), and counting a failure (read and written in one transaction, committed synchronously). Medians and p95
/// over `runs` names, each failing in turn; the book starts empty.
bool measureFailureBook(const QString &path, int runs, std::vector<double> &readMs, std::vector<double> &countMs)
{
    auto book = FailureBook::open(path, FailureBook::Mode::CreateIfMissing);
    if (!book) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(book.error()));
        return false;
    }
    const SignInPolicy policy;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < runs; ++i) {
        const QString name = QStringLiteral("person-%1").arg(i);
        QElapsedTimer t;
        t.start();
        const auto before = book.value()->find(name);
        readMs.push_back(t.nsecsElapsed() / 1e6);
        t.restart();
        const auto counted = book.value()->update(name, [&](FailureBook::Entry &e) { (void)countWrongPassword(policy, e.counts, now + i); },
                                                  now + i, policy);
        countMs.push_back(t.nsecsElapsed() / 1e6);
        if (!before || !counted) {
            std::fprintf(stderr, "cityops-bench: the record of failed sign-ins: %s\n", qPrintable(before ? counted.error() : before.error()));
            return false;
        }
    }
    return true;
}

/// A keyring of one key whose journal is full (keyringjournal::kKept lines), as years of `cityops-admin` leave it.
bool fullKeyring(const QString &path, ConsoleKeyring::Kind kind)
{
    ConsoleKeyring keyring(kind);
    if (!keyring.add(QStringLiteral("sven"), CommandSigner::generate().publicKeyPem()))
        return false;
    const QString what = kind == ConsoleKeyring::Kind::Consoles ? QStringLiteral("console-add") : QStringLiteral("approver-add");
    for (int i = 0; i < keyringjournal::kKept; ++i)
        if (!keyringjournal::write(keyring.journal(), {0, 0, QStringLiteral("root@ops-1"), what, QStringLiteral("sven"), QStringLiteral("key 1a2b3c4d5e6f7a8b")},
                                   1'790'000'000'000 + i, keyringjournal::keysOf(keyring)))
            return false;
    return keyring.save(path).ok();
}

/// What the administrators' journals cost a console (engine/adminwatch.h), on its worker thread: the first check of
/// a start that meets full journals — the accounts' (kKept lines) and its two keyrings' (keyringjournal::kKept each) —
/// with nothing of them in a recording of `markers` markers — the recording searched for where it left off, every line
/// read, checked and made a record — and a check of a running console with nothing new (the file changed by a sign-in's
/// count). Medians and p95 over `runs` consoles.
bool measureAdminJournal(const QTemporaryDir &dir, const std::shared_ptr<const CityModel> &city, int runs, int markers)
{
    const QString consoles = dir.filePath(QStringLiteral("journal-consoles.json")), approvers = dir.filePath(QStringLiteral("journal-approvers.json"));
    if (!fullKeyring(consoles, ConsoleKeyring::Kind::Consoles) || !fullKeyring(approvers, ConsoleKeyring::Kind::Approvers)) {
        std::fprintf(stderr, "cityops-bench: cannot make the keyrings\n");
        return false;
    }
    const QString users = dir.filePath(QStringLiteral("journal-users.db"));
    const QString store = dir.filePath(QStringLiteral("journal.cityops-store"));
    auto directory = UserDirectory::open(users, UserDirectory::Mode::CreateIfMissing);
    if (!directory || !directory.value()->add(QStringLiteral("olga"), Role::Operator, {}, "bench password").ok()
        || !EventStore::open({store}, *city).ok()) {
        std::fprintf(stderr, "cityops-bench: cannot make a journal and a recording\n");
        return false;
    }
    auto db = SqliteDb::open(users, SqliteDb::Mode::Create);
    auto recording = SqliteDb::open(store, SqliteDb::Mode::Create);
    // A recording's markers as months of incidents leave them, and a busy administrator's years of lines.
    if (!db || !recording
        || !db.value()->exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                            "INSERT INTO admin_changes(id, time_ms, by, what, name, detail) "
                                            "SELECT i, 1790000000000 + i, 'root@ops-1', 'set-role', 'person-' || i, 'responder of East' FROM n")
                                 .arg(adminjournal::kKept))
        || !recording.value()->exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                                   "INSERT INTO markers SELECT i, 1790000000000 + i * 1000, 9, i % 5000, "
                                                   "'incident #' || (i % 5000) || ' acknowledged by olga: on my way' FROM n")
                                        .arg(markers))) {
        std::fprintf(stderr, "cityops-bench: cannot fill the journal and the recording\n");
        return false;
    }
    std::vector<double> firstMs, quietMs;
    for (int i = 0; i < runs; ++i) {
        std::size_t recorded = 0;
        AdminWatch watch({{AdminWatch::Source::Kind::UserDirectory, users},
                          {AdminWatch::Source::Kind::ConsoleKeyring, consoles},
                          {AdminWatch::Source::Kind::ApproverKeyring, approvers}},
                         store, city, [&](OperatorAction, const QString &, const QString &) { ++recorded; });
        for (std::vector<double> *into : {&firstMs, &quietMs}) {
            QEventLoop loop;
            QObject::connect(&watch, &AdminWatch::checked, &loop, &QEventLoop::quit);
            QElapsedTimer t;
            t.start();
            watch.checkNow();
            loop.exec();
            into->push_back(t.nsecsElapsed() / 1e6);
        }
        if (recorded != std::size_t(adminjournal::kKept + 2 * keyringjournal::kKept)) {
            std::fprintf(stderr, "cityops-bench: %zu lines of the journals recorded, not %d\n", recorded, adminjournal::kKept + 2 * keyringjournal::kKept);
            return false;
        }
    }
    emit({{"bench", "signin-journal"}, {"runs", runs}, {"journal_lines", adminjournal::kKept}, {"keyring_journal_lines", 2 * keyringjournal::kKept},
          {"recording_markers", markers},
          {"first_check_p50_ms", round2(percentile(firstMs, 50))}, {"first_check_p95_ms", round2(percentile(firstMs, 95))},
          {"quiet_check_p50_ms", round2(percentile(quietMs, 50))}, {"quiet_check_p95_ms", round2(percentile(quietMs, 95))}});
    return true;
}

} // namespace

int runSignInBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const auto city = loadCity(cityPath);
    if (!city)
        return 1;
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    QTemporaryDir dir;
    auto directory = UserDirectory::open(dir.filePath(QStringLiteral("users.db")), UserDirectory::Mode::CreateIfMissing);
    if (!directory || !directory.value()->add(QStringLiteral("olga"), Role::Operator, {}, "bench password").ok()) {
        std::fprintf(stderr, "cityops-bench: cannot make a user directory\n");
        return 1;
    }
    const QByteArray encoded = passwordhash::hash("bench password").value();

    std::vector<double> verifyMs;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const bool ok = passwordhash::verify(encoded, "bench password");
        verifyMs.push_back(t.nsecsElapsed() / 1e6);
        if (!ok)
            return 1;
    }

    Engine engine(city);
    SimLinkOptions sim;
    sim.warmUpHours = 0.1;
    engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim));
    MainWindow window(engine, directory.value().get());
    window.resize(1600, 900);
    window.show();
    std::vector<double> signInMs;
    for (int i = 0; i < runs; ++i) {
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        const SignInOutcome outcome = window.access().signIn(QStringLiteral("olga"), "bench password");
        signInMs.push_back(t.nsecsElapsed() / 1e6);
        if (!outcome.ok() || window.currentUser() != QLatin1String("olga")) {
            std::fprintf(stderr, "cityops-bench: sign-in failed: %s\n", qPrintable(outcome.sentence));
            return 1;
        }
        window.access().signOut();
    }
    engine.stop();
    const passwordhash::Cost cost;
    emit({{"bench", "signin"}, {"runs", runs}, {"argon2id_m_kib", double(cost.memoryKiB)}, {"argon2id_t", double(cost.passes)},
          {"argon2id_p", double(cost.lanes)}, {"verify_p50_ms", round2(percentile(verifyMs, 50))},
          {"verify_p95_ms", round2(percentile(verifyMs, 95))}, {"signin_p50_ms", round2(percentile(signInMs, 50))},
          {"signin_p95_ms", round2(percentile(signInMs, 95))},
          {"rest_p50_ms", round2(percentile(signInMs, 50) - percentile(verifyMs, 50))},
          {"rest_p95_ms", round2(percentile(signInMs, 95) - percentile(verifyMs, 95))}});

    std::vector<double> readMs, countMs;
    if (!measureFailureBook(dir.filePath(QStringLiteral("ldap-failures.db")), runs, readMs, countMs))
        return 1;
    emit({{"bench", "signin-failures"}, {"runs", runs}, {"read_p50_ms", round2(percentile(readMs, 50))},
          {"read_p95_ms", round2(percentile(readMs, 95))}, {"count_p50_ms", round2(percentile(countMs, 50))},
          {"count_p95_ms", round2(percentile(countMs, 95))}, {"verify_p50_ms", round2(percentile(verifyMs, 50))}});
    return measureAdminJournal(dir, city, std::min(runs, 10), 1'000'000) ? 0 : 1;
}

} // namespace cityops::bench
