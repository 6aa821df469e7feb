// A console records what administrators change in who may sign in (engine/adminwatch.h), from the journal in the
// file itself, into a real recording: changes made while it runs, once each and in order, whether it is told or the
// file is seen to change; after a restart only what the record does not hold yet, also what was changed while no
// console ran; a recording that meets a journal takes it whole, unless retention has deleted its beginning; a
// damaged journal said once, and nothing past the damage passed over; a journal in a file others may write not believed; an LDAP unlock; a long journal read in batches;
// the console and approver keyrings' journals recorded as keyring changes beside the accounts', one damaged journal
// stopping only its own.
#include "engine/adminwatch.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "security/failurebook.h"
#include "security/keyringjournal.h"
#include "security/userdirectory.h"
#include "storetesting.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

/// A console's data folder: its user directory and its recording, with the core recording what the watch finds as
/// the engine does (an `account-changed` or `keyring-changed` action), and what was found.
struct Console {
    QTemporaryDir dir;
    QString usersPath = dir.filePath(QStringLiteral("users.db"));
    QString storePath = dir.filePath(QStringLiteral("city.cityops-store"));
    std::unique_ptr<UserDirectory> users;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<test::Recorder> recorder;
    QStringList recorded;   ///< "by detail"
    QList<OperatorAction> actions;

    explicit Console(std::int64_t recordingSinceMs = QDateTime::currentMSecsSinceEpoch() - 10'000)
    {
        auto opened = UserDirectory::open(usersPath, UserDirectory::Mode::CreateIfMissing);
        users = std::move(opened).value();
        users->setCost({256, 1, 1});
        store = EventStore::open({storePath}, *test::fixtureCity()).value();
        recorder = std::make_unique<test::Recorder>(test::fixtureCity(), store.get());
        if (recordingSinceMs > 0)
            recorder->process({Event{0, recordingSinceMs, kNoDevice, SessionPayload{1, 0}}});
        store->flush();
    }
    ~Console()
    {
        recorder.reset();
        store.reset();
    }
    std::unique_ptr<AdminWatch> watch(std::vector<AdminWatch::Source> sources = {})
    {
        if (sources.empty())
            sources.push_back({AdminWatch::Source::Kind::UserDirectory, usersPath});
        store->flush();   // a watch is a console started: the one before it closed the recording
        return std::make_unique<AdminWatch>(std::move(sources), storePath, test::fixtureCity(),
                                            [this](OperatorAction action, const QString &by, const QString &detail) {
                                                recorded << by + QLatin1Char(' ') + detail;
                                                actions << action;
                                                recorder->process({Event{0, QDateTime::currentMSecsSinceEpoch(), kNoDevice,
                                                                         OperatorActionPayload{action, by, detail}}});
                                            },
                                            3'600'000);
    }
    /// What the recording holds of administrators' changes, as the replay's log reads it.
    QStringList markers()
    {
        store->flush();
        QStringList out;
        auto reader = test::fixtureReader(storePath);
        const auto all = reader->markers(0, std::numeric_limits<std::int64_t>::max());
        for (const StoreReader::Marker &m : all.value())
            if (m.label.startsWith(QLatin1String("account-changed ")) || m.label.startsWith(QLatin1String("keyring-changed ")))
                out << m.label.mid(16);
        return out;
    }
};

bool checked(AdminWatch &watch)
{
    QSignalSpy done(&watch, &AdminWatch::checked);
    watch.checkNow();
    return done.wait(10'000);
}

const QString kBy = QStringLiteral("(%1) ").arg(adminjournal::account());

/// Lines 2 to `lines` of a journal whose first exists: unlocks of olga by root@ops, made when the first was.
bool fillJournal(const QString &usersPath, int lines)
{
    return test::execute(usersPath, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                                   "INSERT INTO admin_changes(id, time_ms, by, what, name, detail) "
                                                   "SELECT i, (SELECT time_ms FROM admin_changes WHERE id = 1), 'root@ops', 'unlock', 'olga', '' FROM n")
                                        .arg(lines));
}

/// What `cityops-admin console|approver add|remove` does to a keyring file: the key and its journal line, saved at once.
bool administer(const QString &path, ConsoleKeyring::Kind kind, const QString &what, const QString &name)
{
    auto keyring = ConsoleKeyring::load(path, true, kind);
    if (!keyring)
        return false;
    ConsoleKeyring &k = keyring.value();
    QString detail;
    if (what.endsWith(QLatin1String("-add"))) {
        const CommandSigner signer = CommandSigner::generate();
        if (!k.add(name, signer.publicKeyPem()))
            return false;
        detail = QStringLiteral("key ") + signer.keyId();
    } else {
        k.remove(name);
    }
    return keyringjournal::write(k.journal(), {0, 0, adminjournal::account(), what, name, detail}, QDateTime::currentMSecsSinceEpoch(),
                                 keyringjournal::keysOf(k))
           && k.save(path);
}

/// Sets line `index` of a keyring file's journal to say `what`, behind the tool's back.
bool editJournal(const QString &path, int index, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject journal = root.value(QLatin1String("journal")).toObject();
    QJsonArray changes = journal.value(QLatin1String("changes")).toArray();
    QJsonObject line = changes.at(index).toObject();
    line.insert(QStringLiteral("what"), what);
    changes.replace(index, line);
    journal.insert(QStringLiteral("changes"), changes);
    root.insert(QStringLiteral("journal"), journal);
    file.resize(0);
    return file.write(QJsonDocument(root).toJson()) > 0;
}

/// An edit of a keyring's keys that is not cityops-admin's: `name` added with a new key, or (no key) removed; the
/// journal left as it was.
bool editByHand(const QString &path, const QString &name, bool add, ConsoleKeyring::Kind kind = ConsoleKeyring::Kind::Consoles)
{
    auto keyring = ConsoleKeyring::load(path, false, kind);
    if (!keyring)
        return false;
    if (add)
        return keyring.value().add(name, CommandSigner::generate().publicKeyPem()) && keyring.value().save(path);
    return keyring.value().remove(name) && keyring.value().save(path);
}

} // namespace

class TestAdminWatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changesMadeWhileTheConsoleRunsAreRecordedOnceInOrder()
    {
        Console console;
        auto watch = console.watch();
        QVERIFY(checked(*watch));
        QVERIFY(console.recorded.isEmpty());   // nobody has changed anything

        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(console.users->setRole(QStringLiteral("olga"), Role::Supervisor, {}));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 2);
        QVERIFY2(console.recorded[0].startsWith(kBy + QStringLiteral("add olga: operator (users.db change 1 of journal ")), qPrintable(console.recorded[0]));
        QVERIFY2(console.recorded[1].startsWith(kBy + QStringLiteral("set-role olga: supervisor (users.db change 2 of journal ")),
                 qPrintable(console.recorded[1]));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 2);

        // Not asked: the file is seen to change.
        QSignalSpy done(watch.get(), &AdminWatch::checked);
        QVERIFY(console.users->unlock(QStringLiteral("olga")));
        QVERIFY(done.wait(10'000));
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY(console.recorded[2].startsWith(kBy + QStringLiteral("unlock olga (users.db change 3 of journal ")));
        QCOMPARE(console.markers().size(), 3);
        QCOMPARE(console.markers()[2], console.recorded[2].replace(kBy, kBy.trimmed() + QStringLiteral(": ")));
    }

    void aRestartRecordsOnlyWhatTheRecordingDoesNotHold()
    {
        Console console;
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        {
            auto first = console.watch();
            QVERIFY(checked(*first));
            QCOMPARE(console.recorded.size(), 1);
        }
        // While no console runs.
        QVERIFY(console.users->setDisabled(QStringLiteral("olga"), true));
        QVERIFY(console.users->add(QStringLiteral("ruth"), Role::Responder, {QStringLiteral("East")}, "ruth's password"));
        for (int restart = 0; restart < 2; ++restart) {
            auto next = console.watch();
            QVERIFY(checked(*next));
        }
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY(console.recorded[1].startsWith(kBy + QStringLiteral("disable olga (users.db change 2 of")));
        QVERIFY(console.recorded[2].startsWith(kBy + QStringLiteral("add ruth: responder of East (users.db change 3 of")));
        QCOMPARE(console.markers().size(), 3);
    }

    void aRecordingMeetingAJournalTakesItWholeUnlessRetentionCutItsBeginning()
    {
        // A recording with nothing in it yet: the accounts made before the first console ran are in it too.
        Console fresh(0);
        QVERIFY(fresh.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(test::execute(fresh.usersPath, QStringLiteral("UPDATE admin_changes SET time_ms = time_ms - 86400000")));
        QVERIFY(fresh.users->unlock(QStringLiteral("olga")));
        auto freshWatch = fresh.watch();
        QVERIFY(checked(*freshWatch));
        QCOMPARE(fresh.recorded.size(), 2);
        QVERIFY(fresh.recorded[0].startsWith(kBy + QStringLiteral("add olga: operator (users.db change 1 of")));

        // Retention has deleted the beginning of this one (and with it, maybe, what it held of the journal): only
        // what was changed since the oldest event it still holds.
        const std::int64_t began = QDateTime::currentMSecsSinceEpoch() - 60'000;
        Console console(began);
        console.recorder->process({Event{0, began + 1000, kNoDevice, OperatorActionPayload{OperatorAction::Lock, QStringLiteral("olga"), {}}}});
        console.store->flush();
        QVERIFY(test::execute(console.storePath, QStringLiteral("DELETE FROM events WHERE seq = 1")));
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(console.users->add(QStringLiteral("ruth"), Role::Operator, {}, "ruth's password"));
        QVERIFY(test::execute(console.usersPath, QStringLiteral("UPDATE admin_changes SET time_ms = %1 WHERE id = 1").arg(began + 999)));
        auto watch = console.watch();
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);
        QVERIFY(console.recorded[0].startsWith(kBy + QStringLiteral("add ruth")));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);
    }

    void aDamagedJournalIsSaidOnceAndNothingPastItIsPassedOver()
    {
        Console console;
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        QVERIFY(console.users->unlock(QStringLiteral("olga")));
        QVERIFY(console.users->setDisabled(QStringLiteral("olga"), true));
        QVERIFY(test::execute(console.usersPath, QStringLiteral("UPDATE admin_changes SET what = 'grant-all' WHERE id = 2")));
        auto watch = console.watch();
        QSignalSpy unreadable(watch.get(), &AdminWatch::unreadable);
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 0);   // read as one: the line before the damage waits with the rest
        QCOMPARE(unreadable.count(), 1);
        QVERIFY2(unreadable.at(0).at(0).toString().contains(console.usersPath), qPrintable(unreadable.at(0).at(0).toString()));
        QVERIFY(checked(*watch));
        QCOMPARE(unreadable.count(), 1);   // said once

        QVERIFY(test::execute(console.usersPath, QStringLiteral("UPDATE admin_changes SET what = 'unlock' WHERE id = 2")));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY(console.recorded[2].startsWith(kBy + QStringLiteral("disable olga (users.db change 3 of")));
    }

    void aJournalOthersMayWriteIsNotBelieved()
    {
        Console console;
        QVERIFY(console.users->add(QStringLiteral("mallory"), Role::Admin, {}, "mallory's password"));
        QVERIFY(QFile::setPermissions(console.usersPath, QFile::permissions(console.usersPath) | QFile::WriteOther));
        auto watch = console.watch();
        QSignalSpy unreadable(watch.get(), &AdminWatch::unreadable);
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 0);
        QCOMPARE(unreadable.count(), 1);
        QVERIFY2(unreadable.at(0).at(0).toString().contains(QLatin1String("changed by others")), qPrintable(unreadable.at(0).at(0).toString()));
    }

    void anLdapUnlockIsRecorded()
    {
        Console console;
        const QString bookPath = console.dir.filePath(QStringLiteral("ldap-failures.db"));
        auto book = FailureBook::open(bookPath, FailureBook::Mode::CreateIfMissing);
        QVERIFY(book);
        auto watch = console.watch({{AdminWatch::Source::Kind::FailureBook, bookPath}});
        QVERIFY(checked(*watch));
        QVERIFY(book.value()->forget(QStringLiteral("olga")));   // her own sign-in: nothing to record
        QVERIFY(book.value()->unlock(QStringLiteral("sven"), QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);
        QVERIFY2(console.recorded[0].startsWith(kBy + QStringLiteral("unlock sven (ldap-failures.db change 1 of journal ")), qPrintable(console.recorded[0]));
    }

    void aConsoleClosedRightAfterItStartedStillRecordsWhatItRead()
    {
        Console console;
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        const int lines = AdminWatch::kBatch + 20;   // two batches: the second started by the first's outcome
        QVERIFY(fillJournal(console.usersPath, lines));
        auto watch = console.watch();
        watch->checkNow();   // as the console does at start …
        watch->finish();     // … and when it closes at once, without its event loop having run in between
        QCOMPARE(console.recorded.size(), lines);
        watch->finish();     // nothing under way: returns
        QCOMPARE(console.recorded.size(), lines);
    }

    void keyringChangesAreRecordedAsSuchBesideTheAccounts()
    {
        Console console;
        const QString consoles = console.dir.filePath(QStringLiteral("consoles.json")), approvers = console.dir.filePath(QStringLiteral("approvers.json"));
        const std::vector<AdminWatch::Source> sources{{AdminWatch::Source::Kind::UserDirectory, console.usersPath},
                                                      {AdminWatch::Source::Kind::ConsoleKeyring, consoles},
                                                      {AdminWatch::Source::Kind::ApproverKeyring, approvers}};
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-2")));
        QVERIFY(console.users->add(QStringLiteral("sven"), Role::Supervisor, {}, "sven's password"));
        QVERIFY(administer(approvers, ConsoleKeyring::Kind::Approvers, QStringLiteral("approver-add"), QStringLiteral("sven")));
        {
            auto first = console.watch(sources);
            QVERIFY(checked(*first));
        }
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY(console.recorded[0].startsWith(kBy + QStringLiteral("add sven: supervisor (users.db change 1 of journal ")));
        QVERIFY2(console.recorded[1].startsWith(kBy + QStringLiteral("console-add desk-2: key ")), qPrintable(console.recorded[1]));
        QVERIFY2(console.recorded[1].contains(QLatin1String(" (consoles.json change 1 of journal ")), qPrintable(console.recorded[1]));
        QVERIFY2(console.recorded[2].startsWith(kBy + QStringLiteral("approver-add sven: key ")), qPrintable(console.recorded[2]));
        QVERIFY2(console.recorded[2].contains(QLatin1String(" (approvers.json change 1 of journal ")), qPrintable(console.recorded[2]));
        QCOMPARE(console.actions, (QList<OperatorAction>{OperatorAction::AccountChanged, OperatorAction::KeyringChanged, OperatorAction::KeyringChanged}));

        // desk-2 taken out while no console runs: the next console records it, and only it, however often it restarts.
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-remove"), QStringLiteral("desk-2")));
        for (int restart = 0; restart < 2; ++restart) {
            auto next = console.watch(sources);
            QVERIFY(checked(*next));
        }
        QCOMPARE(console.recorded.size(), 4);
        QVERIFY2(console.recorded[3].startsWith(kBy + QStringLiteral("console-remove desk-2 (consoles.json change 2 of journal ")),
                 qPrintable(console.recorded[3]));
        QCOMPARE(console.actions.last(), OperatorAction::KeyringChanged);
        QCOMPARE(console.markers().size(), 4);
    }

    void aDamagedKeyringJournalStopsOnlyItsOwn()
    {
        Console console;
        const QString consoles = console.dir.filePath(QStringLiteral("consoles.json"));
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-2")));
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-3")));
        QVERIFY(editJournal(consoles, 0, QStringLiteral("grant-all")));
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        auto watch = console.watch({{AdminWatch::Source::Kind::ConsoleKeyring, consoles}, {AdminWatch::Source::Kind::UserDirectory, console.usersPath}});
        QSignalSpy unreadable(watch.get(), &AdminWatch::unreadable);
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);   // the accounts' journal is read still
        QVERIFY(console.recorded[0].startsWith(kBy + QStringLiteral("add olga")));
        QCOMPARE(unreadable.count(), 1);
        QVERIFY2(unreadable.at(0).at(0).toString().contains(consoles + QStringLiteral(": line 1 of the keyring's journal")),
                 qPrintable(unreadable.at(0).at(0).toString()));

        QVERIFY(editJournal(consoles, 0, QStringLiteral("console-add")));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY(console.recorded[2].startsWith(kBy + QStringLiteral("console-add desk-3")));

        // A keyring others may change is believed in nothing, its journal neither; the accounts' is read still.
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("mallory")));
        QVERIFY(QFile::setPermissions(consoles, QFile::permissions(consoles) | QFile::WriteOther));
        QVERIFY(console.users->add(QStringLiteral("ruth"), Role::Viewer, {}, "ruth's password"));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 4);
        QVERIFY(console.recorded[3].startsWith(kBy + QStringLiteral("add ruth")));
        QCOMPARE(unreadable.count(), 2);
        QVERIFY2(unreadable.at(1).at(0).toString().contains(QLatin1String("may be changed by others")), qPrintable(unreadable.at(1).at(0).toString()));
    }

    void aKeyringChangedOutsideTheToolIsRecordedOnceByNobodyNamed()
    {
        // Mallory, who can write consoles.json, adds a desk of her own by hand: the journal says nothing of it, but it
        // says which keys cityops-admin's last change left — the console records the difference, by nobody it can name,
        // once (also over restarts), and says it on amber; put back, nothing; done again, recorded again.
        Console console;
        const QString consoles = console.dir.filePath(QStringLiteral("consoles.json"));
        const std::vector<AdminWatch::Source> sources{{AdminWatch::Source::Kind::ConsoleKeyring, consoles}};
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-2")));
        auto watch = console.watch(sources);
        QSignalSpy outside(watch.get(), &AdminWatch::changedOutside);
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);
        QCOMPARE(outside.count(), 0);

        QVERIFY(editByHand(consoles, QStringLiteral("mallory-desk"), true));
        const QString key = keyringjournal::keysOf(ConsoleKeyring::load(consoles).value()).at(QStringLiteral("mallory-desk"));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 2);
        const QString said = QStringLiteral("(unknown) outside-change mallory-desk added (key %1) (consoles.json after change 1 in journal ").arg(key);
        QVERIFY2(console.recorded[1].startsWith(said), qPrintable(console.recorded[1]));
        QCOMPARE(console.actions.last(), OperatorAction::KeyringChanged);
        QCOMPARE(outside.count(), 1);
        QCOMPARE(outside.at(0).at(0).toString(), QStringLiteral("%1: mallory-desk added (key %2)").arg(consoles, key));
        // Seen again, and by the consoles after a restart: recorded once.
        QVERIFY(checked(*watch));
        watch.reset();
        for (int restart = 0; restart < 2; ++restart) {
            auto next = console.watch(sources);
            QSignalSpy again(next.get(), &AdminWatch::changedOutside);
            QVERIFY(checked(*next));
            QCOMPARE(again.count(), 0);
        }
        QCOMPARE(console.recorded.size(), 2);

        // Put back by hand: nothing to record. Done again — the same keys — it is a change again, recorded again.
        watch = console.watch(sources);
        QSignalSpy saidAgain(watch.get(), &AdminWatch::changedOutside);
        QVERIFY(checked(*watch));
        QFile file(consoles);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray withMallory = file.readAll();
        file.close();
        QVERIFY(editByHand(consoles, QStringLiteral("mallory-desk"), false));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 2);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(withMallory) == withMallory.size());
        file.close();
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY2(console.recorded[2].startsWith(said), qPrintable(console.recorded[2]));
        QCOMPARE(saidAgain.count(), 1);

        // cityops-admin's next change leaves the keys it finds: the journal's line, and nothing by nobody.
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-4")));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 4);
        QVERIFY2(console.recorded[3].startsWith(kBy + QStringLiteral("console-add desk-4: key ")), qPrintable(console.recorded[3]));
        QCOMPARE(console.markers().size(), 4);
    }

    void aKeyringChangedWhileNoConsoleRanIsRecordedAtTheNextStart()
    {
        // Both keyrings administered and recorded; while no console runs, Mallory adds an approver by hand. The next
        // console records it — once, and not again at the start after — and only it: the console keyring, untouched,
        // and the journals' own lines are not recorded again.
        Console console;
        const QString consoles = console.dir.filePath(QStringLiteral("consoles.json"));
        const QString approvers = console.dir.filePath(QStringLiteral("approvers.json"));
        const std::vector<AdminWatch::Source> sources{{AdminWatch::Source::Kind::ConsoleKeyring, consoles},
                                                      {AdminWatch::Source::Kind::ApproverKeyring, approvers}};
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-2")));
        QVERIFY(administer(approvers, ConsoleKeyring::Kind::Approvers, QStringLiteral("approver-add"), QStringLiteral("kai")));
        {
            auto watch = console.watch(sources);
            QVERIFY(checked(*watch));
        }
        QCOMPARE(console.recorded.size(), 2);

        QVERIFY(editByHand(approvers, QStringLiteral("mallory"), true, ConsoleKeyring::Kind::Approvers));
        for (int start = 0; start < 2; ++start) {
            auto watch = console.watch(sources);
            QSignalSpy outside(watch.get(), &AdminWatch::changedOutside);
            QVERIFY(checked(*watch));
            QCOMPARE(outside.count(), start == 0 ? 1 : 0);
        }
        QCOMPARE(console.recorded.size(), 3);
        QVERIFY2(console.recorded[2].startsWith(QStringLiteral("(unknown) outside-change mallory added (key ")), qPrintable(console.recorded[2]));
        QVERIFY2(console.recorded[2].contains(QLatin1String("(approvers.json after change 1 in journal ")), qPrintable(console.recorded[2]));
    }

    void aKeyringWhoseJournalDoesNotSayWhatItLeftIsNotJudged()
    {
        // A journal whose last line an earlier release wrote says no keys: a hand edit since cannot be told from it.
        // One whose "left" cannot be one is said, as a damaged journal is, and recorded from nothing.
        Console console;
        const QString consoles = console.dir.filePath(QStringLiteral("consoles.json"));
        QVERIFY(administer(consoles, ConsoleKeyring::Kind::Consoles, QStringLiteral("console-add"), QStringLiteral("desk-2")));
        const auto setLeft = [&](const QJsonValue &left) {
            QFile file(consoles);
            if (!file.open(QIODevice::ReadWrite))
                return false;
            QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            QJsonObject journal = root.value(QLatin1String("journal")).toObject();
            if (left.isUndefined())
                journal.remove(QStringLiteral("left"));
            else
                journal.insert(QStringLiteral("left"), left);
            root.insert(QStringLiteral("journal"), journal);
            file.resize(0);
            return file.write(QJsonDocument(root).toJson()) > 0;
        };
        QVERIFY(setLeft(QJsonValue::Undefined));
        QVERIFY(editByHand(consoles, QStringLiteral("desk-9"), true));
        auto watch = console.watch({{AdminWatch::Source::Kind::ConsoleKeyring, consoles}});
        QSignalSpy unreadable(watch.get(), &AdminWatch::unreadable);
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);   // the journal's line only
        QVERIFY(console.recorded[0].startsWith(kBy + QStringLiteral("console-add desk-2")));

        QVERIFY(setLeft(QJsonObject{{QStringLiteral("desk-2"), QStringLiteral("not a key id")}}));
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), 1);
        QCOMPARE(unreadable.count(), 1);
        QVERIFY2(unreadable.at(0).at(0).toString().contains(QLatin1String("(\"left\") cannot be: desk-2")), qPrintable(unreadable.at(0).at(0).toString()));
    }

    void theRecordingIsSearchedForEveryJournalInOnePass()
    {
        Console console;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        const auto record = [&](OperatorAction action, const QString &detail) {
            console.recorder->process({Event{0, now, kNoDevice, OperatorActionPayload{action, QStringLiteral("(root@ops)"), detail}}});
        };
        record(OperatorAction::AccountChanged, QStringLiteral("add olga (users.db change 1 of journal aaaa,)"));
        record(OperatorAction::KeyringChanged, QStringLiteral("console-add desk-2 (consoles.json change 1 of journal bbbb,)"));
        record(OperatorAction::AccountChanged, QStringLiteral("unlock olga (users.db change 2 of journal aaaa,)"));
        record(OperatorAction::Lock, QStringLiteral("of journal cccc, 100%"));   // no administrator's change
        record(OperatorAction::AccountChanged, QStringLiteral("add x_y (users.db change 3 of journal dddd,)"));
        console.store->flush();
        auto reader = test::fixtureReader(console.storePath);
        auto found = reader->lastMarkerLabels({QStringLiteral("account-changed "), QStringLiteral("keyring-changed ")},
                                              {QStringLiteral(" of journal aaaa,"), QStringLiteral(" of journal bbbb,"), QStringLiteral(" of journal cccc,"),
                                               QStringLiteral("%"), QStringLiteral("x_y")});
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(found.value().size(), std::size_t(5));
        QCOMPARE(found.value()[0], std::optional<QString>(QStringLiteral("account-changed (root@ops): unlock olga (users.db change 2 of journal aaaa,)")));
        QCOMPARE(found.value()[1], std::optional<QString>(QStringLiteral("keyring-changed (root@ops): console-add desk-2 (consoles.json change 1 of journal bbbb,)")));
        QVERIFY(!found.value()[2]);   // only in a marker of another kind
        QVERIFY(!found.value()[3]);   // '%' and '_' are characters, not patterns
        QCOMPARE(found.value()[4], std::optional<QString>(QStringLiteral("account-changed (root@ops): add x_y (users.db change 3 of journal dddd,)")));
    }

    void aLongJournalIsReadInBatchesInOrder()
    {
        Console console;
        QVERIFY(console.users->add(QStringLiteral("olga"), Role::Operator, {}, "olga's password"));
        const int lines = 2 * AdminWatch::kBatch + 34;
        QVERIFY(fillJournal(console.usersPath, lines));
        auto watch = console.watch();
        QVERIFY(checked(*watch));
        QCOMPARE(console.recorded.size(), lines);
        for (int i = 1; i < lines; ++i)
            QVERIFY(console.recorded[i].startsWith(QStringLiteral("(root@ops) unlock olga (users.db change %1 of").arg(i + 1)));
    }
};

QTEST_GUILESS_MAIN(TestAdminWatch)
#include "tst_adminwatch.moc"
