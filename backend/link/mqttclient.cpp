#include "link/mqttclient.h"

#include "base/secretfile.h"
#include "base/trustfile.h"

#include "base/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <cstdlib>

namespace cityops {
namespace {

void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        mosquitto_lib_init();
        std::atexit([] { mosquitto_lib_cleanup(); });
    });
}

QString mosquittoError(int rc)
{
    // Debian 12's libmosquitto (2.0.11) calls some of its own codes "Unknown error.": a server that takes the
    // connection and never answers it (not an MQTT broker, or a broker that hangs) came out as just that.
    switch (rc) {
    case MOSQ_ERR_KEEPALIVE: return QStringLiteral("no answer within the keep-alive (is it an MQTT broker?)");
    case MOSQ_ERR_LOOKUP: return QStringLiteral("the host name could not be looked up");
    case MOSQ_ERR_MALFORMED_PACKET: return QStringLiteral("the broker sent a malformed packet");
    case MOSQ_ERR_TIMEOUT: return QStringLiteral("timed out");
    case MOSQ_ERR_ADMINISTRATIVE_ACTION: return QStringLiteral("disconnected by the broker's administrator");
    default: break;
    }
    const QString said = QString::fromUtf8(mosquitto_strerror(rc));
    return said == QLatin1String("Unknown error.") ? QStringLiteral("mosquitto error %1").arg(rc) : said;
}

} // namespace

Result<BrokerUrl> BrokerUrl::parse(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    BrokerUrl b;
    if (!url.isValid() || (url.scheme() != QLatin1String("mqtt") && url.scheme() != QLatin1String("mqtts")) || url.host().isEmpty())
        return makeError(QStringLiteral("\"%1\" is not a broker address (expected mqtt://HOST:PORT or mqtts://HOST:PORT)").arg(text));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return makeError(QStringLiteral("\"%1\": a broker address has no path").arg(text));
    b.tls = url.scheme() == QLatin1String("mqtts");
    b.host = url.host();
    b.port = url.port(b.tls ? 8883 : 1883);
    if (b.port <= 0 || b.port > 65535)
        return makeError(QStringLiteral("\"%1\": port out of range").arg(text));
    return b;
}

QString BrokerUrl::toString() const { return QStringLiteral("%1://%2:%3").arg(tls ? "mqtts" : "mqtt", host).arg(port); }

bool BrokerUrl::isLoopback() const
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Status completeTlsOptions(MqttOptions &o, const QString &passwordFile)
{
    for (const QString *file : {&o.caFile, &o.certFile, &o.keyFile})
        if (!file->isEmpty() && !QFileInfo(*file).isReadable())
            return makeError(QStringLiteral("cannot read %1").arg(*file));
    if (o.certFile.isEmpty() != o.keyFile.isEmpty())
        return makeError(QStringLiteral("a client certificate needs its key, and a key its certificate (--cert and --key)"));
    // The CA decides which broker is believed (whoever could change it could put a broker of their own in between);
    // the client key is a secret.
    if (!o.caFile.isEmpty())
        if (auto trusted = trustfile::check(o.caFile, QStringLiteral("the broker's CA certificate")); !trusted)
            return trusted;
    if (!o.keyFile.isEmpty())
        if (auto secret = secretfile::checkPrivate(o.keyFile); !secret)
            return secret;
    if (!o.url.tls && (!o.caFile.isEmpty() || !o.certFile.isEmpty()))
        return makeError(QStringLiteral("--ca, --cert and --key need an mqtts:// address"));
    // Plain MQTT only on this machine: anything crossing a network must be encrypted.
    if (!o.url.tls && !o.url.isLoopback())
        return makeError(QStringLiteral("plain mqtt:// is only allowed to this machine (127.0.0.1); use mqtts:// for %1").arg(o.url.host));
    if (!passwordFile.isEmpty()) {
        if (o.user.isEmpty())
            return makeError(QStringLiteral("a broker password file needs a broker user name"));
        auto password = secretfile::readFirstLine(passwordFile);   // refused when others may read it
        if (!password)
            return makeError(password.error());
        o.password = password.value().trimmed();
        if (o.password.isEmpty())
            return makeError(QStringLiteral("%1 is empty; it should hold the password on its first line").arg(passwordFile));
    }
    return Ok{};
}

