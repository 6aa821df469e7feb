#pragma once
// The engine's live ops loop (OpsBench) wired to scripted field devices, on a clock the test moves: shared by the
// dispatch and interlock tests.
#include "opstesting.h"
#include "scriptedfield.h"

#include <functional>
#include <map>

namespace cityops::test {

inline Actor person(const char *user, Role role, QList<int> districts = {}) { return Actor{QString::fromLatin1(user), {role}, std::move(districts)}; }

/// The engine's live ops loop (OpsBench) wired to scripted devices: 3 s answer timeout, 5 s confirm timeout,
/// 3 attempts. Devices answer after 200 ms, late ones after 4.5 s (after the first retry, before the second).
struct Rig {
    OpsBench bench{DispatchConfig{3000, 5000, 3}};
    std::shared_ptr<const CityModel> city = bench.city;
    ScriptedField field{city, 200, 4500};
    Actor olga = person("olga", Role::Operator);
    Actor sven = person("sven", Role::Supervisor);
    static constexpr std::int64_t kStepMs = 50;

    /// On a city of the test's own (its response rules, say).
    explicit Rig(std::shared_ptr<const CityModel> ownCity) : bench(std::move(ownCity), DispatchConfig{3000, 5000, 3})
    {
        bench.feed(field.connect(bench.now));
    }
    explicit Rig(const std::map<DeviceIndex, ScriptedField::Behaviour> &script = {})
    {
        for (const auto &[device, behaviour] : script)
            field.script(device, behaviour);
        bench.feed(field.connect(bench.now));
    }
    /// A person's request, then whatever it sends goes to the devices at once (as the engine's core loop does).
    Result<OpsReceipt> ask(const Actor &actor, OpsRequest request)
    {
        auto r = bench.ask(actor, std::move(request));
        pump();
        return r;
    }
    Result<OpsReceipt> order(CommandAction action, std::vector<DeviceIndex> devices, int value = 0, std::int64_t validForMs = 15 * 60'000)
    {
        OrderSpec spec;
        spec.description = commandActionName(action);
        spec.validForMs = validForMs;
        for (DeviceIndex d : devices)
            spec.targets.push_back({d, action, value, 0, 0});
        return ask(olga, request::IssueOrder{spec});
    }
    void pump() { field.send(bench.driver.takeCommands(), bench.now); }
    /// Moves the clock by `ms` in small steps: the devices' answers due by then, the ops clock, what it sends.
    void run(std::int64_t ms)
    {
        for (std::int64_t t = 0; t < ms; t += kStepMs) {
            bench.now += kStepMs;
            bench.feed(field.due(bench.now));
            bench.driver.tick(bench.now);
            pump();
        }
    }
    /// Runs until `done` holds, for at most `limitMs` of clock; false if it never did.
    bool runUntil(const std::function<bool()> &done, std::int64_t limitMs = 60'000)
    {
        for (std::int64_t t = 0; t < limitMs && !done(); t += kStepMs)
            run(kStepMs);
        return done();
    }
    const CityBooks &books() const { return bench.pipeline.books(); }
    std::optional<Order> find(std::uint32_t id) const { return books().orders().find(id); }
    bool finished(std::uint32_t id) const
    {
        const auto o = find(id);
        return o && o->stage == CommandStage::Finished;
    }
    std::function<bool()> finishing(std::uint32_t id) const { return [this, id] { return finished(id); }; }
    DeviceIndex nth(DeviceKind kind, int n = 0) const
    {
        for (DeviceIndex d = 0; d < city->devices.size(); ++d)
            if (city->devices[d].kind == kind && n-- == 0)
                return d;
        return kNoDevice;
    }
};

} // namespace cityops::test
