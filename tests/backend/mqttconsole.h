#pragma once
// A console on the real field link for the tests that run a real mosquitto and the real cityops-sim (brokertesting.h):
// the default city, an operator's command keys, a broker's options, and the Engine on an MqttLink with a small
// directory and keyring, with the few questions those tests ask it.

#include "brokertesting.h"
#include "engine/engine.h"
#include "link/mqttlink.h"
#include "security/approval.h"
#include "store/eventstore.h"
#include "store/storereader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>
#include <map>
#include <memory>
#include <future>
#include <optional>

namespace cityops::test {

inline Actor person(const char *user, Role role) { return Actor{QString::fromLatin1(user), {role}, {}}; }

inline std::shared_ptr<const CityModel> city()
{
    static std::shared_ptr<const CityModel> c = [] {
        auto read = citypackage::read(defaultCityFile());
        return read.ok() ? read.value() : nullptr;
    }();
    return c;
}

/// An Ed25519 key pair made with openssl, as an operator would (scripts/stack does the same).
struct CommandKeys {
    QTemporaryDir dir;
    QString privateKey = dir.filePath(QStringLiteral("command.key"));
    QString publicKey = dir.filePath(QStringLiteral("command.pub"));
    bool ok = run(QStringLiteral("openssl"), {"genpkey", "-algorithm", "ed25519", "-out", privateKey}, dir.path())
           && run(QStringLiteral("openssl"), {"pkey", "-in", privateKey, "-pubout", "-out", publicKey}, dir.path());
};

/// The room's desks, each with a command key of its own, and the console keyring that lists them as an admin writes
/// it (cityops-admin console add): the consoles take each other's operations by it, and a gateway started with
/// `--consoles` takes the commands of each.
struct Room {
    QTemporaryDir dir;
    QString keyring = dir.filePath(QStringLiteral("consoles.json"));
    std::map<QString, std::unique_ptr<CommandKeys>> keys;
    bool ok = true;

    Room()
    {
        ConsoleKeyring listed;
        for (const char *name : {"console-a", "console-b", "console-c"}) {
            auto &k = keys[QString::fromLatin1(name)] = std::make_unique<CommandKeys>();
            QFile pub(k->publicKey);
            ok = ok && k->ok && pub.open(QIODevice::ReadOnly) && listed.add(QString::fromLatin1(name), pub.readAll()).ok();
        }
        ok = ok && listed.save(keyring).ok();
    }
    QString privateKey(const char *console) const { return keys.at(QString::fromLatin1(console))->privateKey; }
};

inline Room &room()
{
    static Room r;
    return r;
}

/// The room's console keyring copied into `dir`, made private to its owner as a keyring's folder must be: the file a
/// console reads again while it runs (--consoles FILE). Empty when that fails.
inline QString privateKeyringCopy(const QTemporaryDir &dir)
{
    const QString file = dir.filePath(QStringLiteral("consoles.json"));
    const bool made = QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)
                   && QFile::copy(room().keyring, file);
    return made ? file : QString();
}

/// A client that listens to `console`'s status topic (connected and subscribed; false when it could not be).
inline bool listensToStatusOf(RawClient &spy, const QString &console)
{
    return QTest::qWaitFor([&] { return spy.client->connected(); }, 5000) && spy.client->subscribe(wire::consoleStatusTopic(console), 1);
}

inline MqttOptions brokerOptions(const QString &url, const QString &clientId, const QString &ca = {})
{
    MqttOptions o;
    o.url = BrokerUrl::parse(url).value();
    o.clientId = clientId;
    o.caFile = ca;
    o.keepAliveS = 5;
    return o;
}

/// One console: the real Engine on an MqttLink.
struct Console {
    Engine engine{city()};
    MqttLink *link = nullptr;

