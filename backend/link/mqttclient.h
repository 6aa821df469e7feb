#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

struct mosquitto;
struct mosquitto_message;
struct mqtt5__property;

namespace cityops {

/// mqtt://host:port (plain, loopback only) or mqtts://host:port (TLS).
struct BrokerUrl {
    bool tls = false;
    QString host;
    int port = 0;

    static Result<BrokerUrl> parse(const QString &text);
    QString toString() const;
    bool isLoopback() const;
};

struct MqttOptions {
    BrokerUrl url;
    QString clientId;
    QString caFile;        ///< CA certificates to verify the broker with (default: the system's)
    QString certFile;      ///< client certificate, when the broker asks for one
    QString keyFile;
    QString user;
    QString password;
    int keepAliveS = 10;
    int maxInflight = 1000;            ///< QoS 1 messages on their way at once (flow control)
    QByteArray willTopic;              ///< Last Will (retained), published by the broker if we vanish
    QByteArray willPayload;
    /// When set, asked on the network thread before every connection attempt for that connection's Will (in place of
    /// willPayload): a console signs its Will for the one connection it covers (wire::ConsoleStatus).
    std::function<QByteArray()> willForConnection;
};

/// Reads --ca/--cert/--key/--user/--password-file style options into MqttOptions, checking that the files exist.
Status completeTlsOptions(MqttOptions &options, const QString &passwordFile);

/// One MQTT 5 connection through libmosquitto: TLS with CA verification, optional client certificate,
/// username/password, a retained Last Will, automatic reconnection from the very first attempt
/// (every 2 s for the first minute of an outage, every second while commands wait, then backing off to 30 s). Callbacks run on the client's network thread; publish() and subscribe() are safe from any
/// thread.
class MqttClient {
public:
    struct Message {
        QByteArray topic;
        QByteArray payload;
        QByteArray responseTopic;   ///< MQTT 5 response topic, if any
        QByteArray correlation;     ///< MQTT 5 correlation data, if any
        bool retained = false;
    };
    using MessageFn = std::function<void(const Message &)>;
    /// connected, and a sentence saying why not when not.
    using ConnectionFn = std::function<void(bool connected, const QString &why)>;

    static Result<std::unique_ptr<MqttClient>> create(const MqttOptions &options);
    ~MqttClient();

    void onMessage(MessageFn fn) { m_onMessage = std::move(fn); }
    void onConnection(ConnectionFn fn) { m_onConnection = std::move(fn); }
    /// Connects in the background (and keeps reconnecting). Set the callbacks first.
    Status start();
    /// Disconnects cleanly (no Will) and joins the network thread.
    void stop();

    /// QoS 1 messages are kept and re-sent across reconnections by libmosquitto, also one handed over while the broker
    /// is away (taken: true). Returns false when the message could not even be queued (e.g. too large, or no
    /// connection for QoS 0).
    bool publish(const QByteArray &topic, const QByteArray &payload, int qos, bool retain = false,
                 const QByteArray &responseTopic = {}, const QByteArray &correlation = {});
    /// `noLocal`: do not deliver our own publications back to us.
    bool subscribe(const QByteArray &pattern, int qos, bool noLocal = false);

    bool connected() const { return m_connected.load(); }
    /// Messages handed to publish() and not yet written (QoS 0) or acknowledged by the broker (QoS 1).
    int unacknowledged() const { return m_unacked.load(); }
    std::uint64_t reconnects() const { return m_reconnects.load(); }
    /// While set (commands wait for answers), a lost connection is retried every second whatever the backoff says.
    void setUrgent(bool urgent) { m_urgent = urgent; }
    const MqttOptions &options() const { return m_options; }
    /// The last error libmosquitto reported (TLS verification, refused connection ...), for the status line.
    QString lastError() const;

private:
    /// Sets the Last Will the next connection carries; false when libmosquitto refuses it.
    bool setWill(const QByteArray &payload);
    explicit MqttClient(const MqttOptions &options);
    static void onConnect(mosquitto *, void *self, int rc, int flags, const ::mqtt5__property *props);
    static void onDisconnect(mosquitto *, void *self, int rc, const ::mqtt5__property *props);
    static void onMessageRaw(mosquitto *, void *self, const ::mosquitto_message *msg, const ::mqtt5__property *props);
    static void onPublish(mosquitto *, void *self, int mid, int rc, const ::mqtt5__property *props);
    static void onLog(mosquitto *, void *self, int level, const char *text);
    void setLastError(const QString &text);

    MqttOptions m_options;
    mosquitto *m_mosq = nullptr;
    MessageFn m_onMessage;
    ConnectionFn m_onConnection;
    std::atomic<bool> m_connected{false};
    std::atomic<bool> m_everConnected{false};
    std::atomic<int> m_unacked{0};
    std::atomic<std::uint64_t> m_reconnects{0};
    std::atomic<bool> m_urgent{false};
    void run();   ///< the network thread: connect, loop, reconnect with backoff until stop()
    std::atomic<bool> m_started{false};
    std::atomic<bool> m_wasUp{false};   ///< a connection was accepted since the last attempt began
    std::atomic<bool> m_attemptExplained{false};   ///< an error was said since the last attempt began
    std::thread m_thread;
    mutable std::mutex m_errorMutex;
    QString m_lastError;
};

} // namespace cityops
