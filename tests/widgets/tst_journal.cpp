// The event log: entries wrap and read whole in a narrow dock; new entries arrive at the top and the ones the log
// lets go of leave at the bottom without disturbing what a person selected or scrolled to; a replaced log (a seek in
// replay) is shown as it is now; a filter narrows it to the lines with a name, an incident or a device.
#include "engine/engine.h"
#include "livecity.h"
#include "panels/journalpanel.h"
#include "storetesting.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Books the test writes into, as the live engine or a replay would.
class Books : public CityStateSource {
public:
    explicit Books(std::shared_ptr<const CityModel> city) : m_books(std::move(city)) {}
    const CityBooks &books() const override { return m_books; }
    std::int64_t nowMs() const override { return m_nowMs; }

    /// One sign-in per entry, `n` of them, numbered on from the last.
    void add(int n)
    {
        std::vector<Event> events;
        for (int i = 0; i < n; ++i, ++m_seq, m_nowMs += 1000)
            events.push_back(Event{m_seq, m_nowMs, kNoDevice,
                                   OperatorActionPayload{OperatorAction::SignIn, QStringLiteral("person-%1").arg(m_seq), {}}});
        m_books.apply(events);
    }
    void reset(std::vector<ActivityLog::Entry> entries) { m_books.activity().reset(std::move(entries)); }

private:
    CityBooks m_books;
    std::uint64_t m_seq = 1;
    std::int64_t m_nowMs = 1'794'999'000'000;
};

LiveCity &readingFrom(LiveCity &live, const Books &books)
{
    live.setSource(&books);
    return live;
}

/// The event log panel over books the test writes, through the console's own LiveCity.
struct Log {
    Engine engine{fixtureCity()};   // not started: the panel reads the books the test sets
    CityMirror scene{fixtureCity()};
    LiveCity live{engine, scene};
    Books books{fixtureCity()};
    JournalPanel journal{readingFrom(live, books)};
};

