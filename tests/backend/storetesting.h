#pragma once

#include "city/sumoimport.h"
#include "core/incidentbook.h"
#include "core/loadhistory.h"
#include "core/sequencer.h"
#include "core/statestore.h"
#include "sim/citysimulator.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QTimeZone>

#include <memory>

namespace cityops::test {

inline std::shared_ptr<const CityModel> fixtureCity()
{
    static std::shared_ptr<const CityModel> city = [] {
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        auto c = importSumoNet(QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"), options);
        return c.ok() ? std::make_shared<const CityModel>(std::move(c).value()) : nullptr;
    }();
    return city;
}

/// The engine's data path without threads: simulator -> sequencer -> live stores + event store, with snapshots
/// every `snapshotEvery` events — so tests know exactly which events the live state has seen.
struct Recorder {
    std::shared_ptr<const CityModel> city;
    Sequencer sequencer;
    StateStore states;
    IncidentBook incidents;
    LoadHistory loads;
    EventStore *store;
    size_t sinceSnapshot = 0;
    size_t snapshotEvery;

    Recorder(std::shared_ptr<const CityModel> c, EventStore *s, size_t every = 2000)
        : city(c), states(c->devices.size()), loads(c), store(s), snapshotEvery(every)
    {
        sequencer.resume(store->lastSeq(), store->lastTimeMs());
        sequencer.addConsumer([this](const std::vector<Event> &b) { states.apply(b); });
        sequencer.addConsumer([this](const std::vector<Event> &b) { incidents.apply(b); });
        sequencer.addConsumer([this](const std::vector<Event> &b) { loads.apply(b); });
        sequencer.addConsumer([this](const std::vector<Event> &b) { store->append(b); });
    }
    void process(std::vector<Event> batch)
    {
        if (batch.empty())
            return;
        sequencer.process(batch);
        sinceSnapshot += batch.size();
        if (sinceSnapshot >= snapshotEvery) {
            Snapshot s;
            s.seq = sequencer.lastSeq();
            s.timeMs = sequencer.lastTimeMs();
            s.states = states.exportStates();
            incidents.snapshot(s.incidents);
            s.loads = loads.exportState();
            store->appendSnapshot(std::move(s));
            sinceSnapshot = 0;
        }
    }
};

inline std::int64_t berlin(const QDate &date, const QTime &time)
{
    return QDateTime(date, time, QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
}

} // namespace cityops::test
