#include "linkbench.h"

#include "benchutil.h"
#include "city/citypackage.h"
#include "engine/engine.h"
#include "link/mqttlink.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <mosquitto.h>

#include <atomic>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#include <future>

namespace cityops::bench {
namespace {

/// Children die with the bench, even when it is killed.
void dieWithParent(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

/// mosquitto on a free loopback port, with room for a consumer that falls behind (nothing dropped at QoS 1).
class LocalBroker {
public:
    bool start()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        QFile conf(m_dir.filePath(QStringLiteral("mosquitto.conf")));
        if (!conf.open(QIODevice::WriteOnly))
            return false;
        conf.write(QStringLiteral("per_listener_settings false\nallow_anonymous true\npersistence false\nlog_dest none\n"
                                  "max_queued_messages 2000000\nmax_inflight_messages 1000\nset_tcp_nodelay true\nlistener %1 127.0.0.1\n%2")
                       .arg(m_port)
                       // As root, mosquitto would switch users, which cancels dying with the bench.
                       .arg(::geteuid() == 0 ? QStringLiteral("user root\n") : QString())
                       .toUtf8());
        conf.close();
        dieWithParent(m_process);
        m_process.start(QStringLiteral("mosquitto"), {QStringLiteral("-c"), conf.fileName()});
        if (!m_process.waitForStarted(5000))
            return false;
        for (int i = 0; i < 50; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_port));
            if (s.waitForConnected(200))
                return true;
            QThread::msleep(100);
        }
        return false;
    }
    ~LocalBroker()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    QString url() const { return QStringLiteral("mqtt://127.0.0.1:%1").arg(m_port); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

MqttOptions options(const QString &url, const QString &id)
{
    MqttOptions o;
    o.url = BrokerUrl::parse(url).value();
    o.clientId = id;
    o.maxInflight = 1000;
    return o;
}

/// Pumps the Qt event loop (link timers) until `done` or the timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    return true;
}

/// N device reports, encoded before the clock starts: streetlights in turn, each with its own running sequence.
std::vector<std::pair<QByteArray, QByteArray>> makeReports(const CityModel &city, size_t n)
{
    std::vector<DeviceIndex> lamps;
    for (DeviceIndex d = 0; d < city.devices.size(); ++d)
        if (city.devices[d].kind == DeviceKind::Streetlight)
            lamps.push_back(d);
    std::vector<std::uint64_t> seq(city.devices.size(), 0);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::pair<QByteArray, QByteArray>> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const DeviceIndex d = lamps[i % lamps.size()];
        wire::DeviceReport r{7, ++seq[d], Event{0, now, d, LightPayload{static_cast<std::uint8_t>(i % 101), false, 40.0f}}};
        out.emplace_back(wire::deviceTopic(QStringLiteral("bench"), city.devices[d].id, "state"), wire::encodeDeviceReport(r, city));
    }
    return out;
}

