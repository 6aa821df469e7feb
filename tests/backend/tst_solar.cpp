#include "sim/solar.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace cityops;

class TestSolar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void berlinSunTimes_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QTime>("sunriseUtc");
        QTest::addColumn<QTime>("sunsetUtc");
        // Published almanac times for Berlin (52.52 N, 13.405 E), local time minus the UTC offset.
        QTest::newRow("summer solstice") << QDate(2026, 6, 21) << QTime(2, 43) << QTime(19, 33);
        QTest::newRow("winter solstice") << QDate(2026, 12, 21) << QTime(7, 15) << QTime(14, 54);
        QTest::newRow("equinox") << QDate(2026, 3, 20) << QTime(5, 8) << QTime(17, 18);
    }
    void berlinSunTimes()
    {
        QFETCH(QDate, date);
        QFETCH(QTime, sunriseUtc);
        QFETCH(QTime, sunsetUtc);
        const auto t = solar::sunTimes(date, 52.52, 13.405);
        QVERIFY(t.sunriseUtcMs && t.sunsetUtcMs);
        const auto expectRise = QDateTime(date, sunriseUtc, QTimeZone::utc()).toMSecsSinceEpoch();
        const auto expectSet = QDateTime(date, sunsetUtc, QTimeZone::utc()).toMSecsSinceEpoch();
        QVERIFY2(std::abs(*t.sunriseUtcMs - expectRise) < 3 * 60'000,
                 qPrintable(QDateTime::fromMSecsSinceEpoch(*t.sunriseUtcMs, QTimeZone::utc()).toString()));
        QVERIFY2(std::abs(*t.sunsetUtcMs - expectSet) < 3 * 60'000,
                 qPrintable(QDateTime::fromMSecsSinceEpoch(*t.sunsetUtcMs, QTimeZone::utc()).toString()));
    }

    void elevationAtNoonAndMidnight()
    {
        // Berlin, summer solstice: the sun culminates near 61 degrees (90 - 52.52 + 23.44).
        const auto noon = QDateTime(QDate(2026, 6, 21), QTime(11, 7), QTimeZone::utc()).toMSecsSinceEpoch();
        QVERIFY(std::abs(solar::elevationDeg(52.52, 13.405, noon) - 60.9) < 0.3);
        const auto midnight = QDateTime(QDate(2026, 6, 21), QTime(23, 7), QTimeZone::utc()).toMSecsSinceEpoch();
        QVERIFY(solar::elevationDeg(52.52, 13.405, midnight) < -10);
    }

    void polarNightAndMidnightSun()
    {
        const auto winter = solar::sunTimes(QDate(2026, 12, 21), 69.65, 18.96); // Tromsø
        QVERIFY(!winter.sunriseUtcMs && !winter.sunsetUtcMs);
        const auto summer = solar::sunTimes(QDate(2026, 6, 21), 69.65, 18.96);
        QVERIFY(!summer.sunriseUtcMs && !summer.sunsetUtcMs);
        QVERIFY(solar::elevationDeg(69.65, 18.96, QDateTime(QDate(2026, 6, 21), QTime(22, 0), QTimeZone::utc()).toMSecsSinceEpoch()) > 0);
    }
};

QTEST_GUILESS_MAIN(TestSolar)
#include "tst_solar.moc"
