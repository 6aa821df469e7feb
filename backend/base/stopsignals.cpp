#include "base/stopsignals.h"

#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace cityops {

namespace {

int g_fds[2] = {-1, -1};   ///< [0] written by the handler, [1] read on the main thread
constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};

void onSignal(int signo)
{
    // Only async-signal-safe calls here: one write, and the default action back for the next signal.
    const char c = static_cast<char>(signo);
    const ssize_t written = ::write(g_fds[0], &c, 1);
    (void)written;
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, nullptr);
}

QString signalName(int signo)
{
    switch (signo) {
    case SIGTERM: return QStringLiteral("SIGTERM");
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGHUP: return QStringLiteral("SIGHUP");
    }
    return QStringLiteral("signal %1").arg(signo);
}

} // namespace

StopSignals::StopSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_fds) != 0)
        return;   // no pipe: the signals keep their default action (the store is still safe; WAL survives a kill)
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::readSignal);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signo : kSignals)
        sigaction(signo, &action, nullptr);
}

StopSignals::~StopSignals()
{
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (const int signo : kSignals)
        sigaction(signo, &dfl, nullptr);
    if (g_fds[0] >= 0) {
        ::close(g_fds[0]);
        ::close(g_fds[1]);
        g_fds[0] = g_fds[1] = -1;
    }
}

QString StopSignals::received()
{
    char c = 0;
    while (g_fds[1] >= 0 && ::recv(g_fds[1], &c, 1, MSG_DONTWAIT) == 1)
        if (m_first.isEmpty())
            m_first = signalName(static_cast<unsigned char>(c));
    return m_first;
}

void StopSignals::onStop(QObject *context, const std::function<void(const QString &)> &stop)
{
    connect(this, &StopSignals::stopRequested, context, stop);
    if (const QString name = received(); !name.isEmpty())
        QTimer::singleShot(0, context, [stop, name] { stop(name); });
}

void StopSignals::readSignal()
{
    char c = 0;
    if (::recv(g_fds[1], &c, 1, MSG_DONTWAIT) != 1)
        return;   // taken by received() meanwhile
    const QString name = signalName(static_cast<unsigned char>(c));
    if (m_first.isEmpty())
        m_first = name;
    Q_EMIT stopRequested(name);
}

} // namespace cityops