    /// `session`: the number its ids are made unique with, as a console without a store is given one (1 by default).
    /// `store`: a store file to record in and carry on from instead (its runs number the session).
    Console(const MqttOptions &mqtt, const QString &keyFile, const std::function<void(MqttLinkOptions &)> &tune = {},
            std::uint32_t session = 1, const QString &store = {})
    {
        if (store.isEmpty()) {
            engine.setSessionWithoutStore(session);
        } else {
            auto opened = EventStore::open({store}, *city());
            if (!opened)
                qFatal("the console's store did not open: %s", qPrintable(opened.error()));
            engine.attachStore(std::move(opened).value());
        }
        std::optional<CommandSigner> signer;
        if (!keyFile.isEmpty())
            signer = CommandSigner::fromPrivateKeyFile(keyFile).value();
        // The room's consoles as the admin listed them (a console of a one-desk test may sign with a key of its own).
        auto keyring = std::make_shared<ConsoleKeyring>(ConsoleKeyring::load(room().keyring).value());
        engine.setIdSalt(qHash(mqtt.clientId) & 0xfff);
        engine.setRoster([](const QString &user) -> std::optional<Actor> {
            // The people of this room's directory, the same on every console.
            if (user == QLatin1String("olga") || user == QLatin1String("kai") || user == QLatin1String("ute"))
                return Actor{user, {Role::Operator}, {}};
            if (user == QLatin1String("sven"))
                return Actor{user, {Role::Supervisor}, {}};
            return std::nullopt;
        });
        DispatchConfig config;
        config.selectSettleMs = 250;
        engine.setDispatchConfig(config);
        MqttLinkOptions options;
        options.mqtt = mqtt;
        options.consoles = keyring;
        options.recordedKeyringTurns = engine.recordedKeyringTurns();
        options.ownRecording = engine.ownRecording();   // as the console does: said in its status when it records
        if (tune)
            tune(options);
        auto l = std::make_unique<MqttLink>(city(), &engine.clock(), options, std::move(signer));
        link = l.get();
        engine.start(std::move(l), QStringLiteral("tester"));
    }
    ~Console() { engine.stop(); }

    /// What the operator is told of gateway `name` (the link's tooltip); nothing when the link does not know it.
    std::optional<GatewaySummary> gateway(const char *name) const
    {
        for (const GatewaySummary &g : link->gateways())
            if (g.name == QLatin1String(name))
                return g;
        return std::nullopt;
    }
    size_t reported() const
    {
        size_t n = 0;
        for (DeviceIndex d = 0; d < city()->devices.size(); ++d)
            n += engine.states().state(d).reported ? 1 : 0;
        return n;
    }
    Result<OpsReceipt> ask(const Actor &actor, OpsRequest request)
    {
        std::promise<Result<OpsReceipt>> answer;
        auto future = answer.get_future();
        engine.request(actor, std::move(request), [&answer](const Result<OpsReceipt> &r) { answer.set_value(r); });
        return future.get();
    }
    Result<OpsReceipt> order(const Actor &actor, CommandAction action, const std::vector<DeviceIndex> &devices, int value)
    {
        OrderSpec spec;
        spec.description = commandActionName(action);
        for (DeviceIndex d : devices)
            spec.targets.push_back({d, action, value, 0, 0});
        return ask(actor, request::IssueOrder{spec});
    }
    bool finished(std::uint32_t order) const
    {
        const auto o = engine.orders().find(order);
        return o && o->stage == CommandStage::Finished;
    }
    QString describe(std::uint32_t order) const
    {
        QStringList out;
        if (const auto o = engine.orders().find(order))
            for (const OrderTarget &t : o->targets)
                out << QStringLiteral("%1:%2(%3)").arg(t.device).arg(commandStageName(t.stage), t.reason);
        return out.join(QLatin1Char(' '));
    }
    int count(std::uint32_t order, CommandStage stage) const
    {
        const auto o = engine.orders().find(order);
        return o ? static_cast<int>(std::count_if(o->targets.begin(), o->targets.end(), [stage](const OrderTarget &t) { return t.stage == stage; })) : -1;
    }
};

