// The floor of the numbers a console puts on the wire, kept in a file across runs: a restart after the clock was set
// back goes on above what the earlier run sent; the file is written once per minute of the clock, before a number
// above it leaves; a damaged or unwritable file costs the floor only, and says so.
#include "link/wirenumbers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

constexpr std::uint64_t kNowUs = 1'796'000'000'000'000;   // a wall clock in microseconds (late 2026)
constexpr std::uint64_t kHourUs = 3'600'000'000;

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool put(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class TestWireNumbers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void numbersRiseWithTheClockAndNeverRepeat()
    {
        WireNumbers numbers;
        QCOMPARE(numbers.next(kNowUs), kNowUs);
        QCOMPARE(numbers.next(kNowUs), kNowUs + 1);           // the same microsecond twice
        QCOMPARE(numbers.next(kNowUs - kHourUs), kNowUs + 2);  // the clock set back while running
        QCOMPARE(numbers.next(kNowUs + 5), kNowUs + 5);
    }

    /// The clock ran an hour ahead in the earlier run and was set right before this one.
    void aRestartGoesOnAboveTheEarlierRunWhateverTheClockSays()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wire-numbers/desk-a"));   // its folder made when first written
        std::uint64_t lastSent = 0;
        {
            WireNumbers earlier(path);
            QVERIFY(earlier.problem().isEmpty());
            for (int i = 0; i < 3; ++i)
                lastSent = earlier.next(kNowUs + kHourUs);
        }
        WireNumbers restarted(path);
        const std::uint64_t first = restarted.next(kNowUs);
        QVERIFY2(first > lastSent, qPrintable(QStringLiteral("%1 after %2").arg(first).arg(lastSent)));
        QVERIFY(restarted.problem().isEmpty());

        // Kept before a number leaves, not when the run ends: a crash leaves the floor in place.
        WireNumbers running(path);
        const std::uint64_t sent = running.next(kNowUs + 2 * kHourUs);
        QVERIFY(WireNumbers(path).next(kNowUs) > sent);
    }

    /// The file is written when a number passes its ceiling, a minute ahead: seen by putting a folder where it goes,
    /// which no write gets past (whoever runs the test).
    void theFileIsWrittenOnlyWhenANumberPassesItsCeiling()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("desk-a"));
        WireNumbers numbers(path);
        numbers.next(kNowUs);
        QCOMPARE(contents(path), QByteArray::number(kNowUs + WireNumbers::kReserve) + '\n');

        QVERIFY(QFile::remove(path));
        QVERIFY(QDir().mkpath(path));
        for (std::uint64_t us = kNowUs + 1; us <= kNowUs + WireNumbers::kReserve; us += WireNumbers::kReserve / 4)
            numbers.next(us);
        QVERIFY2(numbers.problem().isEmpty(), qPrintable(numbers.problem()));
        const std::uint64_t past = numbers.next(kNowUs + WireNumbers::kReserve + 1);
        QCOMPARE(past, kNowUs + WireNumbers::kReserve + 1);   // handed out all the same: only the floor is lost
        QVERIFY2(numbers.problem().contains(QStringLiteral("cannot write")), qPrintable(numbers.problem()));
        QVERIFY(numbers.next(kNowUs) > past);
    }

    void aDamagedFileCostsTheFloorAndIsWrittenAnew_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("words") << QByteArray("not a number\n");
        QTest::newRow("negative") << QByteArray("-5\n");
        QTest::newRow("past any clock") << QByteArray::number(WireNumbers::kLargest + 1);
        QTest::newRow("beyond 64 bits") << QByteArray("99999999999999999999\n");
        QTest::newRow("two numbers") << QByteArray("12 34\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3);
    }

    void aDamagedFileCostsTheFloorAndIsWrittenAnew()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("desk-a"));
        QVERIFY(put(path, bytes));
        WireNumbers numbers(path);
        QVERIFY2(numbers.problem().contains(QStringLiteral("is damaged")), qPrintable(numbers.problem()));
        QCOMPARE(numbers.next(kNowUs), kNowUs);   // the clock alone
        QVERIFY2(numbers.problem().isEmpty(), qPrintable(numbers.problem()));
        QCOMPARE(contents(path), QByteArray::number(kNowUs + WireNumbers::kReserve) + '\n');
    }

    void aFileThatCannotBeReadIsSaid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("desk-a"));
        QVERIFY(QDir().mkpath(path));   // a folder where the file goes: cannot be read as one, nor replaced
        WireNumbers numbers(path);
        QVERIFY(!numbers.problem().isEmpty());
        QCOMPARE(numbers.next(kNowUs), kNowUs);
        QVERIFY(!numbers.problem().isEmpty());
    }
};

QTEST_MAIN(TestWireNumbers)
#include "tst_wirenumbers.moc"
