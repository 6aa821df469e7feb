// The files that decide whom a console or a gateway believes — the console and approver keyrings, the key commands
// must be signed with, the LDAP group-to-role map, the user directory, a gateway's memory of the commands it saw — as someone else on the machine would attack
// them: by writing into a file its group may change, by replacing it in a folder they may write, by handing over a file
// (or a folder) of their own, by pointing a link at theirs. Each reader refuses every one of them with a sentence
// naming the file and the fix; the same file, properly kept, is read. Owners other than the test's own user need root
// to make (chown): those rows say so and are skipped elsewhere; CI runs them.
#include "base/trustfile.h"
#include "link/mqttclient.h"
#include "link/replaymemory.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "security/ldapdirectory.h"
#include "security/userdirectory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace cityops;

namespace {

constexpr uid_t kSomeoneElse = 65534;   // nobody

enum class Reader { ConsoleKeyring, ApproverKeyring, CommandKey, LdapMapping, UserDirectory, ReplayMemory };

QString nameOf(Reader r)
{
    switch (r) {
    case Reader::ConsoleKeyring: return QStringLiteral("console keyring");
    case Reader::ApproverKeyring: return QStringLiteral("approver keyring");
    case Reader::CommandKey: return QStringLiteral("command key");
    case Reader::LdapMapping: return QStringLiteral("LDAP mapping");
    case Reader::UserDirectory: return QStringLiteral("user directory");
    case Reader::ReplayMemory: return QStringLiteral("replay memory");
    }
    return {};
}

QByteArray keyringText(const char *list, const QByteArray &pem)
{
    const QJsonObject entry{{QStringLiteral("name"), QStringLiteral("desk-1")}, {QStringLiteral("key"), QString::fromLatin1(pem)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("v"), 1}, {QLatin1String(list), QJsonArray{entry}}}).toJson();
}

