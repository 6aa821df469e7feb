// What an administrator changes with cityops-admin reaches the console's record, as the two programs run in a
// control room: accounts changed while no console runs are recorded by the next console that starts, each once
// however often consoles restart, with who made the change; a person's own sign-in adds nothing. So are the consoles and
// approvers an administrator adds to or takes out of the keyrings, and what anyone else changes in them.
#include "programtesting.h"
#include "security/adminjournal.h"
#include "security/commandsigner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// The administrators' changes in the recording `store`, as its markers say them (the replay's log): to the accounts,
/// or (`action` keyring-changed) to the keyrings.
QStringList accountChanges(const QString &store, const QString &action = QStringLiteral("account-changed"))
{
    QStringList out;
    auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
    if (!db)
        return {db.error()};
    auto rows = db.value()->prepare(QStringLiteral("SELECT label FROM markers WHERE label LIKE '%1 %' ORDER BY seq").arg(action));
    while (rows && rows->step())
        out << rows->columnText(0);
    return out;
}

/// A console's data folder shared with cityops-admin, as on one machine: the console and the tool find the keyrings
/// where they keep them by default (XDG_DATA_HOME), the console records in `store`, olga signs in.
struct DataFolder {
    QTemporaryDir dir;
    QString store = dir.filePath(QStringLiteral("city.cityops-store"));
    QStringList signIn = signedInAs(dir);
    QList<std::pair<QString, QString>> home{{QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data"))}};

    Run admin(const QStringList &args) const { return runProgram(QStringLiteral("cityops-admin"), args, 60000, home); }
    /// The console started, run 0.3 s and closed.
    Run console() const
    {
        return runProgram(QStringLiteral("cityops"),
                          QStringList{QStringLiteral("--store"), store, QStringLiteral("--speed"), QStringLiteral("60"), QStringLiteral("--quit-after"),
                                      QStringLiteral("300")} + signIn,
                          60000, home);
    }
};

} // namespace

class TestAdminRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void whatAnAdministratorChangedIsRecordedOnceByTheNextConsole()
    {
        QTemporaryDir dir;
        const QString users = dir.filePath(QStringLiteral("users.db"));
        const QString store = dir.filePath(QStringLiteral("city.cityops-store"));
        const QStringList signIn = signedInAs(dir);   // olga, added by this test as cityops-admin would add her
        const QString passwordFile = signIn.last();
        const auto admin = [&](const QStringList &args) { return runProgram(QStringLiteral("cityops-admin"), args + QStringList{QStringLiteral("--directory"), users}); };
        const auto console = [&] {
            return runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--store"), store, QStringLiteral("--speed"), QStringLiteral("60"),
                                                                      QStringLiteral("--quit-after"), QStringLiteral("300")}
                                                             + signIn);
        };
        const QString by = QStringLiteral("account-changed (%1): ").arg(adminjournal::account());

        Run run = console();
        QCOMPARE(run.exitCode, 0);
        QStringList recorded = accountChanges(store);
        QCOMPARE(recorded.size(), 1);
        QVERIFY2(recorded[0].startsWith(by + QStringLiteral("add olga: operator (users.db change 1 of journal ")), qPrintable(recorded.join('\n')));

        // While no console runs: olga is made a supervisor and a new responder is added.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("supervisor")}).exitCode, 0);
        run = admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ruth"), QStringLiteral("--role"), QStringLiteral("viewer"),
                     QStringLiteral("--password-file"), passwordFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (int restart = 0; restart < 2; ++restart)
            QCOMPARE(console().exitCode, 0);   // olga signs in each time: her own, no administrator's change
        recorded = accountChanges(store);
        QCOMPARE(recorded.size(), 3);
        QVERIFY2(recorded[1].startsWith(by + QStringLiteral("set-role olga: supervisor (users.db change 2 of")), qPrintable(recorded.join('\n')));
        QVERIFY2(recorded[2].startsWith(by + QStringLiteral("add ruth: viewer (users.db change 3 of")), qPrintable(recorded.join('\n')));

        // A line damaged behind cityops-admin's back: the console runs, says so, and records nothing past it.
        QCOMPARE(admin({QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("ruth")}).exitCode, 0);
        auto db = SqliteDb::open(users, SqliteDb::Mode::Create);
        QVERIFY(db && db.value()->exec(QStringLiteral("UPDATE admin_changes SET what = 'grant-all' WHERE id = 4")));
        db.value().reset();
        run = console();
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QLatin1String("administrators' changes cannot be recorded for now")) && run.err.contains(users),
                 qPrintable(run.err));
        QCOMPARE(accountChanges(store).size(), 3);
    }

    void keyringChangesMadeWhileNoConsoleRanAreRecordedByTheNext()
    {
        DataFolder room;
        QTemporaryDir &dir = room.dir;
        const QString &store = room.store;
        const QStringList &signIn = room.signIn;
        const auto admin = [&](const QStringList &args) { return room.admin(args); };
        const auto console = [&] { return room.console(); };
        const CommandSigner desk = CommandSigner::generate();
        QSaveFile pub(dir.filePath(QStringLiteral("desk-2.pub")));
        QVERIFY(pub.open(QIODevice::WriteOnly) && pub.write(desk.publicKeyPem()) > 0 && pub.commit());
        Run run = admin({QStringLiteral("console"), QStringLiteral("add"), QStringLiteral("desk-2"), pub.fileName()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = admin({QStringLiteral("approver"), QStringLiteral("add"), QStringLiteral("sven"), QStringLiteral("--password-file"), signIn.last()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString by = QStringLiteral("keyring-changed (%1): ").arg(adminjournal::account());

        run = console();
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QStringList recorded = accountChanges(store, QStringLiteral("keyring-changed"));
        QCOMPARE(recorded.size(), 2);
        QVERIFY2(recorded[0].startsWith(by + QStringLiteral("console-add desk-2: key %1 (consoles.json change 1 of journal ").arg(desk.keyId())),
                 qPrintable(recorded.join('\n')));
        QVERIFY2(recorded[1].startsWith(by + QStringLiteral("approver-add sven: key ")) && recorded[1].contains(QLatin1String("(approvers.json change 1 of")),
                 qPrintable(recorded.join('\n')));

        // desk-2 taken out while no console runs: recorded once by the consoles after.
        QCOMPARE(admin({QStringLiteral("console"), QStringLiteral("remove"), QStringLiteral("desk-2")}).exitCode, 0);
        for (int restart = 0; restart < 2; ++restart)
            QCOMPARE(console().exitCode, 0);
        recorded = accountChanges(store, QStringLiteral("keyring-changed"));
        QCOMPARE(recorded.size(), 3);
        QVERIFY2(recorded[2].startsWith(by + QStringLiteral("console-remove desk-2: key %1 (consoles.json change 2 of").arg(desk.keyId())),
                 qPrintable(recorded.join('\n')));
        QCOMPARE(accountChanges(store).size(), 1);   // olga's account, made before the first console ran
    }

    void aKeyringEditedByHandIsRecordedAndTheToolNotesIt()
    {
        // Mallory, who can write consoles.json, puts her own desk in it by hand while no console runs. The journal has
        // no line for it, but says which keys cityops-admin left: the next console records the difference — by nobody it
        // can name — once however often consoles restart. Then desk-2 goes by hand too, and an administrator adds desk-3:
        // cityops-admin warns, and its line carries what it found changed, so the record keeps it.
        DataFolder room;
        QTemporaryDir &dir = room.dir;
        const QString &store = room.store;
        const auto admin = [&](const QStringList &args) { return room.admin(args); };
        const auto console = [&] { return room.console(); };
        const auto publicKey = [&](const QString &name, const CommandSigner &signer) {
            QSaveFile pub(dir.filePath(name + QStringLiteral(".pub")));
            return pub.open(QIODevice::WriteOnly) && pub.write(signer.publicKeyPem()) > 0 && pub.commit() ? pub.fileName() : QString();
        };
        const CommandSigner desk2 = CommandSigner::generate(), desk3 = CommandSigner::generate(), mallory = CommandSigner::generate();
        Run run = admin({QStringLiteral("console"), QStringLiteral("add"), QStringLiteral("desk-2"), publicKey(QStringLiteral("desk-2"), desk2)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString keyring = dir.filePath(QStringLiteral("data/CityOps/cityops/consoles.json"));
        // By hand: the file's list edited as text is, its journal untouched (and the file's mode kept).
        const auto edit = [&](const std::function<void(QJsonArray &)> &change) {
            QFile file(keyring);
            if (!file.open(QIODevice::ReadWrite))
                return false;
            QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            QJsonArray consoles = root.value(QLatin1String("consoles")).toArray();
            change(consoles);
            root.insert(QStringLiteral("consoles"), consoles);
            file.resize(0);
            return file.write(QJsonDocument(root).toJson()) > 0;
        };
        QVERIFY2(QFileInfo::exists(keyring), qPrintable(keyring));
        QVERIFY(edit([&](QJsonArray &consoles) {
            consoles.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("mallory")}, {QStringLiteral("key"), QString::fromLatin1(mallory.publicKeyPem())}});
        }));
        for (int restart = 0; restart < 2; ++restart) {
            run = console();
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.err.contains(QLatin1String("changed outside cityops-admin")) == (restart == 0), qPrintable(run.err));
        }
        QStringList recorded = accountChanges(store, QStringLiteral("keyring-changed"));
        QCOMPARE(recorded.size(), 2);
        QVERIFY2(recorded[1].startsWith(QStringLiteral("keyring-changed (unknown): outside-change mallory added (key %1) (consoles.json after change 1 in journal ")
                                            .arg(mallory.keyId())),
                 qPrintable(recorded.join('\n')));

        // Listing the keyring says so too.
        run = admin({QStringLiteral("console"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QLatin1String("mallory\t")), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("by something else: mallory added (key %1)").arg(mallory.keyId())), qPrintable(run.err));

        QVERIFY(edit([](QJsonArray &consoles) { consoles.removeAt(0); }));   // desk-2
        run = admin({QStringLiteral("console"), QStringLiteral("add"), QStringLiteral("desk-3"), publicKey(QStringLiteral("desk-3"), desk3)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString found = QStringLiteral("desk-2 removed (key %1)").arg(desk2.keyId());
        QVERIFY2(run.err.contains(QLatin1String("warning: the keyring was changed since cityops-admin's last change")) && run.err.contains(found), qPrintable(run.err));
        QCOMPARE(console().exitCode, 0);
        recorded = accountChanges(store, QStringLiteral("keyring-changed"));
        QCOMPARE(recorded.size(), 3);   // the tool's line, saying it; nothing by nobody
        QVERIFY2(recorded[2].startsWith(QStringLiteral("keyring-changed (%1): console-add desk-3: key %2; before it, changed outside cityops-admin: ")
                                            .arg(adminjournal::account(), desk3.keyId()))
                     && recorded[2].contains(found),
                 qPrintable(recorded.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestAdminRecord)
#include "tst_adminrecord.moc"
