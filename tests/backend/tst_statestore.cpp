#include "state/statestore.h"

#include <QTest>

using namespace cityops;

namespace {
Event signal(DeviceIndex d, std::uint16_t phase)
{
    SignalPayload p;
    p.phase = phase;
    p.nextSwitchMs = 1000 + phase;
    return Event{0, 0, d, p};
}
} // namespace

class TestStateStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionsAdvancePerChange()
    {
        StateStore store(10);
        QCOMPARE(store.version(), std::uint64_t(0));
        QCOMPARE(store.apply({signal(1, 2), Event{0, 0, 3, FeederPayload{1234.5f, true}}}), size_t(2));
        QCOMPARE(store.version(), std::uint64_t(2));
        QCOMPARE(store.state(1).phase, std::uint16_t(2));
        QCOMPARE(store.state(1).untilMs, std::int64_t(1002));
        QCOMPARE(store.state(1).version, std::uint64_t(1));
        QCOMPARE(store.state(3).value, 1234.5f);
        QCOMPARE(store.state(3).version, std::uint64_t(2));
        QCOMPARE(store.state(0).version, std::uint64_t(0)); // untouched
    }

    void changedSinceReturnsOnlyNewer()
    {
        StateStore store(100);
        store.apply({signal(5, 1), signal(6, 1), signal(7, 1)});
        const auto v = store.version();
        store.apply({signal(6, 2), Event{0, 0, 50, LightPayload{100, false, 60.f}}});
        std::vector<StateStore::Change> changes;
        QCOMPARE(store.changedSince(v, changes), v + 2);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].index, DeviceIndex(6));
        QCOMPARE(changes[0].state.phase, std::uint16_t(2));
        QCOMPARE(changes[1].index, DeviceIndex(50));
        QCOMPARE(changes[1].state.level, std::uint8_t(100));
        changes.clear();
        QCOMPARE(store.changedSince(store.version(), changes), store.version());
        QVERIFY(changes.empty());
        QCOMPARE(store.changedSince(0, changes), store.version());
        QCOMPARE(changes.size(), size_t(4)); // everything ever set, once each
    }

    void presenceAndFaults()
    {
        StateStore store(2);
        store.apply({signal(0, 0), Event{0, 0, 0, PresencePayload{false}}});
        QVERIFY(!store.state(0).online);
        store.apply({Event{0, 0, 1, LightPayload{0, true, 0.f}}});
        QVERIFY(store.state(1).fault);
        QVERIFY(store.state(1).online);
    }

    void ignoresWhatIsNotDeviceState()
    {
        StateStore store(3);
        const std::vector<Event> events = {
            Event{0, 0, 99, FeederPayload{1.f, true}},                        // unknown device index
            Event{0, 0, kNoDevice, IncidentRaisedPayload{}},                  // incidents live elsewhere
            Event{0, 0, 1, IncidentRaisedPayload{}},                          // even when linked to a device
            Event{0, 0, kNoDevice, IncidentClearedPayload{}},
        };
        QCOMPARE(store.apply(events), size_t(0));
        QCOMPARE(store.version(), std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStateStore)
#include "tst_statestore.moc"
