#include "state/eventqueue.h"
#include "state/incidentbook.h"
#include "state/sequencer.h"

#include <QTest>

#include <thread>

using namespace cityops;

namespace {
std::vector<Event> batch(std::initializer_list<std::int64_t> times)
{
    std::vector<Event> out;
    for (auto t : times)
        out.push_back(Event{0, t, 0, PresencePayload{true}});
    return out;
}
} // namespace

class TestSequencer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stampsContiguousSeqAndMonotoneTime()
    {
        Sequencer seq;
        std::vector<std::uint64_t> seen;
        std::vector<std::int64_t> times;
        seq.addConsumer([&](const std::vector<Event> &b) {
            for (const Event &e : b) {
                seen.push_back(e.seq);
                times.push_back(e.timeMs);
            }
        });
        auto a = batch({100, 200, 150});   // a device clock that goes back
        auto b = batch({140, 300});
        seq.process(a);
        seq.process(b);
        QCOMPARE(seen, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
        QCOMPARE(times, (std::vector<std::int64_t>{100, 200, 200, 200, 300}));
        QCOMPARE(seq.lastSeq(), std::uint64_t(5));
        QCOMPARE(seq.lastTimeMs(), std::int64_t(300));
    }

    void consumersRunInOrder()
    {
        Sequencer seq;
        QStringList order;
        seq.addConsumer([&](const std::vector<Event> &) { order << QStringLiteral("state"); });
        seq.addConsumer([&](const std::vector<Event> &) { order << QStringLiteral("incidents"); });
        auto b = batch({1});
        seq.process(b);
        QCOMPARE(order, (QStringList{QStringLiteral("state"), QStringLiteral("incidents")}));
    }

    void queueDropsAreCounted()
    {
        EventQueue queue(4);
        QCOMPARE(queue.push(batch({1, 2, 3}), Overflow::DropNewest), size_t(3));
        QCOMPARE(queue.push(batch({4, 5, 6}), Overflow::DropNewest), size_t(1));
        QCOMPARE(queue.dropped(), std::uint64_t(2));
        std::vector<Event> out;
        QVERIFY(queue.popAll(out, std::chrono::milliseconds(10)));
        QCOMPARE(out.size(), size_t(4));
        QCOMPARE(out.back().timeMs, std::int64_t(4)); // the newest were the ones dropped
    }

    void blockingProducerLosesNothing()
    {
        EventQueue queue(8);
        std::thread producer([&] {
            for (int i = 0; i < 100; ++i)
                queue.push(batch({i, i, i}), Overflow::Block);
            queue.close();
        });
        size_t received = 0;
        std::vector<Event> out;
        while (queue.popAll(out, std::chrono::milliseconds(50))) {
            received += out.size();
            out.clear();
        }
        received += out.size();
        producer.join();
        QCOMPARE(received, size_t(300));
        QCOMPARE(queue.dropped(), std::uint64_t(0));
    }

    void incidentBookTracksLifecycle()
    {
        IncidentBook book(2);
        std::vector<Event> events;
        for (IncidentId id = 1; id <= 5; ++id) {
            IncidentRaisedPayload p;
            p.id = id;
            p.severity = IncidentSeverity::Major;
            events.push_back(Event{id, std::int64_t(id) * 1000, kNoDevice, p});
        }
        book.apply(events);
        QCOMPARE(book.openCount(), size_t(5));
        const auto v = book.version();
        book.apply({Event{6, 6000, kNoDevice, IncidentClearedPayload{2}}, Event{7, 7000, kNoDevice, IncidentClearedPayload{99}}});
        QVERIFY(book.version() > v);
        QCOMPARE(book.openCount(), size_t(4));
        std::vector<Incident> all;
        book.snapshot(all);
        const auto it = std::find_if(all.begin(), all.end(), [](const Incident &i) { return i.id == 2; });
        QVERIFY(it != all.end());
        QCOMPARE(it->state, IncidentState::Resolved);
        QCOMPARE(it->resolvedMs, std::int64_t(6000));
        QCOMPARE(it->raisedMs, std::int64_t(2000));
        // Only the newest resolved incidents are kept (bound 2); open ones always stay.
        book.apply({Event{8, 8000, kNoDevice, IncidentClearedPayload{1}}, Event{9, 9000, kNoDevice, IncidentClearedPayload{3}}});
        book.snapshot(all);
        QCOMPARE(book.openCount(), size_t(2));
        QCOMPARE(all.size(), size_t(4));
        QVERIFY(std::none_of(all.begin(), all.end(), [](const Incident &i) { return i.id == 2; }));
    }
};

QTEST_GUILESS_MAIN(TestSequencer)
#include "tst_sequencer.moc"
