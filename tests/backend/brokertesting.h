#pragma once
// A real mosquitto on a free loopback port (plain, TLS or both), with a throwaway CA and server certificate made
// by openssl at test time, and the real cityops-sim process against it. Started and stopped by the test.

#include "city/citypackage.h"
#include "link/mqttclient.h"

#include <mutex>
#include <vector>

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace cityops::test {

/// Children die with the test: a test process that crashes or is killed must not leave brokers or gateways behind.
inline void dieWithParent(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

/// `n` ports free now and different from each other (each socket held until all are chosen).
inline QList<int> freePorts(int n)
{
    std::vector<std::unique_ptr<QTcpServer>> held;
    QList<int> ports;
    for (int i = 0; i < n; ++i) {
        held.push_back(std::make_unique<QTcpServer>());
        held.back()->listen(QHostAddress::LocalHost, 0);
        ports << held.back()->serverPort();
    }
    return ports;
}

inline bool portOpen(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    return socket.waitForConnected(200);
}

inline bool run(const QString &program, const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(30'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

/// Starts a server as a child of the test (its output appended to `log`) and waits until every port answers.
inline bool startDaemon(QProcess &process, const QString &program, const QStringList &args, const QString &log, const QList<int> &ports)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(log, QIODevice::Append);
    dieWithParent(process);
    process.start(program, args);
    if (!process.waitForStarted(5000))
        return false;
    return QTest::qWaitFor([&] { return std::all_of(ports.begin(), ports.end(), [](int port) { return portOpen(port); }); }, 5000);
}

/// SIGTERM, then SIGKILL if it does not go within 5 s.
inline void stopDaemon(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000))
        process.kill();
    process.waitForFinished(2000);
}

/// A throwaway PKI in `dir`: ca.crt/ca.key, a server certificate for localhost and 127.0.0.1 (server.crt/.key), a
/// client certificate from the same CA (client.crt/.key), and an unrelated CA (other.crt) that must not be trusted.
inline bool makeTestCertificates(const QString &dir)
{
    const auto path = [&](const char *name) { return QDir(dir).filePath(QLatin1String(name)); };
    const QString openssl = QStringLiteral("openssl");
    QFile ext(path("san.ext"));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    ext.close();
    const bool made =
        run(openssl, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=CityOps test CA",
                      "-keyout", "ca.key", "-out", "ca.crt"}, dir)
        && run(openssl, {"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"}, dir)
        && run(openssl, {"x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                         "-extfile", "san.ext", "-out", "server.crt"}, dir)
        // A client certificate from the same CA, for brokers that require one.
        && run(openssl, {"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=console", "-keyout", "client.key", "-out", "client.csr"}, dir)
        && run(openssl, {"x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                         "-out", "client.crt"}, dir)
        // A second, unrelated CA: a client trusting only it must refuse our broker.
        && run(openssl, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA",
                         "-keyout", "other.key", "-out", "other.crt"}, dir);
    for (const char *f : {"ca.crt", "server.crt", "server.key"})
        QFile::setPermissions(path(f), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    QFile::setPermissions(path("client.key"), QFile::ReadOwner | QFile::WriteOwner);   // a client's key is its own (the console checks)
    return made;
}

class TestBroker {
public:
    enum Listeners { PlainOnly, TlsOnly, Both };

    /// Secured: anonymous clients refused (user "olga", password "s3cret"), and a client certificate from the
    /// test CA required on the TLS listener.
    /// Accounts: anonymous clients refused; accounts and roles from `cityops-admin broker init` with `accountArgs`
    /// (e.g. --consoles desk-1 --gateways gw1), their passwords in accountPassword(name).
    enum Security { Open, PasswordAndClientCertificate, Accounts };

    explicit TestBroker(Listeners listeners = PlainOnly, Security security = Open, const QStringList &accountArgs = {}) : m_listeners(listeners)
    {
        // mosquitto started as root drops to its own user: it must be able to read the folder and the key.
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ReadOther | QFile::ExeOther
                                                | QFile::ReadGroup | QFile::ExeGroup);
        if (listeners != PlainOnly)
            m_ok = makeTestCertificates(m_dir.path());
        const bool secured = security == PasswordAndClientCertificate;
        // As root, mosquitto would switch to its own user, which also cancels "die with the test" (dieWithParent).
        const QString user = ::geteuid() == 0 ? QStringLiteral("user root\n") : QString();
        QString conf = QStringLiteral("per_listener_settings false\nallow_anonymous %1\npersistence false\nlog_dest stderr\n"
                                      "max_queued_messages 100000\nset_tcp_nodelay true\n").arg(secured ? "false" : "true") + user;
        if (secured) {
            m_ok = m_ok && run(QStringLiteral("mosquitto_passwd"), {"-c", "-b", path("passwords"), "olga", "s3cret"}, m_dir.path());
            QFile::setPermissions(path("passwords"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
            conf += QStringLiteral("password_file %1\n").arg(path("passwords"));
        }
        if (security == Accounts) {
            QProcess admin;
            admin.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-admin"), QStringList{"broker", "init", path("accounts")} + accountArgs);
            m_ok = m_ok && admin.waitForFinished(30'000) && admin.exitCode() == 0;
            const QByteArray lines = admin.readAllStandardOutput();
            conf.replace(QStringLiteral("allow_anonymous true\n"), QString()).replace(QStringLiteral("per_listener_settings false\n"), QString());
            conf += QString::fromUtf8(lines.mid(lines.indexOf('\n') + 1));   // the mosquitto.conf lines it printed
        }
        // Ports are free when chosen but may be taken before mosquitto binds them (tests run side by side): then
        // it says so and stops, and the broker starts again on others.
        bool started = false;
        for (int attempt = 0; m_ok && !started && attempt < 3; ++attempt) {
            const QList<int> ports = freePorts(2);
            m_plainPort = listeners != TlsOnly ? ports[0] : 0;
            m_tlsPort = listeners != PlainOnly ? ports[1] : 0;
            QString withListeners = conf;
            if (m_plainPort)
                withListeners += QStringLiteral("listener %1 127.0.0.1\n").arg(m_plainPort);
            if (m_tlsPort)
                withListeners += QStringLiteral("listener %1 127.0.0.1\ncafile %2\ncertfile %3\nkeyfile %4\nrequire_certificate %5\n")
                                     .arg(m_tlsPort).arg(path("ca.crt"), path("server.crt"), path("server.key"), secured ? "true" : "false");
            QFile f(path("mosquitto.conf"));
            m_ok = f.open(QIODevice::WriteOnly) && f.write(withListeners.toUtf8()) > 0;
            f.close();
            started = m_ok && start();
            if (!started)
                stop();
        }
        m_ok = m_ok && started;
    }
    ~TestBroker() { stop(); }

    bool ok() const { return m_ok; }
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    /// Accounts: the password file `cityops-admin broker init` wrote for `name`.
    QString accountPassword(const QString &name) const { return m_dir.filePath(QStringLiteral("accounts/%1.password").arg(name)); }
    QString plainUrl() const { return QStringLiteral("mqtt://127.0.0.1:%1").arg(m_plainPort); }
    QString tlsUrl() const { return QStringLiteral("mqtts://localhost:%1").arg(m_tlsPort); }
    int plainPort() const { return m_plainPort; }
    int tlsPort() const { return m_tlsPort; }

    /// True once this broker runs: its port answering is not enough (another test's broker may hold it), so it
    /// waits for mosquitto's own word that it runs, or its exit.
    bool start()
    {
        static const QRegularExpression running(QStringLiteral("mosquitto version \\S+ running"));
        const qsizetype runningBefore = log().count(running);
        if (!startDaemon(m_process, QStringLiteral("mosquitto"), {QStringLiteral("-c"), path("mosquitto.conf")}, path("broker.log"),
                         {m_plainPort ? m_plainPort : m_tlsPort}))
            return false;
        // Its "running" line in the log, or its death, whichever comes first.
        (void)QTest::qWaitFor([&] { return log().count(running) > runningBefore || m_process.state() == QProcess::NotRunning; }, 5000);
        return log().count(running) > runningBefore && m_process.state() == QProcess::Running;
    }
    void stop() { stopDaemon(m_process); }
    /// kill -9: no goodbye, no Wills published on the way out, every queued message gone.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    QString log() const
    {
        QFile f(path("broker.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private:
    Listeners m_listeners;
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_plainPort = 0;
    int m_tlsPort = 0;
    bool m_ok = true;
};

/// libfaketime (Debian faketime), which shifts a process's wall clock; empty when it is not installed.
inline QString libfaketime()
{
    for (const QFileInfo &arch : QDir(QStringLiteral("/usr/lib")).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (const QString lib = arch.filePath() + QStringLiteral("/faketime/libfaketime.so.1"); QFileInfo::exists(lib))
            return lib;
    return {};
}

/// The real cityops-sim against a broker.
class SimProcess {
public:
    /// `wallClockShift`: libfaketime's offset for the gateway's wall clock ("-1h": set back an hour); empty: the real one.
    SimProcess(const QString &url, const QStringList &extra, const QString &wallClockShift = {})
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        dieWithParent(m_process);
        if (!wallClockShift.isEmpty()) {
            // Preloaded into the gateway itself, not through the faketime command: that one runs the program as a
            // child of its own, which a terminate would leave running.
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LD_PRELOAD"), libfaketime());
            env.insert(QStringLiteral("FAKETIME"), wallClockShift);
            env.insert(QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC"), QStringLiteral("1"));   // timers and keep-alives as they are
            // Under scripts/sanitize: libfaketime is preloaded ahead of AddressSanitizer's runtime, which it allows so.
            const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
            env.insert(QStringLiteral("ASAN_OPTIONS"), (asan.isEmpty() ? QString() : asan + QLatin1Char(':')) + QStringLiteral("verify_asan_link_order=0"));
            m_process.setProcessEnvironment(env);
        }
        m_process.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-sim"), QStringList{"--broker", url} + extra);
        m_process.waitForStarted(5000);
    }
    ~SimProcess()
    {
        resume();
        finish();
    }
    /// SIGTERM: the gateway says goodbye and prints its statistics (JSON) on stdout.
    QByteArray finish()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10'000))
                m_process.kill();
        }
        m_output += m_process.readAllStandardOutput();
        return m_output;
    }
    void pause() { ::kill(static_cast<pid_t>(m_process.processId()), SIGSTOP); m_paused = true; }
    void resume()
    {
        if (m_paused)
            ::kill(static_cast<pid_t>(m_process.processId()), SIGCONT);
        m_paused = false;
    }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }
    bool running() const { return m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
    QByteArray m_output;
    bool m_paused = false;
};

inline QString defaultCityFile() { return QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"); }

/// A bare MQTT client that keeps what it receives, for tests that play a device, an attacker or a spy.
struct RawClient {
    std::unique_ptr<MqttClient> client;
    std::mutex mutex;
    std::vector<MqttClient::Message> received;

    RawClient(const MqttOptions &options)
    {
        client = MqttClient::create(options).value();
        client->onMessage([this](const MqttClient::Message &m) {
            std::lock_guard lock(mutex);
            received.push_back(m);
        });
        (void)client->start();
    }
    size_t waiting()
    {
        std::lock_guard lock(mutex);
        return received.size();
    }
    std::vector<MqttClient::Message> take()
    {
        std::lock_guard lock(mutex);
        return std::exchange(received, {});
    }
};

} // namespace cityops::test