/// Writes a file the reader accepts, at `path`, mode 0644.
bool writeGood(Reader r, const QString &path)
{
    if (r == Reader::UserDirectory) {
        auto d = UserDirectory::open(path, UserDirectory::Mode::CreateIfMissing);
        return d && QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    if (r == Reader::ReplayMemory) {
        auto m = ReplayMemory::open(path, 0);
        return m && m.value().remember(QByteArray(16, 'n'), 1'000'000).ok();
    }
    const QByteArray pem = CommandSigner::generate().publicKeyPem();
    QByteArray text;
    switch (r) {
    case Reader::ConsoleKeyring: text = keyringText("consoles", pem); break;
    case Reader::ApproverKeyring: text = keyringText("approvers", pem); break;
    case Reader::CommandKey: text = pem; break;
    case Reader::LdapMapping: text = R"({"groups": {"cityops-operators": {"role": "operator"}}})"; break;
    case Reader::UserDirectory:
    case Reader::ReplayMemory: break;
    }
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size()
        && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

/// What the reader says about the file at `path`: empty when it takes it.
QString readWith(Reader r, const QString &path)
{
    switch (r) {
    case Reader::ConsoleKeyring: {
        auto k = ConsoleKeyring::load(path);
        return k ? QString() : k.error();
    }
    case Reader::ApproverKeyring: {
        auto k = ConsoleKeyring::load(path, false, ConsoleKeyring::Kind::Approvers);
        return k ? QString() : k.error();
    }
    case Reader::CommandKey: {
        auto v = CommandVerifier::fromTrustedPublicKeyFile(path);
        return v ? QString() : v.error();
    }
    case Reader::LdapMapping: {
        auto m = LdapMapping::load(path);
        return m ? QString() : m.error();
    }
    case Reader::UserDirectory: {
        auto d = UserDirectory::open(path, UserDirectory::Mode::Existing);
        return d ? QString() : d.error();
    }
    case Reader::ReplayMemory: {
        // A gateway that trusted a memory someone else could shorten would carry out a captured command again.
        auto m = ReplayMemory::open(path, 0);
        if (m && !m.value().contains(QByteArray(16, 'n')))
            return QStringLiteral("the memory was read but has forgotten the command it saw");
        return m ? QString() : m.error();
    }
    }
    return {};
}

bool setMode(const QString &path, mode_t mode) { return ::chmod(QFile::encodeName(path).constData(), mode) == 0; }
bool giveTo(const QString &path, uid_t uid) { return ::lchown(QFile::encodeName(path).constData(), uid, gid_t(-1)) == 0; }

} // namespace

class TestTrustFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void attacksOnTheFilesThatDecideWhomToBelieve_data()
    {
        QTest::addColumn<int>("reader");
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("says");
        const std::pair<const char *, const char *> attacks[] = {
            {"kept properly", ""},
            {"its group may write it", "may be changed by others (mode 0664)"},
            {"anyone may write it", "may be changed by others (mode 0646)"},
            {"its folder anyone may write", "which others may change (mode 0777)"},
            {"its folder its group may write", "which others may change (mode 0775)"},
            {"a shared folder with the sticky bit", ""},
            {"someone else's file", "belongs to user 65534"},
            {"someone else's folder", "which belongs to user 65534"},
            {"a link to someone else's file", "belongs to user 65534"},
            {"a link to a file in a folder anyone may write", "which others may change (mode 0777)"},
            {"a folder", "is not a regular file"},
        };
        for (Reader r : {Reader::ConsoleKeyring, Reader::ApproverKeyring, Reader::CommandKey, Reader::LdapMapping, Reader::UserDirectory,
                         Reader::ReplayMemory})
            for (const auto &[attack, says] : attacks) {
                if (r == Reader::UserDirectory && QByteArray(attack) == "a folder")
                    continue;   // SQLite's own refusal; the user directory's tests have it
                QTest::addRow("%s: %s", qPrintable(nameOf(r)), attack) << int(r) << QString::fromLatin1(attack) << QString::fromUtf8(says);
            }
    }
    void attacksOnTheFilesThatDecideWhomToBelieve()
    {
        QFETCH(int, reader);
        QFETCH(QString, attack);
        QFETCH(QString, says);
        const Reader r = Reader(reader);
        const bool needsRoot = attack.contains(QLatin1String("someone else"));
        if (needsRoot && ::geteuid() != 0)
            QSKIP("making a file of another user needs root (CI runs as root)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("etc"));
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(setMode(folder, 0755));
        QString path = folder + QStringLiteral("/trusted");
        if (attack == QLatin1String("a folder")) {
            QVERIFY(QDir().mkdir(path));
        } else if (attack == QLatin1String("a link to someone else's file")) {
            const QString theirs = dir.filePath(QStringLiteral("theirs"));
            QVERIFY(writeGood(r, theirs));
            QVERIFY(giveTo(theirs, kSomeoneElse));
            QVERIFY(QFile::link(theirs, path));
        } else if (attack == QLatin1String("a link to a file in a folder anyone may write")) {
            // The file is ours and the link is in a safe folder, but anyone may replace what the link leads to.
            const QString shared = dir.filePath(QStringLiteral("shared"));
            QVERIFY(QDir().mkdir(shared));
            QVERIFY(writeGood(r, shared + QStringLiteral("/file")));
            QVERIFY(setMode(shared, 0777));
            QVERIFY(QFile::link(shared + QStringLiteral("/file"), path));
        } else {
            QVERIFY(writeGood(r, path));
        }
        if (attack == QLatin1String("its group may write it"))
            QVERIFY(setMode(path, 0664));
        else if (attack == QLatin1String("anyone may write it"))
            QVERIFY(setMode(path, 0646));
        else if (attack == QLatin1String("its folder anyone may write"))
            QVERIFY(setMode(folder, 0777));
        else if (attack == QLatin1String("its folder its group may write"))
            QVERIFY(setMode(folder, 0775));
        else if (attack == QLatin1String("a shared folder with the sticky bit"))
            QVERIFY(setMode(folder, 01777));
        else if (attack == QLatin1String("someone else's file"))
            QVERIFY(giveTo(path, kSomeoneElse));
        else if (attack == QLatin1String("someone else's folder"))
            QVERIFY(giveTo(folder, kSomeoneElse));
        const QString said = readWith(r, path);
        if (says.isEmpty()) {
            QVERIFY2(said.isEmpty(), qPrintable(said));
            return;
        }
        QVERIFY2(said.contains(says), qPrintable(said));
        // The sentence names the file the person gave (not where a link leads) and says how to mend it.
        QVERIFY2(said.contains(path), qPrintable(said));
        if (!attack.contains(QLatin1String("a folder")))
            QVERIFY2(said.contains(QLatin1String("chmod go-w")) || said.contains(QLatin1String("chown")) || said.contains(QLatin1String("keep it in a folder")),
                     qPrintable(said));
    }

    /// A named pipe where a keyring should be: refused at once, not waited on (an open of a pipe without a writer
    /// blocks; the console would hang at start).
    void aPipeIsRefusedWithoutWaiting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("consoles.json"));
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0644) == 0);
        auto k = ConsoleKeyring::load(path);
        QVERIFY(!k);
        QVERIFY2(k.error().contains(QLatin1String("is not a regular file")), qPrintable(k.error()));
    }

    /// Every folder up to / is looked at: a keyring two folders below one that anyone may write is refused (that
    /// folder's writer can rename the whole branch away and put their own in its place).
    void aWritableFolderHigherUpIsRefusedToo()
    {
        QTemporaryDir dir;
        const QString top = dir.filePath(QStringLiteral("shared"));
        const QString deep = top + QStringLiteral("/cityops/keys");
        QVERIFY(QDir().mkpath(deep));
        QVERIFY(setMode(top + QStringLiteral("/cityops"), 0755) && setMode(deep, 0755));
        QVERIFY(writeGood(Reader::ConsoleKeyring, deep + QStringLiteral("/consoles.json")));
        QVERIFY(setMode(top, 0777));
        auto k = ConsoleKeyring::load(deep + QStringLiteral("/consoles.json"));
        QVERIFY(!k);
        QVERIFY2(k.error().contains(QStringLiteral("the folder %1, which others may change").arg(top)), qPrintable(k.error()));
        QVERIFY(setMode(top, 0755));
        QVERIFY2(ConsoleKeyring::load(deep + QStringLiteral("/consoles.json")), "the same keyring, its folders mended");
    }

    /// Under a umask of 002 (user-private groups), folders made the usual way are group-writable and the keyring in
    /// them would be refused at the next start; the folders the tools make for these files are not.
    void foldersMadeForTrustedFilesStayTrusted()
    {
        QTemporaryDir dir;
        const mode_t before = ::umask(002);
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("usual/cityops"))));
        const Status made = trustfile::makeFolder(dir.filePath(QStringLiteral("made/cityops/keys")));
        ::umask(before);
        QVERIFY2(made, qPrintable(made.error()));
        QVERIFY(writeGood(Reader::ConsoleKeyring, dir.filePath(QStringLiteral("usual/cityops/consoles.json"))));
        QVERIFY(writeGood(Reader::ConsoleKeyring, dir.filePath(QStringLiteral("made/cityops/keys/consoles.json"))));
        const auto usual = ConsoleKeyring::load(dir.filePath(QStringLiteral("usual/cityops/consoles.json")));
        QVERIFY2(!usual && usual.error().contains(QLatin1String("mode 0775")), "QDir::mkpath under umask 002 makes folders its group may write");
        const auto made2 = ConsoleKeyring::load(dir.filePath(QStringLiteral("made/cityops/keys/consoles.json")));
        QVERIFY2(made2, qPrintable(made2.error()));
        QVERIFY(trustfile::makeFolder(dir.filePath(QStringLiteral("made/cityops/keys"))));   // already there: fine
        QVERIFY(!trustfile::makeFolder(dir.filePath(QStringLiteral("made/cityops/keys/consoles.json/x"))));   // a file in the way
    }

    /// A CA certificate decides which server is believed — the broker (its reports, where commands go) and the LDAP
    /// server (which gets people's passwords): one others may change is refused, by the link and by the mapping.
    void certificatesThatDecideWhichServerIsBelieved()
    {
        QTemporaryDir dir;
        const QString ca = dir.filePath(QStringLiteral("ca.crt"));
        QFile f(ca);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("-----BEGIN CERTIFICATE-----\n") > 0);
        f.close();
        const QByteArray mapping = QJsonDocument(QJsonObject{{QStringLiteral("caFile"), ca},
                                                             {QStringLiteral("groups"), QJsonObject{{QStringLiteral("ops"), QJsonObject{{QStringLiteral("role"), QStringLiteral("operator")}}}}}})
                                       .toJson();
        MqttOptions link;
        link.url = BrokerUrl::parse(QStringLiteral("mqtts://broker.city.example:8883")).value();
        link.caFile = ca;
        QVERIFY(setMode(ca, 0644));
        QVERIFY2(LdapMapping::fromJson(mapping, QStringLiteral("map.json")), "kept properly");
        QVERIFY2(completeTlsOptions(link, {}), "kept properly");
        QVERIFY(setMode(ca, 0664));
        const auto m = LdapMapping::fromJson(mapping, QStringLiteral("map.json"));
        QVERIFY(!m);
        QVERIFY2(m.error().contains(QLatin1String("the LDAP server's CA certificate")) && m.error().contains(QLatin1String("chmod go-w")),
                 qPrintable(m.error()));
        const Status l = completeTlsOptions(link, {});
        QVERIFY(!l);
        QVERIFY2(l.error().contains(QLatin1String("the broker's CA certificate")) && l.error().contains(QLatin1String("mode 0664")), qPrintable(l.error()));
    }

    /// Writing such a file where others could replace it is refused by the writer too — the admin tool, the gateway's
    /// first start, a console making its directory — and nothing is left there (the next reader would refuse it).
    void writersRefuseAPlaceOthersCouldChange()
    {
        QTemporaryDir dir;
        const QString shared = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(shared));
        QVERIFY(setMode(shared, 0777));
        ConsoleKeyring keyring;
        QVERIFY(keyring.add(QStringLiteral("desk-1"), CommandSigner::generate().publicKeyPem()));
        const Status saved = keyring.save(shared + QStringLiteral("/consoles.json"));
        QVERIFY2(!saved && saved.error().contains(QLatin1String("which others may change (mode 0777)")), qPrintable(saved.error()));
        const auto memory = ReplayMemory::open(shared + QStringLiteral("/sim.replay"), 0);
        QVERIFY2(!memory && memory.error().contains(QLatin1String("the replay memory")), qPrintable(memory.error()));
        // Folders not made yet do not hide the one above them that anyone may write.
        const Status deep = trustfile::checkPlace(shared + QStringLiteral("/not/made/yet/consoles.json"), QStringLiteral("the console keyring"));
        QVERIFY2(!deep && deep.error().contains(QStringLiteral("the folder %1, which others may change").arg(shared)), qPrintable(deep.error()));
        const auto users = UserDirectory::open(shared + QStringLiteral("/users.db"), UserDirectory::Mode::CreateIfMissing);
        QVERIFY2(!users && users.error().contains(QLatin1String("the user directory")), qPrintable(users.error()));
        QCOMPARE(QDir(shared).entryList(QDir::Files | QDir::Hidden), QStringList{});
        QVERIFY(setMode(shared, 0755));
        QVERIFY(keyring.save(shared + QStringLiteral("/consoles.json")));
        QVERIFY(ReplayMemory::open(shared + QStringLiteral("/sim.replay"), 0));
        QVERIFY(UserDirectory::open(shared + QStringLiteral("/users.db"), UserDirectory::Mode::CreateIfMissing));
    }

    void aFileTooLargeIsRefusedUnread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ldap-map.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(2 << 20));
        f.close();
        QVERIFY(setMode(path, 0644));
        auto m = LdapMapping::load(path);
        QVERIFY(!m);
        QVERIFY2(m.error().contains(QLatin1String("too large")), qPrintable(m.error()));
    }
};

QTEST_GUILESS_MAIN(TestTrustFile)
#include "tst_trustfile.moc"