QStringList texts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void newEntriesArriveAtTheTopAndTheOldestLeave()
    {
        Log log;
        Books &books = log.books;
        LiveCity &live = log.live;
        JournalPanel &journal = log.journal;
        journal.resize(400, 300);
        QListWidget *list = journal.list();

        books.add(3);
        live.refresh();
        QCOMPARE(list->count(), 3);
        QVERIFY(list->item(0)->text().contains(QLatin1String("person-3")));   // newest first
        QVERIFY(list->item(2)->text().contains(QLatin1String("person-1")));

        // A person reads an older entry: new ones come in above it, it stays theirs.
        QListWidgetItem *reading = list->item(1);
        list->setCurrentItem(reading);
        books.add(2);
        live.refresh();
        QCOMPARE(list->count(), 5);
        QVERIFY(list->item(0)->text().contains(QLatin1String("person-5")));
        QCOMPARE(list->currentItem(), reading);   // the same row object: not rebuilt under the person
        QVERIFY(reading->text().contains(QLatin1String("person-2")));

        // Past its capacity the log lets go of its oldest: so does the list, from the bottom, the reading kept.
        books.add(int(ActivityLog::kCapacity) - 5 + 1);   // one more than fits
        live.refresh();
        QCOMPARE(list->count(), int(ActivityLog::kCapacity));
        QVERIFY(list->item(0)->text().contains(QStringLiteral("person-%1").arg(ActivityLog::kCapacity + 1)));
        QVERIFY(list->item(list->count() - 1)->text().contains(QLatin1String("person-2")));
        QCOMPARE(list->currentItem(), reading);
        books.add(1);   // now the entry being read leaves the log too
        live.refresh();
        QCOMPARE(list->count(), int(ActivityLog::kCapacity));
        QVERIFY(list->item(list->count() - 1)->text().contains(QLatin1String("person-3")));

        // Many more than the list holds since it last looked: the list is the log as it is now.
        books.add(int(ActivityLog::kCapacity) + 20);
        live.refresh();
        QCOMPARE(list->count(), int(ActivityLog::kCapacity));
        QVERIFY(list->item(0)->text().contains(QStringLiteral("person-%1").arg(2 * ActivityLog::kCapacity + 22)));

        // A seek in replay replaces the log: shown as it is, not stacked on what was there.
        books.reset({{7, 1'794'999'100'000, QStringLiteral("sign-in olga")}, {9, 1'794'999'160'000, QStringLiteral("sign-in sven")}});
        live.refresh();
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().contains(QLatin1String("sven")));
        QVERIFY(list->item(1)->text().contains(QLatin1String("olga")));
        // The newest the same, what led to it not (markers seeded again at a seek): built anew, not trimmed.
        books.reset({{5, 1'794'999'050'000, QStringLiteral("sign-in anna")}, {9, 1'794'999'160'000, QStringLiteral("sign-in sven")}});
        live.refresh();
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().contains(QLatin1String("sven")));
        QVERIFY(list->item(1)->text().contains(QLatin1String("anna")));
        // The same seq again, other entries (another recording's): built anew too.
        books.reset({{9, 1'794'999'160'000, QStringLiteral("sign-in rolf")}});
        live.refresh();
        QCOMPARE(texts(list).size(), 1);
        QVERIFY(list->item(0)->text().contains(QLatin1String("rolf")));
        books.reset({});
        live.refresh();
        QCOMPARE(list->count(), 0);
    }

    void aSupervisorNarrowsTheLogToWhatTheyLookFor()
    {
        Log log;
        Books &books = log.books;
        LiveCity &live = log.live;
        JournalPanel &journal = log.journal;
        QListWidget *list = journal.list();
        books.add(12);   // person-1 … person-12
        live.refresh();
        const auto shown = [&] {
            QStringList out;
            for (int i = 0; i < list->count(); ++i)
                if (!list->item(i)->isHidden())
                    out << list->item(i)->text();
            return out;
        };
        QVERIFY(journal.shownCount()->isHidden());   // nothing to count without a filter
        QTest::keyClicks(journal.filter(), QStringLiteral("PERSON-1"));   // any case
        QCOMPARE(shown().size(), 4);   // person-1, -10, -11, -12
        QVERIFY(shown().front().contains(QLatin1String("person-12")));
        QVERIFY(!journal.shownCount()->isHidden());
        QCOMPARE(journal.shownCount()->text(), QStringLiteral("4 of 12 line(s) shown"));
        // New lines keep to the filter as they arrive (and the rest of the log is still there).
        books.add(11);   // person-13 … person-23: seven of them fit
        live.refresh();
        QCOMPARE(list->count(), 23);
        QCOMPARE(shown().size(), 11);
        QVERIFY(shown().front().contains(QLatin1String("person-19")));
        QCOMPARE(journal.shownCount()->text(), QStringLiteral("11 of 23 line(s) shown"));
        QTest::keyClick(journal.filter(), Qt::Key_Backspace);
        QTest::keyClicks(journal.filter(), QStringLiteral("3"));   // "PERSON-3": person-3, not person-13
        QCOMPARE(shown().size(), 1);
        // A log replaced (a seek in replay) is filtered the same way.
        books.reset({{3, 1'794'999'100'000, QStringLiteral("sign-in person-3")}, {4, 1'794'999'160'000, QStringLiteral("sign-in olga")}});
        live.refresh();
        QCOMPARE(shown().size(), 1);
        QCOMPARE(journal.shownCount()->text(), QStringLiteral("1 of 2 line(s) shown"));
        // Esc in the filter shows everything again.
        QTest::keyClick(journal.filter(), Qt::Key_Escape);
        QVERIFY(journal.filter()->text().isEmpty());
        QCOMPARE(shown().size(), 2);
        QVERIFY(journal.shownCount()->isHidden());
    }

    void entriesWrapInANarrowDock()
    {
        Log log;
        Books &books = log.books;
        LiveCity &live = log.live;
        JournalPanel &journal = log.journal;
        books.reset({{1, 1'794'999'100'000,
                      QStringLiteral("incident #8 acknowledgement overdue: not acknowledged within 5 min: escalated to supervisors")},
                     {2, 1'794'999'160'000, QStringLiteral("sign-in olga")}});
        live.refresh();
        journal.resize(260, 400);
        const QImage shown = journal.grab().toImage();   // laid out and painted as a person would see it
        QVERIFY(!shown.isNull());
        QListWidget *list = journal.list();
        const int lineHeight = list->fontMetrics().height();
        const QRect longOne = list->visualItemRect(list->item(1));
        const QRect shortOne = list->visualItemRect(list->item(0));
        QVERIFY(longOne.right() <= list->viewport()->width());
        QVERIFY2(longOne.height() >= 3 * lineHeight, qPrintable(QString::number(longOne.height())));   // whole, on lines of its own
        QVERIFY(shortOne.height() < 2 * lineHeight);
        QVERIFY(!list->horizontalScrollBar()->isVisible());
    }
};

QTEST_MAIN(TestJournal)
#include "tst_journal.moc"
