#pragma once

#include "engine/liveopsloop.h"
#include "storetesting.h"

namespace cityops::test {

/// The live core without threads: the engine's own LiveOpsLoop over a CorePipeline, with a clock the test moves.
struct OpsBench {
    std::shared_ptr<const CityModel> city = fixtureCity();
    CorePipeline pipeline{city};
    LiveOpsLoop driver;
    std::int64_t now = berlin({2026, 3, 2}, {10, 0});

    /// `session`: the run of its store this console is in (its ids carry it).
    explicit OpsBench(DispatchConfig config = {}, std::uint32_t salt = 0, std::uint32_t session = 1)
        : driver(pipeline, city, session, config, salt)
    {
    }
    /// On a city of the test's own (its response rules, say).
    OpsBench(std::shared_ptr<const CityModel> ownCity, DispatchConfig config, std::uint32_t salt = 0)
        : city(std::move(ownCity)), driver(pipeline, city, 1, config, salt)
    {
    }

    void feed(std::vector<Event> events)
    {
        for (Event &e : events)
            if (e.timeMs == 0)
                e.timeMs = now;
        driver.ingest(events);
    }
    void feed(DeviceIndex device, EventPayload payload) { feed({Event{0, now, device, std::move(payload)}}); }
    Result<OpsReceipt> ask(const Actor &actor, OpsRequest request) { return driver.request(actor, request, now); }
    void advance(std::int64_t ms)
    {
        now += ms;
        driver.tick(now);
    }
    /// The first device of a kind.
    DeviceIndex first(DeviceKind kind, int skip = 0) const
    {
        for (DeviceIndex d = 0; d < city->devices.size(); ++d)
            if (city->devices[d].kind == kind && skip-- == 0)
                return d;
        return kNoDevice;
    }
};

inline Actor actor(const QString &user, Role role, QList<int> districts = {}) { return Actor{user, {role}, std::move(districts)}; }

} // namespace cityops::test