/// The KeyringChanged lines a recording holds, oldest first: who, then the detail.
inline QStringList keyringLines(const QString &store)
{
    auto reader = StoreReader::open(store, city());
    if (!reader)
        return {QStringLiteral("unreadable: ") + reader.error()};
    std::vector<Event> events;
    if (auto read = reader.value()->readEvents(0, std::numeric_limits<std::int64_t>::max(), events, 1'000'000); !read)
        return {QStringLiteral("unreadable: ") + read.error()};
    QStringList turns;
    for (const Event &e : events)
        if (const auto *a = std::get_if<OperatorActionPayload>(&e.payload); a && a->action == OperatorAction::KeyringChanged)
            turns << a->user + QLatin1Char(' ') + a->detail;
    return turns;
}

/// Whether console `c` holds `console` online (its roll of the keyring's consoles).
inline bool knownOnline(const Console &c, const QString &console)
{
    for (const OrderBook::ConsoleSeen &s : c.engine.orders().consoles())
        if (s.console == console)
            return s.standing == ConsoleStanding::Online;
    return false;
}

inline std::vector<DeviceIndex> lamps(int n, int skip = 0)
{
    std::vector<DeviceIndex> out;
    for (DeviceIndex d = 0; d < city()->devices.size() && static_cast<int>(out.size()) < n; ++d)
        if (city()->devices[d].kind == DeviceKind::Streetlight && skip-- <= 0)
            out.push_back(d);
    return out;
}

inline QJsonObject json(const QByteArray &payload) { return QJsonDocument::fromJson(payload).object(); }

/// The payload with `edit` made to its JSON, as someone on the broker would before publishing it again.
inline QByteArray edited(const QByteArray &payload, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject o = json(payload);
    edit(o);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Commands published by hand to the gateway "gw1", as someone on the broker would (an attacker with a captured,
/// forged or removed key), with the gateway's answer on the client's own result topic.
struct ByHand {
    RawClient raw;

    explicit ByHand(const QString &url) : raw(brokerOptions(url, QStringLiteral("by-hand"))) {}
    /// Connected and listening to the answers and the gateway's status.
    bool listening()
    {
        return QTest::qWaitFor([&] { return raw.client->connected(); }, 5000) && raw.client->subscribe(wire::resultTopic("by-hand"), 1)
            && raw.client->subscribe(wire::gatewayStatusTopic("gw1"), 1);
    }
    /// Publishes `c` (or `payload` in its place) and waits for the answer: the result's JSON, empty when none came.
    /// The answer is told by its correlation (the nonce), not by being the next message: the gateway's status comes
    /// every half keep-alive on the same connection.
    QJsonObject send(const wire::SignedCommand &c, const QByteArray &payload = {})
    {
        raw.client->publish(wire::commandTopic("gw1", c.device), payload.isEmpty() ? wire::encodeCommand(c) : payload, 1, false,
                            wire::resultTopic("by-hand"), c.nonce);
        QJsonObject answer;
        (void)QTest::qWaitFor([&] {   // none in time: empty, which the caller's checks say
            for (const MqttClient::Message &m : raw.take())
                if (m.correlation == c.nonce)
                    answer = json(m.payload);
            return !answer.isEmpty();
        }, 5000);
        return answer;
    }
};

/// A dim command for `lamp` signed by `key`, as a console makes one (each with a nonce of its own).
inline wire::SignedCommand dimCommand(const CommandSigner &key, const QString &lamp, std::uint32_t order, std::int64_t issuedMs,
                                      std::int64_t expiresMs, std::uint16_t attempt = 1)
{
    static char nonce = 'a';
    wire::SignedCommand c;
    c.device = lamp;
    c.order = order;
    c.attempt = attempt;
    c.action = CommandAction::LightDim;
    c.value = 40;
    c.issuedMs = issuedMs;
    c.expiresMs = expiresMs;
    c.nonce = QByteArray(16, nonce++);
    c.keyId = key.keyId();
    c.signature = key.sign(c.canonical());
    return c;
}

inline QString reasonOf(const QJsonObject &r) { return r.value(QLatin1String("reason")).toString(); }
inline bool acted(const QJsonObject &r) { return r.value(QLatin1String("result")).toString() == QLatin1String("accepted"); }

} // namespace cityops::test
