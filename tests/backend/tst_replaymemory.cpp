// The gateway's durable replay memory (issue 13): what it remembered survives reopening, expired entries are
// dropped, a line torn by a crash at the end is ignored, damage elsewhere is refused with a sentence and the file is
// left as it was, and the file is private to its owner.
#include "link/replaymemory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

class TestReplayMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void remembersAcrossReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("replay.mem"));
        const QByteArray a(16, 'a'), b(16, 'b'), c(16, 'c');
        {
            auto memory = ReplayMemory::open(path, 1000);
            QVERIFY2(memory, qPrintable(memory.error()));
            QVERIFY(!memory.value().contains(a));
            QVERIFY(memory.value().remember(a, 5000).ok());
            QVERIFY(memory.value().remember(b, 9000).ok());
            QVERIFY(memory.value().contains(a));
        }   // like a killed gateway: nothing more is written on the way out
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther), QFileDevice::Permissions{});
        auto later = ReplayMemory::open(path, 6000);   // a's command has expired by now
        QVERIFY2(later, qPrintable(later.error()));
        QVERIFY(!later.value().contains(a));
        QVERIFY(later.value().contains(b));
        QVERIFY(!later.value().contains(c));
        QCOMPARE(later.value().size(), size_t(1));
    }

    void aTornLastLineIsIgnoredButDamageElsewhereIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("replay.mem"));
        const QByteArray whole = QByteArray(16, 'x').toHex() + " 9000\n";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(whole + QByteArray(16, 'y').toHex().left(20));   // the gateway died in the middle of a line
        f.close();
        auto torn = ReplayMemory::open(path, 1000);
        QVERIFY2(torn, qPrintable(torn.error()));
        QVERIFY(torn.value().contains(QByteArray(16, 'x')));
        QCOMPARE(torn.value().size(), size_t(1));

        const QByteArray damaged = whole + "not a nonce 123\n" + QByteArray(16, 'z').toHex() + " 9000\n";
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(damaged);
        f.close();
        auto refused = ReplayMemory::open(path, 1000);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("damaged at line 2")), qPrintable(refused.error()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), damaged);   // left exactly as it was
    }

    void anUnwritableFileIsAnError()
    {
        QTemporaryDir dir;
        auto memory = ReplayMemory::open(dir.filePath(QStringLiteral("missing-folder/replay.mem")), 0);
        QVERIFY(!memory);
        QVERIFY2(memory.error().contains(QLatin1String("cannot write the replay memory")), qPrintable(memory.error()));
    }
};

QTEST_GUILESS_MAIN(TestReplayMemory)
#include "tst_replaymemory.moc"
