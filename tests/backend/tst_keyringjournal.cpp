// The administrators' journal in a keyring file (security/keyringjournal.h): its lines numbered and kept with the
// keys through a save and a load; a keyring of an older release (no journal) read and written as before; every kind
// of line that cannot be a keyring's change an error naming it — while the keyring's keys are believed as before —
// and not written to, so a change is refused rather than a damaged journal replaced; only the last 1,000 kept.
#include "security/consolekeyring.h"
#include "security/keyringjournal.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

constexpr std::int64_t kMade = 1'764'000'000'000;   // 2025-11-24

AdminChange change(const QString &what, const QString &name, const QString &detail = {})
{
    return {0, 0, QStringLiteral("root@ops-1"), what, name, detail};
}

/// A journal of `lines` changes: desk-1 added, then removed and added again in turn.
QJsonValue journalOf(int lines)
{
    QJsonValue journal{QJsonValue::Undefined};
    for (int i = 0; i < lines; ++i)
        if (!keyringjournal::write(journal, change(i % 2 ? QStringLiteral("console-remove") : QStringLiteral("console-add"), QStringLiteral("desk-1"),
                                                   QStringLiteral("key 1a2b3c4d5e6f7a8b")),
                                   kMade + i, {}))
            return {};
    return journal;
}

QJsonObject lineOf(const QJsonValue &journal, int index) { return journal[QLatin1String("changes")].toArray().at(index).toObject(); }

QJsonValue withLine(const QJsonValue &journal, int index, const QJsonValue &line)
{
    QJsonObject o = journal.toObject();
    QJsonArray changes = o.value(QLatin1String("changes")).toArray();
    changes.replace(index, line);
    o.insert(QStringLiteral("changes"), changes);
    return o;
}

QJsonValue withField(const QJsonValue &journal, int index, const QString &field, const QJsonValue &value)
{
    QJsonObject line = lineOf(journal, index);
    if (value.isUndefined())
        line.remove(field);
    else
        line.insert(field, value);
    return withLine(journal, index, line);
}

} // namespace

class TestKeyringJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changesAreNumberedAndTravelWithTheKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("consoles.json"));
        ConsoleKeyring keyring;
        const CommandSigner desk = CommandSigner::generate();
        QVERIFY(keyring.add(QStringLiteral("desk-1"), desk.publicKeyPem()));
        for (const QString &what : {QStringLiteral("console-add"), QStringLiteral("console-remove"), QStringLiteral("console-add")})
            QVERIFY(keyringjournal::write(keyring.journal(), change(what, QStringLiteral("desk-1"), QStringLiteral("key %1").arg(desk.keyId())), kMade, {}));
        QVERIFY(keyring.save(path));

        auto loaded = ConsoleKeyring::load(path);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(loaded.value().verifierFor(QStringLiteral("desk-1"))->verify("x", desk.sign("x")));
        auto all = keyringjournal::read(loaded.value().journal(), 0, 100);
        QVERIFY2(all, qPrintable(all.error()));
        QCOMPARE(all.value().journalId.size(), 16);
        QCOMPARE(all.value().changes.size(), std::size_t(3));
        QCOMPARE(all.value().changes[0], (AdminChange{1, kMade, QStringLiteral("root@ops-1"), QStringLiteral("console-add"), QStringLiteral("desk-1"),
                                                      QStringLiteral("key %1").arg(desk.keyId())}));
        QCOMPARE(all.value().changes[2].id, 3);
        QVERIFY(!all.value().more);
        // From a place, a few at a time.
        auto part = keyringjournal::read(loaded.value().journal(), 1, 1);
        QCOMPARE(part.value().changes.size(), std::size_t(1));
        QCOMPARE(part.value().changes[0].what, QStringLiteral("console-remove"));
        QVERIFY(part.value().more);
        QCOMPARE(keyringjournal::read(loaded.value().journal(), 3, 100).value().changes.size(), std::size_t(0));
        // Which journal, without its lines.
        auto which = keyringjournal::read(loaded.value().journal(), 0, 0);
        QCOMPARE(which.value().journalId, all.value().journalId);
        QVERIFY(which.value().changes.empty());
        // Another keyring draws another journal id: a replaced file is told from the old one.
        QJsonValue other{QJsonValue::Undefined};
        QVERIFY(keyringjournal::write(other, change(QStringLiteral("approver-add"), QStringLiteral("sven")), kMade, {}));
        QVERIFY(keyringjournal::read(other, 0, 0).value().journalId != all.value().journalId);
    }

    void aKeyringWithoutAJournalIsReadAndWrittenAsBefore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("approvers.json"));
        ConsoleKeyring keyring(ConsoleKeyring::Kind::Approvers);
        QVERIFY(keyring.add(QStringLiteral("sven"), CommandSigner::generate().publicKeyPem()));
        QVERIFY(keyring.save(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("journal"));
        auto loaded = ConsoleKeyring::load(path, false, ConsoleKeyring::Kind::Approvers);
        QVERIFY(loaded.value().journal().isUndefined());
        auto read = keyringjournal::read(loaded.value().journal(), 0, 100);
        QVERIFY2(read, qPrintable(read.error()));
        QVERIFY(read.value().journalId.isEmpty());
        QVERIFY(read.value().changes.empty());
    }

    void aLineThatCannotBeAChangeIsAnErrorNamingIt_data()
    {
        QTest::addColumn<QJsonValue>("journal");
        QTest::addColumn<QString>("said");
        const QJsonValue good = journalOf(3);
        QTest::newRow("an account's word") << withField(good, 1, QStringLiteral("what"), QStringLiteral("set-role")) << QStringLiteral("line 2");
        QTest::newRow("an unknown word") << withField(good, 1, QStringLiteral("what"), QStringLiteral("grant-all")) << QStringLiteral("line 2");
        QTest::newRow("a number with a fraction") << withField(good, 1, QStringLiteral("id"), 2.5) << QStringLiteral("line 2 of the keyring's journal has no number");
        QTest::newRow("a time in words") << withField(good, 1, QStringLiteral("time_ms"), QStringLiteral("yesterday")) << QStringLiteral("has no time");
        QTest::newRow("a time past 9999") << withField(good, 1, QStringLiteral("time_ms"), 4e15) << QStringLiteral("line 2");
        QTest::newRow("an author of two words") << withField(good, 1, QStringLiteral("by"), QStringLiteral("root @ops")) << QStringLiteral("line 2");
        QTest::newRow("a name with a line break") << withField(good, 1, QStringLiteral("name"), QStringLiteral("desk\n1")) << QStringLiteral("line 2");
        QTest::newRow("a detail too long") << withField(good, 1, QStringLiteral("detail"), QString(401, QLatin1Char('x'))) << QStringLiteral("line 2");
        QTest::newRow("no detail") << withField(good, 1, QStringLiteral("detail"), QJsonValue::Undefined) << QStringLiteral("line 2 of the keyring's journal has no detail");
        QTest::newRow("not a change") << withLine(good, 1, 42) << QStringLiteral("line 2 of the keyring's journal is not a change");
        QTest::newRow("out of order") << withField(good, 2, QStringLiteral("id"), 1) << QStringLiteral("line 3 of the keyring's journal is numbered out of order");
        QJsonObject badId = good.toObject();
        badId.insert(QStringLiteral("id"), QStringLiteral("not-hex-at-all!!"));
        QTest::newRow("an id not drawn") << QJsonValue(badId) << QStringLiteral("is not one");
        QJsonObject noList = good.toObject();
        noList.insert(QStringLiteral("changes"), QStringLiteral("none"));
        QTest::newRow("no list") << QJsonValue(noList) << QStringLiteral("is not one");
        QTest::newRow("not an object") << QJsonValue(QStringLiteral("journal")) << QStringLiteral("is not one");
    }

    void aLineThatCannotBeAChangeIsAnErrorNamingIt()
    {
        QFETCH(QJsonValue, journal);
        QFETCH(QString, said);
        QVERIFY(keyringjournal::read(journalOf(3), 0, 100));   // the journal before the damage
        auto read = keyringjournal::read(journal, 0, 100);
        QVERIFY(!read);
        QVERIFY2(read.error().contains(said), qPrintable(read.error()));
        // Not written to: the change is refused, and the journal stays as it was (nothing it held lost unrecorded).
        QJsonValue written = journal;
        const Status refused = keyringjournal::write(written, change(QStringLiteral("console-add"), QStringLiteral("desk-2")), kMade, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("the change is not made")), qPrintable(refused.error()));
        QCOMPARE(written, journal);

        // The keys are believed as before: a gateway reads the keyring whatever its journal holds.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("consoles.json"));
        ConsoleKeyring keyring;
        QVERIFY(keyring.add(QStringLiteral("desk-1"), CommandSigner::generate().publicKeyPem()));
        keyring.journal() = journal;
        QVERIFY(keyring.save(path));
        auto loaded = ConsoleKeyring::load(path);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(loaded.value().verifierFor(QStringLiteral("desk-1")));
        QCOMPARE(loaded.value().journal(), journal);
    }

    void aLineThatCannotBeIsNotWritten()
    {
        QJsonValue journal = journalOf(2);
        const QJsonValue before = journal;
        QVERIFY(!keyringjournal::write(journal, change(QStringLiteral("set-role"), QStringLiteral("desk-1")), kMade, {}));
        QVERIFY(!keyringjournal::write(journal, change(QStringLiteral("console-add"), QStringLiteral("desk\n2")), kMade, {}));
        QVERIFY(!keyringjournal::write(journal, change(QStringLiteral("console-add"), QStringLiteral("desk-2")), -1, {}));
        QCOMPARE(journal, before);
    }

    void itSaysTheKeysItsLastChangeLeft()
    {
        QJsonValue journal{QJsonValue::Undefined};
        QVERIFY(keyringjournal::left(journal) && !keyringjournal::left(journal).value());   // no journal: nothing said
        const keyringjournal::Keys one{{QStringLiteral("desk-1"), QStringLiteral("1a2b3c4d5e6f7a8b")}};
        const keyringjournal::Keys two{{QStringLiteral("desk-1"), QStringLiteral("1a2b3c4d5e6f7a8b")}, {QStringLiteral("desk-2"), QStringLiteral("99aa88bb77cc66dd")}};
        QVERIFY(keyringjournal::write(journal, change(QStringLiteral("console-add"), QStringLiteral("desk-1")), kMade, one));
        QVERIFY(keyringjournal::write(journal, change(QStringLiteral("console-add"), QStringLiteral("desk-2")), kMade, two));
        auto left = keyringjournal::left(journal);
        QVERIFY2(left && left.value(), qPrintable(left ? QStringLiteral("nothing said") : left.error()));
        QCOMPARE(left.value()->change, 2);
        QVERIFY(left.value()->keys == two);
        // A journal whose last line an earlier release wrote says nothing of the keys.
        QJsonObject older = journal.toObject();
        older.remove(QStringLiteral("left"));
        QVERIFY(keyringjournal::left(older) && !keyringjournal::left(older).value());

        // What differs, in words, and at most so many named.
        keyringjournal::Keys now = two;
        now.erase(QStringLiteral("desk-1"));
        now[QStringLiteral("desk-2")] = QStringLiteral("0000111122223333");
        now[QStringLiteral("desk-9")] = QStringLiteral("4444555566667777");
        QCOMPARE(keyringjournal::differences(two, now),
                 QStringLiteral("desk-2's key replaced (0000111122223333 in place of 99aa88bb77cc66dd); desk-9 added (key 4444555566667777); desk-1 removed "
                                "(key 1a2b3c4d5e6f7a8b)"));
        QCOMPARE(keyringjournal::differences(two, now, 1), QStringLiteral("desk-2's key replaced (0000111122223333 in place of 99aa88bb77cc66dd); 2 more"));
        QVERIFY(keyringjournal::differences(two, now, 2).endsWith(QLatin1String("desk-9 added (key 4444555566667777); 1 more")));
        QCOMPARE(keyringjournal::differences(two, now, 3), keyringjournal::differences(two, now));
        QCOMPARE(keyringjournal::differences(two, two), QString());
        QCOMPARE(keyringjournal::digest(two), keyringjournal::digest(keyringjournal::Keys(two)));
        QVERIFY(keyringjournal::digest(two) != keyringjournal::digest(now));
        QCOMPARE(keyringjournal::digest(now).size(), 16);
    }

    void aLeftThatCannotBeIsAnError_data()
    {
        QTest::addColumn<QJsonValue>("left");
        QTest::newRow("not a list of names") << QJsonValue(QJsonArray{QStringLiteral("desk-1")});
        QTest::newRow("a key id in capitals") << QJsonValue(QJsonObject{{QStringLiteral("desk-1"), QStringLiteral("1A2B3C4D5E6F7A8B")}});
        QTest::newRow("a key id too short") << QJsonValue(QJsonObject{{QStringLiteral("desk-1"), QStringLiteral("1a2b")}});
        QTest::newRow("a key id a number") << QJsonValue(QJsonObject{{QStringLiteral("desk-1"), 12}});
        QTest::newRow("a name with a space") << QJsonValue(QJsonObject{{QStringLiteral("desk 1"), QStringLiteral("1a2b3c4d5e6f7a8b")}});
        QTest::newRow("an empty name") << QJsonValue(QJsonObject{{QString(), QStringLiteral("1a2b3c4d5e6f7a8b")}});
    }

    void aLeftThatCannotBeIsAnError()
    {
        // Said, and the journal not written to: the tool refuses the change rather than replace what it cannot read.
        QFETCH(QJsonValue, left);
        QJsonObject damaged = journalOf(2).toObject();
        damaged.insert(QStringLiteral("left"), left);
        const QJsonValue journal = damaged;
        auto read = keyringjournal::left(journal);
        QVERIFY(!read);
        QVERIFY2(read.error().contains(QLatin1String("(\"left\")")), qPrintable(read.error()));
        QJsonValue written = journal;
        QVERIFY(!keyringjournal::write(written, change(QStringLiteral("console-add"), QStringLiteral("desk-2")), kMade, {}));
        QCOMPARE(written, journal);
    }

    void keepsItsLastThousand()
    {
        const QJsonValue journal = journalOf(keyringjournal::kKept + 5);
        auto read = keyringjournal::read(journal, 0, 2 * keyringjournal::kKept);
        QVERIFY2(read, qPrintable(read.error()));
        QCOMPARE(int(read.value().changes.size()), keyringjournal::kKept);
        QCOMPARE(read.value().changes.front().id, 6);
        QCOMPARE(read.value().changes.back().id, keyringjournal::kKept + 5);
        QCOMPARE(read.value().changes.back().timeMs, kMade + keyringjournal::kKept + 4);
    }
};

QTEST_GUILESS_MAIN(TestKeyringJournal)
#include "tst_keyringjournal.moc"