MqttClient::MqttClient(const MqttOptions &options) : m_options(options) {}

Result<std::unique_ptr<MqttClient>> MqttClient::create(const MqttOptions &options)
{
    initLibrary();
    std::unique_ptr<MqttClient> c(new MqttClient(options));
    const QByteArray id = options.clientId.toUtf8();
    c->m_mosq = mosquitto_new(id.constData(), true, c.get());
    if (!c->m_mosq)
        return makeError(QStringLiteral("cannot create an MQTT client"));
    mosquitto *m = c->m_mosq;
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, std::clamp(options.maxInflight, 1, 65535));
    // And as many on their way to us: the broker need not wait for our acknowledgements in a burst.
    mosquitto_int_option(m, MOSQ_OPT_RECEIVE_MAXIMUM, std::clamp(options.maxInflight, 1, 65535));
    // Commands and their answers are small and latency-bound: no Nagle delay.
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_v5_callback_set(m, &MqttClient::onConnect);
    mosquitto_disconnect_v5_callback_set(m, &MqttClient::onDisconnect);
    mosquitto_message_v5_callback_set(m, &MqttClient::onMessageRaw);
    mosquitto_publish_v5_callback_set(m, &MqttClient::onPublish);
    mosquitto_log_callback_set(m, &MqttClient::onLog);
    if (!options.user.isEmpty()) {
        const QByteArray user = options.user.toUtf8(), password = options.password.toUtf8();
        mosquitto_username_pw_set(m, user.constData(), password.isEmpty() ? nullptr : password.constData());
    }
    if (options.url.tls) {
        const QByteArray ca = options.caFile.toLocal8Bit(), cert = options.certFile.toLocal8Bit(), key = options.keyFile.toLocal8Bit();
        const int rc = mosquitto_tls_set(m, ca.isEmpty() ? nullptr : ca.constData(), ca.isEmpty() ? "/etc/ssl/certs" : nullptr,
                                         cert.isEmpty() ? nullptr : cert.constData(), key.isEmpty() ? nullptr : key.constData(), nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return makeError(QStringLiteral("TLS set-up failed: %1").arg(mosquittoError(rc)));
        // Verify the broker's certificate and name; TLS 1.2 or later.
        mosquitto_tls_opts_set(m, 1, "tlsv1.2", nullptr);
        mosquitto_tls_insecure_set(m, false);
    }
    if (!options.willTopic.isEmpty() && !options.willForConnection && !c->setWill(options.willPayload))
        return makeError(QStringLiteral("cannot set the Last Will"));
    return c;
}