/// Publishes everything at QoS 1 (libmosquitto's flow control keeps 1,000 in flight) and waits for the acks.
bool publishAll(const QString &url, const std::vector<std::pair<QByteArray, QByteArray>> &messages, QElapsedTimer &clock)
{
    auto publisher = MqttClient::create(options(url, QStringLiteral("bench-publisher"))).value();
    (void)publisher->start();
    if (!waitFor([&] { return publisher->connected(); }, 5000))
        return false;
    clock.start();
    for (const auto &[topic, payload] : messages)
        publisher->publish(topic, payload, 1);
    return waitFor([&] { return publisher->unacknowledged() == 0; }, 120'000);
}

struct BaselineSubscriber {
    std::atomic<size_t> received{0};
    std::atomic<bool> subscribed{false};
};

/// The baseline: libmosquitto with nothing on top, counting messages.
double baselineRate(const QString &url, const std::vector<std::pair<QByteArray, QByteArray>> &messages, size_t *received)
{
    BaselineSubscriber state;
    mosquitto *m = mosquitto_new("bench-baseline", true, &state);
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_connect_v5_callback_set(m, [](mosquitto *mosq, void *, int rc, int, const mosquitto_property *) {
        if (rc == 0)
            mosquitto_subscribe_v5(mosq, nullptr, "cityops/v1/gw/#", 1, 0, nullptr);
    });
    mosquitto_subscribe_v5_callback_set(m, [](mosquitto *, void *self, int, int, const int *, const mosquitto_property *) {
        static_cast<BaselineSubscriber *>(self)->subscribed = true;
    });
    mosquitto_message_v5_callback_set(m, [](mosquitto *, void *self, const mosquitto_message *, const mosquitto_property *) {
        ++static_cast<BaselineSubscriber *>(self)->received;
    });
    const BrokerUrl b = BrokerUrl::parse(url).value();
    mosquitto_connect(m, b.host.toUtf8().constData(), b.port, 30);
    mosquitto_loop_start(m);
    waitFor([&] { return state.subscribed.load(); }, 5000);
    QElapsedTimer clock;
    publishAll(url, messages, clock);
    waitFor([&] { return state.received.load() >= messages.size(); }, 60'000);
    const double seconds = clock.nsecsElapsed() / 1e9;
    *received = state.received.load();
    mosquitto_disconnect(m);
    mosquitto_loop_stop(m, true);
    mosquitto_destroy(m);
    return static_cast<double>(*received) / seconds;
}

/// The console's link: the same stream, into the engine's kind of bounded queue, drained by another thread.
double linkRate(const std::shared_ptr<const CityModel> &city, const QString &url,
                const std::vector<std::pair<QByteArray, QByteArray>> &messages, size_t *received)
{
    ConsoleClock clock;
    EventQueue queue(1 << 20);
    MqttLinkOptions linkOptions;
    linkOptions.mqtt = options(url, QStringLiteral("bench-console"));
    MqttLink link(city, &clock, linkOptions, std::nullopt);
    link.setSink(&queue);
    link.start();
    std::atomic<size_t> drained{0};
    std::thread drain([&] {
        std::vector<Event> batch;
        while (queue.popAll(batch, std::chrono::milliseconds(50))) {
            drained += batch.size();
            batch.clear();
        }
    });
    waitFor([&] { return link.status().state == LinkState::Connected; }, 5000);
    QThread::msleep(200);   // its subscriptions are in place
    QElapsedTimer timer;
    publishAll(url, messages, timer);
    waitFor([&] { return drained.load() >= messages.size(); }, 60'000);
    const double seconds = timer.nsecsElapsed() / 1e9;
    *received = drained.load();
    link.stop();
    queue.close();
    drain.join();
    return static_cast<double>(*received) / seconds;
}

/// The devices' half of a fresh command key, for cityops-sim's --command-pubkey.
QString writePublicKey(const CommandSigner &signer, QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(signer.publicKeyPem());
    return path;
}

struct Sim {
    QProcess process;
    Sim(const QString &url, const QString &cityPath, const QString &pubKey, const QString &latency)
    {
        QStringList args{"--broker", url, "--command-pubkey", pubKey, "--id", "bench-sim", "--answer-latency", latency, "--reject-rate", "0"};
        if (!cityPath.isEmpty())
            args << "--city" << cityPath;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        dieWithParent(process);
        process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/cityops-sim"), args);
        process.waitForStarted(5000);
    }
    ~Sim()
    {
        process.terminate();
        process.waitForFinished(10'000);
    }
};

/// Command round trips, one at a time: send() to the device's answer arriving as an event.
std::vector<double> roundTrips(const std::shared_ptr<const CityModel> &city, const QString &url, const QString &cityPath,
                               int commands, QTemporaryDir &dir)
{
    CommandSigner signer = CommandSigner::generate();
    const QString pub = writePublicKey(signer, dir, QStringLiteral("command.pub"));
    Sim sim(url, cityPath, pub, QStringLiteral("0:0"));
    ConsoleClock clock;
    EventQueue queue(1 << 20);
    MqttLinkOptions linkOptions;
    linkOptions.mqtt = options(url, QStringLiteral("bench-rtt"));
    MqttLink link(city, &clock, linkOptions, std::move(signer));
    link.setSink(&queue);
    link.start();
    std::vector<DeviceIndex> lamps;
    for (DeviceIndex d = 0; d < city->devices.size(); ++d)
        if (city->devices[d].kind == DeviceKind::Streetlight)
            lamps.push_back(d);
    // Wait until the gateway has reported (its devices are there to command).
    size_t reports = 0;
    waitFor([&] {
        std::vector<Event> batch;
        queue.popAll(batch, std::chrono::milliseconds(1));
        reports += batch.size();
        return reports >= city->devices.size();
    }, 20'000);
    std::vector<double> rtt;
    for (int i = 0; i < commands; ++i) {
        DeviceCommand c;
        c.order = 1000 + static_cast<std::uint32_t>(i);
        c.device = lamps[static_cast<size_t>(i) % lamps.size()];
        c.action = CommandAction::LightDim;
        c.value = 10 + i % 80;
        c.expiresMs = clock.nowMs() + 60'000;
        QElapsedTimer t;
        t.start();
        link.send({c});
        bool answered = false;
        while (!answered && t.elapsed() < 5000) {
            std::vector<Event> batch;
            QCoreApplication::processEvents();   // the link's batch flush runs on this thread here
            queue.popAll(batch, std::chrono::milliseconds(1));
            for (const Event &e : batch)
                if (const auto *p = std::get_if<CommandPayload>(&e.payload); p && p->order == c.order)
                    answered = true;
        }
        if (answered)
            rtt.push_back(t.nsecsElapsed() / 1e6);
    }
    link.stop();
    return rtt;
}

/// An order over `targets` streetlights through the console's Engine, the broker and cityops-sim.
std::pair<double, int> workflow(const std::shared_ptr<const CityModel> &city, const QString &url, const QString &cityPath,
                                int targets, QTemporaryDir &dir)
{
    CommandSigner signer = CommandSigner::generate();
    const QString pub = writePublicKey(signer, dir, QStringLiteral("workflow.pub"));
    Sim sim(url, cityPath, pub, QStringLiteral("150:900"));
    Engine engine(city);
    DispatchConfig dispatch;
    dispatch.selectSettleMs = 250;   // as the console runs on a shared field (app/main.cpp)
    engine.setDispatchConfig(dispatch);
    MqttLinkOptions linkOptions;
    linkOptions.mqtt = options(url, QStringLiteral("bench-workflow"));
    engine.start(std::make_unique<MqttLink>(city, &engine.clock(), linkOptions, std::move(signer)), QStringLiteral("bench"));
    OrderSpec spec;
    spec.description = QStringLiteral("bench");
    for (DeviceIndex d = 0; d < city->devices.size() && static_cast<int>(spec.targets.size()) < targets; ++d)
        if (city->devices[d].kind == DeviceKind::Streetlight)
            spec.targets.push_back({d, CommandAction::LightDim, 35, 0, 0});
    waitFor([&] {
        size_t reported = 0;
        for (const OrderTargetSpec &t : spec.targets)
            reported += engine.states().state(t.device).reported ? 1 : 0;
        return reported == spec.targets.size();
    }, 20'000);
    std::promise<Result<OpsReceipt>> answer;
    QElapsedTimer timer;
    timer.start();
    engine.request(Actor{QStringLiteral("bench"), {Role::Operator}, {}}, request::IssueOrder{spec},
                   [&answer](const Result<OpsReceipt> &r) { answer.set_value(r); });
    const auto receipt = answer.get_future().get();
    if (!receipt) {
        std::fprintf(stderr, "cityops-bench: order refused: %s\n", qPrintable(receipt.error()));
        engine.stop();
        return {0, 0};
    }
    waitFor([&] {
        const auto o = engine.orders().find(receipt->ref);
        return o && o->stage == CommandStage::Finished;
    }, 60'000);
    const double seconds = timer.nsecsElapsed() / 1e9;
    int confirmed = 0;
    if (const auto o = engine.orders().find(receipt->ref))
        for (const OrderTarget &t : o->targets)
            confirmed += t.stage == CommandStage::Confirmed ? 1 : 0;
    engine.stop();
    return {seconds, confirmed};
}

} // namespace

int runLinkBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const auto loaded = loadCity(cityPath);
    if (!loaded)
        return 1;
    const Result<std::shared_ptr<const CityModel>> city(loaded);
    LocalBroker broker;
    if (!broker.start()) {
        std::fprintf(stderr, "cityops-bench: cannot start mosquitto (is the package installed?)\n");
        return 1;
    }
    QTemporaryDir dir;
    const size_t n = parser.value(QStringLiteral("messages")).toULongLong();
    const auto messages = makeReports(*city.value(), n);
    // Publisher, broker and consumer share the machine's cores, so single runs are noisy: three rounds,
    // alternating, medians reported; loss is summed over the rounds.
    size_t baselineReceived = 0, linkReceived = 0;
    std::vector<double> baselineRates, linkRates;
    for (int round = 0; round < 3; ++round) {
        size_t got = 0;
        baselineRates.push_back(baselineRate(broker.url(), messages, &got));
        baselineReceived += got;
        linkRates.push_back(linkRate(city.value(), broker.url(), messages, &got));
        linkReceived += got;
    }
    const double baseline = percentile(baselineRates, 50), link = percentile(linkRates, 50);
    const std::vector<double> rtt = roundTrips(city.value(), broker.url(), cityPath, parser.value(QStringLiteral("commands")).toInt(), dir);
    const auto [workflowSeconds, confirmed] = workflow(city.value(), broker.url(), cityPath, parser.value(QStringLiteral("targets")).toInt(), dir);
    emit({{"bench", "link"}, {"messages", static_cast<double>(n)}, {"qos", 1},
          {"events_per_s", std::round(link)}, {"baseline_per_s", std::round(baseline)}, {"ratio_to_baseline", round2(link / baseline)},
          {"rounds", 3}, {"lost", static_cast<double>(3 * n - std::min(3 * n, linkReceived))},
          {"baseline_lost", static_cast<double>(3 * n - std::min(3 * n, baselineReceived))},
          {"commands", static_cast<double>(rtt.size())}, {"rtt_p50_ms", round2(percentile(rtt, 50))}, {"rtt_p99_ms", round2(percentile(rtt, 99))},
          {"workflow_targets", parser.value(QStringLiteral("targets")).toInt()}, {"workflow_s", round2(workflowSeconds)},
          {"workflow_confirmed", confirmed}});
    return 0;
}

} // namespace cityops::bench
