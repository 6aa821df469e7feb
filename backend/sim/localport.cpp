#include "sim/localport.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace cityops::localport {

namespace {

/// The inodes of the sockets listening on the TCP port, read from the kernel's tables (a probe would take SUMO's
/// single client slot).
std::vector<QByteArray> listeningSockets(int port)
{
    const QByteArray hexPort = ":" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    std::vector<QByteArray> inodes;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 9 && fields[1].endsWith(hexPort) && fields[3] == "0A")
                inodes.push_back(fields[9]);
        }
    }
    return inodes;
}

/// Whether the process holds one of these sockets (its open files link to "socket:[inode]").
bool holdsAnyOf(qint64 pid, const std::vector<QByteArray> &inodes)
{
    if (inodes.empty() || pid <= 0)
        return false;
    const QString fds = QStringLiteral("/proc/%1/fd").arg(pid);
    for (const QString &fd : QDir(fds).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char target[64] = {};
        const QByteArray path = QFile::encodeName(fds + QLatin1Char('/') + fd);
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        if (n <= 0)
            continue;
        const QByteArray link(target, n);   // "socket:[inode]"
        for (const QByteArray &inode : inodes)
            if (link == "socket:[" + inode + "]")
                return true;
    }
    return false;
}

} // namespace

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = -1;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool listensOn(qint64 pid, int port)
{
    return holdsAnyOf(pid, listeningSockets(port));
}

} // namespace cityops::localport