bool MqttClient::setWill(const QByteArray &payload)
{
    const int rc = mosquitto_will_set_v5(m_mosq, m_options.willTopic.constData(), static_cast<int>(payload.size()), payload.constData(), 1,
                                         true, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        qCWarning(lcLink) << "cannot set the Last Will:" << mosquittoError(rc);
    return rc == MOSQ_ERR_SUCCESS;
}

MqttClient::~MqttClient()
{
    stop();
    if (m_mosq)
        mosquitto_destroy(m_mosq);
}

Status MqttClient::start()
{
    if (m_started)
        return Ok{};
    // Our own network thread rather than mosquitto_loop_start(): libmosquitto's gives up for good when the first
    // connection fails (broker not up yet, a name that does not resolve, a TLS error); a control room's link must not.
    mosquitto_threaded_set(m_mosq, true);
    m_started = true;
    m_thread = std::thread([this] { run(); });
    return Ok{};
}

void MqttClient::run()
{
    const QByteArray host = m_options.url.host.toUtf8();
    const int keepAlive = std::max(5, m_options.keepAliveS);
    bool first = true;
    int delayS = 1;
    auto outageStart = std::chrono::steady_clock::now();
    while (m_started) {
        // Between connections the loop is not running: libmosquitto's Will may be replaced (it goes out with CONNECT).
        if (m_options.willForConnection && !m_options.willTopic.isEmpty())
            setWill(m_options.willForConnection());
        // Non-blocking connects, so stop() never waits on an unanswered SYN; the loop drives them.
        int rc = first ? mosquitto_connect_bind_async(m_mosq, host.constData(), m_options.url.port, keepAlive, nullptr)
                       : mosquitto_reconnect_async(m_mosq);
        if (first && rc == MOSQ_ERR_INVAL) {
            setLastError(QStringLiteral("%1: invalid connection settings").arg(m_options.url.toString()));
            return;
        }
        first = false;
        m_attemptExplained = false;
        if (rc == MOSQ_ERR_SUCCESS) {
            while (m_started && (rc = mosquitto_loop(m_mosq, 200, 1)) == MOSQ_ERR_SUCCESS) {
            }
        } else if (rc != MOSQ_ERR_TLS) {
            // (A TLS failure was already described, in more detail, through the log callback.)
            setLastError(QStringLiteral("%1: %2").arg(m_options.url.toString(), mosquittoError(rc)));
        }
        const auto now = std::chrono::steady_clock::now();
        if (m_wasUp.exchange(false)) {
            delayS = 1;   // it worked until now: try again soon
            outageStart = now;
        }
        // A broker that restarts is back within seconds: try every 2 s for the first minute of an outage (every
        // second while commands wait for answers), and back off only after that.
        const int capS = m_urgent.load() ? 1 : now - outageStart < std::chrono::seconds(60) ? 2 : 30;
        const int waitS = std::min(delayS, capS);
        for (int waited = 0; m_started && waited < waitS * 10; ++waited)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        delayS = std::min(delayS * 2, 30);
    }
}

void MqttClient::stop()
{
    if (!m_started)
        return;
    // What was published last (a gateway's goodbye, a console's last operation) reaches the broker before the
    // connection closes: a clean disconnect publishes no Will, so a lost goodbye would leave others waiting for the
    // keep-alive. The network thread is still running the loop meanwhile; bounded, so a dead broker cannot hold us.
    for (int waited = 0; m_connected.load() && m_unacked.load() > 0 && waited < 100; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    m_started = false;
    mosquitto_disconnect_v5(m_mosq, MQTT_RC_NORMAL_DISCONNECTION, nullptr);
    if (m_thread.joinable())
        m_thread.join();
    m_connected = false;
}

bool MqttClient::publish(const QByteArray &topic, const QByteArray &payload, int qos, bool retain,
                         const QByteArray &responseTopic, const QByteArray &correlation)
{
    mosquitto_property *props = nullptr;
    if (!responseTopic.isEmpty())
        mosquitto_property_add_string(&props, MQTT_PROP_RESPONSE_TOPIC, responseTopic.constData());
    if (!correlation.isEmpty())
        mosquitto_property_add_binary(&props, MQTT_PROP_CORRELATION_DATA, correlation.constData(), static_cast<std::uint16_t>(correlation.size()));
    ++m_unacked;
    const int rc = mosquitto_publish_v5(m_mosq, nullptr, topic.constData(), static_cast<int>(payload.size()), payload.constData(),
                                        qos, retain, props);
    mosquitto_property_free_all(&props);
    if (rc == MOSQ_ERR_NO_CONN && qos > 0) {
        // libmosquitto queues a QoS 1 message before it tries to write it, and says "not connected" when it cannot:
        // the message is kept and goes out once the broker is back (its acknowledgement then counts it off). Taken,
        // as this function promises. Said to be a failure, it made the console sign the command again, and the device
        // received two copies of one attempt (tst_mqttoutages, a broker killed mid-order).
        qCDebug(lcLink) << "publish to" << topic << "queued until the broker is back";
        return true;
    }
    if (rc != MOSQ_ERR_SUCCESS) {
        --m_unacked;
        qCDebug(lcLink) << "publish to" << topic << "failed:" << mosquittoError(rc);
        return false;
    }
    return true;
}

bool MqttClient::subscribe(const QByteArray &pattern, int qos, bool noLocal)
{
    return mosquitto_subscribe_v5(m_mosq, nullptr, pattern.constData(), qos, noLocal ? MQTT_SUB_OPT_NO_LOCAL : 0, nullptr)
        == MOSQ_ERR_SUCCESS;
}

QString MqttClient::lastError() const
{
    std::lock_guard lock(m_errorMutex);
    return m_lastError;
}

void MqttClient::setLastError(const QString &text)
{
    std::lock_guard lock(m_errorMutex);
    m_lastError = text;
    m_attemptExplained = true;
}

void MqttClient::onConnect(mosquitto *, void *self, int rc, int, const mqtt5__property *)
{
    auto *c = static_cast<MqttClient *>(self);
    if (rc != 0) {
        const QString why = QStringLiteral("%1 refused the connection: %2").arg(c->m_options.url.toString(), QString::fromUtf8(mosquitto_reason_string(rc)));
        c->setLastError(why);
        if (c->m_onConnection)
            c->m_onConnection(false, why);
        return;
    }
    if (c->m_everConnected.exchange(true))
        ++c->m_reconnects;
    c->m_connected = true;
    c->m_wasUp = true;
    // libmosquitto formats a log line for every packet once a log callback is set; connected, we need none
    // (the callbacks say what goes wrong). It comes back while we are disconnected, to catch TLS and socket errors.
    mosquitto_log_callback_set(c->m_mosq, nullptr);
    if (c->m_onConnection)
        c->m_onConnection(true, {});
}

void MqttClient::onDisconnect(mosquitto *, void *self, int rc, const mqtt5__property *)
{
    auto *c = static_cast<MqttClient *>(self);
    const bool was = c->m_connected.exchange(false);
    mosquitto_log_callback_set(c->m_mosq, &MqttClient::onLog);
    if (rc == 0 && !c->m_started)
        return;   // our own clean disconnect
    const QString why = rc == 0 ? QStringLiteral("disconnected") : mosquittoError(rc);
    if (was) {
        c->setLastError(QStringLiteral("lost %1: %2").arg(c->m_options.url.toString(), why));
    } else if (rc == MOSQ_ERR_CONN_LOST && !c->m_attemptExplained) {
        // The socket was closed by the other end before it answered our CONNECT, and nothing (TLS, a refusal) said
        // why: libmosquitto calls it "The connection was lost.", which points nowhere. Plain MQTT spoken to a TLS
        // listener ends exactly so.
        c->setLastError(c->m_options.url.tls
                            ? QStringLiteral("%1 closed the connection before answering the sign-on (is it an MQTT broker?)")
                                  .arg(c->m_options.url.toString())
                            : QStringLiteral("%1 closed the connection before answering the sign-on: a TLS listener (use "
                                             "mqtts://), or not an MQTT broker")
                                  .arg(c->m_options.url.toString()));
    }
    if (c->m_onConnection)
        c->m_onConnection(false, c->lastError().isEmpty() ? why : c->lastError());
}

void MqttClient::onMessageRaw(mosquitto *, void *self, const mosquitto_message *msg, const mqtt5__property *props)
{
    auto *c = static_cast<MqttClient *>(self);
    if (!c->m_onMessage)
        return;
    Message m;
    m.topic = QByteArray(msg->topic);
    m.payload = QByteArray(static_cast<const char *>(msg->payload), msg->payloadlen);
    m.retained = msg->retain;
    char *response = nullptr;
    if (mosquitto_property_read_string(props, MQTT_PROP_RESPONSE_TOPIC, &response, false)) {
        m.responseTopic = QByteArray(response);
        std::free(response);
    }
    void *correlation = nullptr;
    std::uint16_t length = 0;
    if (mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &correlation, &length, false)) {
        m.correlation = QByteArray(static_cast<const char *>(correlation), length);
        std::free(correlation);
    }
    c->m_onMessage(m);
}

void MqttClient::onPublish(mosquitto *, void *self, int, int, const mqtt5__property *)
{
    --static_cast<MqttClient *>(self)->m_unacked;
}

void MqttClient::onLog(mosquitto *, void *self, int level, const char *text)
{
    if (level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING)) {
        QString said = QString::fromUtf8(text);
        // OpenSSL's words name a routine ("OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed");
        // the likely causes go first, its words after.
        if (said.startsWith(QLatin1String("OpenSSL Error"))) {
            const qsizetype colon = said.indexOf(QLatin1String(": "));
            said = QStringLiteral("TLS handshake failed (not a TLS listener, or a certificate this console does not trust): %1")
                       .arg(colon > 0 ? said.mid(colon + 2) : said);
        }
        static_cast<MqttClient *>(self)->setLastError(said);
        qCDebug(lcLink) << "libmosquitto:" << text;
    }
}

} // namespace cityops
