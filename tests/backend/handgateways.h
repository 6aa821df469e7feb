#pragma once
// Gateways by hand on a real broker, for the tests of what a gateway may speak for (tst_gatewayclaims,
// tst_roadpictures): a status and reports numbered as a gateway numbers them, and a console of the default city on
// the broker (its districts West and East).
#include "mqttconsole.h"

#include <QDateTime>
#include <QTest>

#include <atomic>
#include <map>
#include <memory>

namespace cityops::test {

/// A gateway by hand on the broker: its status and its devices' reports, numbered as a gateway numbers them.
struct HandGateway {
    QString name;
    RawClient raw;
    std::uint64_t boot = 0;
    std::map<DeviceIndex, std::uint64_t> seq;
    std::uint64_t eventSeq = 0;

    HandGateway(const QString &url, const char *id) : name(QString::fromLatin1(id)), raw(brokerOptions(url, name)) {}
    bool connected() { return QTest::qWaitFor([&] { return raw.client->connected(); }, 5000); }
    bool status(bool online, std::uint64_t newBoot)
    {
        boot = newBoot;
        seq.clear();
        return raw.client->publish(wire::gatewayStatusTopic(name), wire::encodePresence({online, boot, 2, 60}), 1, true);
    }
    bool light(DeviceIndex lamp, int level, std::int64_t now)
    {
        const Event e{0, now, lamp, LightPayload{static_cast<std::uint8_t>(level), false, 10.0f}};
        return raw.client->publish(wire::deviceTopic(name, city()->devices[lamp].id, "state"),
                                   wire::encodeDeviceReport({boot, ++seq[lamp], e}, *city()), 1);
    }
    /// A field event (an incident raised or cleared) of its boot, at `now`.
    bool field(Event e, std::int64_t now)
    {
        e.timeMs = now;
        return raw.client->publish(wire::gatewayEventTopic(name), wire::encodeFieldEvent({boot, ++eventSeq, e}, *city()), 1);
    }
};

/// A real mosquitto and console-a on it; the gateways are the test's, by hand.
struct ConsoleOnABroker {
    TestBroker broker;
    Console console;

    explicit ConsoleOnABroker(const std::function<void(MqttLinkOptions &)> &tune = {})
        : console(brokerOptions(broker.plainUrl(), "console-a"), {}, tune) {}

    /// Empty when the broker runs and the console is connected to it; else why not.
    QString up()
    {
        if (!broker.ok())
            return broker.log();
        return QTest::qWaitFor([&] { return console.engine.linkStatus().state == LinkState::Connected; }, 10'000)
                   ? QString()
                   : QStringLiteral("the console did not connect");
    }
    std::int64_t now() const { return console.engine.clock().nowMs(); }
    LinkCounters counters() const { return console.link->counters(); }
};

/// The same, with two gateways by hand: north, and south who tries to speak for north.
struct NorthAndSouth : ConsoleOnABroker {
    HandGateway north{broker.plainUrl(), "gw-north"};
    HandGateway south{broker.plainUrl(), "gw-south"};

    using ConsoleOnABroker::ConsoleOnABroker;

    QString up()
    {
        const QString problem = ConsoleOnABroker::up();
        if (!problem.isEmpty())
            return problem;
        return north.connected() && south.connected() ? QString() : QStringLiteral("a gateway did not connect");
    }
};

/// The console's clock, moved by hand: its link reads the same clock (MqttLinkOptions::wallClock, the link's
/// TimeBase), so heartbeats, waits and answers time out on it while the broker runs in real time.
struct HandClock {
    std::shared_ptr<std::atomic<std::int64_t>> ms = std::make_shared<std::atomic<std::int64_t>>(QDateTime::currentMSecsSinceEpoch());
    void advance(std::int64_t byMs) { *ms += byMs; }
    std::int64_t now() const { return ms->load(); }
    void drive(MqttLinkOptions &o) const { o.wallClock = [ms = ms] { return ms->load(); }; }
};

/// The index of the default city's district `name` (it has West and East).
inline int district(const char *name) { return city()->districtIndexes({QString::fromLatin1(name)}).value().front(); }

/// The first `n` streetlights of district `d`.
inline std::vector<DeviceIndex> lampsOf(int d, int n)
{
    std::vector<DeviceIndex> out;
    for (DeviceIndex lamp : lamps(int(city()->devices.size())))
        if (city()->devices[lamp].district == d && int(out.size()) < n)
            out.push_back(lamp);
    return out;
}

/// North serves East, south serves West (--gateways gw-north=East,gw-south=West).
inline void boundToTheirDistricts(MqttLinkOptions &o)
{
    o.gatewayDistricts.insert(QStringLiteral("gw-north"), {district("East")});
    o.gatewayDistricts.insert(QStringLiteral("gw-south"), {district("West")});
}

} // namespace cityops::test
