// What the recording's disk has left and when it fills (DiskOutlook), from readings given with their times: a disk
// filling at a steady pace is foreseen, a steady one (retention freeing what is written) is not said to fill, a burst
// that is let go again is not a trend, a clock that goes back starts the pace again. The store taking the readings:
// tst_storedurability; what the operator sees: tst_statusline.
#include "store/diskoutlook.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

constexpr std::int64_t kMb = 1024 * 1024;
constexpr std::int64_t kMinute = 60'000;

} // namespace

class TestDiskOutlook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nothingIsSaidBeforeAReading()
    {
        const DiskOutlook disk;
        QVERIFY(!disk.outlook());
    }

    void oneReadingSaysWhatIsLeftButNoPace()
    {
        DiskOutlook roomy;
        roomy.read(0, 10'000 * kMb);
        QCOMPARE(roomy.outlook()->freeBytes, 10'000 * kMb);
        QVERIFY(!roomy.outlook()->fullInMs);
        QVERIFY(!roomy.outlook()->low);
        DiskOutlook nearlyFull;
        nearlyFull.read(0, 100 * kMb);
        QVERIFY(nearlyFull.outlook()->low);   // whatever the pace
        QVERIFY(!nearlyFull.outlook()->fullInMs);
    }

    void aDiskFillingAtAPaceIsForeseen()
    {
        // 10 MB a minute from 2 GB: no pace before ten minutes of readings, then the time to full at that pace.
        DiskOutlook disk;
        for (int m = 0; m <= 9; ++m)
            disk.read(m * kMinute, 2048 * kMb - m * 10 * kMb);
        QVERIFY(!disk.outlook()->fullInMs);
        QVERIFY(!disk.outlook()->low);
        for (int m = 10; m <= 15; ++m)
            disk.read(m * kMinute, 2048 * kMb - m * 10 * kMb);
        const DiskOutlook::Outlook o = *disk.outlook();
        QCOMPARE(o.freeBytes, 1898 * kMb);
        QCOMPARE(o.bytesPerHour, 600 * kMb);
        QVERIFY(o.fullInMs);
        QCOMPARE(*o.fullInMs, 11'388'000);   // 1,898 MB at 10 MB a minute: 189.8 min
        QVERIFY(o.low);   // within a day
    }

    void aSlowFillIsSaidOnlyWithinADay()
    {
        // 1 GB a day from 100 GB: a hundred days, nothing to warn of; from 900 MB: under a day.
        DiskOutlook slow;
        for (int m = 0; m <= 60; ++m)
            slow.read(m * kMinute, 100'000 * kMb - m * 1024 * kMb / (24 * 60));
        QVERIFY(slow.outlook()->fullInMs);
        QVERIFY(*slow.outlook()->fullInMs > 90 * 24 * 3600'000LL);
        QVERIFY(!slow.outlook()->low);
        DiskOutlook close;
        for (int m = 0; m <= 60; ++m)
            close.read(m * kMinute, 900 * kMb - m * 1024 * kMb / (24 * 60));
        QVERIFY(close.outlook()->fullInMs && *close.outlook()->fullInMs < DiskOutlook::kWarnAheadMs);
        QVERIFY(close.outlook()->low);
    }

    void aSteadyDiskIsNotSaidToFillOnceTheHourHasPassed()
    {
        // Retention frees as much as the recording writes: after the filling hour has gone out of the window, no pace.
        DiskOutlook disk;
        std::int64_t t = 0;
        for (int m = 0; m < 30; ++m, t += kMinute)
            disk.read(t, 5000 * kMb - m * 50 * kMb);
        QVERIFY(disk.outlook()->low);
        for (int m = 0; m <= 61; ++m, t += kMinute)
            disk.read(t, 3550 * kMb);
        QVERIFY(!disk.outlook()->fullInMs);
        QCOMPARE(disk.outlook()->bytesPerHour, 0);
        QVERIFY(!disk.outlook()->low);
    }

    void aBurstLetGoAgainIsNotATrend()
    {
        // A checkpoint's log of 400 MB written and let go within three minutes, on a disk otherwise steady.
        DiskOutlook disk;
        for (int m = 0; m <= 40; ++m)
            disk.read(m * kMinute, (m >= 20 && m < 23 ? 4600 : 5000) * kMb);
        const DiskOutlook::Outlook o = *disk.outlook();
        QVERIFY2(!o.low, qPrintable(QString::number(o.fullInMs.value_or(-1))));
    }

    void moreRoomIsNoPace()
    {
        DiskOutlook disk;
        for (int m = 0; m <= 20; ++m)
            disk.read(m * kMinute, 1000 * kMb + m * 10 * kMb);
        QVERIFY(!disk.outlook()->fullInMs);
        QCOMPARE(disk.outlook()->bytesPerHour, 0);
    }

    void aClockThatGoesBackStartsThePaceAgain()
    {
        DiskOutlook disk;
        for (int m = 0; m <= 20; ++m)
            disk.read(100 * kMinute + m * kMinute, 2000 * kMb - m * 10 * kMb);
        QVERIFY(disk.outlook()->fullInMs);
        disk.read(5 * kMinute, 1790 * kMb);
        QVERIFY(!disk.outlook()->fullInMs);
        QCOMPARE(disk.outlook()->freeBytes, 1790 * kMb);
        // From there, the pace of the readings since, not mixed with those of the clock before.
        for (int m = 1; m <= 15; ++m)
            disk.read((5 + m) * kMinute, 1790 * kMb - m * 10 * kMb);
        QVERIFY(disk.outlook()->fullInMs);
        QCOMPARE(disk.outlook()->bytesPerHour, 600 * kMb);
    }

    void theFileSystemSaysWhatIsFreeBesideAFile()
    {
        QTemporaryDir dir;
        const std::optional<std::int64_t> free = freeBytesBeside(dir.filePath(QStringLiteral("a.store")));
        QVERIFY(free && *free > 0);
        QVERIFY(!freeBytesBeside(dir.filePath(QStringLiteral("no/such/folder/a.store"))));
    }
};

QTEST_MAIN(TestDiskOutlook)
#include "tst_diskoutlook.moc"
